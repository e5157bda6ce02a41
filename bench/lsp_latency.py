#!/usr/bin/env python3
"""`medlint lsp` latency and memory, measured with a real client over stdio.

* Latency: from sending ``textDocument/didChange`` (a one-character edit in a ~2,000-word
  Markdown article, whole-document sync) to receiving the ``publishDiagnostics`` for that
  version, any debounce included; median and p95 over ``--edits`` edits after a warm-up.
* Memory: the server's resident set size (psutil) after opening ``--articles`` articles
  (each one's diagnostics received).
* For comparison: ``Linter.lint_text`` of the same article in this process (the
  whole-article re-lint the server does per edit).

Usage::

    python bench/lsp_latency.py [--edits 50] [--articles 200] [--words 2000] [--debounce-ms 0]
                                [--block-cache 2048]

Needs ``pip install 'medlint[lsp,bench]'`` (pygls, psutil).  Targets (issue 15): ≤ 50 ms
median, ≤ 100 ms p95 on 2 cores with spaCy warm; < 400 MB RSS after 200 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
TYPED = "medication reviewed with care "


def make_corpus(out: Path, count: int, words: int) -> list[Path]:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "make_corpus.py"),
            str(out),
            "--count",
            str(count),
            "--words",
            str(words),
            "--seed",
            "15",
            "--mix",
            "md=1",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(out.rglob("*.md"))


class Client:
    def __init__(self) -> None:
        self.lsp = LanguageClient("medlint-bench", "1")
        self.waiting: dict[tuple[str, int | None], asyncio.Future[float]] = {}
        self.counts: dict[str, int] = {}

        @self.lsp.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            now = time.perf_counter()
            self.counts[params.uri] = len(params.diagnostics)
            fut = self.waiting.pop((params.uri, params.version), None)
            if fut is not None and not fut.done():
                fut.set_result(now)

        @self.lsp.feature(lsp.WINDOW_LOG_MESSAGE)
        def logged(params: Any) -> None:
            pass

        @self.lsp.feature(lsp.WINDOW_SHOW_MESSAGE)
        def shown(params: Any) -> None:
            print("server says:", params.message, file=sys.stderr)

    def expect(self, uri: str, version: int) -> asyncio.Future[float]:
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = fut
        return fut

    async def open(self, path: Path, text: str) -> None:
        uri = path.as_uri()
        fut = self.expect(uri, 1)
        self.lsp.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri, language_id="markdown", version=1, text=text
                )
            )
        )
        await asyncio.wait_for(fut, 120)

    async def change(self, path: Path, version: int, text: str) -> float:
        uri = path.as_uri()
        fut = self.expect(uri, version)
        t0 = time.perf_counter()
        self.lsp.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        t1 = await asyncio.wait_for(fut, 60)
        return t1 - t0


def edit_point(text: str) -> int:
    """An offset in the middle of a body paragraph (after a space)."""
    mid = len(text) // 2
    i = text.find(" ", mid)
    return i + 1 if i != -1 else mid


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


async def run(args: argparse.Namespace, articles: list[Path]) -> dict[str, Any]:
    client = Client()
    cmd = [sys.executable, "-m", "medlint", "lsp", "--debounce-ms", str(args.debounce_ms)]
    cmd += ["--block-cache", str(args.block_cache)]
    await client.lsp.start_io(*cmd)
    server = client.lsp._server
    assert server is not None
    proc = psutil.Process(server.pid)
    caps = lsp.ClientCapabilities(
        text_document=lsp.TextDocumentClientCapabilities(
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True)
        )
    )
    await client.lsp.initialize_async(
        lsp.InitializeParams(capabilities=caps, root_uri=articles[0].parent.as_uri())
    )
    client.lsp.initialized(lsp.InitializedParams())

    first = articles[0]
    text = first.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    await client.open(first, text)
    cold = time.perf_counter() - t0
    at = edit_point(text)
    version = 1
    latencies: list[float] = []
    for i in range(args.warmup + args.edits):
        version += 1
        # typing: each version is the previous one with one more letter (never a text seen
        # before, so no cache anywhere can answer it)
        typed = (TYPED * (i // len(TYPED) + 1))[: i + 1]
        took = await client.change(first, version, text[:at] + typed + text[at:])
        if i >= args.warmup:
            latencies.append(took)
    rss_one = proc.memory_info().rss
    t0 = time.perf_counter()
    for path in articles[1 : args.articles]:
        await client.open(path, path.read_text(encoding="utf-8"))
    open_all = time.perf_counter() - t0
    rss_all = proc.memory_info().rss
    await client.lsp.shutdown_async(None)
    client.lsp.exit(None)
    await client.lsp.stop()
    return {
        "cold_open_s": cold,
        "latencies": latencies,
        "rss_one": rss_one,
        "rss_all": rss_all,
        "open_all_s": open_all,
        "opened": min(args.articles, len(articles)),
        "findings_first": client.counts.get(first.as_uri()),
    }


def in_process(path: Path, repeat: int = 50) -> dict[str, list[float]]:
    """Linter.lint_text of one article in this process (warm), for comparison: a fresh
    lint ("whole") and one reusing the Docs of unchanged blocks ("reuse"), alternated."""
    from medlint.analysis.block_docs import BlockDocs
    from medlint.config import load_settings
    from medlint.discovery import get_registry
    from medlint.engine import Linter

    registry = get_registry()
    linter = Linter(load_settings(registry, start=path.parent), registry)
    reuse = BlockDocs()
    text = path.read_text(encoding="utf-8")
    at = edit_point(text)
    linter.lint_text(str(path), text)
    out: dict[str, list[float]] = {"whole": [], "reuse": []}
    for i in range(repeat):
        typed = (TYPED * (i // len(TYPED) + 1))[: i + 1]
        for mode in out:
            linter.block_docs = reuse if mode == "reuse" else None
            t0 = time.perf_counter()
            linter.lint_text(str(path), text[:at] + typed + text[at:])
            out[mode].append(time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--debounce-ms", type=int, default=0)
    ap.add_argument(
        "--block-cache",
        type=int,
        default=2048,
        help="the server's --block-cache (0: no reuse of unchanged blocks, for comparison)",
    )
    ap.add_argument("--corpus", type=Path, help="use these articles (*.md) instead of making some")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="medlint-lsp-bench-") as tmp:
        if args.corpus:
            articles = sorted(args.corpus.rglob("*.md"))
        else:
            articles = make_corpus(Path(tmp) / "corpus", args.articles, args.words)
        # the latency article: the one closest to --words (the corpus's lengths vary)
        sizes = [len(p.read_text(encoding="utf-8").split()) for p in articles]
        best = min(range(len(articles)), key=lambda i: abs(sizes[i] - args.words))
        articles.insert(0, articles.pop(best))
        words = sizes[best]
        got = asyncio.run(run(args, articles))
        local = in_process(articles[0])
    lat = [x * 1000 for x in got["latencies"]]
    print(f"article: {articles[0].name}, {words} words; {got['findings_first']} findings")
    print(
        f"cores: {psutil.cpu_count()}; debounce: {args.debounce_ms} ms; "
        f"block cache: {args.block_cache} blocks"
    )
    print(f"first open (spaCy and packs loading): {got['cold_open_s']:.2f} s")
    print(
        f"didChange -> publishDiagnostics over {len(lat)} one-character edits: "
        f"median {statistics.median(lat):.1f} ms, p95 {pct(lat, 95):.1f} ms, "
        f"min {min(lat):.1f} ms, max {max(lat):.1f} ms"
    )
    for mode, what in (("whole", "whole article"), ("reuse", "reusing unchanged blocks")):
        loc = [x * 1000 for x in local[mode]]
        print(
            f"in-process Linter.lint_text of the same edits ({what}): median "
            f"{statistics.median(loc):.1f} ms, p95 {pct(loc, 95):.1f} ms"
        )
    print(f"server RSS after 1 article: {got['rss_one'] / 2**20:.0f} MB")
    print(
        f"server RSS after {got['opened']} articles: {got['rss_all'] / 2**20:.0f} MB "
        f"(opening them took {got['open_all_s']:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
