"""--changed-since REF: only findings on lines added or changed since a git ref."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.gitdiff import parse_diff, unquote

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLE = """# Treating a minor burn

Cool the burn under running water for twenty minutes.
Read MoreDo not put ice or butter on it.

Cover it loosely with cling film.
"""


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(k, "medlint test")
    for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(k, "test@example.invalid")
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", "utf-8")
    root = tmp_path / "repo"
    (root / "content").mkdir(parents=True)
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    (root / "content" / "burns.md").write_text(ARTICLE, "utf-8")
    (root / "content" / "untouched.md").write_text(ARTICLE, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "legacy content")
    return root


def _run(*args: str, select: str = "D304") -> tuple[int, list[dict[str, object]], str]:
    res = CliRunner().invoke(
        main,
        ["check", "content", "--today", "2026-11-23", "--no-cache", "--select", select,
         "--format", "json", *args],
    )  # fmt: skip
    return res.exit_code, (json.loads(res.stdout) if res.stdout.strip() else []), res.stderr


def _where(found: list[dict[str, object]]) -> list[tuple[str, object]]:
    return [(Path(str(f["path"])).name, f["line"]) for f in found]


def test_only_changed_lines_are_reported(repo: Path) -> None:
    burns = repo / "content" / "burns.md"
    burns.write_text(ARTICLE.replace("Cover it", "Share this article\n\nCover it"), "utf-8")
    code, found, _ = _run()
    assert len(found) == 3  # without the option: legacy findings in both files, and the new one
    code, found, _ = _run("--changed-since", "HEAD")
    assert (code, _where(found)) == (1, [("burns.md", 6)])


def test_nothing_changed_reports_nothing(repo: Path) -> None:
    code, found, _ = _run("--changed-since", "HEAD")
    assert (code, found) == (0, [])


def test_committed_changes_since_an_older_ref(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    burns = repo / "content" / "burns.md"
    burns.write_text(ARTICLE + "\nAdvertisement\n", "utf-8")
    git(repo, "commit", "-q", "-am", "more")
    code, found, _ = _run("--changed-since", base)
    assert (code, _where(found)) == (1, [("burns.md", 8)])


def test_untracked_files_are_wholly_new(repo: Path) -> None:
    (repo / "content" / "new.md").write_text(ARTICLE, "utf-8")
    code, found, _ = _run("--changed-since", "HEAD")
    assert (code, _where(found)) == (1, [("new.md", 4)])


def test_a_base_branch_that_moved_on_does_not_count(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    other = repo / "content" / "untouched.md"
    other.write_text(ARTICLE + "\nShare this article\n", "utf-8")
    git(repo, "commit", "-q", "-am", "feature work")
    git(repo, "checkout", "-q", "main")
    burns = repo / "content" / "burns.md"
    burns.write_text(ARTICLE + "\nAdvertisement\n", "utf-8")  # main moves on meanwhile
    git(repo, "commit", "-q", "-am", "main work")
    git(repo, "checkout", "-q", "feature")
    code, found, _ = _run("--changed-since", "main")
    assert (code, _where(found)) == (1, [("untouched.md", 8)])


def test_article_level_findings_count_when_the_file_changed(repo: Path) -> None:
    # R101 (no review date) is an article-level finding, anchored at the title
    code, found, _ = _run("--changed-since", "HEAD", select="R101")
    assert (code, found) == (0, [])
    burns = repo / "content" / "burns.md"
    burns.write_text(ARTICLE + "\nOne more line at the end.\n", "utf-8")
    code, found, _ = _run("--changed-since", "HEAD", select="R101")
    assert (code, _where(found)) == (1, [("burns.md", 1)])


def test_bad_ref_and_no_repository_are_usage_errors(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = _run("--changed-since", "no-such-branch")
    assert code == 2 and "unknown git ref 'no-such-branch'" in err
    outside = tmp_path / "plain"
    (outside / "content").mkdir(parents=True)
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = _run("--changed-since", "HEAD")
    assert code == 2 and "not inside a git repository" in err


def test_fix_with_changed_since_fixes_only_changed_lines(repo: Path) -> None:
    burns = repo / "content" / "burns.md"
    burns.write_text(ARTICLE + "\nAdvertisement\n", "utf-8")
    code, found, err = _run("--changed-since", "HEAD", "--fix")
    assert (code, found) == (0, [])
    assert "applied 1 fix in 1 file" in err
    text = burns.read_text("utf-8")
    assert "Read MoreDo not" in text  # legacy line left alone
    assert "Advertisement" not in text
    assert (repo / "content" / "untouched.md").read_text("utf-8") == ARTICLE


def test_parse_diff() -> None:
    diff = """diff --git a/x.md b/x.md
index 1..2 100644
--- a/x.md
+++ b/x.md
@@ -3 +3 @@ title
-old
+new
@@ -10,0 +11,2 @@
+a
+b
@@ -20,2 +21,0 @@
-gone
-gone
diff --git a/old.md b/new name.md
similarity index 90%
rename from old.md
rename to new name.md
--- a/old.md
+++ "b/new name\\303\\251.md"
@@ -1 +1 @@
-x
+y
diff --git a/del.md b/del.md
deleted file mode 100644
--- a/del.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
Binary files a/img.md and b/img.md differ
"""
    files = parse_diff(diff)
    assert files["x.md"] == {3, 11, 12}
    assert files["new nameé.md"] == {1}
    assert "del.md" not in files
    assert files["img.md"] is None
    assert unquote('"tab\\there"') == "tab\there"
    assert unquote("plain.md") == "plain.md"
