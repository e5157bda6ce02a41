"""``medlint lsp``: a Language Server Protocol server (pygls) for editors.

One server lints every open article with the settings ``medlint check`` would use for it
(the nearest ``.medlint.yaml`` / ``pyproject.toml``, user packs, ``today``): one
:class:`~medlint.engine.Linter` per configuration file, built once, so spaCy and the packs
load once per server.  Linting runs in one worker thread (medlint's pack and matcher caches
are process-wide), so the event loop keeps answering hovers and code actions meanwhile.

* Diagnostics on open, change and save.  Re-linting an edited article re-tokenises and
  re-matches only the blocks whose text changed: the spaCy Docs of recently linted
  blocks (with their cached matches) are kept, keyed by the block's text
  (:mod:`medlint.analysis.block_docs`, ``--block-cache``); the findings are those of a
  fresh lint.  A change is linted after ``debounce`` seconds of
  quiet; while a lint runs, later changes are coalesced into one more lint of the newest
  text, so the server never falls more than one lint behind the typing.  Clients that
  support pull diagnostics (``textDocument/diagnostic``) pull; the others get
  ``textDocument/publishDiagnostics``.
* Positions: medlint findings carry 1-based lines and code-point columns; they are
  converted to the encoding negotiated at ``initialize`` (UTF-16 by default, UTF-8 or
  UTF-32 when the client prefers it).  Lines break at ``\\r\\n``, ``\\r`` and ``\\n``, as in
  both medlint and the LSP specification.
* Code actions: a finding's fix (preferred when safe), "suppress on this line with a
  reason" (the SPEC's ``<!-- medlint-disable-line … -->`` comment; in plain text a
  ``medlint-disable-next-line`` comment line above), "fix all safe fixes in this file".
* Hover on a diagnostic: the text of ``medlint rule CODE``.
* A bad configuration never stops the server: ``window/showMessage`` and the last good
  settings stay.  A bad article (binary, invalid front matter) gets its E9xx diagnostic.
* Vale rules of types medlint does not run (and .vale.ini keys not followed): one
  ``window/showMessage`` warning per configuration, as ``medlint check`` warns on stderr.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from medlint import __version__
from medlint.analysis.block_docs import DEFAULT_MAX_BLOCKS, BlockDocs
from medlint.config import CONFIG_FILES, ConfigError, Settings, find_config, load_settings
from medlint.document import FORMATS
from medlint.document.model import LINE_BREAK, line_start_offsets
from medlint.engine import FileResult, Linter
from medlint.findings import Finding
from medlint.fixer import apply_fixes, fix_text
from medlint.registry import Registry

log = logging.getLogger("medlint.lsp")

DEFAULT_DEBOUNCE = 0.0  # seconds; later changes are coalesced while a lint runs
SOURCE = "medlint"
FIX_ALL_KIND = "source.fixAll.medlint"
REASON_PLACEHOLDER = "TODO: why this is fine"
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
# the format to lint an untitled (or oddly named) document in, from the editor's language id
_LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html", "plaintext": ".txt"}

Explain = Callable[[str, Registry, Settings], str]


# -- positions ----------------------------------------------------------------


class LineIndex:
    """Offsets of one text ↔ LSP positions in one encoding (utf-8, utf-16 or utf-32)."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = str(encoding)
        self.starts = line_start_offsets(text)

    def units(self, s: str) -> int:
        if self.encoding == "utf-32":
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def _line_end(self, line: int) -> int:
        """The offset where line ``line`` (0-based) ends, before its line break."""
        if line + 1 < len(self.starts):
            nxt = self.starts[line + 1]
            return nxt - (2 if self.text[nxt - 2 : nxt] == "\r\n" else 1)
        return len(self.text)

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.text[self.starts[line] : offset]))

    def offset(self, pos: lsp.Position) -> int:
        """The offset of a client position (a column past the line's end is its end)."""
        if pos.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[pos.line], self._line_end(pos.line)
        if self.encoding == "utf-32":
            return min(start + pos.character, end)
        n = 0
        i = start
        while i < end and n < pos.character:
            n += self.units(self.text[i])
            i += 1
        return i

    def end(self) -> lsp.Position:
        return self.position(len(self.text))


