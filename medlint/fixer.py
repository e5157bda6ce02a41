"""``--fix`` and ``--diff``: apply the fixes findings carry.

A :class:`~medlint.findings.Fix` replaces ``source[start:end]`` of the decoded
text (BOM removed, line endings as in the file).  Only safe fixes are applied unless
``unsafe`` (``--unsafe-fixes``, config ``unsafe-fixes: true``) is given.  Fixes are applied from the end
of the file backwards; when two overlap, the one that starts first (the shorter
when both start together) wins and the other waits for the next pass, which lints the fixed text again.  After at most
:data:`MAX_PASSES` passes, or as soon as a pass changes nothing, the text is
encoded back as it was read (UTF-8, with the BOM when the file had one) and
written atomically: a temporary file in the same directory, then ``os.replace``.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from medlint.document.model import LINE_BREAK, count_lines
from medlint.engine import FileResult
from medlint.files import FileChangedError, read_snapshot, write_atomic
from medlint.findings import SEVERITY_RANK, Finding, Fix

if TYPE_CHECKING:  # pragma: no cover
    from medlint.baseline import Baseline
    from medlint.engine import Linter
    from medlint.gitdiff import ChangedLines

MAX_PASSES = 5
BOM = "\ufeff"

# Decides, for one pass, which fixable findings to apply: (findings, current text) → findings.
Chooser = Callable[[list[Finding], str], list[Finding]]


@dataclass
class FixOutcome:
    path: str
    original: str  # decoded text before fixing (no BOM)
    fixed: str  # decoded text after fixing
    had_bom: bool
    applied: int  # fixes applied over all passes
    result: FileResult  # findings of the fixed text
    passes: int = 0
    codes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the change (empty when nothing changed)."""
        if not self.changed:
            return ""
        a = self.original.splitlines(keepends=True)
        b = self.fixed.splitlines(keepends=True)
        name = self.path.lstrip("/")  # an absolute path: a/tmp/x.md, as git diff shows it
        lines = difflib.unified_diff(a, b, f"a/{name}", f"b/{name}")
        out = []
        for ln in lines:
            if not ln.endswith("\n"):
                ln += "\n\\ No newline at end of file\n"
            out.append(ln)
        return "".join(out)


def _line_ending(text: str) -> str:
    """The file's most common line break: \n, \r\n or a lone \r (\n on a tie)."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    return "\r" if cr > lf and cr > crlf else "\n"


def _match_line_endings(replacement: str, eol: str) -> str:
    if eol != "\n" and ("\n" in replacement or "\r" in replacement):
        return LINE_BREAK.sub(eol, replacement)
    return replacement


def _break_at(text: str, i: int) -> int:
    """The length of the line break starting at ``i`` (2 for CRLF, 1 for LF or CR, else 0)."""
    if text.startswith("\r\n", i):
        return 2
    return 1 if i < len(text) and text[i] in "\r\n" else 0


def _blank_before(text: str, i: int) -> bool:
    """Line ``i`` starts at the start of the text or right after a blank line."""
    if i == 0:
        return True
    j = i - (2 if text.startswith("\r\n", i - 2) else 1)
    return j <= 0 or text[j - 1] in "\r\n"


def whole_line_deletion(text: str, fx: Fix) -> Fix:
    """A fix deleting everything on its line(s) also takes the line break, and the blank line
    after it when a blank line (or the file start) comes before, so deleting a chrome line
    leaves no run of blank lines.  Other fixes are returned as they are."""
    start, end = fx.start, fx.end
    at_line_start = start == 0 or text[start - 1] in "\r\n"
    brk = _break_at(text, end)
    if fx.replacement or end <= start or not at_line_start or (brk == 0 and end != len(text)):
        return fx
    end += brk
    if _blank_before(text, start):
        end += _break_at(text, end)
    return Fix(start, end, "", fx.applicability)


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply the fixes that do not overlap an earlier one; returns (new text, number applied).

    Two fixes overlap when their ranges share a character, or when both insert at the
    same offset.  Identical fixes count once.
    """
    eol = _line_ending(text)
    chosen: list[Fix] = []
    last_start = last_end = -1
    # never write "None" or a list's repr into an article: a replacement must be text
    texts = {whole_line_deletion(text, fx) for fx in fixes if isinstance(fx.replacement, str)}
    for fx in sorted(texts, key=lambda x: (x.start, x.end, x.replacement)):
        if fx.start < 0 or fx.end > len(text) or fx.end < fx.start:
            continue
        if chosen and (fx.start < last_end or fx.start == fx.end == last_start == last_end):
            continue  # overlaps the previous fix: the next pass decides
        chosen.append(fx)
        last_start, last_end = fx.start, fx.end
    out = text
    for fx in reversed(chosen):
        out = out[: fx.start] + _match_line_endings(fx.replacement, eol) + out[fx.end :]
    return out, len(chosen)


def _all(findings: list[Finding], text: str) -> list[Finding]:
    return findings


