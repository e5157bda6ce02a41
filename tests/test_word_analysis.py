"""The fast paths of medlint.analysis.words / shingles / sentence_repeats and
medlint.matching.humps give what the plain computations give (D301-D305 rely on them)."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from medlint.analysis import Analysis
from medlint.analysis.sentence_repeats import (
    may_repeat_sentence,
    repeating_sentences,
    restart_tails,
)
from medlint.analysis.shingles import any_may_pass, may_pass, shingles
from medlint.analysis.words import (
    block_words,
    count_letter_runs,
    normalised_words,
    plain_normalised_words,
    sentence_words,
    word_counts,
    words_and_starts,
)
from medlint.checks.duplication.paragraphs import (
    SENT_KINDS,
    NearParams,
    find_near_duplicates,
)
from medlint.document import parse_article
from medlint.document.model import Article
from medlint.matching.humps import HUMP, SpacedRuns, hump_blocks, hump_run_contexts
from tests.helpers import make_linter

SYNTHETIC = [
    "Take it with food. Do not drive if it makes you drowsy. Then rest.\n\n"
    "Some other text here, e.g. this one. Do not drive if it makes you drowsy. Then rest.\n",
    "# Uses\n\nUsesGabapentin treats nerve pain and seizures in adults.\n\n"
    "Gabapentin treats nerve pain and seizures in adults.\n\n"
    "Gabapentin treats nerve pain and seizures in adults.\n",
    "Café au lait: it’s RARE, isn't it? Naïve readers skip it. Naïve readers skip it!\n\n"
    "- Take the tablets with food to avoid an upset stomach today.\n"
    "- Take the tablets with food to avoid a stomach upset today.\n",
    "Read MoreMedically reviewed. Stop taking it if you feel dizzy or faint at all.\n\n"
    "Stop taking it if you feel dizzy or faint at all. Ask your pharmacist first, please.\n",
    "Who Gets Gout Men over forty get gout more often than young women do.\n\n"
    "Men over forty get gout more often than young women do.\n",
    "Painful joints can be eased by resting them on a cushion.\n\n"
    "Home Care Painful joints can be eased by resting them on a cushion.\n",
    "",
]


def _articles(shared: Path | None) -> list[tuple[str, str]]:
    texts = [(f"s{i}.md", t) for i, t in enumerate(SYNTHETIC)]
    if shared is not None:
        files = sorted((shared / "corpus" / "articles").glob("*.txt"))
        texts += [(p.name, p.read_text(encoding="utf-8")) for p in files[::12]]
    return texts


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    settings = make_linter().settings
    out = []
    for name, text in _articles(shared if shared.is_dir() else None):
        article, _ = parse_article(name, text)
        out.append(Analysis(article, settings))
    return out


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "aAbB zZ'’.!?,-_0129\téÉß\n"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(n)]


def test_normalised_words_fast_path_is_the_regex() -> None:
    for text in [*_random_texts(3000), "It's  RARE, isn't it?", "snake_case and 3.5mg"]:
        assert normalised_words(text) == plain_normalised_words(text)


def test_typographic_fast_path_is_the_regex() -> None:
    """Text whose only non-ASCII characters are typographic ones (curly quotes, dashes,
    "…", no-break spaces…) takes the ASCII path through ``as_ascii``: same words as the
    NFKC and regex way, and one stand-in character per character."""
    from medlint.analysis.words import _TYPOGRAPHIC, as_ascii

    rng = random.Random(5)
    alphabet = "aAbB zZ'’.!?,-_019\t\n" + _TYPOGRAPHIC
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(50))) for _ in range(4000)]
    texts += ["“It’s RARE…” — isn’t it?", "5\u00a0mg · 10\u202fmg", "don’t‑stop"]
    for text in texts:
        ascii_text = as_ascii(text)
        assert ascii_text is not None and len(ascii_text) == len(text)
        assert normalised_words(text) == plain_normalised_words(text), repr(text)
    assert as_ascii("café “x”") is None  # another non-ASCII letter: the regex way


def test_sentence_words_are_the_plain_words(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        for block in analysis.prose_blocks:
            offsets, norms, counts = sentence_words(analysis, block)
            for k, norm in enumerate(norms):
                plain = plain_normalised_words(block.text[offsets[2 * k] : offsets[2 * k + 1]])
                assert norm == " ".join(plain) and counts[k] == len(plain)


def test_words_and_starts_mark_the_stretches() -> None:
    for text in _random_texts(3000):
        words, starts = words_and_starts(text)
        assert words == normalised_words(text)
        if not text.isascii():
            assert starts is None
            continue
        expected: list[int] = []
        seen = 0
        for piece in re.split(r"[!.?]", text):
            found = plain_normalised_words(piece)
            if found:
                expected.append(seen)
                seen += len(found)
        assert starts == expected


def test_letter_run_counts_fast_path_is_the_plain_count() -> None:
    for text in _random_texts(2000):
        plain = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", text))
        assert count_letter_runs(text) == plain


def test_sentence_and_block_words_are_normalised_words(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        assert word_counts(analysis) == count_letter_runs(analysis.joined_text())
        table = block_words(analysis)
        for block in analysis.article.blocks:
            assert table.words(block) == normalised_words(block.text)
        for block in analysis.prose_blocks:
            offsets, norms, counts = sentence_words(analysis, block)
            for k, norm in enumerate(norms):
                plain = normalised_words(block.text[offsets[2 * k] : offsets[2 * k + 1]])
                assert norm == " ".join(plain) and counts[k] == len(plain)


def test_hump_blocks_is_the_per_block_search(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        blocks = analysis.article.blocks
        assert hump_blocks(analysis.article) == [
            i for i, b in enumerate(blocks) if HUMP.search(b.text)
        ]


def _hump_articles(n: int) -> list[Article]:
    """Random Markdown articles dense in camel-case words, names and punctuation."""
    rng = random.Random(11)
    words = [
        "UsesGabapentin",
        "AdviceIf",
        "Apixaban",
        "Accord",
        "AccordStop",
        "aBc",
        "The",
        "take",
        "TheCat",
        "iPhone",
        "x",
        "(Apixaban",
        "Accord,",
        "1Apixaban",
        "éAccord",
    ]
    seps = [" ", " ", " ", "  ", ".", ", ", "-", "\n", "\n\n", "é", "_"]
    out = []
    for _ in range(n):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randrange(30)))
        out.append(parse_article("r.md", text)[0])
    return out


def test_hump_run_contexts_are_the_per_block_search(analyses: list[Analysis]) -> None:
    articles = [a.article for a in analyses] + _hump_articles(300)
    for art in articles:
        index = hump_run_contexts(art)
        runs = {r for b in art.blocks for r in re.findall(r"[A-Za-z]+", b.text) if HUMP.search(r)}
        assert set(index) == runs
        for run in runs:
            rx = re.compile(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])")
            plain = {
                b.text[max(0, m.start() - 1) : m.start()] + b.text[m.end() : m.end() + 12]
                for b in art.blocks
                for m in rx.finditer(b.text)
            }
            assert index[run] == plain, run


def test_spaced_runs_find_the_phrases_a_per_block_search_finds(analyses: list[Analysis]) -> None:
    articles = [a.article for a in analyses[:3]] + _hump_articles(300)
    for art in articles:
        names = SpacedRuns(art)
        tokens = sorted({w for b in art.blocks for w in b.text.split()})[:40]
        runs = sorted({r for b in art.blocks for r in re.findall(r"[A-Za-z]+", b.text)})[:40]
        for word in tokens:
            for run in runs:
                rx = re.compile(rf"(?<![A-Za-z]){re.escape(f'{word} {run}')}(?![A-Za-z])")
                plain = sum(len(rx.findall(b.text)) for b in art.blocks) > 0
                assert names.has_phrase(word, run) == plain, (word, run)


def test_hashed_shingle_filter_never_drops_a_paragraph_the_strings_pass() -> None:
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(12)]
    for _ in range(3000):
        lists = [
            [rng.choice(vocab) for _ in range(rng.randrange(0, 14))]
            for _ in range(rng.randrange(1, 5))
        ]
        k = rng.choice([0, 1, 2, 3, 4])
        t = rng.choice([0.3, 0.5, 0.85, 1.0])
        if any(may_pass([shingles(w, k) for w in lists], t)):
            assert any_may_pass(lists, k, t)


def _plain_restart_tails(text: str, start: int, end: int, min_words: int) -> list[tuple[int, str]]:
    """restart_tails' definition: each tail normalised on its own."""
    out = []
    piece = text[start:end]
    begin = start + len(piece) - len(piece.lstrip())
    for m in re.finditer(r"(?<=\s)(?=[A-Z])", text[:end]):
        if m.start() <= begin:
            continue
        words = normalised_words(text[m.start() : end])
        if len(words) < max(min_words, 1):
            break
        out.append((m.start(), " ".join(words)))
    return out


