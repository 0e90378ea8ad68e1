"""Dask: the newsdesk tables for Dask DataFrames, partition by partition, through the Rust core.

Each partition (pandas) goes through the same :func:`newsdesk.articles` (and ``entities``,
``claims`` where this build has them) as a single-process call, on the worker; ``doc_id`` is
the row's global position in the input (partition lengths are computed first), so the result
has the same rows as ``newsdesk.articles(ddf.compute())``.

Partitions are pandas frames with Arrow-backed dtypes (lists stay lists, nulls stay nulls).

Each partition goes through :func:`newsdesk.analyze` once, building only the table asked for.

Thread pools: every worker process has one Rust (rayon) pool. So that workers do not
oversubscribe the cores, the pool of each worker process is sized with
:func:`newsdesk.set_threads`, before its first partition, to ``cores // worker processes on
that host`` (at least 1), or to ``threads=`` when given.

>>> import dask.dataframe as dd, pandas as pd
>>> ddf = dd.from_pandas(pd.DataFrame({"text": ["Storm hits coast\\n\\nA storm hit the coast on Monday."] * 4}), npartitions=2)
>>> newsdesk.dask.articles(ddf).compute()["doc_id"].tolist()
[0, 1, 2, 3]
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import polars as pl

_configured = False


def _host(address: str) -> str:
    return urlsplit(address).hostname or address


def _workers_per_host() -> dict[str, int]:
    """Worker processes per host of the active distributed client (empty without one)."""
    try:
        from distributed import default_client  # noqa: PLC0415

        client = default_client()
    except (ImportError, ValueError):
        return {}
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:  # older distributed
        info = client.scheduler_info()
    counts: dict[str, int] = {}
    for addr in info.get("workers", {}):
        counts[_host(addr)] = counts.get(_host(addr), 0) + 1
    return counts


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (macOS, Windows)
        return os.cpu_count() or 1


def configure_threads(threads: int | None = None, workers_per_host: dict[str, int] | None = None) -> int:
    """Size this process's Rust thread pool once (later calls keep the first size) with
    :func:`newsdesk.set_threads`, and return its size.

    Without ``threads``: on a distributed worker, ``cores // worker processes on this host``;
    elsewhere the pool keeps its default (all cores, or ``NEWSDESK_THREADS``).
    """
    global _configured
    from . import _analyze  # noqa: PLC0415

    if _configured:
        return _analyze.threads()
    n = threads
    if n is None and workers_per_host:
        try:
            from distributed import get_worker  # noqa: PLC0415

            here = workers_per_host.get(_host(get_worker().address), 1)
            n = max(1, _cores() // max(1, here))
        except (ImportError, ValueError):
            n = None
    if n is not None:
        _analyze.set_threads(int(n))
    _configured = True
    return _analyze.threads()


def _partition_table(
    part: Any, offset: int, table: str, kwargs: dict[str, Any], threads: int | None, per_host: dict[str, int]
) -> Any:
    import newsdesk  # noqa: PLC0415

    configure_threads(threads, per_host)
    frame = pl.from_pandas(part) if not isinstance(part, pl.DataFrame) else part
    if len(frame.columns) == 1 and frame.columns[0] not in ("text", "html", "content") and kwargs.get("column") is None:
        kwargs = {**kwargs, "column": frame.columns[0]}
    out = getattr(newsdesk.analyze(frame, tables=[table], **kwargs), table).with_columns(pl.col("doc_id") + offset)
    return out.to_pandas(use_pyarrow_extension_array=True)


def _empty_meta(table: str) -> Any:
    import newsdesk  # noqa: PLC0415

    return getattr(newsdesk.analyze([], tables=[table]), table).to_pandas(use_pyarrow_extension_array=True)


def _map(ddf: Any, table: str, threads: int | None, kwargs: dict[str, Any]) -> Any:
    import dask  # noqa: PLC0415
    import dask.dataframe as dd  # noqa: PLC0415

    if isinstance(ddf, dd.Series):
        ddf = ddf.to_frame()
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf: expected a dask DataFrame or Series, got {type(ddf).__name__}")
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads: expected a positive int or None, got {threads!r}")
    parts = ddf.to_delayed()
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets = [0]
    for n in lengths[:-1]:
        offsets.append(offsets[-1] + n)
    per_host = _workers_per_host()
    fn = dask.delayed(_partition_table, pure=True)
    out = [fn(p, off, table, kwargs, threads, per_host) for p, off in zip(parts, offsets)]
    return dd.from_delayed(out, meta=_empty_meta(table), verify_meta=False)


def articles(
    ddf: Any,
    *,
    column: str | None = None,
    url_column: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    threads: int | None = None,
) -> Any:
    """The articles table of a Dask DataFrame (or Series) of documents, as a Dask DataFrame.

    Columns and options as :func:`newsdesk.articles` (``column``/``url_column`` pick the
    content and URL columns; a one-column frame uses its column). Partition lengths are computed
    first (one pass) so ``doc_id`` is each row's global position. ``threads`` sets the Rust pool
    size of each worker process (default: cores // worker processes on the host).
    """
    return _map(
        ddf, "articles", threads, {"column": column, "url_column": url_column, "language": language, "day_first": day_first}
    )


def entities(
    ddf: Any, *, column: str | None = None, url_column: str | None = None, language: str | None = None, threads: int | None = None
) -> Any:
    """The entities table (see ``newsdesk.entities``) of a Dask DataFrame of documents: each
    partition runs through ``articles`` then ``entities`` on the worker; ``doc_id`` as in
    :func:`articles`."""
    return _map(ddf, "entities", threads, {"column": column, "url_column": url_column, "language": language})


def claims(
    ddf: Any, *, column: str | None = None, url_column: str | None = None, language: str | None = None, threads: int | None = None
) -> Any:
    """The claims table (see ``newsdesk.claims``) of a Dask DataFrame of documents: each
    partition runs through ``articles`` then ``claims`` on the worker; ``doc_id`` as in
    :func:`articles`."""
    return _map(ddf, "claims", threads, {"column": column, "url_column": url_column, "language": language})
