"""Safe arithmetic formulas from the content (`subsidie / inwoners * 1000`): parse once, evaluate per library.

Only numbers, variable names, + - * /, parentheses, unary minus, min() and max() are allowed. A missing
variable or a division by zero gives None ("geen gegevens"), never NaN or an exception.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_FUNCTIONS = {"min": min, "max": max}


class FormulaError(ValueError):
    """The formula text is not a valid formula; the message is Dutch."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate(self, variables: dict[str, float | None]) -> float | None:
        try:
            value = _eval(self.tree, variables)
        except (ZeroDivisionError, _MissingError):
            return None
        return None if value is None or math.isnan(value) or math.isinf(value) else float(value)


class _MissingError(Exception):
    pass


def parse_formula(text: str) -> Formula:
    """Parse and check a formula; raises FormulaError naming what is not allowed."""
    try:
        tree = ast.parse(str(text), mode="eval").body
    except SyntaxError:
        raise FormulaError(f"formule is geen geldige berekening: '{text}'") from None
    names: set[str] = set()
    _check(tree, names)
    return Formula(str(text), tree, frozenset(names))


def _check(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names)
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        pass
    elif isinstance(node, ast.Name):
        names.add(node.id)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and node.args
        and not node.keywords
    ):
        for arg in node.args:
            _check(arg, names)
    else:
        raise FormulaError(
            f"niet toegestaan in een formule: '{ast.unparse(node)}' "
            "(alleen getallen, variabelen, + - * /, haakjes, min en max)"
        )


def _eval(node: ast.AST, variables: dict[str, float | None]) -> float:
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, variables), _eval(node.right, variables))
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, variables)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        value = variables.get(node.id)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise _MissingError
        return float(value)
    if isinstance(node, ast.Call):
        return _FUNCTIONS[node.func.id](*(_eval(a, variables) for a in node.args))
    raise _MissingError
