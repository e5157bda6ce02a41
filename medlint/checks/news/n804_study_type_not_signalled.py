"""N804 study-type-not-signalled: animal, cell or lab results not said to be so in the title
or first paragraph; preliminary results (a conference talk, a preprint, a pilot study) with no
caveat."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.article_kind import article_kind
from medlint.checks.news.studies import (
    animal_lab_sentences,
    has_caveat,
    opens_with_human_study,
    preliminary_mentions,
    signalled,
    study_patterns,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N804",
    "study-type-not-signalled",
    "warning",
    "Animal, cell or lab results reported without saying so in the title or first paragraph; "
    "or preliminary results (a conference presentation, a preprint, a pilot study) with no "
    "caveat.",
    rationale=(
        "Most treatments that work in mice or in a dish never work in people, and results "
        "presented at a meeting often change or are never published. HealthNewsReview.org "
        "criterion 4 ('Does the story adequately discuss the quality of the evidence?') marks "
        "down stories that bury 'in mice' below a headline about patients, or report "
        "meeting abstracts and pilot studies without saying they are preliminary. Applies to "
        "news stories and news releases (docs/news.md). Words: rules/news.yaml (study-type)."
    ),
    source="HealthNewsReview.org criterion 4 (quality of the evidence)",
    bad=(
        "# Common painkiller reverses memory loss\n\n"
        "A common painkiller reversed memory loss, researchers said on Monday, a finding "
        "that could one day help the millions of people around the world who live with dementia.\n\n"
        "The team, led by Dr. Ina Holt, gave the drug to 30 mice bred to lose their memory. "
        "The treated mice found their way through a maze as well as healthy mice, she said. "
        "The study was published in the journal Brain."
    ),
    good=(
        "# Common painkiller reverses memory loss in mice\n\n"
        "A common painkiller reversed memory loss in mice, researchers said on Monday.\n\n"
        "The team, led by Dr. Ina Holt, gave the drug to 30 mice bred to lose their memory. "
        "The treated mice found their way through a maze as well as healthy mice, she said. "
        "The study was published in the journal Brain."
    ),
    fix=(
        "Say in the headline or the first paragraph that the study was in animals or in the "
        "lab ('in mice', 'in cells in a dish'); for results from a meeting, a preprint or a "
        "pilot study, say that they are preliminary (not yet peer reviewed, small, to be "
        "confirmed)."
    ),
)
def study_type_not_signalled(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    if not article_kind(analysis).is_news:
        return
    reports = animal_lab_sentences(analysis)
    if (
        len(reports) >= study_patterns().min_sentences
        and not signalled(analysis)
        and not opens_with_human_study(analysis)
    ):
        first = reports[0]
        line = ctx.article.line_of(first.sentence.block.src_offset(first.sentence.start))
        yield ctx.article_finding(
            f"the article reports results from animals or the lab ('{first.text}', line "
            f"{line}) but the title and first paragraph do not say so: say it up front "
            "('in mice', 'in cells in the lab')"
        )
    if has_caveat(analysis):
        return
    mentions = preliminary_mentions(analysis)
    if mentions:
        m = mentions[0]
        yield ctx.finding(
            m.sentence.block,
            m.sentence.start + m.start,
            m.sentence.start + m.end,
            f"'{m.text}': say that these results are preliminary (not yet peer reviewed or "
            "published in full, or a small first study) and still need to be confirmed",
        )
