"""`check_template`: find problems in a Word template before any run.

Reports, located by paragraph or table cell: a file that is not a Word file or too big to open safely (limits on
every zip part, `sanitize.py`), Jinja syntax errors, every field the template uses that the report model does
not provide (also nested, e.g. `bibliotheek.nam`, with the nearest existing field), and everything a Word
template may not do (`jinja_problems`): include or import other templates, macros, `set` and `with`, calls of
functions or methods, arithmetic that can explode (`**`, `*` on texts), filters outside a short list, loops over
anything but a list of the model, and loops nested deeper than `MAX_LOOP_DEPTH`. The same rules are enforced
again on every part the renderer compiles (`sandbox.py`), so a template that was never checked cannot do more.

Jinja that docxtpl would render but that lies outside the paragraphs, tables, headers and footers a user sees
in Word (a text box, a footnote, the document properties) is checked as well and named by its part.
`template_warnings` lists external links in the template (a remote attached template, `file:///` links) that
are left out of every generated document.
"""

from __future__ import annotations

import difflib
import html
import re
import typing
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from robuust_docs.errors import Problem, TemplateError
from robuust_docs.render.docx.sanitize import external_problems, package_problems
from robuust_docs.report.model import Report, field_paths

_TAG = re.compile(r"\{%-?\s*(?:p|tr|tc|r)?\s*(.*?)\s*-?%\}|\{\{-?\s*(.*?)\s*-?\}\}", re.S)

MAX_LOOP_DEPTH = 4  # nested {% for %}: the overview template uses 3
SAFE_FILTERS = frozenset(
    {
        "abs",
        "capitalize",
        "count",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "float",
        "int",
        "join",
        "last",
        "length",
        "lower",
        "rejectattr",
        "reverse",
        "round",
        "selectattr",
        "sort",
        "string",
        "title",
        "trim",
        "truncate",
        "unique",
        "upper",
        "wordcount",
    }
)  # each makes at most a copy of its input: none can multiply a text
SEQUENCE_FILTERS = frozenset({"reverse", "sort", "unique", "selectattr", "rejectattr"})  # allowed on a loop's list
LOOP_FIELDS = frozenset(
    {"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0", "previtem", "nextitem"}
)
SMALL_INT = 1000  # docxtpl's own `{{ 2 * loop.length }}` (merged cells) multiplies a small number, nothing else

_NOT_ALLOWED = {
    nodes.Include: "'{% include %}' (een ander sjabloon invoegen) kan niet in een Word-sjabloon",
    nodes.Import: "'{% import %}' kan niet in een Word-sjabloon",
    nodes.FromImport: "'{% from … import %}' kan niet in een Word-sjabloon",
    nodes.Extends: "'{% extends %}' kan niet in een Word-sjabloon",
    nodes.Block: "'{% block %}' kan niet in een Word-sjabloon",
    nodes.Macro: "macro's ('{% macro %}') zijn niet toegestaan",
    nodes.CallBlock: "'{% call %}' is niet toegestaan",
    nodes.Assign: "'{% set %}' is niet toegestaan; gebruik de velden zelf",
    nodes.AssignBlock: "'{% set %}' is niet toegestaan; gebruik de velden zelf",
    nodes.With: "'{% with %}' is niet toegestaan; gebruik de velden zelf",
    nodes.EvalContextModifier: "'{% autoescape %}' is niet toegestaan",
    nodes.ExprStmt: "'{% do %}' is niet toegestaan",
    nodes.Call: "een functie of methode aanroepen is niet toegestaan",
    nodes.Pow: "machtsverheffen ('**') is niet toegestaan",
    nodes.Mod: "'%' (rest of tekstopmaak) is niet toegestaan",
    nodes.Div: "rekenen in het sjabloon is niet toegestaan; de getallen staan al opgemaakt in de velden",
    nodes.FloorDiv: "rekenen in het sjabloon is niet toegestaan; de getallen staan al opgemaakt in de velden",
}


