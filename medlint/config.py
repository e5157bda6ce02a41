"""Configuration: ``[tool.medlint]`` in pyproject.toml or ``.medlint.yaml``.

Every key is validated; an unknown key, code or value raises :class:`ConfigError`
naming the file, the key and the nearest valid spelling.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from medlint.findings import SEVERITIES
from medlint.packs import PackError, set_extra_packs
from medlint.walk import DEFAULT_EXCLUDE

if TYPE_CHECKING:  # pragma: no cover
    from medlint.registry import Registry, Rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = (".medlint.yaml", ".medlint.yml", "pyproject.toml")

DEFAULT_METADATA: dict[str, list[str]] = {
    "reviewer": ["medically_reviewed_by", "reviewed_by", "reviewer", "medical_reviewer"],
    "review-date": [
        "review_date",
        "last_reviewed",
        "reviewed",
        "date_reviewed",
        "reviewed_on",
        "updated",
        "last_updated",
        "date",
    ],
    "author": ["author", "authors", "by", "byline", "written_by"],
    "prose-keys": ["title", "description"],
}

TOP_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "extend-ignore",
    "per-file-ignores",
    "severity",
    "fail-on",
    "today",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "packs",
    "metadata",
    "rules",
    "require-reason",
    "date-order",
    "cache-dir",
    "unsafe-fixes",
    "min-severity",
    "allow-empty",
    "vale-config",
    "kinds",
)


class ConfigError(Exception):
    """One bad key (``path``, ``key``, ``message``); ``errors`` lists every error found in the
    file when there were several (``str()`` then has one line per error, the first is this)."""

    def __init__(self, path: str, key: str, message: str, suggestion: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        self.suggestion = suggestion
        self.errors: list[ConfigError] = [self]
        super().__init__(self.line)

    @property
    def line(self) -> str:
        text = f"{self.path}: {self.key}: {self.message}"
        if self.suggestion:
            text += f" (did you mean '{self.suggestion}'?)"
        return text

    @classmethod
    def combined(cls, errors: list[ConfigError]) -> ConfigError:
        first = errors[0]
        err = cls(first.path, first.key, first.message, first.suggestion)
        err.errors = list(errors)
        err.args = ("\n".join(e.line for e in errors),)
        return err


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    got = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    if got:
        return got[0]
    low = {c.lower(): c for c in choices}
    return low.get(word.lower())


@dataclass
class Settings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    today: dt.date | None = None
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    respect_gitignore: bool = True
    packs: list[Path] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_METADATA))
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    require_reason: bool = False
    date_order: str = "month-first"
    cache_dir: str = ".medlint_cache"
    unsafe_fixes: bool = False  # --fix also applies the fixes rules are not sure of
    min_severity: str = "info"  # findings below it are neither printed nor counted
    allow_empty: bool = False  # a named path without a lintable file is not an error
    kinds: dict[str, str] = field(default_factory=dict)  # path glob -> article kind
    source: str | None = None  # the config file
    root: Path = field(default_factory=Path.cwd)  # the directory globs are relative to
    vale_config: Path | None = None  # the .vale.ini whose styles run (docs/vale.md)
    vale_digest: str = ""  # of that configuration and its styles (cache keys)
    vale_accept: tuple[str, ...] = ()  # its vocabulary's accepted words, for medlint's rules

    def clock(self) -> dt.date:
        return self.today or dt.date.today()

    def raw_for_cache(self) -> str:
        """A stable text of everything that can change findings (for cache keys)."""
        d = {
            "select": self.select,
            "ignore": self.ignore,
            "extend_select": self.extend_select,
            "per_file_ignores": self.per_file_ignores,
            "severity": self.severity,
            "today": self.clock().isoformat(),
            "packs": [str(p) for p in self.packs],
            "metadata": self.metadata,
            "rules": self.rules,
            "require_reason": self.require_reason,
            "date_order": self.date_order,
            "kinds": self.kinds,
        }
        if self.vale_config is not None:
            d["vale"] = [str(self.vale_config), self.vale_digest]
        return yaml.safe_dump(d, sort_keys=True)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default cwd) upward."""
    cur = (start or Path.cwd()).resolve()
    for d in [cur, *cur.parents]:
        for name in CONFIG_FILES:
            p = d / name
            if p.is_file():
                if name == "pyproject.toml":
                    # a broken pyproject.toml may hold the [tool.medlint] section: never
                    # skip it for a config further up (ConfigError naming the file)
                    data = _read_toml(p)
                    tool = data.get("tool", {})
                    if not isinstance(tool, dict) or "medlint" not in tool:
                        continue
                return p
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, "(file)", f"cannot read config file: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, "(toml)", f"invalid TOML: {exc}") from exc


