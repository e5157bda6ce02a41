"""N802 harms-not-mentioned: an article about a treatment, test, device or procedure reports
its benefits and nowhere mentions harms, side effects, risks or adverse events."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.news.answers import answer_patterns, mentions, subject_names
from medlint.checks.news.subjects import news_subject
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N802",
    "harms-not-mentioned",
    "warning",
    "An article about a treatment, test, device or procedure describes its benefits and "
    "nowhere mentions harms, side effects, risks or adverse events.",
    rationale=(
        "Every treatment and test has harms: side effects, complications, false alarms, "
        "the burden of taking it. A story that gives only the benefits leaves readers unable "
        "to weigh them. HealthNewsReview.org criterion 3 ('Does the story adequately explain "
        "the harms of the intervention?') was the one stories failed most often after costs "
        "and absolute numbers. Applies to news stories and news releases whose title or "
        "first paragraphs name a treatment, test, device or procedure and report a benefit "
        "(docs/news.md); a story about a habit or a risk factor is left alone. Words: "
        "rules/news.yaml (subject, harms)."
    ),
    source="HealthNewsReview.org criterion 3 (harms)",
    bad=(
        "# Nasal spray eases cluster headaches\n\n"
        "A nasal spray cut the length of cluster headache attacks by half in a trial of "
        "200 adults, researchers said on Tuesday.\n\n"
        "The study was published in the journal Headache, said Dr. Mia Chen, who led it. "
        '"It worked within minutes," she said.'
    ),
    good=(
        "# Nasal spray eases cluster headaches\n\n"
        "A nasal spray cut the length of cluster headache attacks by half in a trial of "
        "200 adults, researchers said on Tuesday.\n\n"
        "One in five users had a runny nose or a bitter taste; no serious side effects were "
        "reported. The study was published in the journal Headache, said Dr. Mia Chen."
    ),
    fix=(
        "Say what harms the treatment or test has: its side effects and how often they "
        "happened, its risks and complications, false results of a test — or, when the study "
        "looked for harms and found none, say so and how long people were followed."
    ),
)
def harms_not_mentioned(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    about = news_subject(analysis)
    if about is None or not about.benefit:
        return
    if mentions(analysis, answer_patterns().harms, names=subject_names(about)):
        return
    line = about.line(ctx.article)
    yield ctx.article_finding(
        f"the article reports benefits of a treatment, test or procedure ('{about.word}', "
        f"line {line}) but nowhere mentions its harms: add its side effects, risks or "
        "adverse events and how often they happened (or that none were found, and for how "
        "long people were followed)"
    )
