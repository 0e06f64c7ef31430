"""The language checks of tests/language.py on small texts: what they flag, and what they leave alone."""

from __future__ import annotations

import pytest

from tests.language import agreement_errors, name_words, unknown_words, word_list, words

NAMES = ["Aa en Veen", "Drieburg en Oostmoer", "Veenhoven", "Noardburren", "Feankamp"]

# --- agreement: what is an error -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("omdat Noardburren en Feankamp inzet op ‘kunst en cultuur’", "meervoudig onderwerp"),
        ("Heidelân, Wâldsicht, Feankamp en Sânwâld inzet op ‘kunst en cultuur’", "meervoudig onderwerp"),
        ("Veenhoven en Aa en Veen heeft een servicepunt.", "meervoudig onderwerp"),
        ("Daarom heeft de bibliotheek, omdat de gemeenten Noardburren en Feankamp inzet op", "meervoudig onderwerp"),
        ("Aa en Veen, en Drieburg en Oostmoer heeft geen vestiging.", "meervoudig onderwerp"),
        ("Van de 5 bouwstenen zijn er 3 robuust en 2 aandachtspunt.", "meer dan één met een enkelvoud"),
        ("Van de 5 bouwstenen zijn er 1 aandachtspunt en 4 kwetsbaar.", "'zijn er' bij één"),
        ("Het gaat om 1 bouwstenen.", "één met een meervoud"),
        ("Het gaat om één gemeenten.", "één met een meervoud"),
        ("Er is er drie vestiging.", "meer dan één met een enkelvoud"),
        ("In de regio is er 3 servicepunten.", "'is er' bij meer dan één"),
        ("Daarvan 1 bouwsteen zijn robuust.", "één met een meervoudig werkwoord"),
        ("Daarvan 3 bouwstenen is robuust.", "meer dan één met een enkelvoudig werkwoord"),
        ("Bereik en gebruik: 0 van 1 indicatoren met gegevens robuust", "één met een meervoud"),
        ("Zonder volwaardige vestiging: Veenhoven; Aa en Veen; Drieburg en Oostmoer.", "puntkomma"),
        ("De gemeenten Noardburren; Feankamp doen mee.", "puntkomma"),
    ],
)
def test_agreement_errors_are_found(text, kind):
    errors = agreement_errors(text, NAMES)
    assert any(e.startswith(kind) or kind in e for e in errors), errors


def test_an_error_shows_the_names_as_written():
    (error,) = agreement_errors("want Veenhoven en Aa en Veen heeft een servicepunt", NAMES)
    assert "Veenhoven en Aa en Veen heeft" in error


def test_a_sentence_broken_over_two_lines_is_still_read():
    assert agreement_errors("omdat Noardburren en\nFeankamp inzet op", NAMES)


# --- agreement: what is fine ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Aa en Veen heeft een servicepunt.",
        "omdat Drieburg en Oostmoer inzet op ‘kunst en cultuur’",
        "omdat Noardburren en Feankamp inzetten op ‘kunst en cultuur’",
        "Noardburren en Feankamp zetten in op kunst.",
        "De afstand tussen Noardburren en Feankamp is 3 km.",
        "In Noardburren en Feankamp is de bibliotheek klein.",
        "Van de vijf bouwstenen zijn er drie robuust en is er één kwetsbaar.",
        "Er is 1 aandachtspunt en er zijn 3 bouwstenen robuust.",
        "1 bouwsteen is robuust; 3 bouwstenen zijn kwetsbaar.",
        "Landelijk is ongeveer 1 op de 5 inwoners lid.",
        "zes op de 10 vragen, 2,5 gemeenten, 1,5 bouwsteen per jaar",
        "Bibliotheek Veenhoven heeft 1 vestiging en 2 servicepunten.",
        "Personeel ● Robuust 2 van 3 indicatoren met gegevens robuust",
        "Pagina 3 van 31",
        "Veenhoven, Aa en Veen, en Drieburg en Oostmoer",
        "ALIA (2013); Libraries Work! (Victoria, 2018)",
        "CBS, Bibliotheken; kerncijfers (StatLine 82469NED); VOB",
        "De bibliotheek groeit; Veenhoven ook.",
        "Met een werkgebied van 68.781 inwoners is zij groot genoeg.",
        "Drie vestigingen heeft de bibliotheek al, 3 servicepunten heeft Veenhoven.",
        "Met 1 vestiging zijn de afstanden groot.",
        "Compacte bibliotheek · Gelderland · 2 december 2026\nschool",
        "In 2025 bibliotheken en in 1999 gemeente",
        "Compacte bibliotheek n = 12 norm mediaan 1,8",
        "Met 742.996 inwoners in de gemeenten Markstad en Aa-en-Donk heeft Bibliotheek Markstad de schaal.",
    ],
)
def test_correct_dutch_is_not_flagged(text):
    assert agreement_errors(text, NAMES) == []


def test_without_the_names_a_name_with_en_looks_like_two():
    text = "Drieburg en Oostmoer heeft een servicepunt."
    assert agreement_errors(text) != []
    assert agreement_errors(text, NAMES) == []


