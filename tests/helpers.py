"""Helpers for tests: lint a text with a given configuration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from medlint.config import Settings, build_settings
from medlint.discovery import get_registry
from medlint.engine import FileResult, Linter
from medlint.findings import Finding


def make_linter(
    config: dict[str, Any] | None = None,
    select: list[str] | None = None,
    today: str | dt.date | None = "2026-11-23",
    root: Path | None = None,
) -> Linter:
    registry = get_registry()
    settings: Settings = build_settings(dict(config or {}), registry, None, root or Path.cwd())
    if today is not None and settings.today is None:
        settings.today = dt.date.fromisoformat(today) if isinstance(today, str) else today
    return Linter(settings, registry, select)


def lint(
    text: str,
    name: str = "article.md",
    select: list[str] | None = None,
    config: dict[str, Any] | None = None,
    today: str | None = "2026-11-23",
) -> list[Finding]:
    return lint_result(text, name, select, config, today).findings


def lint_result(
    text: str,
    name: str = "article.md",
    select: list[str] | None = None,
    config: dict[str, Any] | None = None,
    today: str | None = "2026-11-23",
) -> FileResult:
    return make_linter(config, select, today).lint_text(name, text)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def printed_words(*lines: str) -> list[str]:
    """The words a fresh interpreter prints running ``lines`` (for tests of what an import
    loads, e.g. that spaCy's command-line package stays unloaded)."""
    import subprocess
    import sys

    code = "".join(line + "\n" for line in lines)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.split()


def report_result(path: str, codes: list[tuple[str, str]], **stats: Any) -> FileResult:
    """A linted file as the report reads it: findings ``(code, severity)`` and the article
    facts (defaults for a 300-word undated Markdown article, overridden by ``stats``)."""
    base: dict[str, Any] = {
        "title": path,
        "format": "md",
        "reviewer": None,
        "author": None,
        "review_date": None,
        "words": 300,
        "flesch_kincaid": 7.0,
        "smog": 8.0,
        "medication": False,
        "drug": None,
    }
    base.update(stats)
    fs = [Finding(code=c, message="m", severity=s, path=path) for c, s in codes]
    return FileResult(path, fs, None, {"article": base})
