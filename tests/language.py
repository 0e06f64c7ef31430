"""Checks of a document's Dutch, over its plain text: spelling with hunspell (OpenTaal nl_NL) and agreement.

`unknown_words(text, accepted)` lists the words hunspell does not know, after the names from the data and the
project word list (`tests/woordenlijst.txt`) are accepted. Words broken mid-word by a narrow table column
("Kwetsbaa" + "r") stay unknown on purpose: nothing is de-hyphenated or glued back together, so the test also
guards the tables. Numbers, codes and amounts (anything with a digit) are not words and are skipped.

`agreement_errors(text, names)` finds what a reader trips over: a list of two or more names followed by a
singular verb ("Noardburren en Feankamp inzet op"), a count with a noun or verb in the wrong number ("1
bouwstenen", "2 aandachtspunt", "zijn er 1"), and semicolons chaining names in running prose ("Veenhoven; Aa en
Veen"). A single name that holds "en" ("Aa en Veen heeft") is one subject: pass the names from the data.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import os
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

import pytest

from tests.checks import docx_text, need, pdf_text

DICTIONARY = "nl_NL"
K = TypeVar("K")
WORD_LIST = Path(__file__).with_name("woordenlijst.txt")

# --- the sample documents ------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
with (ROOT / "data" / "bibliotheken.csv").open(encoding="utf-8", newline="") as _table:
    SAMPLE_LIBRARIES = list(dict.fromkeys(row["id"] for row in csv.DictReader(_table)))  # a row per year
SAMPLE_DOCUMENTS = [f"handreiking-{i}" for i in SAMPLE_LIBRARIES] + ["landelijk-beeld"]
_SAMPLE_FOLDERS: list[tempfile.TemporaryDirectory] = []  # kept for the run, removed when it ends


@functools.cache
def sample_folder() -> Path:
    """A temporary folder with every sample handreiking and the national overview, rendered once per test run."""
    from click.testing import CliRunner

    from robuust_docs.cli import main

    _SAMPLE_FOLDERS.append(tempfile.TemporaryDirectory(prefix="robuust-samples-"))
    out = Path(_SAMPLE_FOLDERS[-1].name)
    common = ["--data", str(ROOT / "data"), "--templates", str(ROOT / "templates"), "--out", str(out)]
    for command in (["generate", "--all", "--jobs", "2"], ["overview"]):
        result = CliRunner().invoke(main, [*command, *common])
        assert result.exit_code == 0, result.output
    return out


@functools.cache
def sample_texts() -> dict[tuple[str, str], str]:
    """The text of every sample handreiking and the national overview, as (document, 'docx' | 'pdf') → text.
    Word text via python-docx, PDF text via pdftotext."""
    out = sample_folder()
    texts = {}
    for document in SAMPLE_DOCUMENTS:
        texts[(document, "docx")] = docx_text(out / f"{document}.docx")
        texts[(document, "pdf")] = pdf_text(out / f"{document}.pdf")
    return texts


# --- spelling ------------------------------------------------------------------------------------------------------

_EDGE = "\"'‘’“”«»()[]{}.,;:!?…•●■▲◆★–—/|*+=<>≤≥±×·%€$§"
_ELISION = {"en", "of", "tot", "t/m"}  # 'avond- en weekenduren': the hyphen stands for a left-out part
_URL = re.compile(r"^(?:https?://|www\.)|^[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|be|net)(?:/\S*)?$", re.IGNORECASE)


def _strip(token: str) -> str:
    """Punctuation off both ends; an abbreviation keeps its final dot ('e.a.', 'o.a.'), an address does not."""
    word = token.strip(_EDGE)
    if "." in word and not _URL.search(word) and token.rstrip(_EDGE.replace(".", "")).endswith(word + "."):
        return word + "."
    return word


def _tokens(text: str) -> list[tuple[str, str]]:
    """(word, tail) for each word to check. `tail` is set for an elided first part ('huisvestings-' in
    'huisvestings- en servicekosten': tail 'servicekosten'), whose hyphen stands for a left-out ending, and is
    '.' for a word a dot followed, which may be an abbreviation ('bijv.', 'mln.') or a sentence's end."""
    tokens = text.replace("\u00ad", "-").split()
    raw = [_strip(t) for t in tokens]
    result = []
    for index, word in enumerate(raw):
        if not word or any(c.isdigit() for c in word):
            continue
        word = word.replace("(", "").replace(")", "")  # '(digi)Taalhuis' reads as 'digiTaalhuis'
        after = index + 1
        while after < len(raw) and raw[after].endswith("-"):  # 'lees-, informatie- en mediavaardigheden'
            after += 1
        if word.endswith("-") and len(word) > 1 and after < len(raw) and raw[after] in _ELISION:
            result.append((word, raw[after + 1] if after + 1 < len(raw) else ""))
        elif word.startswith("-") and len(word) > 1 and index and raw[index - 1] in _ELISION:
            result.append((word[1:], ""))  # 'taal- en -rekenles': the second part stands on its own
        elif word != "-":
            dotted = not word.endswith(".") and tokens[index].rstrip(_EDGE.replace(".", "")).endswith(word + ".")
            result.append((word, "." if dotted else ""))
    return result


