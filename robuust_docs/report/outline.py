"""The handreiking's outline, declared once: every section heading with its level, every fixed text between them
and every table's headers and column widths. The PDF story (`render/pdf/handreiking.py`) and the Word template
builder (`templates/build_template.py`) both lay the document out from these, and a test checks that the headings
of `templates/handreiking.docx` follow `OUTLINE`.

A heading whose title comes from the model is written as the template expression that yields it
(`"{{ m.naam }}"`); the PDF takes that title from the model and only the level from here.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_WIDTH_CM = 16.4  # A4 minus 2,3 cm margins; table widths add up to this


@dataclass(frozen=True)
class Heading:
    title: str  # a fixed title, or the template expression of a title taken from the model
    level: int

    @property
    def fixed(self) -> bool:
        return "{{" not in self.title


@dataclass(frozen=True)
class Columns:
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # cm


COVER_PURPOSE = (
    "Deze handreiking is bedoeld voor het gesprek tussen de bibliotheek en de gemeente over een "
    "robuuste lokale bibliotheek: wat de bibliotheek nu doet, hoe zij ervoor staat en wat zij kan "
    "bijdragen aan de beleidsdoelen van de gemeente."
)
CONTENTS = "Inhoud"

SUMMARY = Heading("Samenvatting", 1)
SUMMARY_TABLE = Columns(("Bouwsteen", "Status", "Toelichting"), (5.5, 3.5, 7.4))
STRENGTHS = Heading("Sterke punten", 2)
CONCERNS = Heading("Aandachtspunten", 2)

STORY = Heading("{{ verhaal.titel }}", 1)
STORY_PART = Heading("{{ b.tekst }}", 2)

MODULES = Heading("De bouwstenen", 1)
MODULES_INTRO = (
    "Elke bouwsteen heeft indicatoren met een norm voor deze categorie. De tabel zet de waarde van de "
    "bibliotheek naast de norm en naast de mediaan van de bibliotheken in dezelfde categorie."
)
MODULE = Heading("{{ m.naam }}", 2)
MODULE_TABLE = Columns(("Indicator", "Waarde", "Norm", "Mediaan categorie", "Status"), (5.6, 2.6, 2.9, 2.6, 2.7))
MODULE_SENTENCES = Heading("Wat de cijfers zeggen", 3)

PROXIMITY = Heading("Nabijheid en toegankelijkheid in het werkgebied", 1)
KEY_FIGURES = Heading("Kerncijfers", 2)
KEY_FIGURES_TABLE = Columns(("Kerncijfer", "Waarde"), (10.4, 6.0))
PER_MUNICIPALITY = Heading("Per gemeente", 2)
PER_MUNICIPALITY_WIDTHS = (3.6, 2.2, 1.8, 2.1, 2.3, 2.2, 2.2)  # its headers come with the model
WHITE_SPOTS = Heading("Witte vlekken", 2)
WHITE_SPOTS_INTRO = "De buurten met inwoners die het verst van een locatie wonen:"
WHITE_SPOTS_TABLE = Columns(
    ("Buurt", "Gemeente", "Inwoners", "Afstand (hemelsbreed)", "CBS (weg)"), (4.2, 3.8, 2.4, 3.4, 2.6)
)
LOCATIONS = Heading("Locaties", 2)
LOCATIONS_TABLE = Columns(
    ("Locatie", "Soort", "Gemeente", "Uren", "Zonder personeel", "Rolstoel", "Avond of weekend"),
    (3.8, 2.6, 2.8, 1.9, 1.9, 1.6, 1.8),
)

MUNICIPALITIES = Heading("De gemeenten en hun beleidsdoelen", 1)
MUNICIPALITIES_TABLE = Columns(
    ("Gemeente", "Inwoners", "Subsidie", "Per inwoner", "Beleidsthema's"), (3.4, 2.3, 2.8, 2.3, 5.6)
)
THEME = Heading("{{ t.naam }}", 2)
THEME_QUESTIONS = Heading("Vragen voor het gesprek", 3)

PRACTICES = Heading("Praktijkvoorbeelden", 1)
PRACTICE = Heading("{{ p.titel }}", 2)
PRACTICE_NEEDS = Heading("Wat het vraagt", 3)
PRACTICE_IMPACT = Heading("Maatschappelijke impact", 3)

IMPACT = Heading("Maatschappelijke impact", 1)
IMPACT_INTRO = (
    "Wat de bibliotheek oplevert en hoe zij er landelijk voor staat, volgens onderzoek en landelijke cijfers:"
)

CONVERSATION = Heading("Het gesprek met de gemeente", 1)
AGENDA = Heading("Agenda", 2)
QUESTIONS = Heading("Vragen", 2)
QUESTION_BLOCK = Heading("{{ v.titel }}", 3)

APPENDIX = Heading("Bijlage: werkwijze, definities en bronnen", 1)
METHOD = Heading("Werkwijze", 2)
INDICATORS = Heading("Indicatoren", 2)
INDICATORS_TABLE = Columns(
    ("Bouwsteen", "Indicator", "Definitie", "Berekening", "Norm", "Kwetsbaar", "Bron"),
    (2.3, 2.5, 3.5, 2.5, 1.9, 1.9, 1.8),
)
SOURCES = Heading("Bronnen", 2)
COLOPHON = Heading("Colofon", 2)

OUTLINE = (
    SUMMARY,
    STRENGTHS,
    CONCERNS,
    STORY,
    STORY_PART,
    MODULES,
    MODULE,
    MODULE_SENTENCES,
    PROXIMITY,
    KEY_FIGURES,
    PER_MUNICIPALITY,
    WHITE_SPOTS,
    LOCATIONS,
    MUNICIPALITIES,
    THEME,
    THEME_QUESTIONS,
    PRACTICES,
    PRACTICE,
    PRACTICE_NEEDS,
    PRACTICE_IMPACT,
    IMPACT,
    CONVERSATION,
    AGENDA,
    QUESTIONS,
    QUESTION_BLOCK,
    APPENDIX,
    METHOD,
    INDICATORS,
    SOURCES,
    COLOPHON,
)
