#!/usr/bin/env python3
"""Word clusters for the entity tagger, learned from unlabeled text.

Reads the tokens (tags ignored) of the *train* splits of the open corpora in shared/data/ner
(test splits and UNER PUD are never read), builds for every word seen at least MIN_COUNT times a
context vector (counts of the lower-cased left and right neighbour among the most frequent
CONTEXT words, PPMI-weighted), reduces it with a truncated SVD and clusters the unit vectors with
k-means at two granularities (K_FINE and K_COARSE). Output: one line per word,
`word<TAB>fine<TAB>coarse`, written to crates/newsdesk-core/data/entities/word_clusters.txt.
Words are lower-cased with digits folded to 0 (the tagger's normal form).

Deterministic for a given numpy/scipy/scikit-learn build (fixed seeds, single k-means init).
Usage: python scripts/word_clusters.py [DATA_DIR]
"""
import collections
import os
import re
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds
from sklearn.cluster import KMeans

MIN_COUNT, CONTEXT, DIM, K_FINE, K_COARSE = 3, 3000, 80, 400, 48
CORPORA = ["gmb", "gum", "uner_ewt", "wikigold", "wnut17", "btc"]
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "ner")
if not os.path.isdir(data):
    data = "/work/shared/data/ner"
out = os.path.join(here, "..", "crates", "newsdesk-core", "data", "entities", "word_clusters.txt")

QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})

def norm(w):
    return re.sub(r"[0-9]", "0", w.translate(QUOTES).lower())

sents = []
for c in CORPORA:
    cur = []
    with open(os.path.join(data, c, "train.bio"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# doc"):
                continue
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            tok = line.rsplit("\t", 1)[0].strip()
            if tok:
                cur.append(norm(tok))
    if cur:
        sents.append(cur)

freq = collections.Counter(w for s in sents for w in s)
vocab = sorted((w for w, n in freq.items() if n >= MIN_COUNT), key=lambda w: (-freq[w], w))
vid = {w: i for i, w in enumerate(vocab)}
ctx = {w: i for i, w in enumerate(vocab[:CONTEXT])}
rows, cols = [], []
for s in sents:
    padded = ["<s>"] + s + ["</s>"]
    for j in range(1, len(padded) - 1):
        i = vid.get(padded[j])
        if i is None:
            continue
        for off, side in ((-1, 0), (1, 1)):
            c = ctx.get(padded[j + off], CONTEXT if padded[j + off] in ("<s>", "</s>") else None)
            if c is not None:
                rows.append(i)
                cols.append(side * (CONTEXT + 1) + c)
m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * (CONTEXT + 1)))
m.sum_duplicates()
total = m.sum()
rs = np.asarray(m.sum(axis=1)).ravel()
cs = np.asarray(m.sum(axis=0)).ravel() ** 0.75
cs = cs / cs.sum() * total
m = m.tocoo()
pmi = np.log(m.data * total / (rs[m.row] * cs[m.col]))
keep = pmi > 0
ppmi = sp.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
u, s, _ = svds(ppmi, k=DIM, v0=np.ones(min(ppmi.shape)) / np.sqrt(min(ppmi.shape)))
x = u * np.sqrt(s)
x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
fine = KMeans(n_clusters=K_FINE, n_init=1, random_state=20261127).fit_predict(x)
coarse = KMeans(n_clusters=K_COARSE, n_init=1, random_state=20261127).fit_predict(x)
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write("# word clusters (word<TAB>fine<TAB>coarse) learned by scripts/word_clusters.py from the unlabeled\n")
    f.write("# tokens of the train splits of gmb gum uner_ewt wikigold wnut17 btc (see NOTICE; derived data,\n")
    f.write(f"# same licences as those corpora). {len(vocab)} words, min count {MIN_COUNT}, PPMI+SVD {DIM}, k-means {K_FINE}/{K_COARSE}.\n")
    for w, a, b in zip(vocab, fine, coarse):
        if "\t" in w or "\n" in w:
            continue
        f.write(f"{w}\t{a}\t{b}\n")
print(f"{len(vocab)} words -> {out}", file=sys.stderr)