def words(text: str) -> list[str]:
    """The words of `text` to spell-check, in order: split on white space, punctuation stripped at both ends,
    tokens with a digit left out. A hyphen at a word's end stays (a line-break hyphen is an error), except the
    Dutch elision hyphen before 'en', 'of' or 'tot' ('avond- of weekendopenstelling')."""
    return [word for word, _ in _tokens(text)]


def _completions(word: str, tail: str) -> set[str]:
    """What an elided first part may stand for: 'huisvestings-' + a trailing part of 'servicekosten'."""
    stem = word.rstrip("-")
    return {stem} | {stem + tail[k:].lower() for k in range(1, max(len(tail) - 2, 1))}


def hunspell_unknown(candidates: Iterable[str]) -> set[str]:
    """The candidates hunspell nl_NL does not accept, each checked on its own line (`-L` prints the lines with
    an unknown word; unlike pipe mode it computes no suggestions, which take seconds for a long word)."""
    candidates = sorted(set(candidates))
    if not candidates:
        return set()
    hunspell = need("hunspell")
    if not Path(f"/usr/share/hunspell/{DICTIONARY}.dic").is_file():
        message = f"the hunspell dictionary {DICTIONARY} is not installed (.ci/run installs hunspell-nl)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [hunspell, "-d", DICTIONARY, "-L"],
        input="".join(f"{w}\n" for w in candidates),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return set(result.stdout.splitlines()) & set(candidates)


def _brand_rest(word: str, brands: set[str]) -> str:
    """What follows a brand name at the start of a compound: 'BoekStartkoffertje' → 'koffertje' ('' if none)."""
    return next((word[len(b) :] for b in sorted(brands, key=len, reverse=True) if word.startswith(b)), "")


def _accepted(word: str, accepted: set[str]) -> bool:
    """Accepted as listed, or capitalised at the start of a sentence ('Servicepunt' for 'servicepunt')."""
    return word in accepted or (word[:1].isupper() and word[:1].lower() + word[1:] in accepted)


def _known_parts(word: str, unknown: set[str], accepted: set[str]) -> bool:
    """A hyphenated compound ('Wsob-functies', 'Súdwest-Kleaster') is known when each of its parts is."""
    parts = word.split("-")
    return len(parts) > 1 and all(p and (_accepted(p, accepted) or p not in unknown) for p in parts)


def unknown_words(text: str, accepted: Iterable[str] = ()) -> Counter[str]:
    """Each word of `text` that is neither accepted nor known to hunspell, with how often it occurs. A web
    address counts as unknown unless it is accepted (the content's sources name the real ones)."""
    return unknown_words_in({"": text}, accepted)[""]


def unknown_words_in(texts: Mapping[K, str], accepted: Iterable[str] = ()) -> dict[K, Counter[str]]:
    """`unknown_words` for many texts at once, with one hunspell run."""
    accepted = set(accepted)
    found = {key: [(w, t) for w, t in _tokens(text) if not _accepted(w, accepted)] for key, text in texts.items()}
    candidates = set()
    for word, tail in {pair for pairs in found.values() for pair in pairs}:
        if tail and tail != ".":
            candidates |= _completions(word, tail)
        else:
            candidates |= {word, *(p for p in word.split("-") if p), *([word + "."] if tail else [])}
    unknown = hunspell_unknown(candidates)
    brands = {a for a in accepted if len(a) > 3 and re.search(r"[a-zà-ÿ][A-Z]", a)}  # BoekStart, VoorleesExpress
    rests = {w: rest for w in unknown if len(rest := _brand_rest(w, brands)) > 2 and rest[0].islower()}
    unknown_rests = hunspell_unknown(rests.values())
    unknown -= {w for w, rest in rests.items() if rest not in unknown_rests}

    def is_unknown(word: str, tail: str) -> bool:
        if tail and tail != ".":
            return all(c in unknown and not _accepted(c, accepted) for c in _completions(word, tail))
        if _URL.search(word):
            return True
        known_abbreviation = tail == "." and word + "." not in unknown
        return word in unknown and not known_abbreviation and not _known_parts(word, unknown, accepted)

    return {key: Counter(w for w, tail in pairs if is_unknown(w, tail)) for key, pairs in found.items()}


