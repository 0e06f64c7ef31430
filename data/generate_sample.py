"""Generate the fictional sample dataset of robuust-docs.

Writes bibliotheken.csv, gemeenten.csv, vestigingen.csv and buurten.csv next to this script, with the
columns of `robuust_docs/schema.py` in schema order. Every library, municipality and neighbourhood is
invented; the figures are drawn around national ratios (KB/CBS, see domain.md) per category, shifted by a
quality score per library and aspect (staff, money, offer, reach, branch network) with lognormal noise, so
the sample holds robust, middling and clearly vulnerable libraries. Some edge cases are built in on purpose:
empty cells ("geen gegevens"), a negative equity, a small library without any full branch, two larger
municipalities without a full branch (duty of care; weak networks also leave a few small municipalities with
a service point only), a library with a single branch and one without neighbourhood data.
The figures of YEAR are drawn first; then `add_history` writes the years before it back to FIRST_YEAR with its
own seed (so YEAR's figures do not depend on the history): inhabitants that grow a little, a subsidy per
inhabitant that rises, stays flat or falls (nominal), costs that follow income (a result of a few percent either
way), staff that follows what it buys at rising wages, a share of personnel costs that drifts with wages and
staff and a share of housing costs on a small trend of its own, now and then with a step (a move, a new lease) —
both from a third seed, so that the other figures stay as they were —, the 2020–2021 dip in visits, loans and
activities (branches closed in the pandemic), members falling for years in some weak libraries, and one library
without figures for one year in the middle.
The script is seeded and deterministic: run `python data/generate_sample.py` from the repository root.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from statistics import NormalDist
from typing import NamedTuple

import numpy as np
import pandas as pd
from sample_outlines import write_sample_outlines

SEED = 2044
YEAR = 2025
FIRST_YEAR = 2019
HISTORY_SEED = 2045
SHARES_SEED = 2046  # the paths of the cost shares, apart from HISTORY_SEED so the other earlier figures stay
# Use of the branches against the trend in the pandemic years and the recovery after (visits nationally were
# about half of 2019 in 2020).
DIP = {
    2020: {"bezoeken": 0.5, "uitleningen": 0.72, "activiteiten": 0.42, "deelnemers": 0.36, "eigen_inkomsten": 0.7},
    2021: {"bezoeken": 0.58, "uitleningen": 0.8, "activiteiten": 0.55, "deelnemers": 0.5, "eigen_inkomsten": 0.78},
    2022: {"bezoeken": 0.86, "uitleningen": 0.93, "activiteiten": 0.88, "deelnemers": 0.86, "eigen_inkomsten": 0.92},
}
# Nominal change of the subsidy per inhabitant a year: raised with wages, frozen, or cut.
SUBSIDY_PATH = {"stijgt": (0.03, 0.045), "vlak": (-0.004, 0.004), "daalt": (-0.035, -0.02)}
COST_GROWTH = 0.032  # nominal growth of wages a year
# Change a year, in procentpunten, of the share of personnel costs: wages rising faster than the budget push it up
# (WAGE_DRIFT), a library whose staff grows against its money more (STAFF_DRIFT per unit of its staff trend); and of
# the share of housing costs (indexed rent, energy); both wander a little besides (WALK).
WAGE_DRIFT, STAFF_DRIFT, PERSONNEL_WALK = 0.3, 30, 0.35
HOUSING_TREND, HOUSING_WALK = 0.25, 0.3
HOUSING_STEP = (0.15, 1.5, 3.0)  # chance of a move or a new lease in the history, and the size of its step
PERSONNEL_LIMITS, HOUSING_LIMITS = (30, 78), (8, 40)
MEMBERS_FALLING = 5  # the libraries with the weakest reach lose members every year
MISSING_YEAR = ("bib-lindeloo", 2022)  # a year the library did not deliver
OUT = Path(__file__).resolve().parent
# Municipality codes start at GM9001: real CBS codes stay below 2000, so they can never clash.
FIRST_CODE = 9001
KM_PER_DEG = 111.2

# Province: (support organisation, rough land boxes (lat_min, lat_max, lon_min, lon_max) clear of sea,
# IJsselmeer and borders). Municipality centres and neighbourhoods stay inside these boxes.
PROVINCES = {
    "Groningen": ("Biblionet Groningen", [(53.10, 53.35, 6.35, 7.00)]),
    "Fryslân": ("Bibliotheekservice Fryslân", [(52.92, 53.25, 5.58, 6.20)]),
    "Drenthe": ("Biblionet Drenthe", [(52.70, 53.05, 6.25, 6.90)]),
    "Overijssel": ("Rijnbrink", [(52.25, 52.55, 6.15, 6.85)]),
    "Flevoland": ("Bibliotheekservice Flevoland", [(52.38, 52.50, 5.42, 5.65), (52.66, 52.77, 5.66, 5.88)]),
    "Gelderland": ("Rijnbrink", [(51.90, 52.25, 5.65, 6.45)]),
    "Utrecht": ("BiSC", [(51.98, 52.18, 4.98, 5.42)]),
    "Noord-Holland": ("Probiblio", [(52.30, 52.75, 4.72, 4.98)]),
    "Zuid-Holland": ("Probiblio", [(51.83, 52.12, 4.36, 4.85)]),
    "Zeeland": ("ZB", [(51.46, 51.53, 3.58, 3.70), (51.46, 51.52, 3.80, 4.05), (51.26, 51.31, 3.65, 3.98)]),
    "Noord-Brabant": ("Cubiss", [(51.43, 51.66, 4.70, 5.85)]),
    "Limburg": ("Cubiss Limburg", [(50.84, 50.97, 5.75, 5.98), (51.15, 51.45, 5.92, 6.08)]),
}


class Profile(NamedTuple):
    """Typical figures of a library of average quality in one category, from the national ratios."""

    size: tuple[int, int]  # inhabitants of the service area (inside the category rule, with a margin)
    subsidy: float  # municipal subsidy per inhabitant, euro (national mean 26.25; cities higher)
    volunteers: float  # volunteers per fte (national 5.6; small libraries lean more on volunteers)
    own_income: float  # own income, percent of all income (national 12.6)
    activities: float  # activities per 1,000 inhabitants (national 14)
    visits: float  # physical visits per inhabitant (national 2.8)
    full_branches: float  # vestigingen per 100,000 inhabitants (national 4.2; fewer per inhabitant in cities)
    main_hours: tuple[int, int]  # staffed hours of the library's main branch, from a weak to a strong library


PROFILE = {
    "compact": Profile((9_000, 28_500), 23.5, 6.5, 9.5, 12.5, 2.4, 5.0, (20, 40)),
    "kleinstedelijk": Profile((32_000, 72_000), 24.5, 6.0, 10.5, 13.5, 2.6, 4.2, (26, 46)),
    "regionaal": Profile((80_000, 145_000), 25.5, 5.5, 11.5, 14.0, 2.7, 3.7, (30, 50)),
    "centrumstad": Profile((155_000, 290_000), 27.5, 4.5, 12.5, 15.0, 3.0, 2.7, (50, 60)),
    "grote_stad": Profile((310_000, 880_000), 30.5, 3.5, 13.0, 15.0, 3.1, 2.6, (50, 60)),
}
CITIES = ("centrumstad", "grote_stad")
# Employer cost of one fte (an assumption); paid staff follows from the personnel costs, so a library with a
# small budget also has few staff (national: about 2.3 fte per 10,000 inhabitants).
COST_PER_FTE = 74_000
# Quality: a score per library and aspect in standard deviations (0 typical, -2 clearly weak, +1.5 strong).
# SHARED is the weight of the organisation-wide score, OWN that of the aspect's own deviation. The sample
# leans a little to the weak side (OFFSET), so that the handreikingen show every status; LIMITS keep the
# weakest and strongest figures within the national range (e.g. subsidy per inhabitant € 12-44).
ASPECTS = ("staff", "money", "offer", "reach", "network")
SHARED, OWN, OFFSET, LIMITS = 0.9, 0.6, -0.35, (-2.2, 1.5)
GAIN = 0.7  # above typical, quality has diminishing returns
# How strongly a figure responds to its aspect's quality: the change of its logarithm per unit of quality.
# Volunteers per fte respond negatively: an understaffed library leans on volunteers.
RESPONSE = {
    "subsidy": 0.3,
    "own_income": 0.45,
    "equity": 0.7,
    "volunteers": -0.45,
    "activities": 0.55,
    "participants": 0.15,
    "adults": 0.5,
    "youth": 0.25,
    "visits": 0.45,
    "loans": 0.2,
    "full_branches": 0.4,
    "other_locations": 0.25,
}
THEMES = dict.fromkeys(
    (
        "geletterdheid",
        "digitale_inclusie",
        "jeugd_onderwijs",
        "participatie_ontmoeting",
        "kunst_cultuur",
        "armoede_geldzaken",
        "gezondheid",
        "werk_ontwikkeling",
    ),
    0.35,
)  # 2-4 each
# Chance that a typical library runs the programme (Taalhuis and Klik & Tik: 96% of organisations, 2022).
PROGRAMMES = {
    "taalhuis": 0.95,
    "ido": 0.85,
    "boekstart": 0.7,
    "dbos": 0.6,
    "digisterker": 0.5,
    "klik_en_tik": 0.9,
    "digivitaler": 0.3,
}
# Larger organisations can carry more programmes (a shift of quality on the logit scale).
PROGRAMME_BONUS = {"compact": -0.6, "kleinstedelijk": -0.2, "regionaal": 0.0, "centrumstad": 0.4, "grote_stad": 0.8}

# label | province | category | municipalities; the library is called "Bibliotheek <label>".
LIBRARY_TABLE = """
Veenhoven | Drenthe | compact | Veenhoven; Aa en Veen; Drieburg en Oostmoer
Súdwest-Kleaster | Fryslân | compact | Súdwest-Kleaster
Klinkerwolde | Groningen | compact | Klinkerwolde; Tjuchtermaar
Lindeloo | Overijssel | compact | Lindeloo
Polderzicht | Flevoland | compact | Polderzicht
Kranenwaard | Gelderland | compact | Kranenwaard; Dommelsteeg
Kromme Waard | Utrecht | compact | Kromwaard; Eemsloot
Ée-en-Rijp | Noord-Holland | compact | Ée-en-Rijp
De Gouwehoek | Zuid-Holland | compact | Gouwehoek; Moerplaat
Schorrewaarde | Zeeland | compact | Schorrewaarde; Kreekhoek
De Kempenhei | Noord-Brabant | compact | Kempenzand; Berkhei
Lees & Leer | Limburg | compact | Geulvelde; Bergerhei
Wadkust | Groningen | kleinstedelijk | Wadmerzijl; Oosterdelf; Kwelderzand
De Marren | Fryslân | kleinstedelijk | Marrewâld; Easterbrege; Lytsewier
Twentheveld | Overijssel | kleinstedelijk | Twentheveld; Loozenbroek
IJsselhoeve | Gelderland | kleinstedelijk | IJsselhoeve; Grolderbroek; Zutveld
Lekkerveen | Utrecht | kleinstedelijk | Lekkerveen; Schalkwoude
Duinerwijk | Noord-Holland | kleinstedelijk | Duinerwijk; Kleine Koog; Zandvlak
Purmerwaard | Noord-Holland | kleinstedelijk | Purmerwaard
De Lindenstreek | Zuid-Holland | kleinstedelijk | Lindenstreek; Alblasveen
's-Heerenveld | Noord-Brabant | kleinstedelijk | 's-Heerenveld; Dommeldonk
Maasheuvel | Limburg | kleinstedelijk | Maasheuvel; Roerkamp; Peelrade
It Heidelân | Fryslân | regionaal | Heidelân; Noardburren; Wâldsicht; Feankamp; Sânwâld
Esdorpenland | Drenthe | regionaal | Esveld; Brinkloo; Hunzemond; Zandveen
Heidebos | Gelderland | regionaal | Heidebos; Sprengeloo; Ulvenhorst; Woldhoeve; Klaphek; Epevelde
Kopland | Noord-Holland | regionaal | Koplanden; Zijpermeer; Tuitjeveld; Sluisdorp
Groene Waard | Zuid-Holland | regionaal | Groenewaard; Vlietdorp; Krimpermeer; Giessenhoek; Molenkade
Zeeuwse Stromen | Zeeland | regionaal | Kaaphaven; Scheldewaarde; Kreekrade; Dijkgraafpolder
De Peelrand | Noord-Brabant | regionaal | Peelhoeve; Aarleveld; Dommelrode; Bosrode
De Kalkbergen | Limburg | regionaal | Kalkberg; Gulperveld; Krijtrade; Selzerhoek; Wahlweide
Wierstad | Groningen | centrumstad | Wierstad; Ommelanderhout
Sallenburg | Overijssel | centrumstad | Sallenburg; Dinkelrade
Flevomeer | Flevoland | centrumstad | Flevomeer
Dommelstad | Noord-Brabant | centrumstad | Dommelstad; Bredeweide; Aakant
Rijnburcht | Zuid-Holland | centrumstad | Rijnburcht; Oegstveen
Amsteloord | Noord-Holland | grote_stad | Amsteloord
Maasmonde | Zuid-Holland | grote_stad | Maasmonde
Vechtstad | Utrecht | grote_stad | Vechtstad
Markstad | Noord-Brabant | grote_stad | Markstad; Aa-en-Donk
Rijnwaalstad | Gelderland | grote_stad | Rijnwaalstad; Betuwehof"""

# Deliberate edge cases for the report generator.
NEGATIVE_EQUITY = "bib-wadkust"
SINGLE_BRANCH = "bib-polderzicht"
NO_FULL_BRANCH = "bib-veenhoven"  # small rural library with service points only
NO_NEIGHBOURHOODS = "bib-maasheuvel"
MISSING = {
    "bib-kranenwaard": ["eigen_vermogen", "vrijwilligers"],
    "bib-de-peelrand": ["bezoeken", "uitleningen", "jeugdleden"],
    "bib-rijnburcht": ["huisvestingskosten", "activiteiten", "deelnemers"],
}
N_WITHOUT_VESTIGING = 2  # municipalities without a full branch in a library that has one elsewhere
# Besides, a small municipality (not a library's first) keeps its full branch with this chance in a typical
# network; a weak network often makes do with a service point there.
SMALL_MUNICIPALITY, KEEP_FULL = 15_000, 0.95

OTHER_TYPES = {
    "servicepunt": 0.5,
    "afhaalpunt": 0.18,
    "bibliotheek op school": 0.22,
    "open bibliotheek": 0.04,
    "bibliobus": 0.06,
}  # a bibliobus only in rural municipalities
PREFIX = {
    "vestiging": "Bibliotheek",
    "servicepunt": "Servicepunt",
    "afhaalpunt": "Afhaalpunt",
    "bibliotheek op school": "Bibliotheek op school",
    "open bibliotheek": "Open Bibliotheek",
    "bibliobus": "Bibliobus",
}
# Staffed hours per week by type, from a weak to a strong library; city vestigingen are open longer.
HOURS = {
    "vestiging": (15, 40),
    "servicepunt": (4, 14.5),
    "afhaalpunt": (0, 4),
    "bibliotheek op school": (4, 10),
    "open bibliotheek": (0, 0),
    "bibliobus": (6, 20),
}
CITY_HOURS, TOWN_HOURS = (25, 45), (20, 45)  # district branches in a city; a town's own main branch
CITY_BRANCHES = {"centrumstad": (4, 12), "grote_stad": (8, 25)}  # vestigingen in the city itself
# Chance, for a typical library, that a location is open on an evening and at the weekend, and that it is
# wheelchair accessible; "main" is a library's main branch.
LATE = {"main": (0.85, 0.95), "vestiging": (0.5, 0.6), "servicepunt": (0.15, 0.3), "bibliotheek op school": (0, 0)}
ACCESSIBLE = {"main": 0.995, "vestiging": 0.97, "servicepunt": 0.9}
VISITING_ADDRESS = ("vestiging", "servicepunt", "open bibliotheek")  # what CBS measures distances to
AREA_NAMES = (
    "De Akkers",
    "Het Hoge Veld",
    "Molenwijk",
    "Kerkebuurt",
    "De Horst",
    "Oranjewijk",
    "Bloemenbuurt",
    "Vogelwijk",
    "De Essen",
    "Het Laar",
    "Rietlanden",
    "De Kamp",
    "Schildersbuurt",
    "Stationsbuurt",
    "Havenkwartier",
    "De Brink",
    "Beekdal",
    "De Weiden",
    "Zonnehoek",
    "Parkwijk",
    "De Eikenhof",
    "Lindenhof",
    "Het Broek",
    "De Bongerd",
    "Sluiskwartier",
    "Dijkzicht",
    "De Vennen",
    "Wilgenrijk",
    "Het Gein",
    "De Maten",
    "Fazantenhof",
    "De Gaard",
    "Nieuwe Erven",
    "Hooiland",
    "De Wetering",
    "Klaverveld",
    "Steenakker",
    "Oude Dorp",
    "De Slenk",
    "Meidoornwijk",
    "Tuinstad",
    "Het Zand",
)
# Neighbourhood distance from the centre ~ uniform ** exponent, per stedelijkheid: 0.5 would spread people
# evenly over the municipality; towns have a dense core, cities are built up more evenly, rural areas thinly.
SPREAD_EXPONENT = {1: 0.7, 2: 0.75, 3: 0.9, 4: 0.75, 5: 0.6}
INTERNAL = ["provincie", "lat", "lon", "categorie", "eerste", "enige"]  # helper columns of gemeenten, not written
YES_NO = ("nee", "ja")


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("&", "en")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("'", "")).strip("-")


def library_specs() -> list[tuple[str, str, str, str, list[str]]]:
    """(id, label, province, category, municipality names) per library."""
    rows = [line.split(" | ") for line in LIBRARY_TABLE.strip().splitlines()]
    return [("bib-" + slug(label), label, prov, cat, names.split("; ")) for label, prov, cat, names in rows]


# --- random helpers -------------------------------------------------------------------------------------------


def noise(rng, sigma: float) -> float:
    """Lognormal factor with mean 1."""
    return float(rng.lognormal(-(sigma**2) / 2, sigma))


def scaled(rng, typical: float, quality: float, response: float, sigma: float) -> float:
    """A figure around `typical`, higher for a better quality (with diminishing returns), with lognormal noise."""
    return typical * math.exp(response * (quality if quality < 0 else GAIN * quality)) * noise(rng, sigma)


def chance(base: float, quality: float, weight: float = 1.0) -> float:
    """`base` probability for a typical library, shifted on the logit scale by quality (0 stays 0)."""
    if base <= 0:
        return 0.0
    return 1 / (1 + math.exp(-(math.log(base / (1 - base)) + weight * quality)))


def within(rng, bounds: tuple[float, float], quality: float) -> float:
    """A value inside `bounds`: near the low end for a weak library, near the high end for a strong one."""
    low, high = bounds
    return low + (high - low) * float(np.clip(0.5 + 0.3 * quality + rng.normal(0, 0.15), 0, 1))


def pick(rng, chances: dict[str, float], low: int, high: int) -> str:
    """Comma-separated ids, each drawn with its chance, topped up or trimmed to low..high ids."""
    chosen = [i for i, p in chances.items() if rng.random() < p]
    extra = [i for i in rng.permutation(list(chances)) if i not in chosen]
    chosen = chosen[:high] + extra[: max(0, low - len(chosen))]
    return ",".join(i for i in chances if i in chosen)


# --- geometry -------------------------------------------------------------------------------------------------


def offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    dlat = km * math.cos(bearing) / KM_PER_DEG
    return lat + dlat, lon + km * math.sin(bearing) / (KM_PER_DEG * math.cos(math.radians(lat)))


def distance_km(lat1, lon1, lat2, lon2):
    dx = (np.asarray(lon2) - lon1) * KM_PER_DEG * np.cos(np.radians(lat1))
    return np.hypot((np.asarray(lat2) - lat1) * KM_PER_DEG, dx)


def point_near(rng, province: str, lat: float, lon: float, km: float) -> tuple[float, float]:
    """A point about `km` from (lat, lon) inside the province, closer in if the province ends there."""
    for attempt in range(60):
        point = offset(lat, lon, km * 0.8 ** (attempt // 10), rng.uniform(0, 2 * math.pi))
        if any(a <= point[0] <= b and c <= point[1] <= d for a, b, c, d in PROVINCES[province][1]):
            return point
    return lat, lon


def far_enough(point, others, km: float = 4.5) -> bool:
    return not others or distance_km(*point, *zip(*others, strict=True)).min() >= km


def place_centres(rng, province: str, n: int, taken: list) -> list:
    """A first centre anywhere in the province, the others 5-15 km from it, all apart from other centres."""
    boxes = PROVINCES[province][1]
    for _ in range(2000):
        a, b, c, d = boxes[rng.integers(len(boxes))]
        points = [(rng.uniform(a, b), rng.uniform(c, d))]
        for _ in range(50 * (n - 1)):
            point = point_near(rng, province, *points[0], rng.uniform(5, 15))
            if len(points) < n and far_enough(point, taken + points):
                points.append(point)
        if len(points) == n and far_enough(points[0], taken):
            return points
    raise RuntimeError(f"no room for {n} centres in {province}")


# --- quality --------------------------------------------------------------------------------------------------


def library_qualities(rng) -> pd.DataFrame:
    """Quality per library (rows) and aspect (columns), in standard deviations.

    The organisation-wide score is stratified per category (evenly spaced normal quantiles in random order),
    so every peer group holds weak, middling and strong organisations; each aspect deviates from it, since an
    organisation is rarely weak or strong in everything at once. A library with negative equity is
    financially weak by definition, one with service points only has a weak network.
    """
    specs = library_specs()
    ids, categories = [spec[0] for spec in specs], pd.Series([spec[3] for spec in specs])
    overall = np.zeros(len(ids))
    for members in categories.groupby(categories).groups.values():
        ranks = rng.permutation(len(members))
        overall[members] = [NormalDist().inv_cdf((r + 0.5) / len(members)) for r in ranks]
    scores = OFFSET + SHARED * overall[:, None] + OWN * rng.standard_normal((len(ids), len(ASPECTS)))
    scores = np.clip(scores, *LIMITS)
    quality = pd.DataFrame(scores, index=ids, columns=ASPECTS)
    for lib, aspect in ((NEGATIVE_EQUITY, "money"), (NO_FULL_BRANCH, "network")):
        quality.loc[lib, aspect] = min(quality.loc[lib, aspect], -1.5)
    return quality


# --- municipalities -------------------------------------------------------------------------------------------


def split(rng, total: int, n: int, city: bool) -> list[int]:
    """Inhabitants per municipality; in a city library the first municipality is the city."""
    weights = rng.dirichlet([3.0] * n) + (1.5 if city else 0) * (np.arange(n) == 0)
    weights = np.maximum(weights / weights.sum(), 2_500 / total)
    counts = np.floor(weights / weights.sum() * total).astype(int)
    counts[0] += total - counts.sum()
    return counts.tolist()


def urbanity(rng, inhabitants: int) -> int:
    """CBS stedelijkheid, 1 (very urban) to 5 (rural), consistent with size."""
    for limit, levels in ((250_000, (1,)), (100_000, (1, 2)), (50_000, (2, 3)), (15_000, (3, 4)), (5_000, (4, 5))):
        if inhabitants >= limit:
            return int(rng.choice(levels))
    return 5


def subsidy_per_inhabitant(rng, category: str, quality: float) -> float:
    """Municipal subsidy per inhabitant, soft-capped: the real range per organisation is about € 12-44."""
    euro = scaled(rng, PROFILE[category].subsidy, quality, RESPONSE["subsidy"], 0.08)
    return min(euro, 40 + (euro - 40) / 3)


def make_municipalities(rng, quality: pd.DataFrame) -> pd.DataFrame:
    rows, taken = [], []
    for lib, _, province, category, names in library_specs():
        total = int(math.exp(rng.uniform(*np.log(PROFILE[category].size))))
        per_capita = subsidy_per_inhabitant(rng, category, quality.loc[lib, "money"])
        counts = split(rng, total, len(names), category in CITIES)
        centres = place_centres(rng, province, len(names), taken)
        taken += centres
        shares = np.array(counts) * [noise(rng, 0.15) for _ in names]
        for i, (name, inw, (lat, lon), share) in enumerate(
            zip(names, counts, centres, shares / shares.sum(), strict=True)
        ):
            rows.append(
                {
                    "code": f"GM{FIRST_CODE + len(rows)}",
                    "naam": name,
                    "bibliotheek_id": lib,
                    "inwoners": inw,
                    "inwoners_0_17": round(inw * rng.uniform(0.18, 0.21)),
                    "subsidie": round(per_capita * total * share),
                    "beleidsthemas": pick(rng, THEMES, 2, 4),
                    "stedelijkheid": urbanity(rng, inw),
                    "provincie": province,
                    "lat": lat,
                    "lon": lon,
                    "categorie": category,
                    "eerste": i == 0,
                    "enige": len(names) == 1,
                }
            )
    return pd.DataFrame(rows)


# --- libraries ------------------------------------------------------------------------------------------------


def staff_figures(rng, p: Profile, personnel_cost: float, q: pd.Series) -> dict:
    """Paid staff, from the personnel costs, and volunteers: an understaffed library leans on volunteers."""
    fte = round(personnel_cost / (COST_PER_FTE * noise(rng, 0.06)), 1)
    volunteers = fte * scaled(rng, p.volunteers, q.staff, RESPONSE["volunteers"], 0.25)
    return {"fte": fte, "vrijwilligers": volunteers}


def finance_figures(rng, p: Profile, lib: str, subsidy: float, q: pd.Series) -> dict:
    """Income, costs and equity. A weak organisation has little own income, a deficit, a small reserve and a
    building that weighs heavily on its costs, which leaves less for staff; an understaffed one spends a
    small share on staff."""
    own = scaled(rng, p.own_income, q.money, RESPONSE["own_income"], 0.25) / 100
    baten = subsidy / (1 - own - rng.uniform(0.02, 0.06))  # the rest: provincial and project subsidies
    result = np.clip(1.5 + 3 * min(q.money, 0.8) + rng.normal(0, 2), -9, 9)
    lasten = baten / (1 + result / 100)
    housing = np.clip(18 + (1.5 if p.subsidy > 28 else 0) - 5 * q.money + rng.normal(0, 2.5), 10, 38)
    staff = np.clip(58 + 6 * min(q.staff, 0.5) - 0.8 * (housing - 19) + rng.normal(0, 2), 30, 75)
    equity = -4 if lib == NEGATIVE_EQUITY else scaled(rng, 22, min(q.money, 0.8), RESPONSE["equity"], 0.25)
    return {
        "baten_totaal": baten,
        "eigen_inkomsten": baten * own,
        "lasten_totaal": lasten,
        "personeelskosten": lasten * staff / 100,
        "huisvestingskosten": lasten * housing / 100,
        "eigen_vermogen": lasten * equity / 100,
    }


def use_figures(rng, category: str, inw: int, youth: int, q: pd.Series) -> dict:
    """Members, visits and loans (reach); activities, participants and programmes (offer)."""
    p = PROFILE[category]
    young = youth * min(0.85, scaled(rng, 0.64, q.reach, RESPONSE["youth"], 0.08))
    members = young + (inw - youth) * scaled(rng, 0.09, q.reach, RESPONSE["adults"], 0.2)
    acts = scaled(rng, p.activities, q.offer, RESPONSE["activities"], 0.15) * inw / 1000
    chances = {i: chance(base, q.offer + PROGRAMME_BONUS[category], 1.2) for i, base in PROGRAMMES.items()}
    return {
        "leden": members,
        "jeugdleden": young,
        "bezoeken": scaled(rng, p.visits, q.reach, RESPONSE["visits"], 0.2) * inw,
        "uitleningen": members * scaled(rng, 15.0, q.reach, RESPONSE["loans"], 0.15),
        "activiteiten": acts,
        "deelnemers": acts * scaled(rng, 13.5, q.offer, RESPONSE["participants"], 0.1),
        "programmas": pick(rng, chances, 2, 7),
    }


def library_row(rng, lib: str, label: str, province: str, gm: pd.DataFrame, q: pd.Series) -> dict:
    category = gm.categorie.iloc[0]
    p = PROFILE[category]
    inw, youth = int(gm.inwoners.sum()), int(gm.inwoners_0_17.sum())
    money = finance_figures(rng, p, lib, gm.subsidie.sum(), q)
    row = {
        "id": lib,
        "naam": f"Bibliotheek {label}",
        "provincie": province,
        "poi": PROVINCES[province][0],
        "jaar": YEAR,
        **staff_figures(rng, p, money["personeelskosten"], q),
        **money,
        **use_figures(rng, category, inw, youth, q),
    }
    return row | dict.fromkeys(MISSING.get(lib, []))


def make_libraries(rng, gm: pd.DataFrame, quality: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(
        [
            library_row(rng, lib, label, prov, gm[gm.bibliotheek_id == lib], quality.loc[lib])
            for lib, label, prov, _, _ in library_specs()
        ]
    )
    counts = df.columns[df.columns.get_loc("vrijwilligers") : -1]  # whole people, euros and counts
    df[counts] = df[counts].astype(float).round().astype("Int64")
    return df


# --- neighbourhoods -------------------------------------------------------------------------------------------


def municipality_areas(rng, m) -> pd.DataFrame:
    """Neighbourhood points around the centre: dense near it, a thin rural fringe further out."""
    n = int(np.clip(round(4 + 2.2 * math.sqrt(m.inwoners / 1000)), 5, 80))
    radius = min(2 + 0.9 * (m.stedelijkheid - 1) + math.sqrt(m.inwoners) / 150, 8.0)
    spread = rng.uniform(0.05, 1, n - 1) ** SPREAD_EXPONENT[m.stedelijkheid]
    dist = np.sort(np.concatenate([[rng.uniform(0, 0.3)], radius * spread]))
    points = [point_near(rng, m.provincie, m.lat, m.lon, d) for d in dist]
    weights = rng.lognormal(0, 0.5, n) * (1.6 - dist / radius)
    people = 20 + np.floor(weights / weights.sum() * (m.inwoners - 20 * n)).astype(int)
    people[0] += m.inwoners - people.sum()
    lat, lon = np.array(points).T
    return pd.DataFrame(
        {
            "code": [f"BU{m.code[2:]}{i + 1:04d}" for i in range(n)],
            "naam": area_names(rng, m, lat, lon, radius),
            "gemeente_code": m.code,
            "inwoners": people,
            "lat": lat,
            "lon": lon,
        }
    )


def area_names(rng, m, lat, lon, radius: float) -> list[str]:
    """Centrum first; in rural municipalities the far points are 'Buitengebied <side>'; else invented names,
    in big cities also split into north and south."""
    pool, names = [str(a) for a in rng.permutation(AREA_NAMES)], []
    pool = [f"{a}-{side}" for side in ("Zuid", "Noord") for a in pool] + pool  # big cities need more names
    north, east = (lat - m.lat) * KM_PER_DEG, (lon - m.lon) * KM_PER_DEG * math.cos(math.radians(m.lat))
    for dn, de in zip(north, east, strict=True):
        side = "Buitengebied " + ("Noord", "Oost", "Zuid", "West")[int((math.atan2(de, dn) / math.pi * 2 + 4.5) % 4)]
        if not names:
            names.append("Centrum")
        elif m.stedelijkheid >= 3 and math.hypot(dn, de) > 0.6 * radius and side not in names:
            names.append(side)
        else:
            names.append(pool.pop())
    return names


# --- branches -------------------------------------------------------------------------------------------------


def full_branch_counts(rng, gm: pd.DataFrame, quality: pd.DataFrame) -> pd.Series:
    """Vestigingen per municipality: the category's density, more for a strong network, and at least one,
    except in the duty-of-care municipalities, the library with service points only and, in a weak network,
    some small municipalities that make do with a service point."""
    counts = {}
    for lib, group in gm.groupby("bibliotheek_id", sort=False):
        p, q = PROFILE[group.categorie.iloc[0]], quality.loc[lib, "network"]
        target = p.full_branches * group.inwoners.sum() / 100_000 * math.exp(RESPONSE["full_branches"] * q)
        for i, m in enumerate(group.itertuples()):
            keep = i == 0 or m.inwoners >= SMALL_MUNICIPALITY or rng.random() < chance(KEEP_FULL, q, 2.5)
            n = max(int(keep), int(target * m.inwoners / group.inwoners.sum() + rng.random()))
            low, high = CITY_BRANCHES.get(m.categorie, (0, n)) if m.eerste else (0, n)
            counts[m.code] = int(np.clip(n, low, high))
    n_municipalities = gm.bibliotheek_id.map(gm.bibliotheek_id.value_counts())
    candidates = gm[
        gm.inwoners.between(10_000, 30_000)
        & gm.bibliotheek_id.duplicated()  # never the first
        & (n_municipalities <= 3)
        & ~gm.bibliotheek_id.isin([NO_NEIGHBOURHOODS, NO_FULL_BRANCH])
    ]
    candidates = candidates.assign(q=candidates.bibliotheek_id.map(quality.network)).sort_values("q")
    # Duty-of-care gaps arise in the weakest networks: one municipality in each of the weakest libraries.
    without = set(candidates.drop_duplicates("bibliotheek_id").code[:N_WITHOUT_VESTIGING])
    without |= set(gm.code[gm.bibliotheek_id == NO_FULL_BRANCH])
    return pd.Series({code: 0 if code in without else n for code, n in counts.items()})


def branch_types(rng, m, n_full: int, q: float) -> list[str]:
    """Vestigingen first, then the smaller locations (more in a strong network); every municipality keeps a
    staffed location."""
    if m.bibliotheek_id == SINGLE_BRANCH:
        return ["vestiging"]
    n_other = rng.poisson((0.4 + m.inwoners / 40_000) * math.exp(RESPONSE["other_locations"] * q))
    others = rng.choice(list(OTHER_TYPES), size=n_other, p=list(OTHER_TYPES.values()))
    others = [str(t) if t != "bibliobus" or m.stedelijkheid >= 4 else "servicepunt" for t in others]
    if n_full == 0 and "servicepunt" not in others:
        others = ["servicepunt", *others]
    if m.enige and n_full == 1 and not others:  # only the one edge case has a single location
        others = [str(rng.choice(["servicepunt", "bibliotheek op school"]))]
    return ["vestiging"] * n_full + sorted(others, key=list(PREFIX).index)


def branch_spots(rng, areas: pd.DataFrame, n: int, q: float) -> list[int]:
    """Neighbourhood index per location: the first in the centre, each next one where it adds most reach.

    A strong network spreads its locations (weight on the distance to the nearest location); a weak one
    clusters them in the populous neighbourhoods near the centre."""
    lat, lon, people = areas.lat.to_numpy(), areas.lon.to_numpy(), areas.inwoners.to_numpy(float)
    reach = float(np.clip(1.2 + 0.8 * q, 0.05, 2.5))
    spots = [0]
    while len(spots) < n:
        gap = np.min([distance_km(lat[s], lon[s], lat, lon) for s in spots], axis=0)
        score = people * (gap + 0.2) ** reach * rng.lognormal(0, 0.3, len(people))
        score[spots] = 0 if len(set(spots)) < len(people) else score[spots]
        spots.append(int(np.argmax(score)))
    return spots


def vestiging_hours(m, main: bool) -> tuple[float, float]:
    """The library's main branch per category; a municipality's own main branch a little longer than others;
    district branches in a city longer than branches in villages."""
    if main and m.eerste:
        return PROFILE[m.categorie].main_hours
    if m.eerste and m.categorie in CITIES:
        return CITY_HOURS
    return TOWN_HOURS if main else HOURS["vestiging"]


def branch_row(rng, m, kind: str, place, main: bool, q: pd.Series) -> dict:
    hours = within(rng, vestiging_hours(m, main) if kind == "vestiging" else HOURS[kind], q.network)
    staffed_location = kind in ("vestiging", "servicepunt")
    unstaffed = (
        rng.uniform(20, 40)
        if kind == "open bibliotheek"
        else (within(rng, (6, 40), -q.staff) if staffed_location and rng.random() < chance(0.3, -q.staff, 0.8) else 0.0)
    )
    role = "main" if main else kind
    evening, weekend = LATE.get(role, (0.05, 0.2))
    lat, lon = offset(place.lat, place.lon, rng.uniform(0, 0.3), rng.uniform(0, 2 * math.pi))
    name = f"{PREFIX[kind]} {m.naam}" + ("" if main or kind == "bibliobus" else f" {place.naam}")
    return {
        "bibliotheek_id": m.bibliotheek_id,
        "naam": name,
        "type": kind,
        "gemeente_code": m.code,
        "lat": round(lat, 5),
        "lon": round(lon, 5),
        "openingsuren": round(hours * 2) / 2,
        "open_bibliotheek_uren": round(unstaffed),
        "rolstoeltoegankelijk": chance(ACCESSIBLE.get(role, 0.85), q.network, 1.5),
        "avond": chance(evening, q.network, 1.5 if main else 2),
        "weekend": chance(weekend, q.network, 1.5 if main else 2),
    }


def yes_no(rng, chances: pd.Series) -> pd.Series:
    """'ja' for as many of a library's locations as expected from their chances (with a little noise), the
    likeliest first: a weak network then shows consistently in its locations, not by the luck of a coin."""
    n_yes = int(np.clip(round(chances.sum() + rng.normal(0, 0.5)), 0, len(chances)))
    order = np.argsort(-chances.to_numpy() + rng.uniform(0, 1e-9, len(chances)), kind="stable")
    yes = np.zeros(len(chances), dtype=bool)
    yes[order[:n_yes]] = True
    return pd.Series(np.where(yes, YES_NO[1], YES_NO[0]), index=chances.index)


def make_branches(rng, gm: pd.DataFrame, bu: pd.DataFrame, quality: pd.DataFrame) -> pd.DataFrame:
    """Locations per municipality; the main branch at the centre, the others spread over neighbourhoods."""
    full = full_branch_counts(rng, gm, quality)
    rows = []
    for m in gm.itertuples():
        q, areas = quality.loc[m.bibliotheek_id], bu[bu.gemeente_code == m.code]
        kinds = branch_types(rng, m, full[m.code], q.network)
        for i, (kind, spot) in enumerate(zip(kinds, branch_spots(rng, areas, len(kinds), q.network), strict=True)):
            rows.append(branch_row(rng, m, kind, areas.iloc[spot], i == 0 and kind == "vestiging", q))
    df = pd.DataFrame(rows)
    for column in ("rolstoeltoegankelijk", "avond", "weekend"):  # chances so far
        df[column] = pd.concat([yes_no(rng, group) for _, group in df.groupby("bibliotheek_id", sort=False)[column]])
    number = (df.groupby("bibliotheek_id").cumcount() + 1).map("{:02d}".format)
    df.insert(0, "id", df.bibliotheek_id + "-" + number)
    return df


def add_road_distances(rng, bu: pd.DataFrame, br: pd.DataFrame) -> pd.DataFrame:
    """CBS-like road distance (about 1.3 x the straight line) for roughly half of the municipalities."""
    visit = br[br.type.isin(VISITING_ADDRESS)]
    chosen = [code for code in bu.gemeente_code.unique() if rng.random() < 0.5]
    straight = np.array([distance_km(b.lat, b.lon, visit.lat, visit.lon).min() for b in bu.itertuples()])
    road = np.maximum(0.1, 1.3 * straight * rng.lognormal(0, 0.1, len(bu))).round(1)
    return bu.assign(afstand_bibliotheek_km=np.where(bu.gemeente_code.isin(chosen), road, np.nan))


# --- history --------------------------------------------------------------------------------------------------


def subsidy_path(q: float) -> str:
    """Weak finances go with a municipality that cuts, strong ones with one that keeps up with wages."""
    return "daalt" if q < -1.0 else "stijgt" if q > 0.1 else "vlak"


def add_history(rng, lib: pd.DataFrame, gm: pd.DataFrame, quality: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows for FIRST_YEAR..YEAR of every library and municipality, YEAR's as drawn; oldest first per key."""
    years = range(FIRST_YEAR, YEAR + 1)
    falling = set(quality.reach.sort_values().index[:MEMBERS_FALLING])
    shares_rng = np.random.default_rng(SHARES_SEED)
    muni_rows, lib_rows = [], []
    subsidy = {}  # (library, year) → the subsidy of its municipalities together
    for m in gm.itertuples():
        growth = rng.normal(0.008 if m.stedelijkheid <= 2 else 0.003, 0.004)
        path = SUBSIDY_PATH[subsidy_path(quality.loc[m.bibliotheek_id, "money"])]
        per_year = rng.uniform(*path)
        for year in years:
            back = YEAR - year
            inhabitants = round(m.inwoners / (1 + growth) ** back)
            euro = m.subsidie / m.inwoners / (1 + per_year) ** back * noise(rng, 0.01) if back else 0
            row = {
                "code": m.code,
                "jaar": year,
                "naam": m.naam,
                "bibliotheek_id": m.bibliotheek_id,
                "inwoners": m.inwoners if not back else inhabitants,
                "inwoners_0_17": m.inwoners_0_17 if not back else round(m.inwoners_0_17 / (1 + growth) ** back),
                "subsidie": m.subsidie if not back else round(euro * inhabitants),
                "beleidsthemas": m.beleidsthemas,
                "stedelijkheid": m.stedelijkheid,
            }
            muni_rows.append(row)
            subsidy[m.bibliotheek_id, year] = subsidy.get((m.bibliotheek_id, year), 0) + row["subsidie"]
    for rec in lib.to_dict("records"):
        ident = rec["id"]
        members = rng.uniform(-0.045, -0.03) if ident in falling else rng.normal(0.006, 0.01)
        staff = rng.normal(0.0, 0.015)
        shares = cost_shares(shares_rng, rec, staff)
        for year in years:
            back = YEAR - year
            if (ident, year) == MISSING_YEAR:
                continue
            if not back:
                lib_rows.append(rec)
                continue
            ratio = subsidy[ident, year] / subsidy[ident, YEAR]
            lib_rows.append(history_row(rng, rec, year, members, staff, ratio, shares[year]))
    frame = pd.DataFrame(lib_rows, columns=lib.columns)
    counts = frame.columns[frame.columns.get_loc("vrijwilligers") : -1]
    frame[counts] = frame[counts].astype(float).round().astype("Int64")
    return frame, pd.DataFrame(muni_rows)


