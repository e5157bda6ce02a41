"""Baselines: record today's findings, then report only new ones.

``--write-baseline FILE`` stores one entry per distinct finding fingerprint with
a count; ``--baseline FILE`` drops findings whose fingerprint is in the file, up
to that count, so a repository full of legacy articles can adopt medlint today
and fail only on problems added later.

A fingerprint is a digest of the rule code, the file path (relative to the
baseline file's directory), the flagged text and the text of the line(s) it is
on, all with whitespace normalised.  Line numbers are not part of it, so edits
elsewhere in the file that move the finding up or down do not make it "new";
editing the flagged line itself does.  The same problem twice in a file gives
the same fingerprint twice: the count keeps the third copy reportable.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint import __version__

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding

BASELINE_FORMAT = 1
FORMAT_KEY = "medlint-baseline"


class BaselineError(Exception):
    pass


def normalise(text: str) -> str:
    return " ".join(text.split())


class SourceReader:
    """Decoded file texts, read once each (for fingerprints); stdin text can be seeded."""

    def __init__(self) -> None:
        self._texts: dict[str, str | None] = {}

    def seed(self, path: str, text: str) -> None:
        self._texts[path] = text

    def get(self, path: str) -> str | None:
        if path not in self._texts:
            from medlint.document import NotReadable, decode, read_bytes

            try:
                data = read_bytes(path)  # never a FIFO or a device: they would block
            except (OSError, NotReadable):
                self._texts[path] = None
            else:
                self._texts[path] = decode(data)[0]
        return self._texts[path]


def _resolved(path: str) -> str:
    """The absolute path with its folder's symbolic links resolved, as the baseline's own
    folder is (``/tmp`` is ``/private/tmp`` on macOS; a project reached through a linked
    folder); the file name itself is kept."""
    head, tail = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(head), tail)


def relative_path(path: str, base_dir: Path) -> str:
    if path == "-":
        return path
    absolute = _resolved(path)
    try:
        rel = os.path.relpath(absolute, base_dir.resolve())
    except ValueError:  # another drive (Windows)
        rel = absolute
    return Path(rel).as_posix()


def fingerprint(f: Finding, source: str | None, rel_path: str) -> str:
    """Code + path + normalised flagged text + normalised text of its line(s)."""
    if source is None:
        flagged, context = normalise(f.message), ""
    else:
        a = max(0, min(f.start, len(source)))
        b = max(a, min(f.end, len(source)))
        flagged = normalise(source[a:b])
        line_start = source.rfind("\n", 0, a) + 1
        line_end = source.find("\n", b)
        context = normalise(source[line_start : len(source) if line_end == -1 else line_end])
    h = hashlib.sha256()
    for part in (f.code, rel_path, flagged, context):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:20]


def fingerprints(
    results: Iterable[FileResult], base_dir: Path, reader: SourceReader | None = None
) -> dict[int, str]:
    """Fingerprint of every finding, keyed by ``id(finding)``."""
    reader = reader or SourceReader()
    out: dict[int, str] = {}
    for r in results:
        if not r.findings:
            continue
        src = reader.get(r.path)
        rel = relative_path(r.path, base_dir)
        for f in r.findings:
            out[id(f)] = fingerprint(f, src, rel)
    return out


@dataclass
class Baseline:
    path: Path
    counts: Counter[str] = field(default_factory=Counter)
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base_dir(self) -> Path:
        return self.path.resolve().parent

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def path_of(self) -> dict[str, str]:
        """The file (relative to the baseline) of each fingerprint that names one."""
        return {e["fingerprint"]: e["path"] for e in self.entries if isinstance(e.get("path"), str)}


def checked_paths(results: Iterable[FileResult], base_dir: Path) -> set[str]:
    """The baseline-relative paths of the files these results checked."""
    return {relative_path(r.path, base_dir) for r in results}


def load(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        # surrogatepass: baselines written before file names were shown escaped
        doc = json.loads(p.read_bytes().decode("utf-8", "surrogatepass"))
    except FileNotFoundError as exc:
        raise BaselineError(
            f"baseline file {p} not found; create it with --write-baseline {p}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline file {p}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline file {p} is not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get(FORMAT_KEY) != BASELINE_FORMAT:
        raise BaselineError(
            f"{p} is not a medlint baseline (format {BASELINE_FORMAT}); "
            f"re-create it with --write-baseline {p}"
        )
    bl = Baseline(p)
    for e in doc.get("entries") or []:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise BaselineError(f"{p}: every entry needs a 'fingerprint' string")
        n = e.get("count", 1)
        if not isinstance(n, int) or n < 1:
            raise BaselineError(
                f"{p}: entry {e['fingerprint']}: 'count' must be a positive integer"
            )
        bl.counts[e["fingerprint"]] += n
        bl.entries.append(e)
    return bl


def kept_entries(previous: Baseline, results: list[FileResult]) -> list[dict[str, Any]]:
    """The entries of ``previous`` that a rewrite from ``results`` keeps: those of files
    that were not checked and still exist (a partial run must not drop the rest)."""
    base = previous.base_dir
    checked = checked_paths(results, base)
    out = []
    for e in previous.entries:
        rel = e.get("path")
        if not isinstance(rel, str) or rel in checked or rel == "-":
            continue
        if (base / rel).is_file():
            out.append(e)
    return out


def build(
    results: list[FileResult],
    path: str | Path,
    reader: SourceReader | None = None,
    keep: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The baseline document for these results (entries sorted by path, line, code), plus
    the ``keep`` entries of an earlier baseline (files not checked this time)."""
    from medlint.document import display_path

    p = Path(path)
    base = p.resolve().parent
    fps = fingerprints(results, base, reader)
    grouped: dict[str, dict[str, Any]] = {e["fingerprint"]: dict(e) for e in keep or []}
    for r in results:
        for f in r.findings:
            fp = fps[id(f)]
            e = grouped.get(fp)
            if e is None:
                grouped[fp] = {
                    "path": display_path(relative_path(f.path, base)),  # for people only
                    "code": f.code,
                    "line": f.line,
                    "message": f.message,
                    "fingerprint": fp,
                    "count": 1,
                }
            else:
                e["count"] += 1
    entries = sorted(
        grouped.values(),
        key=lambda e: (
            str(e.get("path")),
            e["line"] if isinstance(e.get("line"), int) else 0,
            str(e.get("code")),
            e["fingerprint"],
        ),
    )
    return {
        FORMAT_KEY: BASELINE_FORMAT,
        "medlint-version": __version__,
        "comment": (
            "Known findings that medlint check --baseline does not report. 'line' and "
            "'message' are for people; matching uses the fingerprint (code, path, "
            "flagged text and its line). Refresh with --write-baseline."
        ),
        "entries": entries,
    }


