"""Review and authorship facts, from front matter and from bylines in the body.

Front matter key names come from the ``metadata`` config (defaults in
:data:`medlint.config.DEFAULT_METADATA`).  Bylines in the body are read in the shapes scraped
articles have, also when they are glued to a preceding artifact::

    Medically reviewed by Jane Doe, MD on January 19th, 2026
    Read MoreMedically reviewed by Jane Doe | MD, Doe Family Practice - Boston on May 2, 2026
    Reviewed by Sam Lee, PharmD — Updated 3 March 2025
    Fact-checked by Ana Ruiz
    By Tom Reyes, RN | Last updated on Jan 19, 2026
    Last reviewed: 2026-01-19
    This article was medically reviewed by Dr. Ann Kim on 19 January 2026.

A byline trigger ("reviewed by", "updated", "by", …) only counts at the start of a block, after
a separator (``|``, ``—``, ``:``, a sentence end), glued to a previous word with a capital
("MoreMedically"), or after "This article was …", so prose such as "the drug was reviewed by the
FDA in 2019" is never read as a byline.  Dates are read by :mod:`medlint.document.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from medlint.document.dates import DATE_LIKE, DateError, find_date, parse_date_value
from medlint.matching.prefilter import find_spans, lowering_is_exact, may_match

if TYPE_CHECKING:  # pragma: no cover
    from medlint.config import Settings
    from medlint.document.model import Article, Block

MAX_BYLINE_BLOCK = 600  # in longer blocks only the edges can hold a byline
BYLINE_EDGE = 300  # "… last sentence. (Reporting by NAME; editing by NAME)"

_TRIGGER = re.compile(
    r"""
    (?P<next>next\s+review(?:\s+(?:due|date))?|review\s+due)
    |(?P<rev>(?:(?:medically|clinically|medical|clinical|expert|pharmacist|physician|doctor|nurse)
              [\s-]+)?reviewed\s+by
         |(?:medical\s+|clinical\s+)?reviewer\s*:
         |(?:medical|clinical)\s+review\s+by)
    |(?P<fact>fact[\s-]*checked\s+by)
    |(?P<author>(?:written|authored|reported|reporting|writing|posted)\s+by|by(?=\s)|author\s*:|writer\s*:|words\s+by)
    |(?P<cur>evidence\s+(?:in\s+this\s+review\s+)?is\s+(?:current|up[\s-]+to[\s-]+date)\s+(?:to|as\s+of|until|through))
    |(?P<date>(?:(?:page|content|article|information)\s+)?(?:last\s+|date\s+)?(?:medically\s+)?
              (?:reviewed|updated|modified|revised|published|posted)\b(?!\s+by)
         |(?:last\s+)?review\s+date|date\s+(?:of\s+)?(?:last\s+)?review(?:ed)?|last\s+review\b)
    """,
    re.I | re.X,
)
# Every _TRIGGER match starts with one of these words (lower case): _trigger_matches looks
# for them in the lower-cased text (a case-sensitive literal alternation, which ``re``
# scans for quickly) and tries _TRIGGER only there.
_TRIGGER_START = re.compile(
    "|".join(
        (
            "next", "review", "medically", "clinically", "medical", "clinical", "expert",
            "pharmacist", "physician", "doctor", "nurse", "fact", "written", "authored",
            "reported", "reporting", "writing", "by", "author", "writer", "words", "page",
            "content", "article", "information", "last", "date", "updated", "modified",
            "revised", "published", "posted", "evidence",
        )
    )
)  # fmt: skip


def _trigger_matches(
    text: str, low: str, pos: int = 0, endpos: int | None = None
) -> list[re.Match[str]]:
    """``list(_TRIGGER.finditer(text, pos, endpos))``, computed faster.

    ``finditer`` tries the (case-insensitive, many-branched) pattern at every position;
    here it is tried only where ``_TRIGGER_START`` finds a possible first word, which every
    match has, so the matches are the same.  ``low`` is ``text.lower()``; when lowering
    changes lengths or the text holds a letter whose case folding ``str.lower`` does not
    mirror, the plain ``finditer`` is used."""
    end = len(text) if endpos is None else min(endpos, len(text))
    if not lowering_is_exact(text, low):
        return list(_TRIGGER.finditer(text, pos, end))
    out: list[re.Match[str]] = []
    while True:
        a = _TRIGGER_START.search(low, pos, end)
        if a is None:
            return out
        start = a.start()
        m = _TRIGGER.match(text, start, end)
        if m is None:
            pos = start + 1
            continue
        out.append(m)
        pos = m.end() if m.end() > start else start + 1


_DIGIT = re.compile(r"\d")
_LABEL_AFTER = re.compile(r"(?:\s+(?:on|in|at|as\s+of))?\s*[:\-–—]?\s*")
_SEPARATORS = "|•·—–-:;/,([.!?"
_LEADIN = re.compile(
    r"(?<![A-Za-z])(?:this|the)\s+(?:[a-z-]+\s+){0,2}(?:article|page|content|information|post|"
    r"story|guide|leaflet|text|fact\s+sheet|material|summary|piece)\s+"
    r"(?:was|has\s+been|is|were|have\s+been)\s+(?:last\s+)?$",
    re.I,
)
# A date label that promises a date, so that what follows it is read as one or reported
# (R104): "Last reviewed", "Date of review", "Review date" — not a bare "reviewed".
_STRICT_LABEL = re.compile(r"\b(?:last|date)\b|^review\b(?!ed)", re.I)
# Words before a name that say who the person is: "written by a consumer Ben Gray".
_ROLE_BEFORE_NAME = re.compile(r"(?:an?|our)\s+(?:[a-z-]+,?\s+){1,3}(?=[A-Z])")
# What may stand between a date trigger and its date: a weekday, a time of day, a time zone.
_DATE_PREFIX = re.compile(
    r"(?:the\s+)?(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\s*,?\s*"
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?)?",
    re.I,
)
_NAME_TOKEN = r"(?:[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.)"
_PARTICLE = r"(?:de|del|della|der|den|van|von|da|di|du|la|le|bin|ibn|al|el|y)"
_NAME = re.compile(
    rf"(?:(?P<hon>[A-Z][a-z]{{1,8}})\.?\s+)?(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{0,4}})"
)
_NAME_ONLY = re.compile(
    rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{0,4}})"
)
_CRED_SEP = re.compile(r"\s*(?:,|\||/|;|\s)\s*")
_CRED_TOKEN = re.compile(r"[A-Za-z][A-Za-z.\-]*[A-Za-z.]|[A-Za-z]")


@dataclass
class DateFact:
    kind: str  # reviewed | updated | published | searched
    date: dt.date | None
    start: int  # source offsets of the date (or of the line, when there is no date)
    end: int
    origin: str  # "front matter key 'x'" or "byline"
    raw: str = ""
    error: str | None = None


@dataclass
class PersonFact:
    role: str  # reviewer | author | fact-checker
    name: str
    start: int  # source offsets of the name (and its credentials)
    end: int
    origin: str
    raw: str = ""
    credentials: list[str] = field(default_factory=list)  # as written: "MD", "PharmD"
    roles: list[str] = field(default_factory=list)  # role words: "pharmacist"
    honorific: str = ""


@dataclass
class Metadata:
    dates: list[DateFact] = field(default_factory=list)
    reviewers: list[PersonFact] = field(default_factory=list)
    authors: list[PersonFact] = field(default_factory=list)
    fact_checkers: list[PersonFact] = field(default_factory=list)

    @property
    def review_dates(self) -> list[DateFact]:
        """Review and update dates (a body "Published"/"Posted" date is not one, nor is a
        systematic review's "The evidence is current to DATE", the date of its last search
        for studies)."""
        return [d for d in self.dates if d.kind not in ("published", "searched")]

    @property
    def published(self) -> list[DateFact]:
        return [d for d in self.dates if d.kind == "published" and d.date is not None]

    @property
    def searched(self) -> list[DateFact]:
        """ "The evidence is current to DATE": the literature search date of a review."""
        return [d for d in self.dates if d.kind == "searched" and d.date is not None]

    @property
    def valid_dates(self) -> list[DateFact]:
        return [d for d in self.review_dates if d.date is not None]

    @property
    def bad_dates(self) -> list[DateFact]:
        return [d for d in self.review_dates if d.date is None]

    @property
    def latest(self) -> DateFact | None:
        good = self.valid_dates
        return max(good, key=lambda d: d.date or dt.date.min) if good else None


# -- credentials ------------------------------------------------------------------


def _norm_cred(token: str) -> str:
    return re.sub(r"[.\s]", "", token).upper()


@lru_cache(maxsize=1)
def _credential_sets() -> tuple[
    frozenset[str], frozenset[str], re.Pattern[str] | None, frozenset[str], frozenset[str]
]:
    from medlint import packs

    pack = packs.load("credentials")
    clinical = frozenset(_norm_cred(str(c)) for c in pack.get("clinical") or [])
    other = frozenset(_norm_cred(str(c)) for c in pack.get("non-clinical") or [])
    roles = sorted({str(r) for r in pack.get("clinical-roles") or []}, key=len, reverse=True)
    role_re = (
        # (lower-cased: the same matches under re.I, and it lets clinical_roles search the
        # lower-cased text without re.I)
        re.compile(r"\b(?:" + "|".join(re.escape(r.lower()) for r in roles) + r")s?\b", re.I)
        if roles
        else None
    )
    hon = frozenset(str(h).lower().rstrip(".") for h in pack.get("honorifics") or [])
    not_names = frozenset(str(w).lower() for w in pack.get("not-names") or [])
    return clinical, other, role_re, hon, not_names


@lru_cache(maxsize=1)
def _staff_words() -> frozenset[str]:
    """Last words of a group byline ("Mayo Clinic Staff", "the Editorial Team")."""
    from medlint import packs

    return frozenset(str(w).lower() for w in packs.load("credentials").get("staff-words") or [])


def is_credential(token: str) -> bool:
    """A clinical or non-clinical degree written as a credential (not an all-lower-case word)."""
    if token.islower():
        return False
    clinical, other, *_ = _credential_sets()
    n = _norm_cred(token)
    return n in clinical or n in other


def is_clinical(token: str) -> bool:
    clinical = _credential_sets()[0]
    return not token.islower() and _norm_cred(token) in clinical


def clinical_roles(text: str) -> list[str]:
    role_re = _credential_sets()[2]
    if role_re is None:
        return []
    # the same matches as role_re.finditer(text), found in the lower-cased text when the
    # (case-insensitive) pattern allows it, which is faster
    return [text[a:b] for a, b in find_spans(role_re, text, text.lower())]


@dataclass
class _Person:
    name: str
    start: int  # offsets into the parsed text
    end: int
    credentials: list[str]
    honorific: str


def parse_person(text: str, pos: int = 0) -> _Person | None:
    """A person's name at ``text[pos:]`` ("Dr. Jane Doe, MD, FACP"), with its credentials."""
    _, _, _, honorifics, not_names = _credential_sets()
    if text.startswith("the ", pos):
        group = parse_person(text, pos + 4)  # "By the Mayo Clinic Staff"
        if group is not None and group.name.split()[-1].lower() in _staff_words():
            return group
        return None
    m = _NAME.match(text, pos)
    if not m:
        return None
    hon = m.group("hon") or ""
    name_start = m.start()
    if hon and hon.lower() not in honorifics:
        # not an honorific ("Jane Doe"): the first word is part of the name
        hon = ""
        m = _NAME_ONLY.match(text, pos)
        if not m:
            return None
    words = m.group("name").split()
    # Credentials written without a comma ("Jane Doe MD") end the name.
    kept: list[str] = []
    for w in words:
        if kept and is_credential(w.rstrip(",")):
            break
        kept.append(w)
    while kept and kept[-1].lower() in _particles():
        kept.pop()
    if not kept:
        return None
    name_text_start = m.start("name")
    end = text.index(kept[-1], name_text_start) + len(kept[-1])
    if not _is_name(kept, text, end, not_names):
        return None
    name = " ".join(kept)
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1]
        end -= 1
    creds: list[str] = []
    cur = end
    while True:
        sep = _CRED_SEP.match(text, cur)
        at = sep.end() if sep else cur
        tok = _CRED_TOKEN.match(text, at)
        if not tok or not is_credential(tok.group(0).rstrip(".")):
            break
        creds.append(tok.group(0).rstrip("."))
        cur = end = tok.end()
    return _Person(name, name_start, end, creds, hon)


