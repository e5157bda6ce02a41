"""Negation and hedge windows: is a claim word denied ("there is no cure") or hedged
("may cure") within its clause?  Negators and hedges: rules/absolute-claims.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medlint.checks.claims.clauses import after, before
from medlint.checks.claims.wordlists import claim_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


def negated(span: Span, n_before: int = 8, n_after: int = 4) -> bool:
    """A negator within ``n_before`` tokens before or ``n_after`` after, in the clause."""
    neg, _ = claim_words()
    window = before(span, n_before) + after(span, n_after)
    return any(t.replace("’", "'") in neg for t in window)


def hedged(span: Span, n_before: int = 8, n_after: int = 4) -> bool:
    """A hedge within ``n_before`` tokens before or ``n_after`` after, in the clause."""
    _, hedge = claim_words()
    window = before(span, n_before) + after(span, n_after)
    return any(t in hedge for t in window)
