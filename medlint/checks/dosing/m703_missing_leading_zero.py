"""M703 missing-leading-zero: ".5 mg" is read as 5 mg."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.dosing.units import dose_matches, lab_after
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

# quick tests before the full pattern runs on a block
_HINT_LEADING = re.compile(r"(?<![\w.,])\.\d")


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
    for block, m, u in dose_matches(ctx, lambda u: u.leading, _HINT_LEADING):
        if lab_after(u, block.text, m.end()):
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
