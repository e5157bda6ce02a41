"""Rule registration and discovery.

A rule is a code, a name, a default severity, its documentation, options with
defaults and a check function.  Built-in rules live in ``medlint/checks/`` (a
package per rule group, a module per rule) and register themselves with the :func:`rule` decorator;
declarative rules come from YAML packs; third-party rules come from the
``medlint.plugins`` entry-point group (an entry point may name a module, whose
import registers rules, or a callable returning an iterable of :class:`Rule`).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from medlint.context import Context
    from medlint.findings import Finding
    from medlint.matching import Needs

CheckFn = Callable[["Context"], Iterable["Finding"]]
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
ENTRY_POINT_GROUP = "medlint.plugins"


@dataclass
class Option:
    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    check: CheckFn
    rationale: str = ""
    source: str = ""  # the standard the rule comes from
    options: dict[str, Option] = field(default_factory=dict)
    bad: str = ""  # example that fires
    good: str = ""  # example that does not
    fix: str = ""  # how to fix it, in words
    fixable: bool = False
    origin: str = "builtin"  # builtin | pack:<file> | plugin:<dist>
    needs: Needs | None = None  # what the rule asks of the engine's matching layer

    @property
    def group(self) -> str:
        return self.code.rstrip("0123456789")[:1] or self.code[:1]

    def defaults(self) -> dict[str, Any]:
        return {k: v.default for k, v in self.options.items()}


class RegistryError(Exception):
    pass


class Registry:
    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.plugin_errors: list[str] = []

    def add(self, r: Rule) -> Rule:
        if not CODE_RE.match(r.code):
            raise RegistryError(f"rule code {r.code!r} must be letters followed by three digits")
        other = self.rules.get(r.code)
        if other is not None and other.origin != r.origin:
            raise RegistryError(
                f"rule code {r.code} from {r.origin} is already used by {other.origin}"
            )
        for existing in self.rules.values():
            if existing.name == r.name and existing.code != r.code:
                raise RegistryError(f"rule name {r.name!r} is used by {existing.code} and {r.code}")
        self.rules[r.code] = r
        return r

    def add_user_packs(self, paths: list[Path]) -> None:
        """Add the declarative rules of user packs (config ``packs:``); a bad pack raises
        :class:`medlint.packs.PackError`."""
        from medlint.checks.declarative import add_user_pack_rules

        add_user_pack_rules(self, paths)

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        for r in self.rules.values():
            if r.name == key:
                return r
        return None

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def expand(self, selector: str) -> list[str]:
        """Codes a selector means: ``ALL``, a code, a prefix (``C4``, ``C``) or a rule name."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return sorted(self.rules)
        r = self.get(sel)
        if r is not None:
            return [r.code]
        up = sel.upper()
        if re.fullmatch(r"[A-Z]+[0-9]{0,2}", up):
            return sorted(c for c in self.rules if c.startswith(up))
        return []


_REGISTRY: Registry | None = None
_BUILTIN: list[Rule] = []  # rules of medlint.checks modules, recorded once at import
_PENDING: list[Rule] = []  # rules decorated elsewhere before the registry was built


def rule(
    code: str,
    name: str,
    severity: str,
    summary: str,
    *,
    rationale: str = "",
    source: str = "",
    options: dict[str, Option] | None = None,
    bad: str = "",
    good: str = "",
    fix: str = "",
    fixable: bool = False,
    needs: Needs | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Decorator registering a check function as a rule."""

    def deco(fn: CheckFn) -> CheckFn:
        module = getattr(fn, "__module__", "") or ""
        origin = "builtin" if module.startswith("medlint.") else f"plugin:{module}"
        r = Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            check=fn,
            rationale=rationale,
            source=source,
            options=options or {},
            bad=bad,
            good=good,
            fix=fix,
            fixable=fixable,
            origin=origin,
            needs=needs,
        )
        if origin == "builtin":
            _BUILTIN.append(r)
        if _REGISTRY is not None:
            _REGISTRY.add(r)
        elif origin != "builtin":
            _PENDING.append(r)
        return fn

    return deco


def _load_plugins(reg: Registry) -> None:
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            obj = ep.load()
            if callable(obj) and not isinstance(obj, type(sys)):
                produced = obj()
                for r in produced or ():
                    if isinstance(r, Rule):
                        if r.origin == "builtin":
                            r.origin = f"plugin:{ep.name}"
                        reg.add(r)
        except Exception as exc:  # a broken plugin must not break medlint
            reg.plugin_errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}")


def get_registry() -> Registry:
    """The process-wide registry with built-in, pack and plugin rules loaded."""
    global _REGISTRY
    if _REGISTRY is not None:
        return _REGISTRY
    import medlint.checks as checks_pkg

    # importing a rule module registers its rules (in _BUILTIN); a module imported before
    # is not imported again, so its rules are taken from _BUILTIN
    for mod in sorted(
        pkgutil.walk_packages(checks_pkg.__path__, "medlint.checks."), key=lambda m: m.name
    ):
        importlib.import_module(mod.name)
    reg = Registry()
    for r in [*_BUILTIN, *_PENDING]:
        reg.add(r)
    _PENDING.clear()
    _REGISTRY = reg
    from medlint.checks.declarative import load_declarative_rules

    for r in load_declarative_rules():
        reg.add(r)
    _load_plugins(reg)
    return reg


def reset_registry() -> None:
    """Forget pack and plugin rules (tests use it after registering plugins); the next
    :func:`get_registry` builds the registry again from the built-in rules."""
    global _REGISTRY
    _REGISTRY = None
