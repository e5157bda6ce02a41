"""Vale's rule types, one module each: existence, substitution, occurrence, repetition,
consistency, conditional, capitalization and metric.  :data:`RULE_TYPES` maps an
``extends`` value to its class; :data:`UNSUPPORTED` names the types medlint does not run
(spelling, sequence, script, readability: reported once per run, see docs/vale.md)."""

from __future__ import annotations

from medlint.vale.model import ValeRule
from medlint.vale.rules.capitalization import Capitalization
from medlint.vale.rules.conditional import Conditional
from medlint.vale.rules.consistency import Consistency
from medlint.vale.rules.existence import Existence
from medlint.vale.rules.metric import Metric
from medlint.vale.rules.occurrence import Occurrence
from medlint.vale.rules.repetition import Repetition
from medlint.vale.rules.substitution import Substitution

RULE_TYPES: dict[str, type[ValeRule]] = {
    cls.extends: cls
    for cls in (
        Existence,
        Substitution,
        Occurrence,
        Repetition,
        Consistency,
        Conditional,
        Capitalization,
        Metric,
    )
}
UNSUPPORTED = {
    "spelling": "needs Hunspell dictionaries medlint does not ship",
    "sequence": "needs Vale's part-of-speech tagger",
    "script": "runs Tengo code from the style (left out on purpose: code from a style in CI)",
    "readability": "the older readability type; use 'metric' formulas",
}
__all__ = ["RULE_TYPES", "UNSUPPORTED"]
