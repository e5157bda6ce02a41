"""CSV: one row per article, with the stable columns documented in README.md ("Editor reports")."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

from medlint.report.model import GROUPS

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleRow, Report

# Stable column names: add new columns at the end, never rename or reorder.
COLUMNS: tuple[str, ...] = (
    "path",
    "title",
    "reviewer",
    "review_date",
    "review_age_months",
    "stale",
    "words",
    "flesch_kincaid",
    "smog",
    "medication",
    "missing_stop_warning",
    "score",
    "findings",
    "errors",
    "warnings",
    "info",
    *(f"group_{g}" for g in GROUPS),
    "group_other",
    "codes",
    "score_explanation",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def row_values(r: ArticleRow) -> dict[str, Any]:
    values: dict[str, Any] = {
        "path": r.path,
        "title": r.title,
        "reviewer": r.reviewer,
        "review_date": r.review_date,
        "review_age_months": r.review_age_months,
        "stale": r.stale,
        "words": r.words,
        "flesch_kincaid": r.flesch_kincaid,
        "smog": r.smog,
        "medication": r.medication,
        "missing_stop_warning": r.missing_stop_warning,
        "score": r.score,
        "findings": len(r.findings),
        "errors": r.by_severity["error"],
        "warnings": r.by_severity["warning"],
        "info": r.by_severity["info"],
        "codes": " ".join(f"{c}:{n}" for c, n in r.codes.items()),
        "score_explanation": r.score_explanation,
    }
    for g, n in r.by_group.items():
        values[f"group_{g}"] = n
    return {k: _cell(values.get(k)) for k in COLUMNS}


def write(report: Report, out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    for r in report.rows:
        w.writerow(row_values(r))