_INITIAL = re.compile(r"[A-Z]\.")
_CRED_AFTER = re.compile(r"\s*,?\s*([A-Za-z][A-Za-z.\-]*[A-Za-z.]|[A-Za-z])")


def _is_name(kept: list[str], text: str, end: int, not_names: frozenset[str]) -> bool:
    """Are the capitalised words ``kept`` a name (dropping a group byline's "The")?"""
    if kept[0].lower() == "the" and kept[-1].lower() in _staff_words() and len(kept) > 1:
        kept.pop(0)  # "By The Mayo Clinic Staff": a group byline
    return kept[0].lower().rstrip(".") not in not_names or _initial_or_name(kept, text, end)


def _initial_or_name(kept: list[str], text: str, end: int) -> bool:
    """Is a first word that is also a common word ("A", "An") a name here?  "A." is an
    initial; "A Smith, MD" and "An Nguyen, MD" are names because a credential follows."""
    if _INITIAL.fullmatch(kept[0]):
        return True
    if len(kept) < 2 or kept[0].lower() not in ("a", "an"):
        return False
    after = _CRED_AFTER.match(text, end)
    return after is not None and is_credential(after.group(1).rstrip("."))


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(_PARTICLE[3:-1].split("|"))


# -- front matter -------------------------------------------------------------------


