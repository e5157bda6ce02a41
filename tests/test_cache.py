"""The results cache: identical output, invalidated by content, config, packs and --today."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import runner
from medlint.cache import Cache, finding_from_data, finding_to_data
from medlint.cli import main
from medlint.engine import Linter
from medlint.findings import Finding, Fix
from tests.helpers import make_linter

ARTICLE = """# Sleeping well with a cold

Keep your head raised with an extra pillow.
Read MoreA warm drink before bed can ease a sore throat.

Advertisement
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    for i in range(4):
        (content / f"a{i}.md").write_text(ARTICLE.replace("cold", f"cold {i}"), "utf-8")
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["check", "content", "--today", "2026-11-23", *args])
    return res.exit_code, res.stdout


class _Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = Linter.lint_bytes

        def counting(linter: Linter, path: str, data: bytes) -> object:
            self.calls += 1
            return real(linter, path, data)

        monkeypatch.setattr(Linter, "lint_bytes", counting)


def test_cached_output_is_identical_and_skips_linting(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = _Counter(monkeypatch)
    outputs = {}
    for fmt in ("text", "json", "sarif"):
        cold = _check("--format", fmt, "--no-cache")
        first = _check("--format", fmt)  # fills the cache
        counter.calls = 0
        warm = _check("--format", fmt)
        assert counter.calls == 0, "every file came from the cache"
        assert cold == first == warm
        outputs[fmt] = warm
    assert outputs["text"][0] == 1
    assert (project / ".medlint_cache" / "CACHEDIR.TAG").is_file()
    assert (project / ".medlint_cache" / ".gitignore").read_text("utf-8").endswith("*\n")


def test_no_cache_neither_reads_nor_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check("--no-cache")
    assert not (project / ".medlint_cache").exists()
    _check()
    counter = _Counter(monkeypatch)
    _check("--no-cache")
    assert counter.calls == 4


def test_changed_file_misses(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check()
    (project / "content" / "a0.md").write_text(ARTICLE + "\nShare this article\n", "utf-8")
    counter = _Counter(monkeypatch)
    code, out = _check("--format", "json")
    assert code == 1
    assert counter.calls == 1
    assert any(f["line"] == 8 and f["path"].endswith("a0.md") for f in json.loads(out))


def test_config_change_invalidates(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, before = _check("--format", "json")
    assert {f["severity"] for f in json.loads(before) if f["code"] == "D304"} == {"error"}
    (project / ".medlint.yaml").write_text("severity:\n  D304: warning\n", "utf-8")
    counter = _Counter(monkeypatch)
    _, after = _check("--format", "json")
    assert counter.calls == 4
    assert {f["severity"] for f in json.loads(after) if f["code"] == "D304"} == {"warning"}
    counter.calls = 0
    _check("--format", "json")
    assert counter.calls == 0  # the new configuration is cached in turn


def test_today_and_selection_are_part_of_the_key(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check()
    counter = _Counter(monkeypatch)
    CliRunner().invoke(main, ["check", "content", "--today", "2027-01-01"])
    assert counter.calls == 4
    counter.calls = 0
    _check("--select", "D304")
    assert counter.calls == 4


def test_pack_change_invalidates(project: Path) -> None:
    """A user pack edited between runs (separate processes: packs are read once each)."""
    pack = project / "house.yaml"
    pack.write_text("pack: artifacts\nblock:\n  - Sponsored by nobody\n", "utf-8")
    (project / ".medlint.yaml").write_text("packs: [house.yaml]\nselect: [D304]\n", "utf-8")
    (project / "content" / "a0.md").write_text(ARTICLE + "\nClick to subscribe today\n", "utf-8")
    cmd = [
        sys.executable,
        "-m",
        "medlint",
        "check",
        "content",
        "--format",
        "json",
        "--today",
        "2026-11-23",
    ]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))

    def run() -> list[dict[str, object]]:
        out = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
        assert out.returncode in (0, 1), out.stderr
        return json.loads(out.stdout)  # type: ignore[no-any-return]

    before = run()
    assert not any(f["line"] == 8 for f in before)
    pack.write_text(
        "pack: artifacts\nblock:\n  - Sponsored by nobody\n  - Click to subscribe today\n", "utf-8"
    )
    after = run()
    assert any(f["line"] == 8 and str(f["path"]).endswith("a0.md") for f in after)


def test_corrupt_entries_are_misses(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, first = _check("--format", "json")
    for entry in (project / ".medlint_cache").rglob("*.json"):
        entry.write_text("{broken", "utf-8")
    counter = _Counter(monkeypatch)
    _, again = _check("--format", "json")
    assert counter.calls == 4
    assert again == first


def test_cache_dir_setting(project: Path) -> None:
    (project / ".medlint.yaml").write_text("cache-dir: build/lint-cache\n", "utf-8")
    _check()
    assert (project / "build" / "lint-cache" / "CACHEDIR.TAG").is_file()
    assert not (project / ".medlint_cache").exists()


def test_unreadable_cache_dir_does_not_break_the_run(project: Path) -> None:
    (project / ".medlint_cache").write_text("a file where the directory should be", "utf-8")
    code, out = _check("--format", "json")
    assert code == 1 and json.loads(out)


def test_runner_cache_returns_equal_findings(project: Path) -> None:
    linter = make_linter(root=project)
    cold = runner.run(linter, ["content"], use_cache=True)
    warm = runner.run(linter, ["content"], use_cache=True)
    assert [r.path for r in cold] == [r.path for r in warm]
    for a, b in zip(cold, warm, strict=True):
        assert a.findings == b.findings
    cache = Cache(linter)
    data = (project / "content" / "a0.md").read_bytes()
    assert cache.get("content/a0.md", data) is not None
    assert cache.get("content/a0.md", data + b"\n") is None
    assert cache.get("content/other.md", data) is None


def test_a_file_edited_during_the_run_is_cached_under_what_was_linted(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent hashes a file to look it up; the process that lints it reads it again.
    The result must be stored under the bytes that were linted, not the ones hashed."""
    target = project / "content" / "a0.md"
    old = target.read_bytes()
    new = old.replace(b"Read MoreA", b"A")
    reads: list[str] = []
    real = runner.read_file

    def read(path: str) -> bytes | None:
        reads.append(path)
        data = real(path)
        if path.endswith("a0.md") and reads.count(path) == 2:
            target.write_bytes(new)  # edited between the lookup and the lint
            return new
        return data

    monkeypatch.setattr(runner, "read_file", read)
    linter = make_linter(root=project)
    runner.run(linter, ["content/a0.md"], use_cache=True)
    cache = Cache(linter)
    assert cache.get("content/a0.md", new) is not None
    assert cache.get("content/a0.md", old) is None


def test_findings_round_trip_through_plain_data() -> None:
    f = Finding(
        code="D304",
        message="m é",
        start=3,
        end=9,
        severity="error",
        name="scrape-artifact",
        path="x.md",
        line=2,
        column=4,
        end_line=2,
        end_column=10,
        fix=Fix(3, 9, ""),
        fix_line=(2, 4, 2, 10),
        extra={"phrase": "Read More", "n": 2},
    )
    data = json.loads(json.dumps(finding_to_data(f)))
    assert finding_from_data(data) == f
    with pytest.raises(ValueError):
        finding_to_data(Finding(code="D304", message="m", extra={"obj": object()}))


def test_values_json_cannot_keep_exactly_are_not_cached(project: Path) -> None:
    from medlint.engine import FileResult

    cache = Cache(make_linter(root=project))
    cache.put("x.md", b"data", FileResult("x.md", [], None, {"pair": (1, 2)}))
    assert cache.get("x.md", b"data") is None  # a tuple would come back as a list
    cache.put("x.md", b"data", FileResult("x.md", [], None, {"pair": [1, 2]}))
    hit = cache.get("x.md", b"data")
    assert hit is not None and hit.stats == {"pair": [1, 2]}
