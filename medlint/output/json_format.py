"""A JSON array of findings (keys: path, line, column, end_line, end_column, code, name,
severity, message, and fix when one is available)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.output import RenderContext


def render(results: list[FileResult], ctx: RenderContext) -> str:
    data = [f.to_dict() for r in results for f in r.findings]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
