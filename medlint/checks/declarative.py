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
from typing import Any

from medlint.context import Context
from medlint.findings import Finding
from medlint.packs import PackError, builtin_pack_files, read_yaml
from medlint.registry import CODE_RE, Registry, Rule

KINDS = ("existence", "substitution")
KEYS = {
    "extends", "code", "name", "message", "level", "ignorecase", "nonword", "tokens", "swap",
    "scope", "link", "source", "description", "exceptions", "rationale", "bad", "good",
}  # fmt: skip
LEVELS = {"error": "error", "warning": "warning", "suggestion": "info", "info": "info"}
SCOPES = {
    "text": None,
    "heading": ("heading",),
    "paragraph": ("paragraph",),
    "list": ("list_item",),
    "quote": ("quote",),
    "table": ("table_cell",),
    "title": ("title",),
    "meta": ("meta",),
    "sentence": None,
}


def _err(path: Path | str, key: str, msg: str) -> PackError:
    return PackError(path, key, msg)


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "nothing (~ or an empty value)"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


def _scope_filter(path: Path | str, pre: str, scope: Any) -> tuple[set[str] | None, set[str]]:
    items = scope if isinstance(scope, list) else [scope or "text"]
    include: set[str] | None = None
    exclude: set[str] = set()
    for raw in items:
        s = str(raw).strip()
        neg = s.startswith("~")
        s = s.lstrip("~")
        if s not in SCOPES:
            from medlint.config import suggest

            hint = suggest(s, list(SCOPES))
            raise _err(
                path,
                f"{pre}scope",
                f"unknown scope {s!r}" + (f" (did you mean '{hint}'?)" if hint else ""),
            )
        kinds = SCOPES[s]
        if neg:
            exclude.update(kinds or ())
        elif kinds is not None:
            include = (include or set()) | set(kinds)
    return include, exclude


def build_rule(defn: dict[str, Any], path: Path | str, where: str = "") -> Rule:
    if not isinstance(defn, dict):
        raise _err(path, where or "(top)", "a rule must be a mapping")
    pre = f"{where}." if where else ""
    for key in defn:
        if key not in KEYS:
            from medlint.config import suggest

            hint = suggest(str(key), sorted(KEYS))
            raise _err(
                path,
                f"{pre}{key}",
                "unknown key" + (f" (did you mean '{hint}'?)" if hint else ""),
            )
    kind = defn.get("extends")
    if kind not in KINDS:
        raise _err(path, f"{pre}extends", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    for req in ("code", "name", "message"):
        if not isinstance(defn.get(req), str) or not defn[req].strip():
            raise _err(path, f"{pre}{req}", "required (a non-empty string)")
    code = str(defn["code"]).upper()
    if not CODE_RE.match(code):
        raise _err(path, f"{pre}code", f"{code!r} is not a rule code like P690")
    level = LEVELS.get(str(defn.get("level", "warning")))
    if level is None:
        raise _err(path, f"{pre}level", f"must be one of {', '.join(LEVELS)}")
    flags = re.IGNORECASE if defn.get("ignorecase", False) else 0
    nonword = bool(defn.get("nonword", False))
    message = str(defn["message"])
    include, exclude = _scope_filter(path, pre, defn.get("scope", "text"))
    exceptions = [str(e) for e in defn.get("exceptions") or []]
    exc_set = {e.lower() for e in exceptions} if flags else set(exceptions)

    def wrap(pattern: str) -> str:
        return pattern if nonword else rf"(?<![\w-])(?:{pattern})(?![\w-])"

    swaps: list[tuple[re.Pattern[str], str]] = []
    combined: re.Pattern[str]
    try:
        if kind == "existence":
            tokens = defn.get("tokens")
            if not isinstance(tokens, list) or not tokens:
                raise _err(
                    path, f"{pre}tokens", "an existence rule needs a non-empty list of tokens"
                )
            combined = re.compile(wrap("|".join(f"(?:{t})" for t in map(str, tokens))), flags)
        else:
            swap = defn.get("swap")
            if not isinstance(swap, dict) or not swap:
                raise _err(path, f"{pre}swap", "a substitution rule needs a mapping of bad → good")
            for bad, good in swap.items():
                if not isinstance(good, str):  # ~ would write "None", a list "['a', 'b']"
                    raise _err(
                        path,
                        f"{pre}swap.{bad}",
                        f"the replacement must be text, got {_yaml_kind(good)}"
                        " (quote it; separate alternatives with '|')",
                    )
                swaps.append((re.compile(wrap(str(bad)), flags), good))
            combined = re.compile("|".join(f"(?:{p.pattern})" for p, _ in swaps), flags)
    except re.error as exc:
        raise _err(path, where or "(rule)", f"invalid regular expression: {exc}") from exc

    def check(ctx: Context) -> Iterator[Finding]:
        for block in ctx.article.blocks:
            if include is not None and block.kind not in include:
                continue
            if block.kind in exclude:
                continue
            for m in combined.finditer(block.text):
                found = m.group(0)
                if (found.lower() if flags else found) in exc_set:
                    continue
                if kind == "existence":
                    msg = message.replace("%s", found, 1) if "%s" in message else message
                    yield ctx.finding(block, m.start(), m.end(), msg)
                    continue
                good = next((g for p, g in swaps if p.fullmatch(found)), "")
                options = [g.strip() for g in good.split("|") if g.strip()]
                first = options[0] if options else good
                if found[:1].isupper() and first[:1].islower():
                    first = first[:1].upper() + first[1:]
                msg = message
                if "%s" in msg:
                    msg = msg.replace("%s", " or ".join(options) or good, 1)
                    msg = msg.replace("%s", found, 1)
                fix = first if len(options) == 1 else None
                yield ctx.finding(block, m.start(), m.end(), msg, fix=fix)

    link = str(defn.get("link", ""))
    desc = str(defn.get("description", "")) or message.replace("%s", "…")
    return Rule(
        code=code,
        name=str(defn["name"]),
        severity=level,
        summary=desc,
        check=check,
        rationale=str(defn.get("rationale", "")) + (f"\nMore: {link}" if link else ""),
        source=str(defn.get("source", "")),
        bad=str(defn.get("bad", "")),
        good=str(defn.get("good", "")),
        fix="Replace the phrase as the message says."
        if kind == "substitution"
        else "Rewrite or remove the phrase.",
        fixable=kind == "substitution",
        origin=f"pack:{Path(path).name}",
    )


def rules_from_doc(doc: Any, path: Path | str) -> list[Rule]:
    if not isinstance(doc, dict):
        return []
    if "extends" in doc:
        return [build_rule({k: v for k, v in doc.items() if k != "pack"}, path)]
    defs = doc.get("rules")
    if (
        isinstance(defs, list)
        and defs
        and all(isinstance(d, dict) and "extends" in d for d in defs)
    ):
        return [build_rule(d, path, f"rules[{i}]") for i, d in enumerate(defs)]
    return []


def load_declarative_rules() -> list[Rule]:
    out: list[Rule] = []
    for p in builtin_pack_files():
        out.extend(rules_from_doc(read_yaml(p), p))
    return out


def add_user_pack_rules(registry: Registry, paths: list[Path]) -> None:
    from medlint.registry import RegistryError

    for p in paths:
        for r in rules_from_doc(read_yaml(p), p):
            try:
                registry.add(r)
            except RegistryError as exc:
                raise PackError(p, "code", str(exc)) from exc
