"""Page chrome: is a line or a sentence a teaser, a navigation line or a widget that
scraping left in the text ("RELATED: The most common signs of …", "Read more")?

The whole lines, fragments and patterns come from rules/artifacts.yaml, the pack D304
(scrape-artifact) reports such text from.  A rule that leaves such text to D304 asks
:func:`in_page_chrome` (C401: a frequency word in a teaser is not a claim of the article)
instead of reading D304's pack keys itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medlint import packs

# What a chrome line may be wrapped in: "RELATED: …", "» Read more", "Next | Previous".
_STRIP = " .:!?…-–—|>»·•"


@dataclass(frozen=True)
class PageChrome:
    """The chrome of rules/artifacts.yaml: whole lines (lower case), fragments (lower
    case) and the patterns, widgets and link prompts (compiled)."""

    lines: frozenset[str]
    fragments: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


def _strs(pack: dict[str, Any], key: str) -> list[str]:
    """A pack list as strings (``None`` entries dropped; a missing list is empty)."""
    return [str(x) for x in pack.get(key) or [] if x is not None]


@packs.pack_cache
def page_chrome() -> PageChrome:
    """The page chrome of rules/artifacts.yaml (read once per pack set)."""
    pack = packs.load("artifacts")
    keys = ("patterns", "widgets", "link_prompts")
    return PageChrome(
        lines=frozenset(x.lower() for x in _strs(pack, "block")),
        fragments=tuple(x.lower() for x in _strs(pack, "fragment")),
        patterns=tuple(re.compile(p) for k in keys for p in _strs(pack, k)),
    )


def in_page_chrome(text: str) -> bool:
    """``text`` (a block or a sentence) is or holds page chrome."""
    chrome = page_chrome()
    low = text.lower()
    if low.strip(_STRIP) in chrome.lines or any(f in low for f in chrome.fragments):
        return True
    return any(p.search(text) for p in chrome.patterns)
