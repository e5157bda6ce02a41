"""``--changed-since REF``: keep only findings on lines added or changed since a git ref.

The lines come from ``git diff -U0`` between the merge base of REF and HEAD and
the working tree (so uncommitted edits count, and a base branch that moved on
does not make the pull request's untouched lines look changed).  Untracked
files count as wholly new.  Article-level findings (anchored at the title, and
E9xx read errors) are kept whenever their file changed at all.  Files outside
the repository are reported in full: git cannot say what changed in them.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
ALL_LINES = None  # marker: every line of the file is new


class GitError(Exception):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError("--changed-since needs git, and git is not installed") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(msg[-1] if msg else f"git {' '.join(args)} failed")
    return proc.stdout.decode("utf-8", "surrogateescape")


def unquote(path: str) -> str:
    """Undo git's C-style quoting of unusual path names (``"a\\303\\251.md"``)."""
    if not (len(path) >= 2 and path[0] == path[-1] == '"'):
        return path
    body = path[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in "01234567" and i + 3 < len(body) + 1:
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(nxt, ord(nxt)))
            i += 2
            continue
        out.extend(c.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def _strip_prefix(path: str, prefix: str) -> str:
    path = unquote(path)
    return path[len(prefix) :] if path.startswith(prefix) else path


def parse_diff(text: str) -> dict[str, set[int] | None]:
    """File (relative to the repository top) → added/changed line numbers in the new file."""
    files: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            current = None if target == "/dev/null" else _strip_prefix(target, "b/")
            if current is not None:
                files.setdefault(current, set())
        elif line.startswith("@@ ") and current is not None:
            m = _HUNK.match(line)
            lines = files.get(current)
            if m and lines is not None:
                start = int(m.group(1))
                count = int(m.group(2)) if m.group(2) is not None else 1
                lines.update(range(start, start + count))
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            m2 = re.match(r"^Binary files (?:.+) and (.+) differ$", line)
            if m2 and m2.group(1) != "/dev/null":
                files[_strip_prefix(m2.group(1), "b/")] = ALL_LINES
    return files


@dataclass
class ChangedLines:
    top: Path
    ref: str
    base: str
    files: dict[str, set[int] | None] = field(default_factory=dict)  # real path → lines

    def lookup(self, path: str) -> tuple[str, set[int] | None]:
        """('outside' | 'unchanged' | 'changed', lines or None for the whole file)."""
        real = os.path.realpath(path)
        top = str(self.top)
        if real != top and not real.startswith(top + os.sep):
            return "outside", None
        if real not in self.files:
            return "unchanged", set()
        return "changed", self.files[real]


def changed_lines(ref: str, cwd: Path | None = None) -> ChangedLines:
    """What changed in the working tree since ``ref`` (via its merge base with HEAD)."""
    here = (cwd or Path.cwd()).resolve()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], here).strip()).resolve()
    except GitError as exc:
        raise GitError(f"--changed-since: not inside a git repository ({exc})") from exc
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top).strip()
    except GitError as exc:
        raise GitError(f"--changed-since: unknown git ref {ref!r}") from exc
    try:
        base = _git(["merge-base", commit, "HEAD"], top).strip() or commit
    except GitError:
        base = commit  # no HEAD yet, or unrelated histories
    diff = _git(
        [
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base,
            "--",
        ],
        top,
    )
    out = ChangedLines(top, ref, base)
    for rel, lines in parse_diff(diff).items():
        out.files[os.path.realpath(top / rel)] = lines
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for rel in untracked.split("\0"):
        if rel:
            out.files[os.path.realpath(top / rel)] = ALL_LINES
    return out


ArticleLevel = Callable[[str, "Finding"], bool]


def article_level_checker(prose_keys: list[str] | None = None) -> ArticleLevel:
    """Tells whether a finding is article-level: an E9xx read error, or anchored exactly at
    the article's anchor (its title, else its first line), as ``ctx.article_finding`` does."""
    anchors: dict[str, tuple[int, int] | None] = {}

    def anchor(path: str) -> tuple[int, int] | None:
        if path not in anchors:
            from medlint.document import (
                NotReadable,
                decode,
                detect_format,
                parse_article,
                read_bytes,
            )

            try:  # a regular file only: a FIFO put in its place would block open()
                text = decode(read_bytes(path))[0]
            except (OSError, NotReadable):
                text = None
            if text is None:
                anchors[path] = None
            else:
                art, _ = parse_article(path, text, detect_format(path), prose_keys)
                anchors[path] = art.anchor
        return anchors[path]

    def check(path: str, f: Finding) -> bool:
        if f.code.startswith("E9"):
            return True
        return anchor(path) == (f.start, f.end)

    return check


def keep_finding(f: Finding, lines: set[int] | None, is_article_level: bool) -> bool:
    if lines is ALL_LINES or is_article_level:
        return True
    return any(ln in lines for ln in range(f.line, max(f.line, f.end_line) + 1))


def filter_results(
    results: list[FileResult], changed: ChangedLines, prose_keys: list[str] | None = None
) -> tuple[list[FileResult], int]:
    """Keep the findings on changed lines; returns (results, number dropped)."""
    from medlint.engine import FileResult

    is_article = article_level_checker(prose_keys)
    out: list[FileResult] = []
    dropped = 0
    for r in results:
        state, lines = changed.lookup(r.path)
        if state == "outside" or not r.findings:
            out.append(r)
            continue
        if state == "unchanged":
            dropped += len(r.findings)
            out.append(FileResult(r.path, [], r.article, r.stats))
            continue
        kept = [f for f in r.findings if keep_finding(f, lines, is_article(r.path, f))]
        dropped += len(r.findings) - len(kept)
        out.append(FileResult(r.path, kept, r.article, r.stats))
    return out, dropped