@dataclass
class Outcome:
    """One lint of one version of a document."""

    uri: str
    version: int | None
    text: str  # the document's text as the client has it
    path: str  # the path linted (its suffix chose the format)
    result: FileResult
    linter: Linter
    encoding: str
    shift: int = 0  # 1 when the text starts with a BOM (medlint offsets exclude it)
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    pairs: list[tuple[Finding, lsp.Diagnostic]] = field(default_factory=list)

    @property
    def index(self) -> LineIndex:
        idx = self.__dict__.get("_index")
        if idx is None:
            idx = self.__dict__["_index"] = LineIndex(self.text, self.encoding)
        return idx

    @property
    def body(self) -> str:
        """The text medlint linted (without a BOM)."""
        return self.text[self.shift :]


def _offset_of(starts: list[int], text_len: int, line: int, column: int) -> int:
    """The offset of a 1-based medlint (line, code-point column)."""
    if line < 1:
        return 0
    if line > len(starts):
        return text_len
    return min(starts[line - 1] + max(column, 1) - 1, text_len)


def diagnostics_for(outcome: Outcome) -> list[tuple[Finding, lsp.Diagnostic]]:
    """The findings of an outcome with their LSP diagnostics, positions converted exactly."""
    body = outcome.body
    starts = line_start_offsets(body)
    idx = outcome.index
    out = []
    for f in outcome.result.findings:
        a = _offset_of(starts, len(body), f.line, f.column) + outcome.shift
        b = _offset_of(starts, len(body), f.end_line, f.end_column) + outcome.shift
        if f.line == 1 and f.column == 1 and f.end_line == 1 and f.end_column == 1:
            b = a  # a whole-file problem (E901/E902): the file's start
        diag = lsp.Diagnostic(
            range=lsp.Range(start=idx.position(a), end=idx.position(max(a, b))),
            message=f.message,
            severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
            code=f.code,
            source=SOURCE,
            data={"rule": f.name, "fixable": f.fix is not None},
            tags=[lsp.DiagnosticTag.Unnecessary] if f.code == "X001" else None,
        )
        out.append((f, diag))
    return out


# -- configurations -----------------------------------------------------------


