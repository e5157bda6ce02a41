"""M701 error-prone-abbreviation: U, IU, QD, QOD, MS, cc, µg… in a dosing context."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from medlint import packs
from medlint.checks.dosing.sentences import DoseSentence, sentence_at, sentences
from medlint.checks.dosing.units import NUM, digit_indexes, inside, url_spans
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.lookbehind import finditer_not_after, literal_hint
from medlint.registry import Option, rule

SOURCES = {
    "TJC": 'on The Joint Commission "Do Not Use" list',
    "ISMP": "on ISMP's list of error-prone abbreviations",
    "TJC-F": 'on The Joint Commission list "for possible future inclusion"',
}


@rule(
    "M701",
    "error-prone-abbreviation",
    "error",
    "An abbreviation ISMP or The Joint Commission says never to use, in a dosing context.",
    rationale=(
        "Abbreviations such as U, IU, QD, QOD, MS, MSO4, MgSO4 (The Joint Commission 'Do Not Use' "
        "list) and cc, µg, SC, SQ, HS, D/C, TIW, AD/AS/AU, OD/OS/OU (ISMP) have caused medication "
        "errors: U read as 0 or 4, QD as QID, µg as mg. They are matched case-sensitively and "
        "only in a dosing context, because the same letters mean other things in consumer text "
        "(people with MS, the U.S., IU Health, an OD): right after a number (U, IU, cc, µg), "
        "right after or before a dose (OD/OS/OU, SC, MS) or in a sentence with a dose or a "
        "dosing verb and a number (QD, QOD, HS, TIW). Entries, replacements and sources live in "
        "rules/ismp.yaml; `allow` accepts listed abbreviations house-wide."
    ),
    source=(
        'The Joint Commission Official "Do Not Use" List (2009); ISMP List of Error-Prone '
        "Abbreviations, Symbols, and Dose Designations (2021)"
    ),
    options={
        "allow": Option([], 'abbreviations to accept, e.g. ["IU"] for vitamin D articles'),
    },
    bad="Inject 10 U of insulin QD.",
    good="Inject 10 units of insulin daily.",
    fix="Write the word ISMP gives in the message (units, daily, every other day, mL, mcg…).",
)
def error_prone_abbreviation(ctx: Context) -> Iterator[Finding]:
    entries = _ismp()
    # without a digit in the block only the "any"-context entries can be reported
    anywhere = tuple(e for e in entries if e.context == "any")
    allow = {str(a) for a in ctx.options.get("allow") or []}
    with_digit = digit_indexes(ctx.analysis)
    for block in ctx.article.blocks:
        text = block.text
        hits: list[tuple[int, int, str, _Abbr]] = []
        for e in entries if block.index in with_digit else anywhere:
            if e.hint and e.hint not in text:
                continue
            for m in finditer_not_after(e.pattern, e.core, _ABBR_BEFORE, text):
                hits.append((m.start(), m.end(), m.group(0), e))
        if not hits:
            continue
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        sents = sentences(ctx.analysis, block)
        urls = url_spans(text)
        last_end = -1
        for start, end, shown, entry in hits:
            if start < last_end:
                continue
            if entry.abbr in allow or shown in allow or inside(urls, start):
                continue
            sent = sentence_at(sents, start)
            if not _in_context(entry, text, start, end, sent):
                continue
            last_end = end
            why = f": {entry.why}" if entry.why else ""
            yield ctx.finding(
                block,
                start,
                end,
                f"'{shown}' is {_source_text(entry.src)}{why}; write '{entry.write}'",
                abbreviation=entry.abbr,
            )


@dataclass(frozen=True)
class _Abbr:
    abbr: str
    pattern: re.Pattern[str]
    core: re.Pattern[str]  # ``pattern`` without its leading look-behind (see _finditer)
    hint: str  # a literal every match contains (checked before the pattern runs)
    write: str
    why: str
    src: tuple[str, ...]
    context: str
    before: bool


_ABBR_BEFORE = re.compile(r"[\w/.]")  # what _Abbr.pattern's look-behind rejects


def _build_ismp() -> tuple[_Abbr, ...]:
    entries: list[_Abbr] = []
    pack = packs.load("ismp")
    rates = "|".join(
        re.escape(str(d))
        for d in sorted(pack.get("rate_denominators") or [], key=len, reverse=True)
    )
    # a slash ends the abbreviation only in a compound rate unit ("IU/kg/day", "U/hr")
    slash = rf"/(?!(?:{rates})(?![\w]))" if rates else "/"
    for item in pack.get("abbreviations") or []:
        if not isinstance(item, dict) or not item.get("abbr"):
            continue
        abbr = str(item["abbr"])
        body = str(item.get("match") or re.escape(abbr))
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        entries.append(
            _Abbr(
                abbr,
                # case-sensitive on purpose ("MS" the dose, not "ms")
                re.compile(rf"(?<![\w/.])(?:{body})(?!\w|{slash}|\.\w)"),
                re.compile(rf"(?:{body})(?!\w|{slash}|\.\w)"),
                literal_hint(abbr, body, str(item.get("hint") or "")),
                str(item.get("write") or ""),
                str(item.get("why") or ""),
                tuple(str(x) for x in src),
                str(item.get("context") or "dose"),
                bool(item.get("before")),
            )
        )
    return tuple(entries)


@packs.pack_cache
def _ismp() -> tuple[_Abbr, ...]:
    return _build_ismp()


_NUMBER_BEFORE = re.compile(rf"(?:{NUM})\s?-?$")
_LAB_AFTER = re.compile(r"^\s?/\s?(?:dL|dl|L|l|m3|m³)(?![\w])")  # "25 µg/m3": not a dose
_GAP_AFTER_DOSE = re.compile(r"^[ \t,]*(?:[a-z]+[ \t]+){0,2}$")
_GAP_BEFORE_DOSE = re.compile(r"^[ \t,:]*$")


def _in_context(entry: _Abbr, text: str, start: int, end: int, sent: DoseSentence | None) -> bool:
    if entry.context == "any":
        return True
    if entry.context == "number":
        return bool(_NUMBER_BEFORE.search(text[max(0, start - 16) : start])) and not (
            _LAB_AFTER.match(text[end : end + 12])
        )
    if sent is None:
        return False
    if entry.context == "adjacent":
        for a, b in sent.doses:
            if b <= start and _GAP_AFTER_DOSE.match(text[b:start]):
                return True
            if entry.before and a >= end and _GAP_BEFORE_DOSE.match(text[end:a]):
                return True
        return False
    return sent.dosing  # "dose"


def _source_text(src: tuple[str, ...]) -> str:
    names = [SOURCES.get(s, s) for s in src]
    if not names:
        return "error-prone"
    return names[0] if len(names) == 1 else f"{names[0]} and {names[1].replace('on ', '', 1)}"
