"""One article's section of the HTML report: facts, score, findings and the highlighted text.

Findings are listed grouped by severity (errors first), then by rule, each group a collapsible
``<details>``; every entry keeps ``data-i`` (its index in the article's findings, in line
order) so the text's marks and the list point at each other.  Sentence-length findings
(:data:`MARGIN_CODES`) are drawn as a bar in the margin at the sentence's first line, not as a
highlight: a long sentence is most of a paragraph, and a highlight everywhere means nothing.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import TYPE_CHECKING

from medlint.findings import SEVERITY_RANK
from medlint.report.html_text import esc, fmt
from medlint.report.model import SEVERITY_ORDER
from medlint.report.source import MAX_TEXT_CHARS, finding_span, line_starts, pieces

if TYPE_CHECKING:  # pragma: no cover
    from medlint.findings import Finding
    from medlint.report.model import ArticleRow

# findings drawn as a margin mark at their first line (P602: long sentences)
MARGIN_CODES = frozenset({"P602"})
SEVERITY_TITLES = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def band(score: int) -> int:
    return 3 if score >= 80 else 2 if score >= 50 else 1


def finding_anchor(key: str, i: int) -> str:
    """The id of finding ``i``'s place in the text of the article with anchor ``key``."""
    return f"f-{key}-{i}"


def text_html(text: str, row: ArticleRow, key: str) -> tuple[str, set[int]]:
    """The article text with flagged spans in <mark>; returns the markup and the findings shown."""
    shown_text = text[:MAX_TEXT_CHARS]
    size = len(shown_text)
    starts = line_starts(text)
    spans = []
    for f in row.findings:
        a, b = finding_span(starts, len(text), f)
        spans.append((a, a) if f.code in MARGIN_CODES else (a, b))
    # findings that start beyond a cut text are listed but not placed
    placed = [i for i, (a, _b) in enumerate(spans) if a < size or a == size == len(text)]
    out: list[str] = ["<i></i>"]  # line numbers: a CSS counter on <i> at each line start
    anchored: set[int] = set()
    for p in pieces(size, [spans[i] for i in placed]):
        seg = shown_text[p.start : p.end].replace("\r", "")
        body = "\n<i></i>".join(escape(part, quote=False) for part in seg.split("\n"))
        active = [placed[k] for k in p.active]
        if not active:
            out.append(body)
            continue
        sev = max((row.findings[i].severity for i in active), key=lambda s: SEVERITY_RANK.get(s, 0))
        ids = " ".join(str(i) for i in active)
        new = [i for i in active if i not in anchored]
        anchored.update(new)
        # the mark carries the first new finding's anchor; others starting here get empty ones
        out.extend(f'<a id="{finding_anchor(key, i)}"></a>' for i in new[1:])
        anchor = f' id="{finding_anchor(key, new[0])}"' if new else ""
        cls = f"hl {sev}"
        if p.start == p.end:
            margin = all(row.findings[i].code in MARGIN_CODES for i in active)
            cls += " mg" if margin else " pt"
        # the tooltip (the findings' list entries) is added by the page script when shown
        out.append(f'<mark{anchor} class="{cls}" data-f="{ids}">{body}</mark>')
    return "".join(out), anchored


def _facts(row: ArticleRow) -> str:
    facts = [
        ("Author", row.author or "none found"),
        ("Reviewer", row.reviewer or "none found"),
        (
            "Reviewed / updated",
            f"{row.review_date} ({row.review_age_months} months ago)"
            if row.review_date
            else "no date found",
        ),
        ("Words", fmt(row.words)),
        ("Flesch–Kincaid grade", fmt(row.flesch_kincaid)),
        ("SMOG grade", fmt(row.smog)),
    ]
    if row.medication is not None or row.missing_stop_warning:
        facts.append(
            (
                "Medication article",
                (f"yes ({row.drug})" if row.drug else "yes")
                if row.medication or row.missing_stop_warning
                else "no",
            )
        )
    return "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)


def _item(i: int, f: Finding, key: str, shown: set[int]) -> str:
    where = f"{f.line}:{f.column}"
    loc = f'<a href="#{finding_anchor(key, i)}">{where}</a>' if i in shown else where
    return (
        f'<li class="{esc(f.severity)}" data-i="{i}" data-code="{esc(f.code)}">{loc} '
        f"{esc(f.message)}</li>"
    )


def findings_html(row: ArticleRow, key: str, shown: set[int], rule_names: dict[str, str]) -> str:
    """The findings grouped by severity, then rule (code order), each group collapsible."""
    if not row.findings:
        return '<p class="muted">No findings.</p>'
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, f in enumerate(row.findings):
        groups[f.severity][f.code].append(i)
    order = [s for s in SEVERITY_ORDER if s in groups] + sorted(
        (s for s in groups if s not in SEVERITY_ORDER), key=lambda s: -SEVERITY_RANK.get(s, 0)
    )
    out = ['<div class="findings">']
    for sev in order:
        by_rule = groups[sev]
        count = sum(len(v) for v in by_rule.values())
        out.append(
            f'<details class="sg g-{esc(sev)}" open><summary><span class="sev {esc(sev)}">'
            f"{esc(SEVERITY_TITLES.get(sev, sev))}</span> "
            f'<span class="n" data-n="{count}">{count}</span></summary>'
        )
        for code in sorted(by_rule):
            idx = by_rule[code]
            name = row.findings[idx[0]].name or rule_names.get(code, "")
            out.append(
                f'<details class="rg" open data-code="{esc(code)}"><summary><b>{esc(code)}</b> '
                f'{esc(name)} <span class="muted">({len(idx)})</span></summary><ol>'
            )
            out.extend(_item(i, row.findings[i], key, shown) for i in idx)
            out.append("</ol></details>")
        out.append("</details>")
    out.append("</div>")
    return "".join(out)


def article_section(row: ArticleRow, text: str | None, rule_names: dict[str, str], key: str) -> str:
    """The HTML of one article's section; ``key`` is the article's stable anchor."""
    shown: set[int] = set()
    body = '<p class="muted">The text of this file is not available.</p>'
    if text is not None:
        marked, shown = text_html(text, row, key)
        cut = (
            f'<p class="muted">Showing the first {MAX_TEXT_CHARS:,} of {len(text):,} characters.</p>'
            if len(text) > MAX_TEXT_CHARS
            else ""
        )
        body = f'{cut}<pre class="text">{marked}</pre>'
    n = len(row.findings)
    return (
        f'<section class="article" id="{esc(key)}" data-path="{esc(row.path)}">'
        f"<h2>{esc(row.title)}</h2>"
        f'<p class="path">{esc(row.path)}</p>'
        f'<p class="scoreline"><span class="score s{band(row.score)}">{row.score}</span> '
        f"quality score: {esc(row.score_explanation)}</p>"
        f'<dl class="facts">{_facts(row)}</dl>'
        f'<h3>Findings (<span class="n" data-n="{n}">{n}</span>)</h3><div class="fbar"></div>'
        f"{findings_html(row, key, shown, rule_names)}"
        f"<h3>Text</h3>{body}</section>"
    )
