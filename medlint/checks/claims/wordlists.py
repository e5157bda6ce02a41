"""Word lists of the claim rules read from packs (rules/absolute-claims.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from medlint import packs


def str_list(value: Any) -> list[str]:
    """A pack list as strings (``None`` entries dropped; a missing list is empty)."""
    return [str(x) for x in value or [] if x is not None]


def lowered(value: Any) -> frozenset[str]:
    """A pack list as a set of lower-case strings."""
    return frozenset(w.lower() for w in str_list(value))


@packs.pack_cache
def claim_words() -> tuple[frozenset[str], frozenset[str]]:
    """The negators and the hedges (lower case; negators with straight apostrophes)."""
    pack = packs.load("absolute-claims")
    neg = frozenset(w.lower().replace("’", "'") for w in str_list(pack.get("negators")))
    hedge = frozenset(w.lower() for w in str_list(pack.get("hedges")))
    return neg, hedge


@packs.pack_cache
def claim_settings() -> tuple[int, int, frozenset[str]]:
    """The negation/hedge windows (tokens before, after) and the infinitive claim verbs."""
    pack = packs.load("absolute-claims")
    return (
        int(pack.get("window") or 8),
        int(pack.get("after_window") or 4),
        frozenset(w.lower() for w in str_list(pack.get("infinitive_claims"))),
    )


@dataclass(frozen=True)
class KindWords:
    """The words that tell a general statement about a kind of treatment from a promise
    about one product (rules/absolute-claims.yaml, lower case)."""

    general: frozenset[str]  # general_treatments: "surgery can cure"
    kinds: frozenset[str]  # treatment_kinds: a kind only as a bare plural ("drugs for X")
    specific: frozenset[str]  # specific_determiners: "these drugs", "our drugs"
    naming: frozenset[str]  # naming_words: "drugs such as Zelvir"


@packs.pack_cache
def kind_words() -> KindWords:
    """Kinds of treatment that "can cure" in a true general statement, and the words that
    make the phrase one product instead."""
    pack = packs.load("absolute-claims")
    return KindWords(
        general=lowered(pack.get("general_treatments")),
        kinds=lowered(pack.get("treatment_kinds")),
        specific=lowered(pack.get("specific_determiners")),
        naming=lowered(pack.get("naming_words")),
    )
