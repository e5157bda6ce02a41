"""M701–M707: medication and dose style (ISMP error-prone list; TJC "Do Not Use" list).

Every rule reads the packs ``rules/units.yaml`` (units, dose words, dosing verbs),
``rules/ismp.yaml`` (M701) and ``rules/drug-abbreviations.yaml`` (M706).  Patterns are
compiled once per process (``packs.pack_cache``: rebuilt when user packs change).  Code is never
in a block; URLs inside the text are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import nlp, packs
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import Option, rule

if TYPE_CHECKING:  # pragma: no cover
    from medlint.document.model import Article, Block


# A number as written in a dose: 10, 1,000, 2.5, .5
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_DIGIT = re.compile(r"\d")  # a block without a digit holds no dose
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|gov|net|edu|io)\S*")

SOURCES = {
    "TJC": 'on The Joint Commission "Do Not Use" list',
    "ISMP": "on ISMP's list of error-prone abbreviations",
    "TJC-F": 'on The Joint Commission list "for possible future inclusion"',
}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _strs(pack: dict[str, Any], key: str) -> list[str]:
    return [str(x) for x in pack.get(key) or []]


@dataclass(frozen=True)
class _Units:
    dose: re.Pattern[str]  # number + unit or dose word ("10 mg", "2 tablets")
    number: re.Pattern[str]
    verbs: re.Pattern[str] | None
    trailing: re.Pattern[str]  # M702
    leading: re.Pattern[str]  # M703
    fused: re.Pattern[str]  # M704
    plural: re.Pattern[str] | None
    plural_map: dict[str, str]
    period: re.Pattern[str]
    large: re.Pattern[str]  # M707
    lab: re.Pattern[str]  # "/dL" after a unit: a lab value
    symbols: re.Pattern[str]  # M705


def _build_units(pack: dict[str, Any]) -> _Units:
    dose_units = _strs(pack, "dose_units")
    words = _strs(pack, "dose_words")
    dose = re.compile(rf"(?<![\w.,])(?:{NUM})\s?-?\s?(?:{_alt(dose_units + words)})(?![\w])")
    verbs = _strs(pack, "dosing_verbs")
    verbs_re = re.compile(rf"\b(?:{_alt(verbs)})\b", re.I) if verbs else None
    prec = _alt(_strs(pack, "precision_units"))
    trailing = re.compile(
        rf"(?<![\w.,])(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.0+)(?![\d.])"
        rf"(?P<gap>\s?-?\s?)(?P<unit>{prec})(?![\w])"
    )
    leading = re.compile(rf"(?<![\w.,])(?P<frac>\.\d+)(?P<gap>\s?-?\s?)(?P<unit>{prec})(?![\w])")
    fused = re.compile(
        rf"(?<![\w.,])(?P<num>{NUM})(?P<unit>{_alt(_strs(pack, 'fused_units'))})(?![\w])"
    )
    plural_map = {str(k): str(v) for k, v in (pack.get("plural_units") or {}).items()}
    plural = (
        re.compile(
            rf"(?<![\w.,])(?P<num>{NUM})(?P<gap>\s?)(?P<unit>{_alt(list(plural_map))})(?![\w])"
        )
        if plural_map
        else None
    )
    period = re.compile(
        rf"(?<![\w.,])(?P<num>{NUM})(?P<gap>\s?)(?P<unit>mg|mcg|mL)\.(?=[ \t]+[a-z])"
    )
    large = re.compile(
        rf"(?<![\w.,])(?P<num>\d{{5,}})(?P<dec>\.\d+)?(?P<gap>\s?-?\s?)"
        rf"(?P<unit>{_alt(_strs(pack, 'large_dose_units'))})(?![\w])"
    )
    lab = re.compile(rf"^\s?/\s?(?:{_alt(_strs(pack, 'lab_denominators'))})(?![\w])")
    du = _alt(dose_units + words)
    dose_str = rf"(?:{NUM})\s?-?\s?(?:{du})(?![\w])"
    # a slash between doses counted in units or volumes ("25 units/10 units"); strengths of
    # combination products ("5 mg/80 mg", "sacubitril/valsartan 24 mg/26 mg") are their names
    slash_units = _alt(_strs(pack, "slash_units") or ["units", "unit", "IU", "U", "mL"])
    unit_dose = rf"(?:{NUM})\s?(?:{slash_units})(?![\w])"
    symbols = re.compile(
        rf"(?P<cmp>(?<![\w<>=])[<>](?![<>=])\s?)(?={dose_str})"  # "<10 mg", "> 5 mg"
        rf"|(?<!\S)(?P<at>@)(?=\s?\w)"  # "10 mg @ bedtime"
        rf"|(?<![\w.,]){dose_str}(?P<plus>\s?[&+]\s?)(?=\d|[A-Za-z])"  # "5 mg & 10 mg"
        rf"|(?<![\w.,]){unit_dose}(?P<slash>\s?/\s?)(?={unit_dose})"  # "25 units/10 units"
        rf"|(?<![\w])(?P<xd>x\s?\d+\s?d)(?![\w])"  # "x3d"
    )
    return _Units(
        dose,
        re.compile(rf"(?<![\w.])(?:{NUM})(?![\w])"),
        verbs_re,
        trailing,
        leading,
        fused,
        plural,
        plural_map,
        period,
        large,
        lab,
        symbols,
    )


@packs.pack_cache
def _units() -> _Units:
    return _build_units(packs.load("units"))


# -- sentence-level dosing context -----------------------------------------------


@dataclass
class _Sentence:
    start: int
    end: int
    doses: list[tuple[int, int]]
    numbers: bool
    verb: bool

    @property
    def dosing(self) -> bool:
        return bool(self.doses) or (self.numbers and self.verb)


def _sentences(article: Article, block: Block, u: _Units) -> list[_Sentence]:
    key = f"dosing.sentences.{block.index}"
    hit = article.cache.get(key)
    if hit is not None:
        cached: list[_Sentence] = hit
        return cached
    out: list[_Sentence] = []
    text = block.text
    for sent in nlp.sentences(article.doc(block)):
        s, e = sent.start_char, sent.end_char
        chunk = text[s:e]
        # str.isdigit also accepts superscripts ("m²"), which \d does not: look at those
        # only in non-ASCII text
        digit = has_digit(chunk) or (not chunk.isascii() and any(c.isdigit() for c in chunk))
        doses = [(s + m.start(), s + m.end()) for m in u.dose.finditer(chunk)] if digit else []
        verb = bool(u.verbs.search(chunk)) if (u.verbs and digit) else False
        out.append(_Sentence(s, e, doses, digit, verb))
    article.cache[key] = out
    return out


def _sentence_at(sents: list[_Sentence], i: int) -> _Sentence | None:
    for s in sents:
        if s.start <= i < s.end:
            return s
    return sents[-1] if sents and i >= sents[-1].start else None


def has_digit(text: str) -> bool:
    r"""``_DIGIT.search(text) is not None``, faster: an ASCII text can only hold the ten ASCII
    digits, and ``str.__contains__`` finds a character much faster than ``re`` scans for a
    class; other texts (``\d`` also matches other scripts' digits) go to the regex."""
    if text.isascii():
        for d in "0123456789":  # noqa: SIM110 - a plain loop is cheaper than any()
            if d in text:
                return True
        return False
    return _DIGIT.search(text) is not None


def _digit_blocks(article: Article) -> list[Block]:
    """The article's blocks (all kinds, in order) that hold a digit, computed once per
    article: a block without one holds no dose, so most rules look only at these."""
    got: list[Block] | None = article.cache.get("dosing.digit-blocks")
    if got is None:
        got = article.cache["dosing.digit-blocks"] = [
            b for b in article.blocks if has_digit(b.text)
        ]
    return got


def _digit_indexes(article: Article) -> frozenset[int]:
    """The indexes of ``_digit_blocks`` (once per article)."""
    got: frozenset[int] | None = article.cache.get("dosing.digit-indexes")
    if got is None:
        got = article.cache["dosing.digit-indexes"] = frozenset(
            b.index for b in _digit_blocks(article)
        )
    return got


def _urls(text: str) -> list[tuple[int, int]]:
    if "." not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def _in(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


def _lab_after(u: _Units, text: str, end: int) -> bool:
    return bool(u.lab.match(text[end : end + 12]))


# ---------------------------------------------------------------------------
# M701 error-prone abbreviations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Abbr:
    abbr: str
    pattern: re.Pattern[str]
    core: re.Pattern[str]  # ``pattern`` without its leading look-behind (see _finditer)
    hint: str  # a literal every match contains (checked before the pattern runs)
    write: str
    why: str
    src: tuple[str, ...]
    context: str
    before: bool


_ABBR_BEFORE = re.compile(r"[\w/.]")  # what _Abbr.pattern's look-behind rejects
_DRUG_BEFORE = re.compile(r"[\w/-]")  # what _Drug.pattern's look-behind rejects


def _finditer(
    pattern: re.Pattern[str], core: re.Pattern[str], before: re.Pattern[str], text: str
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for ``pattern`` = ``(?<!before)`` + ``core``.

    ``re`` tries a pattern that starts with a look-behind at every position; ``core``
    starts with the abbreviation's literal letters, which ``re`` finds quickly.  A match of
    ``core`` whose preceding character the look-behind rejects is skipped and the search
    resumes one character on, where ``finditer`` would have tried next, so the matches
    are the same (an empty match, which these patterns do not have, falls back)."""
    out: list[re.Match[str]] = []
    pos = 0
    while True:
        m = core.search(text, pos)
        if m is None:
            return out
        start = m.start()
        if m.end() == start:
            return list(pattern.finditer(text))
        if start and before.match(text, start - 1):
            pos = start + 1
            continue
        out.append(m)
        pos = m.end()


def _literal_hint(abbr: str, body: str, given: str) -> str:
    if given:
        return given
    if body == re.escape(abbr):
        return abbr
    run = max(re.findall(r"[A-Za-z]+", abbr) or [""], key=len)
    return run


def _build_ismp() -> tuple[_Abbr, ...]:
    entries: list[_Abbr] = []
    for item in packs.load("ismp").get("abbreviations") or []:
        if not isinstance(item, dict) or not item.get("abbr"):
            continue
        abbr = str(item["abbr"])
        body = str(item.get("match") or re.escape(abbr))
        src = item.get("src") or []
        if isinstance(src, str):
            src = [src]
        entries.append(
            _Abbr(
                abbr,
                # case-sensitive on purpose ("MS" the dose, not "ms")
                re.compile(rf"(?<![\w/.])(?:{body})(?![\w/]|\.\w)"),
                re.compile(rf"(?:{body})(?![\w/]|\.\w)"),
                _literal_hint(abbr, body, str(item.get("hint") or "")),
                str(item.get("write") or ""),
                str(item.get("why") or ""),
                tuple(str(x) for x in src),
                str(item.get("context") or "dose"),
                bool(item.get("before")),
            )
        )
    return tuple(entries)


@packs.pack_cache
def _ismp() -> tuple[_Abbr, ...]:
    return _build_ismp()


_NUMBER_BEFORE = re.compile(rf"(?:{NUM})\s?-?$")
_LAB_AFTER = re.compile(r"^\s?/\s?(?:dL|dl|L|l|m3|m³)(?![\w])")  # "25 µg/m3": not a dose
_GAP_AFTER_DOSE = re.compile(r"^[ \t,]*(?:[a-z]+[ \t]+){0,2}$")
_GAP_BEFORE_DOSE = re.compile(r"^[ \t,:]*$")


def _in_context(entry: _Abbr, text: str, start: int, end: int, sent: _Sentence | None) -> bool:
    if entry.context == "any":
        return True
    if entry.context == "number":
        return bool(_NUMBER_BEFORE.search(text[max(0, start - 16) : start])) and not (
            _LAB_AFTER.match(text[end : end + 12])
        )
    if sent is None:
        return False
    if entry.context == "adjacent":
        for a, b in sent.doses:
            if b <= start and _GAP_AFTER_DOSE.match(text[b:start]):
                return True
            if entry.before and a >= end and _GAP_BEFORE_DOSE.match(text[end:a]):
                return True
        return False
    return sent.dosing  # "dose"


def dose_context(article: Article, block: Block, start: int) -> bool:
    """Whether offset ``start`` of ``block`` lies in a sentence about a dose (for other rules)."""
    sents = _sentences(article, block, _units())
    s = _sentence_at(sents, start)
    return bool(s and s.dosing)


def _source_text(src: tuple[str, ...]) -> str:
    names = [SOURCES.get(s, s) for s in src]
    if not names:
        return "error-prone"
    return names[0] if len(names) == 1 else f"{names[0]} and {names[1].replace('on ', '', 1)}"


@rule(
    "M701",
    "error-prone-abbreviation",
    "error",
    "An abbreviation ISMP or The Joint Commission says never to use, in a dosing context.",
    rationale=(
        "Abbreviations such as U, IU, QD, QOD, MS, MSO4, MgSO4 (The Joint Commission 'Do Not Use' "
        "list) and cc, µg, SC, SQ, HS, D/C, TIW, AD/AS/AU, OD/OS/OU (ISMP) have caused medication "
        "errors: U read as 0 or 4, QD as QID, µg as mg. They are matched case-sensitively and "
        "only in a dosing context, because the same letters mean other things in consumer text "
        "(people with MS, the U.S., IU Health, an OD): right after a number (U, IU, cc, µg), "
        "right after or before a dose (OD/OS/OU, SC, MS) or in a sentence with a dose or a "
        "dosing verb and a number (QD, QOD, HS, TIW). Entries, replacements and sources live in "
        "rules/ismp.yaml; `allow` accepts listed abbreviations house-wide."
    ),
    source=(
        'The Joint Commission Official "Do Not Use" List (2009); ISMP List of Error-Prone '
        "Abbreviations, Symbols, and Dose Designations (2021)"
    ),
    options={
        "allow": Option([], 'abbreviations to accept, e.g. ["IU"] for vitamin D articles'),
    },
    bad="Inject 10 U of insulin QD.",
    good="Inject 10 units of insulin daily.",
    fix="Write the word ISMP gives in the message (units, daily, every other day, mL, mcg…).",
)
def error_prone_abbreviation(ctx: Context) -> Iterator[Finding]:
    entries = _ismp()
    # without a digit in the block only the "any"-context entries can be reported
    anywhere = tuple(e for e in entries if e.context == "any")
    allow = {str(a) for a in ctx.options.get("allow") or []}
    u = _units()
    with_digit = _digit_indexes(ctx.article)
    for block in ctx.article.blocks:
        text = block.text
        hits: list[tuple[int, int, str, _Abbr]] = []
        for e in entries if block.index in with_digit else anywhere:
            if e.hint and e.hint not in text:
                continue
            for m in _finditer(e.pattern, e.core, _ABBR_BEFORE, text):
                hits.append((m.start(), m.end(), m.group(0), e))
        if not hits:
            continue
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        sents = _sentences(ctx.article, block, u)
        urls = _urls(text)
        last_end = -1
        for start, end, shown, entry in hits:
            if start < last_end:
                continue
            if entry.abbr in allow or shown in allow or _in(urls, start):
                continue
            sent = _sentence_at(sents, start)
            if not _in_context(entry, text, start, end, sent):
                continue
            last_end = end
            why = f": {entry.why}" if entry.why else ""
            yield ctx.finding(
                block,
                start,
                end,
                f"'{shown}' is {_source_text(entry.src)}{why}; write '{entry.write}'",
                abbreviation=entry.abbr,
            )


# ---------------------------------------------------------------------------
# M702–M704, M707: dose designations (with fixes)
# ---------------------------------------------------------------------------


def _dose_matches(
    ctx: Context, pattern_of: Any, hint: re.Pattern[str] | None = None
) -> Iterator[tuple[Block, re.Match[str], _Units]]:
    u = _units()
    for block in _digit_blocks(ctx.article):
        text = block.text
        if hint is not None and not hint.search(text):
            continue
        pat = pattern_of(u)
        if pat is None:
            continue
        urls: list[tuple[int, int]] | None = None
        for m in pat.finditer(text):
            if urls is None:
                urls = _urls(text)
            if _in(urls, m.start()):
                continue
            yield block, m, u


# quick tests before the full patterns run on a block
_HINT_TRAILING = re.compile(r"\d\.0")
_HINT_LEADING = re.compile(r"(?<![\w.,])\.\d")
_HINT_FUSED = re.compile(r"\d[A-Za-z]")
_HINT_PLURAL = re.compile(r"(?:mg|mcg|ml|mL|kg|gm|cc)s\b")
_HINT_PERIOD = re.compile(r"\d\s?(?:mg|mcg|mL)\.")
_HINT_LARGE = re.compile(r"\d{5}")


@rule(
    "M702",
    "trailing-zero",
    "error",
    "A dose written with a trailing zero ('1.0 mg').",
    rationale=(
        "The decimal point is easily missed, so '1.0 mg' is read as 10 mg: a tenfold overdose. "
        "The Joint Commission forbids trailing zeros in medication documentation; they stay "
        "allowed for measured values (lab results, lesion or catheter sizes), so '7.0%', "
        "'2.0 cm', '2.0 kg' and concentrations such as '1.0 mmol/L' or '5.0 mg/dL' are not "
        "reported. Units are listed in rules/units.yaml (precision_units)."
    ),
    source='The Joint Commission "Do Not Use" list; ISMP error-prone dose designations',
    bad="Take 1.0 mg at bedtime.",
    good="Take 1 mg at bedtime.",
    fix="Drop the trailing zero; `--fix` rewrites '1.0 mg' as '1 mg'.",
    fixable=True,
)
def trailing_zero(ctx: Context) -> Iterator[Finding]:
    for block, m, u in _dose_matches(ctx, lambda u: u.trailing, _HINT_TRAILING):
        if _lab_after(u, block.text, m.end()):
            continue
        whole = m.group("int")
        fix = ctx.fix(block, m.start("int"), m.end("frac"), whole)
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}' has a trailing zero (read as ten times the dose): write "
            f"'{whole}{m.group('gap') or ' '}{m.group('unit')}'",
            fix,
        )


@rule(
    "M703",
    "missing-leading-zero",
    "error",
    "A dose below 1 written without a leading zero ('.5 mg').",
    rationale=(
        "Without a leading zero the decimal point is missed and '.5 mg' is read as 5 mg: a "
        "tenfold overdose. The Joint Commission requires '0.5 mg'. Lab concentrations "
        "('.5 mg/dL') are not reported."
    ),
    source='The Joint Commission "Do Not Use" list; ISMP error-prone dose designations',
    bad="The usual starting dose is .5 mg twice a day.",
    good="The usual starting dose is 0.5 mg twice a day.",
    fix="Add a zero before the decimal point; `--fix` rewrites '.5 mg' as '0.5 mg'.",
    fixable=True,
)
def missing_leading_zero(ctx: Context) -> Iterator[Finding]:
    for block, m, u in _dose_matches(ctx, lambda u: u.leading, _HINT_LEADING):
        if _lab_after(u, block.text, m.end()):
            continue
        frac = m.group("frac")
        fix = ctx.fix(block, m.start("frac"), m.end("frac"), "0" + frac)
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}' has no leading zero (read as ten times the dose): write "
            f"'0{frac}{m.group('gap') or ' '}{m.group('unit')}'",
            fix,
        )


@rule(
    "M704",
    "dose-unit-format",
    "warning",
    "A number fused to its unit ('10mg'), a plural unit ('5 mgs') or a unit with a period.",
    rationale=(
        "ISMP's error-prone dose designations: without a space the unit's first letter can be "
        "read as a digit ('10mg' as 100 mg, '100Units' as 1000); unit symbols are never "
        "pluralised ('mgs' is read as 'mcg' or ignored) and never take a period ('mg.' read "
        "as '1'). Units are listed in rules/units.yaml."
    ),
    source="ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (2021); USP unit symbols",
    bad="Adults take 300mg, up to 3 times a day; children 5 mgs per kilogram.",
    good="Adults take 300 mg, up to 3 times a day; children 5 mg per kilogram.",
    fix="Put a space between number and unit and use the singular symbol; `--fix` does it.",
    fixable=True,
)
def dose_unit_format(ctx: Context) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for block, m, u in _dose_matches(ctx, lambda u: u.plural, _HINT_PLURAL):
        if _lab_after(u, block.text, m.end()):
            continue
        unit = m.group("unit")
        right = u.plural_map.get(unit, unit)
        gap = m.group("gap")
        repl = right if gap else " " + right
        seen.add((block.index, m.start()))
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}': unit symbols are not pluralised"
            + ("" if gap else " and need a space after the number")
            + f": write '{m.group('num')} {right}'",
            ctx.fix(block, m.start("unit"), m.end("unit"), repl),
        )
    for block, m, u in _dose_matches(ctx, lambda u: u.fused, _HINT_FUSED):
        if (block.index, m.start()) in seen or _lab_after(u, block.text, m.end()):
            continue
        unit = m.group("unit")
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}': put a space between the number and the unit ('{unit[0]}' can be "
            f"read as a digit): write '{m.group('num')} {unit}'",
            ctx.fix(block, m.start("unit"), m.end("unit"), " " + unit),
        )
    for block, m, _u in _dose_matches(ctx, lambda u: u.period, _HINT_PERIOD):
        unit = m.group("unit")
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}': a unit symbol takes no period (read as '1'): write "
            f"'{m.group('num')} {unit}'",
            ctx.fix(block, m.start("unit"), m.end(), unit),
        )


@rule(
    "M707",
    "large-dose-without-commas",
    "warning",
    "A dose of 5 or more digits with no thousands separator ('100000 units').",
    rationale=(
        "Long strings of zeros are misread by a factor of ten: '100000 units' is taken for "
        "10,000 or 1,000,000. ISMP asks for commas (100,000 units) or words (100 thousand)."
    ),
    source="ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (2021)",
    bad="Vitamin D can be given as a single dose of 100000 units.",
    good="Vitamin D can be given as a single dose of 100,000 units.",
    fix="Add thousands separators; `--fix` rewrites '100000' as '100,000'.",
    fixable=True,
)
def large_dose_without_commas(ctx: Context) -> Iterator[Finding]:
    for block, m, u in _dose_matches(ctx, lambda u: u.large, _HINT_LARGE):
        if _lab_after(u, block.text, m.end()):
            continue
        num = m.group("num")
        grouped = f"{int(num):,}"
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}' has no thousands separator (misread by a factor of ten): write "
            f"'{grouped}{m.group('dec') or ''} {m.group('unit')}'",
            ctx.fix(block, m.start("num"), m.end("num"), grouped),
        )


# ---------------------------------------------------------------------------
# M705 symbols next to doses
# ---------------------------------------------------------------------------

_SYMBOL_HINT = re.compile(r"[<>@&+/]|x\s?\d")
_SYMBOL_WORDS = {
    "<": "'less than'",
    ">": "'more than' (or 'greater than')",
    "@": "'at'",
    "&": "'and'",
    "+": "'and' (or 'plus')",
    "/": "'per' or 'and' (write which)",
}


@rule(
    "M705",
    "dose-symbol",
    "warning",
    "A symbol ISMP lists as error-prone next to a dose: >, <, @, &, +, '/' between doses, 'x3d'.",
    rationale=(
        "ISMP: '<' and '>' are mistaken for each other and '<10' is read as 40; '@' is read as "
        "2, '&' as 2, '+' as 4; a slash between two doses is read as the digit 1 ('25 units/10 "
        "units' as 110 units); 'x3d' is read as 'three doses'. Reported only next to a dose "
        "(a number with a unit or a dose word), or in a sentence with one ('@', 'x3d'); "
        "'mg/kg', 'mg/mL', lab values such as 'HbA1c < 7%' and the strengths of combination "
        "products ('5 mg/80 mg') are fine."
    ),
    source="ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (2021); TJC future-inclusion list",
    bad="Take 5 mg @ bedtime for 10 days, then >10 mg x3d.",
    good="Take 5 mg at bedtime for 10 days, then more than 10 mg for 3 days.",
    fix="Write the words: less than, more than, at, and, per, for 3 days.",
)
def dose_symbol(ctx: Context) -> Iterator[Finding]:
    u = _units()
    for block in _digit_blocks(ctx.article):
        text = block.text
        if not _SYMBOL_HINT.search(text):
            continue
        sents: list[_Sentence] | None = None
        urls: list[tuple[int, int]] | None = None
        for m in u.symbols.finditer(text):
            if urls is None:
                urls = _urls(text)
            if _in(urls, m.start()):
                continue
            kind = m.lastgroup
            if kind is None:
                continue
            start, end = m.span(kind)
            shown = m.group(kind).strip()
            if kind in ("at", "xd"):
                if sents is None:
                    sents = _sentences(ctx.article, block, u)
                sent = _sentence_at(sents, start)
                if sent is None or not sent.doses:
                    continue
            if kind == "xd":
                days = re.sub(r"\D", "", shown)
                msg = f"'{shown}' is read as '{days} doses': write 'for {days} days'"
            else:
                msg = f"'{shown}' next to a dose is error-prone: write {_SYMBOL_WORDS[shown]}"
            s2, e2 = start, end
            while s2 < e2 and text[s2].isspace():
                s2 += 1
            while e2 > s2 and text[e2 - 1].isspace():
                e2 -= 1
            yield ctx.finding(block, s2, e2, msg, symbol=shown)


# ---------------------------------------------------------------------------
# M706 abbreviated drug names
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Drug:
    abbr: str
    pattern: re.Pattern[str]
    core: re.Pattern[str]  # ``pattern`` without its leading look-behind (see _finditer)
    hint: str
    name: str
    names: tuple[str, ...]
    context: str
    defer: str


def _build_drugs() -> tuple[_Drug, ...]:
    entries: list[_Drug] = []
    for item in packs.load("drug-abbreviations").get("entries") or []:
        if not isinstance(item, dict) or not item.get("abbr"):
            continue
        abbr = str(item["abbr"])
        body = str(item.get("match") or re.escape(abbr))
        name = str(item.get("name") or "")
        names = [name, *(str(n) for n in item.get("names") or [])]
        entries.append(
            _Drug(
                abbr,
                re.compile(rf"(?<![\w/-])(?:{body})(?![\w/]|-\w)"),
                re.compile(rf"(?:{body})(?![\w/]|-\w)"),
                _literal_hint(abbr, body, str(item.get("hint") or "")),
                name,
                tuple(n.lower() for n in names if n),
                str(item.get("context") or ""),
                str(item.get("defer") or ""),
            )
        )
    return tuple(entries)


@packs.pack_cache
def _drugs() -> tuple[_Drug, ...]:
    return _build_drugs()


@packs.pack_cache
def _drug_hint_gate() -> re.Pattern[str] | None:
    """A regex that finds a block holding any entry's literal hint (a case-sensitive
    alternation, which ``re`` scans for quickly); None when an entry has no hint (then
    every block must be tried)."""
    hints = [e.hint for e in _drugs()]
    if not hints or not all(hints):
        return None
    # Grouped by first character ("A(?:PAP|ZT|…)|H(?:CTZ|…)"): ``re`` then tries one group
    # where a first character is, not every alternative.  The gate only says whether a
    # block holds some hint, which the grouping does not change.
    groups: dict[str, list[str]] = {}
    for h in sorted(set(hints), key=len, reverse=True):
        groups.setdefault(h[0], []).append(re.escape(h[1:]))
    return re.compile(
        "|".join(re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in groups.items())
    )


@rule(
    "M706",
    "abbreviated-drug-name",
    "error",
    "A drug name ISMP says to write in full (APAP, HCTZ, MTX, AZT, PTU, MSO4, …).",
    rationale=(
        "Abbreviated drug names are misread as other drugs (MTX as mitoxantrone, HCT as "
        "hydrocortisone or hydrochlorothiazide, AZT as azathioprine). ISMP asks for drug names "
        "in full. Not reported when the full name is in the same sentence (the abbreviation is "
        "being explained: 'acetaminophen, labelled APAP on some packs'). Letters with everyday "
        "meanings (DPT vaccine, PCA pump, T3 thyroid test) count only in a dosing sentence. "
        "MSO4 and MgSO4 are reported by M701 in a dosing context and by M706 elsewhere. "
        "Names live in rules/drug-abbreviations.yaml."
    ),
    source=(
        "ISMP List of Error-Prone Abbreviations, Symbols, and Dose Designations (2021), drug "
        'name abbreviations; The Joint Commission "Do Not Use" list (future inclusion)'
    ),
    bad="Take MTX 15 mg once a week.",
    good="Take methotrexate 15 mg once a week.",
    fix="Write the drug name in full, as the message gives it.",
)
def abbreviated_drug_name(ctx: Context) -> Iterator[Finding]:
    entries = _drugs()
    gate = _drug_hint_gate()
    # The hints hold no newline, so a hint in a block is a match in the blocks' texts
    # joined by newlines: one scan of the article instead of one call per block decides
    # most articles (they have no hint at all).
    if gate is not None and not gate.search(ctx.article.joined_text()):
        return
    u = _units()
    for block in ctx.article.blocks:
        text = block.text
        if gate is not None and not gate.search(text):
            continue  # no entry's hint is in the block: no entry can match
        hits = [
            (m, e)
            for e in entries
            if not e.hint or e.hint in text
            for m in _finditer(e.pattern, e.core, _DRUG_BEFORE, text)
        ]
        if not hits:
            continue
        hits.sort(key=lambda h: h[0].start())
        sents = _sentences(ctx.article, block, u)
        urls = _urls(text)
        for m, entry in hits:
            start, end = m.span()
            if _in(urls, start):
                continue
            sent = _sentence_at(sents, start)
            dosing = bool(sent and sent.dosing)
            if entry.context == "dose" and not (sent and sent.doses):
                continue  # DPT vaccine, PCA pump, T3 test: only next to a real dose
            if entry.defer == "M701" and dosing:
                continue  # reported as M701 (TJC "Do Not Use")
            lo, hi = (sent.start, sent.end) if sent else (0, len(text))
            around = text[lo:hi].lower()
            if any(n in around for n in entry.names):
                continue  # explained in the same sentence
            yield ctx.finding(
                block,
                start,
                end,
                f"'{m.group(0)}' is an abbreviated drug name ISMP says to write in full: "
                f"write '{entry.name}'",
                abbreviation=entry.abbr,
            )
