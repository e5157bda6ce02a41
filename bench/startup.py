"""Start-up cost of the commands a pre-commit hook or a small CI job runs (docs/performance.md).

Each command runs in a fresh interpreter, ``--rounds`` times, alternating between the trees
(the working tree and, with ``--ref REV``, a ``git archive`` of that revision), so a busy
machine slows both alike.  Reported per command and tree: the median CPU time (user +
system, from ``getrusage`` of the child: the figure to compare on a shared machine) and the
median wall-clock time.

    python bench/startup.py [--rounds 7] [--ref main] [--bytecode]

The environment is passed on unchanged, except that ``--bytecode`` drops
``PYTHONDONTWRITEBYTECODE`` and runs every command once first, so ``__pycache__`` holds
compiled modules, as in an installed medlint (without it, every start compiles medlint's
modules from source when the environment sets that variable).  The first check of a tree
also records its built-in packs as validated (``packs.validate_builtin_packs``) before the
timed rounds.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
ONE = "# Aspirin\n\nAspirin can ease a headache. Most people take 300 mg.\n"


def commands(one: Path) -> dict[str, list[str]]:
    out = {
        "--version": ["--version"],
        "rules": ["rules"],
        "rule C401": ["rule", "C401"],
        "check one.md": ["check", "--no-cache", "--today", "2026-11-23", str(one)],
    }
    if CORPUS.is_dir():
        out["check corpus --jobs 1"] = [
            "check", "--no-cache", "--jobs", "1", "--today", "2026-11-23", "-q", str(CORPUS),
        ]  # fmt: skip
    return out


def export(ref: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def timed(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``python -m medlint ARGS`` run in ``tree``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "medlint", *args],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--ref", help="also time this git revision (before/after)")
    ap.add_argument("--bytecode", action="store_true", help="allow and pre-build __pycache__")
    ap.add_argument("--only", action="append", help="time only these commands (by name)")
    opts = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if opts.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one = folder / "one.md"
        one.write_text(ONE, encoding="utf-8")
        trees = {"working tree": ROOT}
        if opts.ref:
            trees[opts.ref] = export(opts.ref, folder / "ref")
        cmds = {k: v for k, v in commands(one).items() if not opts.only or k in opts.only}
        for tree in trees.values():  # warm-up: bytecode, pack stamp, the OS file cache
            for args in cmds.values():
                if "--jobs" not in args:
                    timed(tree, args, env)
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(opts.rounds):
            for name, args in cmds.items():
                for label, tree in trees.items():
                    samples.setdefault((name, label), []).append(timed(tree, args, env))
        print(f"{opts.rounds} rounds; median CPU (user+sys) / wall, seconds")
        print("| command | " + " | ".join(trees) + " |")
        print("| --- |" + " --- |" * len(trees))
        for name in cmds:
            cells = []
            for label in trees:
                got = samples[(name, label)]
                cpu = statistics.median(c for c, _ in got)
                wall = statistics.median(w for _, w in got)
                cells.append(f"{cpu:.2f} / {wall:.2f}")
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
