"""`medlint lsp` driven by a real LSP client (pytest-lsp) over standard input/output.

Two servers for the whole module: one for a client that takes pushed diagnostics in
UTF-16 (VS Code's defaults), one for a client that pulls them in UTF-8.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from medlint.lsp import LineIndex  # noqa: E402

aio = pytest.mark.asyncio(loop_scope="module")

TODAY = "2025-01-01"
ARTICLE = (
    "# Managing high blood pressure 😀\n"
    "\n"
    "Take 10mg of lisinopril every day. This miracle cure works for everyone 🎉 and "
    "doctors say it is 100% safe.\n"
    "\n"
    "Stop taking your medicine if you feel dizzy.\n"
)
SERVER = [sys.executable, "-m", "medlint", "lsp", "--today", TODAY]
CHECK = [sys.executable, "-m", "medlint", "check"]
WORKSPACE: Path | None = None


def _workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    global WORKSPACE
    if WORKSPACE is None:
        WORKSPACE = tmp_path_factory.mktemp("lsp-workspace")
    return WORKSPACE


def _caps(pull: bool, encodings: list[str] | None) -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        text_document=lsp.TextDocumentClientCapabilities(
            diagnostic=lsp.DiagnosticClientCapabilities() if pull else None,
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        ),
    )


def _accept_registrations(client: LanguageClient) -> None:
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = _workspace(tmp_path_factory)
    _accept_registrations(lsp_client)
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=_caps(False, None), root_uri=root.as_uri())
    )
    lsp_client.medlint_init = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def puller(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = _workspace(tmp_path_factory)
    _accept_registrations(lsp_client)
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=_caps(True, ["utf-8", "utf-16"]), root_uri=root.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


# -- helpers ------------------------------------------------------------------


class Doc:
    def __init__(self, client: LanguageClient, path: Path, text: str) -> None:
        self.client, self.path, self.text, self.version = client, path, text, 1
        self.uri = path.as_uri()

    async def open(self, language: str = "markdown") -> list[lsp.Diagnostic]:
        self.client.diagnostics.pop(self.uri, None)
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(
                    uri=self.uri, language_id=language, version=self.version, text=self.text
                )
            )
        )
        return await self.diagnostics()

    async def change(self, text: str) -> list[lsp.Diagnostic]:
        self.client.diagnostics.pop(self.uri, None)
        self.text = text
        self.version += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                [lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return await self.diagnostics()

    async def diagnostics(self) -> list[lsp.Diagnostic]:
        async def wait() -> list[lsp.Diagnostic]:
            while self.uri not in self.client.diagnostics:
                await self.client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            return list(self.client.diagnostics[self.uri])

        return await asyncio.wait_for(wait(), 60)

    def close(self) -> None:
        self.client.text_document_did_close(
            lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(self.uri))
        )

    async def actions(self, rng: lsp.Range, only: list[str] | None = None) -> list[lsp.CodeAction]:
        got = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(self.uri),
                rng,
                lsp.CodeActionContext(diagnostics=[], only=only),
            )
        )
        return [a for a in got or [] if isinstance(a, lsp.CodeAction)]

    def apply(self, action: lsp.CodeAction, encoding: str = "utf-16") -> str:
        assert action.edit is not None and action.edit.changes is not None
        edits = action.edit.changes[self.uri]
        idx = LineIndex(self.text, encoding)
        spans = sorted(
            ((idx.offset(e.range.start), idx.offset(e.range.end), e.new_text) for e in edits),
            reverse=True,
        )
        text = self.text
        for a, b, new in spans:
            text = text[:a] + new + text[b:]
        return text


def write(tmp_path_factory: pytest.TempPathFactory, name: str, text: str) -> Path:
    path = _workspace(tmp_path_factory) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def check_json(path: Path) -> list[dict[str, Any]]:
    out = subprocess.run(
        [*CHECK, str(path), "--format", "json", "--today", TODAY, "--no-cache"],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def as_check(d: lsp.Diagnostic, text: str, encoding: str = "utf-16") -> tuple[Any, ...]:
    """A diagnostic in `medlint check --format json` terms (1-based code-point columns)."""
    idx = LineIndex(text, encoding)
    a, b = idx.offset(d.range.start), idx.offset(d.range.end)
    starts = idx.starts
    sev = {1: "error", 2: "warning", 3: "info"}[int(d.severity or 2)]
    return (
        d.code,
        d.range.start.line + 1,
        a - starts[d.range.start.line] + 1,
        d.range.end.line + 1,
        b - starts[d.range.end.line] + 1,
        sev,
        d.message,
    )


def expected(path: Path) -> list[tuple[Any, ...]]:
    return sorted(
        (
            f["code"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["severity"],
            f["message"],
        )
        for f in check_json(path)
    )


def by_code(diags: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    return next(d for d in diags if d.code == code)


# -- tests -------------------------------------------------------------------------


@aio
async def test_initialize_capabilities(client: LanguageClient) -> None:
    result: lsp.InitializeResult = client.medlint_init  # type: ignore[attr-defined]
    caps = result.capabilities
    assert result.server_info is not None and result.server_info.name == "medlint"
    assert caps.position_encoding == lsp.PositionEncodingKind.Utf16
    assert caps.hover_provider and caps.code_action_provider and caps.diagnostic_provider
    sync = caps.text_document_sync
    assert isinstance(sync, lsp.TextDocumentSyncOptions) and sync.open_close and sync.save


@aio
async def test_diagnostics_equal_check_json(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "equal.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    diags = await doc.open()
    assert all(d.source == "medlint" for d in diags)
    assert sorted(as_check(d, ARTICLE) for d in diags) == expected(path)
    assert {d.code for d in diags} >= {"M704", "C404", "C403", "S203"}
    doc.close()


@aio
async def test_utf16_columns_after_emoji(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "emoji.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    diags = await doc.open()
    d = by_code(diags, "C403")  # 'doctors say', after 🎉 on the same line
    line = ARTICLE.splitlines()[d.range.start.line]
    start = line.index("doctors say")
    assert d.range.start.character == start + 1  # 🎉 is two UTF-16 code units
    assert d.range.end.character == start + 1 + len("doctors say")
    doc.close()


@aio
async def test_change_gives_new_diagnostics(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "change.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    before = await doc.open()
    assert "S203" in {d.code for d in before}
    after = await doc.change(ARTICLE.replace("Stop taking your medicine", "Call your doctor"))
    assert "S203" not in {d.code for d in after}
    assert {d.code for d in after} >= {"M704", "C404"}
    doc.close()


@aio
async def test_edits_reusing_unchanged_blocks_equal_check_json(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Typing into one paragraph, copying one and deleting one: each re-lint reuses the
    other blocks' Docs (medlint.analysis.block_docs) and gives `check`'s findings."""
    extra = (
        "\n## Side effects\n\nMost people feel fine. Some notice a dry cough, which "
        "usually settles.\n\n- Dizziness when standing up\n- Headache 😀 in the first week\n"
    )
    text = ARTICLE + extra
    path = write(tmp_path_factory, "edits.md", text)
    doc = Doc(client, path, text)
    await doc.open()
    para = "Most people feel fine."
    edits = [
        text.replace(para, "Most people feel fine 🎉 and well."),
        text.replace(para, "Most people feel fine 🎉 and well.").replace(
            "- Headache", "- Dizziness when standing up\n- Headache"
        ),
        text.replace("Stop taking your medicine if you feel dizzy.\n", ""),
    ]
    for new in edits:
        diags = await doc.change(new)
        path.write_text(new, encoding="utf-8", newline="")
        assert sorted(as_check(d, new) for d in diags) == expected(path)
    doc.close()


