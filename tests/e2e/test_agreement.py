"""Agreement over every sample document in both formats: no list of names with a singular verb, no count with a
noun or verb in the wrong number, no semicolons chaining names (tests/language.py says what each check finds).
Names from the data (municipalities, libraries, branches, neighbourhoods) are known, so "Aa en Veen heeft" is one
subject."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from robuust_docs.inputs import load_dataset
from tests.language import agreement_errors, sample_texts

pytestmark = pytest.mark.slow  # renders every sample document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def errors() -> dict[tuple[str, str], list[str]]:
    data = load_dataset(ROOT / "data")
    names = [*data.municipalities["naam"], *data.libraries["naam"], *data.branches["naam"]]
    names += list(data.neighbourhoods["naam"])
    return {key: agreement_errors(text, names) for key, text in sample_texts().items()}


def _found(errors, *kinds: str) -> str:
    found = Counter(
        f"{document}.{fmt}: {e}" for (document, fmt), es in errors.items() for e in es if e.startswith(kinds)
    )
    return "\n".join(f"{line} ({n}×)" for line, n in sorted(found.items()))


def test_no_semicolons_chain_names(errors):
    found = _found(errors, "namen met puntkomma's")
    assert not found, found


def test_a_list_of_names_takes_a_plural_verb(errors):
    found = _found(errors, "meervoudig onderwerp")
    assert not found, found


def test_counts_agree_with_their_noun_and_verb(errors):
    found = _found(errors, "één met", "meer dan één", "'zijn er'", "'is er'")
    assert not found, found
