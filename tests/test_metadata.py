"""Review dates, reviewers and authors read from front matter and bylines."""

from __future__ import annotations

import datetime as dt

import pytest

from medlint.config import Settings
from medlint.document import parse_article
from medlint.document.dates import DateError, add_months, find_date, parse_date_value
from medlint.document.metadata import Metadata, extract_metadata, parse_person


def meta(text: str, name: str = "a.txt", **settings: object) -> tuple[Metadata, str]:
    article, _ = parse_article(name, text)
    return extract_metadata(article, Settings(**settings)), article.source  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-19", dt.date(2026, 1, 19)),
        ("2026/01/19", dt.date(2026, 1, 19)),
        ("2026-01-19T10:30:00Z", dt.date(2026, 1, 19)),
        ("January 19th, 2026", dt.date(2026, 1, 19)),
        ("Jan. 19 2026", dt.date(2026, 1, 19)),
        ("Sept 3, 2025", dt.date(2025, 9, 3)),
        ("Monday, January 19, 2026", dt.date(2026, 1, 19)),
        ("19 January 2026", dt.date(2026, 1, 19)),
        ("the 19th of January, 2026", dt.date(2026, 1, 19)),
        ("3 March 2025", dt.date(2025, 3, 3)),
        ("01/02/2026", dt.date(2026, 1, 2)),
        ("1.2.2026", dt.date(2026, 1, 2)),
        ("01-02-26", dt.date(2026, 1, 2)),
        ("March 2026", dt.date(2026, 3, 1)),
    ],
)
def test_date_shapes(text: str, expected: dt.date) -> None:
    got = find_date(text)
    assert got is not None and got[0] == expected


def test_numeric_dates_follow_date_order() -> None:
    got = find_date("01/02/2026", "day-first")
    assert got is not None and got[0] == dt.date(2026, 2, 1)
    with pytest.raises(DateError, match="date-order"):
        find_date("23/09/2026", "month-first")
    got = find_date("23/09/2026", "day-first")
    assert got is not None and got[0] == dt.date(2026, 9, 23)


@pytest.mark.parametrize("text", ["2026-02-30", "February 30, 2026", "31 April 2026", "13/13/2026"])
def test_impossible_dates_raise(text: str) -> None:
    with pytest.raises(DateError):
        find_date(text)


def test_parse_date_value() -> None:
    assert parse_date_value(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert parse_date_value(dt.datetime(2026, 1, 2, 5, 0)) == dt.date(2026, 1, 2)
    assert parse_date_value("Jan 2, 2026") == dt.date(2026, 1, 2)
    for bad in ("soon", True, None, ["2026-01-02"]):
        with pytest.raises(DateError):
            parse_date_value(bad)


def test_add_months_clamps_the_day() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 23), 12) == dt.date(2027, 11, 23)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_byline_glued_to_artifact() -> None:
    md, src = meta(
        "Title\nRead MoreMedically reviewed by Ana Ruiz | MD, Ruiz Family Clinic - Austin "
        "on January 19th, 2026.\nBody text.\n"
    )
    (rev,) = md.reviewers
    assert rev.name == "Ana Ruiz" and rev.credentials == ["MD"]
    assert src[rev.start : rev.end] == "Ana Ruiz | MD"
    (date,) = md.dates
    assert date.date == dt.date(2026, 1, 19) and src[date.start : date.end] == "January 19th, 2026"


def test_reviewer_with_updated_date() -> None:
    md, _ = meta("Title\nReviewed by Sam Lee, PharmD — Updated 3 March 2025\nBody.\n")
    assert [(p.name, p.credentials) for p in md.reviewers] == [("Sam Lee", ["PharmD"])]
    assert [(d.kind, d.date) for d in md.dates] == [("updated", dt.date(2025, 3, 3))]


def test_fact_checker_is_not_a_reviewer() -> None:
    md, _ = meta("Title\nFact-checked by Lena Park\nBody.\n")
    assert not md.reviewers
    assert [p.name for p in md.fact_checkers] == ["Lena Park"]


def test_author_and_dates_on_one_line() -> None:
    md, _ = meta("Title\nBy Tom Reyes, RN | Last updated on Jan 19, 2026\nBody.\n")
    assert [(p.name, p.credentials) for p in md.authors] == [("Tom Reyes", ["RN"])]
    assert md.latest is not None and md.latest.date == dt.date(2026, 1, 19)


def test_prose_is_not_a_byline() -> None:
    md, _ = meta(
        "Title\nThe drug was reviewed by the FDA on March 3, 2019.\n"
        "Updated guidelines from 2024 recommend it.\nBy 2030, cases may double.\n"
        "The pills were previewed by Health Canada on May 1, 2020.\n"
    )
    assert not md.dates and not md.reviewers and not md.authors


def test_last_reviewed_label_forms() -> None:
    md, _ = meta("Title\nLast reviewed: 2026-01-19\nBody.\n")
    assert md.latest is not None and md.latest.date == dt.date(2026, 1, 19)
    md, _ = meta("Title\nLast reviewed: 2026-02-30\nBody.\n")
    (bad,) = md.bad_dates
    assert "not a real date" in (bad.error or "")
    md, _ = meta("Title\nLast updated: N/A\nBody.\n")
    assert md.bad_dates and md.latest is None


def test_next_review_due_is_ignored() -> None:
    md, _ = meta("Title\nLast reviewed: 2026-05-01 | Next review due: 2027-05-01\nBody.\n")
    assert [d.date for d in md.dates] == [dt.date(2026, 5, 1)]


def test_front_matter_reviewer_mapping_and_string() -> None:
    md, src = meta(
        "---\ntitle: T\nmedically_reviewed_by:\n  name: Jane Doe\n  credentials: PA-C\n"
        "last_reviewed: 2026-03-01\nauthor: Ana Ruiz\n---\nBody.\n",
        "a.md",
    )
    assert [(p.name, p.credentials) for p in md.reviewers] == [("Jane Doe", ["PA-C"])]
    assert [p.name for p in md.authors] == ["Ana Ruiz"]
    (date,) = md.dates
    assert date.date == dt.date(2026, 3, 1) and src[date.start : date.end] == "2026-03-01"
    md, _ = meta("---\ntitle: T\nreviewer: Jane Doe, PhD, MPH\n---\nBody.\n", "a.md")
    assert [(p.name, p.credentials) for p in md.reviewers] == [("Jane Doe", ["PhD", "MPH"])]


@pytest.mark.parametrize(
    ("text", "name", "creds", "hon"),
    [
        ("Jane Doe, MD, FACP", "Jane Doe", ["MD", "FACP"], ""),
        ("Jane Doe MD", "Jane Doe", ["MD"], ""),
        ("Dr. Priya Nair, MBBS", "Priya Nair", ["MBBS"], "Dr"),
        ("Maria de la Cruz, RN", "Maria de la Cruz", ["RN"], ""),
        ("Sam Lee, Pharm.D.", "Sam Lee", ["Pharm.D"], ""),
        ("Jane Doe, do not", "Jane Doe", [], ""),
    ],
)
def test_parse_person(text: str, name: str, creds: list[str], hon: str) -> None:
    p = parse_person(text)
    assert p is not None
    assert (p.name, p.credentials, p.honorific) == (name, creds, hon)
