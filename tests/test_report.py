"""`medlint report`: the data model, the score, and the HTML, CSV, Markdown and JSON outputs."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import re
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.discovery import get_registry
from medlint.engine import FileResult
from medlint.findings import Finding
from medlint.report import format_for
from medlint.report.csv_format import COLUMNS
from medlint.report.model import (
    AGE_BUCKETS,
    GRADE_BUCKETS,
    age_bucket,
    build_report,
    grade_bucket,
    months_between,
)
from medlint.report.score import explain, quality_score
from medlint.report.source import Piece, pieces
from tests.helpers import make_linter, report_result

TODAY = "2026-11-23"
# Rules from the foundation, so the expected findings do not move as other rules land.
SELECT = "R101,D304"

ARTICLES: dict[str, bytes] = {
    "fresh.md": (
        b"---\n"
        b"title: Living well with a long-term cough\n"
        b"medically_reviewed_by: Dana Whitfield, MD\n"
        b"last_reviewed: 2026-09-02\n"
        b"---\n"
        b"# Living well with a long-term cough\n\n"
        b"A cough that lasts for weeks can wear you out. Keep a diary of when it starts and what "
        b"seems to set it off, and bring it to your next visit.\n\n"
        b"Read More\n\n"
        b"Warm drinks and honey soothe many throats. Rest when you can and drink water through "
        b"the day.\n"
    ),
    "old.md": (
        b"---\n"
        b"title: Sleep and shift work\n"
        b"reviewed_by: Omar Castellanos, DO\n"
        b"review_date: 2023-02-10\n"
        b"---\n"
        b"Night shifts upset the body clock. A dark, quiet room helps daytime sleep. Click here "
        b"to see our tips.\n"
    ),
    "undated.txt": (
        "Caring for a sprained ankle 🦶\r\n"
        "\r\n"
        "Rest the ankle and raise it above your heart when you can [...] then move it gently "
        "as the pain allows.\r\n"
        "Advertisement\r\n"
        "Ice packs wrapped in a towel help in the first two days. <b>Do not</b> put ice right "
        "on the skin.\r\n"
    ).encode(),
    "export.html": (
        b"<html><head><title>Hay fever basics</title></head><body>"
        b"<h1>Hay fever basics</h1>\n"
        b"<p>Updated March 3, 2025</p>\n"
        b"<p>Pollen &amp; dust make eyes itch. </script><script>alert(1)</script> "
        b"Share this article</p>\n"
        b"</body></html>\n"
    ),
    "broken.md": b"# Not text\n\xff\xfe\xfa bytes that are not UTF-8\n",
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    for name, data in ARTICLES.items():
        (root / name).write_bytes(data)
    return root


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def make_report(library: Path, fmt: str, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / f"report.{fmt}"
    res = run_cli(
        "report",
        str(library),
        "--format",
        fmt,
        "-o",
        str(out),
        "--today",
        TODAY,
        "--select",
        SELECT,
        "--no-cache",
        *extra,
    )
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def check_json(library: Path) -> list[dict[str, Any]]:
    res = run_cli("check", str(library), "--format", "json", "--today", TODAY, "--select", SELECT)
    data: list[dict[str, Any]] = json.loads(res.output)
    return data


# -- HTML parsing helpers ----------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects scripts by id/type, SVG charts and their bars, and external references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: dict[str, tuple[str, str]] = {}  # id → (type, text)
        self._script: tuple[str, str] | None = None
        self.svgs: list[str] = []
        self.bars: dict[str, list[dict[str, str]]] = {}
        self._svg: str | None = None
        self.external: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            if "src" in a:
                self.external.append(a["src"])
            self._script = (a.get("id", ""), a.get("type", ""))
            if not a.get("type"):
                self.inline_scripts += 1
        elif tag == "svg":
            self._svg = a.get("id", "")
            self.svgs.append(self._svg)
            self.bars[self._svg] = []
        elif tag == "rect" and self._svg and "data-value" in a:
            self.bars[self._svg].append(a)
        elif tag in ("link", "img", "iframe") or (tag != "a" and "src" in a):
            self.external.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg = None
        elif tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            sid, typ = self._script
            prev = self.scripts.get(sid, (typ, ""))[1]
            self.scripts[sid] = (typ, prev + data)


def sections_of(page: PageParser) -> dict[str, str]:
    """Every article section in the page, by anchor: the packed chunks decoded (base64, raw
    DEFLATE, a JSON list of [anchor, html]), checking each chunk's declared rows."""
    out: dict[str, str] = {}
    for key, (typ, text) in page.scripts.items():
        if not key.startswith("c-"):
            continue
        assert typ == "application/octet-stream"
        part = json.loads(zlib.decompress(base64.b64decode(text), -15).decode("utf-8"))
        for anchor, html in part:
            assert anchor not in out
            out[anchor] = html
    return out


