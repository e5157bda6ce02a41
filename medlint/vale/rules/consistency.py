"""``extends: consistency``: one spelling per file — report the second spelling of an
``either`` pair once both have been seen."""

from __future__ import annotations

from typing import Any, ClassVar

from medlint.vale.model import BuildContext, FileState, Hit, RuleError, Unit, ValeRule
from medlint.vale.patterns import PatternError, compile_pattern, make_regexp


class Consistency(ValeRule):
    extends: ClassVar[str] = "consistency"
    keys: ClassVar[frozenset[str]] = frozenset({"either", "nonword", "ignorecase"})

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        either = defn.get("either") or {}
        if not isinstance(either, dict):
            raise RuleError(f"{name}: 'either' must be a mapping")
        template = make_regexp(
            ctx.word_template, bool(defn.get("ignorecase")), not defn.get("nonword")
        )
        key = name.split(".")[1] if "." in name else name
        key = "".join(c if c.isalnum() else "_" for c in key)
        self.steps: list[tuple[Any, tuple[str, str]]] = []
        count = 0
        for v1, v2 in either.items():
            count += 2
            subs = (f"{key}{count}", f"{key}{count + 1}")
            body = f"(?P<{subs[0]}>{v1})|(?P<{subs[1]}>{v2})"
            try:
                self.steps.append((compile_pattern(template.replace("%s", body, 1)), subs))
            except PatternError as exc:
                raise RuleError(f"{name}: {exc}") from exc

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        out: list[Hit] = []
        text = unit.text
        for pattern, subs in self.steps:
            loc: tuple[int, int] | None = None
            found = False
            for m in pattern.finditer(text):
                found = True
                for gname in subs:
                    if m.start(gname) != -1:
                        loc = (m.start(gname), m.end(gname))
                        state.sequences.append(gname)
            if found and loc is not None and all(s in state.sequences for s in subs):
                out.append(self.hit(text, loc[0], loc[1]))
        return out
