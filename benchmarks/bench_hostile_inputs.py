"""What hostile or oversized input costs: seconds and peak memory of one `robuust-docs` run per case.

Each case copies the sample project into a temporary folder, makes one hostile change (a 50 MB CSV, an Excel
zip bomb, a YAML alias bomb, a long text, Jinja that loops or multiplies, a broken CBS download, …) and runs the
command line in a subprocess under `/usr/bin/time -v`, with a time limit. Prints per case the seconds, the peak
resident memory, the exit code and the first line of the message; each run may use at most 8 GB of address
space, so an old version's bomb ends in a MemoryError instead of taking the machine. Run from the repository root:

    python benchmarks/bench_hostile_inputs.py [--timeout 120] [--code OTHER_CHECKOUT] [case …]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT]  # the checkout whose code, sample data and templates a case uses (--code)
FIRST_LIBRARY = "bib-veenhoven"  # a compact library in the sample

Case = Callable[[Path], list[str]]  # builds the project under the folder, returns the command's arguments
CASES: dict[str, Case] = {}


def case(name: str):
    def register(function: Case) -> Case:
        CASES[name] = function
        return function

    return register


def project(root: Path, templates: bool = False) -> tuple[Path, Path]:
    """A copy of the sample data (and of the templates) under `root`."""
    data = root / "data"
    shutil.copytree(CODE[0] / "data", data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    tpl = root / "templates"
    if templates:
        shutil.copytree(CODE[0] / "templates", tpl, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return data, tpl


def validate(data: Path) -> list[str]:
    return ["validate", "--data", str(data)]


def generate(root: Path, data: Path, *extra: str) -> list[str]:
    return ["generate", FIRST_LIBRARY, "--data", str(data), "--out", str(root / "out"), *extra]


# --- input tables ---------------------------------------------------------------------------------------------------


@case("csv-50mb")
def csv_50mb(root: Path) -> list[str]:
    data, _ = project(root)
    lines = (data / "buurten.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    out = [header]
    size, n = len(header), 0
    while size < 50_000_000:
        row = rows[n % len(rows)].split(",", 1)
        line = f"BU8{n:07d},{row[1]}"
        out.append(line)
        size += len(line) + 1
        n += 1
    (data / "buurten.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return validate(data)


@case("csv-at-row-limit")
def csv_at_row_limit(root: Path) -> list[str]:
    """What the limits still allow: 100.000 neighbourhoods (the Netherlands has about 14.000)."""
    data, _ = project(root)
    lines = (data / "buurten.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0], *(f"BU8{n:07d},{lines[1 + n % (len(lines) - 1)].split(',', 1)[1]}" for n in range(100_000))]
    (data / "buurten.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return validate(data)


@case("xlsx-sample")
def xlsx_sample(root: Path) -> list[str]:
    """The sample project as one invoer.xlsx: the ordinary case."""
    data, _ = project(root)
    _workbook(data)
    return validate(data)


def _workbook(data: Path) -> Path:
    """The sample's four tables as `invoer.xlsx` (CSV files removed)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in ("bibliotheken", "gemeenten", "vestigingen", "buurten"):
        rows = list(csv.reader(io.StringIO((data / f"{name}.csv").read_text(encoding="utf-8"))))
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([_number(v) for v in row])
        (data / f"{name}.csv").unlink()
    book.save(data / "invoer.xlsx")
    return data / "invoer.xlsx"


def _number(text: str) -> object:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return text


