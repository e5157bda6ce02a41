"""medlint's Vale engine (medlint/vale) on small styles written here, one per rule type,
and its wiring (``vale-config``, Vale's own search for ``.vale.ini``)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.discovery import reset_registry
from medlint.document import parse_article
from medlint.vale.ini import ValeConfigError, glob_matches, parse_config
from medlint.vale.lint import ValeProject
from medlint.vale.scopes import sentences


@pytest.fixture(autouse=True)
def _fresh_registry() -> None:
    reset_registry()  # style rules registered by one test must not leak into the next


def project(
    tmp_path: Path, rules: dict[str, str], ini: str = "", vocab: dict[str, str] | None = None
) -> ValeProject:
    """A project in ``tmp_path``: style ``House`` with ``rules`` (name → YAML)."""
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    for name, body in rules.items():
        (style / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    for name, text in (vocab or {}).items():
        folder = tmp_path / "styles" / "config" / "vocabularies" / "Team"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    cfg = (
        ini or "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = House\n"
    )
    (tmp_path / ".vale.ini").write_text(cfg, encoding="utf-8")
    return ValeProject.load(tmp_path / ".vale.ini")


def alerts(p: ValeProject, text: str, name: str = "note.md") -> list[str]:
    article, _ = parse_article(name, text, None, None)
    out = []
    for a in p.lint(article):
        line, col = article.line_col(a.start)
        out.append(f"{line}:{col}:{a.check}:{a.message}")
    return out


def test_existence_word_boundaries_exceptions_and_ignorecase(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Hedge": """\
            extends: existence
            message: "Drop '%s'."
            ignorecase: true
            level: warning
            tokens: [basically, sort of]
            exceptions: [Basically]
            """
        },
    )
    # exceptions are case-sensitive patterns tested on the match itself, as in Vale
    got = alerts(p, "Basically fine.\n\nIt is sort of rare, basically, not basicallyish.\n")
    assert got == ["3:7:House.Hedge:Drop 'sort of'.", "3:21:House.Hedge:Drop 'basically'."]


def test_existence_raw_and_nonword_and_lookbehind(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Dose": """\
            extends: existence
            message: "Put a space in '%s'."
            nonword: true
            tokens: ['(?<![\\d.])\\d+mg']
            """,
            "Spaces": """\
            extends: existence
            message: "One space after '%s'"
            raw: ['[a-z][.] {2,}']
            """,
        },
    )
    got = alerts(p, "Take 10mg daily.  Not 2.5mg either.\n")
    assert got == [
        "1:6:House.Dose:Put a space in '10mg'.",
        "1:15:House.Spaces:One space after 'y.  '",
    ]


def test_substitution_swap_capitalize_and_fix(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Plain": """\
            extends: substitution
            message: "Use '%s' instead of '%s'."
            ignorecase: true
            capitalize: true
            action:
              name: replace
            swap:
              utilise: use
              (?:commence|initiate): start
              javascript: JavaScript
            """
        },
    )
    text = "Utilise the kit. We commence today. JavaScript is fine; javascript is not.\n"
    got = alerts(p, text)
    assert got == [
        "1:1:House.Plain:Use 'Use' instead of 'Utilise'.",
        "1:21:House.Plain:Use 'start' instead of 'commence'.",
        "1:57:House.Plain:Use 'JavaScript' instead of 'javascript'.",
    ]
    article, _ = parse_article("note.md", text, None, None)
    first = p.lint(article)[0]
    assert first.replacements == ["Use"]


def test_substitution_lookahead_key_keeps_its_suggestion(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Ahead": """\
            extends: substitution
            message: "Use '%s' instead of '%s'."
            swap:
              'e-mail(?= address)': email
            """
        },
    )
    assert alerts(p, "Send an e-mail address.\n") == [
        "1:9:House.Ahead:Use 'email' instead of 'e-mail'."
    ]


def test_occurrence_repetition_consistency_conditional(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Long": """\
            extends: occurrence
            message: "More than 5 words (%s)."
            scope: sentence
            max: 5
            token: '\\b\\w+\\b'
            """,
            "Twice": """\
            extends: repetition
            message: "'%s' twice."
            alpha: true
            tokens: ['[^\\s]+']
            """,
            "Spelling": """\
            extends: consistency
            message: "Spell it one way: '%s'."
            either:
              anaemia: anemia
            """,
            "Acronym": """\
            extends: conditional
            message: "Define '%s' first."
            first: '\\b([A-Z]{3,5})\\b'
            second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
            """,
        },
    )
    text = (
        "Iron deficiency anemia is common in the the winter months.\n\n"
        "Some anaemia is tiring. See the NIH page. The National Cancer Institute (NCI) helps; NCI says so.\n"
    )
    got = alerts(p, text)
    assert "1:1:House.Long:More than 5 words (10)." in got
    assert "1:37:House.Twice:'the' twice." in got
    assert "3:6:House.Spelling:Spell it one way: 'anaemia'." in got
    assert "3:33:House.Acronym:Define 'NIH' first." in got
    assert not any("'NCI'" in g for g in got)


def test_capitalization_sentence_and_title_on_headings(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Sentence": """\
            extends: capitalization
            message: "'%s' should be sentence case."
            scope: heading.h2
            match: $sentence
            exceptions: [COVID]
            """,
            "Title": """\
            extends: capitalization
            message: "'%s' should be title case."
            scope: heading.h1
            match: $title
            """,
        },
    )
    got = alerts(
        p, "# Living with diabetes\n\n## Treatment Options For Adults\n\n## COVID and you\n"
    )
    assert got == [
        "1:3:House.Title:'Living with diabetes' should be title case.",
        "3:4:House.Sentence:'Treatment Options For Adults' should be sentence case.",
    ]


def test_metric_formula(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Headings": """\
            extends: metric
            message: "Too many top headings (%s)."
            formula: heading.h1
            condition: "> 1"
            """
        },
    )
    assert alerts(p, "# One\n\nSome text here.\n\n# Two\n\nMore text.\n") == [
        "1:1:House.Headings:Too many top headings (2.00)."
    ]


def test_scopes_negation_and_sentences(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "NotInHeadings": """\
            extends: existence
            message: "'%s' outside headings."
            scope: ~heading
            tokens: [patients]
            """,
            "SentenceStart": """\
            extends: existence
            message: "Starts with '%s'."
            scope: sentence
            tokens: ['^And']
            nonword: true
            """,
        },
    )
    got = alerts(
        p, "# For patients\n\nMost patients recover. And then they rest.\n\n- patients again\n"
    )
    assert got == [
        "3:6:House.NotInHeadings:'patients' outside headings.",
        "3:24:House.SentenceStart:Starts with 'And'.",
        "5:3:House.NotInHeadings:'patients' outside headings.",
    ]


def test_vocabulary_terms_avoid_and_accepted_words_stay_quiet(tmp_path: Path) -> None:
    ini = "StylesPath = styles\nVocab = Team\n\n[*.md]\nBasedOnStyles = Vale, House\n"
    p = project(
        tmp_path,
        {"Caps": "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: ['[A-Z]{4,}']\n"},
        ini,
        {"accept.txt": "# team terms\nMedlint\nHIPAA\n", "reject.txt": "sufferer\n"},
    )
    got = alerts(p, "medlint checks HIPAA and NHSX text for every sufferer.\n")
    assert got == [
        "1:1:Vale.Terms:Use 'Medlint' instead of 'medlint'.",
        "1:26:House.Caps:Avoid 'NHSX'.",
        "1:46:Vale.Avoid:Avoid using 'sufferer'.",
    ]
    assert p.styles.unsupported == {"Vale.Spelling": "spelling"}


def test_ini_levels_off_switches_and_min_alert_level(tmp_path: Path) -> None:
    rules = {
        "A": "extends: existence\nmessage: A\nlevel: suggestion\ntokens: [alpha]\n",
        "B": "extends: existence\nmessage: B\nlevel: warning\ntokens: [beta]\n",
        "C": "extends: existence\nmessage: C\nlevel: error\ntokens: [gamma]\n",
    }
    ini = (
        "StylesPath = styles\nMinAlertLevel = warning\n\n[*]\nBasedOnStyles = House\n"
        "House.A = error\nHouse.C = NO\n\n[*.txt]\nHouse.B = NO\n"
    )
    p = project(tmp_path, rules, ini)
    assert alerts(p, "alpha beta gamma\n") == ["1:1:House.A:A", "1:7:House.B:B"]
    assert alerts(p, "alpha beta gamma\n", "note.txt") == ["1:1:House.A:A"]


def test_unsupported_types_are_named_and_bad_rules_reported(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Spell": "extends: spelling\nmessage: \"'%s'?\"\n",
            "Code": "extends: script\nmessage: x\nscript: 'x := 1'\n",
            "Broken": "extends: existence\nmessage: x\ntokens: ['(unclosed']\n",
            "Odd": "extends: existence\nmessage: x\ntokens: [a]\nwhatever: 1\n",
        },
    )
    assert p.styles.unsupported == {"House.Spell": "spelling", "House.Code": "script"}
    assert set(p.styles.errors) == {"House.Broken", "House.Odd"}


def test_ini_parsing_and_globs(tmp_path: Path) -> None:
    ini = tmp_path / ".vale.ini"
    ini.write_text("StylesPath = styles\n", encoding="utf-8")
    with pytest.raises(ValeConfigError, match="StylesPath"):  # as Vale: it must exist
        parse_config(ini)
    (tmp_path / "styles").mkdir()
    ini.write_text(
        "StylesPath = styles\n; a comment\nPackages = Google\n\n[*.{md,txt}]\nBasedOnStyles = A, B\n"
        "TokenIgnores = (\\$+[^\\n$]+\\$+)\n",
        encoding="utf-8",
    )
    cfg = parse_config(ini)
    assert cfg.sections[0].styles == ["A", "B"] and cfg.sections[0].token_ignores
    assert cfg.sections[0].matches("notes/a.md")
    assert "Packages" in cfg.ignored
    assert glob_matches("*.{md,txt}", "docs/a/b.txt") and not glob_matches("*.md", "x.html")
    ini.write_text("MinAlertLevel = loud\n", encoding="utf-8")
    with pytest.raises(ValeConfigError, match="MinAlertLevel"):
        parse_config(ini)


def test_ini_invalid_ignore_pattern_is_a_config_error(tmp_path: Path) -> None:
    ini = tmp_path / ".vale.ini"
    ini.write_text("[*.md]\nTokenIgnores = (foo\n", encoding="utf-8")
    with pytest.raises(ValeConfigError, match=r"\[\*\.md\] TokenIgnores: invalid regular"):
        parse_config(ini)
    ini.write_text("BlockIgnores = [\n", encoding="utf-8")  # core section: kept under [*]
    with pytest.raises(ValeConfigError, match=r"\[\*\] BlockIgnores"):
        parse_config(ini)


def test_sentences_keep_abbreviations() -> None:
    text = "Dr. Lee said so. Take it e.g. at night! Then rest."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Dr. Lee said so.",
        "Take it e.g. at night!",
        "Then rest.",
    ]


def _write_project(tmp_path: Path) -> Path:
    style = tmp_path / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Plain.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
        "action:\n  name: replace\nswap:\n  utilise: use\n",
        encoding="utf-8",
    )
    (style / "Spell.yml").write_text("extends: spelling\nmessage: x\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n\n[*.md]\nBasedOnStyles = House\n", encoding="utf-8"
    )
    art = tmp_path / "a.md"
    art.write_text("# Iron\n\nWe utilise iron tablets.\n", encoding="utf-8")
    return art


def test_medlint_check_finds_vale_ini_and_fixes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = _write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "json", "--select", "House", "a.md"]
    )
    assert run.exit_code == 0, run.output  # a warning does not fail the run
    found = [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(run.stdout)]
    assert found == [("House.Plain", 3, 4, "Use 'use' instead of 'utilise'.")]
    assert run.stderr.count("House.Spell (spelling)") == 1  # named once per run
    run = CliRunner().invoke(main, ["check", "--no-cache", "--select", "House", "--fix", "a.md"])
    assert "We use iron tablets." in art.read_text(encoding="utf-8")


def test_vale_config_key_and_false(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_project(tmp_path)
    sub = tmp_path / "site"
    sub.mkdir()
    (sub / "b.md").write_text("We utilise it.\n", encoding="utf-8")
    (sub / ".medlint.yaml").write_text("vale-config: false\n", encoding="utf-8")
    monkeypatch.chdir(sub)
    run = CliRunner().invoke(main, ["check", "--no-cache", "--select", "House", "b.md"])
    assert run.exit_code == 2 and "House" in run.output  # no Vale rules: an unknown selector
    (sub / ".medlint.yaml").write_text("vale-config: ../.vale.ini\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-cache", "--select", "House", "b.md"])
    assert run.exit_code == 0 and "House.Plain" in run.output
    (sub / ".medlint.yaml").write_text("vale-config: nowhere.ini\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-cache", "b.md"])
    assert run.exit_code == 2 and "vale-config" in run.output
    (sub / ".medlint.yaml").write_text("vale-config: ..\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-cache", "b.md"])
    assert run.exit_code == 2 and "vale-config" in run.output
    assert "is a folder: name the .vale.ini in it" in run.output


def test_accepted_vocabulary_keeps_medlint_rules_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "styles" / "config" / "vocabularies" / "Team"
    folder.mkdir(parents=True)
    (folder / "accept.txt").write_text("IU\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nVocab = Team\n\n[*.md]\nBasedOnStyles = Vale\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Take 400 IU of vitamin D daily.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-cache", "--select", "M701", "a.md"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0 and "M701" not in run.output
    (tmp_path / ".medlint.yaml").write_text("vale-config: false\n", encoding="utf-8")
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 1 and "M701" in run.output


def test_table_cells_headers_and_raw_html_in_markdown(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Cells": """\
            extends: existence
            message: "'%s' in a cell."
            scope: [table.cell, table.caption]
            tokens: [TODO]
            """
        },
    )
    text = (
        "| TODO | B |\n|------|---|\n| TODO | c |\n\n"
        "<table>\n  <caption>TODO</caption>\n  <tr><th>TODO</th></tr>\n"
        "  <tr><td>x TODO</td></tr>\n</table>\n"
    )
    assert alerts(p, text) == [
        "3:3:House.Cells:'TODO' in a cell.",
        "6:12:House.Cells:'TODO' in a cell.",
        "8:13:House.Cells:'TODO' in a cell.",
    ]


def test_fix_keeps_the_capital_of_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(
        tmp_path,
        {
            "Short": """\
            extends: substitution
            message: "Use '%s' instead of '%s'."
            ignorecase: true
            action:
              name: replace
            swap:
              it is: it's
              utilize: use
              cpu: processor
            """
        },
    )
    art = tmp_path / "a.md"
    art.write_text("# Tips\n\nIt is fine. Utilize it; it is the CPU and utilize it.\n")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["check", "--select", "House", "--fix", "a.md"])
    assert run.exit_code == 0, run.output
    assert art.read_text() == "# Tips\n\nIt's fine. Use it; it's the processor and use it.\n"
    run = CliRunner().invoke(main, ["check", "--select", "House", "--format", "vale-line", "a.md"])
    assert run.output == ""


def test_patterns_compiled_once_and_vocabulary_part_shared() -> None:
    """A large vocabulary: each pattern is compiled once per process (regex's own cache
    holds 500), and the vocabulary's alternation is shared by rules with own exceptions."""
    from medlint.vale.casing import in_vocab
    from medlint.vale.patterns import compile_pattern, exceptions_pattern

    first = compile_pattern("qa-first")
    for i in range(600):
        compile_pattern(f"qa-pattern-{i}")
    assert compile_pattern("qa-first") is first
    accepted = [f"term{i}" for i in range(300)] + ["HbA1c"]
    a = exceptions_pattern(["foo", "(?i)bar"], accepted, True)
    b = exceptions_pattern(["baz"], accepted, True)
    whole = compile_pattern(a.pattern)
    for text in ["foo", "Foo", "BAR", "HbA1c", "term12 x", "hba1c", "term1x", "baz", ""]:
        assert (a.search(text) is not None) == (whole.search(text) is not None), text
    assert b.search("term299") is not None and b.search("foo") is None
    assert in_vocab(accepted, "HbA1c") == "HbA1c" and in_vocab(["IU"], "IUs") == "IUs"
    assert in_vocab(["IU"], "iu-x") == "" and in_vocab(["I.U"], "IxU") == "IxU"


