"""Article source text for the HTML report, and the flagged spans within it.

The report does not keep every article in memory: when the HTML is written, each file is read
again, one at a time, and its findings are placed on the text by their line/column (1-based, in
code points of the decoded file, as the engine reports them).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from medlint.findings import Finding

MAX_TEXT_CHARS = 300_000  # longer files are shown cut at this length (findings still listed)


def read_source(path: str) -> str | None:
    """The decoded text of ``path`` exactly as the linter saw it (BOM removed), or ``None``."""
    if path == "-":
        return None
    from medlint.document import read_decoded

    got = read_decoded(path)
    return None if got is None else got[0]


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def offset_of(starts: list[int], size: int, line: int, column: int) -> int:
    """Source offset of a 1-based line/column (clamped to the text)."""
    if line < 1:
        return 0
    if line > len(starts):
        return size
    base = starts[line - 1]
    end = starts[line] - 1 if line < len(starts) else size
    return max(base, min(base + column - 1, end, size))


def finding_span(starts: list[int], size: int, f: Finding) -> tuple[int, int]:
    a = offset_of(starts, size, f.line, f.column)
    b = offset_of(starts, size, f.end_line, f.end_column)
    return a, max(a, b)


@dataclass(frozen=True)
class Piece:
    """``text[start:end]``, covered by the findings numbered in ``active`` (maybe none).

    A piece with ``start == end`` is a point marker for findings with an empty span.
    """

    start: int
    end: int
    active: tuple[int, ...]


def pieces(size: int, spans: list[tuple[int, int]]) -> list[Piece]:
    """Split ``[0, size)`` at every span boundary; each piece knows which spans cover it."""
    points: dict[int, list[int]] = {}
    bounds = {0, size}
    for i, (a, b) in enumerate(spans):
        a, b = min(a, size), min(b, size)
        if a >= b:
            points.setdefault(a, []).append(i)
            bounds.add(a)
        else:
            bounds.update((a, b))
    order = sorted(bounds)
    starts_at: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(spans):
        if min(a, size) < min(b, size):
            starts_at.setdefault(a, []).append(i)
    ends = [min(b, size) for _a, b in spans]
    out: list[Piece] = []
    active: set[int] = set()
    for x, y in itertools.pairwise(order):
        if x in points:
            out.append(Piece(x, x, tuple(points[x])))
        active.update(starts_at.get(x, ()))
        active = {i for i in active if ends[i] > x}
        out.append(Piece(x, y, tuple(sorted(active))))
    if size in points:
        out.append(Piece(size, size, tuple(points[size])))
    return out


def line_number_at(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)
