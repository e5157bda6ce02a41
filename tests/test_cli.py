"""The command line through click's runner and through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from medlint import __version__
from medlint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_version() -> None:
    res = CliRunner().invoke(main, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"medlint {__version__}"


def test_text_format_sorted_lines_and_exit_1(tmp_path: Path) -> None:
    _write(tmp_path, "b.md", "# B\n\nRead More\n")
    _write(tmp_path, "a.txt", "Title\nAdvertisement\nText here.\n")
    res = CliRunner().invoke(main, ["check", "--select", "D304", str(tmp_path)])
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert (
        lines[0]
        == f"{tmp_path / 'a.txt'}:2:1: D304 [error] [*] scrape artifact 'Advertisement': a line of web-page chrome; delete it (scrape-artifact)"
    )
    assert lines[1].startswith(f"{tmp_path / 'b.md'}:3:1: D304 [error]")
    assert lines[-2] == "Found 2 problems (2 errors) in 2 files of 2 files checked."
    assert lines[-1] == "[*] 2 fixable with --fix."


def test_json_format_keys_and_positions(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.md", "---\ntitle: T\n---\n# T\n\nSome text.\n\nRead More\n")
    res = CliRunner().invoke(main, ["check", "--select", "D304", "--format", "json", str(p)])
    data = json.loads(res.output)
    assert data == [
        {
            "path": str(p),
            "line": 8,
            "column": 1,
            "end_line": 8,
            "end_column": 10,
            "code": "D304",
            "name": "scrape-artifact",
            "severity": "error",
            "message": "scrape artifact 'Read More': a line of web-page chrome; delete it",
            "fix": {
                "replacement": "",
                "line": 8,
                "column": 1,
                "end_line": 8,
                "end_column": 10,
                "applicability": "safe",
            },
        }
    ]


def test_fail_on_and_exit_0(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.md", "# T\n\nRead More\n")
    r = CliRunner().invoke(main, ["check", "--select", "D304", str(p)])
    assert r.exit_code == 1
    cfg = _write(tmp_path, ".medlint.yaml", "severity: {D304: warning}\n")
    r = CliRunner().invoke(main, ["check", "--config", str(cfg), "--select", "D304", str(p)])
    assert r.exit_code == 0 and "D304 [warning]" in r.output
    r = CliRunner().invoke(
        main, ["check", "--config", str(cfg), "--select", "D304", "--fail-on", "warning", str(p)]
    )
    assert r.exit_code == 1


def test_statistics_and_quiet(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.md", "# T\n\nRead More\n\nAdvertisement\n")
    r = CliRunner().invoke(main, ["check", "--select", "D304", "--statistics", "--quiet", str(p)])
    assert "     2  D304  scrape-artifact [error]" in r.output
    assert ":3:1:" not in r.output


def test_unknown_select_and_bad_today_exit_2() -> None:
    r = CliRunner().invoke(main, ["check", "--select", "Q999", "."])
    assert r.exit_code == 2 and "unknown rule code or name 'Q999'" in r.output
    r = CliRunner().invoke(main, ["check", "--today", "2026-02-30", "."])
    assert r.exit_code == 2 and "--today" in r.output


def test_stdin_with_filename() -> None:
    r = CliRunner().invoke(
        main,
        ["check", "--select", "D304", "-", "--stdin-filename", "x.html"],
        input="<p>Advertisement</p>\n",
    )
    assert r.exit_code == 1 and r.output.startswith("x.html:1:4: D304")


def test_rules_and_rule(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["rules", "--format", "json"])
    data = json.loads(r.output)
    assert {"D304", "R101", "E901", "X001"} <= {d["code"] for d in data}
    r = CliRunner().invoke(main, ["rule", "D304"])
    assert r.exit_code == 0
    for part in ("D304 scrape-artifact [error]", "Why", "Example that fires", "How to fix"):
        assert part in r.output
    r = CliRunner().invoke(main, ["rule", "scrape-artefact"])
    assert r.exit_code == 2 and "did you mean 'scrape-artifact'" in r.output


def test_gitignore_and_exclude(tmp_path: Path) -> None:
    _write(tmp_path, ".gitignore", "drafts/\n")
    _write(tmp_path, "drafts/x.md", "# X\n\nRead More\n")
    _write(tmp_path, "old/y.md", "# Y\n\nRead More\n")
    _write(tmp_path, "ok/z.md", "# Z\n\nRead More\n")
    _write(tmp_path, "ok/image.png", "not an article")
    cfg = _write(tmp_path, ".medlint.yaml", "exclude: ['old/**']\n")
    r = CliRunner().invoke(
        main, ["check", "--config", str(cfg), "--select", "D304", "--format", "json", str(tmp_path)]
    )
    assert [Path(d["path"]).name for d in json.loads(r.output)] == ["z.md"]


def test_real_subprocess_no_traceback(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.md", "# T\n\nRead More\n")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "medlint",
            "check",
            "--select",
            "D304",
            str(p),
            str(tmp_path / "missing.md"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "E901 [error] cannot read the file: no such file" in proc.stdout
    assert "D304" in proc.stdout and "Traceback" not in proc.stderr


def test_bundled_examples_lint(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        main, ["check", "--today", "2026-11-23", str(ROOT / "fixtures" / "examples")]
    )
    assert r.exit_code == 1
    assert "3 files checked" in r.output
