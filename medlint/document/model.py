"""The article model: blocks of prose with an exact map back to the source file.

Every block keeps its text plus a list of *segments*.  A segment says that
``text[text_start : text_start + text_len]`` came from
``source[src_start : src_start + src_len]``.  When both lengths are equal the
mapping is character for character; otherwise (an HTML entity, a soft line
break turned into a space) the whole text run maps onto the whole source run.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_SPACES = re.compile(r"\s+")
# The one line model, markdown-it's: \r\n, a lone \r and \n are each one line break.
LINE_BREAK = re.compile(r"\r\n?|\n")


def line_start_offsets(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start (:data:`LINE_BREAK` separates lines)."""
    starts = [0]
    if "\r" in text:
        starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        return starts
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def count_lines(text: str) -> int:
    """The number of line breaks in ``text``."""
    return len(LINE_BREAK.findall(text)) if "\r" in text else text.count("\n")


BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "quote", "table_cell", "meta")


@dataclass(frozen=True)
class Segment:
    text_start: int
    src_start: int
    text_len: int
    src_len: int


class TextBuilder:
    """Accumulates block text and its segments."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(self, text: str, src_start: int, src_len: int | None = None) -> None:
        """Append ``text`` that came from ``source[src_start:src_start+src_len]``."""
        if not text:
            return
        n = len(text)
        slen = n if src_len is None else src_len
        segments = self.segments
        length = self.length
        if slen == n and segments:
            # A one-to-one run right after a one-to-one run ending where this one
            # starts: extend it rather than adding a segment.
            last = segments[-1]
            if (
                last.text_len == last.src_len
                and last.text_start + last.text_len == length
                and last.src_start + last.src_len == src_start
            ):
                segments[-1] = Segment(
                    last.text_start, last.src_start, last.text_len + n, n + last.src_len
                )
                self.parts.append(text)
                self.length = length + n
                return
        segments.append(Segment(length, src_start, n, slen))
        self.parts.append(text)
        self.length = length + n

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def endswith_space(self) -> bool:
        return bool(self.parts) and self.parts[-1][-1:].isspace()

    def strip(self) -> tuple[str, list[Segment]]:
        """Return text and segments with leading/trailing whitespace removed."""
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            return text, list(self.segments)
        out: list[Segment] = []
        for seg in self.segments:
            a = max(seg.text_start, left)
            b = min(seg.text_start + seg.text_len, right)
            if a >= b:
                continue
            if seg.text_len == seg.src_len:
                out.append(Segment(a - left, seg.src_start + (a - seg.text_start), b - a, b - a))
            else:
                out.append(Segment(a - left, seg.src_start, b - a, seg.src_len))
        return text[left:right], out


@dataclass
class Block:
    """One unit of prose: a heading, a paragraph, a list item, a quote…"""

    kind: str
    text: str
    segments: list[Segment]
    index: int = 0
    level: int = 0  # heading level, when kind == "heading"
    meta_key: str | None = None  # front matter key, when kind == "meta"
    # Links inside the block: (text start, text end, target URL)
    links: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [s.text_start for s in self.segments]

    def src_offset(self, i: int, end: bool = False) -> int:
        """Source offset of text index ``i``; with ``end`` the offset just past char ``i-1``."""
        if not self.segments:
            return 0
        if end:
            if i <= 0:
                return self.segments[0].src_start
            j = max(bisect.bisect_right(self._starts, i - 1) - 1, 0)
            seg = self.segments[j]
            if seg.text_len == seg.src_len:
                return seg.src_start + min(i - seg.text_start, seg.text_len)
            return seg.src_start + seg.src_len
        j = max(bisect.bisect_right(self._starts, i) - 1, 0)
        seg = self.segments[j]
        if i >= seg.text_start + seg.text_len:
            return seg.src_start + seg.src_len
        if seg.text_len == seg.src_len:
            return seg.src_start + (i - seg.text_start)
        return seg.src_start

    def src_span(self, start: int, end: int) -> tuple[int, int]:
        a = self.src_offset(start)
        b = self.src_offset(end, end=True)
        return a, max(a, b)

    def fix_span(self, source: str, start: int, end: int) -> tuple[int, int] | None:
        """The source span of ``text[start:end]`` when replacing it replaces exactly that
        text, else None.

        The source slice must read as the text: the same characters, except that a run of
        whitespace (a line break the block joined into a space) may stand for a space.  An
        escape, an entity or markup inside the span fails the test, and so does a span
        mapped onto the wrong characters.  For an insertion (``start == end``) the characters
        on either side must match.
        """
        a, b = self.src_span(start, end)
        text = self.text
        if start == end:
            ok = _same(text[max(start - 1, 0) : start], source[max(a - 1, 0) : a] if start else "")
            ok = ok and _same(
                text[start : start + 1], source[a : a + 1] if start < len(text) else ""
            )
        else:
            ok = _same(text[start:end], source[a:b])
        return (a, b) if ok else None

    @property
    def src_start(self) -> int:
        return self.segments[0].src_start if self.segments else 0

    @property
    def is_prose(self) -> bool:
        """Paragraphs, list items and quotes: running text a reader reads as sentences."""
        return self.kind in ("paragraph", "list_item", "quote", "table_cell")


def _same(text: str, src: str) -> bool:
    return text == src or _SPACES.sub(" ", text) == _SPACES.sub(" ", src)


@dataclass
class Directive:
    """An inline suppression comment."""

    action: str  # disable | enable | disable-next-line | disable-line | disable-file
    codes: tuple[str, ...]
    reason: str
    start: int  # source offset of the comment
    end: int
    used: bool = False


@dataclass
class Article:
    path: str
    source: str
    fmt: str  # md | txt | html
    blocks: list[Block] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_error: str | None = None
    front_matter_span: tuple[int, int] | None = None
    directives: list[Directive] = field(default_factory=list)
    had_bom: bool = False
    # Source ranges [start, end) of code, in order: Markdown fenced and indented code blocks
    # and code spans.  A comment written there is an example shown to the reader, not a
    # directive (Vale reads it as code text too).
    code_ranges: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line starts: \r\n, \r and \n all end a line, as in markdown-it, so
        its line numbers, medlint's and the reported ones agree."""
        return line_start_offsets(self.source)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset."""
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return self.line_col(offset)[0]

    def in_code(self, offset: int) -> bool:
        """Whether the source character at ``offset`` is inside a code block or code span."""
        ranges = self.code_ranges
        if not ranges:
            return False
        i = bisect.bisect_right(ranges, (offset, len(self.source) + 1)) - 1
        return i >= 0 and ranges[i][0] <= offset < ranges[i][1]

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        if line < 1 or line > len(starts):
            return ""
        a = starts[line - 1]
        b = starts[line] if line < len(starts) else len(self.source)
        return self.source[a:b].rstrip("\r\n")

    # -- convenient views -------------------------------------------------

    @property
    def title_block(self) -> Block | None:
        for b in self.blocks:
            if b.kind == "title" or (b.kind == "meta" and b.meta_key == "title"):
                return b
        for b in self.blocks:
            if b.kind == "heading":
                return b
        return None

    @property
    def title(self) -> str:
        fm = self.front_matter.get("title")
        if isinstance(fm, str) and fm.strip():
            return fm.strip()
        b = self.title_block
        return b.text if b else Path(self.path).stem

    def body_blocks(self) -> Iterator[Block]:
        """Blocks that are part of the article body (not front matter values)."""
        return (b for b in self.blocks if b.kind != "meta")

    def joined_text(self, lower: bool = False) -> str:
        """Every block's text joined by newlines (or its lower case), computed once.

        Each block's text is a part of it, so a word, phrase or regex match absent from it is
        absent from every block: rules use it to skip whole articles cheaply.
        """
        return self._joined_lower if lower else self._joined

    @cached_property
    def _joined(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def _joined_lower(self) -> str:
        return self._joined.lower()

    def prose_blocks(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.is_prose)

    @property
    def anchor(self) -> tuple[int, int]:
        """Where article-level findings point: the title (a title line or the front matter
        title), else the article's first block, else its first line.  Not a heading further
        down: a headline of two sentences ("Should you take X? Here's what we found.") is
        not taken for a title, and the first heading may sit in the middle of the article."""
        b = next(
            (
                b
                for b in self.blocks
                if b.kind == "title" or (b.kind == "meta" and b.meta_key == "title")
            ),
            None,
        )
        if b is None:
            b = next(self.body_blocks(), None)
        if b is not None and b.segments:
            return b.src_span(0, len(b.text))
        m = LINE_BREAK.search(self.source)
        return 0, (len(self.source) if m is None else m.start())

    # -- NLP --------------------------------------------------------------

    @cached_property
    def docs(self) -> list[Doc]:
        """One spaCy Doc per block, built in a single pass and shared by every rule."""
        from medlint import nlp

        return nlp.docs_for(self)

    def doc(self, block: Block) -> Doc:
        return self.docs[block.index]

    def sentences(self) -> Iterator[tuple[Block, Span]]:
        for block in self.blocks:
            for sent in self.doc(block).sents:
                yield block, sent
