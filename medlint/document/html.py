"""HTML articles (CMS exports): visible text only, mapped back into the HTML source."""

from __future__ import annotations

import html
import re
from html import parser as html_parser
from html.parser import HTMLParser

from medlint.document.model import Article, Block, TextBuilder

_SKIP = {
    "script", "style", "noscript", "template", "pre", "code", "kbd", "samp", "svg",
    "math", "iframe", "object", "head", "select", "textarea", "button",
}  # fmt: skip
_VOID = {
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed",
    "param", "source", "track", "wbr",
}  # fmt: skip
_BLOCK = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "dt", "dd",
    "div", "section", "article", "header", "footer", "nav", "aside", "figcaption",
    "caption", "title", "tr", "ul", "ol", "dl", "table", "main", "body", "html", "form",
    "figure", "address", "details", "summary", "hr", "br",
}  # fmt: skip
# what HTMLParser.parse_comment searches for (``--\s*>``; newer Pythons also ``--!>``)
_COMMENT_CLOSE: re.Pattern[str] = getattr(html_parser, "commentclose", re.compile(r"--\s*>"))
# what _markupbase.parse_marked_section searches for: "]]>" for <![CDATA[ and the like,
# "]>" for <![if …]; every match of either contains a match of this one
_MARKED_CLOSE = re.compile(r"]\s*>")
_MARKED_NAMES = {"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"}
_DECL_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")  # _markupbase._declname_match
# Start tags with no ">" after them: HTMLParser's tolerant start-tag pattern reads each to
# the end of the file (then it is text), the square of their number.  At most this many
# characters read (plus ``_TAIL_READ_PER_CHAR`` per character of the file) before the rest
# of the file is given up as too malformed (E903).
_TAIL_READ = 20_000_000
_TAIL_READ_PER_CHAR = 8
_CHUNK = re.compile(r"\S+(?:\s\S+)*")  # words joined by single whitespace characters
_ONE_WS = re.compile(r"\s")


class TooMalformed(Exception):
    """The rest of the HTML (from ``offset``) would take the square of its size to read."""

    def __init__(self, offset: int, tags: int) -> None:
        super().__init__(offset, tags)
        self.offset = offset
        self.tags = tags


def _tag_kind(tag: str) -> tuple[str, int] | None:
    """The block kind an open ``tag`` gives the text inside it, or None (its parent's)."""
    if tag == "title":
        return "title", 0
    if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        return "heading", int(tag[1])
    if tag in ("td", "th"):
        return "table_cell", 0
    if tag in ("li", "dt", "dd"):
        return "list_item", 0
    if tag == "blockquote":
        return "quote", 0
    return None


