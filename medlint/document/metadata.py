"""Review and authorship facts, from front matter and from bylines in the body.

Front matter key names come from the ``metadata`` config (defaults in
:data:`medlint.config.DEFAULT_METADATA`).  Without them, bylines in the body are
read, in the shapes scraped articles have: "Medically reviewed by NAME, MD on
January 19th, 2026", "Last reviewed: 2026-01-19", "Updated March 3, 2025".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from medlint.document.dates import DATE_LIKE, DateError, find_date, parse_date_value

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings
    from medlint.document.model import Article

REVIEWER_RE = re.compile(
    r"(?:(?:medically|clinically|medical(?:ly)?|expert|pharmacist)[\s-]+)?(?:reviewed|fact[\s-]*checked)\s+by\s*:?\s+",
    re.I,
)
DATE_LINE_RE = re.compile(
    r"\b(?:last\s+)?(?:medically\s+)?(?:reviewed|updated|modified|revised)(?:\s+on)?\s*[:\-–—]?\s*",
    re.I,
)
AUTHOR_RE = re.compile(r"^(?:written\s+)?by\s+(?=[A-Z])", re.I)


@dataclass
class DateFact:
    kind: str  # reviewed | updated
    date: dt.date | None
    start: int
    end: int
    origin: str  # "front matter key" or "byline"
    raw: str = ""
    error: str | None = None


@dataclass
class PersonFact:
    role: str  # reviewer | author
    name: str
    start: int
    end: int
    origin: str
    raw: str = ""


@dataclass
class Metadata:
    dates: list[DateFact] = field(default_factory=list)
    reviewers: list[PersonFact] = field(default_factory=list)
    authors: list[PersonFact] = field(default_factory=list)

    @property
    def valid_dates(self) -> list[DateFact]:
        return [d for d in self.dates if d.date is not None]

    @property
    def latest(self) -> DateFact | None:
        good = self.valid_dates
        return max(good, key=lambda d: d.date or dt.date.min) if good else None


def _fm_key_span(article: Article, key: str) -> tuple[int, int]:
    span = article.front_matter_span
    if span is None:
        return article.anchor
    m = re.search(rf"^{re.escape(key)}\s*:(.*)$", article.source[span[0] : span[1]], re.M)
    if not m:
        return article.anchor
    return span[0] + m.start(), span[0] + m.end()


def _from_front_matter(article: Article, settings: Settings, md: Metadata) -> None:
    fm = article.front_matter
    if not fm:
        return
    keys = settings.metadata
    for key in keys.get("review-date", []):
        if key in fm and fm[key] not in (None, ""):
            a, b = _fm_key_span(article, key)
            kind = "updated" if "updat" in key or key == "date" else "reviewed"
            try:
                value = parse_date_value(fm[key], settings.date_order)
                md.dates.append(
                    DateFact(kind, value, a, b, f"front matter key '{key}'", str(fm[key]))
                )
            except DateError as exc:
                md.dates.append(
                    DateFact(kind, None, a, b, f"front matter key '{key}'", str(fm[key]), str(exc))
                )
    for role, target in (("reviewer", md.reviewers), ("author", md.authors)):
        for key in keys.get(role, []):
            val = fm.get(key)
            if isinstance(val, dict):
                val = val.get("name")
            names = val if isinstance(val, list) else [val]
            for name in names:
                if isinstance(name, dict):
                    name = name.get("name")
                if isinstance(name, str) and name.strip():
                    a, b = _fm_key_span(article, key)
                    target.append(
                        PersonFact(role, name.strip(), a, b, f"front matter key '{key}'", name)
                    )


def _from_body(article: Article, settings: Settings, md: Metadata) -> None:
    for block in article.body_blocks():
        text = block.text
        if len(text) > 600:  # bylines are short; long paragraphs are prose
            continue
        for m in REVIEWER_RE.finditer(text):
            rest = text[m.end() :]
            stop = re.search(r"\s+(?:on|—|–)\s+|\s+-\s+|\.\s|$", rest)
            name = rest[: stop.start()] if stop else rest
            name = name.strip(" ,.|")
            if name:
                a, b = block.src_span(
                    m.start(), m.end() + len(rest[: stop.start() if stop else len(rest)])
                )
                md.reviewers.append(PersonFact("reviewer", name, a, b, "byline", text[m.start() :]))
            _date_after(block, m.end(), "reviewed", settings, md)
        if not REVIEWER_RE.search(text):
            for m in DATE_LINE_RE.finditer(text):
                if m.start() > 0 and text[m.start() - 1].isalpha():
                    continue
                _date_after(
                    block,
                    m.end(),
                    "updated" if "updat" in m.group(0).lower() else "reviewed",
                    settings,
                    md,
                )
                break
        am = AUTHOR_RE.match(text)
        if am and len(text.split()) <= 12:
            name = re.split(
                r"\s+(?:on|\||—|–|-)\s+|,\s*(?:updated|published)",
                text[am.end() :],
                maxsplit=1,
                flags=re.I,
            )[0]
            a, b = block.src_span(am.start(), am.end() + len(name))
            md.authors.append(PersonFact("author", name.strip(" ,."), a, b, "byline", text))


def _date_after(block: object, pos: int, kind: str, settings: Settings, md: Metadata) -> None:
    from medlint.document.model import Block

    assert isinstance(block, Block)
    window = block.text[pos : pos + 160]
    try:
        got = find_date(window, settings.date_order)
    except DateError as exc:
        dl = DATE_LIKE.search(window)
        s, e = (pos + dl.start(), pos + dl.end()) if dl else (pos, pos + len(window))
        a, b = block.src_span(s, e)
        md.dates.append(DateFact(kind, None, a, b, "byline", window[:60], str(exc)))
        return
    if got is None:
        dl = DATE_LIKE.search(window[:40])
        if dl:
            a, b = block.src_span(pos + dl.start(), pos + dl.end())
            md.dates.append(
                DateFact(
                    kind,
                    None,
                    a,
                    b,
                    "byline",
                    window[:60],
                    f"cannot read {dl.group(0)!r} as a date",
                )
            )
        return
    value, s, e = got
    a, b = block.src_span(pos + s, pos + e)
    md.dates.append(DateFact(kind, value, a, b, "byline", window[s:e]))


def extract_metadata(article: Article, settings: Settings) -> Metadata:
    md = Metadata()
    _from_front_matter(article, settings, md)
    _from_body(article, settings, md)
    return md
