"""The polars expression plugin (crates/newsdesk-polars) against the same work done eagerly
(newsdesk.articles) and through a Python map_batches callback (holds the GIL, opaque to the
optimiser), on the same documents in the same run.

Usage: pip install ./crates/newsdesk-polars && python benches/polars_plugin.py [--docs 4000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl

import newsdesk


def corpus(n: int) -> list[str]:
    samples = Path(newsdesk.__file__).parent / "samples"
    seeds = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(samples.glob("*.*")) if p.suffix in (".txt", ".html") and not p.name.startswith("xx-")]
    return [seeds[i % len(seeds)] + f"\n\nParagraph number {i} closes the story here." for i in range(n)]


def main() -> None:
    import newsdesk_polars  # noqa: F401, PLC0415

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=4000)
    a = ap.parse_args()
    docs = corpus(a.docs)
    lf = pl.LazyFrame({"doc": docs})
    rows = []
    t = time.perf_counter()
    plugin = lf.select(pl.col("doc").news.text()).collect()["doc"]
    rows.append(("plugin .news.text() (lazy)", time.perf_counter() - t))
    t = time.perf_counter()
    eager = newsdesk.articles(docs)["text"]
    rows.append(("newsdesk.articles()['text']", time.perf_counter() - t))
    t = time.perf_counter()
    cb = lf.select(pl.col("doc").map_batches(lambda s: newsdesk.articles(s.to_list())["text"], return_dtype=pl.String)).collect()["doc"]
    rows.append(("map_batches(Python callback)", time.perf_counter() - t))
    assert plugin.to_list() == eager.to_list() == cb.to_list()
    print(f"{a.docs} documents, polars {pl.__version__}")
    for name, sec in rows:
        print(f"{name:<32}{sec:8.2f} s {a.docs / sec:10,.0f} docs/s")


if __name__ == "__main__":
    main()
