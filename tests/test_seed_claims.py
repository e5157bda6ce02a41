"""Acceptance: the seed article reports D301, D304, D305, C401, C403, C405 and A501 at the
right lines (SPEC section 4).  Skipped when ../shared is not present."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import make_linter

SEED = "seed/gabapentin-involuntary-movements.txt"


def _findings(shared_dir: Path) -> dict[str, list[tuple[int, str]]]:
    path = shared_dir / SEED
    linter = make_linter(None, ["D", "C", "A"], "2026-11-23")
    result = linter.lint_path(str(path))
    source = path.read_text(encoding="utf-8").split("\n")
    out: dict[str, list[tuple[int, str]]] = {}
    for f in result.findings:
        line = source[f.line - 1]
        end = f.end_column - 1 if f.end_line == f.line else len(line)
        out.setdefault(f.code, []).append((f.line, line[f.column - 1 : end]))
    return out


def test_seed_duplication_and_scraping_damage(shared_dir: Path) -> None:
    got = _findings(shared_dir)
    assert [line for line, _ in got["D301"]] == [55]
    assert {line for line, _ in got["D304"]} == {2, 3, 55, 56}
    assert ("[...]") in {text for _, text in got["D304"]}
    d305 = {text for _, text in got["D305"]}
    assert {"UsesGabapentin", "MoreMedically", "AdviceIf"} <= d305
    assert {line for line, _ in got["D305"]} == {2, 3, 30, 55}


def test_seed_claims(shared_dir: Path) -> None:
    got = _findings(shared_dir)
    c401 = {(line, text) for line, text in got["C401"]}
    for want in [
        (17, "not very common"),
        (17, "most frequently"),
        (44, "relatively rare"),
        (48, "uncommon"),
    ]:
        assert want in c401
    assert {(17, "documented in medical literature"), (18, "Research suggests")} <= set(got["C403"])
    assert [line for line, _ in got["C405"]] == [1]
    for code in ("C402", "C404", "C406"):
        assert code not in got


def test_seed_promotion(shared_dir: Path) -> None:
    got = _findings(shared_dir)
    a501 = got["A501"]
    assert (7, "Doctronic.ai") in a501  # the repeated brand, at its first mention
    lines = {line for line, _ in a501}
    assert {45, 47, 54} <= lines  # its calls to action
