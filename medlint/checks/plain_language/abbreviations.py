"""Abbreviation candidates of P605: the all-capital words of the article that are not on
an allowlist (rules/abbreviations.yaml), a credential, a Roman numeral or an ordinary word in
capitals, and the tests for names, credentials and quotations around one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article, readability
from medlint.analysis.word_frequency import is_frequent

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

# An all-capital abbreviation of 2–5 capitals ("&" allowed inside), optional plural "s".
# Longer all-capital words are names or words set in capitals (LONDON, REUTERS, TYLENOL).
# One lower-case letter may lead ("mPFS", "eGFR") and a short number may end it ("HER2",
# "PD-L1", "IL-6"); a longer number makes a product code ("MK-3475"), not an abbreviation.
# It may follow a word and a hyphen ("Programs-PCAP", "anti-VEGF") but not another capital
# ("OB-GYN" is one word).
_ABBR = re.compile(
    r"(?:(?<![\w&/.@#’'‐-])|(?<=[A-Za-z][a-z][-‐]))"
    r"((?:[a-z](?=[A-Z]{2}))?([A-Z][A-Z&]{0,3}[A-Z])(?:[-‐]?[A-Z]?\d{1,2}(?![\d]|[.,]\d))?)"
    r"(s|['’]s)?(?![\w@/]|['’]?[-‐][\w])"  # not "NSAID-related" nor "kuh-TEE'-nuh"
)
_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:com|org|gov|net|edu|io|ai|co|uk)\S*"
)
_CAPS_WORD = re.compile(r"^[A-Z][A-Z&'’-]*$")
TABLET_MARKING = re.compile(
    r"\b(?:debossed|embossed|engraved|imprinted|marked|printed)\b|\bon (?:one|the other) side\b",
    re.I,
)
CREDIT = re.compile(r"[(\[]\s*(?:image|photo|picture|credit|source|courtesy)\b[^)\]]*$", re.I)


@dataclass(frozen=True)
class AbbrPack:
    known: frozenset[str]
    credentials: frozenset[str]
    company_forms: frozenset[str]
    us_states: frozenset[str]
    organisation_words: frozenset[str]
    stock_exchanges: frozenset[str]


def _build_abbr(pack: dict[str, Any]) -> AbbrPack:
    def s(key: str) -> frozenset[str]:
        return frozenset(str(x) for x in pack.get(key) or [])

    return AbbrPack(
        s("known"),
        s("credentials"),
        s("company_forms"),
        s("us_states"),
        s("organisation_words"),
        s("stock_exchanges"),
    )


@packs.pack_cache
def abbr_pack() -> AbbrPack:
    return _build_abbr(packs.load("abbreviations"))


# How far back the tests around an abbreviation read: a few words, never the whole block
# (each test is then constant time, and P605 linear in the article's length).
_BACK = 120
_PREV_WORD = re.compile(r"([A-Za-z][\w.&'’-]*)[\s\[\]()\"“”‘’]*$")
_NEXT_WORD = re.compile(r"^[\s\[\]()\"“”‘’]*([A-Za-z][\w&'’-]*)")


def neighbour_caps(text: str, start: int, end: int) -> bool:
    """Part of a run of capitalised words ("DO NOT STOP", "THAT [TYLENOL] IS")."""
    before = _PREV_WORD.search(text[max(0, start - _BACK) : start])
    after = _NEXT_WORD.match(text[end:])
    return any(
        m is not None and len(m.group(1)) >= 2 and _CAPS_WORD.match(m.group(1)) is not None
        for m in (before, after)
    )


def sentence_start(text: str, i: int) -> bool:
    head = text[max(0, i - _BACK) : i].rstrip(" \t\"“‘'([")
    if not head and i > _BACK:
        return False  # a long run of spaces or brackets inside a block
    return not head or head[-1] in ".!?:;•·|—–\n"


# An ordinary English word (wordfreq's small list, Zipf 3 or more: "thoracic", "medical"),
# not a name of its own ("Langone").
_ORDINARY_ZIPF = 3.0

_MEASURE = re.compile(
    r"[ \t]+(?:of[ \t]+)?\d+(?:[.,]\d+)?[ \t]*(?:%|percent|months?|years?|weeks?|days?|hours?"
    r"|mg|g|ml|mL|mmol|mm|cm)(?!\w)"
)


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word right before ``start`` (a space between) and where it starts."""
    lo = max(0, start - _BACK)
    m = re.search(r"([A-Za-z][\w.&'’-]*)[ \t]+$", text[lo:start])
    return None if m is None else (m.group(1), lo + m.start(1))


def in_name(text: str, start: int, end: int, pack: AbbrPack, title_case: bool = False) -> bool:
    """Part of a proper name: "NYU Langone", "MD Anderson", "Novartis AG", "Denver, CO".

    A value after it makes it a measured quantity, never a name ("mPFS 6.3 months" in a
    flattened table, after a capitalised label). In ``title_case`` text (a heading) every
    word has a capital, so a capitalised word before or after the abbreviation shows no
    name: the caller decides that case (``name_after``); a number after it still does."""
    if _MEASURE.match(text[end : end + 40]):
        return False  # a value, not a name: "mPFS 6.3 months", "LDL 130 mg/dL"
    after = name_after(text, end)
    if after is not None and (not title_case or after[0].isdigit()):
        # "NYU Langone", "FAME 2 trial", "NY 10021", "UCB (Pharma) Ireland"; but the
        # letters that carry a generic organisation name still need spelling out:
        # "CAMC Health System", "KRMC Cardiology Council"
        return not generic_organisation(text[end:], pack)
    head = text[max(0, start - _BACK) : start]
    if re.search(r"[A-Z][\w'’.-]*,[ \t]*$", head) and re.match(r"\s*,\s*[A-Z]", text[end:]):
        return True  # one item of an address or affiliation list: "Sanchinarro, CIOCC, Madrid"
    before = _word_before(text, start)
    token = text[start:end]
    if before and not title_case and before[0][0].isupper() and not sentence_start(text, before[1]):
        return True  # "Sunset Yellow FCF", "Bayer AG"
    if token in pack.company_forms and before is not None:
        return True
    # "Denver, CO", "Los Angeles, CA;"
    return token in pack.us_states and bool(re.search(r"[A-Z][\w.'’-]*,[ \t]*$", head))


