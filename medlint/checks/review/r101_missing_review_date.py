"""R101 missing-review-date: no (readable) review or update date anywhere."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


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
    md = ctx.analysis.metadata
    if md.valid_dates:
        return
    keys = ", ".join(ctx.settings.metadata.get("review-date", [])[:4])
    only = ""
    if md.bad_dates:
        # a review/update line whose date cannot be read (R104 points at it) leaves the
        # article without a date readers can use
        bad = md.bad_dates[0]
        line = ctx.article.line_of(bad.start)
        yield ctx.article_finding(
            f"no readable review or update date (the {bad.kind} date on line {line} cannot "
            "be read): write the date the article was last reviewed, e.g. 'Last reviewed: "
            "2026-03-01'"
        )
        return
    if md.published:
        first = md.published[0]
        only = f" (only a publication date, {first.date.isoformat() if first.date else first.raw})"
    elif md.searched:
        first = md.searched[0]
        day = first.date.isoformat() if first.date else first.raw
        only = f" (only the date of the evidence search, {day}, which is not a review date)"
    yield ctx.article_finding(
        f"no review or update date{only}: add a front matter key "
        f"({keys}, …) or a byline such as 'Medically reviewed by NAME, MD on DATE'"
    )
