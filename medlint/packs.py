"""YAML packs: the word lists, lexicons and declarative rules under ``rules/``.

Packs are data, so editors can change them without touching Python.  A pack is
read once per process.  A user pack (config key ``packs``) that says
``pack: NAME`` is merged into the built-in pack of that name: lists are
extended, mappings updated, so a house style can add a jargon term or a brand
to an allowlist.  A user pack with ``extends:`` (or a ``rules:`` list of such
mappings) defines declarative rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml

F = TypeVar("F", bound=Callable[..., Any])


class PackError(Exception):
    """A pack that cannot be used: ``path: key: message``, one line per problem.

    ``issues`` holds every (key, message) of the file; ``key`` and ``message`` are the first
    (``message`` carries the other lines, so code that shows ``path: key: message`` shows all).
    """

    def __init__(self, path: Path | str, key: str, message: str) -> None:
        super().__init__(f"{path}: {key}: {message}")
        self.path = str(path)
        self.key = key
        self.message = message
        self.issues: list[tuple[str, str]] = [(key, message)]

    @classmethod
    def many(cls, path: Path | str, issues: list[tuple[str, str]]) -> PackError:
        key, first = issues[0]
        rest = "".join(f"\n{path}: {k}: {m}" for k, m in issues[1:])
        err = cls(path, key, first + rest)
        err.issues = list(issues)
        return err


def packs_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "rules"  # inside a wheel
    if shipped.is_dir():
        return shipped
    return here.parent / "rules"  # a source checkout / editable install


_EXTRA: tuple[Path, ...] = ()
_DERIVED: list[Any] = []


def pack_cache(fn: F) -> F:
    """Cache a function that builds data (regexes, sets) from packs, once per process.

    Unlike a bare ``functools.lru_cache``, the cache is dropped when user packs change
    (``set_extra_packs``), so a house pack that extends a built-in list takes effect.
    """
    cached: Any = cache(fn)
    _DERIVED.append(cached)
    return cast(F, cached)


def set_extra_packs(paths: list[Path]) -> None:
    """Register user packs (from config); clears cached pack data."""
    global _EXTRA
    new = tuple(Path(p) for p in paths)
    if new != _EXTRA:
        _EXTRA = new
        load.cache_clear()
        _user_docs.cache_clear()
        for derived in _DERIVED:
            derived.cache_clear()
        from medlint import nlp

        nlp.clear_matchers()


def extra_packs() -> tuple[Path, ...]:
    return _EXTRA


def read_yaml(path: Path) -> Any:
    """Parse a YAML pack (cached per process; a file edited since is read again)."""
    try:
        st = path.stat()
    except OSError as exc:
        raise PackError(path, "(file)", f"cannot read pack: {exc.strerror or exc}") from exc
    return _read_yaml(path, st.st_mtime_ns, st.st_size)


@cache
def _read_yaml(path: Path, mtime_ns: int, size: int) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            # libyaml's C loader when present: the drug lexicon is large
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise PackError(path, "(file)", f"cannot read pack: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise PackError(path, "(yaml)", f"invalid YAML: {exc}") from exc


def _cache_home() -> Path:
    """medlint's folder under the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``):
    the record of validated built-in packs.  Not the results cache."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "medlint"


@cache
def _user_docs() -> tuple[tuple[Path, Any], ...]:
    return tuple((p, read_yaml(p)) for p in _EXTRA)


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


@cache
def load(name: str) -> dict[str, Any]:
    """The built-in pack ``rules/NAME.yaml`` merged with user packs that say ``pack: NAME``."""
    path = packs_dir() / f"{name}.yaml"
    data = read_yaml(path) if path.exists() else {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PackError(path, "(top)", "a pack must be a YAML mapping")
    for _upath, udoc in _user_docs():
        if isinstance(udoc, dict) and udoc.get("pack") == name:
            data = _merge(data, {k: v for k, v in udoc.items() if k != "pack"})
    return data


def builtin_pack_files() -> list[Path]:
    return sorted(packs_dir().glob("*.yaml"))


def builtin_table_files() -> list[Path]:
    """Generated tables that belong to packs (``rules/*.tsv``, e.g. the drug table)."""
    return sorted(packs_dir().glob("*.tsv"))


def fingerprint() -> str:
    """A digest of every pack's content, for cache keys."""
    h = hashlib.sha256()
    for p in [*builtin_pack_files(), *builtin_table_files(), *_EXTRA]:
        h.update(str(p.name).encode())
        try:
            h.update(p.read_bytes())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()[:16]


def terms(pack: str, key: str = "terms") -> list[str]:
    """A flat list of strings from a pack key; entries may be strings or mappings with ``term``."""
    out: list[str] = []
    for item in load(pack).get(key) or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and "term" in item:
            out.append(str(item["term"]))
    return out


def scoped_regex(pattern: str) -> str:
    """Turn a pack regex with leading inline flags (``(?i)…``) into a group usable inside
    an alternation (``(?i:…)``)."""
    import re

    m = re.match(r"^\(\?([aiLmsux]+)\)", pattern)
    if m:
        return f"(?{m.group(1)}:{pattern[m.end() :]})"
    return f"(?:{pattern})"


def _validated_dir() -> Path:
    """Where :func:`validate_builtin_packs` records the built-in packs that passed."""
    return _cache_home() / "validated-packs"


def _validation_key(files: list[Path]) -> str:
    """A digest of everything the result of validating ``files`` depends on: their names
    and bytes, the schemas' source, medlint's version and the parser/validator versions."""
    from importlib.util import find_spec

    from medlint import __version__

    h = hashlib.sha256(f"medlint={__version__}\n".encode())
    # the installed pydantic (whose version pins pydantic-core's) and PyYAML, by the files
    # that carry their version strings (importlib.metadata costs more than it saves)
    for mod, name in (("pydantic", "version.py"), ("yaml", "__init__.py")):
        spec = find_spec(mod)
        origin = spec.origin if spec is not None else None
        try:
            h.update(Path(origin).with_name(name).read_bytes() if origin else b"?")
        except OSError:
            h.update(b"?")
    for src in (Path(__file__).with_name("pack_schemas.py"), Path(__file__)):
        try:
            h.update(src.read_bytes())
        except OSError:
            h.update(b"missing")
    for p in files:
        h.update(f"\0{p.name}\0".encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def validated_stamp() -> Path | None:
    """The record that the built-in packs, as they are now, passed validation: an empty
    file named by :func:`_validation_key` under the user's cache folder, or None when the
    packs or the folder cannot be named (then validate every time).  See
    :func:`medlint.discovery.validate_builtin_packs`."""
    try:
        return _validated_dir() / _validation_key(builtin_pack_files())
    except (OSError, RuntimeError):  # a pack that cannot be read, or no home folder
        return None


def record_validated(stamp: Path) -> None:
    """Record a pass (call only after validating); a folder that cannot be written is
    ignored."""
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        pass
