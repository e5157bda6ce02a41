"""N806 funding-not-disclosed: a study of a company's product, or by people with ties to its
maker, reported with no statement of who paid for it or of the authors' ties."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis import Analysis
from medlint.analysis.article_kind import article_kind
from medlint.checks.news.answers import answer_patterns, mentions
from medlint.checks.news.sources import group_sources, named_speakers
from medlint.checks.news.subjects import company_mention, subject, subject_patterns
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
        "device or procedure that name a company or a maker (docs/news.md). Words: "
        "rules/news.yaml (subject.company, funding). Quiet when the company itself reports "
        "the results ('Merck said'): whose study it is is then plain."
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
    company = company_mention(analysis)
    if company is None or mentions(analysis, answer_patterns().funding):
        return
    if company_speaks(analysis):
        return  # the company itself reports the results ("Merck said"): whose study is plain
    yield ctx.article_finding(
        f"the article is about a treatment or product and names a company ('{company}') but "
        "says nothing of who paid for the research or of the researchers' ties to the maker: "
        "add who funded it and any such ties (or that there were none)"
    )


def company_speaks(analysis: Analysis) -> bool:
    """Whether the company is a source: "Merck said", "the company said"."""
    company = subject_patterns().company
    return any(company.fullmatch(name) for name in named_speakers(analysis)) or any(
        company.search(group) for group in group_sources(analysis)
    )
