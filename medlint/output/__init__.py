"""Output formats.  Each module has ``render(results, ctx) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.registry import Registry

# format name → module under medlint.output
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "vale-line": "vale_line",
    "vale-json": "vale_json",
}


@dataclass
class RenderContext:
    registry: Registry
    files_checked: int
    statistics: bool = False
    quiet: bool = False
    color: bool = False
    fail_on: str = "error"
    unsafe_fixes: bool = False  # the text summary counts unsafe fixes as applicable
    extra: dict[str, object] = field(default_factory=dict)


class Renderer(Protocol):
    def __call__(self, results: list[FileResult], ctx: RenderContext) -> str: ...


def get_renderer(fmt: str) -> Renderer:
    mod = importlib.import_module(f"medlint.output.{FORMATS[fmt]}")
    return mod.render  # type: ignore[no-any-return,unused-ignore]
