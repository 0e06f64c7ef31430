"""The Jinja environment the Word template is rendered in: sandboxed, and with limits on work and size.

Everything docxtpl compiles (the body, headers, footers, footnotes, document properties) passes
`template_check.jinja_problems` first: no includes, macros, `set`, calls, `**` or filters that multiply a text,
and loops only over the model's lists, at most `MAX_LOOP_DEPTH` deep. What remains is bounded by the model, and
three limits catch the rest while rendering each part: `MAX_LOOP_STEPS` loop iterations, `MAX_RENDERED_CHARS`
characters of output and `MAX_RENDER_SECONDS`. Each limit ends the render with a Dutch `TemplateLimitError`
instead of a hang or a MemoryError. Compiled parts are cached per process (docxtpl compiles the same XML for
every library) and their code in the user's cache, for the next run.
"""

from __future__ import annotations

import contextvars
import marshal
import sys
import time
import types
from collections.abc import Iterable, Iterator

import jinja2
from jinja2 import Template, nodes
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.filters import FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment

from robuust_docs.files import cache_key, package_digest, read_marshalled, write_cached
from robuust_docs.render.docx.template_check import SAFE_FILTERS, jinja_problems

MAX_LOOP_STEPS = 1_000_000  # iterations of all loops in one part together; a handreiking needs a few hundred
MAX_RENDERED_CHARS = 100_000_000  # characters of XML one part may render to; a handreiking's body is ~1 million
MAX_RENDER_SECONDS = 60.0  # one part; a handreiking's body takes a tenth of a second
COUNTED = "_robuust_counted"  # the filter every loop's list passes through; not usable in a template
_CACHE_SIZE = 16


class TemplateLimitError(JinjaTemplateError):
    """The Word template does something it may not, or too much; the message is Dutch."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS:
            raise TemplateLimitError(
                f"de lussen in het sjabloon lopen meer dan {MAX_LOOP_STEPS:_} keer rond".replace("_", ".")
            )
        if not self.steps % 1024:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"het invullen van het sjabloon duurt langer dan {MAX_RENDER_SECONDS:.0f} seconden"
            )

    def add(self, chunk: str) -> None:
        self.chars += len(chunk)
        if self.chars > MAX_RENDERED_CHARS:
            raise TemplateLimitError(
                f"het sjabloon maakt meer dan {MAX_RENDERED_CHARS:_} tekens tekst".replace("_", ".")
            )
        self.check_time()


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("robuust_template_budget", default=None)


def _counted(iterable: Iterable) -> Iterator:
    budget = _budget.get()
    for item in iterable:
        if budget is not None:
            budget.step()
        yield item


class LimitedTemplate(Template):
    """A template whose `render` streams its output and stops at the limits."""

    def render(self, *args, **kwargs) -> str:
        budget = _Budget()
        token = _budget.set(budget)
        try:
            parts = []
            for chunk in self.generate(*args, **kwargs):
                budget.add(chunk)
                parts.append(chunk)
            return "".join(parts)
        finally:
            _budget.reset(token)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment for one report model: no globals, only safe filters, every source checked."""

    template_class = LimitedTemplate
    _compiled: dict = {}

    def __init__(self, model: type, **options):
        super().__init__(**options)
        self.model = model
        self.globals.clear()  # no range, namespace, lipsum, cycler, joiner, dict
        self.filters = {name: FILTERS[name] for name in SAFE_FILTERS if name in FILTERS}
        self.filters[COUNTED] = _counted

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 (jinja's signature)
        key = (self.model, source, self.autoescape)
        cached = self._compiled.get(key)
        if cached is not None and globals is None and template_class is None:
            return cached
        name = _code_name(self.model, source, self.autoescape)
        code = _kept_code(name)
        if code is None:
            tree = self.parse(source)
            problems = jinja_problems(tree, self.model)
            if problems:
                _, message, value = problems[0]
                raise TemplateLimitError(message + (f", gevonden '{value}'" if value else ""))
            code = self.compile(_count_loops(tree))
            write_cached(name, marshal.dumps(code), CODE_KEEP)
        # as jinja's own from_string, with the code compiled here or by an earlier run
        template = (template_class or self.template_class).from_code(self, code, self.make_globals(globals), None)
        if globals is None and template_class is None:
            if len(self._compiled) >= _CACHE_SIZE:
                self._compiled.clear()
            self._compiled[key] = template
        return template


# Compiling the template's XML (checks included) is a tenth of a second at every start; the code, checked and
# compiled, is kept in the user's cache (files.py: the user's own folder only), keyed by the source, the report
# model, jinja's and Python's versions and the package's own code, so it is never stale.
CODE_KEEP = 32  # entries (a template has a body and a few headers and footers)
CODE_SUFFIX = ".sjabloon.code"


def _code_name(model: type, source: str, autoescape) -> str:
    model_name = f"{model.__module__}.{model.__qualname__}"
    key = cache_key(package_digest(), jinja2.__version__, sys.version, model_name, repr(autoescape), source)
    return f"{key}{CODE_SUFFIX}"


def _kept_code(name: str):
    return read_marshalled(name, lambda value: isinstance(value, types.CodeType))


def _count_loops(tree: nodes.Template) -> nodes.Template:
    """Pass every loop's list through the counting filter, so each iteration is counted against the budget."""
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.iter.lineno)
    return tree
