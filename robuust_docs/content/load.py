"""`load_content`: read the content set (YAML and Markdown in `data/content/`) into validated, frozen records.

The schema is documented for the project team in `docs/inhoud.md`. Every problem is collected with its file
and key (`modules.yaml`, `modules[1].indicatoren[0].normen.compact`) and reported at once as a ContentError.
Cross-checks (ids that must exist, category rules that cover the whole range, formulas and placeholders naming
known fields) live in `content_checks.py`.
"""

from __future__ import annotations

from pathlib import Path

from robuust_docs.content.checks import check_content
from robuust_docs.content.fill import keep_code, use_kept_code
from robuust_docs.content.formula import Formula, FormulaError, parse_formula
from robuust_docs.content.reader import FieldReader
from robuust_docs.content.reasoning import check_reasoning, formula_field, load_costs, load_findings
from robuust_docs.content.records import (
    DIRECTIONS,
    UNITS,
    AgendaItem,
    Category,
    Content,
    Conversation,
    ImpactFact,
    Indicator,
    Module,
    Norm,
    Practice,
    Programme,
    Theme,
)
from robuust_docs.errors import ContentError, Problem, raise_if
from robuust_docs.files import (
    MAX_MARKDOWN_BYTES,
    MAX_TEXT_CHARS,
    LimitError,
    clean_text,
    digest_folder,
    read_text,
    read_yaml,
    text_too_long,
)
from robuust_docs.status import CODES as STATUSES

# a sentence per status; for a band also per side, and one for a formula that divides by zero (e.g. no vestiging)
SENTENCE_KEYS = (
    *STATUSES,
    "aandachtspunt_laag",
    "aandachtspunt_hoog",
    "kwetsbaar_laag",
    "kwetsbaar_hoog",
    "deling_door_nul",
)


def load_content(content_dir: Path) -> Content:
    """Load and validate the whole content set; raises ContentError listing every problem."""
    problems: list[Problem] = []
    loaded = _parse_all(content_dir, problems)
    content = Content(**loaded, digest=digest_folder(content_dir))
    unreadable = {p.file for p in problems if p.key is None}
    use_kept_code(content.digest)  # the texts' code, checked and compiled by an earlier run on this content
    problems += check_content(content, content_dir, unreadable)
    problems += check_reasoning(content, unreadable)
    keep_code(content.digest)
    raise_if(problems, ContentError, f"De inhoud in {content_dir} bevat fouten")
    return content


def _parse_all(content_dir: Path, problems: list[Problem]) -> dict:
    categories = _categories(content_dir, problems)
    return {
        "categories": categories,
        "modules": _modules(content_dir, problems),
        "themes": _themes(content_dir, problems),
        "programmes": _programmes(content_dir, problems),
        "practices": _practices(content_dir, problems),
        "impact": _impact(content_dir, problems),
        "conversation": _conversation(content_dir, problems),
        "findings": load_findings(content_dir, problems),
        "costs": load_costs(content_dir, problems),
    }


def _read(path: Path, problems: list[Problem]) -> object:
    return read_yaml(path, problems, _relative(path))


