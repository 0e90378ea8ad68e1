"""Reading corpora: files, folders, JSONL(.gz), CSV, Parquet and WARC(.gz) into batches of documents.

Every reader streams: JSONL line by line, CSV and Parquet in record batches (pyarrow when it is
installed, else polars' batched reader / row-group slices), WARC record by record. They yield
lists of dicts (``{"content": ..., "url": ..., ...}``) that :func:`newsdesk.articles` accepts, so
memory is bounded by the batch size, not by the corpus size.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}
#: a whole JSON document: an array of items (Scrapy's ``-o items.json``) or one object; JSON lines
#: in a ``.json`` file are read as JSON lines
JSON_SUFFIXES = {".json", ".json.gz"}
TABLE_SUFFIXES = {".csv", ".parquet", ".pq"}
WARC_SUFFIXES = {".warc", ".warc.gz"}


def _suffix(p: Path) -> str:
    s = "".join(p.suffixes[-2:]).lower()
    return s if s in JSONL_SUFFIXES | JSON_SUFFIXES | WARC_SUFFIXES else p.suffix.lower()


def expand(inputs: list[str | os.PathLike[str]]) -> list[Path]:
    """Files named by ``inputs``; folders are walked (sorted) for known file types."""
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | TABLE_SUFFIXES | WARC_SUFFIXES
    out: list[Path] = []
    for i in inputs:
        p = Path(i)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and _suffix(f) in known))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"inputs: {str(p)!r} does not exist")
    return out


def count_documents(paths: list[Path]) -> int | None:
    """Number of documents, when it is cheap to know (for the progress bar)."""
    n = 0
    for p in paths:
        s = _suffix(p)
        if s in TEXT_SUFFIXES | HTML_SUFFIXES:
            n += 1
        elif s == ".parquet" or s == ".pq":
            import polars as pl  # noqa: PLC0415

            n += pl.scan_parquet(p).select(pl.len()).collect().item()  # from the footer only
        else:
            return None
    return n


def _open_text(p: Path) -> Any:
    opener = gzip.open if p.suffix.lower() == ".gz" else open
    return opener(p, "rt", encoding="utf-8", errors="replace")


def _jsonl_lines(p: Path) -> Iterator[dict[str, Any]]:
    with _open_text(p) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield {"content": None, "url": f"{p.resolve().as_uri()}#L{lineno}", "_error": f"invalid JSON: {e}"}
                continue
            yield obj if isinstance(obj, dict) else {"content": obj}


def _json_items(p: Path) -> Iterator[dict[str, Any]]:
    """A ``.json`` file: an array of items (each a document), or one object (one document). A
    file that is not one JSON value is read as JSON lines, a line a document. (The whole file is
    read at once; JSON lines stream.)"""
    with _open_text(p) as f:
        text = f.read()
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from _jsonl_lines(p)
        return
    for item in obj if isinstance(obj, list) else [obj]:
        yield item if isinstance(item, dict) else {"content": item}


def _csv_frames(p: Path, batch_size: int) -> Iterator[Any]:
    """CSV in record batches of about ``batch_size`` rows, all columns as strings."""
    try:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.csv as pacsv  # noqa: PLC0415
    except ImportError:
        pa = None
    import polars as pl  # noqa: PLC0415

    if pa is not None:
        names = pacsv.open_csv(p).schema.names
        reader = pacsv.open_csv(
            p,
            read_options=pacsv.ReadOptions(block_size=1 << 22),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in names}),
        )
        for rb in reader:
            frame = pl.from_arrow(rb)
            yield from frame.iter_slices(batch_size)
        return
    reader = pl.read_csv_batched(p, infer_schema=False, batch_size=batch_size)
    while True:
        frames = reader.next_batches(1)
        if not frames:
            return
        yield from frames


def _parquet_frames(p: Path, batch_size: int) -> Iterator[Any]:
    """Parquet in record batches of ``batch_size`` rows (row group by row group)."""
    import polars as pl  # noqa: PLC0415

    try:
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError:
        pq = None
    if pq is not None:
        with pq.ParquetFile(p) as f:
            for rb in f.iter_batches(batch_size=batch_size):
                yield pl.from_arrow(rb)
        return
    n = pl.scan_parquet(p).select(pl.len()).collect().item()
    for off in range(0, n, batch_size):
        yield pl.scan_parquet(p).slice(off, batch_size).collect()


# ---- WARC ----

_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def _headers(lines: list[bytes]) -> dict[str, str]:
    h: dict[str, str] = {}
    for line in lines:
        k, sep, v = line.decode("latin-1").partition(":")
        if sep:
            h[k.strip().lower()] = v.strip()
    return h


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip().lower() == "charset" and v.strip("\"' "):
            return v.strip("\"' ")
    return None


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body):
        end = body.find(b"\r\n", pos)
        if end < 0:
            break
        try:
            size = int(body[pos:end].split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return body  # not really chunked
        if size == 0:
            break
        out += body[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2
    return bytes(out)


def _http_payload(block: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """Status, headers and body of an HTTP response block (None when it is not one)."""
    if not block.startswith(b"HTTP/"):
        return None
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.split(b"\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        status = 0
    h = _headers([line.rstrip(b"\r") for line in lines[1:]])
    if "chunked" in h.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    enc = h.get("content-encoding", "").lower()
    if enc in ("gzip", "x-gzip", "deflate"):
        import zlib  # noqa: PLC0415

        try:
            body = zlib.decompress(body, 47 if enc != "deflate" else 15)
        except zlib.error:
            try:
                body = zlib.decompress(body, -15)
            except zlib.error:
                pass  # the body was stored decoded already (as Common Crawl does)
    return status, h, body


def iter_warc(p: Path) -> Iterator[dict[str, Any]]:
    """Documents from the ``response`` records of a WARC / WARC.gz file (CC-NEWS format): the
    HTML payload as bytes, ``url`` from ``WARC-Target-URI``, ``charset`` from the HTTP
    ``Content-Type`` header. Records of other types, non-2xx responses and non-text payloads
    (images, PDFs) are skipped. Reads one record at a time."""
    opener = gzip.open if p.name.lower().endswith(".gz") else open
    with opener(p, "rb") as f:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.strip():
                continue
            if not line.startswith(b"WARC/"):
                continue  # resynchronise on the next record
            lines = []
            while True:
                line = f.readline()
                if not line or not line.strip():
                    break
                lines.append(line.rstrip(b"\r\n"))
            h = _headers(lines)
            try:
                length = int(h.get("content-length", "0"))
            except ValueError:
                length = 0
            block = f.read(length)
            if h.get("warc-type", "").lower() != "response":
                continue
            parsed = _http_payload(block)
            if parsed is None:
                continue
            status, http, body = parsed
            ctype = http.get("content-type", "")
            if not 200 <= status < 300 or (ctype and not ctype.lower().startswith(_HTML_TYPES)):
                continue
            yield {"content": body, "url": h.get("warc-target-uri", "").strip("<>") or None, "charset": _charset(ctype)}


# ---- end WARC ----


def iter_documents(paths: list[Path], batch_size: int = 512) -> Iterator[dict[str, Any]]:
    """Every document of ``paths`` as a dict, in order, streaming."""
    for p in paths:
        s = _suffix(p)
        if s in TEXT_SUFFIXES | HTML_SUFFIXES:
            yield {"content": p.read_bytes(), "url": p.resolve().as_uri()}
        elif s in JSONL_SUFFIXES:
            yield from _jsonl_lines(p)
        elif s in JSON_SUFFIXES:
            yield from _json_items(p)
        elif s in WARC_SUFFIXES:
            yield from iter_warc(p)
        elif s == ".csv":
            for frame in _csv_frames(p, batch_size):
                yield from frame.iter_rows(named=True)
        elif s in {".parquet", ".pq"}:
            for frame in _parquet_frames(p, batch_size):
                yield from frame.iter_rows(named=True)
        else:
            yield {"content": p.read_bytes(), "url": p.resolve().as_uri()}


def iter_batches(paths: list[Path], batch_size: int = 512) -> Iterator[list[dict[str, Any]]]:
    """Yield lists of up to ``batch_size`` document dicts from ``paths``, in order. Every batch
    but the last holds exactly ``batch_size`` documents (batches run across file boundaries)."""
    batch: list[dict[str, Any]] = []
    for doc in iter_documents(paths, batch_size):
        batch.append(doc)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch
