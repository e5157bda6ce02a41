"""The article quality score: 100 minus capped, severity-weighted points per rule.

    score = max(0, 100 - sum over rules of WEIGHT[severity] * min(findings of that rule, 3))

* error = 10 points, warning = 4, info = 1 (the severity after config overrides);
* only the first 3 findings of one rule count, so one noisy rule (say 40 long sentences) cannot
  sink an article on its own, while three different errors cost 30 points;
* a file medlint could not read at all (E901, E902) scores 0.

Every deduction is listed in the report (rule, severity, findings, findings counted, points), so
an editor can see exactly why an article scored what it did.  The definition is documented in
README.md ("Editor reports"); change both together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from medlint.findings import SEVERITY_RANK

if TYPE_CHECKING:  # pragma: no cover
    from medlint.findings import Finding

WEIGHTS: dict[str, int] = {"error": 10, "warning": 4, "info": 1}
MAX_COUNTED_PER_RULE = 3
UNREADABLE_CODES = frozenset({"E901", "E902"})
PERFECT = 100


@dataclass(frozen=True)
class Deduction:
    code: str
    severity: str
    findings: int
    counted: int
    points: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "findings": self.findings,
            "counted": self.counted,
            "points": self.points,
        }


def quality_score(findings: Iterable[Finding]) -> tuple[int, list[Deduction]]:
    """The score (0–100) and its deductions, largest first."""
    per_code: dict[str, list[Finding]] = {}
    for f in findings:
        per_code.setdefault(f.code, []).append(f)
    if UNREADABLE_CODES & per_code.keys():
        code = min(UNREADABLE_CODES & per_code.keys())
        return 0, [Deduction(code, "error", len(per_code[code]), 1, PERFECT)]
    out: list[Deduction] = []
    for code, fs in per_code.items():
        severity = max((f.severity for f in fs), key=lambda s: SEVERITY_RANK.get(s, 0))
        counted = min(len(fs), MAX_COUNTED_PER_RULE)
        points = WEIGHTS.get(severity, 0) * counted
        out.append(Deduction(code, severity, len(fs), counted, points))
    out.sort(key=lambda d: (-d.points, d.code))
    return max(0, PERFECT - sum(d.points for d in out)), out


def explain(score: int, deductions: list[Deduction]) -> str:
    """One line: ``64 = 100 − 20 R101 (1 error) − 16 C401 (4 warnings, 3 counted)``."""
    if not deductions:
        return f"{score} = 100 (no findings)"
    parts = [f"{score} = 100"]
    for d in deductions:
        unit = d.severity + ("s" if d.findings != 1 else "")
        extra = f", {d.counted} counted" if d.counted != d.findings else ""
        parts.append(f"− {d.points} {d.code} ({d.findings} {unit}{extra})")
    text = " ".join(parts)
    if sum(d.points for d in deductions) > PERFECT:
        text += " (floored at 0)"
    return text
