"""Third-party rules through the `medlint.plugins` entry-point group, and the registry."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.discovery import get_registry, reset_registry
from medlint.registry import Rule

PLUGIN = """
from medlint.registry import rule

@rule("Z901", "house-no-exclamations", "warning", "No exclamation marks in headings.",
      rationale="House style.", source="Example House Style 2026",
      bad="# Great news!", good="# Good news")
def no_bang(ctx):
    for block in ctx.article.blocks:
        if block.kind == "heading" and "!" in block.text:
            i = block.text.index("!")
            yield ctx.finding(block, i, i + 1, "remove the exclamation mark from the heading")
"""


@pytest.fixture
def plugin_dist(tmp_path: Path) -> Iterator[Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "medlint_house_rules.py").write_text(textwrap.dedent(PLUGIN))
    dist = site / "medlint_house_rules-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: medlint-house-rules\nVersion: 0.1\n"
    )
    (dist / "entry_points.txt").write_text("[medlint.plugins]\nhouse = medlint_house_rules\n")
    sys.path.insert(0, str(site))
    reset_registry()
    yield site
    sys.path.remove(str(site))
    sys.modules.pop("medlint_house_rules", None)
    reset_registry()


def test_plugin_rule_is_discovered_and_runs(plugin_dist: Path, tmp_path: Path) -> None:
    reg = get_registry()
    assert "Z901" in reg.rules
    assert reg.rules["Z901"].origin.startswith("plugin:")
    art = tmp_path / "a.md"
    art.write_text("# Great news!\n\nText.\n")
    r = CliRunner().invoke(main, ["check", "--select", "Z9", str(art)])
    assert r.exit_code == 0  # a warning does not fail by default
    assert (
        f"{art}:1:13: Z901 [warning] remove the exclamation mark from the heading (house-no-exclamations)"
        in r.output
    )
    r = CliRunner().invoke(main, ["rule", "house-no-exclamations"])
    assert "Example House Style 2026" in r.output


def test_broken_plugin_warns_and_medlint_still_runs(tmp_path: Path) -> None:
    site = tmp_path / "site2"
    site.mkdir()
    (site / "medlint_broken.py").write_text("raise ImportError('missing dependency foo')\n")
    dist = site / "medlint_broken-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: medlint-broken\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[medlint.plugins]\nbroken = medlint_broken\n")
    sys.path.insert(0, str(site))
    reset_registry()
    try:
        reg = get_registry()
        assert "D304" in reg.rules
        assert any("missing dependency foo" in e for e in reg.plugin_errors)
    finally:
        sys.path.remove(str(site))
        reset_registry()


def test_every_builtin_rule_is_documented() -> None:
    for r in get_registry():
        assert isinstance(r, Rule)
        assert r.summary and r.severity in ("error", "warning", "info"), r.code
        if r.origin == "builtin":
            assert r.rationale and r.source and r.fix, f"{r.code} lacks rationale/source/fix"


def test_selectors_expand() -> None:
    reg = get_registry()
    assert reg.expand("D304") == ["D304"]
    assert "D304" in reg.expand("D3") and "D304" in reg.expand("D")
    assert reg.expand("scrape-artifact") == ["D304"]
    assert reg.expand("nope") == []
