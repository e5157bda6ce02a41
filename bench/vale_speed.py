#!/usr/bin/env python3
"""CPU time of `medlint check` with the six public Vale styles on the shared corpus.

Writes a `.vale.ini` (StylesPath: ../shared/vale/styles; `[*]` BasedOnStyles = Microsoft,
Google, write-good, proselint, Joblint, alex) and a medlint configuration naming it in a
temporary folder, then runs

    medlint check --no-cache --jobs 1 --today 2026-11-23 \\
        --select Microsoft,Google,write-good,proselint,Joblint,alex -q --format json \\
        --config <tmp>/.medlint.yaml ../shared/corpus/articles

``--rounds`` times and prints the user CPU time of each run (the child's, from
``resource.getrusage``: on a shared machine user time varies far less than wall time).
``--ref REV`` runs a ``git archive`` of that revision as well, alternating with the working
tree, and checks that both print the same findings.  ``--own`` also times medlint's own
rules alone (no ``--select``, no Vale configuration) for comparison.

Skips (exit 0 with a note) when ../shared is absent.  Usage::

    python bench/vale_speed.py [--rounds 3] [--ref 710d8fc] [--own]
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STYLES = "Microsoft, Google, write-good, proselint, Joblint, alex"


def run(tree: Path, args: list[str]) -> tuple[float, str]:
    """User CPU seconds of one ``python -m medlint`` run in ``tree``, and a digest of its
    output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *args],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=False,
    )
    used = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    if done.returncode not in (0, 1):
        raise SystemExit(f"medlint failed in {tree}: {done.stderr.decode()[-2000:]}")
    return used, hashlib.sha256(done.stdout).hexdigest()[:12]


def export(ref: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ref", help="also time this git revision (before/after)")
    ap.add_argument("--own", action="store_true", help="also time medlint's own rules alone")
    opts = ap.parse_args()
    articles = SHARED / "corpus" / "articles"
    styles = SHARED / "vale" / "styles"
    if not (articles.is_dir() and styles.is_dir()):
        print("skipped: ../shared/corpus or ../shared/vale is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".vale.ini").write_text(
            f"StylesPath = {styles}\n\n[*]\nBasedOnStyles = {STYLES}\n", encoding="utf-8"
        )
        config = folder / ".medlint.yaml"
        config.write_text("vale-config: .vale.ini\n", encoding="utf-8")
        common = ["check", "--no-cache", "--jobs", "1", "--today", "2026-11-23", "-q"]
        vale = [
            *common,
            "--select",
            STYLES.replace(" ", ""),
            "--format",
            "json",
            "--config",
            str(config),
            str(articles),
        ]
        trees = {"working tree": ROOT}
        if opts.ref:
            trees[opts.ref] = export(opts.ref, folder / "ref")
        times: dict[str, list[float]] = {name: [] for name in trees}
        digests: dict[str, set[str]] = {name: set() for name in trees}
        for _ in range(opts.rounds):
            for name, tree in trees.items():
                used, digest = run(tree, vale)
                times[name].append(used)
                digests[name].add(digest)
        for name in trees:
            runs = ", ".join(f"{t:.1f}" for t in times[name])
            print(f"{name}: Vale styles, user CPU s: {runs} (min {min(times[name]):.1f})")
        if opts.ref:
            same = digests["working tree"] == digests[opts.ref] and len(digests[opts.ref]) == 1
            print("findings: identical" if same else f"findings DIFFER: {digests}")
        if opts.own:
            own = [run(ROOT, [*common, str(articles)])[0] for _ in range(opts.rounds)]
            print(
                "working tree: medlint's own rules, user CPU s: "
                + ", ".join(f"{t:.1f}" for t in own)
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
