"""The article model: blocks and exact source positions for every format."""

from __future__ import annotations

import pytest

from medlint.document import decode, parse_article
from medlint.document.model import Article


def _span(article: Article, text: str) -> tuple[tuple[int, int], tuple[int, int], str]:
    """(line, col) of the first and just-past-last char of ``text`` found in a block."""
    for b in article.blocks:
        i = b.text.find(text)
        if i != -1:
            a, e = b.src_span(i, i + len(text))
            return article.line_col(a), article.line_col(e), article.source[a:e]
    raise AssertionError(f"{text!r} not in any block: {[b.text for b in article.blocks]}")


def test_markdown_blocks_kinds_and_front_matter_offsets() -> None:
    src = (
        "---\n"
        "title: Asthma and you\n"
        "reviewed: 2026-01-01\n"
        "---\n"
        "# Living with asthma\n"
        "\n"
        "Use your *reliever* inhaler and `code here` when\n"
        "you feel [tight](https://example.org) in the chest.\n"
        "\n"
        "- keep it with you\n"
        "\n"
        "> a quoted line\n"
        "\n"
        "```\n"
        "Read More inside code\n"
        "```\n"
    )
    art, problems = parse_article("a.md", src)
    assert problems == []
    kinds = [(b.kind, b.text) for b in art.blocks]
    assert kinds[0] == ("meta", "Asthma and you")
    assert ("heading", "Living with asthma") in kinds
    assert ("list_item", "keep it with you") in kinds
    assert ("quote", "a quoted line") in kinds
    assert all("inside code" not in t for _, t in kinds), "code blocks are not prose"
    para = next(b for b in art.blocks if b.kind == "paragraph")
    assert "code here" not in para.text, "inline code is kept out"
    assert para.links == [
        (para.text.index("tight"), para.text.index("tight") + 5, "https://example.org")
    ]
    assert _span(art, "Asthma and you")[0] == (2, 8)
    assert _span(art, "Living with asthma")[0] == (5, 3)
    start, end, raw = _span(art, "reliever")
    assert (start, end, raw) == ((7, 11), (7, 19), "reliever")
    # a span across the soft line break maps to both lines
    start, end, raw = _span(art, "when you feel")
    assert start == (7, 45) and end[0] == 8 and raw.startswith("when\nyou feel")
    assert art.front_matter["reviewed"].isoformat() == "2026-01-01"


def test_markdown_escapes_and_entities_still_map() -> None:
    art, _ = parse_article("a.md", "Salt \\*and\\* pepper &amp; herbs.\n")
    assert art.blocks[0].text == "Salt *and* pepper & herbs."
    start, _end, raw = _span(art, "pepper & herbs")
    assert start == (1, 14) and raw == "pepper &amp; herbs"


def test_text_one_block_per_line_and_kinds() -> None:
    src = "A Title Line\nSome sentence here.\nShort Heading\n- a bullet\nAnother sentence.\n"
    art, _ = parse_article("a.txt", src)
    assert [b.kind for b in art.blocks] == [
        "title",
        "paragraph",
        "heading",
        "list_item",
        "paragraph",
    ]
    assert art.blocks[3].text == "a bullet"
    assert _span(art, "a bullet")[0] == (4, 3)


def test_text_paragraph_mode() -> None:
    src = "Title\n\nFirst line of a paragraph\ncontinues here.\n\nSecond paragraph.\n"
    art, _ = parse_article("a.txt", src)
    texts = [b.text for b in art.blocks]
    assert "First line of a paragraph continues here." in texts
    assert _span(art, "continues")[0] == (4, 1)


def test_crlf_and_bom() -> None:
    data = "\ufeffTitle\r\nFirst sentence here.\r\nRead More\r\n".encode()
    text, had_bom, err = decode(data)
    assert text is not None and had_bom and not err
    art, _ = parse_article("a.txt", text, had_bom=had_bom)
    assert [b.text for b in art.blocks] == ["Title", "First sentence here.", "Read More"]
    assert _span(art, "Read More")[:2] == ((3, 1), (3, 10))
    assert _span(art, "sentence")[0] == (2, 7)


def test_crlf_markdown_with_front_matter() -> None:
    src = "---\r\ntitle: T\r\n---\r\n\r\nBody text line\r\nnext line.\r\n"
    art, problems = parse_article("a.md", src)
    assert not problems
    assert art.front_matter == {"title": "T"}
    assert _span(art, "next")[0] == (6, 1)


