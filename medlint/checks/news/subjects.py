"""What a news article is about: a treatment, test, device or procedure, a named product, its
maker; and whether the article says something anywhere (N802, N803, N806, N808).

Several HealthNewsReview criteria only apply to a story about an intervention: harms (N802),
costs (N803), availability (N808), and the funding of a study of a company's product (N806).
A story about a habit or a risk factor ("coffee drinkers live longer") is not judged on them.
This module reads the ``subject`` section of rules/news.yaml:

* :func:`subject`: the intervention the title and first paragraphs name (an
  ``intervention`` word, a drug named by its INN stem, or a brand), whether they name a
  specific product, call it new, and report a benefit of it; None when they name none (then
  the rules that need a subject stay quiet);
* :func:`company_mention`: a company or a maker named anywhere in the article;
* :func:`mentions`: whether any of a list of patterns occurs anywhere in the article (the
  words that answer a criterion: "side effects", "costs", "funded by", "approved").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.checks.news.sentences import lede

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block

NEVER = r"(?!x)x"


def compile_any(patterns: Any, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regular expression matching any of ``patterns`` (a list from a pack section)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns or []) or NEVER, flags)


def section(name: str) -> Mapping[str, Any]:
    """A section of rules/news.yaml (an empty mapping when it is missing)."""
    got = packs.load("news").get(name) or {}
    return got if isinstance(got, dict) else {}


@dataclass(frozen=True)
class SubjectPatterns:
    intervention: re.Pattern[str]
    drug: re.Pattern[str]
    product: re.Pattern[str]
    benefits: re.Pattern[str]
    new: re.Pattern[str]
    company: re.Pattern[str]
    does_good: re.Pattern[str]  # an intervention, then a benefit it brings, in one clause


#: words between an intervention and a benefit that deny it ("the pill did not help")
DENIED = re.compile(r"\b(?:not|no|never|nor|fails?|failed)\b|n['’]t\b", re.IGNORECASE)


@packs.pack_cache
def subject_patterns() -> SubjectPatterns:
    """The compiled ``subject`` section of rules/news.yaml."""
    sec = section("subject")
    return SubjectPatterns(
        intervention=compile_any(sec.get("intervention")),
        # drug stems are lower case: a capitalised word ending in "-sone" is a surname
        drug=compile_any(sec.get("drug-stems"), 0),
        product=compile_any(sec.get("product"), 0),
        benefits=compile_any(sec.get("benefits")),
        new=re.compile(
            rf"(?:{compile_any(sec.get('new')).pattern})\s+(?:[\w'’-]+\s+){{0,3}}?"
            rf"(?:{compile_any(sec.get('intervention')).pattern})",
            re.IGNORECASE,
        ),
        company=compile_any(sec.get("company"), 0),
        does_good=re.compile(
            rf"(?P<what>{compile_any(sec.get('intervention')).pattern}"
            rf"|(?-i:{compile_any(sec.get('drug-stems')).pattern}))"
            rf"(?P<gap>[^.;:!?]{{0,60}}?)(?:{compile_any(sec.get('benefits')).pattern})"
            # "find relief in an immunotherapy toothpaste": the benefit first
            rf"|\b(?:relief|hope|promise|benefits?|help)\s+(?:in|from|with|of)\s+"
            rf"(?:[\w'’-]+\s+){{0,3}}?(?P<after>{compile_any(sec.get('intervention')).pattern})",
            re.IGNORECASE,
        ),
    )


@dataclass(frozen=True)
class Subject:
    """The intervention an article's title and first paragraphs name."""

    word: str  # the first word that names it, as written
    block: Block  # where it is named
    start: int  # offsets of ``word`` in ``block.text``
    end: int
    product: bool  # a named drug or a brand: a specific product
    new: bool  # "a new drug", "an experimental vaccine" in the title or first paragraphs
    benefit: bool  # the title or first paragraphs report a benefit


@per_article
def subject(analysis: Analysis) -> Subject | None:
    """The intervention the title and first paragraphs are about, or None.

    The subject is the first intervention that a benefit follows in the same clause ("the
    drug eased…", "a vaccine that protects…"); failing that, the first intervention named
    (then ``benefit`` is False: "the stress of chemotherapy" is no benefit of it)."""
    pats = subject_patterns()
    opening = lede(analysis)
    first: tuple[Block, re.Match[str]] | None = None
    good: tuple[Block, re.Match[str]] | None = None
    product = new = False
    for block in opening:
        text = block.text
        named = pats.drug.search(text) or pats.product.search(text)
        found = pats.intervention.search(text) or named
        if found is not None and first is None:
            first = (block, found)
        if good is None:
            good = _does_good(block, pats.does_good)
        product = product or named is not None
        new = new or pats.new.search(text) is not None
    chosen = good or first
    if chosen is None:
        return None
    block, m = chosen
    a, b = (m.span("what") if m.group("what") else m.span("after")) if good else m.span()
    return Subject(block.text[a:b], block, a, b, product, new, good is not None)


def _does_good(block: Block, rx: re.Pattern[str]) -> tuple[Block, re.Match[str]] | None:
    for m in rx.finditer(block.text):
        if not DENIED.search(m.group("gap") or ""):
            return (block, m)
    return None


@per_article
def company_mention(analysis: Analysis) -> str | None:
    """The first company or maker the article names ("Pfizer", "the drugmaker"), or None."""
    m = subject_patterns().company.search(analysis.joined_text())
    return m.group(0) if m else None


def mentions(analysis: Analysis, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` occurs anywhere in the article (title, body, captions)."""
    return pattern.search(analysis.joined_text()) is not None


@dataclass(frozen=True)
class AnswerPatterns:
    """The words that answer a criterion when the article has them anywhere."""

    harms: re.Pattern[str]  # N802: ``harms.mentions``
    cost: re.Pattern[str]  # N803: ``cost.mentions``
    funding: re.Pattern[str]  # N806: ``funding.statements``
    availability: re.Pattern[str]  # N808: ``availability.statements``


@packs.pack_cache
def answer_patterns() -> AnswerPatterns:
    """The compiled ``harms``, ``cost``, ``funding`` and ``availability`` sections."""
    return AnswerPatterns(
        harms=compile_any(section("harms").get("mentions")),
        cost=compile_any(section("cost").get("mentions")),
        # "FDA", "NICE" are upper case; the rest is matched case-insensitively
        funding=compile_any(section("funding").get("statements")),
        availability=compile_any(section("availability").get("statements")),
    )
