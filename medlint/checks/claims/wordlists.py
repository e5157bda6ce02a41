"""Word lists of the claim rules read from packs (rules/absolute-claims.yaml)."""

from __future__ import annotations

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


@packs.pack_cache
def general_treatments() -> frozenset[str]:
    """Kinds of treatment that "can cure" in a true general statement (lower case)."""
    return frozenset(
        w.lower() for w in str_list(packs.load("absolute-claims").get("general_treatments"))
    )
