"""Vale conformance: run medlint's Vale engine on the public styles' own Cucumber scenarios
(``../shared/vale/styles/*/features/rules.feature``) and on Vale's ``testdata`` scenarios,
and compare with the output Vale printed (``path:line:col:Style.Rule:Message``).

Nothing is copied: the scenarios, fixtures and styles are read from ``--root`` (default
``../shared/vale``) at run time.  Usage::

    python tools/vale_conformance.py            # summary
    python tools/vale_conformance.py -v         # every mismatch and skipped scenario
    python tools/vale_conformance.py --json out.json

Version drift (../shared/vale/README.md): each style's expected output assumes the Vale
version its CI pins (:data:`STYLE_VERSIONS`); the engine is run with that version's
behaviour (Vale 3.3 capitalised substitution suggestions on its own; Vale before 3.10
collapsed runs of spaces in messages).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medlint.config import Settings  # noqa: E402
from medlint.discovery import get_registry  # noqa: E402
from medlint.document import decode  # noqa: E402
from medlint.engine import Linter  # noqa: E402
from medlint.vale.ini import find_config  # noqa: E402
from medlint.vale.lint import ValeProject  # noqa: E402
from medlint.vale.model import BuildContext  # noqa: E402
from medlint.vale.registration import register  # noqa: E402
from medlint.vale.styles import StyleSet, build, rule_files  # noqa: E402

DEFAULT_ROOT = ROOT.parent / "shared" / "vale"
# The Vale version each style's expected output assumes (its CI pin; README "drift").
STYLE_VERSIONS: dict[str, tuple[int, int]] = {
    "Microsoft": (3, 3),  # CI pins Vale 3.3.0
    "Google": (3, 9),  # CI pins Vale 3.9.0
    "write-good": (3, 15),
    "proselint": (3, 6),  # DenizenLabels' output predates 3.7's quoted suggestions
    "Joblint": (3, 15),
    "alex": (3, 15),  # README: the fixture output is stale against its own rules
}
TESTDATA_VERSION = (3, 15)  # vale-testdata 24e9634b, after v3.15.1
LINTED = {".md": "md", ".markdown": "md", ".txt": "txt", ".html": "html", ".htm": "html"}
# Files Vale lints that medlint's engine does not read (reported, never silently dropped).
OTHER_FORMATS = {
    ".rst", ".adoc", ".org", ".xml", ".dita", ".go", ".py", ".js", ".ts", ".rb", ".c", ".cpp",
    ".css", ".rs", ".java", ".jl", ".proto", ".yml", ".yaml", ".tsx", ".mdx", ".tex", ".R",
    ".Rmd", ".php", ".cc", ".cxx", ".hpp", ".kt", ".scala", ".pl", ".ps1", ".jsx", ".vue", ".svelte", ".json", ".toml", ".ini", ".asciidoc", ".textile", ".txt2", ".swift", ".scss", ".sass", ".lua", ".hs", ".cs", ".h", ".sh",
}  # fmt: skip
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+):(?P<check>[^:]+):(?P<msg>.*)$")


@dataclass
class Scenario:
    feature: str
    name: str
    step: str
    expected: list[str]
    status: str = ""  # pass | fail | skip
    reason: str = ""
    got: list[str] = field(default_factory=list)
    version: tuple[int, int] = (3, 15)


def parse_feature(path: Path) -> list[Scenario]:
    """The scenarios of a feature file: name, the ``When`` step and the expected lines of
    ``Then the output should contain exactly`` (empty when the step expects no output or
    checks something else: ``reason`` says so)."""
    out: list[Scenario] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    cur: Scenario | None = None
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("Scenario"):
            cur = Scenario(path.name, s.split(":", 1)[1].strip(), "", [])
            out.append(cur)
        elif cur is not None and s.startswith("When ") and not cur.step:
            cur.step = s[5:]
        elif cur is not None and s.startswith(("Then", "And")):
            if (
                "output should contain exactly" in s
                and i + 1 < len(lines)
                and lines[i + 1].strip() == '"""'
            ):
                j = i + 2
                while j < len(lines) and lines[j].strip() != '"""':
                    if lines[j].strip():
                        cur.expected.append(lines[j].strip())
                    j += 1
                i = j
            elif "output should contain exactly" in s:
                cur.expected.append(s.split("exactly:", 1)[-1].strip().strip('"'))
            elif "exit status" not in s and "should not contain" not in s:
                cur.reason = cur.reason or f"checks something other than alerts: {s}"
        i += 1
    return out


