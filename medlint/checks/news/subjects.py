"""What a news article is about: a treatment, test, device or procedure, a named product, its
maker (N802, N803, N806, N808).

Several HealthNewsReview criteria only apply to a story about an intervention: harms (N802),
costs (N803), availability (N808), and the funding of a study of a company's product (N806).
A story about a habit or a risk factor ("coffee drinkers live longer") is not judged on them.
This module reads the ``subject`` section of rules/news.yaml:

* :func:`news_subject`: :func:`subject` of a news story or release (None for other kinds);
* :func:`subject`: the intervention the title and first paragraphs name (an
  ``intervention`` word, a drug named by its INN stem, or a brand), whether they name a
  specific product, call it new, and report a benefit of it; None when they name none (then
  the rules that need a subject stay quiet);
* :func:`company_mention`: a company or a maker named anywhere in the article.

Whether the article answers a criterion (harms, cost, funding, availability) is read by
:mod:`medlint.checks.news.answers`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article
from medlint.analysis.article_kind import article_kind
from medlint.checks.news.sentences import lede

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block

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
    context_before: re.Pattern[str]  # "patients undergoing " before an intervention word
    context_after: re.Pattern[str]  # " side effects" after it
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
        context_before=compile_any(sec.get("context-before")),
        context_after=compile_any(sec.get("context-after")),
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

    def line(self, article: Article) -> int:
        """The source line of ``article`` where the subject is named (for messages)."""
        return article.line_of(self.block.src_offset(self.start))


def news_subject(analysis: Analysis) -> Subject | None:
    """The subject of a news story or news release; None for any other kind of article
    (the N rules apply to news only) or when the opening names no intervention."""
    return subject(analysis) if article_kind(analysis).is_news else None


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
        found = _first_subject(text, pats) or named
        if found is not None and first is None:
            first = (block, found)
        if good is None:
            good = _does_good(block, pats)
        product = product or named is not None
        new = new or pats.new.search(text) is not None
    chosen = good or first
    if chosen is None:
        return None
    block, m = chosen
    a, b = (m.span("what") if m.group("what") else m.span("after")) if good else m.span()
    return Subject(block.text[a:b], block, a, b, product, new, good is not None)


def _does_good(block: Block, pats: SubjectPatterns) -> tuple[Block, re.Match[str]] | None:
    for m in pats.does_good.finditer(block.text):
        what = "what" if m.group("what") else "after"
        if DENIED.search(m.group("gap") or "") or in_context(block.text, *m.span(what), pats):
            continue
        return (block, m)
    return None


def _first_subject(text: str, pats: SubjectPatterns) -> re.Match[str] | None:
    """The first intervention word of ``text`` that is not the story's setting."""
    for m in pats.intervention.finditer(text):
        if not in_context(text, m.start(), m.end(), pats):
            return m
    return None


def in_context(text: str, start: int, end: int, pats: SubjectPatterns) -> bool:
    """Whether the intervention at ``text[start:end]`` is the setting of the story ("patients
    undergoing chemotherapy", "chemotherapy side effects"), not what it reports on."""
    before = text[max(0, start - 60) : start]
    return bool(pats.context_before.search(before) or pats.context_after.match(text, end))


@per_article
def company_mention(analysis: Analysis) -> str | None:
    """The first company or maker the article names ("Pfizer", "the drugmaker"), or None."""
    m = subject_patterns().company.search(analysis.joined_text())
    return m.group(0) if m else None
