"""newsdesk.dask on a distributed LocalCluster with two worker processes: same rows as the
single-process call, and each worker's Rust pool sized so workers do not oversubscribe cores."""

from __future__ import annotations

import os

import newsdesk
import polars as pl
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

DOCS = [
    "Storm hits coast\n\n- Advertisement -\n\nA storm hit the coast on Monday, officials said.",
    "<html lang='pt'><head><title>Juros sobem | Jornal</title></head><body><p>O Banco Central subiu os juros nesta quarta-feira.</p></body></html>",
    None,
    "DW US says Russia bought weapons 06/09/2022 08:00\n\nThe deal was struck in August.\n\n*with AP, Reuters",
    "",
    "Der Bundestag hat am Donnerstag das Gesetz beschlossen.\n\nAnzeige\n\nmit dpa",
] * 5


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert a.columns == b.columns
    assert a.height == b.height
    for col in a.columns:
        x, y = a[col].to_list(), b[col].to_list()
        assert x == y, col


def test_articles_on_two_worker_processes_equal_single_process(client):
    pdf = pd.DataFrame({"url": [f"https://example.com/{i}" for i in range(len(DOCS))], "content": DOCS})
    ddf = dd.from_pandas(pdf, npartitions=8)
    got = newsdesk.dask.articles(ddf, column="content", url_column="url")
    assert isinstance(got, dd.DataFrame)
    result = pl.from_pandas(got.compute().reset_index(drop=True))
    expected = newsdesk.articles(pdf, column="content", url_column="url")
    result = result.with_columns([pl.col(c).cast(t) for c, t in expected.schema.items()])
    _same(result, expected)
    # the partitions really ran on both worker processes, each with a pool of cores // 2 threads
    pools = client.run(lambda: __import__("newsdesk")._core.thread_count())
    assert len(pools) == 2
    cores = len(os.sched_getaffinity(0))
    assert all(n == max(1, cores // 2) for n in pools.values()), pools


def test_series_input_and_explicit_threads(client):
    s = dd.from_pandas(pd.Series(DOCS[:6], name="body"), npartitions=2)
    got = pl.from_pandas(newsdesk.dask.articles(s, threads=1).compute().reset_index(drop=True))
    assert got["doc_id"].to_list() == list(range(6))
    assert got["text"].to_list() == newsdesk.articles(DOCS[:6])["text"].to_list()
    with pytest.raises(ValueError, match="threads"):
        newsdesk.dask.articles(s, threads=0)
    with pytest.raises(TypeError, match="ddf"):
        newsdesk.dask.articles(DOCS)


@pytest.mark.parametrize("table", ["entities", "claims"])
def test_entities_and_claims_match_single_process(client, table):
    if not callable(getattr(newsdesk, table, None)):
        pytest.skip(f"newsdesk.{table} is not in this build")
    pdf = pd.DataFrame({"text": DOCS})
    got = pl.from_pandas(getattr(newsdesk.dask, table)(dd.from_pandas(pdf, npartitions=3)).compute().reset_index(drop=True))
    expected = getattr(newsdesk, table)(newsdesk.articles(pdf))
    got = got.with_columns([pl.col(c).cast(t) for c, t in expected.schema.items()])
    _same(got, expected)
