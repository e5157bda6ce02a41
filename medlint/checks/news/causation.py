"""Association wording and the causal verbs that overstate it (N805).

An observational study (people who happened to take aspirin, compared with people who did
not) can show that two things go together, not that one causes the other; HealthNewsReview
criterion 4 marks down stories that report such a finding with "cuts", "prevents" or
"protects".  This module reads the ``association`` section of rules/news.yaml:

* :func:`association_evidence`: the sentences in which the article itself calls its finding
  observational or an association (``design`` wording anywhere; ``association`` wording in
  the title, the first paragraphs or a sentence about the finding);
* ``Evidence.trial``: whether the article also reports a trial (then only claims in a
  paragraph with association wording, in a sentence that reports no trial, are read as
  about the association); :func:`reports_trial_here` reads one sentence;
* :func:`causal_claims`: the causal verbs of a sentence that are not hedged ("may lower"),
  denied or part of a caveat ("cannot prove that it prevents"), as offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.checks.news.patterns import compile_any, section, word_alternation
from medlint.checks.news.sentences import Sentence, lede, news_sentences


@dataclass(frozen=True)
class CausationPatterns:
    design: re.Pattern[str]
    association: re.Pattern[str]
    trial: re.Pattern[str]
    trial_not: re.Pattern[str]
    claim: re.Pattern[str]
    hedge: re.Pattern[str]
    not_after: re.Pattern[str]
    not_a_claim: re.Pattern[str]
    background: re.Pattern[str]
    finding_words: re.Pattern[str]


@packs.pack_cache
def causation_patterns() -> CausationPatterns:
    """The compiled ``association`` section of rules/news.yaml (the risk and outcome nouns
    after a change verb are the ``risk-words`` here and the ``outcomes`` of relative-effect)."""
    sec = section("association")
    effect = section("relative-effect")
    nouns = [*(sec.get("risk-words") or []), *(effect.get("outcomes") or [])]
    # "lower than the rate seen in…" compares two figures: the verb is an adjective
    causal = "|".join(str(p) for p in sec.get("causal") or []) or r"(?!x)x"
    change = word_alternation(sec.get("change-verbs"))
    claim = (
        rf"\b(?:{causal})\b"
        rf"|\b(?:{change})\s+(?!than\b)(?:the\s+|their\s+|your\s+|a\s+person[’']s\s+|people[’']s\s+)?"
        rf"(?:[\w’'-]+\s+){{0,3}}?(?:{word_alternation(nouns)})\b"
    )
    return CausationPatterns(
        design=compile_any(sec.get("design")),
        association=compile_any(sec.get("association")),
        trial=compile_any(sec.get("trial")),
        trial_not=compile_any(sec.get("trial-not")),
        claim=re.compile(claim, re.IGNORECASE),
        hedge=re.compile(
            rf"\b(?:{word_alternation(sec.get('hedges'))})\s+(?:\w+\s+)?$", re.IGNORECASE
        ),
        # an adjective after a number ("a 31% lower risk") is a figure, not a claim
        not_after=re.compile(
            rf"(?:\b(?:{word_alternation(sec.get('not-after'))})|\d\s*%|\d|\bpercent|\bper\s+cent)\s+$",
            re.IGNORECASE,
        ),
        not_a_claim=compile_any(sec.get("not-a-claim")),
        background=compile_any(sec.get("background")),
        finding_words=compile_any(sec.get("finding-words")),
    )


@dataclass(frozen=True)
class Evidence:
    """Where the article calls its finding observational or an association."""

    sentences: tuple[Sentence, ...]
    words: str  # the first such wording, for messages
    trial: bool  # the article also reports a trial

    def blocks(self) -> set[int]:
        return {s.block.index for s in self.sentences}


@per_article
def association_evidence(analysis: Analysis) -> Evidence:
    """The sentences with ``design`` or ``association`` wording, and whether the article
    also reports a trial."""
    pats = causation_patterns()
    found: list[Sentence] = []
    words = ""
    trial = False
    opening = {b.index for b in lede(analysis)}
    for sent in news_sentences(analysis):
        m = pats.design.search(sent.text)
        if m is None and (sent.block.index in opening or about_finding(sent)):
            m = pats.association.search(sent.text)
        if m is not None:
            found.append(sent)
            words = words or m.group(0)
        if not trial and pats.trial.search(sent.text):
            trial = not pats.trial_not.search(sent.text)  # "trials are needed" reports none
    return Evidence(tuple(found), words, trial)


def reports_trial_here(sent: Sentence) -> bool:
    """Whether the sentence itself reports a trial ("in a randomized trial, …")."""
    pats = causation_patterns()
    return bool(pats.trial.search(sent.text)) and not pats.trial_not.search(sent.text)


def causal_claims(text: str, hedged: bool = False) -> list[tuple[int, int]]:
    """The causal claims of a sentence: (start, end) of each causal verb phrase that is not
    hedged right before ("may lower the risk") nor an adjective or a noun ("with increased
    risk", "the causes of"); none in a sentence that is a caveat or a question ("it cannot
    prove that aspirin prevents cancer", "Does aspirin prevent…?") or is about other, earlier
    work ("earlier studies suggested…").  With ``hedged``, hedged claims are claims too."""
    pats = causation_patterns()
    if pats.not_a_claim.search(text) or pats.background.search(text):
        return []
    out: list[tuple[int, int]] = []
    for m in pats.claim.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if (not hedged and pats.hedge.search(before)) or pats.not_after.search(before):
            continue
        out.append((m.start(), m.end()))
    return out


def about_finding(sent: Sentence) -> bool:
    """Whether a body sentence speaks of the study's finding ("researchers found…")."""
    return bool(causation_patterns().finding_words.search(sent.text))
