"""Vague attributions ('research suggests', 'studies show', 'experts say'): C403 reports
them, C405 counts them as evidence claims.  Phrases: rules/attribution.yaml.

Both rules declare ``ATTRIBUTION_PHRASES`` and read :func:`vague_attributions`, computed
once per article (``ctx.matches.fact``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.blocks import claim_blocks
from medlint.checks.claims.clauses import before, is_question, prev_token
from medlint.checks.claims.wordlists import lowered, str_list
from medlint.matching import Matches, PhraseList

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from medlint.document.model import Block


@packs.pack_cache
def attribution() -> dict[str, Any]:
    pack = packs.load("attribution")
    subjects = pack.get("vague_subjects") or {}
    verbs = pack.get("vague_verbs") or {}
    if not isinstance(subjects, dict):
        subjects = {"plural": subjects}
    if not isinstance(verbs, dict):
        verbs = {"plural": verbs}
    # subject phrase → the verb phrases (as token tuples) that agree with it
    agree: dict[str, frozenset[tuple[str, ...]]] = {}
    for number in ("singular", "plural", "opinion"):
        any_tense = str_list(verbs.get("any")) if number != "opinion" else []
        vs = frozenset(tuple(v.lower().split()) for v in str_list(verbs.get(number)) + any_tense)
        for subj in str_list(subjects.get(number)):
            agree[subj.lower()] = agree.get(subj.lower(), frozenset()) | vs
    return {
        "subjects": agree,
        "adverbs": lowered(pack.get("vague_adverbs")),
        "vague": str_list(pack.get("vague")),
        "specific": lowered(pack.get("specific")),
        "conditional": lowered(pack.get("conditional")),
        "topical": lowered(pack.get("topical")),
        "own_review": str_list(pack.get("own_review")),
        "study_subjects": lowered(pack.get("review_study_nouns")),
        "claims": str_list(pack.get("evidence_claims")),
        "background": lowered(pack.get("background_qualifiers")),
    }


VAGUE = PhraseList("C403:vague", lambda: attribution()["vague"])
SUBJECTS = PhraseList("C403:subjects", lambda: list(attribution()["subjects"]))
OWN_REVIEW = PhraseList("C403:own-review", lambda: attribution()["own_review"])
ATTRIBUTION_PHRASES = (VAGUE, SUBJECTS, OWN_REVIEW)


def vague_attributions(matches: Matches) -> list[tuple[Block, Span, str]]:
    """Vague attributions in the prose as (block, span, kind): kind 'vague', or 'topical'
    when it refers to the story's own study.  Reads ``ATTRIBUTION_PHRASES``; use it through
    ``matches.fact(vague_attributions)`` and do not modify the list."""
    att = attribution()
    analysis = matches.analysis
    out: list[tuple[Block, Span, str]] = []
    from spacy.util import filter_spans

    # A plain language summary of the article's own review: "studies found" there means
    # the review's included studies.  Looked up only when needed.
    own_review: bool | None = None

    def is_own_review() -> bool:
        nonlocal own_review
        if own_review is None:
            own_review = bool(att["own_review"]) and any(
                matches.spans(analysis.doc(b), OWN_REVIEW.key) for b in analysis.body_blocks
            )
        return own_review

    for block in claim_blocks(matches, VAGUE.key, SUBJECTS.key):
        doc = analysis.doc(block)
        found = matches.spans(doc, VAGUE.key)
        # vague subject + an agreeing claim verb ("studies show", "research also suggests")
        found += _subject_claims(matches, doc, att)
        if not found:
            continue
        lows = nlp.lowers(doc)
        for span in sorted(filter_spans(found), key=lambda x: x.start):
            study = att["study_subjects"]
            words = lows[span.start : span.end]
            background = "had" in words or any(w in att["background"] for w in words)
            if not background and any(w in study for w in words) and is_own_review():
                continue
            kind = _vague_kind(span, att, block.text)
            if kind is not None:
                out.append((block, span, kind))
    return out


def _subject_claims(matches: Matches, doc: Doc, att: dict[str, Any]) -> list[Span]:
    """A vague subject followed (after an optional adverb) by a verb that agrees with it."""
    subject_hits = matches.labelled(doc, SUBJECTS.key)
    if not subject_hits:
        return []
    subjects: dict[str, frozenset[tuple[str, ...]]] = att["subjects"]
    lows = nlp.lowers(doc)  # token.lower_ by index, without Token objects
    out: list[Span] = []
    adverbs: frozenset[str] = att["adverbs"]
    for label, subj in subject_hits:
        # the words after the subject, without up to two adverbs ("research subsequently
        # showed", "studies have also found"), with the index each one stands at
        words: list[tuple[int, str]] = []
        i = subj.end
        skipped = 0
        while i < len(lows) and len(words) < 4:
            if lows[i] in adverbs and skipped < 2:
                skipped += 1
            else:
                words.append((i, lows[i]))
            i += 1
        for verb in subjects.get(label.lower(), ()):
            n = len(verb)
            if len(words) >= n and tuple(w for _, w in words[:n]) == verb:
                out.append(doc[subj.start : words[n - 1][0] + 1])
                break
    return out


def _vague_kind(span: Span, att: dict[str, Any], text: str) -> str | None:
    """'vague', 'topical' (refers to the story's study), or None (specific/hypothetical).
    ``text``: the text of the span's block."""
    if is_question(span, text):
        return None
    prev = prev_token(span)
    if prev is not None and prev.lower_ in att["specific"]:
        return None
    if (
        prev is not None
        and prev.text[:1].isupper()
        and prev.is_alpha
        and prev.i > sentence_of(span).start
        and span[0].text[:1].islower()
    ):
        return None  # "MD Anderson research showed", "Harvard experts say": a named source
    for t in before(span, 4):
        if t in att["conditional"]:
            return None
    if prev is not None and prev.lower_ in att["topical"]:
        return "topical"
    return "vague"
