"""M701–M707: dose style rules, their fixes and their packs."""

from __future__ import annotations

import re

from medlint import packs
from medlint.checks.dosing import sentences as dosing
from medlint.document import parse_article
from medlint.findings import Finding
from tests.helpers import lint


def apply_fixes(text: str, findings: list[Finding]) -> str:
    fixes = sorted((f.fix for f in findings if f.fix is not None), key=lambda x: x.start)
    out, pos = [], 0
    for fx in fixes:
        assert fx.start >= pos, "fixes must not overlap"
        out.append(text[pos : fx.start])
        out.append(fx.replacement)
        pos = fx.end
    out.append(text[pos:])
    return "".join(out)


def test_fixes_rewrite_dose_designations() -> None:
    text = (
        "# Dosing\n\nTake 1.0 mg, then .5 mg, then 10mg, then 5 mgs, then 20 mg. twice, "
        "or 100000 units, or 1.0mg, or .5mg.\n"
    )
    found = lint(text, select=["M702", "M703", "M704", "M707"])
    fixed = apply_fixes(text, found)
    assert fixed == (
        "# Dosing\n\nTake 1 mg, then 0.5 mg, then 10 mg, then 5 mg, then 20 mg twice, "
        "or 100,000 units, or 1 mg, or 0.5 mg.\n"
    )
    # a second run on the fixed text finds nothing
    assert lint(fixed, select=["M702", "M703", "M704", "M707"]) == []


def test_fix_is_in_the_json_output() -> None:
    found = lint("# Dosing\n\nTake 1.0 mg at night.\n", select=["M702"])
    d = found[0].to_dict()
    assert d["fix"] == {
        "replacement": "1",
        "line": 3,
        "column": 6,
        "end_line": 3,
        "end_column": 9,
        "applicability": "safe",
    }
    assert (d["line"], d["column"], d["end_column"]) == (3, 6, 12)


def test_m701_is_case_sensitive_and_needs_a_dosing_context() -> None:
    fires = lint("# Insulin\n\nInject 10 U of insulin QD.\n", select=["M701"])
    assert [f.message.split("'")[1] for f in fires] == ["U", "QD"]
    quiet = (
        "# MS\n\nPeople with MS in the U.S. go to IU Health. Take it qd? Ask. Take vitamins QD.\n"
    )
    assert lint(quiet, select=["M701"]) == []


def test_dose_context_helper() -> None:
    a = parse_article("a.md", "# T\n\nTake 2 tablets with water. People with MS get tired.\n")[0]
    block = a.blocks[1]
    assert dosing.dose_context(a, block, 0)
    assert not dosing.dose_context(a, block, block.text.index("People"))


def test_ismp_pack_entries_are_complete() -> None:
    for item in packs.load("ismp")["abbreviations"]:
        assert item["write"] and item["src"], item
        assert item["context"] in {"number", "adjacent", "dose", "any"}, item
        assert set(item["src"]) <= {"TJC", "ISMP", "TJC-F"}, item
        if "match" in item:
            re.compile(item["match"])
    abbrs = {i["abbr"] for i in packs.load("ismp")["abbreviations"]}
    assert {
        "U",
        "IU",
        "QD",
        "QOD",
        "MS",
        "MSO4",
        "MgSO4",
        "cc",
        "µg",
        "SC",
        "SQ",
        "HS",
        "D/C",
    } <= abbrs
    assert {"AD", "AS", "AU", "OD", "OS", "OU", "TIW"} <= abbrs


def test_drug_abbreviation_pack() -> None:
    entries = packs.load("drug-abbreviations")["entries"]
    assert {"APAP", "HCTZ", "MTX", "AZT", "PTU", "MSO4"} <= {e["abbr"] for e in entries}
    for e in entries:
        assert e["name"], e


def test_units_pack_lists_the_issue_units() -> None:
    units = set(packs.load("units")["dose_units"])
    assert {"mg", "mcg", "g", "kg", "mL", "L", "units", "mEq", "mmol"} <= units


def test_html_and_text_positions() -> None:
    html = "<html><body><h1>Dose</h1><p>Take 1.0&nbsp;mg daily.</p></body></html>"
    found = lint(html, name="a.html", select=["M702"])
    assert len(found) == 1 and found[0].line == 1
    txt = "Dose\nTake 300mg twice a day.\n"
    found = lint(txt, name="a.txt", select=["M704"])
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 6, 11)]
