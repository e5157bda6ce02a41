"""Frequency words and the rates beside them (C401, C402).

The CIOMS III / EU SmPC bands, the band words and the context filters come from
rules/frequency.yaml (:func:`frequency`).  ``BAND_WORDS`` is the phrase list of the band
words both rules declare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.clauses import after, next_token, prev_token
from medlint.checks.claims.wordlists import lowered, str_list
from medlint.matching import PhraseList

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.analysis.evidence import Evidence, Rate
    from medlint.document.model import Block
    from medlint.matching import Matches


@dataclass(frozen=True)
class Band:
    name: str
    lo: float
    hi: float
    label: str


#: pack lists read as sets of lower-case words under their own names
_WORD_SETS = (
    "condition_nouns", "rare_categories", "effect_verbs", "adverse_nouns", "topics",
    "not_after", "not_before", "not_context", "classification_heads", "method_nouns",
    "quantity_not_after", "instruction_words", "context_adverbs", "condition_openers",
    "not_gerunds", "weak_quantities", "hedged_adjectives", "role_openers", "treatment_verbs",
    "outcome_words", "dose_units", "access_words", "counted_kinds", "treatment_gerunds",
    "treatment_means",
)  # fmt: skip
_PHRASE_LISTS = ("need_words", "dosing_steps", "thought_verbs")


def _word_lists(value: Any) -> dict[str, frozenset[str]]:
    """A pack mapping of word → list of words, lower-cased."""
    if not isinstance(value, dict):
        return {}
    return {str(k).lower(): lowered(v) for k, v in value.items() if isinstance(v, list)}


@packs.pack_cache
def frequency() -> dict[str, Any]:
    pack = packs.load("frequency")
    bands: dict[str, Band] = {}
    for name, spec in (pack.get("bands") or {}).items():
        if isinstance(spec, dict):
            bands[str(name)] = Band(
                str(name),
                float(spec.get("min", 0.0)),
                float(spec.get("max", 1.0)),
                str(spec.get("label", "")),
            )
    words: dict[str, str] = {}
    for band, phrases in (pack.get("band_words") or {}).items():
        for p in str_list(phrases if isinstance(phrases, list) else [phrases]):
            words[p.lower()] = str(band)
    stems = {w for w in words if " " not in w}
    return {
        "bands": bands,
        "band_words": words,
        "band_stems": frozenset(x for x in stems if not any(o != x and o in x for o in stems)),
        "claims": str_list(pack.get("claims")) + str_list(pack.get("quantities")),
        "quantities": str_list(pack.get("quantities")),
        "quantity_set": lowered(pack.get("quantities")),
        "non_condition": lowered(pack.get("non_condition_nouns")),
        "adverse": lowered(pack.get("adverse_context")),
        "word_not_before": _word_lists(pack.get("word_not_before")),
        "word_not_after": _word_lists(pack.get("word_not_after")),
        **{key: lowered(pack.get(key)) for key in _WORD_SETS},
        # phrase lists searched in a fixed order
        **{key: tuple(sorted(lowered(pack.get(key)))) for key in _PHRASE_LISTS},
        "rate_window": int(pack.get("rate_window") or 12),
    }


def band_words() -> list[str]:
    """The band words, longest first (the phrases of ``BAND_WORDS``)."""
    return sorted(frequency()["band_words"], key=len, reverse=True)


BAND_WORDS = PhraseList("C402:band-words", band_words)


def has_word(sent: Span, words: frozenset[str], lemmas: bool = True) -> bool:
    """``any(t.lower_ in words or t.lemma_ in words for t in sent)`` (``lemmas=False``:
    only ``lower_``), read from ``nlp.lowers`` without Token objects; the lemmas are read
    only when a trained pipeline gives lemmas other than the lower-case forms."""
    if not words.isdisjoint(nlp.lowers(sent.doc)[sent.start : sent.end]):
        return True
    return lemmas and not nlp.lemma_is_lower() and any(t.lemma_ in words for t in sent)


def frequency_context_ok(span: Span, freq: dict[str, Any]) -> bool:
    """Shared filters: not a comparison, not "common sense", not "commonly prescribed"."""
    prev = prev_token(span)
    if prev is not None and prev.lower_ in freq["not_before"]:
        return False
    if prev is not None and prev.lower_ in freq["word_not_before"].get(span.text.lower(), ()):
        return False
    nxt = next_token(span)
    if nxt is not None and nxt.lower_ in freq["not_after"]:
        return False
    if nxt is not None and nxt.lower_ in freq["word_not_after"].get(span.text.lower(), ()):
        return False
    # adverbs: "commonly prescribed", "is frequently used" — the verb a word or two later
    if span[-1].lower_.endswith("ly"):
        for t in after(span, 2):
            if t in freq["not_context"]:
                return False
    return True


def may_name_band(text: str, freq: dict[str, Any]) -> bool:
    """A cheap test before any token work: does the text contain a band word at all?"""
    low = text.lower()
    return any(stem in low for stem in freq["band_stems"])


def band_name(span: Span, freq: dict[str, Any]) -> str | None:
    words: dict[str, str] = freq["band_words"]
    return words.get(span.text.lower().replace("’", "'"))


def nearest_rate(ev: Evidence, block: Block, span: Span, window: int) -> Rate | None:
    """The rate beside a frequency word: same sentence, within ``window`` tokens, not a
    relative change ("a 50% reduction")."""
    doc = span.doc
    sent = sentence_of(span)
    best: tuple[int, Rate] | None = None
    for r in ev.rates_in(block, sent.start_char, sent.end_char):
        rspan = doc.char_span(r.start, r.end, alignment_mode="expand")
        if rspan is None or rate_is_change(doc, rspan):
            continue
        dist = rspan.start - span.end if rspan.start >= span.end else span.start - rspan.end
        if dist <= window and (best is None or dist < best[0]):
            best = (dist, r)
    return best[1] if best else None


def consistent(rate: Rate, band: Band, tol: float) -> bool:
    """The rate falls in the band, allowing ``tol`` (relative) beyond its edges."""
    lo_edge = band.lo * (1 - tol)
    hi_edge = band.hi * (1 + tol) if band.hi < 1.0 else 1.0
    return rate.hi >= lo_edge and rate.lo <= hi_edge


CHANGE_WORDS = frozenset(
    {
        "reduction", "reductions", "increase", "increases", "increased", "decrease", "decreased",
        "lower", "higher", "more", "less", "fewer", "greater", "drop", "rise", "reduced",
        "improvement", "improved", "risk", "chance", "likely", "likelier", "faster", "slower",
    }
)  # fmt: skip


def rate_is_change(doc: Doc, rspan: Span) -> bool:
    """'a 50% reduction', 'reduced by 30%', '20% more likely': a relative change, not a rate."""
    after_words = [t.lower_ for t in doc[rspan.end : min(rspan.end + 3, len(doc))]]
    before_words = [t.lower_ for t in doc[max(rspan.start - 2, 0) : rspan.start]]
    return bool(CHANGE_WORDS.intersection(after_words[:2])) or "by" in before_words[-1:]


def defined_bands(matches: Matches) -> frozenset[str]:
    """Bands the article defines with their rate ("Rare (may affect up to 1 in 1,000
    people)"): their words are quantified for the reader everywhere in the article.
    Reads ``BAND_WORDS``; computed once per article (``matches.fact``)."""
    freq = frequency()
    analysis = matches.analysis
    ev = analysis.evidence
    bands: dict[str, Band] = freq["bands"]
    found: set[str] = set()
    for block in matches.blocks_with(BAND_WORDS.key):
        if not may_name_band(block.text, freq) or not ev.rates_in(block):
            continue
        doc = analysis.doc(block)
        for span in matches.spans(doc, BAND_WORDS.key):
            name = band_name(span, freq)
            band = bands.get(name or "")
            if band is None or name in found:
                continue
            rate = nearest_rate(ev, block, span, freq["rate_window"])
            if rate is not None and consistent(rate, band, 0.1):
                found.add(band.name)
    return frozenset(found)


DETERMINERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "your"}
)


def effect_verb_in(words: list[str], freq: dict[str, Any]) -> bool:
    """An effect verb among ``words`` (in text order) used as a verb: not a noun after a
    determiner ("the results of two trials", "as a result of") and not a reporting verb
    after its source ("…, the researchers report")."""
    for i, t in enumerate(words):
        if t not in freq["effect_verbs"]:
            continue
        prev = words[i - 1] if i > 0 else ""
        if prev not in DETERMINERS and prev not in freq["method_nouns"]:
            return True
    return False
