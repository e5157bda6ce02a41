"""Every built-in rule's documented examples behave: ``bad`` fires, ``good`` stays quiet.

The examples are the ``bad=``/``good=`` texts of the ``@rule`` decorator (``Rule.bad`` and
``Rule.good``, shown by ``medlint rules`` and in the docs).  Each is linted as a Markdown
article with every rule selected and the findings of the rule itself are looked at.
Read errors, whose examples describe a file rather than a text, are skipped (``NOT_TEXT``).
"""

from __future__ import annotations

from typing import Any

import pytest

from medlint.discovery import get_registry
from medlint.registry import Rule
from tests.helpers import make_linter

# configuration an example needs to be meaningful (the summary names it)
EXAMPLE_CONFIG: dict[str, dict[str, Any]] = {
    "X002": {"require-reason": True},
    # the example is two sentences "of an article of 100+ words like it" (its min-words)
    "P601": {"rules": {"P601": {"min-words": 10}}},
}

# Read errors describe a file, not a text: their examples say which file, and no article
# text can produce them (E903, invalid front matter, is text and is tested).
NOT_TEXT: dict[tuple[str, str], str] = {
    ("E901", "bad"): "a missing or unreadable file",
    ("E902", "bad"): "an undecodable file",
    ("E904", "bad"): "a rule that crashed",
}


def _examples() -> list[Any]:
    params: list[Any] = []
    for r in get_registry():
        if r.origin != "builtin":
            continue
        for kind in ("bad", "good"):
            marks = []
            if (r.code, kind) in NOT_TEXT:
                marks.append(pytest.mark.skip(reason=f"not article text: {NOT_TEXT[r.code, kind]}"))
            params.append(pytest.param(r, kind, marks=marks, id=f"{r.code}-{kind}"))
    return params


@pytest.mark.parametrize(("rule", "kind"), _examples())
def test_rule_example(rule: Rule, kind: str) -> None:
    text = getattr(rule, kind)
    linter = make_linter(EXAMPLE_CONFIG.get(rule.code), None)
    got = [f for f in linter.lint_text("example.md", text).findings if f.code == rule.code]
    shown = [f"{f.line}:{f.column} {f.message}" for f in got]
    if kind == "bad":
        assert got, f"{rule.code} bad example {text!r} does not fire"
    else:
        assert not got, f"{rule.code} good example {text!r} fires: {shown}"


def test_not_text_entries_name_registered_rules() -> None:
    codes = {r.code for r in get_registry()}
    assert not [c for c, _ in NOT_TEXT if c not in codes]
