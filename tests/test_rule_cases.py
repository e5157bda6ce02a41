"""Data-driven rule cases (in the spirit of sqlfluff's YAML rule tests).

Every file ``fixtures/rules/*.yaml`` holds cases::

    rule: D304                       # the rule the cases are about
    cases:
      - name: read-more-glued-to-byline
        format: txt                  # md (default) | txt | html
        today: 2026-11-23            # optional clock
        config: {rules: {P602: {max-words: 20}}}   # optional, as in .medlint.yaml
        select: [D304, D301]         # optional; default: the rule plus codes named below
        text: |
          …the article…
        expect:                      # each must be reported
          - D304                     # anywhere
          - {code: D304, line: 2, column: 1}
        expect_not:                  # none of these may be reported
          - D305
          - {code: D304, line: 4}

Besides ``expect``/``expect_not``, every case is checked against a snapshot of ALL its
findings (of the codes it selects), ``fixtures/rules/snapshots/CODE.txt``: one
``[case-name]`` section per case, one ``line:col CODE message`` line per finding (or
``(none)``), so an extra finding of the same rule does not pass unnoticed.  After an
intended change of findings, rewrite the snapshots with ONE command and review the diff::

    python -m pytest tests/test_rule_cases.py --update-snapshots
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from medlint.discovery import get_registry
from medlint.findings import Finding
from tests.helpers import make_linter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
SNAPSHOTS = FIXTURES / "snapshots"
SNAPSHOT_HEADER = (
    "# Every finding of each case of fixtures/rules/{group}.yaml (tests/test_rule_cases.py).\n"
    "# Rewrite with: python -m pytest tests/test_rule_cases.py --update-snapshots\n"
)
EXT = {"md": "case.md", "txt": "case.txt", "html": "case.html"}


def _load() -> list[tuple[str, str, dict[str, Any]]]:
    out: list[tuple[str, str, dict[str, Any]]] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc.get("cases") or []):
            case.setdefault("rule", doc.get("rule"))
            out.append((path.stem, case.get("name") or f"case{i}", case))
    return out


CASES = _load()


def _case_names(group: str) -> list[str]:
    return [n for g, n, _ in CASES if g == group]


def _snapshot_line(f: Finding) -> str:
    message = f.message.replace("\\", "\\\\").replace("\n", "\\n")
    return f"{f.line}:{f.column} {f.code} {message}"


def read_snapshot(path: Path) -> dict[str, list[str]]:
    """The sections of a snapshot file: case name -> its finding lines."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None and line != "(none)":
            current.append(line)
    return sections


def write_snapshot_section(group: str, name: str, lines: list[str]) -> None:
    """Replace one case's section of ``snapshots/<group>.txt``; sections are kept in the
    order of the YAML file's cases and sections of cases that no longer exist are dropped."""
    path = SNAPSHOTS / f"{group}.txt"
    sections = read_snapshot(path) if path.exists() else {}
    sections[name] = lines
    out = [SNAPSHOT_HEADER.format(group=group)]
    for case in _case_names(group):
        if case in sections:
            out.append(f"[{case}]\n" + "".join(f"{x}\n" for x in sections[case] or ["(none)"]))
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def _norm(item: Any) -> dict[str, Any]:
    return {"code": item} if isinstance(item, str) else dict(item)


def _matches(f: Finding, want: dict[str, Any]) -> bool:
    return (
        all(
            getattr(f, k) == v
            for k, v in want.items()
            if k in ("code", "line", "column", "end_line", "end_column", "severity")
        )
        and ("message" not in want or str(want["message"]) in f.message)
        and ("fix" not in want or _fix_kind(f) == want["fix"])
    )


def _fix_kind(f: Finding) -> str:
    """``fix:`` in a case: "safe", "unsafe" (applied only with --unsafe-fixes) or "none"."""
    return f.fix.applicability if f.fix is not None else "none"


@pytest.mark.parametrize(("group", "name", "case"), CASES, ids=[f"{g}:{n}" for g, n, _ in CASES])
def test_rule_case(group: str, name: str, case: dict[str, Any], update_snapshots: bool) -> None:
    expect = [_norm(x) for x in case.get("expect") or []]
    expect_not = [_norm(x) for x in case.get("expect_not") or []]
    assert expect or expect_not, f"case {group}:{name} asserts nothing"
    select = case.get("select") or sorted(
        {c for c in [case.get("rule"), *(e["code"] for e in expect + expect_not)] if c}
    )
    linter = make_linter(case.get("config"), select, str(case.get("today", "2026-11-23")))
    result = linter.lint_text(EXT[case.get("format", "md")], case["text"])
    got = result.findings
    shown = "\n".join(f"  {f.line}:{f.column} {f.code} {f.message}" for f in got) or "  (none)"
    for want in expect:
        assert any(_matches(f, want) for f in got), f"expected {want} in:\n{shown}"
    for bad in expect_not:
        assert not any(_matches(f, bad) for f in got), f"did not expect {bad} in:\n{shown}"
    lines = [_snapshot_line(f) for f in got]
    if update_snapshots:
        write_snapshot_section(group, name, lines)
        return
    path = SNAPSHOTS / f"{group}.txt"
    assert path.exists(), f"no snapshot {path}: run pytest with --update-snapshots"
    sections = read_snapshot(path)
    assert name in sections, f"no [{name}] section in {path}: run pytest with --update-snapshots"
    assert lines == sections[name], (
        f"findings of {group}:{name} differ from {path.name} (run pytest with "
        f"--update-snapshots if the change is intended):\n{shown}"
    )


def test_snapshots_have_no_stale_entries() -> None:
    """Every snapshot file belongs to a fixture file and every section to one of its cases."""
    groups = {g for g, _, _ in CASES}
    stale: list[str] = []
    for path in sorted(SNAPSHOTS.glob("*")):
        if path.stem not in groups or path.suffix != ".txt":
            stale.append(path.name)
            continue
        known = set(_case_names(path.stem))
        stale.extend(f"{path.name}[{n}]" for n in read_snapshot(path) if n not in known)
    assert not stale, f"snapshot entries without a fixture case: {stale}"


def test_every_rule_has_firing_and_quiet_cases() -> None:
    fires: set[str] = set()
    quiet: set[str] = set()
    for _, _, case in CASES:
        for e in case.get("expect") or []:
            fires.add(_norm(e)["code"])
        for e in case.get("expect_not") or []:
            quiet.add(_norm(e)["code"])
    missing = [
        r.code
        for r in get_registry()
        if r.origin == "builtin"
        and r.code[0] not in "EX"
        and not (r.code in fires and r.code in quiet)
    ]
    assert not missing, f"rules without both a firing and a non-firing fixture case: {missing}"
