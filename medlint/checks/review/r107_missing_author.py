"""R107 missing-author: no author named."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.checks.review.standards import JAMA
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


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
    source=f"{JAMA} 'authorship'; Google Search Quality Rater Guidelines (who created the content)",
    bad="# Managing gout\n\nGout is a form of arthritis…",
    good="# Managing gout\n\nBy Ana Ruiz\n\nGout is a form of arthritis…",
    fix="Add a byline 'By NAME' (or 'Written by NAME') or a front matter key `author: NAME`.",
)
def missing_author(ctx: Context) -> Iterator[Finding]:
    if ctx.analysis.metadata.authors:
        return
    keys = ", ".join(ctx.settings.metadata.get("author", [])[:2])
    yield ctx.article_finding(
        f"no author: add a byline 'By NAME' or a front matter key ({keys}, …) naming who wrote "
        "the article"
    )
