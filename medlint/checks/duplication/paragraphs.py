"""Repeated paragraphs (D301 exact, D302 near) and what D301-D303 share.

:func:`duplicate_paragraphs` finds both kinds in one pass, once per article and settings:
D303 skips the paragraphs D301 and D302 report.  A paragraph is compared only when it is
running prose (:func:`is_statement`) and not part of a repeated template
(:func:`similar_neighbours`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint.analysis import Analysis, per_article
from medlint.analysis.shingles import any_may_pass, near_pairs, shingles
from medlint.analysis.words import BlockWords, block_words

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings

PARA_KINDS = ("paragraph", "quote")  # list items repeat across lists by design
SENT_KINDS = ("paragraph", "list_item", "quote")

D301_DEFAULTS = {"min-words": 6}
D302_DEFAULTS = {"threshold": 0.85, "shingle-size": 3, "min-words": 8}

# A statement sentence ends in a period or "!" (possibly before a closing quote/bracket).
_STATEMENT_END = re.compile(r"[.!][\"'”’)\]]*(?:\s|$)")
# a lower-case word, possibly with trailing punctuation: "tablets," "daily."
_LOWER_WORD_RE = re.compile(r"(?<!\S)\(?[a-z]+[.,;:)]*(?!\S)")


def is_statement(text: str) -> bool:
    """Running prose: a sentence ending in a period, and mostly lower-case words (not a
    label, a question heading, an address or a table of phone numbers)."""
    if not _STATEMENT_END.search(text.rstrip()):
        return False
    tokens = len(text.split())  # runs of non-space (r"\S+"): re and split share str.isspace
    lower = len(_LOWER_WORD_RE.findall(text))
    return lower * 2 >= tokens


def similar_neighbours(analysis: Analysis, a: int, b: int) -> bool:
    """Blocks ``a`` and ``b`` sit in a repeated template: the blocks just before them (or
    just after) are similar but not the same ('… 500 mg tablets …' / '… 750 mg tablets …')."""
    blocks = analysis.article.blocks
    table = block_words(analysis)
    for d in (-1, 1):
        i, j = a + d, b + d
        if not (0 <= i < len(blocks) and 0 <= j < len(blocks)) or i == b or j == a:
            continue
        x, y = set(table.words(blocks[i])), set(table.words(blocks[j]))
        if x and y and x != y and len(x & y) / len(x | y) >= 0.5:
            return True
    return False


@dataclass(frozen=True)
class ParagraphParams:
    """What decides a duplicate paragraph: D301's and D302's options."""

    min_exact: int  # D301 min-words
    threshold: float  # D302 threshold
    size: int  # D302 shingle-size
    min_near: int  # D302 min-words


def paragraph_params(settings: Settings) -> ParagraphParams:
    """D301's and D302's options as configured (D303 skips what those two report, with the
    options they run with, whether or not they are selected)."""
    d301 = {**D301_DEFAULTS, **settings.rules.get("D301", {})}
    d302 = {**D302_DEFAULTS, **settings.rules.get("D302", {})}
    return ParagraphParams(
        int(d301["min-words"]),
        float(d302["threshold"]),
        int(d302["shingle-size"]),
        int(d302["min-words"]),
    )


@dataclass
class Duplicates:
    exact: dict[int, int]  # block index → block index of its first occurrence
    near: dict[int, tuple[int, float]]  # block index → (earlier block index, similarity)


@per_article
def _found(analysis: Analysis) -> dict[ParagraphParams, Duplicates]:
    return {}


def duplicate_paragraphs(analysis: Analysis, params: ParagraphParams) -> Duplicates:
    """Exact and near duplicate paragraphs, computed once per article and ``params``."""
    found = _found(analysis)
    got = found.get(params)
    if got is None:
        got = found[params] = find_duplicate_paragraphs(analysis, params)
    return got


def find_duplicate_paragraphs(
    analysis: Analysis, params: ParagraphParams, early_exit: bool = True
) -> Duplicates:
    """Exact and near duplicate paragraphs (``early_exit=False``: without the fast path,
    for the tests that show it changes nothing)."""
    table = block_words(analysis)
    if early_exit and not _may_have_duplicates(analysis, table, params):
        return Duplicates({}, {})
    exact: dict[int, int] = {}
    first: dict[str, int] = {}
    candidates: list[tuple[int, set[str]]] = []
    for block in analysis.article.blocks:
        if block.kind not in PARA_KINDS or not is_statement(block.text):
            continue
        words = table.words(block)
        if len(words) >= params.min_exact:
            norm = " ".join(words)
            if norm in first:
                if not similar_neighbours(analysis, first[norm], block.index):
                    exact[block.index] = first[norm]
                continue
            first[norm] = block.index
        if len(words) >= params.min_near:
            candidates.append((block.index, shingles(words, params.size)))
    near = near_pairs(candidates, params.threshold) if candidates else {}
    near = {k: v for k, v in near.items() if not similar_neighbours(analysis, v[0], k)}
    return Duplicates(exact, near)


def _may_have_duplicates(analysis: Analysis, table: BlockWords, params: ParagraphParams) -> bool:
    """False only when no paragraph can be an exact or near duplicate.

    Tests every paragraph and quote, statement or not (a superset of the candidates of
    ``find_duplicate_paragraphs``): if no two of them have the same words and none could
    pass ``near_pairs``' shared-shingle filter, there is neither an exact nor a near
    duplicate.  (Adding sets to ``near_pairs``' input only adds shared shingles, so a
    candidate that passes the filter among the candidates also passes it among the
    superset.)  Skips ``is_statement`` and ``near_pairs`` for nearly every article.
    """
    norms: set[str] = set()
    word_lists: list[list[str]] = []
    for block in analysis.article.blocks:
        if block.kind not in PARA_KINDS:
            continue
        words = table.words(block)
        if len(words) >= params.min_exact:
            norm = " ".join(words)
            if norm in norms:
                return True
            norms.add(norm)
        if len(words) >= params.min_near:
            word_lists.append(words)
    return any_may_pass(word_lists, params.size, params.threshold)
