"""What study the article is about: animal, cell or lab results; preliminary results (N804).

A mouse study headlined as a cure is the classic fault HealthNewsReview criterion 4 ("Does
the story adequately discuss the quality of the evidence?") names.  This module reads the
``study-type`` section of rules/news.yaml:

* :func:`animal_lab_sentences`: the sentences that report a result from animals, cells or
  the lab (an ``animal-lab`` word, not in background: "earlier studies in mice", and not
  about people in the same sentence);
* :func:`signal_blocks` and :func:`signalled`: whether the title and the first paragraph say
  so (a paragraph of fewer than :data:`DECK_WORDS` words, a deck or a standfirst, takes the
  next one with it); :func:`opens_with_human_study`: whether they report a study in people
  (then the animal work is background);
* :func:`preliminary_mentions` and :func:`has_caveat`: a conference presentation, a preprint
  or a pilot study, and whether the article says anywhere that the results are preliminary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.checks.news.patterns import compile_any, section
from medlint.checks.news.sentences import Sentence, is_title, news_sentences, read_blocks

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

#: a first paragraph shorter than this is a deck: the next paragraph is read with it
DECK_WORDS = 25


@dataclass(frozen=True)
class StudyPatterns:
    animal_lab: re.Pattern[str]
    signals: re.Pattern[str]
    background: re.Pattern[str]
    human: re.Pattern[str]
    human_study: re.Pattern[str]
    min_sentences: int
    preliminary: re.Pattern[str]
    caveats: re.Pattern[str]


@packs.pack_cache
def study_patterns() -> StudyPatterns:
    """The compiled ``study-type`` section of rules/news.yaml."""
    sec = section("study-type")
    return StudyPatterns(
        animal_lab=compile_any(sec.get("animal-lab")),
        signals=compile_any(sec.get("signals")),
        background=compile_any(sec.get("background")),
        human=compile_any(sec.get("human")),
        human_study=compile_any(sec.get("human-study")),
        min_sentences=int(sec.get("min-sentences", 2)),
        preliminary=compile_any(sec.get("preliminary")),
        caveats=compile_any(sec.get("caveats")),
    )


@dataclass(frozen=True)
class Mention:
    """A match in a sentence: the sentence and the match's offsets in the sentence."""

    sentence: Sentence
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


@per_article
def animal_lab_sentences(analysis: Analysis) -> list[Mention]:
    """The first animal/lab word of each sentence that reports a result from animals, cells
    or the lab (not background, not also about people)."""
    pats = study_patterns()
    out: list[Mention] = []
    for sent in news_sentences(analysis):
        m = pats.animal_lab.search(sent.text)
        if m is None:
            continue
        if pats.background.search(sent.text) or pats.human.search(sent.text):
            continue
        out.append(Mention(sent, m.start(), m.end()))
    return out


@per_article
def signal_blocks(analysis: Analysis) -> list[Block]:
    """The title and the first paragraph (with the next one when the first is a deck)."""
    out: list[Block] = []
    words = 0
    for block in read_blocks(analysis):
        if is_title(block):
            out.append(block)
            continue
        if not block.is_prose:
            if words:
                break
            out.append(block)  # a heading above the first paragraph
            continue
        out.append(block)
        words += len(block.text.split())
        if words >= DECK_WORDS:
            break
    return out


def signalled(analysis: Analysis) -> bool:
    """Whether the title or the first paragraph says the study was in animals or the lab."""
    pats = study_patterns()
    return any(pats.signals.search(b.text) for b in signal_blocks(analysis))


def opens_with_human_study(analysis: Analysis) -> bool:
    """Whether the title or the first paragraph reports a study in people ("a phase 1
    trial", "120 patients"): the article is about that study."""
    pats = study_patterns()
    return any(pats.human_study.search(b.text) for b in signal_blocks(analysis))


def preliminary_mentions(analysis: Analysis) -> list[Mention]:
    """Each sentence's first mention of a conference presentation, preprint or pilot study."""
    pats = study_patterns()
    out: list[Mention] = []
    for sent in news_sentences(analysis):
        m = pats.preliminary.search(sent.text)
        if m is not None:
            out.append(Mention(sent, m.start(), m.end()))
    return out


def has_caveat(analysis: Analysis) -> bool:
    """Whether the article says anywhere that its results are preliminary."""
    pats = study_patterns()
    return any(pats.caveats.search(s.text) for s in news_sentences(analysis))