def name_words(names: Iterable[str]) -> set[str]:
    """The words of names, accepted as they are: the whole word, and each part of a hyphenated one."""
    result = set()
    for name in names:
        for word in words(str(name)):
            result.add(word)
            result.update(p for p in word.split("-") if p)
    return result


def data_names(dataset, content) -> set[str]:
    """The words of every name in the data and the content, accepted without a dictionary: libraries, their
    POI and province, municipalities, branches, neighbourhoods, programmes, and from the sources (indicators,
    impact facts, cost assumptions) the capitalised words and web addresses: names of organisations, authors and
    publications."""
    names = [
        *dataset.libraries["naam"],
        *dataset.libraries["poi"].dropna(),
        *dataset.libraries["provincie"],
        *dataset.municipalities["naam"],
        *dataset.branches["naam"],
        *dataset.neighbourhoods["naam"],
        *(p.naam for p in content.programmes),
    ]
    sources = [i.bron for i in content.indicators] + [f.bron for f in content.impact] + [c.bron for c in content.costs]
    cited = [w for source in sources for w in words(source) if w[:1].isupper()]
    addresses = [w for text in _strings(content) for w in words(text) if _URL.search(w)]
    return name_words([*names, *cited, *addresses])


def _strings(value: object) -> list[str]:
    """Every text in a content record, its fields and its collections, at any depth."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in _strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _strings(v)]
    return []


def word_list(path: Path = WORD_LIST) -> set[str]:
    """The project word list: one word per line; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


# --- agreement -----------------------------------------------------------------------------------------------------

SINGULAR_VERBS = frozenset(
    """is heeft wil kan moet hoeft mag zal wordt blijft telt zet inzet vraagt maakt doet krijgt ligt geeft gaat
    komt staat kiest werkt biedt houdt draagt kent ziet betaalt ontvangt bedient valt hoort past scoort haalt
    voert uitvoert investeert subsidieert omvat beschikt deelt zoekt verwacht bespreekt bepaalt neemt""".split()
)
PREPOSITIONS = frozenset(
    """tussen van in voor met naar uit bij over op aan door zonder tot per om binnen buiten rond onder boven
    dan als zoals""".split()
)
SUBJECTS = frozenset("zij hij het de er dat die dit deze een haar ze u we wij men".split())
# Singular and plural of the nouns a handreiking counts; the generic endings below catch most others.
NOUNS = {
    "bouwsteen": "bouwstenen",
    "gemeente": "gemeenten",
    "vestiging": "vestigingen",
    "indicator": "indicatoren",
    "bibliotheek": "bibliotheken",
    "locatie": "locaties",
    "inwoner": "inwoners",
    "aandachtspunt": "aandachtspunten",
    "praktijk": "praktijken",
    "praktijkvoorbeeld": "praktijkvoorbeelden",
    "programma": "programma's",
    "thema": "thema's",
    "servicepunt": "servicepunten",
    "afhaalpunt": "afhaalpunten",
    "buurt": "buurten",
    "kern": "kernen",
    "school": "scholen",
    "medewerker": "medewerkers",
    "vrijwilliger": "vrijwilligers",
    "lid": "leden",
    "activiteit": "activiteiten",
    "norm": "normen",
    "categorie": "categorieën",
    "bezoek": "bezoeken",
    "uitlening": "uitleningen",
    "organisatie": "organisaties",
    "functie": "functies",
    "vraag": "vragen",
}
PLURALS = frozenset(NOUNS.values())
SINGULARS = frozenset(NOUNS)
_WORD_NUMBERS = (
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien "
    "achttien negentien twintig"
).split()
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"  # '2026 school' is a date followed by a word, not a count
_MORE = (
    rf"(?:(?<![\d.,])(?<!= )(?!{_YEAR})(?:[2-9]|[1-9]\d+|\d{{1,3}}(?:\.\d{{3}})+)(?![\d,]|\.\d)|\b(?:"
    + "|".join(_WORD_NUMBERS)
    + r"))"
)
_ONE = r"(?:(?<![\d.,])1(?![\d,]|\.\d)|\béén)"
_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]*"
_NAME = rf"(?:{_NAME_WORD}(?:\s(?:aan|de|den|der|op|bij|{_NAME_WORD}))*|⟨\d+⟩)"
_PLACEHOLDER = "⟨{}⟩"


