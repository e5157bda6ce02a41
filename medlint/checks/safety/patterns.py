"""The safety pack (``rules/safety.yaml``): its pattern notation and its sections.

Each line of a pattern section is a token pattern in a small notation (see the pack's
header) compiled here into a spaCy ``Matcher`` pattern; :func:`sections` names the sections
a rule reads, for its ``needs=``.  The word lists the rules read directly (outcome words,
the instruction grammar) are read with :func:`pack`, :func:`vocab` and :func:`words`.
"""

from __future__ import annotations

import re
from typing import Any

from medlint import packs
from medlint.matching import TokenSection

_SLOT = re.compile(r"^(?P<body>.+?)(?P<op>\?|\*|\+|\{\d*,\d*\})?$")
_CLASS = re.compile(r"^[A-Z][A-Z0-9-]*$")


def sections(*names: str) -> tuple[TokenSection, ...]:
    """The pack sections a rule matches (for ``Needs(token_sections=...)``)."""
    return tuple(TokenSection(name, section_patterns) for name in names)


@packs.pack_cache
def pack() -> dict[str, Any]:
    return packs.load("safety")


@packs.pack_cache
def _uninflected() -> frozenset[str]:
    return frozenset(str(w).lower() for w in pack().get("uninflected") or [])


@packs.pack_cache
def irregular() -> dict[str, list[str]]:
    raw = pack().get("irregular") or {}
    return {str(k): [str(v) for v in vs or []] for k, vs in raw.items()}


@packs.pack_cache
def vocab() -> dict[str, list[str]]:
    raw = pack().get("vocab") or {}
    return {str(k): [str(w) for w in v or []] for k, v in raw.items()}


def forms(word: str, irregular: dict[str, list[str]]) -> set[str]:
    """``word`` and its inflections, so a pattern matches whatever the lemmatiser gives."""
    out = {word}
    out.update(irregular.get(word, ()))
    if not word.isalpha() or len(word) < 3 or word in _uninflected():
        return out
    out.update({word + "s", word + "es", word + "ed", word + "d", word + "ing"})
    if word.endswith("e"):
        out.add(word[:-1] + "ing")
    if word.endswith("y") and word[-2] not in "aeiou":
        out.update({word[:-1] + "ies", word[:-1] + "ied"})
    if word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        out.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return out


def words(alt: str, vocab: dict[str, list[str]]) -> tuple[set[str], set[str]]:
    """(lemma forms, exact texts) for one alternative of a slot (a word, ``=text`` or a
    word class of the pack's ``vocab``)."""
    lemmas: set[str] = set()
    exact: set[str] = set()
    items = [str(w) for w in vocab.get(alt, [])] if _CLASS.match(alt) else [alt]
    if _CLASS.match(alt) and alt not in vocab:
        raise packs.PackError(packs.packs_dir() / "safety.yaml", alt, "unknown word class")
    for w in items:
        if w.startswith("="):
            exact.add(w[1:].lower())
        else:
            lemmas |= forms(w.lower(), irregular())
    return lemmas, exact


def compile_pattern(line: str, vocab: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One line of the pack's notation as a spaCy Matcher pattern."""
    out: list[dict[str, Any]] = []
    for i, slot in enumerate(line.split()):
        m = _SLOT.match(slot)
        if not m:  # pragma: no cover - split() never yields an empty slot
            continue
        body, op = m.group("body"), m.group("op")
        spec: dict[str, Any] = {}
        if body != "_":
            lemmas: set[str] = set()
            exact: set[str] = set()
            if "_" in body.split("|"):
                # "vomit|_ blood" would match a literal underscore, not any word
                raise packs.PackError(
                    packs.packs_dir() / "safety.yaml",
                    line,
                    "'_' (any word) cannot be one alternative of a slot; use an optional slot "
                    "('up?') or '_?' instead",
                )
            for alt in body.split("|"):
                le, ex = words(alt, vocab)
                lemmas |= le
                exact |= ex
            if lemmas:
                spec["LEMMA"] = {"IN": sorted(lemmas | exact)}
            else:
                spec["LOWER"] = {"IN": sorted(exact)}
        if i > 0:
            spec["IS_SENT_START"] = False  # a pattern never crosses a sentence boundary
        if op:
            spec["OP"] = op
        out.append(spec)
    return out


@packs.pack_cache
def section_patterns(section: str) -> dict[str, list[list[dict[str, Any]]]]:
    """``label -> [pattern]`` for a section of the pack (labels ``section#index``)."""
    items = pack().get(section) or []
    vocab_ = vocab()
    out: dict[str, list[list[dict[str, Any]]]] = {}
    for i, item in enumerate(items):
        line = item.get("pattern") if isinstance(item, dict) else item
        if not isinstance(line, str) or not line.strip():
            continue
        out[f"{section}#{i}"] = [compile_pattern(line, vocab_)]
    return out
