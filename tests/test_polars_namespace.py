"""The ``news`` namespace on polars expressions (python/newsdesk/polars.py): registered by
``import newsdesk``, equal to the DataFrame functions on the same input, lazy, streaming, nulls
kept null, a clear error for a wrong dtype."""

from __future__ import annotations

import datetime as dt
import doctest
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import newsdesk
import newsdesk.polars as nsp
import polars as pl
import pytest

SAMPLES = Path(newsdesk.__file__).parent / "samples"
PAGES_BYTES = [p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".html")]
PAGES = [b.decode("utf-8", errors="replace") for b in PAGES_BYTES]

HTML = "<html lang='en'><head><title>Storm hits coast | Daily</title></head><body><p>A storm hit the coast on Monday, officials said.</p><p>Share This Post</p></body></html>"
TEXT = "Juros sobem\n\n- Publicidade -\n\nO Banco Central subiu os juros nesta quarta-feira, informou a instituição."
QUOTE = '"We will win," Kevin Mayer said in Paris on Monday. Analysts say sales may fall, according to Reuters.'
# a null between documents, an empty string (an error row, not a null), mojibake, a page without claims
DOCS = [HTML, None, TEXT, "", QUOTE, "SÃ£o Paulo teve chuva forte hoje, disse a Defesa Civil.", None, *PAGES]


def streaming(lf: pl.LazyFrame) -> pl.DataFrame:
    return lf.collect(engine="streaming")


def grouped(table: pl.DataFrame, docs: list) -> list:
    """A long table (entities/claims) as one list of row dicts per document, without doc_id;
    None for a null document."""
    by_doc: dict[int, list] = defaultdict(list)
    for row in table.iter_rows(named=True):
        by_doc[row.pop("doc_id")].append(row)
    return [None if d is None else by_doc.get(i, []) for i, d in enumerate(docs)]


def masked(values: list, docs: list) -> list:
    return [None if d is None else v for v, d in zip(values, docs)]


def test_import_newsdesk_registers_the_namespace():
    code = "import newsdesk, polars as pl; pl.col('x').news.text(); print(type(pl.col('x').news).__module__)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "newsdesk.polars"


def test_string_expressions_equal_the_articles_table_eager_lazy_and_streaming():
    arts = newsdesk.articles(DOCS)
    exprs = [
        pl.col("doc").news.text().alias("text"),
        pl.col("doc").news.title().alias("title"),
        pl.col("doc").news.language().alias("language"),
        pl.col("doc").news.clean_text().alias("clean"),
    ]
    eager = pl.DataFrame({"doc": DOCS}).select(exprs)
    lazy = pl.LazyFrame({"doc": DOCS}).select(exprs).collect()
    stream = streaming(pl.LazyFrame({"doc": DOCS}).select(exprs))
    for got in (eager, lazy, stream):
        for col in ("text", "title", "language"):
            assert got[col].to_list() == masked(arts[col].to_list(), DOCS), col
        assert got["clean"].to_list() == [None if d is None else newsdesk.clean_text(d) for d in DOCS]
    assert eager["title"][0] == "Storm hits coast" and eager["language"][2] == "pt"
    assert eager["text"][0] == "A storm hit the coast on Monday, officials said."
    assert eager["text"][5].startswith("São Paulo")  # mojibake repaired
    assert eager["text"][1] is None and eager["text"][3] == ""  # null stays null; "" is a document (an error row)


def test_article_struct_unnests_to_the_articles_table_lazily():
    arts = newsdesk.articles(DOCS)
    lf = pl.LazyFrame({"n": range(len(DOCS)), "doc": DOCS})
    q = lf.with_columns(pl.col("doc").news.article().alias("a")).unnest("a")
    expected_schema = {
        "n": pl.Int64(),
        "doc": pl.String(),
        **{k: v for k, v in newsdesk.ARTICLES_SCHEMA.items() if k != "doc_id"},
    }
    assert dict(q.collect_schema()) == expected_schema
    for out in (q.collect(), streaming(q)):
        assert dict(out.schema) == expected_schema
        present = out.filter(pl.col("doc").is_not_null())
        assert present.drop("n", "doc").equals(arts.drop("doc_id").filter(pl.Series([d is not None for d in DOCS])))
        # a null document gives a null struct: every field null, not an error row
        nulls = out.filter(pl.col("doc").is_null())
        assert nulls.height == 2 and nulls["error"].null_count() == 2 and nulls["text"].null_count() == 2
    assert arts["error"][1] is not None  # where newsdesk.articles gives an error row for None
    assert out.filter(pl.col("n") == 3)["error"].item() is not None  # "" is a document with an error