def share(rec: dict, column: str) -> float | None:
    """A cost of YEAR as a percentage of all costs, None when either is empty."""
    cost, total = rec[column], rec["lasten_totaal"]
    return None if pd.isna(cost) or pd.isna(total) or not total else float(cost) / float(total) * 100


def cost_shares(rng, rec: dict, staff: float) -> dict[int, tuple[float | None, float | None]]:
    """The shares of personnel and housing costs in every year before YEAR, walked back from YEAR's: personnel
    drifting up with wages (faster when staff grows against the money), housing on a small trend of its own with
    now and then a step; both within plausible limits. YEAR's shares are as drawn."""
    personnel, housing = share(rec, "personeelskosten"), share(rec, "huisvestingskosten")
    drift = WAGE_DRIFT + STAFF_DRIFT * staff
    trend = rng.normal(0.0, HOUSING_TREND)
    chance_of_step, low, high = HOUSING_STEP
    step_year = int(rng.integers(FIRST_YEAR + 1, YEAR + 1)) if rng.random() < chance_of_step else None
    step = rng.uniform(low, high) * rng.choice((-1, 1))
    paths, p, h = {}, personnel, housing
    for year in range(YEAR - 1, FIRST_YEAR - 1, -1):
        # the year after `year` had p and h; one year earlier, undo its drift, trend and step
        walk_p, walk_h = rng.normal(0.0, PERSONNEL_WALK), rng.normal(0.0, HOUSING_WALK)
        if p is not None:
            p = float(np.clip(p - drift + walk_p, *PERSONNEL_LIMITS))
        if h is not None:
            h = float(np.clip(h - trend + walk_h - (step if year + 1 == step_year else 0.0), *HOUSING_LIMITS))
        paths[year] = (p, h)
    return paths


