"""Property tests: every block segment maps back onto its source exactly, for the Markdown,
text and HTML readers, with entities, escapes, markup and mixed line endings; and --fix is
idempotent (a second pass changes nothing)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import pytest

pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint import fixer
from medlint.document import parse_article
from medlint.document.markdown import _special_at
from medlint.engine import Linter
from tests.conftest import examples
from tests.helpers import make_linter

WORDS = ["Take", "don't", "daily", "we", "mg", "1.0 mg", ".5 mg", "10mg", "2.50 mL", "Rest"]
ENTITIES = ["&amp;", "&#39;", "&#46;", "&apos;", "&nbsp;", "&#x27;", "&bogus;", "&", "&#0;"]
ESCAPES = ["\\*", "\\_", "\\&", "\\\\", "\\.", "\\a"]
MARKUP = ["*", "**", "_", "`x`", "[link](http://a.b/c 'd e')", "<b>", "</b>", "# ", "- "]
BREAKS = ["\n", "\r\n", "\r", "\r\r\n", "\n\n", "\r\n\r\n"]
PIECES = st.sampled_from(WORDS + ENTITIES + ESCAPES + MARKUP + BREAKS + [" ", "  ", ".", "'"])
TEXTS = st.lists(PIECES, min_size=1, max_size=30).map("".join)
FAST = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _linter() -> Linter:
    return make_linter(select=["M702", "M703", "M704"])


def _md_decode(src: str) -> str:
    out, i = [], 0
    while i < len(src):
        got = _special_at(src, i, len(src))
        if got is None:
            out.append(src[i])
            i += 1
        else:
            out.append(got[0])
            i += got[1]
    return "".join(out)


def _check_segments(name: str, source: str) -> None:
    article, _ = parse_article(name, source)
    decode = _md_decode if name.endswith(".md") else html.unescape
    for block in article.blocks:
        for seg in block.segments:
            text = block.text[seg.text_start : seg.text_start + seg.text_len]
            src = source[seg.src_start : seg.src_start + seg.src_len]
            assert 0 <= seg.src_start <= seg.src_start + seg.src_len <= len(source)
            if seg.text_len == seg.src_len and all(
                a == b or (a == " " and b.isspace()) for a, b in zip(text, src, strict=True)
            ):
                continue  # character for character (a line break read as a space)
            if text == " ":
                # a line break, spaces, or nothing (where code or an image was left out)
                assert src.isspace() or src == "", (block.text, seg, src)
                continue
            got = decode(src)
            assert got == text or _SPACE.sub(" ", got) == text, (block.text, seg, src)


@FAST
@given(TEXTS)
def test_markdown_segments_map_back_to_the_source(text: str) -> None:
    _check_segments("a.md", "# Title\n\n" + text + "\n")


@FAST
@given(TEXTS)
def test_text_segments_map_back_to_the_source(text: str) -> None:
    _check_segments("a.txt", "Title\n\n" + text + "\n")


@FAST
@given(TEXTS)
def test_html_segments_map_back_to_the_source(text: str) -> None:
    _check_segments("a.html", "<h1>Title</h1>\n<p>" + text + "</p>\n")


@FAST
@given(st.sampled_from(["a.md", "a.txt", "a.html"]), TEXTS)
def test_fixes_round_trip_and_a_second_fix_changes_nothing(name: str, text: str) -> None:
    linter = _linter()
    first = fixer.fix_text(linter, name, text)
    for f in linter.lint_text(name, text).findings:
        if f.fix is not None:  # a fix replaces only text the rule saw
            assert 0 <= f.fix.start <= f.fix.end <= len(text)
    again = fixer.fix_text(linter, name, first.fixed)
    assert again.fixed == first.fixed, (text, first.fixed)


# -- hostile input: whatever the bytes, reading and linting one file never raises ------------

YAML_KEYS = ["review_date", "reviewer", "medlint", "title", "2026-02-30", "ignore", "? [a]"]
YAML_VALUES = [
    "2026-13-01",
    "2026-02-29T10:00:00Z",
    "!!timestamp 2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!binary '@@'",
    "!!set {a: 1}",
    "!!omap [1]",
    "!!python/name:os.system",
    "&a [*a]",
    "&b x",
    "*b",
    "*undefined",
    "[" * 70 + "]" * 70,
    "{ignroe: [D304]}",
    "{ignore: {D304: 1}}",
    "5",
    "~",
    "'unterminated",
    "\t- tab",
    "\ufeffbom",
    "|\n  block",
]
FRONT = st.lists(
    st.tuples(st.sampled_from(YAML_KEYS), st.sampled_from(YAML_VALUES)), min_size=1, max_size=6
).map(lambda kv: "".join(f"{k}: {v}\n" for k, v in kv))
BODY_BYTES = st.sampled_from(
    [
        b"# T\n\nRead More\n",
        b"\xff\xfeT\x00",
        b"\xef\xbb\xbf# T\n",
        b"\x00\x00\x00",
        b"caf\xe9",
        b"\xed\xa0\x80",
        b"<div>" * 50,
        b"[" * 50 + b"x" + b"]" * 50 + b"(http://a)",
        b"<!-- medlint-disable D304 -->\n" * 3,
        b"\r\r\n\r",
    ]
)


@FAST
@given(FRONT, st.sampled_from(["a.md", "a.txt", "a.html"]))
def test_any_front_matter_is_read_or_reported(front: str, name: str) -> None:
    result = _linter().lint_text(name, f"---\n{front}---\n# T\n\nTake 1.0 mg daily.\n")
    for f in result.findings:
        assert f.code != "E904" or "front" not in f.message
        assert len(f.message) <= 2000
    assert not any(f.code == "E901" for f in result.findings), result.findings


@FAST
@given(
    st.lists(BODY_BYTES, min_size=1, max_size=6).map(b"".join),
    st.sampled_from(["a.md", "a.txt", "a.html"]),
)
def test_any_bytes_give_findings_not_exceptions(data: bytes, name: str) -> None:
    result = _linter().lint_bytes(name, data)
    assert all(f.code not in ("E901", "E904") for f in result.findings), result.findings
    if data.startswith(b"\xff\xfe"):  # a UTF-16 byte-order mark: the encoding is named
        assert [f.message for f in result.findings if f.code == "E902"] == [
            "this is a UTF-16 file: save it as UTF-8"
        ]
