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
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article
from medlint.analysis.words import block_words, normalised_words, sentence_words

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

SentenceWords = tuple[list[int], list[str], list[int]]  # see words.sentence_words
_Place = tuple[list[str], Sequence[int], int]  # (words, possible ends, first word)
# where a sentence may restart after a lost boundary: a capital letter after a space (the
# match is the space; the restart is its end: a pattern that starts with a character class
# lets ``re`` skip ahead, where a look-behind is tried at every position)
_RESTART = re.compile(r"\s(?=[A-Z])")


def restart_tails(text: str, start: int, end: int, min_words: int) -> list[tuple[int, str]]:
    """The sentence ``text[start:end]`` from each capitalised word after its first, when
    at least ``min_words`` words (and one) remain: (offset in ``text``, the normalised
    words from there joined by spaces).  A heading or list glued to a sentence ("Risk
    factors People with diabetes …") leaves the real sentence as one of these tails.

    Each such word follows a space, so the words from there are the last words of the
    sentence's: the sentence is normalised once, piece by piece (not once per tail)."""
    piece = text[start:end]
    begin = start + len(piece) - len(piece.lstrip())  # the first word
    cuts = [m.end() for m in _RESTART.finditer(text, begin, end)]
    if not cuts:
        return []
    need = max(min_words, 1)
    words = normalised_words(text[begin : cuts[0]])
    firsts = []  # the index in ``words`` of each cut's first word
    for a, b in zip(cuts, [*cuts[1:], end], strict=True):
        firsts.append(len(words))
        words += normalised_words(text[a:b])
    out: list[tuple[int, str]] = []
    for cut, first in zip(cuts, firsts, strict=True):
        if len(words) - first < need:
            break  # (tails shrink)
        out.append((cut, " ".join(words[first:])))
    return out


@per_article
def _tails_table(analysis: Analysis) -> dict[tuple[int, int, int, int], list[tuple[int, str]]]:
    return {}


def sentence_tails(
    analysis: Analysis, block: Block, start: int, end: int, min_words: int
) -> list[tuple[int, str]]:
    """``restart_tails`` of a sentence of ``block``, computed once per article."""
    table = _tails_table(analysis)
    key = (block.index, start, end, min_words)
    got = table.get(key)
    if got is None:
        got = table[key] = restart_tails(block.text, start, end, min_words)
    return got


def _repeats(
    analysis: Analysis,
    block: Block,
    got: SentenceWords,
    min_words: int,
    full: set[str],
    tails: set[str],
    ends: set[str],
) -> bool:
    """Does a sentence of ``block`` repeat one seen before (``full``: their words;
    ``tails``: their restart tails)?  Adds the block's sentences to both sets.  Only a
    sentence whose last words end another sentence too (``ends``) has its tails made."""
    offsets, norms, counts = got
    m = max(min_words, 1)
    for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
        if n < m:
            continue
        a, b = offsets[2 * k], offsets[2 * k + 1]
        own = (
            [t for _, t in sentence_tails(analysis, block, a, b, min_words)]
            if end_words(norm, m) in ends
            else []
        )
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
    per_block = [
        (block, sentence_words(analysis, block))
        for block in analysis.prose_blocks
        if block.kind in kinds
    ]
    ends = shared_ends(per_block, min_words)
    full: set[str] = set()
    tails: set[str] = set()
    for block, got in per_block:
        if _repeats(analysis, block, got, min_words, full, tails, ends):
            return per_block
    return None


def end_words(norm: str, m: int) -> str:
    """The last ``m`` words of a sentence's joined normalised words (``m`` >= 1)."""
    return " ".join(norm.rsplit(" ", m)[-m:])


def shared_ends(per_block: list[tuple[Block, SentenceWords]], min_words: int) -> set[str]:
    """The last ``min_words`` words (at least one) that end two or more sentences of that
    many words.  A restart tail (``restart_tails``) ends with its sentence's last words, so
    only the sentences ending with one of these can have a tail that is another sentence:
    the others need no tails."""
    m = max(min_words, 1)
    seen: set[str] = set()
    shared: set[str] = set()
    for _block, (_offsets, norms, counts) in per_block:
        for norm, n in zip(norms, counts, strict=True):
            if n >= m:
                key = end_words(norm, m)
                (shared if key in seen else seen).add(key)
    return shared


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
    a tail, ends where that sentence ends: :func:`_may_repeat_tail` compares the ends.
    """
    kinds = tuple(kinds)
    m = max(min_words, 1)
    return _Places(analysis, m).any_repeat(kinds) or _may_repeat_tail(analysis, m, kinds)


def _may_repeat_tail(analysis: Analysis, m: int, kinds: tuple[str, ...]) -> bool:
    """May a sentence have the words of another sentence's restart tail?

    Such a sentence S and tail T end together: at a possible end of each (a tail runs to
    the end of its sentence), after the same last ``m`` words, and S begins at a place at
    most as many words before its end as the two have in common there (``_ends_agree``).
    So only the ends are grouped, by their last ``m`` words: one key per stretch (not a
    hash per word, as a search for T's first words would need), and pairs are compared
    only within a group, which is nearly always a single end."""
    by_end: dict[str, list[_End]] = {}
    table = block_words(analysis)
    for block in analysis.prose_blocks:
        if block.kind not in kinds:
            continue
        words, starts = table.entry(block)
        if starts is not None and len(block.text) <= nlp.MAX_BLOCK_CHARS:
            for e in (*starts[1:], len(words)):
                if e >= m:
                    by_end.setdefault(" ".join(words[e - m : e]), []).append((words, e, starts))
            continue
        _offsets, norms, found = sentence_words(analysis, block)
        for norm, n in zip(norms, found, strict=True):
            if n >= m:
                w = norm.split(" ")
                by_end.setdefault(" ".join(w[n - m :]), []).append((w, n, (0,)))
    for group in by_end.values():
        for i, x in enumerate(group):
            if any(_ends_agree(x, y, m) for y in group[i + 1 :]):
                return True
    return False


_End = tuple[list[str], int, Sequence[int]]  # (words, a possible end, where places begin)


def _ends_agree(x: _End, y: _End, m: int) -> bool:
    """Two ends with the same last ``m`` words: does a place begin, in either, ``n`` words
    before its end, for an ``n`` from ``m`` up to the number of last words they share?"""
    wx, ex, sx = x
    wy, ey, sy = y
    common = m
    while common < min(ex, ey) and wx[ex - common - 1] == wy[ey - common - 1]:
        common += 1
    return any(m <= ex - s <= common for s in sx) or any(m <= ey - s <= common for s in sy)


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
