"""Running a linter over many inputs (shared by `check` and `report`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult, Linter

ProgressFn = Callable[[int, int], None]  # (done, total)


def collect_files(linter: Linter, paths: tuple[str, ...] | list[str]) -> list[str]:
    from medlint.walk import iter_files

    s = linter.settings
    return list(iter_files([p for p in paths if p != "-"], s.exclude, s.root, s.respect_gitignore))


def run(
    linter: Linter,
    paths: tuple[str, ...] | list[str],
    stdin_filename: str | None = None,
    jobs: int | None = 1,
    use_cache: bool = False,
    progress: ProgressFn | None = None,
) -> list[FileResult]:
    """Lint every input; results are sorted by path so output never depends on scheduling."""
    paths = list(paths) or ["."]
    results: list[FileResult] = []
    if "-" in paths:
        data = sys.stdin.buffer.read()
        results.append(linter.lint_bytes(stdin_filename or "-", data))
    files = collect_files(linter, paths)
    total = len(files)
    for i, f in enumerate(files, 1):
        results.append(linter.lint_path(f))
        if progress is not None:
            progress(i, total)
    results.sort(key=lambda r: r.path)
    return results