def lint_dir(
    folder: Path,
    version: tuple[int, int],
    targets: list[Path] | None = None,
    config: Path | None = None,
) -> tuple[list[str], list[str]]:
    """Lint ``targets`` (files or folders, default ``folder``) as ``vale --relative`` would
    from ``folder``, through medlint's engine (Vale rules registered as Style.Rule, Vale's
    comments applied by medlint's suppression pass), selecting only the style rules;
    returns the alert lines and the files skipped (formats not read)."""
    cfg_path = config or find_config(folder)
    if cfg_path is None:
        return [], ["(no .vale.ini)"]
    registry = get_registry()
    project = register(registry, cfg_path, report=False, version=version)
    codes = sorted(project.styles.rules)
    settings = Settings(root=folder.resolve(), vale_config=cfg_path)
    linter = Linter(settings, registry, select=codes) if codes else None
    files: list[Path] = []
    for t in targets or [folder]:
        if t.is_dir():
            files.extend(
                p
                for p in sorted(t.rglob("*"))
                if p.is_file() and not any(x.startswith(".") for x in p.relative_to(folder).parts)
            )
        elif t.is_file():
            files.append(t)
    lines: list[str] = []
    skipped: list[str] = []
    for f in files:
        rel = os.path.relpath(f, folder)
        if f.suffix not in LINTED:
            if f.suffix in OTHER_FORMATS:
                skipped.append(rel)
            continue
        text, _bom, _err = decode(f.read_bytes())
        if text is None:
            continue
        if linter is None:
            continue
        for fd in linter.lint_text(rel, text).findings:
            if fd.code in project.styles.rules:
                lines.append(f"{rel}:{fd.line}:{fd.column}:{fd.code}:{fd.message}")
    return lines, skipped


def compare(expected: list[str], got: list[str]) -> tuple[int, list[str], list[str]]:
    """Matched count, expected lines not produced, produced lines not expected."""
    e, g = Counter(expected), Counter(got)
    both = e & g
    return sum(both.values()), sorted((e - g).elements()), sorted((g - e).elements())


# -- the six styles ---------------------------------------------------------------


def styles_rules(root: Path) -> dict[str, dict[str, int | list[str]]]:
    """Load every rule of every style on its own: loaded, unsupported (type), errors."""
    out: dict[str, dict[str, int | list[str]]] = {}
    for style_dir in sorted((root / "styles").iterdir()):
        style = style_dir.name
        folder = style_dir / style
        if not folder.is_dir():
            continue
        got = StyleSet()
        import yaml

        for f in rule_files(folder):
            build(
                f"{style}.{f.stem}",
                yaml.safe_load(f.read_text(encoding="utf-8")),
                BuildContext(),
                {},
                got,
            )
        out[style] = {
            "rules": len(got.rules) + len(got.unsupported) + len(got.errors),
            "loaded": len(got.rules),
            "unsupported": [f"{n} ({t})" for n, t in sorted(got.unsupported.items())],
            "errors": [f"{n}: {m}" for n, m in sorted(got.errors.items())],
        }
    return out


def run_styles(root: Path) -> list[Scenario]:
    out: list[Scenario] = []
    for style_dir in sorted((root / "styles").iterdir()):
        feature = style_dir / "features" / "rules.feature"
        if not feature.is_file():
            continue
        version = STYLE_VERSIONS.get(style_dir.name, TESTDATA_VERSION)
        for sc in parse_feature(feature):
            sc.feature = f"{style_dir.name}/{sc.feature}"
            sc.version = version
            m = re.fullmatch(r'I test "(.*)"', sc.step)
            if not m:
                sc.status, sc.reason = "skip", f"unknown step {sc.step!r}"
                out.append(sc)
                continue
            folder = style_dir / "fixtures" / m.group(1)
            sc.got, skipped = lint_dir(folder, version)
            _judge(sc, skipped)
            out.append(sc)
    return out


def _judge(sc: Scenario, skipped: list[str], unsupported: set[str] | None = None) -> None:
    """pass: every expected line and no other; partial: the lines of files medlint reads
    and of rule types it runs all match (the rest is named in ``reason``); else fail."""
    _matched, missing, extra = compare(sc.expected, sc.got)
    if not missing and not extra:
        sc.status = "pass"
        return
    unsupported = unsupported or set()
    other = [x for x in missing if x.split(":", 1)[0] in skipped]
    rules = [x for x in missing if x not in other and _check_of(x) in unsupported]
    if not extra and len(other) + len(rules) == len(missing):
        why = []
        if other:
            files = ", ".join(sorted({x.split(":", 1)[0] for x in other}))
            why.append(f"{len(other)} alerts in files medlint does not read ({files})")
        if rules:
            names = ", ".join(sorted({_check_of(x) for x in rules}))
            why.append(f"{len(rules)} alerts of unsupported rule types ({names})")
        sc.status, sc.reason = "partial", "; ".join(why)
        return
    sc.status = "fail"


def _check_of(line: str) -> str:
    m = LINE.match(line)
    return m.group("check") if m else ""


# -- Vale's own scenarios -----------------------------------------------------------

# steps that lint a folder or a file of fixtures with a .vale.ini found from there
_STEPS = {
    r'I test "(.*)"': ("{0}", "."),
    r'I test scope "(.*)"': ("scopes/{0}", "."),
    r'I apply style "(.*)"': ("styles/{0}", "."),
    r'I use Vocab "(.*)"': ("vocab/{0}", "."),
    r'I test patterns for "(.*)"': ("patterns", "{0}"),
    r'I test comments for "(.*)"': ("comments", "{0}"),
    r'I lint "(.*)"': ("formats", "{0}"),
    r'I lint path "(.*)"': ("formats/{0}", "."),
    r'I lint with config "(.*)"': ("formats", "test.md"),  # --config='{0}' test.md
}


