"""Whether a news article answers a criterion: says what harms (N802) or costs (N803) the
intervention has, who paid for the study (N806), whether it is available (N808).

The words that answer the harms, cost and availability criteria come in two kinds
(rules/news.yaml, sections ``harms``, ``cost``, ``availability``):

* ``mentions``: words that only ever answer the criterion ("side effects", "adverse
  events", "out-of-pocket", "price", "not yet approved"): anywhere in the article;
* ``general``: words that answer it only when said OF THE INTERVENTION ("harmful",
  "bleeding", "risk", "cost", "cheap", "FDA", "prescribed"), which the ``said-of`` patterns
  tie to it: "the drug can cause bleeding", "the risk of bleeding with apixaban",
  "patients taking them had a higher risk", "a cheap vaccine", "the cost of the drug".
  The same words said of the disease ("a dangerous disease", "opioid addiction
  medications", "the risk of heart attack") or of something else ("cheap copies", "the
  cost of care") answer nothing.

A ``said-of`` pattern has slots: ``{word}`` (the section's ``general`` words),
``{intervention}`` (an intervention word, a drug name or a brand: the ``subject`` section;
or a general noun of ``stand-ins``), ``{it}`` (the same, or a pronoun of ``pronouns``) and ``{gap}`` (one character of the same
clause that does not start a word of ``not-across``: "the vaccine prevents infections that
cause deaths" ties no death to the vaccine).

* :func:`answer_patterns`: the compiled patterns (:class:`Answers` for harms, cost and
  availability; a regular expression for funding);
* :func:`mentions`: whether a pattern or an :class:`Answers` occurs anywhere in the article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from medlint import packs
from medlint.analysis import Analysis
from medlint.checks.news.patterns import any_of, compile_any, section
from medlint.checks.news.subjects import Subject, subject_patterns

#: where a clause ends: a ``said-of`` pattern never reaches across one of these
CLAUSE_END = re.compile(r"[.;:!?\n]")

#: what the subject's own name is read as in a ``said-of`` tie (an ``intervention`` word)
STAND_IN = "drug"


class Searchable(Protocol):
    def search(self, text: str) -> object: ...


@dataclass(frozen=True)
class Answers:
    """The words that answer one criterion: ``mentions`` anywhere, ``general`` words only in
    a clause where ``said_of`` ties them to the intervention."""

    mentions: re.Pattern[str]
    general: re.Pattern[str]
    said_of: re.Pattern[str]

    def search(self, text: str, names: tuple[str, ...] = ()) -> bool:
        """Whether ``text`` answers the criterion (a general word is looked for first, and
        the ``said-of`` patterns run only on the clauses that have one).  ``names`` are the
        names the article gives its subject ("Opdivo"): in a ``said-of`` tie they stand for
        the intervention as a drug word would ("Opdivo is already approved")."""
        if self.mentions.search(text):
            return True
        if not self.general.search(text):
            return False
        if names:
            named = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names))
            text = named.sub(STAND_IN, text)
        return any(
            self.general.search(clause) and self.said_of.search(clause)
            for clause in CLAUSE_END.split(text)
        )


@dataclass(frozen=True)
class AnswerPatterns:
    """The words that answer each criterion."""

    harms: Answers  # N802: ``harms``
    cost: Answers  # N803: ``cost``
    not_cost: re.Pattern[str]  # N803: ``cost.not-mentions`` (a share price, a market size)
    funding: re.Pattern[str]  # N806: ``funding.statements``
    availability: Answers  # N808: ``availability``


def _alternation(patterns: Any, flags: str = "") -> str:
    return f"(?{flags}:{any_of(patterns)})"


def _said_of(sec: Mapping[str, Any]) -> list[str]:
    """The section's ``said-of`` patterns with their slots filled."""
    subject = section("subject")
    intervention = "|".join(
        (
            _alternation(subject.get("intervention")),
            # drug stems and brands are matched as written (see subjects.subject_patterns)
            _alternation(subject.get("drug-stems"), "-i"),
            _alternation(subject.get("product"), "-i"),
            # general nouns for it ("a safe and inexpensive intervention")
            _alternation([rf"\b{re.escape(str(w))}\b" for w in sec.get("stand-ins") or []]),
        )
    )
    pronouns = "|".join(re.escape(str(p)) for p in sec.get("pronouns") or [])
    not_across = "|".join(str(w) for w in sec.get("not-across") or [])
    slots = {
        "{word}": _alternation(sec.get("general")),
        "{intervention}": f"(?:{intervention})",
        "{it}": f"(?:{intervention}|\\b(?:{pronouns})\\b)" if pronouns else f"(?:{intervention})",
        "{gap}": f"(?:(?!\\b(?:{not_across})\\w*\\b)[^.;:!?\\n])" if not_across else r"[^.;:!?\n]",
    }
    out = []
    for pattern in sec.get("said-of") or []:
        for slot, value in slots.items():
            pattern = pattern.replace(slot, value)
        out.append(pattern)
    return out


def _answers(name: str) -> Answers:
    sec = section(name)
    return Answers(
        mentions=compile_any(sec.get("mentions")),
        general=compile_any(sec.get("general")),
        said_of=compile_any(_said_of(sec)),
    )


@packs.pack_cache
def answer_patterns() -> AnswerPatterns:
    """The compiled ``harms``, ``cost``, ``funding`` and ``availability`` sections."""
    subject_patterns()  # the `subject` section is valid (its patterns compile)
    return AnswerPatterns(
        harms=_answers("harms"),
        cost=_answers("cost"),
        not_cost=compile_any(section("cost").get("not-mentions")),
        # "FDA", "NICE" are upper case; the rest is matched case-insensitively
        funding=compile_any(section("funding").get("statements")),
        availability=_answers("availability"),
    )


def mentions(
    analysis: Analysis,
    pattern: Searchable,
    unless: re.Pattern[str] | None = None,
    names: tuple[str, ...] = (),
) -> bool:
    """Whether ``pattern`` (a regular expression or :class:`Answers`) occurs anywhere in the
    article (title, body, captions), outside the spans ``unless`` matches (those are blanked
    out first).  ``names``: the names of the article's subject, which an :class:`Answers`
    ties general words to as it ties them to an intervention word."""
    text = analysis.joined_text()
    if unless is not None:
        text = unless.sub(lambda m: " " * len(m.group(0)), text)
    if names and isinstance(pattern, Answers):
        return pattern.search(text, names)
    return bool(pattern.search(text))


def subject_names(about: Subject | None) -> tuple[str, ...]:
    """The name the article gives its subject when it is a named product ("Opdivo",
    "ketamine"), for :func:`mentions`; nothing for a common noun ("the drug")."""
    if about is None or not about.product:
        return ()
    if subject_patterns().intervention.fullmatch(about.word):
        return ()
    return (about.word,)
