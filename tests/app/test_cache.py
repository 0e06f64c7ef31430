"""The input cache (app/cache.py): a run on the same bytes takes what an earlier run loaded, checked and analysed,
and makes the same documents; any change to the input, templates or code is another entry; an entry that is
damaged, foreign or in an unsafe folder is not read."""

from __future__ import annotations

import datetime
import os
import pickle
import shutil
from pathlib import Path

import pytest

from robuust_docs.app import Settings, prepare, report_for
from robuust_docs.app import cache as input_cache
from robuust_docs.render import render_docx, render_pdf
from tests.conftest import set_cell

ROOT = Path(__file__).resolve().parents[2]
prepare_module = __import__("sys").modules["robuust_docs.app.prepare"]


class Folder(type(Path())):
    worked: list  # the `libraries` of each run that loaded and analysed itself


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Folder:
    """The cache switched on, in a folder of its own; counts the runs that did the work themselves."""
    where = Folder(tmp_path / "cache")
    where.worked = []
    monkeypatch.setenv(input_cache.CACHE_ENV, str(where))
    real = prepare_module._load_and_analyse
    monkeypatch.setattr(prepare_module, "_load_and_analyse", lambda *a: where.worked.append(a[1]) or real(*a))
    return where


@pytest.fixture
def templates(tmp_path) -> Path:
    return Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))


def settings(data: Path, templates: Path, tmp_path: Path) -> Settings:
    return Settings(data, templates, tmp_path / "out", today=datetime.date(2026, 12, 2))


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{input_cache.SUFFIX}"))


