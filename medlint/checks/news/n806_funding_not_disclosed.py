"""N806 funding-not-disclosed: a study of a company's product, or by people with ties to its
maker, reported with no statement of who paid for it or of the authors' ties."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from medlint import packs
from medlint.analysis import Analysis
from medlint.analysis.article_kind import article_kind
from medlint.checks.news.answers import answer_patterns, mentions
from medlint.checks.news.patterns import compile_any, fill, section, strings
from medlint.checks.news.sentences import lede, news_sentences
from medlint.checks.news.sources import maker_ties_said, source_patterns
from medlint.checks.news.subjects import Subject, subject, subject_patterns
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N806",
    "funding-not-disclosed",
    "warning",
    "A study of a company's product, or by people with ties to its maker, is reported with "
    "no statement of who paid for it or of the authors' ties.",
    rationale=(
        "Studies paid for by the maker of what they test find in its favour more often than "
        "independent ones (Lundh et al., Cochrane 2017), and readers cannot weigh a result "
        "without knowing who paid for it. HealthNewsReview.org criterion 6 ('Does the story "
        "use independent sources and identify conflicts of interest?') asks stories to say "
        "who funded the research and what ties the researchers and the people quoted have "
        "to the maker. Applies to news stories and news releases about a treatment, test, "
        "device or procedure that name a company or a maker, or whose opening names a "
        "company's product (a brand in brackets after its generic, a development code) "
        "(docs/news.md). Words: rules/news.yaml (subject.company, funding). A company "
        "speaking ('Merck said') is no answer: it says neither who paid for the study nor "
        "what ties the researchers have; 'its own trial', 'company-funded' are."
    ),
    source="HealthNewsReview.org criterion 6 (conflicts of interest); Lundh et al., "
    "Cochrane 2017 (industry sponsorship and research outcome)",
    bad=(
        "# Implant quiets tinnitus\n\n"
        "A small implant behind the ear quieted ringing in the ears for most of 90 patients "
        "in a trial, researchers said. The device is made by Auralis Medical Inc.\n\n"
        "The results were published in the journal Otology, said Dr. Sam Ortiz, who led "
        "the study."
    ),
    good=(
        "# Implant quiets tinnitus\n\n"
        "A small implant behind the ear quieted ringing in the ears for most of 90 patients "
        "in a trial, researchers said. The device is made by Auralis Medical Inc., which "
        "paid for the study; two of the authors are consultants to the company.\n\n"
        "The results were published in the journal Otology, said Dr. Sam Ortiz."
    ),
    fix=(
        "Say who paid for the study and whether the researchers or the experts quoted have "
        "ties to the maker (grants, consulting fees, shares, employment) — or that the study "
        "had no company funding."
    ),
)
def funding_not_disclosed(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    if not article_kind(analysis).is_news:
        return
    if subject(analysis) is None:
        return
    if mentions(analysis, answer_patterns().funding):
        return
    if maker_ties_said(analysis):
        return  # "researchers from the company", "Berean, also an officer at Atmo": ties said
    if company_reports(analysis) or company_releases(analysis):
        return  # "the drug met its goal in the trial, Merck said": whose study it is is plain
    company = maker_named(analysis)
    if company is not None:
        named = f"names a company ('{company}')"
    else:
        product = named_product(analysis)
        if product is None:
            return
        named = f"names a company's product ('{product}')"
    yield ctx.article_finding(
        f"the article is about a treatment or product and {named} but says nothing of who "
        "paid for the research or of the researchers' ties to the maker: add who funded it "
        "and any such ties (or that there were none)"
    )


def company_reports(analysis: Analysis) -> bool:
    """Whether the company itself reports the results: a sentence in which it speaks ("Merck
    said", "the company said") gives a result or names the study (``funding.results``).  A
    company speaking of something else (a price, a launch date) says nothing of who paid."""
    company = subject_patterns().company
    pats = funding_patterns()
    speech = source_patterns()
    for sent in news_sentences(analysis):
        if not pats.results.search(sent.text):
            continue
        for rx in (speech.after_verb, speech.before_verb):
            if any(company.fullmatch(m.group("name")) for m in rx.finditer(sent.text)):
                return True
        if pats.had_said.search(sent.text):
            return True
        if any(company.search(m.group(0)) for m in speech.groups.finditer(sent.text)):
            return True
    return False


def company_releases(analysis: Analysis) -> bool:
    """Whether the company itself releases or presents the study or its data ("Myriad
    released the study", "results the company announced", ``funding.releases``), with
    ``{company}`` filled by ``subject.company`` and by the names the article gives as a
    company's (``funding.company-names``: "Myriad Genetics spokesman Ron Rogers")."""
    pats = funding_patterns()
    text = analysis.joined_text()
    names = sorted({m.group("name") for rx in pats.company_names for m in rx.finditer(text)})
    rx = fill(
        strings(section("funding"), "releases"),
        "{company}",
        subject_patterns().company.pattern,
        "|".join(map(re.escape, names)) or None,
    )
    return any(rx.search(sent.text) for sent in news_sentences(analysis))


def maker_named(analysis: Analysis) -> str | None:
    """The first company the article names other than as the maker of an example of a
    class ("statin drugs, which include Pfizer Inc's Lipitor"), or None."""
    company = subject_patterns().company
    subj = subject(analysis)
    for sent in news_sentences(analysis):
        for m in company.finditer(sent.text):
            if not in_examples(sent.text, m.start(), subj):
                return m.group(0)
    return None


def in_examples(text: str, start: int, subj: Subject | None) -> bool:
    """Whether the company at ``text[start:]`` is named inside a list of examples of a class
    (``funding.examples``) that does not name the story's own product."""
    pats = funding_patterns()
    ends = pats.example_ends
    opened = list(pats.examples.finditer(text, 0, start))
    if not opened or ends.search(text, opened[-1].end(), start):
        return False
    if start - opened[-1].end() > pats.example_gap:
        return False
    if subj is not None and subj.product:
        listed = ends.split(text[opened[-1].end() :], 1)[0]
        return subj.word.lower() not in listed.lower()
    return True


@dataclass(frozen=True)
class FundingPatterns:
    """The ``funding`` section of rules/news.yaml, compiled once."""

    products: re.Pattern[str]  # ``{drug}`` filled by ``subject.drug-stems`` (as written)
    results: re.Pattern[str]
    had_said: re.Pattern[str]  # "Novartis had said in June": a company, a speech verb
    company_names: tuple[re.Pattern[str], ...]  # each with a group ``name``
    examples: re.Pattern[str]
    example_gap: int
    example_ends: re.Pattern[str]


@packs.pack_cache
def funding_patterns() -> FundingPatterns:
    """The compiled ``funding`` section."""
    sec = section("funding")
    company = subject_patterns().company.pattern
    drug = subject_patterns().drug.pattern
    verbs = "|".join(re.escape(str(v)) for v in section("sources").get("speech-verbs") or [])
    return FundingPatterns(
        products=compile_any(
            [str(p).replace("{drug}", drug) for p in sec.get("products") or []], 0
        ),
        results=compile_any(sec.get("results")),
        # one word between: "Novartis had said"
        had_said=re.compile(rf"(?:{company})\s+(?:[a-z]+\s+)?(?:{verbs or 'x^'})\b"),
        company_names=tuple(
            re.compile(str(p), re.IGNORECASE) for p in sec.get("company-names") or []
        ),
        examples=compile_any(sec.get("examples")),
        example_gap=int(sec.get("example-gap", 60)),
        example_ends=compile_any(sec.get("example-ends"), 0),
    )


def named_product(analysis: Analysis) -> str | None:
    """A company's product the title or first paragraphs name with no company: a brand in
    brackets after its generic ("rilonacept (Arcalyst)"), a development code ("MK-4305")."""
    rx = funding_patterns().products
    for block in lede(analysis):
        m = rx.search(block.text)
        if m:
            return m.group(0)
    return None