def write(
    results: list[FileResult],
    path: str | Path,
    reader: SourceReader | None = None,
    keep: list[dict[str, Any]] | None = None,
) -> tuple[int, int]:
    """Write the baseline file atomically; returns the findings and files recorded."""
    from medlint.files import write_atomic

    doc = build(results, path, reader, keep)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(str(p), text.encode("utf-8", "surrogatepass"))
    entries = doc["entries"]
    return sum(e["count"] for e in entries), len({e["path"] for e in entries})


@dataclass
class FilterOutcome:
    results: list[FileResult]
    suppressed: int
    unmatched: int  # baseline findings no longer present (fixed or edited)


def apply(
    results: list[FileResult], baseline: Baseline, reader: SourceReader | None = None
) -> FilterOutcome:
    """Drop findings recorded in the baseline (each fingerprint up to its count).

    ``unmatched`` counts only entries of the files checked: an entry of a file outside
    this run's selection is not "fixed"."""
    from medlint.engine import FileResult

    remaining = Counter(baseline.counts)
    fps = fingerprints(results, baseline.base_dir, reader)
    out: list[FileResult] = []
    suppressed = 0
    for r in results:
        kept: list[Finding] = []
        for f in r.findings:
            fp = fps[id(f)]
            if remaining[fp] > 0:
                remaining[fp] -= 1
                suppressed += 1
            else:
                kept.append(f)
        out.append(FileResult(r.path, kept, r.article, r.stats))
    checked = checked_paths(results, baseline.base_dir)
    where = baseline.path_of()
    unmatched = sum(n for fp, n in remaining.items() if n > 0 and where.get(fp) in checked)
    return FilterOutcome(out, suppressed, unmatched)


def new_findings_in(
    findings: list[Finding], source: str, path: str, baseline: Baseline
) -> list[Finding]:
    """The findings of one file's text that the baseline does not cover (for ``--fix``)."""
    remaining = Counter(baseline.counts)
    rel = relative_path(path, baseline.base_dir)
    kept = []
    for f in sorted(findings, key=lambda x: x.sort_key):
        fp = fingerprint(f, source, rel)
        if remaining[fp] > 0:
            remaining[fp] -= 1
        else:
            kept.append(f)
    return kept
