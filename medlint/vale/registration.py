"""Vale rules as medlint rules: each loaded ``Style.Rule`` becomes a
:class:`~medlint.registry.Rule` (through :func:`medlint.registry.add_style_rules`) whose
check reads the alerts the engine computed once per article.

Rule types medlint does not run (spelling, sequence, script) are reported once per run on
standard error, with the rule names: never silently skipped.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.findings import SAFE, Finding, Fix
from medlint.registry import Registry, add_style_rules, style_rule
from medlint.vale.ini import ValeConfigError
from medlint.vale.lint import ValeProject
from medlint.vale.model import Alert, ValeRule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.analysis import Analysis
    from medlint.context import Context

_PROJECTS: dict[tuple[str, tuple[int, int]], tuple[tuple[int, ...], ValeProject]] = {}
_REPORTED: set[str] = set()


def digest(ini: Path) -> str:
    """A digest of a Vale configuration and every file on its StylesPath that it reads
    (the results cache keys on it)."""
    h = hashlib.sha256()
    try:
        h.update(ini.read_bytes())
        project = load_project(ini)
        for f in sorted({*project.styles.files.values(), *project.vocab.files}):
            h.update(str(f).encode())
            h.update(f.read_bytes())
    except (OSError, ValueError):
        h.update(b"unreadable")
    return h.hexdigest()[:16]


def load_project(ini: Path, version: tuple[int, int] = (3, 15)) -> ValeProject:
    """The project of ``ini`` (loaded once per process and again when the configuration
    or a file it reads changes, as in a long-running editor server; Vale version followed:
    see docs/vale.md "Version drift")."""
    ini = ini.resolve()
    try:
        ini.stat()
    except OSError as exc:
        raise ValeConfigError(ini, "vale-config", f"cannot read: {exc.strerror or exc}") from exc
    key = (str(ini), version)
    cached = _PROJECTS.get(key)
    if cached is not None and _stamp(ini, cached[1]) == cached[0]:
        return cached[1]
    project = ValeProject.load(ini, version)
    _PROJECTS[key] = (_stamp(ini, project), project)
    return project


def _stamp(ini: Path, project: ValeProject) -> tuple[int, ...]:
    """When the configuration, its StylesPath, its rule and vocabulary files and their
    folders last changed (a rule file added to a style changes its folder)."""
    files = sorted({*project.styles.files.values(), *project.vocab.files})
    paths = [ini, project.config.styles_path, *files, *sorted({f.parent for f in files})]
    out = []
    for p in paths:
        try:
            out.append(p.stat().st_mtime_ns)
        except OSError:
            out.append(-1)
    return tuple(out)


def project_files(ini: Path) -> list[Path]:
    """The files a Vale configuration reads (itself, its rules, its vocabularies): what an
    editor server watches."""
    project = load_project(ini)
    return [ini.resolve(), *sorted({*project.styles.files.values(), *project.vocab.files})]


def register(
    registry: Registry, ini: Path, report: bool = True, version: tuple[int, int] = (3, 15)
) -> ValeProject:
    """Load ``ini`` and add its rules to ``registry``.  :class:`ValeConfigError` for a
    rule Vale would refuse (the rule's file and why); with ``report``, the unsupported
    rules and the keys not followed are written once to standard error."""
    project = load_project(ini, version)
    if project.styles.errors:
        name, why = next(iter(sorted(project.styles.errors.items())))
        where = project.styles.files.get(name, ini)
        raise ValeConfigError(where, name, why.removeprefix(f"{name}: "))
    fact = _alerts_fact(project)
    rules = [
        _medlint_rule(name, rule, fact, project.styles.files.get(name))
        for name, rule in sorted(project.styles.rules.items())
    ]
    add_style_rules(registry, rules)
    if report and str(ini) not in _REPORTED:
        _REPORTED.add(str(ini))
        for line in report_lines(project):
            print(f"medlint: warning: {line}", file=sys.stderr)
    return project


def report_lines(project: ValeProject) -> list[str]:
    """What the run cannot do of the configuration: unsupported rules and notes."""
    out = []
    if project.styles.unsupported:
        names = ", ".join(f"{n} ({t})" for n, t in sorted(project.styles.unsupported.items()))
        out.append(
            f"{shown(project.config.path)}: Vale rules of types medlint does not run "
            f"(spelling, sequence, script): {names}"
        )
    out.extend(f"{shown(project.config.path)}: {note}" for note in project.notes)
    return out


def _alerts_fact(project: ValeProject) -> Any:
    def vale_alerts(analysis: Analysis) -> dict[str, list[Alert]]:
        by_check: dict[str, list[Alert]] = {}
        for a in project.lint(analysis.article):
            by_check.setdefault(a.check, []).append(a)
        return by_check

    return vale_alerts


def fix_text(match: str, replacement: str) -> str:
    """What a fix writes: Vale's suggestion, keeping the match's capital first letter
    (``It is`` → ``It's``, not ``it's``: a fix must not break a sentence's capital) unless
    the match starts with two capitals (an acronym).  The message stays Vale's."""
    if (
        match[:1].isupper()
        and replacement[:1].islower()
        and not (len(match) > 1 and match[1].isupper())
    ):
        return replacement[0].upper() + replacement[1:]
    return replacement


def _medlint_rule(name: str, rule: ValeRule, fact: Any, path: Path | None) -> Any:
    def check(ctx: Context) -> Iterator[Finding]:
        alerts: dict[str, list[Alert]] = ctx.analysis.fact(fact)
        source = ctx.article.source
        for a in alerts.get(name, ()):
            fix = None
            if len(a.replacements) == 1 and source[a.start : a.end] == a.match:
                fix = Fix(a.start, a.end, fix_text(a.match, a.replacements[0]), SAFE)
            vale: dict[str, Any] = {
                "Match": a.match,
                "Action": {"Name": a.action, "Params": list(a.replacements)},
                "Description": a.description,
                "Link": a.link,
                "Severity": a.level,
            }
            if rule.scope_list == ["raw"]:
                vale["Raw"] = True  # Vale applies its comments to raw scopes only as a whole
            yield ctx.at(a.start, a.end, a.message, fix, vale=vale)

    summary = rule.description or rule.message.replace("%s", "…")
    where = str(path) if path is not None else "Vale's built-in style"
    return style_rule(
        name,
        check,
        level=rule.level,
        summary=summary,
        rationale=f"A Vale '{rule.extends}' rule, scope {', '.join(rule.scope_list)} ({where}).",
        link=rule.link,
        fixable=rule.action_name in ("edit", "replace", "remove"),
        origin=f"vale:{name.split('.', 1)[0]}",
    )


def shown(path: Path) -> str:
    """``path`` as a message shows it: relative to the working directory when it is inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
