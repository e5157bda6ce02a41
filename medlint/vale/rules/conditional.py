"""``extends: conditional``: ``first`` needs ``second`` somewhere before it in the file
(an acronym needs its definition); a ``second`` without a capture group is a presence
check within the scope."""

from __future__ import annotations

from typing import Any, ClassVar

from medlint.vale.model import BuildContext, FileState, Hit, RuleError, Unit, ValeRule, as_list
from medlint.vale.patterns import PatternError, compile_pattern, exceptions_pattern, is_match


class Conditional(ValeRule):
    extends: ClassVar[str] = "conditional"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"first", "second", "exceptions", "ignorecase", "vocab"}
    )

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        try:
            self.second = compile_pattern(str(defn.get("second") or ""))
            self.first = compile_pattern(str(defn.get("first") or ""))
            self.except_re = exceptions_pattern(
                as_list(defn.get("exceptions")), ctx.accepted, defn.get("vocab", True) is not False
            )
        except PatternError as exc:
            raise RuleError(f"{name}: {exc}") from exc

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        text = unit.text
        if self.second.groups == 0:
            # no capture group: a presence check, `second` anywhere in the same scope
            # excuses every `first` (Vale 3.15, #1048)
            if self.second.search(text):
                return []
            return [self.hit(text, m.start(), m.end()) for m in self.first.finditer(text)]
        for m in self.second.finditer(text):
            state.sequences.extend(g for g in m.groups() if g)
        out: list[Hit] = []
        for m in self.first.finditer(text):
            s = m.group(0)
            if s not in state.sequences and not is_match(self.except_re, s):
                out.append(self.hit(text, m.start(), m.end()))
        return out
