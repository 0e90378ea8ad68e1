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


def test_run_reads_json_exports_and_relative_paths(tmp_path, monkeypatch):
    # Scrapy's `-o items.json` writes one JSON array; a .json file of JSON lines is read as lines
    items = [{"url": "https://example.com/a", "html": "<p>The first exported story, said the mayor.</p>"},
             {"url": "https://example.com/b", "text": "The second exported story."}]
    (tmp_path / "items.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp_path / "lines.json").write_text("\n".join(json.dumps({"text": f"Line story {i}."}) for i in range(2)), encoding="utf-8")
    with gzip.open(tmp_path / "one.json.gz", "wt", encoding="utf-8") as f:
        json.dump({"text": "One object, one story.", "url": "https://example.com/one"}, f)
    monkeypatch.chdir(tmp_path)
    assert main(["run", ".", "--out", "out"]) == 0
    df = pl.read_parquet(tmp_path / "out" / "articles" / "*.parquet")
    assert df["text"].to_list() == [
        "The first exported story, said the mayor.",
        "The second exported story.",
        "Line story 0.",
        "Line story 1.",
        "One object, one story.",
    ]
    assert df["url"].to_list()[:2] == ["https://example.com/a", "https://example.com/b"]
    assert df["error"].is_null().all()


def test_demo_prints_the_table_and_summary():
    r = subprocess.run([sys.executable, "-m", "newsdesk", "demo"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "documents in" in r.stdout
    assert "pt-economia-juros.html" in r.stdout
    assert "binary content" in r.stdout
