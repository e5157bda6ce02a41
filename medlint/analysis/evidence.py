"""Shared evidence notions: "a citation nearby" and "a stated rate".

Several rules ask the same two questions about a stretch of text:

* is there a **citation** nearby?  SPEC: a bracketed or superscript reference
  number (``[3]``, ``^3``, ``³``), a parenthetical author-year
  (``(Smith et al., 2021)``), a link (Markdown/HTML links in ``Block.links`` and
  plain-text URLs), or a named source with a year ("a 2019 Cochrane review").
  A weaker **named source** (a journal, an institution, "according to the CDC",
  a quoted named person) also counts as attribution for the claim rules.
* is a **rate** stated?  "3%", "1 in 4", "3 out of 100", "one in ten",
  "fewer than 1 in 10,000", "0.1 percent", "5 per 1,000", "1/100", "half of".
  Each rate is read as an interval of proportions so C402 can compare it with
  the CIOMS/EU SmPC bands.

Both are computed with regular expressions over block text, block by block on first
use, once per article: rules read them as ``ctx.analysis.evidence`` (:func:`compute`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import packs
from medlint.matching.prefilter import lowering_is_exact, may_match

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block

# Kinds of citation marks.  The first group is a citation in the SPEC's sense; the
# second is a named source (attribution without a reference).
CITATION_KINDS = frozenset({"reference", "author-year", "link", "url", "dated-source"})
NAMED_KINDS = frozenset({"named-source", "speaker"})


@dataclass(frozen=True)
class Mark:
    """A citation or named source found in a block (offsets into ``block.text``)."""

    start: int
    end: int
    kind: str
    text: str

    @property
    def is_citation(self) -> bool:
        return self.kind in CITATION_KINDS


@dataclass(frozen=True)
class Rate:
    """A stated rate, as an interval ``[lo, hi]`` of proportions (0..1)."""

    start: int
    end: int
    lo: float
    hi: float
    text: str

    @property
    def value(self) -> float:
        """A representative value: the point, or the bound a "fewer than"/"more than" gives."""
        if self.lo == 0.0:
            return self.hi
        if self.hi >= 1.0 and self.lo > 0:
            return self.lo
        return (self.lo + self.hi) / 2


class Evidence:
    """Citations, named sources and rates of one article, by block.

    Each block is read on first use and remembered, so a rule that asks about one
    sentence does not pay for the whole article, and no block is read twice.
    """

    def __init__(self, article: Article) -> None:
        self._article = article
        self._marks: dict[int, list[Mark]] = {}
        self._rates: dict[int, list[Rate]] = {}
        self._counts: dict[int, list[Rate]] = {}
        self.sources_section: int | None = None  # block index of a "References" heading
        for block in article.body_blocks():
            if block.kind != "title" and _is_sources_heading(block):
                self.sources_section = block.index
                break

    def marks_of(self, block: Block) -> list[Mark]:
        got = self._marks.get(block.index)
        if got is None:
            got = find_marks(block.text, block.links) if block.kind != "meta" else []
            self._marks[block.index] = got
        return got

    def rates_of(self, block: Block) -> list[Rate]:
        got = self._rates.get(block.index)
        if got is None:
            got = find_rates(block.text) if block.kind != "meta" else []
            self._rates[block.index] = got
        return got

    def marks_in(
        self, block: Block, start: int = 0, end: int | None = None, citations_only: bool = False
    ) -> list[Mark]:
        stop = len(block.text) if end is None else end
        return [
            m
            for m in self.marks_of(block)
            if m.start < stop and m.end > start and (m.is_citation or not citations_only)
        ]

    def supported(self, block: Block, start: int = 0, end: int | None = None) -> bool:
        """A citation or a named source within ``block.text[start:end]``."""
        return bool(self.marks_in(block, start, end))

    def cited(self, block: Block, start: int = 0, end: int | None = None) -> bool:
        """A citation (SPEC sense: reference, author-year, link, dated named source)."""
        return bool(self.marks_in(block, start, end, citations_only=True))

    def counts_in(self, block: Block, start: int = 0, end: int | None = None) -> list[Rate]:
        """Counts of people ("about 200,000 Americans", "12 patients") in the span: a
        number of the people affected, which supports a prevalence word as a rate does
        (an age, a dose, a duration or a year is not one).  ``lo``/``hi`` hold the count."""
        got = self._counts.get(block.index)
        if got is None:
            got = find_counts(block.text) if block.kind != "meta" else []
            self._counts[block.index] = got
        stop = len(block.text) if end is None else end
        return [r for r in got if r.start < stop and r.end > start]

    def rates_in(self, block: Block, start: int = 0, end: int | None = None) -> list[Rate]:
        stop = len(block.text) if end is None else end
        return [r for r in self.rates_of(block) if r.start < stop and r.end > start]

    @property
    def any_citation(self) -> bool:
        return any(m.is_citation for b in self._article.body_blocks() for m in self.marks_of(b))

    @property
    def source_in_text(self) -> bool:
        """A citation or named source (not a quoted person) in the running text, before the
        sources section if there is one: the article names a source itself, rather than
        only listing further reading at the end."""
        stop = self.sources_section
        return any(
            m.kind != "speaker"
            for b in self._article.body_blocks()
            if stop is None or b.index < stop
            for m in self.marks_of(b)
        )

    @property
    def any_source(self) -> bool:
        """A sources section, a citation or a named source (a quoted person does not count)."""
        if self.sources_section is not None:
            return True
        return any(
            m.kind != "speaker" for b in self._article.body_blocks() for m in self.marks_of(b)
        )


# -- numbers -----------------------------------------------------------------

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)"
# A number: digits with thousands separators (comma, thin or no-break space, or a plain
# space before exactly three digits: "1 000"), decimals, or number words ("ten thousand").
_DIGITS = r"\d{1,3}(?:(?:,|\u202f|\u00a0| )\d{3})+(?!\d)|\d+(?:\.\d+)?"
_WORDS = rf"(?:(?:a|an)\s+)?{_WORD}(?:[\s-]+(?:and\s+)?{_WORD})*"
_NUM = rf"(?:{_DIGITS}|{_WORDS})"
_QUAL = (
    r"(?:fewer\s+than|less\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|"
    r"more\s+than|over|above|at\s+least|greater\s+than|about|around|approximately|"
    r"roughly|nearly|almost|some|~|<|>|≤|≥|<=|>=)"
)
_UPPER_Q = {"fewer than", "less than", "under", "below", "up to", "at most", "no more than"}
_UPPER_Q |= {"<", "≤", "<="}
_LOWER_Q = {"more than", "over", "above", "at least", "greater than", ">", "≥", ">="}

_PERCENT = re.compile(
    rf"(?i)(?<![\w.,])(?:(?P<q>{_QUAL})\s*)?(?P<a>{_NUM})\s*(?:%|percent|per\s?cent)?"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?P<b>{_NUM}))?\s*(?:%|\bpercent\b|\bper\s?cent\b)"
)
# who a rate counts: "1 user in 10,000", "3 people out of 100" (not "5 mg in 10 ml")
_WHO = (
    r"(?:users?|people|persons?|patients?|adults?|children|child|women|woman|men|man|"
    r"individuals?|cases?|participants?|subjects?|babies|infants|girls?|boys?)"
)
_IN = re.compile(
    rf"(?i)(?<![\w.,])(?:(?P<q>{_QUAL})\s+)?(?P<a>{_NUM})"
    rf"(?:\s*(?:-|–|to)\s*(?P<a2>{_NUM}))?\s+(?:{_WHO}\s+)?"
    rf"(?:in|out\s+of|of\s+every|in\s+every)\s+(?:every\s+)?(?P<b>{_NUM})\b"
)
_PER = re.compile(
    rf"(?i)(?<![\w.,])(?:(?P<q>{_QUAL})\s+)?(?P<a>{_NUM})\s+"
    r"(?:(?:[a-z]+\s+){0,2})?per\s+(?P<b>\d{1,3}(?:,\d{3})+|\d+|hundred|thousand|million|"
    r"(?:one\s+|a\s+)?(?:hundred|thousand|million)(?:\s+thousand)?)\b"
)
_SLASH = re.compile(
    r"(?<![\w./])(?P<a>\d{1,3})\s*/\s*(?P<b>\d{1,3}(?:,\d{3})+|\d{2,7})(?![\w/]|\.\d)"
)
_FRACTION = re.compile(
    r"(?i)\b(?P<f>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|"
    r"three[\s-]quarters|a\s+fifth|one[\s-]fifth)\s+of\b"
)
_FRACTIONS = {
    "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
}  # fmt: skip
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def parse_number(text: str) -> float | None:
    """``"10,000"`` → 10000.0, ``"one in ten"``'s ``"ten"`` → 10.0, ``"a thousand"`` → 1000.0."""
    t = text.strip().lower()
    digits = re.sub(r"[,\u202f\u00a0 ]", "", t)
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w == "and" or not w:
            continue
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def _interval(q: str | None, lo: float, hi: float) -> tuple[float, float]:
    qual = re.sub(r"\s+", " ", (q or "").lower().strip())
    if qual in _UPPER_Q:
        return 0.0, hi
    if qual in _LOWER_Q:
        return lo, 1.0
    return lo, hi