def test_a_second_run_on_the_same_input_takes_the_first_runs_work_and_makes_the_same_documents(
    folder, templates, tmp_path, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    data = ROOT / "data"
    first = prepare(settings(data, templates, tmp_path))
    assert len(folder.worked) == 1 and len(entries(folder)) == 1
    second = prepare(settings(data, templates, tmp_path))
    assert len(folder.worked) == 1  # the second did not load or analyse
    assert second.hashes == first.hashes and second.analysis.libraries.keys() == first.analysis.libraries.keys()
    a, b = report_for(first, "bib-veenhoven"), report_for(second, "bib-veenhoven")
    assert repr(a) == repr(b)
    assert render_pdf(a, first.theme) == render_pdf(b, second.theme)
    assert render_docx(a, templates / "handreiking.docx", first.theme) == render_docx(
        b, templates / "handreiking.docx", second.theme
    )
    assert not stat_mode(folder) & 0o077  # for the user alone


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_changed_cell_a_changed_template_folder_another_year_or_other_code_is_another_entry(
    folder, project, templates, tmp_path, monkeypatch
):
    prepare(settings(project, templates, tmp_path))
    set_cell(project / "bibliotheken.csv", "bib-aadorp", "leden", "3100")
    changed = prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 2
    assert changed.analysis.libraries["bib-aadorp"].rows.record["leden"] == 3100
    (templates / "notitie.txt").write_text("een extra bestand in de sjablonenmap")
    prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 3
    prepare(Settings(project, templates, tmp_path / "out", year=2025))
    assert len(folder.worked) == 4
    monkeypatch.setattr(input_cache, "code_digest", lambda: "other code")
    prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 5
    assert len(entries(folder)) == 5


def test_the_entry_of_all_libraries_serves_a_run_for_some_but_not_the_other_way(folder, project, templates, tmp_path):
    prepare(settings(project, templates, tmp_path), ["bib-aadorp"])
    assert folder.worked == [["bib-aadorp"]]
    prepare(settings(project, templates, tmp_path), ["bib-cstad"])  # another library: its own entry
    prepare(settings(project, templates, tmp_path))  # all: not served by the entries of one library each
    assert folder.worked == [["bib-aadorp"], ["bib-cstad"], None]
    some = prepare(settings(project, templates, tmp_path), ["bib-aadorp"])
    assert len(folder.worked) == 3  # served by the entry of all libraries
    assert set(some.analysis.libraries) == {"bib-aadorp", "bib-cstad"}


def test_a_damaged_entry_is_ignored_and_removed(folder, project, templates, tmp_path):
    prepare(settings(project, templates, tmp_path))
    (entry,) = entries(folder)
    entry.write_bytes(b"\x80\x05 not a pickle")
    prepared = prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 2 and "bib-aadorp" in prepared.analysis.libraries
    (entry,) = entries(folder)  # written again
    assert pickle.loads(entry.read_bytes())[0].digest == prepared.dataset.digest


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_an_entry_in_a_folder_others_may_write_to_is_not_read(folder, project, templates, tmp_path):
    prepare(settings(project, templates, tmp_path))
    folder.chmod(0o777)
    prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 2  # not read, and nothing stored there either
    (entry,) = entries(folder)
    folder.chmod(0o700)
    entry.chmod(0o666)
    prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 3


def test_switched_off_nothing_is_written_and_only_the_newest_entries_are_kept(
    folder, project, templates, tmp_path, monkeypatch
):
    monkeypatch.setenv(input_cache.CACHE_ENV, "uit")
    prepare(settings(project, templates, tmp_path))
    prepare(settings(project, templates, tmp_path))
    assert len(folder.worked) == 2 and not folder.exists()
    assert input_cache.cache_folder() is None
    monkeypatch.setenv(input_cache.CACHE_ENV, str(folder))
    for n in range(input_cache.KEEP + 2):
        input_cache.store(f"key{n}", n)
        os.utime(folder / f"key{n}{input_cache.SUFFIX}", (1_700_000_000 + n, 1_700_000_000 + n))
    input_cache.store("newest", "last")
    assert len(entries(folder)) == input_cache.KEEP
    assert input_cache.load("newest") == "last" and input_cache.load("key0") is None


def test_without_a_setting_the_cache_is_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(input_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert input_cache.cache_folder() == tmp_path / "robuust-docs"


def test_the_word_templates_compiled_code_is_kept_and_gives_the_same_file(folder, tmp_path, monkeypatch):
    """The Word template's parts, checked and compiled once, come from the cache in a later process (here: with
    the per-process cache emptied) without compiling or checking again; a damaged entry is compiled anew."""
    from robuust_docs.render.docx import sandbox

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    prepared = prepare(settings(ROOT / "data", ROOT / "templates", tmp_path))
    report = report_for(prepared, "bib-veenhoven")
    template = ROOT / "templates" / "handreiking.docx"
    monkeypatch.setattr(sandbox.TemplateSandbox, "_compiled", {})
    first = render_docx(report, template, prepared.theme)
    kept = sorted(folder.glob(f"*{sandbox.CODE_SUFFIX}"))
    assert kept

    compiled = []
    real_compile = sandbox.TemplateSandbox.compile
    counting = lambda self, *a: compiled.append(1) or real_compile(self, *a)  # noqa: E731
    monkeypatch.setattr(sandbox.TemplateSandbox, "compile", counting)
    monkeypatch.setattr(sandbox.TemplateSandbox, "_compiled", {})
    assert render_docx(report, template, prepared.theme) == first
    assert not compiled  # every part from the cache

    kept[0].write_bytes(b"not code")
    monkeypatch.setattr(sandbox.TemplateSandbox, "_compiled", {})
    assert render_docx(report, template, prepared.theme) == first
    assert len(compiled) == 1  # the damaged part compiled again (and kept again)
    assert kept[0].read_bytes() != b"not code"


def test_the_contents_compiled_texts_are_kept_and_fill_the_same(folder, content_dir, monkeypatch):
    """Reading the content compiles (and checks) every text; a later process takes the code from the cache, fills
    every text the same, and a damaged bundle is compiled anew."""
    from robuust_docs.content import load_content

    fill = __import__("sys").modules["robuust_docs.content.fill"]  # (the package exports the function `fill`)

    def fresh() -> None:  # as a new process: nothing compiled yet
        monkeypatch.setattr(fill, "_KEPT", {})
        monkeypatch.setattr(fill, "_MADE", {})
        monkeypatch.setattr(fill, "_TAKEN", set())
        fill._compile.cache_clear()

    fresh()
    first = load_content(content_dir)
    (bundle,) = folder.glob(f"*{fill.CODE_SUFFIX}")
    texts = list(fill._KEPT)
    assert len(texts) > 50
    context = {"bibliotheek": "de bibliotheek"}
    filled = {t: _try_fill(fill, t, context) for t in texts[:40]}

    fresh()
    compiled = []
    env = fill._environment()
    real = type(env).compile
    monkeypatch.setattr(type(env), "compile", lambda self, *a, **k: compiled.append(1) or real(self, *a, **k))
    assert load_content(content_dir).digest == first.digest
    assert not compiled  # every text from the cache
    assert {t: _try_fill(fill, t, context) for t in texts[:40]} == filled

    bundle.write_bytes(b"damaged")
    fresh()
    assert load_content(content_dir).digest == first.digest
    assert compiled and bundle.read_bytes() != b"damaged"


def _try_fill(fill, text: str, context: dict) -> str:
    try:
        return fill.fill(text, context)
    except fill.TextError as exc:  # (most texts need more names than this; the message is compared then)
        return f"fout: {exc}"


def test_without_a_home_folder_there_is_no_cache_and_the_run_works(monkeypatch, project, templates, tmp_path):
    monkeypatch.delenv(input_cache.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert input_cache.cache_folder() is None
    assert "bib-aadorp" in prepare(settings(project, templates, tmp_path)).analysis.libraries
