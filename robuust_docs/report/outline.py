"""The handreiking's outline, declared once: every section heading with its level, every fixed text between them
and every table's headers and column widths. The PDF story (`render/pdf/handreiking.py`) and the Word template
builder (`templates/build_template.py`) both lay the document out from these, and a test checks that the headings
of `templates/handreiking.docx` follow `OUTLINE`.

A heading whose title comes from the model is written as the template expression that yields it
(`"{{ m.naam }}"`); the PDF takes that title from the model and only the level from here. The table of contents
lists levels 1 and 2.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_WIDTH_CM = 16.4  # A4 minus 2,3 cm margins; table widths add up to this
TOC_LEVELS = 2


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
    "Deze handreiking is bedoeld voor het gesprek tussen de bibliotheek en de gemeente over een robuuste lokale "
    "bibliotheek: wat de bibliotheek nu doet, hoe zij ervoor staat, wat zij de gemeente vraagt en wat zij kan "
    "bijdragen aan de beleidsdoelen van de gemeente."
)
CONTENTS = "Inhoud"

SUMMARY = Heading("In het kort", 1)
FINDINGS = Heading("Wat opvalt", 2)
ASKS = Heading("Wat de bibliotheek vraagt", 2)
STRENGTHS = Heading("Waar de bibliotheek sterk in is", 2)
CHECKS = Heading("Vóór het gesprek nagaan", 2)

# The guide of one municipality opens, after "In het kort", with its own chapter.
FOCUS = Heading("De gemeente {{ gemeente.naam }}", 1)
FOCUS_FINDINGS = Heading("Wat opvalt in de gemeente", 2)
FOCUS_FIGURES = Heading("De cijfers van de gemeente", 2)
FOCUS_LOCATIONS = Heading("Locaties in de gemeente", 2)
FOCUS_LOCATIONS_TABLE = Columns(
    ("Locatie", "Soort", "Uren met personeel", "Uren zonder", "Rolstoel", "Avond of weekend"),
    (5.0, 2.7, 2.2, 2.0, 2.0, 2.5),
)
FOCUS_WHITE_SPOTS = Heading("Buurten het verst van een locatie", 2)
FOCUS_WHITE_SPOTS_TABLE = Columns(("Buurt", "Inwoners", "Afstand"), (8.4, 4.0, 4.0))
FOCUS_THEMES = Heading("Beleidsthema's van de gemeente", 2)

MUNICIPALITIES = Heading("De gemeenten", 1)
MUNICIPALITY = Heading("{{ g.naam }}", 2)
COMPARISON = Heading("De gemeenten naast elkaar", 2)
COMPARISON_TABLE = Columns(
    ("Gemeente", "Inwoners", "Subsidie", "Per inwoner", "Locaties", "Afstand tot vestiging", "Binnen 2 km"),
    (3.3, 2.0, 2.6, 2.0, 2.6, 2.1, 1.8),
)

STORY = Heading("{{ verhaal.titel }}", 1)
STORY_PART = Heading("{{ b.tekst }}", 2)

MODULES = Heading("De bouwstenen", 1)
PROFILE_TABLE = Columns(("Bouwsteen", "Status", "Toelichting"), (5.0, 3.4, 8.0))
MODULE = Heading("{{ m.naam }}", 2)
MODULE_TABLE = Columns(("Indicator", "Waarde", "Norm", "Mediaan", "Status"), (5.9, 2.3, 2.5, 2.3, 3.4))
# With figures of more than one year, the change beside the value. The status is wide enough for "▲ Aandachtspunt"
# on one line also in a wider fallback font (DejaVu Sans where Arial is missing), and so is "Mediaan"; the change
# "2019: −5,2 procentpunt" is on one line in Arial.
MODULE_TREND_TABLE = Columns(
    ("Indicator", "Waarde", "Verandering sinds", "Norm", "Mediaan", "Status"), (3.9, 1.8, 3.6, 2.0, 1.8, 3.3)
)

PROXIMITY = Heading("Nabijheid en toegankelijkheid in het werkgebied", 1)
KEY_FIGURES_TABLE = Columns(("Kerncijfer", "Waarde"), (10.4, 6.0))
WHITE_SPOTS = Heading("Witte vlekken", 2)
WHITE_SPOTS_INTRO = "De buurten met inwoners die het verst van een locatie wonen:"
WHITE_SPOTS_TABLE = Columns(("Buurt", "Gemeente", "Inwoners", "Afstand"), (5.4, 4.8, 3.0, 3.2))
# With CBS road distances read in (data/cbs/), a column for them.
WHITE_SPOTS_CBS_TABLE = Columns(("Buurt", "Gemeente", "Inwoners", "Afstand", "CBS (weg)"), (4.6, 4.0, 2.4, 2.8, 2.6))
LOCATIONS = Heading("Locaties", 2)
LOCATIONS_TABLE = Columns(
    ("Locatie", "Soort", "Gemeente", "Uren met personeel", "Uren zonder", "Rolstoel", "Avond of weekend"),
    (3.3, 2.2, 2.9, 2.2, 1.9, 1.9, 2.0),
)

CONTRIBUTION = Heading("Wat de bibliotheek kan bijdragen", 1)
THEMES = Heading("De beleidsthema's", 2)
PROGRAMMES_LINE = "Landelijke programma's in het aanbod van de bibliotheek: {}."
PRACTICES = Heading("Praktijkvoorbeelden", 2)
PRACTICE = Heading("{{ p.titel }}", 3)
IMPACT = Heading("Maatschappelijke impact", 2)
IMPACT_INTRO = "Wat bibliotheken opleveren, volgens onderzoek en landelijke cijfers:"

CONVERSATION = Heading("Het gesprek met de gemeente", 1)
QUESTIONS = Heading("Vragen voor het gesprek", 2)
AGENDA = Heading("Agenda", 2)

APPENDIX = Heading("Bijlage: werkwijze, berekeningen en bronnen", 1)
METHOD = Heading("Werkwijze", 2)
CALCULATIONS = Heading("Hoe de bedragen zijn berekend", 2)
CALCULATION = Heading("{{ k.voorstel }}", 3)
COSTS_TABLE = Columns(("Aanname", "Bedrag", "Soort", "Bron"), (5.0, 2.8, 1.8, 6.8))
INDICATORS = Heading("De indicatoren", 2)
SOURCES = Heading("Bronnen", 2)
COLOPHON = Heading("Colofon", 2)

OUTLINE = (
    SUMMARY,
    FINDINGS,
    ASKS,
    STRENGTHS,
    CHECKS,
    FOCUS,
    FOCUS_FINDINGS,
    FOCUS_FIGURES,
    FOCUS_LOCATIONS,
    FOCUS_WHITE_SPOTS,
    FOCUS_THEMES,
    MUNICIPALITIES,
    MUNICIPALITY,
    COMPARISON,
    STORY,
    STORY_PART,
    MODULES,
    MODULE,
    PROXIMITY,
    WHITE_SPOTS,
    LOCATIONS,
    CONTRIBUTION,
    THEMES,
    PRACTICES,
    PRACTICE,
    IMPACT,
    CONVERSATION,
    QUESTIONS,
    AGENDA,
    APPENDIX,
    METHOD,
    CALCULATIONS,
    CALCULATION,
    INDICATORS,
    SOURCES,
    COLOPHON,
)