def fix_text(
    linter: Linter,
    path: str,
    text: str,
    had_bom: bool = False,
    choose: Chooser | None = None,
    unsafe: bool = False,
) -> FixOutcome:
    """Fix ``text`` (of a file named ``path``) in memory, re-linting after every pass;
    ``unsafe``: apply the unsafe fixes too."""
    choose = choose or _all
    result = linter.lint_text(path, text, had_bom)
    current = text
    applied = 0
    passes = 0
    codes: list[str] = []
    for _ in range(MAX_PASSES):
        fixable = [f for f in result.findings if f.fixable(unsafe)]
        wanted = choose(fixable, current) if fixable else []
        if not wanted:
            break
        new, n = apply_fixes(current, [f.fix for f in wanted if f.fix is not None])
        if new == current:
            break
        passes += 1
        applied += n
        codes.extend(f.code for f in wanted)
        current = new
        result = linter.lint_text(path, current, had_bom)
    return FixOutcome(path, text, current, had_bom, applied, result, passes, sorted(set(codes)))


def encode(text: str, had_bom: bool) -> bytes:
    return ((BOM if had_bom else "") + text).encode("utf-8", "surrogatepass")


def fix_file(
    linter: Linter,
    path: str,
    write: bool = True,
    choose: Chooser | None = None,
    unsafe: bool = False,
) -> FixOutcome | None:
    """Fix one file on disk (or, with ``write=False``, only compute the fixed text).

    Returns None when the file cannot be read or decoded (its E9xx finding stands).  Raises
    :class:`FileChangedError` when the file changed or vanished while it was being fixed
    (nothing is written), and OSError when it cannot be replaced.
    """
    got = read_snapshot(path)
    if got is None:
        return None
    text, had_bom, snap = got
    outcome = fix_text(linter, path, text, had_bom, choose, unsafe)
    if write and outcome.changed:
        write_atomic(path, encode(outcome.fixed, had_bom), expect=snap)
    return outcome


def make_chooser(
    path: str,
    baseline: Baseline | None = None,
    changed: ChangedLines | None = None,
    min_severity: str = "info",
) -> Chooser | None:
    """Fix only what would be reported: not findings below ``min_severity``
    (``--min-severity``), not findings in the baseline, and with ``--changed-since`` only
    those on changed lines (while the line count stays the same, so line numbers still mean
    what git said)."""
    low = SEVERITY_RANK.get(min_severity, 0)
    if baseline is None and changed is None and low == 0:
        return None
    original_lines: list[int] = []

    def choose(fixable: list[Finding], text: str) -> list[Finding]:
        from medlint.baseline import new_findings_in
        from medlint.gitdiff import keep_finding

        out = [f for f in fixable if SEVERITY_RANK.get(f.severity, 0) >= low] if low else fixable
        if changed is not None:
            state, lines = changed.lookup(path)
            n_lines = count_lines(text)
            if not original_lines:
                original_lines.append(n_lines)
            if state == "unchanged" or n_lines != original_lines[0]:
                return []
            if state == "changed":
                out = [f for f in out if keep_finding(f, lines, f.code.startswith("E9"))]
        if baseline is not None:
            out = new_findings_in(out, text, path, baseline)
        return out

    return choose


def _warn(message: str) -> None:
    print(f"medlint: warning: {message}", file=sys.stderr)


def fix_results(
    linter: Linter,
    results: list[FileResult],
    write: bool,
    baseline: Baseline | None = None,
    changed: ChangedLines | None = None,
    warn: Callable[[str], None] = _warn,
    unsafe: bool = False,
) -> tuple[list[FileResult], list[FixOutcome]]:
    """Fix every file whose findings carry a fix (a safe one unless ``unsafe``); returns the results with fixed files
    linted again, and what changed (only outcomes that changed something).

    A file changed or deleted while medlint ran is skipped with a warning; a file that
    cannot be written keeps its findings plus an E901 finding, and the run goes on.
    """
    out: list[FileResult] = []
    outcomes: list[FixOutcome] = []
    for r in results:
        if not any(f.fixable(unsafe) for f in r.findings) or r.path == "-":
            out.append(r)
            continue
        try:
            oc = fix_file(
                linter,
                r.path,
                write=write,
                choose=make_chooser(r.path, baseline, changed, linter.settings.min_severity),
                unsafe=unsafe,
            )
        except FileChangedError as exc:
            warn(f"{r.path}: {exc}: not fixed; run medlint again")
            out.append(r)
            continue
        except OSError as exc:
            problem = linter._read_error(
                r.path,
                "E901",
                f"cannot write the fixed file: {exc.strerror or exc}; the file is unchanged",
            )
            out.append(FileResult(r.path, [*r.findings, *problem.findings], r.article, r.stats))
            continue
        if oc is None or not oc.changed:
            out.append(r)
            continue
        outcomes.append(oc)
        res = oc.result
        if r.article is None:
            res.article = None
        out.append(res if write else r)
    return out, outcomes
