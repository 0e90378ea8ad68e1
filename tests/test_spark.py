"""The PySpark mapInArrow recipe: the Arrow mapper always; Spark itself when pyspark is installed."""

from __future__ import annotations

import shutil

import newsdesk
import polars as pl
import pytest
from newsdesk import spark as nds

pa = pytest.importorskip("pyarrow")

DOCS = [
    "Storm hits coast\n\n- Advertisement -\n\nA storm hit the coast on Monday, officials said.",
    None,
    "<html lang='pt'><head><title>Juros sobem</title></head><body><p>O Banco Central subiu os juros nesta quarta-feira.</p></body></html>",
]


def test_arrow_mapper_gives_the_articles_rows_with_spark_types():
    rb = pa.RecordBatch.from_pydict({"url": ["https://a.example/1", None, "https://b.example/2"], "html": DOCS})
    out = list(nds.articles_mapper(column="html", url_column="url")([rb, rb]))
    assert [b.schema for b in out] == [nds.arrow_schema()] * 2
    got = pl.from_arrow(pa.Table.from_batches(out))
    assert got["doc_id"].to_list() == [0, 1, 2, 3, 4, 5]
    expected = newsdesk.articles(pl.from_arrow(rb), column="html", url_column="url")
    assert got["text"].to_list() == expected["text"].to_list() * 2
    assert got["authors"].to_list() == expected["authors"].to_list() * 2
    assert got["published"].to_list() == expected["published"].to_list() * 2
    # the DDL names the same columns in the same order
    assert [c.split()[0] for c in nds.ARTICLES_DDL.split(", ")] == list(newsdesk.ARTICLES_SCHEMA)


def test_spark_map_in_arrow():
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("pyspark needs a Java runtime")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[2]").appName("newsdesk-test").getOrCreate()
    try:
        df = spark.createDataFrame([(f"https://a.example/{i}", d) for i, d in enumerate(DOCS)], "url string, html string")
        rows = df.mapInArrow(nds.articles_mapper(column="html", url_column="url"), nds.ARTICLES_DDL).collect()
        texts = sorted((r["url"] or "", r["text"]) for r in rows)
        expected = newsdesk.articles([{"url": f"https://a.example/{i}", "html": d} for i, d in enumerate(DOCS)])
        assert texts == sorted(zip(expected["url"].fill_null("").to_list(), expected["text"].to_list()))
        assert pyspark.__version__
    finally:
        spark.stop()
