"""Reusing the Docs of unchanged blocks (medlint.analysis.block_docs, the language server's
re-lint) gives exactly the findings of a fresh lint.

Real-shaped articles (bench/make_corpus.py, every format, planted defects) go through a
seeded random sequence of edits (typing, deleting, duplicating, moving, splitting and
joining blocks); after each edit the article is linted by a Linter that reuses Docs from
the earlier versions and by a fresh one, and the JSON renderings (every field of every
finding, fixes included) must be equal.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from medlint import nlp
from medlint.analysis.block_docs import BlockDocs
from medlint.config import Settings
from medlint.discovery import get_registry
from medlint.document import parse_article
from medlint.engine import FileResult, Linter
from medlint.output import RenderContext, get_renderer

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-06-01"
WORDS = ("10mg", "miracle cure", "Stop taking", "doctors say", "click here", "the", ".", "🎉")


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "medlint_bench_make_corpus", ROOT / "bench" / "make_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _settings() -> Settings:
    import datetime as dt

    s = Settings(root=ROOT)
    s.today = dt.date.fromisoformat(TODAY)
    return s


def _json(linter: Linter, result: FileResult) -> str:
    ctx = RenderContext(registry=linter.registry, files_checked=1)
    return get_renderer("json")([result], ctx)


def _edit(text: str, rng: random.Random) -> str:
    """One random edit of the kind a writer makes."""
    lines = text.split("\n")
    kind = rng.randrange(8)
    if kind in (0, 1):  # type a character or a word
        at = rng.randrange(len(text) + 1)
        typed = rng.choice(WORDS) if kind else rng.choice("abcxyz ,.")
        return text[:at] + typed + text[at:]
    if kind == 2 and len(text) > 1:  # delete a character
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1 :]
    i = rng.randrange(len(lines))
    if kind == 3:  # duplicate a line (a copied paragraph: two blocks with the same text)
        lines.insert(rng.randrange(len(lines) + 1), lines[i])
    elif kind == 4 and len(lines) > 2:  # delete a line
        del lines[i]
    elif kind == 5:  # move a line
        lines.insert(rng.randrange(len(lines) + 1), lines.pop(i))
    elif kind == 6:  # split a block
        lines.insert(i, "")
    else:  # join two blocks (remove a blank line), or undo: back to a known text
        blank = [k for k, ln in enumerate(lines) if not ln.strip()]
        if blank:
            del lines[rng.choice(blank)]
    return "\n".join(lines)


CASES = [
    ("md", 0),
    ("md", 1),
    ("txt", 2),
    ("html", 3),
]


@pytest.mark.parametrize(("fmt", "index"), CASES)
def test_reuse_gives_the_findings_of_a_fresh_lint(fmt: str, index: int) -> None:
    corpus = _make_corpus()
    _fmt, text, _entry = corpus.article(index, seed=15, words=700, defect_rate=1.0, mix={fmt: 1})
    path = f"article.{fmt}"
    registry = get_registry()
    settings = _settings()
    fresh = Linter(settings, registry)
    reusing = Linter(settings, registry)
    reusing.block_docs = BlockDocs(max_blocks=40)  # small: evictions happen too
    rng = random.Random(f"block-docs:{fmt}:{index}")
    versions = [text]
    for _ in range(30):
        versions.append(_edit(versions[-1], rng) if rng.random() < 0.9 else rng.choice(versions))
    findings = 0
    for version in versions:
        want = fresh.lint_text(path, version)
        got = reusing.lint_text(path, version)
        assert _json(reusing, got) == _json(fresh, want)
        findings += len(want.findings)
    assert findings > 0
    assert reusing.block_docs.hits > reusing.block_docs.misses  # the reuse did happen


def test_docs_are_those_nlp_makes_and_never_shared_in_one_article() -> None:
    text = "# Title\n\nSame paragraph. Two sentences.\n\nOther one!\n\nSame paragraph. Two sentences.\n"
    article, _ = parse_article("a.md", text, "md", None)
    cache = BlockDocs()
    cache.docs_for(article)  # fill
    docs = cache.docs_for(article)
    fresh = nlp.docs_for(article)
    assert [[(t.text, t.is_sent_start, t.lemma_) for t in d] for d in docs] == [
        [(t.text, t.is_sent_start, t.lemma_) for t in d] for d in fresh
    ]
    same = [b.index for b in article.blocks if b.text == "Same paragraph. Two sentences."]
    assert len(same) == 2
    assert docs[same[0]] is not docs[same[1]]  # the second copy has its own Doc
    assert cache.hits == len(article.blocks)


def test_bounded_and_dropped_when_packs_change(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint import packs

    cache = BlockDocs(max_blocks=3)
    for n in range(5):
        article, _ = parse_article("a.md", f"Paragraph {n}.\n", "md", None)
        cache.docs_for(article)
    assert len(cache) == 3
    by_chars = BlockDocs(max_chars=30)
    for n in range(5):
        article, _ = parse_article("a.md", f"Paragraph {n}.\n", "md", None)
        by_chars.docs_for(article)
    assert len(by_chars) == 2 and by_chars.chars == 24
    big, _ = parse_article("a.md", "A long paragraph, longer than the bound.\n", "md", None)
    assert len(by_chars.docs_for(big)) == 1 and len(by_chars) == 1  # the article fits
    article, _ = parse_article("a.md", "Paragraph 4.\n", "md", None)
    before = cache.docs_for(article)[0]
    assert cache.docs_for(article)[0] is before
    monkeypatch.setattr(packs, "extra_packs", lambda: (Path("house.yaml"),))
    assert cache.docs_for(article)[0] is not before  # phrase matches may differ: made again
    assert len(cache) == 1
