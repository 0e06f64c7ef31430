"""The input tables: every column with its type, whether it is required, its meaning and unit.

This module owns the *shape* of the dataset. The loader validates against it, `docs/invoer.md` is generated
from it, and the Excel scaffold (`robuust-docs init`) takes its headers and help texts from it.
"""

from __future__ import annotations

from dataclasses import dataclass

BRANCH_TYPES = (
    "vestiging",
    "servicepunt",
    "afhaalpunt",
    "bibliotheek op school",
    "open bibliotheek",
    "bibliobus",
)
FULL_BRANCH_TYPE = "vestiging"
SCHOOL_BRANCH_TYPE = "bibliotheek op school"
# The staffed hours a week a volwaardige vestiging is open at least. The bill 36902 leaves the threshold to a later
# decree; 15 hours is the programme's working assumption, and the texts of bevindingen.yaml say so.
FULL_BRANCH_MIN_HOURS = 15.0


@dataclass(frozen=True)
class Column:
    """One input column: `kind` is one of int, float, money, percent, text, code, bool, list."""

    name: str
    kind: str
    required: bool
    meaning: str
    unit: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = 0
    maximum: float | None = None
    variable: bool = False  # a library figure that content formulas may use by its name (content/variables.py)


@dataclass(frozen=True)
class Table:
    name: str
    required: bool
    meaning: str
    columns: tuple[Column, ...]
    key: str = "id"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _c(name, kind, required, meaning, unit="", choices=(), minimum=0, maximum=None, variable=False):
    return Column(name, kind, required, meaning, unit, tuple(choices), minimum, maximum, variable)


LIBRARIES = Table(
    "bibliotheken",
    True,
    "Eén rij per bibliotheekorganisatie per jaar. Eén jaar is genoeg; met meer jaren laat de handreiking zien "
    "hoe de cijfers veranderen.",
    (
        _c("id", "code", True, "Korte, unieke code van de bibliotheek", "tekst"),
        _c("naam", "text", True, "Naam van de bibliotheekorganisatie", "tekst"),
        _c("provincie", "text", True, "Provincie van het werkgebied", "tekst"),
        _c("poi", "text", False, "Provinciale ondersteuningsinstelling", "tekst"),
        _c("jaar", "int", True, "Jaar waarop de cijfers betrekking hebben", "jaartal", minimum=2000, maximum=2100),
        _c("fte", "float", False, "Betaald personeel", "fte", variable=True),
        _c("vrijwilligers", "int", False, "Aantal vrijwilligers", "personen", variable=True),
        _c("baten_totaal", "money", False, "Totale baten volgens de jaarrekening", "euro", variable=True),
        _c(
            "eigen_inkomsten",
            "money",
            False,
            "Eigen inkomsten (contributies, verhuur, projecten)",
            "euro",
            variable=True,
        ),
        _c("lasten_totaal", "money", False, "Totale lasten volgens de jaarrekening", "euro", variable=True),
        _c("personeelskosten", "money", False, "Kosten van betaald personeel", "euro", variable=True),
        _c("huisvestingskosten", "money", False, "Kosten van huisvesting", "euro", variable=True),
        _c(
            "eigen_vermogen",
            "money",
            False,
            "Eigen vermogen aan het einde van het jaar",
            "euro",
            minimum=None,
            variable=True,
        ),
        _c("leden", "int", False, "Leden totaal", "personen", variable=True),
        _c("jeugdleden", "int", False, "Leden tot 18 jaar", "personen", variable=True),
        _c("bezoeken", "int", False, "Fysieke bezoeken per jaar", "aantal", variable=True),
        _c("uitleningen", "int", False, "Fysieke uitleningen per jaar", "aantal", variable=True),
        _c("activiteiten", "int", False, "Georganiseerde activiteiten per jaar", "aantal", variable=True),
        _c("deelnemers", "int", False, "Deelnemers aan activiteiten per jaar", "aantal", variable=True),
        _c(
            "programmas",
            "list",
            False,
            "Landelijke programma's die de bibliotheek uitvoert, gescheiden door komma's "
            "(id of naam uit programmas.yaml)",
            "lijst",
        ),
    ),
)

