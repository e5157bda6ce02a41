#!/usr/bin/env python3
"""Size and load time of the HTML report of a large library (issue 18: 10,000 articles in at
most 30 MB, usable in under a second).

Lints a base library once (by default ``--base-count`` articles written by
``make_corpus.py``; or ``--base DIR``, e.g. ../shared/corpus/articles), then replicates its
results to ``--articles`` rows: copy K of article P is a symbolic link
``bench/out/report-N/copy-K/P`` to the base file, with the base file's findings and facts.
Rows are ordered copy by copy, so the articles packed together in one compressed chunk are
different articles (a chunk never holds two copies of one text, which would flatter the
compression).  Writes the HTML report, then opens it in headless Chromium (real time, no
virtual clock) ``--loads`` times and reports the medians of: the table drawn (the page
script's end, ``data-ms``), the whole document parsed
(``DOMContentLoaded``, ``data-parsed-ms``), a load-and-screenshot process's wall time less a
blank page's, and (with a virtual clock, so the asynchronous decoding is waited for) that the
last article of the file opens.

Usage::

    python bench/report_size.py                          # 10,000 rows from 500 generated articles
    python bench/report_size.py --base ../shared/corpus/articles
    python bench/report_size.py --articles 2000 --loads 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from medlint import runner  # noqa: E402
from medlint.config import build_settings  # noqa: E402
from medlint.discovery import get_registry  # noqa: E402
from medlint.engine import FileResult, Linter  # noqa: E402
from medlint.report import write_report  # noqa: E402
from medlint.report.model import build_report  # noqa: E402

TODAY = dt.date(2026, 11, 23)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync")


def base_library(args: argparse.Namespace, out: Path) -> Path:
    if args.base:
        return Path(args.base).resolve()
    base = out / f"report-base-{args.base_count}"
    if not (base / "manifest.json").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                str(base),
                "--count",
                str(args.base_count),
                "--seed",
                "1",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return base


def lint(base: Path, jobs: int) -> tuple[list[FileResult], Linter]:
    registry = get_registry()
    settings = build_settings({}, registry, None, Path.cwd())
    settings.today = TODAY
    linter = Linter(settings, registry)
    linter.collect_stats = True
    results = runner.run(linter, [str(base)], None, jobs=jobs, use_cache=False)
    return [r for r in results if not r.path.endswith(".json")], linter


def replicate(results: list[FileResult], base: Path, n: int, lib: Path) -> list[FileResult]:
    if lib.exists():
        shutil.rmtree(lib)
    out: list[FileResult] = []
    for k in range(n // len(results) + 1):
        for r in results:
            if len(out) == n:
                return out
            rel = Path(r.path).resolve().relative_to(base)
            link = lib / f"copy-{k:03d}" / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(Path(r.path).resolve(), link)
            path = str(link)
            out.append(replace(r, path=path, findings=[replace(f, path=path) for f in r.findings]))
    return out


def chrome(tmp: Path, name: str, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [CHROMIUM or "chromium", *FLAGS, f"--user-data-dir={tmp}/{name}", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return time.perf_counter() - t0, proc.stdout


def load_times(page: Path, loads: int, tmp: Path) -> dict[str, float]:
    """Medians over ``loads`` loads: the page's own times (``performance.now()`` from the start
    of navigation: ``data-ms`` when the table is drawn, ``data-parsed-ms`` at
    DOMContentLoaded); and the wall time of a whole Chromium process that loads the page and
    takes a screenshot, minus the same on a blank page (start-up and shut-down).  ``--dump-dom``'s own wall time is not used: serialising a DOM
    with tens of MB of script text takes Chromium longer than loading it."""
    blank = tmp / "blank.html"
    blank.parent.mkdir(parents=True, exist_ok=True)
    blank.write_text("<!DOCTYPE html><title>blank</title><p>blank</p>", encoding="utf-8")
    got: dict[str, list[float]] = {
        "table_drawn_ms": [],
        "parsed_ms": [],
        "screenshot_wall_s": [],
    }
    for i in range(loads):
        _t, dom = chrome(tmp, f"d{i}", "--dump-dom", page.as_uri())
        for key, attr in (
            ("table_drawn_ms", "data-ms"),
            ("parsed_ms", "data-parsed-ms"),
        ):
            m = re.search(rf'{attr}="(-?\d+)"', dom)
            if m:
                got[key].append(float(m.group(1)))
        wall, _ = chrome(tmp, f"s{i}", f"--screenshot={tmp}/s{i}.png", page.as_uri())
        base, _ = chrome(tmp, f"b{i}", f"--screenshot={tmp}/b{i}.png", blank.as_uri())
        got["screenshot_wall_s"].append(wall - base)
    return {k: round(statistics.median(v), 3) if v else float("nan") for k, v in got.items()}


def open_last(page: Path, anchor: str, tmp: Path) -> bool:
    proc = subprocess.run(
        [
            CHROMIUM or "chromium",
            *FLAGS,
            f"--user-data-dir={tmp}/open",
            "--virtual-time-budget=10000",
            "--dump-dom",
            f"{page.as_uri()}#{anchor}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return f'data-shown="{anchor}"' in proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--base", help="lint this directory (default: generated articles)")
    ap.add_argument("--base-count", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--loads", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "out"))
    args = ap.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    base = base_library(args, out)
    t0 = time.perf_counter()
    results, linter = lint(base, args.jobs)
    lint_s = time.perf_counter() - t0
    rows = replicate(results, base, args.articles, out / f"report-{args.articles}")
    report = build_report(rows, linter.settings, linter.registry, set(linter.selected))
    page = out / f"report-{args.articles}.html"
    t0 = time.perf_counter()
    with page.open("w", encoding="utf-8", newline="") as fh:
        write_report(report, "html", fh)
    write_s = time.perf_counter() - t0
    size = page.stat().st_size
    text = page.read_text(encoding="utf-8")
    table = len(re.search(r'id="medlint-rows">(.*?)</script>', text, re.S).group(1).encode())
    result = {
        "base": str(base),
        "base_articles": len(results),
        "articles": len(rows),
        "findings": report.summary["findings"],
        "html_bytes": size,
        "html_mb": round(size / 1e6, 2),
        "table_json_mb": round(table / 1e6, 2),
        "bytes_per_article": round(size / len(rows)),
        "lint_base_s": round(lint_s, 1),
        "write_html_s": round(write_s, 1),
    }
    if CHROMIUM:
        tmp = out / "report-chromium"
        shutil.rmtree(tmp, ignore_errors=True)
        result.update(load_times(page, args.loads, tmp))
        result["last_article_opens"] = open_last(page, report.rows[-1].anchor, tmp)
    print(json.dumps(result, indent=1))
    (out / f"report-size-{args.articles}.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
