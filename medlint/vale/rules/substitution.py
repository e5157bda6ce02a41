"""``extends: substitution``: report a ``swap`` key and suggest its value."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from medlint.vale.model import BuildContext, FileState, Hit, RuleError, Unit, ValeRule, as_list
from medlint.vale.patterns import (
    PatternError,
    cap_first,
    compile_pattern,
    exception_patterns,
    format_message,
    get_options,
    is_match,
    make_regexp,
    match_token,
    recase_to_term,
    to_sentence,
    within_phrase,
)

_CAPTURE_OPEN = re.compile(r"(?<!\\)\((?!\?)")
_HAS_INDEX = re.compile(r"\$\d+")


class Substitution(ValeRule):
    extends: ClassVar[str] = "substitution"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos"}
    )

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        swap = defn.get("swap") or {}
        if not isinstance(swap, dict):
            raise RuleError(f"{name}: 'swap' must be a mapping")
        self.ignorecase = bool(defn.get("ignorecase"))
        # Vale 3.3 and earlier capitalised suggestions for capitalised matches on its own
        self.capitalize = bool(defn.get("capitalize")) or ctx.version < (3, 4)
        terms = sorted((str(k) for k in swap), key=len, reverse=True)
        self.terms = terms
        self.repl = ["" if swap[k] is None else str(swap[k]) for k in _keys_in(swap, terms)]
        groups = []
        for term in terms:
            if term.count("(") != term.count("(?") + term.count(r"\("):
                term = _CAPTURE_OPEN.sub("(?:", term)
            groups.append(f"({term})")
        template = make_regexp(ctx.word_template, self.ignorecase, not defn.get("nonword"))
        try:
            self.pattern = compile_pattern(template.replace("%s", "|".join(groups), 1))
            vocab = defn.get("vocab", True) is not False
            self.except_re, self.phrase_re = exception_patterns(
                as_list(defn.get("exceptions")), ctx.accepted, vocab
            )
        except PatternError as exc:
            raise RuleError(f"{name}: {exc}") from exc

    def needle_source(self) -> str | None:
        return str(self.pattern.pattern)

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        out: list[Hit] = []
        text = unit.text
        if not self.terms:
            return out
        new = self.ctx.version >= (3, 15)
        for m in self.pattern.finditer(text):
            for gi in range(1, len(self.terms) + 1):
                if m.start(gi) == -1:
                    continue
                start, end = m.start(gi), m.end(gi)
                # Vale 3.15 keeps the match as found; earlier versions trimmed it
                observed = text[start:end] if new else text[start:end].strip()
                expected = self._expected(gi - 1, observed)
                replace = self.action_name == "replace"
                if replace and new:
                    same = observed in get_options(expected)
                else:
                    same = match_token(expected, observed)
                if (
                    same
                    or is_match(self.except_re, observed)
                    or within_phrase(self.phrase_re, text, start, end)
                ):
                    continue
                message = self.message
                replacements: list[str] = []
                if replace and not self.action_params:
                    replacements = get_options(expected)
                    if self.capitalize and observed == cap_first(observed):
                        replacements = [cap_first(p) for p in replacements]
                    if self.ctx.version >= (3, 7):  # 3.7 quotes the suggestions itself
                        expected = to_sentence(replacements, "or")
                        message = _convert_message(message)
                elif replace:
                    replacements = list(self.action_params)
                else:
                    if self.action_name:
                        replacements = self.fix_for(text[start:end])
                    if new:
                        expected = recase_to_term(expected, observed)
                out.append(
                    Hit(
                        start,
                        end,
                        format_message(message, expected, observed),
                        text[start:end],
                        replacements,
                        format_message(self.description, expected, observed),
                    )
                )
        return out

    def _expected(self, index: int, observed: str) -> str:
        expected = self.repl[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not _HAS_INDEX.search(expected):
            return expected
        try:
            pat = compile_pattern(("(?i)" if self.ignorecase else "") + self.terms[index])
            return str(pat.sub(re.sub(r"\$(\d+)", r"\\\1", expected), observed))
        except (PatternError, Exception):  # a bad back-reference: keep the text as written
            return expected


def _keys_in(swap: dict[Any, Any], terms: list[str]) -> list[Any]:
    by_text = {str(k): k for k in swap}
    return [by_text[t] for t in terms]


def _convert_message(s: str) -> str:
    """With a ``replace`` action the suggestions come quoted: drop the message's own
    quotes around the first of two quoted ``%s`` (Vale's ``convertMessage``)."""
    for spec in ("'%s'", '"%s"'):
        if s.count(spec) == 2:
            s = s.replace(spec, "%s", 1)
    return s
