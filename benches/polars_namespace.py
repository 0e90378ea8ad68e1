"""The ``news`` expression namespace (newsdesk.polars) against the DataFrame functions doing the
same work on the same documents, in the same run.

The namespace is ``Expr.map_batches(..., is_elementwise=True)``: polars makes one Python call
per batch and the call hands the batch to the Rust core, as ``newsdesk.articles`` does. What is
timed, on the 181 pages of the Zyte article-extraction benchmark (gzipped HTML in the shared
data; ``--copies`` repeats them for a longer column):

- articles: ``newsdesk.articles(df, column="html", url_column="url")`` against
  ``.news.article(url="url")`` in an eager ``DataFrame.select``, a ``LazyFrame`` collected by the
  default engine, and the streaming engine (``collect(engine="streaming")``), unnested to the
  table's columns;
- text only: ``newsdesk.articles(pages)["text"]`` against ``.news.text()`` (lazy);
- entities and claims: ``newsdesk.analyze(pages, tables=[...])`` against ``.news.entities()`` /
  ``.news.claims()`` (lazy; lists per document instead of a long table).

Rounds alternate the methods so that the drift of a shared machine hits them alike; the best
round of each counts (the median of the wall times is printed too), in wall time and in process
CPU time (all threads; the steadier figure on a shared machine). The ratios are to the DataFrame
function of the group. Outputs are checked equal before timing.

Usage: python benches/polars_namespace.py [--rounds 5] [--copies 1] [--pages DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import newsdesk
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "zyte-article-benchmark"


def load(data: Path, copies: int) -> pl.DataFrame:
    gt = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gt)
    pages = [gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids]
    urls = [gt[i].get("url") for i in ids]
    return pl.DataFrame({"url": urls * copies, "html": pages * copies})


def timed(fn: Callable[[], object], wall: list[float], cpu: list[float]) -> None:
    c, t = time.process_time(), time.perf_counter()
    fn()
    wall.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)


def batches_in_streaming(lf: pl.LazyFrame) -> int:
    """How many batches the streaming engine hands an elementwise map_batches on this frame."""
    sizes: list[int] = []

    def record(s: pl.Series) -> pl.Series:
        sizes.append(s.len())
        return s

    lf.select(pl.col("url").map_batches(record, return_dtype=pl.String, is_elementwise=True)).collect(engine="streaming")
    return len(sizes)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--copies", type=int, default=1, help="repeat the pages this many times")
    ap.add_argument("--pages", type=Path, default=DEFAULT_DATA)
    a = ap.parse_args()
    df = load(a.pages, a.copies)
    lf = df.lazy()
    pages = df["html"]
    n = df.height

    def ns_article_eager() -> pl.DataFrame:
        return df.select(pl.col("html").news.article(url="url")).unnest("html")

    def ns_article(engine: str) -> Callable[[], pl.DataFrame]:
        return lambda: lf.select(pl.col("html").news.article(url="url")).unnest("html").collect(engine=engine)

    groups: list[tuple[str, dict[str, Callable[[], object]]]] = [
        (
            "articles",
            {
                "newsdesk.articles(df)": lambda: newsdesk.articles(df, column="html", url_column="url"),
                ".news.article() eager select": ns_article_eager,
                ".news.article() lazy": ns_article("auto"),
                ".news.article() streaming": ns_article("streaming"),
            },
        ),
        (
            "text only",
            {
                "newsdesk.articles(pages)['text']": lambda: newsdesk.articles(pages)["text"],
                ".news.text() lazy": lambda: lf.select(pl.col("html").news.text()).collect(),
                ".news.text() streaming": lambda: lf.select(pl.col("html").news.text()).collect(engine="streaming"),
            },
        ),
        (
            "entities",
            {
                "newsdesk.analyze(tables=['entities'])": lambda: newsdesk.analyze(pages, tables=["entities"]).entities,
                ".news.entities() lazy": lambda: lf.select(pl.col("html").news.entities()).collect(),
                ".news.entities() streaming": lambda: lf.select(pl.col("html").news.entities()).collect(engine="streaming"),
            },
        ),
        (
            "claims",
            {
                "newsdesk.analyze(tables=['claims'])": lambda: newsdesk.analyze(pages, tables=["claims"]).claims,
                ".news.claims() lazy": lambda: lf.select(pl.col("html").news.claims()).collect(),
                ".news.claims() streaming": lambda: lf.select(pl.col("html").news.claims()).collect(engine="streaming"),
            },
        ),
    ]

    # the same answers before timing
    table = newsdesk.articles(df, column="html", url_column="url").drop("doc_id")
    for fn in list(groups[0][1].values())[1:]:
        assert fn().equals(table)  # type: ignore[attr-defined]
    assert lf.select(pl.col("html").news.text()).collect(engine="streaming")["html"].equals(table["text"], check_names=False)
    ents = newsdesk.analyze(pages, tables=["entities"]).entities
    assert ents is not None
    lists = lf.select(pl.col("html").news.entities()).collect(engine="streaming")["html"]
    assert lists.list.len().sum() == ents.height
    flat = lists.explode().struct.unnest()
    assert flat.drop_nulls("start").equals(ents.drop("doc_id"))

    print(
        f"{n} pages ({a.copies} x the Zyte benchmark), polars {pl.__version__}, {newsdesk.threads()} core threads, "
        f"{batches_in_streaming(lf)} batches in the streaming engine; best of {a.rounds} rounds (median)"
    )
    for title, methods in groups:
        wall: dict[str, list[float]] = {name: [] for name in methods}
        cpu: dict[str, list[float]] = {name: [] for name in methods}
        for _ in range(a.rounds):
            for name, fn in methods.items():
                timed(fn, wall[name], cpu[name])
        base_name = next(iter(methods))
        base_wall, base_cpu = min(wall[base_name]), min(cpu[base_name])
        print(f"\n{title:<42}{'wall s (median)':>18}{'pages/s':>9}{'ratio':>7}{'CPU s':>8}{'ratio':>7}")
        for name in methods:
            w, c = min(wall[name]), min(cpu[name])
            r = ("", "") if name == base_name else (f"{w / base_wall:.2f}x", f"{c / base_cpu:.2f}x")
            print(f"  {name:<40}{w:8.3f} ({statistics.median(wall[name]):6.3f}){n / w:9,.0f}{r[0]:>7}{c:8.3f}{r[1]:>7}")


if __name__ == "__main__":
    main()
