"""SPEC section 9: no input makes medlint crash; each gets an E9xx finding or a clear skip."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main


def _run(*args: str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    r = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert "Traceback" not in r.output, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, json.loads(r.stdout), r.output


def test_hostile_files_each_get_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("na\u00efve caf\u00e9".encode("latin-1"))
    (tmp_path / "surrogate.md").write_bytes(b"text \xed\xa0\x80 more")
    (tmp_path / "nul.txt").write_bytes(b"Title\nA line\x00with a NUL.\n")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n   \n")
    (tmp_path / "badfm.md").write_text("---\ntitle: [oops\n---\nRead More\n")
    (tmp_path / "fm_list.md").write_text("---\n- a\n- b\n---\nBody.\n")
    (tmp_path / "nested.html").write_text("<div>" * 20000 + "Read More" + "</div>" * 20000)
    (tmp_path / "unclosed.html").write_text("<p>Read More<p><b><i>text<script>var x")
    (tmp_path / "a_dir.md").mkdir()
    (tmp_path / "ok.md").write_text("# T\n\nRead More\n")
    os.symlink(tmp_path / "nowhere.md", tmp_path / "broken.md")
    explicit = [str(tmp_path / "a_dir.md"), str(tmp_path / "broken.md")]
    code, data, _ = _run("--select", "D304", str(tmp_path), *explicit)
    assert code == 1
    by_file: dict[str, set[str]] = {}
    for d in data:
        by_file.setdefault(Path(d["path"]).name, set()).add(d["code"])
    assert by_file["binary.md"] == {"E902"}
    assert by_file["latin1.txt"] == {"E902"}
    assert by_file["surrogate.md"] == {"E902"}
    assert by_file["nul.txt"] == {"E902"}
    assert by_file["badfm.md"] == {"E903", "D304"}
    assert by_file["fm_list.md"] == {"E903"}
    assert by_file["nested.html"] == {"D304"}
    assert "D304" in by_file["unclosed.html"]
    assert by_file["a_dir.md"] == {"E901"}
    assert by_file["broken.md"] == {"E901"}
    assert by_file["ok.md"] == {"D304"}
    assert "empty.md" not in by_file and "blank.txt" not in by_file


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = tmp_path / "secret.md"
    p.write_text("# T\n")
    p.chmod(0)
    _code, data, _ = _run(str(p))
    assert [d["code"] for d in data] == ["E901"] and "permission denied" in data[0]["message"]


def test_large_file(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    para = "Patients should drink water and rest when they have a cold. " * 20
    with p.open("w") as fh:
        fh.write("Title\n")
        for _ in range(2000):
            fh.write(para + "\n")
        fh.write("Read More\n")
    _code, data, _ = _run("--select", "D304", str(p))
    assert [d["line"] for d in data] == [2002]


def test_internal_rule_error_is_a_finding_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.discovery import get_registry

    rule = get_registry().rules["D304"]

    def boom(ctx):  # type: ignore[no-untyped-def]
        raise ValueError("kaboom")

    monkeypatch.setattr(rule, "check", boom)
    p = tmp_path / "a.md"
    p.write_text("# T\n\nText.\n")
    _code, data, _ = _run("--select", "D304,R101", str(p))
    assert {d["code"] for d in data} == {"E904", "R101"}
    assert "kaboom" in next(d["message"] for d in data if d["code"] == "E904")
