"""Filling content texts (stories, status sentences) with a library's figures, in a sandboxed, bounded Jinja.

Content is written by people, not programmers, and shared between organisations: it runs in Jinja's
`ImmutableSandboxedEnvironment` with `StrictUndefined`, so a misspelt field or an attempt to reach Python
internals fails with a clear message instead of rendering something wrong. Output is plain text; the Word and
PDF renderers escape it for their own formats.

A text is a text with fields, not a program, so it is also bounded (limits in `robuust_docs.files`): its length,
how deeply brackets and blocks nest, the loop turns, calls and operations while it is filled in, the time that
takes, and the size of every value it makes and of what it writes. Operations that multiply sizes (`*`, `**`,
`replace`, `join`, `indent`, …) are checked before they run, so a huge string or number is refused, not built.
Macros, includes, imports and recursive loops are refused when the text is read. Every way out is a TextError.
"""

from __future__ import annotations

import functools
import marshal
import sys
import time
import types
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from functools import lru_cache

import jinja2
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from robuust_docs import fmt, wording
from robuust_docs.files import (
    MAX_FILLED_CHARS,
    MAX_TEXT_CHARS,
    MAX_TEXT_INT_BITS,
    MAX_TEXT_NESTING,
    MAX_TEXT_SECONDS,
    MAX_TEXT_STEPS,
    cache_key,
    package_digest,
    read_marshalled,
    text_too_long,
    write_cached,
)


class TextError(ValueError):
    """A content text could not be rendered; the message is Dutch and names the cause."""


class _LimitError(TextError):
    """A content text went beyond one of the limits while it was filled in."""


# --- the budget of one fill -----------------------------------------------------------------------------------------


class _Budget:
    """Steps, time and written characters left for the text being filled in."""

    def __init__(self) -> None:
        self.steps = 0
        self.written = 0
        self.deadline = time.monotonic() + MAX_TEXT_SECONDS

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_TEXT_STEPS:
            raise _LimitError(f"de tekst doet te veel stappen (meer dan {fmt.number(MAX_TEXT_STEPS)})")
        if time.monotonic() > self.deadline:
            raise _LimitError(f"het invullen van de tekst duurt te lang (meer dan {fmt.number(MAX_TEXT_SECONDS)} s)")


