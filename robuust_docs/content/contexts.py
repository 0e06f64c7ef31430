"""The fields a content text may use: the story context and the status-sentence context.

Both are built from already formatted strings, so a story reads "€ 21,40", never 21.4. The sample builders
make a context of the same shape for `validate`, so a misspelt field is caught before any run.
"""

from __future__ import annotations


def story_context(
    bibliotheek: dict, werkgebied: dict, categorie: str, indicator: dict[str, str], norm: dict[str, str]
) -> dict:
    """Fields for a category story: bibliotheek.*, werkgebied.*, categorie.naam, indicator.<id>, norm.<id>."""
    return {
        "bibliotheek": {k: bibliotheek[k] for k in ("naam", "provincie", "poi", "jaar")},
        "werkgebied": {
            k: werkgebied[k]
            for k in ("inwoners", "gemeenten", "aantal_gemeenten", "aantal_vestigingen", "aantal_volwaardig")
        },
        "categorie": {"naam": categorie},
        "indicator": dict(indicator),
        "norm": dict(norm),
    }


def sentence_context(
    waarde: str, norm: str, grens: str, mediaan: str, naam: str, categorie: str, bibliotheek: str
) -> dict:
    """Fields for an indicator's status sentence."""
    return {
        "waarde": waarde,
        "norm": norm,
        "grens": grens,
        "mediaan": mediaan,
        "naam": naam,
        "categorie": categorie,
        "bibliotheek": bibliotheek,
    }


def sample_story_context(indicator_ids: list[str]) -> dict:
    sample = dict.fromkeys(indicator_ids, "1,0")
    return story_context(
        {"naam": "Bibliotheek", "provincie": "Utrecht", "poi": "POI", "jaar": "2025"},
        {
            "inwoners": "10.000",
            "gemeenten": "A en B",
            "aantal_gemeenten": "2",
            "aantal_vestigingen": "2",
            "aantal_volwaardig": "1",
        },
        "Categorie",
        sample,
        sample,
    )


def sample_sentence_context() -> dict:
    return sentence_context("1,0", "1,0", "1,0", "1,0", "Indicator", "Categorie", "Bibliotheek")
