"""``path:line:col: CODE [severity] message (rule-name)`` lines, then a summary.

A finding whose fix ``--fix`` applies is marked ``[*]`` before its message (as ruff does);
the summary then says how many are fixable, and how many more ``--unsafe-fixes`` would fix.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding
    from medlint.output import RenderContext

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(results: list[FileResult], ctx: RenderContext) -> str:
    lines: list[str] = []
    findings = [f for r in results for f in r.findings]
    if not ctx.quiet:
        for f in findings:
            sev = f"[{f.severity}]"
            code = f.code
            if ctx.color:
                sev = click.style(sev, fg=_COLORS.get(f.severity))
                code = click.style(code, bold=True)
            mark = "[*] " if f.fixable(ctx.unsafe_fixes) else ""
            lines.append(f"{f.path}:{f.line}:{f.column}: {code} {sev} {mark}{f.message} ({f.name})")
    if ctx.statistics and findings:
        counts = Counter((f.code, f.name, f.severity) for f in findings)
        if lines:
            lines.append("")
        for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>6}  {code}  {name} [{sev}]")
    by_sev = Counter(f.severity for f in findings)
    files_with = len({f.path for f in findings})
    if findings:
        parts = [
            _plural(by_sev[s], s if s != "info" else "info")
            for s in ("error", "warning", "info")
            if by_sev[s]
        ]
        parts = [p.replace("infos", "info") for p in parts]
        summary = (
            f"Found {_plural(len(findings), 'problem')} ({', '.join(parts)}) in "
            f"{_plural(files_with, 'file')} of {_plural(ctx.files_checked, 'file')} checked."
        )
    else:
        summary = f"All clear: no problems in {_plural(ctx.files_checked, 'file')} checked."
    if lines:
        lines.append("")
    lines.append(summary)
    fixable = _fixable_line(findings, ctx.unsafe_fixes)
    if fixable:
        lines.append(fixable)
    return "\n".join(lines) + "\n"


def _fixable_line(findings: list[Finding], unsafe: bool) -> str:
    """``[*] 3 fixable with --fix (2 more with --unsafe-fixes).``, or "" when none."""
    n = sum(f.fixable(unsafe) for f in findings)
    more = 0 if unsafe else sum(f.fixable(True) for f in findings) - n
    if not n and not more:
        return ""
    text = f"[*] {n} fixable with --fix"
    if more:
        text += f" ({more} more with --unsafe-fixes)"
    return text + "."
