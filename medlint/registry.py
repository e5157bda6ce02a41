"""Rules: what a rule is (:class:`Rule`, :class:`Option`), the :func:`rule` decorator that
registers a check function, and :class:`Registry`, the table of codes.

The process-wide registry is built by :mod:`medlint.discovery` (built-in rule modules,
pack rules, plugins); rule modules import only this module, never the discovery.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from medlint.context import Context
    from medlint.findings import Finding
    from medlint.matching import Needs

CheckFn = Callable[["Context"], Iterable["Finding"]]
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
ENTRY_POINT_GROUP = "medlint.plugins"


@dataclass
class Option:
    """A rule option: its default, help, and the values a configuration may give it
    (``choices``, or for numbers ``min``/``max`` inclusive; ``finite`` refuses NaN and
    infinities).  :mod:`medlint.config` checks configured values against them (exit 2)."""

    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None
    min: float | None = None
    max: float | None = None
    finite: bool = True


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


def current() -> Registry | None:
    """The process-wide registry once :func:`medlint.discovery.get_registry` built it."""
    return _REGISTRY


def set_current(reg: Registry | None) -> None:
    """Install (or, with None, forget) the process-wide registry (``medlint.discovery``)."""
    global _REGISTRY
    _REGISTRY = reg


def declared_rules() -> list[Rule]:
    """Rules registered by the decorator so far: built-in ones, then others not yet in a
    registry (handed over once: a plugin module's rules are added when it is loaded)."""
    got = [*_BUILTIN, *_PENDING]
    _PENDING.clear()
    return got