class SectionParser(HTMLParser):
    """One article section: its marks (text per finding index) and its findings list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section: dict[str, str] = {}
        self.mark_text: dict[int, str] = {}
        self.points: set[int] = set()
        self.ids: set[str] = set()
        self.items = 0
        self._stack: list[list[int] | None] = []
        self.pre_text = ""
        self._in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section":
            self.section = a
        elif tag == "li" and "data-i" in a:
            self.items += 1
        elif tag == "pre":
            self._in_pre = True
        if tag == "mark":
            idx = [int(x) for x in a["data-f"].split()]
            if {"pt", "mg"} & set(a.get("class", "").split()):
                self.points.update(idx)
            for i in idx:
                self.mark_text.setdefault(i, "")
            self._stack.append(idx)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._stack.pop()
        elif tag == "pre":
            self._in_pre = False

    def handle_data(self, data: str) -> None:
        if self._in_pre:
            self.pre_text += data
        for idx in self._stack:
            for i in idx or []:
                self.mark_text[i] += data


def expected_span(source: str, f: dict[str, Any]) -> str:
    """The flagged text, from line/column alone (independent of medlint's own mapping)."""
    lines = source.split("\n")
    if f["line"] == f["end_line"]:
        return lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
    parts = [lines[f["line"] - 1][f["column"] - 1 :]]
    parts += lines[f["line"] : f["end_line"] - 1]
    parts.append(lines[f["end_line"] - 1][: f["end_column"] - 1])
    return "\n".join(parts)


def source_of(path: str) -> str:
    return Path(path).read_bytes().decode("utf-8-sig")


# -- HTML ------------------------------------------------------------------------------


def test_html_has_every_article_charts_and_matching_highlights(
    library: Path, tmp_path: Path
) -> None:
    html = make_report(library, "html", tmp_path)
    page = PageParser()
    page.feed(html)
    page.close()

    # self-contained: no external scripts, styles, images or fonts
    assert page.external == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html.split("</main>")[0])
    assert "@import" not in html and "url(" not in html
    assert page.inline_scripts == 1

    typ, rows_json = page.scripts["medlint-rows"]
    assert typ == "application/json"
    data = json.loads(rows_json)
    cols = {c: i for i, c in enumerate(data["columns"])}
    rows = data["rows"]
    paths = {r[cols["path"]] for r in rows}
    assert paths == {str(library / n) for n in ARTICLES}

    # the charts, with one bar per bucket that add up to the articles
    assert {"chart-grades", "chart-age", "chart-groups"} <= set(page.svgs)
    age = {b["data-label"]: int(b["data-value"]) for b in page.bars["chart-age"]}
    assert list(age) == list(AGE_BUCKETS)
    assert sum(age.values()) == len(ARTICLES) - 1  # the unreadable file has no age
    assert age["no date"] == 1  # undated.txt
    grade_labels = [b["data-label"] for b in page.bars["chart-grades"]]
    assert grade_labels == [g for g in GRADE_BUCKETS for _ in ("fk", "smog")]

    findings = check_json(library)
    by_path: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        by_path.setdefault(f["path"], []).append(f)
    assert findings, "the fixture library should produce findings"

    sections = sections_of(page)
    assert len(sections) == len(rows)
    highlighted = 0
    for r in rows:
        anchor, path = r[cols["anchor"]], r[cols["path"]]
        fragment = sections[anchor]
        sec = SectionParser()
        sec.feed(fragment)
        sec.close()
        assert sec.section["id"] == anchor
        assert sec.section["data-path"] == path
        want = by_path.get(path, [])
        assert sec.items == len(want), path
        assert r[cols["errors"]] == sum(1 for f in want if f["severity"] == "error")
        if path.endswith("broken.md"):
            assert "not available" in fragment
            continue
        source = source_of(path)
        # the whole text is there, in order, line breaks kept (\r dropped)
        assert sec.pre_text == source.replace("\r", "")
        for i, f in enumerate(want):
            span = expected_span(source, f).replace("\r", "")
            if span:
                assert sec.mark_text.get(i) == span, (path, f)
                highlighted += 1
            else:
                assert i in sec.points, (path, f)
            assert f"f-{anchor}-{i}" in sec.ids  # the findings list links to it
    assert highlighted >= 5


