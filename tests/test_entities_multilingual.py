"""newsdesk.entities in Portuguese, Spanish, French and German: titles, calendar words, speakers,
the language of each article picking the reader, offsets in every language."""

from __future__ import annotations

import newsdesk
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

GERMAN = (
    "Bundeskanzler Olaf Scholz hat am Dienstag mit dem französischen Präsidenten Emmanuel Macron "
    "telefoniert. Am Freitag traf Frau Annalena Baerbock in Berlin Herrn Müller."
)
PORTUGUESE = (
    "O presidente Luiz Inácio Lula da Silva afirmou nesta terça-feira que o governo vai investir "
    "mais em saúde. Lula disse ainda que a medida é urgente."
)


def _names(df: pl.DataFrame) -> list[tuple[str, str]]:
    return [(t, lab) for t, lab in df.select("text", "label").iter_rows() if lab in ("PERSON", "ORG", "GPE", "LOC", "NORP")]


def test_german_titles_stay_outside_person_spans_and_weekdays_are_not_names():
    df = newsdesk.entities([GERMAN], clean=False, language="de")
    names = _names(df)
    assert ("Olaf Scholz", "PERSON") in names
    assert ("Emmanuel Macron", "PERSON") in names
    assert not any(w in t for t, _ in names for w in ("Bundeskanzler", "Präsidenten", "Frau", "Herrn", "Dienstag"))
    dates = df.filter(pl.col("label") == "DATE")["text"].to_list()
    assert "Dienstag" in dates and "Freitag" in dates


def test_the_articles_language_picks_the_reader():
    # the articles table detects German; entities read it as German without being told
    df = newsdesk.entities([GERMAN + "\n\nDie Regierung wollte sich dazu nicht äußern, hieß es in Berlin."])
    names = _names(df)
    assert ("Olaf Scholz", "PERSON") in names
    assert not any("Dienstag" in t for t, _ in names)


def test_portuguese_speaker_is_the_name_not_the_article_or_title():
    claims = newsdesk.claims([PORTUGUESE], clean=False)
    resolved = claims["speaker_resolved"].to_list()
    assert resolved[0] == "Luiz Inácio Lula da Silva"
    assert all(r not in ("O", "presidente", "O presidente") for r in resolved)
    ents = newsdesk.entities([PORTUGUESE], clean=False, language="pt")
    lula = ents.filter(pl.col("label") == "PERSON")
    assert set(lula["canonical"]) == {"Luiz Inácio Lula da Silva"}
    assert "Lula" in lula["text"].to_list()


def test_written_dates_in_portuguese_and_german():
    pt = newsdesk.entities(["A reunião foi em 3 de dezembro de 2024, em Brasília."], clean=False, language="pt")
    assert "3 de dezembro de 2024" in pt.filter(pl.col("label") == "DATE")["text"].to_list()
    es = newsdesk.entities(["El acuerdo se firmó el 12 de abril de 2023 en Madrid."], clean=False, language="es")
    assert "12 de abril de 2023" in es.filter(pl.col("label") == "DATE")["text"].to_list()


AMOUNTS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE", "TIME")


def test_amounts_written_out_in_german_and_french():
    text = (
        "Der Konzern meldete 2,5 Milliarden Euro Umsatz und eine Marge von 3,5 Prozent. "
        "Die Schweiz zahlte 500 Millionen Franken und eine Milliarde Euro für 20.000 Tonnen."
    )
    df = newsdesk.entities([text], clean=False, language="de")
    amounts = [(t, lab) for t, lab in df.select("text", "label").iter_rows() if lab in AMOUNTS]
    assert amounts == [
        ("2,5 Milliarden Euro", "MONEY"),
        ("3,5 Prozent", "PERCENT"),
        ("500 Millionen Franken", "MONEY"),
        ("eine Milliarde Euro", "MONEY"),
        ("20.000 Tonnen", "QUANTITY"),
    ]
    # read as English, the same words are no amounts of money
    en = newsdesk.entities([text], clean=False, language="en")
    assert not any(lab in ("MONEY", "PERCENT") for lab in en["label"].to_list())
    # a narrow no-break space groups digits: str offsets still slice the mention
    fr_text = "L’État a investi 4 milliards d’euros, soit 1\u202f200 euros par habitant."
    fr = newsdesk.entities([fr_text], clean=False, language="fr")
    money = fr.filter(pl.col("label") == "MONEY")
    assert money["text"].to_list() == ["4 milliards d’euros", "1\u202f200 euros"]
    for row in money.iter_rows(named=True):
        assert fr_text[row["start"] : row["end"]] == row["text"]


WORDS = {
    "pt": ["O", "presidente", "Lula", "afirmou", "São", "Paulo", "terça-feira", "3", "de", "dezembro", "R$", "bilhões", "."],
    "es": ["El", "ministro", "Pedro", "Sánchez", "dijo", "Madrid", "lunes", "mil", "millones", "€", "12", ",", "."],
    "fr": ["Le", "président", "Emmanuel", "Macron", "a", "déclaré", "Paris", "mardi", "3", "milliards", "d'euros", "«", "»"],
    "de": ["Bundeskanzler", "Olaf", "Scholz", "sagte", "am", "Dienstag", "3.", "Dezember", "Milliarden", "Euro", "„", "“"],
}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(WORDS)).flatmap(lambda lang: st.tuples(st.just(lang), st.lists(st.sampled_from(WORDS[lang] + ["\n\n", "é", "ß", "—"]), max_size=40))))
def test_offsets_slice_mentions_in_every_language(case):
    lang, words = case
    text = " ".join(words)
    df = newsdesk.entities([text], clean=False, language=lang)
    for row in df.iter_rows(named=True):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"] : row["end"]] == row["text"]
