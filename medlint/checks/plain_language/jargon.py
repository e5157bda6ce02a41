"""The jargon pack (rules/jargon.yaml) of P604: each term with its plain alternatives,
sources, part of speech and the spellings and inflections that find it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medlint import packs


@dataclass(frozen=True)
class JargonTerm:
    term: str
    plain: tuple[str, ...]
    src: tuple[str, ...]
    pos: str = "noun"
    except_next: frozenset[str] = frozenset()


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _verb_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    return [_plural(word), stem + "ed", stem + "ing"]


def _variants(term: str, pos: str) -> list[str]:
    words = term.split()
    last = words[-1]
    forms = [last]
    if pos == "noun":
        forms.append(_plural(last))
    elif pos == "verb":
        forms += _verb_forms(last)
    return [" ".join([*words[:-1], f]) for f in forms]


def _build_jargon(pack: dict[str, Any]) -> tuple[list[JargonTerm], dict[str, int]]:
    terms: list[JargonTerm] = []
    index: dict[str, int] = {}
    for item in pack.get("terms") or []:
        if not isinstance(item, dict) or not item.get("term"):
            continue
        plain = item.get("plain") or []
        if isinstance(plain, str):
            plain = [plain]
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        pos = str(item.get("pos") or "noun")
        entry = JargonTerm(
            str(item["term"]),
            tuple(str(p) for p in plain),
            tuple(map(str, src)),
            pos,
            frozenset(str(w).lower() for w in item.get("except_next") or []),
        )
        i = len(terms)
        terms.append(entry)
        spellings = [entry.term, *(str(a) for a in item.get("also") or [])]
        variants: list[str] = []
        for sp in spellings:
            variants += _variants(sp.lower(), pos)
        variants += [str(f).lower() for f in item.get("forms") or []]
        for v in variants:
            index.setdefault(v, i)
    return terms, index


@packs.pack_cache
def jargon() -> tuple[list[JargonTerm], dict[str, int]]:
    """The terms, and the index of every spelling (lower case) to its term."""
    return _build_jargon(packs.load("jargon"))
