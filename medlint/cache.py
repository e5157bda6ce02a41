"""The results cache in ``.medlint_cache/`` (like ruff's ``.ruff_cache``).

One small JSON file per linted file, stored under a directory named after the
*configuration key*: a digest of everything besides the file itself that can
change findings (medlint's version and code, the rule packs, the settings
including ``today``, the selected rules and their severities).  The entry name
is a digest of the file's path and content, so an edited file, a changed pack
or config, another day or another medlint all miss the cache.  Entries are
written atomically (temporary file + rename), so parallel runs never read a
half-written file; a corrupt or unreadable entry is simply a miss.

``cache-dir`` may be a folder shared with other things (``.``, ``.cache``): medlint puts a
marker file in every folder it creates there and prunes only folders bearing it; the
``CACHEDIR.TAG`` and ``.gitignore`` go only into folders it created.

Also here: turning findings into plain data and back, for the cache and for
worker processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint import __version__
from medlint.findings import APPLICABILITIES, SAFE, SEVERITY_RANK, Finding, Fix

if TYPE_CHECKING:  # pragma: no cover
    from medlint.engine import FileResult, Linter

CACHE_FORMAT = 1
STALE_SECONDS = 7 * 24 * 3600  # other configurations' entries unused this long are removed


MARKER = ".medlint-cache"  # in every folder medlint creates in the cache, and only there
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by medlint.\n"


def _make_dir(path: Path, parents: bool = False) -> bool:
    """Create ``path``; True when this call created it, False when it was already there."""
    try:
        path.mkdir(parents=parents)
    except FileExistsError:
        if not path.is_dir():
            raise
        return False
    return True


def _tag(path: Path) -> None:
    """Mark a folder medlint created as a cache folder: skipped by backups and by git."""
    (path / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
    (path / ".gitignore").write_text("# Automatically created by medlint.\n*\n", encoding="utf-8")


def _mark(path: Path) -> None:
    (path / MARKER).write_text(
        "This folder was created by medlint's results cache; medlint may delete it.\n",
        encoding="utf-8",
    )


def _is_ours(path: Path) -> bool:
    """A real folder (not a symbolic link) holding medlint's marker file."""
    try:
        return path.is_dir() and not path.is_symlink() and (path / MARKER).is_file()
    except OSError:
        return False


_FIELDS = (
    "code",
    "message",
    "start",
    "end",
    "severity",
    "name",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
)


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def finding_to_data(f: Finding) -> dict[str, Any]:
    """A JSON-able dict holding every field of a finding (raises ValueError if ``extra``
    holds values JSON cannot keep)."""
    d: dict[str, Any] = {k: getattr(f, k) for k in _FIELDS}
    if f.fix is not None:
        d["fix"] = [f.fix.start, f.fix.end, f.fix.replacement, f.fix.applicability]
    if f.fix_line is not None:
        d["fix_line"] = list(f.fix_line)
    if f.extra:
        if not _jsonable(f.extra):
            raise ValueError(f"{f.code}: extra data is not JSON-serialisable")
        d["extra"] = f.extra
    return d


def finding_from_data(d: dict[str, Any]) -> Finding:
    f = Finding(**{k: d[k] for k in _FIELDS})
    if "fix" in d:
        a, b, rep, *how = d["fix"]
        f.fix = Fix(int(a), int(b), str(rep), str(how[0]) if how else SAFE)
    if "fix_line" in d:
        sl, sc, el, ec = d["fix_line"]
        f.fix_line = (int(sl), int(sc), int(el), int(ec))
    if "extra" in d:
        f.extra = dict(d["extra"])
    return f


class CorruptEntry(ValueError):
    """A cache entry that is not exactly what :meth:`Cache.put_key` writes."""


def _is_int(value: Any, low: int) -> bool:
    return type(value) is int and value >= low  # not bool, not float


def _valid_fix(d: dict[str, Any]) -> bool:
    fix = d.get("fix")
    if fix is not None and not (
        type(fix) is list
        and len(fix) in (3, 4)  # entries written before fixes had an applicability: 3
        and _is_int(fix[0], 0)
        and _is_int(fix[1], fix[0])
        and type(fix[2]) is str
        and (len(fix) == 3 or fix[3] in APPLICABILITIES)
    ):
        return False
    fix_line = d.get("fix_line")
    return fix_line is None or (
        type(fix_line) is list and len(fix_line) == 4 and all(_is_int(v, 1) for v in fix_line)
    )


def finding_from_entry(d: Any, path: str) -> Finding:
    """A finding read back from a cache entry, every field checked for its type and value;
    raises :class:`CorruptEntry` for anything ``finding_to_data`` would not have written."""
    ok = (
        isinstance(d, dict)
        and all(type(d.get(k)) is str for k in ("code", "message", "name", "path"))
        and d["code"] != ""
        and d["path"] == path
        and d.get("severity") in SEVERITY_RANK
        and all(_is_int(d.get(k), 0) for k in ("start", "end"))
        and all(_is_int(d.get(k), 1) for k in ("line", "column", "end_line", "end_column"))
        and _valid_fix(d)
        and isinstance(d.get("extra", {}), dict)
    )
    if not ok:
        raise CorruptEntry("a finding of the wrong shape")
    return finding_from_data(d)


