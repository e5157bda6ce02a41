"""R106 reviewer-credential-missing: a reviewer named without a clinical credential."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.document.metadata import PersonFact, is_clinical
from medlint.findings import Finding
from medlint.registry import rule


@rule(
    "R106",
    "reviewer-credential-missing",
    "warning",
    "A reviewer is named without a clinical credential (MD, DO, PharmD, RN, NP, PA-C, MBBS, …).",
    rationale=(
        "A medical review is only as good as the reviewer's clinical training. JAMA's "
        "authorship benchmark asks for 'relevant credentials'; HONcode principle 1 asks that "
        "medical advice come from qualified professionals. Research degrees (PhD, MPH) are not "
        "clinical qualifications on their own, and 'Dr.' may be either. The credential list is "
        "rules/credentials.yaml."
    ),
    source=f"{JAMA} 'authorship'; HONcode principle 1 (authoritative)",
    bad="Medically reviewed by Jane Doe, PhD on May 2, 2026",
    good="Medically reviewed by Jane Doe, PharmD on May 2, 2026",
    fix=(
        "Write the reviewer's clinical credential after the name ('Jane Doe, MD'), or have the "
        "article reviewed by a licensed clinician."
    ),
)
def reviewer_credential_missing(ctx: Context) -> Iterator[Finding]:
    for p in ctx.analysis.metadata.reviewers:
        if _has_clinical_standing(p):
            continue
        if p.credentials:
            held = ", ".join(p.credentials)
            why = (
                f"'{p.name}' is named as reviewer with {held} only, which is not a clinical "
                "credential"
            )
        elif p.honorific.lower().rstrip(".") == "dr":
            why = (
                f"'Dr. {p.name}' is named as reviewer, but 'Dr.' does not say whether the "
                "doctorate is clinical"
            )
        else:
            why = f"'{p.name}' is named as reviewer without a clinical credential"
        yield ctx.at(
            p.start,
            p.end,
            f"{why}: write the clinical credential after the name (e.g. '{p.name}, MD', "
            "'PharmD', 'RN', 'NP', 'PA-C') or have a licensed clinician review the article",
        )


def _has_clinical_standing(p: PersonFact) -> bool:
    return any(is_clinical(c) for c in p.credentials) or bool(p.roles)
