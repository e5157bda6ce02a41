"""The Vale engine: a loaded configuration with its styles (:class:`ValeProject`) lints
one medlint :class:`~medlint.document.model.Article` into positioned :class:`Alert` s.

It follows Vale's ``shouldRun``: a rule runs on a file when a glob section covering the
file (or the core section) turns it on by name, or its style is in ``BasedOnStyles`` there
and no setting turns it off; its level (the file's, or the configuration's override) must
reach ``MinAlertLevel``; its scope must match the unit.  One alert per rule and position
(Vale's history), at most ``limit`` per rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from medlint.analysis.readability import syllables
from medlint.document.model import Article
from medlint.matching.prefilter import WordGate, pattern_needles
from medlint.vale.ini import ValeConfig, parse_config
from medlint.vale.model import LEVEL_RANK, Alert, BuildContext, FileState, Hit, Unit, ValeRule
from medlint.vale.patterns import PatternError, compile_pattern, whitespace_to_space
from medlint.vale.scopes import TAG_KINDS, units
from medlint.vale.styles import StyleSet, load_styles
from medlint.vale.vocab import Vocabulary, load_vocab

EXTENSIONS = {"md": ".md", "txt": ".txt", "html": ".html"}
_CLASSED = re.compile(r"<(\w+)\b[^>]*\bclass=[\"']([^\"']*)[\"'][^>]*>.*?</\1\s*>", re.S)
# IgnoredScopes tags and their Markdown spellings (code spans are always left out)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])", re.S)
_LINK_TEXT = re.compile(r"(?<!!)\[[^\]\n]+\]\([^)\n]*\)")
_INLINE_MARKUP = {
    "strong": _STRONG,
    "b": _STRONG,
    "em": _EMPHASIS,
    "i": _EMPHASIS,
    "a": _LINK_TEXT,
}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass
class ValeProject:
    """A ``.vale.ini`` with its vocabularies and styles loaded."""

    config: ValeConfig
    styles: StyleSet
    vocab: Vocabulary
    version: tuple[int, int] = (3, 15)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path, version: tuple[int, int] = (3, 15)) -> ValeProject:
        config = parse_config(path)
        vocab = load_vocab(config.styles_path, config.vocab)
        ctx = BuildContext(list(vocab.accept), config.word_template, version)
        settings = config.all_rule_settings()
        styles = load_styles(
            config.styles_path,
            config.all_styles(),
            config.named_rules(),
            ctx,
            settings,
            vocab,
        )
        project = cls(config, styles, vocab, version)
        project.notes = project._notes()
        return project

    def _notes(self) -> list[str]:
        out = []
        for name in self.vocab.missing:
            out.append(f"vocabulary {name!r} has no folder under {self.config.styles_path}")
        for style in self.styles.missing_styles:
            out.append(f"style {style!r} does not exist on StylesPath {self.config.styles_path}")
        for key in self.config.ignored:
            out.append(f"{key} is not followed by medlint")
        return out

    # -- which rules run on a file ------------------------------------------

    def _styles_and_settings(self, path: str) -> tuple[set[str], dict[str, str]]:
        """The styles ``BasedOnStyles`` turns on for ``path`` and the per-rule settings
        (``Style.Rule = NO``…), global ones first, then each matching section's."""
        styles = set(self.config.global_styles)
        settings = dict(self.config.global_rules)
        for s in self.config.sections_for(path):
            styles.update(s.styles)
            settings.update(s.rules)
        return styles, settings

    def rules_for(self, path: str) -> list[ValeRule]:
        """The rules that run on ``path`` (Vale's ``shouldRun`` minus the scope test)."""
        styles, settings = self._styles_and_settings(path)
        minimum = LEVEL_RANK[self.config.min_alert_level]
        out = []
        for name, rule in self.styles.rules.items():
            setting = settings.get(name)
            if setting == "NO":
                continue
            if setting is None and name.split(".", 1)[0] not in styles:
                continue
            if LEVEL_RANK[rule.level] < minimum:
                continue
            out.append(rule)
        return out

    def unsupported_for(self, path: str) -> dict[str, str]:
        """Rules that would run on ``path`` but are of a type medlint does not run."""
        styles, settings = self._styles_and_settings(path)
        return {
            n: t
            for n, t in self.styles.unsupported.items()
            if settings.get(n) != "NO" and (n in settings or n.split(".", 1)[0] in styles)
        }

    # -- linting ------------------------------------------------------------

    def lint(
        self, article: Article, rules: list[ValeRule] | None = None, prefilter: bool = True
    ) -> list[Alert]:
        """Vale's alerts for ``article`` (source offsets), in document order.

        With ``prefilter`` (the default) a rule whose pattern's literals
        (:func:`~medlint.matching.prefilter.pattern_needles`) are in no word of a unit
        is not run on that unit: it could report nothing there, so the alerts are the same
        (``tests/test_vale_speed.py`` compares both ways)."""
        path = article.path
        active = self.rules_for(path) if rules is None else rules
        if not active:
            return []
        ext = EXTENSIONS.get(article.fmt, "." + Path(path).suffix.lstrip("."))
        skipped = {TAG_KINDS[t] for t in self.config.skipped_scopes if t in TAG_KINDS}
        unit_list, summary = units(article, ext, skipped)
        state = FileState()
        state.metrics = metrics(article, summary)
        raw = Unit("raw", "raw", article.source, None)
        summary_unit = Unit("summary", "summary", summary, None, lookup=True)
        ignored = self._ignored_ranges(article)
        seen: set[tuple[int, str]] = set()
        counts: dict[str, int] = {}
        out: list[Alert] = []
        all_units = [*unit_list, raw, summary_unit]
        gate = WordGate([u.text for u in all_units]) if prefilter else None
        present: dict[str, list[str] | None] = {}
        lows = [gate.low_text(k) for k in range(len(all_units))] if gate is not None else []
        by_scope: dict[tuple[str, str], list[ValeRule]] = {}
        for index, unit in enumerate(all_units):
            for rule in _in_scope(by_scope, active, unit):
                if gate is not None:
                    try:
                        needles = present[rule.name]
                    except KeyError:
                        needles = present[rule.name] = gate.present(self._needles(rule))
                    if needles is not None:
                        if not needles:
                            continue  # none of its literals in the article
                        low = lows[index]
                        for n in needles:
                            if n in low:
                                break
                        else:
                            continue  # none in this unit
                self._collect(article, unit, rule, state, ignored, seen, counts, out)
        out.sort(key=lambda al: (al.start, al.check))
        return out

    def _collect(
        self,
        article: Article,
        unit: Unit,
        rule: ValeRule,
        state: FileState,
        ignored: list[tuple[int, int]],
        seen: set[tuple[int, str]],
        counts: dict[str, int],
        out: list[Alert],
    ) -> None:
        """Run ``rule`` on ``unit`` and keep its alerts: one per rule and position, none
        inside an ignored range, at most ``limit`` per rule."""
        for hit in rule.run(unit, state):
            a, b = source_span(article, unit, hit)
            if any(x <= a < y or x < b <= y for x, y in ignored):
                continue
            key = (a, rule.name)
            if key in seen:
                continue
            if rule.limit and counts.get(rule.name, 0) >= rule.limit:
                continue
            seen.add(key)
            counts[rule.name] = counts.get(rule.name, 0) + 1
            out.append(self._alert(rule, hit, a, b))

    def _alert(self, rule: ValeRule, hit: Hit, a: int, b: int) -> Alert:
        msg = hit.message.replace("\n", " ")
        if self.version < (3, 10):
            msg = whitespace_to_space(msg)
        return Alert(
            rule.name,
            rule.level,
            msg,
            a,
            b,
            hit.match,
            rule.link,
            hit.description,
            hit.replacements,
            rule.action_name,
        )

    def _needles(self, rule: ValeRule) -> frozenset[str] | None:
        source = rule.needle_source()
        return None if source is None else pattern_needles(source)

    def _ignored_ranges(self, article: Article) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if article.fmt == "md":
            for tag in self.config.ignored_scopes:
                rx = _INLINE_MARKUP.get(tag)
                if rx is not None:
                    out.extend((m.start(), m.end()) for m in rx.finditer(article.source))
        if self.config.ignored_classes and "class=" in article.source:
            ignored = set(self.config.ignored_classes)
            for m in _CLASSED.finditer(article.source):
                if ignored & set(m.group(2).split()):
                    out.append((m.start(), m.end()))
        for s in self.config.sections_for(article.path):
            for pat in [*s.block_ignores, *s.token_ignores]:
                try:
                    rx = compile_pattern(pat)
                except PatternError:
                    continue
                out.extend(
                    (m.start(), m.end()) for m in rx.finditer(article.source) if m.end() > m.start()
                )
        return out


