"""Adversarial corpus benchmark: every document of ``tests/data/adversarial.py`` (a 100 MB
document, 2,000,000 tiny paragraphs, a 300,000-cell table, 100,000-deep nesting, quote marks only,
binary, ...) through ``articles``, ``entities`` and ``claims``, each in its own process, with the
time of each stage and the peak memory over the process's size before the call (RSS, as a
factor of the input size).

Usage: python benches/adversarial.py [--scale 1.0] [--only NAME,...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import adversarial, newsdesk, polars as pl
name, scale = sys.argv[2], float(sys.argv[3])
doc = dict(adversarial.documents(scale))[name]
size = 0 if doc is None else len(doc if isinstance(doc, bytes) else doc.encode("utf-8", "surrogatepass"))
newsdesk.articles(["warm up the model: Joe Biden said so."])
newsdesk.entities(["Joe Biden said so."], clean=False)
def rss_now():
    return int(open("/proc/self/statm").read().split()[1]) * 4096
def vm_hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
before = rss_now()
try:  # reset the peak to the present size (the document and the warm model are "before")
    open("/proc/self/clear_refs", "w").write("5")
except OSError:
    pass
t = {}
c0 = time.process_time(); w0 = time.perf_counter()
arts = newsdesk.articles([doc])
t["articles"] = time.perf_counter() - w0
w0 = time.perf_counter(); ents = newsdesk.entities(arts); t["entities"] = time.perf_counter() - w0
w0 = time.perf_counter(); cl = newsdesk.claims(arts); t["claims"] = time.perf_counter() - w0
cpu = time.process_time() - c0
peak = vm_hwm()  # this process's peak (ru_maxrss would count the parent's from before exec)
print(json.dumps({"name": name, "bytes": size, "rows": arts.height, "error": arts["error"][0],
  "text": len(arts["text"][0] or ""), "entities": ents.height, "claims": cl.height, "times": t, "cpu": cpu,
  "extra_rss": max(0, peak - before)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    import adversarial  # noqa: PLC0415

    names = [n for n, _ in adversarial.documents(0.0001)]
    if a.only:
        names = [n for n in names if n in a.only.split(",")]
    print(f"adversarial corpus at scale {a.scale}: each document alone, one process each (RAYON_NUM_THREADS=1)")
    head = f"{'document':<22} {'MB in':>8} {'articles s':>10} {'entities s':>10} {'claims s':>9} {'MB/s':>7} {'+RSS MB':>8} {'RSS/in':>7}  result"
    print(head)
    total_bytes = total_cpu = 0.0
    for name in names:
        p = subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT / "tests" / "data"), name, str(a.scale)],
            capture_output=True, text=True, env={"RAYON_NUM_THREADS": "1", "PATH": ""},
        )
        if p.returncode != 0:
            print(f"{name:<22} FAILED: {p.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(p.stdout.strip().splitlines()[-1])
        t = r["times"]
        mb = r["bytes"] / 1e6
        total_bytes += r["bytes"]
        total_cpu += r["cpu"]
        rate = mb / max(sum(t.values()), 1e-9)
        factor = r["extra_rss"] / r["bytes"] if r["bytes"] else 0.0
        res = f"error: {r['error'][:50]}" if r["error"] else f"{r['text']:,} chars, {r['entities']:,} entities, {r['claims']:,} claims"
        print(f"{name:<22} {mb:>8.2f} {t['articles']:>10.2f} {t['entities']:>10.2f} {t['claims']:>9.2f} {rate:>7.1f} {r['extra_rss'] / 1e6:>8.0f} {factor:>7.1f}  {res}")
    print(f"total {total_bytes / 1e6:.0f} MB in {total_cpu:.0f} CPU s")


if __name__ == "__main__":
    main()
