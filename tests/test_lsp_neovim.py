"""`medlint lsp` in a real editor: Neovim's built-in LSP client, headless.

The test writes a Markdown article and a small Lua configuration, starts
``nvim --headless`` on the article, lets Neovim start ``medlint lsp`` itself
(``vim.lsp.start`` on Neovim 0.8+, ``vim.lsp.start_client`` on 0.7, Debian 12's version),
waits for the diagnostics and writes what Neovim holds (``vim.diagnostic.get``: 0-based
lines, byte columns) to a file.  They must be the findings of ``medlint check --format
json`` on the same file, columns converted to code points.

Runs in the default test run (no network: Neovim and the server are local processes);
skipped when ``nvim`` is not installed (``.ci/run`` installs it with apt-get as root).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed")

TODAY = "2025-01-01"
ARTICLE = (
    "# Managing high blood pressure 😀\n"
    "\n"
    "Take 10mg of lisinopril every day. This miracle cure works for everyone 🎉 and "
    "doctors say it is 100% safe.\n"
    "\n"
    "- Stop taking your medicine if you feel dizzy.\n"
    "- Ask about side effects (façade, naïve, 𝒳 are fine).\n"
)

INIT_LUA = r"""
local out = vim.env.MEDLINT_NVIM_OUT
local cmd = vim.fn.json_decode(vim.env.MEDLINT_NVIM_CMD)
local received = nil

local function start(buf)
  local config = {
    name = "medlint",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":p:h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, cfg)
        local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
          or vim.lsp.diagnostic.on_publish_diagnostics
        default(err, result, ctx, cfg)
        received = result
      end,
    },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = buf })
  else
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "markdown",
  callback = function(args) start(args.buf) end,
})

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local buf = vim.api.nvim_get_current_buf()
    local ok = vim.wait(90000, function() return received ~= nil end, 20)
    local diags = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(diags, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        code = d.code, severity = d.severity, message = d.message, source = d.source,
      })
    end
    local f = io.open(out, "w")
    f:write(vim.fn.json_encode({ ok = ok, version = tostring(vim.version().minor),
                                 diagnostics = diags }))
    f:close()
    vim.cmd("qa!")
  end,
})
"""

SEVERITY = {1: "error", 2: "warning", 3: "info"}


def _check_json(path: Path) -> list[dict[str, Any]]:
    check = [sys.executable, "-m", "medlint", "check", str(path), "--format", "json"]
    got = subprocess.run(
        [*check, "--today", TODAY, "--no-cache"],
        capture_output=True,
        text=True,
        cwd=path.parent,
    )
    assert got.returncode in (0, 1), got.stderr
    findings: list[dict[str, Any]] = json.loads(got.stdout)
    return findings


def _code_points(line: str, byte_col: int) -> int:
    """A Neovim byte column in ``line`` as a 0-based code-point column."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8"))


def test_neovim_shows_the_findings_of_check(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(ARTICLE, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT_LUA, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = dict(os.environ)
    env["MEDLINT_NVIM_OUT"] = str(out)
    server = [sys.executable, "-m", "medlint", "lsp", "--today", TODAY]
    env["MEDLINT_NVIM_CMD"] = json.dumps(server)
    for xdg in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[xdg] = str(tmp_path / xdg.lower())  # no user configuration; logs stay here
    assert NVIM is not None
    run = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), str(article)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.exists(), f"nvim wrote nothing: {run.stdout}\n{run.stderr}"
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["ok"] is True, "no publishDiagnostics within 90 s"
    lines = ARTICLE.split("\n")
    shown = sorted(
        (
            d["code"],
            d["lnum"] + 1,
            _code_points(lines[d["lnum"]], d["col"]) + 1,
            d["end_lnum"] + 1,
            _code_points(lines[d["end_lnum"]], d["end_col"]) + 1,
            SEVERITY[d["severity"]],
            d["message"],
        )
        for d in got["diagnostics"]
    )
    want = sorted(
        (
            f["code"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["severity"],
            f["message"],
        )
        for f in _check_json(article)
    )
    assert shown == want
    assert {d["source"] for d in got["diagnostics"]} == {"medlint"}
    # a finding after the emoji on its line: the columns Neovim shows are exact
    assert any(c[0] == "C403" and c[1] == 3 for c in shown)