class Configs:
    """One Linter per configuration file (None: no config file), loaded on first use.

    Runs only in the lint thread.  A configuration that fails to load keeps the last good
    Linter for that file (or the defaults) and queues a message for the client.
    """

    def __init__(self, today: dt.date | None = None, block_cache: int = DEFAULT_MAX_BLOCKS) -> None:
        from medlint.discovery import get_registry

        self.registry = get_registry()
        self.today = today
        self._config_of: dict[Path, Path | None] = {}
        self._vale_of: dict[Path, Path | None] = {}
        # keyed on the configuration file and the .vale.ini found from the folder (the
        # search `medlint check` makes from its folder when the config names none)
        self._linters: dict[tuple[Path | None, Path | None], Linter] = {}
        self._last_good: dict[tuple[Path | None, Path | None], Linter] = {}
        self.messages: list[str] = []
        self.warnings: list[str] = []  # shown as Warning, each text once per server
        self._warned: set[str] = set()
        self.watched: set[Path] = set()  # config files and user packs in use
        # the Docs of blocks linted recently, shared by every Linter: an edit re-tokenises
        # and re-matches only the blocks it changed (medlint.analysis.block_docs)
        self.block_docs = BlockDocs(block_cache) if block_cache > 0 else None

    def _config_for(self, folder: Path) -> Path | None:
        if folder not in self._config_of:
            try:
                self._config_of[folder] = find_config(folder)
            except ConfigError as exc:  # a pyproject.toml that cannot be read
                self.messages.append(str(exc))
                self._config_of[folder] = Path(exc.path)
        return self._config_of[folder]

    def linter_for(self, path: str) -> Linter:
        folder = Path(path).parent if path else Path.cwd()
        cfg = self._config_for(folder)
        if folder not in self._vale_of:
            from medlint.vale.ini import find_config as find_vale_config

            self._vale_of[folder] = find_vale_config(folder)
        key = (cfg, self._vale_of[folder])
        linter = self._linters.get(key)
        if linter is None:
            linter = self._linters[key] = self._load(key, folder)
        if linter.settings.packs:
            from medlint.packs import set_extra_packs

            set_extra_packs(linter.settings.packs)  # a no-op unless another config's differ
        return linter

    def _load(self, key: tuple[Path | None, Path | None], folder: Path) -> Linter:
        cfg = key[0]
        try:
            settings = load_settings(self.registry, cfg, start=folder)
        except ConfigError as exc:
            keep = self._last_good.get(key)
            self.messages.append(
                f"medlint: {exc}"
                + ("; keeping the last good settings" if keep else "; using the defaults")
            )
            if keep is not None:
                return keep
            settings = Settings(root=folder.resolve())
        if self.today is not None:
            settings.today = self.today
        linter = Linter(settings, self.registry, ignore=self._other_projects_rules(settings))
        linter.block_docs = self.block_docs
        self._last_good[key] = linter
        if cfg is not None:
            self.watched.add(cfg.resolve())
        self.watched.update(p.resolve() for p in settings.packs)
        if settings.vale_config is not None:
            from medlint.vale.registration import project_files

            # loaded a moment ago; if a file changed since, the next load says so
            with contextlib.suppress(ValueError):
                self.watched.update(project_files(settings.vale_config))
            self._vale_warnings(settings.vale_config)
        return linter

    def _vale_warnings(self, ini: Path) -> None:
        """What the .vale.ini asks that medlint does not run (the warning `medlint check`
        writes to standard error), queued once per configuration and text: the server's
        standard error is a log editor users do not read."""
        from medlint.vale.registration import load_project, report_lines

        try:
            lines = report_lines(load_project(ini))
        except ValueError:
            return
        for line in lines:
            if line not in self._warned:
                self._warned.add(line)
                self.warnings.append(f"medlint: {line}")

    def _other_projects_rules(self, settings: Settings) -> list[str]:
        """The Vale rules in the shared registry that ``settings``' own .vale.ini (if any)
        does not have: another folder's configuration loaded them, and `medlint check`
        run for this folder would not run them."""
        own: set[str] = set()
        if settings.vale_config is not None:
            from medlint.vale.registration import load_project

            with contextlib.suppress(ValueError):
                own = set(load_project(settings.vale_config).styles.rules)
        return sorted(
            code
            for code, rule in self.registry.rules.items()
            if rule.origin.startswith("vale:") and code not in own
        )

    def affected_by(self, paths: list[Path]) -> bool:
        from medlint.vale.ini import CONFIG_NAMES as VALE_CONFIG_NAMES

        return any(
            p.name in CONFIG_FILES or p.name in VALE_CONFIG_NAMES or p.resolve() in self.watched
            for p in paths
        )

    def reload(self) -> None:
        """Forget every loaded configuration (the last good ones stay as fallbacks)."""
        self._config_of.clear()
        self._vale_of.clear()
        self._linters.clear()
        if self.block_docs is not None:
            self.block_docs.clear()

    def take_messages(self) -> list[str]:
        out, self.messages = self.messages, []
        return out

    def take_warnings(self) -> list[str]:
        out, self.warnings = self.warnings, []
        return out


# -- code actions ---------------------------------------------------------------


def _single_edit(before: str, after: str, idx: LineIndex, shift: int) -> lsp.TextEdit:
    """One edit turning ``before`` into ``after`` (the changed middle only)."""
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    rng = lsp.Range(start=idx.position(p + shift), end=idx.position(len(before) - s + shift))
    return lsp.TextEdit(range=rng, new_text=after[p : len(after) - s])


def fix_edit(outcome: Outcome, f: Finding) -> lsp.TextEdit | None:
    """The edit applying one finding's fix exactly as ``--fix`` would."""
    if f.fix is None:
        return None
    body = outcome.body
    new, n = apply_fixes(body, [f.fix])
    if not n or new == body:
        return None
    return _single_edit(body, new, outcome.index, outcome.shift)


def _front_matter_end(text: str) -> int | None:
    """The 0-based line of a Markdown front matter's closing fence, or None."""
    lines = LINE_BREAK.split(text)
    if not lines or lines[0].rstrip(" \t") != "---":
        return None
    for i, ln in enumerate(lines[1:], 1):
        if ln.rstrip(" \t") in ("---", "..."):
            return i
    return None


