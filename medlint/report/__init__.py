"""`medlint report`: a whole-library view for editors (HTML, CSV, Markdown, JSON).

:func:`medlint.report.model.build_report` turns lint results (with per-article facts from
:mod:`medlint.stats`) into rows and a summary; each format module has
``write(report, out: TextIO) -> None``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import Report

# format name → module under medlint.report
FORMATS: dict[str, str] = {
    "html": "html",
    "csv": "csv_format",
    "md": "markdown",
    "json": "json_format",
}
SUFFIXES = {".html": "html", ".htm": "html", ".csv": "csv", ".md": "md", ".json": "json"}


class FormatError(ValueError):
    """An output file name whose extension names no report format (and no ``--format``)."""


def format_for(output: str | None) -> str:
    """The format implied by an output file name: ``html`` for standard output or a name
    without an extension; an extension that is not a report format is a
    :class:`FormatError` (``-o report.xlsx`` must not silently get HTML)."""
    if not output or output == "-":
        return "html"
    suffix = Path(output).suffix.lower()
    if not suffix:
        return "html"
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise FormatError(
            f"-o {output}: cannot tell the report format from {suffix!r} (known: {known}); "
            "name the format with --format html|csv|md|json"
        )
    return SUFFIXES[suffix]


def write_report(report: Report, fmt: str, out: TextIO) -> None:
    mod = importlib.import_module(f"medlint.report.{FORMATS[fmt]}")
    mod.write(report, out)