def history_row(rng, rec: dict, year: int, members: float, staff: float, subsidy_ratio: float, shares: tuple) -> dict:
    """One earlier year of a library: income following its subsidy, costs following income, personnel and housing
    costs at their `shares` of the costs, staff what the money buys at wages rising COST_GROWTH a year, use with
    the pandemic dip, members and staff on their own trend; YEAR's empty cells stay empty."""
    back = YEAR - year
    dip = DIP.get(year, {})
    row = dict(rec, jaar=year)

    def scale(column: str, factor: float) -> None:
        if rec[column] is not None and not pd.isna(rec[column]):
            row[column] = float(rec[column]) * factor * dip.get(column, 1.0)

    own = (1 + 0.02) ** -back * noise(rng, 0.05)
    income = 0.85 * subsidy_ratio + 0.15 * own
    # a library spends what it gets: costs follow income (with a result of a few percent either way); wages
    # rising faster than the subsidy show in fewer fte, not in a deficit
    costs = income * noise(rng, 0.02)
    scale("baten_totaal", income)
    scale("eigen_inkomsten", own)
    for column in ("lasten_totaal", "personeelskosten", "huisvestingskosten"):
        scale(column, costs)
    for column, percent in zip(("personeelskosten", "huisvestingskosten"), shares, strict=True):
        if percent is not None:  # an empty cell of YEAR stays empty
            row[column] = row["lasten_totaal"] * percent / 100
    scale("eigen_vermogen", costs * noise(rng, 0.1))
    scale("fte", income * (1 + COST_GROWTH) ** back * (1 + staff) ** -back * noise(rng, 0.02))
    row["fte"] = None if row["fte"] is None or pd.isna(row["fte"]) else round(row["fte"], 1)
    scale("vrijwilligers", (0.88 if year in (2020, 2021) else 1.0) * noise(rng, 0.05))
    scale("leden", (1 + members) ** -back * noise(rng, 0.008))
    scale("jeugdleden", (1 + members) ** -back * noise(rng, 0.01))
    for column in ("bezoeken", "uitleningen", "activiteiten", "deelnemers"):
        scale(column, (1 + members / 2) ** -back * noise(rng, 0.04))
    if row["jeugdleden"] is not None and row["leden"] is not None and not pd.isna(row["jeugdleden"]):
        row["jeugdleden"] = min(row["jeugdleden"], row["leden"])
    return row


