"""R103 future-review-date: a review or update date after today."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


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
    source=f"{JAMA} 'currency' (data integrity)",
    bad="Last reviewed: 2027-01-05   (checked with --today 2026-11-23)",
    good="Last reviewed: 2026-01-05",
    fix=(
        "Correct the date to the day the review happened. A planned review belongs in a "
        "'Next review due' line, which medlint does not treat as a review date."
    ),
)
def future_review_date(ctx: Context) -> Iterator[Finding]:
    today = ctx.today
    for d in ctx.analysis.metadata.valid_dates:
        if d.date is not None and d.date > today:
            yield ctx.at(
                d.start,
                d.end,
                f"{d.kind} date {d.date.isoformat()} ({d.origin}) is after today "
                f"({today.isoformat()}): correct it to the day the review actually happened",
            )
