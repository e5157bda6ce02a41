"""The ``medlint check`` pipeline, without click.

One run goes through these stages, each a function of its own::

    collect + lint      runner.run (cache, worker processes)
    fix                 --fix writes the fixes, --diff prints them (fixer)
    baseline            --write-baseline records the findings of the files checked (keeping
                        other files' entries), --baseline drops recorded ones
    changed lines       --changed-since keeps findings on lines changed since a git ref
    min severity        --min-severity drops findings below it (neither printed nor counted)
    render              the output format (medlint.output)

:func:`run_check` runs them for a :class:`Linter` and :class:`CheckOptions` and returns a
:class:`CheckOutcome` (exit code, reported results, fixes).  What a run prints goes to a
:class:`Sink`: ``out`` for standard output, ``note`` for a message on standard error, in
the order the run produces them (the command line echoes them; :class:`Captured` keeps
them, for tests and embedding).  A usage or environment problem raises
:class:`CheckError`; the command line prints ``medlint: error: <message>`` and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from medlint import baseline as bl_mod
from medlint import fixer, gitdiff, runner
from medlint.document import decode
from medlint.findings import SEVERITY_RANK
from medlint.output import RenderContext, get_renderer

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult, Linter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CheckError(Exception):
    """A usage or environment problem (bad option, unreadable baseline, git failure...)."""


class Sink(Protocol):
    """Where a run's output goes, in order."""

    def out(self, data: str | bytes) -> None:
        """Standard output: rendered findings, a diff, or (fixing stdin) the fixed bytes."""

    def note(self, message: str) -> None:
        """One message for standard error (no ``medlint: error:`` prefix: not an error)."""


@dataclass
class Captured:
    """A :class:`Sink` that keeps what a run prints."""

    stdout: list[str | bytes] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def out(self, data: str | bytes) -> None:
        self.stdout.append(data)

    def note(self, message: str) -> None:
        self.notes.append(message)

    @property
    def text(self) -> str:
        """Standard output as text (bytes written when fixing stdin are decoded)."""
        return "".join(d if isinstance(d, str) else d.decode("utf-8") for d in self.stdout)


@dataclass(frozen=True)
class CheckOptions:
    """The options of ``medlint check`` that are not about choosing rules or configuration
    (those make the :class:`Linter`)."""

    paths: tuple[str, ...] = ()
    fmt: str = "text"
    stdin_filename: str | None = None
    statistics: bool = False
    quiet: bool = False
    color: bool = False
    baseline_file: str | None = None
    write_baseline: str | None = None
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False  # --unsafe-fixes (the config key is read by unsafe())
    jobs: int | None = 1
    use_cache: bool = False
    changed_since: str | None = None
    allow_empty: bool = False  # (or the config's allow-empty) a named path may hold no article
    shard: tuple[int, int] | None = None  # --shard K/N: only the files of shard K of N

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff

    def unsafe(self, linter: Linter) -> bool:
        """Whether unsafe fixes apply: ``--unsafe-fixes`` or the ``unsafe-fixes`` key."""
        return self.unsafe_fixes or linter.settings.unsafe_fixes


@dataclass
class CheckOutcome:
    exit_code: int
    # the results reported (after fixes, --changed-since and --baseline); fixing the
    # standard input: the findings of the fixed text; --diff: none
    results: list[FileResult] = field(default_factory=list)
    fixes: list[fixer.FixOutcome] = field(default_factory=list)  # files (would) change


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def validate(options: CheckOptions) -> None:
    """The checks made before the configuration is read."""
    if options.jobs is not None and options.jobs < 0:
        raise CheckError(f"--jobs: expected 0 (automatic) or more, got {options.jobs}")
    if options.fixing and "-" in options.paths and len(options.paths) > 1:
        raise CheckError("--fix/--diff: '-' (standard input) cannot be combined with file paths")
    if options.shard is not None and "-" in options.paths:
        raise CheckError("--shard: standard input ('-') cannot be split into shards")