def test_article_options_language_day_first_as_of():
    doc = "US says Russia bought weapons 06/09/2022 08:00\n\nThe deal was struck in the spring, officials said."
    lf = pl.LazyFrame({"doc": [doc]})
    month_first = lf.select(pl.col("doc").news.article(day_first=False).struct.field("published")).collect().item()
    day_first = lf.select(pl.col("doc").news.article(day_first=True).struct.field("published")).collect().item()
    assert month_first == dt.datetime(2022, 6, 9, 8, 0) and day_first == dt.datetime(2022, 9, 6, 8, 0)
    before = lf.select(pl.col("doc").news.article(as_of=dt.datetime(2021, 1, 1)).struct.field("published")).collect().item()
    assert before is None  # a publication date after the crawl time is rejected, as in articles(as_of=)
    de = lf.select(pl.col("doc").news.article(language="de").struct.field("language")).collect().item()
    assert de == "de"
    assert pl.select(pl.lit("A short note.").news.text(language="de")).item() == "A short note."
    assert pl.select(pl.lit(doc).news.title(day_first=False)).item() == newsdesk.articles([doc], day_first=False)["title"].item()


def test_article_url_column_fills_url_and_domain_as_articles_url_column_does():
    pages = [
        {"link": "https://www.dw.com/en/storm/a-1", "html": HTML},
        {"link": None, "html": TEXT},
        {"link": "https://g1.globo.com/economia/juros.html", "html": None},
        {"link": "https://example.org/x", "html": PAGES[0]},
    ]
    df = pl.DataFrame(pages)
    arts = newsdesk.articles(df, column="html", url_column="link")
    present = pl.Series([p["html"] is not None for p in pages])
    by_name = df.lazy().select(pl.col("html").news.article(url="link")).unnest("html").collect()
    by_expr = df.select(pl.col("html").news.article(url=pl.col("link").str.strip_chars()).alias("a")).unnest("a")
    for out in (by_name, by_expr):
        assert out.filter(present).equals(arts.drop("doc_id").filter(present))
        assert out["url"].to_list() == ["https://www.dw.com/en/storm/a-1", None, None, "https://example.org/x"]
        assert out["domain"].to_list() == ["dw.com", None, None, "example.org"]
    with pytest.raises((pl.exceptions.ComputeError, TypeError), match="url: expected a String column of URLs, got Int64"):
        df.with_columns(pl.Series("link", [1, 2, 3, 4])).select(pl.col("html").news.article(url="link"))
    with pytest.raises(TypeError, match="url"):
        pl.col("html").news.article(url=3)  # type: ignore[arg-type]


