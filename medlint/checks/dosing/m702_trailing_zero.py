"""M702 trailing-zero: "1.0 mg" is read as 10 mg."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.dosing.units import dose_matches, lab_after
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

# quick tests before the full pattern runs on a block
_HINT_TRAILING = re.compile(r"\d\.\d*0(?!\d)")


@rule(
    "M702",
    "trailing-zero",
    "error",
    "A dose written with a trailing zero ('1.0 mg').",
    rationale=(
        "The decimal point is easily missed, so '1.0 mg' is read as 10 mg: a tenfold overdose; "
        "any zero ending the decimals ('0.50 mg', '2.50 mg') is reported. "
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
    for block, m, u in dose_matches(ctx, lambda u: u.trailing, _HINT_TRAILING):
        if lab_after(u, block.text, m.end()):
            continue
        whole = (m.group("int") + m.group("frac")).rstrip("0").rstrip(".")  # "0.50" -> "0.5"
        fix = ctx.fix(block, m.start("int"), m.end("frac"), whole)
        a, b = block.src_span(m.start(), m.end())
        yield ctx.at(
            a,
            b,
            f"'{m.group(0)}' has a trailing zero (a missed point makes it a tenfold or larger "
            "dose): write "
            f"'{whole}{m.group('gap') or ' '}{m.group('unit')}'",
            fix,
        )
