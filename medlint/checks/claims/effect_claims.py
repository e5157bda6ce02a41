"""Is a frequency word a claim about how often an effect or condition occurs (C401)?

"Hair loss is rare", "often leads to", "a rare side effect", "most patients develop …"
are (quantities: :mod:`medlint.checks.claims.quantity_claims`); a quoted term, a dosing step ("usually go to the blue tablet"), a treatment's place
in practice, advice, a habit ("washing your hands frequently") or the name of a kind
("the most common form of …") are not.  :func:`about_effect` decides; the word lists come
from rules/frequency.yaml (:func:`medlint.checks.claims.frequency.frequency`).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.clauses import (
    COPULAS,
    MODALS,
    after,
    before,
    contains_phrase,
    has_any,
    next_token,
    prev_token,
    starts_with,
)
from medlint.checks.claims.frequency import effect_verb_in, has_word
from medlint.checks.claims.quantity_claims import quantity_claim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def about_effect(span: Span, freq: dict[str, Any]) -> bool:
    """Is this use of a frequency word a claim about how often an effect or condition occurs?"""
    low = span.text.lower()
    prev = prev_token(span)
    if prev is not None and prev.text in ('"', "“", "‘", "'"):
        return False  # a quoted term: what he calls "infrequent tension headaches"
    if low in freq["quantity_set"]:
        return quantity_claim(span, freq)
    prev2 = before(span, 2)
    if (
        prev2[:1]
        and prev2[0] in COPULAS
        and prev2[1:]
        and prev2[1] in freq["word_not_after"].get(low, ())
    ):
        return False  # "the damage is widespread": its extent, as in "a widespread rash"
    last = span[-1].lower_
    if last.endswith("ly") or last in ("often", "sometimes", "cases"):
        return _adverb_claim(span, freq)
    nxt = next_token(span)
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in _STOPS:
        return _attributive_claim(span, freq)
    sent = sentence_of(span)
    # "… treatments …, of which the most common are paracetamol …" is not a claim;
    # "Hair loss is rare.", "A dry cough is common with lisinopril." are.
    return not (
        has_word(sent, freq["non_condition"], lemmas=False) and not has_word(sent, freq["topics"])
    )


_AUX = frozenset({"did", "do", "does", "not", "don't", "didn't", "doesn't", "n't"})


def _treatment_role(span: Span, nxt: list[str], freq: dict[str, Any]) -> bool:
    """'Medication is often the first line of defence': a treatment noun, a copula, the
    adverb and a role ('the', 'a', 'one') with no effect or condition after it."""
    prev = before(span, 2)
    return (
        len(prev) == 2
        and prev[0] in COPULAS
        and prev[1] in freq["non_condition"]
        and bool(nxt[:1])
        and nxt[0] in freq["role_openers"]
        and not any(t in freq["effect_verbs"] or t in freq["condition_nouns"] for t in nxt)
    )


def _not_an_occurrence(span: Span, freq: dict[str, Any]) -> bool:
    """An adverb that hedges an adjective ("generally low risk"), orders a dosing step
    ("then usually go to the blue tablet"), names the means of a treatment ("removed,
    usually through surgery"), ranks a thing ("her femur, usually one of the strongest
    bones"), gives a treatment its place in practice ("medication is often the first line
    of defence") or describes a study's method ("often the way the study was done"): none
    says how often an effect occurs."""
    nxt = after(span, 5)
    if nxt[:1] and nxt[0] in freq["hedged_adjectives"]:
        return True
    if any(a[:1].isdigit() and b in freq["dose_units"] for a, b in pairwise(nxt)):
        return True  # "usually between 75 mg and 325 mg daily": a dose
    if starts_with(nxt, freq["dosing_steps"]):
        return True
    if nxt[:1] and nxt[0] in _MEANS and has_any(nxt[1:4], freq["treatment_means"]):
        return True  # "usually through surgery or freezing": how it is treated
    if nxt[:3] == ["one", "of", "the"] and nxt[3:] and nxt[3].endswith("est"):
        return not has_any(
            after(span, 8), freq["condition_nouns"]
        )  # "usually one of the strongest bones"
    if _treatment_role(span, nxt, freq):
        return True
    effect = effect_verb_in(nxt, freq) or has_any(nxt, freq["adverse_nouns"])
    return (
        bool(nxt[:1])
        and nxt[0] in ("the", "a", "how")
        and any(t in freq["method_nouns"] for t in nxt[1:])
        and not effect
    )


_ADVICE = frozenset({"can", "should", "must", "need"})
_MEANS = frozenset({"through", "via", "by", "with"})


def _adverb_claim(span: Span, freq: dict[str, Any]) -> bool:
    """'often leads to', 'usually affects', 'in some cases': not about prescribing or
    naming ("is often called", "commonly prescribed") and not advice ("you should usually
    take it with food").  The weak adverbs ("generally", "typically") count only beside an
    effect verb or a condition noun."""
    if any(t in freq["not_context"] for t in [t for t in after(span, 4) if t not in _AUX][:2]):
        return False  # "often prescribed", "sometimes did not use it": what people do
    if any(t in freq["instruction_words"] for t in before(span, 4)):
        return False
    if _about_the_speaker_or_reader(span, freq):
        return False  # "in some cases, you can help reduce your risk": advice
    if any(t in freq["method_nouns"] for t in before(span, 2)):
        return False  # "officials often mount campaigns": what professionals do
    if contains_phrase(after(span, 30), freq["need_words"]):
        return False  # "in some cases, surgery may be necessary": a treatment need
    if _habit_adverb(span, freq) or _not_an_occurrence(span, freq):
        return False
    if _activity_subject(span, freq):
        return False
    if span.text.lower() in freq["context_adverbs"]:
        near, prev = after(span, 3), before(span, 3)
        return (
            effect_verb_in(near, freq)
            or has_any(prev, freq["effect_verbs"])
            or has_any(prev + near, freq["condition_nouns"])
        )
    return True


def _about_the_speaker_or_reader(span: Span, freq: dict[str, Any]) -> bool:
    """Advice to the reader ("in some cases, you can lower your risk", "you may have to
    stop the other medicine"), the reader's thoughts ("sometimes, you may feel that …") or
    one speaker's own experience ("sometimes I wish …", "I often get headaches"): none
    says how often an effect occurs among people."""
    nxt = [t for t in after(span, 6) if t != ","]
    if before(span, 1) == ["i"] or nxt[:1] == ["i"]:
        return True
    if "you" not in nxt[:2]:
        return False
    rest = nxt[nxt.index("you") + 1 :]
    if any(t in _ADVICE for t in rest[:3]) or "have to" in " ".join(rest[:3]):
        return True
    rest = [t for t in rest if t not in MODALS]
    return starts_with(rest, freq["thought_verbs"])


def _activity_subject(span: Span, freq: dict[str, Any]) -> bool:
    """'Being a parent sometimes means …': the clause's subject is a gerund (an activity,
    not a medicine: ``treatment_gerunds``) and no effect verb, effect noun or condition
    noun follows the adverb ("taking it on an empty stomach sometimes causes heartburn")."""
    sent = sentence_of(span)
    first = span.doc[sent.start].lower_
    if span.start <= sent.start + 1 or not (_gerund(first, freq) or first == "being"):
        return False  # "being" opens a subject ("Being a parent …"), not a passive here
    if first in freq["treatment_gerunds"]:
        return False
    lead = [t.lower_ for t in span.doc[sent.start : span.start]]
    if "," in lead or has_any(lead, freq["condition_openers"] | freq["effect_verbs"]):
        return False  # "Feeling tired, patients often …": a participle, not the subject
    nxt = after(span, 8)
    nouns = freq["adverse_nouns"] | freq["condition_nouns"]
    return not effect_verb_in(nxt, freq) and not has_any(nxt, nouns)


def _habit_adverb(span: Span, freq: dict[str, Any]) -> bool:
    """An adverb that closes its clause after the verb it describes, in a gerund ("losing
    things often", "by washing your hands frequently", "having to go to the toilet
    frequently"; no effect verb between them) or a condition ("if the feeling
    happens often, …"): how often one person does or feels something (a symptom or a
    habit), not how often an effect occurs among people ("side effects occur rarely")."""
    words = before(span, 10)
    for stop in (",", "that", "which", "who"):
        if stop in words:  # its own clause: not "if you take it, X occurs rarely", not
            words = words[: words.index(stop)]  # "if you have it (the type that usually …)"
    if any(t in freq["condition_openers"] for t in words):
        return True  # "if you often get infections", "if the feeling happens often"
    if span[0].text[:1].isupper():
        return False  # "Sometimes, …" opens its sentence: before its verb
    nxt = next_token(span)
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in ("and", "or"):
        return False  # not clause-final: "happens often in older adults"
    verbs = [i for i, t in enumerate(words) if t in freq["effect_verbs"]]
    gerund_phrase = words[: verbs[0]] if verbs else words  # not "skin thinning … occurs rarely"
    return any(_gerund(t, freq) for t in gerund_phrase[:6])


def _gerund(word: str, freq: dict[str, Any]) -> bool:
    """A word in -ing that names an activity: not "morning" or "thing" (``not_gerunds``)
    and not a condition ("bleeding", "swelling": ``condition_nouns``)."""
    return (
        word.endswith("ing")
        and word not in freq["not_gerunds"]
        and word not in freq["condition_nouns"]
    )


def _attributive_claim(span: Span, freq: dict[str, Any]) -> bool:
    """'a rare side effect', 'this common and distressing disease': the phrase names an
    effect or a condition; not "the most common form of leukaemia" (naming a kind) nor
    "rare variants" (a technical term)."""
    phrase = _noun_phrase(span)
    if not phrase:
        return False
    if span[-1].lower_ == "rare" and any(t.lower_ in freq["rare_categories"] for t in phrase):
        return False
    head = phrase[-1]
    if head.lower_ in freq["classification_heads"]:
        nxt = span.doc[head.i + 1] if head.i + 1 < sentence_of(span).end else None
        if nxt is not None and nxt.lower_ == "of":
            return False  # "the most common form of skin cancer": naming a kind
    nouns: frozenset[str] = freq["condition_nouns"]
    return any(t.lower_ in nouns or t.lemma_ in nouns for t in phrase)


_STOPS = frozenset(
    {
        "of", "in", "for", "that", "which", "who", "with", "to", "among", "at", "on", "by",
        "from", "than", "as", "like", "such", "including", "is", "are", "was", "were", "be",
        "been", "can", "could", "may", "might", "will", "would", "should", "must", "do",
        "does", "did", "has", "have", "had", "but", "and", "or", "nor", "if", "when", "while",
        "because", "although", "especially", "after", "before", "during", "within",
    }
)  # fmt: skip


def _noun_phrase(span: Span) -> list[Token]:
    """For an attributive use ("a rare side effect"), the words of the phrase it describes."""
    doc = span.doc
    i = span.end
    head: Token | None = None
    out: list[Token] = []
    while i < sentence_of(span).end and i < span.end + 6:
        tok = doc[i]
        low = tok.lower_
        if tok.text == "-" or tok.text == "‑":
            i += 1
            continue
        if low in ("and", "or", "but") and head is not None:
            nxt = doc[i + 1] if i + 1 < sentence_of(span).end else None
            if nxt is not None and nxt.is_alpha and nxt.lower_ not in _STOPS:
                i += 1
                continue
            break
        if not tok.is_alpha or low in _STOPS:
            break
        head = tok
        out.append(tok)
        i += 1
    return out
