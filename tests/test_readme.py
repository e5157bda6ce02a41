"""The README stays true: its rule table is the registry's, its quick start exists."""

from __future__ import annotations

import re
from pathlib import Path

from medlint.cli import rules_markdown
from medlint.discovery import get_registry

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def render_table() -> str:
    return rules_markdown(get_registry())


def test_readme_rule_table_matches_registry() -> None:
    text = README.read_text(encoding="utf-8")
    body = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert body == render_table(), (
        "README rule table is out of date; regenerate it with: python -m tests.test_readme"
    )


def test_readme_quick_start_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install . && medlint check" in text and "fixtures/examples/" in text
    assert "pip install -e '.[test]' && pytest" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in ci and "pytest" in ci


def test_every_rule_code_in_readme_exists() -> None:
    codes = set(re.findall(r"\b([A-Z]\d{3})\b", README.read_text(encoding="utf-8")))
    known = set(get_registry().rules) | {"H101", "H102", "Z901"}
    assert codes <= known, f"README mentions unknown codes: {sorted(codes - known)}"


def test_readme_documents_every_csv_column_in_order() -> None:
    from medlint.report.csv_format import COLUMNS

    text = README.read_text(encoding="utf-8")
    section = text.split("### CSV columns (stable)", 1)[1].split("\n## ", 1)[0]
    documented: list[str] = []
    for cell in re.findall(r"^\| (`[^|]+`) \|", section, flags=re.M):
        documented += re.findall(r"`([A-Za-z_]+)`", cell)
    assert tuple(documented) == COLUMNS


if __name__ == "__main__":  # regenerate the table
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{render_table()}\n{END}{tail}", encoding="utf-8")
    print("README rule table updated")


def test_readme_never_installs_by_a_name_medlint_does_not_own() -> None:
    """ "medlint" on the public index is an unrelated project: every install line in README
    installs from a path or a pinned repository commit, never by that bare name."""
    text = README.read_text(encoding="utf-8")
    installs = re.findall(r"pip install ([^\n`&;|]+)", text)
    assert installs
    for args in installs:
        words = args.split()
        for i, word in enumerate(words):
            bare = word.strip("\"'").split("[")[0]
            direct = words[i + 1 : i + 2] == ["@"]  # "medlint[lsp] @ git+https://…@sha"
            assert bare.lower() != "medlint" or direct, (
                f"README installs by name: pip install {args}"
            )


def test_readme_precommit_rev_is_a_commit_not_a_missing_tag() -> None:
    text = README.read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", text, flags=re.M)
    assert revs and all(re.fullmatch(r"[0-9a-f]{40}", r) for r in revs), revs


def test_licence_file_matches_pyproject() -> None:
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
