"""CONTRIBUTING's layout section matches the tree: every module and package of medlint is
named there, and every module it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
LAYOUT = TEXT.split("## Layout", 1)[1].split("\n## ", 1)[0]
RULE_MODULE = re.compile(r"[a-z]\d{3}_\w+\.py")


def _modules() -> list[Path]:
    return [
        p
        for p in sorted((ROOT / "medlint").rglob("*.py"))
        if "__pycache__" not in p.parts and p.name not in ("__init__.py", "__main__.py")
    ]


def test_every_module_and_package_is_in_the_layout() -> None:
    named = set(re.findall(r"[\w]+\.py|[\w]+/", LAYOUT))
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in _modules()
        if not RULE_MODULE.fullmatch(p.name) and p.name not in named
    ]
    packages = {p.parent.name + "/" for p in _modules() if p.parent != ROOT / "medlint"}
    assert not missing, f"CONTRIBUTING layout does not name: {missing}"
    assert packages <= named, f"packages missing: {sorted(packages - named)}"


def test_every_module_in_the_layout_exists() -> None:
    existing = {p.name for p in _modules()} | {p.name for p in (ROOT / "tools").glob("*.py")}
    named = set(re.findall(r"\b([a-z_]+\.py)\b", LAYOUT))
    assert named <= existing, f"CONTRIBUTING names modules that do not exist: {named - existing}"
