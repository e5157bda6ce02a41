"""The report's "news reporting" summary: for the news stories and releases in the run, how
many meet each HealthNewsReview criterion (no finding of N801…N808)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main

NEWS_NO_COST = """---
kind: news
---
# Weekly shot eases psoriasis

A weekly injection of relomizumab cleared most skin plaques in 500 adults, researchers said.
"""

NEWS_WITH_COST = """---
kind: news
---
# Weekly shot eases psoriasis

A weekly injection of relomizumab cleared most skin plaques in 500 adults, researchers said.
A year of it is expected to cost about $30,000.
"""

PATIENT_PAGE = """---
kind: patient information
---
# Psoriasis

Psoriasis causes patches of thick, scaly skin. A weekly injection of relomizumab may help.
"""


def _report(tmp_path: Path, fmt: str, select: str) -> str:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.md").write_text(NEWS_NO_COST, encoding="utf-8")
    (lib / "b.md").write_text(NEWS_WITH_COST, encoding="utf-8")
    (lib / "c.md").write_text(PATIENT_PAGE, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    res = CliRunner().invoke(
        main,
        [
            "report",
            str(lib),
            "--format",
            fmt,
            "-o",
            str(out),
            "--today",
            "2026-11-23",
            "--select",
            select,
            "--no-cache",
        ],
    )
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


def test_summary_counts_news_articles_meeting_each_criterion(tmp_path: Path) -> None:
    summary = json.loads(_report(tmp_path, "json", "N803,N807"))["summary"]
    news = summary["news_reporting"]
    assert news["articles"] == 2  # the patient page is not news
    by_code = {c["code"]: c for c in news["criteria"]}
    assert by_code["N803"]["met"] == 1 and by_code["N803"]["met_pct"] == 50.0
    assert by_code["N807"]["met"] == 0  # both quote only "researchers said"
    assert by_code["N801"]["met"] is None  # not selected: not counted as met


def test_markdown_has_a_news_reporting_table(tmp_path: Path) -> None:
    md = _report(tmp_path, "md", "N803")
    assert "### News reporting" in md
    assert "| N803 cost-not-mentioned | 50.0% (1 of 2) |" in md
    assert "| N801 relative-effect-only | not selected |" in md


def test_no_news_section_without_news(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "c.md").write_text(PATIENT_PAGE, encoding="utf-8")
    out = tmp_path / "r.md"
    res = CliRunner().invoke(
        main, ["report", str(lib), "--format", "md", "-o", str(out), "--today", "2026-11-23"]
    )
    assert res.exit_code == 0, res.output
    assert "News reporting" not in out.read_text(encoding="utf-8")


def test_html_has_a_news_reporting_panel(tmp_path: Path) -> None:
    html = _report(tmp_path, "html", "N803")
    panel = html.split('<div class="panel" id="news">', 1)[1].split("</div>", 1)[0]
    assert "News reporting (2 news stories and releases)" in panel
    # N803: one story meets it, one does not (a link that filters the table on the code)
    assert '1 of 2 (50.0%)</td><td class="num"><a href="#articles" data-filter="N803">1</a>' in (
        panel
    )
    assert "<code>N801</code></td><td>relative-effect-only</td>" in panel
    assert "not selected" in panel


def test_csv_counts_news_findings_in_group_n_at_the_end(tmp_path: Path) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(_report(tmp_path, "csv", "N803").lstrip("\ufeff"))))
    assert list(rows[0])[-1] == "group_N"
    by_path = {Path(r["path"]).name: r for r in rows}
    assert by_path["a.md"]["group_N"] == "1" and by_path["b.md"]["group_N"] == "0"
    assert by_path["a.md"]["group_other"] == "0"
