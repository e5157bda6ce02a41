"""D3xx: duplication and scraping damage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint import packs
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@packs.pack_cache
def _artifact_patterns() -> tuple[frozenset[str], re.Pattern[str] | None, re.Pattern[str] | None]:
    pack = packs.load("artifacts")
    block = frozenset(str(p).strip().lower() for p in pack.get("block") or [])
    glued_terms = sorted({str(p) for p in pack.get("glued") or []}, key=len, reverse=True)
    alts = "|".join(re.escape(t) for t in glued_terms)
    glued = (
        # fused on the right ("Read MoreMedically") or on the left ("pain.Read More")
        re.compile(rf"(?:{alts})(?=[A-Z][a-z])|(?<=[a-z.!?])(?:{alts})(?=\s|$|[A-Z])")
        if alts
        else None
    )
    frags = [re.escape(str(p)) for p in pack.get("fragment") or []]
    word = [f if f[0] in "\\[({" else rf"\b{f}\b" for f in frags]
    pats = [packs.scoped_regex(str(p)) for p in pack.get("patterns") or []]
    joined = "|".join([*(f"(?i:{w})" for w in word), *pats])
    return block, glued, re.compile(joined) if joined else None


@rule(
    "D304",
    "scrape-artifact",
    "error",
    "Web-page chrome left in the text: 'Read More', '[...]', 'Click here', cookie notices…",
    rationale=(
        "Scrapers and CMS migrations leave navigation text in articles. It tells readers the page "
        "was not edited and breaks sentences apart. Phrases live in rules/artifacts.yaml."
    ),
    source="Editorial quality (HONcode principle 8: honesty in presentation); publisher style guides",
    bad="Gabapentin works by changing nerve signals [...]\nRead MoreMedically reviewed by …",
    good="Gabapentin works by changing how nerves send signals.\nMedically reviewed by …",
    fix="Delete the artifact; `medlint check --fix` removes it.",
    fixable=True,
)
def scrape_artifact(ctx: Context) -> Iterator[Finding]:
    block_set, glued, fragment = _artifact_patterns()
    for block in ctx.article.body_blocks():
        text = block.text
        core = text.strip(" .:!?…-–—|>»·•").lower()
        if core in block_set:
            yield ctx.finding(
                block, 0, len(text), f"scrape artifact '{text}': a line of web-page chrome", fix=""
            )
            continue
        if glued is not None:
            for m in glued.finditer(text):
                yield ctx.finding(
                    block,
                    m.start(),
                    m.end(),
                    f"scrape artifact '{m.group(0)}' fused to the text around it; delete it",
                    fix="",
                )
        if fragment is not None:
            for m in fragment.finditer(text):
                yield ctx.finding(
                    block,
                    m.start(),
                    m.end(),
                    f"scrape artifact '{m.group(0)}' left in the text; delete it",
                )
