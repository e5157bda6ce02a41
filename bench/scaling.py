#!/usr/bin/env python3
"""How medlint's time (and memory) grow with the length of one article.

Builds realistic long Markdown articles from the benchmark generator's paragraphs
(``make_corpus.py``: many generated articles' paragraphs, repeated in turn so the text is
varied), at 2,500 / 5,000 / 10,000 / 20,000 paragraphs by default, lints each with the
engine in-process, and prints per rule (and for reading, analysis and the whole run) the
seconds at each size and the ratio per doubling (stages and rules timed with the garbage
collector off, the whole lint with it on).  Linear is 2.0 per doubling of the
paragraphs; the target (issue 19) is time per paragraph within 1.3x per doubling, that
is a ratio of at most 2.6.  ``--memory`` also measures the peak memory (tracemalloc) per
MB of input of a whole lint.

Usage::

    python bench/scaling.py                       # 2,500 .. 20,000 paragraphs
    python bench/scaling.py --sizes 500,1000,2000 --top 10
    python bench/scaling.py --memory --sizes 1000,4000
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_corpus  # noqa: E402

from medlint.analysis import Analysis  # noqa: E402
from medlint.config import build_settings  # noqa: E402
from medlint.context import Context  # noqa: E402
from medlint.discovery import get_registry  # noqa: E402
from medlint.document import parse_article  # noqa: E402
from medlint.engine import Linter  # noqa: E402


def paragraph_pool(articles: int = 60) -> tuple[str, list[str]]:
    """The front matter of one generated Markdown article and the body paragraphs
    (headings, lists and prose) of ``articles`` of them."""
    head = ""
    pool: list[str] = []
    for i in range(articles * 3):
        _fmt, text, _ = make_corpus.article(i, mix={"md": 1})
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4) + 5
            head = head or text[:end]
            text = text[end:]
        pool += [p.strip() for p in text.split("\n\n") if p.strip()]
        if i >= articles and len(pool) > 40 * articles:
            break
    return head, pool


def long_article(paragraphs: int, head: str, pool: list[str]) -> str:
    return head + "\n".join(pool[i % len(pool)] + "\n" for i in range(paragraphs))


def make_linter() -> Linter:
    registry = get_registry()
    settings = build_settings({}, registry, None, Path.cwd())
    settings.today = dt.date(2026, 1, 15)
    return Linter(settings, registry)


def time_one(linter: Linter, text: str) -> dict[str, float]:
    """Seconds per stage (read, analysis + matching) and per rule for one article, with
    the garbage collector off (its full collections scan the whole heap, and land on
    whichever rule allocates: they hide the rules' own growth); then the whole lint with
    the collector on, as a run would do it."""
    out: dict[str, float] = {}
    gc.collect()
    gc.disable()
    try:
        _time_rules(linter, text, out)
    finally:
        gc.enable()
    gc.collect()
    a = time.perf_counter()
    linter.lint_text("long.md", text)
    out["(whole lint)"] = time.perf_counter() - a
    return out


def _time_rules(linter: Linter, text: str, out: dict[str, float]) -> None:
    t0 = time.perf_counter()
    article, _problems = parse_article("long.md", text)
    t1 = time.perf_counter()
    analysis = Analysis(article, linter.settings)
    matches = linter.layer.matches(analysis)
    t2 = time.perf_counter()
    out["(read)"], out["(analysis)"] = t1 - t0, t2 - t1
    for rule in linter.rules:
        if rule.code.startswith("X"):
            continue
        a = time.perf_counter()
        list(rule.check(Context(article, linter.settings, rule, analysis, matches)))
        out[rule.code] = time.perf_counter() - a


def peak_memory(linter: Linter, text: str) -> float:
    """Peak traced memory (bytes) of one whole lint of ``text``."""
    gc.collect()
    tracemalloc.start()
    linter.lint_text("long.md", text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return float(peak)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2500,5000,10000,20000", help="paragraph counts")
    ap.add_argument("--top", type=int, default=15, help="rules shown (slowest at the top size)")
    ap.add_argument("--memory", action="store_true", help="also measure peak memory per MB")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    head, pool = paragraph_pool()
    linter = make_linter()
    linter.lint_text("warm.md", long_article(50, head, pool))  # imports, matchers
    times: list[dict[str, float]] = []
    for n in sizes:
        text = long_article(n, head, pool)
        times.append(time_one(linter, text))
        mb = len(text.encode()) / 1e6
        print(f"{n:>7} paragraphs, {mb:6.2f} MB: {times[-1]['(whole lint)']:7.2f} s", flush=True)
    rows = sorted((k for k in times[-1] if not k.startswith("(")), key=lambda k: -times[-1][k])[
        : args.top
    ]
    keys = ["(whole lint)", "(read)", "(analysis)", *rows]
    print()
    print(f"{'':14}" + "".join(f"{n:>10}" for n in sizes) + "   ratio per doubling")
    for k in keys:
        secs = [t.get(k, 0.0) for t in times]
        ratios = [f"{b / a:5.2f}" if a > 0.005 else "    -" for a, b in itertools.pairwise(secs)]
        print(f"{k:14}" + "".join(f"{s:10.2f}" for s in secs) + "   " + " ".join(ratios))
    print("\n(linear = 2.00 per doubling; the target is at most 2.6, 1.3x per paragraph)")
    if args.memory:
        print()
        for n in sizes:
            text = long_article(n, head, pool)
            mb = len(text.encode()) / 1e6
            peak = peak_memory(linter, text)
            print(f"{n:>7} paragraphs, {mb:6.2f} MB: peak {peak / 1e6:8.1f} MB traced, "
                  f"{peak / 1e6 / mb:6.1f} MB per MB of input", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
