"""Reference pages generated from the code, so they never drift: `docs/invoer.md` (every input column, from
`schema.py`) and `docs/velden.md` (every field the Word template can use, from `model.py`).

Regenerate with `python -m robuust_docs.app.reference_docs`; a test fails when the committed pages are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from robuust_docs import schema
from robuust_docs.content import VARIABLES
from robuust_docs.inputs.geo import reference as outline_reference
from robuust_docs.report import Report, field_paths

KINDS = {
    "int": "geheel getal",
    "float": "getal",
    "money": "bedrag in euro",
    "percent": "percentage",
    "text": "tekst",
    "code": "code",
    "bool": "ja/nee",
    "list": "lijst",
}


def input_reference() -> str:
    lines = [
        "# Invoer: tabellen en kolommen",
        "",
        "Gegenereerd uit `robuust_docs/schema.py`. Lever de tabellen als CSV-bestanden (`<tabel>.csv`, komma of "
        "puntkomma, decimale komma of punt, UTF-8 met of zonder BOM, of Windows-1252) of als één `invoer.xlsx` "
        "met één blad per tabel. Lege cellen, `n.v.t.` en `onbekend` betekenen: geen gegevens. Bedragen mogen "
        "een €-teken en duizendtallen hebben (`€ 1.234,50`).",
        "",
    ]
    for table in schema.TABLES:
        need = "verplicht" if table.required else "optioneel"
        lines += [
            f"## `{table.name}` ({need})",
            "",
            table.meaning,
            "",
            "| kolom | verplicht | soort | eenheid | betekenis |",
            "|---|---|---|---|---|",
        ]
        for col in table.columns:
            meaning = col.meaning + (f" Toegestaan: {', '.join(col.choices)}." if col.choices else "")
            lines.append(
                f"| `{col.name}` | {'ja' if col.required else 'nee'} | {KINDS[col.kind]} | {col.unit} | {meaning} |"
            )
        lines.append("")
    lines += [
        "## Meer jaren",
        "",
        "Eén jaar is genoeg. Met meer jaren geeft `bibliotheken` één rij per bibliotheek per `jaar`, en `gemeenten` "
        "met een kolom `jaar` één rij per gemeente per jaar (inwoners, inwoners van 0 tot en met 17 jaar en "
        "subsidie veranderen; de bibliotheek en de beleidsthema's gelden zoals de nieuwste rij ze noemt). Een "
        "gemeente zonder jaar, of zonder die kolom, hoort bij het jaar van haar bibliotheek. `vestigingen` en "
        "`buurten` beschrijven de situatie van nu en hebben geen jaar. Zo ziet dat eruit (een deel van de "
        "kolommen):",
        "",
        "| blad | id of code | jaar | leden | subsidie |",
        "|---|---|---|---|---|",
        "| `bibliotheken` | `bib-voorbeeld` | 2023 | 6110 | |",
        "| `bibliotheken` | `bib-voorbeeld` | 2024 | 6305 | |",
        "| `bibliotheken` | `bib-voorbeeld` | 2025 | 6500 | |",
        "| `gemeenten` | `GM9999` | 2023 | | 750000 |",
        "| `gemeenten` | `GM9999` | 2024 | | 765000 |",
        "| `gemeenten` | `GM9999` | 2025 | | 780000 |",
        "",
        "Het voorbeeld in de `invoer.xlsx` van `robuust-docs init` heeft deze drie jaren. De handreiking gaat over "
        "het nieuwste jaar, of over het jaar van `--jaar` (bij `generate`, `validate` en `overview`); latere rijen "
        "tellen dan niet mee. Naast de waarde van elke indicator met eerdere cijfers staat de verandering sinds het "
        "jaar ervoor en sinds het eerste jaar (bij een percentage in procentpunten); met drie jaren of meer staat er "
        "per bouwsteen een grafiek. Bedragen zijn nominaal, niet gecorrigeerd voor inflatie. Een jaar dat tussendoor "
        "ontbreekt mag; de handreiking noemt het. Twee rijen van dezelfde bibliotheek of gemeente in hetzelfde jaar "
        "zijn een fout, met beide rijen en het jaar in de melding. `robuust-docs validate --json` noemt de gevonden "
        "jaren onder `years`.",
        "",
        "## Variabelen voor formules",
        "",
        "Formules in `modules.yaml` (zie [inhoud.md](inhoud.md)) gebruiken deze namen, per bibliotheek over het hele "
        "werkgebied. De cijfers van de bibliotheek zelf zijn de kolommen van `bibliotheken` hierboven; de andere "
        "worden uit gemeenten, locaties en buurten berekend.",
        "",
        "| variabele | betekenis | eenheid |",
        "|---|---|---|",
        *(f"| `{name}` | {v.meaning} | {v.unit} |" for name, v in VARIABLES.items()),
        "",
        "## Andere kolomnamen",
        "",
        "Heeft een export andere kolomkoppen, zet dan een `kolommen.yaml` naast de invoer:",
        "",
        "```yaml",
        "bibliotheken:",
        "  Naam organisatie: naam",
        "  Aantal leden: leden",
        "gemeenten:",
        "  Gemeentecode: code",
        "```",
        "",
    ]
    return "\n".join(lines + outline_reference())


def field_reference() -> str:
    lines = [
        "# Velden voor het Word-sjabloon",
        "",
        "Gegenereerd uit `robuust_docs/report/model.py`. Gebruik ze in `templates/handreiking.docx` als "
        "`{{ bibliotheek.naam }}`. Een veld met `[]` is een lijst: loop erover met `{%p for x in bouwstenen %}` "
        "… `{%p endfor %}` (alinea's) of `{%tr for r in m.rijen %}` … `{%tr endfor %}` (tabelrijen) en gebruik "
        "dan `x.naam`. Een `figuur` heeft ook `afbeelding` (de grafiek zelf). Een `status` heeft ook "
        "`opgemaakt`: symbool en label in de kleur van de status, vet; zet dat veld met een `r` erin, "
        "`{{r r.status.opgemaakt }}`.",
        "",
        "Controleer een aangepast sjabloon met `robuust-docs template check BESTAND.docx`.",
        "",
        "```",
    ]
    lines += field_paths(Report)
    lines += ["```", ""]
    return "\n".join(lines)


def write_all(docs: Path) -> list[Path]:
    pages = {docs / "invoer.md": input_reference(), docs / "velden.md": field_reference()}
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    return list(pages)


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")):
        sys.stdout.write(f"{written}\n")
