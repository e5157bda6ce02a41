"""R1xx: review currency and authorship (JAMA benchmarks "currency" and "authorship"; HONcode).

Every rule here reads :attr:`medlint.context.Context.metadata` (front matter keys and bylines,
computed once per article by :mod:`medlint.document.metadata`).  Findings about a date or a
reviewer point at that date or name; findings about something missing point at the title.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint.context import Context
from medlint.document.dates import add_months
from medlint.document.metadata import PersonFact, is_clinical
from medlint.findings import Finding
from medlint.registry import Option, rule

_JAMA = "JAMA benchmarks (Silberg, Lundberg & Musacchio, JAMA 1997;277:1244)"


@rule(
    "R101",
    "missing-review-date",
    "error",
    "No review or update date in front matter or in a byline.",
    rationale=(
        "Readers and search engines judge health information by how current it is. The JAMA "
        "benchmarks (Silberg et al., 1997) require the dates content was posted and updated; "
        "HONcode principle 4 asks for the date of last modification on every page."
    ),
    source="JAMA benchmark 'currency'; HONcode principle 4 (attribution and date)",
    bad="# Living with asthma\n\nAsthma is a long-term condition…",
    good="---\ntitle: Living with asthma\nlast_reviewed: 2026-03-01\n---",
    fix=(
        "Add a review date: a front matter key such as `last_reviewed: 2026-03-01`, or a byline "
        "such as 'Medically reviewed by Jane Doe, MD on March 1, 2026'."
    ),
)
def missing_review_date(ctx: Context) -> Iterator[Finding]:
    md = ctx.metadata
    if md.review_dates:
        return
    keys = ", ".join(ctx.settings.metadata.get("review-date", [])[:4])
    only = ""
    if md.published:
        first = md.published[0]
        only = f" (only a publication date, {first.date.isoformat() if first.date else first.raw})"
    yield ctx.article_finding(
        f"no review or update date{only}: add a front matter key "
        f"({keys}, …) or a byline such as 'Medically reviewed by NAME, MD on DATE'"
    )


@rule(
    "R102",
    "stale-review",
    "warning",
    "The latest review or update date is older than `max-age-months` before today.",
    rationale=(
        "Medical guidance changes: doses, warnings and recommendations are revised every year. "
        "The JAMA 'currency' benchmark and Google's quality rater guidelines for health pages "
        "('edited, reviewed, and updated on a regular basis') expect regular review. No standard "
        "fixes the interval; 12 months is a common house policy and is configurable. The clock "
        "is `--today` / the `today` config key when given, so CI output is reproducible."
    ),
    source=f"{_JAMA} 'currency'; HONcode principle 4; Google Search Quality Rater Guidelines (YMYL)",
    options={
        "max-age-months": Option(12, "months after the latest review date before it is stale"),
    },
    bad="Last reviewed: 2024-01-10   (checked with --today 2026-11-23)",
    good="Last reviewed: 2026-09-02   (checked with --today 2026-11-23)",
    fix=(
        "Have a clinician review the article again and update its review date (front matter or "
        "'Medically reviewed by NAME, MD on DATE')."
    ),
)
def stale_review(ctx: Context) -> Iterator[Finding]:
    md = ctx.metadata
    latest = md.latest
    if latest is None or latest.date is None:
        return
    months = int(ctx.options["max-age-months"])
    today = ctx.today
    due = add_months(latest.date, months)
    if due >= today or latest.date > today:
        return
    age = (today.year - latest.date.year) * 12 + today.month - latest.date.month
    if today.day < latest.date.day:
        age -= 1
    yield ctx.at(
        latest.start,
        latest.end,
        f"the latest review/update date {latest.date.isoformat()} ({latest.origin}) is {age} "
        f"months old, more than the {months} allowed (due {due.isoformat()}): have the article "
        "reviewed again and update the date",
    )


@rule(
    "R103",
    "future-review-date",
    "error",
    "A review or update date lies after today.",
    rationale=(
        "A date in the future is a typo (wrong year, day and month swapped) or a scheduled date "
        "entered as done; either way readers are told the page was checked when it was not. "
        "The clock is `--today` / the `today` config key when given."
    ),
    source=f"{_JAMA} 'currency' (data integrity)",
    bad="Last reviewed: 2027-01-05   (checked with --today 2026-11-23)",
    good="Last reviewed: 2026-01-05",
    fix=(
        "Correct the date to the day the review happened. A planned review belongs in a "
        "'Next review due' line, which medlint does not treat as a review date."
    ),
)
def future_review_date(ctx: Context) -> Iterator[Finding]:
    today = ctx.today
    for d in ctx.metadata.valid_dates:
        if d.date is not None and d.date > today:
            yield ctx.at(
                d.start,
                d.end,
                f"{d.kind} date {d.date.isoformat()} ({d.origin}) is after today "
                f"({today.isoformat()}): correct it to the day the review actually happened",
            )


@rule(
    "R104",
    "unparseable-date",
    "error",
    "A review/update line or key is present but its date cannot be read.",
    rationale=(
        "A date nobody can read (an impossible day such as 2026-02-30, 'N/A', a month written "
        "day-first where the house style is month-first) leaves the article's currency unknown "
        "to readers and to the R102/R103 checks."
    ),
    source=f"{_JAMA} 'currency'",
    bad="Last reviewed: 2026-02-30",
    good="Last reviewed: 2026-02-28",
    fix=(
        "Write a real date: ISO (2026-01-19), 'January 19, 2026' or '19 January 2026'. For "
        "numeric dates such as 01/02/2026 set `date-order` (month-first or day-first)."
    ),
)
def unparseable_date(ctx: Context) -> Iterator[Finding]:
    for d in ctx.metadata.bad_dates:
        yield ctx.at(
            d.start,
            d.end,
            f"cannot read the {d.kind} date ({d.origin}): {d.error}; write it as 2026-01-19 or "
            "'January 19, 2026'",
        )


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
    source=f"{_JAMA} 'authorship'; HONcode principle 1; Google Search Quality Rater Guidelines",
    bad="# Managing gout\n\nBy Ana Ruiz\n\nGout is a form of arthritis…",
    good="# Managing gout\n\nMedically reviewed by Tom Reyes, MD on March 3, 2026",
    fix=(
        "Add a reviewer: a front matter key such as `medically_reviewed_by: Tom Reyes, MD`, or a "
        "byline 'Medically reviewed by NAME, CREDENTIAL on DATE'."
    ),
)
def missing_medical_reviewer(ctx: Context) -> Iterator[Finding]:
    md = ctx.metadata
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


def _has_clinical_standing(p: PersonFact) -> bool:
    return any(is_clinical(c) for c in p.credentials) or bool(p.roles)


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
    source=f"{_JAMA} 'authorship'; HONcode principle 1 (authoritative)",
    bad="Medically reviewed by Jane Doe, PhD on May 2, 2026",
    good="Medically reviewed by Jane Doe, PharmD on May 2, 2026",
    fix=(
        "Write the reviewer's clinical credential after the name ('Jane Doe, MD'), or have the "
        "article reviewed by a licensed clinician."
    ),
)
def reviewer_credential_missing(ctx: Context) -> Iterator[Finding]:
    for p in ctx.metadata.reviewers:
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


@rule(
    "R107",
    "missing-author",
    "info",
    "No author byline ('By NAME') or author key.",
    rationale=(
        "Readers should know who wrote what they read. The JAMA 'authorship' benchmark asks for "
        "authors and contributors with their affiliations and credentials; Google's rater "
        "guidelines ask who is responsible for the content."
    ),
    source=f"{_JAMA} 'authorship'; Google Search Quality Rater Guidelines (who created the content)",
    bad="# Managing gout\n\nGout is a form of arthritis…",
    good="# Managing gout\n\nBy Ana Ruiz\n\nGout is a form of arthritis…",
    fix="Add a byline 'By NAME' (or 'Written by NAME') or a front matter key `author: NAME`.",
)
def missing_author(ctx: Context) -> Iterator[Finding]:
    if ctx.metadata.authors:
        return
    keys = ", ".join(ctx.settings.metadata.get("author", [])[:2])
    yield ctx.article_finding(
        f"no author: add a byline 'By NAME' or a front matter key ({keys}, …) naming who wrote "
        "the article"
    )
