"""Small Dutch phrases the report's sentences are composed from: counts in words that agree with their noun and
verb ("drie van de vijf indicatoren halen de norm"), names with a verb that agrees ("X en Y zijn kwetsbaar"), and
a capital at the start of a sentence."""

from __future__ import annotations

from robuust_docs import fmt

WORDS = (
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


def capitalised(text: str) -> str:
    """The text with a capital first letter ('één' becomes 'Eén', as Dutch spells it at the start)."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


def in_words(n: int) -> str:
    """Numbers up to twenty in words, larger ones in figures."""
    return WORDS[n] if 0 <= n < len(WORDS) else fmt.number(n)


def count_of(part: int, whole: int, singular: str, plural: str, verb_singular: str, verb_plural: str) -> str:
    """'Drie van de vijf indicatoren halen de norm'; 'Alle vier …'; 'Geen van de vijf … haalt …'; 'De enige …'."""
    if whole == 1:
        return f"De enige {singular} {verb_singular}{'' if part else ' niet'}"
    if part == whole:
        return f"{'Beide' if whole == 2 else 'Alle ' + in_words(whole)} {plural} {verb_plural}"
    if part == 0:
        return f"Geen van de {in_words(whole)} {plural} {verb_singular}"
    verb = verb_singular if part == 1 else verb_plural
    return f"{capitalised(in_words(part))} van de {in_words(whole)} {plural} {verb}"


def lowercase_first(name: str) -> str:
    """An indicator's name inside a sentence: 'Leden als aandeel …' → 'leden als aandeel …'."""
    return name[:1].lower() + name[1:]
