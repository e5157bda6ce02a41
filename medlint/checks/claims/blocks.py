"""The blocks a claim rule reads: the front matter prose values (``title``,
``description``; SPEC §2: linted where they stand), then the body's prose blocks and its
title (a headline makes claims too) that have a match."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Block
    from medlint.matching import Matches


def claim_blocks(matches: Matches, *keys: str, prose: bool = True) -> list[Block]:
    """The front matter prose values with a match of one of ``keys``, then the body blocks
    (``prose``: the prose blocks and the title) with one, in order."""
    analysis = matches.analysis
    meta = [
        b
        for b in analysis.article.blocks
        if b.kind == "meta" and any(matches.phrase_matches(analysis.doc(b), k) for k in keys)
    ]
    body = matches.blocks_with(*keys, prose=False)
    if prose:
        body = [b for b in body if b.is_prose or b.kind == "title"]
    return meta + body
