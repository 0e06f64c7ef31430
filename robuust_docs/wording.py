"""Dutch wording: lists, agreement by count and by subject, small numbers in words, ordinals, capitals.

Every generated sentence that names things or counts them goes through here, so the documents read as if a
person wrote them: "Noardburren en Feankamp zetten in op …", "Aa en Veen zet in op …", "drie van de vijf
bouwstenen", "1 bouwsteen is", "3 bouwstenen zijn". Numbers, dates and list patterns come from babel through
`fmt`; this module adds the grammar. The same functions are offered to content texts as sandboxed Jinja filters
(`FILTERS`, registered in `content/fill.py`; documented in docs/inhoud.md).

House rules, with their sources:

- **Lists** use babel's Dutch patterns: "A, B en C", "A of B". A name that holds "en" itself ("Aa en Veen",
  "Drieburg en Oostmoer") would make the list ambiguous ("Aa en Veen en Drieburg en Oostmoer"); then a comma
  also goes before the final "en": "Veenhoven, Aa en Veen, en Drieburg en Oostmoer". The school rule "never a
  comma before en" is wrong: a comma before "en" is right where it prevents a misreading (Onze Taal,
  Taaladvies "Komma voor en", onzetaal.nl/taaladvies/komma-voor-en; Scribbr on the serial comma in Dutch: only
  in lists whose items hold a conjunction themselves). Only the list's own conjunction counts: "of" in an item
  of an "en" list misleads no one ("de cursus DigiVitaler en een Taalhuis of digiTaalhuis"). And where every
  item ends in a parenthesis ("Kunst en cultuur (Moerplaat) en Gezondheid (Hoek)"), the parentheses show where
  each item ends, so no comma there either. Never semicolons between names in running text.
- **Numbers in running text**: whole numbers up to and including twenty in words ("drie", "twaalf"), larger
  ones in digits ("25", "1.234"); where one phrase holds a number above twenty, all its numbers are digits
  ("3 van de 25 bibliotheken", not "drie van de 25"). Amounts, percentages, distances and dates are always
  digits (`fmt`). This is the common Dutch house style (Schrijfwijzer; Taaladvies "Getallen in letters of
  cijfers"; e.g. nederlandstaalbureau.nl/getallen-in-woorden).
- **Agreement**: a list of one name is singular even when the name holds "en"; the functions therefore take
  the list of names, never a joined string. "Eén" and "geen enkele" take the singular, every other count the
  plural (babel's CLDR plural rule for Dutch). "Geen van de vijf …" and "één van de vijf …" take the singular.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

from robuust_docs import fmt

WORDS_UP_TO = 20
"""Whole numbers up to and including this one are written in words in running text."""

_CARDINALS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
)
_ORDINALS = (
    "nulde",
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
)
_DUTCH_INTEGER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")

# --- lists ---------------------------------------------------------------------------------------------------------


def join(items: Sequence[str]) -> str:
    """['Veenhoven', 'Feankamp', 'Sânwâld'] → 'Veenhoven, Feankamp en Sânwâld'.

    With a name that holds 'en' itself: ['Veenhoven', 'Aa en Veen'] → 'Veenhoven, en Aa en Veen' (the comma
    shows where each name ends; see the module docstring). Empty items are left out.
    """
    return fmt.join(_names(items), "en")


def join_or(items: Sequence[str]) -> str:
    """['Taalhuis', 'IDO'] → 'Taalhuis of IDO'; three or more: 'A, B of C'."""
    return fmt.join(_names(items), "of")


def named(names: Sequence[str], singular: str, plural: str) -> str:
    """The noun that fits the number of names, then the names: named(['Personeel'], 'de bouwsteen', 'de
    bouwstenen') → 'de bouwsteen Personeel'; with two names → 'de bouwstenen Personeel en Financiën'."""
    names = _names(names)
    if not names:
        raise ValueError("named() needs at least one name")
    return f"{singular if len(names) == 1 else plural} {join(names)}"


# --- numbers -------------------------------------------------------------------------------------------------------


def in_words(n: int) -> str:
    """3 → 'drie', 1 → 'één', 20 → 'twintig', 21 → '21', 1234 → '1.234' (digits above twenty, via fmt)."""
    n = _integer(n)
    return _CARDINALS[n] if 0 <= n <= WORDS_UP_TO else fmt.number(n)


def ordinal(n: int) -> str:
    """1 → 'eerste', 3 → 'derde', 20 → 'twintigste', 21 → '21e' (digits with -e above twenty)."""
    n = _integer(n)
    return _ORDINALS[n] if 0 <= n <= WORDS_UP_TO else f"{fmt.number(n)}e"


def count(
    n: int,
    singular: str,
    plural: str,
    *,
    words: bool = False,
    verb: tuple[str, str] | None = None,
    neuter: bool = False,
) -> str:
    """The count with the noun in the right number, and optionally the verb that agrees with it.

    count(3, 'bouwsteen', 'bouwstenen') → '3 bouwstenen'; count(1, …) → '1 bouwsteen'; count(0, …) → '0
    bouwstenen'. With words=True (running text): 'drie bouwstenen', 'één bouwsteen', 'geen enkele bouwsteen',
    and digits above twenty ('25 bouwstenen'); neuter=True for a het-word: 'geen enkel aandachtspunt'.
    verb=('is', 'zijn') adds the agreeing verb: '3 bouwstenen zijn', '1 bouwsteen is', 'geen enkele bouwsteen is'.
    """
    n = _integer(n)
    if words and n == 0:
        phrase, one = f"{_no_single(neuter)} {singular}", True
    else:
        one = fmt.plural_form(n) == "one"
        number = in_words(n) if words else fmt.number(n)
        phrase = f"{number} {singular if one else plural}"
    return _with_verb(phrase, one, verb)


def of_total(
    part: int,
    total: int,
    singular: str,
    plural: str,
    *,
    verb: tuple[str, str] | None = None,
    neuter: bool = False,
) -> str:
    """A part of a whole in running text, with the verb that agrees if asked.

    of_total(3, 5, 'bouwsteen', 'bouwstenen') → 'drie van de vijf bouwstenen'; (5, 5) → 'alle vijf
    bouwstenen'; (2, 2) → 'beide bouwstenen'; (1, 5) → 'één van de vijf bouwstenen'; (0, 5) → 'geen van de vijf
    bouwstenen'; (1, 1) → 'de enige bouwsteen'; (0, 1) → 'geen enkele bouwsteen'; (3, 25) → '3 van de 25
    bouwstenen' (a number above twenty makes the whole phrase digits). neuter=True for a het-word: 'het enige
    aandachtspunt', 'geen enkel aandachtspunt'. verb=('is', 'zijn'): 'drie van de vijf bouwstenen zijn', 'één
    van de vijf bouwstenen is', 'geen van de vijf bouwstenen is'.
    """
    part, total = _integer(part), _integer(total)
    if not 0 <= part <= total:
        raise ValueError(f"of_total() needs 0 ≤ part ≤ total, got {part} of {total}")
    words = total <= WORDS_UP_TO

    def num(n: int) -> str:
        return in_words(n) if words else fmt.number(n)

    if total <= 1:
        only = "het enige" if neuter else "de enige"
        phrase, one = (f"{only} {singular}" if part else f"{_no_single(neuter)} {singular}"), True
    elif part == 0:
        phrase, one = f"geen van de {num(total)} {plural}", True
    elif part == total:
        phrase, one = (f"beide {plural}" if total == 2 else f"alle {num(total)} {plural}"), False
    else:
        phrase, one = f"{num(part)} van de {num(total)} {plural}", part == 1
    return _with_verb(phrase, one, verb)


# --- agreement -----------------------------------------------------------------------------------------------------


def agree(subject: Sequence[str] | int, singular: str, plural: str) -> str:
    """The form that agrees with a subject: a list of names (one name is singular, even 'Aa en Veen'; two or
    more plural) or a count (1 singular, anything else plural). agree(['Aa en Veen'], 'zet', 'zetten') →
    'zet'; agree(['Noardburren', 'Feankamp'], 'zet', 'zetten') → 'zetten'; agree(3, 'is', 'zijn') → 'zijn'.
    Works for nouns too: agree(names, 'gemeente', 'gemeenten')."""
    return singular if _is_singular(subject) else plural


def verb(subject: Sequence[str], singular: str, plural: str) -> str:
    """The names as a subject, with the verb that agrees: verb(['Noardburren', 'Feankamp'], 'zet in op',
    'zetten in op') → 'Noardburren en Feankamp zetten in op'; verb(['Aa en Veen'], …) → 'Aa en Veen zet in op'.
    """
    names = _names(subject)
    if not names:
        raise ValueError("verb() needs at least one name as its subject")
    return f"{join(names)} {agree(names, singular, plural)}"


# --- sentences -----------------------------------------------------------------------------------------------------


def in_sentence(name: str) -> str:
    """A name inside a sentence, its first letter small: 'Leden als aandeel …' → 'leden als aandeel …'; a name
    whose second letter is not small ('CBS-afstand', 'E-boeken') stays as it is."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def capitalise(text: str) -> str:
    """The first letter of a sentence as a capital, the rest untouched: 'de Bibliotheek op school …' → 'De
    Bibliotheek op school …'; '‘participatie’' → '‘Participatie’'; 'ijsselstein' → 'IJsselstein'; "'s avonds"
    → "'s Avonds" (the capital goes to the word after 's, 't, 'n); 'één' → 'Eén'; a leading digit stays."""
    match = re.match(r"\s*['’](?:s|t|n)\s+", text) or re.match(r"[\s\"'‘’“”(\[«»]*", text)
    start = match.end()
    if start >= len(text) or not text[start].isalpha():
        return text
    if text[start : start + 2] in ("ij", "Ij"):
        return text[:start] + "IJ" + text[start + 2 :]
    if text[start : start + 2] == "éé":  # the accent goes off the capital: 'Eén' (Taaladvies)
        return text[:start] + "Eé" + text[start + 2 :]
    return text[:start] + text[start].upper() + text[start + 1 :]


def date(value: _dt.date) -> str:
    """25 november 2026 (babel, through fmt)."""
    return fmt.date(value)


# --- helpers -------------------------------------------------------------------------------------------------------


def _names(items: Sequence[str]) -> list[str]:
    if isinstance(items, str):
        raise TypeError("give the list of names, not a joined string: one name with 'en' must stay one name")
    return [str(i) for i in items if i]


def _is_singular(subject: Sequence[str] | int) -> bool:
    if isinstance(subject, bool):
        raise TypeError("a subject is a list of names or a count, not a truth value")
    if isinstance(subject, int | float):
        return fmt.plural_form(_integer(subject)) == "one"
    names = _names(subject)
    if not names:
        raise ValueError("a subject needs at least one name")
    return len(names) == 1


def _no_single(neuter: bool) -> str:
    return "geen enkel" if neuter else "geen enkele"


def _with_verb(phrase: str, one: bool, verb_forms: tuple[str, str] | None) -> str:
    if verb_forms is None:
        return phrase
    singular, plural = verb_forms
    return f"{phrase} {singular if one else plural}"


def _integer(n: int | float) -> int:
    if isinstance(n, bool) or not isinstance(n, int | float) or n != int(n):
        raise ValueError(f"expected a whole number, got {n!r}")
    return int(n)


# --- Jinja filters for content texts -------------------------------------------------------------------------------


class FilterError(ValueError):
    """A filter in a content text got something it cannot use; the message is Dutch."""


USAGE = {
    "lijst": "namen | lijst",
    "of_lijst": "namen | of_lijst",
    "aantal": "aantal | aantal('gemeente', 'gemeenten')",
    "in_woorden": "aantal | in_woorden",
    "rangtelwoord": "aantal | rangtelwoord",
    "van_de": "deel | van_de(totaal, 'bouwsteen', 'bouwstenen')",
    "werkwoord": "namen of aantal | werkwoord('zet', 'zetten')",
    "met_namen": "namen | met_namen('de gemeente', 'de gemeenten')",
    "hoofdletter": "tekst | hoofdletter",
}
"""How each filter is written, for the error message when it is used wrongly."""


def _check(name: str, args: tuple, count: int, kwargs: dict, allowed: tuple[str, ...] = ()) -> None:
    if len(args) != count or set(kwargs) - set(allowed):
        raise FilterError(f"filter {name} verkeerd gebruikt; schrijf {{{{ {USAGE[name]} }}}}")


def _count_of(value: object, name: str) -> int:
    """A count from the context: an int, a float without a fraction (the facts of a finding are floats: 2.0), or a
    formatted whole number like '3' or '1.234'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DUTCH_INTEGER.fullmatch(value.strip()):
        return int(value.strip().replace(".", ""))
    raise FilterError(f"filter {name}: verwacht een aantal (een geheel getal), gevonden {_shown(value)}")


def _name_list(value: object, name: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise FilterError(f"filter {name}: verwacht een lijst met namen, gevonden {_shown(value)}")
    return list(value)


def _words(args: tuple, name: str) -> tuple[str, ...]:
    if not all(isinstance(a, str) for a in args):
        raise FilterError(f"filter {name}: zet de woorden tussen aanhalingstekens; schrijf {{{{ {USAGE[name]} }}}}")
    return args


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"de tekst '{value[:40]}'"
    if isinstance(value, list | tuple):
        return "een lijst met iets anders dan namen"
    return f"een {'getal' if isinstance(value, int | float) else 'waarde'} ({str(value)[:40]})"


def _filter_lijst(value: object, *args, **kwargs) -> str:
    _check("lijst", args, 0, kwargs)
    return join(_name_list(value, "lijst"))


def _filter_of_lijst(value: object, *args, **kwargs) -> str:
    _check("of_lijst", args, 0, kwargs)
    return join_or(_name_list(value, "of_lijst"))


def _filter_aantal(value: object, *args, **kwargs) -> str:
    _check("aantal", args, 2, kwargs, allowed=("cijfers", "het"))
    singular, plural = _words(args, "aantal")
    n = _count_of(value, "aantal")
    return count(n, singular, plural, words=not kwargs.get("cijfers"), neuter=bool(kwargs.get("het")))


def _filter_in_woorden(value: object, *args, **kwargs) -> str:
    _check("in_woorden", args, 0, kwargs)
    return in_words(_count_of(value, "in_woorden"))


def _filter_rangtelwoord(value: object, *args, **kwargs) -> str:
    _check("rangtelwoord", args, 0, kwargs)
    return ordinal(_count_of(value, "rangtelwoord"))


def _filter_van_de(value: object, *args, **kwargs) -> str:
    _check("van_de", args, 3, kwargs, allowed=("het",))
    total, *rest = args
    singular, plural = _words(tuple(rest), "van_de")
    part, total = _count_of(value, "van_de"), _count_of(total, "van_de")
    if part > total:
        raise FilterError(f"filter van_de: {part} is meer dan het totaal {total}")
    return of_total(part, total, singular, plural, neuter=bool(kwargs.get("het")))


def _filter_werkwoord(value: object, *args, **kwargs) -> str:
    _check("werkwoord", args, 2, kwargs)
    singular, plural = _words(args, "werkwoord")
    subject = _name_list(value, "werkwoord") if isinstance(value, list | tuple) else _count_of(value, "werkwoord")
    if isinstance(subject, list) and not [n for n in subject if n]:
        raise FilterError("filter werkwoord: de lijst met namen is leeg")
    return agree(subject, singular, plural)


def _filter_met_namen(value: object, *args, **kwargs) -> str:
    _check("met_namen", args, 2, kwargs)
    singular, plural = _words(args, "met_namen")
    names = _name_list(value, "met_namen")
    if not [n for n in names if n]:
        raise FilterError("filter met_namen: de lijst met namen is leeg")
    return named(names, singular, plural)


def _filter_hoofdletter(value: object, *args, **kwargs) -> str:
    _check("hoofdletter", args, 0, kwargs)
    if not isinstance(value, str):
        raise FilterError(f"filter hoofdletter: verwacht een tekst, gevonden {_shown(value)}")
    return capitalise(value)


FILTERS = {
    "lijst": _filter_lijst,
    "of_lijst": _filter_of_lijst,
    "aantal": _filter_aantal,
    "in_woorden": _filter_in_woorden,
    "rangtelwoord": _filter_rangtelwoord,
    "van_de": _filter_van_de,
    "werkwoord": _filter_werkwoord,
    "met_namen": _filter_met_namen,
    "hoofdletter": _filter_hoofdletter,
}
"""Jinja filters with Dutch names for content texts. Each takes plain values (text, whole numbers, lists of
names), returns text and raises FilterError (a ValueError, which fill() reports as a TextError) for anything
else, with a Dutch message that shows how to write it; none touches an attribute of its arguments, so they are
safe in the sandbox."""
