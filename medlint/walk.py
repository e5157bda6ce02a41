"""Finding article files: directories walked with .gitignore respected and exclude globs applied."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from medlint.document import LINTABLE_SUFFIXES

ALWAYS_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".medlint_cache",
    ".tox",
}


# Repository documents that are not articles, skipped when a directory is walked (a file
# named on the command line is always linted).  These are the default of the ``exclude``
# key: setting ``exclude`` replaces them (``exclude: []`` lints them again) and
# ``extend-exclude`` adds to them.  Gitignore-style patterns, matched against the path
# relative to the project root and against the file name.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "README.md",
    "README.txt",
    "README.html",
    "readme.md",
    "CONTRIBUTING.md",
    "contributing.md",
    "CHANGELOG.md",
    "changelog.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
    "PULL_REQUEST_TEMPLATE.md",
    "pull_request_template.md",
    "PULL_REQUEST_TEMPLATE/",
    "ISSUE_TEMPLATE/",
    ".github/",
)


def glob_text(path: str) -> str:
    """``path`` as text a glob matcher can take: the bytes of a file name that is not UTF-8
    (kept by Python as lone surrogates) written as ``\\xNN`` escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _spec(lines: list[str]) -> object | None:
    if not lines:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _read_ignore(d: Path) -> list[str]:
    try:
        return (d / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def iter_files(
    paths: list[str], exclude: list[str], root: Path, respect_gitignore: bool = True
) -> Iterator[str]:
    """Yield article paths in a stable order.  Files named explicitly are always yielded, and
    so are folders that cannot be listed (the linter reports them as E901).  The walk is
    iterative: no folder depth ends it."""
    ex = _spec(exclude)
    seen: set[str] = set()

    def excluded(p: Path) -> bool:
        if ex is None:
            return False
        try:
            rel = p.resolve().relative_to(root).as_posix()
        except ValueError:
            rel = p.as_posix()
        return bool(ex.match_file(glob_text(rel)) or ex.match_file(glob_text(p.name)))  # type: ignore[attr-defined]

    for raw in paths:
        p = Path(raw)
        # A directory named like an article ("notes.md/") is a mistake: report it (E901).
        if not p.is_dir() or p.suffix.lower() in LINTABLE_SUFFIXES:
            key = os.path.normpath(raw)
            if key not in seen:
                seen.add(key)
                yield raw
            continue
        # (directory, [(base dir, spec)]) stack of gitignore specs
        stack: list[tuple[Path, list[tuple[Path, object]]]] = [(p, [])]
        out: list[str] = []
        while stack:
            d, specs = stack.pop()
            if respect_gitignore:
                lines = _read_ignore(d)
                sp = _spec(lines)
                if sp is not None:
                    specs = [*specs, (d, sp)]
            try:
                with os.scandir(d) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                # a folder that cannot be listed (permission, a path too long for the
                # system): yielded, so the linter reports it (E901) instead of a silent skip
                out.append(str(d))
                continue
            for e in entries:
                ep = Path(e.path)
                is_dir = _is_dir(e)
                if is_dir and (e.name in ALWAYS_SKIP_DIRS or e.name.startswith(".")):
                    continue
                if excluded(ep):
                    continue
                ignored = False
                for base, sp in specs:
                    rel = ep.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if sp.match_file(glob_text(rel)):  # type: ignore[attr-defined]
                        ignored = True
                if ignored:
                    continue
                if is_dir:
                    stack.append((ep, specs))
                elif ep.suffix.lower() in LINTABLE_SUFFIXES:
                    out.append(str(ep))
        for f in sorted(out):
            key = os.path.normpath(f)
            if key not in seen:
                seen.add(key)
                yield f


# -- shards: N runs that together lint every file exactly once -------------------------------


class ShardError(ValueError):
    """``--shard`` is not ``K/N`` with 1 ≤ K ≤ N."""


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → ``(2, 4)``: shard K (1-based, as CI matrix indices usually are) of N."""
    k_text, sep, n_text = text.strip().partition("/")
    try:
        k, n = int(k_text), int(n_text)
    except ValueError:
        k = n = 0
    if not sep or n < 1 or not 1 <= k <= n:
        raise ShardError(f"--shard: expected K/N with 1 ≤ K ≤ N (like 2/4), got {text!r}")
    return k, n


def shard_key(path: str, root: Path) -> str:
    """The path a file is partitioned by: relative to the project root when it is inside it
    (so every checkout agrees), normalised, with forward slashes."""
    p = Path(os.path.abspath(path))
    try:
        rel = p.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        rel = p.as_posix()
    return rel


def shard_of(path: str, root: Path, n: int) -> int:
    """The shard (1..n) of ``path``: a stable hash (SHA-256) of :func:`shard_key`, so adding
    or removing a file never moves another one, on any machine or Python version."""
    import hashlib

    key = shard_key(path, root).encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") % n + 1


def in_shard(paths: list[str], shard: tuple[int, int] | None, root: Path) -> list[str]:
    """The files of ``paths`` that belong to shard ``(k, n)`` (all of them without a shard)."""
    if shard is None:
        return paths
    k, n = shard
    return [p for p in paths if shard_of(p, root, n) == k]
