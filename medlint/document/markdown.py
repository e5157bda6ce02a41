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
_NOT_NEWLINE = re.compile(r"[^\n]")  # front matter characters blanked out


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


def align(tb: TextBuilder, text: str, src: str, cursor: int, limit: int) -> int:
    """Append ``text`` to ``tb``, mapping it onto ``src`` from ``cursor``; return the new cursor.

    The fast path finds the text verbatim.  Otherwise (escapes, entities) each
    character is matched to the next equal source character within a short window;
    a character with no match (a decoded entity) maps onto the skipped source run.
    """
    if not text:
        return cursor
    i = src.find(text, cursor, limit)
    if i != -1 and i - cursor <= 64:
        tb.add(text, i)
        return i + len(text)
    for ch in text:
        j = src.find(ch, cursor, min(limit, cursor + 16))
        if j != -1:
            tb.add(ch, j)
            cursor = j + 1
        else:
            # an entity such as &amp; -> map onto it, up to its ';'
            semi = src.find(";", cursor, min(limit, cursor + 12))
            width = (semi + 1 - cursor) if src.startswith("&", cursor) and semi != -1 else 1
            tb.add(ch, cursor, max(width, 1))
            cursor += max(width, 1) if cursor < limit else 0
    return cursor


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
        cursor = _inline(tb, tok.children or [], src, cursor, limit, links)
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


def _inline(
    tb: TextBuilder,
    children: list[Token],
    src: str,
    cursor: int,
    limit: int,
    links: list[tuple[int, int, str]],
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
            nl = src.find("\n", cursor, limit)
            if nl == -1:
                tb.add(" ", max(cursor - 1, 0), 1)
            else:
                tb.add(" ", nl, 1)
                cursor = nl + 1
        elif child.type in _SKIP_CHILDREN:
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
                tb.add(" ", max(cursor - 1, 0), 1)
        elif child.type == "link_open":
            link_start = tb.length
            href = str(child.attrGet("href") or "")
            autolink = child.markup in ("autolink", "linkify")
        elif child.type == "link_close":
            if link_start is not None:
                links.append((link_start, tb.length, href))
            if autolink:
                if not tb.endswith_space():
                    tb.add(" ", max(cursor - 1, 0), 1)
                autolink = False
            link_start = None
    return cursor
