"""Per-call cost of newsdesk.extract (one page in, one dict out) over the Rust work itself.

Everything runs on one thread (so figures are per core, and trafilatura, single-threaded,
compares) and in the same process in the same run. For every page, each round times the calls
back to back, and the best round counts, so the drift of a shared machine hits all calls alike.

What is timed per page:

- ``_core.extract_one(page)``: the lean binding, i.e. the Rust work (decode, HTML extraction,
  cleaning, dates, language, the one-row Arrow batch) plus turning that row into a dict;
- ``_core.table_to_pylist(row)``: that row-to-dict step alone, on the page's prebuilt row; so
  *Rust work* = extract_one - to_pylist, and *overhead of extract()* = extract() - Rust work;
- ``newsdesk.extract(page, url=)``: the public call;
- ``newsdesk.articles([page])`` and ``.row(0, named=True)``: the batch API used on one page
  (thread-pool hand-off, Arrow export, polars import, and the row read back);
- trafilatura 2.3.1 ``extract`` (text only) and ``bare_extraction`` (text + metadata, the closer
  match to what extract returns) on the same bytes and URL (``pip install trafilatura==2.3.1
  lxml_html_clean``; left out with a note when not installed).

Part 1 does this for one small scraped text (where fixed costs show most), part 2 for the 181
real pages of the Zyte article-extraction benchmark in the shared data (gzipped HTML). Part 3
(when Scrapy is installed) feeds the same pages as items through ``NewsdeskPipeline``, one after
the other and with ``NEWSDESK_THREADED`` (all items in flight on an asyncio loop, as Scrapy's
default reactor runs them), on all cores, and reports items/s in wall time.

Usage: python benches/extract_overhead.py [--rounds 5] [--pages DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "data" / "extraction" / "zyte-article-benchmark"

Call = Callable[[bytes | str, str | None], Any]


def timed(calls: dict[str, Call], pages: list[tuple[Any, str | None]], rounds: int, repeat: int = 1) -> dict[str, list[float]]:
    """Best seconds per call, per page and call.

    Page by page, every call runs back to back after one untimed warm-up call on the page, in an
    order that rotates from round to round (no call is always first on cold caches).
    """
    best = {k: [float("inf")] * len(pages) for k in calls}
    items = list(calls.items())
    clock = time.process_time  # CPU time of the process (rayon worker included), not wall time: other
    # programs on a shared machine take the CPU away from us, which wall time would count
    for r in range(rounds):
        order = items[r % len(items):] + items[: r % len(items)]
        for i, (doc, url) in enumerate(pages):
            order[0][1](doc, url)  # warm-up
            for k, fn in order:
                t = clock()
                for _ in range(repeat):
                    fn(doc, url)
                dt = (clock() - t) / repeat
                best[k][i] = min(best[k][i], dt)
    return best


def newsdesk_calls(pages: list[tuple[Any, str | None]]) -> dict[str, Call]:
    import newsdesk
    from newsdesk import _core

    rows = {id(doc): _core.articles_table([doc], urls=[url]) for doc, url in pages}
    return {
        "_core.extract_one (Rust work + row to dict)": lambda d, u: _core.extract_one(d, url=u),
        "_core.table_to_pylist (row to dict alone)": lambda d, u: _core.table_to_pylist(rows[id(d)], drop=["doc_id"]),
        "newsdesk.extract(page, url=)": lambda d, u: newsdesk.extract(d, url=u),
        "newsdesk.articles([page])  (DataFrame)": lambda d, u: newsdesk.articles([{"content": d, "url": u}]),
        "newsdesk.articles([page]).row(0, named=True)": lambda d, u: newsdesk.articles([{"content": d, "url": u}]).row(0, named=True),
    }


def report(res: dict[str, list[float]]) -> None:
    one, conv, ext = res["_core.extract_one (Rust work + row to dict)"], res["_core.table_to_pylist (row to dict alone)"], res["newsdesk.extract(page, url=)"]
    rust = [a - b for a, b in zip(one, conv)]
    rows = [("Rust work (extract_one - to_pylist)", rust)] + list(res.items())
    ext_mean = statistics.fmean(ext)
    print(f"{'call':<52} | {'mean µs':>8} | {'median µs':>9} | {'pages/s':>7} | {'over Rust work':>14} | {'time vs extract()':>17}")
    for name, v in rows:
        m = statistics.fmean(v)
        over = "—" if name.startswith(("Rust work", "_core.table_to")) else us(statistics.fmean([a - b for a, b in zip(v, rust)]))
        print(f"{name:<52} | {us(m):>8} | {us(statistics.median(v)):>9} | {1 / m:>7,.0f} | {over:>14} | {m / ext_mean:>16.2f}x")
    over = [a - b for a, b in zip(ext, rust)]
    wrapper = statistics.fmean([a - b for a, b in zip(ext, one)])
    print(
        f"=> extract() costs {us(statistics.fmean(over))} µs per call over the Rust work (median {us(statistics.median(over))}), "
        f"{100 * statistics.fmean(over) / ext_mean:.1f}% of its time; of which row to dict {us(statistics.fmean(conv))} µs "
        f"and the Python wrapper {us(wrapper)} µs (differences of a few µs on ~1 ms calls are within the noise of a shared machine)"
    )


def us(s: float) -> str:
    return f"{s * 1e6:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", type=Path, default=PAGES / "html")
    args = ap.parse_args()

    from newsdesk import _core

    _core.set_thread_count(1)
    import newsdesk

    # ---- part 1: one small scraped text ----------------------------------------------------
    doc = (Path(newsdesk.__file__).parent / "samples" / "en-us-winter-storm.txt").read_text(encoding="utf-8")
    one = [(doc, None)]
    print(f"part 1: one scraped text ({len(doc.encode()):,} bytes), best of {args.rounds * 20} rounds of 50 calls, 1 thread")
    report(timed(newsdesk_calls(one), one, args.rounds * 20, repeat=50))

    # ---- part 2: the benchmark pages -------------------------------------------------------
    files = sorted(args.pages.glob("*.html.gz"))
    if not files:
        print(f"\npart 2 left out: no pages in {args.pages}")
        return
    truth_path = args.pages.parent / "ground-truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.exists() else {}
    pages = []
    for f in files:
        pid = f.name.split(".")[0]
        pages.append((gzip.decompress(f.read_bytes()), truth.get(pid, {}).get("url") or f"https://example.org/{pid}"))
    mb = sum(len(r) for r, _ in pages) / 1e6
    print(f"\npart 2: {len(pages)} pages of the Zyte article benchmark ({mb:.1f} MB of HTML), one call per page, best of {args.rounds} rounds, 1 thread")
    res = timed(newsdesk_calls(pages), pages, args.rounds)
    report(res)
    try:
        import trafilatura
    except ImportError:
        print("(trafilatura left out: pip install trafilatura==2.3.1 lxml_html_clean)")
        pipeline_throughput(pages, args.rounds)
        return
    tv = getattr(trafilatura, "__version__", "?")
    peer = timed(
        {
            f"trafilatura {tv} extract(page, url=)": lambda d, u: trafilatura.extract(d, url=u),
            f"trafilatura {tv} bare_extraction(page, url=)": lambda d, u: trafilatura.bare_extraction(d, url=u, with_metadata=True),
        },
        pages,
        max(1, args.rounds // 2),
    )
    ext_mean = statistics.fmean(res["newsdesk.extract(page, url=)"])
    print(f"peer, same pages, same run (best of {max(1, args.rounds // 2)} rounds):")
    for k, v in peer.items():
        m = statistics.fmean(v)
        print(f"{k:<52} | {us(m):>8} µs mean | {us(statistics.median(v)):>8} µs median | {1 / m:>5,.0f} pages/s | {m / ext_mean:>5.1f}x the time of newsdesk.extract")
    pipeline_throughput(pages, args.rounds)


def pipeline_throughput(pages: list[tuple[bytes, str]], rounds: int) -> None:
    """Part 3: the Scrapy pipeline, sequential and threaded, wall time, all cores."""
    try:
        import asyncio

        import scrapy.utils.asyncio as scrapy_asyncio
        from newsdesk.scrapy import NewsdeskPipeline
    except ImportError:
        print("\npart 3 left out: pip install scrapy")
        return
    scrapy_asyncio.is_asyncio_available = lambda: True  # outside a crawl: a plain asyncio loop
    seq, thr = NewsdeskPipeline(), NewsdeskPipeline(threaded=True)

    async def threaded() -> None:
        await asyncio.gather(*(thr.process_item({"html": raw, "url": url}) for raw, url in pages))

    best_seq = best_thr = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for raw, url in pages:
            seq.process_item({"html": raw, "url": url})
        best_seq = min(best_seq, time.perf_counter() - t)
        t = time.perf_counter()
        asyncio.run(threaded())
        best_thr = min(best_thr, time.perf_counter() - t)
    import os

    print(f"\npart 3: NewsdeskPipeline on the same {len(pages)} pages as items, wall time, {os.cpu_count()} cores, best of {rounds}")
    print(f"sequential (default)      {len(pages) / best_seq:>7,.0f} items/s")
    print(f"NEWSDESK_THREADED = True  {len(pages) / best_thr:>7,.0f} items/s  ({best_seq / best_thr:.2f}x)")


if __name__ == "__main__":
    sys.exit(main())