class _Loader(yaml.SafeLoader):
    """Safe YAML where dates stay text: a value that looks like a date but is none
    (``2026-13-23``) is then a :class:`ConfigError` of its key, not a crash of the loader."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def read_config_file(path: Path) -> dict[str, Any]:
    name = str(path)
    if not path.exists():
        raise ConfigError(name, "(file)", "config file not found")
    if path.suffix == ".toml":
        data = _read_toml(path)
        tool = data.get("tool", {})
        section = tool.get("medlint", {}) if isinstance(tool, dict) else None
        if not isinstance(section, dict):
            raise ConfigError(name, "tool.medlint", "must be a table")
        return section
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, "(file)", f"cannot read config file: {exc}") from exc
    try:
        loaded = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise ConfigError(name, "(yaml)", f"invalid YAML: {exc}") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(name, "(top)", "the config must be a mapping of keys to values")
    return loaded


def _str_list(name: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(name, key, f"expected a list of strings, got {value!r}")


def _check_selectors(
    name: str, key: str, values: list[str], registry: Registry, allow_x: bool = True
) -> None:
    """Every selector names a loaded rule: a code, prefix, name, ``Style`` or ``Style.Rule``
    (a style's rules must be in the registry before this runs)."""
    for v in values:
        if not registry.expand(v):
            raise ConfigError(
                name,
                key,
                f"unknown rule code or name {v!r}",
                suggest(v, registry.known_selectors()),
            )


def _parse_date(name: str, key: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ConfigError(name, key, f"expected a date YYYY-MM-DD, got {value!r}") from exc


def _type_ok(value: Any, default: Any) -> tuple[bool, Any]:
    """Whether ``value`` has the type of ``default`` (an int is a float), and the value."""
    if isinstance(default, bool):
        return isinstance(value, bool), value
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool), value
    if isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok, (float(value) if ok else value)
    for kind in (str, list, dict):
        if isinstance(default, kind):
            return isinstance(value, kind), value
    return True, value


def range_text(low: Any, high: Any) -> str:
    """``between 0 and 1``, ``at least 1``, ``at most 5`` (for messages and ``medlint rule``)."""
    if low is not None and high is not None:
        return f"between {low} and {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}"


def _check_range(name: str, key: str, value: Any, low: Any, high: Any, finite: bool = True) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return
    if finite and isinstance(value, float) and not math.isfinite(value):
        allowed = f" {range_text(low, high)}" if low is not None or high is not None else ""
        raise ConfigError(name, key, f"must be a finite number{allowed}, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(name, key, f"must be {range_text(low, high)}, got {value!r}")


def _check_option(
    name: str,
    key: str,
    value: Any,
    default: Any,
    choices: Any,
    low: Any = None,
    high: Any = None,
    finite: bool = True,
) -> Any:
    if choices is not None:
        if value not in choices:
            raise ConfigError(
                name,
                key,
                f"must be one of {', '.join(map(str, choices))}, got {value!r}",
                suggest(str(value), [str(c) for c in choices]),
            )
        return value
    ok, value = _type_ok(value, default)
    if not ok:
        raise ConfigError(
            name, key, f"expected {type(default).__name__} like {default!r}, got {value!r}"
        )
    _check_range(name, key, value, low, high, finite)
    return value


class _Errors:
    """Collects the errors of one config file, so all are reported at once."""

    def __init__(self) -> None:
        self.found: list[ConfigError] = []

    @contextmanager
    def key(self) -> Iterator[None]:
        try:
            yield
        except ConfigError as exc:
            self.found.extend(exc.errors)


def build_settings(
    raw: dict[str, Any], registry: Registry, source: str | None, root: Path
) -> Settings:
    """Validated settings from a config mapping (``source`` names the file in errors).

    User packs are read first: their declarative rules are added to ``registry`` (through
    :func:`medlint.declarative.add_user_pack_rules`), so the selectors may name them.
    Every error of the mapping is collected: one :class:`ConfigError` lists them all.
    """
    name = source or "(command line)"
    s = Settings(source=source, root=root)
    errs = _Errors()
    _check_top_keys(name, raw, errs)
    if "packs" in raw:
        with errs.key():
            s.packs = _user_packs(
                name, raw["packs"], registry, Path(source).parent if source else root
            )
    if "vale-config" in raw:
        with errs.key():
            _vale_config(
                s, name, raw["vale-config"], registry, Path(source).parent if source else root
            )
    for section in _SECTIONS:
        section(s, raw, name, registry, errs)
    if errs.found:
        raise ConfigError.combined(errs.found)
    return s


def _check_top_keys(name: str, raw: dict[str, Any], errs: _Errors) -> None:
    for key in raw:
        if key not in TOP_KEYS:
            norm = str(key).replace("_", "-")
            hint = norm if norm in TOP_KEYS else suggest(str(key), TOP_KEYS)
            with errs.key():
                raise ConfigError(name, str(key), "unknown configuration key", hint)


def _vale_config(s: Settings, name: str, value: Any, registry: Registry, base: Path) -> None:
    """``vale-config``: a ``.vale.ini`` to load (``false``: none, not even one found)."""
    if value is False:
        s.vale_config = None
        return
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(name, "vale-config", "expected the path of a .vale.ini, or false")
    path = (base / value).resolve()
    if path.is_dir():
        raise ConfigError(name, "vale-config", f"{path} is a folder: name the .vale.ini in it")
    if not path.is_file():
        raise ConfigError(name, "vale-config", f"Vale configuration {path} does not exist")
    use_vale_config(s, registry, path)


def use_vale_config(s: Settings, registry: Registry, path: Path) -> None:
    """Load a Vale configuration's styles into ``registry`` (medlint.vale)."""
    from medlint.vale.ini import ValeConfigError
    from medlint.vale.registration import digest, register
    from medlint.vale.vocab import accepted_words

    try:
        project = register(registry, path)
    except ValeConfigError as exc:
        raise ConfigError(exc.path, exc.key, exc.message) from exc
    s.vale_config, s.vale_digest = path, digest(path)
    s.vale_accept = tuple(accepted_words(project.vocab))


def _user_packs(name: str, value: Any, registry: Registry, base: Path) -> list[Path]:
    paths = [(base / p).resolve() for p in _str_list(name, "packs", value)]
    for p in paths:
        if not p.is_file():
            raise ConfigError(name, "packs", f"pack file {p} does not exist")
    set_extra_packs(paths)
    from medlint.declarative import add_user_pack_rules

    try:
        add_user_pack_rules(registry, paths)
    except PackError as exc:
        raise ConfigError(exc.path, exc.key, exc.message) from exc
    return paths


# Each section reads its keys of the raw config into the settings, in this order; an error
# is collected (``errs.key()``) and the next key is read.
Section = Callable[[Settings, dict[str, Any], str, "Registry", _Errors], None]


def _selectors(
    s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors
) -> None:
    for key, attr in (
        ("select", "select"),
        ("ignore", "ignore"),
        ("extend-select", "extend_select"),
        ("extend-ignore", "ignore"),
    ):
        if key in raw:
            with errs.key():
                vals = _str_list(name, key, raw[key])
                _check_selectors(name, key, vals, registry)
                if attr == "ignore":
                    s.ignore.extend(vals)
                else:
                    setattr(s, attr, vals)


def _per_file_ignores(
    s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors
) -> None:
    if "per-file-ignores" not in raw:
        return
    pfi = raw["per-file-ignores"]
    if not isinstance(pfi, dict):
        with errs.key():
            raise ConfigError(name, "per-file-ignores", "expected a mapping of glob → codes")
        return
    for glob, codes in pfi.items():
        k = f"per-file-ignores.{glob}"
        with errs.key():
            vals = _str_list(name, k, codes)
            _check_selectors(name, k, vals, registry)
            s.per_file_ignores[str(glob)] = vals


def _level(name: str, key: str, value: Any, message: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(name, key, message, suggest(str(value), SEVERITIES))
    return str(value)


def _severity(
    s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors
) -> None:
    if "severity" not in raw:
        return
    sev = raw["severity"]
    if not isinstance(sev, dict):
        with errs.key():
            raise ConfigError(name, "severity", "expected a mapping of code → level")
        return
    for sel, level in sev.items():
        k = f"severity.{sel}"
        with errs.key():
            _check_selectors(name, k, [str(sel)], registry)
            s.severity[str(sel)] = _level(
                name, k, level, f"level must be one of {', '.join(SEVERITIES)}"
            )


def _levels_and_today(
    s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors
) -> None:
    """fail-on, min-severity and today."""
    for key, attr in (("fail-on", "fail_on"), ("min-severity", "min_severity")):
        if key in raw:
            with errs.key():
                setattr(
                    s, attr, _level(name, key, raw[key], f"must be one of {', '.join(SEVERITIES)}")
                )
    if "today" in raw:
        with errs.key():
            s.today = _parse_date(name, "today", raw["today"])


def _files(s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors) -> None:
    """exclude (replaces the default excludes), extend-exclude, the true/false switches,
    date-order and cache-dir."""
    if "exclude" in raw:
        with errs.key():
            s.exclude = _str_list(name, "exclude", raw["exclude"])
    if "extend-exclude" in raw:
        with errs.key():
            s.exclude.extend(_str_list(name, "extend-exclude", raw["extend-exclude"]))
    for key, attr in (
        ("respect-gitignore", "respect_gitignore"),
        ("require-reason", "require_reason"),
        ("unsafe-fixes", "unsafe_fixes"),
        ("allow-empty", "allow_empty"),
    ):
        if key in raw:
            with errs.key():
                if not isinstance(raw[key], bool):
                    raise ConfigError(name, key, f"expected true or false, got {raw[key]!r}")
                setattr(s, attr, raw[key])
    if "date-order" in raw:
        with errs.key():
            s.date_order = _check_option(
                name, "date-order", raw["date-order"], "month-first", ("month-first", "day-first")
            )
    if "cache-dir" in raw:
        with errs.key():
            if not isinstance(raw["cache-dir"], str) or not raw["cache-dir"].strip():
                raise ConfigError(name, "cache-dir", "expected a path")
            s.cache_dir = raw["cache-dir"]


def _metadata(
    s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors
) -> None:
    if "metadata" not in raw:
        return
    md = raw["metadata"]
    if not isinstance(md, dict):
        with errs.key():
            raise ConfigError(name, "metadata", "expected a mapping")
        return
    for k, v in md.items():
        with errs.key():
            if k not in DEFAULT_METADATA:
                raise ConfigError(
                    name,
                    f"metadata.{k}",
                    "unknown metadata field",
                    suggest(str(k), list(DEFAULT_METADATA)),
                )
            s.metadata[k] = _str_list(name, f"metadata.{k}", v)


def _rules(s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors) -> None:
    if "rules" not in raw:
        return
    rules = raw["rules"]
    if not isinstance(rules, dict):
        with errs.key():
            raise ConfigError(name, "rules", "expected a mapping of rule code → options")
        return
    for sel, opts in rules.items():
        with errs.key():
            r = registry.get(str(sel))
            if r is None:
                raise ConfigError(
                    name,
                    f"rules.{sel}",
                    "unknown rule code or name",
                    suggest(str(sel), registry.known_selectors()),
                )
            if not isinstance(opts, dict):
                raise ConfigError(name, f"rules.{sel}", "expected a mapping of option → value")
            for opt, val in opts.items():
                with errs.key():
                    checked = _rule_option(name, r, f"rules.{sel}.{opt}", opt, val)
                    s.rules.setdefault(r.code, {})[opt] = checked


def _rule_option(name: str, r: Rule, key: str, opt: Any, value: Any) -> Any:
    if opt not in r.options:
        hint = suggest(str(opt), list(r.options))
        msg = f"{r.code} has no option {opt!r}" + (
            f"; its options are {', '.join(r.options)}" if r.options else "; it takes no options"
        )
        raise ConfigError(name, key, msg, hint)
    spec = r.options[opt]
    return _check_option(
        name, key, value, spec.default, spec.choices, spec.min, spec.max, spec.finite
    )


def _kinds(s: Settings, raw: dict[str, Any], name: str, registry: Registry, errs: _Errors) -> None:
    """kinds: path glob → article kind (medlint.analysis.article_kind), for the N rules."""
    if "kinds" not in raw:
        return
    from medlint.analysis.article_kind import KINDS, normalize_kind

    value = raw["kinds"]
    if not isinstance(value, dict):
        with errs.key():
            raise ConfigError(name, "kinds", "expected a mapping of path glob → article kind")
        return
    for glob, kind in value.items():
        with errs.key():
            got = normalize_kind(kind)
            if got is None:
                raise ConfigError(
                    name,
                    f"kinds.{glob}",
                    f"unknown article kind {kind!r}; the kinds are {', '.join(KINDS)}",
                    suggest(str(kind), KINDS),
                )
            s.kinds[str(glob)] = got


_SECTIONS: tuple[Section, ...] = (
    _selectors,
    _per_file_ignores,
    _severity,
    _levels_and_today,
    _files,
    _metadata,
    _rules,
    _kinds,
)


def load_settings(
    registry: Registry, config_path: Path | None = None, start: Path | None = None
) -> Settings:
    path = config_path if config_path is not None else find_config(start)
    if path is None:
        s = Settings(root=(start or Path.cwd()).resolve())
        raw: dict[str, Any] = {}
    else:
        raw = read_config_file(path)
        s = build_settings(raw, registry, str(path), path.resolve().parent)
    if "vale-config" not in raw:  # no medlint config says otherwise: Vale's own search
        from medlint.vale.ini import find_config as find_vale_config

        found = find_vale_config(start or Path.cwd())
        if found is not None:
            use_vale_config(s, registry, found)
    return s
