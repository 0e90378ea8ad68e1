"""Streaming a corpus to Parquet datasets: files in, ``OUT/<table>/part-NNNNN.parquet`` out.

Documents are read in batches (see :mod:`newsdesk.io`), each batch goes through the Rust core
and every requested table is written as one part file per batch, so peak memory depends on the
batch size, not on the corpus size. Part files are written to a temporary name and renamed, so
a part file that exists is complete; a restarted run skips the batches whose part files all
exist (it still reads their input, to keep batch boundaries and ``doc_id``\\s identical).
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from . import io

#: Tables :func:`process` can write, in the order they are written for a batch.
TABLES = ("entities", "claims", "articles", "duplicates")
_MANIFEST = "_newsdesk_run.json"


@dataclass
class RunSummary:
    """What :func:`process` did."""

    out_dir: Path
    tables: dict[str, Path]
    documents: int = 0
    batches: int = 0
    skipped_batches: int = 0
    errors: int = 0
    words: int = 0
    removed_lines: int = 0
    languages: Counter = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = self.documents / self.seconds if self.seconds > 0 else float("inf")
        top = ", ".join(f"{k} {v}" for k, v in self.languages.most_common(6)) or "none"
        skipped = f" ({self.skipped_batches} finished batches skipped)" if self.skipped_batches else ""
        rows = "; ".join(f"{t}: {n:,} rows" for t, n in self.rows.items())
        return (
            f"{self.documents} documents in {self.seconds:.2f} s ({rate:,.0f} docs/s){skipped}; "
            f"{self.errors} with errors; languages: {top}; {self.words:,} words of clean text; "
            f"{self.removed_lines} boilerplate lines removed; {rows}"
        )


def _available(name: str) -> bool:
    import newsdesk  # noqa: PLC0415

    return name in ("articles", "duplicates") or callable(getattr(newsdesk, name, None))


def _part(out: Path, table: str, i: int) -> Path:
    return out / table / f"part-{i:05d}.parquet"


class OutputError(OSError):
    """The output folder cannot be written (not writable, full disk, ...): names the path."""


def _atomic(target: Path, write: Any) -> None:
    """Write ``target`` by ``write(tmp)`` to a temporary name in the same folder, then rename it
    in place: a file with the real name is always complete. On failure the temporary file is
    removed and an :class:`OutputError` names the path."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, target)
    except BaseException as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(e, (OSError, pl.exceptions.ComputeError)) and not isinstance(e, OutputError):
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise OutputError(getattr(e, "errno", None), f"cannot write {target}: {reason}", str(target)) from e
        raise


