"""Runs compared: this report against an earlier report's JSON (``--compare``) and the trend
over several earlier reports (``--history DIR``).

The earlier runs are read from the report's own JSON (``medlint report --format json``): it
has every article (with or without findings), its score and its findings per rule code.
Articles are matched by their normalised path (:func:`medlint.report.model.normal_path`), so
run both reports from the same directory with the same paths.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from medlint.report.model import (
    CHANGE_STATUSES,
    SEVERITY_ORDER,
    ArticleChange,
    Comparison,
    HistoryPoint,
    Report,
    anchor_for,
    normal_path,
)


class ReportFileError(Exception):
    """A file given to ``--compare``/``--history``/``--from`` is not what it should be."""


# -- reading and validating an earlier report ------------------------------------------------


def read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return json.load(fh)
    except OSError as exc:
        raise ReportFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReportFileError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except RecursionError as exc:
        raise ReportFileError(f"{path}: JSON nested too deeply") from exc


def _expect(path: str, where: str, value: Any, kind: type | tuple[type, ...], what: str) -> None:
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ReportFileError(
            f"{path}: key {where!r}: expected {what}, got {type(value).__name__}"
            " (is it the JSON of `medlint report --format json`?)"
        )


def _check_article(path: str, i: int, a: Any) -> None:
    where = f"articles[{i}]"
    _expect(path, where, a, dict, "an object")
    _expect(path, f"{where}.path", a.get("path"), str, "a string")
    _expect(path, f"{where}.score", a.get("score"), int, "an integer")
    _expect(path, f"{where}.findings_total", a.get("findings_total"), int, "an integer")
    codes = a.get("codes")
    _expect(path, f"{where}.codes", codes, dict, "an object of rule code → count")
    for code, n in codes.items():
        _expect(path, f"{where}.codes.{code}", n, int, "an integer")


def validate_report(path: str, data: Any) -> dict[str, Any]:
    """``data`` (read from ``path``) if it is a medlint report JSON, else :class:`ReportFileError`
    naming the file and the key."""
    if isinstance(data, list):
        raise ReportFileError(
            f"{path}: a list of findings (`medlint check --format json`?), not a report; "
            "--compare and --history read the JSON of `medlint report --format json`"
        )
    _expect(path, "(top level)", data, dict, "an object")
    generator = data.get("generator")
    if not (isinstance(generator, str) and generator.startswith("medlint")):
        raise ReportFileError(
            f"{path}: key 'generator': not a medlint report (expected the JSON of "
            "`medlint report --format json`)"
        )
    schema = data.get("schema")
    _expect(path, "schema", schema, int, "an integer")
    from medlint.report.json_format import SCHEMA_VERSION

    if schema > SCHEMA_VERSION:
        raise ReportFileError(
            f"{path}: key 'schema': version {schema} is newer than this medlint reads "
            f"({SCHEMA_VERSION}); upgrade medlint"
        )
    today = data.get("today")
    _expect(path, "today", today, str, "a date YYYY-MM-DD")
    try:
        dt.date.fromisoformat(today)
    except ValueError:
        raise ReportFileError(
            f"{path}: key 'today': expected a date YYYY-MM-DD, got {today!r}"
        ) from None
    _expect(path, "summary", data.get("summary"), dict, "an object")
    articles = data.get("articles")
    _expect(path, "articles", articles, list, "a list")
    for i, a in enumerate(articles):
        _check_article(path, i, a)
    return data


def load_report(path: str) -> dict[str, Any]:
    return validate_report(path, read_json(path))


def label_of(data: dict[str, Any]) -> str:
    """An earlier run's label: ``2026-10-23 (medlint 1.4.0)``."""
    return f"{data['today']} ({data['generator']})"


# -- the comparison -------------------------------------------------------------------------