def test_html_visible_text_only_and_positions() -> None:
    src = (
        "<html><head><title>Flu &amp; you</title>\n"
        "<style>p { color: red }</style><script>var readMore = 1;</script></head>\n"
        '<body><h2 class="x">Symptoms</h2>\n'
        "<p>Fever <b>and</b>\n   chills are common.</p><pre>Read More</pre>\n"
        "<ul><li>Rest</li></ul></body></html>\n"
    )
    art, _ = parse_article("a.html", src)
    kinds = [(b.kind, b.text) for b in art.blocks]
    assert kinds == [
        ("title", "Flu & you"),
        ("heading", "Symptoms"),
        ("paragraph", "Fever and chills are common."),
        ("list_item", "Rest"),
    ]
    assert _span(art, "Symptoms")[0] == (3, 21)
    start, _end, raw = _span(art, "and chills")
    assert start == (4, 13) and raw == "and</b>\n   chills"
    assert _span(art, "Flu & you")[2] == "Flu &amp; you"


def test_invalid_front_matter_is_e903_and_body_still_read() -> None:
    art, problems = parse_article("a.md", "---\ntitle: [unclosed\n---\nBody sentence.\n")
    assert [p.code for p in problems] == ["E903"]
    assert [b.text for b in art.blocks] == ["Body sentence."]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL"),
        ("caf\u00e9".encode("latin-1"), "not valid UTF-8"),
        (b"lone surrogate \xed\xa0\x80 here", "not valid UTF-8"),
    ],
)
def test_decode_rejects_binary_and_non_utf8(data: bytes, fragment: str) -> None:
    text, _, err = decode(data)
    assert text is None and fragment in err


def test_directives_are_parsed() -> None:
    art, _ = parse_article(
        "a.md",
        "<!-- medlint-disable-next-line D304, C401 -- quoting a 1920 advert -->\nRead More\n",
    )
    (d,) = art.directives
    assert d.action == "disable-next-line"
    assert d.codes == ("D304", "C401")
    assert d.reason == "quoting a 1920 advert"


def _tokens(tokens: list) -> list:
    out: list = []
    for t in tokens:
        out.append((t.type, t.tag, t.nesting, t.map, t.content, t.markup, t.info, t.attrs, t.meta))
        if t.children:
            out.append(_tokens(t.children))
    return out


def test_markdown_parser_without_inert_rules_gives_the_same_tokens() -> None:
    """``_parser_for`` drops the rules whose literal cannot occur: same tokens as the full parser
    on random mixes of every construct (each mix lacks some, so rules get dropped)."""
    import random

    from medlint.document.markdown import _parser, _parser_for

    frags = [
        "word", " ", "    ", "\t", "\n", "\n\n", "\r\n", "\r", "-", "---", "***", "* * *", "___",
        "_", "*", "=", "===", "#", "## ", "> ", "|", "| a | b |\n|---|---|\n", "```", "~~~", "[x]",
        "[x]: /u", "](", "(http://a)", "<b>", "<!-- c -->", "<http://x.y>", "&amp;", "&#35;", "\\",
        "`", "!", "![a](b)", "1. ", "2) ", "- ", "+ ", ":", "Title\n", "\n- item\n", "\n===\n",
    ]  # fmt: skip
    full = _parser()
    rnd = random.Random(7)
    dropped = 0
    for _ in range(400):
        pool = rnd.sample(frags, rnd.randint(3, 15))
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 40)))
        md = _parser_for(s)
        dropped += md is not full
        assert _tokens(md.parse(s)) == _tokens(full.parse(s)), repr(s)
    assert dropped > 250


def test_html_whitespace_between_tags_and_misnested_closes() -> None:
    src = (
        "<html><body>\n  <div>\n    <p>First <b>bold <i>both</b> after</p>\n"
        "  <ul>\n <li>One &amp; two</li>\n <li> </li></ul>\n"
        "<script>var x = '<p>';</script><p>Last <code>x</code>  word</p></div></body></html>"
    )
    a, _ = parse_article("a.html", src)
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", "First bold both after"),
        ("list_item", "One & two"),
        ("paragraph", "Last word"),
    ]
    assert _span(a, "after")[2] == "after"
    assert _span(a, "One & two")[2] == "One &amp; two"


