"""The HTML report's markup, without a browser: deterministic bytes, packed sections, charts'
axes, wording (plurals, "0 of 0 dated"), margin marks for long sentences, the "what changed"
panel and trend charts.  (tests/test_report_browser.py runs the page in Chromium.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from medlint.report import html_data
from medlint.report.html_charts import bar_chart, line_chart, nice_ticks
from tests.test_report import (
    ARTICLES,
    PageParser,
    SectionParser,
    make_report,
    run_cli,
    sections_of,
)

TODAY = "2026-11-23"
LONG = (
    "When you take the tablets with food and water in the morning and again in the evening "
    "for the whole of the first week and then keep going for as long as the label on the box "
    "tells you to, most people find that the cough settles down and that they sleep better."
)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    for name, data in ARTICLES.items():
        (root / name).write_bytes(data)
    return root


def table(html: str) -> tuple[dict[str, int], list[list[object]]]:
    page = PageParser()
    page.feed(html)
    data = json.loads(page.scripts["medlint-rows"][1])
    return {c: i for i, c in enumerate(data["columns"])}, data["rows"]


def test_same_input_gives_byte_identical_html(library: Path, tmp_path: Path) -> None:
    first = make_report(library, "html", tmp_path)
    again = make_report(library, "html", tmp_path)
    assert first == again


def test_sections_are_packed_in_chunks_in_row_order(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_data, "CHUNK_ARTICLES", 2)
    html = make_report(library, "html", tmp_path)
    cols, rows = table(html)
    chunks = re.findall(
        r'<script type="application/octet-stream" id="c-(\d+)" data-first="(\d+)" '
        r'data-n="(\d+)">',
        html,
    )
    assert [int(k) for k, _f, _n in chunks] == [0, 1, 2]  # 5 articles, 2 per chunk
    assert [(int(f), int(n)) for _k, f, n in chunks] == [(0, 2), (2, 2), (4, 1)]
    page = PageParser()
    page.feed(html)
    sections = sections_of(page)
    assert list(sections) == [r[cols["anchor"]] for r in rows]  # the rows' order
    for anchor, fragment in sections.items():
        assert fragment.startswith(f'<section class="article" id="{anchor}"')
    # the article text only appears compressed: nothing of it is in the page as text
    assert "Rest the ankle and raise it" not in html


def test_anchors_come_from_the_path_and_survive_a_new_article(
    library: Path, tmp_path: Path
) -> None:
    cols, rows = table(make_report(library, "html", tmp_path))
    before = {r[cols["path"]]: r[cols["anchor"]] for r in rows}
    (library / "aaa-first.md").write_text("# A new article\n\nSome text.\n", encoding="utf-8")
    cols, rows = table(make_report(library, "html", tmp_path))
    after = {r[cols["path"]]: r[cols["anchor"]] for r in rows}
    assert all(after[p] == a for p, a in before.items())
    assert all(str(a).startswith("a-") for a in after.values())


def test_nice_ticks_never_repeat() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(2) == [0, 1, 2]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(5) == [0, 2, 4, 6]
    assert nice_ticks(177) == [0, 50, 100, 150, 200]
    for peak in range(0, 400):
        ticks = nice_ticks(peak)
        assert ticks == sorted(set(ticks)) and ticks[0] == 0 and ticks[-1] >= peak
        assert len(ticks) <= 6


def test_small_counts_have_whole_distinct_axis_labels() -> None:
    svg = bar_chart("c", "t", ["a", "b", "c"], [("n", [2, 1, 0], "#000")])
    labels = re.findall(r'class="axis" text-anchor="end">(\d+)</text>', svg)
    assert labels == ["0", "1", "2"]
    svg = line_chart("l", "t", ["x", "y"], [("n", [1.0, None], "#000")])
    assert re.findall(r'class="axis" text-anchor="end">(\d+)</text>', svg) == ["0", "1"]
    assert "<polyline" not in svg  # one point: nothing to join


def test_one_article_and_no_dated_article(tmp_path: Path) -> None:
    lib = tmp_path / "one"
    lib.mkdir()
    (lib / "a.md").write_text("# Only one\n\nA short text with no date.\n", encoding="utf-8")
    html = make_report(lib, "html", tmp_path, "--select", "R101,R102")
    assert "<title>medlint report: 1 article</title>" in html
    assert "1 article · 1 finding ·" in html
    assert "Worst article</h2>" in html
    # stale among the dated articles: none is dated, so no percentage
    card = re.search(r'<div class="v">([^<]*)</div><div class="l">stale \(R102\)</div>', html)
    assert card is not None and card.group(1) == "0 of 0 dated"
    assert "1 error · 0 warnings" in html


def test_long_sentences_are_margin_marks(tmp_path: Path) -> None:
    lib = tmp_path / "long"
    lib.mkdir()
    (lib / "a.md").write_text(f"# Coughs\n\nShort one. {LONG}\n", encoding="utf-8")
    html = make_report(lib, "html", tmp_path, "--select", "P602,D304")
    page = PageParser()
    page.feed(html)
    (fragment,) = sections_of(page).values()
    sec = SectionParser()
    sec.feed(fragment)
    # make_report selects R101 too: the P602 finding is one of two
    assert sec.items == 2
    (i,) = re.findall(r'<li class="info" data-i="(\d+)" data-code="P602">', fragment)
    mark = re.search(rf'<mark id="f-a-[^"]+-{i}" class="hl info mg" data-f="{i}"></mark>', fragment)
    assert mark is not None  # an empty mark (a bar in the margin), not a highlight
    assert int(i) in sec.points and sec.mark_text[int(i)] == ""
    # at the sentence's start: the text after it is the sentence, unhighlighted
    assert fragment[mark.end() :].startswith(LONG[:30])
    assert '<details class="sg g-info" open><summary>' in fragment


def test_findings_grouped_by_severity_then_rule(library: Path, tmp_path: Path) -> None:
    html = make_report(library, "html", tmp_path)
    page = PageParser()
    page.feed(html)
    fragment = next(s for s in sections_of(page).values() if "undated.txt" in s)
    groups = re.findall(r'<details class="(sg g-\w+|rg)" open(?: data-code="(\w+)")?>', fragment)
    assert groups == [("sg g-error", ""), ("rg", "D304"), ("rg", "R101")]
    # in each group, the findings in line order, each keeping its index
    d304 = fragment.split('data-code="D304">', 1)[1].split("</details>", 1)[0]
    idx = [int(i) for i in re.findall(r'data-i="(\d+)"', d304)]
    assert idx and idx == sorted(idx)
    assert len(idx) == 2  # '[...]' and the 'Advertisement' line
    assert len(re.findall(r'data-i="(\d+)"', fragment)) == 3  # and R101


def test_compare_panel_comes_first_with_links_and_trend(library: Path, tmp_path: Path) -> None:
    previous = tmp_path / "previous.json"
    res = run_cli(
        "report", str(library), "-o", str(previous), "--today", "2026-10-23", "--select", "R101"
    )
    assert res.exit_code == 0, res.output
    history = tmp_path / "history"
    history.mkdir()
    (history / "october.json").write_bytes(previous.read_bytes())
    html = make_report(
        library, "html", tmp_path, "--compare", str(previous), "--history", str(history)
    )
    main = html.split("<main>", 1)[1]
    assert main.startswith('<section class="panel" id="changes">')
    panel = main.split("</section>", 1)[0]
    cols, rows = table(html)
    anchors = {r[cols["path"]]: r[cols["anchor"]] for r in rows}
    worse = re.findall(r'<li data-status="worse">.*?<a href="#([^"]+)">([^<]+)</a>', panel)
    assert worse and all(anchors[path] == a for a, path in worse)
    assert {r[cols["change"]] for r in rows} == {"W", ""}
    assert sum(1 for r in rows if r[cols["change"]] == "W") == len(worse)
    assert '<option value="W">worse since the earlier run</option>' in html
    assert re.search(r'data-filter="D304">D304</a></td><td>scrape-artifact</td>', panel)
    assert 'id="chart-trend"' in html
    labels = re.findall(
        r'<circle class="pt"[^>]*data-series="errors"[^>]*data-label="([^"]+)"', html
    )
    assert labels == ["2026-10-23", TODAY]
    plain = make_report(library, "html", tmp_path)
    assert 'id="changes"' not in plain and 'id="trend"' not in plain
    assert '<option value="W">' not in plain


def test_owners_panel_links_to_the_filter(tmp_path: Path) -> None:
    lib = tmp_path / "owned"
    lib.mkdir()
    for i, who in enumerate(("Ana Ruiz", "Ana Ruiz", "Bo Chen")):
        (lib / f"a{i}.md").write_text(
            f"---\ntitle: T{i}\nauthor: {who}\n---\n# T{i}\n\nSome text.\n", encoding="utf-8"
        )
    (lib / "z.md").write_text("# No byline\n\nSome text.\n", encoding="utf-8")
    html = make_report(lib, "html", tmp_path)
    authors = re.search(r'<table id="owners-author".*?<tbody>(.*?)</tbody>', html, re.S)
    assert authors is not None
    names = re.findall(r'<tr><td>(?:<a [^>]*>)?(?:<span class="muted">)?([^<]+)<', authors.group(1))
    assert names == ["Ana Ruiz", "Bo Chen", "no author found"]
    assert 'data-filter="author:&quot;Ana Ruiz&quot;">Ana Ruiz</a>' in authors.group(1)
    assert re.search(r'Ana Ruiz</a></td><td class="num">2</td>', authors.group(1))
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "z.md").write_text("# No byline\n\nSome text.\n", encoding="utf-8")
    assert 'id="owners' not in make_report(lone, "html", tmp_path)
