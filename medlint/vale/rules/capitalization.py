"""``extends: capitalization``: a scope (usually headings) in ``$title``, ``$sentence``,
``$lower`` or ``$upper`` case, or matching a pattern (converters in medlint/vale/casing.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from medlint.vale.casing import (
    converter_vocab,
    sentence_case,
    sentence_ok,
    title_case,
    title_ok,
)
from medlint.vale.model import (
    BuildContext,
    FileState,
    Hit,
    RuleError,
    Unit,
    ValeRule,
    as_list,
    number,
)
from medlint.vale.patterns import (
    Pattern,
    PatternError,
    compile_pattern,
    exceptions_pattern,
    format_message,
    is_match,
)


class Capitalization(ValeRule):
    extends: ClassVar[str] = "capitalization"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
    )

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        vocab_on = defn.get("vocab", True) is not False
        exceptions = as_list(defn.get("exceptions"))
        try:
            self.except_re = exceptions_pattern(list(exceptions), ctx.accepted, vocab_on)
        except PatternError as exc:
            raise RuleError(f"{name}: {exc}") from exc
        threshold = number(name, defn, "threshold", float) or 0.8
        exceptions = converter_vocab(exceptions, ctx.accepted, vocab_on)
        self.match = str(defn.get("match") or "")
        prefix = str(defn.get("prefix") or "")
        indicators = as_list(defn.get("indicators"))
        chicago = defn.get("style") == "Chicago"
        self.check: Callable[[str], tuple[str, bool]]
        if self.match == "$title":
            self.check = lambda s: _checked(
                title_case(s, exceptions, chicago, prefix), s, self.except_re, threshold, title_ok
            )
        elif self.match == "$sentence":
            self.check = lambda s: _checked(
                sentence_case(s, exceptions, indicators, prefix),
                s,
                self.except_re,
                threshold,
                sentence_ok,
            )
        elif self.match == "$lower":
            self.check = lambda s: (s.lower(), s == s.lower() or is_match(self.except_re, s))
        elif self.match == "$upper":
            self.check = lambda s: (s.upper(), s == s.upper() or is_match(self.except_re, s))
        else:
            try:
                pat = compile_pattern(self.match)
            except PatternError as exc:
                raise RuleError(f"{name}: {exc}") from exc
            self.check = lambda s: (
                self.match,
                pat.search(s) is not None or is_match(self.except_re, s),
            )

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        text = unit.text
        expected, ok = self.check(text)
        if ok:
            return []
        replacements: list[str] = []
        if self.action_name == "replace" and not self.action_params:
            if self.match in ("$title", "$sentence"):
                replacements = [expected]
        elif self.action_name:
            replacements = self.fix_for(text)
        return [
            Hit(
                0,
                len(text),
                format_message(self.message, text, expected),
                text,
                replacements,
                format_message(self.description, text, expected),
            )
        ]


def _checked(
    expected: str,
    s: str,
    exc: Pattern | None,
    threshold: float,
    test: Callable[[str, str, Pattern | None, float], bool],
) -> tuple[str, bool]:
    return expected, test(s, expected, exc, threshold)