MUNICIPALITIES = Table(
    "gemeenten",
    True,
    "Eén rij per gemeente in het werkgebied van een bibliotheek; met de kolom jaar één rij per gemeente per jaar "
    "(de bibliotheek en de beleidsthema's gelden dan zoals het nieuwste jaar ze noemt).",
    (
        _c("code", "code", True, "Gemeentecode, GM gevolgd door vier cijfers", "GMxxxx"),
        _c(
            "jaar",
            "int",
            False,
            "Jaar waarop inwoners en subsidie betrekking hebben; leeg of zonder deze kolom: het jaar van de "
            "bibliotheek",
            "jaartal",
            minimum=2000,
            maximum=2100,
        ),
        _c("naam", "text", True, "Naam van de gemeente", "tekst"),
        _c("bibliotheek_id", "code", True, "Id van de bibliotheek die de gemeente bedient", "tekst"),
        _c(
            "inwoners",
            "int",
            True,
            "Aantal inwoners, ten minste 1 (een gemeente zonder inwoners kan geen werkgebied zijn)",
            "personen",
            minimum=1,
        ),
        _c("inwoners_0_17", "int", False, "Inwoners van 0 tot en met 17 jaar", "personen"),
        _c("subsidie", "money", False, "Subsidie van deze gemeente aan de bibliotheek", "euro"),
        _c(
            "beleidsthemas",
            "list",
            False,
            "Beleidsthema's van de gemeente, gescheiden door komma's (id of naam uit themas.yaml)",
            "lijst",
        ),
        _c(
            "stedelijkheid",
            "int",
            False,
            "Stedelijkheid volgens CBS: 1 zeer sterk stedelijk tot 5 niet stedelijk",
            "1–5",
            minimum=1,
            maximum=5,
        ),
    ),
    key="code",
)

BRANCHES = Table(
    "vestigingen",
    True,
    "Eén rij per locatie van een bibliotheek.",
    (
        _c("id", "code", True, "Unieke code van de locatie", "tekst"),
        _c("bibliotheek_id", "code", True, "Id van de bibliotheek", "tekst"),
        _c("naam", "text", True, "Naam van de locatie", "tekst"),
        _c("type", "text", True, "Soort locatie", "keuze", choices=BRANCH_TYPES),
        _c("gemeente_code", "code", True, "Gemeente waarin de locatie ligt", "GMxxxx"),
        _c("lat", "float", True, "Breedtegraad (WGS84), in Nederland tussen 50,7 en 53,6", "graden", minimum=None),
        _c("lon", "float", True, "Lengtegraad (WGS84), in Nederland tussen 3,3 en 7,3", "graden", minimum=None),
        _c("openingsuren", "float", True, "Openingsuren met personeel per week", "uren"),
        _c("open_bibliotheek_uren", "float", False, "Uren per week open zonder personeel", "uren"),
        _c("rolstoeltoegankelijk", "bool", False, "Rolstoeltoegankelijk (ja/nee)", "ja/nee"),
        _c("avond", "bool", False, "Open op ten minste één avond na 18 uur (ja/nee)", "ja/nee"),
        _c("weekend", "bool", False, "Open op zaterdag of zondag (ja/nee)", "ja/nee"),
    ),
)

NEIGHBOURHOODS = Table(
    "buurten",
    False,
    "Optioneel: inwoners per buurt als punten, voor de analyse van nabijheid.",
    (
        _c("code", "code", True, "CBS-buurtcode, BU gevolgd door acht cijfers", "BUxxxxxxxx"),
        _c("naam", "text", True, "Naam van de buurt", "tekst"),
        _c("gemeente_code", "code", True, "Gemeente van de buurt", "GMxxxx"),
        _c("inwoners", "int", True, "Aantal inwoners", "personen"),
        _c("lat", "float", True, "Breedtegraad van het zwaartepunt (WGS84)", "graden", minimum=None),
        _c("lon", "float", True, "Lengtegraad van het zwaartepunt (WGS84)", "graden", minimum=None),
        _c(
            "afstand_bibliotheek_km",
            "float",
            False,
            "Afstand tot bibliotheek volgens CBS Nabijheidsstatistiek (over de weg), van 0 tot 100",
            "km",
            maximum=100,
        ),
    ),
    key="code",
)

TABLES = (LIBRARIES, MUNICIPALITIES, BRANCHES, NEIGHBOURHOODS)

# The Netherlands' bounding box (WGS84), with a small margin for the Wadden and border areas.
NL_LAT = (50.70, 53.60)
NL_LON = (3.30, 7.30)
