"""The hook in .pre-commit-hooks.yaml works with the real pre-commit tool.

`pre-commit try-repo` installs medlint from this checkout into a fresh hook
environment (from the package registry, hence the `network` mark) and runs the
`medlint` hook on files of a temporary git repository: an article with a
scrape artifact fails, a clean one passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("medlint", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")

BAD = """# Caring for a sprained ankle

Rest the ankle and keep it raised for the first two days.
Read MoreAn ice pack helps with swelling.

Medically reviewed by Tomas Lindqvist, MD on March 3, 2026.
"""

GOOD = """# Caring for a sprained ankle

Rest the ankle and keep it raised for the first two days.

Medically reviewed by Tomas Lindqvist, MD on March 3, 2026.
"""


OFFLINE_MARKERS = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found",
    "Could not find a version that satisfies",
    "ReadTimeoutError",
    "ConnectionError",
)


def _pre_commit() -> list[str] | None:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pre-commit")
    if found:
        return [found]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    out = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def _hook_repo(tmp: Path, env: dict[str, str]) -> Path:
    """This checkout when it is a clean git work tree (as in CI); otherwise a committed
    snapshot of the files the hook needs (try-repo ignores untracked files)."""
    try:
        status = _git(["status", "--porcelain", "--", *PROJECT_FILES], ROOT, env)
    except (subprocess.CalledProcessError, OSError):
        status = "not a repository"
    if not status.strip():
        return ROOT
    snap = tmp / "medlint-snapshot"
    snap.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".medlint_cache")
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, snap / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, snap / name)
    _git(["init", "-q"], snap, env)
    _git(["add", "-A"], snap, env)
    _git(["commit", "-q", "-m", "snapshot"], snap, env)
    return snap


@pytest.mark.network
def test_pre_commit_try_repo_fails_bad_file_and_passes_clean_file(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pc = _pre_commit()
    if pc is None:
        pytest.skip("pre-commit is not installed")
    env = dict(os.environ)
    env.update(
        {
            "GIT_AUTHOR_NAME": "medlint test",
            "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "medlint test",
            "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "PRE_COMMIT_COLOR": "never",
        }
    )
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    hook_repo = _hook_repo(tmp_path, env)

    content = tmp_path / "content"
    content.mkdir()
    _git(["init", "-q"], content, env)
    (content / "bad.md").write_text(BAD, encoding="utf-8")
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    # only the rule under test, so rules added later cannot make the clean file fail
    (content / ".medlint.yaml").write_text("select: [D304]\n", encoding="utf-8")
    _git(["add", "-A"], content, env)

    def try_repo(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*pc, "try-repo", str(hook_repo), "medlint", "--verbose", "--files", name],
            cwd=content,
            env=env,
            capture_output=True,
            text=True,
            timeout=1500,
        )

    bad = try_repo("bad.md")
    log = bad.stdout + bad.stderr
    if "An unexpected error has occurred" in log and any(m in log for m in OFFLINE_MARKERS):
        pytest.skip(f"the hook environment could not be installed (offline?):\n{log[-2000:]}")
    assert bad.returncode == 1, log
    assert "Failed" in log, log
    assert "bad.md:4:1: D304" in log, log

    good = try_repo("good.md")
    log = good.stdout + good.stderr
    assert good.returncode == 0, log
    assert "Passed" in log, log
