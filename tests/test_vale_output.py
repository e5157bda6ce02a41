"""``--format vale-line`` and ``--format vale-json``: Vale's line and JSON outputs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.discovery import get_registry
from medlint.engine import FileResult
from medlint.findings import Finding, Fix
from medlint.output import FORMATS, RenderContext, get_renderer
from medlint.output.vale_json import alert
from medlint.registry import Registry
from tests.acme_style import acme_loaded

ARTICLE = "# Title\n\nThis is LOUD text, psst.\n\nNothing & <nothing> here.\n"


@pytest.fixture
def acme() -> Iterator[Registry]:
    with acme_loaded() as reg:
        yield reg


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path / "a.md"


def _check(*args: str, stdin: str | None = None) -> tuple[int, str]:
    res = CliRunner().invoke(
        main, ["check", "--today", "2026-11-23", "--no-cache", *args], input=stdin
    )
    return res.exit_code, res.stdout


def test_formats_are_registered_and_in_help() -> None:
    assert FORMATS["vale-line"] == "vale_line" and FORMATS["vale-json"] == "vale_json"
    res = CliRunner().invoke(main, ["check", "--help"])
    assert "vale-line" in res.output and "vale-json" in res.output


def test_vale_line_is_exactly_vales_line_output(acme: Registry, article: Path) -> None:
    code, out = _check("--format", "vale-line", "--select", "Acme", "a.md")
    assert code == 0
    assert out == "a.md:3:9:Acme.Shout:Don't shout 'LOUD'.\na.md:3:20:Acme.Whisper:Speak up.\n"


def test_vale_line_medlint_rules_use_their_code(article: Path) -> None:
    Path("b.md").write_text("# T\n\nRead MoreWash gently.\n")
    code, out = _check("--format", "vale-line", "--select", "D304", "a.md", "b.md")
    assert code == 1  # an error finding, as with every format
    assert (
        out == "b.md:3:1:D304:scrape artifact 'Read More' fused to the text around it; delete it\n"
    )


def test_vale_line_prints_nothing_without_findings(article: Path) -> None:
    assert _check("--format", "vale-line", "--select", "D304", "a.md") == (0, "")


def test_vale_line_message_on_one_line() -> None:
    f = Finding(code="Acme.Shout", message="two\nlines", path="x.md", line=2, column=4)
    out = get_renderer("vale-line")([FileResult("x.md", [f])], RenderContext(get_registry(), 1))
    assert out == "x.md:2:4:Acme.Shout:two lines\n"


def test_vale_json_shape(acme: Registry, article: Path) -> None:
    code, out = _check("--format", "vale-json", "--select", "Acme", "a.md")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["a.md"]
    shout, whisper = data["a.md"]
    assert list(shout) == [
        "Action",
        "Span",
        "Check",
        "Description",
        "Link",
        "Message",
        "Severity",
        "Match",
        "Line",
    ]
    assert shout == {
        "Action": {"Name": "", "Params": None},
        "Span": [9, 12],
        "Check": "Acme.Shout",
        "Description": "",
        "Link": "https://example.org/acme/shout",
        "Message": "Don't shout 'LOUD'.",
        "Severity": "suggestion",
        "Match": "LOUD",
        "Line": 3,
    }
    assert whisper == {
        "Action": {"Name": "replace", "Params": ["hey"]},
        "Span": [20, 23],
        "Check": "Acme.Whisper",
        "Description": "Say it out loud.",
        "Link": "",
        "Message": "Speak up.",
        "Severity": "warning",
        "Match": "psst",
        "Line": 3,
    }


def test_vale_json_text_is_gos_marshal_indent(acme: Registry, article: Path) -> None:
    _code, out = _check("--format", "vale-json", "--select", "Acme.Whisper", "a.md")
    assert out == (
        "{\n"
        '  "a.md": [\n'
        "    {\n"
        '      "Action": {\n'
        '        "Name": "replace",\n'
        '        "Params": [\n'
        '          "hey"\n'
        "        ]\n"
        "      },\n"
        '      "Span": [\n'
        "        20,\n"
        "        23\n"
        "      ],\n"
        '      "Check": "Acme.Whisper",\n'
        '      "Description": "Say it out loud.",\n'
        '      "Link": "",\n'
        '      "Message": "Speak up.",\n'
        '      "Severity": "warning",\n'
        '      "Match": "psst",\n'
        '      "Line": 3\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_vale_json_no_findings_is_empty_object(article: Path) -> None:
    assert _check("--format", "vale-json", "--select", "D304", "a.md") == (0, "{}\n")


def test_vale_json_escapes_html_as_go_does() -> None:
    f = Finding(code="C404", message="a <b> & c\u2028", path="p&q.md", line=1, column=1)
    out = get_renderer("vale-json")([FileResult("p&q.md", [f])], RenderContext(get_registry(), 1))
    assert '"p\\u0026q.md"' in out
    assert '"Message": "a \\u003cb\\u003e \\u0026 c\\u2028"' in out
    assert json.loads(out)["p&q.md"][0]["Message"] == "a <b> & c\u2028"


def test_vale_json_medlint_rule_fields(article: Path) -> None:
    Path("b.md").write_text("# T\n\nRead MoreWash gently.\n")
    _code, out = _check("--format", "vale-json", "--select", "D304", "b.md")
    [a] = json.loads(out)["b.md"]
    assert a["Check"] == "D304" and a["Severity"] == "error"
    assert a["Action"] == {"Name": "remove", "Params": None}  # its fix deletes the text
    assert a["Match"] == "Read More" and a["Span"] == [1, 9] and a["Line"] == 3
    assert a["Description"] == get_registry().rules["D304"].summary


def test_vale_json_severity_info_is_suggestion(article: Path) -> None:
    Path("c.md").write_text("# T\n\nThe patient had dyspnea.\n")
    _code, out = _check("--format", "vale-json", "--select", "P604", "c.md")
    alerts = json.loads(out)["c.md"]
    assert alerts and {a["Severity"] for a in alerts} == {"suggestion"}


def test_vale_json_paths_sorted_and_deterministic(article: Path) -> None:
    Path("z.md").write_text("# T\n\nRead MoreWash.\n")
    Path("b.md").write_text("# T\n\nRead MoreWash.\n")
    first = _check("--format", "vale-json", "--select", "D304", "z.md", "b.md")[1]
    assert list(json.loads(first)) == ["b.md", "z.md"]
    assert _check("--format", "vale-json", "--select", "D304", "z.md", "b.md")[1] == first


def test_vale_json_stdin_has_no_match_but_a_span(article: Path) -> None:
    _code, out = _check(
        "--format", "vale-json", "--select", "D304", "-", stdin="# T\n\nRead MoreWash.\n"
    )
    [a] = json.loads(out)["-"]
    assert a["Match"] == "" and a["Span"] == [1, 9]


def test_vale_json_stdin_filename_does_not_read_another_text(article: Path) -> None:
    # a.md on disk is not the text on standard input: its words are never the Match
    _code, out = _check(
        "--format",
        "vale-json",
        "--select",
        "D304",
        "--stdin-filename",
        "a.md",
        "-",
        stdin="# T\n\nRead MoreWash.\n",
    )
    [a] = json.loads(out)["a.md"]
    assert a["Match"] == "" and a["Span"] == [1, 9]


def test_vale_json_multi_line_span_ends_at_line_end() -> None:
    src = "ab cdef\nghi\n"
    f = Finding(code="C404", message="m", start=3, end=10, line=1, column=4, end_line=2)
    f.end_column = 3
    a = alert(f, None, src)
    assert a["Match"] == "cdef\ngh" and a["Span"] == [4, 8]  # 8 = the line with its break


def test_vale_json_extra_overrides(acme: Registry) -> None:
    f = Finding(code="Acme.Shout", message="m", start=0, end=4, line=1, column=1, end_column=5)
    f.extra["vale"] = {
        "Match": "LOUD!",
        "Action": {"Name": "edit", "Params": ["remove", "!"]},
        "Description": "d",
        "Link": "l",
    }
    f.fix = Fix(0, 4, "loud")
    a = alert(f, acme.rules["Acme.Shout"], "LOUD text")
    assert (a["Match"], a["Action"], a["Description"], a["Link"]) == (
        "LOUD!",
        {"Name": "edit", "Params": ["remove", "!"]},
        "d",
        "l",
    )
    assert a["Span"] == [1, 4]


def test_vale_json_empty_params_are_null(acme: Registry) -> None:
    f = Finding(code="Acme.Shout", message="m", start=0, end=4, line=1, column=1, end_column=5)
    f.extra["vale"] = {"Action": {"Name": "", "Params": []}, "Severity": "error"}
    f.severity = "info"
    a = alert(f, acme.rules["Acme.Shout"], "LOUD text")
    assert a["Action"] == {"Name": "", "Params": None}
    assert a["Severity"] == "suggestion"  # the finding's severity, not extra's


def test_sarif_with_style_rules_is_valid(acme: Registry, article: Path) -> None:
    import jsonschema

    schema_path = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
    _code, out = _check("--format", "sarif", "--select", "Acme", "a.md")
    sarif = json.loads(out)
    jsonschema.validate(
        sarif, json.loads(schema_path.read_text("utf-8")), format_checker=jsonschema.FormatChecker()
    )
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["Acme.Shout"]["helpUri"] == "https://example.org/acme/shout"
    assert rules["Acme.Shout"]["properties"]["tags"] == ["medical-editorial", "Acme"]
    assert "helpUri" not in rules["Acme.Whisper"]
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["Acme.Shout", "Acme.Whisper"]


@pytest.mark.parametrize("fmt", ["github", "junit", "json", "text"])
def test_other_formats_carry_style_codes(acme: Registry, article: Path, fmt: str) -> None:
    _code, out = _check("--format", fmt, "--select", "Acme", "a.md")
    assert "Acme.Shout" in out and "Acme.Whisper" in out
