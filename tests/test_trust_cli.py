"""Issue 19 (trust): configuration errors, option ranges, baseline bookkeeping, setup, noise,
signals and closed streams -- each test reproduced a reported failure first."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint import cli, runner
from medlint.cli import main
from medlint.discovery import get_registry, reset_registry

ROOT = Path(__file__).resolve().parent.parent
CHROME = "# Ears\n\nRead More\n\nAdvertisement\n\nSee a doctor if you have pain.\n"


def _invoke(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args))
    return res.exit_code, res.stdout, res.stderr


def _medlint(*args: str, cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "medlint", *args],
        cwd=cwd or ROOT,
        env=env,
        text=True,
        capture_output=kw.pop("capture_output", True),
        **kw,
    )


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    yield
    reset_registry()


# -- 1. configuration errors ---------------------------------------------------------


def test_config_today_that_is_no_calendar_date_is_exit_2_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".medlint.yaml").write_text("today: 2026-13-23\n", "utf-8")
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    code, _out, err = _invoke("check", "a.md", "--no-cache")
    assert code == 2, err
    assert ".medlint.yaml: today:" in err and "2026-13-23" in err
    assert "internal error" not in err


def test_config_reports_every_error_of_the_file_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".medlint.yaml").write_text(
        "fail-on: errors\ntoday: soon\ndate-order: dayfirst\nrules:\n  D302:\n    threshold: -1\n",
        "utf-8",
    )
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    code, _out, err = _invoke("check", "a.md", "--no-cache")
    assert code == 2
    for key in ("fail-on", "today", "date-order", "rules.D302.threshold"):
        assert f".medlint.yaml: {key}:" in err, err
    assert "internal error" not in err


@pytest.mark.parametrize(
    "content",
    [b"[tool.medlint\nselect = ['D304']\n", b"[tool.medlint]\nselect = ['D304'] # \xff\xfe\n"],
    ids=["invalid-toml", "non-utf8"],
)
def test_broken_pyproject_is_exit_2_not_skipped_for_a_parent_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    (tmp_path / ".medlint.yaml").write_text("select: [D304]\n", "utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_bytes(content)
    (project / "a.md").write_text(CHROME, "utf-8")
    monkeypatch.chdir(project)
    code, _out, err = _invoke("check", "a.md", "--no-cache")
    assert code == 2, err
    assert "pyproject.toml" in err and "internal error" not in err


def test_pyproject_with_a_bom_is_read_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_bytes("\ufeff[tool.medlint]\nselect = ['P602']\n".encode())
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _invoke("check", "a.md", "--no-cache", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == []  # only P602 runs: the chrome lines (D304) are not reported


# -- 2. option ranges ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "option", "value"),
    [
        ("D302", "threshold", "-1"),
        ("D302", "threshold", "1.5"),
        ("C402", "tolerance", ".nan"),
        ("P602", "max-words", "-5"),
        ("P603", "max-words", "0"),
        ("R102", "max-age-months", "100000"),
        ("D303", "paragraph-threshold", ".inf"),
    ],
)
def test_out_of_range_option_is_exit_2_with_the_allowed_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule: str, option: str, value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".medlint.yaml").write_text(f"rules:\n  {rule}:\n    {option}: {value}\n", "utf-8")
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    code, _out, err = _invoke("check", "a.md", "--no-cache")
    assert code == 2, err
    assert f".medlint.yaml: rules.{rule}.{option}:" in err
    assert "internal error" not in err
    assert "between" in err or "at least" in err or "at most" in err or "finite" in err


def test_every_numeric_builtin_option_declares_its_range() -> None:
    for r in get_registry():
        if r.origin != "builtin":
            continue
        for name, o in r.options.items():
            if isinstance(o.default, (int, float)) and not isinstance(o.default, bool):
                assert o.min is not None, f"{r.code}.{name} has no minimum"


# -- 3. baseline bookkeeping ---------------------------------------------------------


@pytest.fixture
def legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / "content" / name).write_text(CHROME, "utf-8")
    code, _o, err = _invoke(
        "check", "content", "--select", "D304", "--no-cache", "--write-baseline", "bl.json"
    )
    assert code == 0 and "6 findings in 3 files" in err, err
    return tmp_path


def _entries(root: Path) -> list[tuple[str, int]]:
    doc = json.loads((root / "bl.json").read_text("utf-8"))
    return [(e["path"], e["line"]) for e in doc["entries"]]


def test_baseline_entries_of_files_not_checked_are_not_called_fixed(legacy: Path) -> None:
    code, _out, err = _invoke(
        "check", "content/a.md", "--select", "D304", "--no-cache", "--baseline", "bl.json"
    )
    assert code == 0
    assert "no longer found" not in err


def test_baseline_entry_of_a_checked_file_is_still_called_fixed(legacy: Path) -> None:
    (legacy / "content" / "a.md").write_text("# Ears\n\nRead More\n", "utf-8")
    code, _out, err = _invoke(
        "check", "content/a.md", "--select", "D304", "--no-cache", "--baseline", "bl.json"
    )
    assert code == 0
    assert "1 baseline finding no longer found" in err


def test_write_baseline_for_some_files_keeps_the_other_files_entries(legacy: Path) -> None:
    (legacy / "content" / "a.md").write_text("# Ears\n\nRead More\n", "utf-8")
    code, _o, err = _invoke(
        "check", "content/a.md", "--select", "D304", "--no-cache", "--write-baseline", "bl.json"
    )
    assert code == 0, err
    assert _entries(legacy) == [
        ("content/a.md", 3),
        ("content/b.md", 3),
        ("content/b.md", 5),
        ("content/c.md", 3),
        ("content/c.md", 5),
    ]
    # a deleted file's entries go
    (legacy / "content" / "c.md").unlink()
    _invoke("check", "content", "--select", "D304", "--no-cache", "--write-baseline", "bl.json")
    assert [p for p, _ in _entries(legacy)] == ["content/a.md", "content/b.md", "content/b.md"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_with_baseline_does_not_wipe_it(
    legacy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(legacy / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(k, "medlint test")
    for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(k, "test@example.invalid")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "legacy"]):
        subprocess.run(["git", *args], cwd=legacy, check=True, capture_output=True)
    # a second copy of a recorded line: only the new copy is reported
    (legacy / "content" / "a.md").write_text(CHROME + "\nAdvertisement\n", "utf-8")
    flags = ["--select", "D304", "--no-cache", "--changed-since", "HEAD"]
    code, out, err = _invoke("check", "content", *flags, "--baseline", "bl.json")
    assert code == 1
    assert "no longer found" not in err
    assert "a.md:9:1: D304" in out and ":3:1:" not in out and ":5:1:" not in out
    code, _o, err = _invoke("check", "content", *flags, "--write-baseline", "bl.json")
    assert code == 0, err
    doc = json.loads((legacy / "bl.json").read_text("utf-8"))
    assert sum(e["count"] for e in doc["entries"]) == 7  # the copy counts twice
    code, out, err = _invoke("check", "content", "--select", "D304", "--no-cache",
                             "--baseline", "bl.json")  # fmt: skip
    assert (code, err) == (0, "")


# -- 4. setup ------------------------------------------------------------------------


@pytest.fixture
def content_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in (
        "README.md",
        "CONTRIBUTING.md",
        "CHANGELOG.md",
        "PULL_REQUEST_TEMPLATE.md",
        "docs/pull_request_template.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "articles/ears.md",
    ):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(CHROME, "utf-8")
    return tmp_path


def _files_of(out: str) -> set[str]:
    return {f["path"] for f in json.loads(out)}


def test_repository_documents_are_not_linted_when_walking(content_repo: Path) -> None:
    code, out, err = _invoke("check", ".", "--select", "D304", "--no-cache", "--format", "json")
    assert code == 1, err
    assert _files_of(out) == {"articles/ears.md"}
    # named explicitly, a file is always linted
    code, out, _ = _invoke("check", "README.md", "--select", "D304", "--format", "json")
    assert _files_of(out) == {"README.md"}


def test_default_excludes_can_be_turned_off(content_repo: Path) -> None:
    (content_repo / ".medlint.yaml").write_text("exclude: []\n", "utf-8")
    code, out, _ = _invoke("check", ".", "--select", "D304", "--no-cache", "--format", "json")
    assert {"README.md", "CHANGELOG.md"} <= _files_of(out)
    (content_repo / ".medlint.yaml").write_text("extend-exclude: [articles/]\n", "utf-8")
    code, out, err = _invoke("check", ".", "--select", "D304", "--no-cache", "--allow-empty")
    assert code == 0 and "0 files checked" in out, out + err


def test_named_path_without_articles_is_an_error_unless_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    code, out, err = _invoke("check", "empty", "--no-cache")
    assert code == 2 and "empty" in err and "--allow-empty" in err, out + err
    code, out, _ = _invoke("check", "empty", "a.md", "--no-cache", "--select", "D304")
    assert code == 2  # one mistyped path among good ones still fails
    code, out, _ = _invoke("check", "empty", "--no-cache", "--allow-empty")
    assert code == 0
    (tmp_path / ".medlint.yaml").write_text("allow-empty: true\n", "utf-8")
    code, out, _ = _invoke("check", "empty", "--no-cache")
    assert code == 0


def test_cache_is_created_beside_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".medlint.yaml").write_text("select: [D304]\n", "utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(CHROME, "utf-8")
    monkeypatch.chdir(tmp_path / "articles")
    code, _o, err = _invoke("check", "a.md")
    assert code == 1, err
    assert (tmp_path / ".medlint_cache").is_dir()
    assert not (tmp_path / "articles" / ".medlint_cache").exists()


HOUSE = """
rules:
  - extends: substitution
    code: H101
    name: house-plain-words
    message: "Use '%s' instead of '%s'."
    level: warning
    swap:
      utilise: use