def suppress_edit(outcome: Outcome, f: Finding) -> tuple[str, lsp.TextEdit] | None:
    """(title, edit) of a directive comment silencing ``f`` with a reason to fill in.

    Markdown and HTML: ``<!-- medlint-disable-line CODE -- reason -->`` at the end of the
    finding's line.  Plain text: a ``<!-- medlint-disable-next-line … -->`` line above it
    (a comment inside a line would be read as prose).  In Markdown front matter (a YAML
    value cannot hold a comment): ``<!-- medlint-disable-file … -->`` after it.
    """
    if f.code.startswith(("E9", "X0")):
        return None
    text = outcome.text
    idx = outcome.index
    fmt = FORMATS.get(Path(outcome.path).suffix.lower(), "txt")
    m = LINE_BREAK.search(text)
    eol = m.group(0) if m else "\n"
    line = max(f.line - 1, 0)
    if line >= len(idx.starts):
        return None
    reason = f"-- {REASON_PLACEHOLDER}"
    if fmt == "md":
        fm_end = _front_matter_end(text)
        if fm_end is not None and line <= fm_end:
            comment = f"<!-- medlint-disable-file {f.code} {reason} -->{eol}"
            at = idx.starts[fm_end + 1] if fm_end + 1 < len(idx.starts) else None
            if at is None:
                pos = idx.end()
                comment = eol + comment
            else:
                pos = idx.position(at)
            title = f"Suppress {f.code} in this file (front matter finding) with a reason"
            return title, lsp.TextEdit(range=lsp.Range(start=pos, end=pos), new_text=comment)
    line_text = text[idx.starts[line] : idx._line_end(line)]
    if fmt in ("md", "html"):
        at = idx.starts[line] + len(line_text.rstrip(" \t"))
        pos = idx.position(at)
        comment = f" <!-- medlint-disable-line {f.code} {reason} -->"
    else:
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        pos = idx.position(idx.starts[line])
        comment = f"{indent}<!-- medlint-disable-next-line {f.code} {reason} -->{eol}"
    return f"Suppress {f.code} on this line with a reason", lsp.TextEdit(
        range=lsp.Range(start=pos, end=pos), new_text=comment
    )


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _contains(r: lsp.Range, p: lsp.Position) -> bool:
    k = (p.line, p.character)
    return (r.start.line, r.start.character) <= k <= (r.end.line, r.end.character)


# -- hover --------------------------------------------------------------------------


def hover_text(code: str, registry: Registry, settings: Settings, explain: Explain) -> str | None:
    if registry.get(code) is None:
        return None
    return "```text\n" + explain(code, registry, settings).rstrip() + "\n```"


# -- the server -----------------------------------------------------------------------


@dataclass
class _DocState:
    timer: asyncio.TimerHandle | None = None
    running: bool = False
    again: bool = False
    outcome: Outcome | None = None


