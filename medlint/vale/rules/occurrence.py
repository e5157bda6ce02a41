"""``extends: occurrence``: too many (``max``) or too few (``min``) matches of ``token``
in a scope."""

from __future__ import annotations

from typing import Any, ClassVar

from medlint.vale.model import (
    BuildContext,
    FileState,
    Hit,
    RuleError,
    Unit,
    ValeRule,
    number,
)
from medlint.vale.patterns import PatternError, compile_pattern, format_message


def is_code(s: str) -> bool:
    """Only ``*`` and ``@``: text Vale masked (Vale's ``IsCode``)."""
    return all(c in "*@" for c in s)


class Occurrence(ValeRule):
    extends: ClassVar[str] = "occurrence"
    keys: ClassVar[frozenset[str]] = frozenset({"token", "max", "min", "ignorecase"})

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        self.max = number(name, defn, "max")
        self.min = number(name, defn, "min")
        token = str(defn.get("token") or "")
        try:
            self.pattern = compile_pattern(
                ("(?i)" if defn.get("ignorecase") else "") + f"(?:{token})"
            )
        except PatternError as exc:
            raise RuleError(f"{name}: {exc}") from exc

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        text = unit.text
        locs = [(m.start(), m.end()) for m in self.pattern.finditer(text)]
        n = len(locs)
        if not ((self.max > 0 and n > self.max) or (self.min > 0 and n < self.min)):
            return []
        # the count is a number: `%d` and `%s` both print it (Vale 3.15, #1048)
        msg = format_message(self.message, n)
        desc = format_message(self.description, n)
        if n == 0:
            return [Hit(-1, -1, msg, "", [], desc)]  # the whole scope: Vale reports 1:1
        for a, b in locs:
            m = text[a:b]
            if m.strip() and not is_code(m):
                return [Hit(a, b, msg, m, [], desc)]
        return []
