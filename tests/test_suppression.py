"""Inline suppression comments, front matter ignores, X001 and X002."""

from __future__ import annotations

import pytest

from tests.helpers import codes, lint

SEL = ["D304", "X001", "X002"]


def test_disable_next_line_with_reason() -> None:
    text = (
        "# T\n\n<!-- medlint-disable-next-line D304 -- sample chrome for training -->\nRead More\n"
    )
    assert codes(lint(text, select=SEL, config={"require-reason": True})) == []


def test_disable_enable_block_and_all_rules() -> None:
    text = "# T\n\n<!-- medlint-disable -->\nRead More\n\nAdvertisement\n<!-- medlint-enable -->\n\nShare this article\n"
    fs = lint(text, select=SEL)
    assert [(f.code, f.line) for f in fs] == [("D304", 9)]


def test_disable_by_rule_name_and_prefix() -> None:
    text = "# T\n\n<!-- medlint-disable-next-line scrape-artifact -->\nRead More\n<!-- medlint-disable-next-line D3 -->\nAdvertisement\n"
    assert codes(lint(text, select=SEL)) == []


def test_unused_suppression_is_x001() -> None:
    text = "# T\n\n<!-- medlint-disable-next-line D304 -->\nA perfectly clean sentence.\n"
    fs = lint(text, select=SEL)
    assert [(f.code, f.line, f.column) for f in fs] == [("X001", 3, 1)]
    assert "suppresses nothing" in fs[0].message


def test_x002_only_when_reason_required() -> None:
    text = "# T\n\n<!-- medlint-disable-next-line D304 -->\nRead More\n"
    assert codes(lint(text, select=SEL)) == []
    fs = lint(text, select=SEL, config={"require-reason": True})
    assert [(f.code, f.line) for f in fs] == [("X002", 3)]


def test_front_matter_ignore() -> None:
    text = "---\nmedlint:\n  ignore: [D304]\n---\n# T\n\nRead More\n"
    assert codes(lint(text, select=SEL)) == []


def test_suppression_in_html_and_txt() -> None:
    html = "<p>Intro.</p>\n<!-- medlint-disable-next-line D304 -->\n<p>Read More</p>\n"
    assert codes(lint(html, name="a.html", select=SEL)) == []
    txt = "Title\n<!-- medlint-disable-next-line D304 -->\nRead More\n"
    assert codes(lint(txt, name="a.txt", select=SEL)) == []


def test_unselected_rule_does_not_make_x001_noise_when_x001_ignored() -> None:
    text = "# T\n\n<!-- medlint-disable-next-line D304 -->\nClean.\n"
    assert codes(lint(text, select=["D304"])) == []


# Comments inside Markdown code are examples shown to the reader (an article documenting
# medlint), not directives: they suppress nothing and are never X001 or X002.
CODE_EXAMPLES = {
    "backtick fence with info": "```markdown\n{c}\n```",
    "backtick fence": "```\n{c}\n```",
    "tilde fence": "~~~\n{c}\n~~~",
    "tilde fence with info": "~~~ html\n{c}\n~~~",
    "longer fence": "````md\n```\n{c}\n```\n````",
    "indented code": "    {c}",
    "inline code": "Write `{c}` above a line.",
    "double-backtick inline code": "Write ``{c}`` above a line.",
    "fence in a list item": "- Example:\n\n  ```\n  {c}\n  ```",
    "fence in a quote": "> ```\n> {c}\n> ```",
}
DIRECTIVES = (
    "<!-- medlint-disable -->",
    "<!-- medlint-disable D304 -->",
    "<!-- medlint-disable-file -->",
    "<!-- medlint-disable-next-line -->",
    "<!-- medlint-disable-line D304 --> Read More",
)


@pytest.mark.parametrize("directive", DIRECTIVES)
@pytest.mark.parametrize("example", list(CODE_EXAMPLES.values()), ids=list(CODE_EXAMPLES))
def test_directive_inside_code_does_nothing(example: str, directive: str) -> None:
    text = f"# T\n\n{example.format(c=directive)}\n\nRead More\n"
    fs = lint(text, select=SEL, config={"require-reason": True})
    assert [(f.code, f.line) for f in fs] == [("D304", text.count("\n"))]


def test_real_directive_after_a_code_example_still_works() -> None:
    text = (
        "# T\n\n```\n<!-- medlint-disable-next-line D304 -->\n```\n\n"
        "<!-- medlint-disable-next-line D304 -- sample chrome -->\nRead More\n\nAdvertisement\n"
    )
    fs = lint(text, select=SEL, config={"require-reason": True})
    assert [(f.code, f.line) for f in fs] == [("D304", 10)]


def test_unclosed_example_in_code_does_not_swallow_the_next_directive() -> None:
    # the example's "<!--" has no "-->" in the code: the next real comment's is not its end
    text = (
        "# T\n\nWrite `<!-- medlint-disable` to start.\n\n"
        "<!-- medlint-disable-next-line D304 -- sample chrome -->\nRead More\n"
    )
    assert codes(lint(text, select=SEL, config={"require-reason": True})) == []