def _replace_part(path: Path, part: str, stream) -> None:
    """Rewrite the zip at `path` with `part` replaced by the bytes yielded by `stream`."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for item in old.infolist():
            if item.filename == part:
                with new.open(_deflated(part), "w", force_zip64=True) as handle:
                    for chunk in stream:
                        handle.write(chunk)
            else:
                new.writestr(item, old.read(item.filename))
    tmp.replace(path)


def _deflated(part: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(part)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _sheet_part(path: Path, sheet: str) -> str:
    """The zip member holding `sheet` (openpyxl writes sheets in order as sheet1.xml, sheet2.xml, …)."""
    order = ["bibliotheken", "gemeenten", "vestigingen", "buurten"]
    return f"xl/worksheets/sheet{order.index(sheet) + 1}.xml"


@case("xlsx-zip-bomb")
def xlsx_zip_bomb(root: Path) -> list[str]:
    """A buurten sheet of 5 million identical rows: about 1 GB of XML in a file of about 1 MB."""
    data, _ = project(root)
    book = _workbook(data)
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main"><sheetData><row><c t="inlineStr"><is><t>code</t></is></c></row>'
    )
    row = b'<row><c t="inlineStr"><is><t>BU</t></is></c><c><v>1</v></c><c><v>2</v></c></row>' * 1000

    def stream():
        yield head
        for _ in range(5000):
            yield row
        yield b"</sheetData></worksheet>"

    _replace_part(book, _sheet_part(book, "buurten"), stream())
    return validate(data)


@case("xlsx-shared-strings")
def xlsx_shared_strings(root: Path) -> list[str]:
    """30 million unused shared strings."""
    data, _ = project(root)
    book = _workbook(data)
    with zipfile.ZipFile(book) as zf:
        types = zf.read("[Content_Types].xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    if b"sharedStrings" not in types:
        types = types.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
            b'.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    tmp = book.with_suffix(".tmp")
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename == "[Content_Types].xml":
                new.writestr(item, types)
            elif item.filename == "xl/_rels/workbook.xml.rels":
                new.writestr(item, rels)
            elif item.filename != "xl/sharedStrings.xml":
                new.writestr(item, old.read(item.filename))
        with new.open(_deflated("xl/sharedStrings.xml"), "w", force_zip64=True) as handle:
            handle.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            chunk = b"<si><t>x</t></si>" * 10000
            for _ in range(3000):
                handle.write(chunk)
            handle.write(b"</sst>")
    tmp.replace(book)
    return validate(data)


@case("xlsx-stray-cell")
def xlsx_stray_cell(root: Path) -> list[str]:
    """One value in the last row Excel has (1.048.576) of the buurten sheet."""
    from openpyxl import load_workbook

    data, _ = project(root)
    book = _workbook(data)
    wb = load_workbook(book)
    wb["buurten"].cell(row=1_048_576, column=1, value="x")
    wb.save(book)
    return validate(data)


# --- YAML -----------------------------------------------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


@case("yaml-bomb-gesprek")
def yaml_bomb_gesprek(root: Path) -> list[str]:
    data, _ = project(root)
    (data / "content" / "gesprek.yaml").write_text(BILLION_LAUGHS + "\nalgemene_vragen: *i\n", encoding="utf-8")
    return validate(data)


@case("yaml-bomb-kolommen")
def yaml_bomb_kolommen(root: Path) -> list[str]:
    data, _ = project(root)
    (data / "kolommen.yaml").write_text(BILLION_LAUGHS + "\nbuurten: {x: *i}\n", encoding="utf-8")
    return validate(data)


@case("yaml-bomb-thema")
def yaml_bomb_thema(root: Path) -> list[str]:
    data, tpl = project(root, templates=True)
    (tpl / "thema.yaml").write_text(BILLION_LAUGHS + "\nkleuren: *i\n", encoding="utf-8")
    return generate(root, data, "--templates", str(tpl), "--format", "docx")


# --- texts ----------------------------------------------------------------------------------------------------------


def _story(root: Path, text: str) -> Path:
    data, _ = project(root)
    (data / "content" / "verhalen" / "compact.md").write_text(text, encoding="utf-8")
    return data


@case("story-456kb-pdf")
def story_456kb_pdf(root: Path) -> list[str]:
    words = "De bibliotheek is een plek voor iedereen die wil lezen, leren en meedoen. "
    return generate(root, _story(root, words * (456_000 // len(words))), "--format", "pdf")


@case("story-20k-pdf")
def story_20k_pdf(root: Path) -> list[str]:
    """What the limits still allow: a story of 20.000 characters, laid out in the PDF."""
    words = "De bibliotheek is een plek voor iedereen die wil lezen, leren en meedoen. "
    return generate(root, _story(root, words * (19_900 // len(words))), "--format", "pdf")


@case("practice-11mb-docx")
def practice_11mb_docx(root: Path) -> list[str]:
    data, _ = project(root)
    for path in (data / "content" / "praktijken").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^beschrijving:.*$", "beschrijving: " + "x" * 11_000_000, text, count=1))
        break
    return validate(data)


@case("markdown-50mb")
def markdown_50mb(root: Path) -> list[str]:
    return validate(_story(root, ("Een regel tekst. " * 60 + "\n\n") * 50_000))


JINJA = {
    "jinja-huge-string": "{{ 'x' * 10**9 }}",
    "jinja-nested-loops": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "jinja-huge-power": "{{ 10 ** 1000000000 }}",
    "jinja-macro-recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "jinja-deep-parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "jinja-doubling": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
}
for _name, _text in JINJA.items():
    CASES[_name] = lambda root, text=_text: validate(_story(root, text))


# --- CBS downloads --------------------------------------------------------------------------------------------------


def _cbs(root: Path, name: str, payload: bytes) -> list[str]:
    data, _ = project(root)
    (data / "cbs").mkdir()
    (data / "cbs" / name).write_bytes(payload)
    return validate(data)


CASES["cbs-garbage-csv"] = lambda root: _cbs(
    root, "x.csv", b"Afstand tot bibliotheek;x\n" + bytes(range(1, 256)) * 2000 + b'\n"\x00'
)
CASES["cbs-huge-field"] = lambda root: _cbs(
    root, "x.csv", b'Codering;Afstand tot bibliotheek (km)\nBU90010001;"' + b"9" * 200_000 + b'"\n'
)
CASES["cbs-nested-json"] = lambda root: _cbs(root, "x.json", b"[" * 100_000 + b"]" * 100_000)
CASES["cbs-negative-distance"] = lambda root: _cbs(
    root, "x.csv", b"Codering;Afstand tot bibliotheek (km)\nBU90010001;-279,2\n"
)


# --- running --------------------------------------------------------------------------------------------------------


def run(name: str, timeout: float, code: Path = ROOT) -> tuple[str, str, str, str, str]:
    with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as tmp:
        args = CASES[name](Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(code)}
        command = ["/usr/bin/time", "-v", "timeout", f"{timeout:.0f}", sys.executable, "-m", "robuust_docs", *args]
        start = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, check=False, cwd=tmp, preexec_fn=_cap_memory
        )  # in its own folder: no ./data or ./templates of this checkout
        seconds = time.perf_counter() - start
        if done.returncode == 124:
            return f"> {timeout:.0f}", _cpu(done.stderr), _peak(done.stderr), "killed", "(time limit reached)"
        message = _message(done.stdout + done.stderr)[:110]
        return f"{seconds:.1f}", _cpu(done.stderr), _peak(done.stderr), str(done.returncode), message


MEMORY_CAP = 8 * 1024**3  # address space per run: an old version may take 23 GB on a YAML or Jinja bomb


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _cpu(stderr: str) -> str:
    """User plus system seconds: less sensitive than wall time to other work on the machine."""
    found = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", stderr or "")]
    return f"{sum(found):.1f}" if found else ""


def _peak(stderr: str) -> str:
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr or "")
    return f"{int(found.group(1)) / 1024:.0f} MB" if found else ""


def _message(text: str) -> str:
    """The exception of a traceback, else the first listed problem, else the first line."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith(("\t", "Command being"))]
    if any(line.startswith("Traceback") for line in lines):
        return "traceback: " + next(
            (line for line in reversed(lines) if re.match(r"^\w+(\.\w+)*(Error|Exception)", line)), lines[-1]
        )
    listed = next((line.strip() for line in lines if line.startswith("  - ")), None)
    listed = listed or next((line.strip() for line in lines if line.startswith("Fout:")), None)
    return listed or (lines[0].strip() if lines else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help=f"cases to run (default all): {', '.join(CASES)}")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code runs (to compare versions)")
    args = parser.parse_args()
    names = args.cases or list(CASES)
    CODE[0] = args.code.resolve()
    print("| case | seconds | cpu seconds | peak memory | exit | first message |\n|---|---|---|---|---|---|")
    for name in names:
        seconds, cpu, peak, code, message = run(name, args.timeout, args.code)
        print(f"| {name} | {seconds} | {cpu} | {peak} | {code} | {message.replace('|', '/')} |", flush=True)


if __name__ == "__main__":
    main()
