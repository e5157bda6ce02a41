"""D303: a sentence repeats an earlier one, outside a duplicated paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.analysis.sentence_repeats import SentenceWords, repeating_sentences
from medlint.analysis.shingles import jaccard
from medlint.checks.duplication.paragraphs import (
    SENT_KINDS,
    duplicate_paragraphs,
    is_statement,
    paragraph_params,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block


@rule(
    "D303",
    "duplicate-sentence",
    "warning",
    "A sentence of 6 or more words repeats an earlier one, outside a duplicated paragraph.",
    rationale=(
        "A sentence that appears twice is usually a copy-paste slip or scraped page chrome. "
        "Whole repeated paragraphs are reported by D301/D302 instead."
    ),
    source="Editorial quality; DISCERN (Charnock et al., 1999) Q1-Q2",
    options={"min-words": Option(6, "shorter sentences are not compared")},
    bad="Take it with food. Do not drive if it makes you drowsy. … Do not drive if it makes you drowsy.",
    good="Take it with food. Do not drive if it makes you drowsy.",
    fix="Delete the repeated sentence or reword one of them.",
)
def duplicate_sentence(ctx: Context) -> Iterator[Finding]:
    """Repeated sentences, as runs.

    A run of two or more repeated sentences (copying consecutive earlier ones) is
    reported once.  A lone repeated sentence is reported only inside the paragraph of
    its first occurrence: across sections, a lone repeat is usually deliberate (a
    leaflet repeating "Then take your next dose at the usual time").  Either is
    dropped when both copies sit in a template, i.e. next to similar but different
    sentences ("… 500 mg tablets. The score line …" / "… 750 mg tablets. The score line …").
    """
    min_words = int(ctx.options.get("min-words", 6))
    # Only a sentence of min-words words or more whose words repeat an earlier sentence's
    # can start a reported run: without one, stop here.
    per_block = repeating_sentences(ctx.analysis, min_words, SENT_KINDS)
    if per_block is None:
        return
    dups = duplicate_paragraphs(ctx.analysis, paragraph_params(ctx.settings))
    art = ctx.article
    sents = _Sentences(art, per_block, min_words, skip=set(dups.exact) | set(dups.near))
    for a, b, lo, hi in sents.runs():
        # n: the comparable sentences of the run, with the short ones copied next to it
        n = sum(1 for x in range(lo, hi + 1) if sents.comparable(x))
        block = sents.block(a)
        single = n < 2
        if sents.in_template(lo, hi, threshold=0.2 if single else 0.5):
            continue
        original = sents.orig_of[lo]
        if single and sents.block(original) is not block:
            continue  # a lone repeat in another paragraph: usually deliberate
        line = art.line_of(sents.block(original).src_offset(sents.start(original)))
        what = "this sentence repeats the one" if n < 2 else f"these {n} sentences repeat those"
        yield ctx.finding(
            block,
            sents.start(a),
            sents.end(b),
            f"{what} on line {line}; delete the repeat",
        )


_BULLET_START = re.compile(r"^\s*[-•*▪◦]\s")
_Sentence = tuple["Block", str, list[str], int, int]  # (block, text, words, start, end)


class _Sentences:
    """Every sentence of the compared blocks in reading order, and where each repeats.

    Short sentences and questions are context only: they may join a run, not start one."""

    def __init__(
        self,
        art: Article,
        per_block: list[tuple[Block, SentenceWords]],
        min_words: int,
        skip: set[int],
    ) -> None:
        self.min_words = min_words
        self.skip = skip  # blocks D301/D302 report
        self.sents: list[_Sentence] = []
        for block, (offsets, norms, counts) in per_block:
            for k, (norm, n) in enumerate(zip(norms, counts, strict=True)):
                a, b = offsets[2 * k], offsets[2 * k + 1]
                self.sents.append((block, block.text[a:b], norm.split(" ") if n else [], a, b))
        self.list_of = _list_runs(art)
        first: dict[str, int] = {}
        # sentence position → position of its first occurrence
        self.orig_of: dict[int, int] = {}
        for k, (_block, _text, words, _a, _b) in enumerate(self.sents):
            norm = " ".join(words)
            if not norm:
                continue
            if norm not in first:
                first[norm] = k
            else:
                self.orig_of[k] = first[norm]

    def block(self, k: int) -> Block:
        return self.sents[k][0]

    def start(self, k: int) -> int:
        return self.sents[k][3]

    def end(self, k: int) -> int:
        return self.sents[k][4]

    def comparable(self, k: int) -> bool:
        _block, text, words, _a, _b = self.sents[k]
        return len(words) >= self.min_words and is_statement(text)

    def same_list(self, k: int, o: int) -> bool:
        b, b0 = self.block(k), self.block(o)
        return b.kind != "list_item" or self.list_of.get(b.index) == self.list_of.get(b0.index, -2)

    def starts_run(self, k: int) -> bool:
        o = self.orig_of.get(k)
        return (
            o is not None
            and self.comparable(k)
            and self.block(k).index not in self.skip
            and self.same_list(k, o)
        )

    def runs(self) -> Iterator[tuple[int, int, int, int]]:
        """Runs of consecutive repeats in one block, as (a, b, lo, hi): the sentences
        ``a..b`` to report (from a sentence that starts a run, extended forwards) and
        ``lo..hi``, the run extended backwards as well (short sentences may join it)."""
        orig_of, sents = self.orig_of, self.sents
        k = 0
        while k < len(sents):
            if not self.starts_run(k):
                k += 1
                continue
            block = sents[k][0]
            b = k
            while (
                b + 1 < len(sents)
                and orig_of.get(b + 1) == orig_of[b] + 1
                and sents[b + 1][0] is block
            ):
                b += 1
            lo = k
            while (
                lo - 1 >= 0
                and orig_of.get(lo - 1) == orig_of.get(lo, -9) - 1
                and sents[lo - 1][0] is block
            ):
                lo -= 1
            yield k, b, lo, b
            k = b + 1

    def in_template(self, lo: int, hi: int, threshold: float) -> bool:
        """Both copies of the run ``lo..hi`` sit next to similar but different sentences
        (or both next to bullets): a repeated template, not a copy."""
        sents = self.sents
        o_lo, o_hi = self.orig_of[lo], self.orig_of[hi]
        template = False
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
            if not (wx <= wy or wy <= wx) and jaccard(sx[2], sy[2]) >= threshold:
                template = True
            if _BULLET_START.match(sx[1]) and _BULLET_START.match(sy[1]):
                template = True
        return template


def _list_runs(art: Article) -> dict[int, int]:
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
