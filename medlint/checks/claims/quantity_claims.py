"""Is a quantity ("most patients", "the majority", "a growing number") a claim about how
often an effect or condition occurs (C401)?

"Most people develop a rash", "many patients don't survive" are; a quantity of studies or
professionals ("a minority of trials"), an opinion or a use ("most people think", "so many
people might use it"), what people are given ("most patients first receive chemotherapy"),
what people think of or can get ("more appealing to many men") and a count of kinds
("linked to a growing number of complications") are not.  The word lists come from
rules/frequency.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.clauses import MODALS, after, before, has_any, starts_with
from medlint.checks.claims.frequency import effect_verb_in

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


def quantity_claim(span: Span, freq: dict[str, Any]) -> bool:
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
    if window[:1] and window[0] in _PERMISSION and starts_with(window[1:], freq["dosing_steps"]):
        return False  # "most patients can have just aspirin": a treatment choice
    effect = effect_verb_in(window, freq) or any(t in freq["adverse_nouns"] for t in window)
    if window[:1] == ["would"] and not effect and not has_any(window, freq["outcome_words"]):
        return False  # "most patients would welcome a pill": a guess at what they think
    if span.text.lower() in freq["weak_quantities"]:
        return effect
    return True


def _opinion_or_use(window: list[str], freq: dict[str, Any]) -> bool:
    """The verb after a quantity ("most people think", "many people should", "so many
    people might use it", past fillers and modals) is one of ``quantity_not_after``."""
    words = [t for t in window[:5] if t not in _FILLERS and t not in MODALS]
    not_after: frozenset[str] = freq["quantity_not_after"]
    return " ".join(words[:1]) in not_after or " ".join(words[:2]) in not_after


def _method_noun(window: list[str], i: int, freq: dict[str, Any]) -> bool:
    """``window[i]`` after a quantity names research or professionals ("a minority of
    trials", "most doctors"); a verb right after the quantity is not one ("some people
    report a bitter taste")."""
    return window[i] in freq["method_nouns"] and not (i == 0 and window[i] in freq["effect_verbs"])


def _access_object(span: Span, freq: dict[str, Any]) -> bool:
    """'More appealing to many men', 'pay for the drug for many patients': the quantity
    follows 'to' or 'for' after a word of opinion, access or prescribing."""
    prev = before(span, 5)
    return bool(prev) and prev[0] in ("to", "for") and has_any(prev[1:], freq["access_words"])


def _counts_kinds(span: Span, freq: dict[str, Any]) -> bool:
    """'Linked to a growing number of complications': a count of kinds of things, not of
    the people affected ("a large number of patients")."""
    if span[-1].lower_ != "number":
        return False
    nxt = after(span, 3)
    return nxt[:1] == ["of"] and has_any(nxt[1:3], freq["counted_kinds"])


_FILLERS = frozenset({"also", "still", "just", "only", "often", "usually", "will", "would"})
_PERMISSION = frozenset({"can", "could", "may"})


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
    return not effect_verb_in(rest, freq) and not has_any(rest, words)


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
