"""Calls to action ("book a visit", "order now", "use code …"): strong ones, which sell on
their own, and brand-dependent ones, which sell only in a sentence that names a commercial
brand or domain.  Phrases and patterns: rules/advertising.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from medlint import nlp
from medlint.analysis import Analysis, per_article
from medlint.checks.advertising.wordlists import ad_pack
from medlint.matching import Matches, PhraseList
from medlint.matching.prefilter import NeedleIndex, find_spans, may_match, texts_with_needles

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.document.model import Block

CTA = PhraseList("A501:cta", lambda: ad_pack()["cta"])
BRAND_CTA = PhraseList("A501:brand-cta", lambda: ad_pack()["brand_cta"])

Hits = list[tuple[int, int, str]]  # (start, end, text) in a block's text
CtaBlocks = dict[int, tuple[Hits, Hits]]  # block index → (strong, brand-dependent) hits


@per_article
def body_text(analysis: Analysis) -> tuple[str, str]:
    """The body blocks' texts joined by newlines, and its lower-case form.  Each block's
    text is a part of it, so a literal (or a literal-only regex) absent from the joined
    text is absent from every block: whole-article pre-checks."""
    text = "\n".join(b.text for b in analysis.body_blocks)
    return text, text.lower()


@per_article
def body_index(analysis: Analysis) -> NeedleIndex:
    """The body blocks' texts, indexed for literal pre-filters (``NeedleIndex``)."""
    return NeedleIndex([b.text for b in analysis.body_blocks])


def raw_cta(cta: CtaBlocks, block: Block) -> tuple[Hits, Hits]:
    """The block's calls to action as (start, end, text) character ranges: strong ones and
    brand-dependent ones."""
    got = cta.get(block.index)
    return got if got is not None else ([], [])


def cta_blocks(matches: Matches) -> CtaBlocks:
    """``raw_cta`` of every body block that has a call to action, in one pass with the
    matchers looked up once.  Reads ``CTA`` and ``BRAND_CTA``.

    Only blocks that can have one are read: those with a phrase match (``blocks_with``)
    and those holding one of a regex's literal needles (``texts_with_needles``), which
    leaves the matches unchanged."""
    pack = ad_pack()
    analysis = matches.analysis
    whole, whole_low = body_text(analysis)
    body = analysis.body_blocks
    texts = [b.text for b in body]
    # per regex: the body blocks (by index) it may match in, or None for "any block"
    kinds: list[tuple[str, list[tuple[re.Pattern[str], set[int] | None]]]] = []
    every_block = False
    for key, rxs in ((CTA.key, pack["cta_rx"]), (BRAND_CTA.key, pack["brand_cta_rx"])):
        active: list[tuple[re.Pattern[str], set[int] | None]] = []
        for rx in rxs:
            if not may_match(rx, whole, whole_low):
                continue  # none of its needles anywhere in the article
            where = texts_with_needles(rx, texts, whole, whole_low)
            if where is None:
                every_block = True  # no needles to place: try it on every block
                active.append((rx, None))
            else:
                active.append((rx, {body[k].index for k in where}))
        kinds.append((key, active))
    if every_block:
        blocks: Iterable[Block] = body
    else:
        wanted = {b.index for b in matches.blocks_with(CTA.key, BRAND_CTA.key)}
        for _key, active in kinds:
            for _rx, where in active:
                wanted.update(where or ())
        blocks = [b for b in body if b.index in wanted]
    docs = analysis.docs
    out: CtaBlocks = {}
    for block in blocks:
        doc = docs[block.index]
        text = block.text
        low = text.lower()
        found: list[Hits] = []
        for key, active in kinds:
            hits: Hits = []
            for _, s, e in matches.phrase_matches(doc, key):
                span = doc[s:e]
                hits.append((span.start_char, span.end_char, span.text))
            for rx, where in active:
                if block.index in where if where is not None else may_match(rx, text, low):
                    hits.extend((a, b, text[a:b]) for a, b in find_spans(rx, text, low))
            found.append(hits)
        if found[0] or found[1]:
            out[block.index] = (found[0], found[1])
    return out


def cta_hits(
    analysis: Analysis, cta: CtaBlocks, block: Block, brand_words: frozenset[str]
) -> list[tuple[Span, Hits]]:
    """Calls to action by sentence: strong ones anywhere, brand-dependent ones only in a
    sentence that names a commercial brand or domain."""
    doc = analysis.doc(block)
    low = block.text.lower()
    strong, all_weak = raw_cta(cta, block)
    brands_here = [b for b in brand_words if b in low]
    weak = all_weak if brands_here else []
    if not strong and not weak:
        return []
    brand_rx = (
        re.compile(
            r"(?<![\w@./-])(?:" + "|".join(re.escape(w) for w in brands_here) + r")(?![\w@-])"
        )
        if brands_here
        else None
    )
    out: list[tuple[Span, Hits]] = []
    for sent in nlp.sentences(doc):
        a, b = sent.start_char, sent.end_char
        hits = [h for h in strong if a <= h[0] < b]
        if weak and brand_rx is not None and brand_rx.search(low, a, b):
            hits += [h for h in weak if a <= h[0] < b]
        if hits:
            out.append((sent, sorted(hits)))
    return out
