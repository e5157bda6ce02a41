"""The VS Code extension (editors/vscode): when it starts `medlint lsp`.

The extension is run under Node with stand-ins for the ``vscode`` and
``vscode-languageclient`` modules (VS Code itself cannot run here): the stand-in records the
language clients started.  Needs node and the extension's ``npm ci`` (its TypeScript);
skipped otherwise.  The manifest test needs neither.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parent.parent / "editors" / "vscode"
NODE = shutil.which("node")
TSC = EXT / "node_modules" / "typescript" / "bin" / "tsc"

# Loads the compiled extension with stand-ins, activates it, opens documents; prints what
# happened as JSON.  argv: extension.js, the medlint.languages setting (JSON), then the
# language ids of the documents already open and of those opened after activation.
DRIVER = r"""
const Module = require("module");
const [extension, setting, before, after] = process.argv.slice(1).map((a, i) =>
  i === 0 ? a : JSON.parse(a));
const started = [];
const listeners = {open: [], config: []};
const doc = (languageId) => ({languageId, uri: {scheme: "file"}});
const vscode = {
  window: {
    createOutputChannel: () => ({dispose() {}}),
    showErrorMessage: () => undefined,
  },
  commands: {registerCommand: () => ({dispose() {}})},
  workspace: {
    textDocuments: before.map(doc),
    getConfiguration: () => ({
      get: (key, dflt) => (key === "languages" && setting !== null ? setting : dflt),
    }),
    onDidChangeConfiguration: (f) => { listeners.config.push(f); return {dispose() {}}; },
    onDidOpenTextDocument: (f) => { listeners.open.push(f); return {dispose() {}}; },
  },
};
class LanguageClient {
  constructor(id, name, server, options) {
    this.running = false;
    started.push(options.documentSelector.map((s) => s.language));
  }
  async start() { this.running = true; }
  isRunning() { return this.running; }
  async stop() { this.running = false; }
}
const client = {LanguageClient, TransportKind: {stdio: 0}};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return vscode;
  if (request === "vscode-languageclient/node") return client;
  return load.call(this, request, ...rest);
};
(async () => {
  const ext = require(extension);
  await ext.activate({subscriptions: []});
  const atActivation = started.length;
  for (const id of after) {
    vscode.workspace.textDocuments.push(doc(id));
    listeners.open.forEach((f) => f(doc(id)));
    await new Promise((r) => setTimeout(r, 0));
  }
  console.log(JSON.stringify({atActivation, started}));
})();
"""


def test_activation_does_not_depend_on_the_default_languages() -> None:
    """A language added to medlint.languages (mdx) must not wait for a Markdown file."""
    manifest = json.loads((EXT / "package.json").read_text(encoding="utf-8"))
    events = manifest["activationEvents"]
    assert "onStartupFinished" in events or "*" in events


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if NODE is None or not TSC.is_file():
        pytest.skip("needs node and `npm ci` in editors/vscode")
    out = tmp_path_factory.mktemp("vscode-out")
    run = subprocess.run(
        [NODE, str(TSC), "-p", str(EXT), "--outDir", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out / "extension.js"


def drive(compiled: Path, setting: list[str] | None, before: list[str], after: list[str]) -> dict:
    run = subprocess.run(
        [NODE or "node", "-e", DRIVER, "--", str(compiled)]
        + [json.dumps(x) for x in (setting, before, after)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    got: dict = json.loads(run.stdout)
    return got


def test_a_configured_language_starts_the_server(compiled: Path) -> None:
    got = drive(compiled, ["markdown", "mdx"], [], ["python", "mdx", "mdx"])
    assert got == {"atActivation": 0, "started": [["markdown", "markdown", "mdx", "mdx"]]}


def test_an_open_document_starts_it_at_activation(compiled: Path) -> None:
    assert drive(compiled, None, ["markdown"], ["html"])["atActivation"] == 1
    assert drive(compiled, ["mdx"], ["markdown"], ["python"])["started"] == []
