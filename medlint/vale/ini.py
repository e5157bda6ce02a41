"""``.vale.ini``: finding it where Vale does and reading the keys medlint follows.

Vale looks in the current folder and each parent for ``.vale.ini``, ``_vale.ini``,
``vale.ini``, ``.vale`` and ``_vale`` (its ``configNames`` order, nearest folder first).
Keys read: ``StylesPath``, ``MinAlertLevel``, ``Vocab``, ``WordTemplate``,
``IgnoredScopes``, ``SkippedScopes`` (core section); in glob sections (``[*]``,
``[*.md]``, ``[*.{md,txt}]``): ``BasedOnStyles``, ``Style.Rule = YES|NO|suggestion|
warning|error``, ``BlockIgnores``, ``TokenIgnores``.  Other keys (``Packages``,
``[formats]``, ``Transform``, ``Lang``…) are recorded in :attr:`ValeConfig.ignored`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from medlint.vale.patterns import PatternError, compile_pattern

CONFIG_NAMES = (".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini")
LEVELS = ("suggestion", "warning", "error")
CORE_LIST_KEYS = {"Vocab", "IgnoredScopes", "SkippedScopes", "IgnoredClasses"}
SECTION_LIST_KEYS = {"BasedOnStyles", "BlockIgnores", "TokenIgnores"}
_RULE_KEY = re.compile(r"^[^.\s]+\.[^\s]+$")


class ValeConfigError(ValueError):
    """A ``.vale.ini`` medlint cannot follow: the file, the key and why."""

    def __init__(self, path: Path | str, key: str, message: str) -> None:
        super().__init__(f"{path}: {key}: {message}")
        self.path, self.key, self.message = str(path), key, message


@dataclass
class Section:
    """A glob section: which files it covers and what it turns on or off there."""

    glob: str
    styles: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # Style.Rule -> YES|NO|level
    block_ignores: list[str] = field(default_factory=list)
    token_ignores: list[str] = field(default_factory=list)

    def matches(self, path: str) -> bool:
        return glob_matches(self.glob, path)


@dataclass
class ValeConfig:
    path: Path
    styles_path: Path
    min_alert_level: str = "suggestion"
    vocab: list[str] = field(default_factory=list)
    word_template: str = ""
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    global_rules: dict[str, str] = field(default_factory=dict)
    global_styles: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # keys read but not followed

    @property
    def root(self) -> Path:
        return self.path.parent

    def sections_for(self, path: str) -> list[Section]:
        """The sections whose glob covers ``path`` as given, normalised (``./docs/a.md``
        is ``docs/a.md``), or relative to the .vale.ini's folder (so ``[docs/*.md]``
        covers the file however the command line or the editor names it)."""
        names = {path, os.path.normpath(path)}
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if not rel.startswith(".."):
            names.add(rel)
        return [s for s in self.sections if any(s.matches(n) for n in names)]

    def all_styles(self) -> list[str]:
        out = list(self.global_styles)
        for s in self.sections:
            out.extend(x for x in s.styles if x not in out)
        return out

    def named_rules(self) -> list[str]:
        """Rules a section (or the core section) turns on by name somewhere."""
        out = [k for k, v in self.global_rules.items() if v != "NO"]
        for s in self.sections:
            out.extend(k for k, v in s.rules.items() if v != "NO" and k not in out)
        return out

    def all_rule_settings(self) -> dict[str, str]:
        """Every ``Style.Rule`` setting (Vale keeps one level per rule, the last one read)."""
        out = dict(self.global_rules)
        for s in self.sections:
            out.update(s.rules)
        return out


def find_config(start: Path) -> Path | None:
    """The configuration Vale would use from ``start`` (a folder): nearest folder first."""
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                return p
    return None


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _lines(text: str) -> list[tuple[int, str]]:
    """Logical lines: ``\"\"\"``-quoted values may span lines; comments dropped."""
    out: list[tuple[int, str]] = []
    raw = text.splitlines()
    i = 0
    while i < len(raw):
        line = raw[i].strip()
        n = i + 1
        if '"""' in line and line.count('"""') == 1:
            parts = [line.replace('"""', "")]
            i += 1
            while i < len(raw) and '"""' not in raw[i]:
                parts.append(raw[i].strip())
                i += 1
            if i < len(raw):
                parts.append(raw[i].replace('"""', "").strip())
            line = " ".join(p for p in parts if p)
        i += 1
        if not line or line[0] in "#;":
            continue
        out.append((n, line))
    return out


