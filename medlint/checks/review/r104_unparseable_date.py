"""R104 unparseable-date: a review/update date that cannot be read."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


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
    source=f"{JAMA} 'currency'",
    bad="Last reviewed: 2026-02-30",
    good="Last reviewed: 2026-02-28",
    fix=(
        "Write a real date: ISO (2026-01-19), 'January 19, 2026' or '19 January 2026'. For "
        "numeric dates such as 01/02/2026 set `date-order` (month-first or day-first)."
    ),
)
def unparseable_date(ctx: Context) -> Iterator[Finding]:
    for d in ctx.analysis.metadata.bad_dates:
        yield ctx.at(
            d.start,
            d.end,
            f"cannot read the {d.kind} date ({d.origin}): {d.error}; write it as 2026-01-19 or "
            "'January 19, 2026'",
        )
