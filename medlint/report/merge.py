"""``medlint report --from RESULTS.json …``: one report from the outputs of several runs
(the shards of a CI matrix), without linting again.

Two kinds of input are read (each file is recognised by its shape):

* the JSON of ``medlint report --format json`` (best: it has every article, with or without
  findings, and its facts — title, author, reviewer, review date, words, grades);
* the JSON of ``medlint check --format json`` (a list of findings): it only names articles
  with findings and none of their facts; the facts are read again from the article files
  when they are there (parsing, not linting), and articles without findings are found by
  walking the library PATHS given with ``--from``.

An article in two inputs is an error (shards overlap, or a file was given twice).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.engine import FileResult
from medlint.findings import APPLICABILITIES, SEVERITIES, Finding, Fix
from medlint.report.compare import ReportFileError, read_json, validate_report
from medlint.report.model import normal_path
from medlint.stats import STATS_KEY

# the article facts a report JSON carries, as medlint.stats names them
FACT_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "format": (str,),
    "reviewer": (str,),
    "author": (str,),
    "review_date": (str,),
    "words": (int,),
    "flesch_kincaid": (int, float),
    "smog": (int, float),
    "medication": (bool,),
    "drug": (str,),
}
FINDING_KEYS: dict[str, type] = {
    "path": str,
    "line": int,
    "column": int,
    "end_line": int,
    "end_column": int,
    "code": str,
    "severity": str,
    "message": str,
}


@dataclass
class Merged:
    """The results read from the inputs, and what they say about themselves."""

    results: list[FileResult] = field(default_factory=list)
    days: set[str] = field(default_factory=set)  # the `today` of every report input
    findings_only: bool = False  # some input was `check --format json` (no clean articles)
    origin: dict[str, str] = field(default_factory=dict)  # normalised path → input file


def input_files(values: list[str]) -> list[str]:
    """``--from`` values: files, and directories (their ``*.json``, sorted); a file named
    twice is read once."""
    out: list[str] = []
    for v in values:
        p = Path(v)
        if p.is_dir():
            found = sorted(str(x) for x in p.glob("*.json") if x.is_file())
            if not found:
                raise ReportFileError(f"{v}: no *.json files in this directory")
            out.extend(found)
        else:
            out.append(v)
    seen: set[str] = set()
    unique = []
    for f in out:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _finding(src: str, where: str, d: Any) -> Finding:
    if not isinstance(d, dict):
        raise ReportFileError(f"{src}: key {where!r}: expected a finding object")
    for key, kind in FINDING_KEYS.items():
        value = d.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ReportFileError(
                f"{src}: key '{where}.{key}': expected {kind.__name__}, got "
                f"{type(value).__name__} (is it the JSON of `medlint check --format json`?)"
            )
    if d["severity"] not in SEVERITIES:
        raise ReportFileError(f"{src}: key '{where}.severity': unknown severity {d['severity']!r}")
    fix, fix_line = _fix(d.get("fix"))
    return Finding(
        fix=fix,
        fix_line=fix_line,
        code=d["code"],
        message=d["message"],
        severity=d["severity"],
        name=str(d.get("name") or ""),
        path=d["path"],
        line=d["line"],
        column=d["column"],
        end_line=d["end_line"],
        end_column=d["end_column"],
    )


def _fix(d: Any) -> tuple[Fix | None, tuple[int, int, int, int] | None]:
    """The fix as the JSON shows it (its line/column span; the offsets are not needed: the
    report shows fixes, it does not apply them); a malformed one is dropped."""
    if not isinstance(d, dict):
        return None, None
    span = tuple(d.get(k) for k in ("line", "column", "end_line", "end_column"))
    replacement, applicability = d.get("replacement"), d.get("applicability")
    if not (
        isinstance(replacement, str)
        and applicability in APPLICABILITIES
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
    ):
        return None, None
    sl, sc, el, ec = (int(x) for x in span)  # type: ignore[arg-type]
    return Fix(0, 0, replacement, str(applicability)), (sl, sc, el, ec)


def _claim(merged: Merged, path: str, src: str) -> None:
    key = normal_path(path)
    if key in merged.origin:
        other = merged.origin[key]
        raise ReportFileError(
            f"{src}: article {path!r} is "
            + ("listed twice" if other == src else f"also in {other} (do the shards overlap?)")
        )
    merged.origin[key] = src


def _from_report(merged: Merged, src: str, data: dict[str, Any]) -> None:
    merged.days.add(data["today"])
    for i, a in enumerate(data["articles"]):
        _claim(merged, a["path"], src)
        raw = a.get("findings")
        if not isinstance(raw, list):
            raise ReportFileError(f"{src}: key 'articles[{i}].findings': expected a list")
        fs = [_finding(src, f"articles[{i}].findings[{j}]", f) for j, f in enumerate(raw)]
        facts = _facts(src, i, a)
        merged.results.append(FileResult(a["path"], fs, None, {STATS_KEY: facts}))


def _facts(src: str, i: int, a: dict[str, Any]) -> dict[str, Any]:
    """The article's facts (each ``None`` or of its type: a wrong one is named)."""
    facts = {k: a.get(k) for k in FACT_TYPES}
    for key, value in facts.items():
        kinds = FACT_TYPES[key]
        if value is not None and (
            not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        ):
            raise ReportFileError(
                f"{src}: key 'articles[{i}].{key}': expected "
                f"{' or '.join(k.__name__ for k in kinds)} or null, got {type(value).__name__}"
            )
    return facts


def _from_check(merged: Merged, src: str, data: list[Any]) -> None:
    merged.findings_only = True
    per_path: dict[str, list[Finding]] = {}
    for j, d in enumerate(data):
        f = _finding(src, f"[{j}]", d)
        per_path.setdefault(f.path, []).append(f)
    for path, fs in per_path.items():
        _claim(merged, path, src)
        merged.results.append(FileResult(path, fs))


def read_inputs(files: list[str]) -> Merged:
    """Every input read and checked (:class:`ReportFileError` names the file and key)."""
    merged = Merged()
    for src in files:
        data = read_json(src)
        if isinstance(data, list):
            _from_check(merged, src, data)
        else:
            _from_report(merged, src, validate_report(src, data))
    return merged


def add_clean_articles(merged: Merged, library: list[str]) -> int:
    """Rows for the library's articles no input mentions (``check`` JSON lists only articles
    with findings); returns how many were added."""
    added = 0
    for path in library:
        key = normal_path(path)
        if key not in merged.origin:
            merged.origin[key] = "(library)"
            merged.results.append(FileResult(path, []))
            added += 1
    return added


def sorted_results(merged: Merged) -> list[FileResult]:
    """The results in the order a single run gives them (by path)."""
    return sorted(merged.results, key=lambda r: r.path)