@dataclass(frozen=True)
class Place:
    where: str  # 'alinea 12', 'tabel 2, rij 3, cel 1', 'koptekst'
    text: str


def _places(doc) -> list[Place]:
    """Every paragraph and table cell with a tag, in document order (a loop may open in a paragraph and run
    through a table), then the headers and footers; numbered as Word users count them."""
    places: list[Place] = []
    paragraphs = tables = 0
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            tables += 1
            places += _cells(block, f"tabel {tables}")
        else:
            paragraphs += 1
            if "{" in block.text:
                places.append(Place(f"alinea {paragraphs}", block.text))
    for s, section in enumerate(doc.sections, start=1):
        for label, part in (("koptekst", section.header), ("voettekst", section.footer)):
            for p in part.paragraphs:
                if "{" in p.text:
                    places.append(Place(f"{label} (sectie {s})", p.text))
    return places


def _cells(table, name: str) -> list[Place]:
    places = []
    for r, row in enumerate(table.rows, start=1):
        seen = set()
        for c, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            if "{" in cell.text:
                places.append(Place(f"{name}, rij {r}, cel {c}", cell.text))
    return places


def _unprefixed(text: str) -> str:
    """A tag without docxtpl's prefixes: '{%p if' → '{% if', '{{r x }}' → '{{ x }}'."""
    return re.sub(r"\{\{r\s", "{{ ", re.sub(r"\{%-?\s*(p|tr|tc|r)\s", "{% ", text))


def _source(places: list[Place]) -> tuple[str, list[tuple[int, Place]]]:
    """One Jinja source of all tags, one line per place (docxtpl's p/tr/tc/r prefixes and `{{r` removed)."""
    lines, index = [], []
    for place in places:
        lines.append(_unprefixed(place.text).replace("\n", " "))
        index.append((len(lines), place))
    return "\n".join(lines), index


def check_template(path: Path, model: type = Report) -> list[Problem]:
    """Every problem in the template; raises TemplateError when there are any (or the file is unreadable)."""
    problems = template_problems(path, model)
    if problems:
        raise TemplateError(f"Het Word-sjabloon {path.name} bevat fouten", tuple(problems))
    return problems


def template_problems(path: Path, model: type = Report) -> list[Problem]:
    """Syntax errors located by paragraph or cell, fields that `model` (the report model) does not have, and
    everything `jinja_problems` refuses; a file that is not a Word file or too big is one problem."""
    problems = package_problems(path)
    if problems:
        return problems
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        places = _places(tpl.docx)
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
    places_by_line = dict(index)
    problems = []
    for lineno, message, value in jinja_problems(tree, model):
        where = places_by_line[lineno].where if lineno in places_by_line else f"regel {lineno}"
        problems.append(Problem(path.name, f"{where}: {message}", value=value))
    return problems + _hidden_problems(tpl, places, path.name, model)


def template_warnings(path: Path) -> list[Problem]:
    """What the template has that is left out of every generated document: external links (a remote attached
    template, `file:///` links, linked images). Empty for a file that cannot be read (see `template_problems`)."""
    return external_problems(path)


# --- Jinja outside the places a user sees ----------------------------------------------------------------------


def _hidden_problems(tpl, places: list[Place], file: str, model: type) -> list[Problem]:
    """Check every source docxtpl renders; report what lies outside the checked places (text boxes, footnotes,
    document properties), named by its part."""
    seen = [_squash(_unprefixed(p.text)) for p in places]
    env = ImmutableSandboxedEnvironment()
    problems = []
    for label, source in rendered_sources(tpl):
        if "{" not in source:
            continue
        lines = source.split("\n")
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            text = _line_text(lines, exc.lineno)
            if not any(text and text in s for s in seen):
                problems.append(Problem(file, f"{label}: fout in de sjabloonopmaak: {exc.message}", value=text[:80]))
            continue
        for lineno, message, value in jinja_problems(tree, model):
            text = _line_text(lines, lineno)
            if text and any(text in s for s in seen):
                continue  # reported above, with its paragraph or cell
            problems.append(Problem(file, f"{label}: {message}", value=value))
    return problems


