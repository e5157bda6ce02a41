"""The HTML report in a real headless browser (Debian's chromium): it runs without console
errors; the table, charts, grouping, downloads, the "what changed" panel and an article
section (decoded from its compressed chunk) render.  A screenshot of each view is saved to
``$MEDLINT_SCREENSHOTS`` (default: ``screenshots/`` under pytest's temporary directory; .ci/run
sets it to ``.ci-artifacts/screenshots`` for the CI artifact).  Skipped where no chromium is
installed (.ci/run installs it)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from medlint.cli import main
from tests.test_report import ARTICLES, PageParser, SectionParser, sections_of

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
COPIES = 12  # 12 × 5 = 60 articles: more than one page of the table
AUTHORS = ("Priya Natarajan", "Tom Okafor", None)  # by copy number, on the Markdown articles
TODAY = "2026-11-23"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless chromium installed"),
]


def write_library(lib: Path) -> None:
    lib.mkdir(exist_ok=True)
    for i in range(COPIES):
        for name, data in ARTICLES.items():
            stem, ext = name.rsplit(".", 1)
            author = AUTHORS[i % len(AUTHORS)]
            if ext == "md" and data.startswith(b"---\n") and author:
                data = b"---\nauthor: " + author.encode() + b"\n" + data[4:]
            (lib / f"{stem}-{i:02d}.{ext}").write_bytes(data)


def run_report(lib: Path, out: Path, *extra: str, select: str = "R101,D304") -> None:
    res = CliRunner().invoke(
        main,
        [
            "report",
            str(lib),
            "-o",
            str(out),
            "--today",
            TODAY,
            "--select",
            select,
            "--no-cache",
            *extra,
        ],
    )
    assert res.exit_code == 0, res.output


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    lib = root / "content"
    write_library(lib)
    out = root / "report.html"
    run_report(lib, out)
    return out


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report compared with an earlier run (fewer rules, one article since removed, one
    not yet written) and with a history of two earlier runs."""
    root = tmp_path_factory.mktemp("compared")
    lib = root / "content"
    write_library(lib)
    history = root / "history"
    history.mkdir()
    newer = lib / "old-00.md"
    kept = newer.read_bytes()
    newer.unlink()
    (lib / "retired.md").write_bytes(ARTICLES["old.md"])
    previous = root / "previous.json"
    run_report(lib, previous, "--today", "2026-10-23", select="R101")
    shutil.copy(previous, history / "2026-10.json")
    run_report(lib, history / "2026-09.json", "--today", "2026-09-23", select="R101,D304")
    (lib / "retired.md").unlink()
    newer.write_bytes(kept)
    out = root / "compared.html"
    run_report(lib, out, "--compare", str(previous), "--history", str(history))
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("MEDLINT_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.getbasetemp() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def chromium(
    tmp_path: Path, url: str, *extra: str, size: str = "1280,1800"
) -> subprocess.CompletedProcess[str]:
    """Chromium on ``url``; a virtual clock lets the page's asynchronous work (decoding an
    article's chunk) finish before the DOM is dumped or the screenshot taken."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={size}",
            "--virtual-time-budget=5000",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def console_messages(stderr: str) -> list[str]:
    """Console output (errors, uncaught exceptions) the page produced; the report logs none."""
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln or "Uncaught" in ln]


def viewer_html(dom: str) -> str:
    m = re.search(r'<section id="viewer"[^>]*>(.*?)</section></main>', dom, re.S)
    assert m is not None, "the article viewer is missing"
    return m.group(1)


def table_data(page: Path) -> tuple[dict[str, int], list[list[Any]]]:
    parsed = PageParser()
    parsed.feed(page.read_text(encoding="utf-8"))
    data = json.loads(parsed.scripts["medlint-rows"][1])
    return {c: i for i, c in enumerate(data["columns"])}, data["rows"]


def anchor_of(page: Path, part: str) -> str:
    cols, rows = table_data(page)
    return str(next(r[cols["anchor"]] for r in rows if part in r[cols["path"]]))


def screenshot(tmp_path: Path, shots: Path, name: str, url: str, size: str = "1280,1800") -> bytes:
    shot = shots / f"{name}.png"
    proc = chromium(tmp_path, url, f"--screenshot={shot}", size=size)
    assert console_messages(proc.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert f"{width},{height}" == size
    return data


def test_table_renders_without_console_errors(report: Path, tmp_path: Path) -> None:
    proc = chromium(tmp_path, report.as_uri(), "--dump-dom")
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    assert 'data-ready="1"' in dom  # the script ran to the end
    body = re.search(r'<tbody id="rows">(.*?)</tbody>', dom, re.S)
    assert body is not None
    rows = re.findall(r'<tr data-id="(\d+)">', body.group(1))
    assert len(rows) == 50  # the first page
    assert f"1–50 of {COPIES * len(ARTICLES)} articles" in dom
    assert re.search(r'<svg id="chart-grades"', dom) and re.search(r'<svg id="chart-age"', dom)
    assert 'id="changes"' not in dom and 'id="trend"' not in dom  # no comparison asked for


def test_filter_and_sort_from_the_address(report: Path, tmp_path: Path) -> None:
    url = report.as_uri() + "?q=undated&sort=path&dir=desc"
    proc = chromium(tmp_path, url, "--dump-dom")
    assert console_messages(proc.stderr) == []
    body = re.search(r'<tbody id="rows">(.*?)</tbody>', proc.stdout, re.S)
    assert body is not None
    paths = re.findall(r'<p class="path">([^<]*)</p></td>', body.group(1))
    assert len(paths) == COPIES
    assert all("undated" in p for p in paths)
    assert paths == sorted(paths, reverse=True)
    assert f"(filtered from {COPIES * len(ARTICLES)})" in proc.stdout


def test_owner_filter_from_the_owners_panel_link(report: Path, tmp_path: Path) -> None:
    url = report.as_uri() + '?q=author:"Priya Natarajan"'
    proc = chromium(tmp_path, url, "--dump-dom")
    assert console_messages(proc.stderr) == []
    body = re.search(r'<tbody id="rows">(.*?)</tbody>', proc.stdout, re.S)
    assert body is not None
    assert len(re.findall(r'<tr data-id="', body.group(1))) == 8  # 4 copies × 2 articles
    assert 'data-filter="author:&quot;Priya Natarajan&quot;"' in proc.stdout


def test_article_section_renders_with_highlights(report: Path, tmp_path: Path) -> None:
    anchor = anchor_of(report, "undated-03")
    page = PageParser()
    page.feed(report.read_text(encoding="utf-8"))
    fragment = sections_of(page)[anchor]
    proc = chromium(tmp_path, f"{report.as_uri()}#{anchor}", "--dump-dom")
    assert console_messages(proc.stderr) == []
    assert f'data-shown="{anchor}"' in proc.stdout
    assert re.search(r'<body[^>]*class="reading"', proc.stdout)  # the article view
    shown = viewer_html(proc.stdout)
    assert f'<section class="article" id="{anchor}"' in shown
    marks = shown.count("<mark")
    assert marks >= 2 and marks == fragment.count("<mark")
    assert "[...]</mark>" in shown
    # each mark explains itself on hover: its findings' list entries
    assert re.search(r'<mark [^>]*title="[^"]*D304[^"]*scrape artifact', shown)
    # findings grouped by severity, then rule; "hide info" on by default
    sec = SectionParser()
    sec.feed(shown)
    assert sec.items == fragment.count("data-i=")
    assert re.search(r'<details class="sg g-error" open=""><summary>', shown)
    assert re.search(r'<details class="rg" open="" data-code="D304">', shown)
    assert re.search(r'<section id="viewer"[^>]* class="hide-info"', proc.stdout)
    assert '<input type="checkbox" id="hide-info" checked="">' in shown


# Drives the page like a reader: sort by a header click, filter by typing (words, a rule
# name), group by author, page forward, download CSV and JSON, open an article by clicking
# its link; records what the page showed after each step.
INTERACT = """<script>
(function () {
  function paths() {
    return Array.prototype.map.call(document.querySelectorAll("#rows tr td:nth-child(2) .path"),
      function (p) { return p.textContent; });
  }
  function words() {
    return Array.prototype.map.call(document.querySelectorAll("#rows tr td:nth-child(8)"),
      function (td) { return td.textContent; });
  }
  var blobs = [], names = [], click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = function (b) { blobs.push(b); return "blob:test"; };
  URL.revokeObjectURL = function () {};
  HTMLAnchorElement.prototype.click = function () {  // a download: record it, stay here
    if (this.download) names.push(this.download); else click.call(this);
  };
  var out = {};
  var q = document.getElementById("q");
  function filter(text) { q.value = text; q.dispatchEvent(new Event("input")); }
  document.querySelector('#articles-table th[data-k="words"]').click();
  out.words = words();
  out.wordsClass = document.querySelector('#articles-table th[data-k="words"]').className;
  document.querySelector('#articles-table th[data-k="words"]').click();
  out.wordsAsc = words();
  out.sortUrl = location.search;
  filter("old");
  out.filtered = paths();
  filter("scrape-artifact");
  out.byName = paths();
  out.byNameUrl = location.search;
  filter("author:priya");
  out.byAuthor = paths();
  filter("");
  var group = document.getElementById("group");
  group.value = "author";
  group.dispatchEvent(new Event("change"));
  out.groups = Array.prototype.map.call(document.querySelectorAll("#rows tr.grp td"),
    function (td) { return td.textContent; });
  out.groupUrl = location.search;
  group.value = "";
  group.dispatchEvent(new Event("change"));
  document.getElementById("next").click();
  out.page2 = document.getElementById("shown").textContent;
  filter("D3");
  document.getElementById("dl-csv").click();
  document.getElementById("dl-json").click();
  out.wide = document.documentElement.scrollWidth <= window.innerWidth + 1;
  Promise.all(blobs.map(function (b) { return b.arrayBuffer(); })).then(function (bufs) {
    // the bytes as written: keep a byte-order mark (Blob.text() would drop it)
    var texts = bufs.map(function (b) {
      return new TextDecoder("utf-8", {ignoreBOM: true}).decode(b);
    });
    out.names = names;
    out.csv = texts[0];
    out.json = texts[1];
    var both = Array.prototype.filter.call(document.querySelectorAll("#rows tr"), function (tr) {
      return / R101/.test(" " + tr.querySelector(".c-codes").textContent);
    });
    both[0].querySelector("a").click();  // an article with an R101 finding besides D304
    setTimeout(function () {
      out.viewer = document.querySelectorAll("#viewer section.article").length;
      out.marks = document.querySelectorAll("#viewer mark").length;
      out.marksOff = document.querySelectorAll("#viewer mark.off").length;
      out.itemsOff = document.querySelectorAll("#viewer li.off").length;
      out.carried = (document.getElementById("carried") || {}).textContent;
      function heads() {
        return Array.prototype.map.call(
          document.querySelectorAll("#viewer h3:first-of-type, #viewer details.sg:not(.off) > summary"),
          function (x) { return x.textContent; });
      }
      out.heads = heads();
      document.getElementById("only").click();  // "show all findings"
      out.headsAll = heads();
      document.getElementById("only").click();  // back to the table's filter
      var hide = document.getElementById("hide-info");
      out.hideInfo = hide.checked;
      hide.click();
      out.infoUrl = location.search;
      out.hash = location.hash;
      document.body.setAttribute("data-test", JSON.stringify(out));
    }, 200);
  });
})();
</script></body>"""


def interact(page: Path, tmp_path: Path, size: str = "1280,1800") -> dict[str, Any]:
    copy = page.with_name(page.stem + "-interactive.html")
    copy.write_text(
        page.read_text(encoding="utf-8").replace("</body>", INTERACT, 1), encoding="utf-8"
    )
    proc = chromium(tmp_path, copy.as_uri(), "--dump-dom", size=size)
    assert console_messages(proc.stderr) == []
    m = re.search(r'data-test="([^"]*)"', proc.stdout)
    assert m is not None, "the interaction script did not finish"
    got: dict[str, Any] = json.loads(html.unescape(m.group(1)))
    return got


def test_sort_filter_group_download_and_open_by_clicking(report: Path, tmp_path: Path) -> None:
    got = interact(report, tmp_path)
    nums = [int(w) for w in got["words"] if w != "–"]
    assert nums and nums == sorted(nums, reverse=True)  # first click on a number: largest first
    assert "desc" in got["wordsClass"]
    asc = [int(w) for w in got["wordsAsc"] if w != "–"]
    assert asc == sorted(asc)
    assert got["sortUrl"] == "?sort=words&dir=asc"  # the state is in the address
    assert len(got["filtered"]) == COPIES and all("old-" in p for p in got["filtered"])
    # a rule name filters like its code (D304 fires on every readable article)
    assert len(got["byName"]) == 4 * COPIES
    assert not any("broken" in p for p in got["byName"])
    assert got["byNameUrl"] == "?q=scrape-artifact&sort=words&dir=asc"
    # author:NAME; Priya wrote copies 0, 3, 6, 9 of the two Markdown articles with front matter
    assert sorted(got["byAuthor"]) == sorted(
        p for p in got["byAuthor"] if re.search(r"(fresh|old)-0[0369]\.md$", p)
    )
    assert len(got["byAuthor"]) == 2 * 4
    assert [g.split(" ·")[0] for g in got["groups"]][:2] == ["Priya Natarajan", "Tom Okafor"]
    assert got["groups"][0].startswith("Priya Natarajan · 8 articles · mean score")
    assert "no author found" in got["groups"][-1]
    assert got["groupUrl"] == "?sort=words&dir=asc&group=author"
    assert got["page2"].startswith("51–60 of 60")
    # downloads: the filtered rows (D3… = D304: 48 articles), CSV with a BOM for Excel
    assert got["names"] == [f"medlint-articles-{TODAY}.csv", f"medlint-articles-{TODAY}.json"]
    csv_lines = got["csv"].split("\r\n")
    assert csv_lines[0].startswith("\ufeffpath,title,author,reviewer,")
    assert len([ln for ln in csv_lines[1:] if ln]) == 4 * COPIES
    exported = json.loads(got["json"])
    assert len(exported) == 4 * COPIES and all("D304" in a["codes"] for a in exported)
    assert got["wide"]
    # the article opened from the filtered table carries the filter: only D304 shown
    assert got["viewer"] == 1
    assert got["marks"] >= 1
    assert got["itemsOff"] == 1  # its R101 finding is hidden
    assert got["carried"].startswith("only D3 (the table’s filter)")
    # the headers count what is shown: the two D304 findings of the three errors
    assert got["heads"] == ["Findings (2 of 3)", "Errors 2 of 3"]
    assert got["headsAll"] == ["Findings (3)", "Errors 3"]
    assert got["hideInfo"] is True
    assert "info=1" in got["infoUrl"] and "q=D3" in got["infoUrl"]
    assert got["hash"].startswith("#a-")


def test_table_fits_800_pixels(report: Path, tmp_path: Path) -> None:
    got = interact(report, tmp_path, size="800,1200")
    assert got["wide"], "the page scrolls sideways at 800 px"


def test_compare_panel_and_trend(compared: Path, tmp_path: Path) -> None:
    proc = chromium(tmp_path, compared.as_uri(), "--dump-dom")
    assert console_messages(proc.stderr) == []
    dom = proc.stdout
    main = dom.split("<main>", 1)[1]
    assert main.startswith('<section class="panel" id="changes">')  # first on the page
    panel = main.split("</section>", 1)[0]
    assert "What changed since 2026-10-23" in panel
    totals = dict(
        (label, int(v))
        for v, label in re.findall(
            r'<div class="v">(\d+)</div><div class="l">(?:<a[^>]*>)?([^<]+)', panel
        )
    )
    # D304 was not selected before: its findings are new (the 4 readable articles of each
    # copy, but old-00 is new and retired is gone)
    assert totals["new articles"] == 1 and totals["articles gone"] == 1
    assert totals["articles worse"] == 4 * COPIES - 1
    assert totals["new findings"] >= 4 * COPIES - 1 and totals["fixed findings"] == 0
    assert re.search(r'<tr><td><a href="#articles" class="code" data-filter="D304">D304</a>', panel)
    changed = re.findall(r'<li data-status="(\w+)">', panel)
    assert changed[0] == "worse" and "new" in changed and "gone" in changed
    assert 'id="chart-trend"' in dom and 'id="chart-trend-score"' in dom
    points = re.findall(
        r'<circle class="pt"[^>]*data-series="errors"[^>]*data-label="([^"]+)"', dom
    )
    assert points == ["2026-09-23", "2026-10-23", TODAY]
    # the table offers the changed articles
    proc = chromium(tmp_path, compared.as_uri() + "?show=W", "--dump-dom")
    assert f"of {4 * COPIES - 1} articles (filtered from {COPIES * len(ARTICLES)})" in proc.stdout


def test_screenshot_of_each_view(report: Path, compared: Path, tmp_path: Path, shots: Path) -> None:
    """One screenshot per view, for the CI artifact and for a human to look at."""
    library = screenshot(tmp_path, shots, "1-library", report.as_uri())
    # a blank page of this size compresses to a few kB; charts, cards and a table do not
    assert len(library) > 60_000
    grouped = screenshot(
        tmp_path,
        shots,
        "2-table-by-author-800px",
        report.as_uri() + "?group=author",
        size="800,2600",
    )
    assert len(grouped) > 60_000
    anchor = anchor_of(report, "undated-03")
    article = screenshot(
        tmp_path, shots, "3-article", f"{report.as_uri()}?q=D304#{anchor}", size="1280,1200"
    )
    assert len(article) > 30_000
    changes = screenshot(tmp_path, shots, "4-what-changed", compared.as_uri())
    assert len(changes) > 60_000
    print(f"screenshots: {shots}")
