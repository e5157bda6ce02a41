"""Scaffold a new rule: ``python tools/new_rule.py CODE name group [--root DIR]``.

Writes the rule module ``medlint/checks/<group>/<code>_<name>.py`` (and the group package if
it is new), its word list ``rules/<name>.yaml``, its cases ``fixtures/rules/<CODE>.yaml`` and
its page ``docs/rules/<CODE>.md``, every TODO for an editor to replace; then prints the next
steps.  Refuses (exit 2, nothing written) a malformed or taken code, name or group.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from pathlib import Path
from typing import NoReturn

CODE_RE = re.compile(r"[A-Z][0-9]{3}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
GROUP_RE = re.compile(r"[a-z][a-z0-9_]*")
RESERVED = {"E": "read errors (E9xx)", "X": "suppression findings (X0xx)"}

MODULE = '''"""{code} {name}: TODO one line: the editorial question the rule asks.

Terms: rules/{name}.yaml (``terms:``).  Cases: fixtures/rules/{code}.yaml.  Page:
docs/rules/{code}.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from medlint import packs
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs, PhraseList
from medlint.registry import rule

# The phrases the rule looks for: the ``terms:`` list of rules/{name}.yaml, matched by the
# engine's matching layer on the tokens' lower-case form.
TERMS = PhraseList(
    "{code}:terms",
    lambda: packs.load("{name}").get("terms") or [],
)


@rule(
    "{code}",
    "{name}",
    "warning",
    "TODO: one sentence: what the rule flags.",
    rationale=(
        "TODO: why it matters to a reader, with the evidence (study, guideline). "
        "Terms: rules/{name}.yaml."
    ),
    source="TODO: the standard or guideline the rule comes from",
    bad="TODO: an example that fires: it has an example phrase in it.",
    good="TODO: the same example written well.",
    fix="TODO: how to fix it, in words.",
    needs=Needs(phrases=(TERMS,)),
)
def {func}(ctx: Context) -> Iterator[Finding]:
    for block in ctx.matches.blocks_with(TERMS.key, prose=True):
        doc = ctx.analysis.doc(block)
        for phrase, span in ctx.matches.labelled(doc, TERMS.key):
            yield ctx.span_finding(
                block, span, f"'{{span.text}}' ({{phrase}}): TODO say what is wrong and what to write"
            )
