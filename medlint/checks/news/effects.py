"""Relative changes of a risk, and the absolute figures that answer them (N801).

"Cuts the risk by 40%" says nothing about how many people benefit until the reader knows
the risk it started from: 40% of 10 in 100 is 4 people, 40% of 1 in 1,000 is 0.4 per
thousand.  HealthNewsReview criterion 2 asks stories to give absolute numbers.
:func:`relative_changes` finds the relative changes of a sentence (``relative-effect``
``patterns`` in rules/news.yaml); :func:`has_absolute` tells whether a text gives an
absolute figure: a change "from 4% to 3%", "2 in 100", "12 of the 400 patients",
percentage points, an absolute risk, a number needed to treat, or two rates compared
("4% vs 2.4%") that are not themselves relative changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint import packs
from medlint.checks.news.patterns import section, word_alternation

PCT = r"\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)"
FRACTION = (
    r"(?:(?:a|one)[\s-](?:third|quarter|fifth|half)|half|two[\s-]thirds|three[\s-]quarters"
    r"|three[\s-]fourths)\b"
)
MULTIPLE = r"(?:twice|(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)\s+times)"


@dataclass(frozen=True)
class EffectPatterns:
    relative: tuple[re.Pattern[str], ...]
    trend: re.Pattern[str]
    negator: re.Pattern[str]
    absolute: re.Pattern[str]
    compared: re.Pattern[str]
    relative_after: re.Pattern[str]
    sentence_absolute: re.Pattern[str]
    generic: tuple[str, ...]


@packs.pack_cache
def effect_patterns() -> EffectPatterns:
    """The compiled ``relative-effect`` section of rules/news.yaml."""
    sec = section("relative-effect")
    slots = {
        "{pct}": PCT,
        "{fraction}": FRACTION,
        "{multiple}": MULTIPLE,
        "{outcome}": word_alternation(sec.get("outcomes")),
        "{verb}": word_alternation(sec.get("change-verbs")),
        "{comparative}": word_alternation(sec.get("comparatives")),
    }
    relative = []
    for pattern in sec.get("patterns") or []:
        text = str(pattern)
        for slot, value in slots.items():
            text = text.replace(slot, value)
        relative.append(re.compile(text, re.IGNORECASE))
    flags = re.IGNORECASE
    negators = word_alternation(sec.get("negators"))
    # within one sentence: a full stop ends it unless a digit follows ("4.2%")
    gap = r"(?:[^.;!?]|\.(?=\d))"
    return EffectPatterns(
        relative=tuple(relative),
        trend=re.compile("|".join(sec.get("trend") or [r"(?!x)x"]), flags),
        negator=re.compile(rf"(?:(?<!\w)|(?=n['’]t))(?:{negators})\b(?:\s+\S+){{0,3}}\s*$", flags),
        absolute=re.compile("|".join(sec.get("absolute") or [r"(?!x)x"]), flags),
        compared=re.compile(
            rf"(?<![\w.])({PCT})(?!\s+(?:of\s+)?(?:{word_alternation(sec.get('relative-after'))})\b)"
            rf"{gap}{{0,170}}?\b(?:{'|'.join(sec.get('compared') or ['vs'])})\b{gap}{{0,90}}?"
            rf"(?<![\w.])({PCT})(?!\s+(?:of\s+)?(?:{word_alternation(sec.get('relative-after'))})\b)",
            flags,
        ),
        relative_after=re.compile(word_alternation(sec.get("relative-after")), flags),
        sentence_absolute=re.compile("|".join(sec.get("sentence-absolute") or [r"(?!x)x"]), flags),
        generic=tuple(str(w).lower()[:STEM] for w in sec.get("generic-words") or []),
    )


# Every relative pattern holds a percentage, a fraction, a multiple ("twice", "times",
# "-fold") or a verb of halving or doubling: a sentence without one of these cannot match (a cheap pre-filter;
# tests/test_news_rules.py checks it against the patterns).
_MAY_CHANGE = re.compile(
    r"%|percent|cent\b|half|halv|twice|times|fold|doubl|tripl|quadrupl|third|quarter|fourth"
    r"|fifth",
    re.IGNORECASE,
)


def relative_changes(text: str) -> list[tuple[int, int]]:
    """The relative changes in ``text`` (a sentence): (start, end) offsets, in order, not
    overlapping; none when the sentence describes a trend over time ("since 2005"), and
    not one that is denied ("did not cut the risk by 20%")."""
    if not _MAY_CHANGE.search(text):
        return []  # every pattern needs a number, "half", "twice", "times", "-fold"…
    pats = effect_patterns()
    if pats.trend.search(text):
        return []
    found: list[tuple[int, int]] = []
    for rx in pats.relative:
        for m in rx.finditer(text):
            if pats.negator.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            found.append((m.start(), m.end()))
    found.sort()
    out: list[tuple[int, int]] = []
    for a, b in found:
        if out and a < out[-1][1]:
            continue  # one span per change: the first and longest wins
        out.append((a, b))
    return out


def has_absolute(text: str, sentence: bool = False) -> bool:
    """Whether ``text`` (a sentence) gives an absolute figure (see the module docstring);
    with ``sentence`` (``text`` is the sentence of the change) also the share of people who
    had the effect ("for 43% of patients").  The relative changes of the text are blanked
    out first: two of them side by side ("cut deaths by 50%, and cancers by 75%") are no
    pair of rates compared.  A trend over time ("rose from 9% in 2001 to 17% in 2013") is
    no figure for an effect."""
    pats = effect_patterns()
    if pats.trend.search(text):
        return False
    for a, b in relative_changes(text):
        text = text[:a] + " " * (b - a) + text[b:]
    if sentence and pats.sentence_absolute.search(text):
        return True
    return bool(pats.absolute.search(text) or pats.compared.search(text))


#: words are compared by their first STEM letters ("respond", "response")
STEM = 6
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{4,}")


def topic_words(text: str) -> frozenset[str]:
    """The content words of ``text`` that can name what a figure is about (a disease, an
    outcome, a treatment): words of five letters or more, cut to :data:`STEM` letters,
    without the ``generic-words`` of rules/news.yaml (risk, percent, study, patients…)
    that every sentence of a study report shares."""
    generic = effect_patterns().generic
    out = set()
    for m in _WORD.finditer(text):
        stem = m.group(0).lower().replace("’", "'")[:STEM]
        if not any(stem.startswith(g) for g in generic):
            out.add(stem)
    return frozenset(out)
