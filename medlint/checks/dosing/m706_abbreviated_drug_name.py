"""M706 abbreviated-drug-name: APAP, HCTZ, MTX, AZT… written instead of the drug's name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from medlint import packs
from medlint.checks.dosing.sentences import sentence_at, sentences
from medlint.checks.dosing.units import inside, url_spans
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching.lookbehind import finditer_not_after, literal_hint
from medlint.registry import rule

_DRUG_BEFORE = re.compile(r"[\w/-]")  # what _Drug.pattern's look-behind rejects


@rule(
    "M706",
    "abbreviated-drug-name",
    "error",
    "A drug name ISMP says to write in full (APAP, HCTZ, MTX, AZT, PTU, MSO4, …).",
    rationale=(
        "Abbreviated drug names are misread as other drugs (MTX as mitoxantrone, HCT as "
        "hydrocortisone or hydrochlorothiazide, AZT as azathioprine). ISMP asks for drug names "
        "in full. Not reported when the full name is in the same sentence (the abbreviation is "
        "being explained: 'acetaminophen, labelled APAP on some packs'). Letters with everyday "
        "meanings (DPT vaccine, PCA pump, T3 thyroid test) count only in a dosing sentence. "
        "MSO4 and MgSO4 are reported by M701 in a dosing context and by M706 elsewhere. "
        "Names live in rules/drug-abbreviations.yaml."
    ),
    source=(
        "ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (2021), drug "
        'name abbreviations; The Joint Commission "Do Not Use" list (future inclusion)'
    ),
    bad="Take MTX 15 mg once a week.",
    good="Take methotrexate 15 mg once a week.",
    fix="Write the drug name in full, as the message gives it.",
)
def abbreviated_drug_name(ctx: Context) -> Iterator[Finding]:
    entries = _drugs()
    gate = _drug_hint_gate()
    # The hints hold no newline, so a hint in a block is a match in the blocks' texts
    # joined by newlines: one scan of the article instead of one call per block decides
    # most articles (they have no hint at all).
    if gate is not None and not gate.search(ctx.article.joined_text()):
        return
    for block in ctx.article.blocks:
        text = block.text
        if gate is not None and not gate.search(text):
            continue  # no entry's hint is in the block: no entry can match
        hits = [
            (m, e)
            for e in entries
            if not e.hint or e.hint in text
            for m in finditer_not_after(e.pattern, e.core, _DRUG_BEFORE, text)
        ]
        if not hits:
            continue
        hits.sort(key=lambda h: h[0].start())
        sents = sentences(ctx.analysis, block)
        urls = url_spans(text)
        for m, entry in hits:
            start, end = m.span()
            if inside(urls, start):
                continue
            sent = sentence_at(sents, start)
            dosing = bool(sent and sent.dosing)
            if entry.context == "dose" and not (sent and sent.doses):
                continue  # DPT vaccine, PCA pump, T3 test: only next to a real dose
            if entry.defer == "M701" and dosing:
                continue  # reported as M701 (TJC "Do Not Use")
            lo, hi = (sent.start, sent.end) if sent else (0, len(text))
            around = text[lo:hi].lower()
            if any(n in around for n in entry.names):
                continue  # explained in the same sentence
            yield ctx.finding(
                block,
                start,
                end,
                f"'{m.group(0)}' is an abbreviated drug name ISMP says to write in full: "
                f"write '{entry.name}'",
                abbreviation=entry.abbr,
            )


@dataclass(frozen=True)
class _Drug:
    abbr: str
    pattern: re.Pattern[str]
    core: re.Pattern[str]  # ``pattern`` without its leading look-behind (see _finditer)
    hint: str
    name: str
    names: tuple[str, ...]
    context: str
    defer: str


def _build_drugs() -> tuple[_Drug, ...]:
    entries: list[_Drug] = []
    for item in packs.load("drug-abbreviations").get("entries") or []:
        if not isinstance(item, dict) or not item.get("abbr"):
            continue
        abbr = str(item["abbr"])
        body = str(item.get("match") or re.escape(abbr))
        name = str(item.get("name") or "")
        names = [name, *(str(n) for n in item.get("names") or [])]
        entries.append(
            _Drug(
                abbr,
                re.compile(rf"(?<![\w/-])(?:{body})(?![\w/]|-\w)"),
                re.compile(rf"(?:{body})(?![\w/]|-\w)"),
                literal_hint(abbr, body, str(item.get("hint") or "")),
                name,
                tuple(n.lower() for n in names if n),
                str(item.get("context") or ""),
                str(item.get("defer") or ""),
            )
        )
    return tuple(entries)


@packs.pack_cache
def _drugs() -> tuple[_Drug, ...]:
    return _build_drugs()


@packs.pack_cache
def _drug_hint_gate() -> re.Pattern[str] | None:
    """A regex that finds a block holding any entry's literal hint (a case-sensitive
    alternation, which ``re`` scans for quickly); None when an entry has no hint (then
    every block must be tried)."""
    hints = [e.hint for e in _drugs()]
    if not hints or not all(hints):
        return None
    # Grouped by first character ("A(?:PAP|ZT|…)|H(?:CTZ|…)"): ``re`` then tries one group
    # where a first character is, not every alternative.  The gate only says whether a
    # block holds some hint, which the grouping does not change.
    groups: dict[str, list[str]] = {}
    for h in sorted(set(hints), key=len, reverse=True):
        groups.setdefault(h[0], []).append(re.escape(h[1:]))
    return re.compile(
        "|".join(re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in groups.items())
    )
