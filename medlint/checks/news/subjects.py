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
* :func:`subject_patterns`: the compiled section, whose ``company`` pattern names makers
  (N806 and the sources read it).

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
from medlint.checks.news.patterns import NEVER, any_of, compile_any, section
from medlint.checks.news.sentences import lede, opening

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block


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
    purpose: re.Pattern[str]  # "prescribed to " before a benefit: what it is for
    what: str  # the pattern of an intervention word or a drug stem (for does_good)
    # does_good with a masked product name (see mask_names) also taken for an intervention,
    # and with only a masked name: compiled once, not per article
    does_good_named: re.Pattern[str]
    good_of_named: re.Pattern[str]
    named: tuple[re.Pattern[str], ...]  # a product named by its name (group ``name``)
    opening_words: int  # how far a named product is looked for (``opening-words``)
    denied: re.Pattern[str]  # words between an intervention and a benefit that deny it


@packs.pack_cache
def subject_patterns() -> SubjectPatterns:
    """The compiled ``subject`` section of rules/news.yaml."""
    sec = section("subject")
    what = (
        rf"{any_of(sec.get('intervention'))}"
        rf"|(?-i:{any_of(sec.get('drug-stems'))})"
    )
    return SubjectPatterns(
        intervention=compile_any(sec.get("intervention")),
        # drug stems are lower case: a capitalised word ending in "-sone" is a surname
        drug=compile_any(sec.get("drug-stems"), 0),
        product=compile_any(sec.get("product"), 0),
        benefits=compile_any(sec.get("benefits")),
        new=re.compile(
            rf"(?:{any_of(sec.get('new'))})\s+(?:[\w'’-]+\s+){{0,3}}?"
            rf"(?:{any_of(sec.get('intervention'))})",
            re.IGNORECASE,
        ),
        company=compile_any(sec.get("company"), 0),
        context_before=compile_any(sec.get("context-before")),
        context_after=compile_any(sec.get("context-after")),
        does_good=does_good_pattern(what),
        does_good_named=does_good_pattern(f"{what}|{MASKED}"),
        good_of_named=does_good_pattern(MASKED),
        what=what,
        purpose=compile_any(sec.get("purpose")),
        named=tuple(_named(p, sec) for p in sec.get("named") or []),
        opening_words=int(sec.get("opening-words", 150)),
        denied=compile_any(sec.get("denials")),
    )


#: what a product name the article gives is read as by the ``does_good`` patterns: one
#: private-use character per character of the name, so offsets stay those of the text
MASK = "\ue000"
MASKED = f"{MASK}+"


def mask_names(text: str, names: re.Pattern[str]) -> str:
    """``text`` with every product name ``names`` finds replaced by as many :data:`MASK`
    characters: the patterns compiled once with :data:`MASKED` in place of the names then
    find them where they would find the names, at the same offsets."""
    return names.sub(lambda m: MASK * len(m.group(0)), text)


def does_good_pattern(what: str) -> re.Pattern[str]:
    """``what`` (an intervention), then a benefit in the same clause; or a benefit, then
    ``what`` ("find relief in an immunotherapy toothpaste", "promise as a treatment")."""
    benefits = any_of(section("subject").get("benefits"))
    return re.compile(
        rf"(?P<what>{what})(?P<gap>[^.;:!?]{{0,60}}?)(?:{benefits})"
        rf"|\b(?:relief|hope|promise|benefits?|help)\s+(?:in|from|with|of|as)\s+"
        rf"(?:[\w'’-]+\s+){{0,3}}?(?P<after>{what})",
        re.IGNORECASE,
    )


#: a development code: capitals, then at least three digits ("MK-4305", "QAW039",
#: "I-BET151"); ``{not}``: what it never starts with (``not-codes``: NCT…, CYP450)
CODE = r"\b(?!{not})[A-Z][A-Z-]{0,6}\d{3,}[A-Za-z]?\b"
#: a name in small letters at the end of its phrase ("a drug called ketamine.")
LOWER = (
    r"[a-z][a-z-]{4,}(?=\s*[,.;:()\"”]|\s*$|\s+(?:is|was|has|had|which|that|for|to|in|and|or)\b)"
)


