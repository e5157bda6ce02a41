"""Style rules (``Style.Rule`` codes, as Vale names its rules) work wherever medlint codes do:
the registry, selectors, severities, suppressions, baselines, `medlint rule(s)`, reports.

The rule here is a tiny in-test rule ``Acme.Shout`` registered through the public API
(:func:`medlint.registry.add_style_rules`), not a Vale style.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.config import ConfigError, build_settings
from medlint.discovery import get_registry
from medlint.registry import (
    Registry,
    RegistryError,
    Rule,
    add_style_rules,
    is_style_code,
    style_of,
    style_rule,
)
from tests.acme_style import acme_loaded, acme_rules, shout
from tests.helpers import codes, lint, lint_result, make_linter


@pytest.fixture
def acme() -> Iterator[Registry]:
    """The process-wide registry with the Acme style loaded (removed afterwards)."""
    with acme_loaded() as reg:
        yield reg


TEXT = "# Title\n\nThis is LOUD text.\n\nAnd psst, a secret.\n"


# -- the registry ---------------------------------------------------------------


def test_style_codes_are_recognised() -> None:
    assert is_style_code("Microsoft.Contractions")
    assert is_style_code("write-good.Passive")
    assert is_style_code("demo.Ending-Preposition")
    assert not is_style_code("C401")
    assert not is_style_code("Microsoft")
    assert not is_style_code("a.b.c")
    assert style_of("Acme.Shout") == "Acme"
    assert style_of("C401") == ""


def test_style_rule_maps_levels_and_defaults() -> None:
    r = style_rule("Acme.Shout", shout, level="suggestion")
    assert (r.severity, r.name, r.origin, r.style, r.group) == (
        "info",
        "Acme.Shout",
        "vale:Acme",
        "Acme",
        "Acme",
    )
    with pytest.raises(RegistryError, match=r"Style\.Rule"):
        style_rule("Shout", shout)
    with pytest.raises(RegistryError, match="level"):
        style_rule("Acme.Shout", shout, level="fatal")


def test_add_style_rules_refuses_medlint_codes_and_clashes(acme: Registry) -> None:
    bad = Rule(code="C999", name="c", severity="info", summary="s", check=shout)
    with pytest.raises(RegistryError, match=r"Style\.Rule"):
        add_style_rules(acme, [bad])
    other = style_rule("Acme.Shout", shout, origin="vale:elsewhere")
    with pytest.raises(RegistryError, match="already used"):
        add_style_rules(acme, [other])
    # the same origin again replaces (a configuration read a second time)
    add_style_rules(acme, acme_rules())
    assert acme.rules["Acme.Shout"].severity == "info"


def test_expand_style_and_style_rule(acme: Registry) -> None:
    assert acme.expand("Acme") == ["Acme.Shout", "Acme.Whisper"]
    assert acme.expand("Acme.Shout") == ["Acme.Shout"]
    assert "Acme.Shout" in acme.expand("ALL")
    # prefixes are medlint's: "A" is A501, never the Acme style
    assert acme.expand("A") == ["A501"]
    # style names are case-sensitive, as in Vale
    assert acme.expand("acme") == []
    assert acme.expand("acme.shout") == []
    assert acme.get("c401") is not None  # medlint codes stay case-insensitive
    assert "Acme" in acme.known_selectors()


def test_rules_list_medlint_rules_first(acme: Registry) -> None:
    listed = [r.code for r in acme]
    assert listed[-2:] == ["Acme.Shout", "Acme.Whisper"]
    assert listed[0] == "A501"


# -- running, selecting and severity -------------------------------------------


def test_style_rule_runs_and_is_selected_by_style(acme: Registry) -> None:
    fs = lint(TEXT, select=["Acme"])
    assert [(f.code, f.line, f.column, f.severity, f.name) for f in fs] == [
        ("Acme.Shout", 3, 9, "info", "Acme.Shout"),
        ("Acme.Whisper", 5, 5, "warning", "Acme.Whisper"),
    ]
    assert codes(lint(TEXT, select=["Acme.Whisper"])) == ["Acme.Whisper"]
    assert codes(lint(TEXT, select=["Acme"], config={"ignore": ["Acme.Shout"]})) == ["Acme.Whisper"]
    assert codes(lint(TEXT, select=["A"])) == []  # A501 only


def test_style_rules_run_by_default(acme: Registry) -> None:
    assert {"Acme.Shout", "Acme.Whisper"} <= set(codes(lint(TEXT)))


def test_severity_by_style_and_by_rule(acme: Registry) -> None:
    cfg = {"severity": {"Acme": "error", "Acme.Whisper": "info"}}
    fs = lint(TEXT, select=["Acme"], config=cfg)
    assert [(f.code, f.severity) for f in fs] == [("Acme.Shout", "error"), ("Acme.Whisper", "info")]


def test_per_file_ignores_style(acme: Registry, tmp_path: Path) -> None:
    linter = make_linter({"per-file-ignores": {"*.md": ["Acme"]}}, ["Acme"], root=tmp_path)
    assert codes(linter.lint_text(str(tmp_path / "a.md"), TEXT).findings) == []
    assert codes(linter.lint_text(str(tmp_path / "a.txt"), TEXT).findings) != []


def test_config_names_style_only_when_loaded(acme: Registry) -> None:
    build_settings({"select": ["Acme", "Acme.Shout"]}, acme, "x.yaml", Path.cwd())
    with pytest.raises(ConfigError) as err:
        build_settings({"ignore": ["Acme.Shuot"]}, acme, "x.yaml", Path.cwd())
    assert err.value.key == "ignore" and err.value.suggestion == "Acme.Shout"
    with pytest.raises(ConfigError) as err:
        build_settings({"severity": {"acme": "error"}}, acme, "x.yaml", Path.cwd())
    assert err.value.suggestion == "Acme"


def test_config_refuses_style_not_loaded() -> None:
    with pytest.raises(ConfigError, match="unknown rule code or name 'Acme'"):
        build_settings({"select": ["Acme"]}, get_registry(), "x.yaml", Path.cwd())


# -- suppressions ---------------------------------------------------------------


def test_medlint_disable_style_rule_and_style(acme: Registry) -> None:
    sel = ["Acme", "X001"]
    text = "# T\n\n<!-- medlint-disable-next-line Acme.Shout -->\nThis is LOUD, psst.\n"
    assert codes(lint(text, select=sel)) == ["Acme.Whisper"]
    text = "# T\n\n<!-- medlint-disable-next-line Acme -->\nThis is LOUD, psst.\n"
    assert codes(lint(text, select=sel)) == []
    # a style rule the comment names but that silences nothing is X001, like any code
    text = "# T\n\n<!-- medlint-disable-next-line Acme.Shout -->\nQuiet text.\n"
    fs = lint(text, select=sel)
    assert codes(fs) == ["X001"] and "Acme.Shout" in fs[0].message


def test_medlint_disable_unknown_style_rule_is_x001(acme: Registry) -> None:
    text = "# T\n\n<!-- medlint-disable-next-line Nope.Rule -->\nThis is LOUD.\n"
    assert codes(lint(text, select=["Acme", "X001"])) == ["X001", "Acme.Shout"]


def test_front_matter_ignores_style(acme: Registry) -> None:
    text = "---\nmedlint:\n  ignore: [Acme]\n---\n# T\n\nThis is LOUD, psst.\n"
    assert codes(lint(text, select=["Acme"])) == []
    text = "---\nmedlint:\n  ignore: [Acme.Whisper]\n---\n# T\n\nThis is LOUD, psst.\n"
    assert codes(lint(text, select=["Acme"])) == ["Acme.Shout"]


# -- baselines ------------------------------------------------------------------


def test_baseline_records_and_drops_style_findings(acme: Registry, tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(TEXT)
    base = tmp_path / "baseline.json"
    run = CliRunner().invoke(
        main, ["check", "--select", "Acme", "--write-baseline", str(base), str(art)]
    )
    assert run.exit_code == 0, run.output
    entries = json.loads(base.read_text())["entries"]
    assert sorted(e["code"] for e in entries) == ["Acme.Shout", "Acme.Whisper"]
    art.write_text(TEXT + "\nMore SHOUTING here.\n")
    run = CliRunner().invoke(
        main, ["check", "--select", "Acme", "--baseline", str(base), "-q", str(art)]
    )
    assert "1 problem" in run.output
    run = CliRunner().invoke(main, ["check", "--select", "Acme", "--baseline", str(base), str(art)])
    assert f"{art}:7:6: Acme.Shout [info] Don't shout 'SHOUTING'. (Acme.Shout)" in run.output


# -- the command line -----------------------------------------------------------


def test_cli_select_and_unknown_style_rule(acme: Registry, tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(TEXT)
    run = CliRunner().invoke(main, ["check", "--select", "Acme.Shout", str(art)])
    assert f"{art}:3:9: Acme.Shout [info] Don't shout 'LOUD'. (Acme.Shout)" in run.output
    assert "Acme.Whisper" not in run.output
    run = CliRunner().invoke(main, ["check", "--ignore", "Acme.Shuot", str(art)])
    assert run.exit_code == 2
    assert "unknown rule code or name 'Acme.Shuot' (did you mean 'Acme.Shout'?)" in run.output


def test_cli_style_not_loaded_is_an_error(tmp_path: Path) -> None:
    art = tmp_path / "a.md"
    art.write_text(TEXT)
    run = CliRunner().invoke(main, ["check", "--select", "Microsoft", str(art)])
    assert run.exit_code == 2
    assert "unknown rule code or name 'Microsoft'" in run.output


def test_rule_and_rules_commands(acme: Registry) -> None:
    run = CliRunner().invoke(main, ["rule", "Acme.Shout"])
    assert run.exit_code == 0, run.output
    assert run.output.startswith("Acme.Shout [info]\n\nWords in capitals")  # the code once
    assert "How to fix" not in run.output and "autofix" not in run.output
    assert "https://example.org/acme/shout" in run.output
    assert "Select or ignore it as Acme.Shout or Acme (its style)." in run.output
    run = CliRunner().invoke(main, ["rule", "Acme.Whisper"])  # fixable: it says so
    assert run.output.startswith("Acme.Whisper [warning]\n")
    assert (
        "How to fix\n  Make the change the finding suggests.  (autofix: `medlint check --fix`)"
        in (run.output)
    )
    run = CliRunner().invoke(main, ["rule", "Acme.Shot"])
    assert run.exit_code == 2 and "did you mean 'Acme.Shout'?" in run.output
    run = CliRunner().invoke(main, ["rules"])
    lines = run.output.splitlines()
    assert lines[-2].split()[:3] == ["Acme.Shout", "Acme.Shout", "info"]
    assert lines[0].startswith("A501          ")  # the code column is as wide as the longest
    data = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert data[-1]["code"] == "Acme.Whisper" and data[-1]["origin"] == "vale:Acme"
    shout = next(d for d in data if d["code"] == "Acme.Shout")
    assert shout["link"] == "https://example.org/acme/shout"
    assert list(shout)[-2:] == ["origin", "link"]  # added at the end: older keys keep their place
    assert next(d for d in data if d["code"] == "D304")["link"] is None


# -- reports --------------------------------------------------------------------


def test_report_groups_a_style_by_itself(acme: Registry) -> None:
    from medlint.report.model import group_name, group_of

    assert group_of("Acme.Shout") == "Acme"
    assert group_of("C401") == "C"
    assert group_of("Z901") == "other"
    assert group_name("Acme") == "Vale style"


def test_report_counts_style_findings(acme: Registry, tmp_path: Path) -> None:
    from medlint.report.model import build_report

    linter = make_linter({}, ["Acme", "R101"])
    result = lint_result(TEXT, select=["Acme", "R101"])
    data = build_report([result], linter.settings, acme, set(linter.selected))
    assert data.rows[0].by_group["Acme"] == 2
    assert data.summary["by_group"]["Acme"] == 2
    assert list(data.summary["by_group"])[-1] == "Acme"
    import io

    from medlint.report import write_report

    for fmt, expected in (("md", "| Acme Vale style | 2 |"), ("html", "Acme Vale style")):
        out = io.StringIO()
        write_report(data, fmt, out)
        assert expected in out.getvalue(), fmt


# -- Vale's comments ------------------------------------------------------------

SEL_X = ["Acme", "X001", "X002", "C404"]


def _seen(text: str, name: str = "a.md", config: dict[str, object] | None = None) -> list[str]:
    return [f"{f.line}:{f.code}" for f in lint(text, name=name, select=SEL_X, config=config)]


def test_vale_off_on_silences_style_rules_only(acme: Registry) -> None:
    text = (
        "# T\n\nLOUD one.\n\n<!-- vale off -->\n\nLOUD two, psst.\n\n"
        "<!-- vale on -->\n\nLOUD three.\n"
    )
    assert _seen(text) == ["3:Acme.Shout", "11:Acme.Shout"]


def test_vale_off_keeps_medlint_rules(acme: Registry) -> None:
    # C404 is medlint's own rule: Vale's comments do not reach it
    text = "# T\n\n<!-- vale off -->\nThis MIRACLE pill is a guaranteed cure.\n"
    assert sorted(set(_seen(text))) == ["4:C404"]
    text = text.replace("vale off", "vale on")
    assert sorted(set(_seen(text))) == ["4:Acme.Shout", "4:C404"]


def test_vale_rule_and_style_no_yes(acme: Registry) -> None:
    text = (
        "# T\n\n<!-- vale Acme.Shout = NO -->\n\nLOUD, psst.\n\n"
        "<!-- vale Acme.Shout = YES -->\n\nLOUD, psst.\n\n"
        "<!-- vale Acme = NO -->\n\nLOUD, psst.\n\n"
        "<!-- vale Acme = YES -->\n\nLOUD.\n\n"
        "<!-- vale Acme.Whisper = off -->\n\npsst.\n"
    )
    assert _seen(text) == ["5:Acme.Whisper", "9:Acme.Shout", "9:Acme.Whisper", "17:Acme.Shout"]


def test_vale_style_no_is_not_undone_by_rule_yes(acme: Registry) -> None:
    # as Vale's QueryComments: a style turned off stays off for each of its rules
    text = "# T\n\n<!-- vale Acme = NO -->\n<!-- vale Acme.Shout = YES -->\n\nLOUD.\n"
    assert _seen(text) == []


def test_vale_match_specific_comment(acme: Registry) -> None:
    text = (
        '# T\n\n<!-- vale Acme.Shout["LOUD", "NASA"] = NO -->\n\nLOUD NASA WORDS.\n\n'
        '<!-- vale Acme.Shout["LOUD"] = YES -->\n\nLOUD NASA.\n'
    )
    assert _seen(text) == ["5:Acme.Shout", "9:Acme.Shout"]
    fs = lint(text, select=["Acme"])
    assert [f.message for f in fs] == ["Don't shout 'WORDS'.", "Don't shout 'LOUD'."]


def test_vale_styles_comment_keeps_only_those(acme: Registry) -> None:
    text = "# T\n\n<!-- vale styles = Other, Elsewhere -->\n\nLOUD, psst.\n"
    assert _seen(text) == []
    text = "# T\n\n<!-- vale style = Acme -->\n\nLOUD, psst.\n"
    assert _seen(text) == ["5:Acme.Shout", "5:Acme.Whisper"]


def test_vale_comments_in_html_not_in_text(acme: Registry) -> None:
    html = "<p>LOUD.</p>\n<!-- vale off -->\n<p>LOUD.</p>\n"
    assert _seen(html, name="a.html") == ["1:Acme.Shout"]
    txt = "Title\n\nLOUD.\n<!-- vale off -->\nLOUD.\n"
    assert _seen(txt, name="a.txt") == ["3:Acme.Shout", "5:Acme.Shout"]


VALE_CODE_EXAMPLES = {
    "backtick fence with info": "```markdown\n{c}\n```",
    "backtick fence": "```\n{c}\n```",
    "tilde fence": "~~~\n{c}\n~~~",
    "tilde fence with info": "~~~ html\n{c}\n~~~",
    "indented code": "    {c}",
    "inline code": "Write `{c}` to stop Vale.",
    "fence in a list item": "- Example:\n\n  ```\n  {c}\n  ```",
}


@pytest.mark.parametrize(
    "comment", ["<!-- vale off -->", "<!-- vale Acme.Shout = NO -->", "<!-- vale Acme = NO -->"]
)
@pytest.mark.parametrize("example", list(VALE_CODE_EXAMPLES.values()), ids=list(VALE_CODE_EXAMPLES))
def test_vale_comment_inside_markdown_code_is_code_text(
    acme: Registry, example: str, comment: str
) -> None:
    # as Vale: Markdown code is rendered as text (&lt;!--), not as an HTML comment
    text = f"# T\n\nLOUD one.\n\n{example.format(c=comment)}\n\nLOUD two.\n"
    n = text.count("\n")
    assert _seen(text) == ["3:Acme.Shout", f"{n}:Acme.Shout"]


def test_vale_comment_after_a_code_example_still_works(acme: Registry) -> None:
    text = (
        "# T\n\n```\n<!-- vale on -->\n```\n\n<!-- vale off -->\n\nLOUD.\n\n"
        "Write `<!-- vale on -->` to start again.\n\nLOUD.\n"
    )
    assert _seen(text) == []


def test_vale_comment_inside_html_pre_still_counts(acme: Registry) -> None:
    # in HTML a comment inside <pre> is a comment (Vale reads it); an escaped one is text
    html = "<p>LOUD.</p>\n<pre><!-- vale off --></pre>\n<p>LOUD.</p>\n"
    assert _seen(html, name="a.html") == ["1:Acme.Shout"]
    html = "<p>LOUD.</p>\n<pre>&lt;!-- vale off --&gt;</pre>\n<p>LOUD.</p>\n"
    assert _seen(html, name="a.html") == ["1:Acme.Shout", "3:Acme.Shout"]


def test_vale_comments_are_never_x001_or_x002(acme: Registry) -> None:
    text = "# T\n\n<!-- vale off -->\n\nQuiet text.\n\n<!-- vale Acme.Shout = NO -->\n"
    assert _seen(text, config={"require-reason": True}) == []


def test_unrecognised_vale_comments_do_nothing(acme: Registry) -> None:
    text = (
        "# T\n\n<!-- vale  off -->\n<!-- vale Acme.Shout == NO -->\n"
        '<!-- vale Acme.Shout["LOUD" = NO -->\n<!-- valentine -->\n\nLOUD.\n'
    )
    assert _seen(text) == ["8:Acme.Shout"]


def test_vale_comment_and_medlint_directive_together(acme: Registry) -> None:
    text = (
        "# T\n\n<!-- vale Acme.Shout = NO -->\n"
        "<!-- medlint-disable-next-line Acme.Whisper -->\nLOUD, psst.\n"
    )
    assert _seen(text) == []


def test_rule_command_on_a_style_lists_its_rules(acme: Registry) -> None:
    run = CliRunner().invoke(main, ["rule", "Acme"])
    assert run.exit_code == 0, run.output
    assert run.output.splitlines()[:4] == [
        "Acme: a style with 2 rules loaded",
        "",
        "  Acme.Shout    info     Words in capitals read as shouting.",
        "  Acme.Whisper  warning  No whispering.",
    ]


def test_raw_scope_alerts_only_see_vale_off_at_the_end(acme: Registry) -> None:
    from medlint.document import parse_article
    from medlint.findings import Finding as F
    from medlint.suppress import apply_suppressions

    def raw_findings(text: str) -> list[int]:
        article, _ = parse_article("a.md", text)
        found = []
        for i in range(len(text)):
            if text.startswith("LOUD", i):
                f = F(code="Acme.Shout", message="m", start=i, end=i + 4)
                f.line = article.line_of(i)
                f.extra["vale"] = {"Raw": True}
                found.append(f)
        kept = apply_suppressions(article, found, acme, False, {"Acme.Shout"})
        return [f.line for f in kept]

    # Vale runs raw rules after the comments: per-rule comments do not reach them
    text = "# T\n\n<!-- vale Acme.Shout = NO -->\n\nLOUD.\n\n<!-- vale off -->\nLOUD.\n<!-- vale on -->\n"
    assert raw_findings(text) == [5, 8]
    # ... but a vale off open at the end of the file silences them all
    assert raw_findings("# T\n\nLOUD.\n\n<!-- vale off -->\nLOUD.\n") == []


SHARED_STYLES = Path(__file__).resolve().parents[1].parent / "shared" / "vale" / "styles"


@pytest.mark.skipif(not SHARED_STYLES.is_dir(), reason="../shared/vale is absent")
def test_rule_explains_a_fixable_vale_rule(tmp_path: Path) -> None:
    """`medlint rule Microsoft.Contractions`: the code once, and that --fix applies it."""
    ini = tmp_path / ".vale.ini"
    ini.write_text(f"StylesPath = {SHARED_STYLES}\n[*.md]\nBasedOnStyles = Microsoft\n")
    cfg = tmp_path / ".medlint.yaml"
    cfg.write_text("vale-config: .vale.ini\n", encoding="utf-8")
    # in a process of its own: the style must not stay in this process's registry
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "rule", "Microsoft.Contractions", "--config", str(cfg)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "Microsoft.Contractions [error]"
    assert "(autofix: `medlint check --fix`)" in run.stdout
