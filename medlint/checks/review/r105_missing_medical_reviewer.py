"""R105 missing-medical-reviewer: no medical reviewer named."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "R105",
    "missing-medical-reviewer",
    "error",
    "No 'Medically reviewed by' byline or reviewer key.",
    rationale=(
        "Health content checked by a clinician is safer and more trusted. JAMA's authorship "
        "benchmark and HONcode principle 1 (authoritative) ask who stands behind the content; "
        "Google's rater guidelines look for health pages reviewed by people with professional "
        "expertise. The 'Medically reviewed by' line is a publisher convention grounded in "
        "those guidelines (a house standard, not a Google rule). A fact-checker is not a "
        "medical reviewer."
    ),
    source=f"{JAMA} 'authorship'; HONcode principle 1; Google Search Quality Rater Guidelines",
    bad="# Managing gout\n\nBy Ana Ruiz\n\nGout is a form of arthritis…",
    good="# Managing gout\n\nMedically reviewed by Tom Reyes, MD on March 3, 2026",
    fix=(
        "Add a reviewer: a front matter key such as `medically_reviewed_by: Tom Reyes, MD`, or a "
        "byline 'Medically reviewed by NAME, CREDENTIAL on DATE'."
    ),
)
def missing_medical_reviewer(ctx: Context) -> Iterator[Finding]:
    md = ctx.analysis.metadata
    if md.reviewers:
        return
    keys = ", ".join(ctx.settings.metadata.get("reviewer", [])[:3])
    if md.fact_checkers:
        who = md.fact_checkers[0].name
        yield ctx.article_finding(
            f"'{who}' fact-checked the article but no medical reviewer is named: fact-checking is "
            "not clinical review; add 'Medically reviewed by NAME, MD on DATE' or a front matter "
            f"key ({keys}, …)"
        )
        return
    yield ctx.article_finding(
        "no medical reviewer: add a byline 'Medically reviewed by NAME, MD on DATE' or a front "
        f"matter key ({keys}, …)"
    )
