"""P605 undefined-abbreviation: an abbreviation used before, or without, being spelled out.

The candidates (``abbreviations.candidates``) and where each abbreviation is first spelled out
(``definitions.first_definitions``) are worked out once per article; this module decides which
uses count and which first use is reported.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article
from medlint.checks.plain_language.abbreviations import (
    CREDIT,
    AbbrPack,
    Candidate,
    abbr_pack,
    after_credential,
    candidates,
    in_name,
    inside_quote,
    name_after,
    neighbour_caps,
    sentence_start,
)
from medlint.checks.plain_language.definitions import Definition, first_definitions, truncation
from medlint.checks.plain_language.language import alpha_words, english
from medlint.checks.plain_language.typography import shouting
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

_PROSE = ("paragraph", "list_item", "quote", "table_cell")


@rule(
    "P605",
    "undefined-abbreviation",
    "warning",
    "An abbreviation is used before, or without, being spelled out.",
    rationale=(
        "Plain-language guidance (NIH, CDC) asks writers to avoid unexplained acronyms: spell "
        "the term out at first use with the abbreviation after it, 'nonsteroidal "
        "anti-inflammatory drugs (NSAIDs)', or the other way round, 'NSAIDs (nonsteroidal "
        "anti-inflammatory drugs)'; 'CBT, or cognitive behavioral therapy', 'known as CBT' and "
        "the writer's own label in brackets after a noun ('ground ambulance (GEMS)') count too. "
        "Abbreviations most readers know (US, TV, DNA, HIV, MRI…) are on an allowlist in "
        "rules/abbreviations.yaml; credentials (MD, RN…) are skipped only in a credential's "
        "place ('Jane Doe, MD'), not elsewhere ('people with MS'). Abbreviations with a number "
        "(HER2, PD-L1) or a lower-case letter (mPFS) are read; Roman numerals, product codes "
        "(MK-3475), capitalised ordinary words (NOTE, STOP) and runs of capitals (DO NOT STOP) "
        "are not reported. Uses are checked in paragraphs, list items, quotes, table cells and "
        "headings of two words or more (a box label like 'KHA Viewpoint' too); an expansion "
        "anywhere (a heading too) counts. A block that is not English is out of scope both "
        "ways: no use there is reported and no definition there counts. Each abbreviation is "
        "reported once, at its first use."
    ),
    source="NIH Plain Language guidelines ('avoid … too many acronyms'); CDC Clear Communication Index; AMA Manual of Style (abbreviations: expand at first mention)",
    bad="Stop taking NSAIDs a week before surgery.",
    good="Stop taking nonsteroidal anti-inflammatory drugs (NSAIDs) a week before surgery.",
    fix="Spell the term out at its first use, followed by the abbreviation in brackets.",
)
def undefined_abbreviation(ctx: Context) -> Iterator[Finding]:
    first_def = first_definitions(ctx.analysis)
    uses = _Uses()
    prose: dict[int, bool] = {}  # block index -> reads as English prose
    for c in candidates(ctx.analysis):
        d = first_def.get(c.token)
        if d is not None and (d.block, d.offset) == (c.block.index, c.start):
            continue  # where it is spelled out
        if _counts_as_use(ctx.analysis, c, abbr_pack(), prose):
            uses.add(c)
    for key, c in sorted(uses.first.items(), key=lambda kv: (kv[1].block.index, kv[1].start)):
        msg = _verdict(ctx.analysis, c, first_def.get(key), uses)
        if msg is not None:
            yield ctx.finding(c.block, c.start, c.end, msg, abbreviation=key)


@dataclass
class _Uses:
    """The uses that need an expansion: the first of each abbreviation, how many, and
    which first uses are inside a quotation."""

    first: dict[str, Candidate] = field(default_factory=dict)
    count: dict[str, int] = field(default_factory=dict)
    quoted_first: set[str] = field(default_factory=set)

    def add(self, c: Candidate) -> None:
        self.count[c.token] = self.count.get(c.token, 0) + 1
        if c.token not in self.first:
            self.first[c.token] = c
            if inside_quote(c.block.text, c.start):
                self.quoted_first.add(c.token)


def _counts_as_use(
    analysis: Analysis, c: Candidate, pack: AbbrPack, prose: dict[int, bool]
) -> bool:
    """Whether the candidate is a use a reader needs explained: in English prose, not a
    run of capitals, a photo credit, a dateline, part of a name or a truncated word."""
    block, text, start = c.block, c.block.text, c.start
    if c.credential or c.tablet or neighbour_caps(text, start, c.end):
        return False
    heading = block.kind == "heading"
    if block.kind not in _PROSE and not heading:
        return False
    is_prose = prose.get(block.index)
    if is_prose is None:  # worked out at the first candidate of the block that needs it
        is_prose = prose[block.index] = (
            not shouting(text)
            # not a one-word marker ("AD") nor a label line ("UCB . ."); a heading of two
            # words is a box label a reader reads ("KHA Viewpoint")
            and len(alpha_words(text)) > (1 if heading else 2)
            and english(analysis, block)
        )
    if not is_prose:
        return False
    if CREDIT.search(text[max(0, start - 200) : start]):
        return False  # a photo credit: "(image: … Zika virus, NIAID)"
    if (
        sentence_start(text, start)
        and re.match(r"\s*(?:,|\(|[—―–-])", text[c.end :])
        and (start == 0 or neighbour_caps(text, start, c.end))
    ):
        return False  # a dateline: "ZURICH (Reuters) -", "TORONTO, May 22"
    if _part_of_name(analysis, c, pack) or after_credential(text, start, pack):
        return False
    sent = _sentence_at(sentence_spans(analysis, block), start)
    return not (sent is not None and truncation(text[sent[0] : sent[1]], c.token))


def _sentence_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return spans[i] if i >= 0 and spans[i][0] <= pos < spans[i][1] else None


def _part_of_name(analysis: Analysis, c: Candidate, pack: AbbrPack) -> bool:
    """Part of a proper name ("NYU Langone", "Bayer AG"). In a heading that capitalises its
    words a capital after the abbreviation shows nothing: there the pair is a name only
    when the article writes it elsewhere too ("About JRH Fairview" after "JRH Fairview"
    in the text), not in a box label of its own ("KHA Viewpoint")."""
    text = c.block.text
    if c.block.kind != "heading" or _phrase_line(text):
        return in_name(text, c.start, c.end, pack)
    if in_name(text, c.start, c.end, pack, title_case=True):
        return True
    shown = re.escape(text[c.start : c.end])
    pairs = []
    after = name_after(text, c.end)
    if after is not None:
        pairs.append(rf"(?<![\w-]){shown}[ \t]+{re.escape(after)}\b")
    before = re.search(r"\b([A-Z][\w'’-]*)[ \t]+$", text[max(0, c.start - 80) : c.start])
    if before is not None:
        pairs.append(rf"\b{re.escape(before.group(1))}[ \t]+{shown}(?![\w-])")
    if not pairs:
        return False
    pair = re.compile("|".join(pairs))
    return any(b is not c.block and pair.search(b.text) for b in analysis.article.blocks)


def _phrase_line(text: str) -> bool:
    """A heading that reads as a phrase, not a label: four words or more, two of them in
    lower case ("News release on the XYZ paper", "Sites for batch release in the EEA")."""
    words = alpha_words(text)
    return len(words) >= 4 and sum(w.islower() for w in words) >= 2


def _verdict(analysis: Analysis, c: Candidate, d: Definition | None, uses: _Uses) -> str | None:
    """The message for the first use ``c`` of an abbreviation first defined at ``d``,
    or None when the definition comes first or close enough."""
    block, key = c.block, c.token
    if d is not None and (d.block, d.offset) < (block.index, c.start):
        return None
    if d is not None and block.kind == "heading" and d.block - block.index <= 2:
        return None  # a heading explained by the text right under it
    if d is not None and key in uses.quoted_first and d.block == block.index:
        return None  # a quotation the writer cannot change, explained right after it
    if d is not None and d.block == block.index:
        spans = sentence_spans(analysis, block)
        if any(a <= c.start and d.offset < b for a, b in spans):
            return None  # spelled out later in the same sentence
    if d is not None:
        blk = analysis.article.blocks[d.block]
        line = analysis.article.line_of(blk.src_offset(d.offset))
        term = " ".join(d.term.split())
        if term:
            return (
                f"'{c.shown}' is used before it is spelled out as '{term}' (line {line}): "
                f"write '{term} ({c.shown})' here, at its first use"
            )
        return (
            f"'{c.shown}' is used before it is explained (line {line}): spell it out at this "
            f"first use, 'full term ({key})'"
        )
    n = uses.count.get(key, 1)
    times = f" (used {n} times)" if n > 1 else ""
    return (
        f"'{c.shown}' is never spelled out{times}: write the full term at its first use, "
        f"followed by '({key})'"
    )


@per_article
def _sentence_table(analysis: Analysis) -> dict[int, list[tuple[int, int]]]:
    return {}


def sentence_spans(analysis: Analysis, block: Block) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``block``, once per article."""
    table = _sentence_table(analysis)
    got = table.get(block.index)
    if got is None:
        sents = nlp.sentences(analysis.doc(block))  # shared with the other rules, per Doc
        got = table[block.index] = [(s.start_char, s.end_char) for s in sents]
    return got
