"""Vale's line output: ``path:line:col:Check:Message``, one line per finding.

As ``vale --output=line`` prints it (vale-cli/vale ``cmd/vale/line.go``): the column is
where the flagged text starts (1-based, in characters), Check is the rule's code
(``Microsoft.Contractions`` for a style rule, ``C401`` for medlint's own rules), and a
line break in a message becomes a space (Vale's ``WhitespaceToSpace``).  No summary line;
nothing at all when there are no findings.  Files come in the order medlint reports them
(by path), findings by line and column, so scripts written for Vale's output keep working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from medlint.document import display_path

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.output import RenderContext


def one_line(message: str) -> str:
    """A message as Vale prints it: line breaks become spaces."""
    return message.replace("\n", " ")


def render(results: list[FileResult], ctx: RenderContext) -> str:
    lines = [
        f"{display_path(f.path)}:{f.line}:{f.column}:{f.code}:{one_line(f.message)}"
        for r in results
        for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)
