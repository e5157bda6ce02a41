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


def _build_abbr(pack: dict[str, Any]) -> AbbrPack:
    def s(key: str) -> frozenset[str]:
        return frozenset(str(x) for x in pack.get(key) or [])

    return AbbrPack(s("known"), s("credentials"), s("company_forms"), s("us_states"))


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
        return True  # "NYU Langone", "FAME 2 trial", "NY 10021", "UCB (Pharma) Ireland"
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


@per_article
def candidates(analysis: Analysis) -> list[Candidate]:
    """Every abbreviation candidate of the article, in reading order (once per article).

    Skipped: URLs and e-mail addresses, the allowlist, Roman numerals, a credential after a
    name ("Jane Doe, MD") and ordinary words set in capitals ("NOTE", "STOP").
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
            token = m.group(1)
            start = m.start(1)
            if any(a <= start < b for a, b in urls):
                continue
            if token in pack.known or m.group(0) in pack.known or _ROMAN.match(token):
                continue
            if (token in pack.credentials or m.group(0) in pack.credentials) and (
                credential_position(text, start, pack)
            ):
                continue
            if readability.is_familiar(token) or readability.is_familiar(m.group(0)):
                continue  # an ordinary word in capitals ("NOTE", "STOP")
            out.append(Candidate(block, start, m.end(), token, m.group(0), tablet))
    return out