'''

PACK = """\
# {code} {name}: the phrases the rule looks for ({module}).
# TODO: replace the example with real entries, one phrase a line, lower case.
terms:
  - example phrase
"""

FIXTURE = """\
rule: {code}
# TODO: replace both texts with short real article excerpts (and add the hard cases).
cases:
  - name: fires-on-a-pack-term
    format: md
    text: |
      # A title

      This sentence has an example phrase in it.
    expect:
      - {{code: {code}, line: 3, column: 22}}
  - name: quiet-without-a-pack-term
    format: md
    text: |
      # A title

      This sentence has nothing the rule looks for.
    expect_not: [{code}]
"""

DOC = """\
# {code} {name}

Severity: warning.  Group: {group} (`{module}`).  Terms: `rules/{name}.yaml` (`terms:`; a
user pack with `pack: {name}` adds to them).

TODO: what the rule flags, in one paragraph.

## Why

TODO: why it matters to a reader, and the evidence.

## Examples and fix

Fires: TODO.  Quiet: TODO.  Fix: TODO.

## Source

TODO: the standard or guideline.
"""

GROUP_INIT = (
    '"""{group}: TODO the group\'s name, its codes and the standards.\n\n{code} {name}.\n"""\n'
)

SCHEMA = """\
rules/{name}.yaml needs a pack schema: in medlint/pack_schemas.py add, before SCHEMAS,

class {camel}Pack(Model):
    terms: Words = []

and to SCHEMAS (in alphabetical order):

    "{name}": {camel}Pack,
"""


def fail(message: str) -> NoReturn:
    print(f"new_rule: {message}", file=sys.stderr)
    raise SystemExit(2)


def check_format(code: str, name: str, group: str) -> None:
    if not CODE_RE.fullmatch(code):
        fail(f"code {code!r} must be an upper-case letter and three digits (C407)")
    if code[0] in RESERVED:
        fail(f"codes starting with {code[0]} are reserved for {RESERVED[code[0]]}")
    if not NAME_RE.fullmatch(name) or keyword.iskeyword(name.replace("-", "_")):
        fail(f"name {name!r} must be lower-case words joined by hyphens (hype-language)")
    if not GROUP_RE.fullmatch(group) or keyword.iskeyword(group):
        fail(f"group {group!r} must be a lower-case Python package name (claims, dosing)")


def check_registry(root: Path, code: str, name: str) -> None:
    """Refuse a code or name a built-in, pack or plugin rule of ``root``'s medlint has."""
    sys.path.insert(0, str(root))
    try:
        import medlint
        from medlint.discovery import get_registry

        if not Path(medlint.__file__).resolve().is_relative_to(root):
            fail(f"the medlint imported is {medlint.__file__}, not the one under {root}")
        registry = get_registry()
    except Exception as exc:
        fail(f"cannot load the rule registry of {root}: {exc}")
    for r in registry:
        if r.code == code:
            fail(f"code {code} is taken by {r.name} ({r.origin})")
        if r.name == name:
            fail(f"name {name!r} is taken by {r.code} ({r.origin})")


def plan(root: Path, code: str, name: str, group: str) -> dict[Path, str]:
    """The files to write, path -> text."""
    checks = root / "medlint" / "checks"
    if (checks / f"{group}.py").exists():
        fail(f"medlint/checks/{group}.py is a module: split it into a package first")
    package = checks / group
    module = package / f"{code.lower()}_{name.replace('-', '_')}.py"
    rel = module.relative_to(root).as_posix()
    fields = {"code": code, "name": name, "group": group, "module": rel}
    files = {
        module: MODULE.format(**fields, func=name.replace("-", "_")),
        root / "rules" / f"{name}.yaml": PACK.format(**fields),
        root / "fixtures" / "rules" / f"{code}.yaml": FIXTURE.format(**fields),
        root / "docs" / "rules" / f"{code}.md": DOC.format(**fields),
    }
    if not (package / "__init__.py").exists():
        files[package / "__init__.py"] = GROUP_INIT.format(**fields)
    taken = [p.relative_to(root).as_posix() for p in files if p.exists()]
    if taken:
        fail(f"already there, nothing written: {', '.join(taken)}")
    return files


def schema_note(root: Path, name: str) -> str:
    """What to add to the pack schemas for the new pack, if the tree has them."""
    schemas = root / "medlint" / "pack_schemas.py"
    if not schemas.exists() or f'"{name}":' in schemas.read_text(encoding="utf-8"):
        return ""
    camel = "".join(w.capitalize() for w in name.split("-"))
    return SCHEMA.format(name=name, camel=camel)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("code", help="rule code, e.g. C407")
    ap.add_argument("name", help="rule name, lower case with hyphens, e.g. dose-without-unit")
    ap.add_argument("group", help="rule group package under medlint/checks/, e.g. claims")
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = ap.parse_args(argv)
    root: Path = args.root.resolve()
    check_format(args.code, args.name, args.group)
    files = plan(root, args.code, args.name, args.group)
    check_registry(root, args.code, args.name)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(root).as_posix()}")
    note = schema_note(root, args.name)
    print(f"\n{note}" if note else "", end="")
    print(
        f"\nNext: replace every TODO; write the cases' snapshot and the README rule table:\n"
        f"    python -m pytest tests/test_rule_cases.py --update-snapshots -k {args.code}\n"
        f"    python -m tests.test_readme\n"
        f"then review the diff and run the checks:\n"
        f"    python -m pytest -q && ruff check . && ruff format --check . && mypy medlint"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
