"""The word lists of rules/news.yaml as regular expressions, for every rule of the group.

* :func:`section`: a section of the pack; :func:`strings`: one of its lists as strings;
* :func:`any_of` / :func:`compile_any`: a list of patterns as one alternation (source or
  compiled); :func:`word_alternation`: a list of plain words or phrases, escaped, longest
  first, a space matching any run of spaces;
* :func:`compile_filled` / :func:`fill`: patterns with a slot (``{company}``) filled, and
  :class:`Filled`, such patterns filled by what the pack names and what one article names,
  searched as one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from medlint import packs

NEVER = r"(?!x)x"


def any_of(patterns: Any) -> str:
    """The source of one regular expression matching any of ``patterns`` (a list from a
    pack section), to build a larger one from."""
    return "|".join(f"(?:{p})" for p in patterns or []) or NEVER


def compile_any(patterns: Any, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regular expression matching any of ``patterns`` (a list from a pack section)."""
    return re.compile(any_of(patterns), flags)


@functools.lru_cache(maxsize=128)
def compile_filled(patterns: tuple[str, ...], slot: str, value: str) -> re.Pattern[str]:
    """:func:`compile_any` of ``patterns`` with ``slot`` ("{company}") replaced by ``value``
    (cached: a pack's patterns filled with the pack's company names compile once)."""
    return compile_any([p.replace(slot, value) for p in patterns])


@dataclass(frozen=True)
class Filled:
    """Patterns whose slot is filled two ways and searched as one: by what the pack names
    (``base``, compiled once per process) and by what one article names (``extra``: a few
    short names, quick to compile).  Each pattern's slot is filled by one of the two, so a
    pattern with the slot in two places takes both from the same side."""

    base: re.Pattern[str]
    extra: re.Pattern[str] | None = None

    def search(self, text: str) -> bool:
        return self.base.search(text) is not None or (
            self.extra is not None and self.extra.search(text) is not None
        )


def fill(patterns: tuple[str, ...], slot: str, base: str, extra: str | None) -> Filled:
    """``patterns`` with ``slot`` filled by ``base`` and, when given, by ``extra``."""
    return Filled(
        compile_filled(patterns, slot, base),
        compile_filled(patterns, slot, extra) if extra else None,
    )


def strings(sec: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """The list ``key`` of a pack section as strings (empty when it is missing)."""
    return tuple(str(w) for w in sec.get(key) or [])


def section(name: str) -> Mapping[str, Any]:
    """A section of rules/news.yaml (an empty mapping when it is missing)."""
    got = packs.load("news").get(name) or {}
    return got if isinstance(got, dict) else {}


def word_alternation(words: Any) -> str:
    """``words`` (plain words or phrases) as one alternation, escaped, longest first; a
    space in a phrase matches any run of spaces."""
    items = sorted((str(w) for w in words or []), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) or NEVER
