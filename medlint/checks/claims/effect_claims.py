"""Is a frequency word a claim about how often an effect or condition occurs (C401)?

"Hair loss is rare", "often leads to", "a rare side effect", "most patients develop …"
are; a quoted term, a dosing step ("usually go to the blue tablet"), a treatment's place
in practice, advice, a habit ("washing your hands frequently") or the name of a kind
("the most common form of …") are not.  :func:`about_effect` decides; the word lists come
from rules/frequency.yaml (:func:`medlint.checks.claims.frequency.frequency`).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.clauses import after, before, next_token, prev_token
from medlint.checks.claims.frequency import has_word

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def about_effect(span: Span, freq: dict[str, Any]) -> bool:
    """Is this use of a frequency word a claim about how often an effect or condition occurs?"""
    low = span.text.lower()
    prev = prev_token(span)
    if prev is not None and prev.text in ('"', "“", "‘", "'"):
        return False  # a quoted term: what he calls "infrequent tension headaches"
    if low in freq["quantity_set"]:
        return _quantity_claim(span, freq)
    prev2 = before(span, 2)
    if (
        prev2[:1]
        and prev2[0] in _COPULAS
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


def _quantity_claim(span: Span, freq: dict[str, Any]) -> bool:
    """'Many patients …', 'the majority of …': not about studies or experts ("a minority of
    trials reported …", "most doctors agree") and not an opinion or duty ("most people
    think", "most people have to pay").  A weak quantity ("some people") counts only when an
    effect verb or an effect noun follows it ("some people with X are treated …" names a
    group)."""
    window = after(span, 10)
    if any(_method_noun(window, i, freq) for i in range(min(3, len(window)))):
        return False
    if _opinion_or_use(window, freq):
        return False  # "most people think", "many people might use it"
    if _treatment_given(span, freq) or _access_object(span, freq) or _counts_kinds(span, freq):
        return False  # "most patients … initially receive chemotherapy": practice
    if window[:1] and window[0] in _PERMISSION and _starts_with(window[1:], freq["dosing_steps"]):
        return False  # "most patients can have just aspirin": a treatment choice
    effect = effect_verb_in(window, freq) or any(t in freq["adverse_nouns"] for t in window)
    if window[:1] == ["would"] and not effect and not _has(window, freq["outcome_words"]):
        return False  # "most patients would welcome a pill": a guess at what they think
    if span.text.lower() in freq["weak_quantities"]:
        return effect
    return True


_MODALS = frozenset({"might", "may", "could", "can"})


def _opinion_or_use(window: list[str], freq: dict[str, Any]) -> bool:
    """The verb after a quantity ("most people think", "many people should", "so many
    people might use it", past fillers and modals) is one of ``quantity_not_after``."""
    words = [t for t in window[:5] if t not in _FILLERS and t not in _MODALS]
    not_after: frozenset[str] = freq["quantity_not_after"]
    return " ".join(words[:1]) in not_after or " ".join(words[:2]) in not_after


_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "your"}
)


def _has(words: list[str], vocab: frozenset[str]) -> bool:
    return any(t in vocab for t in words)


def effect_verb_in(words: list[str], freq: dict[str, Any]) -> bool:
    """An effect verb among ``words`` (in text order) used as a verb: not a noun after a
    determiner ("the results of two trials", "as a result of") and not a reporting verb
    after its source ("…, the researchers report")."""
    for i, t in enumerate(words):
        if t not in freq["effect_verbs"]:
            continue
        prev = words[i - 1] if i > 0 else ""
        if prev not in _DETERMINERS and prev not in freq["method_nouns"]:
            return True
    return False


def _method_noun(window: list[str], i: int, freq: dict[str, Any]) -> bool:
    """``window[i]`` after a quantity names research or professionals ("a minority of
    trials", "most doctors"); a verb right after the quantity is not one ("some people
    report a bitter taste")."""
    return window[i] in freq["method_nouns"] and not (i == 0 and window[i] in freq["effect_verbs"])


def _access_object(span: Span, freq: dict[str, Any]) -> bool:
    """'More appealing to many men', 'pay for the drug for many patients': the quantity
    follows 'to' or 'for' after a word of opinion, access or prescribing."""
    prev = before(span, 5)
    return bool(prev) and prev[0] in ("to", "for") and _has(prev[1:], freq["access_words"])