def run_testdata(root: Path) -> list[Scenario]:
    data = root / "vale-testdata"
    out: list[Scenario] = []
    for feature in sorted((data / "features").glob("*.feature")):
        for sc in parse_feature(feature):
            sc.version = TESTDATA_VERSION
            out.append(sc)
            if sc.reason:
                sc.status = "skip"
                continue
            found = next(
                ((m, t) for pat, t in _STEPS.items() if (m := re.fullmatch(pat, sc.step))), None
            )
            if found is None:
                sc.status, sc.reason = (
                    "skip",
                    f"a Vale command-line feature medlint does not copy (step: {sc.step})",
                )
                continue
            m, (folder_t, target_t) = found
            arg = m.group(1)
            if " " in arg or "--" in arg:
                sc.status, sc.reason = "skip", f"passes Vale command-line options ({arg})"
                continue
            folder = data / "fixtures" / folder_t.format(arg)
            target = folder / target_t.format(arg)
            if "with config" in sc.step and not (folder / arg).is_file():
                sc.status, sc.reason = "skip", f"no configuration {arg}"
                continue
            if not target.exists():
                sc.status, sc.reason = "skip", f"no fixture {target.relative_to(data)}"
                continue
            if target.is_file() and target.suffix not in LINTED:
                sc.status, sc.reason = "skip", f"{target.suffix} files are not read by medlint"
                continue
            try:
                config = folder / arg if "with config" in sc.step else None
                sc.got, skipped = lint_dir(folder, sc.version, [target], config)
            except Exception as exc:  # a configuration medlint refuses: the scenario fails
                sc.status, sc.reason = "fail", f"{type(exc).__name__}: {exc}"
                continue
            _judge(sc, skipped, _unsupported_expected(sc.expected, folder, config))
    return out


def _unsupported_expected(
    expected: list[str], folder: Path, config: Path | None = None
) -> set[str]:
    """The rule names of ``expected`` that are of types medlint does not run."""
    cfg = config or find_config(folder)
    if cfg is None:
        return set()
    try:
        project = ValeProject.load(cfg)
    except Exception:
        return set()
    names = {_check_of(x) for x in expected}
    return {n for n in names if n in project.styles.unsupported or n == "Vale.Spelling"}


def summary(root: Path, verbose: bool = False) -> dict[str, object]:
    rules = styles_rules(root)
    styles = run_styles(root)
    testdata = run_testdata(root) if (root / "vale-testdata").is_dir() else []
    expected = sum(len(s.expected) for s in styles)
    matched = sum(compare(s.expected, s.got)[0] for s in styles)
    report: dict[str, object] = {
        "rules": sum(int(v["rules"]) for v in rules.values()),  # type: ignore[call-overload]
        "rules_loaded": sum(int(v["loaded"]) for v in rules.values()),  # type: ignore[call-overload]
        "rules_unsupported": [u for v in rules.values() for u in v["unsupported"]],  # type: ignore[union-attr]
        "rules_errors": [u for v in rules.values() for u in v["errors"]],  # type: ignore[union-attr]
        "style_alerts_expected": expected,
        "style_alerts_matched": matched,
        "style_scenarios": Counter(s.status for s in styles),
        "style_versions": {k: ".".join(map(str, v)) for k, v in STYLE_VERSIONS.items()},
        "testdata_scenarios": Counter(s.status for s in testdata),
        "scenarios": [asdict(s) for s in [*styles, *testdata]] if verbose else [],
    }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"no Vale material at {args.root}", file=sys.stderr)
        return 2
    rep = summary(args.root, verbose=True)
    if args.json:
        args.json.write_text(json.dumps(rep, indent=1, default=list), encoding="utf-8")
    exp, mat = rep["style_alerts_expected"], rep["style_alerts_matched"]
    print(
        f"rules: {rep['rules_loaded']} loaded + {len(rep['rules_unsupported'])} unsupported (named) + {len(rep['rules_errors'])} errors of {rep['rules']}"
    )  # type: ignore[arg-type]
    for u in rep["rules_unsupported"]:  # type: ignore[attr-defined]
        print(f"  unsupported: {u}")
    for u in rep["rules_errors"]:  # type: ignore[attr-defined]
        print(f"  error: {u}")
    print(f"style alerts: {mat}/{exp} matched ({100 * mat / max(exp, 1):.1f}%)")  # type: ignore[operator]
    print(f"style scenarios: {dict(rep['style_scenarios'])}")  # type: ignore[call-overload]
    print(f"testdata scenarios: {dict(rep['testdata_scenarios'])}")  # type: ignore[call-overload]
    for s in rep["scenarios"]:  # type: ignore[attr-defined]
        if s["status"] == "pass" or (not args.verbose and s["status"] == "skip"):
            continue
        print(f"\n[{s['status']}] {s['feature']}: {s['name']} ({s['step']}) {s['reason']}")
        if s["status"] == "fail":
            _, missing, extra = compare(s["expected"], s["got"])
            for x in missing:
                print(f"   - {x}")
            for x in extra:
                print(f"   + {x}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
