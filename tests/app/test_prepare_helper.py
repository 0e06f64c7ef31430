"""`prepare` with a helper process (a pool worker or the PDF's process, waiting for the input anyway): the content
is read and checked there while this process reads the theme, the template and the data (issue 18). What comes out
is what comes out without a helper, problems included, and in the same order."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from robuust_docs.app import Settings, prepare
from robuust_docs.app.document import fork_context
from robuust_docs.errors import RobuustError

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 25)

pytestmark = pytest.mark.skipif(fork_context() is None, reason="the helper is a forked process (Linux)")


@pytest.fixture()
def folders(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path / "data", tmp_path / "templates"


@pytest.fixture()
def helper():
    with ProcessPoolExecutor(1, mp_context=fork_context()) as pool:
        yield pool


def _settings(folders) -> Settings:
    data, templates = folders
    return Settings(data, templates, Path("unused"), today=TODAY)


def _same(value):
    """`value` as plain, comparable data: a formula's parsed tree (which compares by identity) as its dump, a set
    in sorted order (string hashes, and so a set's order, differ from process to process)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(_same(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, ast.AST):
        return ast.dump(value)
    if isinstance(value, set | frozenset):
        return ("set", *sorted(repr(_same(item)) for item in value))
    if isinstance(value, dict):
        return ("dict", *((repr(k), _same(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_same(item) for item in value)
    if hasattr(value, "to_dict") and hasattr(value, "columns"):  # a pandas frame
        return ("frame", tuple(value.columns), repr(value.to_dict("list")))
    return value if value == value else "nan"  # NaN equals NaN here


def _error(folders, helper=None) -> RobuustError:
    with pytest.raises(RobuustError) as caught:
        prepare(_settings(folders), findings=False, cached=False, helper=helper)
    return caught.value


def test_with_a_helper_the_run_is_prepared_as_without_one(folders, helper):
    alone = prepare(_settings(folders), findings=False, cached=False)
    helped = prepare(_settings(folders), findings=False, cached=False, helper=helper)
    assert _same(helped.content) == _same(alone.content)
    assert _same(helped.analysis) == _same(alone.analysis)
    assert helped.hashes == alone.hashes


def test_the_contents_problems_come_from_the_helper_first_as_without_one(folders, helper):
    data, templates = folders
    (data / "content" / "categorieen.yaml").write_text("categorieen: [", encoding="utf-8")
    (templates / "thema.yaml").write_text("kleuren: [", encoding="utf-8")  # broken as well: reported after
    alone, helped = _error(folders), _error(folders, helper)
    assert (type(helped), helped.message, helped.problems) == (type(alone), alone.message, alone.problems)
    assert "inhoud" in helped.message.lower()


def test_a_problem_of_the_theme_is_reported_as_without_a_helper(folders, helper):
    data, templates = folders
    (templates / "thema.yaml").write_text("kleuren: [", encoding="utf-8")
    alone, helped = _error(folders), _error(folders, helper)
    assert (type(helped), helped.message, helped.problems) == (type(alone), alone.message, alone.problems)


def test_a_helper_that_takes_no_work_leaves_it_to_this_process(folders):
    pool = ProcessPoolExecutor(1, mp_context=fork_context())
    pool.shutdown()
    helped = prepare(_settings(folders), findings=False, cached=False, helper=pool)
    assert _same(helped.content) == _same(prepare(_settings(folders), findings=False, cached=False).content)
