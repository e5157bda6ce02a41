"""Issue 19: inputs that cost the square of their size (or were silently cut) give the same
findings, at the right positions, as their small or plain forms.  Timing belongs in
bench/scaling.py; these tests use sizes that took minutes before the fix (seconds now)."""

from __future__ import annotations

from functools import cache

import pytest

from medlint import nlp
from medlint.document import parse_article
from medlint.findings import Finding
from tests.helpers import lint, make_linter

TAIL = (
    "Studies show this cure always works for everyone and is 100% safe. Experts say it is "
    "a miracle. If you feel better, stop taking your medicine. Take 1 tab QD with APAP. "
    "This revolutionary breakthrough guarantees results. My uncle suffers from diabetes."
)

# Without abbreviations (P605 with brackets: test_brackets_before_an_abbreviation).
TAIL_PLAIN = TAIL.replace(" Take 1 tab QD with APAP.", "")


def _found(text: str, name: str, base: int) -> set[tuple[str, int, str]]:
    """The phrase-level findings at or after ``base``, relative to it (article-level
    findings, anchored on the first block, differ with the article's start)."""
    return _phrase_findings(text, lint(text, name), base)


def _phrase_findings(text: str, findings: list[Finding], base: int) -> set[tuple[str, int, str]]:
    return {
        (f.code, f.start - base, text[f.start : f.end])
        for f in findings
        if f.start >= base and f.end - f.start < 60
    }


@cache
def _found_plain(text: str, name: str) -> frozenset[tuple[str, int, str]]:
    """``_found(text, name, 0)`` of a small text, linted once for all the tests using it."""
    return frozenset(_found(text, name, 0))


def test_text_past_200000_characters_in_one_block_is_linted() -> None:
    filler = "The weather was pleasant and the garden was green today. " * 4000
    assert len(filler) > nlp.MAX_BLOCK_CHARS
    expected = _found(TAIL + "\n", "a.txt", 0)
    assert {c for c, _, _ in expected} >= {"C404", "S203", "M701", "P606"}
    assert _found(filler + TAIL + "\n", "a.txt", len(filler)) == expected


def test_long_block_doc_covers_the_whole_text_with_exact_offsets() -> None:
    words = ("aspirin helps " * 30_000) + "end"  # no sentence end: cut at spaces
    article, _ = parse_article("a.txt", words)
    (doc,) = nlp.docs_for(article)
    assert doc.text == article.blocks[0].text
    assert doc[-1].text == "end" and doc[-1].idx == len(words) - 3
    assert all(len(s.text) <= nlp.MAX_BLOCK_CHARS for s in nlp.sentences(doc))


@pytest.mark.parametrize("ch", list("![=_?,("))
def test_long_punctuation_runs_keep_text_and_findings(ch: str) -> None:
    text = "Take it. " + ch * 20_000 + " " + TAIL_PLAIN + "\n"
    # one parse and one tokenisation: the Doc checked is the one the rules read
    linter = make_linter()
    linter.keep_articles = True
    result = linter.lint_text("a.txt", text)
    article = result.article
    assert article is not None
    (doc,) = article.docs  # nlp.docs_for(article), as built for the rules
    assert doc.text == article.blocks[0].text
    base = text.index(TAIL_PLAIN)
    assert _phrase_findings(text, result.findings, base) == _found_plain(TAIL_PLAIN + "\n", "a.txt")


def test_brackets_before_an_abbreviation() -> None:
    # P605 read the long form before each abbreviation through every unclosed bracket: the
    # cube of the run (1,000 brackets took 4 s before 5ca2445, 5,000 about ten minutes);
    # now a per-block index and bounded windows
    for ch in ("[", "(", "[ "):
        for name in ("a.txt", "a.md"):
            text = "Take it. " + ch * 5_000 + " " + TAIL + "\n"
            base = text.index(TAIL)
            found = _found(text, name, base)
            assert found == _found(TAIL + "\n", name, 0)
            assert {t for c, _, t in found if c == "P605"} == {"QD", "APAP"}
    defined = " Nonsteroidal anti-inflammatory drugs (NSAIDs) ease pain. NSAIDs help. Take QD.\n"
    for n in (0, 5_000):
        text = "Take it. " + "[" * n + defined
        assert [text[f.start : f.end] for f in lint(text, "a.txt") if f.code == "P605"] == ["QD"]


def test_short_punctuation_runs_are_tokenised_whole() -> None:
    for text in ("-" * 80, "=" * 255, "x " + "!" * 200):
        assert nlp.piece_bounds(text) == []
        assert [t.text for t in nlp.tokenize(text)] == [t.text for t in nlp.make_doc(text)]


def test_deep_brackets_before_a_link_markdown() -> None:
    text = "[" * 8000 + "x" + "]" * 8000 + "(http://a)\n\n" + TAIL + "\n"
    base = text.index(TAIL)
    assert _found(text, "a.md", base) == _found(TAIL + "\n", "a.md", 0)


