"""tools/new_rule.py: the rule scaffold, run into a copy of medlint and its packs (``--root``).

The generated module must pass ruff, import and register its rule, and its fixture cases
must behave (the firing one fires, the quiet one stays quiet); a taken or malformed code,
name or group is refused with exit 2 and nothing written.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "new_rule.py"
CODE, NAME, GROUP = "Q901", "scaffold-test-terms", "scaffolded"
MODULE = f"medlint/checks/{GROUP}/q901_scaffold_test_terms.py"
WRITTEN = [
    MODULE,
    f"medlint/checks/{GROUP}/__init__.py",
    f"rules/{NAME}.yaml",
    f"fixtures/rules/{CODE}.yaml",
    f"docs/rules/{CODE}.md",
]

# In a fresh interpreter inside the copy: the rule is registered, the built-in packs
# validate (when the tree has pack schemas) and the fixture cases give these findings.
PROBE = """
import json, sys, yaml
from pathlib import Path
import medlint
from medlint import packs
from medlint.config import build_settings
from medlint.engine import Linter
from medlint.discovery import get_registry
assert Path(medlint.__file__).resolve().is_relative_to(Path.cwd().resolve()), medlint.__file__
registry = get_registry()
r = registry.get(sys.argv[1])
if hasattr(packs, "validate_builtin_packs"):
    packs.validate_builtin_packs()
settings = build_settings({}, registry, None, Path.cwd())
linter = Linter(settings, registry, [r.code])
cases = yaml.safe_load(Path("fixtures/rules", r.code + ".yaml").read_text())["cases"]
found = {c["name"]: [[f.line, f.column] for f in linter.lint_text("a.md", c["text"]).findings]
         for c in cases}
print(json.dumps({"name": r.name, "origin": r.origin, "module": r.check.__module__,
                  "found": found}))
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def _scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=root,
    )


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if "__pycache__" not in p.parts}


def _apply_schema_note(root: Path, out: str) -> None:
    """Do what the printed pack-schema note says (trees with medlint/pack_schemas.py)."""
    schemas = root / "medlint" / "pack_schemas.py"
    if not schemas.exists():
        return
    cls = re.search(r"^class \w+Pack\(Model\):\n    terms: Words = \[\]\n", out, re.M)
    entry = re.search(rf'^    "{NAME}": \w+Pack,$', out, re.M)
    assert cls and entry, out
    text = schemas.read_text(encoding="utf-8")
    text = text.replace("\nSCHEMAS: dict", f"\n{cls.group(0)}\n\nSCHEMAS: dict", 1)
    text = re.sub(r"(\nSCHEMAS: dict\[.*\] = \{\n)", rf"\1{entry.group(0)}\n", text, count=1)
    schemas.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scaffold")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "medlint", root / "medlint", ignore=ignore)
    shutil.copytree(REPO / "rules", root / "rules", ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def scaffolded(tree: Path) -> tuple[Path, str]:
    run = _scaffold(tree, CODE, NAME, GROUP)
    assert run.returncode == 0, run.stderr
    _apply_schema_note(tree, run.stdout)
    return tree, run.stdout


def test_writes_the_files_and_says_what_next(scaffolded: tuple[Path, str]) -> None:
    root, out = scaffolded
    for rel in WRITTEN:
        assert (root / rel).is_file(), rel
        assert f"wrote {rel}" in out
    assert f"--update-snapshots -k {CODE}" in out
    assert '"""' in (root / WRITTEN[1]).read_text(encoding="utf-8")  # the group docstring
    module = (root / MODULE).read_text(encoding="utf-8")
    assert f'PhraseList(\n    "{CODE}:terms"' in module and f'packs.load("{NAME}")' in module
    for call in ("blocks_with(", "labelled(", "span_finding("):
        assert f"ctx.matches.{call}" in module or f"ctx.{call}" in module, call


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff not installed")
def test_generated_module_passes_ruff(scaffolded: tuple[Path, str]) -> None:
    root, _ = scaffolded
    for cmd in (["check"], ["format", "--check"]):
        run = subprocess.run(
            [sys.executable, "-m", "ruff", *cmd, MODULE, WRITTEN[1]],
            capture_output=True,
            text=True,
            cwd=root,
        )
        assert run.returncode == 0, run.stdout + run.stderr


def test_generated_rule_registers_and_its_cases_behave(scaffolded: tuple[Path, str]) -> None:
    root, _ = scaffolded
    run = subprocess.run(
        [sys.executable, "-c", PROBE, CODE], capture_output=True, text=True, env=_env(), cwd=root
    )
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["name"] == NAME and got["origin"] == "builtin"
    assert got["module"] == f"medlint.checks.{GROUP}.q901_scaffold_test_terms"
    assert got["found"] == {"fires-on-a-pack-term": [[3, 22]], "quiet-without-a-pack-term": []}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((CODE, "other-name", "othergroup"), "already there"),  # the scaffold's own files
        (("C401", "brand-new-check", "othergroup"), "code C401 is taken"),
        (("Q902", "hype-language", "othergroup"), "is taken by C406"),
        (("q902", "a-name", "othergroup"), "code 'q902'"),
        (("Q9021", "a-name", "othergroup"), "code 'Q9021'"),
        (("E950", "a-name", "othergroup"), "reserved"),
        (("Q902", "Bad_Name", "othergroup"), "name 'Bad_Name'"),
        (("Q902", "a-name-", "othergroup"), "name 'a-name-'"),
        (("Q902", "a-name", "Bad-Group"), "group 'Bad-Group'"),
        (("Q902", "a-name", "class"), "group 'class'"),
    ],
)
def test_refuses_and_writes_nothing(
    scaffolded: tuple[Path, str], args: tuple[str, str, str], says: str
) -> None:
    root, _ = scaffolded
    before = _files(root)
    run = _scaffold(root, *args)
    assert run.returncode == 2, run.stdout + run.stderr
    assert says in run.stderr
    assert _files(root) == before
