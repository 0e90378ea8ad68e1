"""Peak memory of streaming (newsdesk.process) on 1x and 10x the same synthetic corpus.

The corpus: scraped texts built from the package's sample texts (.txt and .html), each varied
with extra sentences of their own words so no two documents are equal, written as JSONL.gz
(1x = --docs documents, 10x = ten times as many). Each run is a fresh subprocess that prints its
own peak RSS (ru_maxrss). Streaming writes every table as part files, batch by batch; the
comparison in the same run is the in-memory way (read every document into a list, one
newsdesk.articles call, one write_parquet), whose peak grows with the corpus.

Usage: python benches/memory.py [--docs 2000] [--batch-size 500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(path: Path, n: int, seed: int = 5) -> int:
    import newsdesk  # noqa: PLC0415

    samples = Path(newsdesk.__file__).parent / "samples"
    seeds = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(samples.glob("*.txt")) + sorted(samples.glob("*.html"))
        if not p.name.startswith("xx-")
    ]
    words = " ".join(seeds).split()
    rnd = random.Random(seed)
    size = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        for i in range(n):
            base = seeds[i % len(seeds)]
            extra = " ".join(rnd.choice(words) for _ in range(rnd.randint(60, 400))) + "."
            if base.lstrip().startswith("<"):
                doc = base.replace("</body>", f"<p>{extra}</p></body>", 1)
            else:
                doc = base + f"\n\n{extra}"
            line = json.dumps({"url": f"https://news.example.com/{i}", "content": doc})
            size += len(line)
            f.write(line + "\n")
    return size


def child(mode: str, src: str, out: str, batch_size: int) -> None:
    import newsdesk  # noqa: PLC0415
    from newsdesk import io  # noqa: PLC0415

    t = time.perf_counter()
    if mode == "stream":
        tables = [t for t in ("articles", "entities", "claims") if callable(getattr(newsdesk, t, None))]
        s = newsdesk.process(src, out, tables=tables, batch_size=batch_size, progress=False, overwrite=True)
        n = s.documents
    else:
        docs = [d for b in io.iter_batches(io.expand([src]), 10_000) for d in b]
        df = newsdesk.articles(docs)
        Path(out).mkdir(parents=True, exist_ok=True)
        df.write_parquet(Path(out) / "articles.parquet")
        n, tables = df.height, ["articles"]
    dt = time.perf_counter() - t
    print(
        json.dumps(
            {"docs": n, "seconds": dt, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "tables": tables}
        )
    )


def run(mode: str, src: Path, out: Path, batch_size: int) -> dict:
    r = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(src), str(out), "--batch-size", str(batch_size)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--child", nargs=3, metavar=("MODE", "SRC", "OUT"))
    a = ap.parse_args()
    if a.child:
        child(*a.child, a.batch_size)
        return
    tmp = Path(tempfile.mkdtemp(prefix="newsdesk-mem-"))
    try:
        rows = []
        for k in (1, 10):
            src = tmp / f"corpus-{k}x.jsonl.gz"
            mb = build(src, a.docs * k) / 1e6
            for mode in ("stream", "in-memory"):
                r = run(mode, src, tmp / f"out-{mode}-{k}x", a.batch_size)
                rows.append((mode, k, r["docs"], mb, r["peak_rss_mb"], r["seconds"], ",".join(r["tables"])))
        print(f"batch_size={a.batch_size}")
        print(f"{'mode':<11}{'corpus':>7}{'docs':>9}{'MB text':>9}{'peak RSS MB':>13}{'seconds':>9}{'docs/s':>9}  tables")
        for mode, k, n, mb, rss, sec, tables in rows:
            print(f"{mode:<11}{str(k) + 'x':>7}{n:>9,}{mb:>9.0f}{rss:>13.0f}{sec:>9.1f}{n / sec:>9,.0f}  {tables}")
        s1, s10 = rows[0][4], rows[2][4]
        m1, m10 = rows[1][4], rows[3][4]
        print(f"peak RSS 10x / 1x: streaming {s10 / s1:.2f}, in-memory {m10 / m1:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
