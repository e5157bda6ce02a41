"""C406 hype-language: sensational words ('breakthrough', 'game-changer', 'miracle drug')."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.claims.blocks import claim_blocks
from medlint.checks.claims.clauses import before, is_name_use, is_question
from medlint.checks.claims.hedging import negated
from medlint.checks.claims.terms import HYPE_TERMS, hype_settings, technical_use, term_matches
from medlint.checks.claims.wordlists import claim_settings
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import rule


@rule(
    "C406",
    "hype-language",
    "warning",
    "Sensational words HealthNewsReview flagged: 'breakthrough', 'game-changer', 'holy grail', "
    "'revolutionary', 'first-of-its-kind', 'miracle drug'.",
    rationale=(
        "HealthNewsReview.org reviewers marked news stories and releases down for "
        "'unjustifiable, sensational language'; such words raise expectations no single study "
        "supports. Hedging ('could be a breakthrough') does not remove the hype; negation "
        "('not a breakthrough'), a condition ('if it works, it would be a breakthrough') and "
        "a question do. Technical terms ('breakthrough pain', 'FDA breakthrough "
        "therapy designation') are not reported. Terms: rules/hype.yaml."
    ),
    source="HealthNewsReview.org review criteria and red-flag terms",
    bad="A revolutionary new pill is a game-changer for asthma.",
    good="A new pill reduced asthma attacks by a third in a 12-month trial of 1,200 adults.",
    fix="Replace the word with what the study found and how large the effect was.",
    needs=Needs(phrases=(HYPE_TERMS,)),
)
def hype_language(ctx: Context) -> Iterator[Finding]:
    before_n, after_n, _ = claim_settings()
    hypothetical = hype_settings()
    for block in claim_blocks(ctx.matches, HYPE_TERMS.key, prose=False):
        doc = ctx.analysis.doc(block)
        for spec, span in term_matches(ctx.matches, doc, "hype"):
            if technical_use(spec, span) or is_name_use(block, span):
                continue
            if negated(span, before_n, after_n) or is_question(span, block.text):
                continue
            if any(t in hypothetical for t in before(span, before_n)):
                continue  # "if it works, it would be a breakthrough": not said to be one
            instead = str(spec.get("instead") or "say what the evidence shows")
            yield ctx.span_finding(block, span, f"'{span.text}' is hype: {instead}")
