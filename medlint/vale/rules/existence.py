"""``extends: existence``: report every match of ``tokens`` (or ``raw``)."""

from __future__ import annotations

from typing import Any, ClassVar

from medlint.matching.prefilter import trie_alternation
from medlint.vale.model import (
    BuildContext,
    FileState,
    Hit,
    RuleError,
    Unit,
    ValeRule,
    as_list,
)
from medlint.vale.patterns import (
    WORD_TEMPLATE,
    PatternError,
    compile_pattern,
    exception_patterns,
    is_match,
    make_regexp,
    within_phrase,
)


class Existence(ValeRule):
    extends: ClassVar[str] = "existence"
    keys: ClassVar[frozenset[str]] = frozenset(
        {"tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"}
    )

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        super().__init__(name, defn, ctx)
        tokens = [t for t in as_list(defn.get("tokens")) if t.strip()]
        raw = "".join(as_list(defn.get("raw")))
        word = not defn.get("nonword") and bool(as_list(defn.get("tokens")))
        template = make_regexp(
            ctx.word_template, bool(defn.get("ignorecase")), word, raw, bool(defn.get("append"))
        )
        try:
            self.pattern = compile_pattern(template.replace("%s", "|".join(tokens), 1))
            # the same matches, found faster: plain word lists as a trie (see
            # medlint.matching.prefilter.trie_alternation; tests/test_vale_speed.py)
            self.scan = self.pattern
            trie = None
            if not raw and ctx.word_template in ("", WORD_TEMPLATE):
                trie = trie_alternation(tokens, bool(defn.get("ignorecase")), word)
            if trie is not None:
                self.scan = compile_pattern(template.replace("%s", trie, 1))
            # accepted vocabulary words are no exceptions for non-word rules (Vale #1058)
            vocab = defn.get("vocab", True) is not False and not defn.get("nonword")
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
        for m in self.scan.finditer(text):
            if is_match(self.except_re, m.group(0).strip()) or within_phrase(
                self.phrase_re, text, m.start(), m.end()
            ):
                continue
            out.append(self.hit(text, m.start(), m.end()))
        return out
