"""Repeated paragraphs (D301 exact, D302 near) and what D301-D303 share.

:func:`exact_duplicates` and :func:`near_duplicates` are computed once per article and
parameters, each from the options of the rule that asks (D303 passes its own): D303 skips
the paragraphs that are copies of earlier ones.  Every paragraph and block quote of enough
words is compared, whatever its last character (a question repeats as much as a statement
does).  The one excuse is a repeated template: a short, label-like block (a dose-table row,
an "Uncommon:" subheading) whose neighbours are similar but not the same in both places
(:func:`template_label`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from medlint.analysis import Analysis, per_article
from medlint.analysis.shingles import any_may_pass, near_pairs, shingles
from medlint.analysis.words import block_words

PARA_KINDS = ("paragraph", "quote")  # list items repeat across lists by design
SENT_KINDS = ("paragraph", "list_item", "quote")

# A label-like block has at most this many words (a table or contact row, a subheading).
LABEL_MAX_WORDS = 25
# A label's siblings (the other rows of its table) are looked for this many blocks either side.
SIBLING_SPAN = 40
# A prose sentence ends in ".", "!" or "?" (possibly before a closing quote/bracket).
_STATEMENT_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")
# a lower-case word, possibly with trailing punctuation: "tablets," "daily."
_LOWER_WORD_RE = re.compile(r"(?<!\S)\(?[a-z]+[.,;:)]*(?!\S)")


def is_statement(text: str) -> bool:
    """Running prose: a sentence ending in ".", "!" or "?", and mostly lower-case words (not
    a label, a title-case heading, an address or a table of phone numbers)."""
    if not _STATEMENT_END.search(text.rstrip()):
        return False
    tokens = len(text.split())  # runs of non-space (r"\S+"): re and split share str.isspace
    lower = len(_LOWER_WORD_RE.findall(text))
    return lower * 2 >= tokens


def label_like(text: str, n_words: int) -> bool:
    """A short block that labels rather than says: a table or contact row or a subheading
    ("Children 6 to 11 years: half a tablet", "Rare (up to 1 in 1,000 people)"), i.e. short
    text with a colon or that is not running prose.  A question is never a label."""
    if n_words > LABEL_MAX_WORDS or text.rstrip().endswith("?"):
        return False
    return ":" in text or not is_statement(text)


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


def has_sibling_label(analysis: Analysis, index: int) -> bool:
    """Another label-like paragraph within ``SIBLING_SPAN`` blocks of block ``index`` (itself
    label-like) is similar to it but not the same ("Rare (up to 1 in 1,000)" / "Common (up
    to 1 in 10)", one contact row and the next): the block is one row of a table or of a
    family of subheadings, whose rows sit together.  (Only nearby labels are compared, so
    the work per block does not grow with the article.)"""
    table = block_words(analysis)
    blocks = analysis.article.blocks
    x = set(table.words(blocks[index]))
    labels = _label_indices(analysis)
    lo = bisect.bisect_left(labels, index - SIBLING_SPAN)
    hi = bisect.bisect_right(labels, index + SIBLING_SPAN)
    for other in labels[lo:hi]:
        y = set(table.words(blocks[other]))
        if other != index and y != x and len(x & y) * 2 >= len(x | y):
            return True
    return False


@per_article
def _label_indices(analysis: Analysis) -> list[int]:
    """The block indices of the label-like paragraphs (with a word), ascending."""
    blocks = analysis.article.blocks
    return [
        index
        for index, words in _paragraphs(analysis)
        if words and label_like(blocks[index].text, len(words))
    ]


def template_label(analysis: Analysis, first: int, repeat: int) -> bool:
    """The repeat of block ``first`` at block ``repeat`` is a template label, not a copy:
    the block is label-like, and it is one of a family of similar labels or rows, or both
    copies sit next to similar but different blocks."""
    block = analysis.article.blocks[repeat]
    n_words = len(block_words(analysis).words(block))
    if not label_like(block.text, n_words):
        return False
    if similar_neighbours(analysis, first, repeat) or has_sibling_label(analysis, repeat):
        return True
    return in_table(analysis, first) and in_table(analysis, repeat)


def in_table(analysis: Analysis, index: int) -> bool:
    """Block ``index`` is a row among rows: a paragraph next to it is label-like too (a
    contact table printed once per language version of a leaflet)."""
    blocks = analysis.article.blocks
    table = block_words(analysis)
    for i in (index - 1, index + 1):
        inside = 0 <= i < len(blocks) and blocks[i].kind in PARA_KINDS
        if inside and label_like(blocks[i].text, len(table.words(blocks[i]))):
            return True
    return False


@dataclass(frozen=True)
class NearParams:
    """What decides a near-duplicate paragraph (D302's options, or D303's own)."""

    threshold: float
    size: int  # words per shingle
    min_words: int


@per_article
def _exact_found(analysis: Analysis) -> dict[int, dict[int, int]]:
    return {}


@per_article
def _near_found(analysis: Analysis) -> dict[NearParams, dict[int, tuple[int, float]]]:
    return {}


@per_article
def _paragraphs(analysis: Analysis) -> list[tuple[int, list[str]]]:
    """(block index, normalised words) of every paragraph and block quote (once per
    article)."""
    table = block_words(analysis)
    return [
        (block.index, table.words(block))
        for block in analysis.article.blocks
        if block.kind in PARA_KINDS
    ]


def exact_duplicates(analysis: Analysis, min_words: int) -> dict[int, int]:
    """Paragraphs of ``min_words`` words or more that repeat an earlier one: block index →
    block index of the first occurrence (template labels left out).  Once per article."""
    found = _exact_found(analysis)
    got = found.get(min_words)
    if got is None:
        got = found[min_words] = {}
        first: dict[str, int] = {}
        for index, words in _paragraphs(analysis):
            if len(words) < max(min_words, 1):
                continue
            norm = " ".join(words)
            if norm not in first:
                first[norm] = index
            elif not template_label(analysis, first[norm], index):
                got[index] = first[norm]
    return got


def near_duplicates(analysis: Analysis, params: NearParams) -> dict[int, tuple[int, float]]:
    """Near copies: block index → (earlier block index, similarity).  Paragraphs with the
    same words as an earlier one (any length: exact copies are D301's) are not candidates;
    template labels are left out.  Once per article and ``params``."""
    found = _near_found(analysis)
    got = found.get(params)
    if got is None:
        got = found[params] = find_near_duplicates(analysis, params)
    return got


def find_near_duplicates(
    analysis: Analysis, params: NearParams, early_exit: bool = True
) -> dict[int, tuple[int, float]]:
    """``near_duplicates`` computed (``early_exit=False``: without the fast path, for the
    tests that show it changes nothing)."""
    paras = [(i, w) for i, w in _paragraphs(analysis) if len(w) >= params.min_words]
    # the early exit: tests every long enough paragraph, copies too (a superset of the
    # candidates: adding sets to near_pairs' input only adds shared shingles)
    if early_exit and not any_may_pass([w for _, w in paras], params.size, params.threshold):
        return {}
    seen: set[str] = set()
    candidates: list[tuple[int, set[str]]] = []
    for index, words in paras:
        norm = " ".join(words)
        if norm in seen:
            continue
        seen.add(norm)
        candidates.append((index, shingles(words, params.size)))
    near = near_pairs(candidates, params.threshold) if candidates else {}
    return {k: v for k, v in near.items() if not template_label(analysis, v[0], k)}
