"""Findings (diagnostics) and the fixes they may carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: i for i, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Fix:
    """Replace ``source[start:end]`` with ``replacement`` (offsets into the decoded source)."""

    start: int
    end: int
    replacement: str


@dataclass
class Finding:
    code: str
    message: str
    start: int = 0  # source offset (decoded text, BOM removed)
    end: int = 0
    severity: str = "warning"
    name: str = ""
    path: str = ""
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    fix: Fix | None = None
    fix_line: tuple[int, int, int, int] | None = None  # fix span as line/col
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }
        if self.fix is not None and self.fix_line is not None:
            sl, sc, el, ec = self.fix_line
            d["fix"] = {
                "replacement": self.fix.replacement,
                "line": sl,
                "column": sc,
                "end_line": el,
                "end_column": ec,
            }
        return d
