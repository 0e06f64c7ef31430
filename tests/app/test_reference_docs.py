"""The generated reference pages in docs/ match the code."""

from pathlib import Path

from robuust_docs.app.reference_docs import field_reference, input_reference

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_input_reference_is_up_to_date():
    assert (DOCS / "invoer.md").read_text(encoding="utf-8") == input_reference(), (
        "run: python -m robuust_docs.app.reference_docs"
    )


def test_field_reference_is_up_to_date():
    assert (DOCS / "velden.md").read_text(encoding="utf-8") == field_reference(), (
        "run: python -m robuust_docs.app.reference_docs"
    )