def test_many_unclosed_disable_comments() -> None:
    body = "My uncle suffers from diabetes.\n\n"
    closed = "<!-- medlint-disable P606 -- quoted -->\n" + body
    text = closed + "<!-- medlint-disable\n" * 20_000
    article, _ = parse_article("a.md", text)
    assert [(d.action, d.codes, d.start, d.end) for d in article.directives] == [
        ("disable", ("P606",), 0, closed.index("\n"))
    ]
    assert not [f for f in lint(text, "a.md") if f.code == "P606"]
    for name in ("a.txt", "a.html"):
        art, _ = parse_article(name, text)
        assert len(art.directives) == 1


def test_deeply_nested_html_keeps_block_kinds() -> None:
    n = 20_000
    article, _ = parse_article("a.html", "<li><div>item\n" * n + "<h2>Head</h2>")
    assert len(article.blocks) == n + 1
    assert {b.kind for b in article.blocks[:n]} == {"list_item"}
    assert article.blocks[-1].kind == "heading"


def test_mismatched_html_closes() -> None:
    n = 40_000
    src = "<blockquote>" + "<b>" * n + "quoted" + "</i>" * n + "</blockquote><p>after</p>"
    article, _ = parse_article("a.html", src)
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("quote", "quoted"),
        ("paragraph", "after"),
    ]
    src2 = "<p>" + "<b><i>x" * 5000 + "</b>" * 5000 + "</p><h3>Done</h3>"
    art2, _ = parse_article("a.html", src2)
    assert art2.blocks[-1].kind == "heading" and art2.blocks[-1].text == "Done"


def test_unclosed_html_comments_and_declarations() -> None:
    for junk in ("<!-- medlint-disable\n", "<!x ", "<?x "):
        src = "<p>first</p>" + junk * 20_000
        article, _ = parse_article("a.html", src)
        assert article.blocks[0].text == "first"
        start = article.blocks[0].segments
        assert start  # mapped into the source


def test_article_over_the_size_limit_is_one_e901_finding() -> None:
    from medlint.engine import MAX_ARTICLE_CHARS
    from tests.helpers import make_linter

    text = ("Take 10mg daily. " * (MAX_ARTICLE_CHARS // 17 + 2))[: MAX_ARTICLE_CHARS + 1]
    result = make_linter().lint_text("big.md", text)
    assert [f.code for f in result.findings] == ["E901"]
    assert "too large" in result.findings[0].message
    ok = make_linter(select=["M704"]).lint_text("ok.md", text[: MAX_ARTICLE_CHARS // 50])
    assert ok.findings and ok.findings[0].code == "M704"


def _plain_html(src: str) -> list[tuple[str, str]]:
    """The blocks the standard HTMLParser methods give (without medlint's guards)."""
    from html.parser import HTMLParser

    from medlint.document import html as html_reader
    from medlint.document.model import Article

    class Plain(html_reader._Walker):
        parse_starttag = HTMLParser.parse_starttag
        parse_endtag = HTMLParser.parse_endtag
        parse_html_declaration = HTMLParser.parse_html_declaration
        parse_comment = HTMLParser.parse_comment
        parse_pi = HTMLParser.parse_pi

    art = Article(path="a.html", source=src, fmt="html")
    walker = Plain(art)
    walker.feed(src)
    walker.close()
    walker.flush()
    return [(b.kind, b.text) for b in art.blocks]


JUNK = ("<a ", '<a x="y ', "<![CDATA[x]", "<![if x]", "</a ", "<![CDATA[", "<b", "&amp; <")


def test_unclosed_html_markup_reads_as_the_standard_parser() -> None:
    import random

    rng = random.Random(5)
    for _ in range(300):
        tail = "".join(rng.choice(JUNK) for _ in range(rng.randrange(1, 60)))
        for src in (f"<p>first</p>{tail}", f"<p>first</p>{tail}<p>last</p>", tail):
            article, problems = parse_article("a.html", src)
            assert [(b.kind, b.text) for b in article.blocks] == _plain_html(src), src
            assert problems == []


@pytest.mark.parametrize("junk", ["<![CDATA[x]", "<![if x]", "</a "])
def test_thousands_of_unclosed_html_markup(junk: str) -> None:
    # quadratic in the standard parser: each is read to the end of the file, then is text
    src = "<p>first</p>" + junk * 20_000
    article, problems = parse_article("a.html", src)
    assert [b.text for b in article.blocks] == ["first", (junk * 20_000).strip()]
    assert problems == []


@pytest.mark.parametrize("junk", ["<a ", '<a x="y '])
def test_thousands_of_unclosed_start_tags(junk: str) -> None:
    # start tags: the blocks before them are read, the rest is E903 (the tags are text)
    src = "<p>first</p>" + junk * 20_000
    article, problems = parse_article("a.html", src)
    assert article.blocks[0].text == "first"
    assert all(set(b.text.split()) <= set(junk.split()) for b in article.blocks[1:])
    assert [p.code for p in problems] == ["E903"]
    assert "too malformed" in problems[0].message
    assert src.startswith(junk, problems[0].start)
    # the linter on that parse (Linter.lint_text is parse_article then lint_article; the
    # parse is the slow part, so it is not repeated)
    findings = make_linter().lint_article(article, problems).findings
    assert [f.code for f in findings if f.code.startswith("E9")] == ["E903"]
