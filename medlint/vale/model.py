"""What the Vale engine passes around: a rule's common definition (:class:`Definition`),
the text a rule runs on (:class:`Unit`), what a rule reports (:class:`Hit`, :class:`Alert`),
and the build-time context (:class:`BuildContext`).

Every rule type (``medlint/vale/rules/``) subclasses :class:`ValeRule` and implements
``run(unit, state)``, returning hits as offsets into ``unit.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from medlint.vale.patterns import PatternError, format_message, to_sentence

LEVELS = ("suggestion", "warning", "error")
LEVEL_RANK = {name: i for i, name in enumerate(LEVELS)}
# Vale's levels as medlint severities
SEVERITY = {"suggestion": "info", "warning": "warning", "error": "error"}


class RuleError(ValueError):
    """A rule definition Vale would refuse to load (its file and key in the message)."""


@dataclass
class BuildContext:
    """What building a rule needs besides its YAML: the accepted vocabulary (exceptions of
    every rule with ``vocab: true``), a custom word template, and the Vale version whose
    behaviour to follow where versions differ (see docs/vale.md, "Version drift")."""

    accepted: list[str] = field(default_factory=list)
    word_template: str = ""
    version: tuple[int, int] = (3, 15)


@dataclass
class Unit:
    """A piece of text a rule runs on, with its Vale scope.

    ``scope`` is Vale's block scope (``text.heading.h1.md``, ``sentence.md``,
    ``paragraph.md``, ``text.list.md``, ``raw``, ``summary``); ``parent`` the scope of the
    block it came from.  ``offsets[i]`` is the source offset of ``text[i]`` (one more entry
    for the end); None when the unit is the source itself (``raw``: offsets are indexes)
    or has no exact map (``summary``: ``lookup`` is set and hits are looked up)."""

    scope: str
    parent: str
    text: str
    offsets: list[int] | None = None
    lookup: bool = False

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of ``text[start:end]``."""
        if self.offsets is None:
            return start, end
        a = self.offsets[start]
        b = self.offsets[end - 1] + 1 if end > start else a
        return a, max(a, b)

    @property
    def sections(self) -> set[str]:
        return set(self.scope.split("."))

    @property
    def parent_sections(self) -> set[str]:
        return set(self.parent.split("."))


@dataclass
class Hit:
    """A match of a rule in a unit: ``unit.text[start:end]``, its message, and the
    replacements its action proposes (empty: no fix)."""

    start: int
    end: int
    message: str
    match: str = ""
    replacements: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Alert:
    """A positioned Vale alert (source offsets), as the engine reports it."""

    check: str
    level: str
    message: str
    start: int
    end: int
    match: str = ""
    link: str = ""
    description: str = ""
    replacements: list[str] = field(default_factory=list)
    action: str = ""


@dataclass
class FileState:
    """Per-file state some rule types keep across units (Vale's ``File.Sequences``)."""

    sequences: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)


class Scope:
    """A rule's ``scope``: any of its entries matches; an entry is ``&``-joined parts,
    each a dotted selector, ``~`` negating one (which then tests the unit's parent)."""

    def __init__(self, entries: list[str]) -> None:
        self.entries = [
            [
                (p.strip().startswith("~"), set(p.strip().lstrip("~").split(".")))
                for p in e.split("&")
            ]
            for e in entries
        ]
        self.names = {sec for e in self.entries for _, secs in e for sec in secs}
        self._known: dict[tuple[str, str], bool] = {}

    def matches(self, unit: Unit) -> bool:
        """Vale's ``Scope.Matches`` (remembered per unit scope and parent)."""
        key = (unit.scope, unit.parent)
        got = self._known.get(key)
        if got is None:
            got = self._known[key] = self._matches(
                set(unit.scope.split(".")), set(unit.parent.split("."))
            )
        return got

    def _matches(self, target: set[str], parent: set[str]) -> bool:
        for parts in self.entries:
            ok = True
            for negated, secs in parts:
                if negated and not secs <= parent:
                    if "raw" in target or "summary" in target:
                        ok = False
                        break
                elif (not negated and not secs <= target) or (negated and secs <= parent):
                    ok = False
                    break
            if ok:
                return True
        return False


# scopes Vale 3 refuses (inline markup: use `raw`); any other name is accepted and simply
# matches nothing when medlint has no such block (e.g. `python` for code comments)
INLINE_SCOPES = ("code", "link", "strong", "emphasis")
COMMON_KEYS = frozenset(
    {"extends", "message", "name", "level", "scope", "link", "description", "action",
     "limit", "selector", "code"}
)  # fmt: skip


def as_list(value: Any) -> list[str]:
    """A YAML scalar or list as a list of strings (Vale decodes weakly)."""
    if value is None:
        return []
    if isinstance(value, list):
        return ["" if v is None else str(v) for v in value]
    return [str(value)]


