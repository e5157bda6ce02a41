"""The ``medlint`` command line (click)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from medlint import __version__

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings
    from medlint.engine import FileResult, Linter
    from medlint.registry import Option, Registry, Rule
    from medlint.report.model import Report

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LEVELS = ("error", "warning", "info")
TABLES = ("articles", "authors", "reviewers", "rules")  # report --table (CSV)


def _fail(message: str) -> NoReturn:
    for line in message.splitlines() or [""]:  # a config file's errors: one line each
        click.echo(f"medlint: error: {line}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]


def _check_selectors(registry: Registry, option: str, values: list[str]) -> None:
    from medlint.config import suggest

    for v in values:
        if not registry.expand(v):
            hint = suggest(v, registry.known_selectors())
            _fail(
                f"{option}: unknown rule code or name {v!r}"
                + (f" (did you mean '{hint}'?)" if hint else "")
                + "; `medlint rules` lists them"
            )


def _parse_today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--today: expected a date YYYY-MM-DD, got {value!r}")


def _registry() -> Registry:
    from medlint.discovery import get_registry
    from medlint.registry import RegistryError

    try:
        reg = get_registry()
    except RegistryError as exc:
        _fail(str(exc))
    except Exception as exc:  # a broken built-in pack
        from medlint.packs import PackError

        if isinstance(exc, PackError):
            _fail(str(exc))
        raise
    for msg in reg.plugin_errors:
        click.echo(f"medlint: warning: {msg}", err=True)
    return reg


def load_config(config: str | None) -> tuple[Registry, Settings]:
    """The registry (with the project's pack rules) and the settings (exits 2 on error)."""
    from medlint.config import ConfigError, load_settings

    registry = _registry()
    try:
        settings = load_settings(registry, Path(config) if config else None)
    except ConfigError as exc:
        _fail(str(exc))
    return registry, settings


def load_run(
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    today: str | None,
    fail_on: str | None,
    keep_articles: bool = False,
    min_severity: str | None = None,
) -> tuple[Registry, Settings, Linter]:
    """Registry, settings and linter from config plus command-line options (exits 2 on error)."""
    from medlint.engine import Linter

    registry, settings = load_config(config)
    sel = _split(select) or None
    ign = _split(ignore)
    ext = _split(extend_select)
    for opt, vals in (("--select", sel or []), ("--ignore", ign), ("--extend-select", ext)):
        _check_selectors(registry, opt, vals)
    day = _parse_today(today)
    if day is not None:
        settings.today = day
    if fail_on:
        settings.fail_on = fail_on
    if min_severity:
        settings.min_severity = min_severity
    linter = Linter(settings, registry, sel, ign, ext, keep_articles=keep_articles)
    _check_builtin_packs(linter)
    return registry, settings, linter


def _check_builtin_packs(linter: Linter) -> None:
    """Validate rules/*.yaml against the pack schemas (exit 2 naming file, key and fix).

    Skipped when the result cache already has a directory for this configuration: its key
    covers the packs and medlint's code, and only a run that passed this check writes it.
    """
    from medlint.cache import Cache
    from medlint.packs import PackError

    try:
        if Cache(linter).dir.is_dir():
            return
    except OSError:
        pass
    from medlint.discovery import validate_builtin_packs  # validates once per pack digest

    try:
        validate_builtin_packs()
    except PackError as exc:
        _fail(str(exc))


def _shard_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from medlint.walk import ShardError, parse_shard

    try:
        return parse_shard(value)
    except ShardError as exc:
        _fail(str(exc))


SHARD_HELP = (
    "Lint only shard K of N (1 ≤ K ≤ N): a stable partition of the files by path, so N runs "
    "(a CI matrix) together lint every file exactly once."
)


def common_options(fn: Any) -> Any:
    opts = [
        click.option(
            "--select",
            multiple=True,
            help="Only these rules: codes, prefixes (C4, C), names, or Vale styles and "
            "rules (Microsoft, Microsoft.Passive); comma-separated.",
        ),
        click.option(
            "--ignore",
            multiple=True,
            help="Skip these rules (codes, prefixes, names, Vale styles or rules).",
        ),
        click.option(
            "--extend-select", multiple=True, help="Add rules to the configured selection."
        ),
        click.option(
            "--config",
            type=click.Path(dir_okay=False),
            help="Use this config file instead of searching for one.",
        ),
        click.option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Fix the clock (review-age rules) for reproducible CI output.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(LEVELS),
            help="Lowest severity that makes the exit code 1 [default: error].",
        ),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", "-V", prog_name="medlint", message="%(prog)s %(version)s"
)
def main() -> None:
    """medlint: an editorial compliance linter for consumer-facing medical articles.

    \b
    Examples:
      medlint check content/                   lint every .md/.txt/.html file
      medlint check article.md --format json   machine-readable findings
      medlint rules                            list every rule
      medlint rule C401                        explain one rule
    """


