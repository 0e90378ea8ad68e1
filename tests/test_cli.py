"""The newsdesk command: run over files and folders, and the demo."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import polars as pl
from newsdesk.cli import main


def test_run_reads_every_supported_format(tmp_path):
    (tmp_path / "a.txt").write_text("Storm hits coast\n\nA storm hit the coast on Monday.\n\n- Advertisement -", encoding="utf-8")
    (tmp_path / "b.html").write_bytes("<html><body><p>O Banco Central subiu os juros.</p></body></html>".encode("latin-1"))
    with gzip.open(tmp_path / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"url": "https://example.com/1", "text": "First jsonl story."}) + "\n")
        f.write("{not json\n")
    pl.DataFrame({"content": ["A csv story."], "url": ["https://example.com/csv"]}).write_csv(tmp_path / "d.csv")
    pl.DataFrame({"html": ["<p>A parquet story.</p>"], "link": ["https://example.com/pq"]}).write_parquet(tmp_path / "e.parquet")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path), "--out", str(out)]) == 0
    df = pl.read_parquet(out / "articles" / "*.parquet")
    assert df.height == 6
    assert df["doc_id"].to_list() == list(range(6))
    texts = df["text"].to_list()
    assert "A storm hit the coast on Monday." in texts
    assert "First jsonl story." in texts
    assert "A csv story." in texts and "A parquet story." in texts
    assert df.filter(pl.col("text") == "")["error"].to_list()[0].startswith("invalid JSON")


def test_demo_prints_the_table_and_summary():
    r = subprocess.run([sys.executable, "-m", "newsdesk", "demo"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "documents in" in r.stdout
    assert "pt-economia-juros.html" in r.stdout
    assert "binary content" in r.stdout