def test_bad_options_raise_when_the_expression_is_built():
    with pytest.raises(ValueError, match="language"):
        pl.col("doc").news.text(language="english")
    with pytest.raises(TypeError, match="language"):
        pl.col("doc").news.article(language=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="day_first"):
        pl.col("doc").news.title(day_first="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as_of"):
        pl.col("doc").news.article(as_of="2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="clean"):
        pl.col("doc").news.entities(clean=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="entities"):
        pl.col("doc").news.claims(entities=None)  # type: ignore[arg-type]


def test_entities_and_claims_lists_equal_the_tables_grouped_per_document():
    lf = pl.LazyFrame({"doc": DOCS})
    q = lf.select(
        pl.col("doc").news.text().alias("text"),
        pl.col("doc").news.entities().alias("entities"),
        pl.col("doc").news.claims().alias("claims"),
    )
    assert dict(q.collect_schema()) == {"text": pl.String(), "entities": nsp.ENTITIES_DTYPE, "claims": nsp.CLAIMS_DTYPE}
    expected_entities = grouped(newsdesk.entities(DOCS), DOCS)
    expected_claims = grouped(newsdesk.claims(DOCS), DOCS)
    assert sum(len(e or []) for e in expected_entities) > 100 and sum(len(c or []) for c in expected_claims) > 10
    eager = pl.DataFrame({"doc": DOCS}).select(
        pl.col("doc").news.entities().alias("entities"), pl.col("doc").news.claims().alias("claims")
    )
    for out in (q.collect(), streaming(q), eager):
        assert out["entities"].to_list() == expected_entities
        assert out["claims"].to_list() == expected_claims
    out = q.collect()
    # offsets index the article text of the same row
    for text, ents, claims in out.iter_rows():
        for e in ents or []:
            assert text[e["start"] : e["end"]] == e["text"]
        for c in claims or []:
            assert text[c["content_start"] : c["content_end"]] == c["content"]
            if c["speaker"] is not None:
                assert text[c["speaker_start"] : c["speaker_end"]] == c["speaker"]
    quote = out.row(4, named=True)
    assert [(e["text"], e["label"]) for e in quote["entities"]][:2] == [("Kevin Mayer", "PERSON"), ("Paris", "GPE")]
    assert quote["claims"][0]["speaker"] == "Kevin Mayer" and quote["claims"][0]["kind"] == "direct"
    claims, ents = out["claims"].to_list(), out["entities"].to_list()
    assert claims[3] == [] and ents[3] == []  # "" has none; a null row stays null
    assert claims[1] is None and ents[6] is None


def test_entities_and_claims_options_equal_the_dataframe_functions():
    texts = [QUOTE, None, "Die Regierung in Berlin hat am Montag neue Regeln beschlossen, sagte Olaf Scholz.", TEXT]
    lf = pl.LazyFrame({"doc": texts})
    out = lf.select(
        pl.col("doc").news.entities(clean=False).alias("raw"),
        pl.col("doc").news.entities(clean=False, language="de").alias("raw_de"),
        pl.col("doc").news.entities(language="pt").alias("pt"),
        pl.col("doc").news.claims(clean=False).alias("claims_raw"),
        pl.col("doc").news.claims(entities=False).alias("claims_fast"),
    ).collect()
    assert out["raw"].to_list() == grouped(newsdesk.entities(texts, clean=False), texts)
    assert out["raw_de"].to_list() == grouped(newsdesk.entities(texts, clean=False, language="de"), texts)
    assert out["pt"].to_list() == grouped(newsdesk.entities(texts, language="pt"), texts)
    assert out["claims_raw"].to_list() == grouped(newsdesk.claims(texts, clean=False), texts)
    assert out["claims_fast"].to_list() == grouped(newsdesk.claims(texts, entities=False), texts)
    # clean=False: offsets index the given string itself
    for e in out["raw"][0]:
        assert QUOTE[e["start"] : e["end"]] == e["text"]
    # language= with clean=False picks the claim rules for every string
    pt = pl.select(pl.lit("A inflação vai cair, disse o ministro.").news.claims(clean=False, language="pt")).item()
    assert [(c["content"], c["cue"]) for c in pt] == [("A inflação vai cair", "disse")]


def test_binary_pages_are_decoded_like_articles_does():
    german = (
        "<html><head><title>Exporte brechen ein | Kurier</title></head><body><article>"
        "<p>Die Ausfuhren fielen im Mai um 3,6 Prozent – „ein Dämpfer zur Unzeit“, sagte der Ökonom.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    docs = [german, None, *PAGES_BYTES]
    df = pl.DataFrame({"page": docs}, schema={"page": pl.Binary})
    out = df.select(
        pl.col("page").news.article().alias("a"),
        pl.col("page").news.text().alias("text"),
        pl.col("page").news.entities().alias("entities"),
    )
    arts = newsdesk.articles(docs)
    assert out["text"].to_list() == masked(arts["text"].to_list(), docs)
    assert "„ein Dämpfer zur Unzeit“" in out["text"][0]
    assert out["a"].struct.field("language").to_list() == masked(arts["language"].to_list(), docs)
    assert out["entities"].to_list() == grouped(newsdesk.entities(docs), docs)


def test_wrong_dtype_is_a_clear_error():
    for expr in (pl.col("doc").news.text(), pl.col("doc").news.article(), pl.col("doc").news.entities()):
        with pytest.raises((pl.exceptions.ComputeError, TypeError), match=r"expected a String or Binary column .* got Int64"):
            pl.DataFrame({"doc": [1, 2]}).select(expr)
        with pytest.raises((pl.exceptions.ComputeError, TypeError), match=r"expected a String or Binary column"):
            pl.LazyFrame({"doc": [[1], [2]]}).select(expr).collect(engine="streaming")
    # clean_text cleans text: bytes have to go through the pipeline's decoding (.news.text())
    with pytest.raises((pl.exceptions.ComputeError, TypeError), match=r"clean_text\(\): expected a String column .* got Binary"):
        pl.DataFrame({"doc": [b"x"]}).select(pl.col("doc").news.clean_text())


def test_nulls_empty_frames_and_categoricals():
    only_nulls = pl.DataFrame({"doc": [None, None]})  # dtype Null
    got = only_nulls.select(
        pl.col("doc").news.text().alias("t"), pl.col("doc").news.article().alias("a"), pl.col("doc").news.claims().alias("c")
    )
    assert got.schema == {"t": pl.String(), "a": nsp.ARTICLE_DTYPE, "c": nsp.CLAIMS_DTYPE}
    assert got.null_count().row(0) == (2, 2, 2)
    empty = pl.LazyFrame({"doc": []}, schema={"doc": pl.String}).select(pl.col("doc").news.entities())
    assert streaming(empty).schema == {"doc": nsp.ENTITIES_DTYPE} and streaming(empty).height == 0
    cat = pl.DataFrame({"doc": [TEXT, None, TEXT]}, schema={"doc": pl.Categorical}).select(pl.col("doc").news.language())
    assert cat["doc"].to_list() == ["pt", None, "pt"]


def test_schema_resolves_without_running(monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(1)
        return newsdesk.articles(*args, **kwargs)

    monkeypatch.setattr(nsp, "_articles", counting)
    lf = pl.LazyFrame({"html": [HTML, TEXT]}).with_columns(
        pl.col("html").news.article().alias("a"),
        pl.col("html").news.title().alias("title"),
        pl.col("html").news.entities().alias("ents"),
        pl.col("html").news.claims().alias("claims"),
    )
    schema = lf.collect_schema()
    assert calls == []
    assert schema["a"] == nsp.ARTICLE_DTYPE and schema["title"] == pl.String and schema["ents"] == nsp.ENTITIES_DTYPE
    assert lf.unnest("a").collect_schema()["published_utc"] == pl.Datetime("us", "UTC")
    assert calls == []
    assert lf.collect()["title"].to_list() == ["Storm hits coast", "Juros sobem"] and calls  # runs when collected


def test_many_batches_in_the_streaming_engine_keep_rows_aligned(tmp_path):
    n = 4000
    seeds = [QUOTE, TEXT, HTML.replace("Monday", "Tuesday"), PAGES[0][:600]]
    docs = [
        None if i % 9 == 4 else f"{seeds[i % len(seeds)]}\n\nThe report number {i} was published by Maria Silva."
        for i in range(n)
    ]
    path = tmp_path / "docs.parquet"
    pl.DataFrame({"n": range(n), "doc": docs}).write_parquet(path, row_group_size=250)
    sizes: list[int] = []

    def record(s: pl.Series) -> pl.Series:
        sizes.append(s.len())
        return s

    q = (
        pl.scan_parquet(path)
        .with_columns(
            pl.col("n").map_batches(record, return_dtype=pl.Int64, is_elementwise=True),
            pl.col("doc").news.text().alias("text"),
            pl.col("doc").news.entities().alias("entities"),
            pl.col("doc").news.claims().alias("claims"),
        )
        .filter(pl.col("n") % 3 != 0)
    )
    out = streaming(q)
    assert len(sizes) >= 10 and max(sizes) < n  # really run batch by batch
    assert out["n"].to_list() == [i for i in range(n) if i % 3 != 0]
    # each row's outputs belong to that row's document
    for i, text, ents in out.select("n", "text", "entities").iter_rows():
        if docs[i] is None:
            assert text is None and ents is None
        else:
            assert text.endswith(f"The report number {i} was published by Maria Silva.")
            assert all(text[e["start"] : e["end"]] == e["text"] for e in ents)
            assert any(str(i) in e["text"] for e in ents) and "Maria Silva" in [e["text"] for e in ents]
    kept = [docs[i] for i in out["n"].to_list()]
    assert out["entities"].to_list() == grouped(newsdesk.entities(kept), kept)
    assert out["claims"].to_list() == grouped(newsdesk.claims(kept), kept)


def test_docstring_examples():
    result = doctest.testmod(nsp, extraglobs={"newsdesk": newsdesk, "pl": pl}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0
