"""Configuration: ``[tool.medlint]`` in pyproject.toml or ``.medlint.yaml``.

Every key is validated; an unknown key, code or value raises :class:`ConfigError`
naming the file, the key and the nearest valid spelling.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from medlint.findings import SEVERITIES
from medlint.packs import PackError, set_extra_packs

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
)


class ConfigError(Exception):
    def __init__(self, path: str, key: str, message: str, suggestion: str | None = None) -> None:
        self.path = path
        self.key = key
        self.message = message
        self.suggestion = suggestion
        text = f"{path}: {key}: {message}"
        if suggestion:
            text += f" (did you mean '{suggestion}'?)"
        super().__init__(text)


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
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    packs: list[Path] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_METADATA))
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    require_reason: bool = False
    date_order: str = "month-first"
    cache_dir: str = ".medlint_cache"
    unsafe_fixes: bool = False  # --fix also applies the fixes rules are not sure of
    source: str | None = None  # the config file
    root: Path = field(default_factory=Path.cwd)  # the directory globs are relative to

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
        }
        return yaml.safe_dump(d, sort_keys=True)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default cwd) upward."""
    cur = (start or Path.cwd()).resolve()
    for d in [cur, *cur.parents]:
        for name in CONFIG_FILES:
            p = d / name
            if p.is_file():
                if name == "pyproject.toml":
                    try:
                        data = tomllib.loads(p.read_text(encoding="utf-8"))
                    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                        continue
                    if "medlint" not in data.get("tool", {}):
                        continue
                return p
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ConfigError(name, "(file)", "config file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(name, "(file)", f"cannot read config file: {exc}") from exc
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(name, "(toml)", f"invalid TOML: {exc}") from exc
        section = data.get("tool", {}).get("medlint", {})
        if not isinstance(section, dict):
            raise ConfigError(name, "tool.medlint", "must be a table")
        return section
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
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
    known = [r.code for r in registry] + [r.name for r in registry]
    for v in values:
        if not registry.expand(v):
            raise ConfigError(name, key, f"unknown rule code or name {v!r}", suggest(v, known))


def _parse_date(name: str, key: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(name, key, f"expected a date YYYY-MM-DD, got {value!r}") from exc


def _check_option(name: str, key: str, value: Any, default: Any, choices: Any) -> Any:
    if choices is not None:
        if value not in choices:
            raise ConfigError(
                name,
                key,
                f"must be one of {', '.join(map(str, choices))}, got {value!r}",
                suggest(str(value), [str(c) for c in choices]),
            )
        return value
    ok: bool
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    else:
        ok = True
    if not ok:
        raise ConfigError(
            name, key, f"expected {type(default).__name__} like {default!r}, got {value!r}"
        )
    return value


def build_settings(
    raw: dict[str, Any], registry: Registry, source: str | None, root: Path
) -> Settings:
    """Validated settings from a config mapping (``source`` names the file in errors).

    User packs are read first: their declarative rules are added to ``registry`` (through
    :func:`medlint.declarative.add_user_pack_rules`), so the selectors may name them.
    """
    name = source or "(command line)"
    s = Settings(source=source, root=root)
    _check_top_keys(name, raw)
    if "packs" in raw:
        s.packs = _user_packs(name, raw["packs"], registry, Path(source).parent if source else root)
    for section in _SECTIONS:
        section(s, raw, name, registry)
    return s


def _check_top_keys(name: str, raw: dict[str, Any]) -> None:
    for key in raw:
        if key not in TOP_KEYS:
            norm = key.replace("_", "-")
            hint = norm if norm in TOP_KEYS else suggest(key, TOP_KEYS)
            raise ConfigError(name, key, "unknown configuration key", hint)


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


# Each section reads its keys of the raw config into the settings, in this order (the
# first error found is the one reported).
Section = Callable[[Settings, dict[str, Any], str, "Registry"], None]


def _selectors(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    for key, attr in (
        ("select", "select"),
        ("ignore", "ignore"),
        ("extend-select", "extend_select"),
        ("extend-ignore", "ignore"),
    ):
        if key in raw:
            vals = _str_list(name, key, raw[key])
            _check_selectors(name, key, vals, registry)
            if attr == "ignore":
                s.ignore.extend(vals)
            else:
                setattr(s, attr, vals)


def _per_file_ignores(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    if "per-file-ignores" not in raw:
        return
    pfi = raw["per-file-ignores"]
    if not isinstance(pfi, dict):
        raise ConfigError(name, "per-file-ignores", "expected a mapping of glob → codes")
    for glob, codes in pfi.items():
        k = f"per-file-ignores.{glob}"
        vals = _str_list(name, k, codes)
        _check_selectors(name, k, vals, registry)
        s.per_file_ignores[str(glob)] = vals


def _level(name: str, key: str, value: Any, message: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(name, key, message, suggest(str(value), SEVERITIES))
    return str(value)


def _severity(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    if "severity" not in raw:
        return
    sev = raw["severity"]
    if not isinstance(sev, dict):
        raise ConfigError(name, "severity", "expected a mapping of code → level")
    for sel, level in sev.items():
        k = f"severity.{sel}"
        _check_selectors(name, k, [str(sel)], registry)
        s.severity[str(sel)] = _level(
            name, k, level, f"level must be one of {', '.join(SEVERITIES)}"
        )


def _fail_on_and_today(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    if "fail-on" in raw:
        s.fail_on = _level(
            name, "fail-on", raw["fail-on"], f"must be one of {', '.join(SEVERITIES)}"
        )
    if "today" in raw:
        s.today = _parse_date(name, "today", raw["today"])


def _files(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    """exclude, extend-exclude, the true/false switches, date-order and cache-dir."""
    for key in ("exclude", "extend-exclude"):
        if key in raw:
            s.exclude.extend(_str_list(name, key, raw[key]))
    for key, attr in (
        ("respect-gitignore", "respect_gitignore"),
        ("require-reason", "require_reason"),
        ("unsafe-fixes", "unsafe_fixes"),
    ):
        if key in raw:
            if not isinstance(raw[key], bool):
                raise ConfigError(name, key, f"expected true or false, got {raw[key]!r}")
            setattr(s, attr, raw[key])
    if "date-order" in raw:
        s.date_order = _check_option(
            name, "date-order", raw["date-order"], "month-first", ("month-first", "day-first")
        )
    if "cache-dir" in raw:
        if not isinstance(raw["cache-dir"], str):
            raise ConfigError(name, "cache-dir", "expected a path")
        s.cache_dir = raw["cache-dir"]


def _metadata(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    if "metadata" not in raw:
        return
    md = raw["metadata"]
    if not isinstance(md, dict):
        raise ConfigError(name, "metadata", "expected a mapping")
    for k, v in md.items():
        if k not in DEFAULT_METADATA:
            raise ConfigError(
                name,
                f"metadata.{k}",
                "unknown metadata field",
                suggest(str(k), list(DEFAULT_METADATA)),
            )
        s.metadata[k] = _str_list(name, f"metadata.{k}", v)


def _rules(s: Settings, raw: dict[str, Any], name: str, registry: Registry) -> None:
    if "rules" not in raw:
        return
    rules = raw["rules"]
    if not isinstance(rules, dict):
        raise ConfigError(name, "rules", "expected a mapping of rule code → options")
    for sel, opts in rules.items():
        r = registry.get(str(sel))
        if r is None:
            raise ConfigError(
                name,
                f"rules.{sel}",
                "unknown rule code or name",
                suggest(str(sel), [x.code for x in registry] + [x.name for x in registry]),
            )
        if not isinstance(opts, dict):
            raise ConfigError(name, f"rules.{sel}", "expected a mapping of option → value")
        checked = {
            opt: _rule_option(name, r, f"rules.{sel}.{opt}", opt, val) for opt, val in opts.items()
        }
        s.rules.setdefault(r.code, {}).update(checked)


def _rule_option(name: str, r: Rule, key: str, opt: Any, value: Any) -> Any:
    if opt not in r.options:
        hint = suggest(str(opt), list(r.options))
        msg = f"{r.code} has no option {opt!r}" + (
            f"; its options are {', '.join(r.options)}" if r.options else "; it takes no options"
        )
        raise ConfigError(name, key, msg, hint)
    spec = r.options[opt]
    return _check_option(name, key, value, spec.default, spec.choices)


_SECTIONS: tuple[Section, ...] = (
    _selectors,
    _per_file_ignores,
    _severity,
    _fail_on_and_today,
    _files,
    _metadata,
    _rules,
)


def load_settings(
    registry: Registry, config_path: Path | None = None, start: Path | None = None
) -> Settings:
    path = config_path if config_path is not None else find_config(start)
    if path is None:
        return Settings(root=(start or Path.cwd()).resolve())
    raw = read_config_file(path)
    return build_settings(raw, registry, str(path), path.resolve().parent)