# --- spelling ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De bibliotheek, in 2025: € 1.234,56 (12,5%).", ["De", "bibliotheek", "in"]),
        ("‘participatie’ en “cultuur”…", ["participatie", "en", "cultuur"]),
        ("Locaties met avond- of weekendopenstelling", ["Locaties", "met", "avond-", "of", "weekendopenstelling"]),
        ("Kwetsbaa\nr", ["Kwetsbaa", "r"]),
        ("huisvestings-\nkosten", ["huisvestings-", "kosten"]),
        ("zie bibliotheeknetwerk.nl. Of e.a. en o.a.", ["zie", "bibliotheeknetwerk.nl", "Of", "e.a.", "en", "o.a."]),
        ("Een (digi)Taalhuis", ["Een", "digiTaalhuis"]),
        ("82469NED en 65-plussers", ["en"]),
    ],
    ids=[
        "numbers-and-money",
        "quotes",
        "elision",
        "broken-word",
        "line-hyphen",
        "addresses-abbreviations",
        "parens",
        "codes",
    ],
)
def test_words_are_split_as_a_reader_would_and_never_glued_back(text, expected):
    assert words(text) == expected


def test_name_words_keep_names_and_their_parts():
    assert name_words(["Bibliotheek Súdwest-Kleaster", "Aa en Veen"]) >= {
        "Bibliotheek",
        "Súdwest-Kleaster",
        "Súdwest",
        "Kleaster",
        "Aa",
        "Veen",
    }


def test_the_word_list_is_short_and_commented():
    lines = [line for line in (word_list.__defaults__[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    entries = [line for line in lines if not line.startswith("#")]
    assert lines[0].startswith("#"), "the word list starts with the comment that explains its rule"
    assert all(" " not in e and e == e.strip() for e in entries), "one word per line"
    assert len(entries) == len(set(entries)) <= 40
    assert word_list() == set(entries)


@pytest.mark.usefixtures("hunspell")
class TestHunspell:
    def test_correct_dutch_has_no_unknown_words(self):
        text = "De bibliotheek bereikt inwoners in elke gemeente; zij werkt samen met scholen en het wijkteam."
        assert unknown_words(text) == {}

    def test_misspelt_and_broken_words_are_unknown_and_counted(self):
        text = "De bibliotheek is Kwetsbaa\nr. Zij is kwetsbaar, kwetsbaa en bibliotheeek en bibliotheeek."
        assert unknown_words(text) == {"Kwetsbaa": 1, "kwetsbaa": 1, "bibliotheeek": 2}

    def test_a_line_break_hyphen_is_unknown_but_an_elision_hyphen_is_not(self):
        assert unknown_words("de huisvestings-\nkosten") == {"huisvestings-": 1}
        assert unknown_words("huisvestings- en servicekosten, avond- of weekenduren") == {}

    def test_names_and_listed_words_are_accepted_and_a_capital_at_the_start_is_allowed(self):
        text = "Drieburg en Noardburren. Makerspace en makerspace."
        assert set(unknown_words(text)) == {"Drieburg", "Noardburren", "Makerspace", "makerspace"}
        assert unknown_words(text, {"Drieburg", "Noardburren", "makerspace"}) == {}

    def test_a_lower_case_name_is_not_the_name(self):
        assert unknown_words("noardburren", {"Noardburren"}) == {"noardburren": 1}

    def test_hyphenated_compounds_are_known_when_their_parts_are(self):
        assert unknown_words("Wsob-functies en Súdwest-Kleaster", {"Wsob", "Súdwest", "Kleaster"}) == {}

    def test_a_brand_name_may_start_a_compound(self):
        assert unknown_words("een BoekStartkoffertje", {"BoekStart"}) == {}
        assert unknown_words("een BoekStartkofertje", {"BoekStart"}) == {"BoekStartkofertje": 1}

    def test_an_abbreviation_keeps_its_dot(self):
        assert unknown_words("€ 77,8 mln. van de begroting, bijv. hier.") == {}
        assert unknown_words("€ 77,8 mln van de begroting") == {"mln": 1}

    def test_a_web_address_is_unknown_unless_accepted(self):
        assert unknown_words("zie k.nl en werk.nl", {"werk.nl"}) == {"k.nl": 1}

    def test_every_word_of_the_list_is_one_hunspell_does_not_know(self):
        listed = word_list()
        assert unknown_words(" ".join(sorted(listed))) == dict.fromkeys(listed, 1)


@pytest.fixture
def hunspell():
    from tests.checks import need

    need("hunspell")


def test_a_number_alone_on_a_line_is_a_chart_tick_not_a_subject():
    assert agreement_errors("Deelnemers\n\n15\n\nnorm 45,0% tot 65,0%\n") == []
    assert agreement_errors("hoger is beter\n0 5 10 15\nnorm ≥ 13,0\n") == []
    assert agreement_errors("hoger is beter\n€ 0 € 10 € 20 € 30 € 40\nnorm ≥ € 29,00\n") == []
    assert agreement_errors("Er zijn 15 norm gehaald.") != []  # the same words in a sentence are still read