def _write(df: pl.DataFrame, target: Path) -> None:
    _atomic(target, lambda tmp: df.write_parquet(tmp, compression="zstd"))


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary part files a killed run left behind (never complete, never read)."""
    for t in TABLES:
        if (out / t).is_dir():
            for f in (out / t).glob(".part-*.parquet.tmp"):
                f.unlink(missing_ok=True)


def _check_manifest(out: Path, spec: dict[str, Any], overwrite: bool) -> None:
    m = out / _MANIFEST
    if m.exists() and not overwrite:
        try:
            old = json.loads(m.read_text(encoding="utf-8"))
        except ValueError:
            old = None
        if old != spec:
            raise ValueError(
                f"out_dir: {str(out)!r} holds the output of a different run ({m.name} differs: "
                "other inputs, batch_size or options); use another folder or overwrite=True"
            )
    if overwrite:
        for t in TABLES:
            for f in (out / t).glob("part-*.parquet") if (out / t).is_dir() else ():
                f.unlink()
    _remove_stale_temporaries(out)
    _atomic(m, lambda tmp: tmp.write_text(json.dumps(spec, indent=1), encoding="utf-8"))


def process(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    tables: Iterable[str] = ("articles", "entities", "claims"),
    batch_size: int = 1000,
    language: str | None = None,
    day_first: bool | None = None,
    dedup_threshold: float = 0.5,
    overwrite: bool = False,
    progress: bool = True,
) -> RunSummary:
    """Process a corpus of files into Parquet datasets, batch by batch.

    Parameters
    ----------
    inputs
        Files and folders: ``.txt``/``.html`` files, ``.jsonl``/``.jsonl.gz`` (one JSON object a
        line, keys as :func:`newsdesk.articles` reads them), ``.csv``, ``.parquet`` (a
        text/html column) and ``.warc``/``.warc.gz`` (the ``response`` records, e.g. CC-NEWS).
        Folders are walked for these types.
    out_dir
        Output folder: each table becomes a dataset ``out_dir/<table>/part-00000.parquet`` …,
        one part file per batch; read it back with ``pl.scan_parquet(out_dir / "articles")``.
    tables
        Which of ``articles``, ``entities``, ``claims`` and ``duplicates`` to write. ``entities``
        and ``claims`` are skipped with a warning when this build does not have them.
        ``duplicates`` (``doc_id``, ``group_id``, ``similarity``; see :func:`newsdesk.duplicates`)
        is computed over the whole corpus at the end, from MinHash signatures kept per batch
        (256 bytes per document), and written as one part file.
    batch_size
        Documents per batch (and per part file). Peak memory grows with it, not with the corpus.
    language, day_first
        As in :func:`newsdesk.articles`.
    dedup_threshold
        Similarity threshold for ``duplicates``.
    overwrite
        Delete the part files of an earlier run in ``out_dir``. Without it, a run in a folder
        that holds an interrupted run *of the same inputs and options* resumes: batches whose
        part files all exist are skipped.
    progress
        Show a progress bar (tqdm.auto: terminal or Jupyter; silent when not interactive).

    Returns
    -------
    RunSummary
        Counts (documents, errors, rows per table, languages) and the dataset folders; ``str()``
        gives a one-line summary.

    >>> import tempfile
    >>> tmp = tempfile.mkdtemp()
    >>> _ = open(f"{tmp}/a.txt", "w").write("Storm hits coast\\n\\nA storm hit the coast on Monday.")
    >>> s = newsdesk.process([tmp], f"{tmp}/out", tables=["articles"], progress=False)
    >>> pl.read_parquet(f"{tmp}/out/articles").select("title", "text").row(0)
    ('Storm hits coast', 'A storm hit the coast on Monday.')
    """
    import newsdesk  # noqa: PLC0415

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size: expected a positive int, got {batch_size!r}")
    if isinstance(tables, str):
        tables = [tables]
    requested = list(dict.fromkeys(tables))
    unknown = [t for t in requested if t not in TABLES]
    if unknown:
        raise ValueError(f"tables: unknown table(s) {unknown}; choose from {list(TABLES)}")
    missing = [t for t in requested if not _available(t)]
    if missing:
        warnings.warn(f"tables: {missing} are not available in this build of newsdesk and are skipped", stacklevel=2)
    wanted = [t for t in TABLES if t in requested and t not in missing]
    per_batch = [t for t in wanted if t != "duplicates"]
    paths = io.expand(list(inputs))
    out = Path(out_dir)
    spec = {
        "newsdesk": newsdesk.__version__,
        "inputs": [str(p.resolve()) for p in paths],
        "batch_size": batch_size,
        "tables": wanted,
        "language": language,
        "day_first": day_first,
    }
    _check_manifest(out, spec, overwrite)
    summary = RunSummary(out_dir=out, tables={t: out / t for t in wanted}, rows={t: 0 for t in wanted})
    index = newsdesk._core.MinHashIndex() if "duplicates" in wanted else None
    ids: list[pl.Series] = []
    t0 = time.perf_counter()
    from tqdm.auto import tqdm  # noqa: PLC0415

    total = io.count_documents(paths)
    with tqdm(total=total, desc="newsdesk", unit="doc", disable=None if progress else True, dynamic_ncols=True) as bar:
        for i, batch in enumerate(io.iter_batches(paths, batch_size)):
            offset = i * batch_size
            done = all(_part(out, t, i).exists() for t in per_batch)
            if done:
                summary.skipped_batches += 1
                cols = ["doc_id", "text", "error", "language", "word_count", "removed"]
                arts = pl.read_parquet(_part(out, "articles", i), columns=cols) if "articles" in per_batch else None
                for t in per_batch:
                    if t != "articles":
                        summary.rows[t] += pl.scan_parquet(_part(out, t, i)).select(pl.len()).collect().item()
                if arts is None and index is not None:
                    arts = newsdesk.articles(batch, day_first=day_first, language=language)
            else:
                # all tables of the batch in one pass through the core
                result = newsdesk.analyze(
                    batch, day_first=day_first, language=language, tables=["articles", *[t for t in per_batch if t != "articles"]]
                )
                arts = result.articles
                pre_errors = [d.get("_error") for d in batch]
                if any(pre_errors):
                    arts = arts.with_columns(
                        pl.Series("error", [e or x for e, x in zip(pre_errors, arts["error"].to_list())], dtype=pl.String)
                    )
                arts = arts.with_columns(pl.col("doc_id") + offset)
                for t in per_batch:
                    df = arts if t == "articles" else getattr(result, t).with_columns(pl.col("doc_id") + offset)
                    if t != "articles":
                        summary.rows[t] += df.height
                    _write(df, _part(out, t, i))
                del result
            if arts is not None:
                summary.documents += arts.height
                summary.errors += int(arts["error"].is_not_null().sum())
                summary.words += int(arts["word_count"].sum() or 0)
                summary.removed_lines += int(arts["removed"].list.len().sum() or 0)
                summary.languages.update(x for x in arts["language"].to_list() if x)
                if "articles" in summary.rows:
                    summary.rows["articles"] += arts.height
                if index is not None:
                    index.add(arts["text"].to_list())
                    ids.append(arts["doc_id"])
            else:
                summary.documents += len(batch)
            summary.batches += 1
            bar.update(len(batch))
            del arts, batch
    if index is not None:
        all_ids = pl.concat(ids) if ids else pl.Series("doc_id", [], dtype=pl.Int64)
        g = pl.DataFrame(index.groups(dedup_threshold))
        dup = pl.DataFrame({"doc_id": all_ids, "group_id": all_ids.gather(g["group_row"]), "similarity": g["similarity"]})
        _write(dup, _part(out, "duplicates", 0))
        summary.rows["duplicates"] = dup.height
    summary.seconds = time.perf_counter() - t0
    return summary