def number(name: str, defn: dict[str, Any], key: str, kind: type[int] | type[float] = int) -> Any:
    """A numeric key of a rule (``max``, ``limit``…; 0 when absent), or a
    :class:`RuleError` naming the key (Vale refuses such a rule)."""
    value = defn.get(key) or 0
    try:
        if isinstance(value, bool) or (kind is int and isinstance(value, float)):
            raise ValueError
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        raise RuleError(f"{name}: '{key}' must be a number, not {value!r}") from None


def check_scopes(name: str, scopes: list[str]) -> None:
    """Vale 3.15's ``checkScopes``: inline scopes are refused, and so are spaces."""
    for s in scopes:
        if "&" in s:
            continue
        base = s.strip().lstrip("~").split(".")[0]
        if base in INLINE_SCOPES:
            raise RuleError(f"{name}: scope '{base}' is no longer supported; use 'raw' instead")
        if " " in base:
            raise RuleError(f"{name}: scope '{base}' contains spaces")


def read_action(action: Any) -> tuple[str, list[str]]:
    """An ``action`` mapping as its name and parameters."""
    if not isinstance(action, dict):
        return "", []
    params = action.get("params")
    return str(action.get("name") or ""), [str(p) for p in params] if isinstance(
        params, list
    ) else []


class ValeRule:
    """A loaded Vale rule.  Subclasses read their own keys in ``__init__`` and implement
    :meth:`run`."""

    extends: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset()
    default_scope: ClassVar[tuple[str, ...]] = ("text",)

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        self.name = name
        unknown = sorted(set(defn) - COMMON_KEYS - self.keys)
        if unknown:
            raise RuleError(f"{name}: unknown key(s) {', '.join(unknown)} for '{self.extends}'")
        self.message = str(defn.get("message") or "")
        self.description = str(defn.get("description") or "")
        self.link = str(defn.get("link") or "")
        self.level = str(defn.get("level") or "warning")
        if self.level not in LEVELS:
            raise RuleError(f"{name}: 'level' must be one of {list(LEVELS)}")
        self.limit = number(name, defn, "limit")
        scope = defn.get("scope") or list(self.default_scope)
        self.scope_list = [str(s) for s in (scope if isinstance(scope, list) else [scope])]
        check_scopes(name, self.scope_list)
        self.scope = Scope(self.scope_list)
        self.action_name, self.action_params = read_action(defn.get("action"))
        self.ctx = ctx

    def run(self, unit: Unit, state: FileState) -> list[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def needle_source(self) -> str | None:
        """The pattern every hit of this rule is a match of (its literals are a pre-filter:
        a unit that holds none of them gets no hit), or None when hits can come without
        one (see ``ValeProject.lint``)."""
        return None

    # -- helpers shared by the rule types -------------------------------------

    def fix_for(self, match: str) -> list[str]:
        """Vale's ``FixAlert`` for this rule's action (no action or a suggestion script:
        no replacements)."""
        return fix_alert(self.action_name, self.action_params, match)

    def hit(self, text: str, start: int, end: int) -> Hit:
        """Vale's ``makeAlert``: the message gets the match and, with an action, its
        replacement."""
        match = text[start:end]
        if self.action_name:
            fixed = self.fix_for(match)
            repl = match
            if len(fixed) == 1:
                repl = fixed[0]
            elif len(fixed) > 1:
                repl = to_sentence(fixed, "or")
            msg = format_message(self.message, match, repl)
            desc = format_message(self.description, match, repl)
            return Hit(start, end, msg, match, fixed, desc)
        msg = format_message(self.message, match)
        return Hit(start, end, msg, match, [], format_message(self.description, match))


def _go_replacement(repl: str) -> str:
    """Go's ``$1``/``${name}`` replacement syntax as Python's ``\\g<...>``."""
    return re.sub(r"\$\{?(\w+)\}?", r"\\g<\1>", repl.replace("\\", "\\\\"))


def fix_alert(action: str, params: list[str], match: str) -> list[str]:
    """The replacements Vale's actions compute (``edit``, ``replace``, ``remove``)."""
    if action == "replace":
        return list(params)
    if action == "remove":
        return [""]
    if action != "edit" or not params:
        return []
    kind, rest = params[0], params[1:]
    try:
        if kind == "regex" and len(rest) == 2:
            match = re.sub(rest[0], _go_replacement(rest[1]), match)
        elif kind == "trim_right" and len(rest) == 1:
            match = match.rstrip(rest[0])
        elif kind == "trim_left" and len(rest) == 1:
            match = match.lstrip(rest[0])
        elif kind == "trim" and len(rest) == 1:
            match = match.strip(rest[0])
        elif kind == "truncate" and len(rest) == 1:
            match = match.split(rest[0])[0]
        elif kind == "split" and len(rest) == 2:
            parts = match.split(rest[0])
            match = parts[int(rest[1])]
        else:
            return []
    except (re.error, ValueError, IndexError, PatternError):
        return []
    return [match.strip()]