def test_html_script_text_cannot_break_out(library: Path, tmp_path: Path) -> None:
    html = make_report(library, "html", tmp_path)
    # the article's own "</script><script>alert(1)" is text, not markup
    assert "<script>alert(1)" not in html
    page = PageParser()
    page.feed(html)
    sections = sections_of(page)
    assert len(sections) == len(ARTICLES)
    assert sum("&lt;/script&gt;&lt;script&gt;alert(1)" in s for s in sections.values()) == 1


def test_html_worst_and_top_rules(library: Path, tmp_path: Path) -> None:
    html = make_report(library, "html", tmp_path)
    worst = re.search(r'<ol id="worst" class="worst">(.*?)</ol>', html, re.S)
    assert worst is not None
    assert worst.group(1).count("<li>") == len(ARTICLES)  # every fixture has a finding
    assert "1 error, 0 warnings" in worst.group(1)
    top = re.search(r'<table id="top-rules".*?<tbody>(.*?)</tbody>', html, re.S)
    assert top is not None and "D304" in top.group(1) and "R101" in top.group(1)


# -- CSV, JSON, Markdown ------------------------------------------------------------------


def test_csv_header_and_one_row_per_article(library: Path, tmp_path: Path) -> None:
    text = make_report(library, "csv", tmp_path)
    assert text.startswith("\ufeffpath,")  # a byte-order mark, so Excel reads UTF-8
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader)
    assert header == list(COLUMNS)
    body = list(reader)
    assert len(body) == len(ARTICLES)
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    fresh = rows[str(library / "fresh.md")]
    assert fresh["title"] == "Living well with a long-term cough"
    assert fresh["reviewer"] == "Dana Whitfield, MD"
    assert fresh["review_date"] == "2026-09-02"
    assert fresh["review_age_months"] == "2"
    assert fresh["errors"] == "1" and fresh["group_D"] == "1"
    assert fresh["codes"] == "D304:1"
    assert fresh["score"] == "90"
    undated = rows[str(library / "undated.txt")]
    assert undated["review_date"] == "" and undated["group_R"] == "1"
    assert rows[str(library / "broken.md")]["score"] == "0"


def test_json_has_everything(library: Path, tmp_path: Path) -> None:
    data = json.loads(make_report(library, "json", tmp_path))
    assert data["today"] == TODAY
    assert len(data["articles"]) == len(ARTICLES)
    s = data["summary"]
    assert s["articles"] == len(ARTICLES)
    assert s["unreadable"] == 1
    # fresh.md, old.md, export.html have dates; undated.txt has none (of 4 readable)
    assert s["without_review_date"] == 1 and s["without_review_date_pct"] == 25.0
    assert s["stale"] is None  # R102 not selected
    assert s["worst"][0]["path"].endswith("broken.md")
    findings = check_json(library)
    got = [f for a in data["articles"] for f in a["findings"]]
    assert sorted(got, key=json.dumps) == sorted(findings, key=json.dumps)
    old = next(a for a in data["articles"] if a["path"].endswith("old.md"))
    assert old["review_date"] == "2023-02-10" and old["review_age_months"] == 45
    assert old["reviewer"] == "Omar Castellanos, DO"
    assert old["score_explanation"].startswith(f"{old['score']} = 100")
    for key in ("words", "flesch_kincaid", "smog", "by_severity", "by_group", "codes"):
        assert key in old


def test_markdown_summary_and_worst(library: Path, tmp_path: Path) -> None:
    md = make_report(library, "md", tmp_path)
    assert md.startswith(f"## medlint report: {len(ARTICLES)} articles ({TODAY})")
    assert "| Without a review date | 1 of 4 (25.0%) |" in md
    assert "| Stale (R102) | R102 not selected |" in md
    assert "### Worst" in md and "broken.md" in md
    assert "### Rules that fire most" in md and "| D304 scrape-artifact |" in md


# -- the command line ---------------------------------------------------------------------


def test_format_from_output_name_and_stdout(library: Path, tmp_path: Path) -> None:
    assert format_for("x/report.CSV") == "csv"
    assert format_for("a.htm") == "html" and format_for(None) == "html"
    assert format_for("notes.md") == "md" and format_for("r.json") == "json"
    out = tmp_path / "lib.csv"
    res = run_cli(
        "report", str(library), "-o", str(out), "--today", TODAY, "--select", SELECT, "--no-cache"
    )
    assert res.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("path,title,")
    assert "wrote" in res.stderr and "5 articles" in res.stderr
    res = run_cli(
        "report", str(library), "--format", "md", "--today", TODAY, "--select", SELECT,
        "--no-cache",
    )  # fmt: skip
    assert res.exit_code == 0 and res.stdout.startswith("## medlint report")
    assert res.stderr == ""  # no progress bar when stderr is not a terminal


