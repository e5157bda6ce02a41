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
    plural: tuple[str, ...] = ()  # plain words for the plural, where they are not regular


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def _verb_forms(word: str) -> list[str]:
    stem = word[:-1] if word.endswith("e") else word
    return [_plural(word), stem + "ed", stem + "ing"]


def _variants(term: str, pos: str) -> list[tuple[str, str]]:
    """Each spelling of ``term`` with its form: "" (as listed), "plural", or a verb's "s",
    "ed", "ing"."""
    words = term.split()
    last = words[-1]
    forms = [(last, "")]
    if pos == "noun":
        forms.append((_plural(last), "plural"))
    elif pos == "verb":
        forms += list(zip(_verb_forms(last), ("s", "ed", "ing"), strict=True))
    return [(" ".join([*words[:-1], f]), kind) for f, kind in forms]


# The words that end a plain phrase's head ("blood clot in the lung": the head is "clot").
_AFTER_HEAD = frozenset(
    [
        "of",
        "in",
        "to",
        "for",
        "on",
        "under",
        "with",
        "that",
        "which",
        "who",
        "from",
        "between",
        "by",
        "at",
        "around",
        "into",
        "after",
        "before",
    ]
)
_BE_HAVE = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "get", "gets", "got"]
)


def inflect(plain: str, form: str, before: str = "") -> str:
    """``plain`` in the number or tense of the matched term: "painkiller" for "analgesics"
    becomes "painkillers", "pass out of the body" for "excreted" becomes "passed out of the
    body" ("given", not "gave", after "is" or "has": ``before`` is the text before the term)."""
    if not form:
        return plain
    words = plain.split()
    if form == "plural":
        i = next((k for k, w in enumerate(words) if k and w in _AFTER_HEAD), len(words)) - 1
        if not words[i].endswith("s"):
            words[i] = _plural(words[i])
        return " ".join(words)
    verb = words[0]
    irregular = irregular_verbs().get(verb)
    if form == "s":
        words[0] = _plural(verb)
    elif form == "ing":
        words[0] = (verb[:-1] if re.search(r"[^e]e$", verb) else verb) + "ing"
    elif irregular is not None:
        prev = re.findall(r"[a-z]+", before.lower())[-2:]
        words[0] = irregular[1] if _BE_HAVE.intersection(prev) else irregular[0]
    else:
        words[0] = (verb[:-1] if verb.endswith("e") else verb) + "ed"
    return " ".join(words)


@packs.pack_cache
def irregular_verbs() -> dict[str, tuple[str, str]]:
    """base -> (past, past participle), from the jargon pack's ``irregular_verbs``."""
    out: dict[str, tuple[str, str]] = {}
    for line in packs.load("jargon").get("irregular_verbs") or []:
        parts = str(line).split()
        if len(parts) == 3:
            out[parts[0]] = (parts[1], parts[2])
    return out


def _build_jargon(pack: dict[str, Any]) -> tuple[list[JargonTerm], dict[str, int]]:
    terms, index, _forms = _build_all(pack)
    return terms, index


def _entry(item: Any) -> JargonTerm | None:
    if not isinstance(item, dict) or not item.get("term"):
        return None
    plain = item.get("plain") or []
    if isinstance(plain, str):
        plain = [plain]
    src = item.get("src") or []
    if isinstance(src, str):
        src = [src]
    return JargonTerm(
        str(item["term"]),
        tuple(str(p) for p in plain),
        tuple(map(str, src)),
        str(item.get("pos") or "noun"),
        frozenset(str(w).lower() for w in item.get("except_next") or []),
        tuple(str(w) for w in item.get("plural") or []),
    )


def _build_all(
    pack: dict[str, Any],
) -> tuple[list[JargonTerm], dict[str, int], dict[str, str]]:
    terms: list[JargonTerm] = []
    index: dict[str, int] = {}
    form_of: dict[str, str] = {}
    for item in pack.get("terms") or []:
        entry = _entry(item)
        if entry is None:
            continue
        pos = entry.pos
        i = len(terms)
        terms.append(entry)
        spellings = [entry.term, *(str(a) for a in item.get("also") or [])]
        variants: list[tuple[str, str]] = []
        for sp in spellings:
            variants += _variants(sp.lower(), pos)
        # irregular forms are plurals of nouns ("metastases", "thrombi")
        irregular = "plural" if pos == "noun" else ""
        variants += [(str(f).lower(), irregular) for f in item.get("forms") or []]
        for v, kind in variants:
            if v not in index:
                index[v] = i
                form_of[v] = kind
    return terms, index, form_of


@packs.pack_cache
def jargon() -> tuple[list[JargonTerm], dict[str, int]]:
    """The terms, and the index of every spelling (lower case) to its term."""
    return _build_jargon(packs.load("jargon"))


@packs.pack_cache
def jargon_forms() -> dict[str, str]:
    """Every spelling (lower case) to its form: "", "plural", "s", "ed" or "ing"."""
    return _build_all(packs.load("jargon"))[2]
