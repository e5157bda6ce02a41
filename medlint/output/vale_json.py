"""Vale's JSON output: an object keyed by file path, each a list of alerts.

The shape of ``vale --output=JSON`` (vale-cli/vale ``cmd/vale/json.go`` and the ``Alert``
struct of ``internal/core/alert.go``), keys in Vale's order::

    {"path": [{"Action": {"Name": "replace", "Params": ["use"]}, "Span": [5, 11],
               "Check": "Microsoft.Contractions", "Description": "", "Link": "",
               "Message": "...", "Severity": "warning", "Match": "utilise", "Line": 3}]}

* ``Check`` is the rule's code; ``Severity`` is ``error``, ``warning`` or ``suggestion``
  (medlint's ``info``).
* ``Span`` is ``[first, last]`` column of the flagged text on its line (1-based, both
  inclusive, in characters, as Vale counts); a finding that runs onto later lines ends at
  the end of its first line, as Vale caps it.
* ``Match`` is the flagged text; ``Action`` comes from the finding's fix (``replace`` with
  the replacement, ``remove`` for a deletion; Vale's empty action without a fix);
  ``Description`` and ``Link`` from the rule (a medlint rule's summary is its
  description).  A rule may give any of Match, Action, Description and Link for a finding
  in ``finding.extra["vale"]`` (the Vale engine does, with Vale's own values); an empty
  Params list is printed as ``null``, as Go prints an empty slice.  Severity is always the
  finding's (after the configuration's ``severity``), never taken from ``extra``.
* Files without findings are left out; no findings print ``{}``.  Paths are sorted and
  ``<``, ``>``, ``&``, U+2028 and U+2029 are escaped as Go's encoder does, so the bytes
  match Vale's for the same alerts.

The flagged text is read from the file again (the standard input's is not kept, and a
file whose text no longer agrees with a finding's position is not used: there Match is
the rule's own or empty, and Span ends where the finding does).
"""

from __future__ import annotations

import bisect
import json
from typing import TYPE_CHECKING, Any

from medlint.baseline import SourceReader
from medlint.document import display_path
from medlint.document.model import line_start_offsets
from medlint.output.vale_line import one_line

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding
    from medlint.output import RenderContext
    from medlint.registry import Rule

SEVERITY = {"error": "error", "warning": "warning", "info": "suggestion"}
# what Go's encoding/json escapes that Python's json.dumps(ensure_ascii=False) does not
_GO_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_GO_TABLE = str.maketrans(_GO_ESCAPES)


class _Source:
    """A file's text and line starts, to read the flagged text of its findings."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.starts = line_start_offsets(text) if text is not None else []

    def flagged(self, f: Finding) -> tuple[str, str]:
        """The flagged text and the line it starts on (with its line break), or ("", "")
        when the text is not the one linted (the finding's position does not agree)."""
        text = self.text
        if text is None or not 0 <= f.start <= f.end <= len(text):
            return "", ""
        i = bisect.bisect_right(self.starts, f.start) - 1
        if (i + 1, f.start - self.starts[i] + 1) != (f.line, f.column):
            return "", ""
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
        return text[f.start : f.end], text[self.starts[i] : end]


def _span(f: Finding, match: str, line: str) -> list[int]:
    if line:  # Vale: first + len(match) - 1, at most the line's length
        last = min(f.column + len(match) - 1, len(line))
    elif f.end_line == f.line:
        last = f.end_column - 1
    else:
        last = f.column
    return [f.column, max(last, f.column)]


def _action(f: Finding) -> dict[str, Any]:
    if f.fix is None:
        return {"Name": "", "Params": None}
    if f.fix.replacement == "":
        return {"Name": "remove", "Params": None}
    return {"Name": "replace", "Params": [f.fix.replacement]}


def _go_action(action: Any) -> Any:
    """Vale's Params is a Go slice: one without items (no action, or an action without
    parameters) is ``null`` in its JSON, never ``[]``."""
    if isinstance(action, dict) and action.get("Params") == []:
        return {**action, "Params": None}
    return action


def alert(f: Finding, rule: Rule | None, source: str | None) -> dict[str, Any]:
    """One finding as a Vale alert (keys in the order of Vale's ``Alert`` struct);
    ``source`` is the text of the finding's file (None when it is not known)."""
    return _alert(f, rule, _Source(source))


def _alert(f: Finding, rule: Rule | None, source: _Source) -> dict[str, Any]:
    given = f.extra.get("vale")
    given = given if isinstance(given, dict) else {}
    flagged, line = source.flagged(f)
    match = given.get("Match", flagged)
    description = rule.description if rule is not None else ""
    if rule is not None and not description and not rule.style:
        description = rule.summary
    return {
        "Action": _go_action(given.get("Action", _action(f))),
        "Span": _span(f, flagged, line),
        "Check": f.code,
        "Description": given.get("Description", description),
        "Link": given.get("Link", rule.link if rule is not None else ""),
        "Message": one_line(f.message),
        "Severity": SEVERITY.get(f.severity, f.severity),
        "Match": match,
        "Line": f.line,
    }


def render(results: list[FileResult], ctx: RenderContext) -> str:
    reader = SourceReader()
    out: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        if not r.findings:
            continue
        source = _Source(None if r.path == "-" else reader.get(r.path))
        alerts = out.setdefault(display_path(r.path), [])
        for f in r.findings:
            alerts.append(_alert(f, ctx.registry.rules.get(f.code), source))
    ordered = {path: out[path] for path in sorted(out)}
    text = json.dumps(ordered, indent=2, ensure_ascii=False)
    return text.translate(_GO_TABLE) + "\n"
