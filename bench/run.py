#!/usr/bin/env python3
"""Benchmark medlint against its peers and its own targets (SPEC section 8).

On one generated corpus, in one run, the commands are *alternated* (round 1 runs every
command once, round 2 again in a rotated order, …) so that a machine that gets busier
or quieter during the run affects every command alike.  Medians and ratios are
reported, and the ratios (not the absolute times) are compared with the targets:

* throughput, single process, cache off: medlint vs proselint (>= 2x), and vs a bare
  spaCy ``blank("en")`` + sentencizer pass over the same files (>= 50%);
* ``--jobs 2`` vs ``--jobs 1`` (>= 1.7x on 2 cores);
* a re-run with a warm cache vs a cold run (>= 20x);
* cold start, one article, whole process (median <= 1.0 s and <= ``import spacy`` + 0.5 s);
* peak RSS of a 10,000-article run (< 400 MB).

Every command is a whole process (interpreter start, imports and all), timed by wall
clock; the CPU time (user + sys, workers included) is recorded too.  The table is
printed and everything is written as JSON to ``bench/out/`` (``latest.json`` and a
time-stamped copy).

Usage::

    python bench/run.py                       # the full benchmark (about 15-30 minutes)
    python bench/run.py --quick               # a smoke run: small corpus, 2 rounds, no RSS run
    python bench/run.py --articles 400 --rounds 5 --rss-articles 10000
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

TODAY = "2026-01-15"  # fixed clock for reproducible findings (review-age rules)

# The bare spaCy baseline: read the same files, blank("en") + sentencizer, walk the sentences.
BARE_SPACY = """
import sys
import spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
files = [line for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if line]
texts = (open(f, encoding="utf-8").read() for f in files)
n = 0
for doc in nlp.pipe(texts, batch_size=64):
    n += sum(1 for _ in doc.sents)
print(n)
"""

TARGETS = {
    "vs_proselint": 2.0,
    "vs_spacy": 0.5,
    "jobs": 1.7,
    "cache": 20.0,
    "cold_start_s": 1.0,
    "cold_start_over_spacy_s": 0.5,
    "rss_mb": 400.0,
}


# --------------------------------------------------------------------------
# Running one command
# --------------------------------------------------------------------------


@dataclass
class Sample:
    wall: float
    cpu: float
    maxrss_mb: float  # largest single process (the command or one of its children)
    rc: int


@dataclass
class Command:
    name: str
    argv: list[str]
    cwd: Path
    before: Callable[[], None] | None = None  # untimed setup (clearing a cache)
    ok_codes: tuple[int, ...] = (0, 1)
    samples: list[Sample] = field(default_factory=list)

    def run(self) -> Sample:
        if self.before is not None:
            self.before()
        with tempfile.TemporaryFile() as err_file:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                self.argv, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=err_file, env=_env()
            )
            _, status, ru = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            err_file.seek(0)
            err = err_file.read()
        proc.returncode = os.waitstatus_to_exitcode(status)
        rc = proc.returncode
        if rc not in self.ok_codes:
            raise SystemExit(
                f"benchmark command failed ({self.name}, exit {rc}): {' '.join(self.argv)}\n"
                + err.decode("utf-8", "replace")[-2000:]
            )
        s = Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, rc)
        self.samples.append(s)
        return s

    def median(self, attr: str = "wall") -> float:
        return statistics.median(getattr(s, attr) for s in self.samples)


EXTRA_ENV: dict[str, str] = {}  # PYTHONPATH of a --snapshot


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(EXTRA_ENV)
    env.pop("MEDLINT_DEBUG", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # keep bytecode caches, as users do
    env.setdefault("PYTHONHASHSEED", "0")
    env["NO_COLOR"] = "1"
    return env


def _tool(name: str) -> list[str]:
    """The console script next to this interpreter (the venv's), else ``python -m name``."""
    if name == "medlint" and EXTRA_ENV:
        return [sys.executable, "-m", "medlint"]
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


def _check_options() -> set[str]:
    out = subprocess.run(
        [*_tool("medlint"), "check", "--help"], capture_output=True, text=True, env=_env()
    )
    return {w.strip(",") for w in out.stdout.split() if w.startswith("--")}


def peak_rss(argv: list[str], cwd: Path, interval: float = 0.05) -> dict[str, Any]:
    """Run ``argv`` and sample the RSS of it and its children (psutil)."""
    import psutil

    peak_sum = 0
    peak_single = 0
    peak_pss = 0  # proportional set size: shared (forked) pages counted once
    peak_procs = 1
    with tempfile.TemporaryFile() as err_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err_file, env=_env()
        )
        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                rss = []
                pss = 0
                for p in [ps, *ps.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        info = p.memory_full_info()
                        rss.append(info.rss)
                        pss += getattr(info, "pss", info.rss)
                if rss:
                    peak_sum = max(peak_sum, sum(rss))
                    peak_pss = max(peak_pss, pss)
                    peak_single = max(peak_single, max(rss))
                    peak_procs = max(peak_procs, len(rss))
            time.sleep(interval)
        wall = time.perf_counter() - t0
        err_file.seek(0)
        err = err_file.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"RSS run failed (exit {proc.returncode}):\n{err.decode()[-2000:]}")
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb_single_process": round(peak_single / 2**20, 1),
        "peak_rss_mb_all_processes": round(peak_sum / 2**20, 1),
        "peak_pss_mb_all_processes": round(peak_pss / 2**20, 1),
        "processes": peak_procs,
    }


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------


