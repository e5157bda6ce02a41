"""Every built-in rule's documented examples behave: ``bad`` fires, ``good`` stays quiet.

The examples are the ``bad=``/``good=`` texts of the ``@rule`` decorator (``Rule.bad`` and
``Rule.good``, shown by ``medlint rules`` and in the docs).  Each is linted as a Markdown
article with every rule selected and the findings of the rule itself are looked at.
Examples known not to behave are listed in ``MISBEHAVING`` (strict xfail: when one is
fixed the test says so and the entry must go).
"""

from __future__ import annotations

from typing import Any

import pytest

from medlint.registry import Rule, get_registry
from tests.helpers import make_linter

# configuration an example needs to be meaningful (the summary names it)
EXAMPLE_CONFIG: dict[str, dict[str, Any]] = {"X002": {"require-reason": True}}

# (code, "bad"|"good") -> why the example does not behave today; to be fixed in the rule's
# @rule decorator (issue 12), then removed from here.
MISBEHAVING: dict[tuple[str, str], str] = {
    ("D301", "bad"): "the copies are separated by single newlines, so Markdown reads one "
    "paragraph (with blank lines around '…' it fires)",
    ("D302", "bad"): "'upset stomach' / 'stomach upset' stays below the similarity threshold "
    "even as separate paragraphs",
    ("E901", "bad"): "a command line (a missing file), not article text",
    ("E902", "bad"): "a description of an undecodable file, not article text",
    ("E904", "bad"): "empty: E904 reports a crashing rule, no text triggers it",
    ("P601", "bad"): "one sentence plus '(… 100+ words like it)' is below min-words (100)",
    ("P603", "bad"): "a description of the paragraph, not the paragraph",
}


def _examples() -> list[Any]:
    params: list[Any] = []
    for r in get_registry():
        if r.origin != "builtin":
            continue
        for kind in ("bad", "good"):
            marks = []
            if (r.code, kind) in MISBEHAVING:
                reason = MISBEHAVING[(r.code, kind)]
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
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


def test_misbehaving_entries_name_registered_rules() -> None:
    codes = {r.code for r in get_registry()}
    assert not [c for c, _ in MISBEHAVING if c not in codes]
