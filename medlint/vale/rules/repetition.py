"""``extends: repetition``: the same token twice in a row (``'the the'``)."""

from __future__ import annotations

from typing import Any, ClassVar

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
    PatternError,
    compile_pattern,
    exception_patterns,
    format_message,
    is_match,
    within_phrase,
)
from medlint.vale.scopes import sentences


def ctx_new(rule: ValeRule) -> bool:
    """Vale 3.10 and later test for one sentence, not for a line break."""
    return rule.ctx.version >= (3, 10)


class Repetition(ValeRule):
    extends: ClassVar[str] = "repetition"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}
    )

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        self.max = number(name, defn, "max")
        self.ignorecase = bool(defn.get("ignorecase"))
        self.alpha = bool(defn.get("alpha"))
        try:
            self.pattern = compile_pattern(
                ("(?i)" if self.ignorecase else "")
                + "("
                + "|".join(as_list(defn.get("tokens")))
                + ")"
            )
            vocab = defn.get("vocab", True) is not False
            self.except_re, self.phrase_re = exception_patterns(
                as_list(defn.get("exceptions")), ctx.accepted, vocab
            )
        except PatternError as exc:
            raise RuleError(f"{name}: {exc}") from exc

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        out: list[Hit] = []
        text = unit.text
        prev = ""
        ploc = (0, 0)
        count = 0
        for m in self.pattern.finditer(text):
            curr = m.group(0).strip()
            if self.ignorecase:
                hit = curr.casefold() == prev.casefold() and curr != ""
            else:
                hit = curr == prev and curr != ""
            hit = hit and (not self.alpha or all(c.isalpha() for c in curr))
            if hit:
                count += 1
            if hit and count > self.max:
                span = text[ploc[0] : m.end()]
                # two sentences ("about that. That is") are no repetition (Vale 3.10+)
                one = len(list(sentences(span))) == 1 if ctx_new(self) else "\n" not in span
                if (
                    one
                    and not is_match(self.except_re, span)
                    and not within_phrase(self.phrase_re, text, ploc[0], m.end())
                ):
                    msg = format_message(self.message, curr)
                    h = self.hit(text, ploc[0], m.end())
                    h.message = msg
                    h.description = format_message(self.description, curr)
                    out.append(h)
                    count = 0
            ploc = (m.start(), m.end())
            prev = curr
        return out
