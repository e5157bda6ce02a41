"""Rules: what a rule is (:class:`Rule`, :class:`Option`), the :func:`rule` decorator that
registers a check function, and :class:`Registry`, the table of codes.

The process-wide registry is built by :mod:`medlint.discovery` (built-in rule modules,
pack rules, plugins); rule modules import only this module, never the discovery.

Two kinds of code live in one registry:

* medlint codes: letters then three digits (``C401``), case-insensitive on input;
* style codes ``Style.Rule`` (``Microsoft.Contractions``): rules of a Vale style loaded for
  a run, case-sensitive as in Vale (``vale.Redundancy`` and ``Vale.Terms`` are different
  styles).  They are registered with :func:`add_style_rules` (see its docstring: the API
  for the Vale engine).  A style name (``Microsoft``) is a selector for all its rules;
  medlint's prefix selectors (``C4``, ``M``) never reach style rules.
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
# Style.Rule (a Vale style's rule): a style name and a rule name joined by one dot
STYLE_CODE_RE = re.compile(r"^\w[\w-]*\.\w[\w-]*$")
# Vale's levels → medlint's severities (Vale's "suggestion" is medlint's "info")
STYLE_LEVELS = {"suggestion": "info", "info": "info", "warning": "warning", "error": "error"}
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
    origin: str = "builtin"  # builtin | pack:<file> | plugin:<dist> | vale:<style>
    needs: Needs | None = None  # what the rule asks of the engine's matching layer
    link: str = ""  # a page that explains the rule (a Vale rule's ``link``)
    description: str = ""  # a Vale rule's ``description`` (``--format vale-json``)

    @property
    def style(self) -> str:
        """The style of a ``Style.Rule`` code (``Microsoft``), "" for a medlint code."""
        return style_of(self.code)

    @property
    def group(self) -> str:
        """The rule group: the code's letter (``C``), or a style rule's style."""
        if self.style:
            return self.style
        return self.code.rstrip("0123456789")[:1] or self.code[:1]

    def defaults(self) -> dict[str, Any]:
        return {k: v.default for k, v in self.options.items()}


class RegistryError(Exception):
    pass


def is_style_code(code: str) -> bool:
    """Whether ``code`` is a ``Style.Rule`` code (a Vale style's rule)."""
    return STYLE_CODE_RE.match(code) is not None


def style_of(code: str) -> str:
    """``Microsoft`` for ``Microsoft.Contractions``; "" for a medlint code such as C401."""
    return code.split(".", 1)[0] if is_style_code(code) else ""


class Registry:
    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.plugin_errors: list[str] = []
        self._styles: dict[str, list[str]] | None = None  # style → its codes (cache)

    def add(self, r: Rule) -> Rule:
        if not CODE_RE.match(r.code) and not is_style_code(r.code):
            raise RegistryError(
                f"rule code {r.code!r} must be letters followed by three digits "
                "(or Style.Rule for a Vale style's rule)"
            )
        other = self.rules.get(r.code)
        if other is not None and other.origin != r.origin:
            raise RegistryError(
                f"rule code {r.code} from {r.origin} is already used by {other.origin}"
            )
        for existing in self.rules.values():
            if existing.name == r.name and existing.code != r.code:
                raise RegistryError(f"rule name {r.name!r} is used by {existing.code} and {r.code}")
        self.rules[r.code] = r
        self._styles = None
        return r

    def remove(self, codes: Iterable[str]) -> None:
        """Forget these rules (a reloaded configuration drops the styles it no longer loads)."""
        for code in codes:
            self.rules.pop(code, None)
        self._styles = None

    def styles(self) -> dict[str, list[str]]:
        """Each loaded style (``Microsoft``) with its codes, sorted."""
        if self._styles is None:
            out: dict[str, list[str]] = {}
            for code in sorted(self.rules):
                style = style_of(code)
                if style:
                    out.setdefault(style, []).append(code)
            self._styles = out
        return self._styles

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key in self.rules:  # a Style.Rule code is case-sensitive, as in Vale
            return self.rules[key]
        up = key.upper()
        if up in self.rules and not is_style_code(up):
            return self.rules[up]
        for r in self.rules.values():
            if r.name == key:
                return r
        return None

    def __iter__(self) -> Iterator[Rule]:
        """medlint's rules by code, then style rules by code."""
        return iter(sorted(self.rules.values(), key=lambda r: (bool(r.style), r.code)))

    def __len__(self) -> int:
        return len(self.rules)

    def expand(self, selector: str) -> list[str]:
        """Codes a selector means: ``ALL``, a code, a prefix (``C4``, ``C``), a rule name, a
        style rule (``Microsoft.Contractions``) or a style (``Microsoft``: all its rules).
        A prefix matches medlint codes only, so ``M`` is never ``Microsoft``."""
        sel = selector.strip()
        if sel.upper() == "ALL":
            return sorted(self.rules)
        r = self.get(sel)
        if r is not None:
            return [r.code]
        out = list(self.styles().get(sel, ()))
        up = sel.upper()
        if re.fullmatch(r"[A-Z]+[0-9]{0,2}", up):
            out += [c for c in self.rules if c.startswith(up) and not is_style_code(c)]
        return sorted(set(out))

    def known_selectors(self) -> list[str]:
        """Every code, rule name and style: the spellings a "did you mean" may suggest."""
        return [r.code for r in self] + [r.name for r in self] + list(self.styles())


def style_rule(
    code: str,
    check: CheckFn,
    *,
    level: str = "warning",
    summary: str = "",
    name: str = "",
    rationale: str = "",
    link: str = "",
    description: str = "",
    fixable: bool = False,
    origin: str = "",
) -> Rule:
    """A :class:`Rule` for a style's rule ``Style.Rule`` (see :func:`add_style_rules`).

    ``level`` is a Vale level (``suggestion``, ``warning``, ``error``; ``suggestion`` becomes
    medlint's ``info``) or a medlint severity.  ``name`` defaults to the code (style rule
    names repeat across styles: ``Microsoft.Passive``, ``write-good.Passive``), ``origin`` to
    ``vale:<Style>``.  Raises :class:`RegistryError` for a code that is not ``Style.Rule``
    or an unknown level.
    """
    if not is_style_code(code):
        raise RegistryError(f"style rule code {code!r} must be Style.Rule (e.g. Acme.Shout)")
    severity = STYLE_LEVELS.get(level)
    if severity is None:
        raise RegistryError(
            f"{code}: level {level!r} must be one of suggestion, warning, error (or info)"
        )
    return Rule(
        code=code,
        name=name or code,
        severity=severity,
        summary=summary or code,
        check=check,
        rationale=rationale,
        link=link,
        description=description,
        fixable=fixable,
        origin=origin or f"vale:{style_of(code)}",
    )


def add_style_rules(registry: Registry, rules: Iterable[Rule]) -> list[Rule]:
    """Register the rules of Vale styles (codes ``Style.Rule``) for a run.

    The API for the Vale engine: build each rule with :func:`style_rule` (or a :class:`Rule`
    whose code is ``Style.Rule``), then call this **before** the configuration's selectors
    are validated (``select``, ``ignore``, ``per-file-ignores``, ``severity`` and the
    command line's ``--select``/``--ignore`` accept a style or style rule only once its
    rules are in the registry).  Rules of the same code and origin replace the earlier
    ones (a configuration read again); a code taken by another origin, or a code that is
    not ``Style.Rule``, raises :class:`RegistryError`.

    Once registered, a style rule is selected by ``Style`` or ``Style.Rule``, suppressed by
    ``<!-- medlint-disable Style.Rule -->``, front matter ``medlint: {ignore: [Style]}`` and
    Vale's own ``<!-- vale ... -->`` comments, recorded in baselines, explained by ``medlint
    rule Style.Rule`` and reported by every output format (``vale-line``, ``vale-json``...).

    A check returns :class:`~medlint.findings.Finding` objects as medlint's rules do; it may
    put Vale's alert fields in ``finding.extra["vale"]`` (``Match``, ``Action`` as
    ``{"Name": ..., "Params": [...]}``, ``Description``, ``Link``), which ``--format
    vale-json`` prints as they are; otherwise Match is the flagged text, Action comes from
    the finding's fix, Description and Link from the rule's ``description`` and ``link``.
    ``extra["vale"]["Raw"] = True`` marks an alert of a ``scope: raw`` rule, which Vale's
    comments silence only with a ``vale off`` open at the end of the file (as in Vale).
    """
    added: list[Rule] = []
    for r in rules:
        if not is_style_code(r.code):
            raise RegistryError(f"style rule code {r.code!r} must be Style.Rule")
        severity = STYLE_LEVELS.get(r.severity)
        if severity is None:
            raise RegistryError(
                f"{r.code}: level {r.severity!r} must be suggestion, warning or error"
            )
        r.severity = severity
        added.append(registry.add(r))
    return added


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
