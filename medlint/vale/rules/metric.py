"""``extends: metric``: a formula over the document's counts (words, sentences,
syllables, headings…) and a condition (``> 8``) that raises the alert.

Formulas are evaluated by a small arithmetic interpreter (numbers, the count names,
``+ - * / % **``, comparisons and ``math.`` functions) — never by running code.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from typing import Any, ClassVar

from medlint.vale.model import BuildContext, FileState, Hit, RuleError, Unit, ValeRule
from medlint.vale.patterns import format_message

VARIABLES = (
    "pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4",
    "heading_h5", "heading_h6",
)  # fmt: skip
_HEADINGS = re.compile(r"heading\.(h[1-6])")
_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_MATH = {
    name: getattr(math, name)
    for name in ("sqrt", "log", "log10", "log2", "pow", "abs", "floor", "ceil", "exp")
    if hasattr(math, name)
}
_MATH["abs"] = abs


class FormulaError(ValueError):
    pass


def evaluate(expr: str, params: dict[str, float]) -> Any:
    """The value of an arithmetic ``expr`` over ``params`` (see the module docstring)."""
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"cannot read {expr!r}: {exc.msg}") from exc
    return _eval(tree.body, params)


def _eval(node: ast.AST, params: dict[str, float]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in params:
            raise FormulaError(f"unknown name {node.id!r}")
        return params[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _eval(node.operand, params)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = _eval(node.left, params), _eval(node.right, params)
        try:
            return _BINOPS[type(node.op)](left, right)
        except (ZeroDivisionError, OverflowError):
            return math.nan
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMPOPS:
        return _CMPOPS[type(node.ops[0])](
            _eval(node.left, params), _eval(node.comparators[0], params)
        )
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "math"
        and node.func.attr in _MATH
    ):
        try:
            return float(_MATH[node.func.attr](*(_eval(a, params) for a in node.args)))
        except (ValueError, TypeError, OverflowError):
            return math.nan
    raise FormulaError(f"unsupported expression: {ast.unparse(node)}")


class Metric(ValeRule):
    extends: ClassVar[str] = "metric"
    keys: ClassVar[frozenset[str]] = frozenset({"formula", "condition"})
    default_scope: ClassVar[tuple[str, ...]] = ("summary",)

    def __init__(self, name: str, defn: dict[str, Any], ctx: BuildContext) -> None:
        defn = {**defn, "scope": ["summary"]}
        super().__init__(name, defn, ctx)
        self.formula = _HEADINGS.sub(r"heading_\1", str(defn.get("formula") or ""))
        self.condition = str(defn.get("condition") or "")
        probe = dict.fromkeys([*VARIABLES, *COUNT_NAMES], 1.0)
        try:
            evaluate(self.formula, probe)
            evaluate(f"1 {self.condition}", probe)
        except FormulaError as exc:
            raise RuleError(f"{name}: {exc}") from exc

    def run(self, unit: Unit, state: FileState) -> list[Hit]:
        params = state.metrics
        if not params or not params.get("words"):
            return []
        params = {**dict.fromkeys(VARIABLES, 0.0), **params}
        try:
            res = evaluate(self.formula, params)
            hit = evaluate(f"{res!r} {self.condition}", params)
        except FormulaError:
            return []
        if not hit:
            return []
        value = f"{res:.2f}"
        return [
            Hit(
                -1,
                -1,
                format_message(self.message, value),
                "",
                [],
                format_message(self.description, value),
            )
        ]


COUNT_NAMES = (
    "complex_words", "long_words", "paragraphs", "sentences", "characters", "words",
    "polysyllabic_words", "syllables",
)  # fmt: skip
