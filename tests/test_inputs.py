"""Every kind of input users pass gives one row per document, in order."""

from __future__ import annotations

import math

import newsdesk
import pandas as pd
import polars as pl
import pytest

DOCS = [
    "Storm hits coast\n\nA storm hit the coast on Monday, officials said.",
    "<html><head><title>Juros sobem | Jornal</title></head><body><p>O Banco Central subiu os juros nesta quarta-feira.</p></body></html>",
    None,
]


def test_single_string_gives_one_row():
    df = newsdesk.articles(DOCS[0])
    assert df.height == 1
    assert df["title"][0] == "Storm hits coast"


def test_list_of_strings_bytes_and_none_keeps_order():
    df = newsdesk.articles([DOCS[0], DOCS[1].encode("utf-8"), None, ""])
    assert df.height == 4
    assert df["doc_id"].to_list() == [0, 1, 2, 3]
    assert df["text"][0].startswith("A storm hit")
    assert "Banco Central" in df["text"][1]
    assert df["error"][2] is not None and df["error"][3] is not None


def test_html_rows_are_recognised_and_titled():
    row = newsdesk.articles([DOCS[1]]).row(0, named=True)
    assert row["title"] == "Juros sobem"
    assert row["language"] == "pt"


def test_scraper_dicts_with_usual_keys():
    items = [
        {"url": "https://www.example.co.uk/news/1", "title": "Storm hits coast", "text": DOCS[0], "date": "05/04/2021"},
        {"link": "https://noticias.example.com.br/a", "html": DOCS[1]},
    ]
    df = newsdesk.articles(items)
    assert df["url"].to_list() == ["https://www.example.co.uk/news/1", "https://noticias.example.com.br/a"]
    assert df["domain"].to_list() == ["example.co.uk", "noticias.example.com.br"]
    # the scraper's date, read day-first because the domain is British
    assert str(df["published"][0]) == "2021-04-05 00:00:00"
    assert df["date_ambiguous"][0] is False


def test_polars_series_and_dataframe():
    s = pl.Series("body", DOCS)
    assert newsdesk.articles(s).height == 3
    df = pl.DataFrame({"body": DOCS, "link": ["u1", "u2", "u3"]})
    out = newsdesk.articles(df)
    assert out["url"].to_list() == ["u1", "u2", "u3"]
    out2 = newsdesk.articles(df.rename({"body": "stuff"}), column="stuff")
    assert out2.height == 3


def test_pandas_series_and_dataframe_with_nan():
    s = pd.Series([DOCS[0], math.nan, None])
    out = newsdesk.articles(s)
    assert out.height == 3
    assert out["error"][1] is not None
    df = pd.DataFrame({"content": DOCS, "url": ["a", None, "c"]})
    out = newsdesk.articles(df)
    assert out["url"].to_list() == ["a", None, "c"]
    assert isinstance(out.to_pandas(), pd.DataFrame)


def test_bad_arguments_name_the_argument():
    with pytest.raises(KeyError, match="column"):
        newsdesk.articles(pl.DataFrame({"body": ["x"]}), column="nope")
    with pytest.raises(ValueError, match="column"):
        newsdesk.articles(pl.DataFrame({"nothing_known": ["x"]}))
    with pytest.raises(TypeError, match="day_first"):
        newsdesk.articles(["x"], day_first="yes")
    with pytest.raises(ValueError, match="language"):
        newsdesk.articles(["x"], language="english!")
    with pytest.raises(TypeError, match="docs"):
        newsdesk.articles(42)


def test_schema_matches_documented_dtypes():
    df = newsdesk.articles(DOCS)
    assert dict(df.schema) == newsdesk.ARTICLES_SCHEMA
    empty = newsdesk.articles([])
    assert empty.height == 0 and dict(empty.schema) == newsdesk.ARTICLES_SCHEMA
