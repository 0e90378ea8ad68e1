"""HTML extraction benchmark: newsdesk vs trafilatura on the same pages, in the same run.

Quality: the article-extraction benchmark's own metric (see its README): ``\\w+`` words with
case kept, multisets of 4-word shingles; precision averaged over pages with non-empty output,
recall averaged over all pages, F1 of the two means. Speed: pages per second on one core
(newsdesk with RAYON_NUM_THREADS=1, trafilatura one page at a time), plus newsdesk on all cores.
Pages per CPU-second (process CPU time) is shown too: on a shared machine it is the steadier
measure of one core's throughput. Metadata: per-field accuracy on the hand labels in tests/data/extraction_metadata_labels.json
(title, outlet, authors, published date), next to trafilatura's ``bare_extraction``.

    python benches/extraction.py [--data DIR] [--repeat N]

trafilatura is optional (``pip install trafilatura==2.3.1``); without it only newsdesk runs. It runs
as in the benchmark's reference figures: ``extract(html, favor_precision=True,
include_comments=False)``, one page at a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

# One core for the headline figure; must be set before the Rust thread pool starts.
if os.environ.get("NEWSDESK_BENCH_ALL_CORES") != "1":
    os.environ["RAYON_NUM_THREADS"] = "1"

import newsdesk

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction" / "zyte-article-benchmark"
LABELS = ROOT / "tests" / "data" / "extraction_metadata_labels.json"
WORD = re.compile(r"\w+")


def load(data: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    gt = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gt)
    pages = [gzip.decompress((data / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8", "replace") for i in ids]
    urls = [gt[i].get("url") for i in ids]
    gold = [gt[i].get("articleBody") or "" for i in ids]
    return ids, pages, urls, gold


def shingles(text: str) -> Counter:
    words = WORD.findall(text or "")
    return Counter(tuple(words[i : i + 4]) for i in range(len(words) - 3))


def score(preds: list[str], gold: list[str]) -> tuple[float, float, float]:
    """Precision mean over non-empty outputs, recall mean over all pages, F1 of the means."""
    precisions, recalls = [], []
    for p, g in zip(preds, gold):
        ps, gs = shingles(p), shingles(g)
        matched = sum((ps & gs).values())
        n_p, n_g = sum(ps.values()), sum(gs.values())
        if (p or "").strip():
            precisions.append(matched / n_p if n_p else 0.0)
        recalls.append(matched / n_g if n_g else float(n_p == 0))
    prec = sum(precisions) / len(precisions) if precisions else 0.0
    rec = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return f1, prec, rec


def run_newsdesk(pages: list[str], urls: list[str], repeat: int):
    docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
    newsdesk.articles(docs[:2])  # warm up (lazy automata, thread pool)
    best = best_cpu = float("inf")
    df = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        df = newsdesk.articles(docs)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return df, len(pages) / best, len(pages) / best_cpu


def run_trafilatura(pages: list[str], urls: list[str], repeat: int):
    import trafilatura

    best = best_cpu = float("inf")
    out: list[str] = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = [trafilatura.extract(h, url=u, favor_precision=True, include_comments=False) or "" for h, u in zip(pages, urls)]
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return out, len(pages) / best, len(pages) / best_cpu


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    for a, b in (
        ("‘", "'"),
        ("’", "'"),
        ("`", "'"),
        ("´", "'"),
        ("“", '"'),
        ("”", '"'),
        ("–", "-"),
        ("—", "-"),
        ("…", "..."),
    ):
        s = s.replace(a, b)
    return " ".join(s.split()).lower()


def meta_accuracy(preds: dict[str, dict], labels: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """Per field: (correct, labelled). preds[id] = {title, outlet, authors, published(YYYY-MM-DD)}."""
    acc = {"title": [0, 0], "outlet": [0, 0], "authors": [0, 0], "published": [0, 0]}
    for pid, lab in labels.items():
        p = preds.get(pid, {})
        if lab.get("title") is not None:
            acc["title"][1] += 1
            acc["title"][0] += norm(p.get("title")) == norm(lab["title"])
        if lab.get("outlet") is not None:
            acc["outlet"][1] += 1
            acc["outlet"][0] += norm(p.get("outlet")) in {norm(o) for o in lab["outlet"]}
        if lab.get("authors") is not None:
            acc["authors"][1] += 1
            got = {norm(a) for a in p.get("authors") or []}
            want = [{norm(x) for x in a.split("|")} for a in lab["authors"]]
            acc["authors"][0] += len(got) == len(want) and all(alts & got for alts in want)
        if lab.get("published") is not None:
            acc["published"][1] += 1
            acc["published"][0] += (p.get("published") or "") in lab["published"]
    return {k: (v[0], v[1]) for k, v in acc.items()}


def newsdesk_meta(df, ids: list[str]) -> dict[str, dict]:
    out = {}
    for pid, row in zip(ids, df.select("title", "outlet", "authors", "published").iter_rows(named=True)):
        pub = row["published"]
        out[pid] = {
            "title": row["title"],
            "outlet": row["outlet"],
            "authors": row["authors"],
            "published": pub.date().isoformat() if pub else None,
        }
    return out


def trafilatura_meta(pages: list[str], urls: list[str], ids: list[str], wanted: set[str]) -> dict[str, dict]:
    import trafilatura

    out = {}
    for pid, h, u in zip(ids, pages, urls):
        if pid not in wanted:
            continue
        d = trafilatura.bare_extraction(h, url=u, with_metadata=True)
        d = d.as_dict() if hasattr(d, "as_dict") else (d or {})
        authors = [a.strip() for a in (d.get("author") or "").split(";") if a.strip()]
        out[pid] = {
            "title": d.get("title"),
            "outlet": d.get("sitename"),
            "authors": authors,
            "published": d.get("date"),
        }
    return out


def all_cores_rate(data: Path, repeat: int) -> float | None:
    """newsdesk pages/s with the default thread pool (all cores), in a child process."""
    env = dict(os.environ, NEWSDESK_BENCH_ALL_CORES="1")
    env.pop("RAYON_NUM_THREADS", None)
    cmd = [
        sys.executable,
        str(Path(__file__)),
        "--data",
        str(data),
        "--repeat",
        str(repeat),
        "--child",
    ]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    m = re.search(r"CHILD_RATE ([0-9.]+)", r.stdout)
    return float(m.group(1)) if m else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    ids, pages, urls, gold = load(args.data)
    if args.child:
        _, rate, _ = run_newsdesk(pages, urls, args.repeat)
        print(f"CHILD_RATE {rate:.3f}")
        return 0
    mb = sum(len(p.encode()) for p in pages) / 1e6
    print(f"{len(pages)} pages, {mb:.1f} MB of HTML ({args.data})")
    loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {loadavg:.1f} at start (speeds drift on busy machines: compare the ratio)")

    df, nd_rate, nd_cpu = run_newsdesk(pages, urls, args.repeat)
    nd_text = df["text"].to_list()
    nd = score(nd_text, gold)
    rows = [("newsdesk", *nd, nd_rate, nd_cpu)]

    try:
        import trafilatura  # noqa: F401

        have_traf = True
    except ImportError:
        have_traf = False
        print("trafilatura not installed (pip install trafilatura==2.3.1): newsdesk only")
    if have_traf:
        tr_text, tr_rate, tr_cpu = run_trafilatura(pages, urls, max(1, args.repeat - 2))
        rows.append(
            (
                "trafilatura 2.3.1 (favor_precision)",
                *score(tr_text, gold),
                tr_rate,
                tr_cpu,
            )
        )

    print()
    print(f"{'extractor':36} {'F1':>6} {'prec':>6} {'recall':>6} {'pages/s (1 thread)':>19} {'pages/CPU-s':>12}")
    for name, f1, p, r, rate, cpu in rows:
        print(f"{name:36} {f1:6.3f} {p:6.3f} {r:6.3f} {rate:19.1f} {cpu:12.1f}")
    if have_traf:
        print(
            f"speed ratio newsdesk / trafilatura: {rows[0][4] / rows[1][4]:.1f}x wall clock, "
            f"{rows[0][5] / rows[1][5]:.1f}x per CPU-second"
        )
    all_rate = all_cores_rate(args.data, args.repeat)
    if all_rate:
        print(f"newsdesk on all {os.cpu_count()} cores: {all_rate:.1f} pages/s")

    all_labels = json.loads(LABELS.read_text(encoding="utf-8"))
    for key, what in (
        ("pages", "labelled while developing"),
        ("held_out", "held out: labelled after, never tuned on"),
    ):
        labels = {k: v for k, v in all_labels.get(key, {}).items() if v}
        if not labels:
            continue
        print()
        print(f"metadata accuracy, {len(labels)} hand-labelled pages ({what}; {LABELS.relative_to(ROOT)})")
        nd_acc = meta_accuracy(newsdesk_meta(df, ids), labels)
        tr_acc = meta_accuracy(trafilatura_meta(pages, urls, ids, set(labels)), labels) if have_traf else None
        print(f"{'field':10} {'newsdesk':>14} {'trafilatura':>14}")
        for field, (ok, n) in nd_acc.items():
            t = f"{tr_acc[field][0]}/{n} {tr_acc[field][0] / n:.3f}" if tr_acc else "-"
            print(f"{field:10} {f'{ok}/{n} {ok / n:.3f}':>14} {t:>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
