"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per checked file; one ``<testcase>`` per finding, failed
(``<failure>``) when the finding is at or above ``fail-on`` (E9xx always) and
passed with the finding in ``<system-out>`` otherwise; a file without findings
gets one passing test case.  No timestamps, so the output is deterministic.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from medlint.findings import SEVERITY_RANK

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult
    from medlint.findings import Finding
    from medlint.output import RenderContext

# Characters XML 1.0 cannot hold (controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _fails(f: Finding, fail_on: str) -> bool:
    if f.code.startswith("E9"):
        return True
    return SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK.get(fail_on, 2)


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.name})"


def build(results: list[FileResult], ctx: RenderContext) -> ET.Element:
    root = ET.Element("testsuites", name="medlint")
    total_tests = total_failures = 0
    for r in results:
        path = clean(r.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = 0
        if not r.findings:
            ET.SubElement(suite, "testcase", name="no problems", classname=path, file=path)
            tests = 1
        for f in r.findings:
            tests += 1
            case = ET.SubElement(
                suite,
                "testcase",
                name=clean(f"{f.code} {f.name} at {f.line}:{f.column}"),
                classname=path,
                file=path,
                line=str(f.line),
            )
            if _fails(f, ctx.fail_on):
                failures += 1
                fail = ET.SubElement(
                    case, "failure", message=clean(f.message), type=f"{f.code} [{f.severity}]"
                )
                fail.text = clean(_line(f))
            else:
                out = ET.SubElement(case, "system-out")
                out.text = clean(_line(f))
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(results: list[FileResult], ctx: RenderContext) -> str:
    root = build(results, ctx)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
