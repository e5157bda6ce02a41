"""Markdown: what changed since the earlier run (with ``--compare``), the trend (with
``--history``), the library summary, the worst articles and the owners, for pasting into a
ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from medlint.report.model import (
    GRADE_BUCKETS,
    NO_OWNER,
    OWNER_ROLES,
    group_name,
    owners,
    rule_lines,
)

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleChange, Comparison, HistoryPoint, Report

CHANGED_ARTICLES_N = 20  # worse/better articles listed in "What changed"
OWNERS_N = 20  # owners listed per role


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _rule(code: str, name: Any) -> str:
    """A rule as a table shows it: ``C401 unsupported-frequency-claim``; a Vale rule,
    whose name is its code, once (``Microsoft.Passive``)."""
    return code if name == code else f"{code} {_cell(name or None)}"


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1 info``/``2 info`` (with ``plural``)."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _pct(value: float | None, count: int | None, of: str = "") -> str:
    if value is None:
        return "–" if count is None else f"{count}{of}"
    return f"{value:.1f}% ({count}{of})"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else ("±0" if n == 0 else f"−{-n}")


def _severity_counts(sev: dict[str, int]) -> str:
    return (
        f"{count(sev.get('error', 0), 'error')}, {count(sev.get('warning', 0), 'warning')}, "
        f"{sev.get('info', 0)} info"
    )


# -- what changed ---------------------------------------------------------------------------


def _codes(counts: dict[str, int], sign: str) -> str:
    return ", ".join(f"{sign}{n} {c}" for c, n in counts.items())


def _change_line(c: ArticleChange) -> str:
    score = f"{_cell(c.score_before)} → {_cell(c.score_after)}"
    what = "; ".join(x for x in (_codes(c.added, "+"), _codes(c.removed, "−")) if x)
    return (
        f"| {score} | `{_cell(c.path)}` | {c.findings_before} → {c.findings_after} "
        f"| {_cell(what or None)} |"
    )


def _changed_articles(title: str, changes: list[ArticleChange]) -> list[str]:
    if not changes:
        return []
    shown = changes[:CHANGED_ARTICLES_N]
    more = len(changes) - len(shown)
    lines = [
        f"#### {title} ({len(changes)})",
        "",
        "| Score | Article | Findings | Rules |",
        "| --- | --- | --- | --- |",
        *(_change_line(c) for c in shown),
    ]
    if more:
        lines.append(f"| | … and {count(more, 'more article')} | | |")
    return [*lines, ""]


def what_changed(cmp: Comparison, report: Report) -> list[str]:
    t = cmp.totals
    by_status: dict[str, list[ArticleChange]] = {}
    for c in cmp.articles:
        by_status.setdefault(c.status, []).append(c)
    lines = [
        f"### What changed since {cmp.previous}",
        "",
        f"- {count(t['new_findings'], 'new finding')}, {count(t['fixed_findings'], 'fixed finding')}"
        " (in the articles of both runs)",
        f"- {count(t['worse'], 'article')} worse, {t['better']} better; "
        f"{count(t['new_articles'], 'new article')}, {count(t['gone_articles'], 'article')} gone",
        "",
    ]
    if len(by_status.get("same", [])) == len(cmp.articles):
        lines += ["Nothing changed.", ""]
    lines += _changed_articles("Worse", by_status.get("worse", []))
    lines += _changed_articles("Better", by_status.get("better", []))
    new = [
        f"`{_cell(c.path)}` ({c.score_after})"
        for c in by_status.get("new", [])[:CHANGED_ARTICLES_N]
    ]
    if new:
        lines += [
            f"New articles: {', '.join(new)}" + (" …" if t["new_articles"] > len(new) else ""),
            "",
        ]
    gone = [f"`{_cell(c.path)}`" for c in by_status.get("gone", [])[:CHANGED_ARTICLES_N]]
    if gone:
        lines += [f"Gone: {', '.join(gone)}" + (" …" if t["gone_articles"] > len(gone) else ""), ""]
    moved = [r for r in rule_lines(report) if r.change]
    moved.sort(key=lambda r: (-abs(r.change or 0), r.code))
    if moved:
        lines += [
            "#### Rules",
            "",
            "| Rule | Before | Now | Change |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| {_rule(r.code, r.name)} | {r.findings_before} | {r.findings} "
                f"| {_signed(r.change or 0)} |"
                for r in moved
            ),
            "",
        ]
    return lines


def trend(history: list[HistoryPoint]) -> list[str]:
    lines = [
        "### Trend",
        "",
        "| Run | Date | Articles | Findings | Errors | Warnings | Info | Mean score |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for h in history:
        sev = h.by_severity
        lines.append(
            f"| {_cell(h.label)} | {h.today} | {h.articles} | {h.findings} "
            f"| {sev.get('error', 0)} | {sev.get('warning', 0)} | {sev.get('info', 0)} "
            f"| {_cell(h.mean_score)} |"
        )
    return [*lines, ""]


# -- the summary ----------------------------------------------------------------------------


def _stale(s: dict[str, Any]) -> str:
    if s["stale"] is None:
        return "R102 not selected"
    dated = s.get("dated", 0)
    pct = s.get("stale_of_dated_pct")
    return f"{s['stale']} of {dated} dated" + (f" ({pct:.1f}%)" if pct is not None else "")


def summary(report: Report) -> list[str]:
    s = report.summary
    readable = s["readable"]
    return [
        "| | |",
        "| --- | --- |",
        f"| Articles checked | {s['articles']}"
        + (f" ({s['unreadable']} unreadable)" if s["unreadable"] else "")
        + " |",
        f"| Findings | {s['findings']} ({_severity_counts(s['by_severity'])}) |",
        f"| Without a review date | {s['without_review_date']} of {readable}"
        + (
            f" ({s['without_review_date_pct']:.1f}%)"
            if s["without_review_date_pct"] is not None
            else ""
        )
        + " |",
        f"| Stale (R102) | {_stale(s)} |",
        "| Medication articles missing a stop-warning (S201) | "
        + (
            "S201 not selected"
            if s["missing_stop_warning"] is None
            else _pct(
                s["missing_stop_warning_pct"],
                s["missing_stop_warning"],
                f" of {s['medication_articles']}",
            )
        )
        + " |",
        f"| Above reading grade {s['max_grade']:g} (Flesch–Kincaid) | "
        f"{_pct(s['above_max_grade_pct'], s['above_max_grade'])} |",
        f"| Median grade | Flesch–Kincaid {_cell(s['flesch_kincaid']['median'])}, "
        f"SMOG {_cell(s['smog']['median'])} |",
        f"| Mean quality score | {_cell(s['score_mean'])} of 100 |",
        "",
    ]


def distributions(s: dict[str, Any]) -> list[str]:
    lines = [
        "### Reading grade distribution",
        "",
        "| Grade | " + " | ".join(GRADE_BUCKETS) + " |",
        "| --- | " + " | ".join("---:" for _ in GRADE_BUCKETS) + " |",
        "| Flesch–Kincaid | "
        + " | ".join(str(s["flesch_kincaid"]["distribution"][b]) for b in GRADE_BUCKETS)
        + " |",
        "| SMOG | " + " | ".join(str(s["smog"]["distribution"][b]) for b in GRADE_BUCKETS) + " |",
        "",
    ]
    if s["by_group"]:
        lines += ["### Findings by rule group", "", "| Group | Findings |", "| --- | ---: |"]
        lines += [f"| {g} {group_name(g)} | {n} |" for g, n in s["by_group"].items()]
        lines.append("")
    if s["top_rules"]:
        lines += [
            "### Rules that fire most",
            "",
            "| Rule | Severity | Findings | Articles |",
            "| --- | --- | ---: | ---: |",
        ]
        lines += [
            f"| {_rule(r['code'], r['name'])} | {r['severity']} | {r['findings']} "
            f"| {r['articles']} |"
            for r in s["top_rules"]
        ]
        lines.append("")
    return lines


def news_reporting(s: dict[str, Any]) -> list[str]:
    """How many news stories and releases meet each HealthNewsReview criterion (no N8xx
    finding); nothing when the run has none."""
    news = s.get("news_reporting") or {}
    n = news.get("articles", 0)
    if not n:
        return []
    lines = [
        "### News reporting",
        "",
        f"{count(n, 'news story or release', 'news stories and releases')}; a criterion is met "
        "when the article has no finding of its rule.",
        "",
        "| Criterion | Met |",
        "| --- | ---: |",
    ]
    for c in news["criteria"]:
        met = "not selected" if c["met"] is None else _pct(c["met_pct"], c["met"], f" of {n}")
        lines.append(f"| {c['code']} {_cell(c['name'])} | {met} |")
    return [*lines, ""]


def worst(report: Report) -> list[str]:
    by_id = {r.id: r for r in report.rows}
    rows = [by_id[i] for i in report.summary["worst"]]
    title = "Worst article" if len(rows) == 1 else f"Worst {len(rows)} articles"
    lines = [f"### {title}", ""]
    if not rows:
        return [*lines, "Every article scores 100.", ""]
    lines += [
        "| Score | Article | Errors | Warnings | Info | Top rules |",
        "| ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        top = ", ".join(d.code for d in r.deductions[:4])
        lines.append(
            f"| {r.score} | {_cell(r.title)} (`{_cell(r.path)}`) | {r.by_severity['error']} "
            f"| {r.by_severity['warning']} | {r.by_severity['info']} | {top} |"
        )
    return [*lines, ""]


def owner_tables(report: Report) -> list[str]:
    lines: list[str] = []
    compared = report.comparison is not None
    for role in OWNER_ROLES:
        got = owners(report, role)
        if not got or all(o.name == NO_OWNER for o in got):
            lines += [f"### By {role}", "", f"No {role} found in any article.", ""]
            continue
        shown = got[:OWNERS_N]
        head = "| " + role.capitalize() + " | Articles | Findings | Errors | Mean score | Stale |"
        rule = "| --- | ---: | ---: | ---: | ---: | --- |"
        if compared:
            head += " Worse | Better |"
            rule += " ---: | ---: |"
        lines += [f"### By {role}", "", head, rule]
        for o in shown:
            line = (
                f"| {_cell(o.name)} | {o.articles} | {o.findings} | {o.by_severity['error']} "
                f"| {_cell(o.mean_score)} | {o.stale} of {o.dated} dated |"
            )
            if compared:
                line += f" {o.worse} | {o.better} |"
            lines.append(line)
        if len(got) > len(shown):
            lines.append(f"| … and {count(len(got) - len(shown), f'more {role}')} | | | | | |")
        lines.append("")
    return lines


def write(report: Report, out: TextIO) -> None:
    s = report.summary
    lines = [
        f"## medlint report: {count(s['articles'], 'article')} ({report.today.isoformat()})",
        "",
    ]
    if report.comparison is not None:
        lines += what_changed(report.comparison, report)
    if report.history:
        lines += trend(report.history)
    if report.comparison is not None or report.history:
        lines += ["### Summary", ""]
    lines += summary(report)
    lines += distributions(s)
    lines += news_reporting(s)
    lines += worst(report)
    lines += owner_tables(report)
    lines += [
        "Quality score: 100 minus 10 points per error, 4 per warning and 1 per info finding, "
        "counting at most 3 findings of any one rule.",
        "",
    ]
    out.write("\n".join(lines))
