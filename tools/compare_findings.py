"""Before/after finding comparison for refactors that must not change behaviour.

    python tools/compare_findings.py snapshot OUT.json     # findings of the current code
    python tools/compare_findings.py compare BEFORE.json AFTER.json

The snapshot covers ``../shared/corpus/articles`` and ``../shared/seed`` (when they exist),
``fixtures/examples`` and every case of ``fixtures/rules/*.yaml`` (linted with the case's
config and selection, as the fixture tests do).  A finding is compared by path, code, line,
column, end position, severity, message and fix; ``compare`` prints what went and what came
and exits 1 when anything differs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TODAY = "2026-11-23"


def _cli_findings(paths: list[Path]) -> Iterator[dict[str, Any]]:
    cmd = [sys.executable, "-m", "medlint", "check", "--format", "json", "--no-cache"]
    cmd += ["--today", TODAY, "--jobs", "1", *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"medlint failed ({out.returncode}): {out.stderr[-2000:]}")
    data = json.loads(out.stdout)
    rows = data if isinstance(data, list) else data.get("diagnostics", data.get("findings", []))
    for d in rows:
        p = Path(d.get("path") or d.get("filename") or "").resolve()
        if p.is_relative_to(ROOT):
            d["path"] = p.relative_to(ROOT).as_posix()
        elif p.is_relative_to(SHARED.resolve()):
            d["path"] = "../shared/" + p.relative_to(SHARED.resolve()).as_posix()
        else:
            d["path"] = p.as_posix()
        yield d


def _case_findings() -> Iterator[dict[str, Any]]:
    sys.path.insert(0, str(ROOT))
    from tests.helpers import make_linter

    ext = {"md": "case.md", "txt": "case.txt", "html": "case.html"}
    for path in sorted((ROOT / "fixtures" / "rules").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc.get("cases") or []):
            codes = [doc.get("rule")]
            for item in [*(case.get("expect") or []), *(case.get("expect_not") or [])]:
                codes.append(item if isinstance(item, str) else item.get("code"))
            select = case.get("select") or sorted({c for c in codes if c})
            linter = make_linter(case.get("config"), select, str(case.get("today", TODAY)))
            result = linter.lint_text(ext[case.get("format", "md")], case["text"])
            for f in result.findings:
                yield {
                    "path": f"fixtures/rules/{path.stem}#{case.get('name') or i}",
                    "code": f.code,
                    "line": f.line,
                    "column": f.column,
                    "end_line": f.end_line,
                    "end_column": f.end_column,
                    "severity": f.severity,
                    "message": f.message,
                    "fix": None if f.fix is None else [f.fix.start, f.fix.end, f.fix.replacement],
                }


def snapshot() -> list[dict[str, Any]]:
    paths = [ROOT / "fixtures" / "examples"]
    for sub in ("corpus/articles", "seed"):
        if (SHARED / sub).is_dir():
            paths.append(SHARED / sub)
    rows = list(_cli_findings(paths)) + list(_case_findings())
    return sorted(rows, key=lambda d: json.dumps(d, sort_keys=True))


def _key(d: dict[str, Any]) -> str:
    keep = ("path", "code", "line", "column", "end_line", "end_column", "severity", "message")
    return json.dumps({k: d.get(k) for k in keep} | {"fix": d.get("fix")}, sort_keys=True)


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> int:
    a = {_key(d) for d in before}
    b = {_key(d) for d in after}
    gone, came = sorted(a - b), sorted(b - a)
    for k in gone:
        print("- " + k)
    for k in came:
        print("+ " + k)
    print(f"{len(before)} before, {len(after)} after; {len(gone)} gone, {len(came)} added")
    return 1 if gone or came else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        Path(argv[1]).write_text(json.dumps(snapshot(), indent=0), encoding="utf-8")
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        load = [json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:]]
        return compare(load[0], load[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
