"""JSON: the summary and every article with its facts, score deductions and findings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from medlint.report.score import MAX_COUNTED_PER_RULE, WEIGHTS

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import Report

SCHEMA_VERSION = 1


def as_dict(report: Report) -> dict[str, Any]:
    by_id = {r.id: r for r in report.rows}
    summary = dict(report.summary)
    summary["worst"] = [
        {"path": by_id[i].path, "title": by_id[i].title, "score": by_id[i].score}
        for i in report.summary["worst"]
    ]
    return {
        "schema": SCHEMA_VERSION,
        "generator": report.generator,
        "today": report.today.isoformat(),
        "score": {"weights": WEIGHTS, "max_counted_per_rule": MAX_COUNTED_PER_RULE},
        "summary": summary,
        "articles": [r.to_dict() for r in report.rows],
        "comparison": None if report.comparison is None else report.comparison.to_dict(),
        "history": [h.to_dict() for h in report.history],
    }


def write(report: Report, out: TextIO) -> None:
    json.dump(as_dict(report), out, indent=1, ensure_ascii=False)
    out.write("\n")
