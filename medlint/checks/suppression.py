"""X0xx: findings about inline suppression comments (made by the suppression pass)."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule


def _engine_made(ctx: Context) -> Iterator[Finding]:
    return iter(())


rule(
    "X001",
    "unused-suppression",
    "info",
    "A medlint-disable comment that silences nothing.",
    rationale=(
        "Stale suppressions hide future problems and mislead readers of the source "
        "(like ruff's RUF100 unused-noqa)."
    ),
    source="medlint suppression contract (SPEC section 6)",
    bad="<!-- medlint-disable-next-line D304 -->\nA clean sentence.",
    good="A clean sentence.",
    fix="Remove the comment, or fix the codes it names.",
)(_engine_made)
rule(
    "X002",
    "suppression-without-reason",
    "warning",
    "A suppression without a reason after '--' when the config sets require-reason = true.",
    rationale="A reason tells the next editor why the exception is justified.",
    source="medlint suppression contract (SPEC section 6)",
    bad="<!-- medlint-disable-next-line C404 -->",
    good="<!-- medlint-disable-next-line C404 -- quoting an 1890 advert -->",
    fix="Add '-- reason' before the closing '-->'.",
)(_engine_made)