# --- summary --------------------------------------------------------------------------------------------------


def print_summary(gm: pd.DataFrame, lib: pd.DataFrame, br: pd.DataFrame) -> None:
    """Per category: median figures per inhabitant; then the sample's totals against the national ratios."""
    area = gm.groupby("bibliotheek_id").agg(
        inw=("inwoners", "sum"), subsidie=("subsidie", "sum"), categorie=("categorie", "first")
    )
    area = area.join(lib.set_index("id")[["fte", "leden", "bezoeken", "activiteiten"]].astype(float))
    full = br[br.type == "vestiging"]
    area = area.assign(
        vest=full.groupby("bibliotheek_id").size(),
        uren=br.groupby("bibliotheek_id").openingsuren.sum(),
        locaties=br.groupby("bibliotheek_id").size(),
    ).fillna({"vest": 0})
    ratios = pd.DataFrame(
        {
            "categorie": area.categorie,
            "euro": area.subsidie / area.inw,
            "fte_10k": area.fte / area.inw * 1e4,
            "uren_10k": area.uren / area.inw * 1e4,
            "vest_100k": area.vest / area.inw * 1e5,
            "vest": area.vest,
            "locaties": area.locaties,
        }
    )
    print(ratios.groupby("categorie", sort=False).median().round(1).to_string())
    total = area[["inw", "subsidie", "fte", "leden", "bezoeken", "activiteiten", "vest"]].sum()
    print(
        f"sample (national): € {total.subsidie / total.inw:.2f} per inhabitant (26.25), "
        f"{total.fte / total.inw * 1e4:.1f} fte per 10,000 (2.3), {total.leden / total.inw:.0%} members (20%), "
        f"{total.bezoeken / total.inw:.1f} visits (2.8), {total.activiteiten / total.inw * 1e3:.0f} activities "
        f"per 1,000 (14), {total.vest / total.inw * 1e5:.1f} vestigingen per 100,000 (4.2)"
    )


def main() -> None:
    rng = np.random.default_rng(SEED)
    quality = library_qualities(rng)
    gm = make_municipalities(rng, quality)
    lib = make_libraries(rng, gm, quality)
    bu = pd.concat([municipality_areas(rng, m) for m in gm.itertuples()], ignore_index=True)
    br = make_branches(rng, gm, bu, quality)
    bu = add_road_distances(rng, bu, br).round({"lat": 5, "lon": 5})
    bu = bu[~bu.gemeente_code.isin(gm.code[gm.bibliotheek_id == NO_NEIGHBOURHOODS])]
    br.to_csv(OUT / "vestigingen.csv", index=False)
    bu.to_csv(OUT / "buurten.csv", index=False)
    lib, gm_years = add_history(np.random.default_rng(HISTORY_SEED), lib, gm, quality)
    lib.to_csv(OUT / "bibliotheken.csv", index=False)
    gm_years.to_csv(OUT / "gemeenten.csv", index=False)
    write_sample_outlines(OUT)  # gemeenten.geojson: fictional outlines around the points just written
    print_summary(gm, lib, br)


if __name__ == "__main__":
    main()
