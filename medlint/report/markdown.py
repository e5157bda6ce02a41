"""Markdown: the library summary and the worst articles, for pasting into a ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from medlint.report.model import GRADE_BUCKETS, group_name

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import Report


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}" if isinstance(value, float) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _pct(value: float | None, count: int | None, of: str = "") -> str:
    if value is None:
        return "–" if count is None else f"{count}{of}"
    return f"{value:.1f}% ({count}{of})"


def write(report: Report, out: TextIO) -> None:
    s = report.summary
    sev = s["by_severity"]
    lines = [
        f"## medlint report: {s['articles']} article{'' if s['articles'] == 1 else 's'} "
        f"({report.today.isoformat()})",
        "",
        "| | |",
        "| --- | --- |",
        f"| Articles checked | {s['articles']}"
        + (f" ({s['unreadable']} unreadable)" if s["unreadable"] else "")
        + " |",
        f"| Findings | {s['findings']} ({sev['error']} errors, {sev['warning']} warnings, "
        f"{sev['info']} info) |",
        f"| Without a review date | {_pct(s['without_review_date_pct'], s['without_review_date'])} |",
        "| Stale (R102) | "
        + ("R102 not selected" if s["stale"] is None else _pct(s["stale_pct"], s["stale"]))
        + " |",
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
            f"| {r['code']} {_cell(r['name'])} | {r['severity']} | {r['findings']} "
            f"| {r['articles']} |"
            for r in s["top_rules"]
        ]
        lines.append("")
    by_id = {r.id: r for r in report.rows}
    worst = [by_id[i] for i in s["worst"]]
    lines += [f"### Worst {len(worst)} articles", ""]
    if worst:
        lines += [
            "| Score | Article | Errors | Warnings | Info | Top rules |",
            "| ---: | --- | ---: | ---: | ---: | --- |",
        ]
        for r in worst:
            top = ", ".join(d.code for d in r.deductions[:4])
            lines.append(
                f"| {r.score} | {_cell(r.title)} (`{_cell(r.path)}`) | {r.by_severity['error']} "
                f"| {r.by_severity['warning']} | {r.by_severity['info']} | {top} |"
            )
    else:
        lines.append("Every article scores 100.")
    lines += [
        "",
        "Quality score: 100 minus 10 points per error, 4 per warning and 1 per info finding, "
        "counting at most 3 findings of any one rule.",
        "",
    ]
    out.write("\n".join(lines))
