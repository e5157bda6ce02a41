"""N803 cost-not-mentioned: an article about a specific treatment, test or product says
nothing about its cost, price, insurance coverage or affordability."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.news.answers import answer_patterns, mentions, subject_names
from medlint.checks.news.subjects import news_subject
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N803",
    "cost-not-mentioned",
    "info",
    "An article about a specific treatment, test or product says nothing about cost, price, "
    "insurance coverage or affordability.",
    rationale=(
        "Whether people can get a treatment depends on what it costs them, and a new drug "
        "or test that costs many times the old one changes whether it is worth having. "
        "HealthNewsReview.org criterion 1 ('Does the story adequately discuss the costs of "
        "the intervention?') was the criterion stories failed most often. Applies to news "
        "stories and news releases whose title or first paragraphs name a specific product "
        "(a drug by name or brand) or call the treatment, test or device new or "
        "experimental (docs/news.md). Words: rules/news.yaml (subject, cost)."
    ),
    source="HealthNewsReview.org criterion 1 (costs)",
    bad=(
        "# New pill for hay fever works within an hour\n\n"
        "An experimental pill called tralostin (Breezal) eased sneezing and itchy eyes "
        "within an hour in a trial of 400 adults, its maker said on Monday. The study was "
        "published in the journal Allergy, said Dr. Tom Reyes, who led it."
    ),
    good=(
        "# New pill for hay fever works within an hour\n\n"
        "An experimental pill called tralostin (Breezal) eased sneezing and itchy eyes "
        "within an hour in a trial of 400 adults, its maker said on Monday. The study was "
        "published in the journal Allergy, said Dr. Tom Reyes, who led it. The company has "
        "not said what a month's supply would cost."
    ),
    fix=(
        "Say what the treatment or test costs (a month's supply, a course, a test), how that "
        "compares with the usual options, and whether insurers or health services pay for "
        "it — or that the price is not yet known."
    ),
)
def cost_not_mentioned(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    about = news_subject(analysis)
    if about is None or not (about.product or about.new):
        return
    answers = answer_patterns()
    if mentions(analysis, answers.cost, answers.not_cost, names=subject_names(about)):
        return
    line = about.line(ctx.article)
    yield ctx.article_finding(
        f"the article is about a specific treatment, test or product ('{about.word}', line "
        f"{line}) but says nothing about cost: add what it costs, how that compares with "
        "other options, and whether insurance covers it (or that the price is not yet known)"
    )