def _fm_key_span(article: Article, key: str) -> tuple[int, int]:
    span = article.front_matter_span
    if span is None:
        return article.anchor
    m = re.search(rf"^{re.escape(key)}\s*:(.*)$", article.source[span[0] : span[1]], re.M)
    if not m:
        return article.anchor
    value_start = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip())
    a, b = span[0] + value_start, span[0] + m.end(1)
    if b <= a:  # a block value on the next lines: point at the key
        return span[0] + m.start(), span[0] + m.end()
    return a, b


def _person_from_value(value: Any) -> tuple[str, list[str]] | None:
    """(name, credentials) from a front matter value: "Jane Doe, MD" or {name:, credentials:}."""
    creds: list[str] = []
    if isinstance(value, dict):
        name = value.get("name")
        for key in ("credentials", "credential", "degree", "degrees", "title", "suffix"):
            extra = value.get(key)
            if isinstance(extra, str):
                creds.extend(t for t in re.split(r"[,\s|/]+", extra) if t)
            elif isinstance(extra, list):
                creds.extend(str(t) for t in extra)
        value = name
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    person = parse_person(text)
    if person is None:
        # keep the credentials out of the name: "A. Smith, MD" is not named "A. Smith, MD"
        parts = [p.strip() for p in text.split(",")]
        while len(parts) > 1 and is_credential(parts[-1].rstrip(".")):
            creds.insert(0, parts.pop().rstrip("."))
        return ", ".join(parts), creds
    tail = text[person.end :]
    creds = [*person.credentials, *creds]
    for tok in re.split(r"[,\s|/;]+", tail):
        if tok and is_credential(tok.rstrip(".")) and tok.rstrip(".") not in creds:
            creds.append(tok.rstrip("."))
    return person.name, creds