class MedlintServer(LanguageServer):
    def __init__(
        self,
        explain: Explain,
        today: dt.date | None = None,
        debounce: float = DEFAULT_DEBOUNCE,
        block_cache: int = DEFAULT_MAX_BLOCKS,
    ) -> None:
        super().__init__(
            "medlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.explain = explain
        self.today = today
        self.debounce = debounce
        self.block_cache = block_cache
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-lint")
        self._configs: Configs | None = None
        self.docs: dict[str, _DocState] = {}
        self.pull = False  # the client pulls diagnostics (textDocument/diagnostic)

    # -- the lint thread ------------------------------------------------

    @property
    def configs(self) -> Configs:
        if self._configs is None:
            self._configs = Configs(self.today, self.block_cache)
        return self._configs

    def lint_now(self, uri: str, text: str, version: int | None, language_id: str) -> Outcome:
        """Lint one document's text (in the lint thread); never raises."""
        path = path_of(uri)
        lint_path = path
        if Path(path).suffix.lower() not in FORMATS and language_id in _LANGUAGE_SUFFIX:
            lint_path = path + _LANGUAGE_SUFFIX[language_id]
        encoding = str(self.workspace.position_encoding or "utf-16")
        shift = 1 if text.startswith("\ufeff") else 0
        linter = self.configs.linter_for(path)
        try:
            result = linter.lint_bytes(lint_path, text.encode("utf-8", "surrogatepass"))
        except Exception as exc:  # never let one article stop the server
            log.exception("linting %s failed", uri)
            result = FileResult(
                lint_path,
                [
                    Finding(
                        code="E904",
                        message=f"medlint failed on this file: {type(exc).__name__}: {exc}; "
                        "please report this as a medlint bug",
                        severity="error",
                        name="internal-rule-error",
                    )
                ],
            )
        outcome = Outcome(uri, version, text, lint_path, result, linter, encoding, shift)
        outcome.pairs = diagnostics_for(outcome)
        outcome.diagnostics = [d for _f, d in outcome.pairs]
        return outcome

    def fix_all_now(self, outcome: Outcome) -> lsp.TextEdit | None:
        got = fix_text(
            outcome.linter, outcome.path, outcome.body, bool(outcome.shift), unsafe=False
        )
        if not got.changed:
            return None
        return _single_edit(outcome.body, got.fixed, outcome.index, outcome.shift)

    async def in_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        got = await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)
        for message in self.configs.take_messages():
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message)
            )
        for message in self.configs.take_warnings():
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=message)
            )
        return got

    # -- scheduling -------------------------------------------------------

    def document(self, uri: str) -> Any:
        """The open document (None when it is not open)."""
        return self.workspace.text_documents.get(unquote(uri))

    def state(self, uri: str) -> _DocState:
        return self.docs.setdefault(uri, _DocState())

    def schedule(self, uri: str, delay: float) -> None:
        st = self.state(uri)
        if st.timer is not None:
            st.timer.cancel()
        loop = asyncio.get_running_loop()
        st.timer = loop.call_later(delay, lambda: loop.create_task(self.lint_and_publish(uri)))

    async def current(self, uri: str) -> Outcome | None:
        """The outcome for the document's current text (linting it if needed)."""
        doc = self.document(uri)
        if doc is None:
            return None
        st = self.state(uri)
        if st.outcome is not None and st.outcome.text == doc.source:
            return st.outcome
        outcome: Outcome = await self.in_thread(
            self.lint_now, uri, doc.source, doc.version, doc.language_id or ""
        )
        st.outcome = outcome
        return outcome

    async def lint_and_publish(self, uri: str) -> None:
        st = self.state(uri)
        st.timer = None
        if st.running:
            st.again = True
            return
        st.running = True
        try:
            while True:
                st.again = False
                outcome = await self.current(uri)
                doc = self.document(uri)
                if outcome is None or doc is None:
                    return
                if outcome.text == doc.source:
                    self.text_document_publish_diagnostics(
                        lsp.PublishDiagnosticsParams(
                            uri=uri, diagnostics=outcome.diagnostics, version=outcome.version
                        )
                    )
                if not st.again:
                    return
        finally:
            st.running = False

    async def relint_all(self) -> None:
        """After a configuration change: push new diagnostics, or ask a pulling client to
        pull again."""
        for st in self.docs.values():
            st.outcome = None
        if self.pull:
            ws = self.client_capabilities.workspace
            if ws is not None and ws.diagnostics is not None and ws.diagnostics.refresh_support:
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.docs):
            await self.lint_and_publish(uri)

    def changed(self, uri: str, delay: float) -> None:
        """A document opened, changed or was saved: push its diagnostics (a pulling
        client asks for them itself)."""
        if not self.pull:
            self.schedule(uri, delay)


def path_of(uri: str) -> str:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return unquote(parsed.path or uri)


def _client_pulls(caps: lsp.ClientCapabilities) -> bool:
    td = caps.text_document
    return td is not None and td.diagnostic is not None


def _watch_registration(server: MedlintServer) -> None:
    caps = server.client_capabilities
    ws = caps.workspace
    if ws is None or ws.did_change_watched_files is None:
        return
    if not ws.did_change_watched_files.dynamic_registration:
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
    watchers.append(lsp.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}"))
    # Vale configurations and vocabularies (docs/vale.md)
    watchers.append(
        lsp.FileSystemWatcher(glob_pattern="**/{.vale.ini,_vale.ini,vale.ini,.vale,_vale}")
    )
    watchers.append(lsp.FileSystemWatcher(glob_pattern="**/{accept,reject}.txt"))
    server.client_register_capability(
        lsp.RegistrationParams(
            registrations=[
                lsp.Registration(
                    id="medlint-config-watch",
                    method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                        watchers=watchers
                    ),
                )
            ]
        )
    )


