"""Abbreviation candidates of P605: the all-capital words of the article that are not on
an allowlist (rules/abbreviations.yaml), a credential, a Roman numeral or an ordinary word in
capitals, and the tests for names, credentials and quotations around one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article, readability

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

# An all-capital abbreviation of 2–5 capitals ("&" allowed inside), optional plural "s".
# Longer all-capital words are names or words set in capitals (LONDON, REUTERS, TYLENOL).
_ABBR = re.compile(r"(?<![\w&/.@#’'‐-])([A-Z][A-Z&]{0,3}[A-Z])(s|['’]s)?(?![\w@/]|[-‐][\w])")
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
    prefixed: re.Pattern[str] | None  # "anti-VEGF": an abbreviation after a word prefix


def _build_abbr(pack: dict[str, Any]) -> AbbrPack:
    def s(key: str) -> frozenset[str]:
        return frozenset(str(x) for x in pack.get(key) or [])

    prefixes = sorted(s("hyphen_prefixes"), key=len, reverse=True)
    prefixed = (
        re.compile(
            rf"(?<![\w-])(?i:{'|'.join(map(re.escape, prefixes))})[-‐]"
            r"([A-Z][A-Z&]{0,3}[A-Z])(s|['’]s)?(?![\w@/]|[-‐][\w])"
        )
        if prefixes
        else None
    )
    return AbbrPack(
        s("known"),
        s("credentials"),
        s("company_forms"),
        s("us_states"),
        s("organisation_words"),
        prefixed,
    )


@packs.pack_cache
def abbr_pack() -> AbbrPack:
    return _build_abbr(packs.load("abbreviations"))


_PREV_WORD = re.compile(r"([A-Za-z][\w.&'’-]*)[\s\[\]()\"“”‘’]*$")
_NEXT_WORD = re.compile(r"^[\s\[\]()\"“”‘’]*([A-Za-z][\w&'’-]*)")


def neighbour_caps(text: str, start: int, end: int) -> bool:
    """Part of a run of capitalised words ("DO NOT STOP", "THAT [TYLENOL] IS")."""
    before = _PREV_WORD.search(text[:start])
    after = _NEXT_WORD.match(text[end:])
    return any(
        m is not None and len(m.group(1)) >= 2 and _CAPS_WORD.match(m.group(1)) is not None
        for m in (before, after)
    )


def sentence_start(text: str, i: int) -> bool:
    head = text[:i].rstrip(" \t\"“‘'([")
    return not head or head[-1] in ".!?:;•·|—–\n"


def _word_before(text: str, start: int) -> re.Match[str] | None:
    return re.search(r"([A-Za-z][\w.&'’-]*)[ \t]+$", text[:start])


def in_name(text: str, start: int, end: int, pack: AbbrPack) -> bool:
    """Part of a proper name: "NYU Langone", "MD Anderson", "Novartis AG", "Denver, CO"."""
    after = re.match(r"[ \t]+[(\[]?([A-Za-z][\w'’-]*|\d)", text[end:])
    if after and (after.group(1)[0].isupper() or after.group(1)[0].isdigit()):
        # "NYU Langone", "FAME 2 trial", "NY 10021", "UCB (Pharma) Ireland"; but the
        # letters that carry a generic organisation name still need spelling out:
        # "CAMC Health System"
        return not generic_organisation(text[end:], pack)
    if re.search(r"[A-Z][\w'’.-]*,[ \t]*$", text[:start]) and re.match(r"\s*,\s*[A-Z]", text[end:]):
        return True  # one item of an address or affiliation list: "Sanchinarro, CIOCC, Madrid"
    before = _word_before(text, start)
    token = text[start:end]
    if before and before.group(1)[0].isupper() and not sentence_start(text, before.start(1)):
        return True  # "Sunset Yellow FCF", "Bayer AG"
    if token in pack.company_forms and before is not None:
        return True
    # "Denver, CO", "Los Angeles, CA;"
    return token in pack.us_states and bool(re.search(r"[A-Z][\w.'’-]*,[ \t]*$", text[:start]))


def generic_organisation(after: str, pack: AbbrPack) -> bool:
    """The word after an abbreviation is a generic organisation word ("CAMC Health
    System"): the abbreviation is the name's only content, unlike "NYU Langone"."""
    m = re.match(r"[ \t]+([A-Z][a-z]+)", after)
    return m is not None and m.group(1) in pack.organisation_words


def credential_position(text: str, start: int, pack: AbbrPack) -> bool:
    """After a name or a comma: "Jane Doe, MD", "Ana Ruiz MS RD", "Alan Lucks | MD"."""
    before = text[:start].rstrip()
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
    m = re.search(r"\b([A-Za-z][A-Za-z-]+)\s*,\s*$", text[:start])
    return m is not None and m.group(1) in pack.credentials


def inside_quote(text: str, pos: int) -> bool:
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

    Skipped: URLs and e-mail addresses, the allowlist, Roman numerals and ordinary words set
    in capitals ("NOTE", "STOP"). A credential in a credential's place ("Jane Doe, MD", "(DO)")
    is kept with ``credential`` set: it is no use to explain, but it can be a definition
    ("doctor of osteopathy (DO)").
    """
    pack = abbr_pack()
    out: list[Candidate] = []
    for block in analysis.article.blocks:
        text = block.text
        if not re.search(r"[A-Z][A-Z]", text):
            continue
        tablet = bool(TABLET_MARKING.search(text))
        urls = [m.span() for m in _URL.finditer(text)] if ("." in text or "@" in text) else []
        found = list(_ABBR.finditer(text))
        if pack.prefixed is not None and ("-" in text or "‐" in text):
            found += pack.prefixed.finditer(text)  # "anti-VEGF"
            found.sort(key=lambda m: m.start(1))
        for m in found:
            c = _candidate(block, m, pack, urls, tablet)
            if c is not None:
                out.append(c)
    return out


def _candidate(
    block: Block, m: re.Match[str], pack: AbbrPack, urls: list[tuple[int, int]], tablet: bool
) -> Candidate | None:
    text = block.text
    token = m.group(1)
    start = m.start(1)
    shown = token + (m.group(2) or "")
    if any(a <= start < b for a, b in urls):
        return None
    if token in pack.known or shown in pack.known or _ROMAN.match(token):
        return None
    credential = (token in pack.credentials or shown in pack.credentials) and (
        credential_position(text, start, pack)
    )
    if readability.is_familiar(token) or readability.is_familiar(shown):
        return None  # an ordinary word in capitals ("NOTE", "STOP")
    return Candidate(block, start, m.end(), token, shown, tablet, credential)
