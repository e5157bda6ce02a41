"""Is a claim word supported where it stands (C401)? A rate or a count of people in its
sentence or the next one, a citation in its paragraph or the lead-in it hangs from, or
rates in the list its sentence introduces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medlint.analysis.sentences import sent_at, sentence_of
from medlint.checks.claims.frequency import rate_is_change

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.context import Context
    from medlint.document.model import Article, Block


def supported(ctx: Context, art: Article, block: Block, span: Span) -> bool:
    """A rate or a count of people in the word's sentence or the next one of its
    paragraph (not a relative change, an age, a dose or a year), or a citation in its
    paragraph (or the lead-in the paragraph hangs from)."""
    ev = ctx.analysis.evidence
    if any(ev.cited(b) for b in block_context(art, block)):
        return True
    doc = span.doc
    sent = sentence_of(span)
    if _introduces_rated_list(ctx, art, block, sent):
        return True  # "Some patients have had these side effects:" and a list with rates
    stop = sent.end_char
    if sent.end < len(doc):
        stop = sent_at(doc, sent.end).end_char
    for r in ev.rates_in(block, sent.start_char, stop):
        rspan = doc.char_span(r.start, r.end, alignment_mode="expand")
        if rspan is not None and not rate_is_change(doc, rspan):
            return True
    return bool(ev.counts_in(block, sent.start_char, stop))


def block_context(article: Article, block: Block) -> list[Block]:
    """The block plus the lead-in a list item or short paragraph hangs from."""
    out = [block]
    if block.index > 0:
        prev = article.blocks[block.index - 1]
        lead_in = block.kind == "list_item" or prev.kind == "heading"
        if (lead_in or prev.text.rstrip().endswith(":")) and prev.kind != "title":
            out.append(prev)
    return out


def list_after(article: Article, block: Block) -> list[Block]:
    """The list items right after a lead-in ``block`` (the list it introduces)."""
    out: list[Block] = []
    for nxt in article.blocks[block.index + 1 :]:
        if nxt.kind != "list_item":
            break
        out.append(nxt)
    return out


def _introduces_rated_list(ctx: Context, art: Article, block: Block, sent: Span) -> bool:
    """The sentence ends its block with a colon and the list after it gives rates."""
    if not sent.text.rstrip().endswith(":") or sent.end != len(sent.doc):
        return False
    ev = ctx.analysis.evidence
    return any(ev.rates_in(b) or ev.counts_in(b) for b in list_after(art, block))
