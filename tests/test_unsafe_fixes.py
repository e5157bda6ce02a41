"""Fix applicability (as ruff's): ``--fix`` applies the safe fixes, ``--unsafe-fixes`` (or
the config key ``unsafe-fixes: true``) the unsafe ones too; the text output marks fixable
findings "[*]" and counts them; JSON, SARIF and the cache keep the applicability."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import fixer
from medlint.cache import finding_from_data, finding_to_data
from medlint.cli import main
from medlint.findings import SAFE, UNSAFE, Finding, Fix
from tests.helpers import make_linter

# "DosageTake": a heading word and a sentence starter, the rule is sure (safe fix);
# "takeIbuprofen": a lost space in running text, likely but not sure (unsafe fix).
ARTICLE = (
    "Ibuprofen tablets\n"
    "DosageTake one tablet every six hours with food.\n"
    "Ask your pharmacist how to takeIbuprofen with other medicines. Ibuprofen can upset "
    "the stomach.\n"
)
SAFE_ONLY = ARTICLE.replace("DosageTake", "Dosage\nTake")
BOTH = SAFE_ONLY.replace("takeIbuprofen", "take Ibuprofen")


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--today", "2026-11-23", "--no-cache", *args])
    return res.exit_code, res.stdout, res.stderr


def test_fix_applicability_defaults_to_safe() -> None:
    fx = Fix(0, 1, "")
    assert fx.applicability == SAFE and fx.safe and fx.applies(False)
    risky = Fix(0, 1, "", UNSAFE)
    assert not risky.safe and not risky.applies(False) and risky.applies(True)
    f = Finding("D305", "m", fix=risky)
    assert not f.fixable() and f.fixable(unsafe=True)
    assert not Finding("D305", "m").fixable(unsafe=True)


def test_fix_text_applies_unsafe_fixes_only_when_asked() -> None:
    linter = make_linter(select=["D305"])
    assert fixer.fix_text(linter, "a.txt", ARTICLE).fixed == SAFE_ONLY
    assert fixer.fix_text(linter, "a.txt", ARTICLE, unsafe=True).fixed == BOTH


def test_cli_fix_leaves_unsafe_fixes_and_says_so(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, out, err = _run(str(p), "--select", "D305")
    lines = out.splitlines()
    assert "D305 [error] [*] 'DosageTake'" in lines[0]
    assert "D305 [error] 'takeIbuprofen'" in lines[1]  # unsafe: no marker
    assert lines[-1] == "[*] 1 fixable with --fix (1 more with --unsafe-fixes)."
    code, out, err = _run(str(p), "--select", "D305", "--fix")
    assert p.read_text(encoding="utf-8") == SAFE_ONLY
    assert "applied 1 fix in 1 file" in err
    assert out.splitlines()[-1] == "[*] 0 fixable with --fix (1 more with --unsafe-fixes)."
    code, out, err = _run(str(p), "--select", "D305", "--fix")  # nothing safe left
    assert "applied" not in err and p.read_text(encoding="utf-8") == SAFE_ONLY
    code, out, err = _run(str(p), "--select", "D305", "--fix", "--unsafe-fixes")
    assert p.read_text(encoding="utf-8") == BOTH
    assert code == 0 and "fixable" not in out


def test_unsafe_fixes_config_key(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("unsafe-fixes: true\n", encoding="utf-8")
    _code, out, _err = _run(str(p), "--config", str(cfg), "--select", "D305")
    assert out.splitlines()[-1] == "[*] 2 fixable with --fix."
    _run(str(p), "--config", str(cfg), "--select", "D305", "--fix")
    assert p.read_text(encoding="utf-8") == BOTH


def test_unsafe_fixes_config_key_must_be_a_boolean(tmp_path: Path) -> None:
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("unsafe-fixes: sometimes\n", encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, _out, err = _run(str(p), "--config", str(cfg))
    assert code == 2 and "unsafe-fixes" in err


def test_diff_with_and_without_unsafe_fixes(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    _code, out, _err = _run(str(p), "--select", "D305", "--diff")
    assert "+Take one tablet" in out and "take Ibuprofen" not in out
    _code, out, _err = _run(str(p), "--select", "D305", "--diff", "--unsafe-fixes")
    assert "take Ibuprofen" in out
    assert p.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_keep_their_shape(tmp_path: Path, fmt: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    _code, out, _err = _run(str(p), "--select", "D305", "--format", fmt)
    data = json.loads(out)
    if fmt == "json":
        assert [d["fix"]["applicability"] for d in data] == [SAFE, UNSAFE]
        assert set(data[0]["fix"]) == {
            "replacement",
            "line",
            "column",
            "end_line",
            "end_column",
            "applicability",
        }
    else:
        results = data["runs"][0]["results"]
        assert all(len(r["fixes"]) == 1 for r in results)


def test_the_cache_keeps_the_applicability() -> None:
    f = Finding("D305", "m", fix=Fix(3, 3, " ", UNSAFE))
    assert finding_from_data(finding_to_data(f)).fix == Fix(3, 3, " ", UNSAFE)
    old = finding_to_data(Finding("D304", "m", fix=Fix(0, 4, "")))
    old["fix"] = old["fix"][:3]  # an entry written before fixes had an applicability
    back = finding_from_data(old).fix
    assert back is not None and back.applicability == SAFE
