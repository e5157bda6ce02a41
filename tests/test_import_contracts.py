"""Import contracts import-linter cannot express (the others: [tool.importlinter] in
pyproject.toml, checked by ``lint-imports`` in .ci/run)."""

from __future__ import annotations

import re

import grimp

RULE_MODULE = re.compile(r"^medlint\.checks\.\w+\.[a-z]\d{3}_\w+$")


def test_no_rule_module_imports_another_rule_module() -> None:
    graph = grimp.build_graph("medlint", exclude_type_checking_imports=True)
    rules = {m for m in graph.modules if RULE_MODULE.match(m)}
    bad = sorted(
        f"{m} -> {other}"
        for m in rules
        for other in graph.find_modules_directly_imported_by(m)
        if other in rules
    )
    assert not bad, f"rule modules importing other rule modules: {bad}"
