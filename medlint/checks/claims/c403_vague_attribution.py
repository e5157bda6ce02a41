"""C403 vague-attribution: 'research suggests', 'studies show', 'experts say' with no
citation, link or named source nearby."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

from medlint.checks.claims.attribution import ATTRIBUTION_PHRASES, vague_attributions
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import rule
from medlint.text.sentences import sent_at, sentence_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.document.model import Article, Block


@rule(
    "C403",
    "vague-attribution",
    "warning",
    "'Research suggests', 'studies show', 'experts say' with no citation, link or named "
    "source nearby.",
    rationale=(
        "An appeal to unnamed research cannot be checked. HONcode principle 5 (justifiability) "
        "and the JAMA 'attribution' benchmark ask that claims be backed by named, referenced "
        "sources; HealthNewsReview criterion 4 asks stories to say what kind of evidence "
        "supports a claim. Phrases live in rules/attribution.yaml."
    ),
    source="HONcode principles 4-5; JAMA benchmarks (Silberg et al., 1997); HealthNewsReview criterion 4",
    bad="Research suggests that magnesium prevents migraine.",
    good="A 2021 Cochrane review of 12 trials suggests that magnesium may prevent migraine [2].",
    fix=(
        "Name the source (journal and year, organisation, or researcher) or add a reference "
        "number or link in the same sentence, the next one, or the paragraph."
    ),
    needs=Needs(phrases=ATTRIBUTION_PHRASES),
)
def vague_attribution(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    ev = ctx.analysis.evidence
    attributions = ctx.matches.fact(vague_attributions)
    if not attributions:
        return
    # the lede: the first two paragraphs of some length summarise the story's own study
    lede = list(islice((b.index for b in art.prose_blocks() if len(b.text.split()) >= 8), 2))
    for block, span, kind in attributions:
        if ev.supported(block):
            continue
        if kind == "topical" and ev.any_source:
            continue  # "this research suggests": the study the article names
        if block.index in lede and ev.source_in_text:
            continue  # "new research suggests" in the lede, about the study the text names
        nxt = _next_prose_sentence(art, block, span)
        if nxt is not None and ev.supported(nxt[0], nxt[1].start_char, nxt[1].end_char):
            continue
        yield ctx.span_finding(
            block,
            span,
            f"'{span.text}' names no source: say which study or organisation (e.g. 'a 2021 "
            "Cochrane review found…') or add a reference or link",
        )


def _next_prose_sentence(art: Article, block: Block, span: Span) -> tuple[Block, Span] | None:
    """The sentence after ``span``'s: in the same block, or the first of the next prose
    block (None past a non-prose block)."""
    sent = sentence_of(span)
    doc = art.doc(block)
    if sent.end < len(doc):
        return block, sent_at(doc, sent.end)
    for b in art.blocks[block.index + 1 :]:
        if b.kind == "meta":
            continue
        if not b.is_prose:
            return None
        d = art.doc(b)
        if len(d):
            return b, sent_at(d, 0)
        return None
    return None
