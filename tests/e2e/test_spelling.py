"""Spelling checked by a real Dutch dictionary: hunspell with OpenTaal's nl_NL, over the content and over every
sample document in both formats (Word text via python-docx, PDF text via pdftotext).

Accepted without the dictionary: the names in the dataset and the content (`tests.language.data_names`) and the
short project word list `tests/woordenlijst.txt`. Words broken mid-word by a narrow table column ("Kwetsbaa" +
"r") count as unknown, so the test also guards the tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from robuust_docs.content import load_content
from robuust_docs.inputs import load_dataset
from tests.language import SAMPLE_DOCUMENTS, data_names, sample_texts, unknown_words_in, word_list

pytestmark = pytest.mark.slow  # renders every sample document

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "data" / "content"
# YAML keys whose values are ids, formulas or numbers, not text a reader sees; the lists of ids share their key
# with a file's top-level list of records ('themas: [geletterdheid]' in a practice, 'themas:' in themas.yaml).
NOT_TEXT = {
    "id", "formule", "eenheid", "richting", "decimalen", "normen", "regel", "jaar", "wsob_functies",
    # bevindingen.yaml, kosten.yaml, modules.yaml and the practices: formulas and fixed vocabularies
    "voorwaarde", "gewicht", "bedrag", "toon_als", "niveau", "ernst", "groep", "soort",
}  # fmt: skip
ID_LISTS = {"programmas", "programma", "themas", "modules", "categorieen", "impact", "bouwstenen", "verbetert"}
CONTENT_FILES = sorted(str(p.relative_to(CONTENT)) for p in CONTENT.rglob("*") if p.suffix in (".md", ".yaml"))


def _visible(value: object, key: str = "") -> list[str]:
    """The texts a reader sees in a loaded YAML value."""
    if key in NOT_TEXT or (key in ID_LISTS and not (isinstance(value, list) and value and isinstance(value[0], dict))):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _visible(v, str(k))]
    if isinstance(value, list):
        return [t for v in value for t in _visible(v, key if isinstance(v, str) else "")]
    return []


def content_text(relative: str) -> str:
    """A content file's visible text, with the Jinja fields and conditions taken out."""
    path = CONTENT / relative
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yaml":
        text = "\n".join(_visible(yaml.safe_load(text)))
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.DOTALL)


@pytest.fixture(scope="module")
def accepted() -> set[str]:
    return data_names(load_dataset(ROOT / "data"), load_content(CONTENT)) | word_list()


@pytest.fixture(scope="module")
def content_unknown(accepted) -> dict:
    return unknown_words_in({f: content_text(f) for f in CONTENT_FILES}, accepted)


@pytest.fixture(scope="module")
def document_unknown(accepted) -> dict:
    return unknown_words_in(sample_texts(), accepted)


def _listing(unknown) -> str:
    return ", ".join(f"{word} ({n}×)" for word, n in sorted(unknown.items(), key=lambda x: (-x[1], x[0])))


@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_every_word_of_the_content_is_dutch_or_a_known_name(content_unknown, relative):
    unknown = content_unknown[relative]
    assert not unknown, f"data/content/{relative}: unknown to hunspell nl_NL: {_listing(unknown)}"


@pytest.mark.parametrize(("document", "fmt"), [(d, f) for d in SAMPLE_DOCUMENTS for f in ("docx", "pdf")])
def test_every_word_of_every_sample_document_is_dutch_or_a_known_name(document_unknown, document, fmt):
    unknown = document_unknown[(document, fmt)]
    assert not unknown, f"{document}.{fmt}: unknown to hunspell nl_NL: {_listing(unknown)}"
