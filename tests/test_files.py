"""Reading what users hand in: bounded reads, YAML checked before it is built, the one file-name rule."""

from __future__ import annotations

import os
import time
import unicodedata

import pytest

from robuust_docs import files
from robuust_docs.errors import Problem
from robuust_docs.files import (
    MAX_YAML_DEPTH,
    LimitError,
    file_name_clashes,
    read_bytes,
    read_yaml,
    size_text,
    slugify,
    typeset_text,
)

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["vragen: *i"]
)

# --- the file-name rule ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    ["bib-veenhoven", "bib veenhoven", "BIB-VEENHOVEN", "Bib_Veenhoven", " bib.veenhoven ", "bib--veenhoven"],
)
def test_case_spaces_and_punctuation_do_not_count(variant):
    assert slugify(variant) == "bib-veenhoven"


def test_composed_and_decomposed_accents_give_one_name():
    composed = unicodedata.normalize("NFC", "bib-café")
    decomposed = unicodedata.normalize("NFD", "bib-café")
    assert composed != decomposed
    assert slugify(composed) == slugify(decomposed) == "bib-cafe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Straße", "strasse"), ("Søren", "soren"), ("Æsop", "aesop"), ("Ĳsselstein", "ijsselstein"), ("A & B", "a-en-b")],
)
def test_letters_without_a_decomposition_keep_a_readable_name(text, expected):
    assert slugify(text) == expected


def test_a_name_without_letters_gets_a_hash_of_its_canonical_form():
    greek = unicodedata.normalize("NFC", "Ἀθῆναι")
    assert slugify(greek).startswith("bibliotheek-")
    assert slugify(greek) == slugify(unicodedata.normalize("NFD", greek)) == slugify(greek.upper())
    assert slugify("📚") != slugify("📚📚")


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "lpt9"])
def test_device_names_are_never_a_file_name(name):
    assert slugify(name) == f"{name.lower()}-bib"


def test_clashes_name_both_items_and_the_shared_part():
    clashes = file_name_clashes([(2, "bib-veenhoven"), (3, "bib-aadorp"), (7, "BIB Veenhoven"), (9, "bib-veenhoven")])
    assert [(c.first, c.first_name, c.later, c.later_name, c.part) for c in clashes] == [
        (2, "bib-veenhoven", 7, "BIB Veenhoven", "bib-veenhoven"),
        (2, "bib-veenhoven", 9, "bib-veenhoven", "bib-veenhoven"),
    ]


def test_names_that_differ_give_no_clash():
    assert file_name_clashes([("GM0001", "Bergen (NH)"), ("GM0002", "Bergen (L)"), ("GM0003", "Beek")]) == []


# --- bounded reads --------------------------------------------------------------------------------------------------


def test_read_bytes_refuses_a_file_above_the_limit(tmp_path):
    path = tmp_path / "groot.csv"
    path.write_bytes(b"x" * 5000)
    assert read_bytes(path, 5000) == b"x" * 5000
    with pytest.raises(LimitError, match=r"te groot \(5 kB; hoogstens 2 kB\)"):
        read_bytes(path, 2000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_read_bytes_refuses_a_fifo_without_opening_it(tmp_path):
    fifo = tmp_path / "bibliotheken.csv"
    os.mkfifo(fifo)
    with pytest.raises(LimitError, match="geen gewoon bestand"):
        read_bytes(fifo, 1000)  # opening a FIFO for reading would block until a writer comes


@pytest.mark.parametrize(
    ("size", "text"), [(12, "12 bytes"), (535_000, "535 kB"), (1_250_000, "1,3 MB"), (50_000_000, "50 MB")]
)
def test_sizes_are_written_in_dutch(size, text):
    assert size_text(size) == text


# --- YAML -----------------------------------------------------------------------------------------------------------


def yaml_problem(tmp_path, text: str) -> Problem:
    path = tmp_path / "gesprek.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    assert read_yaml(path, problems) is None
    (problem,) = problems
    assert problem.file == "gesprek.yaml"
    return problem


def test_billion_laughs_is_refused_before_it_is_built(tmp_path):
    start = time.perf_counter()
    problem = yaml_problem(tmp_path, BILLION_LAUGHS)
    assert "verwijzingen" in problem.message and "100.000" in problem.message
    assert time.perf_counter() - start < 5  # not a speed claim: without the check this never ends


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    assert "waarin ze zelf staat" in yaml_problem(tmp_path, "a: &a [1, *a]\n").message


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    deep = "[" * (MAX_YAML_DEPTH + 1) + "]" * (MAX_YAML_DEPTH + 1)
    assert "te diep genest" in yaml_problem(tmp_path, f"a: {deep}\n").message


def test_nesting_within_the_limit_and_a_few_aliases_are_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    deep = "[" * (MAX_YAML_DEPTH - 1) + "]" * (MAX_YAML_DEPTH - 1)  # the file's own block is the first level
    path.write_text(f"basis: &b {{kleur: '#1F4E79'}}\nkop: *b\nvoet: *b\ndiep: {deep}\n", encoding="utf-8")
    problems: list[Problem] = []
    data = read_yaml(path, problems)
    assert problems == []
    assert data["kop"] == data["voet"] == {"kleur": "#1F4E79"}


def test_a_yaml_file_above_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_YAML_BYTES", 100)
    assert "te groot" in yaml_problem(tmp_path, "a: " + "x" * 200 + "\n").message


def test_broken_yaml_still_names_line_and_column(tmp_path):
    assert "regel 3, kolom 1" in yaml_problem(tmp_path, "a: 1\nb: [\n").message


def test_typeset_text_binds_the_euro_sign_to_its_amount():
    assert typeset_text("Kosten: € 53.700 per jaar\x07") == "Kosten: €\u00a053.700 per jaar"
