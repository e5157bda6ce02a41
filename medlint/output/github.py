"""GitHub Actions workflow commands: one annotation per finding.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE rule-name::message``;
``warning`` and ``notice`` for the other severities.  Values are escaped as the
GitHub runner expects (``%``, CR and LF in the message; also ``:`` and ``,`` in
properties).  GitHub shows at most 10 annotations of each level per step and 50
per job; use ``--format sarif`` with code scanning for the full list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.output import RenderContext

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], ctx: RenderContext) -> str:
    lines: list[str] = []
    for r in results:
        for f in r.findings:
            cmd = COMMANDS.get(f.severity, "warning")
            props = [
                f"file={escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={escape_property(f'{f.code} {f.name}' if f.name else f.code)}",
            ]
            message = f.message
            lines.append(f"::{cmd} {','.join(props)}::{escape_data(message)}")
    return "".join(ln + "\n" for ln in lines)