def _output_formats() -> list[str]:
    from medlint.output import FORMATS

    return list(FORMATS)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_output_formats()),
    default="text",
    show_default=True,
    help="Output format (vale-line, vale-json: as Vale's line and JSON outputs).",
)
@common_options
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name (and so the format) of the article read from '-'.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary (text format).")
@click.option(
    "--color/--no-color", default=None, help="Colour text output [default: when a terminal]."
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Record every current finding in FILE (exit 0), for --baseline.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes findings carry (marked [*]), then report the rest.",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help=(
        "With --fix/--diff, also apply the fixes a rule is not sure of (a word split, a "
        "space put back); config key 'unsafe-fixes: true'."
    ),
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--jobs",
    "-j",
    type=int,
    default=None,
    metavar="N",
    help="Worker processes [default: every core for many files, 1 for a few].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write .medlint_cache.")
@click.option(
    "--changed-since",
    metavar="GIT_REF",
    help="Only findings on lines added or changed since this git ref.",
)
@click.option(
    "--min-severity",
    type=click.Choice(LEVELS),
    help="Neither print nor count findings below this severity [default: info].",
)
@click.option(
    "--allow-empty",
    is_flag=True,
    help="A named path without article files is not an error.",
)
@click.option("--shard", metavar="K/N", callback=_shard_option, help=SHARD_HELP)
def check(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    config: str | None,
    today: str | None,
    fail_on: str | None,
    stdin_filename: str | None,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    baseline_file: str | None,
    write_baseline: str | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    jobs: int | None,
    no_cache: bool,
    changed_since: str | None,
    min_severity: str | None,
    allow_empty: bool,
    shard: tuple[int, int] | None,
) -> None:
    """Lint article files and directories (use '-' for standard input).

    Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
    2 usage, configuration or internal error.  With --diff: 1 when a file would change.
    """
    from medlint import pipeline

    options = pipeline.CheckOptions(
        paths=paths,
        fmt=fmt,
        stdin_filename=stdin_filename,
        statistics=statistics,
        quiet=quiet,
        color=_use_color(color, fmt),
        baseline_file=baseline_file,
        write_baseline=write_baseline,
        fix=fix,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
        jobs=jobs,
        use_cache=not no_cache,
        changed_since=changed_since,
        allow_empty=allow_empty,
        shard=shard,
    )
    try:
        pipeline.validate(options)
        _registry, _settings, linter = load_run(
            config, select, ignore, extend_select, today, fail_on, min_severity=min_severity
        )
        outcome = pipeline.run_check(linter, options, _EchoSink())
    except pipeline.CheckError as exc:
        _fail(str(exc))
    sys.exit(outcome.exit_code)


def _use_color(color: bool | None, fmt: str) -> bool:
    """--color/--no-color, else colour text output on a terminal unless NO_COLOR is set."""
    if color is not None:
        return color
    return fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ


class _EchoSink:
    """A pipeline sink that prints: text with click, bytes (fixed stdin) as they are."""

    def out(self, data: str | bytes) -> None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            click.echo(data, nl=False)

    def note(self, message: str) -> None:
        click.echo(message, err=True)


def rules_markdown(registry: Registry) -> str:
    """The rule table in the README (kept in sync by a test)."""
    rows = ["| code | name | default | what it flags |", "| --- | --- | --- | --- |"]
    for r in registry:
        if r.origin != "builtin":
            continue
        summary = r.summary.replace("|", "\\|")
        fix = " (fixable)" if r.fixable else ""
        rows.append(f"| {r.code} | {r.name} | {r.severity} | {summary}{fix} |")
    return "\n".join(rows)


