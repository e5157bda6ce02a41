"""The blocks a claim rule reads: the body's prose blocks with a match, and the front
matter prose values (``title``, ``description``; SPEC §2: linted where they stand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.context import Context
    from medlint.document.model import Block


def claim_blocks(ctx: Context, *keys: str, prose: bool = True) -> list[Block]:
    """The front matter prose values with a match of one of ``keys``, then the body blocks
    (``prose``: the prose blocks and the title: a headline makes claims too) with one, in
    order."""
    meta = [
        b
        for b in ctx.article.blocks
        if b.kind == "meta"
        and any(ctx.matches.phrase_matches(ctx.analysis.doc(b), k) for k in keys)
    ]
    body = ctx.matches.blocks_with(*keys, prose=False)
    if prose:
        body = [b for b in body if b.is_prose or b.kind == "title"]
    return meta + body
