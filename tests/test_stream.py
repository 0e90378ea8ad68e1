"""newsdesk.process: streaming files (incl. WARC) to Parquet datasets, batch by batch, resumable."""

from __future__ import annotations

import gzip
import json
import os

import newsdesk
import polars as pl
import pytest
from newsdesk import io, stream


def _warc_record(warc_type: str, uri: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)) % 10**12}>\r\n"
        f"Content-Type: application/http; msgtype={warc_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def _http(body: bytes, ctype: str = "text/html", status: str = "200 OK", extra: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body


def write_warc(path, gz: bool = True) -> None:
    """A small CC-NEWS-like WARC: warcinfo, request, responses (Latin-1 with the charset only in
    the HTTP header, chunked, 404, image), each record its own gzip member as in Common Crawl."""
    latin = "<html><head><title>Chuva em São Paulo</title></head><body><p>A chuva forte atingiu São Paulo na terça-feira, e a Defesa Civil emitiu um alerta para toda a região metropolitana.</p></body></html>"
    chunked_body = (
        b"<html><body><p>Markets rose on Monday after the central bank held rates steady, traders said.</p></body></html>"
    )
    chunks = b"%x\r\n%s\r\n0\r\n\r\n" % (len(chunked_body), chunked_body)
    records = [
        _warc_record("warcinfo", "", b"software: test\r\n"),
        _warc_record("request", "https://news.example.br/chuva", b"GET /chuva HTTP/1.1\r\nHost: news.example.br\r\n\r\n"),
        _warc_record(
            "response", "https://news.example.br/chuva", _http(latin.encode("latin-1"), "text/html; charset=ISO-8859-1")
        ),
        _warc_record("response", "https://news.example.com/markets", _http(chunks, extra="Transfer-Encoding: chunked\r\n")),
        _warc_record("response", "https://news.example.com/missing", _http(b"<p>Not found</p>", status="404 Not Found")),
        _warc_record("response", "https://news.example.com/logo.png", _http(b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png")),
    ]
    with open(path, "wb") as f:
        for r in records:
            f.write(gzip.compress(r) if gz else r)


def test_warc_reader_keeps_html_responses_with_uri_and_charset(tmp_path):
    for gz in (True, False):
        p = tmp_path / ("cc.warc.gz" if gz else "cc.warc")
        write_warc(p, gz)
        docs = list(io.iter_warc(p))
        assert [d["url"] for d in docs] == ["https://news.example.br/chuva", "https://news.example.com/markets"]
        assert docs[0]["charset"] == "ISO-8859-1"
        assert docs[1]["content"].startswith(b"<html>") and docs[1]["content"].endswith(b"</html>")
    df = newsdesk.articles(docs)
    assert "São Paulo" in df["text"][0] and df["title"][0].startswith("Chuva em São Paulo")
    assert df["text"][1].startswith("Markets rose on Monday")


def test_warc_reader_agrees_with_warcio(tmp_path):
    warcio = pytest.importorskip("warcio.archiveiterator")
    p = tmp_path / "cc.warc.gz"
    write_warc(p)
    with open(p, "rb") as f:
        theirs = [r.rec_headers.get_header("WARC-Target-URI") for r in warcio.ArchiveIterator(f) if r.rec_type == "response"]
    assert theirs[:2] == [d["url"] for d in io.iter_warc(p)]


def make_corpus(d, n_txt: int = 7) -> None:
    d.mkdir()
    for i in range(n_txt):
        (d / f"{i:02d}.txt").write_text(
            f"Story number {i}\n\n- Advertisement -\n\nThe council met on Monday to discuss item {i} of the budget, officials said.",
            encoding="utf-8",
        )
    with gzip.open(d / "s.jsonl.gz", "wt", encoding="utf-8") as f:
        for i in range(5):
            f.write(
                json.dumps(
                    {
                        "url": f"https://example.com/{i}",
                        "text": f"Jsonl story {i} about the harbour expansion, which the mayor approved.",
                    }
                )
                + "\n"
            )
    pl.DataFrame({"content": [f"Csv story {i} about the new bridge." for i in range(4)]}).write_csv(d / "t.csv")
    pl.DataFrame({"html": [f"<p>Parquet story {i} about the airport.</p>" for i in range(6)]}).write_parquet(
        d / "u.parquet", row_group_size=2
    )
    write_warc(d / "v.warc.gz")


def test_process_writes_one_part_file_per_batch_for_every_format(tmp_path):
    make_corpus(tmp_path / "in")
    s = newsdesk.process(tmp_path / "in", tmp_path / "out", tables=["articles"], batch_size=4, progress=False)
    parts = sorted((tmp_path / "out" / "articles").glob("part-*.parquet"))
    assert s.documents == 7 + 5 + 4 + 6 + 2 == 24
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(6)]
    df = pl.read_parquet(tmp_path / "out" / "articles" / "*.parquet")
    assert df["doc_id"].to_list() == list(range(24))
    assert df.schema == pl.Schema(newsdesk.ARTICLES_SCHEMA)
    texts = "\n".join(df["text"].to_list())
    for needle in ("item 6 of the budget", "Jsonl story 4", "Csv story 3", "Parquet story 5", "Markets rose on Monday"):
        assert needle in texts
    assert "Advertisement" not in texts
    assert "24 documents" in str(s)


def test_process_writes_other_tables_and_duplicates(tmp_path):
    make_corpus(tmp_path / "in")
    with pytest.warns(UserWarning) if not all(stream._available(t) for t in ("entities", "claims")) else _nothing():
        s = newsdesk.process(
            tmp_path / "in",
            tmp_path / "out",
            tables=["articles", "entities", "claims", "duplicates"],
            batch_size=10,
            progress=False,
        )
    dup = pl.read_parquet(tmp_path / "out" / "duplicates" / "*.parquet")
    assert dup.height == 24 and dup["doc_id"].to_list() == list(range(24))
    assert s.rows["duplicates"] == 24
    for t in ("entities", "claims"):
        if stream._available(t):
            df = pl.read_parquet(tmp_path / "out" / t / "*.parquet")
            assert df.height == s.rows[t] and set(df["doc_id"].to_list()) <= set(range(24))


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def test_interrupted_run_resumes_and_skips_finished_parts(tmp_path, monkeypatch):
    make_corpus(tmp_path / "in")
    full = tmp_path / "full"
    newsdesk.process(tmp_path / "in", full, tables=["articles", "duplicates"], batch_size=5, progress=False)
    expected = pl.read_parquet(full / "articles" / "*.parquet")

    out = tmp_path / "out"
    real = newsdesk.analyze  # process runs each batch through analyze
    calls = {"n": 0}

    def flaky(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C during the third batch
        return real(*a, **k)

    monkeypatch.setattr(newsdesk, "analyze", flaky)
    with pytest.raises(KeyboardInterrupt):
        newsdesk.process(tmp_path / "in", out, tables=["articles", "duplicates"], batch_size=5, progress=False)
    monkeypatch.setattr(newsdesk, "analyze", real)
    done = sorted((out / "articles").glob("part-*.parquet"))
    assert [p.name for p in done] == ["part-00000.parquet", "part-00001.parquet"]
    assert not list((out / "articles").glob(".*tmp"))
    mtimes = [p.stat().st_mtime_ns for p in done]

    s = newsdesk.process(tmp_path / "in", out, tables=["articles", "duplicates"], batch_size=5, progress=False)
    assert s.skipped_batches == 2 and s.documents == 24
    assert [p.stat().st_mtime_ns for p in done] == mtimes  # finished parts were not rewritten
    assert pl.read_parquet(out / "articles" / "*.parquet").equals(expected)
    assert pl.read_parquet(out / "duplicates" / "*.parquet").equals(pl.read_parquet(full / "duplicates" / "*.parquet"))

    with pytest.raises(ValueError, match="different run"):
        newsdesk.process(tmp_path / "in", out, tables=["articles"], batch_size=7, progress=False)
    s = newsdesk.process(tmp_path / "in", out, tables=["articles"], batch_size=7, progress=False, overwrite=True)
    assert s.skipped_batches == 0 and len(list((out / "articles").glob("part-*.parquet"))) == 4


def test_parquet_and_csv_are_read_in_batches(tmp_path):
    n = 2500
    pl.DataFrame({"text": [f"row {i}" for i in range(n)]}).write_parquet(tmp_path / "a.parquet", row_group_size=1000)
    pl.DataFrame({"text": [f"row {i}" for i in range(n)]}).write_csv(tmp_path / "a.csv")
    for name in ("a.parquet", "a.csv"):
        frames = list(
            io._parquet_frames(tmp_path / name, 300) if name.endswith("parquet") else io._csv_frames(tmp_path / name, 300)
        )
        assert max(f.height for f in frames) <= 300
        assert sum(f.height for f in frames) == n
        assert frames[-1]["text"][-1] == f"row {n - 1}"


def test_process_rejects_bad_arguments(tmp_path):
    make_corpus(tmp_path / "in")
    with pytest.raises(ValueError, match="tables"):
        newsdesk.process(tmp_path / "in", tmp_path / "o", tables=["sentiment"])
    with pytest.raises(ValueError, match="batch_size"):
        newsdesk.process(tmp_path / "in", tmp_path / "o", batch_size=0)
    with pytest.raises(FileNotFoundError):
        newsdesk.process(tmp_path / "nope", tmp_path / "o", tables=["articles"])


def test_cli_run_writes_datasets_and_resumes(tmp_path, capsys):
    from newsdesk.cli import main

    make_corpus(tmp_path / "in")
    assert (
        main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--tables", "articles", "--dedup", "--batch-size", "8"])
        == 0
    )
    out = capsys.readouterr().out
    assert "24 documents" in out and "articles" in out and "duplicates" in out
    assert (
        main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--tables", "articles", "--dedup", "--batch-size", "8"])
        == 0
    )
    assert "3 finished batches skipped" in capsys.readouterr().out
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--batch-size", "9"]) == 2
    assert os.path.exists(tmp_path / "o" / "duplicates" / "part-00000.parquet")
