"""The dose and unit patterns of the dosing rules (``rules/units.yaml``), compiled once per
process, and the per-article helpers every dosing rule uses: the blocks that hold a digit,
URL spans to skip, and the dose designations of M702–M704 and M707 (``dose_matches``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint import packs
from medlint.analysis import Analysis, per_article

if TYPE_CHECKING:  # pragma: no cover
    from medlint.context import Context
    from medlint.document.model import Block

# A number as written in a dose: 10, 1,000, 2.5, .5
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_DIGIT = re.compile(r"\d")  # a block without a digit holds no dose
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|gov|net|edu|io)\S*")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _strs(pack: dict[str, Any], key: str) -> list[str]:
    return [str(x) for x in pack.get(key) or []]


@dataclass(frozen=True)
class Units:
    dose: re.Pattern[str]  # number + unit or dose word ("10 mg", "2 tablets")
    number: re.Pattern[str]
    verbs: re.Pattern[str] | None
    trailing: re.Pattern[str]  # M702
    leading: re.Pattern[str]  # M703
    fused: re.Pattern[str]  # M704
    fused_canonical: dict[str, str]  # lower case -> the unit as it should be written
    plural: re.Pattern[str] | None
    plural_map: dict[str, str]
    period: re.Pattern[str]
    large: re.Pattern[str]  # M707
    lab: re.Pattern[str]  # "/dL" after a unit: a lab value
    symbols: re.Pattern[str]  # M705


def build_units(pack: dict[str, Any]) -> Units:
    dose_units = _strs(pack, "dose_units")
    words = _strs(pack, "dose_words")
    dose = re.compile(rf"(?<![\w.,])(?:{NUM})\s?-?\s?(?:{_alt(dose_units + words)})(?![\w])")
    verbs = _strs(pack, "dosing_verbs")
    verbs_re = re.compile(rf"\b(?:{_alt(verbs)})\b", re.I) if verbs else None
    prec = _alt(_strs(pack, "precision_units"))
    trailing = re.compile(
        rf"(?<![\w.,])(?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d*0)(?![\d.])"
        rf"(?P<gap>\s?-?\s?)(?P<unit>{prec})(?![\w])"
    )
    leading = re.compile(rf"(?<![\w.,])(?P<frac>\.\d+)(?P<gap>\s?-?\s?)(?P<unit>{prec})(?![\w])")
    fused_units = _strs(pack, "fused_units")
    # units of two or more letters are found in any case ("10ml", "2.5Mg"); one-letter
    # units only as written ("5g", not "5G")
    long_units = [u for u in fused_units if len(u) > 1]
    short_units = [u for u in fused_units if len(u) == 1]
    fused_alt = "|".join(
        x for x in (f"(?i:{_alt(long_units)})" if long_units else "", _alt(short_units)) if x
    )
    fused = re.compile(rf"(?<![\w.,])(?P<num>{NUM})(?P<unit>{fused_alt})(?![\w])")
    fused_canonical = {u.lower(): u for u in reversed(long_units)}
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
    return Units(
        dose,
        re.compile(rf"(?<![\w.])(?:{NUM})(?![\w])"),
        verbs_re,
        trailing,
        leading,
        fused,
        fused_canonical,
        plural,
        plural_map,
        period,
        large,
        lab,
        symbols,
    )


@packs.pack_cache
def units() -> Units:
    """The compiled dose and unit patterns of ``rules/units.yaml``."""
    return build_units(packs.load("units"))


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


@per_article
def digit_blocks(analysis: Analysis) -> list[Block]:
    """The article's blocks (all kinds, in order) that hold a digit, computed once per
    article: a block without one holds no dose, so most rules look only at these."""
    return [b for b in analysis.article.blocks if has_digit(b.text)]


@per_article
def digit_indexes(analysis: Analysis) -> frozenset[int]:
    """The indexes of ``digit_blocks`` (once per article)."""
    return frozenset(b.index for b in digit_blocks(analysis))


def url_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the URLs in ``text`` (doses inside them are not doses)."""
    if "." not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)


def lab_after(u: Units, text: str, end: int) -> bool:
    return bool(u.lab.match(text[end : end + 12]))


def dose_matches(
    ctx: Context,
    pattern_of: Callable[[Units], re.Pattern[str] | None],
    hint: re.Pattern[str] | None = None,
) -> Iterator[tuple[Block, re.Match[str], Units]]:
    u = units()
    for block in digit_blocks(ctx.analysis):
        text = block.text
        if hint is not None and not hint.search(text):
            continue
        pat = pattern_of(u)
        if pat is None:
            continue
        urls: list[tuple[int, int]] | None = None
        for m in pat.finditer(text):
            if urls is None:
                urls = url_spans(text)
            if inside(urls, m.start()):
                continue
            yield block, m, u