@main.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Use this config file (its packs and options) instead of searching for one.",
)
def rules_cmd(fmt: str, config: str | None) -> None:
    """List every rule (with the project's pack rules): code, name, severity and summary."""
    registry, settings = load_config(config)
    if fmt == "markdown":
        click.echo(rules_markdown(registry))
        return
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "summary": r.summary,
                "source": r.source,
                "fixable": r.fixable,
                "options": {k: o.default for k, o in r.options.items()},
                "configured": settings.rules.get(r.code, {}),
                "origin": r.origin,
                "link": r.link or None,
            }
            for r in registry
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    code_width = max((len(r.code) for r in registry), default=4)
    width = max((len(r.name) for r in registry), default=10)
    for r in registry:
        click.echo(f"{r.code:<{code_width}}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")


def _unknown_rule(code: str, registry: Registry) -> NoReturn:
    from medlint.config import suggest

    hint = (
        suggest(code, [x.name for x in registry])
        or suggest(code.upper(), [x.code for x in registry if not x.style])
        or suggest(code, [x.code for x in registry if x.style])
    )
    _fail(
        f"unknown rule {code!r}"
        + (f" (did you mean '{hint}'?)" if hint else "")
        + "; `medlint rules` lists them"
    )


def explain(code: str, registry: Registry, settings: Settings | None = None) -> str:
    r = registry.get(code)
    if r is None and code.strip() in registry.styles():
        return _explain_style(code.strip(), registry)
    if r is None:
        _unknown_rule(code, registry)
    configured = settings.rules.get(r.code, {}) if settings is not None else {}
    # a Vale rule's name is its code (Microsoft.Contractions): said once
    title = r.code if r.name == r.code else f"{r.code} {r.name}"
    out = [f"{title} [{r.severity}]", "", r.summary, ""]
    if r.rationale:
        out += ["Why", "  " + r.rationale.replace("\n", "\n  "), ""]
    if r.source:
        out += ["Standard", f"  {r.source}", ""]
    if r.link:
        out += ["More", f"  {r.link}", ""]
    if r.bad:
        out += ["Example that fires", *("  " + ln for ln in r.bad.splitlines()), ""]
    if r.good:
        out += ["Example that does not", *("  " + ln for ln in r.good.splitlines()), ""]
    # a fixable rule with no fix text (a Vale rule whose action edits) still says so
    how = r.fix or ("Make the change the finding suggests." if r.fixable else "")
    if how:
        out += [
            "How to fix",
            f"  {how}" + ("  (autofix: `medlint check --fix`)" if r.fixable else ""),
            "",
        ]
    if r.options:
        out.append(f"Options (config: rules.{r.code}.<option>)")
        out += [_option_line(name, o, configured) for name, o in r.options.items()]
        out.append("")
    out.append(_selected_as(r))
    return "\n".join(out)


def _explain_style(style: str, registry: Registry) -> str:
    """``medlint rule Microsoft``: the rules of a loaded style."""
    rules = [registry.rules[c] for c in registry.styles()[style]]
    n = len(rules)
    out = [f"{style}: a style with {n} rule{'' if n == 1 else 's'} loaded", ""]
    width = max(len(r.code) for r in rules)
    out += [f"  {r.code:<{width}}  {r.severity:<7}  {r.summary}" for r in rules]
    out += [
        "",
        f"Select or ignore them all as {style}; `medlint rule {rules[0].code}` explains one.",
    ]
    return "\n".join(out)


def _selected_as(r: Rule) -> str:
    if r.style:
        also = f", or by its name {r.name}" if r.name != r.code else ""
        return f"Select or ignore it as {r.code} or {r.style} (its style){also}."
    return f"Select or ignore it as {r.code}, {r.code[:2]} (its group) or {r.name}."


def _option_line(name: str, o: Option, configured: dict[str, Any]) -> str:
    from medlint.config import range_text

    allowed = ""
    if o.choices:
        allowed = f" (one of {', '.join(map(str, o.choices))})"
    elif o.min is not None or o.max is not None:
        allowed = f" ({range_text(o.min, o.max)})"
    if name in configured:
        value = f"{configured[name]!r} (configured; default {o.default!r})"
    else:
        value = repr(o.default)
    return f"  {name} = {value}{allowed}  {o.help}"


@main.command("rule")
@click.argument("code")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Use this config file (its packs and options) instead of searching for one.",
)
def rule_cmd(code: str, config: str | None) -> None:
    """Explain one rule: what, why (with its standard), examples, fix and options."""
    registry, settings = load_config(config)
    click.echo(explain(code, registry, settings))


