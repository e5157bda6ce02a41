"""Vale-style declarative rules in YAML packs (existence, substitution)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.config import ConfigError
from medlint.discovery import get_registry, reset_registry
from medlint.packs import set_extra_packs
from tests.helpers import lint

PACK = """
rules:
  - extends: substitution
    code: H101
    name: house-plain-words
    message: "Use '%s' instead of '%s'."
    level: suggestion
    ignorecase: true
    source: House style guide 2026
    swap:
      utilise: use
      commence: start|begin
  - extends: existence
    code: H102
    name: house-no-weasel
    message: "'%s' is vague; give a number."
    level: warning
    scope: ~heading
    tokens: [a lot of, lots of]
"""


@pytest.fixture
def house_pack(tmp_path: Path):  # type: ignore[no-untyped-def]
    p = tmp_path / "house.yaml"
    p.write_text(PACK)
    reset_registry()
    yield p
    set_extra_packs([])
    reset_registry()


def test_substitution_and_existence(house_pack: Path) -> None:
    text = "# Lots of news\n\nUtilise your inhaler. Commence treatment early. It helps lots of people.\n"
    fs = lint(text, config={"packs": [str(house_pack)], "select": ["H1"]})
    got = [(f.code, f.line, f.column, f.severity, f.message) for f in fs]
    assert got == [
        ("H101", 3, 1, "info", "Use 'use' instead of 'Utilise'."),
        ("H101", 3, 23, "info", "Use 'start or begin' instead of 'Commence'."),
        ("H102", 3, 58, "warning", "'lots of' is vague; give a number."),
    ]
    assert fs[0].fix is not None and fs[0].fix.replacement == "Use"
    assert fs[1].fix is None, "several alternatives: no automatic fix"


def test_word_boundaries(house_pack: Path) -> None:
    fs = lint(
        "# T\n\nThe utilisers were fine.\n", config={"packs": [str(house_pack)], "select": ["H1"]}
    )
    assert fs == []


def test_bad_declarative_rule_is_config_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("extends: existance\ncode: H201\nname: x\nmessage: y\ntokens: [a]\n")
    reset_registry()
    try:
        with pytest.raises(ConfigError) as info:
            lint("# T\n", config={"packs": [str(p)]})
        assert info.value.key == "extends" and "existence" in str(info.value)
        p.write_text("extends: existence\ncode: H201\nname: x\nmessage: y\ntokns: [a]\n")
        with pytest.raises(ConfigError) as info:
            lint("# T\n", config={"packs": [str(p)]})
        assert "did you mean 'tokens'" in str(info.value)
    finally:
        set_extra_packs([])
        reset_registry()


def test_user_pack_merges_into_builtin_data_pack(tmp_path: Path) -> None:
    p = tmp_path / "artifacts-extra.yaml"
    p.write_text("pack: artifacts\nblock:\n  - Download our app\n")
    reset_registry()
    try:
        fs = lint("# T\n\nDownload our app\n", config={"packs": [str(p)]}, select=["D304"])
        assert [f.code for f in fs] == ["D304"]
    finally:
        set_extra_packs([])
        reset_registry()
    assert get_registry()


SWAP_PACK = """
extends: substitution
code: H201
name: house-product-names
message: "Use '%s' instead of '%s'."
level: warning
ignorecase: true
swap:
  javascript: JavaScript
  node(?=\\.js): Node
  (?<=the )web site: website
  commence: start|begin
"""


@pytest.fixture
def swap_pack(tmp_path: Path):  # type: ignore[no-untyped-def]
    p = tmp_path / "swap.yaml"
    p.write_text(SWAP_PACK)
    reset_registry()
    yield p
    set_extra_packs([])
    reset_registry()


def _swaps(text: str, pack: Path) -> list[tuple[int, str, str | None]]:
    fs = lint(text, config={"packs": [str(pack)], "select": ["H201"]})
    return [(f.column, f.message, f.fix.replacement if f.fix else None) for f in fs]


def test_swap_key_with_look_around_gets_its_suggestion(swap_pack: Path) -> None:
    got = _swaps("# T\n\nRun it with node.js on the web site.\n", swap_pack)
    assert got == [
        (13, "Use 'Node' instead of 'node'.", "Node"),
        (28, "Use 'website' instead of 'web site'.", "website"),
    ]


def test_term_already_in_preferred_form_is_quiet(swap_pack: Path) -> None:
    text = "# T\n\nJavaScript is fine. Start now or begin later. Node.js too.\n"
    assert _swaps(text, swap_pack) == []
    got = _swaps("# T\n\nWe like javascript and Javascript.\n", swap_pack)
    assert got == [
        (9, "Use 'JavaScript' instead of 'javascript'.", "JavaScript"),
        (24, "Use 'JavaScript' instead of 'Javascript'.", "JavaScript"),
    ]
    assert _swaps("# T\n\nCommence now.\n", swap_pack) == [
        (1, "Use 'start or begin' instead of 'Commence'.", None)
    ]
