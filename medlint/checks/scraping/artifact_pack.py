"""The scrape-artifact pack (rules/artifacts.yaml) compiled for D304, and the text tests
that read it: whole-block chrome, link prompts, link boxes, cookie and bot-check pages."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import packs
from medlint.matching.prefilter import NeedleIndex

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

# The end of a sentence: after a lower-case word of two letters or more, a digit or a closing
# bracket (not after an initial: "Carla K. Johnson"), before a capital or the end.
SENTENCE_END = re.compile(
    r"(?:(?<=[a-z]{2})|(?<=[0-9)%]))[.!?]+[\"”’)]*(?=\s+(?:[-–•*]\s+)?[\"“(]?[A-Z]|\s*$)"
)
PROMPT_MAX_WORDS = 60  # a longer "prompt" is not one: the sentence end was missed
_LINK_SITE = re.compile(r"\s*\([^()]{1,80}\)(?=\s*$)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")

Possible = Callable[[re.Pattern[str]], bool]


def _ANY(rx: re.Pattern[str]) -> bool:
    return True


def possible(index: NeedleIndex | None, k: int) -> Possible:
    """``may`` for text ``k`` of ``index`` (every regex may match when there is no index)."""
    if index is None:
        return _ANY
    return lambda rx: index.may_match(rx, k)


@dataclass(frozen=True)
class Artifacts:
    block: frozenset[str]
    glued: re.Pattern[str] | None
    glued_terms: tuple[str, ...]
    fragments: tuple[tuple[str, bool], ...]  # (lower case, needs word boundaries)
    patterns: tuple[re.Pattern[str], ...]
    widgets: re.Pattern[str] | None  # a block starting with one is a widget
    prompts: re.Pattern[str] | None  # a block starting with one is a lost link's prompt
    credits: re.Pattern[str] | None  # a block ending with one is a photo caption
    teasers: re.Pattern[str] | None  # a headline ending with one teases another article
    link_box_headings: frozenset[str]
    link_line_max_words: int
    interstitial: re.Pattern[str] | None
    interstitial_max_words: int
    interstitial_share: float

    @property
    def longest_block(self) -> int:
        return max(map(len, self.block), default=0)


def _any(regexes: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``regexes`` (each keeps its own inline flags)."""
    parts = [packs.scoped_regex(r) for r in regexes]
    return re.compile("|".join(parts)) if parts else None


def _strs(pack: dict[str, object], key: str) -> list[str]:
    value = pack.get(key) or []
    return [str(x) for x in value] if isinstance(value, list) else []


@packs.pack_cache
def artifacts() -> Artifacts:
    pack = packs.load("artifacts")
    block = frozenset(p.strip().lower() for p in _strs(pack, "block"))
    glued_terms = sorted(set(_strs(pack, "glued")), key=len, reverse=True)
    alts = "|".join(re.escape(t) for t in glued_terms)
    glued = (
        # fused on the right ("Read MoreMedically") or on the left ("pain.Read More")
        re.compile(rf"(?:{alts})(?=[A-Z][a-z])|(?<=[a-z.!?])(?:{alts})(?=\s|$|[A-Z])")
        if alts
        else None
    )
    frags = tuple(
        (f, _word_char(f[0]))
        for f in dict.fromkeys(p.lower() for p in _strs(pack, "fragment") if p)
    )
    # Case-insensitive patterns share one compiled regex (one pass over the text).
    insensitive: list[str] = []
    sensitive: list[str] = []
    for p in _strs(pack, "patterns"):
        if p.startswith("(?i)"):
            insensitive.append(f"(?:{p[4:]})")
        else:
            sensitive.append(packs.scoped_regex(p))
    compiled: list[re.Pattern[str]] = []
    if insensitive:
        compiled.append(re.compile("(?i)" + "|".join(insensitive)))
    if sensitive:
        compiled.append(re.compile("|".join(sensitive)))
    return Artifacts(
        block,
        glued,
        tuple(glued_terms),
        frags,
        tuple(compiled),
        widgets=_any(_strs(pack, "widgets")),
        prompts=_any(_strs(pack, "link_prompts")),
        credits=_any(_strs(pack, "credits")),
        teasers=_any(_strs(pack, "teasers")),
        link_box_headings=frozenset(h.strip().lower() for h in _strs(pack, "link_box_headings")),
        link_line_max_words=int(str(pack.get("link_line_max_words", 8))),
        interstitial=_any(_strs(pack, "interstitial")),
        interstitial_max_words=int(str(pack.get("interstitial_max_words", 400))),
        interstitial_share=float(str(pack.get("interstitial_share", 0.5))),
    )


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def fragment_spans(text: str, frags: tuple[tuple[str, bool], ...]) -> list[tuple[int, int]]:
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


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# -- what a block is -------------------------------------------------------------------


def chrome_line(art: Artifacts, text: str, may: Possible = _ANY) -> str | None:
    """What kind of page chrome the whole of ``text`` (one block) is, or None.  ``may(rx)``
    is False only when ``rx`` cannot match in ``text`` (a literal pre-filter)."""
    core = text.strip(" .:!?…-–—|>»·•")
    # lower() never shortens a string, so a longer core cannot be a block phrase
    if len(core) <= art.longest_block and core.lower() in art.block:
        return "a line of web-page chrome"
    if art.widgets is not None and may(art.widgets) and art.widgets.match(text):
        return "a page widget (a sign-up form, caption, label or ad slot)"
    if art.credits is not None and may(art.credits) and art.credits.search(text):
        return "a photo caption and credit"
    if art.teasers is not None and may(art.teasers):
        m = art.teasers.search(text)
        if m is not None and SENTENCE_END.search(text[: m.start()].rstrip() + " X") is None:
            return "a headline teasing another article"
    return None


