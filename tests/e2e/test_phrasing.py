"""Phrasings readers tripped over in the sample documents, in both formats: none may come back. Each is caused
by one builder or content text (named in the comment); the unit tests there say what is written instead."""

from __future__ import annotations

import re

import pytest

from tests.language import sample_texts

pytestmark = pytest.mark.slow  # renders every sample document

WRONG = {
    # no Dutch compound; 'kwetsbaarheidsgrens' everywhere (appendix, figures, municipalities, bevindingen.yaml)
    "kwetsbaar-grens": r"kwetsbaar-\s*grens",
    # ranks read 'de op twee na hoogste' (municipalities.py)
    "rangtelwoord voor hoogste": r"\bde (?:tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende) hoogste",
    # a distance is where one lives: 'wonen op gemiddeld 2,1 km van' (municipalities.py, bevindingen.yaml)
    "wonen gemiddeld": r"\bwonen gemiddeld\b",
    # the theme's name before 'van de gemeente' (findings/practices.py)
    "beleidsthema van de gemeente": r"\bbeleidsthema's? van de gemeente [A-Z]",
    # an article after a colon mid-sentence in lower case (report/sections.py)
    "lidwoord met hoofdletter": r"\b(?:Personeel|Geld|Partners): (?:De|Het|Een) ",
    # plural subject, plural possessive (impact.yaml)
    "organisaties ... haar": r"bibliotheekorganisaties [^.]*\bin haar\b",
    # a comma before 'en' in a list of simple items (fmt.join)
    "komma voor en": r"\bde cursus DigiVitaler, en\b|\), en [A-Z][a-z]+ \(",
    # the BoekStart sentence of themas.yaml, with its verb far from its object
    "BoekStart-zin": r"ouders al in het eerste levensjaar, samen met",
    # the CBS road distance is not always longer: it goes to the nearest library of any organisation
    # (report/sections.py, overview/sections.py, overview/build.py)
    "CBS-afstand langer": r"vanaf elk woonadres; die is meestal langer|CBS-afstand over de weg is langer",
}


@pytest.mark.parametrize("name", list(WRONG))
def test_a_phrasing_readers_tripped_over_is_gone(name):
    pattern = re.compile(WRONG[name])
    found = [
        f"{document}.{kind}: …{m.group(0)}…"
        for (document, kind), text in sample_texts().items()
        for m in pattern.finditer(" ".join(text.split()))
    ]
    assert not found, "\n".join(found[:10])
