"""Filling content texts (stories, status sentences) with a library's figures, in a sandboxed Jinja.

Content is written by people, not programmers, and shared between organisations: it runs in Jinja's
`ImmutableSandboxedEnvironment` with `StrictUndefined`, so a misspelt field or an attempt to reach Python
internals fails with a clear message instead of rendering something wrong. Output is plain text; the Word and
PDF renderers escape it for their own formats.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from robuust_docs import wording


class TextError(ValueError):
    """A content text could not be rendered; the message is Dutch and names the cause."""


@lru_cache(maxsize=1)
def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(wording.FILTERS)  # Dutch wording filters: lijst, aantal, werkwoord, … (docs/inhoud.md)
    return env


@lru_cache(maxsize=2048)
def _compile(text: str):
    try:
        return _environment().from_string(text)
    except TemplateSyntaxError as exc:
        raise TextError(f"fout in de opmaak van de tekst (regel {exc.lineno}): {exc.message}") from None


def fill(text: str, context: dict) -> str:
    """Render `text` with `context`; raises TextError for syntax errors, unknown fields and unsafe access."""
    template = _compile(text)
    try:
        return template.render(context)
    except UndefinedError as exc:
        raise TextError(f"onbekend veld in de tekst: {_field(exc)}") from None
    except SecurityError:
        raise TextError("de tekst probeert iets te gebruiken dat niet is toegestaan") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise TextError(f"de tekst kan niet worden ingevuld ({exc})") from None


def _field(exc: UndefinedError) -> str:
    message = str(exc.message or "")
    return message.replace("'dict object' has no attribute", "geen veld").replace("is undefined", "bestaat niet")
