"""Does any sentence repeat an earlier one?  Whole-article early exits for D303.

:func:`repeating_sentences` gives the sentence words of the blocks (``words.sentence_words``)
when some sentence of ``min_words`` normalised words or more has the same words as an
earlier one, and None when none does, so a rule can stop there.  A sentence glued to a
heading or an unpunctuated list ("Risk factors People with diabetes …") is compared from
each of its capitalised words too (:func:`restart_tails`): its tail there may be the same
as another sentence.  Before it splits any
sentence it asks :func:`may_repeat_sentence`, a test on the blocks' word lists and the
places sentences may start and end, which answers "certainly not" for nearly every
article.  ``tests/test_word_analysis.py`` checks both against the plain comparison.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis
from medlint.analysis.words import block_words, normalised_words, sentence_words

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

SentenceWords = tuple[list[int], list[str], list[int]]  # see words.sentence_words
_Place = tuple[list[str], Sequence[int], int]  # (words, possible ends, first word)
# where a sentence may restart after a lost boundary: a capital letter after a space
_RESTART = re.compile(r"(?<=\s)(?=[A-Z])")


def restart_tails(text: str, start: int, end: int, min_words: int) -> list[tuple[int, str]]:
    """The sentence ``text[start:end]`` from each capitalised word after its first, when
    at least ``min_words`` words (and one) remain: (offset in ``text``, the normalised
    words from there joined by spaces).  A heading or list glued to a sentence ("Risk
    factors People with diabetes …") leaves the real sentence as one of these tails."""
    out: list[tuple[int, str]] = []
    piece = text[start:end]
    begin = start + len(piece) - len(piece.lstrip())  # the first word
    for m in _RESTART.finditer(text, begin + 1, end):
        words = normalised_words(text[m.start() : end])
        if len(words) < max(min_words, 1):
            break  # (tails shrink)
        out.append((m.start(), " ".join(words)))
    return out


def _repeats(
    block: Block, got: SentenceWords, min_words: int, full: set[str], tails: set[str]
) -> bool:
    """Does a sentence of ``block`` repeat one seen before (``full``: their words;
    ``tails``: their restart tails)?  Adds the block's sentences to both sets."""
    offsets, norms, counts = got
    for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
        if not n or n < min_words:
            continue
        own = [
            t for _, t in restart_tails(block.text, offsets[2 * k], offsets[2 * k + 1], min_words)
        ]
        if norm in full or norm in tails or any(t in full for t in own):
            return True
        full.add(norm)
        tails.update(own)
    return False


def repeating_sentences(
    analysis: Analysis, min_words: int, kinds: Iterable[str]
) -> list[tuple[Block, SentenceWords]] | None:
    """``sentence_words`` of each prose block of ``kinds``, in reading order, or None when
    no sentence of ``min_words`` words or more (and at least one) has the same normalised
    words as an earlier one."""
    kinds = tuple(kinds)
    if not may_repeat_sentence(analysis, min_words, kinds):
        return None
    per_block: list[tuple[Block, SentenceWords]] = []
    full: set[str] = set()
    tails: set[str] = set()
    repeated = False
    for block in analysis.prose_blocks:
        if block.kind not in kinds:
            continue
        got = sentence_words(analysis, block)
        per_block.append((block, got))
        repeated = repeated or _repeats(block, got, min_words, full, tails)
    return per_block if repeated else None


def may_repeat_sentence(analysis: Analysis, min_words: int, kinds: Iterable[str]) -> bool:
    """Whether a sentence of ``min_words`` words or more in a prose block of ``kinds`` may
    repeat an earlier one (False: certainly not), mostly without the sentences.

    In an ASCII block, a sentence's words (``sentence_words``) are a run of the block's
    words (``block_words``) that begins where a stretch of ``words_and_starts`` begins
    and ends where another begins or at the block's end: the sentencizer starts a
    sentence only after a token that is "!", "." or "?" (its ASCII punct_chars), followed
    by punctuation tokens and spaces, none of which hold a word character, and sentence
    boundaries fall between tokens, so no word is cut.  Two sentences with the same
    words, ``min_words`` or more of them, are therefore two places that begin at stretch
    starts with the same first ``min_words`` words and have, at the same length (at
    least ``min_words``, at most the length of their common words), a possible end in
    both (``could_repeat``).  If no two places are such, no sentence repeats.  (Stretch
    starts are a superset of sentence starts: "e.g." makes extra ones, which can only
    add a false alarm.)  The sentences of other blocks (not ASCII, or cut for spaCy) are
    used as they are, each a place of its own words with one possible end.

    A restart tail (``restart_tails``) that matches a sentence, or a sentence that matches
    a tail, puts the first ``min_words`` words of a sentence (which begins at a place) at
    a second position among the blocks' words: :func:`_may_repeat_tail` asks whether the
    first words of any place occur twice.
    """
    kinds = tuple(kinds)
    m = max(min_words, 1)
    return _Places(analysis, m).any_repeat(kinds) or _may_repeat_tail(analysis, m, kinds)


def _may_repeat_tail(analysis: Analysis, m: int, kinds: tuple[str, ...]) -> bool:
    """Do the first ``m`` words of some place (see ``may_repeat_sentence``) occur at two
    positions of the blocks' words?  Answered on hashes of the ``m``-word tuples."""
    counts: Counter[int] = Counter()
    firsts: list[int] = []
    table = block_words(analysis)
    for block in analysis.prose_blocks:
        if block.kind not in kinds:
            continue
        words, starts = table.entry(block)
        if starts is not None and len(block.text) <= nlp.MAX_BLOCK_CHARS:
            grams = list(map(hash, zip(*(words[i:] for i in range(m)), strict=False)))
            counts.update(grams)
            firsts += [grams[i] for i in starts if i < len(grams)]
            continue
        _offsets, norms, found = sentence_words(analysis, block)
        for norm, n in zip(norms, found, strict=True):
            if n >= m:
                w = norm.split(" ")
                grams = list(map(hash, zip(*(w[i:] for i in range(m)), strict=False)))
                counts.update(grams)
                firsts.append(grams[0])
    return any(counts[h] > 1 for h in firsts)


class _Places:
    """The places seen so far, by their first ``m`` words (see ``may_repeat_sentence``).

    A place is an int (no tuple per place for the garbage collector): block index * 2**32
    + the index of its first word, or -1 - its position in ``sentences`` (other blocks)."""

    def __init__(self, analysis: Analysis, m: int) -> None:
        self.analysis = analysis
        self.table = block_words(analysis)
        self.m = m  # the rule compares sentences with at least one word
        self.first: dict[str, int] = {}  # first m words -> the first place with them
        self.later: dict[str, list[int]] = {}  # ... -> the other places with them (rare)
        self.sentences: list[tuple[list[str], list[int]]] = []  # (words, [their number])

    def any_repeat(self, kinds: tuple[str, ...]) -> bool:
        m = self.m
        for block in self.analysis.prose_blocks:
            if block.kind not in kinds:
                continue
            words, starts = self.table.entry(block)
            if starts is not None and len(block.text) <= nlp.MAX_BLOCK_CHARS:
                base = block.index << 32
                for i in starts:
                    if i + m > len(words):
                        break  # (starts ascend)
                    if self.repeats(" ".join(words[i : i + m]), base + i):
                        return True
                continue
            _offsets, norms, counts = sentence_words(self.analysis, block)
            for norm, n in zip(norms, counts, strict=True):
                if n >= m:
                    found = norm.split(" ")
                    self.sentences.append((found, [n]))
                    if self.repeats(" ".join(found[:m]), -len(self.sentences)):
                        return True
        return False

    def place(self, code: int) -> _Place:
        if code < 0:
            words, ends = self.sentences[-1 - code]
            return words, ends, 0
        index, i = divmod(code, 1 << 32)
        words, starts = self.table.entry(self.analysis.article.blocks[index])
        return words, [*(starts or ())[1:], len(words)], i

    def repeats(self, key: str, code: int) -> bool:
        earlier = self.first.get(key)
        if earlier is None:
            self.first[key] = code
            return False
        here = self.place(code)
        others = (earlier, *self.later.get(key, ()))
        if any(could_repeat(self.place(c), here, self.m) for c in others):
            return True
        self.later.setdefault(key, []).append(code)
        return False


def could_repeat(x: _Place, y: _Place, m: int) -> bool:
    """Two places with the same first ``m`` words (see ``may_repeat_sentence``): is there
    a length from ``m`` up to the length of their common words at which both may end?"""
    wx, ex, ix = x
    wy, ey, iy = y
    limit = min(len(wx) - ix, len(wy) - iy)
    common = m
    while common < limit and wx[ix + common] == wy[iy + common]:
        common += 1
    lengths = {e - ix for e in ex if m <= e - ix <= common}
    return any(e - iy in lengths for e in ey)
