"""Literal pre-filters for regular expressions: the matching layer's cheapest test.

Python's ``re`` tries a pattern that starts with ``\b``, a look-behind or a case-folded
alternation at every position of the text; for block-sized texts that costs several
microseconds per pattern even when nothing matches.  ``needles`` finds literal strings one
of which every match must contain; ``may_match`` tests those with ``str.__contains__``
first and runs the regex only when one is there.  Rules do not call these for speed's
sake on their own: the engine's matching layer and the shared analysis do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

#
# Python's ``re`` tries a pattern that starts with ``\b``, a look-behind or a case-folded
# alternation at every position of the text; for block-sized texts that costs several
# microseconds per pattern even when nothing matches.  ``needles`` reads the parsed
# pattern and finds literal strings one of which every match must contain; ``may_match``
# tests those with ``str.__contains__`` first and runs the regex only when one is there.

# Non-ASCII letters that IGNORECASE matches to ASCII ones ("ſ" ~ "s", Kelvin sign ~ "k"):
# a text holding one of them is always given to the regex.
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_NEEDLES: dict[tuple[str, int], frozenset[str] | None] = {}


def _re_constants() -> Any:
    try:
        from re import _constants  # type: ignore[attr-defined]

        return _constants
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_constants

        return sre_constants


def _parse(pattern: str, flags: int) -> Any:
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse as _parser
    return _parser.parse(pattern, flags)


def _required(items: Any) -> frozenset[str] | None:
    """Strings (lower case) one of which any match of the parsed sequence contains."""
    c = _re_constants()
    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        got: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            got = _required(av[-1])
        elif op is c.BRANCH:
            alts = [_required(b) for b in av[1]]
            if alts and all(a is not None for a in alts):
                got = frozenset().union(*alts)  # type: ignore[arg-type]
        elif op is getattr(c, "ATOMIC_GROUP", None):
            got = _required(av)
        elif op in repeats:
            if av[0] >= 1:
                got = _required(av[2])
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av) and len(av) <= 16:
            got = frozenset(chr(v).lower() for _, v in av)
        if got:
            candidates.append(got)
    flush()
    candidates = [x for x in candidates if all(x)]
    if not candidates:
        return None
    # the most selective: longest shortest needle, then fewest needles
    best = max(candidates, key=lambda x: (min(map(len, x)), -len(x)))
    return frozenset(n for n in best if not any(o != n and o in n for o in best))


def needles(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings (ASCII or caseless characters) one of which every match of ``rx``
    contains, or None when the pattern has no such literals."""
    key = (rx.pattern, rx.flags)
    if key in _NEEDLES:
        return _NEEDLES[key]
    got: frozenset[str] | None = None
    try:
        got = _required(_parse(rx.pattern, rx.flags))
    except Exception:  # pragma: no cover - a Python whose re internals differ
        got = None
    if got is not None and not all(n.isascii() or n.lower() == n.upper() for n in got):
        got = None  # a cased non-ASCII letter: its case folding is not worth modelling
    _NEEDLES[key] = got
    return got


def lowering_is_exact(text: str, low: str) -> bool:
    """True when ``low`` (``text.lower()``) has ``text``'s offsets and no character whose
    case folding ``str.lower`` does not mirror, so a caseless search may run on ``low``."""
    return len(low) == len(text) and (text.isascii() or not _ODD_FOLDS.search(text))


def may_match(rx: re.Pattern[str], text: str, low: str | None = None) -> bool:
    """False only when ``rx`` cannot match in ``text`` (none of its needles is there).

    ``low`` is ``text.lower()`` when the caller has it already.  Needles are compared in
    lower case, a necessary condition whether or not the pattern ignores case."""
    found = needles(rx)
    if found is None:
        return True
    if low is None:
        low = text.lower()
    if not text.isascii() and _ODD_FOLDS.search(text):
        return True
    for n in found:  # noqa: SIM110 - a plain loop is cheaper than any() over a generator
        if n in low:
            return True
    return False


