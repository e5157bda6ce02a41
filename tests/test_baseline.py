"""Baselines: fingerprints survive edits that move lines; duplicates are counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import baseline
from medlint.cli import main
from medlint.findings import Finding

ARTICLE = """# Looking after your ears

Most earwax leaves the ear canal by itself.
Read MoreDo not push cotton buds into the ear.

Advertisement

See a doctor if you have pain or discharge.
"""


def _run(cwd: Path, *args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(
        main,
        [
            "check",
            "--today",
            "2026-11-23",
            "--no-cache",
            "--select",
            "D304",
            "--format",
            "json",
            *args,
        ],
    )
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ears.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "content" / "clean.md").write_text("# Clean\n\nNothing to see.\n", "utf-8")
    return tmp_path


def _write(repo: Path) -> dict[str, object]:
    code, out, err = _run(repo, "content", "--write-baseline", "medlint-baseline.json")
    assert code == 0, out + err
    assert "wrote medlint-baseline.json: 2 findings in 1 file" in err
    return json.loads((repo / "medlint-baseline.json").read_text("utf-8"))


def test_write_baseline_records_findings(repo: Path) -> None:
    doc = _write(repo)
    assert doc["medlint-baseline"] == 1
    entries = doc["entries"]
    assert isinstance(entries, list) and len(entries) == 2
    assert [(e["path"], e["code"], e["line"], e["count"]) for e in entries] == [
        ("content/ears.md", "D304", 4, 1),
        ("content/ears.md", "D304", 6, 1),
    ]


def test_baseline_hides_known_findings_and_exits_zero(repo: Path) -> None:
    _write(repo)
    code, out, _ = _run(repo, "content", "--baseline", "medlint-baseline.json")
    assert (code, json.loads(out)) == (0, [])


def test_fingerprints_survive_inserted_lines_above(repo: Path) -> None:
    _write(repo)
    ears = repo / "content" / "ears.md"
    moved = ARTICLE.replace(
        "# Looking after your ears\n",
        "# Looking after your ears\n\nA new introduction.\n\nAnd a second new paragraph.\n",
    )
    ears.write_text(moved, "utf-8")
    code, out, _ = _run(repo, "content")
    assert [f["line"] for f in json.loads(out)] == [8, 10]  # the findings moved down
    code, out, _ = _run(repo, "content", "--baseline", "medlint-baseline.json")
    assert (code, json.loads(out)) == (0, [])


def test_new_findings_are_reported(repo: Path) -> None:
    _write(repo)
    ears = repo / "content" / "ears.md"
    ears.write_text(ARTICLE + "\nShare this article\n", "utf-8")
    code, out, _ = _run(repo, "content", "--baseline", "medlint-baseline.json")
    found = json.loads(out)
    assert code == 1
    assert [(f["line"], f["code"]) for f in found] == [(10, "D304")]


def test_editing_the_flagged_line_makes_it_new(repo: Path) -> None:
    _write(repo)
    ears = repo / "content" / "ears.md"
    ears.write_text(ARTICLE.replace("Do not push", "Never push"), "utf-8")
    code, out, _ = _run(repo, "content", "--baseline", "medlint-baseline.json")
    assert code == 1
    assert [f["line"] for f in json.loads(out)] == [4]


def test_duplicates_are_counted(repo: Path) -> None:
    ears = repo / "content" / "ears.md"
    ears.write_text(ARTICLE + "\nAdvertisement\n", "utf-8")  # the same artifact twice
    code, out, _ = _run(repo, "content", "--write-baseline", "b.json")
    assert (code, out) == (0, "")
    doc = json.loads((repo / "b.json").read_text("utf-8"))
    counts = sorted(e["count"] for e in doc["entries"])
    assert counts == [1, 2]
    ears.write_text(ARTICLE + "\nAdvertisement\n\nAdvertisement\n", "utf-8")  # a third copy
    code, out, _ = _run(repo, "content", "--baseline", "b.json")
    found = json.loads(out)
    assert code == 1
    assert len(found) == 1 and "Advertisement" in found[0]["message"]
    assert found[0]["line"] == 12  # the later copy is the new one


def test_fixed_findings_are_mentioned(repo: Path) -> None:
    _write(repo)
    (repo / "content" / "ears.md").write_text(ARTICLE.replace("Advertisement\n", ""), "utf-8")
    res = CliRunner().invoke(
        main,
        [
            "check",
            "content",
            "--no-cache",
            "--select",
            "D304",
            "--baseline",
            "medlint-baseline.json",
        ],
    )
    assert res.exit_code == 0
    assert "1 baseline finding no longer found" in res.stderr


def test_paths_are_relative_to_the_baseline_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(repo)
    monkeypatch.chdir(repo / "content")
    code, out, _ = _run(repo, ".", "--baseline", "../medlint-baseline.json")
    assert (code, json.loads(out)) == (0, [])


def test_baseline_works_with_other_formats(repo: Path) -> None:
    _write(repo)
    (repo / "content" / "ears.md").write_text(ARTICLE + "\nShare this article\n", "utf-8")
    res = CliRunner().invoke(
        main,
        ["check", "content", "--no-cache", "--select", "D304", "--baseline",
         "medlint-baseline.json", "--format", "github"],
    )  # fmt: skip
    assert res.stdout.count("::error ") == 1
    assert "line=10," in res.stdout


def test_missing_or_invalid_baseline_is_a_usage_error(repo: Path) -> None:
    code, _, err = _run(repo, "content", "--baseline", "nope.json")
    assert code == 2 and "not found" in err and "--write-baseline" in err
    (repo / "bad.json").write_text("{not json", "utf-8")
    code, _, err = _run(repo, "content", "--baseline", "bad.json")
    assert code == 2 and "not valid JSON" in err
    (repo / "other.json").write_text('{"entries": []}', "utf-8")
    code, _, err = _run(repo, "content", "--baseline", "other.json")
    assert code == 2 and "not a medlint baseline" in err


def test_baseline_file_is_deterministic(repo: Path) -> None:
    _write(repo)
    first = (repo / "medlint-baseline.json").read_bytes()
    _write(repo)
    assert (repo / "medlint-baseline.json").read_bytes() == first


def test_fingerprint_ignores_line_numbers_and_whitespace() -> None:
    f1 = Finding(code="D304", message="m", start=4, end=8, line=1)
    f2 = Finding(code="D304", message="m", start=10, end=14, line=3)
    src1 = "abc Read  More here\n"
    src2 = "x\n\n   abc Read More here\n"
    f2.start, f2.end = src2.index("Read"), src2.index("Read") + 9
    f1.start, f1.end = src1.index("Read"), src1.index("Read") + 10
    assert baseline.fingerprint(f1, src1, "a.md") == baseline.fingerprint(f2, src2, "a.md")
    assert baseline.fingerprint(f1, src1, "a.md") != baseline.fingerprint(f1, src1, "b.md")
    other = Finding(code="D305", message="m", start=f1.start, end=f1.end)
    assert baseline.fingerprint(other, src1, "a.md") != baseline.fingerprint(f1, src1, "a.md")
