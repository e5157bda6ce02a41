"""The data the HTML report's script reads: the article table and the packed article sections.

The table is one JSON array (one short array per article, see :data:`ROW_COLUMNS`).  The
article sections (text with highlights, grouped findings) are rendered here in Python, then
packed: consecutive sections are joined into chunks of about :data:`CHUNK_BYTES`, each chunk a
JSON array of ``[anchor, html]`` compressed with raw DEFLATE (level 9) and written in base64 as
``<script type="application/octet-stream" id="c-K" data-first="ROW">``.  The page decodes a
chunk with the browser's ``DecompressionStream("deflate-raw")`` only when one of its articles
is opened.  Compressed, a section is about a fifth of its HTML; a chunk of several articles
compresses better than each alone (they share markup and wording).  zlib's output is the
same for the same input, so the report stays byte-identical from run to run.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from medlint.report.model import ArticleRow

ROW_COLUMNS = (
    "id",
    "anchor",
    "path",
    "title",
    "author",
    "reviewer",
    "review_date",
    "age",
    "words",
    "fk",
    "smog",
    "score",
    "errors",
    "warnings",
    "info",
    "codes",
    "flags",
    "change",
)
# flags: s = stale (R102), n = no review date, m = medication article, w = missing stop-warning
# (S201), g = above the max reading grade, u = unreadable
# change (with --compare): W = worse, N = new, B = better than in the earlier run, "" otherwise

CHUNK_BYTES = 192_000  # uncompressed section HTML per chunk (a chunk decodes in a few ms)
CHUNK_ARTICLES = 64


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element (no "</script", no "<!--")."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def flags(r: ArticleRow, max_grade: float) -> str:
    out = ""
    if r.stale:
        out += "s"
    if r.review_date is None:
        out += "n"
    if r.medication or r.missing_stop_warning:
        out += "m"
    if r.missing_stop_warning:
        out += "w"
    if r.flesch_kincaid is not None and r.flesch_kincaid > max_grade:
        out += "g"
    if not r.readable:
        out += "u"
    return out


def row_data(r: ArticleRow, max_grade: float, change: str = "") -> list[Any]:
    return [
        r.id,
        r.anchor,
        r.path,
        r.title,
        r.author,
        r.reviewer,
        r.review_date,
        r.review_age_months,
        r.words,
        r.flesch_kincaid,
        r.smog,
        r.score,
        r.by_severity["error"],
        r.by_severity["warning"],
        r.by_severity["info"],
        " ".join(r.codes),
        flags(r, max_grade),
        change,
    ]


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return c.compress(data) + c.flush()


def inflate(data: bytes) -> bytes:
    return zlib.decompress(data, -15)


def chunks(sections: Iterable[tuple[str, str]]) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """Group ``(anchor, html)`` sections into chunks; yields (first row position, sections)."""
    part: list[tuple[str, str]] = []
    first = size = 0
    for pos, sec in enumerate(sections):
        if part and (size >= CHUNK_BYTES or len(part) >= CHUNK_ARTICLES):
            yield first, part
            part, first, size = [], pos, 0
        part.append(sec)
        size += len(sec[1])
    if part:
        yield first, part


def chunk_element(k: int, first: int, part: list[tuple[str, str]]) -> str:
    payload = json.dumps([list(s) for s in part], ensure_ascii=False, separators=(",", ":"))
    packed = base64.b64encode(deflate(payload.encode("utf-8"))).decode("ascii")
    return (
        f'<script type="application/octet-stream" id="c-{k}" data-first="{first}" '
        f'data-n="{len(part)}">{packed}</script>\n'
    )


def unpack_chunk(text: str) -> list[tuple[str, str]]:
    """The sections of one chunk element's text (for tests and tools)."""
    return [(a, h) for a, h in json.loads(inflate(base64.b64decode(text)).decode("utf-8"))]
