"""What a check function receives: the article, its shared analysis and matches, its rule's
options, and helpers to report."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from medlint.analysis import Analysis
from medlint.findings import SAFE, Finding, Fix
from medlint.matching import Matches, MatchLayer

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from medlint.config import Settings
    from medlint.document.model import Article, Block
    from medlint.registry import Rule


class Context:
    def __init__(
        self,
        article: Article,
        settings: Settings,
        rule: Rule,
        analysis: Analysis | None = None,
        matches: Matches | None = None,
    ) -> None:
        self.article = article
        self.settings = settings
        self.rule = rule
        self.options: dict[str, Any] = {**rule.defaults(), **settings.rules.get(rule.code, {})}
        self.analysis = analysis if analysis is not None else Analysis(article, settings)
        if matches is None:
            matches = MatchLayer.for_rules([rule]).matches(self.analysis)
        self.matches = matches

    @property
    def today(self) -> dt.date:
        return self.settings.clock()

    @property
    def metadata(self) -> Any:
        """Review/author facts from front matter and bylines, computed once per article."""
        return self.analysis.metadata

    @property
    def memo(self) -> dict[Any, Any]:
        """A dictionary private to this rule, kept while the article is linted."""
        return self.analysis.memo(self.rule.code)

    # -- reporting ------------------------------------------------------

    def at(
        self, src_start: int, src_end: int, message: str, fix: Fix | None = None, **extra: Any
    ) -> Finding:
        """A finding on a source range (offsets into the decoded source)."""
        return Finding(
            code=self.rule.code,
            message=message,
            start=src_start,
            end=max(src_end, src_start),
            severity=self.rule.severity,
            name=self.rule.name,
            fix=fix,
            extra=dict(extra),
        )

    def finding(
        self,
        block: Block,
        start: int,
        end: int,
        message: str,
        fix: str | None = None,
        **extra: Any,
    ) -> Finding:
        """A finding on ``block.text[start:end]``; ``fix`` replaces exactly that text.

        The fix is dropped (the finding stays) when the source of the span is not that text
        (an entity, an escape or markup inside it): replacing it would change something else.
        """
        a, b = block.src_span(start, end)
        f = self.fix(block, start, end, fix) if fix is not None else None
        return self.at(a, b, message, f, **extra)

    def span_finding(self, block: Block, span: Span, message: str, **extra: Any) -> Finding:
        """A finding on a spaCy span of ``block``'s doc."""
        return self.finding(block, span.start_char, span.end_char, message, **extra)

    def article_finding(self, message: str, **extra: Any) -> Finding:
        """An article-level finding, anchored at the title or first line."""
        a, b = self.article.anchor
        return self.at(a, b, message, **extra)

    def fix(
        self, block: Block, start: int, end: int, replacement: str, applicability: str = SAFE
    ) -> Fix | None:
        """A fix replacing ``block.text[start:end]``, or None when the source of that span is
        not that text (see :meth:`Block.fix_span`) or the replacement is not a string.
        ``applicability``: ``UNSAFE`` when the rule is not sure (applied only with
        ``--unsafe-fixes``)."""
        if not isinstance(replacement, str):
            return None
        span = block.fix_span(self.article.source, start, end)
        return Fix(span[0], span[1], replacement, applicability) if span is not None else None
