"""`check_template`: find problems in a Word template before any run.

Reports Jinja syntax errors located by paragraph or table cell, and every field the template uses that the
report model does not provide (also nested, e.g. `bibliotheek.nam`), with the nearest existing field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from robuust_docs.errors import Problem, TemplateError
from robuust_docs.report.model import Report, field_paths

_TAG = re.compile(r"\{%-?\s*(?:p|tr|tc|r)?\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}", re.S)


@dataclass(frozen=True)
class Place:
    where: str  # 'alinea 12', 'tabel 2, rij 3, cel 1', 'koptekst'
    text: str


def _places(path: Path) -> list[Place]:
    from docx import Document

    doc = Document(str(path))
    places = [Place(f"alinea {i}", p.text) for i, p in enumerate(doc.paragraphs, start=1) if "{" in p.text]
    for t, table in enumerate(doc.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if "{" in cell.text:
                    places.append(Place(f"tabel {t}, rij {r}, cel {c}", cell.text))
    for s, section in enumerate(doc.sections, start=1):
        for label, part in (("koptekst", section.header), ("voettekst", section.footer)):
            for p in part.paragraphs:
                if "{" in p.text:
                    places.append(Place(f"{label} (sectie {s})", p.text))
    return places


def _source(places: list[Place]) -> tuple[str, list[tuple[int, Place]]]:
    """One Jinja source of all tags, one line per place (docxtpl's p/tr/tc/r prefixes and `{{r` removed)."""
    lines, index = [], []
    for place in places:
        text = re.sub(r"\{%-?\s*(p|tr|tc|r)\s", "{% ", place.text)
        text = re.sub(r"\{\{r\s", "{{ ", text)
        lines.append(text.replace("\n", " "))
        index.append((len(lines), place))
    return "\n".join(lines), index


def check_template(path: Path, model: type = Report) -> list[Problem]:
    """Every problem in the template; raises TemplateError when there are any (or the file is unreadable)."""
    problems = template_problems(path, model)
    if problems:
        raise TemplateError(f"Het Word-sjabloon {path.name} bevat fouten", tuple(problems))
    return problems


def template_problems(path: Path, model: type = Report) -> list[Problem]:
    """Syntax errors located by paragraph or cell, and fields that `model` (the report model) does not have."""
    try:
        places = _places(path)
    except Exception as exc:  # python-docx raises several types for a broken or non-Word file
        return [Problem(path.name, f"geen geldig Word-bestand (.docx) ({type(exc).__name__})")]
    source, index = _source(places)
    env = ImmutableSandboxedEnvironment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        place = dict(index).get(exc.lineno)
        where = place.where if place else f"regel {exc.lineno}"
        return [
            Problem(
                path.name,
                f"{where}: fout in de sjabloonopmaak: {exc.message}",
                value=place.text.strip()[:80] if place else None,
            )
        ]
    return _unknown_fields(tree, index, path.name, model)


def _unknown_fields(tree, index, file: str, model: type) -> list[Problem]:
    known = set(field_paths(model))
    known |= {f"{p}.afbeelding" for p in known if p.endswith("figuur")}  # the Word renderer's image
    places = dict(index)
    problems = []
    for path, lineno in _field_uses(tree):
        if path not in known:
            near = difflib.get_close_matches(path, sorted(known), n=1, cutoff=0.6)
            hint = f"; bedoelt u '{near[0]}'?" if near else ""
            where = places[lineno].where if lineno in places else f"regel {lineno}"
            problems.append(Problem(file, f"{where}: onbekend veld '{path}'{hint}", value=path))
    return problems


def _field_uses(tree) -> list[tuple[str, int]]:
    """(dotted path, line) for every variable use, loop variables expanded to their source ('x[]')."""
    aliases: dict[str, str] = {}
    uses = []

    def path_of(node) -> str | None:
        if isinstance(node, nodes.Name):
            return aliases.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = path_of(node.node)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem):
            base = path_of(node.node)
            if base is None:
                return None
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return base + "[]"
            return base
        return None

    def visit(node) -> None:
        if isinstance(node, nodes.For):
            visit(node.iter)
            source = path_of(node.iter)
            if isinstance(node.target, nodes.Name) and source:
                aliases[node.target.name] = source + "[]"
            for child in node.body + node.else_:
                visit(child)
            return
        if isinstance(node, nodes.Getattr | nodes.Name | nodes.Getitem):
            path = path_of(node)
            if path and not path.endswith("[]") and path.split(".")[0] != "loop":
                uses.append((path, node.lineno))
            if isinstance(node, nodes.Getattr | nodes.Getitem):
                return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    return uses
