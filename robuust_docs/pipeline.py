"""The orchestrator: reads like the table of contents of a run.

`prepare` loads and checks everything that every library depends on (inputs, content, template, theme) and
analyses the dataset; a problem there stops the run before any file is written. `render_library` makes one
library's documents; it is a top-level function on plain values so any `concurrent.futures.Executor` can run it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .analysis import Analysis, LibraryAnalysis, analyse_dataset
from .content import Content, load_content
from .errors import DataError, Problem, RobuustError, raise_if
from .loader import Dataset, load_dataset
from .output import slugify, unchanged, write_outputs
from .references import resolve_references
from .report import ReportError, ReportSettings, build_report
from .theme import Theme, load_theme

FORMATS = ("docx", "pdf")
SAMPLE_NOTE = ("Let op: de cijfers en namen in deze handreiking komen uit een fictieve voorbeelddataset en gaan "
               "niet over een bestaande bibliotheek of gemeente.")
REAL_NOTE = "Bron van de cijfers: de invoer van de bibliotheek ({files})."


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    templates_dir: Path
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    today: _dt.date = field(default_factory=_dt.date.today)

    @property
    def content_dir(self) -> Path:
        return self.data_dir / "content"

    @property
    def template(self) -> Path:
        return self.templates_dir / "handreiking.docx"


@dataclass(frozen=True)
class Prepared:
    settings: Settings
    dataset: Dataset
    content: Content
    theme: Theme
    analysis: Analysis
    report_settings: ReportSettings
    hashes: dict[str, str]


@dataclass(frozen=True)
class Job:
    """Everything one library's documents need, as plain picklable values."""

    library: LibraryAnalysis
    content: Content
    theme: Theme
    template: Path
    out_dir: Path
    formats: tuple[str, ...]
    force: bool
    report_settings: ReportSettings
    hashes: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    library_id: str
    name: str
    status: str  # 'klaar', 'overgeslagen', 'mislukt'
    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    category: str = ""
    modules: tuple[tuple[str, str], ...] = ()  # (module name, status label)
    key_figures: tuple[tuple[str, str], ...] = ()


def prepare(settings: Settings) -> Prepared:
    """Load, check and analyse; raises a RobuustError for any problem that affects every library."""
    content = load_content(settings.content_dir)
    theme = load_theme(settings.templates_dir)
    from .template_check import check_template

    check_template(settings.template)
    dataset = resolve_references(load_dataset(settings.data_dir), content)
    raise_if(list(dataset.global_problems), DataError, f"De invoer in {settings.data_dir} bevat fouten")
    analysis = analyse_dataset(dataset, content)
    peers = {}
    for lib in analysis.libraries.values():
        peers[lib.category.id] = peers.get(lib.category.id, 0) + 1
    note = SAMPLE_NOTE if is_sample(settings.data_dir) else REAL_NOTE.format(
        files=", ".join(sorted(set(dataset.sources.values()))))
    report_settings = ReportSettings(settings.today, peers, note, __version__)
    hashes = {"data": dataset.digest, "inhoud": content.digest, "sjabloon": _template_digest(settings.templates_dir),
              "versie": __version__}
    return Prepared(settings, dataset, content, theme, analysis, report_settings, hashes)


def is_sample(data_dir: Path) -> bool:
    """The bundled sample dataset carries a marker file saying it is fictional."""
    return (data_dir / "VOORBEELD").is_file()


def _template_digest(templates: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in templates.rglob("*") if p.is_file() and p.suffix != ".py"):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def jobs_for(prepared: Prepared, ids: list[str]) -> list[Job]:
    s = prepared.settings
    return [Job(prepared.analysis.libraries[i], prepared.content, prepared.theme, s.template, s.out_dir, s.formats,
                s.force, prepared.report_settings, prepared.hashes) for i in ids if i in prepared.analysis.libraries]


def file_names(library_id: str, formats: tuple[str, ...]) -> dict[str, str]:
    slug = slugify(library_id)
    return {fmt: f"handreiking-{slug}.{fmt}" for fmt in formats}


def render_library(job: Job) -> Outcome:
    """Build, render and write one library's documents; every user-fixable problem becomes a failed Outcome."""
    lib = job.library
    name = str(lib.rows.record["naam"])
    summary = _summary_fields(lib, job.content)
    try:
        report = build_report(lib, job.content, job.report_settings)
        names = file_names(lib.id, job.formats)
        inputs = _inputs_hash(report, job)
        slug = slugify(lib.id)
        if not job.force and unchanged(job.out_dir, slug, list(names.values()), inputs):
            return Outcome(lib.id, name, "overgeslagen", tuple(names.values()), ("invoer ongewijzigd",), **summary)
        files = {names[fmt]: _render(fmt, report, job) for fmt in job.formats}
        written = write_outputs(job.out_dir, slug, lib.id, files, {**job.hashes, "invoer": inputs}, job.force)
    except RobuustError as exc:
        return Outcome(lib.id, name, "mislukt", problems=exc.problems or (Problem("", exc.message, library=lib.id),),
                       **summary)
    except ReportError as exc:
        return Outcome(lib.id, name, "mislukt", problems=(Problem("inhoud", str(exc), library=lib.id),), **summary)
    notes = tuple(f"{w.kept.name} is bewerkt en blijft staan; nieuwe versie: {w.path.name}"
                  for w in written if w.kept is not None)
    return Outcome(lib.id, name, "klaar", tuple(w.path.name for w in written), notes, **summary)


def _render(fmt: str, report, job: Job) -> bytes:
    if fmt == "docx":
        from .render_docx import render_docx

        return render_docx(report, job.template, job.theme)
    from .render_pdf import render_pdf

    return render_pdf(report, job.theme)


def _inputs_hash(report, job: Job) -> str:
    """What the documents are made of: the report (without its date), template, theme and version."""
    undated = replace(report, datum="")
    payload = json.dumps(asdict(undated), sort_keys=True, default=str, ensure_ascii=False)
    sha = hashlib.sha256(payload.encode("utf-8"))
    sha.update(job.hashes["sjabloon"].encode())
    sha.update(job.hashes["versie"].encode())
    sha.update(",".join(job.formats).encode())
    return sha.hexdigest()


def _summary_fields(lib: LibraryAnalysis, content: Content) -> dict:
    from .report import STATUS

    names = {m.id: m.naam for m in content.modules}
    modules = tuple((names[m.module], STATUS[m.status].label) for m in lib.modules)
    from . import fmt

    key = [(m.indicatoren[0].naam, fmt.by_unit(lib.values.get(m.indicatoren[0].id), m.indicatoren[0].eenheid,
                                               m.indicatoren[0].decimalen))
           for m in content.modules if m.indicatoren]
    return {"category": lib.category.naam, "modules": modules, "key_figures": tuple(key)}