def _from_front_matter(article: Article, settings: Settings, md: Metadata) -> None:
    fm = article.front_matter
    if not fm:
        return
    keys = settings.metadata
    for key in keys.get("review-date", []):
        if key not in fm or fm[key] in (None, ""):
            continue
        a, b = _fm_key_span(article, key)
        low = key.lower()
        # every configured key is a review/update date, `date` included (SPEC section 2)
        kind = "updated" if "updat" in low or "modif" in low or low == "date" else "reviewed"
        origin = f"front matter key '{key}'"
        try:
            value = parse_date_value(fm[key], settings.date_order)
            md.dates.append(DateFact(kind, value, a, b, origin, str(fm[key])))
        except DateError as exc:
            md.dates.append(DateFact(kind, None, a, b, origin, str(fm[key]), str(exc)))
    for role, target in (("reviewer", md.reviewers), ("author", md.authors)):
        for key in keys.get(role, []):
            val = fm.get(key)
            values = val if isinstance(val, list) else [val]
            for item in values:
                got = _person_from_value(item)
                if got is None:
                    continue
                name, creds = got
                a, b = _fm_key_span(article, key)
                target.append(
                    PersonFact(
                        role,
                        name,
                        a,
                        b,
                        f"front matter key '{key}'",
                        str(item),
                        credentials=creds,
                        roles=clinical_roles(str(item)),
                    )
                )


