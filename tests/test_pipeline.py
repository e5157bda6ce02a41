"""medlint.pipeline driven directly (no click): clean run, findings, fixes, baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medlint import pipeline
from medlint.engine import Linter
from medlint.pipeline import Captured, CheckError, CheckOptions, run_check
from tests.helpers import make_linter
from tests.test_fix import ARTICLE, FIXED

CLEAN = "Managing Migraine at Home\nDrink water and rest in a dark room.\n"


def _linter(tmp_path: Path) -> Linter:
    return make_linter(select=["D304"], root=tmp_path)


def _run(linter: Linter, **options: Any) -> tuple[pipeline.CheckOutcome, Captured]:
    sink = Captured()
    outcome = run_check(linter, CheckOptions(**options), sink)
    return outcome, sink


def test_a_clean_run_exits_0_and_renders_all_clear(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    outcome, sink = _run(_linter(tmp_path), paths=(str(tmp_path),))
    assert outcome.exit_code == pipeline.EXIT_OK
    assert [r.findings for r in outcome.results] == [[]]
    assert outcome.fixes == []
    assert "no problems in 1 file checked" in sink.text
    assert sink.notes == []


def test_findings_exit_1_and_are_rendered_in_the_chosen_format(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    outcome, sink = _run(_linter(tmp_path), paths=(str(p),), fmt="json")
    assert outcome.exit_code == pipeline.EXIT_FINDINGS
    codes = [f.code for r in outcome.results for f in r.findings]
    assert codes == ["D304", "D304"]
    rendered = json.loads(sink.text)
    assert rendered  # the JSON renderer's output, through the sink
    assert p.read_text(encoding="utf-8") == ARTICLE  # a plain check writes nothing


def test_diff_fixes_in_memory_and_writes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    outcome, sink = _run(_linter(tmp_path), paths=(str(p),), diff=True)
    assert outcome.exit_code == pipeline.EXIT_FINDINGS  # a file would change
    assert [oc.fixed for oc in outcome.fixes] == [FIXED]
    assert "-Read MoreMedically reviewed" in sink.text
    assert "+Medically reviewed" in sink.text
    assert sink.notes == ["medlint: 2 fixes would change 1 file"]
    assert p.read_text(encoding="utf-8") == ARTICLE


def test_fix_writes_the_file_and_reports_what_is_left(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    outcome, sink = _run(_linter(tmp_path), paths=(str(p),), fix=True)
    assert p.read_text(encoding="utf-8") == FIXED
    assert sink.notes == ["medlint: applied 2 fixes in 1 file"]
    assert outcome.exit_code == pipeline.EXIT_OK
    assert [r.findings for r in outcome.results] == [[]]


def test_fixing_stdin_gives_the_fixed_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "read_stdin", lambda: ARTICLE.encode("utf-8"))
    outcome, sink = _run(_linter(tmp_path), paths=("-",), fix=True, stdin_filename="a.txt")
    assert sink.stdout == [FIXED.encode("utf-8")]
    assert outcome.exit_code == pipeline.EXIT_OK
    assert len(outcome.fixes) == 1


def test_baseline_drops_recorded_findings_and_keeps_new_ones(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    bl = str(tmp_path / "baseline.json")
    linter = _linter(tmp_path)
    outcome, sink = _run(linter, paths=(str(p),), write_baseline=bl)
    assert outcome.exit_code == pipeline.EXIT_OK
    assert sink.notes == [f"medlint: wrote {bl}: 2 findings in 1 file"]
    assert sink.stdout == []

    outcome, sink = _run(linter, paths=(str(p),), baseline_file=bl)
    assert outcome.exit_code == pipeline.EXIT_OK
    assert [r.findings for r in outcome.results] == [[]]

    p.write_text(ARTICLE + "Click here to subscribe.\n", encoding="utf-8")
    outcome, sink = _run(linter, paths=(str(p),), baseline_file=bl)
    assert outcome.exit_code == pipeline.EXIT_FINDINGS
    assert [f.line for r in outcome.results for f in r.findings] == [6]

    p.write_text(CLEAN, encoding="utf-8")  # the recorded findings are gone
    outcome, sink = _run(linter, paths=(str(p),), baseline_file=bl)
    assert outcome.exit_code == pipeline.EXIT_OK
    assert sink.notes == [
        "medlint: 2 baseline findings no longer found (fixed or edited); "
        f"run with --write-baseline {bl} to shrink the baseline"
    ]


def test_fix_with_a_baseline_fixes_only_new_findings(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    bl = str(tmp_path / "baseline.json")
    linter = _linter(tmp_path)
    _run(linter, paths=(str(p),), write_baseline=bl)
    outcome, _sink = _run(linter, paths=(str(p),), fix=True, baseline_file=bl)
    assert outcome.fixes == []
    assert p.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (CheckOptions(jobs=-1), "--jobs: expected 0 (automatic) or more, got -1"),
        (
            CheckOptions(paths=("-", "a.md"), fix=True),
            "--fix/--diff: '-' (standard input) cannot be combined with file paths",
        ),
    ],
)
def test_validate_rejects_bad_options(options: CheckOptions, message: str) -> None:
    with pytest.raises(CheckError) as exc:
        pipeline.validate(options)
    assert str(exc.value) == message


def test_a_missing_baseline_is_a_check_error(tmp_path: Path) -> None:
    with pytest.raises(CheckError, match=r"^--baseline: "):
        run_check(_linter(tmp_path), CheckOptions(baseline_file=str(tmp_path / "nope.json")))
