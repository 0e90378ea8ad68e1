"""Benchmark of the text path: clean_text MB/s and articles docs/s, on one core and on all.

Corpus: ~5 KB scraped texts built from the package's sample texts (and the shared DW example
when present), varied so no two documents are the same. The peer is ftfy.fix_text (the usual
Python tool for repairing scraped text; it does less than clean_text), run on the same texts in
the same run when installed (`pip install ftfy`).

Usage: python benches/clean.py [--docs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[str]:
    import newsdesk  # noqa: PLC0415

    samples = Path(newsdesk.__file__).parent / "samples"
    seeds = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(samples.glob("*.txt"))]
    dw = ROOT.parent / "shared" / "examples" / "dw-russia-north-korea.txt"
    if dw.exists():
        seeds.append(dw.read_text(encoding="utf-8"))
    if not seeds:
        raise SystemExit("no sample texts found")
    rnd = random.Random(7)
    words = " ".join(seeds).split()
    out = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        lines = base.split("\n")
        # vary: shuffle a few body words, add a number, so documents differ
        extra = " ".join(rnd.choice(words) for _ in range(40))
        lines.insert(min(len(lines), 4), f"Paragraph {i}: {extra}.")
        doc = "\n".join(lines)
        while len(doc) < 5000:
            doc += "\n\n" + " ".join(rnd.choice(words) for _ in range(60)) + "."
        out.append(doc[:6000])
    return out


def measure(n: int) -> dict:
    import newsdesk  # noqa: PLC0415
    from newsdesk import _core  # noqa: PLC0415

    docs = corpus(n)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    res = {"threads": _core.thread_count(), "docs": n, "mb": mb}
    # one-time start-up (word lists, automata, regexes are built on first use) is not timed
    newsdesk.articles(docs[:8])
    t = time.perf_counter()
    for d in docs:
        _core.clean_text(d)
    res["clean_text_loop_mb_s"] = mb / (time.perf_counter() - t)
    t = time.perf_counter()
    _core.clean_texts(docs)
    res["clean_texts_batch_mb_s"] = mb / (time.perf_counter() - t)
    t = time.perf_counter()
    newsdesk.articles(docs)
    res["articles_docs_s"] = n / (time.perf_counter() - t)
    try:
        import ftfy  # noqa: PLC0415

        t = time.perf_counter()
        for d in docs[: max(50, n // 10)]:
            ftfy.fix_text(d)
        k = max(50, n // 10)
        res["ftfy_mb_s"] = sum(len(d.encode()) for d in docs[:k]) / 1e6 / (time.perf_counter() - t)
    except ImportError:
        res["ftfy_mb_s"] = None
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--child", action="store_true")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(a.docs)))
        return
    rows = []
    for threads in ("1", str(os.cpu_count() or 1)):
        env = dict(os.environ, RAYON_NUM_THREADS=threads)
        out = subprocess.run([sys.executable, __file__, "--child", "--docs", str(a.docs)], env=env, capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"text path benchmark: {a.docs} scraped texts, {rows[0]['mb']:.1f} MB (~{rows[0]['mb'] * 1e3 / a.docs:.1f} KB each)")
    print(f"{'threads':>7} | {'clean_text MB/s (loop)':>22} | {'clean_texts MB/s (batch)':>24} | {'articles docs/s':>15} | {'ftfy.fix_text MB/s':>18} | {'ratio clean_text/ftfy':>21}")
    for r in rows:
        f = r["ftfy_mb_s"]
        ratio = f"{r['clean_text_loop_mb_s'] / f:.1f}x" if f else "ftfy not installed"
        fs = f"{f:.2f}" if f else "-"
        print(f"{r['threads']:>7} | {r['clean_text_loop_mb_s']:>22.1f} | {r['clean_texts_batch_mb_s']:>24.1f} | {r['articles_docs_s']:>15,.0f} | {fs:>18} | {ratio:>21}")


if __name__ == "__main__":
    main()
