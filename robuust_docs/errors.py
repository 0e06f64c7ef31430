"""One exception family the CLI knows how to print: every user-facing problem is a `RobuustError`.

Each error carries where the problem is (file, sheet, row, column or key) and the offending value as
attributes, so tests can assert on them rather than on wording. `Problem` is one such located problem;
validation collects many of them before raising one error that lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Problem:
    """One located problem in the inputs, the content or a template."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    sheet: str | None = None
    library: str | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"blad '{self.sheet}'")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        if self.key:
            where.append(f"sleutel '{self.key}'")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None:
            text += f", gevonden {_quote(self.value)}"
        return text

    def as_dict(self) -> dict:
        return {
            "bestand": self.file,
            "blad": self.sheet,
            "rij": self.row,
            "kolom": self.column,
            "waarde": None if self.value is None else str(self.value),
            "melding": self.message,
            "bibliotheek": self.library,
            "sleutel": self.key,
            "tekst": str(self),
        }


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"'{text}'"


class RobuustError(click.ClickException):
    """Base of every error the user can fix; the CLI prints it as 'Fout: …' and exits 1."""

    exit_code = 1

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()):
        self.problems = tuple(problems)
        self._headline = message
        if self.problems:
            listed = "\n".join(f"  - {p}" for p in self.problems)
            message = f"{message}\n{listed}"
        super().__init__(message)

    def __reduce__(self):  # a forked renderer or worker hands the error to the parent as it was made
        return (type(self), (self._headline, self.problems))

    @property
    def first(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def show(self, file=None) -> None:
        click.echo(f"Fout: {self.format_message()}", file=file, err=True)


class DataError(RobuustError):
    """A problem in the input tables (CSV or Excel)."""


class ContentError(RobuustError):
    """A problem in the content files (YAML, Markdown)."""


class TemplateError(RobuustError):
    """A problem in the Word template or the PDF theme."""


class RenderError(RobuustError):
    """A problem while rendering one library's documents."""


class OutputError(RobuustError):
    """A problem while writing output files."""


def raise_if(problems: list[Problem], error: type[RobuustError], summary: str) -> None:
    """Raise `error` listing every problem, if there are any."""
    if problems:
        count = len(problems)
        noun = "probleem" if count == 1 else "problemen"
        raise error(f"{summary} ({count} {noun}):", tuple(problems))
