"""C401 unsupported-frequency-claim: a frequency word about an effect or condition with no
rate and no citation nearby."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.page_chrome import in_page_chrome
from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.blocks import claim_blocks
from medlint.checks.claims.claim_support import supported
from medlint.checks.claims.clauses import is_question
from medlint.checks.claims.effect_claims import about_effect
from medlint.checks.claims.frequency import (
    BAND_WORDS,
    band_name,
    defined_bands,
    frequency,
    frequency_context_ok,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, PhraseList
from medlint.registry import rule

CLAIMS = PhraseList("C401:claims", lambda: frequency()["claims"])


@rule(
    "C401",
    "unsupported-frequency-claim",
    "warning",
    "A frequency word ('rare', 'common', 'most people') about an effect or condition with "
    "no rate and no citation in its sentence or paragraph.",
    rationale=(
        "Readers overestimate risks described only in words: in randomised trials, 'common' "
        "or 'rare' led to estimates several times higher than the same risk given as a number "
        "(Büchter et al., BMC Med Inform Decis Mak 2014). CIOMS III and the EU SmPC guideline "
        "tie each word to a numeric band; the Patient Information Forum asks that verbal "
        "descriptors always come with the number. Words and phrases: rules/frequency.yaml."
    ),
    source="CIOMS Working Group III (1995); EU SmPC guideline rev. 2 (2009); HealthNewsReview criterion 3",
    bad="Dizziness is a rare side effect of this medicine.",
    good="Dizziness affects fewer than 1 in 1,000 people who take this medicine [4].",
    fix=(
        "Give the rate ('about 1 in 100 people', '3%') or cite the source of the claim "
        "(reference, link, or a named source with a year)."
    ),
    needs=Needs(phrases=(CLAIMS, BAND_WORDS)),
)
def unsupported_frequency_claim(ctx: Context) -> Iterator[Finding]:
    freq = frequency()
    art = ctx.article
    for block in claim_blocks(ctx.matches, CLAIMS.key):
        doc = ctx.analysis.doc(block)
        for span in ctx.matches.spans(doc, CLAIMS.key):
            if is_question(span, block.text) or not frequency_context_ok(span, freq):
                continue
            if in_page_chrome(sentence_of(span).text):
                continue  # a teaser or navigation line in the text: D304 reports it
            if not about_effect(span, freq):
                continue
            if supported(ctx, art, block, span):
                continue
            band = band_name(span, freq)
            if band is not None and band in ctx.matches.fact(defined_bands):
                continue  # the article says what this word means ("Rare: up to 1 in 1,000")
            hint = ""
            if band is not None and band in freq["bands"]:
                hint = f" (CIOMS: '{band}' means {freq['bands'][band].label})"
            yield ctx.span_finding(
                block,
                span,
                f"'{span.text}' says how often without a number or a source{hint}: give the "
                "rate (e.g. 'about 1 in 100 people') or cite where it comes from",
            )