@aio
async def test_quick_fix_applies_cleanly(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "fix.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    diags = await doc.open()
    m704 = by_code(diags, "M704")
    actions = await doc.actions(m704.range)
    fix = next(a for a in actions if a.title.startswith("Fix M704"))
    assert fix.is_preferred and fix.kind == lsp.CodeActionKind.QuickFix
    fixed = doc.apply(fix)
    assert "Take 10 mg of lisinopril" in fixed
    after = await doc.change(fixed)
    assert "M704" not in {d.code for d in after}
    assert len(after) == len(diags) - 1
    doc.close()


@aio
async def test_suppress_with_reason(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "suppress.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    diags = await doc.open()
    s203 = by_code(diags, "S203")
    actions = await doc.actions(s203.range)
    sup = next(a for a in actions if a.title.startswith("Suppress S203"))
    text = doc.apply(sup)
    assert "<!-- medlint-disable-line S203 -- " in text.splitlines()[4]
    after = await doc.change(text)
    codes = [d.code for d in after]
    assert "S203" not in codes and "X001" not in codes and "X002" not in codes
    assert len(after) == len(diags) - 1
    doc.close()


@aio
async def test_suppress_in_plain_text(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = "Blood pressure\n\nStop taking your medicine if you feel dizzy.\n"
    path = write(tmp_path_factory, "suppress.txt", text)
    doc = Doc(client, path, text)
    diags = await doc.open("plaintext")
    s203 = by_code(diags, "S203")
    sup = next(a for a in await doc.actions(s203.range) if a.title.startswith("Suppress"))
    new = doc.apply(sup)
    assert new.splitlines()[2].startswith("<!-- medlint-disable-next-line S203 -- ")
    after = await doc.change(new)
    assert "S203" not in {d.code for d in after}
    assert not {d.code for d in after} & {"X001", "X002"}
    doc.close()


@aio
async def test_fix_all_safe_fixes(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = ARTICLE.replace("every day.", "every day, or 20mg twice.")
    path = write(tmp_path_factory, "fixall.md", text)
    doc = Doc(client, path, text)
    diags = await doc.open()
    assert sum(d.code == "M704" for d in diags) == 2
    actions = await doc.actions(
        lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), ["source.fixAll"]
    )
    fix_all = next(a for a in actions if a.kind == "source.fixAll.medlint")
    fixed = doc.apply(fix_all)
    assert "10 mg" in fixed and "20 mg" in fixed
    after = await doc.change(fixed)
    assert "M704" not in {d.code for d in after}
    doc.close()


@aio
async def test_hover_explains_the_rule(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "hover.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    diags = await doc.open()
    s203 = by_code(diags, "S203")
    got = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(doc.uri), s203.range.start)
    )
    assert got is not None and isinstance(got.contents, lsp.MarkupContent)
    text = got.contents.value
    assert text.startswith("```text\nS203 ")
    assert "Why" in text and "Standard" in text
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(doc.uri), lsp.Position(1, 0))
    )
    assert nothing is None
    doc.close()


