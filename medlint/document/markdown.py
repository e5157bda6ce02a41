"""Markdown articles, parsed with markdown-it-py and mapped back to source characters."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from medlint.document.model import Article, Block, TextBuilder

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SKIP_CHILDREN = {"code_inline", "html_inline", "image"}
_CODE_BLOCKS = ("fence", "code_block")  # token types of fenced and indented code blocks
_NOT_NEWLINE = re.compile(r"[^\r\n]")  # front matter characters blanked out


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


# markdown-it tries every enabled rule at every line (block rules) or at every
# punctuation character (inline rules).  Each rule below first checks that the
# source has a given literal at that position and returns False, without touching
# the parser state, when it has not (markdown-it-py ``rules_block``/``rules_inline``):
# so a rule whose literals occur nowhere in the source can never match, neither as
# a rule nor as a terminator of another block, and disabling it for that source
# gives the very same tokens.  (Inline content is a slice of the source, minus
# container prefixes, plus spaces for tab stops: it holds no literal the source
# lacks.)  The literals are checked on the string markdown-it is given.
_RULE_LITERALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # block rules
    ("table", ("|",)),  # the header row must contain a pipe
    ("fence", ("```", "~~~")),  # three or more backticks or tildes
    ("blockquote", (">",)),
    ("reference", ("]:",)),  # [label]: the colon follows the bracket
    ("html_block", ("<",)),
    ("heading", ("#",)),
    # inline rules (emphasis also names its balance/post-process rule in ruler2,
    # which has nothing to do when the tokenizer pushed no delimiter)
    ("escape", ("\\",)),
    ("backticks", ("`",)),
    ("emphasis", ("*", "_")),
    ("link", ("[",)),
    ("image", ("!",)),
    ("autolink", ("<",)),
    ("html_inline", ("<",)),
    ("entity", ("&",)),
)
# hr: a line of only markers (3+) and spaces/tabs; lheading: an underline of only
# '=' or '-' and spaces/tabs.  Either way the line's last non-blank character is a
# marker, right before a line break (\r alone or \r\n become \n in markdown-it's
# normalize step) or the end of the text.  A failing lheading does leave
# ``state.parentType`` at "paragraph"; its only reader, the list rule in validation
# mode, is only ever called by a rule that has just set parentType itself.
_HR_LINE = re.compile(r"[-*_][ \t]*(?:\r|\n|\Z)")
_SETEXT_LINE = re.compile(r"[-=][ \t]*(?:\r|\n|\Z)")


@lru_cache(maxsize=128)  # one parser per set of dropped rules: a handful in practice
def _parser_without(disabled: tuple[str, ...]) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    return md.disable(list(disabled)) if disabled else md


def _parser_for(text: str) -> MarkdownIt:
    """The "commonmark" + table parser without the rules that cannot match ``text``."""
    off = [name for name, lits in _RULE_LITERALS if not any(lit in text for lit in lits)]
    if _HR_LINE.search(text) is None:
        off.append("hr")
    if _SETEXT_LINE.search(text) is None:
        off.append("lheading")
    return _parser_without(tuple(off))


# What markdown-it's inline rules turn into other characters: backslash escapes of ASCII
# punctuation and HTML entities (markdown-it-py ``rules_inline/escape.py``, ``entity.py``).
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_DIGITAL_ENTITY = re.compile(r"&#((?:x[a-f0-9]{1,6}|[0-9]{1,7}));", re.IGNORECASE)
_NAMED_ENTITY = re.compile(r"&([a-z][a-z0-9]{1,31});", re.IGNORECASE)
_EOL = re.compile(r"\r\n?|\n")  # markdown-it's line breaks (its normalize step)
_LINK_SPACE = " \t\r\n"


def _special_at(src: str, i: int, limit: int) -> tuple[str, int] | None:
    """The text markdown-it makes of an escape or entity at ``src[i]`` and its source length,
    or None when ``src[i]`` stands for itself."""
    ch = src[i]
    if ch == "\\":
        if i + 1 < limit and src[i + 1] in _ESCAPABLE:
            return src[i + 1], 2
        return None
    if ch != "&":
        return None
    from markdown_it.common.entities import entities
    from markdown_it.common.utils import fromCodePoint, isValidEntityCode

    m = _DIGITAL_ENTITY.match(src, i, limit)
    if m is not None:
        num = m.group(1)
        code = int(num[1:], 16) if num[0] in "xX" else int(num, 10)
        return fromCodePoint(code if isValidEntityCode(code) else 0xFFFD), m.end() - i
    m = _NAMED_ENTITY.match(src, i, limit)
    if m is not None and m.group(1) in entities:
        return entities[m.group(1)], m.end() - i
    return None


def _decode(src: str, start: int, limit: int) -> tuple[str, list[tuple[int, int, int, int]]]:
    """``src[start:limit]`` as markdown-it reads its text: escapes and entities decoded.

    Returns the decoded text and its units ``(text start, source start, text length,
    source length)``: runs of literal characters (equal lengths) and single escapes or
    entities.
    """
    parts: list[str] = []
    units: list[tuple[int, int, int, int]] = []
    n = 0
    i = run = start
    while i < limit:
        j = min(
            (k for k in (src.find("\\", i, limit), src.find("&", i, limit)) if k != -1),
            default=limit,
        )
        if j >= limit:
            break
        got = _special_at(src, j, limit)
        if got is None:
            i = j + 1
            continue
        if j > run:
            parts.append(src[run:j])
            units.append((n, run, j - run, j - run))
            n += j - run
        text, width = got
        parts.append(text)
        units.append((n, j, len(text), width))
        n += len(text)
        i = run = j + width
    if limit > run:
        parts.append(src[run:limit])
        units.append((n, run, limit - run, limit - run))
    return "".join(parts), units


def _add_decoded(
    tb: TextBuilder, text: str, at: int, units: list[tuple[int, int, int, int]]
) -> int:
    """Append ``text``, found at ``at`` in a :func:`_decode` result, mapped through its units;
    return the source offset just past it."""
    end = at + len(text)
    src_end = 0
    for t0, s0, tlen, slen in units:
        a, b = max(at, t0), min(end, t0 + tlen)
        if a >= b:
            if t0 >= end:
                break
            continue
        if tlen == slen:  # literal characters, one to one
            tb.add(text[a - at : b - at], s0 + (a - t0))
            src_end = s0 + (b - t0)
        else:  # an escape or entity: its text maps onto all of it
            tb.add(text[a - at : b - at], s0, slen)
            src_end = s0 + slen
    return src_end


def align(
    tb: TextBuilder, text: str, src: str, cursor: int, limit: int, markdown: bool = True
) -> int:
    """Append ``text`` to ``tb``, mapping it onto ``src`` from ``cursor``; return the new cursor.

    ``text`` is found at its first occurrence after ``cursor`` in the source as markdown-it
    reads it (escapes and entities decoded), so a decoded ``&#39;`` maps onto the entity,
    never onto a later literal ``'``.  The characters skipped before it are markup
    (emphasis delimiters, link brackets).  With ``markdown=False`` (front matter values)
    the source is taken literally.
    """
    if not text:
        return cursor
    i = src.find(text, cursor, limit)
    if i != -1 and (not markdown or not _has_special(src, cursor, i + len(text))):
        # verbatim, with no escape or entity before it: exactly what decoding would find
        tb.add(text, i)
        return i + len(text)
    if markdown:
        window = cursor + 8 * len(text) + 256
        while True:
            end = min(limit, window)
            decoded, units = _decode(src, cursor, end)
            k = decoded.find(text)
            if k != -1:
                return _add_decoded(tb, text, k, units)
            if end >= limit:
                break
            window = cursor + 2 * (window - cursor)
    if i != -1:
        tb.add(text, i)
        return i + len(text)
    # Not in the source as markdown-it reads it (tabs expanded, YAML escapes…): match
    # character by character; the fixer drops any fix on text that does not round-trip.
    for ch in text:
        j = src.find(ch, cursor, min(limit, cursor + 16))
        if j != -1:
            tb.add(ch, j)
            cursor = j + 1
        else:
            tb.add(ch, min(cursor, max(limit - 1, 0)), 1)
            cursor += 1 if cursor < limit else 0
    return cursor


def _has_special(src: str, a: int, b: int) -> bool:
    return src.find("\\", a, b) != -1 or src.find("&", a, b) != -1


def _skip_link_tail(src: str, cursor: int, limit: int) -> int:
    """After a link's text: the offset past its ``](destination "title")`` or ``][label]``
    or ``]``; ``cursor`` unchanged when the source does not read as one."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    close = src.find("]", cursor, limit)
    if close == -1 or src[cursor:close].strip("*_~ \t"):
        return cursor
    pos = close + 1
    if pos < limit and src[pos] == "(":
        pos += 1
        while pos < limit and src[pos] in _LINK_SPACE:
            pos += 1
        dest = parseLinkDestination(src, pos, limit)
        if dest.ok:
            pos = dest.pos
            start = pos
            while pos < limit and src[pos] in _LINK_SPACE:
                pos += 1
            title = parseLinkTitle(src, pos, limit)
            if pos < limit and start != pos and title.ok:
                pos = title.pos
                while pos < limit and src[pos] in _LINK_SPACE:
                    pos += 1
        if pos < limit and src[pos] == ")":
            return pos + 1
        pos = close + 1
    if pos < limit and src[pos] == "[":
        end = src.find("]", pos, limit)
        if end != -1:
            return end + 1
    return close + 1


