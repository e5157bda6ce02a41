"""CSV: one row per article (``report --table articles``, the default), or per author,
reviewer or rule (``--table authors|reviewers|rules``), with the stable columns documented in
README.md ("Editor reports").

The file starts with a UTF-8 byte-order mark, so Excel reads it as UTF-8 (the "−" of the
score explanation, accented names); Python readers use ``encoding="utf-8-sig"``.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

from medlint.report.model import GROUPS, normal_path, owners, rule_lines

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleChange, ArticleRow, OwnerSummary, Report

BOM = "\ufeff"
#: the rule groups of the first edition's columns, in their order (later groups are added at the end)
CSV_GROUPS = ("R", "S", "D", "C", "A", "P", "M", "E", "X")

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
    *(f"group_{g}" for g in CSV_GROUPS),
    "group_other",
    "codes",
    "score_explanation",
    # second edition: owners, and the change since --compare (empty without it)
    "author",
    "change",
    "score_before",
    "findings_before",
    "codes_added",
    "codes_removed",
    # groups added after the first edition go at the end (columns are never reordered)
    *(f"group_{g}" for g in GROUPS if g not in CSV_GROUPS),
)

OWNER_COLUMNS: tuple[str, ...] = (
    "role",
    "name",
    "articles",
    "findings",
    "errors",
    "warnings",
    "info",
    "mean_score",
    "dated",
    "stale",
    "worse",
    "better",
)

RULE_COLUMNS: tuple[str, ...] = (
    "code",
    "name",
    "severity",
    "findings",
    "articles",
    "findings_before",
    "change",
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _codes(counts: dict[str, int]) -> str:
    return " ".join(f"{c}:{n}" for c, n in counts.items())


def row_values(r: ArticleRow, change: ArticleChange | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "path": r.path,
        "title": r.title,
        "reviewer": r.reviewer,
        "review_date": r.review_date,
        "review_age_months": r.review_age_months,
        # without a review date, staleness is unknown (empty), unless R102 said so
        "stale": r.stale if (r.stale or r.review_date is not None) else None,
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
        "codes": _codes(r.codes),
        "score_explanation": r.score_explanation,
        "author": r.author,
    }
    other = 0
    for g, n in r.by_group.items():
        if g in GROUPS:
            values[f"group_{g}"] = n
        else:  # plugins' codes and Vale styles
            other += n
    values["group_other"] = other
    if change is not None:
        values.update(
            change=change.status,
            score_before=change.score_before,
            findings_before=change.findings_before if change.status != "new" else None,
            codes_added=_codes(change.added),
            codes_removed=_codes(change.removed),
        )
    return {k: _cell(values.get(k)) for k in COLUMNS}


def gone_values(change: ArticleChange) -> dict[str, Any]:
    """A row for an article of the earlier run that is not in this one."""
    values = {
        "path": change.path,
        "change": "gone",
        "score_before": change.score_before,
        "findings_before": change.findings_before,
    }
    return {k: _cell(values.get(k)) for k in COLUMNS}


def owner_values(o: OwnerSummary) -> dict[str, Any]:
    values = {
        **o.to_dict(),
        "errors": o.by_severity["error"],
        "warnings": o.by_severity["warning"],
        "info": o.by_severity["info"],
    }
    return {k: _cell(values.get(k)) for k in OWNER_COLUMNS}


def _write_articles(report: Report, w: csv.DictWriter[str]) -> None:
    changes = {}
    if report.comparison is not None:
        changes = {normal_path(c.path): c for c in report.comparison.articles}
    for r in report.rows:
        w.writerow(row_values(r, changes.get(normal_path(r.path))))
    for c in changes.values():
        if c.status == "gone":
            w.writerow(gone_values(c))


def write(report: Report, out: TextIO) -> None:
    out.write(BOM)
    if report.table in ("authors", "reviewers"):
        w = csv.DictWriter(out, fieldnames=list(OWNER_COLUMNS), lineterminator="\n")
        w.writeheader()
        for o in owners(report, report.table[:-1]):
            w.writerow(owner_values(o))
    elif report.table == "rules":
        w = csv.DictWriter(out, fieldnames=list(RULE_COLUMNS), lineterminator="\n")
        w.writeheader()
        for line in rule_lines(report):
            values = {
                "code": line.code,
                "name": line.name,
                "severity": line.severity,
                "findings": line.findings,
                "articles": line.articles,
                "findings_before": line.findings_before,
                "change": line.change,
            }
            w.writerow({k: _cell(v) for k, v in values.items()})
    else:
        w = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        _write_articles(report, w)