@aio
async def test_config_reload_and_bad_config(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = _workspace(tmp_path_factory) / "configured"
    cfg = write(tmp_path_factory, "configured/.medlint.yaml", "ignore: [C404]\n")
    path = write(tmp_path_factory, "configured/article.md", ARTICLE)
    doc = Doc(client, path, ARTICLE)
    first = await doc.open()
    assert "C404" not in {d.code for d in first} and "S203" in {d.code for d in first}

    def changed() -> None:
        client.diagnostics.pop(doc.uri, None)
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(cfg.as_uri(), lsp.FileChangeType.Changed)]
            )
        )

    regs = client.registrations  # type: ignore[attr-defined]
    assert any(r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in regs)
    cfg.write_text("ignore: [C404, S203]\n", encoding="utf-8")
    changed()
    second = await doc.diagnostics()
    assert not {"C404", "S203"} & {d.code for d in second}
    assert sorted(as_check(d, ARTICLE) for d in second) == expected(path)

    client.messages.clear()
    cfg.write_text("ignroe: [C404]\nselect: 12\n", encoding="utf-8")
    changed()
    third = await doc.diagnostics()
    assert [d.code for d in third] == [d.code for d in second]  # the last good settings
    assert client.messages and client.messages[0].type == lsp.MessageType.Error
    assert "ignroe" in client.messages[0].message
    assert folder.is_dir()
    doc.close()