def _relative(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name in ("verhalen", "praktijken") else path.name


def _categories(content_dir: Path, problems: list[Problem]) -> tuple[Category, ...]:
    data = _read(content_dir / "categorieen.yaml", problems)
    if data is None:
        return ()
    r = FieldReader("categorieen.yaml", problems)
    result = []
    for path, item in r.items(data, "categorieen"):
        regel = item.get("regel") if isinstance(item.get("regel"), dict) else {}
        if not regel:
            r.problem(f"{path}.regel", "verplichte regel (inwoners_van, inwoners_tot) ontbreekt")
        cid = r.text(item, "id", path)
        van = r.number(regel, "inwoners_van", f"{path}.regel")
        tot = r.number(regel, "inwoners_tot", f"{path}.regel", required=False)
        story = _story(content_dir, cid, problems) if cid else ""
        result.append(
            Category(
                cid,
                r.text(item, "naam", path),
                r.text(item, "omschrijving", path),
                van if van is not None else 0.0,
                tot,
                story,
            )
        )
    return tuple(result)


def _story(content_dir: Path, category_id: str, problems: list[Problem]) -> str:
    """The category's story, read within MAX_MARKDOWN_BYTES; a story is one text (at most MAX_TEXT_CHARS)."""
    name = f"verhalen/{category_id}.md"
    path = content_dir / "verhalen" / f"{category_id}.md"
    if not path.is_file():
        problems.append(Problem(name, "verhaal voor deze categorie ontbreekt"))
        return ""
    try:
        text = clean_text(read_text(path, MAX_MARKDOWN_BYTES)).strip()
    except UnicodeDecodeError:
        problems.append(Problem(name, "bestand is geen UTF-8-tekst"))
        return ""
    except LimitError as exc:
        problems.append(Problem(name, str(exc)))
        return ""
    except OSError as exc:
        problems.append(Problem(name, f"kan het bestand niet lezen ({exc.strerror or exc})"))
        return ""
    if len(text) > MAX_TEXT_CHARS:
        problems.append(Problem(name, text_too_long(len(text))))
        return ""
    return text


def _modules(content_dir: Path, problems: list[Problem]) -> tuple[Module, ...]:
    data = _read(content_dir / "modules.yaml", problems)
    if data is None:
        return ()
    r = FieldReader("modules.yaml", problems)
    modules = []
    for path, item in r.items(data, "modules"):
        mid = r.text(item, "id", path)
        indicators = tuple(_indicator(r, f"{path}.{p}", ind, mid) for p, ind in r.items(item, "indicatoren"))
        modules.append(
            Module(
                mid,
                r.text(item, "naam", path),
                r.text(item, "omschrijving", path),
                r.texts(item, "vragen", path),
                indicators,
            )
        )
    return tuple(modules)


def _indicator(r: FieldReader, path: str, item: dict, module_id: str) -> Indicator:
    unit = r.text(item, "eenheid", path)
    direction = r.text(item, "richting", path)
    if unit and unit not in UNITS:
        r.problem(f"{path}.eenheid", f"verwacht een van: {', '.join(UNITS)}", unit)
    if direction and direction not in DIRECTIONS:
        r.problem(f"{path}.richting", f"verwacht een van: {', '.join(DIRECTIONS)}", direction)
    decimals = r.number(item, "decimalen", path, required=False)
    zinnen = item.get("zinnen") if isinstance(item.get("zinnen"), dict) else {}
    for status in STATUSES:
        if not str(zinnen.get(status) or "").strip():
            r.problem(f"{path}.zinnen.{status}", "zin voor deze status ontbreekt")
    for key in sorted(set(zinnen) - set(SENTENCE_KEYS)):
        r.problem(f"{path}.zinnen.{key}", f"onbekende zin; mogelijk: {', '.join(SENTENCE_KEYS)}")
    flags = {key: _flag(r, item, key, path, default) for key, default in (("kritiek", False), ("sterkte", True))}
    return Indicator(
        r.text(item, "id", path),
        r.text(item, "naam", path),
        r.text(item, "definitie", path),
        _formula(r, item, path),
        unit,
        int(decimals if decimals is not None else 1),
        direction,
        r.text(item, "toelichting", path),
        r.text(item, "bron", path),
        _norms(r, item.get("normen"), f"{path}.normen", direction),
        {s: str(zinnen.get(s) or "").strip() for s in SENTENCE_KEYS if str(zinnen.get(s) or "").strip()},
        module_id,
        r.text(item, "kort", path, required=False),
        flags["kritiek"],
        formula_field(r, item, "toon_als", path, "condition", required=False),
        flags["sterkte"],
    )


def _flag(r: FieldReader, item: dict, key: str, path: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        r.problem(f"{path}.{key}", "verwacht true of false", value)
        return default
    return value


def _formula(r: FieldReader, item: dict, path: str) -> Formula:
    text = r.text(item, "formule", path)
    try:
        return parse_formula(text or "0")
    except FormulaError as exc:
        r.problem(f"{path}.formule", str(exc))
        return parse_formula("0")


def _norms(r: FieldReader, data: object, path: str, direction: str) -> dict[str, Norm]:
    if not isinstance(data, dict):
        r.problem(path, "verwacht per categorie een norm (robuust en kwetsbaar)")
        return {}
    norms = {}
    for category, value in data.items():
        key = f"{path}.{category}"
        if not isinstance(value, dict) or "robuust" not in value or "kwetsbaar" not in value:
            r.problem(key, "verwacht {robuust: …, kwetsbaar: …}", value)
            continue
        robust, weak = (
            _threshold(r, value["robuust"], key, direction),
            _threshold(r, value["kwetsbaar"], key, direction),
        )
        if robust is not None and weak is not None:
            if not _ordered(robust, weak, direction):
                r.problem(key, _order_message(direction), value)
            norms[str(category)] = Norm(robust, weak)
    return norms


def _threshold(r: FieldReader, value: object, key: str, direction: str):
    if direction == "band":
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
            and value[0] <= value[1]
        )
        if not ok:
            r.problem(key, "verwacht bij een band een paar [ondergrens, bovengrens]", value)
            return None
        return (float(value[0]), float(value[1]))
    if isinstance(value, bool) or not isinstance(value, int | float):
        r.problem(key, "verwacht een getal", value)
        return None
    return float(value)


def _ordered(robust, weak, direction: str) -> bool:
    if direction == "hoger":
        return robust >= weak
    if direction == "lager":
        return robust <= weak
    if direction == "band":
        return weak[0] <= robust[0] and robust[1] <= weak[1]
    return True


def _order_message(direction: str) -> str:
    return {
        "hoger": "bij 'hoger' moet de robuust-norm minstens de kwetsbaarheidsgrens zijn",
        "lager": "bij 'lager' moet de robuust-norm hoogstens de kwetsbaarheidsgrens zijn",
        "band": "de robuust-band moet binnen de kwetsbaar-band liggen",
    }[direction]


def _themes(content_dir: Path, problems: list[Problem]) -> tuple[Theme, ...]:
    data = _read(content_dir / "themas.yaml", problems)
    r = FieldReader("themas.yaml", problems)
    return tuple(
        Theme(
            r.text(t, "id", p),
            r.text(t, "naam", p),
            r.texts(t, "wsob_functies", p),
            r.texts(t, "programmas", p, required=False),
            r.text(t, "opgave", p),
            r.text(t, "bijdrage", p),
            r.texts(t, "vragen", p),
            r.texts(t, "impact", p, required=False),
        )
        for p, t in (r.items(data, "themas") if data is not None else [])
    )


def _programmes(content_dir: Path, problems: list[Problem]) -> tuple[Programme, ...]:
    data = _read(content_dir / "programmas.yaml", problems)
    r = FieldReader("programmas.yaml", problems)
    return tuple(
        Programme(
            r.text(t, "id", p),
            r.text(t, "naam", p),
            r.text(t, "omschrijving", p),
            r.texts(t, "themas", p, required=False),
            r.text(t, "in_zin", p, required=False),
        )
        for p, t in (r.items(data, "programmas") if data is not None else [])
    )


def _impact(content_dir: Path, problems: list[Problem]) -> tuple[ImpactFact, ...]:
    data = _read(content_dir / "impact.yaml", problems)
    r = FieldReader("impact.yaml", problems)
    facts = []
    for p, t in r.items(data, "impact") if data is not None else []:
        year = r.number(t, "jaar", p, required=False)
        facts.append(
            ImpactFact(
                r.text(t, "id", p),
                r.text(t, "tekst", p),
                r.text(t, "bron", p),
                int(year) if year is not None else None,
                r.texts(t, "themas", p, required=False),
            )
        )
    return tuple(facts)


def _conversation(content_dir: Path, problems: list[Problem]) -> Conversation:
    data = _read(content_dir / "gesprek.yaml", problems)
    r = FieldReader("gesprek.yaml", problems)
    if not isinstance(data, dict):
        if data is not None:
            r.problem("", "verwacht een blok met inleiding, agenda en algemene_vragen")
        return Conversation((), (), ())
    intro = data.get("inleiding")
    paragraphs = intro if isinstance(intro, list) else split_paragraphs(r.text(data, "inleiding", ""))
    agenda = tuple(AgendaItem(r.text(a, "titel", p), r.text(a, "toelichting", p)) for p, a in r.items(data, "agenda"))
    return Conversation(tuple(str(x).strip() for x in paragraphs), agenda, r.texts(data, "algemene_vragen", ""))


def _practices(content_dir: Path, problems: list[Problem]) -> tuple[Practice, ...]:
    folder = content_dir / "praktijken"
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.append(Problem("praktijken/", "geen praktijkvoorbeelden gevonden"))
    return tuple(p for p in (_practice(f, problems) for f in files) if p is not None)


def _practice(path: Path, problems: list[Problem]) -> Practice | None:
    data = _read(path, problems)
    r = FieldReader(_relative(path), problems)
    if not isinstance(data, dict):
        if data is not None:
            r.problem("", "verwacht een blok met sleutels")
        return None
    needs = data.get("benodigd") if isinstance(data.get("benodigd"), dict) else {}
    benodigd = tuple((k, r.text(needs, k, "benodigd")) for k in ("personeel", "geld", "partners"))
    return Practice(
        r.text(data, "id", ""),
        r.text(data, "titel", ""),
        r.texts(data, "categorieen", ""),
        r.texts(data, "modules", ""),
        r.texts(data, "themas", "", required=False),
        r.text(data, "programma", "", required=False) or None,
        r.text(data, "samenvatting", ""),
        r.text(data, "beschrijving", ""),
        benodigd,
        r.texts(data, "impact", "", required=False),
        _relative(path),
        r.texts(data, "verbetert", "", required=False),
        formula_field(r, data, "voorwaarde", "", "condition", required=False),
    )


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Split text on blank lines; single line breaks inside a paragraph become spaces."""
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n")]
    return tuple(b.strip() for b in blocks if b.strip())
