"""The HTML report in a real headless browser (Debian's chromium): it runs without console
errors, the table, charts and an article section render.  Skipped where no chromium is
installed (.ci/run installs it)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from tests.test_report import ARTICLES, PageParser

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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no headless chromium installed"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    lib = root / "content"
    lib.mkdir()
    for i in range(COPIES):
        for name, data in ARTICLES.items():
            stem, ext = name.rsplit(".", 1)
            (lib / f"{stem}-{i:02d}.{ext}").write_bytes(data)
    out = root / "report.html"
    res = CliRunner().invoke(
        main,
        [
            "report",
            str(lib),
            "-o",
            str(out),
            "--today",
            "2026-11-23",
            "--select",
            "R101,D304",
            "--no-cache",
        ],
    )
    assert res.exit_code == 0, res.output
    return out


def chromium(
    tmp_path: Path, url: str, *extra: str, size: str = "1280,1800"
) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}", *extra, url],
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


def test_article_section_renders_with_highlights(report: Path, tmp_path: Path) -> None:
    page = PageParser()
    page.feed(report.read_text(encoding="utf-8"))
    rid, fragment = next(
        (k[2:], text)
        for k, (_t, text) in page.scripts.items()
        if k.startswith("t-") and "undated-03" in text
    )
    proc = chromium(tmp_path, f"{report.as_uri()}#a-{rid}", "--dump-dom")
    assert console_messages(proc.stderr) == []
    shown = viewer_html(proc.stdout)
    assert f'<section class="article" id="a-{rid}"' in shown
    marks = shown.count("<mark")
    assert marks >= 2 and marks == fragment.count("<mark")
    assert "[...]</mark>" in shown
    # each mark explains itself on hover: its findings' list entries
    assert re.search(r'<mark [^>]*title="[^"]*D304[^"]*scrape artifact', shown)


def test_screenshot_shows_table_and_charts(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    proc = chromium(tmp_path, report.as_uri(), f"--screenshot={shot}")
    assert console_messages(proc.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1800)
    # a blank page of this size compresses to a few kB; charts, cards and a table do not
    assert len(data) > 60_000
    keep = Path(__file__).resolve().parent.parent / ".pytest_cache"
    if keep.is_dir():  # keep the last screenshot for a human to look at
        shutil.copy(shot, keep / "report-screenshot.png")


# Drives the page like a reader: sort by a header click, filter by typing, page forward, open an
# article by clicking its link; records what the table showed after each step.
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
  var out = {};
  document.querySelector('#articles-table th[data-k="words"]').click();
  out.words = words();
  out.wordsClass = document.querySelector('#articles-table th[data-k="words"]').className;
  document.querySelector('#articles-table th[data-k="words"]').click();
  out.wordsAsc = words();
  var q = document.getElementById("q");
  q.value = "old";
  q.dispatchEvent(new Event("input"));
  out.filtered = paths();
  q.value = "";
  q.dispatchEvent(new Event("input"));
  document.getElementById("next").click();
  out.page2 = document.getElementById("shown").textContent;
  document.querySelector("#rows a").click();
  setTimeout(function () {
    out.viewer = document.querySelectorAll("#viewer section.article").length;
    out.marks = document.querySelectorAll("#viewer mark").length;
    document.body.setAttribute("data-test", JSON.stringify(out));
  }, 50);
})();
</script></body>"""


def test_sort_filter_page_and_open_by_clicking(report: Path, tmp_path: Path) -> None:
    import html
    import json

    page = tmp_path / "interactive.html"
    page.write_text(
        report.read_text(encoding="utf-8").replace("</body>", INTERACT, 1), encoding="utf-8"
    )
    proc = chromium(tmp_path, page.as_uri(), "--dump-dom", "--virtual-time-budget=5000")
    assert console_messages(proc.stderr) == []
    m = re.search(r'data-test="([^"]*)"', proc.stdout)
    assert m is not None, "the interaction script did not finish"
    got = json.loads(html.unescape(m.group(1)))
    nums = [int(w) for w in got["words"] if w != "–"]
    assert nums and nums == sorted(nums, reverse=True)  # first click on a number: largest first
    assert "desc" in got["wordsClass"]
    asc = [int(w) for w in got["wordsAsc"] if w != "–"]
    assert asc == sorted(asc)
    assert len(got["filtered"]) == COPIES and all("old-" in p for p in got["filtered"])
    assert got["page2"].startswith("51–60 of 60")
    assert got["viewer"] == 1
