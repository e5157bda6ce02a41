"""S204 missing-disclaimer: say the article does not replace professional medical advice."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.safety import patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import rule


@rule(
    "S204",
    "missing-disclaimer",
    "info",
    "No statement that the article is not a substitute for professional medical advice.",
    rationale=(
        "HONcode principle 2 (complementarity): health information should support, not replace, "
        "the relationship between patients and their clinicians, and say so. Accepted wordings: "
        "rules/safety.yaml (disclaimer)."
    ),
    source="HONcode principle 2 (complementarity)",
    bad="# Managing gout\n\n… (no disclaimer anywhere)",
    good=(
        "This article is for general information and is not a substitute for professional "
        "medical advice. Talk to your doctor about your own situation."
    ),
    fix=(
        "Add: 'This article is for general information and is not a substitute for professional "
        "medical advice, diagnosis or treatment.'"
    ),
    needs=Needs(token_sections=patterns.sections("disclaimer")),
)
def missing_disclaimer(ctx: Context) -> Iterator[Finding]:
    if ctx.matches.first_token_hit("disclaimer", ctx.article.blocks) is not None:
        return
    yield ctx.article_finding(
        "no disclaimer: add 'This article is for general information and is not a substitute "
        "for professional medical advice, diagnosis or treatment.'"
    )
