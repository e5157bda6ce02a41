"""Reading the dates editors write.

Shapes read (case-insensitive, anywhere in the text given):

* ISO: ``2026-01-19``, ``2026/01/19``, ``2026-01-19T10:30:00Z``
* month first: ``January 19th, 2026``, ``Jan. 19 2026``, ``Monday, January 19, 2026``
* day first: ``19 January 2026``, ``19th of Jan, 2026``, ``3 March 2025``
* numeric: ``01/02/2026``, ``1.2.2026``, ``01-02-2026``, ``01/02/26``: month first or day first
  as the ``date-order`` setting says (an order that only works the other way round is an error
  that names the setting)
* month and year: ``March 2026`` (read as the first of the month), only when no full date is there

A date-shaped text that is not a real date (``2026-02-30``, ``February 30, 2026``) raises
:class:`DateError`, which the review rules report as R104 instead of crashing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"

ISO = re.compile(r"(?<![\d/.-])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d/])")
MONTH_FIRST = re.compile(rf"\b({_MON})\s*{_DAY}(?![\d:])(?:\s*,\s*|\s+){_YEAR}\b", re.I)
DAY_FIRST = re.compile(rf"\b{_DAY}(?:\s+of)?\s+({_MON})(?:\s*,\s*|\s+){_YEAR}\b", re.I)
MONTH_YEAR = re.compile(rf"\b({_MON}),?\s+{_YEAR}\b", re.I)
NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]|\.\d)")

# Anything that looks like an attempt at a date, for "present but unreadable" (R104).
DATE_LIKE = re.compile(
    rf"\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    rf"|\b{_MON}\s*\d+(?:st|nd|rd|th)?(?:,?\s*\d{{2,4}})?|\b\d+(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s*\d{{2,4}})?|\b(?:19|20)\d{{2}}\b",
    re.I,
)

MIN_YEAR = 1900
MAX_YEAR = 2200


class DateError(ValueError):
    """A date-shaped text that is not a real date (e.g. 2026-02-30)."""


def _mk(y: int, m: int, d: int, raw: str) -> dt.date:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise DateError(f"{raw!r} has an implausible year ({y})")
    try:
        return dt.date(y, m, d)
    except ValueError as exc:
        raise DateError(f"{raw!r} is not a real date ({exc})") from exc


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _numeric(m: re.Match[str], date_order: str) -> dt.date:
    a, b, y = int(m[1]), int(m[3]), int(m[4])
    if len(m[4]) == 2:
        y += 2000
    mo, d = (b, a) if date_order == "day-first" else (a, b)
    try:
        return _mk(y, mo, d, m[0])
    except DateError:
        # Would the other order have been a real date?  Then say which setting to change.
        try:
            dt.date(y, d, mo)
        except ValueError:
            raise DateError(f"{m[0]!r} is not a real date") from None
        other = "day-first" if date_order != "day-first" else "month-first"
        raise DateError(
            f"{m[0]!r} is not a real date read {date_order}; if your dates are written "
            f'{other}, set `date-order = "{other}"` in the medlint config'
        ) from None


def find_date(text: str, date_order: str = "month-first") -> tuple[dt.date, int, int] | None:
    """The first date in ``text`` with its span, or ``None`` when there is none.

    Raises :class:`DateError` when the first date-shaped text is not a real date.
    """
    cands: list[tuple[int, int, tuple[Any, ...]]] = []  # (start, end, how to read it)
    for m in ISO.finditer(text):
        cands.append((m.start(), m.end(), ("ymd", int(m[1]), int(m[2]), int(m[3]), m[0])))
    for m in MONTH_FIRST.finditer(text):
        cands.append((m.start(), m.end(), ("ymd", int(m[3]), _month(m[1]), int(m[2]), m[0])))
    for m in DAY_FIRST.finditer(text):
        cands.append((m.start(), m.end(), ("ymd", int(m[3]), _month(m[2]), int(m[1]), m[0])))
    for m in NUMERIC.finditer(text):
        cands.append((m.start(), m.end(), ("num", m)))
    if not cands:
        for m in MONTH_YEAR.finditer(text):
            cands.append((m.start(), m.end(), ("ymd", int(m[2]), _month(m[1]), 1, m[0])))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], -c[1]))
    start, end, data = cands[0]
    if data[0] == "num":
        value = _numeric(data[1], date_order)
    else:
        _, y, mo, d, raw = data
        value = _mk(y, mo, d, raw)
    return value, start, end


def parse_date_value(value: object, date_order: str = "month-first") -> dt.date:
    """A front matter value as a date; raises DateError when it cannot be read."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        # YAML reads an unquoted 9999-12-31 as a date: hold it to the same year range
        return _mk(value.year, value.month, value.day, value.isoformat())
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DateError(f"cannot read {value!r} as a date")
    text = str(value).strip()
    got = find_date(text, date_order)
    if got is None:
        raise DateError(f"cannot read {text!r} as a date")
    return got[0]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length)."""
    total = day.year * 12 + (day.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(day.day, d))
        except ValueError:
            continue
    return dt.date(y, m, 28)  # pragma: no cover