def texts_with_needles(
    rx: re.Pattern[str], texts: list[str], whole: str, low: str
) -> set[int] | None:
    """The positions in ``texts`` of the texts where ``rx`` may match (``may_match``), found
    by looking each needle up once in ``low`` (``whole.lower()``, where ``whole`` is
    ``"\\n".join(texts)``) instead of in every text; None when ``rx`` has no needles or
    lowering the text moved offsets (then every text may hold a match).

    A text holds a needle exactly when the needle occurs inside the text's stretch of
    ``low``: lowering works character by character (the one context rule, the final sigma,
    sees the same neighbours at a newline as at the end of a string)."""
    found = needles(rx)
    if found is None or len(low) != len(whole):
        return None
    if not whole.isascii() and _ODD_FOLDS.search(whole):
        return None
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    hit: set[int] = set()
    for n in found:
        i = low.find(n)
        while i != -1:
            k = bisect_right(starts, i) - 1
            if i + len(n) <= starts[k] + len(texts[k]):
                hit.add(k)
            i = low.find(n, i + 1)
    return hit


_LOWER_VARIANTS: dict[tuple[str, int], re.Pattern[str] | None] = {}


def _caseless_safe(items: Any) -> bool:
    """True when the parsed pattern (without IGNORECASE) matches the lower-cased text exactly
    where it matches the text with IGNORECASE: no upper-case literal, no class that holds an
    upper-case letter without its lower-case one (or any cased letter, if negated), no
    back-reference."""
    c = _re_constants()
    for op, av in items:
        if op is c.LITERAL or op is c.NOT_LITERAL:
            ch = chr(av)
            if ch != ch.lower() or (ch.lower() != ch.upper() and op is c.NOT_LITERAL):
                return False
        elif op is c.IN:
            negated = any(o is c.NEGATE for o, _ in av)
            chars: set[str] = set()
            for o, v in av:
                if o is c.LITERAL:
                    chars.add(chr(v))
                elif o is c.RANGE:
                    if v[1] - v[0] > 0x3FF:
                        return False
                    chars.update(chr(x) for x in range(v[0], v[1] + 1))
                elif o not in (c.NEGATE, c.CATEGORY):
                    return False
            for ch in chars:
                if negated and ch.lower() != ch.upper():
                    return False
                if ch != ch.lower() and ch.lower() not in chars:
                    return False
        elif op is c.SUBPATTERN:
            if av[1] or av[2] or not _caseless_safe(av[-1]):  # local flags: not handled
                return False
        elif op is c.BRANCH:
            if not all(_caseless_safe(b) for b in av[1]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _caseless_safe(av[2]):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if not _caseless_safe(av[1]):
                return False
        elif op not in (c.AT, c.ANY):
            return False
    return True


_INLINE_OK = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def lower_variant(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a case-insensitive pattern with only lower-case letters, the same pattern without
    IGNORECASE, to run on ``text.lower()`` (``re`` scans much faster without IGNORECASE);
    None when that would not give the same matches (see ``_caseless_safe``)."""
    key = (rx.pattern, rx.flags)
    if key in _LOWER_VARIANTS:
        return _LOWER_VARIANTS[key]
    got: re.Pattern[str] | None = None
    src = rx.pattern[4:] if rx.pattern.startswith("(?i)") else rx.pattern
    rest = src
    for ok in _INLINE_OK:
        rest = rest.replace(ok, "")
    if rx.flags & re.IGNORECASE and "(?" not in rest:  # no other inline flags or groups
        flags = rx.flags & ~re.IGNORECASE
        try:
            if _caseless_safe(_parse(src, flags)):
                got = re.compile(src, flags)
        except Exception:  # pragma: no cover - a Python whose re internals differ
            got = None
    _LOWER_VARIANTS[key] = got
    return got


def find_spans(rx: re.Pattern[str], text: str, low: str) -> list[tuple[int, int]]:
    """``[m.span() for m in rx.finditer(text)]``, run on ``low`` (``text.lower()``) with
    ``lower_variant(rx)`` when the pattern allows it and lowering kept every offset."""
    variant = lower_variant(rx)
    if variant is not None and lowering_is_exact(text, low):
        return [m.span() for m in variant.finditer(low)]
    return [m.span() for m in rx.finditer(text)]