def run_check(linter: Linter, options: CheckOptions, sink: Sink | None = None) -> CheckOutcome:
    """Run ``medlint check``: lint, fix, filter, render; see the module docstring."""
    sink = sink if sink is not None else Captured()
    baseline = load_baseline(options.baseline_file)
    changed = changed_lines(options.changed_since)
    if options.fixing and "-" in options.paths:
        return fix_stdin(linter, options, sink, baseline, changed)
    try:
        results = runner.run(
            linter,
            options.paths,
            options.stdin_filename,
            jobs=options.jobs,
            use_cache=options.use_cache,
            allow_empty=options.allow_empty or linter.settings.allow_empty,
            shard=options.shard,
        )
    except runner.InputError as exc:
        raise CheckError(str(exc)) from exc
    fixes: list[fixer.FixOutcome] = []
    if options.fixing:
        results, fixes = fixer.fix_results(
            linter, results, not options.diff, baseline, changed, unsafe=options.unsafe(linter)
        )
        if options.diff:
            return report_diff(fixes, options, sink)
        if fixes:
            changed = after_fixes(fixes, options, sink, changed)
    # the baseline sees every finding of the files checked (before --changed-since keeps
    # some lines), so it neither calls findings elsewhere "fixed" nor records only a part
    reader = bl_mod.SourceReader()
    if options.write_baseline:
        write_baseline(results, options.write_baseline, reader, sink)
        return CheckOutcome(EXIT_OK, results, fixes)
    if baseline is not None:
        results = drop_baselined(results, baseline, reader, options, sink)
    if changed is not None:
        results = keep_changed_lines(linter, results, changed)
    results = visible(linter, results)
    sink.out(render(linter, results, options))
    return CheckOutcome(exit_code(linter, results), results, fixes)


# -- the stages ---------------------------------------------------------------


def load_baseline(path: str | None) -> bl_mod.Baseline | None:
    if not path:
        return None
    try:
        return bl_mod.load(path)
    except bl_mod.BaselineError as exc:
        raise CheckError(f"--baseline: {exc}") from exc


def changed_lines(ref: str | None) -> gitdiff.ChangedLines | None:
    """The lines changed since the git ``ref`` (None without ``--changed-since``)."""
    if not ref:
        return None
    try:
        return gitdiff.changed_lines(ref)
    except gitdiff.GitError as exc:
        raise CheckError(str(exc)) from exc


def read_stdin() -> bytes:
    try:
        return runner.read_stdin()
    except runner.InputError as exc:
        raise CheckError(str(exc)) from exc


def fix_stdin(
    linter: Linter,
    options: CheckOptions,
    sink: Sink,
    baseline: bl_mod.Baseline | None,
    changed: gitdiff.ChangedLines | None,
) -> CheckOutcome:
    """Fix the standard input: the fixed text (or with --diff the diff) to standard output."""
    text, had_bom, err = decode(read_stdin())
    if text is None:
        raise CheckError(f"standard input: {err}")
    name = options.stdin_filename or "-"
    choose = fixer.make_chooser(name, baseline, changed, linter.settings.min_severity)
    oc = fixer.fix_text(linter, name, text, had_bom, choose, options.unsafe(linter))
    fixes = [oc] if oc.changed else []
    if options.diff:
        sink.out(oc.diff())
        return CheckOutcome(EXIT_FINDINGS if oc.changed else EXIT_OK, [], fixes)
    sink.out(fixer.encode(oc.fixed, had_bom))
    shown = visible(linter, [oc.result])
    return CheckOutcome(exit_code(linter, shown), shown, fixes)


