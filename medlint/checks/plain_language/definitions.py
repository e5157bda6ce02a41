"""Where an abbreviation is spelled out (P605): "nonsteroidal anti-inflammatory drugs
(NSAIDs)", "NSAIDs (nonsteroidal …)", "CBT, or cognitive behavioral therapy", "known as CBT";
Schwartz & Hearst's long-form test; and the index of each abbreviation's first definition,
built once per article."""

from __future__ import annotations

import re

from medlint.analysis import Analysis, per_article
from medlint.checks.plain_language.abbreviations import candidates

_DEF_AFTER = re.compile(
    r"^\s*(?:,\s*or\s|,\s*short\s+for\s|\s*[—–]\s*|\s+-\s+|,?\s*(?:which\s+)?stands\s+for\s"
    r"|\s+means\s|,\s*meaning\s|:\s)",
    re.I,
)
_DEF_BEFORE = re.compile(
    r"(?:\b(?:known|abbreviated|referred\s+to)\s+as|\bcalled|\bshort|,[\"”’']?\s*or"
    r"|\(\s*or)\s*[\"“‘']?$",
    re.I,
)
_LONG_SEP = re.compile(r"[\s(\[,.:;—–-]*(?:\bor\b)?[\s(\[\"“‘']*$", re.I)
_MINOR = frozenset({"and", "of", "the", "for", "in", "to", "with", "on", "a", "an", "&"})


def _paren_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The innermost (…) or […] containing text[start:end], if any."""
    depth = 0
    open_i = -1
    for i in range(start - 1, -1, -1):
        c = text[i]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                open_i = i
                break
            depth -= 1
    if open_i == -1:
        return None
    closer = ")" if text[open_i] == "(" else "]"
    depth = 0
    for j in range(end, len(text)):
        c = text[j]
        if c in "([":
            depth += 1
        elif c in ")]":
            if depth == 0:
                return (open_i, j) if c == closer else None
            depth -= 1
    return None


def _long_form(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): do the letters of ``short`` spell a suffix of ``long``?

    The first letter must start a word; the others follow in order.  Returns True when a
    long form of at least two words (or one word longer than the abbreviation) is found.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return False
    s_i = len(letters) - 1
    l_i = len(long) - 1
    low = long.lower()
    while s_i >= 0:
        c = letters[s_i]
        while l_i >= 0 and (low[l_i] != c or (s_i == 0 and l_i > 0 and low[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return False
        l_i -= 1
        s_i -= 1
    found = long[long.rfind(" ", 0, l_i + 2) + 1 :].strip()
    words = found.split()
    return len(words) >= 2 or len(found) > len(short) + 2


def _initials_follow(text: str, abbr: str) -> bool:
    """ "DT prevents diphtheria and tetanus": the letters are the initials of words nearby."""
    letters = "".join(c.lower() for c in abbr if c.isalpha())
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in _MINOR]
    inits = "".join(w[0] for w in words[:12])
    return len(letters) >= 2 and letters in inits


def truncation(sentence: str, abbr: str) -> bool:
    """ "…stated on the carton after EXP": a word in the sentence begins with the letters."""
    low = abbr.lower()
    return len(low) >= 3 and bool(re.search(rf"\b{re.escape(low)}[a-z]{{2,}}", sentence.lower()))


def defines(text: str, start: int, end: int, abbr: str) -> bool:
    """Whether this occurrence of ``abbr`` is where it is spelled out."""
    # "nonsteroidal anti-inflammatory drugs (NSAIDs)", "(or NSAIDs)", "[DVT]", "(RTA, an …)"
    paren = _paren_around(text, start, end)
    if paren is not None:
        o, c = paren
        inner = text[o + 1 : c]
        lead = text[:o].rstrip()
        token = text[start:end]
        stripped = inner.strip(" .,;")
        if (
            lead
            and (lead[-1].isalnum() or lead[-1] in "’'\"”")
            and (stripped.startswith(token) or stripped.endswith(token))
        ):
            return True
    # "NSAIDs (nonsteroidal anti-inflammatory drugs)", "JDRF (formerly the Juvenile …)"
    m = re.match(r"\s*[(\[]([^()\[\]]{3,})[)\]]", text[end:])
    if m:
        inner = m.group(1)
        words = re.findall(r"[A-Za-z][\w'’-]*", inner)
        if words and (
            _long_form(abbr, inner)
            or (
                (len(words) >= 2 or len(words[0]) > len(abbr) + 2)
                and words[0][0].lower() == abbr[0].lower()
            )
        ):
            return True
    if _DEF_AFTER.match(text[end:]) or _DEF_BEFORE.search(text[:start]):
        return True
    # "… photodynamic therapy or VTP", "… pulmonary disease. COPD is …"
    head = text[:start]
    prior = list(re.finditer(rf"(?<![\w]){re.escape(abbr)}", head))
    if prior:
        head = head[prior[-1].end() :]  # never read the long form out of an earlier use
    sep = _LONG_SEP.search(head)
    body = head[: sep.start()] if sep else head
    window = " ".join(body.split()[-min(len(abbr) + 5, 2 * len(abbr)) :])
    if window and _long_form(abbr, window):
        return True
    return _initials_follow(text[end : end + 120], abbr)


@per_article
def first_definitions(analysis: Analysis) -> dict[str, tuple[int, int]]:
    """Each abbreviation's first definition: (block index, offset) of the first candidate
    (``abbreviations.candidates``, in reading order) where it is spelled out."""
    first: dict[str, tuple[int, int]] = {}
    for c in candidates(analysis):
        if c.token not in first and defines(c.block.text, c.start, c.end, c.token):
            first[c.token] = (c.block.index, c.start)
    return first
