"""Findings (diagnostics) and the fixes they may carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: i for i, name in enumerate(SEVERITIES)}

# How sure a rule is of its fix (as ruff's "applicability"): ``--fix`` applies the safe
# fixes; ``--unsafe-fixes`` (config key ``unsafe-fixes: true``) also the unsafe ones.
SAFE = "safe"
UNSAFE = "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)


@dataclass(frozen=True)
class Fix:
    """Replace ``source[start:end]`` with ``replacement`` (offsets into the decoded source).

    ``applicability`` is :data:`SAFE` when the rule is sure the change is right (``--fix``
    applies it) and :data:`UNSAFE` when it may change what the writer meant (applied only
    with ``--unsafe-fixes``).
    """

    start: int
    end: int
    replacement: str
    applicability: str = SAFE

    @property
    def safe(self) -> bool:
        return self.applicability != UNSAFE

    def applies(self, unsafe: bool) -> bool:
        """Whether ``--fix`` applies this fix (with ``--unsafe-fixes`` when ``unsafe``)."""
        return unsafe or self.safe


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

    def fixable(self, unsafe: bool = False) -> bool:
        """The finding carries a fix that ``--fix`` applies (``unsafe``: with
        ``--unsafe-fixes``)."""
        return self.fix is not None and self.fix.applies(unsafe)

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
                "applicability": self.fix.applicability,
            }
        return d