def parse_config(path: Path) -> ValeConfig:
    """Read a ``.vale.ini``; :class:`ValeConfigError` names the key medlint cannot follow."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValeConfigError(path, "(file)", f"cannot read: {exc}") from exc
    cfg = ValeConfig(path=path.resolve(), styles_path=path.resolve().parent)
    styles_path_set = False
    section: Section | None = None
    other_section = ""
    for lineno, line in _lines(text):
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if name in ("formats", "adoc", "asciidoctor"):
                section, other_section = None, name  # [formats] and the like: not followed
                cfg.ignored.append(f"[{name}]")
                continue
            section, other_section = Section(glob=name), ""
            cfg.sections.append(section)
            continue
        if "=" not in line:
            raise ValeConfigError(path, f"line {lineno}", f"expected 'key = value', found {line!r}")
        key, value = (x.strip() for x in line.split("=", 1))
        value = _strip_inline_comment(value)
        if other_section:
            continue
        if section is not None:
            _section_key(cfg, section, path, key, value)
        elif key == "StylesPath":
            cfg.styles_path = (cfg.root / value).resolve()
            styles_path_set = True
            if not cfg.styles_path.is_dir():
                raise ValeConfigError(path, key, f"the path '{value}' does not exist")
        else:
            _core_key(cfg, path, key, value)
    if not styles_path_set:
        cfg.styles_path = cfg.root / "styles" if (cfg.root / "styles").is_dir() else cfg.root
    return cfg


_CORE_LISTS = {
    "IgnoredScopes": "ignored_scopes",
    "SkippedScopes": "skipped_scopes",
    "IgnoredClasses": "ignored_classes",
}


def _core_key(cfg: ValeConfig, path: Path, key: str, value: str) -> None:
    """A key of the core section (before any ``[glob]``)."""
    if key == "MinAlertLevel":
        if value not in LEVELS:
            raise ValeConfigError(path, key, f"must be one of {', '.join(LEVELS)}, not {value!r}")
        cfg.min_alert_level = value
    elif key == "Vocab":
        cfg.vocab.extend(_split_list(value))
    elif key == "WordTemplate":
        cfg.word_template = value
    elif key in _CORE_LISTS:
        setattr(cfg, _CORE_LISTS[key], _split_list(value))
    elif key == "BasedOnStyles":
        cfg.global_styles.extend(_split_list(value))
    elif key in ("BlockIgnores", "IgnorePatterns", "TokenIgnores"):
        glob_all = next((s for s in cfg.sections if s.glob == "*"), None)
        if glob_all is None:  # Vale keeps these under the "*" section
            glob_all = Section(glob="*")
            cfg.sections.insert(0, glob_all)
        _section_key(cfg, glob_all, path, key, value)
    elif _RULE_KEY.match(key):
        cfg.global_rules[key] = _rule_value(path, key, value)
    else:
        cfg.ignored.append(key)


def _section_key(cfg: ValeConfig, section: Section, path: Path, key: str, value: str) -> None:
    """A key of a ``[glob]`` section."""
    if key == "BasedOnStyles":
        section.styles.extend(x for x in _split_list(value) if x not in section.styles)
    elif key in ("BlockIgnores", "IgnorePatterns"):  # IgnorePatterns: Vale's old name
        section.block_ignores.extend(_ignore_patterns(path, section, key, value))
    elif key == "TokenIgnores":
        section.token_ignores.extend(_ignore_patterns(path, section, key, value))
    elif _RULE_KEY.match(key):
        section.rules[key] = _rule_value(path, key, value)
    else:
        cfg.ignored.append(f"[{section.glob}] {key}")


def _ignore_patterns(path: Path, section: Section, key: str, value: str) -> list[str]:
    """The patterns of a ``BlockIgnores``/``TokenIgnores`` value; one that does not compile
    stops the run (as Vale refuses it) instead of being dropped without a word."""
    pats = _split_list(value)
    for pat in pats:
        try:
            compile_pattern(pat)
        except PatternError as exc:
            raise ValeConfigError(path, f"[{section.glob}] {key}", str(exc)) from None
    return pats


def _strip_inline_comment(value: str) -> str:
    for marker in (" #", " ;"):
        i = value.find(marker)
        if i != -1:
            value = value[:i].rstrip()
    return value


def _rule_value(path: Path, key: str, value: str) -> str:
    v = value.strip()
    if v.upper() in ("YES", "NO", "TRUE", "FALSE", "ON", "OFF"):
        return "YES" if v.upper() in ("YES", "TRUE", "ON") else "NO"
    if v in LEVELS:
        return v
    raise ValeConfigError(path, key, f"must be YES, NO or one of {', '.join(LEVELS)}, not {v!r}")


def _glob_regex(glob: str) -> str:
    out: list[str] = []
    i = 0
    depth = 0
    while i < len(glob):
        c = glob[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            j = glob.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = glob[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_matches(glob: str, path: str) -> bool:
    """Whether a section glob covers ``path`` (``*`` crosses folders, as in Vale)."""
    try:
        rx = re.compile(_glob_regex(glob) + r"\Z")
    except re.error:
        return False
    p = path.replace("\\", "/")
    return bool(rx.match(p) or rx.match(p.rsplit("/", 1)[-1]))