def test_a_non_numeric_max_names_the_key(tmp_path: Path) -> None:
    p = project(
        tmp_path,
        {
            "Many": "extends: occurrence\nmessage: x\nmax: many\ntoken: '\\w+'\n",
            "Rep": "extends: repetition\nmessage: x\nmax: [1]\ntokens: ['\\w+']\n",
            "Cap": "extends: capitalization\nmessage: x\nmatch: $title\nthreshold: high\n",
            "Ok": "extends: occurrence\nmessage: x\nmax: 3\ntoken: '\\w+'\n",
        },
    )
    assert p.styles.errors == {
        "House.Many": "House.Many: 'max' must be a number, not 'many'",
        "House.Rep": "House.Rep: 'max' must be a number, not [1]",
        "House.Cap": "House.Cap: 'threshold' must be a number, not 'high'",
    }


def test_folder_sections_cover_the_file_however_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ini = tmp_path / ".vale.ini"
    ini.write_text("[docs/*.md]\nBasedOnStyles = House\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    cfg = parse_config(ini)
    monkeypatch.chdir(tmp_path)
    for name in ["docs/a.md", "./docs/a.md", str(tmp_path / "docs" / "a.md")]:
        assert [s.glob for s in cfg.sections_for(name)] == ["docs/*.md"], name
    monkeypatch.chdir(tmp_path / "docs")
    assert [s.glob for s in cfg.sections_for("a.md")] == ["docs/*.md"]
    assert cfg.sections_for(str(tmp_path / "other" / "a.md")) == []


def test_unsupported_rules_are_named_with_the_ini_path_as_the_user_gave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.vale.registration import report_lines

    p = project(tmp_path, {"Spell": "extends: spelling\nmessage: \"'%s'?\"\n"})
    monkeypatch.chdir(tmp_path)
    (line,) = report_lines(p)
    assert line.startswith(".vale.ini: Vale rules of types medlint does not run")
    assert "House.Spell (spelling)" in line
    elsewhere = tmp_path / "styles" / "House"  # below the .vale.ini's folder: not relative
    monkeypatch.chdir(elsewhere)
    (line,) = report_lines(p)
    assert line.startswith(str(tmp_path))
