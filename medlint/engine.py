"""The linting engine: file → article → rules → suppressions → positioned findings."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.analysis import Analysis
from medlint.analysis.block_docs import BlockDocs
from medlint.config import Settings
from medlint.context import Context
from medlint.document import (
    MAX_FILE_BYTES,
    NotReadable,
    ReadProblem,
    decode,
    detect_format,
    parse_article,
    read_bytes,
    read_stream,
)
from medlint.document.model import Article
from medlint.findings import SEVERITY_RANK, Finding
from medlint.matching import MatchLayer
from medlint.registry import Registry, Rule
from medlint.spacy_adapter import prepare_spacy_import
from medlint.suppress import SUPPRESSION_CODES, apply_suppressions, front_matter_problems
from medlint.walk import glob_text

READ_ERROR_CODES = ("E901", "E902", "E903", "E904")
__all__ = ["MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "READ_ERROR_CODES", "FileResult", "Linter"]
# A finding's message is cut at this length (a rule quoting a huge value must not print
# megabytes).
MAX_MESSAGE_CHARS = 2000
# Linting takes about 120-170 MB of memory per MB of article text (spaCy Docs and the
# per-token tables the rules share), so a 50 MB article would need 7-8 GB: longer
# articles get one E901 finding instead (README "Performance", docs/performance.md).
MAX_ARTICLE_CHARS = 5_000_000


@dataclass
class FileResult:
    path: str
    findings: list[Finding]
    article: Article | None = None
    stats: dict[str, Any] = field(default_factory=dict)


def _specificity(selector: str, registry: Registry) -> int:
    r = registry.get(selector)
    return 100 if r is not None else len(selector)


class Linter:
    """Runs the selected rules over articles with one configuration."""

    def __init__(
        self,
        settings: Settings,
        registry: Registry,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        extend_select: list[str] | None = None,
        keep_articles: bool = False,
    ) -> None:
        self.settings = settings
        self.registry = registry
        self.keep_articles = keep_articles
        # `medlint report`: compute per-article facts (medlint.stats) into FileResult.stats.
        self.collect_stats = False
        # `medlint lsp`: reuse the spaCy Docs of blocks that did not change between lints
        self.block_docs: BlockDocs | None = None
        self.selected = self._select(select, ignore or [], extend_select or [])
        self.rules: list[Rule] = [
            registry.rules[c] for c in sorted(self.selected) if c in registry.rules
        ]
        # the matching layer compiles what the selected rules declared, once per process
        self.layer = MatchLayer.for_rules(self.rules)
        self.severity: dict[str, str] = {}
        for code in registry.rules:
            level = registry.rules[code].severity
            best = -1
            for sel, lvl in settings.severity.items():
                if code in registry.expand(sel):
                    spec = _specificity(sel, registry)
                    if spec > best:
                        best, level = spec, lvl
            self.severity[code] = level
        for code in READ_ERROR_CODES:
            self.severity[code] = "error"
        self._pfi: list[tuple[Any, set[str]]] = []
        if settings.per_file_ignores:
            import pathspec

            for glob, sels in settings.per_file_ignores.items():
                pfi_spec = pathspec.GitIgnoreSpec.from_lines([glob])
                codes = {c for s in sels for c in registry.expand(s)}
                self._pfi.append((pfi_spec, codes))

    def _select(self, select: list[str] | None, ignore: list[str], extend: list[str]) -> set[str]:
        reg, s = self.registry, self.settings
        base = select if select is not None else s.select
        chosen: set[str] = set()
        if base is None:
            chosen = set(reg.rules)
        else:
            for sel in base:
                chosen.update(reg.expand(sel))
        for sel in [*s.extend_select, *extend]:
            chosen.update(reg.expand(sel))
        for sel in [*s.ignore, *ignore]:
            chosen.difference_update(reg.expand(sel))
        return chosen

    def flags(self) -> dict[str, Any]:
        """The linter's simple attributes (keep_articles, collect_stats…): what a worker's
        linter copies and what the results cache keys on."""
        return {
            k: v
            for k, v in vars(self).items()
            if not k.startswith("_") and isinstance(v, (bool, int, float, str, type(None)))
        }

    # -- one article ----------------------------------------------------

    def _position(self, article: Article | None, f: Finding, path: str) -> None:
        f.path = path
        if f.code in self.registry.rules:
            f.name = self.registry.rules[f.code].name
        f.severity = self.severity.get(f.code, f.severity)
        if article is None:
            f.line, f.column, f.end_line, f.end_column = 1, 1, 1, 1
            return
        f.line, f.column = article.line_col(f.start)
        f.end_line, f.end_column = article.line_col(f.end)
        if (f.end_line, f.end_column) < (f.line, f.column):
            f.end_line, f.end_column = f.line, f.column
        if f.fix is not None:
            fl, fc = article.line_col(f.fix.start)
            el, ec = article.line_col(f.fix.end)
            f.fix_line = (fl, fc, el, ec)

    def _ignored_for_path(self, path: str) -> set[str]:
        if not self._pfi:
            return set()
        try:
            rel = Path(path).resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        out: set[str] = set()
        for spec, codes in self._pfi:
            if spec.match_file(glob_text(rel)) or spec.match_file(glob_text(Path(path).name)):
                out |= codes
        return out

    def lint_article(
        self, article: Article, problems: list[ReadProblem] | None = None
    ) -> FileResult:
        findings: list[Finding] = []
        for p in problems or []:
            findings.append(Finding(code=p.code, message=p.message, start=p.start, end=p.end))
        findings.extend(front_matter_problems(article))
        if any(r.code[:1] == "N" and r.origin == "builtin" for r in self.rules):
            from medlint.analysis.article_kind import kind_problems

            findings.extend(kind_problems(article))  # the N rules read front matter kind:
        prepare_spacy_import()  # whichever rule imports spaCy first, it skips spacy.cli
        analysis = Analysis(article, self.settings, self.block_docs)
        matches = self.layer.matches(analysis)
        for rule in self.rules:
            if rule.code in SUPPRESSION_CODES:
                continue  # produced by the suppression pass
            ctx = Context(article, self.settings, rule, analysis, matches)
            try:
                for f in rule.check(ctx):
                    f.code = rule.code
                    findings.append(f)
            except Exception as exc:  # a crashing rule must not stop the run
                a, b = article.anchor
                findings.append(
                    Finding(
                        code="E904",
                        message=(
                            f"rule {rule.code} ({rule.name}) failed on this file: "
                            f"{type(exc).__name__}: {exc}; please report this as a medlint bug"
                        ),
                        start=a,
                        end=b,
                        name="internal-rule-error",
                    )
                )
        if any(f.extra.get("not_an_article") for f in findings):
            # a rule found the file is not an article (a cookie wall, a bot check): its
            # other findings are noise; only that finding and read problems stay
            findings = [f for f in findings if f.extra.get("not_an_article") or f.code[:2] == "E9"]
        if self.settings.vale_accept:  # the Vale vocabulary's accepted terms (docs/vale.md)
            from medlint.vale.vocab import keep_quiet

            findings = keep_quiet(findings, article.source, self.settings.vale_accept)
        for f in findings:
            self._position(article, f, article.path)
            if len(f.message) > MAX_MESSAGE_CHARS:
                f.message = f.message[: MAX_MESSAGE_CHARS - 1] + "…"
        findings = apply_suppressions(
            article, findings, self.registry, self.settings.require_reason, self.selected
        )
        for f in findings:
            if f.code in ("X001", "X002"):
                self._position(article, f, article.path)
        drop = self._ignored_for_path(article.path)
        findings = [f for f in findings if f.code not in drop]
        findings = _dedupe(findings)
        findings.sort(key=lambda f: f.sort_key)
        result = FileResult(article.path, findings, article if self.keep_articles else None)
        if self.collect_stats:
            from medlint.stats import STATS_KEY, article_stats

            result.stats[STATS_KEY] = article_stats(analysis)
        return result

    def lint_text(self, path: str, text: str, had_bom: bool = False) -> FileResult:
        if len(text) > MAX_ARTICLE_CHARS:
            return self._read_error(
                path,
                "E901",
                f"the article is too large to lint: {len(text):,} characters; medlint lints "
                f"at most {MAX_ARTICLE_CHARS:,} per article (about 150 MB of memory per "
                "million characters); split it into smaller articles",
            )
        try:
            article, problems = parse_article(
                path,
                text,
                detect_format(path),
                self.settings.metadata.get("prose-keys"),
                had_bom=had_bom,
            )
        except Exception as exc:  # a reader that fails on one file must not stop the run
            return self._read_error(
                path,
                "E901",
                f"medlint could not read this file's structure ({type(exc).__name__}: "
                f"{str(exc)[:200]}); please report this as a medlint bug",
            )
        return self.lint_article(article, problems)

    def lint_bytes(self, path: str, data: bytes) -> FileResult:
        text, had_bom, err = decode(data)
        if text is None:
            return self._read_error(path, "E902", err)
        return self.lint_text(path, text, had_bom)

    def lint_stream(self, path: str, stream: Any) -> FileResult:
        """Lint standard input (or any binary stream), reading at most MAX_FILE_BYTES."""
        try:
            data = read_stream(stream)
        except NotReadable as exc:
            return self._read_error(path, "E901", str(exc))
        return self.lint_bytes(path, data)

    def lint_path(self, path: str) -> FileResult:
        try:
            if os.path.isdir(path):
                return self._read_error(path, "E901", _folder_problem(path))
            data = read_bytes(path)
        except NotReadable as exc:
            return self._read_error(path, "E901", str(exc))
        except FileNotFoundError:
            msg = "broken symbolic link" if os.path.islink(path) else "no such file"
            return self._read_error(path, "E901", f"cannot read the file: {msg}")
        except PermissionError:
            return self._read_error(path, "E901", "cannot read the file: permission denied")
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                return self._read_error(
                    path,
                    "E901",
                    f"cannot read: the path is too long for the system ({len(path)} "
                    "characters); move the articles to a shallower folder",
                )
            return self._read_error(path, "E901", f"cannot read the file: {exc.strerror or exc}")
        return self.lint_bytes(path, data)

    def _read_error(self, path: str, code: str, message: str) -> FileResult:
        f = Finding(code=code, message=message)
        self._position(None, f, path)
        return FileResult(path, [f] if code in self.selected or code.startswith("E") else [])

    def is_failure(self, f: Finding) -> bool:
        if f.code.startswith("E9"):
            return True
        return SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK[self.settings.fail_on]


def _folder_problem(path: str) -> str:
    """The E901 message for a folder given where an article was expected, or met while
    walking that cannot be listed."""
    try:
        with os.scandir(path):
            pass
    except PermissionError:
        return "cannot open this folder: permission denied; its articles are not checked"
    except OSError as exc:
        return f"cannot open this folder: {exc.strerror or exc}; its articles are not checked"
    return "this is a directory, not an article file"


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.code, f.start, f.end, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