def create_server(
    explain: Explain,
    today: dt.date | None = None,
    debounce: float = DEFAULT_DEBOUNCE,
    block_cache: int = DEFAULT_MAX_BLOCKS,
) -> MedlintServer:
    server = MedlintServer(explain, today, debounce, block_cache)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: MedlintServer, params: lsp.InitializedParams) -> None:
        ls.pull = _client_pulls(ls.client_capabilities)
        _watch_registration(ls)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MedlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.state(params.text_document.uri).outcome = None
        ls.changed(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MedlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MedlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = Path(path_of(params.text_document.uri))
        if ls._configs is not None and ls.configs.affected_by([path]):
            await ls.in_thread(ls.configs.reload)
            await ls.relint_all()
            return
        ls.changed(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MedlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        st = ls.docs.pop(params.text_document.uri, None)
        if st is not None and st.timer is not None:
            st.timer.cancel()
        if not ls.pull:
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
            )

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: MedlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = [Path(path_of(c.uri)) for c in params.changes]
        if ls._configs is None or not ls.configs.affected_by(paths):
            return
        await ls.in_thread(ls.configs.reload)
        await ls.relint_all()

    @server.feature(
        lsp.TEXT_DOCUMENT_DIAGNOSTIC,
        lsp.DiagnosticOptions(inter_file_dependencies=False, workspace_diagnostics=False),
    )
    async def pull(
        ls: MedlintServer, params: lsp.DocumentDiagnosticParams
    ) -> lsp.RelatedFullDocumentDiagnosticReport:
        outcome = await ls.current(params.text_document.uri)
        items = outcome.diagnostics if outcome is not None else []
        return lsp.RelatedFullDocumentDiagnosticReport(items=items)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: MedlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        outcome = await ls.current(params.text_document.uri)
        if outcome is None:
            return None
        parts: list[str] = []
        seen: set[str] = set()
        rng: lsp.Range | None = None
        for f, d in outcome.pairs:
            if _contains(d.range, params.position) and f.code not in seen:
                seen.add(f.code)
                text = hover_text(
                    f.code, outcome.linter.registry, outcome.linter.settings, ls.explain
                )
                if text:
                    parts.append(text)
                    rng = rng or d.range
        if not parts:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            ),
            range=rng,
        )

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]
        ),
    )
    async def code_action(
        ls: MedlintServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        outcome = await ls.current(uri)
        if outcome is None:
            return None
        only = params.context.only

        def wanted(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

        actions: list[lsp.CodeAction] = []
        hit = [(f, d) for f, d in outcome.pairs if _overlaps(d.range, params.range)]
        if wanted(lsp.CodeActionKind.QuickFix):
            for f, d in hit:
                edit = fix_edit(outcome, f)
                if edit is not None and f.fix is not None:
                    what = f"replace with '{f.fix.replacement}'" if f.fix.replacement else "delete"
                    safe = "" if f.fix.safe else " (unsafe: check the meaning)"
                    actions.append(
                        lsp.CodeAction(
                            title=f"Fix {f.code}: {what}{safe}",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[d],
                            is_preferred=f.fix.safe,
                            edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                        )
                    )
            for f, d in hit:
                got = suppress_edit(outcome, f)
                if got is not None:
                    title, sedit = got
                    actions.append(
                        lsp.CodeAction(
                            title=title,
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[d],
                            edit=lsp.WorkspaceEdit(changes={uri: [sedit]}),
                        )
                    )
        safe_fixes = any(f.fixable(unsafe=False) for f in outcome.result.findings)
        kinds = []
        if safe_fixes and wanted(FIX_ALL_KIND) and (only or not hit):
            kinds.append(FIX_ALL_KIND)
        if safe_fixes and hit and wanted(lsp.CodeActionKind.QuickFix):
            kinds.append(lsp.CodeActionKind.QuickFix)
        if kinds:
            edit = await ls.in_thread(ls.fix_all_now, outcome)
            if edit is not None:
                for kind in kinds:
                    actions.append(
                        lsp.CodeAction(
                            title="Fix all safe medlint fixes in this file",
                            kind=kind,
                            edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                        )
                    )
        return actions

    return server


def parse_tcp(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--tcp: expected HOST:PORT (a port 1-65535), got {value!r}")
    return host, int(port)


def serve(
    explain: Explain,
    tcp: str | None = None,
    today: dt.date | None = None,
    debounce: float = DEFAULT_DEBOUNCE,
    block_cache: int = DEFAULT_MAX_BLOCKS,
) -> None:
    """Run the server on standard input/output, or on ``tcp`` (HOST:PORT)."""
    server = create_server(explain, today, debounce, block_cache)
    if tcp:
        host, port = parse_tcp(tcp)
        server.start_tcp(host, port)
    else:
        server.start_io()


__all__ = [
    "Configs",
    "LineIndex",
    "MedlintServer",
    "Outcome",
    "create_server",
    "diagnostics_for",
    "serve",
]