class _Walker(HTMLParser):
    def __init__(self, article: Article) -> None:
        super().__init__(convert_charrefs=False)
        self.article = article
        # HTMLParser.getpos() counts only \n as a line break (not medlint's line model)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", article.source))]
        self.stack: list[str] = []
        # Beside the stack, kept in step with it, so that no step rescans the stack (a
        # 40,000-deep nest of unclosed tags made every text and close tag cost O(depth)):
        # ``kinds[i]`` is the block kind given by ``stack[: i + 1]`` and ``counts`` how
        # many times each tag is open.
        self.kinds: list[tuple[str, int]] = []
        self.counts: dict[str, int] = {}
        self.skip_depth = 0
        # Unclosed markup: where (in the current ``rawdata``) the last closer is, so an
        # unclosed ``<!--`` or ``<?`` fails at once instead of searching to the end of the
        # file again for every one of them (HTMLParser.close() retries each).
        self._closers: tuple[str, int, int, int] | None = None
        # Characters the start tags with no ">" after them made the parser read, and how
        # many there were (see _TAIL_READ).
        self._tail_read = 0
        self._tail_tags = 0
        self._tail_budget = _TAIL_READ + _TAIL_READ_PER_CHAR * len(article.source)
        self.tb = TextBuilder()
        self.kind = "paragraph"
        self.level = 0
        self.links: list[tuple[int, int, str]] = []
        self.link_start: int | None = None
        self.href = ""

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line - 1, len(self.line_starts) - 1)] + col

    def _kind(self) -> tuple[str, int]:
        return self.kinds[-1] if self.kinds else ("paragraph", 0)

    def _push(self, tag: str) -> None:
        kind = _tag_kind(tag)
        self.stack.append(tag)
        self.kinds.append(kind if kind is not None else self._kind())
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def _pop_to(self, idx: int) -> list[str]:
        """Remove ``stack[idx:]`` and return it."""
        removed = self.stack[idx:]
        del self.stack[idx:]
        del self.kinds[idx:]
        for t in removed:
            self.counts[t] -= 1
        return removed

    def _last_closers(self) -> tuple[int, int, int]:
        """(start of the last ``--``+spaces+``>``, last ``>``, start of the last ``]``+
        spaces+``>``) in the current rawdata."""
        raw: str = self.rawdata
        got = self._closers
        if got is None or got[0] is not raw:
            gt = raw.rfind(">")
            dash = bracket = -1
            for m in _COMMENT_CLOSE.finditer(raw):
                dash = m.start()
            for m in _MARKED_CLOSE.finditer(raw):
                bracket = m.start()
            got = self._closers = (raw, dash, gt, bracket)
        return got[1], got[2], got[3]

    def parse_starttag(self, i: int) -> int:
        if self._last_closers()[1] < i:  # no ">" after it: read to the end, then text
            self._tail_read += len(self.rawdata) - i
            self._tail_tags += 1
            if self._tail_read > self._tail_budget:
                raise TooMalformed(self._offset(), self._tail_tags)
        return super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        if self._last_closers()[1] < i:
            return -1  # no ">" after it: incomplete, as its search would find
        return super().parse_endtag(i)

    def parse_comment(self, i: int, report: bool = True) -> int:
        raw: str = self.rawdata
        if not raw.startswith(("<!-->", "<!--->"), i) and self._last_closers()[0] < i + 4:
            return -1  # no comment close after it: incomplete, as the search would find
        return super().parse_comment(i, report)

    def parse_pi(self, i: int) -> int:
        if self._last_closers()[1] < i:
            return -1  # no ">" after it: incomplete
        return super().parse_pi(i)

    def parse_html_declaration(self, i: int) -> int:
        raw: str = self.rawdata
        if raw.startswith("<![", i) and self._last_closers()[2] < i + 3:
            # an unclosed <![CDATA[: parse_marked_section would search to the end for
            # its "]]>" (or "]>"), then fail; an unknown or missing name is left to it
            m = _DECL_NAME.match(raw, i + 3)
            if m and m.end() < len(raw) and m.group().strip().lower() in _MARKED_NAMES:
                return -1
        if raw.startswith("<![", i):
            m = _DECL_NAME.match(raw, i + 3)
            if not (m and m.group().strip().lower() in _MARKED_NAMES):
                # "<![" with no section name HTMLParser knows: HTML5 reads it as a bogus
                # comment up to the next ">" (parse_marked_section would raise instead)
                if self._last_closers()[1] < i:
                    return -1
                return self.parse_bogus_comment(i)
        if not raw.startswith(("<!--", "<!["), i) and self._last_closers()[1] < i:
            return -1  # a doctype or bogus comment with no ">" after it: incomplete
        return super().parse_html_declaration(i)

    def flush(self) -> None:
        if not self.tb.length:
            # Nothing collected (most flushes: a block tag right after another): no
            # block, and the builder is already empty -- only the links are reset.
            self.links = []
            self.link_start = None
            return
        raw = self.tb.text
        text, segs = self.tb.strip()
        if text:
            shift = len(raw) - len(raw.lstrip())
            links = [(max(a - shift, 0), max(b - shift, 0), u) for a, b, u in self.links]
            self.article.blocks.append(
                Block(
                    kind=self.kind,
                    text=text,
                    segments=segs,
                    index=len(self.article.blocks),
                    level=self.level,
                    links=links,
                )
            )
        self.tb = TextBuilder()
        self.links = []
        self.link_start = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag != "head":
            if tag not in _VOID:
                self.skip_depth += 1
                self._push(tag)
            return
        if tag in _BLOCK:
            self.flush()
        if tag == "a" and not self.skip_depth:
            self.link_start = self.tb.length
            self.href = next((v or "" for k, v in attrs if k == "href"), "")
        if tag not in _VOID:
            self._push(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        stack = self.stack
        if stack and stack[-1] == tag:
            # The usual case, a well-nested close: the general path below with idx = -1.
            self._pop_to(len(stack) - 1)
            if tag in _SKIP and tag != "head":
                self.skip_depth = max(self.skip_depth - 1, 0)
            else:
                self.skip_depth = max(self.skip_depth, 0)
        else:
            if not self.counts.get(tag):
                return
            idx = len(stack) - 1
            while stack[idx] != tag:  # walks over exactly the tags removed below
                idx -= 1
            removed = self._pop_to(idx)
            self.skip_depth -= sum(1 for t in removed if t in _SKIP and t != "head")
            self.skip_depth = max(self.skip_depth, 0)
        if tag == "a" and self.link_start is not None:
            self.links.append((self.link_start, self.tb.length, self.href))
            self.link_start = None
        if tag in _BLOCK:
            self.flush()

    def _add(self, text: str, offset: int, src_len: int | None = None) -> None:
        if self.skip_depth:
            return
        if not self.tb.length:
            self.kind, self.level = self._kind()
        self.tb.add(text, offset, src_len)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not self.tb.length and data.isspace():
            # Whitespace between tags before any text: ``_space`` adds nothing to an
            # empty block, so there is nothing to do (not even the source offset).
            return
        base = self._offset()
        # Runs of words joined by single whitespace characters map one to one onto the
        # source, so each run is added at once; longer whitespace becomes one space.
        pos = 0
        for m in _CHUNK.finditer(data):
            if m.start() > pos:
                self._space(base + pos, m.start() - pos)
            chunk = m.group()
            self._add(chunk if chunk.isprintable() else _ONE_WS.sub(" ", chunk), base + m.start())
            pos = m.end()
        if pos < len(data):
            self._space(base + pos, len(data) - pos)

    def _space(self, offset: int, src_len: int) -> None:
        if self.tb.length and not self.tb.endswith_space():
            self._add(" ", offset, src_len)

    def handle_entityref(self, name: str) -> None:
        self._reference(len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(len(name) + 2)

    def _reference(self, width: int) -> None:
        """``&name`` or ``&#nn`` of ``width`` characters at the current offset, with its ``;``
        when the source has one (HTMLParser also reports ``&name`` without it)."""
        off = self._offset()
        src = self.article.source
        if src.startswith(";", off + width):
            width += 1
        raw = src[off : off + width]
        self._add(html.unescape(raw), off, width)


def parse_html(article: Article, body_start: int = 0) -> TooMalformed | None:
    """Read the blocks of an HTML article.  When the rest of the file is too malformed to
    read in reasonable time (thousands of start tags with no ``>`` after them), the blocks
    before it are kept and the :class:`TooMalformed` is returned (E903)."""
    walker = _Walker(article)
    try:
        walker.feed(article.source)
        walker.close()
    except TooMalformed as exc:
        walker.flush()
        return exc
    walker.flush()
    return None