def test_restart_tails_are_each_tail_normalised() -> None:
    texts = [
        *_random_texts(3000),
        *SYNTHETIC,
        "Risk factors People with Ｆull-width Ｗords ’s Here",
    ]
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)):
            for m in (0, 1, 2, 6):
                assert restart_tails(text, start, end, m) == _plain_restart_tails(
                    text, start, end, m
                )


def _plain_repeat(analysis: Analysis, min_words: int) -> bool:
    """A sentence has the words of an earlier one, or of an earlier one's restart tail,
    or one of its restart tails has the words of an earlier sentence."""
    seen: list[tuple[str, list[str]]] = []
    for block in analysis.prose_blocks:
        if block.kind in SENT_KINDS:
            offsets, norms, counts = sentence_words(analysis, block)
            for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
                if n and n >= min_words:
                    a, b = offsets[2 * k], offsets[2 * k + 1]
                    tails = [t for _, t in restart_tails(block.text, a, b, min_words)]
                    for other, other_tails in seen:
                        if norm == other or norm in other_tails or other in tails:
                            return True
                    seen.append((norm, tails))
    return False


def test_sentence_repeat_exits_agree_with_the_plain_comparison(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        for m in (0, 1, 3, 6, 10):
            plain = _plain_repeat(analysis, m)
            if plain:
                assert may_repeat_sentence(analysis, m, SENT_KINDS)
            assert (repeating_sentences(analysis, m, SENT_KINDS) is not None) == plain


def test_duplicate_paragraph_early_exit_changes_nothing(analyses: list[Analysis]) -> None:
    params = [NearParams(0.85, 3, 8), NearParams(0.5, 2, 3)]
    for analysis in analyses:
        for p in params:
            fast = find_near_duplicates(analysis, p)
            slow = find_near_duplicates(analysis, p, early_exit=False)
            assert fast == slow