def _in_scope(
    known: dict[tuple[str, str], list[ValeRule]], active: list[ValeRule], unit: Unit
) -> list[ValeRule]:
    """The rules of ``active`` whose scope matches ``unit`` (worked out once per scope)."""
    key = (unit.scope, unit.parent)
    got = known.get(key)
    if got is None:
        got = known[key] = [r for r in active if r.scope.matches(unit)]
    return got


def source_span(article: Article, unit: Unit, hit: Hit) -> tuple[int, int]:
    """Where a hit is reported in the source: its exact span; a scope-wide hit at the start
    of the file; a summary hit at the first occurrence of its text; and, as in Vale, the
    start of its line when the matched text is not in the source as written (markup inside
    it: `use _use_`)."""
    if hit.start < 0:
        return 0, 0
    if unit.lookup:
        return locate(article.source, hit.match)
    a, b = unit.source_span(hit.start, hit.end)
    if hit.match and article.source[a:b] != hit.match and "\n" not in hit.match:
        a = article.line_starts[article.line_col(a)[0] - 1]
    return a, b


def locate(source: str, match: str) -> tuple[int, int]:
    """Where Vale's lookup puts a match it cannot map: its first word-bounded occurrence
    in the source, else its first occurrence, else the start of the file."""
    if not match:
        return 0, 0
    try:
        rx = compile_pattern(r"(?:^|\b|_)" + re.escape(match) + r"(?:_|\b|$)")
        m = rx.search(source)
    except PatternError:
        m = None
    if m is not None:
        a = m.start() + (1 if source[m.start() : m.start() + 1] == "_" else 0)
        return a, a + len(match)
    i = source.find(match)
    return (i, i + len(match)) if i != -1 else (0, 0)


