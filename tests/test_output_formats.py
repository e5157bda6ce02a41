"""SARIF (validated against the OASIS schema), GitHub workflow commands and JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from medlint.cli import main
from medlint.discovery import get_registry
from medlint.engine import FileResult
from medlint.findings import Finding, Fix
from medlint.output import FORMATS, RenderContext, get_renderer
from medlint.output.github import escape_data, escape_property

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

ARTICLE = """# Looking after a new tattoo

Keep the dressing on for the time your artist tells you.
Read MoreWash the area gently with mild soap.

Advertisement

Medically reviewed by Priya Natarajan, MD on June 4, 2026.
"""

UNICODE_ARTICLE = """# Café visits and caffeine — a guide

Coffee with “friends” is fine for most adults.
Read MoreMost people tolerate two cups a day.
"""


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "tattoo care.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "content" / "café.md").write_text(UNICODE_ARTICLE, encoding="utf-8")
    (tmp_path / "content" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(
        main, ["check", "content", "--today", "2026-11-23", "--no-cache", *args]
    )
    return res.exit_code, res.stdout


def test_formats_are_registered() -> None:
    for name in ("sarif", "github", "junit"):
        assert name in FORMATS
        assert callable(get_renderer(name))


def test_sarif_validates_against_the_oasis_schema(corpus: Path) -> None:
    code, out = _check("--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema, format_checker=jsonschema.FormatChecker())
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "medlint"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for r in driver["rules"]:
        for key in ("id", "name", "shortDescription", "fullDescription", "help"):
            assert r[key], (r["id"], key)
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    d304 = driver["rules"][ids.index("D304")]
    assert d304["name"] == "scrape-artifact"
    assert d304["defaultConfiguration"]["level"] == "error"
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_has_one_result_per_finding_with_exact_regions(corpus: Path) -> None:
    _, js = _check("--format", "json")
    findings = json.loads(js)
    _, out = _check("--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == len(findings) > 0
    for f, res in zip(findings, results, strict=True):
        assert res["ruleId"] == f["code"]
        assert res["message"]["text"] == f["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["region"] == {
            "startLine": f["line"],
            "startColumn": f["column"],
            "endLine": f["end_line"],
            "endColumn": f["end_column"],
        }
        assert res["partialFingerprints"]["medlintFingerprint/v1"]
    tattoo = [
        r
        for r in results
        if r["ruleId"] == "D304"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "content/tattoo%20care.md"
    ]
    assert tattoo, "relative, percent-encoded URI"
    first = tattoo[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == (
        "%SRCROOT%"
    )
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert first["locations"][0]["physicalLocation"]["region"]["endColumn"] == 10  # 'Read More'
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": ""
    }
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["E902"] == "error"


def test_sarif_columns_count_code_points(corpus: Path) -> None:
    _, out = _check("--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    cafe = [
        r
        for r in results
        if r["ruleId"] == "D304"
        and "caf" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    ]
    assert cafe[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "content/caf%C3%A9.md"
    )
    region = cafe[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (4, 1, 10)


def test_sarif_with_no_findings_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Title\n\nPlain words here.\n", "utf-8")
    code, out = _check("--format", "sarif", "--select", "D304")
    assert code == 0
    sarif = json.loads(out)
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert sarif["runs"][0]["results"] == []


GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=([A-Z]+\d{3}) ([a-z0-9-]+)::(.+)$"
)


def test_github_lines(corpus: Path) -> None:
    _, js = _check("--format", "json")
    findings = json.loads(js)
    code, out = _check("--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(findings)
    for f, line in zip(findings, lines, strict=True):
        m = GITHUB_LINE.match(line)
        assert m, line
        level = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert m.group(1) == level
        assert m.group(2) == f["path"]
        assert [int(m.group(i)) for i in range(3, 7)] == [
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
        ]
        assert (m.group(7), m.group(8)) == (f["code"], f["name"])
        assert m.group(9).startswith(f["message"].replace("%", "%25"))
    assert any(ln.startswith("::error file=content/tattoo care.md,line=4,col=1,") for ln in lines)


def _result(path: str, message: str, severity: str = "warning") -> list[FileResult]:
    f = Finding(
        code="D304",
        message=message,
        severity=severity,
        name="scrape-artifact",
        path=path,
        line=2,
        column=3,
        end_line=2,
        end_column=7,
        fix=Fix(0, 1, ""),
        fix_line=(2, 3, 2, 7),
    )
    return [FileResult(path, [f])]


def _ctx(fail_on: str = "error") -> RenderContext:
    return RenderContext(registry=get_registry(), files_checked=1, fail_on=fail_on)


def test_github_escaping() -> None:
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a,b:c%.md") == "a%2Cb%3Ac%25.md"
    out = get_renderer("github")(_result("dir,x/a:b.md", "line one\nline two 100%", "info"), _ctx())
    assert out == (
        "::notice file=dir%2Cx/a%3Ab.md,line=2,col=3,endLine=2,endColumn=7,"
        "title=D304 scrape-artifact::line one%0Aline two 100%25\n"
    )


def test_junit_parses_and_counts(corpus: Path) -> None:
    _, js = _check("--format", "json")
    findings = json.loads(js)
    code, out = _check("--format", "junit")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 3  # one per checked file
    cases = root.findall("./testsuite/testcase")
    with_findings = [c for c in cases if c.get("name") != "no problems"]
    assert len(with_findings) == len(findings)
    failures = root.findall("./testsuite/testcase/failure")
    assert int(root.get("failures", "-1")) == len(failures)
    assert int(root.get("tests", "-1")) == len(cases)
    n_fail = sum(1 for f in findings if f["severity"] == "error" or f["code"].startswith("E9"))
    assert len(failures) == n_fail
    assert any("D304" in (f.get("type") or "") for f in failures)
    tattoo = next(s for s in suites if s.get("name") == "content/tattoo care.md")
    assert tattoo.find("testcase/failure") is not None


def test_junit_respects_fail_on_and_escapes() -> None:
    results = _result("a.md", "bad <tag> & \x0b control", "warning")
    xml_error = get_renderer("junit")(results, _ctx("error"))
    root = ET.fromstring(xml_error)
    assert root.find("./testsuite/testcase/failure") is None
    assert "bad <tag> & \ufffd control" in (root.findtext("./testsuite/testcase/system-out") or "")
    xml_warning = get_renderer("junit")(results, _ctx("warning"))
    fail = ET.fromstring(xml_warning).find("./testsuite/testcase/failure")
    assert fail is not None and fail.get("message") == "bad <tag> & \ufffd control"


def test_junit_clean_file_is_one_passing_case() -> None:
    out = get_renderer("junit")([FileResult("clean.md", [])], _ctx())
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None
    assert root.get("failures") == "0"


def test_outputs_are_deterministic(corpus: Path) -> None:
    for fmt in ("sarif", "github", "junit"):
        assert _check("--format", fmt)[1] == _check("--format", fmt)[1]