def report_diff(fixes: list[fixer.FixOutcome], options: CheckOptions, sink: Sink) -> CheckOutcome:
    """--diff: print what the fixes would change; exit 1 when a file would change."""
    sink.out("".join(oc.diff() for oc in fixes))
    if fixes and not options.quiet:
        n = sum(oc.applied for oc in fixes)
        sink.note(f"medlint: {count(n, 'fix', 'fixes')} would change {count(len(fixes), 'file')}")
    return CheckOutcome(EXIT_FINDINGS if fixes else EXIT_OK, [], fixes)


def after_fixes(
    fixes: list[fixer.FixOutcome],
    options: CheckOptions,
    sink: Sink,
    changed: gitdiff.ChangedLines | None,
) -> gitdiff.ChangedLines | None:
    """--fix changed files: say so, and ask git again (the fixed files' lines changed)."""
    if not options.quiet:
        n = sum(oc.applied for oc in fixes)
        sink.note(f"medlint: applied {count(n, 'fix', 'fixes')} in {count(len(fixes), 'file')}")
    if options.changed_since:
        return changed_lines(options.changed_since)
    return changed


def keep_changed_lines(
    linter: Linter, results: list[FileResult], changed: gitdiff.ChangedLines
) -> list[FileResult]:
    kept, _dropped = gitdiff.filter_results(
        results, changed, linter.settings.metadata.get("prose-keys")
    )
    return kept


def write_baseline(
    results: list[FileResult], path: str, reader: bl_mod.SourceReader, sink: Sink
) -> None:
    """Record the findings of the files checked; an existing baseline keeps the entries of
    files this run did not check (a partial selection updates only its files)."""
    keep: list[dict[str, object]] = []
    try:
        previous = bl_mod.load(path)
    except bl_mod.BaselineError:  # none yet, or not a baseline: written afresh
        previous = None
    if previous is not None:
        keep = bl_mod.kept_entries(previous, results)
    try:
        n, files = bl_mod.write(results, path, reader, keep)
    except OSError as exc:
        raise CheckError(f"--write-baseline: cannot write {path}: {exc.strerror or exc}") from exc
    kept_files = len({e["path"] for e in keep})
    also = f" (kept the entries of {count(kept_files, 'file')} not checked)" if keep else ""
    sink.note(f"medlint: wrote {path}: {count(n, 'finding')} in {count(files, 'file')}{also}")


def drop_baselined(
    results: list[FileResult],
    baseline: bl_mod.Baseline,
    reader: bl_mod.SourceReader,
    options: CheckOptions,
    sink: Sink,
) -> list[FileResult]:
    """--baseline: the results without the recorded findings."""
    outcome = bl_mod.apply(results, baseline, reader)
    if outcome.unmatched and not options.quiet and options.fmt == "text":
        sink.note(
            f"medlint: {count(outcome.unmatched, 'baseline finding')} no longer "
            "found (fixed or edited); "
            f"run with --write-baseline {options.baseline_file} to shrink the baseline"
        )
    return outcome.results


def visible(linter: Linter, results: list[FileResult]) -> list[FileResult]:
    """The results without findings below the min-severity (E9xx errors always stay)."""
    low = SEVERITY_RANK.get(linter.settings.min_severity, 0)
    if low == 0:
        return results
    from medlint.engine import FileResult

    return [
        FileResult(
            r.path,
            [
                f
                for f in r.findings
                if f.code.startswith("E9") or SEVERITY_RANK.get(f.severity, 0) >= low
            ],
            r.article,
            r.stats,
        )
        for r in results
    ]


def render(linter: Linter, results: list[FileResult], options: CheckOptions) -> str:
    ctx = RenderContext(
        registry=linter.registry,
        files_checked=len(results),
        statistics=options.statistics,
        quiet=options.quiet,
        color=options.color,
        fail_on=linter.settings.fail_on,
        unsafe_fixes=options.unsafe(linter),
    )
    return get_renderer(options.fmt)(results, ctx)


def exit_code(linter: Linter, results: list[FileResult]) -> int:
    """1 when a finding is at or above --fail-on (or a file could not be read), else 0."""
    failed = any(linter.is_failure(f) for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_OK