# Cheap anchors: the full rate patterns run only in a window around one of these, so the
# cost grows with the number of candidate rates, not with the length of the text.
_NUM_START = (
    r"(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|"
    r"hundred|thousand|million)\b)"
)
_UNIT_SRC = r"%|\bper\s?cent\b|\bpercent\b"
_IN_SRC = rf"\b(?:in|out\s+of|of\s+every|in\s+every)\s+(?:every\s+)?{_NUM_START}"
_PER_SRC = rf"\bper\s+{_NUM_START}"
_UNIT_ANCHOR = re.compile(_UNIT_SRC, re.I)
_IN_ANCHOR = re.compile(_IN_SRC, re.I)
_PER_ANCHOR = re.compile(_PER_SRC, re.I)
# The same anchors without IGNORECASE, for the lower-cased text: their sources hold only
# lower-case letters, so on ``text.lower()`` (same length, no odd case folds) they match
# exactly where the case-insensitive ones match on the text, and ``re`` scans much faster
# without IGNORECASE.
_LOW_ANCHORS = {
    _UNIT_ANCHOR: re.compile(_UNIT_SRC),
    _IN_ANCHOR: re.compile(_IN_SRC),
    _PER_ANCHOR: re.compile(_PER_SRC),
}


def _windowed(
    rx: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    before: int = 80,
    after: int = 40,
    low: str | None = None,
) -> list[re.Match[str]]:
    """Matches of ``rx`` that cover an ``anchor`` match, searched only near the anchors.

    ``low`` (``text.lower()``) lets the anchor search run without IGNORECASE."""
    out: dict[tuple[int, int], re.Match[str]] = {}
    if low is not None and lowering_is_exact(text, low):
        anchors = _LOW_ANCHORS[anchor].finditer(low)
    else:
        anchors = anchor.finditer(text)
    for a in anchors:
        start = max(0, a.start() - before)
        if start:
            start = text.rfind(" ", 0, start) + 1  # never start inside a word
        end = min(len(text), a.end() + after)
        for m in rx.finditer(text, start, end):
            if m.start() <= a.start() and m.end() >= a.end() - 1:
                out.setdefault((m.start(), m.end()), m)
    return [out[k] for k in sorted(out)]


