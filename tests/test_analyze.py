"""newsdesk.analyze: the three tables in one pass equal the one-table functions on the same
documents, doc_ids agree, only the tables asked for are built, and the thread pool can be sized."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import newsdesk
import polars as pl
import pytest
from polars.testing import assert_frame_equal

SAMPLES = Path(__file__).resolve().parents[1] / "python" / "newsdesk" / "samples"


def _sample_docs() -> list[object]:
    docs: list[object] = [p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".html")]
    # bad rows keep their place: missing, empty, binary
    return docs + [None, "", b"\x00\x9f\x92\x96\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09"]


def test_analyze_equals_articles_entities_and_claims_on_the_sample_corpus():
    docs = _sample_docs()
    assert len(docs) > 20
    arts, ents, claims = newsdesk.analyze(docs)
    ref = newsdesk.articles(docs)
    assert_frame_equal(arts, ref)
    assert_frame_equal(ents, newsdesk.entities(ref))
    assert_frame_equal(claims, newsdesk.claims(ref))
    assert ents.height > 200 and claims.height > 50
    # every mention and claim points into its own article's text
    texts = dict(zip(arts["doc_id"].to_list(), arts["text"].to_list()))
    assert set(ents["doc_id"]) <= set(texts) and set(claims["doc_id"]) <= set(texts)
    for d, s, e, t in ents.select("doc_id", "start", "end", "text").iter_rows():
        assert texts[d][s:e] == t
    for d, s, e, t in claims.select("doc_id", "content_start", "content_end", "content").iter_rows():
        assert texts[d][s:e] == t


def test_analyze_builds_only_the_tables_asked_for():
    docs = ['"We will win," Kevin Mayer said in Paris on Monday.']
    r = newsdesk.analyze(docs, tables=["entities"])
    assert r.articles is None and r.claims is None
    assert r.entities["text"].to_list() == ["Kevin Mayer", "Paris", "Monday"]
    r = newsdesk.analyze(docs, tables="claims")
    assert r.articles is None and r.entities is None and r.claims["speaker"].to_list() == ["Kevin Mayer"]
    r = newsdesk.analyze(docs, tables=("articles",))
    assert r.entities is None and r.claims is None and r.articles.height == 1
    assert list(newsdesk.analyze([]).entities.schema) == list(newsdesk.ENTITIES_SCHEMA)
    with pytest.raises(ValueError, match="tables"):
        newsdesk.analyze(docs, tables=["articles", "quotes"])


def test_analysis_unpacks_and_summarises_itself():
    r = newsdesk.analyze(["Analysts say sales may fall in Berlin.", None])
    arts, ents, claims = r
    assert arts is r.articles and ents is r.entities and claims is r.claims and r[1] is ents
    assert repr(r) == "Analysis(articles: 2 rows, entities: 1 rows, claims: 1 rows; 1 with errors)"
    assert "<table>" in r._repr_html_() and ".claims" in r._repr_html_()


def test_doc_ids_follow_the_input_and_pandas_inputs_work():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"url": ["https://a.example/1", "https://b.example/2"], "text": ["Biden spoke.", "Putin left Moscow."]})
    arts, ents, _ = newsdesk.analyze(frame)
    assert arts["doc_id"].to_list() == [0, 1] and arts["url"].to_list() == frame["url"].tolist()
    assert ents.filter(pl.col("text") == "Moscow")["doc_id"].to_list() == [1]


def test_extract_with_entities_and_claims_gives_the_rows_of_the_tables():
    page = '"We will win," Kevin Mayer said in Paris on Monday. Analysts say sales may fall.'
    d = newsdesk.extract(page, entities=True, claims=True)
    arts, ents, claims = newsdesk.analyze([page])
    assert d["text"] == arts["text"][0]
    assert d["entities"] == ents.drop("doc_id").to_dicts()
    assert d["claims"] == claims.drop("doc_id").to_dicts()


def test_threads_can_be_set_at_any_time_and_from_the_environment():
    before = newsdesk.threads()
    try:
        newsdesk.set_threads(1)
        assert newsdesk.threads() == 1
        newsdesk.analyze(["Biden spoke in Hanoi."] * 8)  # the pool runs
        newsdesk.set_threads(2)  # and can still be resized
        assert newsdesk.threads() == 2
    finally:
        newsdesk.set_threads(before)
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="n"):
            newsdesk.set_threads(bad)
    env = {"NEWSDESK_THREADS": "3", "PATH": ""}
    r = subprocess.run(
        [sys.executable, "-c", "import json, newsdesk; print(json.dumps(newsdesk.threads()))"],
        capture_output=True, text=True, check=True, env=env, timeout=60,
    )
    assert json.loads(r.stdout) == 3
