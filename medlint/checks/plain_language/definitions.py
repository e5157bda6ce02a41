"""Where an abbreviation is spelled out (P605): "nonsteroidal anti-inflammatory drugs
(NSAIDs)", "NSAIDs (nonsteroidal …)", "CBT, or cognitive behavioral therapy", "cognitive
behavioral therapy, known as CBT"; the long-form test; and the index of each abbreviation's
first definition with the term it stands for, built once per article."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from medlint.analysis import Analysis, per_article
from medlint.checks.plain_language.abbreviations import Candidate, candidates
from medlint.checks.plain_language.language import english

_DEF_AFTER = re.compile(
    r"^\s*(?:,\s*or\s|,\s*short\s+for\s|\s*[—–]\s*|\s+-\s+|,?\s*(?:which\s+)?stands\s+for\s"
    r"|\s+means\s|,\s*meaning\s|:\s)",
    re.I,
)
_DEF_BEFORE = re.compile(
    r"(?:,?\s*(?:also\s+|sometimes\s+|often\s+)?(?:known|abbreviated|referred\s+to)\s+as"
    r"|,?\s*(?:also\s+|sometimes\s+)?called|,?\s*(?:or\s+)?short|,[\"”’']?\s*or"
    r"|\(\s*or)(?:\s+the)?\s*[\"“‘']?$",
    re.I,
)
_LONG_SEP = re.compile(r"[\s(\[,.:;—–-]*(?:\bor\b)?[\s(\[\"“‘']*$", re.I)
# a word; a hyphenated compound is one word whose later parts may give letters or not
# ("age-related macular degeneration (AMD)", "anti-inflammatory")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’]|[-‐](?=[A-Za-z]))*")
_MINOR = frozenset({"and", "of", "the", "for", "in", "to", "with", "on", "a", "an", "&", "or"})
_LEAD_IN = frozenset({"formerly", "the", "a", "an", "previously", "now"})


@dataclass(frozen=True)
class Definition:
    """Where an abbreviation is first spelled out, and the term when it was recognised."""

    block: int  # block index
    offset: int  # the abbreviation's offset in the block's text
    term: str  # the long form as written ("" when the text explains it without one)


def _spells(letters: str, words: list[str]) -> bool:
    """Every content word of ``words`` gives its first letter, in order, to ``letters``;
    further letters may come from inside a word ("NSAID": nonsteroidal anti-inflammatory
    drug; "age-related": a, r); with three letters or more one later content word may give
    none ("vascular-targeted photodynamic therapy (VTP)"). Minor words (of, and, the…) may give their first letter or none; the first and
    last word must be content words."""
    if not words or words[0].lower() in _MINOR or words[-1].lower() in _MINOR:
        return False
    low = [w.lower() for w in words]
    budget = 1 if len(letters) >= 3 else 0  # "vascular-targeted photodynamic therapy (VTP)"

    def go(li: int, wi: int, skips: int = 0) -> bool:
        if wi == len(low):
            return li == len(letters)
        w = low[wi]
        if w in _MINOR and go(li, wi + 1, skips):
            return True
        if wi > 0 and skips < budget and _inside(w, li, wi, skips + 1):
            return True  # "alanine aminotransferase (ALT)": letters from inside only
        if li >= len(letters) or w[0] != letters[li]:
            return False
        return _inside(w, li + 1, wi, skips, 1)

    def _inside(w: str, li: int, wi: int, skips: int, pos: int = 1) -> bool:
        """Go on after ``w`` having taken none or more of its inner letters from ``li``."""
        if go(li, wi + 1, skips):
            return True
        while li < len(letters):
            found = w.find(letters[li], pos)
            if found < 0:
                return False
            li += 1
            pos = found + 1
            if go(li, wi + 1, skips):
                return True
        return False

    return go(0, 0)


def _letters(abbr: str) -> str:
    return "".join(c.lower() for c in abbr if c.isalpha())


def _max_words(letters: str) -> int:
    return min(len(letters) + 5, 2 * len(letters))


def expansion_before(abbr: str, text: str) -> str | None:
    """The long form of ``abbr`` that ends ``text`` ("… cognitive behavioral therapy")."""
    letters = _letters(abbr)
    if len(letters) < 2:
        return None
    if any(ch.isdigit() for ch in abbr):  # "cyclooxygenase 2 (COX-2)"
        text = re.sub(r"[\s-]*\d+[A-Za-z]?\s*$", "", text)
    found = list(_WORD.finditer(text))
    if not found or found[-1].end() < len(text.rstrip(" \t\"“”‘’'")):
        return None  # the text does not end with a word
    for k in range(1, min(len(found), _max_words(letters)) + 1):
        tail = found[-k:]
        words = [m.group(0) for m in tail]
        if _spells(letters, words):
            return text[tail[0].start() : tail[-1].end()]
        head, dash, rest = words[0].partition("-")
        if dash and rest and _spells(letters, [rest, *words[1:]]):
            # "anti-vascular endothelial growth factor (VEGF)": the prefix is not spelled
            start = tail[0].start() + len(head) + 1
            return text[start : tail[-1].end()]
    return None


def expansion_after(abbr: str, text: str) -> str | None:
    """The long form of ``abbr`` that starts ``text`` ("nonsteroidal anti-inflammatory
    drugs)…", "formerly the Juvenile Diabetes Research Foundation")."""
    letters = _letters(abbr)
    if len(letters) < 2:
        return None
    found = list(_WORD.finditer(text[:200]))
    skip = 0
    while skip < min(2, len(found)) and found[skip].group(0).lower() in _LEAD_IN:
        skip += 1
    found = found[skip:]
    for k in range(1, min(len(found), _max_words(letters)) + 1):
        head = found[:k]
        if re.search(r"[.;:!?)\]]", text[head[0].start() : head[-1].start()]):
            break  # the long form stays inside one clause
        if _spells(letters, [m.group(0) for m in head]):
            return text[head[0].start() : head[-1].end()]
    return None


