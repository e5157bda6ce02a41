"""C403 vague-attribution: 'research suggests', 'studies show', 'experts say' with no
citation, link or named source nearby."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.analysis.sentences import sent_at, sentence_of
from medlint.checks.claims.attribution import ATTRIBUTION_PHRASES, vague_attributions
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import rule

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
    for block, span, kind in attributions:
        if kind == "topical" and ev.any_source:
            continue  # "this research suggests": the study the article names
        if _sourced(ctx, art, block, span):
            continue
        yield ctx.span_finding(
            block,
            span,
            f"'{span.text}' names no source: say which study or organisation (e.g. 'a 2021 "
            "Cochrane review found…') or add a reference or link",
        )


def _sourced(ctx: Context, art: Article, block: Block, span: Span) -> bool:
    """A source about this claim: a citation or named source in its sentence, a citation
    (SPEC sense) in the next sentence of its paragraph, or a reference marker or link in its
    paragraph.  A source named elsewhere in the article, in the next paragraph, or a person
    or organisation merely named in the next sentence, is about something else."""
    ev = ctx.analysis.evidence
    if any(m.kind in _MARKERS for m in ev.marks_in(block)):
        return True
    doc = art.doc(block)
    sent = sentence_of(span)
    if ev.supported(block, sent.start_char, sent.end_char):
        return True
    if sent.end < len(doc):
        nxt = sent_at(doc, sent.end)
        return ev.cited(block, nxt.start_char, nxt.end_char)
    # the claim ends its paragraph: a reference marker opening the next one points back
    following = _next_paragraph_sentence(art, block)
    if following is None:
        return False
    b, first = following
    return any(m.kind in _MARKERS for m in ev.marks_in(b, first.start_char, first.end_char))


# marks that point at a reference wherever they stand in the paragraph
_MARKERS = frozenset({"reference", "author-year", "link", "url"})


def _next_paragraph_sentence(art: Article, block: Block) -> tuple[Block, Span] | None:
    """The first sentence of the next prose block (None past a non-prose block)."""
    for b in art.blocks[block.index + 1 :]:
        if b.kind == "meta":
            continue
        if not b.is_prose:
            return None
        d = art.doc(b)
        return (b, sent_at(d, 0)) if len(d) else None
    return None