# -- bylines in the body ------------------------------------------------------------


def _glued_ok(prefix: str, kind: str, matched: str) -> bool:
    """A trigger glued to the word before it: "Read MoreMedically reviewed by …" near the
    start of a block, or a footer glued to its end ("…more informationPage last reviewed")."""
    return (
        prefix[-1].islower()
        and matched[:1].isupper()
        and (len(prefix) <= 60 or (kind in ("rev", "date") and " " in matched.strip()))
    )


def _after_separator_ok(sep: str, kind: str, matched: str) -> bool:
    # a bare "by" after a comma is prose ("…, by Monday"); "(Reporting by …)" is a credit
    if kind == "author" and sep in ",(" and matched.lower() == "by":
        return False
    # a lower-case date word after a comma or bracket is prose, not a label
    return not (kind == "date" and matched[:1].islower() and sep in ",;(/")


def _position_ok(text: str, start: int, kind: str, matched: str) -> bool:
    """Is a trigger at ``text[start:]`` where a byline can begin (not inside prose)?

    Only a byline-shaped line starts a read: "peer-reviewed" (a hyphenated compound) and a
    lower-case "updated" after a comma ("the guidelines, updated in 2024, …") are prose."""
    prefix = text[:start]
    if kind == "cur" and prefix[-4:].lower() == "the ":
        prefix = prefix[:-4]  # "The evidence is current to …"
    if not prefix.strip():
        return True
    last = prefix[-1]
    if last.isalpha():
        return _glued_ok(prefix, kind, matched)
    if last == "-" and len(prefix) > 1 and prefix[-2].isalnum():
        return False  # a compound word: "peer-reviewed", "well-written by"
    stripped = prefix.rstrip()
    if stripped and stripped[-1] in _SEPARATORS:
        return _after_separator_ok(stripped[-1], kind, matched)
    if kind in ("rev", "date", "fact", "cur") and _LEADIN.search(prefix):
        return True
    if kind == "author" and matched.lower() != "by" and _LEADIN.search(prefix):
        return True  # "This summary has been written by …"
    # A capitalised trigger after a soft line break: "By Jane Doe Updated May 1, 2026"
    return matched[:1].isupper() and kind != "author" and last.isspace()


