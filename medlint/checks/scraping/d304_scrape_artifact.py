"""D304: web-page chrome left in the text ("Read More", "[...]", cookie notices…)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import packs
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.prefilter import may_match

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
    """Per block: the block-line phrases, the glued terms, the fragments and the patterns.

    Fast path: each family is first looked for in the whole article
    (``ctx.analysis.joined_text``), and only the glued terms, fragments and patterns whose
    literal needles (``medlint.matching.prefilter.needles``) occur there are tested in each
    block; a regex runs only on a block holding one of its needles (``may_match``).  Each
    skipped test is one that could not match, so the findings are the same.
    """
    art = _artifact_patterns()
    present = _present_in(art, ctx.analysis.joined_text(), ctx.analysis.joined_text(lower=True))
    longest = max(map(len, art.block), default=0)
    for block in ctx.analysis.body_blocks:
        text = block.text
        core = text.strip(" .:!?…-–—|>»·•")
        # lower() never shortens a string, so a longer core cannot be a block phrase
        if len(core) <= longest and core.lower() in art.block:
            yield ctx.finding(
                block, 0, len(text), f"scrape artifact '{text}': a line of web-page chrome", fix=""
            )
            continue
        yield from _glued(ctx, block, art, present)
        for a, b in _fragment_and_pattern_spans(text, present):
            yield ctx.finding(
                block, a, b, f"scrape artifact '{text[a:b]}' left in the text; delete it"
            )


def _glued(ctx: Context, block: Block, art: _Artifacts, present: _Present) -> Iterator[Finding]:
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
    spans = _fragment_spans(text, present.fragments) if present.fragments else []
    low = text.lower() if present.patterns else ""
    for rx in present.patterns:
        if may_match(rx, text, low):
            spans.extend((m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start())
    return sorted(set(spans))


# -- the pack (rules/artifacts.yaml) -------------------------------------------------------


@dataclass(frozen=True)
class _Artifacts:
    block: frozenset[str]
    glued: re.Pattern[str] | None
    glued_terms: tuple[str, ...]
    fragments: tuple[tuple[str, bool], ...]  # (lower case, needs word boundaries)
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class _Present:
    """The glued terms, fragments and patterns that may occur in the article."""

    glued_terms: list[str]
    fragments: tuple[tuple[str, bool], ...]
    patterns: list[re.Pattern[str]]


def _present_in(art: _Artifacts, whole: str, whole_low: str) -> _Present:
    """The pack entries found in (or whose needles are in) the joined article text: every
    block, front matter values too, so a superset of the body's."""
    return _Present(
        [t for t in art.glued_terms if t in whole] if art.glued is not None else [],
        tuple(f for f in art.fragments if f[0] in whole_low),
        [rx for rx in art.patterns if may_match(rx, whole, whole_low)],
    )


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@packs.pack_cache
def _artifact_patterns() -> _Artifacts:
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
    frags = tuple(
        (f, _word_char(f[0]))
        for f in dict.fromkeys(str(p).lower() for p in pack.get("fragment") or [] if str(p))
    )
    # Case-insensitive patterns share one compiled regex (one pass over the text).
    insensitive: list[str] = []
    sensitive: list[str] = []
    for p in (str(x) for x in pack.get("patterns") or []):
        if p.startswith("(?i)"):
            insensitive.append(f"(?:{p[4:]})")
        else:
            sensitive.append(packs.scoped_regex(p))
    compiled: list[re.Pattern[str]] = []
    if insensitive:
        compiled.append(re.compile("(?i)" + "|".join(insensitive)))
    if sensitive:
        compiled.append(re.compile("|".join(sensitive)))
    return _Artifacts(block, glued, tuple(glued_terms), frags, tuple(compiled))


def _fragment_spans(text: str, frags: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
    """Whole-phrase, case-insensitive occurrences of the pack fragments."""
    low = text.lower()
    out: list[tuple[int, int]] = []
    for f, wordy in frags:
        i = low.find(f)
        while i != -1:
            j = i + len(f)
            if not wordy or (
                (i == 0 or not _word_char(low[i - 1])) and (j == len(low) or not _word_char(low[j]))
            ):
                out.append((i, j))
            i = low.find(f, i + 1)
    return out
