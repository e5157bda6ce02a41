"""Declarative rules defined in YAML packs, modelled on Vale's ``existence`` and ``substitution``.

A pack file holding a rule looks like this (keys as in Vale, plus ``code``,
``name`` and ``source``)::

    extends: substitution          # or: existence
    code: P690
    name: house-style-words
    message: "Use '%s' instead of '%s'."
    level: warning                 # error | warning | suggestion (= info) | info
    ignorecase: true
    nonword: false                 # true: tokens/swap keys are raw regexes, no word boundaries
    scope: text                    # text | heading | paragraph | list | quote | table | title | meta; "~x" excludes
    link: https://example.org/style#words
    source: "House style guide, 2024"
    swap:                          # substitution: bad → good
      utilise: use
    tokens: [...]                  # existence: phrases (regular expressions)
    exceptions: [...]              # matches to leave alone

A file may also hold several rules under ``rules:``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.context import Context
from medlint.findings import Finding
from medlint.packs import PackError, builtin_pack_files, read_yaml
from medlint.registry import Registry, Rule

if TYPE_CHECKING:  # the schemas (pydantic) load only when a pack holds rules
    from medlint.pack_schemas import DeclarativeRule

KINDS = ("existence", "substitution")


def _scope_filter(scope: list[str]) -> tuple[set[str] | None, set[str]]:
    from medlint.pack_schemas import SCOPES

    include: set[str] | None = None
    exclude: set[str] = set()
    for raw in scope:
        s = raw.strip()
        kinds = SCOPES[s.lstrip("~")]
        if s.startswith("~"):
            exclude.update(kinds or ())
        elif kinds is not None:
            include = (include or set()) | set(kinds)
    return include, exclude


def build_rule(defn: Any, path: Path | str, where: str = "") -> Rule:
    """A rule from one validated definition (a :class:`DeclarativeRule` or its mapping)."""
    from medlint.pack_schemas import LEVELS, DeclarativeRule, rule_doc_issues

    if not isinstance(defn, DeclarativeRule):
        issues = rule_doc_issues({"rules": [defn]})
        if issues:
            raise PackError.many(path, [(_rekey(k, where), m) for k, m in issues])
        defn = DeclarativeRule.model_validate(defn)
    spec: DeclarativeRule = defn
    try:
        if spec.extends == "existence":
            swaps: list[tuple[re.Pattern[str], str]] = []
            combined = re.compile(spec.wrap("|".join(f"(?:{t})" for t in spec.tokens)), spec.flags)
        else:
            swaps = [
                (re.compile(spec.wrap(bad), spec.flags), good) for bad, good in spec.swap.items()
            ]
            combined = re.compile("|".join(f"(?:{p.pattern})" for p, _ in swaps), spec.flags)
    except re.error as exc:
        raise PackError(path, where or "(rule)", f"invalid regular expression: {exc}") from exc
    include, exclude = _scope_filter(spec.scope)
    exc_set = {e.lower() for e in spec.exceptions} if spec.flags else set(spec.exceptions)
    message = spec.message
    substitution = spec.extends == "substitution"

    def check(ctx: Context) -> Iterator[Finding]:
        for block in ctx.article.blocks:
            if (include is not None and block.kind not in include) or block.kind in exclude:
                continue
            for m in combined.finditer(block.text):
                found = m.group(0)
                if (found.lower() if spec.flags else found) in exc_set:
                    continue
                if not substitution:
                    msg = message.replace("%s", found, 1) if "%s" in message else message
                    yield ctx.finding(block, m.start(), m.end(), msg)
                    continue
                good = _swap_for(swaps, block.text, m)
                if _already_preferred(found, good):
                    continue
                msg, fix = _substitution_message(message, found, good)
                yield ctx.finding(block, m.start(), m.end(), msg, fix=fix)

    link = spec.link
    return Rule(
        code=spec.code.upper(),
        name=spec.name,
        severity=LEVELS[spec.level],
        summary=spec.description or message.replace("%s", "…"),
        check=check,
        rationale=spec.rationale + (f"\nMore: {link}" if link else ""),
        source=spec.source,
        bad=spec.bad,
        good=spec.good,
        fix="Replace the phrase as the message says."
        if substitution
        else "Rewrite or remove the phrase.",
        fixable=substitution,
        origin=f"pack:{Path(path).name}",
    )


def _swap_for(swaps: list[tuple[re.Pattern[str], str]], text: str, m: re.Match[str]) -> str:
    """The replacement of the swap that made the match ``m`` of the combined pattern: the
    first swap whose pattern matches at the same place (as the alternation chose it).  It is
    matched in ``text``, so a key with a look-ahead or look-behind sees what is around it."""
    for p, good in swaps:
        pm = p.match(text, m.start())
        if pm is not None and pm.end() == m.end():
            return good
    return ""


def _options(good: str) -> list[str]:
    return [g.strip() for g in good.split("|") if g.strip()]


def _already_preferred(found: str, good: str) -> bool:
    """The text is already one of the swap's preferred forms ('JavaScript' for a swap
    ``javascript: JavaScript`` with ``ignorecase``; 'Start' at the start of a sentence for
    ``commence: start|begin``): nothing to report."""
    return any(found in (option, _cased(option, found)) for option in _options(good))


def _cased(good: str, found: str) -> str:
    """``good`` with a capital first letter when ``found`` starts a sentence with one."""
    if found[:1].isupper() and good[:1].islower():
        return good[:1].upper() + good[1:]
    return good


def _substitution_message(message: str, found: str, good: str) -> tuple[str, str | None]:
    """The message for a swap match and its fix (only when there is one replacement)."""
    options = _options(good)
    first = _cased(options[0] if options else good, found)
    msg = message
    if "%s" in msg:
        msg = msg.replace("%s", " or ".join(options) or good, 1)
        msg = msg.replace("%s", found, 1)
    return msg, first if len(options) == 1 else None


def _rekey(key: str, where: str) -> str:
    """``rules[0].code`` (the key in a one-rule list) → ``WHERE.code`` or ``code``."""
    rest = key.removeprefix("rules[0]").lstrip(".")
    return ".".join(k for k in (where, rest) if k) or "(top)"


def rules_from_doc(doc: Any, path: Path | str) -> list[Rule]:
    """The declarative rules of a pack document (none for a data pack)."""
    if not isinstance(doc, dict) or not ("extends" in doc or "rules" in doc):
        return []
    from medlint.pack_schemas import DeclarativeRule, rule_doc_issues

    issues = rule_doc_issues(doc)
    if issues:
        raise PackError.many(path, issues)
    if "extends" in doc:
        spec = DeclarativeRule.model_validate({k: v for k, v in doc.items() if k != "pack"})
        return [build_rule(spec, path)]
    return [
        build_rule(DeclarativeRule.model_validate(d), path, f"rules[{i}]")
        for i, d in enumerate(doc["rules"])
    ]


def load_declarative_rules() -> list[Rule]:
    """Rules from built-in packs that hold them (the data packs are checked by
    ``pack_schemas.validate_builtin_packs``, which the command line calls)."""
    out: list[Rule] = []
    for p in builtin_pack_files():
        out.extend(rules_from_doc(read_yaml(p), p))
    return out


def add_user_pack_rules(registry: Registry, paths: list[Path]) -> None:
    from medlint.pack_schemas import validate_user_packs
    from medlint.registry import RegistryError

    validate_user_packs(paths)
    for p in paths:
        for r in rules_from_doc(read_yaml(p), p):
            try:
                registry.add(r)
            except RegistryError as exc:
                raise PackError(p, "code", str(exc)) from exc
