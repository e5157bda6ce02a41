"""M704 dose-unit-format: "10mg", "5 mgs", "mg." are misread."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.dosing.units import dose_matches, lab_after
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

# quick tests before the full pattern runs on a block
_HINT_FUSED = re.compile(r"\d[A-Za-z]")
_HINT_PLURAL = re.compile(r"(?:mg|mcg|ml|mL|kg|gm|cc)s\b")
_HINT_PERIOD = re.compile(r"\d\s?(?:mg|mcg|mL)\.")


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
    for block, m, u in dose_matches(ctx, lambda u: u.plural, _HINT_PLURAL):
        if lab_after(u, block.text, m.end()):
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
    for block, m, u in dose_matches(ctx, lambda u: u.fused, _HINT_FUSED):
        if (block.index, m.start()) in seen or lab_after(u, block.text, m.end()):
            continue
        written = m.group("unit")
        unit = u.fused_canonical.get(written.lower(), written)  # "10ml" -> "mL"
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}': put a space between the number and the unit ('{written[0]}' can "
            f"be read as a digit): write '{m.group('num')} {unit}'",
            ctx.fix(block, m.start("unit"), m.end("unit"), " " + unit),
        )
    for block, m, _u in dose_matches(ctx, lambda u: u.period, _HINT_PERIOD):
        unit = m.group("unit")
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}': a unit symbol takes no period (read as '1'): write "
            f"'{m.group('num')} {unit}'",
            ctx.fix(block, m.start("unit"), m.end(), unit),
        )
