"""The sentence table of D303: every sentence of the compared blocks in reading order,
where each repeats an earlier one, and the tests that tell a copy from a repeated
template or a parallel ending."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.analysis.sentence_repeats import (
    SentenceWords,
    end_words,
    sentence_tails,
    shared_ends,
)
from medlint.analysis.shingles import jaccard
from medlint.checks.duplication.paragraphs import is_statement

if TYPE_CHECKING:  # pragma: no cover
    from medlint.analysis import Analysis
    from medlint.document.model import Article, Block


_BULLET_START = re.compile(r"^\s*[-•*▪◦]\s")
_NEAREST = 8  # earlier copies of a sentence tried as the other row of a template
# a dotted abbreviation ends the text: "f.eks." "e.g." "i.e." "bl.a."
_ENDS_IN_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]{1,4}\.){2,}$")
_Sentence = tuple["Block", str, list[str], int, int]  # (block, text, words, start, end)


class SentenceCopies:
    """Every sentence of the compared blocks in reading order, and where each repeats.

    Short sentences are context only: they may join a run, not be reported."""

    def __init__(
        self,
        analysis: Analysis,
        per_block: list[tuple[Block, SentenceWords]],
        min_words: int,
        skip: set[int],
    ) -> None:
        self.min_words = min_words
        self.skip = skip  # duplicated paragraphs (D301/D302)
        self.sents: list[_Sentence] = []
        self.tails: list[list[tuple[int, str]]] = []
        m = max(min_words, 1)
        ends = shared_ends(
            per_block, min_words
        )  # only these sentences can have a tail that is another
        for block, (offsets, norms, counts) in per_block:
            for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
                a, b = offsets[2 * k], offsets[2 * k + 1]
                self.sents.append((block, block.text[a:b], norm.split(" ") if n else [], a, b))
                big = n >= m and end_words(norm, m) in ends
                self.tails.append(sentence_tails(analysis, block, a, b, min_words) if big else [])
        self.list_of = list_runs(analysis.article)
        self.blocks = analysis.article.blocks
        # sentence position → position of its first occurrence, and of every earlier copy
        self.orig_of: dict[int, int] = {}
        self.copies: dict[int, list[int]] = {}
        self._match()

    def _match(self) -> None:
        first: dict[str, int] = {}  # a sentence's words → its first position
        first_tail: dict[str, int] = {}  # a restart tail's words → its first sentence
        seen: dict[str, list[int]] = {}  # a sentence's words → every position so far
        for k, (block, text, words, a, b) in enumerate(self.sents):
            norm = " ".join(words)
            if not norm:
                continue
            if norm in first:
                self.orig_of[k] = first[norm]
                # the first copy and the nearest earlier ones: a template's rows sit close
                # together, and a sentence repeated a thousand times must not cost a
                # thousand comparisons per repeat
                earlier = seen[norm]
                self.copies[k] = (
                    list(earlier)
                    if len(earlier) <= _NEAREST
                    else [earlier[0], *earlier[-_NEAREST:]]
                )
                earlier.append(k)
                continue
            seen[norm] = [k]
            first[norm] = k
            if norm in first_tail:
                self.orig_of[k] = first_tail[norm]
                continue
            for start, tail in self.tails[k]:
                if (
                    first.get(tail, k) != k
                ):  # this sentence is an earlier one with a heading glued on
                    self.orig_of[k] = first[tail]
                    self.copies[k] = [first[tail]]
                    self.sents[k] = (block, text[start - a :], tail.split(" "), start, b)
                    break
                first_tail.setdefault(tail, k)

    def block(self, k: int) -> Block:
        return self.sents[k][0]

    def start(self, k: int) -> int:
        return self.sents[k][3]

    def end(self, k: int) -> int:
        return self.sents[k][4]

    def same_list(self, k: int, o: int) -> bool:
        """Not a list item repeated in another list: a list item whose copy is not in its
        list, or a block that is only this sentence (an item without its bullet) whose
        copy is a list item."""
        b, b0 = self.block(k), self.block(o)
        if b.kind != "list_item" and b0.kind != "list_item":
            return True
        if b.kind == "list_item":  # a bullet repeating a sentence: a summary point
            return self.list_of.get(b.index) == self.list_of.get(b0.index, -2)
        # an item repeated as a paragraph: another list unless the paragraph holds more
        # than the sentence (a list flattened into running text)
        return not self.whole_block(k)

    def whole_block(self, k: int) -> bool:
        """Sentence ``k`` is all its block says."""
        return self.first_in_block(k) and self.last_in_block(k)

    def first_in_block(self, k: int) -> bool:
        return k == 0 or self.sents[k - 1][0] is not self.sents[k][0]

    def last_in_block(self, k: int) -> bool:
        return k + 1 == len(self.sents) or self.sents[k + 1][0] is not self.sents[k][0]

    def cut_after_abbreviation(self, k: int) -> bool:
        """Sentence ``k`` is the rest of a sentence the splitter cut after a dotted
        abbreviation ("f.eks.", "e.g."): it starts with a digit or a lower-case letter,
        after a sentence of its block that ends with one."""
        text = self.sents[k][1].lstrip()
        if self.first_in_block(k) or not text or not (text[0].isdigit() or text[0].islower()):
            return False
        return _ENDS_IN_ABBREVIATION.search(self.sents[k - 1][1].rstrip()) is not None

    def reported(self, k: int) -> bool:
        """A prose sentence (not a contact row or a run of list fragments) long enough,
        outside a duplicated paragraph, and not a list item repeated in another list."""
        o = self.orig_of.get(k)
        return (
            o is not None
            and len(self.sents[k][2]) >= self.min_words
            and is_statement(self.sents[k][1])
            and self.block(k).index not in self.skip
            and self.same_list(k, o)
            and (not self.cut_after_abbreviation(k) or self.orig_of.get(k - 1) == o - 1)
        )

    def runs(self) -> Iterator[tuple[int, int]]:
        """Runs ``lo..hi`` of consecutive repeats in one block (copying consecutive earlier
        sentences) that hold a reported sentence."""
        orig_of, sents = self.orig_of, self.sents
        k = 0
        while k < len(sents):
            if k not in orig_of:
                k += 1
                continue
            block = sents[k][0]
            hi = k
            while (
                hi + 1 < len(sents)
                and orig_of.get(hi + 1) == orig_of[hi] + 1
                and sents[hi + 1][0] is block
            ):
                hi += 1
            if any(self.reported(x) for x in range(k, hi + 1)):
                yield k, hi
            k = hi + 1

    def earlier_runs(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """The earlier copies ``o_lo..o_hi`` of the run ``lo..hi``: the first, and every
        other earlier copy of its first sentence followed by copies of the rest."""
        yield self.orig_of[lo], self.orig_of[hi]
        span = hi - lo
        for o in self.copies.get(lo, ()):
            same = all(self.sents[o + d][2] == self.sents[lo + d][2] for d in range(span + 1))
            if o != self.orig_of[lo] and o + span < lo and same:
                yield o, o + span

    def in_template(self, lo: int, hi: int) -> bool:
        """Some earlier copy of the run ``lo..hi`` and it both sit next to similar but
        different sentences (or both next to bullets): a repeated template, not a copy.
        (Every copy is tried: a template's first row may be cut differently.)"""
        first = self.orig_of[lo]
        return any(
            self.template_pair(lo, hi, o_lo, o_hi)
            and (o_lo == first or not self.beside_copies(lo, hi))
            for o_lo, o_hi in self.earlier_runs(lo, hi)
        )

    def beside_copies(self, lo: int, hi: int) -> bool:
        """A sentence next to the run ``lo..hi`` in its block repeats an earlier one too:
        the run sits in copied text (a list copied with one question reworded), so only
        its first copy may show a template."""
        return any(
            0 <= x < len(self.sents) and self.sents[x][0] is self.sents[lo][0] and x in self.orig_of
            for x in (lo - 1, hi + 1)
        )

    def parallel_ending(self, lo: int, hi: int) -> bool:
        """The run ``lo..hi`` and its first copy each end a block after something else,
        the two blocks are neighbours (nothing but headings between them) of one kind,
        and they start differently: the same closing instruction of two parallel
        instructions, not a copy."""
        o_lo, o_hi = self.orig_of[lo], self.orig_of[hi]
        here, there = self.block(lo), self.block(o_lo)
        if here is there or here.kind != there.kind or self.block(hi) is not here:
            return False
        if not (self.last_in_block(hi) and self.last_in_block(o_hi) and self.block(o_hi) is there):
            return False
        if self.first_in_block(lo) or self.first_in_block(o_lo):
            return False
        if any(b.kind != "heading" for b in self.between(there.index, here.index)):
            return False
        k, o = lo, o_lo
        while not self.first_in_block(k):
            k -= 1
        while not self.first_in_block(o):
            o -= 1
        return self.sents[k][2] != self.sents[o][2]

    def between(self, a: int, b: int) -> list[Block]:
        """The article's blocks strictly between block indices ``a`` and ``b``, without
        the ones that are not text (front matter, blank)."""
        return [x for x in self.blocks[a + 1 : b] if x.kind != "meta"]

    def template_pair(self, lo: int, hi: int, o_lo: int, o_hi: int) -> bool:
        sents = self.sents
        for x, y, step in ((lo - 1, o_lo - 1, -1), (hi + 1, o_hi + 1, 1)):
            # skip neighbours that are the same in both places (part of the copy)
            for _ in range(3):
                if 0 <= x < len(sents) and 0 <= y < len(sents) and sents[x][2] == sents[y][2]:
                    x, y = x + step, y + step
            if not (0 <= x < len(sents) and 0 <= y < len(sents)) or x == o_lo or y == lo:
                continue
            sx, sy = sents[x], sents[y]
            wx, wy = set(sx[2]), set(sy[2])
            # similar but different, and not one cut from the other (a truncated copy)
            if not (wx <= wy or wy <= wx) and jaccard(sx[2], sy[2]) >= 0.5:
                return True
            if _BULLET_START.match(sx[1]) and _BULLET_START.match(sy[1]):
                return True
        return False


def list_runs(art: Article) -> dict[int, int]:
    """List item block index → the first block of its list (a run of list items)."""
    list_of: dict[int, int] = {}
    run_start = -1
    for block in art.prose_blocks():
        if block.kind == "list_item":
            prev = art.blocks[block.index - 1] if block.index > 0 else None
            if prev is None or prev.kind != "list_item":
                run_start = block.index
            list_of[block.index] = run_start
    return list_of