@aio
async def test_vale_style_and_ini_edits_reload(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A workspace with a .vale.ini: editing a rule file or the .vale.ini re-lints."""
    write(tmp_path_factory, "valed/.medlint.yaml", "vale-config: .vale.ini\nselect: [House]\n")
    ini = write(
        tmp_path_factory, "valed/.vale.ini", "StylesPath = styles\n[*.md]\nBasedOnStyles = House\n"
    )
    rule = 'extends: existence\nmessage: "Avoid %s."\nlevel: error\ntokens: [{}]\n'
    yml = write(tmp_path_factory, "valed/styles/House/Avoid.yml", rule.format("utilize"))
    text = "# Title\n\nYou can utilize this and leverage that.\n"
    doc = Doc(client, write(tmp_path_factory, "valed/article.md", text), text)
    assert [d.message for d in await doc.open()] == ["Avoid utilize."]
    regs = client.registrations  # type: ignore[attr-defined]
    globs = [
        str(w["globPattern"])  # register_options arrive as JSON
        for r in regs
        if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
        for w in r.register_options["watchers"]
    ]
    assert any(".vale.ini" in g for g in globs) and any("accept" in g for g in globs)

    async def changed(path: Path, content: str) -> list[lsp.Diagnostic]:
        path.write_text(content, encoding="utf-8")
        client.diagnostics.pop(doc.uri, None)
        client.workspace_did_change_watched_files(
            lsp.DidChangeWatchedFilesParams(
                [lsp.FileEvent(path.as_uri(), lsp.FileChangeType.Changed)]
            )
        )
        return await doc.diagnostics()

    both = await changed(yml, rule.format("utilize, leverage"))
    assert sorted(d.message for d in both) == ["Avoid leverage.", "Avoid utilize."]
    assert await changed(ini, ini.read_text(encoding="utf-8") + "House.Avoid = NO\n") == []
    doc.close()


@aio
async def test_vale_rules_not_run_are_a_warning_once(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The "rule types medlint does not run" warning reaches the editor, once."""
    write(tmp_path_factory, "unrun/.medlint.yaml", "vale-config: .vale.ini\nselect: [House]\n")
    write(
        tmp_path_factory, "unrun/.vale.ini", "StylesPath = styles\n[*.md]\nBasedOnStyles = House\n"
    )
    write(
        tmp_path_factory,
        "unrun/styles/House/Avoid.yml",
        'extends: existence\nmessage: "Avoid %s."\nlevel: error\ntokens: [utilize]\n',
    )
    write(
        tmp_path_factory,
        "unrun/styles/House/Spelling.yml",
        "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n",
    )
    text = "# Title\n\nYou can utilize this.\n"
    client.messages.clear()
    first = Doc(client, write(tmp_path_factory, "unrun/one.md", text), text)
    assert [d.message for d in await first.open()] == ["Avoid utilize."]
    warnings = [m for m in client.messages if m.type == lsp.MessageType.Warning]
    assert len(warnings) == 1, client.messages
    assert "House.Spelling (spelling)" in warnings[0].message
    assert "does not run" in warnings[0].message
    second = Doc(client, write(tmp_path_factory, "unrun/two.md", text), text)
    assert [d.message for d in await second.open()] == ["Avoid utilize."]
    assert [m for m in client.messages if m.type == lsp.MessageType.Warning] == warnings
    first.close()
    second.close()


@aio
async def test_bad_input_gives_e9xx_and_server_lives(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    binary = Doc(client, _workspace(tmp_path_factory) / "image.md", "PNG\x00\x01\x02 data")
    diags = await binary.open()
    assert [d.code for d in diags] == ["E902"]
    assert diags[0].range.start == lsp.Position(0, 0)
    binary.close()
    fm = "---\ntitle: [unclosed\n---\n\n# Heading\n\nText.\n"
    bad_fm = Doc(client, _workspace(tmp_path_factory) / "frontmatter.md", fm)
    codes = {d.code for d in await bad_fm.open()}
    assert "E903" in codes
    bad_fm.close()
    ok = Doc(client, _workspace(tmp_path_factory) / "after.md", ARTICLE)
    assert await ok.open()  # still serving
    ok.close()


@aio
async def test_pull_diagnostics_in_utf8(
    puller: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(tmp_path_factory, "pull.md", ARTICLE)
    uri = path.as_uri()
    puller.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=ARTICLE)
        )
    )
    report = await puller.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri))
    )
    assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
    diags = list(report.items)
    assert sorted(as_check(d, ARTICLE, "utf-8") for d in diags) == expected(path)
    d = by_code(diags, "C403")
    line = ARTICLE.splitlines()[d.range.start.line]
    assert d.range.start.character == len(line[: line.index("doctors say")].encode("utf-8"))
    assert uri not in puller.diagnostics  # a pulling client gets no pushed diagnostics