@main.command("lsp")
@click.option(
    "--tcp", metavar="HOST:PORT", help="Listen on a TCP port instead of standard input/output."
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    help="Fix the clock (review-age rules), as `check --today`.",
)
@click.option(
    "--debounce-ms",
    type=click.IntRange(0, 10_000),
    default=0,
    show_default=True,
    help="Wait this long after an edit before linting (edits made while a lint runs "
    "are always coalesced into one more lint).",
)
@click.option(
    "--block-cache",
    type=click.IntRange(0, 1_000_000),
    default=2048,
    show_default=True,
    metavar="BLOCKS",
    help="Keep the spaCy Docs of this many recently linted blocks (paragraphs, headings, "
    "list items; at most 500,000 characters of text, about 65 MB), so an edit "
    "re-tokenises only the blocks it changed. 0 turns it off.",
)
def lsp_cmd(tcp: str | None, today: str | None, debounce_ms: int, block_cache: int) -> None:
    """A Language Server Protocol server for editors (standard input/output).

    \b
    An editor starts it (the command `medlint lsp`) and talks to it over standard
    input/output; it is not meant to be run by hand.  It gives:
      diagnostics   on open, change and save (pushed, or pulled by LSP 3.17 clients),
                    with the settings `medlint check` would use for the file: its
                    nearest .medlint.yaml / pyproject.toml and user packs, reloaded
                    when they change; exact positions (UTF-16, or UTF-8 if offered)
      quick fixes   the finding's fix, "suppress on this line with a reason",
                    "fix all safe fixes in this file" (source.fixAll.medlint)
      hover         the rule's explanation (as `medlint rule CODE`)
    spaCy and the packs load once per server; an edit re-lints the article, reusing
    the tokenised blocks it did not change (--block-cache).

    \b
    Needs the extra:
      pip install -e '.[lsp]'   (in a checkout of medlint)
    Editor setups (VS Code extension in editors/vscode, Neovim, Helix, Emacs, Sublime):
    docs/editors.md.
    """
    day = _parse_today(today)
    try:
        from medlint import lsp
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            _fail(
                "medlint lsp needs pygls: install medlint with its lsp extra "
                "(pip install -e '.[lsp]' in a checkout)"
            )
        raise
    if tcp:
        try:
            lsp.parse_tcp(tcp)
        except ValueError as exc:
            _fail(str(exc))
    lsp.serve(explain, tcp=tcp, today=day, debounce=debounce_ms / 1000, block_cache=block_cache)
    sys.exit(EXIT_OK)  # the client said exit (standard output is closed: nothing to flush)


