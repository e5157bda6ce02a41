"""A tiny in-test style, ``Acme``, registered through the public API for style rules
(:func:`medlint.registry.add_style_rules`): ``Acme.Shout`` flags words in capitals
(suggestion, with a link), ``Acme.Whisper`` flags "psst" (warning, with a fix)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from medlint.context import Context
from medlint.discovery import get_registry
from medlint.findings import Finding
from medlint.registry import Registry, Rule, add_style_rules, style_rule

_SHOUT = re.compile(r"\b[A-Z]{4,}\b")


def shout(ctx: Context) -> Iterator[Finding]:
    for block in ctx.analysis.prose_blocks:
        for m in _SHOUT.finditer(block.text):
            yield ctx.finding(block, m.start(), m.end(), f"Don't shout '{m.group(0)}'.")


def whisper(ctx: Context) -> Iterator[Finding]:
    for block in ctx.analysis.prose_blocks:
        i = block.text.find("psst")
        if i >= 0:
            yield ctx.finding(block, i, i + 4, "Speak up.", fix="hey")


def acme_rules() -> list[Rule]:
    return [
        style_rule(
            "Acme.Shout",
            shout,
            level="suggestion",
            summary="Words in capitals read as shouting.",
            link="https://example.org/acme/shout",
        ),
        style_rule(
            "Acme.Whisper",
            whisper,
            level="warning",
            summary="No whispering.",
            description="Say it out loud.",
            fixable=True,
        ),
    ]


@contextmanager
def acme_loaded() -> Iterator[Registry]:
    """The process-wide registry with the Acme style loaded, removed afterwards."""
    reg = get_registry()
    add_style_rules(reg, acme_rules())
    try:
        yield reg
    finally:
        reg.remove(["Acme.Shout", "Acme.Whisper"])
