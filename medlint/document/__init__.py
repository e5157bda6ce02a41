"""Reading article files into :class:`~medlint.document.model.Article` objects."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

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

# The largest article medlint reads (files and standard input); larger ones are E901.
MAX_FILE_BYTES = 64 * 1024 * 1024
# Front matter limits: deeper nesting, or aliases expanding to more than this (a "billion
# laughs" bomb), is that file's E903 instead of minutes of work and gigabytes of memory.
MAX_FRONT_MATTER_DEPTH = 64
MAX_MESSAGE_PART = 200  # characters of a YAML problem quoted in a message

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


class NotReadable(Exception):
    """A file medlint will not read (not a regular file, too large): the E901 message."""


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n} bytes"


def too_large(size: int | None = None) -> str:
    got = "" if size is None else f" ({_size(size)})"
    return f"the input is too large{got}; medlint reads at most {_size(MAX_FILE_BYTES)}"


def read_stream(stream: BinaryIO) -> bytes:
    """At most :data:`MAX_FILE_BYTES` of a stream (standard input); NotReadable if longer."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise NotReadable(too_large())
    return data


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({kind}); medlint reads only regular files"


def read_bytes(path: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`.

    Raises :class:`NotReadable` for anything else (a FIFO, a device such as ``/dev/zero``
    behind a symbolic link, a socket, a file too large) without reading or blocking on it,
    and OSError when the file cannot be opened.
    """
    return read_bytes_stat(path)[0]


def read_bytes_stat(path: str) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes`, with the status of the file that was opened and read."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotReadable(_not_regular(st.st_mode))
    if st.st_size > MAX_FILE_BYTES:
        raise NotReadable(too_large(st.st_size).replace("the input", "the file"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())  # what was opened, not what was looked at
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(_not_regular(st.st_mode))
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise NotReadable(too_large(len(data)).replace("the input", "the file"))
    return data, st


def display_path(path: str) -> str:
    """A file name as text that can always be written as UTF-8: bytes of a name that is not
    UTF-8 (kept by Python as lone surrogates) are shown as ``\\xe9``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode(
            "utf-8", "surrogateescape" if _escaped(path) else "backslashreplace"
        ).decode("utf-8", "backslashreplace")
    return path


def _escaped(path: str) -> bool:
    """Every lone surrogate is one Python made from an undecodable byte (U+DC80..U+DCFF)."""
    return all("\udc80" <= c <= "\udcff" for c in path if "\ud800" <= c <= "\udfff")


def detect_format(path: str) -> str:
    return FORMATS.get(Path(path).suffix.lower(), "txt")


def decode(data: bytes) -> tuple[str | None, bool, str]:
    """Decode UTF-8 (BOM optional).  Returns (text, had_bom, error message)."""
    had_bom = data.startswith(b"\xef\xbb\xbf")
    wide = _wide_encoding(data)
    if wide:
        return None, had_bom, f"this is a {wide} file: save it as UTF-8"
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


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str:
    """The name ("UTF-16", "UTF-32") of a file in one of those encodings
    (a byte-order mark, or ASCII text with a NUL byte beside every character), else ""."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:512]
    if len(head) >= 8 and len(head) % 2 == 0:
        even, odd = head[0::2], head[1::2]
        if (not odd.strip(b"\x00") and b"\x00" not in even) or (
            not even.strip(b"\x00") and b"\x00" not in odd
        ):
            return "UTF-16"
    return ""


def read_decoded(path: str) -> tuple[str, bool] | None:
    """The decoded text of a file and whether it had a BOM, or None if it cannot be read/decoded
    (the engine reports those as E901/E902)."""
    try:
        data = read_bytes(path)
    except (OSError, NotReadable):
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
        problem = _short(getattr(exc, "problem", None) or str(exc).splitlines()[0])
        article.front_matter_error = problem
        return body_start, ReadProblem(
            "E903",
            f"front matter is not valid YAML: {problem}; the body is still checked",
            off,
            off + 1,
        )
    except FrontMatterLimit as exc:
        article.front_matter_error = str(exc)
        return body_start, ReadProblem(
            "E903", f"front matter {exc}; the body is still checked", fm_start, fm_end
        )
    except RecursionError:
        article.front_matter_error = "nested too deeply"
        return body_start, ReadProblem(
            "E903",
            f"front matter is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep; "
            "the body is still checked",
            fm_start,
            fm_end,
        )
    except Exception as exc:  # a value YAML accepts but cannot build (!!int abc)
        problem = _short(f"{type(exc).__name__}: {exc}")
        article.front_matter_error = problem
        return body_start, ReadProblem(
            "E903",
            f"front matter has a value that cannot be read ({problem}); the body is still checked",
            fm_start,
            fm_end,
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
        if node is None:
            return None, None
        check_yaml_graph(node, 4 * len(text) + 10_000)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


class FrontMatterLimit(ValueError):
    """Front matter too deep, expanding too much through aliases, or referring to itself."""


def _short(text: str, limit: int = MAX_MESSAGE_PART) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _own_weight(node: yaml.Node) -> int:
    return 1 + (len(node.value) if isinstance(node, yaml.ScalarNode) else 0)


def check_yaml_graph(root: yaml.Node, max_weight: int) -> None:
    """Raise :class:`FrontMatterLimit` when the composed YAML is nested more than
    :data:`MAX_FRONT_MATTER_DEPTH` levels deep, contains itself through an alias, or would
    expand (aliases copied out, scalars counted by their length) past ``max_weight``.

    Iterative, and each node is weighed once (a shared node's weight is looked up), so a
    "billion laughs" bomb is refused in time proportional to its size, not its expansion.
    """
    done: dict[int, int] = {}  # node id -> expanded weight
    acc = {id(root): _own_weight(root)}
    on_path = {id(root)}
    stack = [(root, iter(_children(root)))]
    while stack:
        node, rest = stack[-1]
        child = next(rest, None)
        if child is None:
            stack.pop()
            on_path.discard(id(node))
            done[id(node)] = acc[id(node)]
            if stack:
                _add(acc, id(stack[-1][0]), done[id(node)], max_weight)
            continue
        cid = id(child)
        if cid in done:
            _add(acc, id(node), done[cid], max_weight)
            continue
        if cid in on_path:
            raise FrontMatterLimit("has an alias (*name) inside the value it names")
        if len(stack) >= MAX_FRONT_MATTER_DEPTH:
            raise FrontMatterLimit(f"is nested more than {MAX_FRONT_MATTER_DEPTH} levels deep")
        on_path.add(cid)
        acc[cid] = _own_weight(child)
        stack.append((child, iter(_children(child))))


def _add(acc: dict[int, int], key: int, weight: int, max_weight: int) -> None:
    acc[key] += weight
    if acc[key] > max_weight:
        raise FrontMatterLimit(
            "expands its aliases (&anchor and *alias) to more than "
            f"{max_weight:,} values and characters; use fewer aliases"
        )


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
        if article.in_code(m.start()):  # an example in a code block or span, not a directive
            pos = m.end()
            continue
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

        bad = parse_html(article, body_start)
        if bad is not None:  # thousands of unclosed tags: the blocks before them are kept
            problems.append(
                ReadProblem(
                    "E903",
                    f"the HTML is too malformed to read past this point ({bad.tags:,} start "
                    "tags with no '>' after them); the rest of the file is not checked",
                    bad.offset,
                    min(bad.offset + 2, len(text)),
                )
            )
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
    "display_path",
    "parse_article",
    "read_decoded",
]
