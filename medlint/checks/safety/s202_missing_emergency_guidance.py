"""S202 missing-emergency-guidance: serious symptoms need a word on when to get urgent care."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint import packs
from medlint.checks.safety import patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, tokens
from medlint.matching.tokens import Hit
from medlint.registry import rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span


@rule(
    "S202",
    "missing-emergency-guidance",
    "warning",
    "Serious symptoms are described but the article never says when to get urgent care.",
    rationale=(
        "Readers who have chest pain, trouble breathing, a seizure, swelling of the face or "
        "throat, or thoughts of suicide must be told to act now. The AHA heart-attack and ASA "
        "F.A.S.T. stroke guidance say 'call 911'; FDA Medication Guides say 'get emergency help "
        "right away'. Symptom and guidance lists: rules/safety.yaml (serious-symptoms, "
        "emergency-guidance). Symptoms only count in sentences about what a reader may notice "
        "or feel (symptom-context), not as trial outcomes ('cut seizures by 40%')."
    ),
    source=(
        "AHA warning signs of a heart attack; American Stroke Association F.A.S.T.; FDA "
        "Medication Guides (e.g. pregabalin 17.2, angioedema)"
    ),
    bad="If you notice swelling of your face or throat, this may be an allergic reaction.",
    good=(
        "If your face or throat swells or you have trouble breathing, call 911 or go to the "
        "nearest emergency room."
    ),
    fix=(
        "Say when and where to get help: 'Call 911 (or your local emergency number) if you have "
        "chest pain or trouble breathing.'"
    ),
    needs=Needs(
        token_sections=patterns.sections(
            "serious-symptoms",
            "symptom-context",
            "clinician-contact",
            "medical-history",
            "measured-outcome",
            "emergency-guidance",
        )
    ),
)
def missing_emergency_guidance(ctx: Context) -> Iterator[Finding]:
    found = _symptoms_in_context(ctx)
    if not found:
        return
    if ctx.matches.first_token_hit("emergency-guidance") is not None:
        return
    names: list[str] = []
    for _h, span in found:
        t = span.text.lower()
        if t not in names:
            names.append(t)
    first_hit, first_span = found[0]
    listed = ", ".join(f"'{n}'" for n in names[:3]) + (" …" if len(names) > 3 else "")
    yield ctx.span_finding(
        first_hit.block,
        first_span,
        f"serious symptoms are described ({listed}) but the article never says when to get "
        "emergency care: add e.g. 'Call 911 or go to the nearest emergency room if you have …'",
    )


def _symptoms_in_context(ctx: Context) -> list[tuple[Hit, Span]]:
    """The serious symptoms named in sentences about what a reader may notice or feel (not
    with a clinician to contact, not as measured or treatment outcomes)."""
    found: list[tuple[Hit, Span]] = []
    matches = ctx.matches
    for block in ctx.analysis.prose_blocks:
        symptoms = matches.token_hits(block, "serious-symptoms")
        if not symptoms:
            continue
        doc = ctx.analysis.doc(block)
        view = tokens.block_view(ctx.analysis, block)
        context = matches.token_hits(block, "symptom-context")
        contact = matches.token_hits(block, "clinician-contact")
        history = matches.token_hits(block, "medical-history")
        measured = matches.token_hits(block, "measured-outcome")
        for h in symptoms:
            sent = view.sents[view.sent_index(h.start)]
            if any(c.within(sent) for c in contact) and any(c.within(sent) for c in history):
                continue  # "Check with your doctor first if you have seizures": history
            if any(c.within(sent) for c in measured):
                continue  # a study's list of outcomes
            if _after_outcome_word(doc, h, sent):
                continue  # "reduced seizures", "fewer seizures": a treatment outcome
            if any(c.within(sent) and not c.overlaps(h) for c in context):
                found.append((h, h.span(doc)))
    return found


@packs.pack_cache
def _outcome_words() -> frozenset[str]:
    out: set[str] = set()
    for w in patterns.pack().get("outcome-words") or []:
        out |= patterns.forms(str(w).lower(), patterns.irregular())
    return frozenset(out)


def _after_outcome_word(doc: Doc, h: Hit, sent: Span) -> bool:
    words = _outcome_words()
    return any(
        t.lower_ in words or t.lemma_ in words for t in doc[max(sent.start, h.start - 3) : h.start]
    )