def test_line_index_round_trip() -> None:
    text = "a😀b\r\ncé\rx\n"
    for enc in ("utf-8", "utf-16", "utf-32"):
        idx = LineIndex(text, enc)
        for off in range(len(text) + 1):
            if text[off - 1 : off + 1] == "\r\n":
                continue  # inside a line break
            assert idx.offset(idx.position(off)) == off, (enc, off)
    assert LineIndex(text, "utf-16").position(2) == lsp.Position(0, 3)
    assert LineIndex(text, "utf-8").position(2) == lsp.Position(0, 5)
    assert LineIndex(text, "utf-16").position(8) == lsp.Position(2, 0)


def test_without_pygls_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import medlint
    from medlint.cli import main

    monkeypatch.setitem(sys.modules, "pygls", None)
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "medlint.lsp", raising=False)
    monkeypatch.delattr(medlint, "lsp", raising=False)
    got = CliRunner().invoke(main, ["lsp"])
    assert got.exit_code == 2
    assert got.output.strip().splitlines() == [
        "medlint: error: medlint lsp needs pygls: install medlint with its lsp extra "
        "(pip install -e '.[lsp]' in a checkout)"
    ]


def test_help_explains_the_server() -> None:
    from click.testing import CliRunner

    from medlint.cli import main

    got = CliRunner().invoke(main, ["lsp", "--help"])
    assert got.exit_code == 0
    text = " ".join(got.output.split())
    for words in (
        "A Language Server Protocol server for editors",
        "quick fixes",
        "hover",
        "--block-cache",
        "--debounce-ms",
        "--tcp",
        "pip install -e '.[lsp]'",
        "docs/editors.md",
    ):
        assert words in text, words


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_a_folder_without_vale_ini_gets_no_vale_rules(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    """One server, two folders: only the one with a .vale.ini runs its style (as `medlint
    check` run in each folder does), whichever is linted first."""
    from medlint.discovery import reset_registry
    from medlint.lsp import Configs

    reset_registry()
    style = tmp_path / "a" / "styles" / "House"
    style.mkdir(parents=True)
    (style / "Avoid.yml").write_text(
        'extends: existence\nmessage: "Avoid %s."\nlevel: error\ntokens: [utilize]\n'
    )
    (tmp_path / "a" / ".vale.ini").write_text(
        "StylesPath = styles\n[*.md]\nBasedOnStyles = House\n"
    )
    (tmp_path / "b").mkdir()
    text = b"# Tips\n\nYou can utilize this.\n"
    configs = Configs()
    got = {}
    for folder in order:
        path = str(tmp_path / folder / "x.md")
        result = configs.linter_for(path).lint_bytes(path, text)
        got[folder] = [f.code for f in result.findings if "." in f.code]
    reset_registry()
    assert got == {"a": ["House.Avoid"], "b": []}


@pytest.mark.parametrize("value", ["nope", "localhost:99999", "localhost:0", ":2087"])
def test_tcp_needs_host_and_a_valid_port(value: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "lsp", "--tcp", value],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "--tcp: expected HOST:PORT" in run.stderr