def _code_fingerprint(linter: Linter) -> str:
    """Sizes and mtimes of the modules that define medlint and its rules, so an edited
    rule (in a source checkout or a plugin) invalidates the cache without a version bump."""
    files: set[str] = set()
    pkg = Path(__file__).resolve().parent
    for p in pkg.rglob("*.py"):
        files.add(str(p))
    for r in linter.registry.rules.values():
        mod = sys.modules.get(getattr(r.check, "__module__", "") or "")
        fn = getattr(mod, "__file__", None) if mod is not None else None
        if fn:
            files.add(str(fn))
    h = hashlib.sha256()
    for fn in sorted(files):
        try:
            st = os.stat(fn)
        except OSError:
            continue
        h.update(f"{fn}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def config_key(linter: Linter) -> str:
    """Digest of everything except the file that can change a file's findings."""
    from medlint import packs

    s = linter.settings
    parts = [
        f"format={CACHE_FORMAT}",
        f"version={__version__}",
        f"code={_code_fingerprint(linter)}",
        f"packs={packs.fingerprint()}",
        f"settings={s.raw_for_cache()}",
        f"root={s.root}",
        f"selected={','.join(sorted(linter.selected))}",
        "severity=" + ",".join(f"{k}:{v}" for k, v in sorted(linter.severity.items())),
        "rules="
        + ",".join(
            f"{r.code}:{r.name}:{r.severity}:{r.origin}:{sorted(r.defaults().items())!r}"
            for r in linter.registry
        ),
        f"flags={sorted(linter.flags().items())!r}",
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def cache_root(linter: Linter) -> Path:
    d = Path(linter.settings.cache_dir)
    if not d.is_absolute():
        d = Path(linter.settings.root) / d
    return d


class Cache:
    """Per-file results for one configuration."""

    def __init__(self, linter: Linter, root: Path | None = None) -> None:
        self.root = root if root is not None else cache_root(linter)
        self.key = config_key(linter)
        self.dir = self.root / __version__ / self.key
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._ready = False
        self.disabled = False

    @staticmethod
    def entry_key(path: str, data: bytes) -> str:
        h = hashlib.sha256(path.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()[:32]

    def _entry(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, path: str, data: bytes) -> FileResult | None:
        from medlint.engine import FileResult

        if self.disabled:
            return None
        try:
            raw = self._entry(self.entry_key(path, data)).read_text(encoding="utf-8")
            doc = json.loads(raw)
            # a corrupt entry is a miss: check its shape before trusting any of it
            if not isinstance(doc, dict) or doc.get("path") != path:
                raise CorruptEntry("not an entry for this file")
            if not isinstance(doc.get("findings"), list):
                raise CorruptEntry("no list of findings")
            findings = [finding_from_entry(d, path) for d in doc["findings"]]
            stats = doc.get("stats", {})
            if not isinstance(stats, dict):
                raise CorruptEntry("stats are not a mapping")
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return FileResult(path, findings, None, stats)

    def _prepare(self) -> None:
        """Create the cache folders and prune what is stale, touching only what medlint made.

        ``cache-dir`` may name a folder medlint shares with other things (``.``, ``.cache``):
        every folder medlint creates holds a :data:`MARKER` file, only folders bearing it are
        ever removed, and the ``CACHEDIR.TAG`` and ``.gitignore`` go only into folders medlint
        created itself.
        """
        if self._ready:
            return
        self._ready = True
        try:
            if _make_dir(self.root, parents=True):
                _tag(self.root)  # not marked: the root is never pruned
            vdir = self.dir.parent
            if _make_dir(vdir):
                _tag(vdir)
                _mark(vdir)
            if _make_dir(self.dir):
                _mark(self.dir)
            os.utime(self.dir)
            self._prune()
        except OSError:
            self.disabled = True  # a read-only checkout: run without a cache

    def _prune(self) -> None:
        """Remove other versions' folders and other configurations' folders left unused,
        but only folders medlint made (they bear its :data:`MARKER`)."""
        now = time.time()
        for vdir in self.root.iterdir():
            if vdir.name == __version__ or not _is_ours(vdir):
                continue
            shutil.rmtree(vdir, ignore_errors=True)
        vdir = self.dir.parent
        for cdir in vdir.iterdir():
            if cdir.name == self.key or not _is_ours(cdir):
                continue
            try:
                old = now - cdir.stat().st_mtime > STALE_SECONDS
            except OSError:
                continue
            if old:
                shutil.rmtree(cdir, ignore_errors=True)

    def put(self, path: str, data: bytes, result: FileResult) -> None:
        self.put_key(self.entry_key(path, data), result)

    def put_key(self, key: str, result: FileResult) -> None:
        """Store ``result`` under an :meth:`entry_key` computed from the bytes that were linted."""
        path = result.path
        self._prepare()
        if self.disabled:
            return
        try:
            doc = {
                "path": path,
                "findings": [finding_to_data(f) for f in result.findings],
                "stats": result.stats,
            }
            text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            back = json.loads(text)
            if back["stats"] != result.stats or any(
                finding_from_data(d) != f
                for d, f in zip(back["findings"], result.findings, strict=True)
            ):
                return  # e.g. a tuple would come back as a list: do not cache what changes
        except (TypeError, ValueError):
            return  # something the cache cannot keep exactly: lint it again next time
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as fh:
                    fh.write(text)
                os.replace(tmp, entry)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self.writes += 1
        except OSError:
            self.disabled = True