def metrics(article: Article, summary: str) -> dict[str, float]:
    """The counts a ``metric`` formula may use (Vale's ``ComputeMetrics``)."""
    words = _WORD.findall(summary)
    if not words:
        return {}
    counts: dict[str, float] = {}
    for b in article.blocks:
        if b.kind == "heading":
            k = f"heading_h{max(1, min(b.level or 1, 6))}"
            counts[k] = counts.get(k, 0) + 1
        elif b.kind == "list_item":
            counts["list"] = counts.get("list", 0) + 1
        elif b.kind == "quote":
            counts["blockquote"] = counts.get("blockquote", 0) + 1
    syl = [syllables(w) for w in words]
    paragraphs = [p for p in summary.split("\n\n") if p.strip()]
    sents = sum(max(1, len(re.findall(r"[.!?]+(?:\s|$)", p))) for p in paragraphs)
    counts.update(
        words=float(len(words)),
        syllables=float(sum(syl)),
        complex_words=float(
            sum(1 for w, s in zip(words, syl, strict=True) if s >= 3 and not w[:1].isupper())
        ),
        polysyllabic_words=float(sum(1 for s in syl if s >= 3)),
        long_words=float(sum(1 for w in words if len(w) > 6)),
        characters=float(sum(len(w) for w in words)),
        sentences=float(sents),
        paragraphs=float(len(paragraphs)),
    )
    return counts