class _Progress:
    """A click progress bar on stderr, only on a terminal and outside CI."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "csv", "md", "json"]),
    default=None,
    help="Report format [default: from the -o file's extension (.html, .csv, .md, .json)].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the report to FILE [default: standard output].",
)
@common_options
@click.option(
    "--jobs", type=int, default=None, metavar="N", help="Worker processes [default: automatic]."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option(
    "--compare",
    "compare_file",
    type=click.Path(dir_okay=False),
    metavar="PREVIOUS.json",
    help="Compare with an earlier run (its `report --format json`): what got worse or better.",
)
@click.option(
    "--history",
    "history_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Earlier runs' report JSON files (*.json in DIR), for the trend.",
)
@click.option(
    "--from",
    "from_files",
    multiple=True,
    metavar="RESULTS.json",
    help=(
        "Build the report from earlier outputs (`report --format json` or `check --format "
        "json` of each shard; files or directories) instead of linting. With --from, PATHS "
        "ending in .json are inputs too; other PATHS are the library, walked for the articles "
        "without findings that `check` JSON does not list."
    ),
)
@click.option("--shard", metavar="K/N", callback=_shard_option, help=SHARD_HELP)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="articles",
    show_default=True,
    help="CSV only: one row per article, per author, per reviewer or per rule.",
)
def report(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    config: str | None,
    today: str | None,
    fail_on: str | None,
    jobs: int | None,
    no_cache: bool,
    compare_file: str | None,
    history_dir: str | None,
    from_files: tuple[str, ...],
    shard: tuple[int, int] | None,
    table: str,
) -> None:
    """Write a whole-library report for editors: HTML, CSV, Markdown or JSON.

    \b
    Examples:
      medlint report content/ -o report.html   sortable table, charts, every article
      medlint report content/ -o articles.csv  one row per article, for spreadsheets
      medlint report content/ --format md      summary and worst articles, for a ticket
      medlint report content/ -o now.json --compare last-month.json
      medlint report --from shards/ -o report.html   merge the shards of a CI matrix

    Exit codes: 0 report written (1 only with an explicit --fail-on and findings at or
    above it), 2 usage, configuration or internal error.
    """
    from medlint.report import FormatError, format_for, write_report
    from medlint.report.compare import ReportFileError

    if jobs is not None and jobs < 0:
        _fail(f"--jobs: expected 0 (automatic) or more, got {jobs}")
    try:
        fmt = fmt or format_for(output)
    except FormatError as exc:
        _fail(str(exc))
    if table != "articles" and fmt != "csv":
        _fail(f"--table {table}: only for the CSV format (got --format {fmt})")
    if from_files and shard is not None:
        _fail("--shard: not with --from (the shards were made by the runs that wrote the inputs)")
    registry, settings, linter = load_run(config, select, ignore, extend_select, today, fail_on)
    try:
        if from_files:
            results = _merged_results(linter, paths, from_files)
        else:
            results = _lint_for_report(linter, paths, output, jobs, no_cache, shard)
        data = _build(results, settings, registry, linter, compare_file, history_dir, output)
    except ReportFileError as exc:
        _fail(str(exc))
    data.table = table
    if not output or output == "-":
        write_report(data, fmt, sys.stdout)
    else:
        size = _write_report_file(data, fmt, output)
        click.echo(
            f"medlint: wrote {output} ({fmt}, {len(results)} article"
            f"{'' if len(results) == 1 else 's'}, {size / 1e6:.1f} MB)",
            err=True,
        )
    failed = fail_on is not None and any(linter.is_failure(f) for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


for _param in report.params:  # the report exits 0 unless --fail-on is given (README)
    if isinstance(_param, click.Option) and _param.name == "fail_on":
        _param.help = "Exit 1 when a finding is at or above this severity [default: exit 0]."


def _lint_for_report(
    linter: Linter,
    paths: tuple[str, ...],
    output: str | None,
    jobs: int | None,
    no_cache: bool,
    shard: tuple[int, int] | None,
) -> list[FileResult]:
    from medlint import runner

    linter.collect_stats = True
    bar = _Progress("Checking articles")
    try:
        results = runner.run(
            linter, paths, None, jobs=jobs, use_cache=not no_cache, progress=bar, shard=shard
        )
    except runner.InputError as exc:
        _fail(str(exc))
    finally:
        bar.close()
    if output and output != "-":  # never report on an earlier copy of this report
        own = Path(output).resolve()
        results = [r for r in results if r.path == "-" or Path(r.path).resolve() != own]
    return results


def _merged_results(
    linter: Linter, paths: tuple[str, ...], from_files: tuple[str, ...]
) -> list[FileResult]:
    """--from: the inputs' results (JSON PATHS are inputs too), with the library's articles
    that `check` JSON does not list (those without findings)."""
    from medlint import runner
    from medlint.report.merge import (
        add_clean_articles,
        input_files,
        read_inputs,
        sorted_results,
    )

    inputs = [*from_files, *(p for p in paths if p.lower().endswith(".json"))]
    library = [p for p in paths if not p.lower().endswith(".json")]
    merged = read_inputs(input_files(inputs))
    fixed_day = linter.settings.today is not None  # --today or the config's today
    if len(merged.days) > 1 and not fixed_day:
        _fail(
            "--from: the inputs were made on different days "
            f"({', '.join(sorted(merged.days))}); pass --today to say which day the report is for"
        )
    if len(merged.days) == 1 and not fixed_day:
        linter.settings.today = dt.date.fromisoformat(next(iter(merged.days)))
    if library:
        try:
            files = runner.collect_files(linter, library)
        except OSError as exc:
            _fail(f"cannot walk {', '.join(library)}: {exc}")
        add_clean_articles(merged, files)
    elif merged.findings_only:
        click.echo(
            "medlint: warning: --from: `check --format json` lists only articles with findings;"
            " give the library's PATHS too so the report counts the articles without any",
            err=True,
        )
    return sorted_results(merged)


def _build(
    results: list[FileResult],
    settings: Settings,
    registry: Registry,
    linter: Linter,
    compare_file: str | None,
    history_dir: str | None,
    output: str | None,
) -> Report:
    from medlint.report.compare import compare, load_history, load_report, this_run
    from medlint.report.model import build_report

    previous = load_report(compare_file) if compare_file else None
    skip = Path(output) if output and output != "-" else None
    history = load_history(history_dir, skip) if history_dir else []
    data = build_report(results, settings, registry, set(linter.selected))
    if previous is not None:
        data.comparison = compare(data, previous)
    if history:  # this run last, labelled like the files of the folder (by its file name)
        data.history = [*history, this_run(data, skip.stem if skip else "this run")]
    return data


def _write_report_file(data: Report, fmt: str, output: str) -> int:
    """Write the report atomically (a temporary file, then a rename); returns its size."""
    import tempfile

    from medlint.report import write_report

    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(
            dir=target.parent if str(target.parent) else ".", prefix=".medlint-report-"
        )
    except OSError as exc:
        _fail(f"-o: cannot write {output}: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            write_report(data, fmt, fh)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        _fail(f"-o: cannot write {output}: {exc.strerror or exc}")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target.stat().st_size


class _Terminated(BaseException):
    """SIGTERM or SIGHUP reached medlint: unwind (ending the worker processes), then exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: how long medlint may take to unwind after SIGTERM/SIGHUP before it exits regardless
