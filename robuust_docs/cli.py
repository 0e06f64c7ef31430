"""The command line: `robuust-docs generate | validate | list | template | init`. The only module that prints or
exits; every command parses options, builds settings, calls the pipeline and shows the result in Dutch.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from robuust_docs import __version__, wording
from robuust_docs.app import (
    Settings,
    export_templates,
    prepare,
    run_batch,
    validate_all,
    write_overview_files,
)
from robuust_docs.app.batch import default_executor
from robuust_docs.app.cluster import cluster_executor
from robuust_docs.app.document import format_helper
from robuust_docs.app.overview import TEMPLATE as OVERVIEW_TEMPLATE
from robuust_docs.errors import DataError, Problem
from robuust_docs.paths import DEFAULTS, bundled, resolve
from robuust_docs.render import check_template, template_warnings
from robuust_docs.report import Report

FORMAT_CHOICE = click.Choice(["docx", "pdf"])


def _dirs(data, templates, out) -> tuple[Path, Path, Path]:
    return resolve("data", data), resolve("templates", templates), resolve("out", out)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="robuust-docs")
def main() -> None:
    """Handreikingen voor het gesprek tussen bibliotheek en gemeente (Word en PDF)."""


def _year_option(f):
    return click.option(
        "--jaar",
        "year",
        type=click.IntRange(2000, 2100),
        default=None,
        help="Het jaar van de handreiking (standaard het nieuwste jaar in de invoer); latere jaren tellen niet mee.",
    )(f)


def _data_option(f):
    return click.option(
        "--data",
        type=click.Path(path_type=Path),
        default=None,
        help=f"Map met invoer en inhoud (standaard {DEFAULTS['data']} of de meegeleverde).",
    )(f)


@main.command()
@click.argument("ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Alle bibliotheken in de invoer.")
@click.option(
    "--format", "formats", type=FORMAT_CHOICE, multiple=True, help="docx of pdf (herhaalbaar; standaard beide)."
)
@_data_option
@click.option(
    "--templates", type=click.Path(path_type=Path), default=None, help="Map met het Word-sjabloon en de huisstijl."
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Uitvoermap (standaard ./output).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Aantal parallelle processen.")
@click.option("--force", is_flag=True, help="Ook ongewijzigde en bewerkte bestanden opnieuw schrijven.")
@click.option("--fail-fast", is_flag=True, help="Stoppen bij de eerste bibliotheek die mislukt.")
@click.option(
    "--per-gemeente",
    "per_municipality",
    is_flag=True,
    help="Eén handreiking per gemeente voor bibliotheken met meer gemeenten.",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:POORT",
    default=None,
    help="Draai de bibliotheken op een Dask-cluster met deze scheduler (pip install 'robuust-docs[dask]').",
)
@_year_option
def generate(
    ids, all_, formats, data, templates, out, jobs, force, fail_fast, per_municipality, scheduler, year
) -> None:
    """Maak de handreiking(en) voor de bibliotheken IDS, of voor alle met --all."""
    if not ids and not all_:
        raise click.UsageError("Geef een of meer bibliotheek-id's op, of --all.")
    if scheduler and jobs:
        raise click.UsageError("--jobs en --scheduler gaan niet samen: de cluster bepaalt het aantal processen.")
    data_dir, templates_dir, out_dir = _dirs(data, templates, out)
    if scheduler:  # the workers get the paths in each job: make them independent of this folder
        data_dir, templates_dir, out_dir = data_dir.resolve(), templates_dir.resolve(), out_dir.resolve()
    settings = Settings(
        data_dir, templates_dir, out_dir, tuple(dict.fromkeys(formats)) or ("docx", "pdf"), force, year=year
    )
    with ExitStack() as stack:
        # the cluster first: an unreachable scheduler is said before the inputs are read and analysed
        executor = stack.enter_context(cluster_executor(scheduler)) if scheduler else None
        helper = None  # a process of this machine that reads the content while this one reads the rest
        if not scheduler and jobs != 1 and (all_ or len(ids) > 1):
            # the workers next: forked now, they have the renderer but not the input that is read after this
            executor = helper = stack.enter_context(default_executor(jobs or os.cpu_count() or 1))
        elif not scheduler and jobs != 1 and not all_ and not per_municipality and (os.cpu_count() or 1) > 1:
            # one document: its PDF's process forked now, to import and load while the input is read
            if set(settings.formats) == {"docx", "pdf"}:
                helper = stack.enter_context(format_helper(templates_dir))
        # only the libraries asked for in full (the others for the medians); each worker derives its findings
        prepared = prepare(settings, None if all_ else ids, findings=False, helper=helper)
        known = prepared.dataset.library_ids()
        chosen = known if all_ else _check_ids(list(ids), known, prepared.dataset.find_library)
        click.echo(_plan(prepared, chosen, per_municipality, out_dir, scheduler), err=True)
        # overzicht.xlsx lists every library, so only a run over all of them rewrites it
        result = run_batch(
            prepared,
            chosen,
            executor=executor,
            jobs=jobs,  # none given: a worker per core, or for one document its two formats side by side
            fail_fast=fail_fast,
            progress=stack.enter_context(_progress(_documents(prepared, chosen, per_municipality))),
            overview=set(chosen) == set(known),
            per_municipality=per_municipality,
        )
    _summary(result)
    if result.failed or result.problems:
        sys.exit(1)


def _documents(prepared, chosen: list[str], per_municipality: bool) -> int:
    """How many guides a run makes: one per library, or one per municipality of a library that serves several."""
    libs = prepared.analysis.libraries
    return sum(
        len(libs[i].municipalities) if per_municipality and i in libs and len(libs[i].municipalities) > 1 else 1
        for i in chosen
    )


def _plan(prepared, chosen: list[str], per_municipality: bool, out_dir: Path, scheduler: str | None = None) -> str:
    """'40 bibliotheken, uitvoer naar output', and per municipality how many guides and who keeps a single one."""
    text = f"{wording.count(len(chosen), 'bibliotheek', 'bibliotheken')}, uitvoer naar {out_dir}"
    if scheduler:
        text += f", op de Dask-cluster van {scheduler}"
    if not per_municipality:
        return text
    libs = prepared.analysis.libraries
    single = [i for i in chosen if i in libs and len(libs[i].municipalities) == 1]
    text += f"; {wording.count(_documents(prepared, chosen, True), 'handreiking', 'handreikingen')} per gemeente"
    if single:
        text += (
            f" ({wording.count(len(single), 'bibliotheek', 'bibliotheken')} met één gemeente "
            f"{wording.agree(len(single), 'houdt', 'houden')} één handreiking)"
        )
    return text


def _check_ids(ids: list[str], known: list[str], find) -> list[str]:
    """The libraries named on the command line, as the input spells their ids ('BIB-Veenhoven' finds
    'bib-veenhoven': ids compare as file names do); unknown ones are an error with the nearest ids."""
    unknown = [i for i in ids if find(i) is None]
    if unknown:
        problems = []
        for i in unknown:
            near = difflib.get_close_matches(i, known, n=3, cutoff=0.5)
            hint = f"; bedoelt u {', '.join(near)}?" if near else "; zie 'robuust-docs list'"
            problems.append(Problem("opdrachtregel", f"onbekende bibliotheek{hint}", value=i))
        raise DataError("Onbekende bibliotheek-id", tuple(problems))
    return list(dict.fromkeys(find(i) for i in ids))


@contextmanager
def _progress(total: int, stream=None):
    """A progress callback for run_batch. On a terminal a bar with the count, the estimated time left and the
    last library done (click's own bar, no extra dependency); otherwise one plain line per library."""
    stream = stream or sys.stderr
    if stream.isatty():
        with click.progressbar(
            length=total,
            label="Handreikingen",
            file=stream,
            show_pos=True,
            show_eta=True,
            item_show_func=_who_and_status,
            update_min_steps=1,
        ) as bar:
            yield lambda outcome: bar.update(1, outcome)
        return
    done = [0]

    def line(outcome) -> None:
        done[0] += 1
        click.echo(f"[{done[0]}/{total}] {_who_and_status(outcome)}", file=stream)

    yield line


def _who_and_status(outcome) -> str | None:
    if outcome is None:
        return None
    who = f"{outcome.library_id} ({outcome.municipality})" if outcome.municipality else outcome.library_id
    return f"{who}: {outcome.status}"


def _summary(result) -> None:
    click.echo(
        f"Klaar: {result.count('klaar')}, overgeslagen (ongewijzigd): {result.count('overgeslagen')}, "
        f"mislukt: {result.count('mislukt')}."
    )
    for outcome in result.outcomes:
        for note in outcome.notes:
            if outcome.status == "klaar":
                click.echo(f"Let op, {outcome.library_id}: {note}")
    for outcome in result.failed:
        where = f", gemeente {outcome.municipality}" if outcome.municipality else ""
        click.echo(f"Mislukt: {outcome.library_id} ({outcome.name}{where})", err=True)
        for problem in outcome.problems:
            click.echo(f"  - {problem}", err=True)
    for note in result.notes:
        click.echo(f"Let op: {note}")
    for problem in result.problems:
        click.echo(f"Niet geschreven: {problem}", err=True)
    if result.overview:
        click.echo(f"Overzicht: {result.overview}")


# The counts of `validate_all` (English keys, for --json) in the words of the plain report.
COUNT_LABELS = {
    "libraries": "bibliotheken",
    "municipalities": "gemeenten",
    "branches": "locaties",
    "neighbourhoods": "buurten",
    "categories": "categorieën",
    "modules": "bouwstenen",
    "indicators": "indicatoren",
    "practices": "praktijken",
    "themes": "thema's",
    "programmes": "programma's",
    "impact": "impactfeiten",
}


@main.command()
@_data_option
@click.option("--json", "as_json", is_flag=True, help="Uitkomst als één JSON-object.")
@_year_option
def validate(data, as_json, year) -> None:
    """Controleer invoer en inhoud; toon alle problemen tegelijk."""
    report = validate_all(resolve("data", data), resolve("templates", None), year)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        counts = ", ".join(
            f"{v} {COUNT_LABELS.get(k, k)}" for k, v in report.items() if isinstance(v, int) and k != "year"
        )
        click.echo(f"Gecontroleerd: {counts}.")
        if len(report["years"]) > 1:
            click.echo(f"Jaren: {', '.join(map(str, report['years']))}; de handreiking gaat over {report['year']}.")
        for problem in report["problems"]:
            click.echo(f"  - {problem['tekst']}")
        click.echo(
            "Geen problemen gevonden." if not report["problems"] else f"{len(report['problems'])} problemen gevonden."
        )
    if report["problems"]:
        sys.exit(1)


@main.command("list")
@_data_option
def list_(data) -> None:
    """Eén regel per bibliotheek: id, naam, categorie."""
    prepared = prepare(Settings(resolve("data", data), resolve("templates", None), resolve("out", None)))
    for library_id in prepared.dataset.library_ids():
        lib = prepared.analysis.libraries.get(library_id)
        name = str(prepared.dataset.libraries.set_index("id").loc[library_id, "naam"])
        category = lib.category.naam if lib else "(fouten in de invoer)"
        click.echo(f"{library_id}\t{name}\t{category}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder) -> None:
    """Maak een werkmap: data/ met de standaardinhoud en een in te vullen invoer.xlsx, en templates/."""
    from robuust_docs.app.scaffold import init_project  # openpyxl only for this command

    created = init_project(folder, bundled("data") / "content", bundled("templates"))
    for path in created:
        click.echo(f"Aangemaakt: {path}")
    click.echo(f"Vul {folder / 'data' / 'invoer.xlsx'} in en draai daarna in {folder}: robuust-docs generate --all")


@main.group()
def template() -> None:
    """Het Word-sjabloon en de huisstijl: exporteren om aan te passen, en controleren."""


@template.command("export")
@click.argument("folder", type=click.Path(path_type=Path))
def template_export(folder) -> None:
    """Kopieer het standaardsjabloon, de huisstijl (thema.yaml) en de lettertypen naar FOLDER."""
    for path in export_templates(bundled("templates"), folder):
        click.echo(f"Geschreven: {path}")
    click.echo(f"Pas ze aan en gebruik ze met: robuust-docs generate --templates {folder} …")


@template.command("check")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def template_check(file) -> None:
    """Controleer een Word-sjabloon op fouten in de velden, onbekende velden en externe koppelingen."""
    from robuust_docs.overview import Overview

    model = Overview if file.name == OVERVIEW_TEMPLATE else Report
    check_template(file, model)
    warnings = template_warnings(file)
    if not warnings:
        click.echo(f"{file}: geen fouten gevonden.")
        return
    click.echo(f"{file}: geen fouten gevonden, wel {len(warnings)} waarschuwing{'en' if len(warnings) > 1 else ''}:")
    for problem in warnings:
        click.echo(f"  - {problem}")


@main.command()
@click.option("--province", default=None, help="Alleen de bibliotheken van deze provincie.")
@click.option(
    "--format", "formats", type=FORMAT_CHOICE, multiple=True, help="docx of pdf (herhaalbaar; standaard beide)."
)
@click.option("--anonymous", is_flag=True, help="Namen van bibliotheken en gemeenten vervangen door codes.")
@_data_option
@click.option(
    "--templates", type=click.Path(path_type=Path), default=None, help="Map met de Word-sjablonen en de huisstijl."
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Uitvoermap (standaard ./output).")
@click.option("--force", is_flag=True, help="Ook bewerkte bestanden overschrijven.")
@_year_option
def overview(province, formats, anonymous, data, templates, out, force, year) -> None:
    """Landelijk of provinciaal beeld: categorieën, normen, nabijheid en wat die oplevert, programma's."""
    prepared = prepare(Settings(*_dirs(data, templates, out), force=force, year=year))
    chosen = tuple(dict.fromkeys(formats)) or ("docx", "pdf")
    for written in write_overview_files(prepared, province, chosen, anonymous):
        click.echo(f"Geschreven: {written.path}")
        if written.kept is not None:
            click.echo(f"Let op: {written.note}")


def run() -> None:
    """The console command (`robuust-docs`, `python -m robuust_docs`): `main`, then out of the process at once.

    Everything a command writes is complete when it returns (files through a temporary file and a rename, the
    output folder's lock released, every process pool shut down), so what Python does after that is tidying a
    process that is about to end: it takes down every module and frees every object one by one, a fifth of a
    second with pandas, reportlab and lxml loaded, longer than the work of many commands (issue 18: one library
    from a cold start). So the command flushes its output and ends the process itself, with the exit status
    `main` chose. An error that is not ours (a bug, shown with its traceback) ends the usual way."""
    try:
        main.main(prog_name="robuust-docs")
    except SystemExit as exc:
        code = exc.code
    else:  # (standalone click always exits; kept for a main that returns)
        code = 0
    if code is not None and not isinstance(code, int):  # sys.exit("message"): the message on stderr, status 1
        click.echo(code, err=True)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (robuust-docs list | head): nothing left to show
        pass
    os._exit(code or 0)