def ensure_corpus(out: Path, count: int, words: int, seed: int) -> tuple[Path, dict[str, Any]]:
    d = out / f"corpus-n{count}-w{words}-s{seed}-v{make_corpus.GENERATOR_VERSION}"
    man = d / "manifest.json"
    if man.exists():
        try:
            m = json.loads(man.read_text(encoding="utf-8"))
            if m["params"]["count"] == count:
                return d, m
        except (ValueError, KeyError):
            pass
    if d.exists():
        shutil.rmtree(d)
    print(f"generating {count} articles into {d} …", file=sys.stderr)
    m = make_corpus.write_corpus(d, count, seed=seed, words=words)
    return d, m


def _files(corpus: Path, manifest: dict[str, Any]) -> list[str]:
    return [str(corpus / e["file"]) for e in manifest["items"]]


# --------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def paired(cmd_a: Command, cmd_b: Command, attr: str = "wall") -> float:
    """Median over rounds of a/b, each pair taken in the same round."""
    vals = [
        getattr(x, attr) / getattr(y, attr)
        for x, y in zip(cmd_a.samples, cmd_b.samples, strict=False)
        if getattr(y, attr)
    ]
    return statistics.median(vals) if vals else float("nan")


def planted_recall(corpus: Path, manifest: dict[str, Any], work: Path) -> dict[str, Any]:
    """Run medlint once (JSON) and compare the findings with the planted defects."""
    out = subprocess.run(
        [
            *_tool("medlint"),
            "check",
            str(corpus),
            "--format",
            "json",
            "--today",
            TODAY,
            *(["--no-cache"] if "--no-cache" in _check_options() else []),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        env=_env(),
    )
    try:
        findings = json.loads(out.stdout)
    except ValueError:
        return {"error": f"medlint --format json gave no JSON (exit {out.returncode})"}
    by_file: dict[str, set[str]] = {}
    per_code: Counter[str] = Counter()
    for f in findings:
        rel = Path(f["path"]).resolve().relative_to(corpus.resolve()).as_posix()
        by_file.setdefault(rel, set()).add(f["code"])
        per_code[f["code"]] += 1
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for e in manifest["items"]:
        for d in e["defects"]:
            planted[d["code"]] += 1
            if d["code"] in by_file.get(e["file"], set()):
                found[d["code"]] += 1
    return {
        "findings_total": len(findings),
        "findings_per_code": dict(sorted(per_code.items())),
        "planted": {
            code: {"planted": n, "reported": found[code], "recall": round(found[code] / n, 3)}
            for code, n in sorted(planted.items())
        },
    }


STAGES = """
import collections, datetime as dt, json, sys, time
t0 = time.process_time()
try:
    from medlint.discovery import get_registry
except ImportError:  # before issue 12
    from medlint.registry import get_registry
from medlint.config import load_settings
from medlint.context import Context
from medlint.document import detect_format, parse_article
from medlint.engine import Linter
reg = get_registry()
settings = load_settings(reg, None)
settings.today = dt.date.fromisoformat(sys.argv[2])
linter = Linter(settings, reg)
t1 = time.process_time()
files = [f for f in open(sys.argv[1], encoding="utf-8").read().splitlines() if f]
texts = [open(f, encoding="utf-8").read() for f in files]
keys = settings.metadata.get("prose-keys")
arts = [parse_article(f, t, detect_format(f), keys)[0] for f, t in zip(files, texts)]
t2 = time.process_time()
from medlint import nlp
nlp.get_nlp()
t3 = time.process_time()
for a in arts:
    a.docs
t4 = time.process_time()
try:  # the engine's shared per-article analysis and matches (medlint >= issue 12)
    from medlint.analysis import Analysis
except ImportError:
    Analysis = None
rules = collections.Counter()
for a in arts:
    shared = ()
    if Analysis is not None:
        an = Analysis(a, settings)
        shared = (an, linter.layer.matches(an))
    for rule in linter.rules:
        if rule.code.startswith("X"):
            continue
        s = time.process_time()
        try:
            list(rule.check(Context(a, settings, rule, *shared)))
        except Exception:
            pass
        rules[rule.code] += time.process_time() - s
print(json.dumps({"articles": len(arts), "registry_s": t1 - t0, "parse_s": t2 - t1,
                  "pipeline_load_s": t3 - t2, "spacy_docs_s": t4 - t3, "rules_s": dict(rules)}))
"""


def stage_profile(file_list: Path, work: Path) -> dict[str, Any]:
    """CPU time per stage and per rule, in one process (rules in registry order, so shared
    per-article work such as metadata is charged to the first rule that asks for it)."""
    out = subprocess.run(
        [sys.executable, "-c", STAGES, str(file_list), TODAY],
        cwd=work,
        capture_output=True,
        text=True,
        env=_env(),
    )
    try:
        data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": out.stderr[-2000:]}
    n = max(1, data["articles"])
    data["per_article_ms"] = {
        "parse": 1000 * data["parse_s"] / n,
        "spacy_docs": 1000 * data["spacy_docs_s"] / n,
        "rules": 1000 * sum(data["rules_s"].values()) / n,
    }
    data["rules_ms_per_article"] = {
        k: round(1000 * v / n, 2) for k, v in sorted(data["rules_s"].items(), key=lambda kv: -kv[1])
    }
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=400, help="corpus size for timings [400]")
    ap.add_argument("--words", type=int, default=900, help="mean words per article [900]")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5, help="alternated rounds [5]")
    ap.add_argument("--starts", type=int, default=3, help="cold starts per round [3]")
    ap.add_argument("--rss-articles", type=int, default=10000, help="0 skips the RSS run")
    ap.add_argument("--no-recall", action="store_true", help="skip the planted-defect check")
    ap.add_argument(
        "--no-stages", action="store_true", help="skip the per-stage and per-rule CPU profile"
    )
    ap.add_argument("--quick", action="store_true", help="120 articles, 2 rounds, no RSS run")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument(
        "--real",
        type=Path,
        default=ROOT.parent / "shared" / "corpus" / "articles",
        help="a folder of real articles for the real-article rows [../shared/corpus/articles; "
        "skipped when missing]",
    )
    ap.add_argument(
        "--snapshot",
        action="store_true",
        help="run a frozen copy of medlint/ and rules/ (for measuring while the tree is edited)",
    )
    ap.add_argument(
        "--snapshot-from",
        type=Path,
        default=None,
        help="like --snapshot, but copy medlint/ and rules/ of another checkout (e.g. a git "
        "worktree of an older commit), to compare two versions in the same conditions",
    )
    args = ap.parse_args(argv)
    if args.snapshot_from is not None:
        args.snapshot = True
    if args.quick:
        args.articles, args.rounds, args.starts, args.rss_articles = 120, 2, 2, 0

    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    work.mkdir(exist_ok=True)
    # A config file here makes the runs hermetic: no config found upward is used.
    (work / ".medlint.yaml").write_text(
        "# medlint benchmark: default rules and settings\nfail-on: error\n", encoding="utf-8"
    )
    if args.snapshot:
        snap = out / "snapshot"
        shutil.rmtree(snap, ignore_errors=True)
        src = args.snapshot_from.resolve() if args.snapshot_from is not None else ROOT
        for d in ("medlint", "rules"):
            shutil.copytree(src / d, snap / d, ignore=shutil.ignore_patterns("__pycache__"))
        EXTRA_ENV["PYTHONPATH"] = str(snap)
    corpus, manifest = ensure_corpus(out, args.articles, args.words, args.seed)
    files = _files(corpus, manifest)
    file_list = work / "files.txt"
    file_list.write_text("\n".join(files) + "\n", encoding="utf-8")
    # cold start on one Markdown article with front matter (the commonest case)
    one = Path(next((f for f in files if f.endswith(".md")), files[0]))
    n_words = manifest["totals"]["words"]
    one_list = work / "one.txt"
    one_list.write_text(f"{one}\n", encoding="utf-8")

    opts = _check_options()
    no_cache = ["--no-cache"] if "--no-cache" in opts else []
    has_jobs = "--jobs" in opts
    jobs = lambda n: ["--jobs", str(n)] if has_jobs else []  # noqa: E731
    medlint = _tool("medlint")
    base = [*medlint, "check", "--today", TODAY, "--quiet"]
    cache_dir = work / ".medlint_cache"

    def clear_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    cmds: dict[str, Command] = {
        "medlint_j1": Command("medlint_j1", [*base, *no_cache, *jobs(1), str(corpus)], work),
        "proselint": Command("proselint", [*_tool("proselint"), "check", str(corpus)], work),
        "spacy_bare": Command(
            "spacy_bare", [sys.executable, "-c", BARE_SPACY, str(file_list)], work, ok_codes=(0,)
        ),
    }
    real: Path | None = args.real.resolve() if args.real and args.real.is_dir() else None
    real_files: list[str] = []
    if real is not None:
        real_files = sorted(str(f) for f in real.iterdir() if f.is_file())
        real_list = work / "real-files.txt"
        real_list.write_text("\n".join(real_files) + "\n", encoding="utf-8")
        cmds["real_medlint"] = Command(
            "real_medlint", [*base, *no_cache, *jobs(1), str(real)], work
        )
        cmds["real_proselint"] = Command(
            "real_proselint", [*_tool("proselint"), "check", str(real)], work
        )
        cmds["real_spacy_bare"] = Command(
            "real_spacy_bare",
            [sys.executable, "-c", BARE_SPACY, str(real_list)],
            work,
            ok_codes=(0,),
        )
    if has_jobs:
        cmds["medlint_j2"] = Command("medlint_j2", [*base, *no_cache, *jobs(2), str(corpus)], work)
    if no_cache:
        cmds["cache_cold"] = Command(
            "cache_cold", [*base, *jobs(1), str(corpus)], work, before=clear_cache
        )
        cmds["cache_warm"] = Command("cache_warm", [*base, *jobs(1), str(corpus)], work)
    starts = {
        "start_check_one": Command("start_check_one", [*base, *no_cache, str(one)], work),
        # start-up of each peer on one article, for the steady-state rows
        "start_proselint_one": Command(
            "start_proselint_one", [*_tool("proselint"), "check", str(one)], work
        ),
        "start_spacy_bare_one": Command(
            "start_spacy_bare_one",
            [sys.executable, "-c", BARE_SPACY, str(one_list)],
            work,
            ok_codes=(0,),
        ),
        "start_import_spacy": Command(
            "start_import_spacy", [sys.executable, "-c", "import spacy"], work, ok_codes=(0,)
        ),
        "start_version": Command("start_version", [*medlint, "--version"], work, ok_codes=(0,)),
        "start_rules": Command("start_rules", [*medlint, "rules"], work, ok_codes=(0,)),
    }

    print(
        f"corpus: {len(files)} articles, {n_words} words ({manifest['totals']['formats']}); "
        f"{args.rounds} rounds; cpus={os.cpu_count()}; load={os.getloadavg()[0]:.1f}",
        file=sys.stderr,
    )
    # warm the OS file cache and Python's bytecode caches once, untimed
    for c in (cmds["medlint_j1"], cmds["proselint"], cmds["spacy_bare"]):
        c.run()
        c.samples.clear()

    order = list(cmds)
    loads: list[float] = []
    for r in range(args.rounds):
        rot = order[r % len(order) :] + order[: r % len(order)]
        # cache_warm must follow cache_cold directly
        if "cache_warm" in rot:
            rot.remove("cache_warm")
            rot.insert(rot.index("cache_cold") + 1, "cache_warm")
        for name in rot:
            s = cmds[name].run()
            print(f"  round {r + 1}: {name:<12} {s.wall:7.2f} s wall {s.cpu:7.2f} s cpu",
                  file=sys.stderr)  # fmt: skip
        for _ in range(args.starts):
            for c in starts.values():
                c.run()
        loads.append(os.getloadavg()[0])

    # ---- results ----
    res: dict[str, Any] = {}
    med = {k: c.median() for k, c in {**cmds, **starts}.items() if c.samples}
    med_cpu = {k: c.median("cpu") for k, c in {**cmds, **starts}.items() if c.samples}
    rows: list[tuple[str, str, str, str, str, str]] = []

    def verdict(ok: bool) -> str:
        return "yes" if ok else "NO"

    m1 = cmds["medlint_j1"]
    pl, sp = cmds["proselint"], cmds["spacy_bare"]
    r_pl = ratio(med["proselint"], med["medlint_j1"])
    r_sp = ratio(med["spacy_bare"], med["medlint_j1"])
    res["throughput"] = {
        "articles": len(files),
        "words": n_words,
        "medlint_articles_per_s": len(files) / med["medlint_j1"],
        "medlint_words_per_s": n_words / med["medlint_j1"],
        "proselint_articles_per_s": len(files) / med["proselint"],
        "spacy_bare_articles_per_s": len(files) / med["spacy_bare"],
        "vs_proselint": r_pl,
        "vs_proselint_paired": paired(pl, m1),
        "vs_proselint_cpu": ratio(med_cpu["proselint"], med_cpu["medlint_j1"]),
        "vs_spacy": r_sp,
        "vs_spacy_paired": paired(sp, m1),
        "vs_spacy_cpu": ratio(med_cpu["spacy_bare"], med_cpu["medlint_j1"]),
    }
    rows.append(("throughput vs proselint", f"{len(files) / med['medlint_j1']:.1f} art/s",
                 f"{len(files) / med['proselint']:.1f} art/s", f"{r_pl:.2f}x",
                 f">= {TARGETS['vs_proselint']}x", verdict(r_pl >= TARGETS["vs_proselint"])))  # fmt: skip
    rows.append(("throughput vs spaCy blank+sentencizer", f"{len(files) / med['medlint_j1']:.1f} art/s",
                 f"{len(files) / med['spacy_bare']:.1f} art/s", f"{r_sp:.0%}",
                 f">= {TARGETS['vs_spacy']:.0%}", verdict(r_sp >= TARGETS["vs_spacy"])))  # fmt: skip
    # Steady state: the same runs with each tool's own start-up on one article subtracted
    # (articles per second once started; start-up has its own row below).
    n_files = len(files)

    def steady(run: str, start: str) -> float:
        return n_files / max(med[run] - med[start], 1e-9)

    st_m1 = steady("medlint_j1", "start_check_one")
    st_pl = steady("proselint", "start_proselint_one")
    st_sp = steady("spacy_bare", "start_spacy_bare_one")
    res["steady_state"] = {
        "medlint_articles_per_s": st_m1,
        "proselint_articles_per_s": st_pl,
        "spacy_bare_articles_per_s": st_sp,
        "medlint_ms_per_article": 1000 / st_m1,
        "vs_proselint": st_m1 / st_pl,
        "vs_spacy": st_m1 / st_sp,
        "start_s": {k: med[k] for k in ("start_check_one", "start_proselint_one",
                                         "start_spacy_bare_one")},
    }  # fmt: skip
    rows.append(("  steady state (start-up subtracted) vs proselint", f"{st_m1:.1f} art/s",
                 f"{st_pl:.1f} art/s", f"{st_m1 / st_pl:.2f}x", f">= {TARGETS['vs_proselint']}x",
                 verdict(st_m1 / st_pl >= TARGETS["vs_proselint"])))  # fmt: skip
    rows.append(("  steady state vs spaCy blank+sentencizer", f"{st_m1:.1f} art/s",
                 f"{st_sp:.1f} art/s", f"{st_m1 / st_sp:.0%}", f">= {TARGETS['vs_spacy']:.0%}",
                 verdict(st_m1 / st_sp >= TARGETS["vs_spacy"])))  # fmt: skip
    if "real_medlint" in med:
        n_real = len(real_files)
        r_rp = ratio(med["real_proselint"], med["real_medlint"])
        r_rs = ratio(med["real_spacy_bare"], med["real_medlint"])
        res["real_articles"] = {
            "folder": str(real),
            "articles": n_real,
            "medlint_s": med["real_medlint"],
            "proselint_s": med["real_proselint"],
            "spacy_bare_s": med["real_spacy_bare"],
            "vs_proselint": r_rp,
            "vs_proselint_paired": paired(cmds["real_proselint"], cmds["real_medlint"]),
            "vs_spacy": r_rs,
            "vs_spacy_paired": paired(cmds["real_spacy_bare"], cmds["real_medlint"]),
        }
        rows.append(("real articles: vs proselint", f"{n_real / med['real_medlint']:.1f} art/s",
                     f"{n_real / med['real_proselint']:.1f} art/s", f"{r_rp:.2f}x",
                     f">= {TARGETS['vs_proselint']}x", verdict(r_rp >= TARGETS["vs_proselint"])))  # fmt: skip
        rows.append(("real articles: vs spaCy blank+sentencizer",
                     f"{n_real / med['real_medlint']:.1f} art/s",
                     f"{n_real / med['real_spacy_bare']:.1f} art/s", f"{r_rs:.0%}",
                     f">= {TARGETS['vs_spacy']:.0%}", verdict(r_rs >= TARGETS["vs_spacy"])))  # fmt: skip
    if "medlint_j2" in med:
        r_j = ratio(med["medlint_j1"], med["medlint_j2"])
        res["jobs"] = {"j1_s": med["medlint_j1"], "j2_s": med["medlint_j2"], "speedup": r_j,
                       "speedup_paired": paired(m1, cmds["medlint_j2"]), "cpus": os.cpu_count()}  # fmt: skip
        rows.append(("--jobs 2 vs --jobs 1", f"{med['medlint_j2']:.2f} s", f"{med['medlint_j1']:.2f} s",
                     f"{r_j:.2f}x", f">= {TARGETS['jobs']}x", verdict(r_j >= TARGETS["jobs"])))  # fmt: skip
        st_j2 = steady("medlint_j2", "start_check_one")
        res["jobs"]["steady_state_speedup"] = st_j2 / st_m1
        rows.append(("  steady state (start-up subtracted)", f"{st_j2:.1f} art/s",
                     f"{st_m1:.1f} art/s", f"{st_j2 / st_m1:.2f}x", f">= {TARGETS['jobs']}x",
                     verdict(st_j2 / st_m1 >= TARGETS["jobs"])))  # fmt: skip
    else:
        rows.append(("--jobs 2 vs --jobs 1", "n/a", "", "", "", "no --jobs option"))
    if "cache_warm" in med:
        r_c = ratio(med["cache_cold"], med["cache_warm"])
        res["cache"] = {"cold_s": med["cache_cold"], "warm_s": med["cache_warm"], "speedup": r_c,
                        "speedup_paired": paired(cmds["cache_cold"], cmds["cache_warm"])}  # fmt: skip
        rows.append(("warm cache vs cold", f"{med['cache_warm']:.2f} s", f"{med['cache_cold']:.2f} s",
                     f"{r_c:.1f}x", f">= {TARGETS['cache']:.0f}x", verdict(r_c >= TARGETS["cache"])))  # fmt: skip
    else:
        rows.append(("warm cache vs cold", "n/a", "", "", "", "no --no-cache option"))
    cs, isp = med["start_check_one"], med["start_import_spacy"]
    ok_cs = cs <= TARGETS["cold_start_s"] and cs - isp <= TARGETS["cold_start_over_spacy_s"]
    res["cold_start"] = {
        "check_one_s": cs,
        "import_spacy_s": isp,
        "over_spacy_s": cs - isp,
        "version_s": med["start_version"],
        "rules_s": med["start_rules"],
        "samples": len(starts["start_check_one"].samples),
    }
    rows.append(("cold start, one article", f"{cs:.2f} s", f"import spacy {isp:.2f} s",
                 f"+{cs - isp:.2f} s", "<= 1.0 s, <= +0.5 s", verdict(ok_cs)))  # fmt: skip
    rows.append(("  medlint --version / rules", f"{med['start_version']:.2f} s",
                 f"{med['start_rules']:.2f} s", "", "", ""))  # fmt: skip

    if args.rss_articles:
        rc, rm = ensure_corpus(out, args.rss_articles, args.words, args.seed)
        print(f"RSS run over {args.rss_articles} articles …", file=sys.stderr)
        rss_j1 = peak_rss([*base, *no_cache, *jobs(1), str(rc)], work, interval=0.25)
        print(f"  --jobs 1: {rss_j1}", file=sys.stderr)
        rss_auto = peak_rss([*base, *no_cache, str(rc)], work, interval=0.25)
        print(f"  default jobs: {rss_auto}", file=sys.stderr)
        res["rss"] = {"articles": args.rss_articles, "words": rm["totals"]["words"],
                      "jobs1": rss_j1, "default_jobs": rss_auto}  # fmt: skip
        # One process: its RSS.  Several (forked workers share pages): the summed PSS.
        worst = max(rss_j1["peak_rss_mb_single_process"], rss_auto["peak_pss_mb_all_processes"])
        rows.append((f"peak RSS, {args.rss_articles:,} articles",
                     f"{rss_j1['peak_rss_mb_single_process']:.0f} MB (-j1)",
                     f"default -j: {rss_auto['peak_pss_mb_all_processes']:.0f} MB PSS "
                     f"({rss_auto['peak_rss_mb_all_processes']:.0f} MB RSS summed)",
                     "", f"< {TARGETS['rss_mb']:.0f} MB", verdict(worst < TARGETS["rss_mb"])))  # fmt: skip
    else:
        rows.append(("peak RSS, 10,000 articles", "skipped", "", "", "", ""))
        res["rss_single_run_maxrss_mb"] = max(s.maxrss_mb for s in m1.samples)

    if not args.no_recall:
        res["planted_defects"] = planted_recall(corpus, manifest, work)
    if not args.no_stages:
        res["stages"] = stage_profile(file_list, work)

    res["medians_wall_s"] = med
    res["medians_cpu_s"] = med_cpu
    res["samples"] = {
        k: [s.__dict__ for s in c.samples] for k, c in {**cmds, **starts}.items() if c.samples
    }
    res["env"] = _environment(loads)
    res["params"] = vars(args) | {"out": str(args.out), "corpus": str(corpus), "today": TODAY}
    res["targets"] = TARGETS
    res["table"] = [
        dict(zip(("measurement", "medlint", "baseline", "ratio", "target", "met"), r, strict=False))
        for r in rows
    ]

    text = _table(rows)
    st = res.get("stages") or {}
    if "per_article_ms" in st:
        pa = st["per_article_ms"]
        slow = ", ".join(f"{k} {v:.1f}" for k, v in list(st["rules_ms_per_article"].items())[:8])
        text += (
            f"\n\nCPU per article (in-process): parse {pa['parse']:.1f} ms, spaCy "
            f"{pa['spacy_docs']:.1f} ms, rules {pa['rules']:.1f} ms; slowest rules (ms): {slow}"
        )
    print(text)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (out / name).write_text(json.dumps(res, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"wrote {out / 'latest.json'}", file=sys.stderr)
    return 0


def _environment(loads: list[float]) -> dict[str, Any]:
    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    commit = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = bool(version(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]))
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_avg_per_round": [round(x, 2) for x in loads],
        "medlint": version([*_tool("medlint"), "--version"]),
        "proselint": version([*_tool("proselint"), "version"]),
        "spacy": version([sys.executable, "-c", "import spacy; print(spacy.__version__)"]),
        "git": commit + ("-dirty" if dirty else ""),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
    }


def _table(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    head = ("measurement", "medlint", "baseline", "ratio", "target", "met")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(6)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