def find_rates(text: str) -> list[Rate]:
    """Every stated rate in ``text``, longest first where they overlap."""
    low = text.lower()
    found = [*_percent_rates(text, low), *_ratio_rates(text, low), *_slash_rates(text)]
    found += _fraction_rates(text, low)
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Rate] = []
    for r in found:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


@packs.pack_cache
def _count_pattern() -> re.Pattern[str]:
    """A number, up to two words, then one of the pack's ``count_nouns`` (rules/frequency.yaml)."""
    nouns = "|".join(
        re.escape(str(w)) for w in packs.load("frequency").get("count_nouns") or [] if str(w)
    )
    who = f"(?:{nouns})" if nouns else "(?!x)x"
    return re.compile(
        rf"(?i)(?<![\w.,])(?:(?P<q>{_QUAL})\s+)?(?P<a>{_DIGITS}|{_WORDS})"
        r"(?:\s+(?:million|billion|thousand))?"
        rf"\s+(?:[a-z-]+\s+){{0,2}}?{who}\b"
    )


def find_counts(text: str) -> list[Rate]:
    """Counts of people ("200,000 Americans", "about 3 million adults", "12 patients")."""
    if not any(c.isdigit() for c in text) and " people" not in text and " patients" not in text:
        return []
    out: list[Rate] = []
    for m in _count_pattern().finditer(text):
        n = parse_number(m.group("a"))
        if n is None or n < 2:
            continue
        out.append(Rate(m.start(), m.end(), n, n, m.group(0).strip()))
    return out


def _percent_rates(text: str, low: str) -> Iterator[Rate]:
    """ "3%", "0.1 percent", "10-20%", "fewer than 5 per cent"."""
    for m in _windowed(_PERCENT, _UNIT_ANCHOR, text, after=12, low=low):
        a = parse_number(m.group("a"))
        b = parse_number(m.group("b")) if m.group("b") else a
        if a is None or b is None or a > 100 or b > 100:
            continue
        lo, hi = _interval(m.group("q"), min(a, b) / 100, max(a, b) / 100)
        yield Rate(m.start(), m.end(), lo, hi, m.group(0).strip())


