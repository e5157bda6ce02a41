"""Reading article files into :class:`~medlint.document.model.Article` objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from medlint.document.model import Article, Block, Directive, TextBuilder

FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
}
LINTABLE_SUFFIXES = tuple(FORMATS)

_FM_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
# The head of a directive; its end is the first "-->" after it (found with str.find: a
# lazy ``(.*?)-->`` in the pattern rescans to the end of the file for every unclosed head).
_DIRECTIVE_HEAD = re.compile(
    r"<!--\s*medlint-(disable-next-line|disable-line|disable-file|disable|enable)\b"
)


@dataclass
class ReadProblem:
    code: str  # E901 | E902 | E903
    message: str
    start: int = 0
    end: int = 0


def detect_format(path: str) -> str:
    return FORMATS.get(Path(path).suffix.lower(), "txt")


def decode(data: bytes) -> tuple[str | None, bool, str]:
    """Decode UTF-8 (BOM optional).  Returns (text, had_bom, error message)."""
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if b"\x00" in data:
        return None, had_bom, "the file contains NUL bytes: it looks binary, not a text article"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (
            None,
            had_bom,
            (
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "re-save it as UTF-8"
            ),
        )
    return text, had_bom, ""


def read_decoded(path: str) -> tuple[str, bool] | None:
    """The decoded text of a file and whether it had a BOM, or None if it cannot be read/decoded
    (the engine reports those as E901/E902)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    text, had_bom, _err = decode(data)
    return None if text is None else (text, had_bom)


def _front_matter(article: Article, prose_keys: list[str]) -> tuple[int, ReadProblem | None]:
    """Parse YAML front matter; return the body start offset and any E903 problem."""
    src = article.source
    m = _FM_OPEN.match(src)
    if not m:
        return 0, None
    close = _FM_CLOSE.search(src, m.end())
    if not close:
        return 0, None
    fm_start, fm_end = m.end(), close.start()
    body_start = close.end()
    nl = src.find("\n", body_start)
    body_start = len(src) if nl == -1 else nl + 1
    article.front_matter_span = (0, body_start)
    fm_text = src[fm_start:fm_end]
    try:
        node, data = _load_yaml(fm_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        off = fm_start + (mark.index if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        article.front_matter_error = str(problem)
        return body_start, ReadProblem(
            "E903",
            f"front matter is not valid YAML: {problem}; the body is still checked",
            off,
            off + 1,
        )
    if data is None:
        return body_start, None
    if not isinstance(data, dict):
        article.front_matter_error = "not a mapping"
        return body_start, ReadProblem(
            "E903",
            "front matter must be a mapping of keys to values; the body is still checked",
            fm_start,
            fm_end,
        )
    article.front_matter = {str(k): v for k, v in data.items()}
    _prose_keys(article, node, fm_start, prose_keys)
    return body_start, None


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML timestamp as a date, or as its text when the calendar refuses it
    (``2026-02-30``, ``0000-01-01``): the review rules then report the unreadable date (R104)
    instead of the whole front matter failing."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _SafeLoader(yaml.SafeLoader):
    pass


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

_CLoader: Any = None
if getattr(yaml, "CSafeLoader", None) is not None:

    class _CSafeLoader(yaml.CSafeLoader):
        pass

    _CSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    _CLoader = _CSafeLoader


def _load_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose and construct the front matter in one pass: (node graph, data).

    libyaml (``CSafeLoader``) is used when available: it is ten times faster than the pure
    Python loader.  It differs from it on tabs (it accepts ``key:<TAB>value``) and on a BOM
    inside the text (character offsets), so those texts, and any text libyaml rejects (for
    the exact same error message), go to the pure Python loader.
    """
    if _CLoader is not None and "\t" not in text and "\ufeff" not in text:
        try:
            return _compose_construct(_CLoader, text)
        except yaml.YAMLError:
            pass  # report the pure Python loader's message
    return _compose_construct(_SafeLoader, text)


def _compose_construct(loader_cls: Any, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _prose_keys(
    article: Article, node: yaml.Node | None, fm_start: int, prose_keys: list[str]
) -> None:
    from medlint.document.markdown import align

    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        key = getattr(key_node, "value", None)
        if key not in prose_keys or not isinstance(value_node, yaml.ScalarNode):
            continue
        value = str(value_node.value).strip()
        if not value:
            continue
        a = fm_start + value_node.start_mark.index
        b = fm_start + value_node.end_mark.index
        tb = TextBuilder()
        align(tb, value, article.source, a, b, markdown=False)
        text, segs = tb.strip()
        if text:
            article.blocks.append(
                Block(
                    kind="meta", text=text, segments=segs, index=len(article.blocks), meta_key=key
                )
            )


def _directives(article: Article) -> None:
    # Every directive contains the literal "medlint-": most articles have none, and a
    # substring test is much cheaper than running the regex over the whole source.
    if "medlint-" not in article.source:
        return
    src = article.source
    pos = 0
    while (m := _DIRECTIVE_HEAD.search(src, pos)) is not None:
        close = src.find("-->", m.end())
        if close == -1:
            return  # no directive after this one can be closed either
        pos = close + 3
        rest = src[m.end() : close]
        reason = ""
        if "--" in rest:
            rest, reason = rest.split("--", 1)
        codes = tuple(c for c in re.split(r"[\s,]+", rest.strip()) if c)
        article.directives.append(Directive(m.group(1), codes, reason.strip(), m.start(), pos))


def parse_article(
    path: str,
    text: str,
    fmt: str | None = None,
    prose_keys: list[str] | None = None,
    had_bom: bool = False,
) -> tuple[Article, list[ReadProblem]]:
    fmt = fmt or detect_format(path)
    article = Article(path=path, source=text, fmt=fmt, had_bom=had_bom)
    problems: list[ReadProblem] = []
    body_start = 0
    if fmt == "md":
        body_start, problem = _front_matter(article, prose_keys or ["title", "description"])
        if problem:
            problems.append(problem)
        from medlint.document.markdown import parse_markdown

        parse_markdown(article, body_start)
    elif fmt == "html":
        from medlint.document.html import parse_html

        parse_html(article, body_start)
    else:
        from medlint.document.text import parse_text

        parse_text(article, body_start)
    if fmt in ("md", "html", "txt"):
        _directives(article)
    for i, b in enumerate(article.blocks):
        b.index = i
    return article, problems


__all__ = [
    "LINTABLE_SUFFIXES",
    "Article",
    "Block",
    "ReadProblem",
    "decode",
    "detect_format",
    "parse_article",
    "read_decoded",
]
