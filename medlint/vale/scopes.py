"""Vale's scopes on medlint's document model.

Vale walks a document's HTML and lints each block once with a scope: headings as
``text.heading.hN``, list items as ``text.list``, block quotes as ``text.blockquote``, table
cells as ``text.table.cell``; a plain paragraph is linted three ways, as ``paragraph``, as
each ``sentence`` and as ``text``.  ``raw`` is the whole source and ``summary`` the prose of
the document (paragraphs, list items, quotes) for ``occurrence`` and ``metric`` rules.
Here the blocks are medlint's (:class:`~medlint.document.model.Block`), so every unit keeps
an exact map back to the source; a line break inside a paragraph is a line break in the
unit's text, as in Vale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from medlint.document.model import Article, Block
from medlint.vale.model import Unit

# A sentence ends at . ! ? (and closing quotes or brackets) before white space and a
# capital letter, a digit or an opening quote: what Vale's segmenter does for plain prose.
_SENT_END = re.compile(r"[.!?…]+[\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9])")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "fig",
        "no",
        "approx",
        "inc",
        "ltd",
        "co",
        "u.s",
        "a.m",
        "p.m",
    ]
)
# HTML tag names of SkippedScopes → medlint block kinds (and heading levels)
TAG_KINDS = {
    "p": ("paragraph", 0),
    "li": ("list_item", 0),
    "ul": ("list_item", 0),
    "ol": ("list_item", 0),
    "blockquote": ("quote", 0),
    "table": ("table_cell", 0),
    "td": ("table_cell", 0),
    "th": ("table_cell", 0),
    "tr": ("table_cell", 0),
    **{f"h{n}": ("heading", n) for n in range(1, 7)},
}


_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,:;!?'\"]")


def block_text(article: Article, block: Block) -> tuple[str, list[int]]:
    """A block's text as Vale reads it and the source offset of every character.

    As in Vale: soft line breaks stay line breaks, an inline code span reads as a space and
    one ``*`` per character of its content (so words on either side do not meet), and a
    bare URL reads as ``*`` (Vale masks a link whose text is its address)."""
    text = block.text
    chars = list(text)
    offsets = block_offsets(block)
    src = article.source
    for seg in block.segments:
        if seg.text_len == 1 and text[seg.text_start] == " " and seg.src_len >= 1:
            piece = src[seg.src_start : seg.src_start + seg.src_len]
            if piece in ("\n", "\r\n", "\r"):
                chars[seg.text_start] = "\n"
    for m in _BARE_URL.finditer(text):
        if article.fmt == "md" and src[offsets[m.start()] : offsets[m.end() - 1] + 1] == m.group(0):
            chars[m.start() : m.end()] = "*" * (m.end() - m.start())
    if article.fmt != "md" or "`" not in src:
        return "".join(chars), offsets
    return _mask_code(src, block.kind == "table_cell", chars, offsets)


def block_offsets(block: Block) -> list[int]:
    """``[block.src_offset(i) for i in range(len(block.text))]``, a segment at a time
    (``tests/test_vale_speed.py`` compares both on every block of the fixtures)."""
    n = len(block.text)
    segs = block.segments
    if not segs or any(b.text_start < a.text_start for a, b in pairwise(segs)):
        return [block.src_offset(i) for i in range(n)]
    out: list[int] = []
    last = len(segs) - 1
    for j, seg in enumerate(segs):
        lo = 0 if j == 0 else min(seg.text_start, n)
        hi = n if j == last else min(segs[j + 1].text_start, n)
        if hi <= lo:
            continue
        end = seg.text_start + seg.text_len
        inside = max(lo, min(hi, end))
        if seg.text_len == seg.src_len:
            shift = seg.src_start - seg.text_start
            out.extend(range(lo + shift, inside + shift))
        else:
            out.extend([seg.src_start] * (inside - lo))
        out.extend([seg.src_start + seg.src_len] * (hi - inside))
    return out


def _mask_code(src: str, cell: bool, chars: list[str], offsets: list[int]) -> tuple[str, list[int]]:
    """Put each code span left out of ``chars`` back as a space and stars."""
    out_chars: list[str] = []
    out_offsets: list[int] = []

    def mask(a: int, b: int) -> None:
        for code in _CODE_SPAN.finditer(src, a, b):
            masked = " " + "*" * len(code.group(2))
            out_chars.extend(masked)
            out_offsets.extend([code.start()] * len(masked))

    if offsets:  # a code span before the first word (on its line, in its cell)
        a = src.rfind("\n", 0, offsets[0]) + 1
        mask(src.rfind("|", a, offsets[0]) + 1 if cell else a, offsets[0])
    for i, c in enumerate(chars):
        if i and offsets[i] - offsets[i - 1] > 1:
            mask(offsets[i - 1] + 1, offsets[i])
        out_chars.append(c)
        out_offsets.append(offsets[i])
    if offsets:  # and after the last one
        eol = src.find("\n", offsets[-1])
        eol = len(src) if eol == -1 else eol
        bar = src.find("|", offsets[-1] + 1, eol) if cell else -1
        mask(offsets[-1] + 1, eol if bar == -1 else bar)
    if out_chars[:1] == [" "] and chars[:1] != [" "]:
        del out_chars[0], out_offsets[0]  # Vale trims the block's leading space
    return "".join(out_chars), out_offsets


_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_IMAGE_ALT = re.compile(r"!\[([^\]\n]+)\]\(")


def is_header_cell(article: Article, block: Block) -> bool:
    """A Markdown table cell on the row above the delimiter row (``|---|---|``)."""
    if article.fmt != "md" or block.kind != "table_cell" or not block.segments:
        return False
    line = article.line_col(block.src_start)[0]
    return _DELIMITER_ROW.match(article.line_text(line + 1)) is not None


_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.M | re.S)


def alt_units(article: Article, ext: str) -> list[Unit]:
    """Image alt texts of a Markdown article, outside fenced code (Vale lints them as
    ``text.attr.alt``)."""
    src = article.source
    if article.fmt != "md" or "![" not in src:
        return []
    fences = []
    if "```" in src or "~~~" in src:
        fences = [(m.start(), m.end()) for m in _FENCE.finditer(src)]
    out = []
    for m in _IMAGE_ALT.finditer(src):
        start, alt = m.start(1), m.group(1)
        if any(a <= start < b for a, b in fences):
            continue
        scope = f"text.attr.alt{ext}"
        out.append(Unit(scope, scope, alt, list(range(start, start + len(alt) + 1))))
    return out


def _is_display_math(article: Article, block: Block) -> bool:
    """A ``$$ … $$`` paragraph (Vale 3.15 leaves display math out, #878)."""
    if article.fmt != "md" or block.kind != "paragraph" or not block.segments:
        return False
    line = article.line_col(block.src_start)[0]
    return article.line_text(line - 1).strip() == "$$" or block.text.lstrip().startswith("$$")


def front_matter_units(article: Article, ext: str) -> list[Unit]:
    """Each string value of the front matter as ``text.frontmatter.KEY`` (Vale 3.15 lints
    them), mapped back to the source line by line."""
    span = article.front_matter_span
    if not span or not isinstance(article.front_matter, dict):
        return []
    src = article.source
    out = []
    for key, value in article.front_matter.items():
        if not isinstance(value, str) or not value.strip():
            continue
        start = src.find(f"{key}:", span[0], span[1])
        if start == -1:
            continue
        pos = start + len(key) + 1
        text = value.rstrip("\n")
        offsets: list[int] = []
        for line in text.split("\n"):
            at = src.find(line, pos, span[1]) if line else pos
            if at == -1:
                offsets = []
                break
            offsets.extend(range(at, at + len(line)))
            pos = at + len(line)
            offsets.append(pos)  # the line break (or the end)
        if len(offsets) != len(text) + 1:
            continue
        scope = f"text.frontmatter.{key}{ext}"
        out.append(Unit(scope, scope, text, offsets))
    return out


def block_scope(block: Block, ext: str) -> str | None:
    """The Vale scope of a non-paragraph block (None for a paragraph: linted as prose)."""
    if block.kind == "heading":
        return f"text.heading.h{max(1, min(block.level or 1, 6))}{ext}"
    if block.kind == "list_item":
        return f"text.list{ext}"
    if block.kind == "quote":
        return f"text.blockquote{ext}"
    if block.kind == "table_cell":
        return f"text.table.cell{ext}"
    return None  # a paragraph, or a title line (a plain text file's first line is prose)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, trimmed of white space."""
    start = 0
    for m in _SENT_END.finditer(text):
        word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
        if word.lower().rstrip(".") in _ABBREV or (len(word) == 1 and word.isupper()):
            continue
        yield from _trimmed(text, start, m.end())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield a, b


def units(
    article: Article, ext: str, skipped: set[tuple[str, int]] | None = None
) -> tuple[list[Unit], str]:
    """Every unit Vale would lint in ``article`` (document order) and its summary text."""
    out: list[Unit] = front_matter_units(article, ext)
    summary: list[str] = []
    for block in article.blocks:
        out.extend(_block_units(article, block, ext, skipped, summary))
    for html, shift in html_blocks(article):
        for block in html.blocks:
            for unit in _block_units(html, block, ext, skipped, summary):
                if unit.offsets is not None:
                    unit.offsets = [o + shift for o in unit.offsets]
                out.append(unit)
    out.extend(alt_units(article, ext))
    return out, "\n\n".join(summary)


def _block_units(
    article: Article,
    block: Block,
    ext: str,
    skipped: set[tuple[str, int]] | None,
    summary: list[str],
) -> list[Unit]:
    if block.kind == "meta" or not block.text.strip() or _is_display_math(article, block):
        return []
    if skipped and (
        (block.kind, 0) in skipped
        or (block.kind == "heading" and ("heading", block.level) in skipped)
    ):
        return []
    text, offsets = block_text(article, block)
    offsets.append(block.src_offset(len(block.text), end=True) if block.text else 0)
    scope = _html_scope(article, block, ext) or block_scope(block, ext)
    if scope is not None and is_header_cell(article, block):
        scope = f"text.table.header{ext}"
    if scope is not None:
        if block.kind in ("list_item", "quote"):
            summary.append(text)
        return [Unit(scope, scope, text, offsets)]
    summary.append(text)
    out = []
    for kind in ("paragraph", "sentence"):
        spans = [(0, len(text))] if kind == "paragraph" else list(sentences(text))
        for a, b in spans:
            sub = f"{kind}{ext}"
            out.append(Unit(sub, sub, text[a:b], offsets[a : b + 1]))
    out.append(Unit(f"text{ext}", f"text{ext}", text, offsets))
    return out


_OPEN_TAG_BEFORE = re.compile(r"<(\w+)\b[^<>]*>\s*\Z")
_TAG_SCOPES = {
    "th": "text.table.header",
    "caption": "text.table.caption",
    "figcaption": "text.figure.caption",
}


def _html_scope(article: Article, block: Block, ext: str) -> str | None:
    """HTML's header cells and captions, which medlint's blocks do not tell apart."""
    if article.fmt != "html" or not block.segments:
        return None
    m = _OPEN_TAG_BEFORE.search(article.source, 0, block.src_start)
    scope = _TAG_SCOPES.get(m.group(1).lower()) if m else None
    return f"{scope}{ext}" if scope else None


def html_blocks(article: Article) -> list[tuple[Article, int]]:
    """Raw HTML blocks of a Markdown article, read as HTML (Vale lints them; medlint's
    Markdown reader leaves them out), each with the offset it starts at."""
    src = article.source
    if article.fmt != "md" or _HTML_START.search(src) is None:
        return []
    from markdown_it import MarkdownIt

    from medlint.document import parse_article

    out = []
    starts = article.line_starts
    for tok in MarkdownIt("commonmark").parse(src):
        if tok.type != "html_block" or not tok.map or tok.content.lstrip().startswith("<!--"):
            continue
        a = starts[tok.map[0]] if tok.map[0] < len(starts) else len(src)
        b = starts[tok.map[1]] if tok.map[1] < len(starts) else len(src)
        html, _ = parse_article(article.path + ".html", src[a:b], "html", None)
        if html.blocks:
            out.append((html, a))
    return out


_HTML_START = re.compile(r"^[ ]{0,3}<[a-zA-Z]", re.M)
