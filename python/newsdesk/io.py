"""Reading corpora: files, folders, JSONL(.gz), CSV and Parquet into batches of documents.

Every reader yields lists of dicts (``{"content": ..., "url": ..., ...}``) that
:func:`newsdesk.articles` accepts, so memory is bounded by the batch size.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any, Iterator

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz", ".json"}
TABLE_SUFFIXES = {".csv", ".parquet", ".pq"}


def _suffix(p: Path) -> str:
    s = "".join(p.suffixes[-2:]).lower()
    return s if s in JSONL_SUFFIXES else p.suffix.lower()


def expand(inputs: list[str | os.PathLike[str]]) -> list[Path]:
    """Files named by ``inputs``; folders are walked (sorted) for known file types."""
    known = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES
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

            n += pl.scan_parquet(p).select(pl.len()).collect().item()
        else:
            return None
    return n


def _jsonl_lines(p: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if p.suffix.lower() == ".gz" else open
    with opener(p, "rt", encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield {"content": None, "url": f"{p.as_uri()}#L{lineno}", "_error": f"invalid JSON: {e}"}
                continue
            yield obj if isinstance(obj, dict) else {"content": obj}


def iter_batches(paths: list[Path], batch_size: int = 512) -> Iterator[list[dict[str, Any]]]:
    """Yield lists of up to ``batch_size`` document dicts from ``paths``, in order."""
    import polars as pl  # noqa: PLC0415

    batch: list[dict[str, Any]] = []

    def emit(doc: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield batch.copy()
            batch.clear()

    for p in paths:
        s = _suffix(p)
        if s in TEXT_SUFFIXES | HTML_SUFFIXES:
            yield from emit({"content": p.read_bytes(), "url": p.resolve().as_uri()})
        elif s in JSONL_SUFFIXES:
            for doc in _jsonl_lines(p):
                yield from emit(doc)
        elif s == ".csv":
            for frame in pl.read_csv(p, infer_schema=False).iter_slices(batch_size):
                for doc in frame.iter_rows(named=True):
                    yield from emit(doc)
        elif s in {".parquet", ".pq"}:
            for frame in pl.read_parquet(p).iter_slices(batch_size):
                for doc in frame.iter_rows(named=True):
                    yield from emit(doc)
        else:
            yield from emit({"content": p.read_bytes(), "url": p.resolve().as_uri()})
    if batch:
        yield batch
