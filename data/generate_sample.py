"""Generate the fictional sample dataset of robuust-docs.

Writes bibliotheken.csv, gemeenten.csv, vestigingen.csv and buurten.csv next to this script, with the
columns of `robuust_docs/schema.py` in schema order. Every library, municipality and neighbourhood is
invented; the figures are drawn around national ratios (KB/CBS, see domain.md) with lognormal noise and a
library-wide quality factor, so some libraries look robust and others vulnerable. Some edge cases are built
in on purpose: empty cells ("geen gegevens"), a negative equity, two large municipalities without a full
branch (duty of care), a library with a single branch and one without neighbourhood data.
The script is seeded and deterministic: run `python data/generate_sample.py` from the repository root.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2044
YEAR = 2025
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
# Inhabitants of the service area per category (inside the category rules, with a margin) and the mean
# municipal subsidy per inhabitant (cities higher).
SIZE = {"compact": (9_000, 28_500), "kleinstedelijk": (32_000, 72_000), "regionaal": (80_000, 145_000),
        "centrumstad": (155_000, 290_000), "grote_stad": (310_000, 880_000)}
SUBSIDY = {"compact": 23.0, "kleinstedelijk": 24.5, "regionaal": 25.5, "centrumstad": 29.0, "grote_stad": 32.0}
THEMES = dict.fromkeys(("geletterdheid", "digitale_inclusie", "jeugd_onderwijs", "participatie_ontmoeting",
                        "kunst_cultuur", "armoede_geldzaken", "gezondheid", "werk_ontwikkeling"), 0.35)  # 2-4 each
PROGRAMMES = {"taalhuis": 0.9, "ido": 0.85, "boekstart": 0.6, "dbos": 0.55, "digisterker": 0.45,
              "klik_en_tik": 0.5, "digivitaler": 0.25}  # chance that a library runs the programme

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
NO_NEIGHBOURHOODS = "bib-maasheuvel"
MISSING = {"bib-kranenwaard": ["eigen_vermogen", "vrijwilligers"],
           "bib-de-peelrand": ["bezoeken", "uitleningen", "jeugdleden"],
           "bib-rijnburcht": ["huisvestingskosten", "activiteiten", "deelnemers"]}
N_WITHOUT_VESTIGING = 2

OTHER_TYPES = {"servicepunt": 0.5, "afhaalpunt": 0.18, "bibliotheek op school": 0.22,
               "open bibliotheek": 0.04, "bibliobus": 0.06}  # a bibliobus only in rural municipalities
PREFIX = {"vestiging": "Bibliotheek", "servicepunt": "Servicepunt", "afhaalpunt": "Afhaalpunt",
          "bibliotheek op school": "Bibliotheek op school", "open bibliotheek": "Open Bibliotheek",
          "bibliobus": "Bibliobus"}
HOURS = {"vestiging": (15, 55), "servicepunt": (4, 14.5), "afhaalpunt": (0, 4), "bibliotheek op school": (4, 10),
         "open bibliotheek": (0, 0), "bibliobus": (6, 20)}
VISITING_ADDRESS = ("vestiging", "servicepunt", "open bibliotheek")  # what CBS measures distances to
AREA_NAMES = ("De Akkers", "Het Hoge Veld", "Molenwijk", "Kerkebuurt", "De Horst", "Oranjewijk", "Bloemenbuurt",
              "Vogelwijk", "De Essen", "Het Laar", "Rietlanden", "De Kamp", "Schildersbuurt", "Stationsbuurt",
              "Havenkwartier", "De Brink", "Beekdal", "De Weiden", "Zonnehoek", "Parkwijk", "De Eikenhof",
              "Lindenhof", "Het Broek", "De Bongerd", "Sluiskwartier", "Dijkzicht", "De Vennen", "Wilgenrijk",
              "Het Gein", "De Maten", "Fazantenhof", "De Gaard", "Nieuwe Erven", "Hooiland", "De Wetering",
              "Klaverveld", "Steenakker", "Oude Dorp", "De Slenk", "Meidoornwijk", "Tuinstad", "Het Zand")
INTERNAL = ["provincie", "lat", "lon", "kwaliteit"]  # helper columns of the municipalities, not written


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("&", "en")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("'", "")).strip("-")


def library_specs() -> list[tuple[str, str, str, str, list[str]]]:
    """(id, label, province, category, municipality names) per library."""
    rows = [line.split(" | ") for line in LIBRARY_TABLE.strip().splitlines()]
    return [("bib-" + slug(label), label, prov, cat, names.split("; ")) for label, prov, cat, names in rows]


def noise(rng, sigma: float) -> float:
    """Lognormal factor with mean 1."""
    return float(rng.lognormal(-sigma**2 / 2, sigma))


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


def make_municipalities(rng) -> pd.DataFrame:
    rows, taken = [], []
    for lib, _, province, category, names in library_specs():
        total = int(math.exp(rng.uniform(*np.log(SIZE[category]))))
        quality = noise(rng, 0.18)  # library-wide: some do well across the board, some poorly
        per_capita = SUBSIDY[category] * quality * noise(rng, 0.15)
        per_capita = min(per_capita, 40 + (per_capita - 40) / 3)  # soft cap: the real maximum is about € 44
        counts = split(rng, total, len(names), category in ("centrumstad", "grote_stad"))
        centres = place_centres(rng, province, len(names), taken)
        taken += centres
        shares = np.array(counts) * [noise(rng, 0.15) for _ in names]
        for name, inw, (lat, lon), share in zip(names, counts, centres, shares / shares.sum(), strict=True):
            rows.append({"code": f"GM{FIRST_CODE + len(rows)}", "naam": name, "bibliotheek_id": lib,
                         "inwoners": inw, "inwoners_0_17": round(inw * rng.uniform(0.18, 0.21)),
                         "subsidie": round(per_capita * total * share), "beleidsthemas": pick(rng, THEMES, 2, 4),
                         "stedelijkheid": urbanity(rng, inw), "provincie": province, "lat": lat, "lon": lon,
                         "kwaliteit": quality})
    return pd.DataFrame(rows)


def pick(rng, chances: dict[str, float], low: int, high: int) -> str:
    """Comma-separated ids, each drawn with its chance, topped up or trimmed to low..high ids."""
    chosen = [i for i, chance in chances.items() if rng.random() < chance]
    extra = [i for i in rng.permutation(list(chances)) if i not in chosen]
    chosen = chosen[:high] + extra[:max(0, low - len(chosen))]
    return ",".join(i for i in chances if i in chosen)


def library_row(rng, lib: str, label: str, province: str, gm: pd.DataFrame) -> dict:
    inw, youth, quality = gm.inwoners.sum(), gm.inwoners_0_17.sum(), gm.kwaliteit.iloc[0]
    fte = round(2.3 * inw / 10_000 * quality * noise(rng, 0.2), 1)
    baten = gm.subsidie.sum() / rng.uniform(0.75, 0.86)
    lasten = baten * rng.uniform(0.97, 1.03)
    equity = -0.04 if lib == NEGATIVE_EQUITY else rng.uniform(0.05, 0.45)
    jeugd = youth * rng.uniform(0.55, 0.75)
    acts = 14 * inw / 1000 * quality * noise(rng, 0.3)
    row = {"id": lib, "naam": f"Bibliotheek {label}", "provincie": province, "poi": PROVINCES[province][0],
           "jaar": YEAR, "fte": fte, "vrijwilligers": 5.6 * fte * noise(rng, 0.35),
           "baten_totaal": baten, "eigen_inkomsten": baten * 0.12 * noise(rng, 0.3), "lasten_totaal": lasten,
           "personeelskosten": lasten * rng.uniform(0.55, 0.65),
           "huisvestingskosten": lasten * rng.uniform(0.15, 0.28), "eigen_vermogen": lasten * equity,
           "leden": jeugd + (inw - youth) * 0.09 * quality * noise(rng, 0.25), "jeugdleden": jeugd,
           "bezoeken": 2.8 * inw * quality * noise(rng, 0.25), "uitleningen": 3 * inw * quality * noise(rng, 0.25),
           "activiteiten": acts, "deelnemers": acts * 14 * noise(rng, 0.25), "programmas": pick(rng, PROGRAMMES, 2, 7)}
    return row | dict.fromkeys(MISSING.get(lib, []))


def make_libraries(rng, gm: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame([library_row(rng, lib, label, prov, gm[gm.bibliotheek_id == lib])
                       for lib, label, prov, _, _ in library_specs()])
    counts = df.columns[df.columns.get_loc("vrijwilligers"):-1]  # whole people, euros and counts
    df[counts] = df[counts].astype(float).round().astype("Int64")
    return df


def municipality_areas(rng, m) -> pd.DataFrame:
    """Neighbourhood points around the centre: dense near it, a thin rural fringe further out."""
    n = int(np.clip(round(4 + 2.2 * math.sqrt(m.inwoners / 1000)), 5, 40))
    radius = min(2 + 0.9 * (m.stedelijkheid - 1) + math.sqrt(m.inwoners) / 150, 8.0)
    spread = rng.uniform(0.05, 1, n - 1) ** (0.6 + 0.15 * (5 - m.stedelijkheid))  # cities: dense core
    dist = np.sort(np.concatenate([[rng.uniform(0, 0.3)], radius * spread]))
    points = [point_near(rng, m.provincie, m.lat, m.lon, d) for d in dist]
    weights = rng.lognormal(0, 0.5, n) * (1.6 - dist / radius)
    people = 20 + np.floor(weights / weights.sum() * (m.inwoners - 20 * n)).astype(int)
    people[0] += m.inwoners - people.sum()
    lat, lon = np.array(points).T
    return pd.DataFrame({"code": [f"BU{m.code[2:]}{i + 1:04d}" for i in range(n)],
                         "naam": area_names(rng, m, lat, lon, radius), "gemeente_code": m.code,
                         "inwoners": people, "lat": lat, "lon": lon})


def area_names(rng, m, lat, lon, radius: float) -> list[str]:
    """Centrum first; in rural municipalities the far points are 'Buitengebied <side>'; else invented names."""
    pool, names = list(rng.permutation(AREA_NAMES)), []
    north, east = (lat - m.lat) * KM_PER_DEG, (lon - m.lon) * KM_PER_DEG * math.cos(math.radians(m.lat))
    for dn, de in zip(north, east, strict=True):
        side = "Buitengebied " + ("Noord", "Oost", "Zuid", "West")[int((math.atan2(de, dn) / math.pi * 2 + 4.5) % 4)]
        if not names:
            names.append("Centrum")
        elif m.stedelijkheid >= 3 and math.hypot(dn, de) > 0.6 * radius and side not in names:
            names.append(side)
        else:
            names.append(str(pool.pop()))
    return names


def branch_types(rng, m, without_vestiging: bool) -> list[str]:
    if m.bibliotheek_id == SINGLE_BRANCH:
        return ["vestiging"]
    if without_vestiging:
        return ["servicepunt"] + ["afhaalpunt"] * int(rng.random() < 0.5)
    n_vest = 1 + m.inwoners // 90_000 if m.inwoners >= 10_000 else int(m.inwoners >= 5_000 and rng.random() < 0.35)
    others = rng.choice(list(OTHER_TYPES), size=rng.poisson(0.4 + m.inwoners / 70_000), p=list(OTHER_TYPES.values()))
    others = [str(t) if t != "bibliobus" or m.stedelijkheid >= 4 else "servicepunt" for t in others]
    if n_vest == 0 and "servicepunt" not in others:  # every municipality keeps a staffed location
        others = ["servicepunt", *others]
    return ["vestiging"] * n_vest + sorted(others, key=list(PREFIX).index)


def branch_row(rng, m, kind: str, place, first: bool) -> dict:
    lo, hi = HOURS[kind]
    main = first and kind == "vestiging"
    hours = rng.uniform(25, hi) if main else rng.uniform(lo, 40 if kind == "vestiging" else hi)
    unstaffed = rng.uniform(20, 40) if kind == "open bibliotheek" else (
        rng.uniform(6, 40) if kind in ("vestiging", "servicepunt") and rng.random() < 0.3 else 0.0)
    lat, lon = offset(place.lat, place.lon, rng.uniform(0, 0.3), rng.uniform(0, 2 * math.pi))
    evening, weekend = {"vestiging": (0.7, 0.85), "servicepunt": (0.2, 0.4),
                        "bibliotheek op school": (0, 0)}.get(kind, (0.05, 0.25))
    name = f"{PREFIX[kind]} {m.naam}" + ("" if main or kind == "bibliobus" else f" {place.naam}")
    yes = ("nee", "ja")
    return {"bibliotheek_id": m.bibliotheek_id, "naam": name, "type": kind, "gemeente_code": m.code,
            "lat": round(lat, 5), "lon": round(lon, 5), "openingsuren": round(hours * 2) / 2,
            "open_bibliotheek_uren": round(unstaffed), "rolstoeltoegankelijk": yes[int(rng.random() < 0.9)],
            "avond": yes[int(rng.random() < evening)], "weekend": yes[int(rng.random() < weekend)]}


def make_branches(rng, gm: pd.DataFrame, bu: pd.DataFrame) -> pd.DataFrame:
    """Locations per municipality; the main branch at the centre, others in populous neighbourhoods."""
    candidates = gm[(gm.inwoners >= 10_000) & gm.bibliotheek_id.duplicated()  # never a library's first
                    & (gm.bibliotheek_id != NO_NEIGHBOURHOODS)]
    without = set(candidates.nsmallest(N_WITHOUT_VESTIGING, "inwoners").code)
    rows = []
    for m in gm.itertuples():
        areas = bu[bu.gemeente_code == m.code]
        kinds = branch_types(rng, m, m.code in without)
        weights = areas.inwoners.to_numpy()[1:] / areas.inwoners.iloc[1:].sum()
        spots = 1 + rng.choice(len(areas) - 1, size=len(kinds), replace=len(kinds) >= len(areas), p=weights)
        for i, kind in enumerate(kinds):  # the first location of a municipality is in its centre
            rows.append(branch_row(rng, m, kind, areas.iloc[0 if i == 0 else spots[i]], i == 0))
    df = pd.DataFrame(rows)
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


def print_summary(gm: pd.DataFrame, br: pd.DataFrame) -> None:
    area = gm.groupby("bibliotheek_id")[["inwoners", "subsidie"]].sum()
    area = area.assign(euro=area.subsidie / area.inwoners, locaties=br.groupby("bibliotheek_id").size(),
                       categorie=pd.cut(area.inwoners, [0, 3e4, 7.5e4, 1.5e5, 3e5, np.inf], right=False,
                                        labels=list(SIZE)))
    table = area.groupby("categorie", observed=True).agg(
        {"inwoners": ["size", "min", "max"], "euro": ["min", "max", "mean"], "locaties": "sum"})
    print(table.round(2).to_string(), f"\nsubsidy per inhabitant, all: {area.euro.mean():.2f}")  # noqa: T201


def main() -> None:
    rng = np.random.default_rng(SEED)
    gm = make_municipalities(rng)
    lib = make_libraries(rng, gm)
    bu = pd.concat([municipality_areas(rng, m) for m in gm.itertuples()], ignore_index=True)
    br = make_branches(rng, gm, bu)
    bu = add_road_distances(rng, bu, br).round({"lat": 5, "lon": 5})
    bu = bu[~bu.gemeente_code.isin(gm.code[gm.bibliotheek_id == NO_NEIGHBOURHOODS])]
    lib.to_csv(OUT / "bibliotheken.csv", index=False)
    gm.drop(columns=INTERNAL).to_csv(OUT / "gemeenten.csv", index=False)
    br.to_csv(OUT / "vestigingen.csv", index=False)
    bu.to_csv(OUT / "buurten.csv", index=False)
    print_summary(gm, br)


if __name__ == "__main__":
    main()
