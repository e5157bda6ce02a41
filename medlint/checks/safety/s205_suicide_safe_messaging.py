"""S205 suicide-safe-messaging: a crisis resource and safe wording wherever suicide is discussed."""

from __future__ import annotations

from collections.abc import Iterator

from medlint import packs
from medlint.checks.safety import patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, tokens
from medlint.matching.tokens import Hit
from medlint.registry import rule


@rule(
    "S205",
    "suicide-safe-messaging",
    "warning",
    "Suicide or self-harm is discussed without a crisis resource, or with wording "
    "safe-messaging guidelines advise against.",
    rationale=(
        "Safe-messaging guidelines for suicide (reportingonsuicide.org, the 988 Lifeline's "
        "messaging guidance) ask every text that discusses suicide to give a crisis resource, to "
        "say 'died by suicide' rather than 'committed suicide' or 'successful attempt', and to "
        "leave out methods, because such wording can raise the risk of imitation. Resources and "
        "wordings: rules/safety.yaml."
    ),
    source="Recommendations for Reporting on Suicide (reportingonsuicide.org); 988 Suicide & Crisis Lifeline",
    bad="The actor committed suicide last year.",
    good=(
        "The actor died by suicide last year. If you are having thoughts of suicide, call or "
        "text 988 (Suicide & Crisis Lifeline, US) or your local helpline."
    ),
    fix=(
        "Add a crisis resource ('call or text 988 in the US, or your local helpline') and use "
        "the preferred wording the message gives."
    ),
    needs=Needs(
        token_sections=patterns.sections(
            "suicide-mention",
            "suicide-not-person",
            "suicide-other-context",
            "measured-outcome",
            "suicide-discouraged",
            "crisis-resources",
            "emergency-guidance",
        )
    ),
)
def suicide_safe_messaging(ctx: Context) -> Iterator[Finding]:
    mentions = _mentions(ctx)
    if not mentions:
        return
    analysis, hits = ctx.analysis, ctx.matches.token_hits
    advice = _discouraged()
    for block in analysis.body_blocks:
        doc = analysis.doc(block)
        for h in hits(block, "suicide-discouraged"):
            info = advice.get(h.label, {})
            span = h.span(doc)
            yield ctx.span_finding(
                block,
                span,
                f"'{span.text}': {info.get('why', 'wording safe-messaging guidelines advise against')}; "
                f"write '{info.get('say', 'died by suicide')}' instead",
            )
    if ctx.matches.first_token_hit("crisis-resources") is not None:
        return
    blocks = {h.block.index: h.block for h in mentions}
    for block in blocks.values():
        if hits(block, "emergency-guidance"):
            return
    first = mentions[0]
    yield ctx.span_finding(
        first.block,
        first.span(analysis.doc(first.block)),
        "suicide or self-harm is discussed with no crisis resource: add e.g. 'If you are having "
        "thoughts of suicide, call or text 988 (Suicide & Crisis Lifeline, US) or your local "
        "helpline, or call 911 in an emergency.'",
    )


def _mentions(ctx: Context) -> list[Hit]:
    """Mentions of a person's suicide or self-harm (not an animal experiment, a list of
    measured outcomes or another context the pack excludes)."""
    mentions: list[Hit] = []
    hits = ctx.matches.token_hits
    for block in ctx.analysis.body_blocks:
        found = hits(block, "suicide-mention")
        if not found:
            continue
        excluded = hits(block, "suicide-not-person")
        other = hits(block, "suicide-other-context") + hits(block, "measured-outcome")
        view = tokens.block_view(ctx.analysis, block)
        for h in found:
            if any(h.overlaps(x) for x in excluded):
                continue
            sent = view.sents[view.sent_index(h.start)]
            if any(o.within(sent) and not o.overlaps(h) for o in other):
                continue  # an animal experiment or a list of measured outcomes
            mentions.append(h)
    return mentions


@packs.pack_cache
def _discouraged() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for i, item in enumerate(patterns.pack().get("suicide-discouraged") or []):
        if isinstance(item, dict):
            out[f"suicide-discouraged#{i}"] = {
                "say": str(item.get("say", "")),
                "why": str(item.get("why", "")),
            }
    return out
