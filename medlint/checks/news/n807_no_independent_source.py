"""N807 no-independent-source: every quoted or named source is the study's own authors, their
institution or the maker; nobody "not involved in the study" comments."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.article_kind import article_kind
from medlint.checks.news.sources import (
    AFFILIATED,
    LAY,
    group_sources,
    has_independent_voice,
    named_speakers,
    other_voices,
    speaker_standing,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "N807",
    "no-independent-source",
    "info",
    "Every quoted or named source is the study's own authors, their institution or the "
    "maker; nobody 'not involved in the study' comments.",
    rationale=(
        "Researchers and makers speak well of their own work. A comment from an expert with "
        "no stake in the study tells readers how it fits with what else is known and what "
        "its limits are. HealthNewsReview.org criterion 6 ('Does the story use independent "
        "sources and identify conflicts of interest?') asks for at least one. Applies to "
        "news stories and news releases (docs/news.md). The rule fires only when every "
        "source it finds is the study's or the maker's; a person it cannot place (no "
        "'lead author', no 'not involved') keeps it quiet. Words: rules/news.yaml (sources)."
    ),
    source="HealthNewsReview.org criterion 6 (independent sources)",
    bad=(
        "# Heat patch eases period pain\n\n"
        "A heat patch eased period pain as well as ibuprofen, researchers said on Friday. "
        "The study was published in the journal Pain.\n\n"
        '"We were surprised how well it worked," said Dr. Lena Park, who led the study.'
    ),
    good=(
        "# Heat patch eases period pain\n\n"
        "A heat patch eased period pain as well as ibuprofen, researchers said on Friday. "
        "The study was published in the journal Pain.\n\n"
        '"We were surprised how well it worked," said Dr. Lena Park, who led the study. '
        "Dr. Omar Diaz, a gynaecologist who was not involved in the research, said the trial "
        "was too short to tell."
    ),
    fix=(
        "Quote someone with no stake in the study — an expert who was not involved in it "
        "and has no ties to the maker — and say so ('who was not involved in the study')."
    ),
)
def no_independent_source(ctx: Context) -> Iterator[Finding]:
    analysis = ctx.analysis
    if not article_kind(analysis).is_news or has_independent_voice(analysis):
        return
    standing = {name: speaker_standing(analysis, name) for name in named_speakers(analysis)}
    if any(s not in (AFFILIATED, LAY) for s in standing.values()) or other_voices(analysis):
        return  # someone the rule cannot place, or an outsider
    # patients and relatives telling their story are no independent experts, nor the study's
    people = [name for name, s in standing.items() if s == AFFILIATED]
    groups = group_sources(analysis)
    sources = people + [g for g in groups if g not in people]
    if not sources:
        return
    shown = ", ".join(f"'{s}'" for s in sources[:3])
    yield ctx.article_finding(
        f"the sources quoted ({shown}) all speak for the study or its maker, and nobody is "
        "said to be independent of it: add a comment from an expert who was not involved in "
        "the study, and say so"
    )
