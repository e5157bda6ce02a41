"""--jobs: worker processes give byte-identical, ordered output."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import runner
from medlint.cli import main
from medlint.engine import FileResult
from medlint.findings import Finding
from tests.helpers import make_linter

TEMPLATE = """# Managing {topic}

People with {topic} often notice symptoms in the morning.
Read MoreA short walk after meals may help.

Medically reviewed by Dana Okafor, MD on April 9, 2025.

Advertisement

Talk to your doctor before you change a medicine.
"""

TOPICS = ["asthma", "eczema", "gout", "acne", "migraine", "anemia", "psoriasis", "rosacea"]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    for i in range(24):
        topic = TOPICS[i % len(TOPICS)]
        sub = content / f"group{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        text = TEMPLATE.format(topic=f"{topic} {i}")
        if i % 4 == 0:
            text = text.replace("Read More", "")
        if i % 5 == 0:
            text = "\ufeff" + text.replace("\n", "\r\n")
        (sub / f"{topic}-{i:02d}.md").write_text(text, "utf-8", newline="")
    (content / "notes.txt").write_text("Plain notes.\nShare this article\n", "utf-8")
    (content / "page.html").write_text(
        "<html><body><h1>Gout</h1><p>Eat well.</p><p>Read More</p></body></html>", "utf-8"
    )
    (content / "binary.md").write_bytes(b"\x00\x01binary")
    return tmp_path


def _check(*args: str) -> tuple[int, bytes]:
    res = CliRunner().invoke(
        main, ["check", "content", "--today", "2026-11-23", "--no-cache", *args]
    )
    return res.exit_code, res.stdout_bytes


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_jobs_2_is_byte_identical_to_jobs_1(corpus: Path, fmt: str) -> None:
    one = _check("--format", fmt, "--jobs", "1")
    two = _check("--format", fmt, "--jobs", "2")
    assert one == two
    assert one[0] == 1 and len(one[1]) > 100


def test_default_jobs_and_cache_give_the_same_output(corpus: Path) -> None:
    one = _check("--format", "json", "--jobs", "1")
    res = CliRunner().invoke(
        main, ["check", "content", "--today", "2026-11-23", "--format", "json"]
    )
    assert (res.exit_code, res.stdout_bytes) == one
    res = CliRunner().invoke(
        main, ["check", "content", "--today", "2026-11-23", "--format", "json", "--jobs", "2"]
    )
    assert (res.exit_code, res.stdout_bytes) == one  # from the cache this time


def test_parallel_run_with_cache_matches_serial(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    real = runner._lint_parallel

    def spy(linter: object, items: list[object], jobs: int, done: object) -> None:
        pools.append(jobs)
        real(linter, items, jobs, done)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_lint_parallel", spy)
    linter = make_linter(root=corpus)
    serial = runner.run(linter, ["content"], jobs=1)
    parallel = runner.run(linter, ["content"], jobs=2, use_cache=True)
    cached = runner.run(linter, ["content"], jobs=2, use_cache=True)
    assert pools == [2]  # the second parallel run came from the cache: no pool at all
    assert [r.path for r in serial] == [r.path for r in parallel] == [r.path for r in cached]
    for a, b, c in zip(serial, parallel, cached, strict=True):
        assert a.findings == b.findings == c.findings


def test_progress_counts_every_file(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    linter = make_linter(root=corpus)
    results = runner.run(linter, ["content"], jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, len(results)) for i in range(1, len(results) + 1)]


def test_effective_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "cpu_count", lambda: 8)
    assert runner.effective_jobs(None, 3) == 1  # a few files (a pre-commit run): one process
    assert runner.effective_jobs(None, runner.AUTO_JOBS_MIN_FILES) == 8
    assert runner.effective_jobs(0, 500) == 8
    assert runner.effective_jobs(4, 2) == 2
    assert runner.effective_jobs(3, 500) == 3
    assert runner.effective_jobs(None, 1) == 1


def test_negative_jobs_is_a_usage_error(corpus: Path) -> None:
    assert _check("--jobs", "-1")[0] == 2


def test_worker_linter_matches_the_parent() -> None:
    parent = make_linter(config={"ignore": ["R107"], "extend-select": ["D304"]}, select=["D", "R"])
    parent_flags = parent.flags()
    clone = runner.rebuild_linter(parent.settings, sorted(parent.selected), parent_flags)
    assert clone.selected == parent.selected
    assert [r.code for r in clone.rules] == [r.code for r in parent.rules]
    assert clone.severity == parent.severity
    assert clone.flags() == parent_flags


def test_results_survive_pickling() -> None:
    linter = make_linter(select=["D304"])
    res = linter.lint_text("a.md", "# T\n\nRead More\n")
    res.findings[0].extra["span"] = lambda: None  # something pickle cannot carry
    back = pickle.loads(pickle.dumps(runner.portable(res)))
    assert isinstance(back, FileResult)
    assert [(f.code, f.line, f.column, f.fix) for f in back.findings] == [
        (f.code, f.line, f.column, f.fix) for f in res.findings
    ]
    assert "span" not in back.findings[0].extra
    assert isinstance(back.findings[0], Finding)