def test_directive_literal_pre_check() -> None:
    a, _ = parse_article("a.md", "# T\n\nNo comments here, not even medlint.\n")
    assert a.directives == []
    a, _ = parse_article("a.md", "# T\n\n<!--medlint-disable S201 -- ok-->\nText.\n")
    assert [(d.action, d.codes, d.reason) for d in a.directives] == [("disable", ("S201",), "ok")]


@pytest.mark.parametrize(
    ("name", "src", "line"),
    [
        # a headline of two sentences is not a title line; the heading further down is not it
        (
            "a.txt",
            "Can you take ibuprofen with a cold? Here is the short answer.\n\n"
            "Ibuprofen eases aches and fever. Most adults can take it for a few days.\n\n"
            "Related reading\n\n"
            "Colds usually clear up within ten days.\n",
            1,
        ),
        ("b.txt", "Living with eczema\n\nMoisturise twice a day.\n", 1),
        ("c.md", "---\ntitle: Eczema\nauthor: A. Writer\n---\n\nSome text here.\n\n# Care\n", 2),
        ("d.md", "Some text first.\n\n# Care\n\nMore text.\n", 1),
    ],
)
def test_article_findings_point_at_the_title_or_the_first_line(
    name: str, src: str, line: int
) -> None:
    article, _ = parse_article(name, src)
    start, _end = article.anchor
    assert article.line_of(start) == line


@pytest.mark.parametrize(
    ("src", "text"),
    [
        ("<p>Hello <![ x > tail world</p>", "Hello tail world"),
        ("<p>Hello <![foo[ x ]]> world</p>", "Hello world"),
        ("<p>Hello <![CDATA[ok]]> world</p>", "Hello world"),
    ],
)
def test_html_unknown_marked_section_is_a_bogus_comment(src: str, text: str) -> None:
    # HTMLParser raises on "<![" without a section name it knows; HTML5 reads it as a bogus
    # comment up to the next ">", and so does medlint (no E901 "please report").
    art, problems = parse_article("a.html", src)
    assert [b.text for b in art.blocks] == [text]
    assert problems == []


def _code_texts(art: Article) -> list[str]:
    return [art.source[a:b] for a, b in art.code_ranges]


def test_markdown_code_ranges_cover_code_blocks_and_spans() -> None:
    src = (
        "# T\n\n```md\nfenced\n```\n\n~~~\ntilde\n~~~\n\n    indented\n\n"
        "Use `one` and ``two ` ticks`` here.\n\n> ```\n> quoted\n> ```\n"
    )
    art, _ = parse_article("a.md", src)
    assert _code_texts(art) == [
        "```md\nfenced\n```\n",
        "~~~\ntilde\n~~~\n",
        "    indented\n",
        "`one`",
        "``two ` ticks``",
        "> ```\n> quoted\n> ```\n",
    ]
    assert art.in_code(src.index("fenced")) and art.in_code(src.index("ticks"))
    assert not art.in_code(src.index("Use")) and not art.in_code(src.index(" here"))
    assert not art.in_code(len(src))


def test_code_span_over_a_line_break_and_an_unclosed_fence() -> None:
    art, _ = parse_article("a.md", "# T\n\nSee `a\nb`\n`c` now.\n\n```\nnever closed\n")
    assert _code_texts(art) == ["`a\nb`", "`c`", "```\nnever closed\n"]


def test_directives_inside_markdown_code_are_not_read() -> None:
    src = (
        "# T\n\n```markdown\n<!-- medlint-disable D304 -->\n```\n\n"
        "    <!-- medlint-disable-file -->\n\nWrite `<!-- medlint-enable -->` to end it.\n\n"
        "<!-- medlint-disable-next-line D304 -- real -->\nRead More\n"
    )
    art, _ = parse_article("a.md", src)
    assert [(d.action, d.codes, d.reason) for d in art.directives] == [
        ("disable-next-line", ("D304",), "real")
    ]


def test_html_and_text_have_no_code_ranges() -> None:
    # in HTML a comment inside <pre> is still a comment (Vale reads it too); text has no code
    html, _ = parse_article("a.html", "<pre><!-- medlint-disable --></pre>\n<p>Read More</p>\n")
    assert html.code_ranges == [] and len(html.directives) == 1
    txt, _ = parse_article("a.txt", "    <!-- medlint-disable -->\n")
    assert txt.code_ranges == [] and len(txt.directives) == 1