def _ratio_rates(text: str, low: str) -> Iterator[Rate]:
    """ "1 in 4", "3 out of 100", "one in ten", "5 per 1,000"."""
    for rx, anchor in ((_IN, _IN_ANCHOR), (_PER, _PER_ANCHOR)):
        for m in _windowed(rx, anchor, text, low=low):
            braw = m.group("b")
            if _YEAR.match(braw.strip()):
                continue  # "50 in 2020" is a count in a year, not a rate
            a = parse_number(m.group("a"))
            a2 = parse_number(m.group("a2")) if "a2" in m.groupdict() and m.group("a2") else a
            b = parse_number(braw)
            if a is None or a2 is None or b is None or b <= 0 or max(a, a2) > b or b < 2:
                continue
            lo, hi = _interval(m.group("q"), min(a, a2) / b, max(a, a2) / b)
            yield Rate(m.start(), m.end(), lo, hi, m.group(0).strip())


def _slash_rates(text: str) -> Iterator[Rate]:
    """Fractions such as 1/100 or 3/1,000; not dates (3/12) or readings (120/80)."""
    for m in _SLASH.finditer(text) if "/" in text else ():
        a = float(m.group("a"))
        b = parse_number(m.group("b"))
        if b is None or a >= b or b < 10 or (b <= 31 and a <= 12):
            continue
        yield Rate(m.start(), m.end(), a / b, a / b, m.group(0))


def _fraction_rates(text: str, low: str) -> list[Rate]:
    """ "half of", "a third of", "three quarters of"."""
    out: list[Rate] = []
    for m in _FRACTION.finditer(text) if may_match(_FRACTION, text, low) else ():
        key = re.sub(r"[\s-]+", " ", m.group("f").lower())
        v = _FRACTIONS.get(key)
        if v is not None:
            out.append(Rate(m.start(), m.end(), v, v, m.group(0)))
    return out


# -- citations ---------------------------------------------------------------

_REFERENCE = re.compile(
    r"\[\s*\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*\s*\]"  # [3], [3, 4], [3-5]
    r"|\[\^[\w-]+\]"  # Markdown footnote [^1]
    r"|\^\d{1,3}\b"  # ^3
    r"|(?<=[\w.,;)\]])[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,–-][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*"  # superscript digits
    r"|\((?:ref\.?|refs\.?|reference)\s*\d{1,3}\)",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’-]+"
_AUTHOR_YEAR = re.compile(
    rf"\((?:see\s+)?{_NAME}(?:\s+(?:et\s+al\.?|and|&)\s*(?:{_NAME})?)?,?\s+(?:19|20)\d\d[a-z]?"
    r"(?:\s*[;,]\s*[^()]{0,80})?\)"
    rf"|\b{_NAME}\s+et\s+al\.?,?\s*\(?(?:19|20)\d\d[a-z]?\)?"
    rf"|\b{_NAME}\s+(?:and|&)\s+{_NAME}\s+\((?:19|20)\d\d[a-z]?\)"
)
_URL = re.compile(
    r"\bhttps?://[^\s<>\"')\]]+"
    r"|\bwww\.[\w-]+(?:\.[\w-]+)+[^\s<>\"')\]]*"
    r"|\b(?:doi:\s*|https?://doi\.org/)?10\.\d{4,9}/[^\s<>\"')\]]+"
    r"|(?<![@\w.])(?:[\w-]+\.)+(?:gov|edu|org|com|net|int)(?:\.[a-z]{2})?/[^\s<>\"')\]]+",
    re.IGNORECASE,
)
_YEAR_ANY = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


@packs.pack_cache
def _source_patterns() -> tuple[
    re.Pattern[str] | None, list[re.Pattern[str]], re.Pattern[str], re.Pattern[str] | None
]:
    pack = packs.load("attribution")
    names = [str(x) for x in pack.get("journals") or []]
    names += [str(x) for x in packs.load("advertising").get("authorities") or []]
    names = sorted(set(names), key=len, reverse=True)
    # the names, without the "(?<![\w.])" look-behind that ``_named_sources`` applies
    named = (
        re.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])") if names else None
    )
    inst = [re.compile(str(p)) for p in pack.get("institutions") or []]
    nouns = [str(x) for x in pack.get("source_nouns") or []] or ["study"]
    noun_rx = re.compile(r"(?i)\b(?:" + "|".join(re.escape(n) for n in nouns) + r")\b")
    verbs = [str(x) for x in pack.get("speech_verbs") or []]
    speaker = None
    if verbs:
        v = "|".join(re.escape(x) for x in verbs)
        speaker = re.compile(
            rf"(?P<n1>\b[A-Z][\w'’-]+),?\s+(?:{v})\b"
            rf"|\b(?:{v})\s+(?:Dr\.?\s+|Prof\.?\s+|Professor\s+)?(?P<n2>[A-Z][\w'’-]+)"
        )
    return named, inst, noun_rx, speaker


