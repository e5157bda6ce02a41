"""The shared evidence notions: stated rates and citations nearby (medlint/analysis/evidence.py)."""

from __future__ import annotations

import pytest

from medlint.analysis import Analysis
from medlint.analysis.evidence import compute, find_marks, find_rates, format_rate, parse_number
from medlint.config import Settings
from medlint.document import detect_format, parse_article


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("3%", 0.03, 0.03),
        ("1 in 4", 0.25, 0.25),
        ("3 out of 100", 0.03, 0.03),
        ("one in ten", 0.1, 0.1),
        ("fewer than 1 in 10,000", 0.0, 0.0001),
        ("0.1 percent", 0.001, 0.001),
        ("5 per 1,000 people", 0.005, 0.005),
        ("2–5%", 0.02, 0.05),
        ("between 2 and 5 percent", 0.02, 0.05),
        ("may affect up to 1 in 1 000 people", 0.0, 0.001),
        ("more than 1 in 10 people", 0.1, 1.0),
        ("affects 1 to 10 users in 100", 0.01, 0.1),
        ("1/100 of patients", 0.01, 0.01),
        ("half of them", 0.5, 0.5),
        ("ten per cent", 0.1, 0.1),
    ],
)
def test_rates(text: str, lo: float, hi: float) -> None:
    rates = find_rates(text)
    assert len(rates) == 1, rates
    assert rates[0].lo == pytest.approx(lo)
    assert rates[0].hi == pytest.approx(hi)


@pytest.mark.parametrize(
    "text",
    [
        "50 in 2020",  # a count in a year
        "on 3/12/2020",  # a date
        "blood pressure of 120/80",  # a reading
        "5 mg in 10 ml",  # a concentration
        "one in the morning",
    ],
)
def test_not_rates(text: str) -> None:
    assert find_rates(text) == []


def test_parse_number() -> None:
    assert parse_number("10,000") == 10000
    assert parse_number("1 000") == 1000
    assert parse_number("a thousand") == 1000
    assert parse_number("ten thousand") == 10000
    assert parse_number("twenty-five") == 25
    assert parse_number("many") is None


def test_format_rate() -> None:
    assert format_rate(0.03) == "3%"
    assert format_rate(0.125) == "12.5%"
    assert format_rate(0.0005) == "0.05%"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Walking helps [3].", "reference"),
        ("Walking helps [3, 4].", "reference"),
        ("Walking helps.^2", "reference"),
        ("Walking helps³ most people.", "reference"),
        ("Walking helps (Smith et al., 2021).", "author-year"),
        ("Walking helps (Smith and Jones 2019).", "author-year"),
        ("Smith et al. (2019) found that walking helps.", "author-year"),
        ("See https://example.org/walking for details.", "url"),
        ("See www.example.org for details.", "url"),
        ("See nih.gov/walking for details.", "url"),
        ("A 2019 Cochrane review found that walking helps.", "dated-source"),
        ("In a 2021 study, walking helped.", "dated-source"),
        ("It was published in the New England Journal of Medicine.", "named-source"),
        ("Walking helps, according to the CDC.", "named-source"),
        ("Researchers at the University of Leeds found this.", "named-source"),
        ("“Walking helps,” Smith said.", "speaker"),
    ],
)
def test_citations(text: str, kind: str) -> None:
    kinds = {m.kind for m in find_marks(text)}
    assert kind in kinds, kinds


@pytest.mark.parametrize(
    "text",
    [
        "Research suggests that walking helps.",
        "He said walking helps.",
        "Visit Doctronic.ai for advice.",  # a bare domain is not a source link
        "Write to info@example.com.",
        "Take 2 tablets in 2021.",
    ],
)
def test_no_citation(text: str) -> None:
    marks = [m for m in find_marks(text) if m.is_citation or m.kind == "named-source"]
    assert marks == [], marks


def test_links_from_the_parser_count_and_evidence_is_cached() -> None:
    text = "# Walking\n\nStudies show it helps ([trial](https://example.org/t)).\n\n## References\n"
    art, _ = parse_article("a.md", text, detect_format("a.md"), None)
    analysis = Analysis(art, Settings())
    ev = analysis.evidence
    assert ev is analysis.evidence  # computed once per article
    block = next(b for b in art.prose_blocks())
    assert ev.cited(block)
    assert any(m.kind == "link" for m in ev.marks_in(block))
    assert ev.sources_section is not None
    assert ev.any_source


def test_rates_in_a_span() -> None:
    text = "# Rash\n\nRash is common (3%). Fainting is rare.\n"
    art, _ = parse_article("a.md", text, detect_format("a.md"), None)
    ev = compute(art)
    block = next(b for b in art.prose_blocks())
    assert [r.text for r in ev.rates_in(block)] == ["3%"]
    start = block.text.index("Fainting")
    assert ev.rates_in(block, start) == []