"""


def test_rule_and_rules_commands_read_the_project_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yaml").write_text(textwrap.dedent(HOUSE), "utf-8")
    (tmp_path / ".medlint.yaml").write_text(
        "packs: [house.yaml]\nrules:\n  P602:\n    max-words: 30\n", "utf-8"
    )
    code, out, err = _invoke("rule", "H101")
    assert code == 0, err
    assert "house-plain-words" in out
    code, out, err = _invoke("rule", "P602")
    assert "max-words = 30" in out and "default 25" in out, out
    reset_registry()
    code, out, err = _invoke("rules")
    assert code == 0 and "H101" in out, err
    reset_registry()
    other = tmp_path / "other.yaml"
    other.write_text("rules:\n  P602:\n    max-words: 40\n", "utf-8")
    code, out, err = _invoke("rules", "--config", str(other), "--format", "json")
    assert code == 0, err
    p602 = next(r for r in json.loads(out) if r["code"] == "P602")
    assert p602["configured"] == {"max-words": 40}
    code, out, err = _invoke("rule", "P602", "--config", str(other))
    assert "max-words = 40" in out


# -- 5. noise --------------------------------------------------------------------------


def test_min_severity_hides_and_does_not_count_lower_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CHROME, "utf-8")
    args = ["check", "a.md", "--no-cache", "--select", "D304"]
    (tmp_path / ".medlint.yaml").write_text("severity:\n  D304: info\n", "utf-8")
    code, out, _ = _invoke(*args, "--fail-on", "info")
    assert code == 1 and "D304" in out and "2 problems" in out
    code, out, _ = _invoke(*args, "--fail-on", "info", "--min-severity", "warning")
    assert code == 0 and "D304" not in out and "All clear" in out, out
    (tmp_path / ".medlint.yaml").write_text(
        "severity:\n  D304: info\nmin-severity: warning\nfail-on: info\n", "utf-8"
    )
    code, out, _ = _invoke(*args, "--format", "github")
    assert code == 0 and out == ""
    (tmp_path / ".medlint.yaml").write_text("min-severity: warn\n", "utf-8")
    code, _out, err = _invoke(*args)
    assert code == 2 and "min-severity" in err


def test_diff_header_of_an_absolute_path_has_no_double_slash(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text("# A\n\nTake 5 mg daily.\n\nRead More\n", "utf-8")
    code, out, err = _invoke("check", str(art), "--diff", "--no-cache", "--select", "D304")
    assert code == 1, err
    assert "a//" not in out and "b//" not in out
    assert f"--- a{art}\n" in out and f"+++ b{art}\n" in out


def test_github_annotation_title_carries_the_rule_name(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(CHROME, "utf-8")
    _code, out, _ = _invoke("check", str(art), "--format", "github", "--select", "D304")
    assert "title=D304 scrape-artifact::" in out.splitlines()[0]


# -- 6. interrupts and I/O -------------------------------------------------------------


def test_interrupt_exits_130_without_aborted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from medlint import pipeline

    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    art = tmp_path / "a.md"
    art.write_text(CHROME, "utf-8")
    monkeypatch.setattr(pipeline, "run_check", interrupted)
    monkeypatch.setattr(sys, "argv", ["medlint", "check", str(art), "--no-cache"])
    with pytest.raises(SystemExit) as info:
        cli.run()
    assert info.value.code == 130
    err = capsys.readouterr().err
    assert "Aborted" not in err and "interrupted" in err


def test_jobs_are_capped_at_the_cpu_count() -> None:
    assert runner.effective_jobs(64, 1000) == min(64, runner.cpu_count())
    assert runner.effective_jobs(3, 2) == min(2, runner.cpu_count())


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out |= {int(c) for c in (task / "children").read_text().split()}
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or runner.cpu_count() < 2,
    reason="needs Linux /proc and two cores",
)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_workers_end_with_the_parent(tmp_path: Path, sig: signal.Signals) -> None:
    content = tmp_path / "content"
    content.mkdir()
    text = CHROME + "\n".join(f"Paragraph {i} about ears and pain." for i in range(200))
    for i in range(400):
        (content / f"a{i:03}.md").write_text(text, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", str(content), "--jobs", "2", "--no-cache"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    if not workers:
        proc.kill()
        pytest.skip("no workers started")
    proc.send_signal(sig)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "worker processes outlived medlint"
    assert proc.returncode in (128 + sig, -sig)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="needs SIGHUP")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_exits_even_when_unwinding_hangs(sig: signal.Signals) -> None:
    # the unwinding after SIGTERM/SIGHUP is stuck (here: the code that caught it sleeps,
    # as a lock of the process pool could hold it): medlint still exits, with 128 + signal
    code = textwrap.dedent(
        f"""
        import os, time
        from medlint import cli
        cli.EXIT_GRACE_SECONDS = 0.5
        cli._install_signal_handlers()
        try:
            os.kill(os.getpid(), {int(sig)})
            time.sleep(1)
        except cli._Terminated:
            time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=30, check=False)
    assert proc.returncode == 128 + sig


