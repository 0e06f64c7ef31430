"""Safe formulas from the content: arithmetic (`subsidie / inwoners * 1000`) and conditions
(`aantal_volwaardig == 0 and inwoners > 5000`), parsed once and evaluated per library or municipality.

Three kinds, each a superset of the one before: an indicator formula allows numbers, variable names, + - * /,
parentheses, unary minus, min() and max(); an expression (amounts, facts) also dotted names
(`norm.subsidie_per_inwoner`, `kosten.fte_per_jaar`) and abs(); a condition also comparisons (< <= > >= == !=,
chained as in `0 < x < 5`), `and`, `or` and `not`. A missing variable or a division by zero gives None
("geen gegevens") for a figure, and a condition that cannot be decided does not hold: never NaN or an exception.
Nothing else parses: no attribute of anything but a plain name, no calls but the three above, no strings, no
subscripts.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_COMPARE = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_FUNCTIONS = {"min": min, "max": max, "abs": abs}
KINDS = ("indicator", "expression", "condition")
_ALLOWED = {
    "indicator": "alleen getallen, variabelen, + - * /, haakjes, min en max",
    "expression": "alleen getallen, variabelen (ook met een punt, zoals norm.x), + - * /, haakjes, min, max en abs",
    "condition": "alleen getallen, variabelen, + - * /, haakjes, min, max, abs, vergelijkingen, and, or en not",
}
MAX_LENGTH = 2_000  # characters: a formula is one line of arithmetic, not a program


class FormulaError(ValueError):
    """The formula text is not a valid formula; the message is Dutch."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate(self, variables: dict[str, float | None]) -> float | None:
        """The value, or None when a variable is missing or the arithmetic is undefined (division by zero)."""
        return evaluate_node(self.tree, variables)

    def holds(self, variables: dict[str, float | None]) -> bool:
        """Whether a condition is true; one that cannot be decided (missing figure, division by zero) is not."""
        try:
            return bool(_eval(self.tree, variables))
        except (ZeroDivisionError, OverflowError, _MissingError):
            return False

    def missing(self, variables: dict[str, float | None]) -> list[str]:
        """The names the formula uses that have no value, in alphabetical order."""
        return sorted(n for n in self.names if _value(variables.get(n)) is None)


class _MissingError(Exception):
    pass


def parse_formula(text: str, kind: str = "indicator") -> Formula:
    """Parse and check a formula of `kind` (see KINDS); raises FormulaError naming what is not allowed."""
    text = str(text)
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formule is langer dan {MAX_LENGTH} tekens")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise FormulaError(f"formule is geen geldige berekening: '{text}'") from None
    names: set[str] = set()
    _check(tree, names, KINDS.index(kind))
    return Formula(text, tree, frozenset(names))


def parse_condition(text: str) -> Formula:
    """A condition (`holds()` tells whether it is true)."""
    return parse_formula(text, "condition")


def _dotted(node: ast.AST) -> str | None:
    """'norm.subsidie_per_inwoner' for an attribute of a plain name, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _check(node: ast.AST, names: set[str], level: int) -> None:
    """Refuse what the kind at `level` (0 indicator, 1 expression, 2 condition) does not allow."""
    parts: list[ast.AST] = []
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        parts = [node.left, node.right]
    elif isinstance(node, ast.UnaryOp) and (
        isinstance(node.op, ast.USub | ast.UAdd) or (level >= 2 and isinstance(node.op, ast.Not))
    ):
        parts = [node.operand]
    elif level >= 2 and isinstance(node, ast.BoolOp):
        parts = list(node.values)
    elif level >= 2 and isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
        parts = [node.left, *node.comparators]
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        pass
    elif isinstance(node, ast.Name) and not node.id.startswith("_"):
        names.add(node.id)
    elif level >= 1 and _dotted(node) and not node.attr.startswith("_"):
        names.add(_dotted(node))
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in (_FUNCTIONS if level >= 1 else ("min", "max"))
        and node.args
        and not node.keywords
    ):
        parts = list(node.args)
    else:
        raise FormulaError(f"niet toegestaan in een formule: '{ast.unparse(node)}' ({_ALLOWED[KINDS[level]]})")
    for part in parts:
        _check(part, names, level)


def _value(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return float(value)


def evaluate_node(node: ast.AST, variables: dict[str, float | None]) -> float | None:
    """The value of one part of a parsed formula (for writing a computation out step by step), or None."""
    try:
        value = _eval(node, variables)
    except (ZeroDivisionError, OverflowError, _MissingError):
        return None
    if isinstance(value, bool):
        return float(value)
    return None if value is None or math.isnan(value) or math.isinf(value) else float(value)


def _eval(node: ast.AST, variables: dict[str, float | None]):
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, variables), _eval(node.right, variables))
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, variables)
        if isinstance(node.op, ast.Not):
            return not value
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BoolOp):
        return _bool_op(node, variables)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, variables)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = _eval(right_node, variables)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Constant):
        return float(node.value)
    name = node.id if isinstance(node, ast.Name) else _dotted(node)
    if name is not None:
        value = _value(variables.get(name))
        if value is None:
            raise _MissingError
        return value
    if isinstance(node, ast.Call):
        return _FUNCTIONS[node.func.id](*(_eval(a, variables) for a in node.args))
    raise _MissingError


def _bool_op(node: ast.BoolOp, variables: dict[str, float | None]) -> bool:
    """`and`/`or` as a reader means them: `or` holds when any decidable part holds; `and` needs every part."""
    if isinstance(node.op, ast.And):
        return all(_eval(v, variables) for v in node.values)
    for value in node.values:
        try:
            if _eval(value, variables):
                return True
        except (ZeroDivisionError, OverflowError, _MissingError):
            continue
    return False