def rendered_sources(tpl) -> list[tuple[str, str]]:
    """(label, Jinja source) of every part docxtpl renders, prepared the way it prepares them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def split(xml: str) -> str:  # docxtpl puts every paragraph on its own line before rendering
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)

    sources = [("hoofdtekst (buiten de gewone alinea's en tabellen, bijvoorbeeld een tekstvak)", tpl.get_xml())]
    for label, uri in (("koptekst", RT.HEADER), ("voettekst", RT.FOOTER)):
        for _, part in tpl.get_headers_footers(uri):
            sources.append((label, tpl.get_part_xml(part)))
    sources = [(label, split(tpl.patch_xml(xml))) for label, xml in sources]
    props = tpl.docx.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):
        sources.append(("documenteigenschappen", str(getattr(props, name) or "")))
    for part in tpl.docx.part.package.iter_parts():
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            sources.append(("voetnoten", split(tpl.patch_xml(part.blob.decode("utf-8", "replace")))))
    return sources


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _line_text(lines: list[str], lineno: int | None) -> str:
    if not lineno or lineno > len(lines):
        return ""
    return _squash(html.unescape(re.sub(r"<[^>]+>", "", lines[lineno - 1])))


# --- the rules --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)  # typing.get_type_hints is slow; the models do not change while a process runs
def list_fields(model: type, prefix: str = "") -> frozenset[str]:
    """The field paths of `model` that hold a list (a tuple), in `field_paths` notation ('bouwstenen[].rijen')."""
    hints = typing.get_type_hints(model)
    found = set()
    for f in fields(model):
        hint = hints[f.name]
        path = f"{prefix}{f.name}"
        sequence = _is_sequence(hint)
        if sequence:
            found.add(path)
        for inner in _dataclasses_in(hint):
            found |= list_fields(inner, path + ("[]." if sequence else "."))
    return frozenset(found)


def _is_sequence(hint) -> bool:
    if typing.get_origin(hint) in (tuple, list):
        return True
    return any(_is_sequence(a) for a in typing.get_args(hint) if typing.get_origin(hint) is not tuple)


def _dataclasses_in(hint) -> list[type]:
    if is_dataclass(hint):
        return [hint]
    return [t for a in typing.get_args(hint) for t in _dataclasses_in(a)]


@lru_cache(maxsize=16)
def known_fields(model: type) -> frozenset[str]:
    known = set(field_paths(model))
    return frozenset(known | {f"{p}.afbeelding" for p in known if p.endswith("figuur")})  # the Word renderer's image


def jinja_problems(tree: nodes.Template, model: type) -> list[tuple[int, str, str | None]]:
    """(line, Dutch message, offending value) for everything in `tree` a Word template may not do or use."""
    return _Rules(known_fields(model), list_fields(model)).run(tree)


class _Rules:
    def __init__(self, known: frozenset[str], lists: frozenset[str]):
        self.known = known
        self.lists = lists
        self.aliases: dict[str, str] = {}
        self.depth = 0
        self.problems: list[tuple[int, str, str | None]] = []

    def run(self, tree) -> list[tuple[int, str, str | None]]:
        self.visit(tree)
        return self.problems

    def add(self, node, message: str, value: str | None = None) -> None:
        self.problems.append((node.lineno, message, value))

    def path_of(self, node) -> str | None:
        if isinstance(node, nodes.Name):
            return self.aliases.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = self.path_of(node.node)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem):
            base = self.path_of(node.node)
            if base is None:
                return None
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                return base + "[]"
            return base
        return None

    def visit(self, node) -> None:
        refused = next((message for kind, message in _NOT_ALLOWED.items() if isinstance(node, kind)), None)
        if refused:
            self.add(node, refused, _shown(node))
            return
        if isinstance(node, nodes.For):
            self.visit_for(node)
            return
        if isinstance(node, nodes.Mul):
            if not (_small_int(node.left) or _small_int(node.right)) or not (
                _loop_attr(node.left) or _loop_attr(node.right)
            ):
                self.add(node, "vermenigvuldigen ('*') is niet toegestaan", _shown(node))
                return
        if isinstance(node, nodes.Filter):
            self.visit_filter(node)
        if isinstance(node, nodes.Getattr | nodes.Name | nodes.Getitem):
            self.visit_field(node)
            if isinstance(node, nodes.Getitem):
                self.visit(node.arg)
            return
        for child in node.iter_child_nodes():
            self.visit(child)

    def visit_field(self, node) -> None:
        path = self.path_of(node)
        if path is None:
            if isinstance(node, nodes.Getattr | nodes.Getitem):
                self.visit(node.node)
            return
        if path.split(".")[0] == "loop" and self.depth:
            if path != "loop" and path.split(".")[1] not in LOOP_FIELDS:
                self.add(node, f"onbekend veld '{path}' van de lus", path)
            return
        if path.endswith("[]") or path in self.known:
            return
        near = difflib.get_close_matches(path, sorted(self.known), n=1, cutoff=0.6)
        hint = f"; bedoelt u '{near[0]}'?" if near else ""
        self.add(node, f"onbekend veld '{path}'{hint}", path)

    def visit_filter(self, node: nodes.Filter) -> None:
        if node.name not in SAFE_FILTERS:
            allowed = ", ".join(sorted(SAFE_FILTERS - {"d", "e", "count"}))
            self.add(node, f"filter '|{node.name}' is niet toegestaan (wel: {allowed})", node.name)
        elif node.name == "join" and (node.node is None or self.path_of(node.node) is None):
            self.add(node, "'|join' kan alleen op een veld van het rapport", _shown(node))

    def visit_for(self, node: nodes.For) -> None:
        self.visit(node.iter)
        source = self._loop_source(node.iter)
        if node.recursive:
            self.add(node, "een recursieve lus ('recursive') is niet toegestaan")
        if not isinstance(node.target, nodes.Name):
            self.add(node, "een lus heeft één lusvariabele ('{% for x in … %}')")
        if source is None or source not in self.lists:
            shown = source or _shown(node.iter)
            self.add(node, "'{% for %}' kan alleen over een lijst uit het rapport", shown)
        self.depth += 1
        if self.depth == MAX_LOOP_DEPTH + 1:
            self.add(node, f"lussen zijn te diep genest (ten hoogste {MAX_LOOP_DEPTH} in elkaar)")
        saved = dict(self.aliases)
        if isinstance(node.target, nodes.Name) and source:
            self.aliases[node.target.name] = source + "[]"
        if node.test is not None:
            self.visit(node.test)
        for child in node.body:
            self.visit(child)
        self.aliases = saved
        for child in node.else_:
            self.visit(child)
        self.depth -= 1

    def _loop_source(self, node) -> str | None:
        while isinstance(node, nodes.Filter) and node.name in SEQUENCE_FILTERS and node.node is not None:
            node = node.node
        return self.path_of(node)


def _small_int(node) -> bool:
    return isinstance(node, nodes.Const) and type(node.value) is int and abs(node.value) <= SMALL_INT


def _loop_attr(node) -> bool:
    return isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "loop"


def _shown(node) -> str | None:
    """A short text for the offending construct, for the message's 'gevonden …'."""
    if isinstance(node, nodes.Call):
        inner = _shown(node.node)
        return f"{inner}(…)" if inner else None
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _shown(node.node)
        return f"{inner}.{node.attr}" if inner else None
    if isinstance(node, nodes.Include | nodes.Extends | nodes.Import | nodes.FromImport):
        template = node.template
        return str(template.value) if isinstance(template, nodes.Const) else None
    if isinstance(node, nodes.Macro):
        return node.name
    if isinstance(node, nodes.Filter):
        return _shown(node.node) if node.node is not None else None
    return None
