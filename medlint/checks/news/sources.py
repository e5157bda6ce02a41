"""Who a news article quotes, and whether they are the study's own people (N807).

HealthNewsReview criterion 6 asks for at least one source with no stake in the study: not its
authors, their institution or the maker.  This module reads the ``sources`` section of
rules/news.yaml:

* :func:`named_speakers`: the people the article quotes by name, by surname ("said Dr. Ana
  Ruiz", "Ruiz said", "according to Ruiz"); a pronoun ("she said") adds nobody;
* :func:`speaker_standing`: for one surname, ``"affiliated"`` when a sentence naming them
  calls them an author, the study's leader or the maker's officer (or the name is a
  company's), ``"independent"`` when one says they were not involved, else ``"unknown"``;
* :func:`group_sources`: the groups that speak for the study or its maker ("the
  researchers said", "according to a company news release");
* :func:`has_independent_voice`: whether the article says anywhere that someone was not
  involved in the study, or quotes an outside expert, a critic or an editorial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.checks.news.sentences import news_sentences
from medlint.checks.news.subjects import compile_any, section, subject_patterns

AFFILIATED = "affiliated"
INDEPENDENT = "independent"
UNKNOWN = "unknown"

#: the word before a name that makes it a place or an institution ("a university in Boston said")
NOT_AFTER = re.compile(r"\b(?:in|of|at|from|for|the|to|by|with|on)\s+$", re.IGNORECASE)

#: a name: up to three capitalised words, with an optional first or middle initial
NAME = r"(?:[A-Z]\.\s+)?[A-Z][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:de|van|von|da|del|le)?\s*[A-Z][\w'’-]+){0,2}"


@dataclass(frozen=True)
class SourcePatterns:
    after_verb: re.Pattern[str]  # "said Dr. Ana Ruiz"
    before_verb: re.Pattern[str]  # "Ruiz said", "Dr. Ruiz told"
    appositive: re.Pattern[str]  # "Ana Ruiz, an oncologist at Mercy Hospital, said"
    affiliated: re.Pattern[str]
    independent: re.Pattern[str]
    groups: re.Pattern[str]
    not_names: frozenset[str]


@packs.pack_cache
def source_patterns() -> SourcePatterns:
    """The compiled ``sources`` section of rules/news.yaml."""
    sec = section("sources")
    verbs = [str(v) for v in sec.get("speech-verbs") or []]
    # "told" names the listener after it ("told Reuters"): only a name before it speaks
    after = "|".join(
        re.escape(v) + (r"\s+to" if v == "according" else "") for v in verbs if v != "told"
    )
    before = "|".join(re.escape(v) for v in verbs if v != "according")
    titles = "|".join(re.escape(str(h)) for h in sec.get("honorifics") or [])
    title = rf"(?:(?:{titles})\.?\s+)?" if titles else ""
    return SourcePatterns(
        after_verb=re.compile(rf"\b(?:{after or 'x^'}),?\s+{title}(?P<name>{NAME})"),
        before_verb=re.compile(rf"(?P<name>{NAME}),?\s+(?:{before or 'x^'})\b"),
        appositive=re.compile(
            rf"{title}(?P<name>{NAME}),\s+(?:an?|the|who)\s[^,;“”\"]{{3,160}},?\s+(?:{before or 'x^'})\b"
        ),
        affiliated=compile_any(sec.get("affiliated")),
        independent=compile_any(sec.get("independent")),
        groups=compile_any(sec.get("affiliated-groups")),
        not_names=frozenset(str(w) for w in sec.get("not-names") or []),
    )


def _surname(name: str, not_names: frozenset[str]) -> str | None:
    words = [w for w in re.split(r"\s+", name) if w and not w.endswith(".")]
    words = [w for w in words if w not in not_names]
    if not words:
        return None
    return words[-1].rstrip("'’s") if words[-1].endswith(("'s", "’s")) else words[-1]


@per_article
def named_speakers(analysis: Analysis) -> list[str]:
    """The surnames of the people the article quotes, in order of first quote."""
    pats = source_patterns()
    out: list[str] = []
    for sent in news_sentences(analysis):
        if sent.in_title:
            continue
        for rx in (pats.after_verb, pats.before_verb, pats.appositive):
            for m in rx.finditer(sent.text):
                if NOT_AFTER.search(sent.text, 0, m.start("name")):
                    continue
                name = _surname(m.group("name"), pats.not_names)
                if name and name not in out:
                    out.append(name)
    return out


def speaker_standing(analysis: Analysis, surname: str) -> str:
    """Whether the person called ``surname`` speaks for the study or its maker."""
    pats = source_patterns()
    if subject_patterns().company.fullmatch(surname):
        return AFFILIATED  # "Roche said": the maker speaks
    word = re.compile(rf"\b{re.escape(surname)}\b")
    standing = UNKNOWN
    for sent in news_sentences(analysis):
        if not word.search(sent.text):
            continue
        if pats.independent.search(sent.text):
            return INDEPENDENT
        if pats.affiliated.search(sent.text):
            standing = AFFILIATED
    return standing


def group_sources(analysis: Analysis) -> list[str]:
    """The groups speaking for the study or its maker, as written ("the researchers said")."""
    rx = source_patterns().groups
    return [m.group(0) for s in news_sentences(analysis) for m in rx.finditer(s.text)]


def has_independent_voice(analysis: Analysis) -> bool:
    """Whether the article says someone was not involved, or quotes an outsider."""
    return source_patterns().independent.search(analysis.joined_text()) is not None
