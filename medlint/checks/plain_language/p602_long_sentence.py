"""P602 long-sentence: a sentence has more than `max-words` words."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from medlint import nlp
from medlint.analysis import readability
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

_PROSE_KINDS = ("paragraph", "list_item", "quote")
# the next sentence's opening quote, kept by the splitter at the end of this one: `said. "`
_OPENING_QUOTE_AT_END = re.compile(r"\s+[\"“‘'«]$")
# a lost boundary: a dotted abbreviation ("U.S.", "N.Y.") that ends a sentence is one token,
# so the splitter does not split after it; the next word (after a space, perhaps a quote)
# decides, see _lost_boundaries
_AFTER_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}(\s+)[\"“‘']?([A-Z][a-z]*)\b")


@rule(
    "P602",
    "long-sentence",
    "info",
    "A sentence has more than `max-words` words.",
    rationale=(
        "Long sentences are the main driver of reading grade and lose readers with limited "
        "literacy; plain-language guidance asks for short sentences with one idea each. Checked "
        "in paragraphs, list items and block quotes (not headings or table cells)."
    ),
    source="NIH Plain Language guidelines; CDC Clear Communication Index; Federal Plain Language Guidelines",
    options={"max-words": Option(25, "most words a sentence may have", min=1)},
    bad=(
        "If you notice new or unusual movements while taking this medicine, which can happen at "
        "higher doses or when it is combined with other drugs that act on the nervous system, "
        "talk to your doctor."
    ),
    good=(
        "Talk to your doctor if you notice new or unusual movements. They are more likely at "
        "higher doses or with other drugs that act on the nervous system."
    ),
    fix="Split the sentence into two or three shorter ones, one idea each.",
)
def long_sentence(ctx: Context) -> Iterator[Finding]:
    limit = int(ctx.options["max-words"])
    art = ctx.article
    for block in art.blocks:
        if block.kind not in _PROSE_KINDS:
            continue
        # word counts of the shared sentence rows (counted once per article for P601-P603)
        rows = readability.sentence_rows(ctx.analysis, block)
        if not rows or max(rows[2::4]) <= limit:
            continue  # no sentence of the block is too long
        for start, end, n, _packed in readability.rows_of(rows):
            if n <= limit:
                continue
            for a, b in _pieces(block.text, start, end):
                words = readability.count_words(block.text, a, b)
                if words > limit:
                    yield ctx.finding(
                        block,
                        a,
                        b,
                        f"sentence of {words} words (limit {limit}): split it into shorter "
                        "sentences with one idea each",
                        words=words,
                    )


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` as P602 reports it: cut where a sentence ends after a
    dotted abbreviation ("… in the U.S. The condition …"), each piece without its trailing
    space or the next sentence's opening quote."""
    cuts = [start, *_lost_boundaries(text, start, end), end]
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b].rstrip()
        m = _OPENING_QUOTE_AT_END.search(piece)
        if m:
            piece = piece[: m.start()]
        if piece.strip():
            out.append((a, a + len(piece)))
    return out


def _lost_boundaries(text: str, start: int, end: int) -> list[int]:
    """Where a sentence begins after a dotted abbreviation inside ``text[start:end]``: the
    next word is capitalised and is a function word ("The", "But", "He"), which does not
    begin a name ("U.S. Food and Drug Administration", "M.D. Anderson")."""
    out = []
    for m in _AFTER_DOTTED.finditer(text, start, end):
        if m.group(2).lower() in _stop_words():
            out.append(m.end(1))
    return out


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(nlp.get_nlp().Defaults.stop_words)