def _initials_follow(text: str, abbr: str) -> str | None:
    """ "DT prevents diphtheria and tetanus": the letters are the initials of consecutive
    content words that start within three words after it, in the same sentence."""
    letters = _letters(abbr)
    sentence = re.split(r"[.!?;:](?:\s|$)", text, maxsplit=1)[0]
    words = list(_WORD.finditer(sentence))
    for i in range(min(3, len(words))):
        content = [m for m in words[i:] if m.group(0).lower() not in _MINOR][: len(letters)]
        if len(content) == len(letters) and all(
            m.group(0)[0].lower() == c for m, c in zip(content, letters, strict=True)
        ):
            return sentence[content[0].start() : content[-1].end()]
    return None


def truncation(sentence: str, abbr: str) -> bool:
    """ "…stated on the carton after EXP": a word in the sentence begins with the letters."""
    low = abbr.lower()
    return len(low) >= 3 and bool(re.search(rf"\b{re.escape(low)}[a-z]{{2,}}", sentence.lower()))


# How much text before an abbreviation its long form is read from: the longest long form has
# ten words (``_max_words``), so a window keeps each test constant time.
_WIN = 300

_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:that|which|who|found|made|produced)\b")
_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:that|which|who|found|made|produced)\b")
# "FRAX, for Fracture Risk Assessment", "XYZ (Short for Something Else)": a name in capitals
# after a cue, its first word starting with the abbreviation's first letter
_NAMED_AFTER = re.compile(
    r"\s*(?:,\s*(?:short\s+)?for|,?\s*(?:which\s+)?stands\s+for|[(\[]\s*(?:short\s+for)?)\s*"
    r"(?:the\s+)?([A-Z][a-z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)?[A-Z][a-z][\w'’-]*)+)"
)


@dataclass
class BlockIndex:
    """Facts about one block read once: the innermost bracket pair around each candidate and
    where each abbreviation occurs, so that no test rescans the text before a candidate."""

    text: str
    parens: dict[int, tuple[int, int] | None]  # candidate start -> innermost (…) or […]
    ends: dict[str, list[int]]  # abbreviation -> end offsets of its occurrences

    def floor(self, abbr: str, start: int) -> int:
        """The end of the last occurrence of ``abbr`` before ``start`` (0 when none)."""
        ends = self.ends.get(abbr)
        if ends is None:
            ends = self.ends[abbr] = [
                m.end() for m in re.finditer(rf"(?<![\w]){re.escape(abbr)}", self.text)
            ]
        i = bisect.bisect_right(ends, start) - 1
        return ends[i] if i >= 0 else 0


def block_index(text: str, starts: list[int]) -> BlockIndex:
    """One sweep over the brackets of ``text``: the innermost pair around each start."""
    stack: list[int] = []
    closes: dict[int, int] = {}
    top: dict[int, int] = {}
    todo = sorted(starts)
    k = 0
    for m in re.finditer(r"[()\[\]]", text):
        pos = m.start()
        while k < len(todo) and todo[k] <= pos:
            top[todo[k]] = stack[-1] if stack else -1
            k += 1
        if m.group() in "([":
            stack.append(pos)
        elif stack:
            closes[stack.pop()] = pos
    for st in todo[k:]:
        top[st] = stack[-1] if stack else -1
    parens: dict[int, tuple[int, int] | None] = {}
    for st, o in top.items():
        c = closes.get(o, -1) if o >= 0 else -1
        ok = c >= 0 and text[c] == (")" if text[o] == "(" else "]")
        parens[st] = (o, c) if ok else None
    return BlockIndex(text, parens, {})


def _tail(text: str, lo: int, hi: int) -> str:
    """text[lo:hi], or its last ``_WIN`` characters starting at a word boundary."""
    if hi - lo <= _WIN:
        return text[lo:hi]
    cut = text[hi - _WIN : hi]
    sp = re.search(r"\s", cut)
    return cut[sp.end() :] if sp else cut


