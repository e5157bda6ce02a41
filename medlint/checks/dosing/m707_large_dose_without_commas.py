"""M707 large-dose-without-commas: "100000 units" is misread by a factor of ten."""

from __future__ import annotations

import re
from collections.abc import Iterator

from medlint.checks.dosing.units import dose_matches, lab_after
from medlint.context import Context
from medlint.findings import Finding
from medlint.registry import rule

# quick tests before the full pattern runs on a block
_HINT_LARGE = re.compile(r"\d{5}")


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
    for block, m, u in dose_matches(ctx, lambda u: u.large, _HINT_LARGE):
        if lab_after(u, block.text, m.end()):
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