def _add_code_block(
    code: list[tuple[int, int]], lines: list[int] | None, line_starts: list[int], end: int
) -> None:
    """Add the source range of a code block's ``lines`` (its token's map: fences included)."""
    if lines:
        a, b = lines
        n = len(line_starts)
        code.append((line_starts[a] if a < n else end, line_starts[b] if b < n else end))


def _add_code_span(
    code: list[tuple[int, int]], src: str, markup: str, cursor: int, limit: int
) -> None:
    """Add the source range of the code span opened by the first run of exactly ``markup``'s
    backticks at or after ``cursor`` (and past the last code range: the inline cursor stays
    put when markdown-it changed a span's content, a line break in it made a space), to the
    next run of as many backticks (CommonMark's rule)."""
    if not markup:
        return
    run = _backtick_run(len(markup))
    opener = run.search(src, max(cursor, code[-1][1]) if code else cursor, limit)
    if opener is None:
        return
    closer = run.search(src, opener.end(), limit)
    if closer is not None:
        code.append((opener.start(), closer.end()))


@lru_cache(maxsize=32)
def _backtick_run(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{n}}}(?!`)")


def _block_kind(stack: list[str]) -> tuple[str, int]:
    for t in reversed(stack):
        if t.startswith("heading_open:"):
            return "heading", int(t.split(":")[1][1:])
        if t in ("th_open", "td_open"):
            return "table_cell", 0
    if "list_item_open" in stack:
        return "list_item", 0
    if "blockquote_open" in stack:
        return "quote", 0
    return "paragraph", 0


def parse_markdown(article: Article, body_start: int = 0) -> None:
    src = article.source
    # Blank out the front matter so markdown-it line numbers equal file line numbers.
    masked = _NOT_NEWLINE.sub(" ", src[:body_start]) + src[body_start:] if body_start else src
    tokens = _parser_for(masked).parse(masked)
    line_starts = article.line_starts
    n_lines = len(line_starts)
    cursor = 0
    stack: list[str] = []
    last_map: list[int] | None = None
    for tok in tokens:
        nesting = tok.nesting
        if nesting == 1:
            ttype = tok.type
            stack.append(f"{ttype}:{tok.tag}" if ttype == "heading_open" else ttype)
            if tok.map:
                last_map = tok.map
            continue
        if nesting == -1:
            if stack:
                stack.pop()
            continue
        if tok.type in _CODE_BLOCKS:
            _add_code_block(article.code_ranges, tok.map, line_starts, len(src))
            continue
        if tok.type != "inline":
            continue
        m = tok.map or last_map
        if not m:
            continue
        start = line_starts[m[0]] if m[0] < n_lines else len(src)
        limit = line_starts[m[1]] if m[1] < n_lines else len(src)
        cursor = max(cursor, start)
        tb = TextBuilder()
        links: list[tuple[int, int, str]] = []
        cursor = _inline(tb, tok.children or [], src, cursor, limit, links, article.code_ranges)
        text, segs = tb.strip()
        if not text:
            continue
        if links:
            raw = tb.text
            shift = len(raw) - len(raw.lstrip())
            links = [(max(a - shift, 0), max(b - shift, 0), url) for a, b, url in links]
        kind, level = _block_kind(stack)
        article.blocks.append(
            Block(
                kind=kind,
                text=text,
                segments=segs,
                index=len(article.blocks),
                level=level,
                links=links,
            )
        )
    article.code_ranges.sort()  # in order already; sorted so Article.in_code can rely on it


def _inline(
    tb: TextBuilder,
    children: list[Token],
    src: str,
    cursor: int,
    limit: int,
    links: list[tuple[int, int, str]],
    code: list[tuple[int, int]],
) -> int:
    link_start: int | None = None
    href = ""
    autolink = False
    for child in children:
        if child.type == "text":
            if autolink:
                j = src.find(child.content, cursor, limit)
                if j != -1:
                    cursor = j + len(child.content)
                continue
            cursor = align(tb, child.content, src, cursor, limit)
        elif child.type in ("softbreak", "hardbreak"):
            eol = _EOL.search(src, cursor, limit)
            if eol is None:
                tb.add(" ", cursor, 0)  # a placeholder: no source character
            else:  # the space stands for the whole line break (\n, \r\n or \r)
                tb.add(" ", eol.start(), eol.end() - eol.start())
                cursor = eol.end()
        elif child.type in _SKIP_CHILDREN:
            if child.type == "code_inline":
                _add_code_span(code, src, child.markup, cursor, limit)
            # Not linted: keep a space so neighbouring words do not fuse.
            needle = child.content if child.type != "image" else "]("
            j = src.find(needle, cursor, limit) if needle else -1
            if j != -1:
                end = j + len(needle)
                if child.type == "image":
                    close = src.find(")", end, limit)
                    end = close + 1 if close != -1 else end
                elif child.type == "code_inline":
                    while end < limit and src[end] == "`":
                        end += 1
                cursor = end
            if not tb.endswith_space():
                tb.add(" ", cursor, 0)  # a placeholder: no source character
        elif child.type == "link_open":
            link_start = tb.length
            href = str(child.attrGet("href") or "")
            autolink = child.markup in ("autolink", "linkify")
        elif child.type == "link_close":
            if link_start is not None:
                links.append((link_start, tb.length, href))
            if not autolink:
                cursor = _skip_link_tail(src, cursor, limit)
            if autolink:
                if not tb.endswith_space():
                    tb.add(" ", cursor, 0)  # a placeholder: no source character
                autolink = False
            link_start = None
    return cursor