@functools.lru_cache(maxsize=4)
def _name_pattern(names: frozenset[str]) -> tuple[re.Pattern | None, list[str]]:
    known = sorted((n for n in names if n and " " in n), key=len, reverse=True)  # longest first
    if not known:
        return None, known
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, known)) + r")(?!\w)"), known


def _mask_names(text: str, names: Iterable[str]) -> tuple[str, list[str]]:
    """Replace each known name of more than one word by a placeholder, so 'Aa en Veen' counts as one name."""
    pattern, known = _name_pattern(frozenset(names))
    if pattern is None:
        return text, known
    index = {name: i for i, name in enumerate(known)}
    return pattern.sub(lambda m: _PLACEHOLDER.format(index[m.group(0)]), text), known


def _inverted(text: str, match: re.Match) -> bool:
    """Whether the count is not the subject: it stands in a phrase with a preposition ('Met 68.781 inwoners is
    zij …') or the verb has its own subject right after it ('3 vestigingen heeft de bibliotheek')."""
    before = text[: match.start()].split()[-1:]
    after = (match.group(3) or "").strip(".,;:")
    return bool(before and before[0].lower() in PREPOSITIONS) or after.lower() in SUBJECTS or after[:1].isupper()


def _unmask(excerpt: str, known: list[str]) -> str:
    return re.sub(r"⟨(\d+)⟩", lambda m: known[int(m.group(1))], excerpt)


def agreement_errors(text: str, names: Iterable[str] = ()) -> list[str]:
    """Every agreement problem in `text`, each as 'kind: excerpt'. `names` are the names from the data; a
    name with 'en' in it is one subject. Line breaks count as spaces (a sentence may wrap)."""
    # A line of numbers only is a chart axis ('0 5 10 15', pdftotext -raw) or a table cell, never a subject.
    tick = r"(?:€[ \t]?)?[−-]?[\d.,]+(?:%|[ \t]km)?"
    text = re.sub(rf"(?m)^[ \t]*{tick}(?:[ \t]+{tick})*[ \t]*$", " ¶ ", text)
    flat = re.sub(r"\s+", " ", text)
    masked, known = _mask_names(flat, names)
    errors = []

    def report(kind: str, match: re.Match) -> None:
        errors.append(f"{kind}: {_unmask(match.group(0).strip(), known)}")

    plural_subject = rf"(?<![\w⟩])({_NAME}(?:,\s{_NAME})*,?\sen\s{_NAME})\s(\w+)\b"
    for match in re.finditer(plural_subject, masked):
        # 'tussen X en Y', 'In X en Y', 'in de gemeenten X en Y heeft Bibliotheek Z': no subject
        before = re.split(r"[.,;:!?()]", masked[: match.start()])[-1].split()[-3:] + match.group(1).split()[:1]
        if match.group(2) in SINGULAR_VERBS and not any(w.lower() in PREPOSITIONS for w in before):
            report("meervoudig onderwerp, enkelvoudig werkwoord", match)
    for match in re.finditer(rf"{_ONE}\s(\w+'?s?)\b", masked):
        if match.group(1) in PLURALS:
            report("één met een meervoud", match)
    for match in re.finditer(rf"{_MORE}\s(\w+)\b", masked):
        if match.group(1) in SINGULARS:
            report("meer dan één met een enkelvoud", match)
    for match in re.finditer(rf"\bzijn er {_ONE}\b(?!\s(?:van|op)\b)", masked):
        report("'zijn er' bij één", match)
    for match in re.finditer(rf"\bis er {_MORE}(?!\s(?:van|op)\b)", masked):
        report("'is er' bij meer dan één", match)
    for match in re.finditer(rf"{_ONE}\s(\w+)\s(zijn|hebben)\b(?:\s(\S+))?", masked):
        if match.group(1) in SINGULARS and not _inverted(masked, match):
            report("één met een meervoudig werkwoord", match)
    for match in re.finditer(rf"{_MORE}\s(\w+'?s?)\s(is|heeft)\b(?:\s(\S+))?", masked):
        if match.group(1) in PLURALS and not _inverted(masked, match):
            report("meer dan één met een enkelvoudig werkwoord", match)
    for match in re.finditer(rf"(?<![\w⟩]){_NAME}(?:\s?;\s{_NAME})+(?=[\s.,;:)]|$)", masked):
        if ";" in match.group(0):
            report("namen met puntkomma's aaneengeregen", match)
    return errors
