"""C402 frequency-number-mismatch: a frequency word contradicts the rate beside it."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.analysis.evidence import Rate, format_rate
from medlint.analysis.sentences import sentence_of
from medlint.checks.claims.clauses import prev_token
from medlint.checks.claims.frequency import (
    BAND_WORDS,
    Band,
    band_name,
    consistent,
    frequency,
    frequency_context_ok,
    has_word,
    may_name_band,
    nearest_rate,
)
from medlint.context import Context
from medlint.findings import Finding
from medlint.matching import Needs
from medlint.registry import Option, rule


@rule(
    "C402",
    "frequency-number-mismatch",
    "error",
    "A frequency word contradicts the rate beside it under the CIOMS/EU SmPC bands "
    "('a rare side effect (5% of patients)').",
    rationale=(
        "CIOMS III and the EU SmPC guideline define the words: very common is 1/10 or more, "
        "common 1/100 to 1/10, uncommon 1/1,000 to 1/100, rare 1/10,000 to 1/1,000, very rare "
        "less than 1/10,000. A word that disagrees with its own number misleads readers about "
        "risk. Bands live in rules/frequency.yaml."
    ),
    source="CIOMS Working Group III (1995); EU SmPC guideline rev. 2 (2009), section 4.8",
    options={
        "tolerance": Option(
            0.1,
            "relative distance from a band edge within which a rate is not reported (rounding)",
            min=0.0,
            max=1.0,
        )
    },
    bad="Rash is a rare side effect (5% of patients).",
    good="Rash is a common side effect (5% of patients).",
    fix="Use the word of the band the rate falls in, or check the rate.",
    needs=Needs(phrases=(BAND_WORDS,)),
)
def frequency_number_mismatch(ctx: Context) -> Iterator[Finding]:
    freq = frequency()
    bands: dict[str, Band] = freq["bands"]
    tol = float(ctx.options.get("tolerance", 0.1))
    ev = ctx.analysis.evidence
    for block in ctx.matches.blocks_with(BAND_WORDS.key):
        if not may_name_band(block.text, freq) or not ev.rates_in(block):
            continue
        doc = ctx.analysis.doc(block)
        for span in ctx.matches.spans(doc, BAND_WORDS.key):
            band = bands.get(band_name(span, freq) or "")
            if band is None or not frequency_context_ok(span, freq):
                continue
            prev = prev_token(span)
            if prev is not None and prev.lower_ in ("most", "least", "more", "less"):
                continue
            sent = sentence_of(span)
            if not has_word(sent, freq["adverse"]):
                continue
            r = nearest_rate(ev, block, span, freq["rate_window"])
            if r is None or consistent(r, band, tol):
                continue
            actual = _band_of(r.value, bands)
            where = f"'{actual.name}' ({actual.label})" if actual else "outside the bands"
            yield ctx.span_finding(
                block,
                span,
                f"'{span.text}' contradicts the rate beside it: {_shown_rate(r)} is {where} "
                f"under CIOMS/EU SmPC, while '{band.name}' means {band.label}; use "
                f"'{actual.name if actual else band.name}' or check the number",
            )


def _shown_rate(r: Rate) -> str:
    """'5%', or '1 in 500 (0.2%)' when the text is not already a percentage."""
    if r.text.rstrip().endswith("%") or "percent" in r.text.lower() or "per cent" in r.text.lower():
        return r.text
    return f"{r.text} ({format_rate(r.value)})"


def _band_of(value: float, bands: dict[str, Band]) -> Band | None:
    for b in bands.values():
        if b.lo <= value < b.hi or (b.hi >= 1.0 and value >= b.lo):
            return b
    return None
