"""A501 promotional-content: the editorial body sells a product or service (calls to
action, or one commercial brand named again and again) with no disclosure."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.advertising.brands import (
    brand_candidates,
    count_mentions,
    regulatory_document,
)
from medlint.checks.advertising.calls_to_action import BRAND_CTA, CTA, cta_blocks, cta_hits
from medlint.checks.advertising.disclosure import disclosed
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import Option, rule


@rule(
    "A501",
    "promotional-content",
    "warning",
    "The editorial body promotes a commercial product or service (calls to action, or the "
    "same commercial brand or domain named again and again) with no sponsorship or "
    "advertising disclosure.",
    rationale=(
        "Readers must be able to tell advertising from editorial content. HONcode principle 8 "
        "requires advertising to be clearly identified ('Advertising' or a similar term) and "
        "principle 7 asks sites to disclose funding; the JAMA benchmarks require disclosure of "
        "sponsorship and commercial funding; the FTC's native-advertising guidance treats "
        "unlabelled promotional content as deceptive. Drug names, medical authorities (FDA, "
        "CDC, NIH, WHO, NHS, Mayo Clinic, …) and the article's own subject are not brands. "
        "Phrases, disclosures and authorities: rules/advertising.yaml."
    ),
    source="HONcode principles 7-8; JAMA benchmark 'disclosure'; FTC Native Advertising guide (2015)",
    options={
        "min-repeats": Option(
            3, "mentions of one commercial brand or domain that count as promotion", min=1
        )
    },
    bad="Book a visit at QuickDoc.com today. QuickDoc.com makes it easier than ever…",
    good="Sponsored content: this article was paid for by QuickDoc.\n\n…",
    fix=(
        "Remove the sales pitch and repeated brand mentions from the editorial text, or label "
        "the content clearly ('Sponsored', 'Advertisement', 'Paid for by …')."
    ),
    needs=Needs(phrases=(CTA, BRAND_CTA)),
)
def promotional_content(ctx: Context) -> Iterator[Finding]:
    art = ctx.article
    analysis = ctx.analysis
    min_repeats = int(ctx.options.get("min-repeats", 3))
    cta = cta_blocks(ctx.matches)  # blocks without a call to action have no cta_hits
    brands = brand_candidates(analysis, cta)
    count_mentions(analysis, brands)
    brand_words = frozenset(
        w for b in brands.values() for w in ([b.label] if b.bare else [b.display.lower()])
    )
    ctas = [
        (block, hits)
        for block in analysis.body_blocks
        if block.kind != "title" and block.index in cta
        for _s, hits in cta_hits(analysis, cta, block, brand_words)
    ]
    # a package leaflet names its product and licence holder by law: only its calls to
    # action can promote
    repeats_count = not regulatory_document(analysis)
    repeated = repeats_count and any(len(b.mentions) >= min_repeats for b in brands.values())
    if (not ctas and not repeated) or disclosed(analysis):
        return
    for brand in sorted(
        brands.values(),
        key=lambda b: (b.mentions[0][0].index, b.mentions[0][1]) if b.mentions else (0, 0),
    ):
        if not repeats_count or len(brand.mentions) < min_repeats:
            continue
        lines = sorted({art.line_of(b.src_offset(s)) for b, s, _ in brand.mentions})
        block, s, e = brand.mentions[0]
        shown = ", ".join(map(str, lines[:8])) + (", …" if len(lines) > 8 else "")
        yield ctx.finding(
            block,
            s,
            e,
            f"the commercial brand '{brand.display}' is named {len(brand.mentions)} times "
            f"(lines {shown}) with no sponsorship or advertising disclosure: cut the mentions "
            "to what readers need, or label the content ('Sponsored', 'Advertisement')",
        )
    for block, hits in ctas:
        phrases = list(dict.fromkeys(h[2] for h in hits))
        shown = "', '".join(phrases[:3])
        yield ctx.finding(
            block,
            hits[0][0],
            hits[0][1],
            f"call to action ('{shown}') in the editorial text with no sponsorship or "
            "advertising disclosure: remove the sales pitch or label the content as "
            "advertising",
        )