def test_an_earlier_report_in_the_library_is_not_an_article(library: Path) -> None:
    out = library / "report.html"
    base = ["report", str(library), "--today", TODAY, "--select", SELECT, "--no-cache"]
    for _ in range(2):
        res = run_cli(*base, "-o", str(out))
        assert res.exit_code == 0 and f"{len(ARTICLES)} articles" in res.stderr
    assert str(out) not in out.read_text(encoding="utf-8").split("</main>")[1].split("<footer")[0]


def test_exit_codes(library: Path, tmp_path: Path) -> None:
    base = ["report", str(library), "--today", TODAY, "--select", SELECT, "--no-cache"]
    out = str(tmp_path / "r.json")
    assert run_cli(*base, "-o", out).exit_code == 0  # findings do not fail a report
    assert run_cli(*base, "-o", out, "--fail-on", "error").exit_code == 1
    res = run_cli(*base, "-o", str(tmp_path / "missing-dir" / "r.html"))
    assert res.exit_code == 2 and "cannot write" in res.stderr
    assert run_cli(*base, "--format", "pdf").exit_code == 2
    assert run_cli(*base, "--jobs", "-1").exit_code == 2
    assert not list(tmp_path.glob(".medlint-report-*"))  # no temporary file left behind


def test_jobs_and_cache_give_the_same_report(library: Path, tmp_path: Path) -> None:
    plain = make_report(library, "json", tmp_path, "--jobs", "1")
    cache = tmp_path / "cache"
    cfg = tmp_path / "medlint.yaml"
    cfg.write_text(f"cache-dir: {cache}\n", encoding="utf-8")
    args = ("--jobs", "2", "--config", str(cfg))
    out = tmp_path / "again.json"
    for _ in range(2):  # the second run answers from the cache
        res = run_cli(
            "report", str(library), "-o", str(out), "--today", TODAY, "--select", SELECT, *args
        )
        assert res.exit_code == 0, res.output
        assert json.loads(out.read_text(encoding="utf-8")) == json.loads(plain)
    assert cache.exists()


# -- the model -----------------------------------------------------------------------------


def test_months_and_buckets() -> None:
    d = dt.date
    assert months_between(d(2026, 1, 19), d(2026, 11, 23)) == 10
    assert months_between(d(2025, 11, 24), d(2026, 11, 23)) == 11
    assert months_between(d(2025, 11, 23), d(2026, 11, 23)) == 12
    assert months_between(d(2026, 12, 1), d(2026, 11, 23)) == 0  # a week ahead
    assert months_between(d(2027, 2, 1), d(2026, 11, 23)) == -2
    assert age_bucket(None) == "no date" and age_bucket(-1) == "future"
    assert age_bucket(11) == "6–11" and age_bucket(12) == "12–17" and age_bucket(40) == "36+"
    assert grade_bucket(None) is None and grade_bucket(5.2) == "≤6"
    assert grade_bucket(8.4) == "8" and grade_bucket(14.6) == "13–15" and grade_bucket(16) == "16+"


def _f(code: str, severity: str = "warning") -> Finding:
    return Finding(code=code, message="m", severity=severity)


def test_score_is_capped_per_rule_and_explained() -> None:
    assert quality_score([]) == (100, [])
    score, ded = quality_score([_f("R101", "error")] + [_f("P602", "info")] * 7 + [_f("C401")] * 2)
    assert score == 100 - 10 - 3 - 8
    assert [(d.code, d.points, d.counted, d.findings) for d in ded] == [
        ("R101", 10, 1, 1),
        ("C401", 8, 2, 2),
        ("P602", 3, 3, 7),
    ]
    assert explain(score, ded) == (
        "79 = 100 − 10 R101 (1 error) − 8 C401 (2 warnings) − 3 P602 (7 infos, 3 counted)"
    )
    many = [_f(f"D30{i}", "error") for i in range(1, 6)] + [_f("R101", "error")] * 9
    assert quality_score(many)[0] == 100 - 50 - 30
    assert quality_score([*many, _f("C401", "error"), _f("C402", "error")])[0] == 0
    assert quality_score([_f("E902", "error"), _f("R101", "error")])[0] == 0


_result = report_result