def _status(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None:
        return "new"
    if after is None:
        return "gone"
    key_b = (before["score"], -before["findings_total"])
    key_a = (after["score"], -after["findings_total"])
    if key_a < key_b:
        return "worse"
    return "better" if key_a > key_b else "same"


def _change(
    path: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> ArticleChange:
    codes_b: Counter[str] = Counter(before["codes"] if before else {})
    codes_a: Counter[str] = Counter(after["codes"] if after else {})
    both = before is not None and after is not None
    return ArticleChange(
        path=path,
        anchor=(after or before or {}).get("anchor") or anchor_for(path),
        status=_status(before, after),
        score_before=before["score"] if before else None,
        score_after=after["score"] if after else None,
        findings_before=before["findings_total"] if before else 0,
        findings_after=after["findings_total"] if after else 0,
        added=dict(sorted((codes_a - codes_b).items())) if both else {},
        removed=dict(sorted((codes_b - codes_a).items())) if both else {},
    )


def _by_path(articles: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for a in articles:
        out.setdefault(normal_path(a["path"]), a)
    return out


def _order(c: ArticleChange) -> tuple[int, int, str]:
    delta = abs((c.score_after or 0) - (c.score_before or 0))
    return (CHANGE_STATUSES.index(c.status), -delta, c.path)


def compare_articles(previous: list[dict[str, Any]], current: list[dict[str, Any]]) -> Comparison:
    """Compare two lists of report-JSON articles (``path``, ``score``, ``findings_total``,
    ``codes``); the label is left empty."""
    before, after = _by_path(previous), _by_path(current)
    changes = [
        _change((after.get(k) or before[k])["path"], before.get(k), after.get(k))
        for k in sorted(before.keys() | after.keys())
    ]
    changes.sort(key=_order)
    rules_b: Counter[str] = Counter()
    rules_a: Counter[str] = Counter()
    for a in previous:
        rules_b.update(a["codes"])
    for a in current:
        rules_a.update(a["codes"])
    status = Counter(c.status for c in changes)
    totals = {
        "new_findings": sum(sum(c.added.values()) for c in changes),
        "fixed_findings": sum(sum(c.removed.values()) for c in changes),
        "worse": status["worse"],
        "better": status["better"],
        "new_articles": status["new"],
        "gone_articles": status["gone"],
    }
    rules = {
        code: (rules_b.get(code, 0), rules_a.get(code, 0))
        for code in sorted(rules_b.keys() | rules_a.keys())
    }
    return Comparison(previous="", articles=changes, rules=rules, totals=totals)


def current_articles(report: Report) -> list[dict[str, Any]]:
    return [r.to_dict(with_findings=False) for r in report.rows]


def compare(report: Report, previous: dict[str, Any]) -> Comparison:
    """This report against an earlier report's (validated) JSON."""
    got = compare_articles(previous["articles"], current_articles(report))
    got.previous = label_of(previous)
    return got


# -- history --------------------------------------------------------------------------------


def history_point(label: str, data: dict[str, Any]) -> HistoryPoint:
    s = data.get("summary", {})
    articles = data["articles"]
    scores = [a["score"] for a in articles]
    sev = s.get("by_severity") if isinstance(s.get("by_severity"), dict) else {}
    return HistoryPoint(
        label=label,
        today=data["today"],
        articles=len(articles),
        findings=sum(a["findings_total"] for a in articles),
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        by_severity={k: int(sev.get(k, 0)) for k in SEVERITY_ORDER},
    )


def this_run(report: Report, label: str = "this run") -> HistoryPoint:
    s = report.summary
    return HistoryPoint(
        label=label,
        today=report.today.isoformat(),
        articles=s["articles"],
        findings=s["findings"],
        mean_score=s["score_mean"],
        by_severity={k: s["by_severity"].get(k, 0) for k in SEVERITY_ORDER},
    )


def load_history(directory: str, skip: Path | None = None) -> list[HistoryPoint]:
    """Every ``*.json`` report in ``directory`` (not recursive), oldest first (by ``today``,
    then file name), labelled with its file name; a file there that is not a report is an
    error naming it.  ``skip``: the file this run writes (an earlier copy of it is not history).
    An empty folder is no history yet (the first run of a CI job), not an error.
    """
    d = Path(directory)
    if not d.is_dir():
        raise ReportFileError(f"{directory}: not a directory")
    own = skip.resolve() if skip is not None else None
    points = [
        history_point(p.stem, load_report(str(p)))
        for p in sorted(d.glob("*.json"))
        if p.is_file() and p.resolve() != own
    ]
    points.sort(key=lambda h: (h.today, h.label))
    return points
