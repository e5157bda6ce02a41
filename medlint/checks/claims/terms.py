"""Overpromising and hype terms (C404, C406): the term specs of rules/absolute-claims.yaml
and rules/hype.yaml, their phrase lists and the technical uses that do not count.

C404 reads both lists (a hype term is C406's to report), so it declares both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.checks.claims.clauses import next_token, prev_token
from medlint.checks.claims.wordlists import str_list
from medlint.matching import Matches, PhraseList

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span


@packs.pack_cache
def terms(pack_name: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Term specs by lower-case term or form, and the phrases to match."""
    specs: dict[str, dict[str, Any]] = {}
    phrases: list[str] = []
    for item in packs.load(pack_name).get("terms") or []:
        spec = dict(item) if isinstance(item, dict) else {"term": item}
        term = str(spec.get("term", "")).strip()
        if not term:
            continue
        spec["not_after"] = frozenset(w.lower() for w in str_list(spec.get("not_after")))
        spec["not_before"] = frozenset(w.lower() for w in str_list(spec.get("not_before")))
        spec["inflected"] = bool(spec.get("forms"))
        for form in [term, *str_list(spec.get("forms"))]:
            specs[form.lower()] = spec
            phrases.append(form)
    return specs, phrases


ABSOLUTE_TERMS = PhraseList("absolute-claims:terms", lambda: terms("absolute-claims")[1])
HYPE_TERMS = PhraseList("hype:terms", lambda: terms("hype")[1])
_LISTS = {"absolute-claims": ABSOLUTE_TERMS, "hype": HYPE_TERMS}


def term_matches(matches: Matches, doc: Doc, pack_name: str) -> list[tuple[dict[str, Any], Span]]:
    """The terms of ``pack_name`` ("absolute-claims" or "hype") in ``doc``, with their spec."""
    specs, _ = terms(pack_name)
    out: list[tuple[dict[str, Any], Span]] = []
    for label, span in matches.labelled(doc, _LISTS[pack_name].key):
        spec = specs.get(label.lower())
        if spec is not None:
            out.append((spec, span))
    return out


def technical_use(spec: dict[str, Any], span: Span) -> bool:
    """A technical term ("breakthrough pain", "cure time"): a word the spec names comes
    right after or before the term."""
    nxt = next_token(span)
    if nxt is not None and nxt.lower_ in spec["not_after"]:
        return True
    prev = prev_token(span)
    return prev is not None and prev.lower_ in spec["not_before"]


@packs.pack_cache
def hype_settings() -> frozenset[str]:
    """The words that make a hype term hypothetical (rules/hype.yaml ``hypothetical``)."""
    return frozenset(w.lower() for w in str_list(packs.load("hype").get("hypothetical")))
