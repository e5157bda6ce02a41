"""`medlint report`: owners, stable anchors, runs compared (``--compare``) and history."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from medlint.discovery import get_registry
from medlint.engine import FileResult
from medlint.report.compare import (
    ReportFileError,
    compare,
    compare_articles,
    load_history,
    load_report,
    validate_report,
)
from medlint.report.json_format import write as write_json
from medlint.report.model import (
    ArticleChange,
    Comparison,
    HistoryPoint,
    Report,
    anchor_for,
    build_report,
)
from tests.helpers import make_linter, report_result

TODAY = "2026-11-23"


_result = report_result


def _report(results: list[FileResult], today: str = TODAY) -> Report:
    return build_report(results, make_linter(today=today).settings, get_registry(), None)


def _json(rep: Report) -> dict[str, Any]:
    buf = io.StringIO()
    write_json(rep, buf)
    data: dict[str, Any] = json.loads(buf.getvalue())
    return data


def test_anchor_is_stable_readable_and_unique() -> None:
    a = anchor_for("content/heart/Atrial Fibrillation.md")
    assert a.startswith("a-content-heart-atrial-fibrillation-md-") and len(a.split("-")[-1]) == 8
    # the same article spelt differently has the same anchor; another article another one
    assert anchor_for("./content//heart/Atrial Fibrillation.md") == a
    assert anchor_for("content\\heart\\Atrial Fibrillation.md") == a
    assert anchor_for("content/heart/atrial-fibrillation.md") != a
    # anchors do not move when an article is added before it
    one = _report([_result("b.md", [])])
    two = _report([_result("a.md", []), _result("b.md", [])])
    assert one.rows[0].anchor == two.rows[1].anchor
    # a long path keeps its end (the file name) in the slug
    long = anchor_for("x" * 200 + "/asthma-in-children.md")
    assert "asthma-in-children-md" in long and len(long) < 60
    # the same path twice still gets unique anchors
    twice = _report([_result("-", []), _result("-", [])])
    assert len({r.anchor for r in twice.rows}) == 2
    assert anchor_for("") and anchor_for("///")


def test_author_and_anchor_are_in_rows_and_json() -> None:
    rep = _report([_result("a.md", [], author="Ana Ruiz", reviewer="Dr. Lee, MD")])
    row = rep.rows[0]
    assert row.author == "Ana Ruiz" and row.reviewer == "Dr. Lee, MD"
    art = _json(rep)["articles"][0]
    assert art["author"] == "Ana Ruiz" and art["anchor"] == row.anchor
    data = _json(rep)
    assert data["comparison"] is None and data["history"] == []


PREVIOUS = [
    _result("same.md", [("P602", "info")]),
    _result("worse.md", [("P602", "info")]),
    _result("better.md", [("R101", "error"), ("P602", "info"), ("P602", "info")]),
    _result("more.md", [("P602", "info")]),
    _result("gone.md", [("C401", "warning")]),
]
CURRENT = [
    _result("same.md", [("P602", "info")]),
    _result("worse.md", [("P602", "info"), ("R101", "error")]),
    _result("better.md", [("P602", "info")]),
    # same score (P602 counts 3 at most), one more finding: worse
    _result("more.md", [("P602", "info")] * 4),
    _result("./new.md", [("S201", "error"), ("S201", "error")]),
]


def test_compare_articles_rules_and_totals() -> None:
    prev = _json(_report(PREVIOUS, "2026-10-23"))
    rep = _report(CURRENT)
    got = compare(rep, validate_report("prev.json", prev))
    assert isinstance(got, Comparison)
    assert got.previous.startswith("2026-10-23 (medlint ")
    by = {c.path: c for c in got.articles}
    assert all(isinstance(c, ArticleChange) for c in got.articles)
    assert {p: c.status for p, c in by.items()} == {
        "same.md": "same",
        "worse.md": "worse",
        "better.md": "better",
        "more.md": "worse",
        "./new.md": "new",
        "gone.md": "gone",
    }
    w = by["worse.md"]
    assert (w.score_before, w.score_after, w.findings_before, w.findings_after) == (99, 89, 1, 2)
    assert w.added == {"R101": 1} and w.removed == {}
    b = by["better.md"]
    assert b.removed == {"R101": 1, "P602": 1} and b.added == {}
    assert by["more.md"].added == {"P602": 3}
    n, g = by["./new.md"], by["gone.md"]
    assert (n.score_before, n.findings_before, n.added) == (None, 0, {})
    assert (g.score_after, g.findings_after, g.findings_before) == (None, 0, 1)
    assert n.anchor == rep.rows[0].anchor or n.anchor in {r.anchor for r in rep.rows}
    # changed articles first: worse (largest drop first), new, better, gone, same
    assert [c.path for c in got.articles] == [
        "worse.md",
        "more.md",
        "./new.md",
        "better.md",
        "gone.md",
        "same.md",
    ]
    assert got.rules == {
        "C401": (1, 0),
        "P602": (5, 7),
        "R101": (1, 1),
        "S201": (0, 2),
    }
    assert got.totals == {
        "new_findings": 4,
        "fixed_findings": 2,
        "worse": 2,
        "better": 1,
        "new_articles": 1,
        "gone_articles": 1,
    }


def test_comparison_and_history_are_serialised() -> None:
    rep = _report(CURRENT)
    rep.comparison = compare(rep, _json(_report(PREVIOUS, "2026-10-23")))
    rep.history = [HistoryPoint("2026-10", "2026-10-23", 5, 6, 93.2, {"error": 1})]
    data = _json(rep)
    c = data["comparison"]
    assert c["previous"] == rep.comparison.previous
    assert c["totals"]["worse"] == 2 and c["rules"]["P602"] == [5, 7]
    assert c["articles"][0] == {
        "path": "worse.md",
        "anchor": rep.comparison.articles[0].anchor,
        "status": "worse",
        "score_before": 99,
        "score_after": 89,
        "findings_before": 1,
        "findings_after": 2,
        "added": {"R101": 1},
        "removed": {},
    }
    assert data["history"] == [
        {
            "label": "2026-10",
            "today": "2026-10-23",
            "articles": 5,
            "findings": 6,
            "mean_score": 93.2,
            "by_severity": {"error": 1},
        }
    ]
    # a report with a comparison is still a valid earlier report for the next run
    assert validate_report("r.json", data) is data


def test_paths_match_however_they_are_spelt() -> None:
    prev = [{"path": "./a/b.md", "score": 90, "findings_total": 1, "codes": {"X": 1}}]
    cur = [{"path": "a//b.md", "score": 90, "findings_total": 1, "codes": {"X": 1}}]
    got = compare_articles(prev, cur)
    assert [c.status for c in got.articles] == ["same"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "a list of findings (`medlint check --format json`?)"),
        ("{", "not JSON (line 1"),
        ('{"generator": "vale"}', "key 'generator': not a medlint report"),
        ('{"generator": "medlint 1", "schema": 99}', "key 'schema': version 99 is newer"),
        (
            '{"generator": "medlint 1", "schema": 1, "today": "yesterday"}',
            "key 'today': expected a date",
        ),
        (
            '{"generator": "medlint 1", "schema": 1, "today": "2026-01-01", "summary": {},'
            ' "articles": [{"path": "a.md", "score": true, "findings_total": 0, "codes": {}}]}',
            "key 'articles[0].score': expected an integer, got bool",
        ),
        (
            '{"generator": "medlint 1", "schema": 1, "today": "2026-01-01", "summary": {},'
            ' "articles": [{"path": "a.md", "score": 1, "findings_total": 0, "codes": {"R": "x"}}]}',
            "key 'articles[0].codes.R': expected an integer",
        ),
    ],
)
def test_a_wrong_previous_file_is_named_with_its_key(
    tmp_path: Path, content: str, message: str
) -> None:
    p = tmp_path / "prev.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReportFileError) as err:
        load_report(str(p))
    assert str(err.value).startswith(f"{p}: ") and message in str(err.value)


def test_history_is_sorted_by_date(tmp_path: Path) -> None:
    d = tmp_path / "hist"
    d.mkdir()
    for name, today, results in (
        ("z-first", "2026-09-01", PREVIOUS),
        ("a-second", "2026-10-01", CURRENT),
    ):
        (d / f"{name}.json").write_text(json.dumps(_json(_report(results, today))))
    (d / "notes.txt").write_text("not a report")
    got = load_history(str(d))
    assert [(h.label, h.today, h.articles, h.findings) for h in got] == [
        ("z-first", "2026-09-01", 5, 7),
        ("a-second", "2026-10-01", 5, 10),
    ]
    assert got[0].by_severity == {"error": 1, "warning": 1, "info": 5}
    assert got[0].mean_score == round((99 + 99 + 88 + 99 + 96) / 5, 1)
    (d / "bad.json").write_text("[]")
    with pytest.raises(ReportFileError, match=r"bad\.json: a list of findings"):
        load_history(str(d))
    assert load_history(str(tmp_path)) == []  # no *.json: no history yet
    with pytest.raises(ReportFileError, match="not a directory"):
        load_history(str(tmp_path / "missing"))