def test_closed_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(CHROME, "utf-8")
    res = _medlint("check", str(art), "--no-cache", stdout=None, capture_output=False,
                   stderr=subprocess.PIPE, pass_fds=(), close_fds=True,
                   preexec_fn=lambda: os.close(1))  # fmt: skip
    assert res.returncode == 2
    assert "internal error" not in res.stderr
    assert res.stderr.startswith("medlint: error:") and len(res.stderr.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_disk_on_stdout_is_a_one_line_error(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(CHROME, "utf-8")
    with open("/dev/full", "w") as full:
        res = _medlint("check", str(art), "--no-cache", stdout=full, capture_output=False,
                       stderr=subprocess.PIPE)  # fmt: skip
    assert res.returncode == 2, res.stderr
    assert "internal error" not in res.stderr and "Exception ignored" not in res.stderr
    assert res.stderr.startswith("medlint: error:") and len(res.stderr.splitlines()) == 1


def test_closed_stdin_is_a_one_line_error() -> None:
    res = _medlint("check", "-", "--no-cache", stdin=None, preexec_fn=lambda: os.close(0))
    assert res.returncode == 2
    assert "internal error" not in res.stderr
    assert res.stderr.startswith("medlint: error:") and len(res.stderr.splitlines()) == 1


def test_plugin_raising_system_exit_is_a_warning(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "medlint_exits.py").write_text("raise SystemExit(7)\n")
    dist = site / "medlint_exits-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: medlint-exits\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[medlint.plugins]\nexits = medlint_exits\n")
    sys.path.insert(0, str(site))
    reset_registry()
    try:
        reg = get_registry()
        assert "D304" in reg.rules
        assert any("exits" in e and "SystemExit" in e for e in reg.plugin_errors)
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("medlint_exits", None)
        reset_registry()
