"""M705 dose-symbol: >, <, @, &, +, a slash between doses, "x3d" next to a dose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.dosing.sentences import DoseSentence, sentence_at, sentences
from medlint.checks.dosing.units import digit_blocks, inside, units, url_spans
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

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
    u = units()
    for block in digit_blocks(ctx.analysis):
        text = block.text
        if not _SYMBOL_HINT.search(text):
            continue
        sents: list[DoseSentence] | None = None
        urls: list[tuple[int, int]] | None = None
        for m in u.symbols.finditer(text):
            if urls is None:
                urls = url_spans(text)
            if inside(urls, m.start()):
                continue
            kind = m.lastgroup
            if kind is None:
                continue
            start, end = m.span(kind)
            shown = m.group(kind).strip()
            if kind in ("at", "xd"):
                if sents is None:
                    sents = sentences(ctx.analysis, block)
                sent = sentence_at(sents, start)
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
