"""Matches.fact: a fact that reads matches, computed once per article."""

from __future__ import annotations

from medlint.analysis import Analysis
from medlint.config import Settings
from medlint.document import detect_format, parse_article
from medlint.matching import Matches, MatchLayer


def test_fact_is_computed_once_per_article() -> None:
    art, _ = parse_article("a.md", "# T\n\nText.\n", detect_format("a.md"), None)
    matches = MatchLayer([]).matches(Analysis(art, Settings()))
    calls: list[int] = []

    def count(m: Matches) -> int:
        calls.append(1)
        return len(m.analysis.body_blocks)

    assert matches.fact(count) == matches.fact(count)
    assert len(calls) == 1