def _counts_kinds(span: Span, freq: dict[str, Any]) -> bool:
    """'Linked to a growing number of complications': a count of kinds of things, not of
    the people affected ("a large number of patients")."""
    if span[-1].lower_ != "number":
        return False
    nxt = after(span, 3)
    return nxt[:1] == ["of"] and _has(nxt[1:3], freq["counted_kinds"])


_PERMISSION = frozenset({"can", "could", "may"})
_COPULAS = frozenset({"is", "are", "was", "were"})


def _treatment_given(span: Span, freq: dict[str, Any]) -> bool:
    """The rest of the sentence says what the people are given ("receive", "are treated
    with") and names no effect or outcome."""
    sent = sentence_of(span)
    rest = [t.lower_ for t in span.doc[span.end : min(sent.end, span.end + 25)]]
    if "which" in rest:  # "…, which provides only marginal benefit": about the treatment
        rest = rest[: rest.index("which")]
    if not any(_main_verb(rest, i) for i, t in enumerate(rest) if t in freq["treatment_verbs"]):
        return False
    words = freq["adverse_nouns"] | freq["outcome_words"]
    return not effect_verb_in(rest, freq) and not _has(rest, words)


_BE = frozenset({"is", "are", "was", "were", "be", "been"})


def _main_verb(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the sentence's verb ("initially receive", "are being treated")
    rather than a participle naming the group ("people being treated with X have …",
    "patients treated with X …")?"""
    if not words[i].endswith("ed"):
        return True
    prev = words[i - 1] if i > 0 else ""
    if prev == "being":
        prev = words[i - 2] if i > 1 else ""
    return prev in _BE


_AUX = frozenset({"did", "do", "does", "not", "don't", "didn't", "doesn't", "n't"})


def _starts_any(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Does one of ``phrases`` (each one or more words) start at some word of ``words``?"""
    text = " " + " ".join(words) + " "
    return any(f" {p} " in text for p in phrases)


def _starts_with(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Do ``words`` begin with one of ``phrases`` (each one or more words)?"""
    text = " ".join(words) + " "
    return any(text.startswith(p + " ") for p in phrases)


def _treatment_role(span: Span, nxt: list[str], freq: dict[str, Any]) -> bool:
    """'Medication is often the first line of defence': a treatment noun, a copula, the
    adverb and a role ('the', 'a', 'one') with no effect or condition after it."""
    prev = before(span, 2)
    return (
        len(prev) == 2
        and prev[0] in _COPULAS
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
    if _starts_with(nxt, freq["dosing_steps"]):
        return True
    if nxt[:1] and nxt[0] in _MEANS and _has(nxt[1:4], freq["treatment_means"]):
        return True  # "usually through surgery or freezing": how it is treated
    if nxt[:3] == ["one", "of", "the"] and nxt[3:] and nxt[3].endswith("est"):
        return not _has(
            after(span, 8), freq["condition_nouns"]
        )  # "usually one of the strongest bones"
    if _treatment_role(span, nxt, freq):
        return True
    effect = effect_verb_in(nxt, freq) or _has(nxt, freq["adverse_nouns"])
    return (
        bool(nxt[:1])
        and nxt[0] in ("the", "a", "how")
        and any(t in freq["method_nouns"] for t in nxt[1:])
        and not effect
    )


_ADVICE = frozenset({"can", "should", "must", "need"})
_MEANS = frozenset({"through", "via", "by", "with"})
_FILLERS = frozenset({"also", "still", "just", "only", "often", "usually", "will", "would"})


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
    if _starts_any(after(span, 30), freq["need_words"]):
        return False  # "in some cases, surgery may be necessary": a treatment need
    if _habit_adverb(span, freq) or _not_an_occurrence(span, freq):
        return False
    if _activity_subject(span, freq):
        return False
    if span.text.lower() in freq["context_adverbs"]:
        near, prev = after(span, 3), before(span, 3)
        return (
            effect_verb_in(near, freq)
            or _has(prev, freq["effect_verbs"])
            or _has(prev + near, freq["condition_nouns"])
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
    rest = [t for t in rest if t not in _MODALS]
    return _starts_with(rest, freq["thought_verbs"])


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
    if "," in lead or _has(lead, freq["condition_openers"] | freq["effect_verbs"]):
        return False  # "Feeling tired, patients often …": a participle, not the subject
    nxt = after(span, 8)
    nouns = freq["adverse_nouns"] | freq["condition_nouns"]
    return not effect_verb_in(nxt, freq) and not _has(nxt, nouns)


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