def _named(pattern: str, sec: Mapping[str, Any]) -> re.Pattern[str]:
    """A ``named`` pattern with its slots filled (see rules/news.yaml)."""
    nouns = "|".join(re.escape(w) for w in sec.get("product-nouns") or []) or NEVER
    not_names = "|".join(re.escape(w) for w in sec.get("not-names") or []) or NEVER
    not_codes = [str(w) for w in sec.get("not-codes") or []]
    slots = {
        "{noun}": f"(?:{nouns})",
        "{name}": rf"(?!(?:{not_names})\b)[A-Z][\w'’-]*[a-z0-9][\w-]*",
        "{code}": CODE.replace("{not}", "|".join(map(re.escape, not_codes)) or NEVER),
        "{lower}": LOWER,
        "{stem}": any_of(sec.get("drug-stems")),
    }
    for slot, value in slots.items():
        pattern = pattern.replace(slot, value)
    return re.compile(pattern)


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
    (then ``benefit`` is False: "the stress of chemotherapy" is no benefit of it).  A
    product the first ``opening-words`` words name by its name ("a drug called ketamine")
    counts wherever the title or first paragraphs mention it ("A life changed by
    ketamine"), and a benefit of it reported in those words counts too ("ketamine helped
    me") — the first paragraphs of a feature story tell of a person, not the treatment."""
    pats = subject_patterns()
    lede_blocks = lede(analysis)
    in_lede = {b.index for b in lede_blocks}
    wider = [b for b in opening(analysis, pats.opening_words) if b.index not in in_lede]
    specific = _specific_pattern(product_names([*lede_blocks, *wider], pats))
    does_good = pats.does_good if specific is None else pats.does_good_named
    first: tuple[Block, re.Match[str]] | None = None
    good: tuple[Block, re.Match[str]] | None = None
    product = new = False
    for block in lede_blocks:
        text = block.text
        named = _named_here(text, pats, specific)
        found = _first_subject(text, pats, specific) or named
        if found is not None and first is None:
            first = (block, found)
        if good is None:
            good = _does_good(block, does_good, pats, specific)
        product = product or named is not None
        new = new or pats.new.search(text) is not None
    if good is None and first is not None and specific is not None:
        good = _good_further_on(lede_blocks, wider, first[1], specific, pats)
    chosen = good or first
    if chosen is None:
        return None
    block, m = chosen
    a, b = (m.span("what") if m.group("what") else m.span("after")) if good else m.span()
    return Subject(block.text[a:b], block, a, b, product, new, good is not None)


def _good_further_on(
    lede_blocks: list[Block],
    wider: list[Block],
    first: re.Match[str],
    specific: re.Pattern[str],
    pats: SubjectPatterns,
) -> tuple[Block, re.Match[str]] | None:
    """A benefit, in the paragraphs after the lede, of a named product the lede mentions
    ("Ketamine helped me get my life back")."""
    shown = {m.group(0).lower() for b in lede_blocks for m in specific.finditer(b.text)}
    shown.add(first.group(0).lower())
    for block in wider:
        hit = _does_good(block, pats.good_of_named, pats, specific)
        if hit and hit[1].group("what"):
            a, b = hit[1].span("what")
            if block.text[a:b].lower() in shown:
                return hit
    return None


def product_names(blocks: list[Block], pats: SubjectPatterns) -> list[str]:
    """The names ``blocks`` give products ("a drug called ketamine" → "ketamine")."""
    names: list[str] = []
    for block in blocks:
        for rx in pats.named:
            for m in rx.finditer(block.text):
                name = m.group("name")
                if name and name.lower() not in (n.lower() for n in names):
                    names.append(name)
    return names


def _specific_pattern(names: list[str]) -> re.Pattern[str] | None:
    """A mention of one of the product ``names`` this article gives (any case)."""
    alts = [rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)]
    if not alts:
        return None
    return re.compile("|".join(alts), re.IGNORECASE)


def _named_here(
    text: str, pats: SubjectPatterns, specific: re.Pattern[str] | None
) -> re.Match[str] | None:
    """The first named product in ``text``: a drug by its stem, a brand, a learned name."""
    hits = [pats.drug.search(text), pats.product.search(text)]
    if specific is not None:
        hits.append(specific.search(text))
    return min((h for h in hits if h is not None), key=lambda h: h.start(), default=None)


def _does_good(
    block: Block, rx: re.Pattern[str], pats: SubjectPatterns, names: re.Pattern[str] | None
) -> tuple[Block, re.Match[str]] | None:
    """The first intervention of ``block`` that a benefit follows in one clause (``rx``),
    not denied, not a purpose, not the story's setting.  With ``names`` (the product names
    the article gives) the block is read with them masked (:func:`mask_names`): the match's
    offsets are those of ``block.text``, its groups' text is the mask's."""
    text = block.text
    scan = text if names is None else mask_names(text, names)
    for m in rx.finditer(scan):
        what = "what" if m.group("what") else "after"
        gap = text[m.start("gap") : m.end("gap")] if m.group("gap") else ""
        if (
            pats.denied.search(gap)
            or pats.purpose.search(gap)
            or in_context(block.text, *m.span(what), pats)
        ):
            continue
        return (block, m)
    return None


def _first_subject(
    text: str, pats: SubjectPatterns, specific: re.Pattern[str] | None = None
) -> re.Match[str] | None:
    """The first intervention word (or learned product name) of ``text`` that is not the
    story's setting."""
    hits = [m for m in pats.intervention.finditer(text) if not in_context(text, *m.span(), pats)]
    if specific is not None:
        hits += [m for m in specific.finditer(text) if not in_context(text, *m.span(), pats)]
    return min(hits, key=lambda h: h.start(), default=None)


def in_context(text: str, start: int, end: int, pats: SubjectPatterns) -> bool:
    """Whether the intervention at ``text[start:end]`` is the setting of the story ("patients
    undergoing chemotherapy", "chemotherapy side effects"), not what it reports on."""
    before = text[max(0, start - 60) : start]
    return bool(pats.context_before.search(before) or pats.context_after.match(text, end))
