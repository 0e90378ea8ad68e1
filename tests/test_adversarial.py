"""The adversarial corpus (``tests/data/adversarial.py``), scaled down for CI: every document
gets its row with a result or an error, in time linear in its size, with memory bounded by a
factor of its size. ``benches/adversarial.py`` runs the full-size corpus (a 100 MB document,
2,000,000 tiny paragraphs, a 300,000-cell table, ...) and prints time and peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import newsdesk
import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))
import adversarial  # noqa: E402

ERRORS = {
    "missing": "no content",
    "empty": "empty document",
    "white_space": "empty document",
    "nul_bytes": "binary content",
    "binary": "binary content",
}


def _all_tables(docs):
    arts = newsdesk.articles(docs)
    ents = newsdesk.entities(arts)
    cl = newsdesk.claims(arts)
    return arts, ents, cl


def test_every_adversarial_document_gets_its_row_in_one_batch():
    named = list(adversarial.documents(0.01))
    docs = [d for _, d in named]
    arts, ents, cl = _all_tables(docs)
    assert arts.height == len(docs)
    assert arts["doc_id"].to_list() == list(range(len(docs)))
    for i, (name, _) in enumerate(named):
        err = arts["error"][i]
        if name in ERRORS:
            assert err is not None and err.startswith(ERRORS[name]), (name, err)
        elif name == "invalid_utf8":
            assert arts["text"][i], (name, err)  # decoded by detection, bad bytes replaced
        else:
            assert err is None and arts["text"][i], (name, err)
    assert "minister" in arts["text"][[n for n, _ in named].index("utf16_without_bom")]
    texts = dict(zip(arts["doc_id"], arts["text"]))
    for a, z, s, d in ents.select("start", "end", "text", "doc_id").iter_rows():
        assert texts[d][a:z] == s
    for a, z, s, d in cl.select("content_start", "content_end", "content", "doc_id").iter_rows():
        assert texts[d][a:z] == s


def _cpu(docs) -> float:
    t = time.process_time()  # all threads' CPU: not stretched by other processes
    _all_tables(docs)
    return time.process_time() - t


def test_adversarial_corpus_takes_time_linear_in_its_size():
    small = [d for _, d in adversarial.documents(0.004)]
    big = [d for _, d in adversarial.documents(0.016)]
    _cpu(small)  # warm-up
    ratio = min(_cpu(big) / max(_cpu(small), 1e-3) for _ in range(2))
    assert ratio < 6, f"4x the corpus took {ratio:.1f}x the time"


@pytest.mark.parametrize("name", ["news_100mb", "quote_marks_only", "table_300k_cells", "deep_nesting"])
def test_adversarial_document_memory_is_bounded_by_its_size(name):
    child = Path(__file__).parent.parent / "benches" / "adversarial.py"
    # the benchmark's per-document child process, at 3% of full size
    src = child.read_text(encoding="utf-8")
    code = src.split('CHILD = r"""', 1)[1].split('"""', 1)[0]
    p = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent / "data"), name, "0.03"],
        capture_output=True, text=True, timeout=300, env={"RAYON_NUM_THREADS": "1", "PATH": ""},
    )
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout.strip().splitlines()[-1])
    assert r["rows"] == 1 and r["error"] is None
    # memory over the process's size before the call: a fixed ~15 MB plus a bounded factor
    assert r["extra_rss"] < 40e6 + 300 * r["bytes"], f"{name}: {r['extra_rss'] / 1e6:.0f} MB for {r['bytes'] / 1e6:.1f} MB in"