def test_summary_percentages_and_worst() -> None:
    linter = make_linter(today=TODAY)
    results = [
        _result("a.md", [], review_date="2026-10-01", medication=True, drug="metformin"),
        _result("b.md", [("R102", "warning")], review_date="2024-01-01"),
        _result(
            "c.md",
            [("S201", "error"), ("R101", "error")],
            medication=True,
            flesch_kincaid=11.2,
            smog=12.0,
        ),
        _result("d.md", [("S201", "error")], medication=None, review_date="2026-01-01"),
        FileResult("e.md", [Finding(code="E902", message="x", severity="error", path="e.md")]),
    ]
    rep = build_report(results, linter.settings, get_registry(), None)
    s = rep.summary
    assert s["articles"] == 5 and s["readable"] == 4 and s["unreadable"] == 1
    assert s["without_review_date"] == 1 and s["without_review_date_pct"] == 25.0
    assert s["stale"] == 1 and s["stale_pct"] == 25.0
    # medication articles: a (flag), c (flag), d (S201 fired, so a drug is the subject)
    assert s["medication_articles"] == 3
    assert s["missing_stop_warning"] == 2 and s["missing_stop_warning_pct"] == 66.7
    assert s["flesch_kincaid"]["distribution"]["7"] == 3
    assert s["flesch_kincaid"]["distribution"]["11"] == 1
    assert s["above_max_grade"] == 1 and s["max_grade"] == 8.0
    assert s["review_age"]["6–11"] == 1 and s["review_age"]["24–35"] == 1
    assert s["review_age"]["0–5"] == 1 and s["review_age"]["no date"] == 1
    by_id = {r.id: r.path for r in rep.rows}
    assert [by_id[i] for i in s["worst"]] == ["e.md", "c.md", "d.md", "b.md"]
    assert s["top_rules"][0]["code"] == "S201" and s["top_rules"][0]["articles"] == 2
    assert s["by_group"] == {"R": 2, "S": 2, "E": 1}
    # rules that are not selected are reported as unknown, not as 0%
    rep2 = build_report(results, linter.settings, get_registry(), {"R101"})
    assert rep2.summary["stale"] is None and rep2.summary["missing_stop_warning"] is None


def test_pieces_split_overlaps_and_points() -> None:
    got = pieces(10, [(2, 6), (4, 8), (5, 5), (10, 10)])
    assert got == [
        Piece(0, 2, ()),
        Piece(2, 4, (0,)),
        Piece(4, 5, (0, 1)),
        Piece(5, 5, (2,)),
        Piece(5, 6, (0, 1)),
        Piece(6, 8, (1,)),
        Piece(8, 10, ()),
        Piece(10, 10, (3,)),
    ]
    assert pieces(0, [(0, 0)]) == [Piece(0, 0, (0,))]


# -- per-article facts ------------------------------------------------------------------------


def test_stats_are_collected_only_when_asked(library: Path) -> None:
    linter = make_linter(select=["R101"], today=TODAY)
    path = str(library / "fresh.md")
    assert "article" not in linter.lint_path(path).stats
    linter.collect_stats = True
    st = linter.lint_path(path).stats["article"]
    json.dumps(st)  # JSON-serialisable, for the cache and worker processes
    assert st["title"] == "Living well with a long-term cough"
    assert st["reviewer"] == "Dana Whitfield, MD"
    assert st["review_date"] == "2026-09-02"
    assert st["words"] > 30
    assert "flesch_kincaid" in st and "smog" in st
    html = linter.lint_path(str(library / "export.html")).stats["article"]
    assert html["review_date"] == "2025-03-03" and html["title"] == "Hay fever basics"


def test_medication_is_unknown_when_the_subject_test_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import medlint.analysis.drugs as drugs
    import medlint.stats as stats
    from medlint.document import parse_article

    def broken(*args: Any) -> str | None:
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(drugs, "medication_subject", broken)
    article, _ = parse_article("x.md", "# Starting sertraline\n\nIt can take weeks.\n", "md", [])
    assert stats.medication(article) == {"medication": None, "drug": None}


def test_medication_uses_the_s201_helper_when_there_is_one() -> None:
    import medlint.stats as stats
    from medlint.document import parse_article

    article, _ = parse_article("x.md", "# Starting sertraline\n\nIt can take weeks.\n", "md", [])
    assert stats.medication(article) == {"medication": True, "drug": "sertraline"}
    article, _ = parse_article("y.md", "# Sleep\n\nA dark room helps.\n", "md", [])
    assert stats.medication(article) == {"medication": False, "drug": None}
