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

from medlint import packs
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


def has_sibling_label(analysis: Analysis, index: int, first: int = -1) -> bool:
    """Another label-like paragraph (not ``first``, the block it copies) within ``SIBLING_SPAN`` blocks of block ``index`` (itself
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
        if other not in (index, first) and y != x and len(x & y) * 2 >= len(x | y):
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
    copies sit next to similar but different blocks, or both introduce a different list."""
    block = analysis.article.blocks[repeat]
    n_words = len(block_words(analysis).words(block))
    if not label_like(block.text, n_words):
        return False
    if similar_neighbours(analysis, first, repeat) or has_sibling_label(analysis, repeat, first):
        return True
    if leads_different_lists(analysis, first, repeat):
        return True
    return in_table(analysis, first) and in_table(analysis, repeat)


def leads_different_lists(analysis: Analysis, first: int, repeat: int) -> bool:
    """Both copies are a lead-in ending in a colon ("If you take any of the following:"),
    each followed by a list, and the lists begin differently: one wording introduces two
    lists.  (A scrape that doubled the lead-in would have doubled its list too.)"""
    blocks = analysis.article.blocks
    if not blocks[repeat].text.rstrip().endswith(":") or repeat + 1 >= len(blocks):
        return False
    x, y = blocks[first + 1], blocks[repeat + 1]
    table = block_words(analysis)
    return (
        x.kind == y.kind == "list_item" and x.index != repeat and table.words(x) != table.words(y)
    )


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


def other_language_copy(analysis: Analysis, first: int, repeat: int) -> bool:
    """The repeat of block ``first`` at block ``repeat`` is not running prose (a contact
    table, an address, a label) and the two copies sit in sections written in different
    languages: an EU package leaflet prints its contact table once per language version,
    so a table can repeat without anything having been doubled.  A sentence of prose
    cannot repeat across a translation, so prose is never excused this way."""
    block = analysis.article.blocks[repeat]
    if is_statement(block.text):
        return False
    a, b = _section_markers(analysis, first), _section_markers(analysis, repeat)
    if (a and len(a) < 2) or (b and len(b) < 2):
        return False  # one marker word may be a name or a stray word: undecided
    return len(a & b) * 5 < len(a | b)


# How much running prose tells a section's language: up to this many words, from at most
# this many blocks before the block (or after it, when nothing before is prose).
LANGUAGE_CONTEXT_WORDS = 80
LANGUAGE_CONTEXT_BLOCKS = 30


def _section_markers(analysis: Analysis, index: int) -> frozenset[str]:
    """The function words of other languages than English (rules/languages.yaml, as
    written) in the running prose just before block ``index``, or just after it when
    nothing before is prose: empty for an English section, Danish words for a Danish one."""
    blocks = analysis.article.blocks
    markers = _foreign_function_words()
    for step in (-1, 1):
        found: set[str] = set()
        seen = 0
        j = index + step
        while 0 <= j < len(blocks) and abs(j - index) <= LANGUAGE_CONTEXT_BLOCKS:
            if seen >= LANGUAGE_CONTEXT_WORDS:
                break
            block = blocks[j]
            if block.kind in SENT_KINDS and is_statement(block.text):
                words = _WRITTEN_WORD.findall(block.text)
                seen += len(words)
                found.update(w for w in words if w in markers)
            j += step
        if seen:
            return frozenset(found)
    return frozenset()


_WRITTEN_WORD = re.compile(r"[^\W\d_]+")


@packs.pack_cache
def _foreign_function_words() -> frozenset[str]:
    """Common function words of other European languages (the pack P604/P605 use to skip
    the Danish or Portuguese sections of a leaflet)."""
    pack = packs.load("languages")
    return frozenset(str(w) for w in pack.get("function_words") or [])


def excused_repeat(analysis: Analysis, first: int, repeat: int) -> bool:
    """The repeat of block ``first`` at block ``repeat`` is by design: a template label
    (:func:`template_label`) or a table printed in two language versions
    (:func:`other_language_copy`)."""
    return template_label(analysis, first, repeat) or other_language_copy(analysis, first, repeat)


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
            elif not excused_repeat(analysis, first[norm], index):
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
    return {k: v for k, v in near.items() if not excused_repeat(analysis, v[0], k)}
