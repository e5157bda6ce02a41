"""R102 stale-review: the latest review date is older than the allowed age."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.document.dates import add_months
from medlint.findings import Finding
from medlint.registry import Option, rule


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
    source=f"{JAMA} 'currency'; HONcode principle 4; Google Search Quality Rater Guidelines (YMYL)",
    options={
        "max-age-months": Option(
            12, "months after the latest review date before it is stale", min=1, max=1200
        ),
    },
    bad="Last reviewed: 2024-01-10   (checked with --today 2026-11-23)",
    good="Last reviewed: 2026-09-02   (checked with --today 2026-11-23)",
    fix=(
        "Have a clinician review the article again and update its review date (front matter or "
        "'Medically reviewed by NAME, MD on DATE')."
    ),
)
def stale_review(ctx: Context) -> Iterator[Finding]:
    md = ctx.analysis.metadata
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