def _add_date(
    md: Metadata,
    block: Block,
    pos: int,
    limit: int,
    kind: str,
    settings: Settings,
    label: str,
    strict: bool,
    next_block: Block | None = None,
    origin: str = "byline",
) -> bool:
    """Read a date at ``block.text[pos:limit]`` (after a weekday or time, if any).

    ``strict``: the label promises a date ("Last reviewed:"), so text that is not a readable
    date is recorded as an unreadable date (R104); otherwise a missing date is simply no fact.
    """
    text = block.text
    window = text[pos : min(limit, pos + 80)]
    pre = _DATE_PREFIX.match(window)
    skip = pre.end() if pre else 0
    try:
        got = find_date(window[skip:], settings.date_order)
    except DateError as exc:
        dl = DATE_LIKE.search(window, skip)
        s, e = (dl.start(), dl.end()) if dl else (skip, len(window.rstrip()))
        a, b = block.src_span(pos + s, pos + e)
        md.dates.append(DateFact(kind, None, a, b, origin, window[s:e], str(exc)))
        return True
    if got is not None and got[1] <= 2:
        value, s, e = got
        a, b = block.src_span(pos + skip + s, pos + skip + e)
        md.dates.append(DateFact(kind, value, a, b, origin, window[skip + s : skip + e]))
        return True
    if not strict:
        return False
    dl = DATE_LIKE.search(window, skip)
    if dl is not None and dl.start() - skip <= 3:
        s, e = dl.start(), dl.end()
        msg = f"cannot read {dl.group(0)!r} as a date"
    else:
        rest = window[skip:]
        cut = re.search(r"[|•·—–]|\.\s|$", rest)
        shown = rest[: cut.start() if cut else len(rest)].strip(" .,;")
        if not shown and not rest.strip(" .,;"):
            # "Last updated:" ending the block: the date may be the next line
            if next_block is not None and _add_date(
                md, next_block, 0, len(next_block.text), kind, settings, label, strict=False
            ):
                return True
            lab_start = pos - len(label)
            a, b = block.src_span(lab_start, pos)
            md.dates.append(
                DateFact(
                    kind,
                    None,
                    a,
                    b,
                    origin,
                    label,
                    f"'{label.strip()}' is not followed by a date",
                )
            )
            return True
        if not shown or len(shown) > 40:
            return False
        s, e = skip, skip + len(rest) - len(rest.lstrip()) + len(shown)
        s = e - len(shown)
        msg = f"'{label.strip()}' is followed by {shown!r}, which is not a date"
    a, b = block.src_span(pos + s, pos + e)
    md.dates.append(DateFact(kind, None, a, b, origin, window[s:e], msg))
    return True


def _date_kind(trigger: str) -> str:
    low = trigger.lower()
    if "updat" in low or "modif" in low or "revis" in low:
        return "updated"
    if "publish" in low or "posted" in low:
        return "published"
    return "reviewed"


def _person_in_segment(
    md: Metadata,
    block: Block,
    role: str,
    m_end: int,
    seg_end: int,
    settings: Settings,
    min_words: int,
) -> None:
    text = block.text
    pos = m_end
    while pos < seg_end and text[pos] in " \t:":
        pos += 1
    role_before = _ROLE_BEFORE_NAME.match(text, pos, seg_end)
    if role_before is not None:
        pos = role_before.end()  # "written by a consumer Ben Gray"
    person = parse_person(text[:seg_end], pos)
    if person is None or len(person.name.split()) < min_words:
        return
    a, b = block.src_span(person.start, person.end)
    rest = text[person.end : seg_end]
    # every DATE_LIKE alternative holds a digit: a segment without one holds no date
    date_at = DATE_LIKE.search(rest) if _DIGIT.search(rest) else None
    role_zone = rest[: date_at.start()] if date_at else rest
    fact = PersonFact(
        role,
        person.name,
        a,
        b,
        "byline",
        text[person.start : seg_end].strip(),
        credentials=person.credentials,
        roles=clinical_roles(role_zone[:120]),
        honorific=person.honorific,
    )
    {"reviewer": md.reviewers, "author": md.authors, "fact-checker": md.fact_checkers}[role].append(
        fact
    )
    if role == "author" or date_at is None:
        return
    # "… MD on January 19th, 2026": the review date follows the reviewer's name.
    gap = rest[: date_at.start()]
    if len(gap) <= 120 and (
        re.search(r"(?:\bon(?:\s+the)?|[,|—–\-:;(])\s*$", gap) or not gap.strip()
    ):
        _add_date(
            md,
            block,
            person.end + date_at.start(),
            seg_end,
            "reviewed",
            settings,
            "reviewed by",
            strict=False,
        )