@packs.pack_cache
def _pronouns() -> frozenset[str]:
    return frozenset(str(x).lower() for x in packs.load("attribution").get("pronouns") or [])


@packs.pack_cache
def _sources_headings() -> frozenset[str]:
    pack = packs.load("attribution")
    return frozenset(str(x).lower() for x in pack.get("sources_headings") or [])


def _sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """A cheap sentence around ``text[i]`` (regex, for dated-source detection)."""
    a = max(text.rfind(". ", 0, i), text.rfind("? ", 0, i), text.rfind("! ", 0, i))
    b_candidates = [
        j for j in (text.find(". ", i), text.find("? ", i), text.find("! ", i)) if j != -1
    ]
    b = min(b_candidates) if b_candidates else len(text)
    return (a + 2 if a != -1 else 0), b


def _named_sources(named: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``named``'s matches in ``text``, as ``finditer`` would give them for the pattern with
    its leading ``(?<![\\w.])`` look-behind.  ``named`` is the pattern without it: an
    alternation of names that each start with a literal character, which ``re`` scans for
    quickly (it tries the whole pattern at every position when it starts with a
    look-behind).  A match whose look-behind fails is skipped and the search resumes one
    character on, exactly where ``finditer`` would have tried next."""
    pos = 0
    while True:
        m = named.search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and _WORD_OR_DOT.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


_WORD_OR_DOT = re.compile(r"[\w.]")


def find_marks(text: str, links: list[tuple[int, int, str]] | None = None) -> list[Mark]:
    """Citations and named sources in one block's text.

    Each regex runs only when one of its literal needles is in the text (``may_match``):
    the same matches, without scanning blocks where a pattern cannot match."""
    out: list[Mark] = []
    low = text.lower()
    for a, b, url in links or []:
        out.append(Mark(a, max(b, a), "link", url))
    if may_match(_REFERENCE, text, low):
        for m in _REFERENCE.finditer(text):
            out.append(Mark(m.start(), m.end(), "reference", m.group(0)))
    if may_match(_AUTHOR_YEAR, text, low):
        for m in _AUTHOR_YEAR.finditer(text):
            out.append(Mark(m.start(), m.end(), "author-year", m.group(0)))
    if "/" in text or "www." in low:
        for m in _URL.finditer(text):
            out.append(Mark(m.start(), m.end(), "url", m.group(0)))
    named, inst, noun_rx, speaker = _source_patterns()
    sources: list[Mark] = []
    if named is not None:
        for m in _named_sources(named, text):
            sources.append(Mark(m.start(), m.end(), "named-source", m.group(0)))
    for rx in inst:
        if may_match(rx, text, low):
            for m in rx.finditer(text):
                sources.append(Mark(m.start(), m.end(), "named-source", m.group(0)))
    if speaker is not None and may_match(speaker, text, low):
        pron = _pronouns()
        for m in speaker.finditer(text):
            name = m.group("n1") or m.group("n2") or ""
            if name.lower() in pron:
                continue
            sources.append(Mark(m.start(), m.end(), "speaker", m.group(0)))
    out.extend(sources)
    # A named source (or a source noun) with a year in the same sentence is a citation.
    if "19" in text or "20" in text:
        for y in _YEAR_ANY.finditer(text):
            s, e = _sentence_bounds(text, y.start())
            sent = text[s:e]
            has_named = any(s <= mk.start < e for mk in sources if mk.kind == "named-source")
            if has_named or noun_rx.search(sent):
                out.append(Mark(y.start(), y.end(), "dated-source", sent))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _is_sources_heading(block: Block) -> bool:
    text = block.text.strip().rstrip(":").strip().lower()
    return len(text) <= 40 and text in _sources_headings()


def compute(article: Article) -> Evidence:
    return Evidence(article)


def format_rate(value: float) -> str:
    """0.03 → "3%", 0.0005 → "0.05%"."""
    pct = value * 100
    s = f"{pct:.1f}".rstrip("0").rstrip(".") if pct >= 1 else f"{pct:.3g}"
    return f"{s}%"