def name_after(text: str, end: int) -> str | None:
    """The capitalised word or number right after an abbreviation ("NYU Langone", "FAME 2",
    "UCB (Pharma)"), or None."""
    after = re.match(r"[ \t]+[(\[]?([A-Za-z][\w'’-]*|\d)", text[end : end + 80])
    if after and (after.group(1)[0].isupper() or after.group(1)[0].isdigit()):
        return after.group(1)
    return None


def generic_organisation(after: str, pack: AbbrPack) -> bool:
    """The name after an abbreviation is a generic organisation word, alone or after one
    ordinary English word ("CAMC Health System", "KRMC Cardiology Council"): the
    abbreviation is the only part of the name that says whose it is, unlike "NYU Langone
    Health" (a name of its own before the generic word)."""
    m = re.match(r"[ \t]+([A-Z][a-z]+)(?:[ \t]+([A-Z][a-z]+))?", after)
    if m is None:
        return False
    first, second = m.groups()
    if first in pack.organisation_words:
        return True
    return (
        second is not None
        and second in pack.organisation_words
        and is_frequent(first.lower(), _ORDINARY_ZIPF)
    )


def credential_position(text: str, start: int, pack: AbbrPack) -> bool:
    """After a name or a comma: "Jane Doe, MD", "Ana Ruiz MS RD", "Alan Lucks | MD"."""
    before = text[max(0, start - _BACK) : start].rstrip()
    if not before:
        return False
    if before[-1] in ",|/·•;(":
        return True
    m = re.search(r"([A-Za-z][A-Za-z.'’-]*)$", before)
    if not m:
        return False
    word = m.group(1)
    if not word[0].isupper():
        return False
    return not sentence_start(before, m.start())


def after_credential(text: str, start: int, pack: AbbrPack) -> bool:
    """A further credential after a known one: "MD, MCR", "MD, FASCO"."""
    m = re.search(r"\b([A-Za-z][A-Za-z-]+)\s*,\s*$", text[max(0, start - _BACK) : start])
    return m is not None and m.group(1) in pack.credentials


def inside_quote(text: str, pos: int) -> bool:
    """Inside an open quotation at ``pos`` (counted from the block's start: call it once per
    abbreviation, at its first use)."""
    head = text[:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


@dataclass(frozen=True)
class Candidate:
    """One occurrence of an abbreviation that could need spelling out."""

    block: Block
    start: int  # the abbreviation's offset in block.text
    end: int  # the end of the match, a plural "s" included
    token: str  # the abbreviation ("NSAID")
    shown: str  # as written ("NSAIDs")
    tablet: bool  # the block describes a tablet's markings
    credential: bool = False  # a credential in a credential's place ("Jane Doe, MD", "(DO)")


@per_article
def candidates(analysis: Analysis) -> list[Candidate]:
    """Every abbreviation candidate of the article, in reading order (once per article).

    Skipped: URLs and e-mail addresses, the allowlist (and a known abbreviation with a number
    or a lower-case letter: "HIV-1", "mRNA"), stock exchanges and the ticker after one
    ("NYSE: PFE"), Roman numerals and ordinary words set in capitals ("NOTE", "STOP"). A
    credential in a credential's place ("Jane Doe, MD", "(DO)") is kept with ``credential``
    set: it is no use to explain, but it can be a definition ("doctor of osteopathy (DO)").
    """
    pack = abbr_pack()
    out: list[Candidate] = []
    for block in analysis.article.blocks:
        text = block.text
        if not re.search(r"[A-Z][A-Z]", text):
            continue
        tablet = bool(TABLET_MARKING.search(text))
        urls = [m.span() for m in _URL.finditer(text)] if ("." in text or "@" in text) else []
        for m in _ABBR.finditer(text):
            c = _candidate(block, m, pack, urls, tablet)
            if c is not None:
                out.append(c)
    return out


def _candidate(
    block: Block, m: re.Match[str], pack: AbbrPack, urls: list[tuple[int, int]], tablet: bool
) -> Candidate | None:
    text = block.text
    token, core = m.group(1), m.group(2)
    start = m.start(1)
    shown = token + (m.group(3) or "")
    if any(a <= start < b for a, b in urls):
        return None
    if token in pack.known or shown in pack.known or _ROMAN.match(token):
        return None
    if token != core and (core in pack.known or core in pack.stock_exchanges):
        return None  # "HIV-1", "mRNA", "PM2.5"
    if token in pack.stock_exchanges or _ticker(text, start, pack):
        return None
    credential = (token in pack.credentials or shown in pack.credentials) and (
        credential_position(text, start, pack)
    )
    if readability.is_familiar(token) or readability.is_familiar(shown):
        return None  # an ordinary word in capitals ("NOTE", "STOP")
    return Candidate(block, start, m.end(), token, shown, tablet, credential)


def _ticker(text: str, start: int, pack: AbbrPack) -> bool:
    """A stock ticker after its exchange: "(NYSE: PFE)", "Nasdaq: MRNA"."""
    m = re.search(r"([A-Za-z]+)\s*:\s*$", text[max(0, start - 24) : start])
    return m is not None and m.group(1) in pack.stock_exchanges