def _from_body(article: Article, settings: Settings, md: Metadata) -> None:
    body = list(article.body_blocks())
    for bi, block in enumerate(body):
        text = block.text
        long_block = len(text) > MAX_BYLINE_BLOCK
        found: list[tuple[re.Match[str], str]] = []
        low = text.lower()
        if not may_match(_TRIGGER, text, low):
            continue  # cheap pre-check: none of the literals every _TRIGGER match contains
        if long_block:
            # Bylines sit at the edges of a long block: scan only there (the regex is costly).
            tail = max(len(text) - BYLINE_EDGE, BYLINE_EDGE)
            head = _trigger_matches(text, low, 0, min(len(text), BYLINE_EDGE + 120))
            seen = {m.start() for m in head}
            matches = head + [m for m in _trigger_matches(text, low, tail) if m.start() not in seen]
        else:
            matches = _trigger_matches(text, low)
        for m in matches:
            if long_block and BYLINE_EDGE <= m.start() < len(text) - BYLINE_EDGE:
                continue
            kind = m.lastgroup or ""
            if _position_ok(text, m.start(), kind, m.group(0)):
                found.append((m, kind))
        for i, (m, kind) in enumerate(found):
            seg_end = found[i + 1][0].start() if i + 1 < len(found) else len(text)
            if kind == "next":
                continue
            if kind == "rev":
                _person_in_segment(md, block, "reviewer", m.end(), seg_end, settings, 1)
            elif kind == "fact":
                _person_in_segment(md, block, "fact-checker", m.end(), seg_end, settings, 1)
            elif kind == "author":
                bare = m.group(0).lower() == "by"
                if bare and (long_block or len(text.split()) > 40):
                    continue
                _person_in_segment(
                    md, block, "author", m.end(), seg_end, settings, 2 if bare else 1
                )
            elif kind in ("cur", "date"):
                nxt = body[bi + 1] if bi + 1 < len(body) and seg_end == len(text) else None
                _date_label(md, block, m, kind, seg_end, settings, nxt)


def _date_label(
    md: Metadata,
    block: Block,
    m: re.Match[str],
    kind: str,
    seg_end: int,
    settings: Settings,
    nxt: Block | None,
) -> None:
    """The date after a date label ("Last updated:", "The evidence is current to")."""
    text = block.text
    trig = m.group(0)
    after = _LABEL_AFTER.match(text, m.end())
    pos = after.end() if after else m.end()
    label = text[m.start() : pos]
    if kind == "cur":
        # a search date, not a review date: recorded so that R101 can name it
        origin = "'evidence is current to' line"
        _add_date(md, block, pos, seg_end, "searched", settings, label, False, origin=origin)
        return
    strict = ":" in label or _STRICT_LABEL.search(trig) is not None
    _add_date(md, block, pos, seg_end, _date_kind(trig), settings, label, strict, nxt)


def extract_metadata(article: Article, settings: Settings) -> Metadata:
    md = Metadata()
    _from_front_matter(article, settings, md)
    _from_body(article, settings, md)
    return md
