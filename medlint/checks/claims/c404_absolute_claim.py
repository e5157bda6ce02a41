"""C404 absolute-claim: overpromising words ('cure', 'guaranteed', '100% safe'), not when
negated or hedged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.blocks import claim_blocks
from medlint.checks.claims.clauses import before, is_name_use, is_question
from medlint.checks.claims.hedging import hedged, negated
from medlint.checks.claims.terms import ABSOLUTE_TERMS, HYPE_TERMS, technical_use, term_matches
from medlint.checks.claims.wordlists import claim_settings, kind_words
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


@rule(
    "C404",
    "absolute-claim",
    "error",
    "Overpromising words: 'cure', 'guaranteed', '100% safe', 'no side effects', 'miracle', "
    "'clinically proven' (unsourced), 'risk-free'; not when negated or hedged.",
    rationale=(
        "No treatment is certain to work or free of harm. The FDA lists 'miracle cure', "
        "'guaranteed results' and 'no side effects' among the tip-offs of health fraud; the "
        "FTC requires the proof an establishment claim such as 'clinically proven' implies. "
        "Negated and hedged uses ('there is no cure', 'no medicine is completely safe', 'may "
        "cure') are not reported. Terms: rules/absolute-claims.yaml."
    ),
    source="FDA health-fraud tip-offs; FTC Health Products Compliance Guidance (2022); HealthNewsReview",
    bad="This supplement cures arthritis and is completely safe.",
    good="In two trials, the supplement eased joint pain for about 1 in 5 people; no medicine is completely safe.",
    fix="Describe the measured benefit and the known risks, with numbers and a source.",
    needs=Needs(phrases=(ABSOLUTE_TERMS, HYPE_TERMS)),
)
def absolute_claim(ctx: Context) -> Iterator[Finding]:
    ev = ctx.analysis.evidence
    before_n, after_n, inf_claims = claim_settings()
    for block in claim_blocks(ctx.matches, ABSOLUTE_TERMS.key, prose=False):
        doc = ctx.analysis.doc(block)
        matches = term_matches(ctx.matches, doc, "absolute-claims")
        if not matches:
            continue
        hype = {(s.start, s.end) for _, s in term_matches(ctx.matches, doc, "hype")}
        hype_tokens = {i for a, b in hype for i in range(a, b)}
        for spec, span in matches:
            if any(i in hype_tokens for i in range(span.start, span.end)):
                continue  # "miracle drug" is reported by C406 (one code for the same words)
            if (
                is_question(span, block.text)
                or technical_use(spec, span)
                or is_name_use(block, span)
            ):
                continue
            if negated(span, before_n, after_n) or hedged(span, before_n, after_n):
                continue
            if spec["inflected"] and _goal_infinitive(span, inf_claims):
                continue
            if spec["inflected"] and (_past_anecdote(span) or _general_statement(span)):
                continue
            if spec.get("supported_ok"):
                sent = sentence_of(span)
                others = [
                    r
                    for r in ev.rates_in(block, sent.start_char, sent.end_char)
                    if not (span.start_char <= r.start < span.end_char)
                ]
                if others or ev.supported(block, sent.start_char, sent.end_char):
                    continue
            instead = str(spec.get("instead") or "describe the evidence, with numbers")
            yield ctx.span_finding(
                block, span, f"'{span.text}' overpromises: {instead}, and cite the source"
            )


def _past_anecdote(span: Span) -> bool:
    """'My aunt was cured in 1990', 'he cured his warts': a past event, not a promise
    ('you will be cured' and 'it is cured' still promise)."""
    if not span.text.lower().endswith("ed"):
        return False
    aux = before(span, 3)
    return not any(t in _PROMISE_AUX for t in aux)


_PROMISE_AUX = frozenset({"be", "is", "are", "get", "gets", "will", "'ll", "guaranteed"})


def _general_statement(span: Span) -> bool:
    """'Surgery can cure early skin cancer', 'antibiotics cure most strep throat', 'new
    drugs for hepatitis C can cure': a true statement about a kind of treatment
    (rules/absolute-claims.yaml ``general_treatments``; a bare plural of
    ``treatment_kinds``), not a promise about the article's own product ("this surgery",
    "our cream", "these drugs") or a brand ("drugs such as Zelvir cure")."""
    words = kind_words()
    window = before(span, 6)
    for i, t in enumerate(window):
        if t in words.kinds:
            # a kind only as a bare plural: no determiner that points at one product
            # before it, no product named between it and the claim word
            owners = window[i + 1 : i + 3]
            return words.specific.isdisjoint(owners) and words.naming.isdisjoint(window[:i])
        if t in words.general:
            owner = window[i + 1] if i + 1 < len(window) else ""
            return owner not in _OWN
    return False


_OWN = frozenset({"this", "these", "our", "my", "your", "new", "its"})


def _goal_infinitive(span: Span, claims: frozenset[str]) -> bool:
    """'drugs to cure the infection', 'used to diagnose, cure or treat': a goal, not a claim."""
    doc = span.doc
    i = span.start - 1
    hops = 0
    while i >= sentence_of(span).start and hops < 4:
        tok = doc[i]
        if tok.lower_ == "to":
            prev = doc[i - 1] if i - 1 >= sentence_of(span).start else None
            return prev is None or prev.lower_ not in claims
        if tok.text in (",",) or tok.lower_ in ("or", "and", "even", "the", "a"):
            i -= 1
            hops += 1
            continue
        if tok.is_alpha and tok.is_lower and hops < 3 and doc[i + 1].text in (",", "or", "and"):
            i -= 1
            hops += 1
            continue
        return False
    return False
