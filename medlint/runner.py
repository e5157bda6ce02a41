"""Running a linter over many inputs (shared by `check` and `report`).

``run()`` answers unchanged files from the results cache when it can
(:mod:`medlint.cache`) and lints the rest, in worker processes when there are
many.  A file's bytes are held only while it is being hashed or linted, by the
process that lints it, so memory does not grow with the number of files.
Results always come back sorted by path, so the output never depends on
scheduling, caching or the number of jobs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from medlint.document import LINTABLE_SUFFIXES, NotReadable, read_stream

if TYPE_CHECKING:  # pragma: no cover
    from medlint.cache import Cache
    from medlint.config import Settings
    from medlint.engine import FileResult, Linter

ProgressFn = Callable[[int, int], None]  # (done, total)

# With the default --jobs (auto), this many files to lint or more use every core.
AUTO_JOBS_MIN_FILES = 16


class InputError(Exception):
    """The inputs cannot be read as asked (a named path without articles, closed stdin)."""


def collect_files(linter: Linter, paths: tuple[str, ...] | list[str]) -> list[str]:
    return collect(linter, paths)[0]


def collect(linter: Linter, paths: tuple[str, ...] | list[str]) -> tuple[list[str], list[str]]:
    """The article files of ``paths`` (each once, in the walk's order) and the paths that
    gave none (a directory without a lintable file, all of it excluded or ignored)."""
    from medlint.walk import iter_files

    s = linter.settings
    files: list[str] = []
    seen: set[str] = set()
    empty: list[str] = []
    for raw in paths:
        if raw == "-":
            continue
        got = list(iter_files([raw], s.exclude, s.root, s.respect_gitignore))
        if not got:
            empty.append(raw)
        for f in got:
            key = os.path.normpath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, empty


def read_stdin() -> bytes:
    """The bytes of standard input (InputError when it is closed or unreadable)."""
    stream = sys.stdin
    if stream is None:
        raise InputError("standard input is closed")
    try:
        return read_stream(stream.buffer)
    except NotReadable as exc:
        raise InputError(f"standard input: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read standard input: {exc}") from exc


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: int | None, n_files: int) -> int:
    """``jobs`` None or 0 means auto: every core for many files, one process for a few."""
    if n_files <= 1:
        return 1
    if jobs is None or jobs <= 0:
        return cpu_count() if n_files >= AUTO_JOBS_MIN_FILES else 1
    # more workers than cores only costs memory and time
    return max(1, min(jobs, n_files, cpu_count()))


def read_file(path: str) -> bytes | None:
    """The bytes of a regular, readable file of sane size; None lets the linter report why not."""
    from medlint.document import NotReadable, read_bytes

    try:
        return read_bytes(path)
    except (OSError, NotReadable):
        return None


def _lint(linter: Linter, path: str, data: bytes | None) -> FileResult:
    return linter.lint_path(path) if data is None else linter.lint_bytes(path, data)


def _read_and_lint(linter: Linter, path: str, want_key: bool) -> tuple[FileResult, str | None]:
    """Read and lint one file; with ``want_key``, also the cache key of the bytes linted (so
    a file edited during the run is never stored under its old contents)."""
    data = read_file(path)
    result = _lint(linter, path, data)
    if want_key and data is not None:
        from medlint.cache import Cache

        return result, Cache.entry_key(path, data)
    return result, None


def _attach_article(linter: Linter, result: FileResult, data: bytes) -> None:
    """For a cached result of a linter that keeps articles: parse the article again (cheap,
    no NLP) so callers that read article facts still have it."""
    from medlint.document import decode, detect_format, parse_article

    text, had_bom, _err = decode(data)
    if text is None:
        return
    article, _ = parse_article(
        result.path,
        text,
        detect_format(result.path),
        linter.settings.metadata.get("prose-keys"),
        had_bom=had_bom,
    )
    result.article = article


# -- worker processes -------------------------------------------------------

_WORKER_LINTER: Linter | None = None


def rebuild_linter(settings: Settings, selected: list[str], flags: dict[str, Any]) -> Linter:
    """A Linter equal to the parent's, from picklable parts (in a worker process)."""
    from medlint.discovery import get_registry
    from medlint.engine import Linter

    registry = get_registry()
    if settings.packs:
        from medlint.declarative import add_user_pack_rules
        from medlint.packs import set_extra_packs

        set_extra_packs(settings.packs)
        add_user_pack_rules(registry, settings.packs)
    if settings.vale_config is not None:
        from medlint.vale.registration import register

        register(registry, settings.vale_config, report=False)
    # the parent's selection is final: select exactly those codes, nothing added or removed
    plain = dataclasses.replace(settings, select=None, ignore=[], extend_select=[])
    linter = Linter(plain, registry, select=list(selected))
    missing = set(selected) - linter.selected
    if missing:
        raise RuntimeError(f"rules {sorted(missing)} are not registered in the worker process")
    for k, v in flags.items():
        setattr(linter, k, v)
    return linter


def _end_with_parent() -> None:
    """In a worker: let the parent handle Ctrl-C (it ends the workers), and on Linux have
    the kernel send SIGTERM when the parent dies, however it dies."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    if os.getppid() == 1:  # the parent died before the line above ran
        os._exit(1)


def _init_worker(settings: Settings, selected: list[str], flags: dict[str, Any]) -> None:
    global _WORKER_LINTER
    _end_with_parent()
    _WORKER_LINTER = rebuild_linter(settings, selected, flags)


def portable(result: FileResult) -> FileResult:
    """Make a result safe to send between processes: no spaCy docs, only picklable extras."""
    if result.article is not None:
        result.article.__dict__.pop("docs", None)
    try:
        pickle.dumps(result)
        return result
    except Exception:
        pass
    for f in result.findings:
        clean: dict[str, Any] = {}
        for k, v in f.extra.items():
            try:
                pickle.dumps(v)
            except Exception:
                continue
            clean[k] = v
        f.extra = clean
    try:
        pickle.dumps(result)
    except Exception:
        result.article = None
    return result


def _work(item: tuple[str, bool]) -> tuple[FileResult, str | None]:
    assert _WORKER_LINTER is not None
    result, key = _read_and_lint(_WORKER_LINTER, *item)
    return portable(result), key


def _mp_context() -> Any:
    # fork shares the parent's loaded rules, packs and spaCy pipeline; the worker still
    # rebuilds its Linter from the settings, so spawn works too where fork is unavailable.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _lint_parallel(
    linter: Linter,
    items: list[tuple[str, bool]],
    jobs: int,
    done: Callable[[FileResult, str | None], None],
) -> None:
    """Lint ``(path, want_cache_key)`` items in ``jobs`` worker processes; each worker reads
    its own files."""
    from concurrent.futures import ProcessPoolExecutor

    # Lint the first file here: it loads the pipeline and compiles the matchers once, and
    # forked workers inherit them.
    first, rest = items[0], items[1:]
    done(*_read_and_lint(linter, *first))
    if not rest:
        return
    chunksize = max(1, min(16, len(rest) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_mp_context(),
        initializer=_init_worker,
        initargs=(linter.settings, sorted(linter.selected), linter.flags()),
    )
    try:
        for result, key in pool.map(_work, rest, chunksize=chunksize):
            done(result, key)
    except BaseException:
        # interrupted or failed: end the workers now instead of waiting for the queue
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: Any) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for p in procs:
        with contextlib.suppress(OSError, ValueError, AttributeError):  # already gone
            p.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            p.join(5)


# -- the entry point --------------------------------------------------------


def run(
    linter: Linter,
    paths: tuple[str, ...] | list[str],
    stdin_filename: str | None = None,
    jobs: int | None = 1,
    use_cache: bool = False,
    progress: ProgressFn | None = None,
    allow_empty: bool = True,
    shard: tuple[int, int] | None = None,
) -> list[FileResult]:
    """Lint every input; results are sorted by path so output never depends on scheduling.

    ``jobs``: worker processes (None or 0: auto, every core for many files).  ``use_cache``:
    answer unchanged files from ``.medlint_cache`` and store new results there.
    ``allow_empty`` False: a path named in ``paths`` that holds no article raises
    :class:`InputError` (a mistyped CI path must not pass as "no problems").
    ``shard`` ``(k, n)``: lint only the files of shard k of n (:func:`medlint.walk.shard_of`).
    """
    named = bool(paths)
    paths = list(paths) or ["."]
    files, empty = collect(linter, paths)
    if empty and named and not allow_empty:
        raise InputError(
            f"no article files ({', '.join(LINTABLE_SUFFIXES)}) in {', '.join(map(repr, empty))}"
            " (excluded, ignored or mistyped?); pass --allow-empty or set allow-empty: true "
            "if that is expected"
        )
    if shard is not None:
        from medlint.walk import in_shard

        if "-" in paths:
            raise InputError("--shard: standard input ('-') cannot be split into shards")
        files = in_shard(files, shard, linter.settings.root)
    results: list[FileResult] = []
    if "-" in paths:
        stream = sys.stdin
        if stream is None:
            raise InputError("standard input is closed")
        try:  # too large: that input's E901 finding
            results.append(linter.lint_stream(stdin_filename or "-", stream.buffer))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read standard input: {exc}") from exc
    total = len(files)
    count = 0

    def tick() -> None:
        nonlocal count
        count += 1
        if progress is not None:
            progress(count, total)

    cache: Cache | None = None
    if use_cache and files:
        from medlint.cache import Cache

        cache = Cache(linter)

    todo: list[tuple[str, bool]] = []  # (path, want the cache key of what gets linted)
    for path in files:
        if cache is not None:
            data = read_file(path)
            if data is not None:
                hit = cache.get(path, data)
                if hit is not None:
                    if linter.keep_articles:
                        _attach_article(linter, hit, data)
                    results.append(hit)
                    tick()
                    continue
        todo.append((path, cache is not None))

    def done(result: FileResult, key: str | None) -> None:
        if cache is not None and key is not None:
            cache.put_key(key, result)
        results.append(result)
        tick()

    n_jobs = effective_jobs(jobs, len(todo))
    if n_jobs > 1:
        _lint_parallel(linter, todo, n_jobs, done)
    else:
        for item in todo:
            done(*_read_and_lint(linter, *item))
    results.sort(key=lambda r: r.path)
    return results
