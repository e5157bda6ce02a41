"""Find the matches of a pattern that starts with a negative look-behind, faster.

``re`` tries a pattern that starts with a look-behind at every position of the text; the
same pattern without it (its *core*, which starts with literal letters) is found by ``re``'s
literal scan.  :func:`finditer_not_after` runs the core and applies the look-behind by hand.
"""

from __future__ import annotations

import re


def finditer_not_after(
    pattern: re.Pattern[str], core: re.Pattern[str], before: re.Pattern[str], text: str
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for ``pattern`` = ``(?<!before)`` + ``core``.

    ``re`` tries a pattern that starts with a look-behind at every position; ``core``
    starts with the abbreviation's literal letters, which ``re`` finds quickly.  A match of
    ``core`` whose preceding character the look-behind rejects is skipped and the search
    resumes one character on, where ``finditer`` would have tried next, so the matches
    are the same (an empty match, which these patterns do not have, falls back)."""
    out: list[re.Match[str]] = []
    pos = 0
    while True:
        m = core.search(text, pos)
        if m is None:
            return out
        start = m.start()
        if m.end() == start:
            return list(pattern.finditer(text))
        if start and before.match(text, start - 1):
            pos = start + 1
            continue
        out.append(m)
        pos = m.end()


def literal_hint(abbr: str, body: str, given: str) -> str:
    """A literal every match of the pattern ``body`` for ``abbr`` contains: ``given`` if
    the pack names one, ``abbr`` when the pattern is the escaped abbreviation, else the
    abbreviation's longest run of letters."""
    if given:
        return given
    if body == re.escape(abbr):
        return abbr
    run = max(re.findall(r"[A-Za-z]+", abbr) or [""], key=len)
    return run
