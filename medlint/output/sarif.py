"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule (id, name, short and full
description, help, default level); one result per finding, with a region that
underlines the flagged words (columns in Unicode code points, end column
exclusive, as SARIF defines them), a fix when the finding carries one, and a
``partialFingerprints`` entry (the baseline fingerprint) so code scanning
tracks an alert across edits that move it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from medlint import __version__

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding
    from medlint.output import RenderContext
    from medlint.registry import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "medlintFingerprint/v1"


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative?) for a finding path: relative to the working directory when the file
    is inside it (what code scanning expects), else an absolute file URI."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows)
        rel = absolute
    if not rel.startswith("..") and not os.path.isabs(rel):
        # the name's bytes, percent-encoded: a name that is not UTF-8 stays exact
        return quote(os.fsencode(PurePosixPath(Path(rel).as_posix()).as_posix()), safe="/"), True
    return Path(absolute).as_uri(), False


def _rule_descriptor(r: Rule) -> dict[str, Any]:
    full = r.rationale or r.summary
    help_lines = [r.summary]
    if r.fix:
        help_lines.append(f"How to fix: {r.fix}")
    if r.rationale:
        help_lines.append(f"Why: {r.rationale}")
    if r.source:
        help_lines.append(f"Standard: {r.source}")
    md = [f"**{r.code} {r.name}**: {r.summary}", ""]
    if r.fix:
        md += [f"**How to fix:** {r.fix}", ""]
    if r.rationale:
        md += [f"**Why:** {r.rationale}", ""]
    if r.bad:
        md += ["Example that fires:", "", *("    " + ln for ln in r.bad.splitlines()), ""]
    if r.good:
        md += ["Example that does not:", "", *("    " + ln for ln in r.good.splitlines()), ""]
    if r.source:
        md += [f"**Standard:** {r.source}", ""]
    md.append(f"Explain it locally with `medlint rule {r.code}`.")
    out: dict[str, Any] = {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary or r.name},
        "fullDescription": {"text": full or r.name},
        "help": {"text": "\n".join(help_lines), "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
        "properties": {"tags": ["medical-editorial", r.group], "fixable": r.fixable},
    }
    if r.link.startswith(("https://", "http://")):  # a style rule's link (a URI, as SARIF asks)
        out["helpUri"] = r.link
    return out


def _unknown_descriptor(f: Finding) -> dict[str, Any]:
    return {
        "id": f.code,
        "name": f.name or f.code,
        "shortDescription": {"text": f.name or f.code},
        "fullDescription": {"text": f.name or f.code},
        "help": {"text": f"See `medlint rule {f.code}`."},
        "defaultConfiguration": {"level": LEVELS.get(f.severity, "warning")},
    }


def _region(line: int, col: int, end_line: int, end_col: int) -> dict[str, int]:
    line, col = max(1, line), max(1, col)
    end_line = max(line, end_line)
    end_col = max(1, end_col)
    if end_line == line:
        end_col = max(col, end_col)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}


def _result(f: Finding, index: int, location: dict[str, Any], fp: str | None) -> dict[str, Any]:
    res: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": _region(f.line, f.column, f.end_line, f.end_column),
                }
            }
        ],
    }
    if fp is not None:
        res["partialFingerprints"] = {FINGERPRINT_KEY: fp}
    if f.fix is not None and f.fix_line is not None:
        sl, sc, el, ec = f.fix_line
        res["fixes"] = [
            {
                "description": {"text": f"{f.code}: apply medlint's fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": _region(sl, sc, el, ec),
                                "insertedContent": {"text": f.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return res


def build(results: list[FileResult], ctx: RenderContext) -> dict[str, Any]:
    from medlint.baseline import fingerprints

    rules = list(ctx.registry)
    descriptors = [_rule_descriptor(r) for r in rules]
    index = {r.code: i for i, r in enumerate(rules)}
    fps = fingerprints(results, Path.cwd())
    out: list[dict[str, Any]] = []
    for r in results:
        if not r.findings:
            continue
        uri, relative = artifact_uri(r.path)
        location: dict[str, Any] = {"uri": uri}
        if relative:
            location["uriBaseId"] = "%SRCROOT%"
        for f in r.findings:
            if f.code not in index:
                index[f.code] = len(descriptors)
                descriptors.append(_unknown_descriptor(f))
            out.append(_result(f, index[f.code], location, fps.get(id(f))))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "medlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": out,
            }
        ],
    }


def render(results: list[FileResult], ctx: RenderContext) -> str:
    return json.dumps(build(results, ctx), indent=2, ensure_ascii=False) + "\n"
