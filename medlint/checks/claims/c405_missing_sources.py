"""C405 missing-sources: evidence claims, and no references, citations or links anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from medlint.checks.claims.attribution import (
    ATTRIBUTION_PHRASES,
    attribution,
    vague_attributions,
)
from medlint.checks.claims.clauses import is_question
from medlint.checks.claims.hedging import negated
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, PhraseList
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.document.model import Block

CLAIMS = PhraseList("C405:claims", lambda: attribution()["claims"])


@rule(
    "C405",
    "missing-sources",
    "warning",
    "The article makes evidence claims but has no references section, no citations and no "
    "links to sources.",
    rationale=(
        "Readers and editors must be able to check where health claims come from. The JAMA "
        "benchmarks require 'references and sources for all content'; HONcode principle 4 "
        "asks sites to cite sources; DISCERN question 4 rates whether sources are clear."
    ),
    source="JAMA benchmark 'attribution' (Silberg et al., 1997); HONcode principle 4; DISCERN Q4",
    options={"min-claims": Option(1, "evidence claims needed before the rule applies", min=1)},
    bad="Studies show that walking lowers blood pressure. (no references anywhere)",
    good="Studies show that walking lowers blood pressure [1].\n\nReferences\n1. …",
    fix="Add a 'References' or 'Sources' section, inline citations, or links to the studies.",
    needs=Needs(phrases=(*ATTRIBUTION_PHRASES, CLAIMS)),
)
def missing_sources(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    claims: list[tuple[Block, Span, str]] = list(ctx.matches.fact(vague_attributions))
    if attribution()["claims"]:
        for block in ctx.matches.blocks_with(CLAIMS.key, prose=True):
            doc = ctx.analysis.doc(block)
            for span in ctx.matches.spans(doc, CLAIMS.key):
                if not negated(span) and not is_question(span, block.text):
                    claims.append((block, span, "claim"))
    if len(claims) < int(ctx.options.get("min-claims", 1)):
        return
    if ctx.analysis.evidence.any_source:  # read the whole article only when there are claims
        return
    claims.sort(key=lambda c: (c[0].index, c[1].start))
    shown = ", ".join(
        f"'{span.text}' (line {art.line_of(block.src_offset(span.start_char))})"
        for block, span, _ in claims[:3]
    )
    more = f" and {len(claims) - 3} more" if len(claims) > 3 else ""
    yield ctx.article_finding(
        f"the article makes evidence claims ({shown}{more}) but cites no source: add a "
        "'References' section, citations or links to the studies"
    )