EXIT_GRACE_SECONDS = 10.0


def _on_signal(signum: int, _frame: object) -> None:
    """Unwind from wherever the signal found the main thread.  The unwinding ends the
    worker processes; should it hang (a lock or a queue thread of the process pool caught
    half-way), a daemon timer exits with the same status after :data:`EXIT_GRACE_SECONDS`
    (workers still end: they get SIGTERM when their parent dies)."""
    import threading

    timer = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(128 + signum,))
    timer.daemon = True
    timer.start()
    raise _Terminated(signum)


def _install_signal_handlers() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:  # pragma: no cover - not on this platform
            continue
        try:
            if signal.getsignal(sig) == signal.SIG_DFL:
                signal.signal(sig, _on_signal)
        except (OSError, ValueError):  # pragma: no cover - not the main thread
            pass


def _quiet_stdout() -> None:
    """After a failed write to standard output: point it at /dev/null so the interpreter's
    final flush of what is still buffered does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _io_error(exc: OSError) -> NoReturn:
    what = "write to standard output" if exc.errno in (errno.EPIPE, errno.ENOSPC) else "do I/O"
    _quiet_stdout()
    click.echo(f"medlint: error: cannot {what}: {exc.strerror or exc}", err=True)
    sys.exit(EXIT_ERROR)


def _main() -> int:
    """``main`` without click's standalone handling (its "Aborted!" and exit 1 on Ctrl-C)."""
    try:
        rv = main(standalone_mode=False)
    except click.exceptions.Abort as exc:  # click wraps Ctrl-C (and EOF) as Abort
        raise KeyboardInterrupt from exc
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    try:
        sys.stdout.flush()
    except OSError as exc:
        _io_error(exc)
    return rv if isinstance(rv, int) else EXIT_OK


def run() -> None:
    """Entry point with the no-traceback promise: unexpected errors exit 2 with one line;
    Ctrl-C exits 130, SIGTERM/SIGHUP 128 + the signal number."""
    if sys.stderr is None:  # nowhere to say anything
        sys.exit(EXIT_ERROR)
    if sys.stdout is None:
        click.echo("medlint: error: standard output is closed", err=True)
        sys.exit(EXIT_ERROR)
    _install_signal_handlers()
    try:
        sys.exit(_main())
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("medlint: interrupted", err=True)
        sys.exit(130)
    except _Terminated as exc:
        click.echo(f"medlint: terminated (signal {exc.signum})", err=True)
        sys.exit(128 + exc.signum)
    except OSError as exc:
        if os.environ.get("MEDLINT_DEBUG"):
            raise
        _io_error(exc)
    except Exception as exc:
        if os.environ.get("MEDLINT_DEBUG"):
            raise
        click.echo(
            f"medlint: internal error: {type(exc).__name__}: {exc} (set MEDLINT_DEBUG=1 for a traceback; please report it)",
            err=True,
        )
        sys.exit(EXIT_ERROR)
