"""HTML extraction on both development sets: newsdesk vs trafilatura, same pages, same run.

Sets (both under ``../shared/data``):

* ``extraction/zyte-article-benchmark`` (181 pages): **in-sample**, the extraction rules were
  written while looking at it. Body scored with the benchmark's own metric (4-word shingles,
  see ``benches/extraction.py``); metadata on the hand labels of
  ``tests/data/extraction_metadata_labels.json``.
* ``news-pages`` (132 pages, 91 publishers, 31 countries, gold title/authors/date/paragraphs):
  scored with the set's own ``score.py`` (bag-of-words body P/R/F1, title exact, authors
  persons exact, date to the minute), overall and per language group.

For each set it prints body P/R/F1, empty outputs, pages where newsdesk's body is empty although
trafilatura finds 50+ words, metadata accuracy per field, the body F1 per language group
(news-pages), how newsdesk found each body (``body_source``), and pages per CPU-second of each
extractor (one thread: ``RAYON_NUM_THREADS=1``; process CPU time, the steadier figure on a
shared machine; compare the ratio).

    python benches/extraction_devsets.py [--newsdesk-only] [--dump DIR] [--repeat N]

trafilatura runs as in each set's reference figures: on Zyte ``extract(html, url=,
favor_precision=True, include_comments=False)``; on news-pages ``bare_extraction(html, url=,
with_metadata=True)``. ``--dump DIR`` writes every prediction as JSONL (``score.py`` reads the
news-pages files) for looking at single pages.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import gzip
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

if os.environ.get("NEWSDESK_BENCH_ALL_CORES") != "1":
    os.environ["RAYON_NUM_THREADS"] = "1"

import newsdesk

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(HERE))
import extraction as zyte  # noqa: E402  (the Zyte loader, scorer and metadata labels)


def load_score_py(news: Path):
    spec = importlib.util.spec_from_file_location("news_pages_score", news / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def words(text: str | None) -> int:
    return len((text or "").split())


def timed(fn, repeat: int):
    """(result, best CPU seconds) over `repeat` runs."""
    out, best = None, float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - c0)
    return out, best


def nd_published(row: dict) -> str | None:
    pub, utc = row["published"], row["published_utc"]
    if pub is None:
        return None
    if utc is not None:  # keep the page's offset
        pub = pub.replace(tzinfo=dt.timezone(pub - utc.replace(tzinfo=None)))
    return pub.isoformat()


def fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def source_counts(df) -> str:
    c = collections.Counter(df["body_source"].to_list()) if "body_source" in df.columns else {}
    return ", ".join(f"{k}: {n}" for k, n in sorted(c.items(), key=lambda kv: -kv[1])) or "-"


def run_zyte(data: Path, repeat: int, peer: bool, dump: Path | None) -> None:
    ids, pages, urls, gold = zyte.load(data)
    docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
    newsdesk.articles(docs[:2])
    df, nd_cpu = timed(lambda: newsdesk.articles(docs), repeat)
    nd_text = df["text"].to_list()
    rows = [("newsdesk", zyte.score(nd_text, gold), sum(not t.strip() for t in nd_text), len(pages) / nd_cpu)]
    tr_text = None
    if peer:
        import trafilatura

        def tr():
            return [
                trafilatura.extract(h, url=u, favor_precision=True, include_comments=False) or "" for h, u in zip(pages, urls)
            ]

        tr_text, tr_cpu = timed(tr, 1)
        rows.append(("trafilatura 2.3.1", zyte.score(tr_text, gold), sum(not t.strip() for t in tr_text), len(pages) / tr_cpu))
    print(f"## zyte-article-benchmark: {len(pages)} pages (in-sample: the rules were written on it)\n")
    print(f"{'extractor':20} {'F1':>6} {'P':>6} {'R':>6} {'empty':>6} {'pages/CPU-s':>12}")
    for name, (f1, p, r), empty, rate in rows:
        print(f"{name:20} {f1:6.3f} {p:6.3f} {r:6.3f} {empty:6d} {rate:12.1f}")
    if peer:
        print(f"speed ratio newsdesk / trafilatura per CPU-second: {rows[0][3] / rows[1][3]:.1f}x")
        lost = [i for i, a, b in zip(ids, nd_text, tr_text) if not a.strip() and words(b) >= 50]
        print(f"newsdesk empty where trafilatura has 50+ words: {len(lost)} {lost[:10]}")
    print(f"body_source: {source_counts(df)}")
    labels_all = json.loads(zyte.LABELS.read_text(encoding="utf-8"))
    for key in ("pages", "held_out"):
        labels = {k: v for k, v in labels_all.get(key, {}).items() if v}
        nd_acc = zyte.meta_accuracy(zyte.newsdesk_meta(df, ids), labels)
        tr_acc = zyte.meta_accuracy(zyte.trafilatura_meta(pages, urls, ids, set(labels)), labels) if peer else None
        print(
            f"metadata ({key}, {len(labels)} labelled pages): "
            + ", ".join(f"{f} {ok}/{n}" + (f" vs {tr_acc[f][0]}/{n}" if tr_acc else "") for f, (ok, n) in nd_acc.items())
        )
    if dump:
        with open(dump / "zyte.jsonl", "w", encoding="utf-8") as f:
            for k, i in enumerate(ids):
                rec = {"id": i, "newsdesk": nd_text[k], "source": df["body_source"][k] if "body_source" in df.columns else None}
                if tr_text is not None:
                    rec["trafilatura"] = tr_text[k]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print()


def run_news(news: Path, repeat: int, peer: bool, dump: Path | None) -> None:
    sc = load_score_py(news)
    gold = sc.load_jsonl(str(news / "gold.jsonl"))
    pages = [gzip.open(news / "pages" / f"{g['id']}.html.gz").read().decode("utf-8") for g in gold]
    docs = [{"html": h, "url": g["url"]} for h, g in zip(pages, gold)]
    newsdesk.articles(docs[:2])
    df, nd_cpu = timed(lambda: newsdesk.articles(docs), repeat)
    preds = {"newsdesk": {}}
    for g, row in zip(gold, df.iter_rows(named=True)):
        preds["newsdesk"][g["id"]] = {
            "id": g["id"],
            "title": row["title"],
            "authors": row["authors"],
            "published": nd_published(row),
            "text": row["text"],
        }
    rates = {"newsdesk": len(pages) / nd_cpu}
    if peer:
        import trafilatura

        def tr():
            out = {}
            for g, h in zip(gold, pages):
                d = trafilatura.bare_extraction(h, url=g["url"], with_metadata=True)
                d = d.as_dict() if hasattr(d, "as_dict") else (d or {})
                out[g["id"]] = {
                    "id": g["id"],
                    "title": d.get("title"),
                    "authors": [a.strip() for a in (d.get("author") or "").split(";") if a.strip()],
                    "published": d.get("date"),
                    "text": d.get("text") or "",
                }
            return out

        preds["trafilatura 2.3.1"], tr_cpu = timed(tr, 1)
        rates["trafilatura 2.3.1"] = len(pages) / tr_cpu
    results, by_group = {}, collections.defaultdict(dict)
    for name, p in preds.items():
        rows = sc.score_all(gold, p)
        results[name] = sc.aggregate(rows)
        groups = collections.defaultdict(list)
        for g, r in zip(gold, rows):
            groups[g["lang_group"]].append(r)
        for k, rs in groups.items():
            by_group[k][name] = (len(rs), sc.aggregate(rs)["body_f1"])
    names = list(preds)
    print(f"## news-pages: {len(gold)} pages (score.py; never used to write the rules before this round)\n")
    print(f"{'metric':34}" + "".join(f"{n:>20}" for n in names))
    for label, key in (
        ("body P", "body_p"),
        ("body R", "body_r"),
        ("body F1", "body_f1"),
        ("body empty", "body_empty"),
        ("title exact", "title_exact"),
        ("title same words", "title_words"),
        ("authors exact set (as gold)", "authors_exact"),
        ("authors exact set (persons)", "persons_exact"),
        ("authors name P (persons)", "persons_p"),
        ("authors name R (persons)", "persons_r"),
        ("published same day", "published_day"),
        ("published same minute (all timed)", "published_minute_all"),
    ):
        cells = []
        for n in names:
            v = results[n][key]
            cells.append(f"{v:>20}" if isinstance(v, int) else f"{fmt(v):>20}")
        print(f"{label:34}" + "".join(cells))
    print(f"{'pages per CPU-second':34}" + "".join(f"{rates[n]:20.1f}" for n in names))
    if peer:
        print(f"speed ratio newsdesk / trafilatura per CPU-second: {rates['newsdesk'] / rates['trafilatura 2.3.1']:.1f}x")
        tp = preds["trafilatura 2.3.1"]
        lost = [g["id"] for g in gold if not preds["newsdesk"][g["id"]]["text"].strip() and words(tp[g["id"]]["text"]) >= 50]
        print(f"newsdesk empty where trafilatura has 50+ words: {len(lost)} {lost[:10]}")
    print(f"body_source: {source_counts(df)}")
    print("\nbody F1 per language group")
    for k in sorted(by_group):
        n = next(iter(by_group[k].values()))[0]
        print(f"  {k:12} {n:4d} pages" + "".join(f"  {name} {fmt(v[1])}" for name, v in by_group[k].items()))
    if dump:
        for name, p in preds.items():
            with open(dump / f"news-{name.split()[0]}.jsonl", "w", encoding="utf-8") as f:
                for rec in p.values():
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zyte", type=Path, default=SHARED / "extraction" / "zyte-article-benchmark")
    ap.add_argument("--news", type=Path, default=SHARED / "news-pages")
    ap.add_argument("--repeat", type=int, default=3, help="timed newsdesk runs; the best is reported")
    ap.add_argument("--newsdesk-only", action="store_true", help="skip trafilatura")
    ap.add_argument("--dump", type=Path, default=None, help="write predictions as JSONL here")
    args = ap.parse_args()
    peer = not args.newsdesk_only
    if peer:
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            print("trafilatura not installed (pip install trafilatura==2.3.1 lxml_html_clean): newsdesk only")
            peer = False
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")
    run_zyte(args.zyte, args.repeat, peer, args.dump)
    run_news(args.news, args.repeat, peer, args.dump)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