def _named_by_position(text: str, paren: tuple[int, int], abbr: str, shown: str) -> bool:
    """ "ground ambulance (GEMS)", "Sanofi (SNY)": brackets holding only the abbreviation
    right after a word are the writer's own definition (or a ticker after the company's
    name), whatever its letters."""
    inner = text[paren[0] + 1 : paren[1]].strip()
    if inner not in (abbr, shown):
        return False
    m = re.search(r"([A-Za-z][\w'’-]*)[®™]?\s*$", text[max(0, paren[0] - 40) : paren[0]])
    return m is not None and len(m.group(1)) >= 2 and not m.group(1).isupper()


def defines(
    text: str, start: int, end: int, abbr: str, index: BlockIndex | None = None
) -> str | None:
    """The term this occurrence of ``abbr`` spells it out with, "" when the text explains it
    without a recognisable long form, or None when it is not a definition. A long form must
    spell the abbreviation's letters as its words' initials ("a protein called XYZ" or "heart
    disease and a HD test" define nothing); the writer's own label right after a noun,
    "ground ambulance (GEMS)", or a named expansion, "FRAX, for Fracture Risk Assessment",
    counts by its position."""
    if index is None:
        index = block_index(text, [start])
    floor = index.floor(abbr, start)  # never read the long form out of an earlier use
    shown = text[start:end]
    # "nonsteroidal anti-inflammatory drugs (NSAIDs)", "(or NSAIDs)", "[DVT]"
    paren = index.parens.get(start)
    if paren is not None and paren[0] >= floor:
        inner = text[paren[0] + 1 : paren[1]].strip(" .,;")
        if inner.startswith(shown) or inner.startswith("or "):
            got = expansion_before(abbr, _tail(text, floor, paren[0]).rstrip())
            if got is not None:
                return got
            if _named_by_position(text, paren, abbr, shown):
                return ""
    # "NSAIDs (nonsteroidal anti-inflammatory drugs)", "JDRF (formerly the Juvenile …)"
    m = re.match(r"\s*[(\[]([^()\[\]]{3,})[)\]]", text[end : end + 300])
    if m:
        got = expansion_after(abbr, m.group(1))
        if got is not None:
            return got
    cue = _DEF_AFTER.match(text[end : end + 40])
    if cue:
        got = expansion_after(abbr, text[end + cue.end() : end + cue.end() + 200])
        if got is not None:
            return got
    named = _NAMED_AFTER.match(text[end : end + 200])
    if named and named.group(1)[0].lower() == _letters(abbr)[:1]:
        return named.group(1)  # "FRAX, for Fracture Risk Assessment"
    return _defined_before(text, start, end, abbr, floor)


def _defined_before(text: str, start: int, end: int, abbr: str, floor: int) -> str | None:
    body = _tail(text, floor, start)
    cue_before = _DEF_BEFORE.search(body)
    if cue_before:
        body = body[: cue_before.start()]
        got = expansion_before(abbr, body.rstrip(" ,\"“”‘’'"))
        if got is not None:
            return got
        # "the brain and spinal cord, known as the CNS" explains it; "a protein called
        # XYZ" only names its kind
        named = re.search(
            r"\b(?:an?|one|some|this|that)\s+(?:[\w-]+\s+)?[\w-]+\s*,?\s*$", body, re.I
        )
        if named and _RELATIVE_AFTER.match(text[end : end + 40]):
            return ""  # "a protein called PD-L1 that helps tumours hide" explains it
        return None if named or not body.strip() else ""
    # "… photodynamic therapy or VTP", "… pulmonary disease. COPD is …"
    sep = _LONG_SEP.search(body)
    body = body[: sep.start()] if sep else body
    got = expansion_before(abbr, body.rstrip(" ,\"“”‘’'"))
    if got is not None:
        return got
    return _initials_follow(text[end : end + 160], abbr)


@per_article
def first_definitions(analysis: Analysis) -> dict[str, Definition]:
    """Each abbreviation's first definition (``abbreviations.candidates``, in reading order,
    credential-shaped ones included: "doctor of osteopathy (DO)"). A block that is not
    English defines nothing for an English reader. Each block is indexed once."""
    first: dict[str, Definition] = {}
    by_block: dict[int, list[Candidate]] = {}
    for c in candidates(analysis):
        by_block.setdefault(c.block.index, []).append(c)
    for group in by_block.values():
        block = group[0].block
        todo = [c for c in group if c.token not in first]
        if not todo or not english(analysis, block):
            continue
        index = block_index(block.text, [c.start for c in todo])
        for c in todo:
            if c.token in first:
                continue
            term = defines(block.text, c.start, c.end, c.token, index)
            if term is not None:
                first[c.token] = Definition(c.block.index, c.start, term)
    return first
