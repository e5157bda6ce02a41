// The medlint extension: starts `medlint lsp` and lets VS Code's language client do the rest
// (diagnostics, quick fixes, hover and "fix all" all come from the server).
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration("medlint");
  const command = config.get<string>("path", "medlint") || "medlint";
  const args = ["lsp", ...config.get<string[]>("args", [])];
  return { command, args, transport: TransportKind.stdio };
}

function languages(): string[] {
  const config = vscode.workspace.getConfiguration("medlint");
  return config.get<string[]>("languages", ["markdown", "html", "plaintext"]);
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: languages().flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    outputChannel: output,
  };
}

// The extension activates once start-up is done (or on a default language), whatever
// `medlint.languages` lists; the server starts with the first document it would lint.
function wanted(document: vscode.TextDocument): boolean {
  return (
    (document.uri.scheme === "file" || document.uri.scheme === "untitled") &&
    languages().includes(document.languageId)
  );
}

async function startIfWanted(): Promise<void> {
  if (client === undefined && vscode.workspace.textDocuments.some(wanted)) {
    await start();
  }
}

async function start(): Promise<void> {
  client = new LanguageClient("medlint", "medlint", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (err) {
    const path = vscode.workspace.getConfiguration("medlint").get<string>("path", "medlint");
    void vscode.window.showErrorMessage(
      `medlint: could not start '${path} lsp' (${String(err)}). ` +
        "Install medlint with its lsp extra (pip install 'medlint[lsp]') " +
        "or set medlint.path to the medlint command of your virtual environment.",
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined && running.isRunning()) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("medlint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("medlint.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("medlint")) {
        void stop().then(startIfWanted);
      }
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (client === undefined && wanted(document)) {
        void start();
      }
    }),
  );
  await startIfWanted();
}

export async function deactivate(): Promise<void> {
  await stop();
}