_BUDGET: ContextVar[_Budget | None] = ContextVar("robuust_text_budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _size(value: object, limit: int = MAX_FILLED_CHARS) -> int:
    """The characters `value` stands for (a string's length; a collection's items added up), counted only up to
    just beyond `limit`, so a structure that refers to itself, or a very wide one, costs no more than that."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, _COLLECTIONS):
        return 1 + value.bit_length() // 3 if isinstance(value, int) else 1
    total = 1
    stack = [iter(_items(value))]
    while stack:
        for item in stack[-1]:
            if isinstance(item, str):
                total += len(item)
            elif isinstance(item, _COLLECTIONS) and len(stack) < MAX_TEXT_NESTING:
                total += 1
                stack.append(iter(_items(item)))
                break
            else:
                total += 1
            if total > limit:
                return total
        else:
            stack.pop()
    return total


_COLLECTIONS = (list, tuple, set, frozenset, Mapping)


def _items(value) -> Iterable:
    return [*value.keys(), *value.values()] if isinstance(value, Mapping) else value


def _checked(value: object) -> object:
    """`value`, if it is not bigger than MAX_FILLED_CHARS; an int is also bounded in its number of bits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_TEXT_INT_BITS:
        raise _LimitError("de tekst rekent met een te groot getal")
    if _size(value) > MAX_FILLED_CHARS:
        raise _LimitError(f"de tekst maakt een te lange waarde (meer dan {fmt.number(MAX_FILLED_CHARS)} tekens)")
    return value


def _refuse_big(size: int) -> None:
    if size > MAX_FILLED_CHARS:
        raise _LimitError(f"de tekst maakt een te lange waarde (meer dan {fmt.number(MAX_FILLED_CHARS)} tekens)")


def _int_arguments(args: Iterable[object]) -> None:
    """A width, count or length above MAX_FILLED_CHARS (center(10**9), batch(10**9)) is refused."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_FILLED_CHARS:
            raise _LimitError(f"de tekst gebruikt een te groot getal ({arg})")


# --- operations that multiply sizes, checked before they run ---------------------------------------------------------


def _before_binop(op: str, left: object, right: object) -> None:
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if op == "**" and numbers and abs(left) > 1 and right > 0:
        if left.bit_length() * right > MAX_TEXT_INT_BITS:
            raise _LimitError("de tekst rekent met een te groot getal")
    elif op == "*" and numbers:
        if left.bit_length() + right.bit_length() > MAX_TEXT_INT_BITS + 1:
            raise _LimitError("de tekst rekent met een te groot getal")
    elif op == "*":
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(count, int) and not isinstance(count, bool) and not isinstance(sequence, int | float):
            _refuse_big(_size(sequence) * max(count, 0))
    elif op == "+" and not isinstance(left, int | float):
        _refuse_big(_size(left) + _size(right))
    elif op == "%" and isinstance(left, str):
        raise _LimitError("de tekst gebruikt tekstopmaak met %; schrijf de tekst en de velden uit")


def _join_size(items: list, separator: str) -> int:
    """The length of `separator.join(items)`, counted only up to just beyond MAX_FILLED_CHARS."""
    total = len(separator) * max(len(items) - 1, 0)
    for item in items:
        total += len(item) if isinstance(item, str) else _size(str(item))
        if total > MAX_FILLED_CHARS:
            break
    return total


def _metered(items):
    """A lazily made sequence (from `map`, `select`, a generator) made one step and its size at a time, so
    `range(50000) | map('center', 50000) | list` stops at MAX_FILLED_CHARS instead of at gigabytes."""
    made = 0
    for item in items:
        _tick()
        made += _size(item)
        _refuse_big(made)
        yield item


def _before_method(method: object, args: tuple, kwargs: dict) -> tuple:
    """The arguments of a str method, checked first where the method multiplies (replace, join, expandtabs);
    translate is refused (a table can turn each letter into a page)."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return args
    if name in ("translate", "maketrans"):
        raise _LimitError(f"de tekst gebruikt '{name}'; dat kan niet in een inhoudstekst")
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _refuse_big(len(owner) + (owner.count(args[0]) if args[0] else len(owner) + 1) * len(args[1]))
    elif name == "join" and args:
        items = list(args[0])
        _refuse_big(_join_size(items, owner))
        return (items, *args[1:])
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _refuse_big(len(owner) + owner.count("\t") * size)
    return args


def _replace_size(value, old="", new="", *_) -> None:
    text, old, new = str(value), str(old), str(new)
    _refuse_big(len(text) + (text.count(old) if old else len(text) + 1) * len(new))


def _indent_size(value, width=4, *_) -> None:
    text = str(value)
    _refuse_big(len(text) + (text.count("\n") + 1) * (len(width) if isinstance(width, str) else int(width)))


def _wrap_size(value, width=79, break_long_words=True, wrapstring=None, *_) -> None:
    _refuse_big(len(str(value)) * (1 + len(wrapstring if wrapstring is not None else "\n")))


_FILTER_CHECKS = {"replace": _replace_size, "indent": _indent_size, "wordwrap": _wrap_size}


def _guard_filter(name: str, function):
    """The filter `function`, counted as a step, with its whole-number arguments bounded, its size checked
    first where it multiplies (replace, join, indent, wordwrap) and its result checked; `format` is refused."""
    check = _FILTER_CHECKS.get(name)
    skip = 1 if hasattr(function, "jinja_pass_arg") else 0  # the context, eval context or environment comes first

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        _tick()
        _int_arguments([*args[skip + 1 :], *kwargs.values()])
        if name == "format":
            raise _LimitError("de tekst gebruikt tekstopmaak met 'format'; schrijf de tekst en de velden uit")
        if name == "join" and len(args) > skip:
            items = list(args[skip])
            _refuse_big(_join_size(items, str(args[skip + 1] if len(args) > skip + 1 else kwargs.get("d", ""))))
            args = (*args[:skip], items, *args[skip + 1 :])
        if check is not None and len(args) > skip:
            check(*args[skip:], **kwargs)
        result = function(*args, **kwargs)
        return _metered(result) if _is_iterator(result) else _checked(result)

    return guarded


def _is_iterator(value: object) -> bool:
    return hasattr(value, "__next__") and not isinstance(value, str)


# --- the environment ------------------------------------------------------------------------------------------------


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with every call and every sizeable operation counted and checked."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/", "-"})

    def call_binop(self, context, operator_: str, left, right):
        _tick()
        _before_binop(operator_, left, right)
        return _checked(super().call_binop(context, operator_, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        _tick()
        _int_arguments([*args, *kwargs.values()])
        args = _before_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return _metered(result) if _is_iterator(result) else _checked(result)

    def wrap_str_format(self, value):
        """str.format and format_map are refused: '{:>1000000000}'.format(x) would build a gigabyte."""
        if super().wrap_str_format(value) is None:
            return None

        def refused(*args, **kwargs):
            raise _LimitError("de tekst gebruikt tekstopmaak met 'format'; schrijf de tekst en de velden uit")

        return refused


@pass_context
def _counted_iteration(context, iterable):
    """What a `{% for %}` loops over: one step per turn, and no more turns than MAX_TEXT_STEPS."""
    for item in iterable:
        _tick()
        yield item


@pass_context
def _written(context, value):
    """What a text writes: counted against MAX_FILLED_CHARS, whether it ends up in the text or in a
    `{% set %}` block."""
    text = value if isinstance(value, str) else str(_checked(value))
    budget = _BUDGET.get()
    if budget is not None:
        budget.written += len(text)
        if budget.written > MAX_FILLED_CHARS:
            raise _LimitError(f"de ingevulde tekst wordt te lang (meer dan {fmt.number(MAX_FILLED_CHARS)} tekens)")
    return text


@pass_context
def _joined(context, parts):
    """`a ~ b ~ c`, checked before the parts are joined."""
    texts = [p if isinstance(p, str) else str(_checked(p)) for p in parts]
    _refuse_big(sum(map(len, texts)))
    return "".join(texts)


_OWN_FILTERS = {"_rd_loop": _counted_iteration, "_rd_write": _written, "_rd_join": _joined}


@lru_cache(maxsize=1)
def _environment() -> ImmutableSandboxedEnvironment:
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals.pop("lipsum", None)  # random paragraphs: no use in a text, and a cheap way to make megabytes
    # Jinja's own filters and the Dutch wording filters (lijst, aantal, werkwoord, …; docs/inhoud.md), all guarded
    env.filters = {name: _guard_filter(name, f) for name, f in {**env.filters, **wording.FILTERS}.items()}
    env.filters.update(_OWN_FILTERS)
    return env


# --- reading a text -------------------------------------------------------------------------------------------------

_REFUSED = {
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
}
_OPEN, _CLOSE = set("([{"), set(")]}")
_BLOCKS = {"if", "for", "with", "filter", "macro", "call", "block", "autoescape", "trans"}
_SKIPPED = {"whitespace", "comment", "comment_begin", "comment_end", "linecomment"}


def _check_nesting(env: ImmutableSandboxedEnvironment, text: str) -> None:
    """Refuse brackets or blocks nested deeper than MAX_TEXT_NESTING, and long chains of 'not' or signs, before
    the parser (which recurses) sees them."""
    depth, chain, previous = 0, 0, ""
    for _, kind, value in env.lex(text):
        if kind in _SKIPPED:
            continue
        block = previous == "block_begin" and kind == "name"
        if (kind == "operator" and value in _OPEN) or (block and value in _BLOCKS):
            depth += 1
        elif (kind == "operator" and value in _CLOSE) or (block and value.startswith("end")):
            depth = max(depth - 1, 0)  # an {% endset %} closes a block not counted: never below zero
        chain = chain + 1 if (kind == "name" and value == "not") or (kind == "operator" and value in "+-") else 0
        if depth > MAX_TEXT_NESTING or chain > MAX_TEXT_NESTING:
            raise TextError(f"de tekst nest haakjes of blokken te diep (meer dan {MAX_TEXT_NESTING} niveaus)")
        previous = kind


class _Bounded(NodeTransformer):
    """Every loop counted, everything written counted, every `~` checked before it joins."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 (the visitor's naming)
        node = self.generic_visit(node)
        node.iter = _filter(node.iter, "_rd_loop")
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:  # noqa: N802
        node = self.generic_visit(node)
        node.nodes = [
            _filter(nodes.Const(c.data, lineno=c.lineno) if isinstance(c, nodes.TemplateData) else c, "_rd_write")
            for c in node.nodes
        ]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        node = self.generic_visit(node)
        return _filter(nodes.List(node.nodes, lineno=node.lineno), "_rd_join")


def _bounded(tree: nodes.Template) -> nodes.Template:
    """The parsed text, bounded (`_Bounded`); what a content text has no use for (macros, includes, imports,
    recursive loops) is refused."""
    for node in tree.find_all(nodes.Node):
        for kind, shown in _REFUSED.items():
            if isinstance(node, kind):
                raise TextError(f"de tekst gebruikt {shown}; dat kan niet in een inhoudstekst")
        if isinstance(node, nodes.For) and node.recursive:
            raise TextError(
                "de tekst gebruikt een lus die zichzelf aanroept (recursive); dat kan niet in een inhoudstekst"
            )
    return _Bounded().visit(tree)


def _filter(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


# The compiled code of a content set's texts, kept in the user's cache (files.py) between runs: reading the content
# compiles every text to check it (a fifth of a second, at every start); a later run on the same content, package,
# jinja and Python takes the code instead. Only texts that passed every check are kept.
CODE_SUFFIX = ".inhoud.code"
CODE_KEEP = 8  # content sets
_KEPT: dict[str, types.CodeType] = {}
_MADE: dict[str, types.CodeType] = {}
_TAKEN: set[str] = set()  # the content sets whose kept code this process has taken (once each)


def use_kept_code(digest: str) -> None:
    """Take the compiled code of the texts of the content set `digest` that an earlier run kept, if any; once per
    process (reading the content, or a pool worker's first library)."""
    if digest in _TAKEN:
        return
    _TAKEN.add(digest)
    codes = read_marshalled(_code_name(digest), _is_code_bundle)
    if codes is not None:
        _KEPT.update(codes)


def _is_code_bundle(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, types.CodeType) for k, v in value.items()
    )


def keep_code(digest: str) -> None:
    """Keep the code of the texts compiled in this process for the next run on the content set `digest`."""
    if _MADE:
        write_cached(_code_name(digest), marshal.dumps({**_KEPT, **_MADE}), CODE_KEEP)
        _KEPT.update(_MADE)
        _MADE.clear()


def _code_name(digest: str) -> str:
    return f"{cache_key(digest, package_digest(), jinja2.__version__, sys.version)}{CODE_SUFFIX}"


@lru_cache(maxsize=2048)
def _compile(text: str):
    if len(text) > MAX_TEXT_CHARS:
        raise TextError(text_too_long(len(text)))
    env = _environment()
    code = _KEPT.get(text)  # checked and compiled by an earlier run
    if code is None:
        code = _MADE[text] = _checked_code(env, text)
    return env.template_class.from_code(env, code, env.make_globals(None), None)  # as jinja's own from_string


def _checked_code(env: ImmutableSandboxedEnvironment, text: str):
    """The compiled code of `text`, after every check; raises TextError."""
    try:
        _check_nesting(env, text)
        return env.compile(_bounded(env.parse(text)))
    except TemplateSyntaxError as exc:
        raise TextError(f"fout in de opmaak van de tekst (regel {exc.lineno}): {exc.message}") from None
    except (RecursionError, MemoryError, SyntaxError, ValueError) as exc:
        if isinstance(exc, TextError):
            raise
        raise TextError("de tekst is te ingewikkeld om in te lezen (te diep genest of te groot)") from None


def fill(text: str, context: dict) -> str:
    """Render `text` with `context`; raises TextError for syntax errors, unknown fields, unsafe access and for a
    text that goes beyond the limits (too long, too many steps, too slow, too big a value)."""
    template = _compile(text)
    token = _BUDGET.set(_Budget())
    try:
        return template.render(context)
    except TextError:
        raise
    except UndefinedError as exc:
        raise TextError(f"onbekend veld in de tekst: {_field(exc)}") from None
    except SecurityError:
        raise TextError("de tekst probeert iets te gebruiken dat niet is toegestaan") from None
    except (RecursionError, MemoryError):
        raise TextError("de tekst kan niet worden ingevuld (te diep genest of te groot)") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TextError(f"de tekst kan niet worden ingevuld ({exc})") from None
    finally:
        _BUDGET.reset(token)


def _field(exc: UndefinedError) -> str:
    message = str(exc.message or "")
    return message.replace("'dict object' has no attribute", "geen veld").replace("is undefined", "bestaat niet")
