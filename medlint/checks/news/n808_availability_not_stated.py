"""N808 availability-not-stated: a new drug, device or test reported without saying whether
it is approved, available, or still in trials."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.news.answers import answer_patterns, mentions, subject_names
from medlint.checks.news.subjects import news_subject
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N808",
    "availability-not-stated",
    "info",
    "A new drug, device or test is reported without saying whether it is approved, "
    "available, or still in trials.",
    rationale=(
        "A reader who hears of a new treatment asks first whether they can have it. A story "
        "that does not say whether it is approved, on sale, or years away in trials leaves "
        "people asking their doctors for something that does not exist. HealthNewsReview.org "
        "criterion 8 ('Does the story establish the availability of the treatment/test/"
        "product/procedure?') asks for it. Applies to news stories and news releases whose "
        "title or first paragraphs name a drug by name or brand, or call a treatment, test "
        "or device new or experimental (docs/news.md). Words: rules/news.yaml (subject, "
        "availability)."
    ),
    source="HealthNewsReview.org criterion 8 (availability)",
    bad=(
        "# A new blood test spots ovarian cancer early\n\n"
        "A new blood test picked up ovarian cancer a year before symptoms in a study of "
        "5,000 women, researchers said on Thursday. The study was published in the journal "
        "Cancer, said Dr. Ana Ruiz, who led it."
    ),
    good=(
        "# A new blood test spots ovarian cancer early\n\n"
        "A new blood test picked up ovarian cancer a year before symptoms in a study of "
        "5,000 women, researchers said on Thursday. The study was published in the journal "
        "Cancer, said Dr. Ana Ruiz, who led it. The test is not yet available outside "
        "research studies."
    ),
    fix=(
        "Say whether the drug, device or test is approved and on sale (and for what), used "
        "off label, or still being tested — and if so, how far it is from approval."
    ),
)
def availability_not_stated(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    about = news_subject(analysis)
    if about is None or not (about.product or about.new):
        return
    if mentions(analysis, answer_patterns().availability, names=subject_names(about)):
        return
    line = about.line(ctx.article)
    yield ctx.article_finding(
        f"the article reports a new drug, device or test ('{about.word}', line {line}) but "
        "does not say whether it is approved, on sale, or still being tested: say which, and "
        "for whom"
    )
