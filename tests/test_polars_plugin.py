"""The polars expression plugin (crates/newsdesk-polars, built only when asked:
`pip install ./crates/newsdesk-polars`). Skipped when it is not installed."""

from __future__ import annotations

import polars as pl
import pytest

import newsdesk

newsdesk_polars = pytest.importorskip("newsdesk_polars")

HTML = "<html lang='en'><head><title>Storm hits coast | Daily</title></head><body><p>A storm hit the coast on Monday, officials said.</p><p>Share This Post</p></body></html>"
TEXT = "Juros sobem\n\n- Publicidade -\n\nO Banco Central subiu os juros nesta quarta-feira, informou a instituição."
DOCS = [HTML, None, TEXT, "", "SÃ£o Paulo teve chuva forte hoje, disse a Defesa Civil."]


def test_expressions_equal_the_articles_table_lazily_and_with_nulls():
    lf = pl.LazyFrame({"doc": DOCS})
    got = lf.select(
        pl.col("doc").news.text().alias("text"),
        pl.col("doc").news.title().alias("title"),
        pl.col("doc").news.language().alias("language"),
        pl.col("doc").news.clean_text().alias("clean"),
    ).collect()
    arts = newsdesk.articles(DOCS)
    present = [d is not None for d in DOCS]
    assert got["text"].to_list() == [t if p else None for t, p in zip(arts["text"].to_list(), present)]
    assert got["title"].to_list() == [t if p else None for t, p in zip(arts["title"].to_list(), present)]
    assert got["language"].to_list() == [t if p else None for t, p in zip(arts["language"].to_list(), present)]
    assert got["clean"].to_list() == [newsdesk.clean_text(d) if d is not None else None for d in DOCS]
    assert got["title"][0] == "Storm hits coast" and got["language"][2] == "pt"


def test_with_columns_and_the_streaming_engine():
    lf = pl.LazyFrame({"doc": DOCS * 200, "n": range(len(DOCS) * 200)})
    q = lf.with_columns(pl.col("doc").news.text().alias("text")).filter(pl.col("text").str.contains("storm"))
    try:
        out = q.collect(engine="streaming")
    except TypeError:  # polars < 1.23 spelled it streaming=True
        out = q.collect(streaming=True)
    assert out.height == 200 and out["n"].to_list() == list(range(0, len(DOCS) * 200, len(DOCS)))


def test_language_override_and_wrong_dtype_is_a_compute_error():
    got = pl.select(pl.lit(TEXT).news.language()).item()
    assert got == "pt"
    assert pl.select(pl.lit("A short note.").news.text(language="de").alias("t")).item() == "A short note."
    with pytest.raises(pl.exceptions.ComputeError):
        pl.select(pl.lit(5).news.text()).item()
