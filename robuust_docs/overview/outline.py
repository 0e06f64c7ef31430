"""The overview's outline, declared once: headings with their levels, fixed texts and table columns, used by the
PDF (`render/pdf/overview.py`) and the Word template builder (`templates/build_overview_template.py`); a test
checks the headings of `templates/overzicht.docx` against `OUTLINE`. Titles taken from the model are written as
their template expression (see `report.outline`).
"""

from __future__ import annotations

from robuust_docs.report.outline import Columns, Heading
from robuust_docs.status import Status

COVER_PURPOSE = (
    "Dit overzicht laat zien hoe de bibliotheken ervoor staan als groep, per categorie van "
    "vergelijkbare omvang: voor het projectteam Robuuste lokale bibliotheek, de provincies en hun "
    "partners."
)

SUMMARY = Heading("Samenvatting", 1)
KEY_FIGURES = Heading("Kerncijfers", 2)
KEY_FIGURES_TABLE = Columns(("Kerncijfer", "Waarde"), (10.4, 6.0))
FINDINGS = Heading("Bevindingen", 2)

CATEGORIES = Heading("De categorieën", 1)
CATEGORIES_TABLE = Columns(
    ("Categorie", "Bibliotheken", "Gemeenten", "Inwoners", "Locaties", "Volwaardige vestigingen"),
    (4.4, 2.3, 2.2, 2.7, 2.0, 2.8),
)

INDICATORS = Heading("Indicatoren per categorie", 1)
INDICATOR_MODULE = Heading("{{ m.naam }}", 2)
INDICATOR = Heading("{{ i.naam }}", 3)
DISTRIBUTION_TABLE = Columns(
    ("Categorie", "n", "Laagste", "1e kwartiel", "Mediaan", "3e kwartiel", "Hoogste", "Norm"),
    (3.9, 0.9, 1.75, 1.75, 1.75, 1.75, 1.75, 2.85),
)

YEARS = Heading("De jaren per categorie", 1)
YEARS_TABLE = Columns(
    (
        "Categorie",
        "Jaar",
        "Bibliotheken",
        "Subsidie per inwoner",
        "Leden (% van de inwoners)",
        "Bezoeken per inwoner",
        "Uitleningen per inwoner",
    ),
    (3.4, 1.3, 2.1, 2.4, 2.4, 2.4, 2.4),
)

STATUSES = Heading("Status per bouwsteen", 1)
STATUS_TABLE = Columns(("Bouwsteen", "Categorie", *(s.text for s in Status)), (3.1, 4.2, 2.0, 2.9, 2.2, 2.0))

NORMS = Heading("Voor het projectteam: normen getoetst", 1)
NOBODY = Heading("Normen die niemand haalt", 2)
EVERYBODY = Heading("Normen die iedereen haalt", 2)
NORM_MODULE = Heading("{{ b.bouwsteen }}", 2)
NORM_TABLE = Columns(
    ("Indicator", "Categorie", "Norm", "Met gegevens", "Haalt de norm", "Signaal"), (3.7, 4.0, 2.4, 1.8, 2.0, 2.5)
)

PROXIMITY = Heading("Nabijheid en toegankelijkheid per categorie en provincie", 1)
_DISTANCE = ("Inwoners", "Gem. afstand", "Tot 1 km", "1–2 km", "2–5 km", "Meer dan 5 km", "Binnen 2 km", "Binnen 5 km")
_DISTANCE_WIDTHS = (3.4, 1.9, 1.6, 1.4, 1.4, 1.7, 1.6, 1.7, 1.7)
BY_CATEGORY = Heading("Afstand per categorie", 2)
BY_CATEGORY_TABLE = Columns(("Categorie", *_DISTANCE), _DISTANCE_WIDTHS)
BY_PROVINCE = Heading("Afstand per provincie", 2)
BY_PROVINCE_TABLE = Columns(("Provincie", *_DISTANCE), _DISTANCE_WIDTHS)
HOURS = Heading("Locaties en openingsuren", 2)
HOURS_TABLE = Columns(
    (
        "Categorie",
        "Locaties",
        "Volwaardige vestigingen",
        "Uren per week",
        "Uren per 1.000 inwoners",
        "Mediaan per bibliotheek",
        "Gemeenten zonder volwaardige vestiging",
    ),
    (3.2, 1.7, 2.3, 2.1, 2.3, 2.3, 2.5),
)
WITHOUT_FULL = Heading("Gemeenten zonder volwaardige vestiging", 2)
WITHOUT_FULL_TABLE = Columns(
    ("Gemeente", "Bibliotheek", "Provincie", "Inwoners", "Locaties", "Afstand tot volwaardige vestiging"),
    (3.0, 3.6, 2.6, 2.0, 1.7, 3.5),
)

YIELD = Heading("Wat nabijheid oplevert", 1)
YIELD_TABLE = Columns(("Nabijheid of openingsuren", "Bereik", "n", "r", "p"), (5.0, 5.6, 1.4, 2.2, 2.2))
ASSOCIATION = Heading("{{ v.titel }}", 2)
ASSOCIATION_TABLE = Columns(("Kerncijfer", "Waarde"), (8.4, 8.0))

PROGRAMMES = Heading("Landelijke programma's", 1)
PROGRAMMES_TABLE = Columns(("Programma", "Categorie", "Bibliotheken", "Aandeel"), (5.0, 5.0, 3.4, 3.0))

APPENDIX = Heading("Bijlage: werkwijze en bibliotheken", 1)
METHOD = Heading("Werkwijze", 2)
LIBRARIES = Heading("Bibliotheken in dit overzicht", 2)
LIBRARIES_TABLE = Columns(("Bibliotheek", "Provincie", "Categorie", "Gemeenten", "Inwoners"), (3.6, 2.6, 3.4, 4.6, 2.2))
COLOPHON = Heading("Colofon", 2)

OUTLINE = (
    SUMMARY,
    KEY_FIGURES,
    FINDINGS,
    CATEGORIES,
    INDICATORS,
    INDICATOR_MODULE,
    INDICATOR,
    YEARS,
    STATUSES,
    NORMS,
    NOBODY,
    EVERYBODY,
    NORM_MODULE,
    PROXIMITY,
    BY_CATEGORY,
    BY_PROVINCE,
    HOURS,
    WITHOUT_FULL,
    YIELD,
    ASSOCIATION,
    PROGRAMMES,
    APPENDIX,
    METHOD,
    LIBRARIES,
    COLOPHON,
)
