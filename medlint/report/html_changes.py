"""The HTML report's "what changed" panel (``--compare``) and trend charts (``--history``).

The panel leads the page: totals (new and fixed findings, articles worse, better, new, gone),
the rules whose counts moved, and the changed articles (worst first) linked to their sections.
The article table can show the same changed articles (its "show" menu), so a long list here
is cut at :data:`CHANGED_SHOWN`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medlint.report.html_charts import line_chart
from medlint.report.html_panels import plural
from medlint.report.html_text import esc

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleChange, Comparison, Report

CHANGED_SHOWN = 50
STATUS_WORDS = {
    "worse": "worse",
    "new": "new",
    "better": "better",
    "gone": "gone",
    "same": "same",
}
# one letter per status for the table's data (a "show" filter)
STATUS_FLAGS = {"worse": "W", "new": "N", "better": "B"}


def _codes(delta: dict[str, int], sign: str) -> str:
    return " ".join(
        f'<span class="d{sign}">{sign}{esc(c)}{"×" + str(n) if n > 1 else ""}</span>'
        for c, n in delta.items()
    )


def _total(label: str, value: int, cls: str, show: str = "") -> str:
    link = (
        f'<a href="#articles" data-show="{show}">{esc(label)}</a>' if show and value else esc(label)
    )
    return f'<div class="card {cls}"><div class="v">{value}</div><div class="l">{link}</div></div>'


def _rules(comparison: Comparison, names: dict[str, str]) -> str:
    moved = [(c, b, a) for c, (b, a) in comparison.rules.items() if a != b]
    moved.sort(key=lambda t: (-abs(t[2] - t[1]), t[0]))
    rows = "".join(
        f'<tr><td><a href="#articles" class="code" data-filter="{esc(c)}">{esc(c)}</a></td>'
        f'<td>{esc(names.get(c, ""))}</td><td class="num">{b}</td><td class="num">{a}</td>'
        f'<td class="num {"up" if a > b else "down"}">{a - b:+d}</td></tr>'
        for c, b, a in moved
    )
    body = rows or '<tr><td colspan="5" class="muted">No rule changed its count.</td></tr>'
    return (
        '<div class="panel"><h3>Findings per rule</h3><table id="rule-deltas" class="small">'
        '<thead><tr><th>Code</th><th>Rule</th><th class="num">Before</th>'
        f'<th class="num">Now</th><th class="num">Change</th></tr></thead><tbody>{body}'
        "</tbody></table></div>"
    )


def _article(c: ArticleChange, present: set[str]) -> str:
    title = (
        f'<a href="#{esc(c.anchor)}">{esc(c.path)}</a>'
        if c.anchor in present
        else f'<span class="path">{esc(c.path)}</span>'
    )
    score = (
        f"{'–' if c.score_before is None else c.score_before} → "
        f"{'–' if c.score_after is None else c.score_after}"
    )
    return (
        f'<li data-status="{c.status}"><span class="st {c.status}">{STATUS_WORDS[c.status]}</span> '
        f'{title} <span class="muted">score {score}, findings {c.findings_before} → '
        f"{c.findings_after}</span> {_codes(c.added, '+')} {_codes(c.removed, '−')}</li>"
    )


def changes_panel(report: Report, present: set[str]) -> str:
    """The "what changed" panel, or "" without a comparison; ``present``: this run's anchors."""
    comp = report.comparison
    if comp is None:
        return ""
    t = comp.totals
    totals = "".join(
        (
            _total("new findings", t["new_findings"], "bad" if t["new_findings"] else ""),
            _total("fixed findings", t["fixed_findings"], "good" if t["fixed_findings"] else ""),
            _total("articles worse", t["worse"], "bad" if t["worse"] else "", "W"),
            _total("articles better", t["better"], "good" if t["better"] else "", "B"),
            _total("new articles", t["new_articles"], "", "N"),
            _total("articles gone", t["gone_articles"], ""),
        )
    )
    changed = [c for c in comp.articles if c.status != "same"]
    items = "".join(_article(c, present) for c in changed[:CHANGED_SHOWN])
    more = (
        f'<p class="muted">and {plural(len(changed) - CHANGED_SHOWN, "more changed article")}: '
        "use the table's “show” menu.</p>"
        if len(changed) > CHANGED_SHOWN
        else ""
    )
    arts = (
        f'<ol id="changed" class="changed">{items}</ol>{more}'
        if items
        else '<p class="muted">No article changed.</p>'
    )
    return (
        f'<section class="panel" id="changes"><h2>What changed since {esc(comp.previous)}</h2>'
        f'<div class="cards">{totals}</div><div class="row2">{_rules(comp, report.rule_names)}'
        f'<div class="panel"><h3>Articles ({plural(len(changed), "change")})</h3>{arts}</div>'
        "</div></section>"
    )


def change_flags(report: Report) -> dict[str, str]:
    """Anchor → W (worse), N (new) or B (better) for this run's changed articles."""
    if report.comparison is None:
        return {}
    return {
        c.anchor: STATUS_FLAGS[c.status]
        for c in report.comparison.articles
        if c.status in STATUS_FLAGS
    }


def trend_panel(report: Report) -> str:
    """Trend charts over ``report.history`` (the earlier runs of ``--history`` and this run,
    last), or "" without a history."""
    if not report.history:
        return ""
    points = report.history  # the earlier runs, oldest first, then this one
    labels = [p.today for p in points]
    findings = line_chart(
        "chart-trend",
        f"Findings per run ({plural(len(points), 'run')})",
        labels,
        [
            ("errors", [float(p.by_severity.get("error", 0)) for p in points], "#c0392b"),
            ("warnings", [float(p.by_severity.get("warning", 0)) for p in points], "#b7791f"),
            ("info", [float(p.by_severity.get("info", 0)) for p in points], "#2b6cb0"),
        ],
        x_title="run (as of)",
    )
    score = line_chart(
        "chart-trend-score",
        "Mean quality score per run",
        labels,
        [("mean score", [p.mean_score for p in points], "#2e8b57")],
        x_title="run (as of)",
    )
    return f'<div class="charts" id="trend">{findings}{score}</div>'
