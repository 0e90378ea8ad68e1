"""Benchmark of near-duplicate grouping (newsdesk.duplicates): precision/recall and scale.

Part 1, quality. A synthetic syndication set: base stories (the package's sample texts plus
generated varied text) re-posted by many "sites", each re-post perturbed the way syndication
does it: another headline, boilerplate lines (ads, share prompts, newsletter prompts) above
and below, outlet credit lines ("*with AP", "source: …", bylines), trimmed trailing paragraphs
(keeping 50–100 %), a dropped middle paragraph, a few edited words, an editor's note. Mixed in:
unrelated stories and *hard negatives* (follow-up stories that quote one paragraph of a base
story). Every document goes through newsdesk.articles (cleaning) and then duplicates().
Reported: pairwise precision and recall (a pair is positive when both come from the same base
story) and time. Peer, same documents and run: datasketch MinHash (128 permutations, word
5-shingles) + MinHashLSH at the same threshold, groups = connected components of its query
results (`pip install datasketch`).

Part 2, scale. N (default 1,000,000) generated articles of ~120–200 words, 10 % of them
perturbed copies in families, streamed in batches of 50,000 into the MinHash index (signatures
of the texts as they would come out of the cleaner: the cleaner itself is not re-measured here,
see benches/clean.py), then grouped. Runs in a subprocess; prints time per stage, recall of the
injected families and peak RSS (the budget: signatures are 256 bytes per document).

Usage: python benches/dedup.py [--scale-docs 1000000] [--skip-peer]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BOILER = [
    "- Advertisement -",
    "Share This Post",
    "Share on Facebook",
    "Tweet",
    "Read more:",
    "Related Posts",
    "Subscribe to our newsletter",
    "Sign up for our morning briefing",
    "Click here to subscribe",
    "Publicidade",
    "Leia também",
    "Anzeige",
    "Lesen Sie auch",
    "Publicidad",
    "Lea también",
    "Cookies help us deliver our services",
]
CREDITS = [
    "*with AP, Reuters",
    "*with AFP",
    "(Reuters)",
    "source: {o}",
    "By {o} Staff",
    "Con información de EFE",
    "mit dpa",
    "Copyright {o} 2024",
]
OUTLETS = [
    "Daily Post",
    "The Ledger",
    "Morning Star",
    "City Times",
    "Valley News",
    "Coast Herald",
    "Metro Journal",
    "Evening Echo",
    "Northern Voice",
    "Capital Wire",
]


def vocab_from_samples() -> tuple[list[str], list[str]]:
    import newsdesk  # noqa: PLC0415

    samples = Path(newsdesk.__file__).parent / "samples"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(samples.glob("*.txt"))]
    cleaned = [t for t in newsdesk.articles(texts)["text"].to_list() if t and len(t.split()) >= 80]
    words = [w for t in cleaned for w in t.split()]
    return cleaned, words


def generated_story(rnd: random.Random, words: list[str], paras: int) -> str:
    out = []
    for _ in range(paras):
        sents = []
        for _ in range(rnd.randint(2, 4)):
            s = " ".join(rnd.choice(words) for _ in range(rnd.randint(10, 24)))
            sents.append(s[0].upper() + s[1:].rstrip(".,;:") + ".")
        out.append(" ".join(sents))
    return "\n\n".join(out)


def repost(rnd: random.Random, story: str, words: list[str]) -> str:
    paras = [p for p in story.split("\n\n") if p.strip()]
    keep = max(1, round(len(paras) * rnd.uniform(0.5, 1.0))) if rnd.random() < 0.6 else len(paras)
    paras = paras[:keep]
    if len(paras) > 4 and rnd.random() < 0.3:
        del paras[rnd.randrange(1, len(paras) - 1)]
    if rnd.random() < 0.5:  # edit a few words
        i = rnd.randrange(len(paras))
        ws = paras[i].split()
        for _ in range(min(3, len(ws))):
            ws[rnd.randrange(len(ws))] = rnd.choice(words)
        paras[i] = " ".join(ws)
    if rnd.random() < 0.2:
        paras.append("Editor's note: this story has been updated with comments from officials.")
    outlet = rnd.choice(OUTLETS)
    head = " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 9))).title()
    top = rnd.sample(BOILER, rnd.randint(0, 3))
    bottom = rnd.sample(BOILER, rnd.randint(0, 3))
    credit = [c.format(o=outlet) for c in rnd.sample(CREDITS, rnd.randint(1, 2))]
    return "\n\n".join([f"{outlet} {head}", *top, *paras, *bottom, *credit])


def build_set(seed: int = 11, families: int = 400, singles: int = 3000, hard: int = 600):
    rnd = random.Random(seed)
    cleaned, words = vocab_from_samples()
    bases = list(cleaned)
    while len(bases) < families:
        bases.append(generated_story(rnd, words, rnd.randint(4, 12)))
    docs, label = [], []
    for f, story in enumerate(bases):
        size = rnd.choice([2, 3, 5, 10, 20, 50]) if f % 4 == 0 else rnd.randint(2, 6)
        for _ in range(size):
            docs.append(repost(rnd, story, words))
            label.append(f)
    for i in range(singles):
        docs.append(repost(rnd, generated_story(rnd, words, rnd.randint(3, 10)), words))
        label.append(families + i)
    for i in range(hard):  # follow-ups quoting one paragraph of a base story
        base = rnd.choice(bases).split("\n\n")
        new = generated_story(rnd, words, rnd.randint(5, 9)).split("\n\n")
        new.insert(rnd.randrange(len(new)), rnd.choice(base))
        docs.append(repost(rnd, "\n\n".join(new), words))
        label.append(families + singles + i)
    order = list(range(len(docs)))
    rnd.shuffle(order)
    return [docs[i] for i in order], [label[i] for i in order]


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_scores(groups: list[int], labels: list[int]) -> tuple[float, float]:
    cells = Counter(zip(groups, labels))
    tp = sum(pairs(c) for c in cells.values())
    pred = sum(pairs(c) for c in Counter(groups).values())
    true = sum(pairs(c) for c in Counter(labels).values())
    return tp / pred if pred else 1.0, tp / true if true else 1.0


def components(n: int, edges) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


def peer_datasketch(texts: list[str], threshold: float):
    try:
        from datasketch import MinHash, MinHashLSH  # noqa: PLC0415
    except ImportError:
        return None
    import re  # noqa: PLC0415

    t = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sigs = []
    for i, text in enumerate(texts):
        ws = re.findall(r"\w+", text.lower())
        sh = {" ".join(ws[j : j + 5]) for j in range(max(1, len(ws) - 4))} if ws else set()
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in sh])
        sigs.append(m)
        if sh:
            lsh.insert(str(i), m)
    edges = [(i, int(j)) for i, m in enumerate(sigs) for j in lsh.query(m) if int(j) != i]
    return components(len(texts), edges), time.perf_counter() - t


def quality(skip_peer: bool) -> dict:
    import newsdesk  # noqa: PLC0415

    docs, labels = build_set()
    t = time.perf_counter()
    arts = newsdesk.articles(docs)
    t_clean = time.perf_counter() - t
    t = time.perf_counter()
    d = newsdesk.duplicates(arts)
    t_dup = time.perf_counter() - t
    p, r = pair_scores(d["group_id"].to_list(), labels)
    res = {
        "docs": len(docs),
        "families": len(set(labels)),
        "true_groups_gt1": sum(1 for c in Counter(labels).values() if c > 1),
        "found_groups_gt1": sum(1 for c in Counter(d["group_id"].to_list()).values() if c > 1),
        "precision": p,
        "recall": r,
        "seconds_clean": t_clean,
        "seconds_dedup": t_dup,
    }
    if not skip_peer:
        peer = peer_datasketch(arts["text"].to_list(), 0.5)
        if peer is not None:
            pp, pr = pair_scores(peer[0], labels)
            res.update(peer_precision=pp, peer_recall=pr, peer_seconds=peer[1])
    return res


def scale_child(n: int, batch: int = 50_000) -> None:
    """Runs in a subprocess: stream n generated texts into the index, group, report."""
    import polars as pl  # noqa: PLC0415
    from newsdesk import _core  # noqa: PLC0415

    rnd = random.Random(3)
    _, words = vocab_from_samples()
    words = list(dict.fromkeys(words))  # distinct words, about as many as a real vocabulary sample
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = _core.MinHashIndex()
    fam_base: list[list[str]] = []
    truth_family: dict[int, int] = {}
    t_gen = t_sig = 0.0
    for start in range(0, n, batch):
        t = time.perf_counter()
        texts = []
        for i in range(start, min(n, start + batch)):
            if i % 10 == 0:  # 10 %: a family member (families of about 10, spread over the corpus)
                f = rnd.randrange(max(1, n // 100))
                while f >= len(fam_base):
                    fam_base.append([rnd.choice(words) for _ in range(rnd.randint(120, 200))])
                ws = list(fam_base[f])
                ws = ws[: max(20, int(len(ws) * rnd.uniform(0.7, 1.0)))]
                for _ in range(3):
                    ws[rnd.randrange(len(ws))] = rnd.choice(words)
                texts.append(" ".join(ws))
                truth_family[i] = f
            else:
                texts.append(" ".join(rnd.choices(words, k=rnd.randint(120, 200))))
        t_gen += time.perf_counter() - t
        t = time.perf_counter()
        index.add(texts)
        t_sig += time.perf_counter() - t
        del texts
    t = time.perf_counter()
    g = pl.DataFrame(index.groups(0.5))
    t_group = time.perf_counter() - t
    groups = g["group_row"].to_list()
    # recall over injected families: pairs found among pairs that should be found
    fam_members: dict[int, list[int]] = defaultdict(list)
    for i, f in truth_family.items():
        fam_members[f].append(i)
    tp = sum(pairs(c) for c in Counter((groups[i], f) for i, f in truth_family.items()).values())
    true = sum(pairs(len(v)) for v in fam_members.values())
    fam_of = {i: f for i, f in truth_family.items()}
    pred = sum(pairs(c) for c in Counter(groups).values())
    tp_all = sum(pairs(c) for c in Counter((groups[i], fam_of.get(i, -1 - i)) for i in range(n)).values())
    print(
        json.dumps(
            {
                "docs": n,
                "threads": _core.thread_count(),
                "seconds_generate_python": t_gen,
                "seconds_signatures": t_sig,
                "seconds_group": t_group,
                "signature_mb": index.nbytes / 1e6,
                "recall": tp / true if true else 1.0,
                "precision": tp_all / pred if pred else 1.0,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rss_before_mb": rss0 / 1024,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale-docs", type=int, default=1_000_000)
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        scale_child(a.child)
        return
    q = quality(a.skip_peer)
    print(f"Quality: {q['docs']:,} documents, {q['true_groups_gt1']} syndicated stories (+ unrelated and hard negatives)")
    print(f"{'method':<34}{'pair precision':>15}{'pair recall':>13}{'seconds':>10}")
    print(f"{'newsdesk.duplicates (64 perm)':<34}{q['precision']:>15.4f}{q['recall']:>13.4f}{q['seconds_dedup']:>10.2f}")
    if "peer_precision" in q:
        print(
            f"{'datasketch MinHashLSH (128 perm)':<34}{q['peer_precision']:>15.4f}{q['peer_recall']:>13.4f}{q['peer_seconds']:>10.2f}"
        )
        print(f"speed ratio: newsdesk {q['peer_seconds'] / max(q['seconds_dedup'], 1e-9):.0f}x faster")
    print(f"(cleaning the {q['docs']:,} documents with newsdesk.articles first: {q['seconds_clean']:.2f} s)")
    if a.scale_docs:
        r = subprocess.run([sys.executable, __file__, "--child", str(a.scale_docs)], capture_output=True, text=True, check=True)
        s = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"\nScale: {s['docs']:,} articles on {s['threads']} threads")
        print(
            f"  signatures  {s['seconds_signatures']:8.1f} s  ({s['docs'] / s['seconds_signatures']:,.0f} docs/s; {s['signature_mb']:.0f} MB of signatures)"
        )
        print(f"  grouping    {s['seconds_group']:8.1f} s")
        print(f"  (generating the texts in Python took {s['seconds_generate_python']:.1f} s, not counted)")
        print(f"  injected families: pair recall {s['recall']:.4f}, pair precision {s['precision']:.4f}")
        print(f"  peak RSS    {s['peak_rss_mb']:8.0f} MB  (interpreter + polars before: {s['rss_before_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