def prompt_spans(art: Artifacts, block: Block, may: Possible = _ANY) -> list[tuple[int, int]]:
    """The link prompts whose link was lost ("Learn more about …") in ``block``, each from
    the start of its sentence (or of the block) to the end of that sentence, or of the
    parenthesis it opens; a prompt that holds a link still works and is left alone."""
    text = block.text
    out: list[tuple[int, int]] = []
    if art.prompts is None or not may(art.prompts):
        return out
    for m in art.prompts.finditer(text):
        a = m.start()
        # a capital inside a sentence ("brief interventions Learn more about …") is a
        # lost break: the prompt starts there all the same
        if a < (out[-1][1] if out else 0) or not (_sentence_starts(text, a) or text[a].isupper()):
            continue
        b = _prompt_end(text, a, m.end())
        if b is None or any(s < b and e > a for s, e, _url in block.links):
            continue
        out.append((a, b))
    return out


def _sentence_starts(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return not before or before[-1] in '.!?)"”:'


def _prompt_end(text: str, start: int, after: int) -> int | None:
    """Where the prompt starting at ``start`` ends: its closing parenthesis when it opens one,
    else its sentence end (or the end of the block); None past ``PROMPT_MAX_WORDS`` words."""
    if text[start] == "(":
        depth = 0
        for i in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        else:
            return None
    else:
        m = SENTENCE_END.search(text, after)
        end = m.end() if m is not None else len(text.rstrip())
        # the lost link's site, left in brackets at the end: "(Centers for Disease Control)"
        site = _LINK_SITE.match(text, end)
        end = site.end() if site is not None else end
    return end if word_count(text[start:end]) <= PROMPT_MAX_WORDS else None


def link_box_lines(art: Artifacts, blocks: list[Block]) -> dict[int, str]:
    """Index (in ``blocks``) → kind, for each link-box heading ("More information") that is
    followed by short lines without a link or a sentence end, and for those lines."""
    out: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if block.text.strip(" :").lower() not in art.link_box_headings:
            continue
        j = i + 1
        while j < len(blocks) and _link_line(art, blocks[j]):
            j += 1
        if j > i + 1:
            out[i] = "the heading of a box of links whose links were lost"
            out.update((k, "the text of a link that was lost") for k in range(i + 1, j))
    return out


def _link_line(art: Artifacts, block: Block) -> bool:
    text = block.text.strip()
    return (
        not block.links
        and bool(text)
        and text[-1] not in ".!?:;,"
        and word_count(text) <= art.link_line_max_words
    )


def interstitial_page(
    art: Artifacts, blocks: list[Block], index: NeedleIndex | None = None
) -> bool:
    """The text is a cookie wall or a bot check, not an article: short, with two notices or
    more, and mostly (by words) blocks holding an ``interstitial`` notice or chrome lines."""
    if art.interstitial is None:
        return False
    total = noise = notices = 0
    for k, block in enumerate(blocks):
        n = word_count(block.text)
        total += n
        if total > art.interstitial_max_words:
            return False
        found = (
            len(art.interstitial.findall(block.text))
            if index is None or index.may_match(art.interstitial, k)
            else 0
        )
        if found or chrome_line(art, block.text, possible(index, k)):
            notices += found
            noise += n
    # one notice is a banner left in an article; a wall repeats itself
    return notices >= 2 and noise >= art.interstitial_share * total


def soft_lines(block: Block, source: str) -> list[tuple[int, int]]:
    """The pieces of ``block.text`` that stand on source lines of their own: a paragraph
    whose lines are joined by soft line breaks (plain text, Markdown) gives one piece per
    source line; a block of one line gives none."""
    text = block.text
    cuts = [j for j, c in enumerate(text) if c == " " and _line_break(source, block, j)]
    if not cuts:
        return []
    bounds = [-1, *cuts, len(text)]
    return [(a + 1, b) for a, b in itertools.pairwise(bounds) if b > a + 1]


def chrome_lines_within(
    art: Artifacts, block: Block, source: str, may: Possible = _ANY
) -> list[tuple[int, int]]:
    """Lines of a many-line paragraph that are a chrome phrase on their own ("Advertisement"
    between two lines of a scraped text file).  Only the pack's whole-line phrases count
    here: a prose line of a hard-wrapped paragraph can start like a widget or a teaser."""
    out = []
    for a, b in soft_lines(block, source):
        core = block.text[a:b].strip(" .:!?…-–—|>»·•")
        if len(core) <= art.longest_block and core.lower() in art.block:
            out.append((a, b))
    return out


def _line_break(source: str, block: Block, j: int) -> bool:
    """The space at ``block.text[j]`` stands for a line break in the source."""
    raw = source[block.src_offset(j) : block.src_offset(j + 1)]
    return raw.isspace() and ("\n" in raw or "\r" in raw)
