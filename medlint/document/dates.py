"""Reading the dates editors write: ISO, month names with or without ordinals, day-first, numeric."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"

ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
MONTH_FIRST = re.compile(rf"\b({_MON})\s+{_DAY},?\s+{_YEAR}\b", re.I)
DAY_FIRST = re.compile(rf"\b{_DAY}(?:\s+of)?\s+({_MON}),?\s+{_YEAR}\b", re.I)
MONTH_YEAR = re.compile(rf"\b({_MON}),?\s+{_YEAR}\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")

# Anything that looks like an attempt at a date, for "present but unreadable" (R104).
DATE_LIKE = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|{_MON}\s+\d|\d+(?:st|nd|rd|th)?\s+{_MON}|\b\d{{4}}\b",
    re.I,
)


class DateError(ValueError):
    """A date-shaped text that is not a real date (e.g. 2026-02-30)."""


def _mk(y: int, m: int, d: int, raw: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as exc:
        raise DateError(f"{raw!r} is not a real date ({exc})") from exc


def find_date(text: str, date_order: str = "month-first") -> tuple[dt.date, int, int] | None:
    """The first readable date in ``text`` with its span; raises DateError for an impossible one."""
    best: tuple[int, int, dt.date | None, str] | None = None
    cands: list[tuple[int, int, tuple[int, int, int], str]] = []
    for m in ISO.finditer(text):
        cands.append((m.start(), m.end(), (int(m[1]), int(m[2]), int(m[3])), m[0]))
    for m in MONTH_FIRST.finditer(text):
        cands.append(
            (m.start(), m.end(), (int(m[3]), MONTHS[m[1].lower().rstrip(".")], int(m[2])), m[0])
        )
    for m in DAY_FIRST.finditer(text):
        cands.append(
            (m.start(), m.end(), (int(m[3]), MONTHS[m[2].lower().rstrip(".")], int(m[1])), m[0])
        )
    for m in NUMERIC.finditer(text):
        a, b = int(m[1]), int(m[2])
        mo, d = (b, a) if date_order == "day-first" else (a, b)
        cands.append((m.start(), m.end(), (int(m[3]), mo, d), m[0]))
    if not cands:
        for m in MONTH_YEAR.finditer(text):
            cands.append(
                (m.start(), m.end(), (int(m[2]), MONTHS[m[1].lower().rstrip(".")], 1), m[0])
            )
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], -c[1]))
    start, end, (y, mo, d), raw = cands[0]
    best = (start, end, _mk(y, mo, d, raw), raw)
    assert best[2] is not None
    return best[2], best[0], best[1]


def parse_date_value(value: object, date_order: str = "month-first") -> dt.date:
    """A front matter value as a date; raises DateError when it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    got = find_date(text, date_order)
    if got is None:
        raise DateError(f"cannot read {text!r} as a date")
    return got[0]
