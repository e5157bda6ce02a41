"""D304: web-page chrome left in the text ("Read More", "[...]", cookie notices…)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint.checks.scraping.artifact_pack import (
    Artifacts,
    artifacts,
    chrome_line,
    chrome_lines_within,
    fragment_spans,
    interstitial_page,
    link_box_lines,
    possible,
    prompt_spans,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.prefilter import NeedleIndex, may_match

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block
from medlint.registry import rule


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
    """Per block: whole-block chrome (a pack line, a widget, a photo caption, a link box), a
    link prompt that lost its link, then the glued terms, the fragments and the patterns.

    A file that is a cookie wall or a bot check rather than an article gets one finding
    (marked ``not_an_article``: the engine then drops the file's other findings).

    Fast path: each family is first looked for in the whole article
    (``ctx.analysis.joined_text``), and only the glued terms, fragments and patterns whose
    literal needles (``medlint.matching.prefilter.needles``) occur there are tested in each
    block; a regex runs only on a block holding one of its needles (``may_match``).  Each
    skipped test is one that could not match, so the findings are the same.
    """
    art = artifacts()
    blocks = ctx.analysis.body_blocks
    index = NeedleIndex([b.text for b in blocks])
    if interstitial_page(art, blocks, index):
        yield ctx.article_finding(
            "this file is a cookie or bot-check page, not the article: scrape the article "
            "again (the file's other findings are not reported)",
            not_an_article=True,
        )
        return
    present = _present_in(art, ctx.analysis.joined_text(), ctx.analysis.joined_text(lower=True))
    boxes = link_box_lines(art, blocks) if art.link_box_headings else {}
    for i, block in enumerate(blocks):
        text = block.text
        may = possible(index, i)
        kind = chrome_line(art, text, may) or boxes.get(i)
        if kind is not None:
            yield ctx.finding(
                block, 0, len(text), f"scrape artifact '{_quote(text)}': {kind}; delete it", fix=""
            )
            continue
        spans = _fragment_and_pattern_spans(text, present)
        if "\n" in ctx.article.source[block.src_offset(0) : block.src_offset(len(text))]:
            for a, b in chrome_lines_within(art, block, ctx.article.source):
                # the fix takes the line break before the line (after it, on the first line)
                fa, fb = (a - 1, b) if a > 0 else (a, b + 1)
                yield ctx.at(
                    *block.src_span(a, b),
                    f"scrape artifact '{_quote(text[a:b])}': a line of web-page chrome; delete it",
                    ctx.fix(block, fa, fb, ""),
                )
                spans = [(x, y) for x, y in spans if x >= b or y <= a]
        for a, b in prompt_spans(art, block, may):
            kind = (
                "video-player text left without its video"
                if "video" in text[a:b].lower()
                else "a link prompt whose link was lost"
            )
            # the fix takes the space after the prompt too (before it, at the block's end)
            fa, fb = a, b + len(text[b:]) - len(text[b:].lstrip())
            if fb == len(text):
                fa, fb = len(text[:a].rstrip()), b
            yield ctx.at(
                *block.src_span(a, b),
                f"scrape artifact '{_quote(text[a:b])}': {kind}; delete it",
                ctx.fix(block, fa, fb, ""),
            )
            spans = [(x, y) for x, y in spans if x >= b or y <= a]
        yield from _glued(ctx, block, art, present)
        for a, b in spans:
            # no fix: deleting a phrase from inside a sentence may leave debris behind
            yield ctx.finding(
                block, a, b, f"scrape artifact '{text[a:b]}' left in the text; delete it"
            )


def _quote(text: str, limit: int = 60) -> str:
    """``text`` for a message: at most ``limit`` characters, cut at a word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _glued(ctx: Context, block: Block, art: Artifacts, present: _Present) -> Iterator[Finding]:
    """Chrome fused to the words around it ("Read MoreMedically", "pain.Read More")."""
    text = block.text
    if art.glued is None or not any(t in text for t in present.glued_terms):
        return
    for m in art.glued.finditer(text):
        yield ctx.finding(
            block,
            m.start(),
            m.end(),
            f"scrape artifact '{m.group(0)}' fused to the text around it; delete it",
            fix="",
        )


def _fragment_and_pattern_spans(text: str, present: _Present) -> list[tuple[int, int]]:
    """The sorted, distinct spans of the fragments and patterns found in ``text``."""
    spans = fragment_spans(text, present.fragments) if present.fragments else []
    low = text.lower() if present.patterns else ""
    for rx in present.patterns:
        if may_match(rx, text, low):
            spans.extend((m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start())
    return sorted(set(spans))


@dataclass(frozen=True)
class _Present:
    """The glued terms, fragments and patterns that may occur in the article."""

    glued_terms: list[str]
    fragments: tuple[tuple[str, bool], ...]
    patterns: list[re.Pattern[str]]


def _present_in(art: Artifacts, whole: str, whole_low: str) -> _Present:
    """The pack entries found in (or whose needles are in) the joined article text: every
    block, front matter values too, so a superset of the body's."""
    return _Present(
        [t for t in art.glued_terms if t in whole] if art.glued is not None else [],
        tuple(f for f in art.fragments if f[0] in whole_low),
        [rx for rx in art.patterns if may_match(rx, whole, whole_low)],
    )
