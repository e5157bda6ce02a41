"""--fix and --diff: fixes applied atomically, keeping BOM, encoding and line endings;
a second run changes nothing; overlapping fixes settle over several passes."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import files, fixer
from medlint.cli import main
from medlint.context import Context
from medlint.discovery import get_registry
from medlint.findings import Finding, Fix
from medlint.registry import Rule
from tests.helpers import make_linter

ARTICLE = (
    "Managing Migraine at Home\n"
    "Migraine attacks can last from a few hours to three days.\n"
    "Read MoreMedically reviewed by Ana Ruiz, MD on May 2, 2026.\n"
    "Advertisement\n"
    "Drink water and rest in a dark room.\n"
)
FIXED = (  # the chrome line "Advertisement" is deleted with its line break
    "Managing Migraine at Home\n"
    "Migraine attacks can last from a few hours to three days.\n"
    "Medically reviewed by Ana Ruiz, MD on May 2, 2026.\n"
    "Drink water and rest in a dark room.\n"
)


def _run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(
        main, ["check", "--today", "2026-11-23", "--no-cache", *args], input=input
    )
    return res.exit_code, res.stdout, res.stderr


def test_fix_removes_d304_and_second_run_changes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, out, err = _run(str(p), "--fix", "--select", "D304")
    assert p.read_text(encoding="utf-8") == FIXED
    assert code == 0, out
    assert "applied 2 fixes in 1 file" in err
    assert "D304" not in out  # findings reported after fixing are the remaining ones
    before = p.stat()
    code, out, err = _run(str(p), "--fix", "--select", "D304")
    after = p.stat()
    assert code == 0
    assert p.read_text(encoding="utf-8") == FIXED
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert "applied" not in err


@pytest.mark.parametrize(
    ("prefix", "eol"),
    [(b"", b"\n"), (b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n")],
)
def test_fix_keeps_bom_and_line_endings(tmp_path: Path, prefix: bytes, eol: bytes) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + ARTICLE.encode("utf-8").replace(b"\n", eol))
    _run(str(p), "--fix", "--select", "D304")
    assert p.read_bytes() == prefix + FIXED.encode("utf-8").replace(b"\n", eol)


def test_fix_keeps_non_ascii_text(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Café — “naïve” tips\n\nRest well.Read More\n", encoding="utf-8")
    _run(str(p), "--fix", "--select", "D304")
    assert p.read_text(encoding="utf-8") == "# Café — “naïve” tips\n\nRest well.\n"


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = _run(str(p), "--diff", "--select", "D304")
    assert code == 1
    assert p.read_text(encoding="utf-8") == ARTICLE
    assert out.startswith(f"--- a{p}\n+++ b{p}\n@@ ")  # absolute: a/tmp/..., not a//tmp
    assert "-Read MoreMedically reviewed by Ana Ruiz, MD on May 2, 2026.\n" in out
    assert "+Medically reviewed by Ana Ruiz, MD on May 2, 2026.\n" in out
    assert "-Advertisement\n" in out
    p.write_text(FIXED, encoding="utf-8")
    code, out, _ = _run(str(p), "--diff", "--select", "D304")
    assert (code, out) == (0, "")


def test_fix_is_atomic_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        fixer.fix_file(make_linter(select=["D304"]), str(p))
    assert p.read_text(encoding="utf-8") == ARTICLE  # untouched
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_fix_replaces_the_file_by_rename_and_keeps_its_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    os.chmod(p, 0o640)
    inode = p.stat().st_ino
    outcome = fixer.fix_file(make_linter(select=["D304"]), str(p))
    assert outcome is not None and outcome.changed and outcome.applied == 2
    assert p.stat().st_ino != inode  # a new file renamed into place, not rewritten in place
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert p.read_text(encoding="utf-8") == FIXED


def test_fix_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(ARTICLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    fixer.fix_file(make_linter(select=["D304"]), str(link))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED


def test_fix_reads_standard_input_and_prints_the_fixed_text() -> None:
    code, out, _ = _run("-", "--stdin-filename", "a.txt", "--fix", "--select", "D304",
                        input=ARTICLE.encode())  # fmt: skip
    assert out == FIXED
    assert code == 0


def test_apply_fixes_skips_overlaps_and_duplicates() -> None:
    text = "abcdefghij"
    new, n = fixer.apply_fixes(
        text, [Fix(0, 3, "X"), Fix(2, 5, "Y"), Fix(6, 7, "Z"), Fix(6, 7, "Z")]
    )
    assert (new, n) == ("Xdef" + "Z" + "hij", 2)
    new, n = fixer.apply_fixes(text, [Fix(3, 3, "1"), Fix(3, 3, "2"), Fix(3, 4, "-")])
    assert (new, n) == ("abc1-efghij", 2)
    assert fixer.apply_fixes(text, [Fix(8, 20, "")]) == (text, 0)  # out of range: ignored


def test_inserted_newlines_follow_crlf_files() -> None:
    new, _ = fixer.apply_fixes("one\r\ntwo", [Fix(3, 3, "\nmid")])
    assert new == "one\r\nmid\r\ntwo"
    new, _ = fixer.apply_fixes("one\ntwo", [Fix(3, 3, "\nmid")])
    assert new == "one\nmid\ntwo"


# -- a synthetic rule registered by the test --------------------------------

SYNTH = "Z901"


def _synthetic(ctx: Context) -> Iterator[Finding]:
    """Replaces 'colour' with 'color' and, overlapping it, 'colo(u)r chart' with
    'colo(u)r table'."""
    for block in ctx.article.body_blocks():
        t = block.text
        for m in re.finditer(r"colou?r chart", t):
            rep = m.group(0).replace("chart", "table")
            yield ctx.finding(block, m.start(), m.end(), f"write '{rep}'", fix=rep)
        for m in re.finditer("colour", t):
            yield ctx.finding(block, m.start(), m.end(), "write 'color'", fix="color")


@pytest.fixture
def synthetic_rule() -> Iterator[str]:
    reg = get_registry()
    reg.add(
        Rule(
            code=SYNTH,
            name="test-synthetic-spelling",
            severity="warning",
            summary="test rule",
            check=_synthetic,
            fixable=True,
            origin="plugin:tests",
        )
    )
    try:
        yield SYNTH
    finally:
        reg.rules.pop(SYNTH, None)


def test_overlapping_fixes_settle_over_passes(synthetic_rule: str, tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Skin\n\nCheck the colour chart and the colour of the rash.\n", "utf-8")
    outcome = fixer.fix_file(make_linter(select=[synthetic_rule]), str(p))
    assert outcome is not None
    assert p.read_text("utf-8") == "# Skin\n\nCheck the color table and the color of the rash.\n"
    # 'colour chart' and 'colour' overlap: the shorter wins, the next pass fixes 'chart'
    assert outcome.passes == 2
    assert outcome.result.findings == []
    again = fixer.fix_file(make_linter(select=[synthetic_rule]), str(p))
    assert again is not None and not again.changed


def test_cli_fix_with_synthetic_rule_is_idempotent(synthetic_rule: str, tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Skin\r\n\r\nA colour chart, a colour.\r\n", "utf-8", newline="")
    code, out, err = _run(str(p), "--fix", "--select", synthetic_rule)
    assert code == 0, out + err
    assert p.read_bytes() == b"# Skin\r\n\r\nA color table, a color.\r\n"
    assert "All clear" in out
    code, out, err = _run(str(p), "--diff", "--select", synthetic_rule)
    assert (code, out) == (0, "")


def test_fix_honours_inline_suppression(synthetic_rule: str, tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    text = "# Skin\n\n<!-- medlint-disable-next-line Z901 -->\nA colour.\n\nAnother colour.\n"
    p.write_text(text, "utf-8")
    fixer.fix_file(make_linter(select=[synthetic_rule]), str(p))
    assert p.read_text("utf-8") == text.replace("Another colour", "Another color")


def test_unfixable_files_are_left_alone(tmp_path: Path) -> None:
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\x00\xff binary")
    assert fixer.fix_file(make_linter(select=["D304"]), str(p)) is None
    assert p.read_bytes() == b"\x00\xff binary"


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_deleting_a_chrome_paragraph_leaves_one_blank_line(tmp_path: Path, eol: str) -> None:
    text = eol.join(
        ["# Title", "", "First paragraph here.", "", "Advertisement", "", "Last one.", ""]
    )
    p = tmp_path / "a.md"
    p.write_bytes(text.encode())
    r = CliRunner().invoke(main, ["check", "--fix", "--select", "D304", str(p)])
    assert r.exit_code == 0, r.output
    want = eol.join(["# Title", "", "First paragraph here.", "", "Last one.", ""])
    assert p.read_bytes().decode() == want


def test_whole_line_deletion_leaves_partial_and_replacing_fixes_alone() -> None:
    from medlint.findings import Fix
    from medlint.fixer import whole_line_deletion

    text = "a\n\nAd\n\nb\n"
    assert whole_line_deletion(text, Fix(3, 5, "")) == Fix(3, 7, "")  # line + blank line
    assert whole_line_deletion("a\nAd\nb\n", Fix(2, 4, "")) == Fix(2, 5, "")  # line only
    assert whole_line_deletion(text, Fix(3, 4, "")) == Fix(3, 4, "")  # part of a line
    assert whole_line_deletion(text, Fix(3, 5, "X")) == Fix(3, 5, "X")  # a replacement


def test_fix_leaves_findings_hidden_by_min_severity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 19: --min-severity hid D304 (made info) but --fix still deleted its chrome lines
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("severity:\n  D304: info\n", "utf-8")
    for how in (["--min-severity", "warning"], ["--diff", "--min-severity", "warning"]):
        code, out, err = _run("a.txt", "--fix", "--select", "D304", *how)
        assert p.read_text(encoding="utf-8") == ARTICLE, how
        assert code == 0 and "D304" not in out and "applied" not in err, (out, err)
    code, out, _ = _run("-", "--fix", "--select", "D304", "--stdin-filename", "a.txt",
                        "--min-severity", "warning", input=ARTICLE.encode())  # fmt: skip
    assert out == ARTICLE
    (tmp_path / ".medlint.yaml").write_text("severity:\n  D304: info\nmin-severity: warning\n")
    _run("a.txt", "--fix", "--select", "D304")
    assert p.read_text(encoding="utf-8") == ARTICLE
    _run("a.txt", "--fix", "--select", "D304", "--min-severity", "info")  # shown: fixed
    assert p.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_that_replaced_an_article_does_not_hang_fix_or_changed_since(
    tmp_path: Path,
) -> None:
    # issue 19: read_snapshot (--fix) and article_level_checker (--changed-since) opened the
    # path with open(): a FIFO put in place of an article blocked them forever.  A
    # subprocess, its timeout only a guard against the hang.
    import subprocess
    import sys

    fifo = tmp_path / "a.md"
    os.mkfifo(fifo)
    script = (
        "import sys\n"
        "from medlint import files, gitdiff\n"
        "from medlint.findings import Finding\n"
        "p = sys.argv[1]\n"
        "print(files.read_snapshot(p))\n"
        "f = Finding(code='P602', message='m', start=0, end=1)\n"
        "print(gitdiff.article_level_checker()(p, f))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["None", "False"]
