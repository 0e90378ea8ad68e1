"""PySpark: the articles table with ``DataFrame.mapInArrow``, through the same Rust core.

Recipe (Spark >= 3.4, for ``timestamp_ntz``; pyarrow on the executors)::

    from newsdesk import spark as nds

    pages = spark.read.parquet("s3://bucket/cc-news/")          # columns e.g. url, html
    arts = pages.mapInArrow(nds.articles_mapper(column="html", url_column="url"), nds.ARTICLES_DDL)
    arts.write.parquet("s3://bucket/articles/")

Each Arrow batch Spark hands to the Python worker becomes one :func:`newsdesk.analyze` call
(GIL released, Rust threads = the task's ``spark.task.cpus`` through
:func:`newsdesk.set_threads`, so executors are not
oversubscribed). ``doc_id`` is ``partition_id * 2**40 + position in the partition``: unique and
stable for a given input partitioning, not contiguous. Unsigned ``word_count`` becomes
``bigint`` (Spark has no unsigned types).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import polars as pl


def _spark_type(dt: pl.DataType) -> str:
    if isinstance(dt, pl.List):
        return f"array<{_spark_type(dt.inner)}>"
    if isinstance(dt, pl.Datetime):
        return "timestamp" if dt.time_zone else "timestamp_ntz"
    if dt == pl.Boolean:
        return "boolean"
    if dt.is_integer():
        return "bigint"
    if dt.is_float():
        return "double"
    return "string"


def _ddl() -> str:
    from . import ARTICLES_SCHEMA  # noqa: PLC0415

    return ", ".join(f"{name} {_spark_type(dt)}" for name, dt in ARTICLES_SCHEMA.items())


#: The Spark schema (DDL) of the table :func:`articles_mapper` produces (derived from
#: ``newsdesk.ARTICLES_SCHEMA``: strings, ``array<string>``, ``timestamp_ntz``, ``timestamp`` for
#: ``published_utc``, ``bigint``).
ARTICLES_DDL = _ddl()


def arrow_schema() -> Any:
    """The pyarrow schema matching :data:`ARTICLES_DDL`."""
    import pyarrow as pa  # noqa: PLC0415

    from . import ARTICLES_SCHEMA  # noqa: PLC0415

    def conv(dt: pl.DataType) -> Any:
        if isinstance(dt, pl.List):
            return pa.list_(conv(dt.inner))
        if isinstance(dt, pl.Datetime):
            return pa.timestamp("us", tz=dt.time_zone)
        if dt == pl.Boolean:
            return pa.bool_()
        if dt.is_integer():
            return pa.int64()
        if dt.is_float():
            return pa.float64()
        return pa.string()

    return pa.schema([pa.field(n, conv(t)) for n, t in ARTICLES_SCHEMA.items()])


def arrow_articles(
    batch: Any,
    *,
    first_doc_id: int = 0,
    column: str | None = None,
    url_column: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
) -> Any:
    """One pyarrow ``RecordBatch`` (or Table) of documents in, the articles ``RecordBatch`` out,
    with :func:`arrow_schema` types; ``doc_id`` counts from ``first_doc_id``."""
    import pyarrow as pa  # noqa: PLC0415

    import newsdesk  # noqa: PLC0415

    frame = pl.from_arrow(batch)
    if not isinstance(frame, pl.DataFrame):
        frame = frame.to_frame()
    arts = newsdesk.analyze(
        frame, column=column, url_column=url_column, language=language, day_first=day_first, tables=["articles"]
    ).articles
    arts = arts.with_columns(pl.col("doc_id") + first_doc_id)
    table = arts.to_arrow(compat_level=pl.CompatLevel.oldest()).cast(arrow_schema())
    batches = table.combine_chunks().to_batches()
    return batches[0] if batches else pa.RecordBatch.from_pylist([], schema=arrow_schema())


def articles_mapper(
    *, column: str | None = None, url_column: str | None = None, language: str | None = None, day_first: bool | None = None
) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """A function for ``DataFrame.mapInArrow(fn, ARTICLES_DDL)``: Arrow batches of documents in,
    Arrow batches of the articles table out."""

    def run(batches: Iterable[Any]) -> Iterator[Any]:
        from . import dask as _sizing  # noqa: PLC0415

        try:
            from pyspark import TaskContext  # noqa: PLC0415

            ctx = TaskContext.get()
        except ImportError:  # pragma: no cover
            ctx = None
        partition = ctx.partitionId() if ctx is not None else 0
        cpus = None
        if ctx is not None:
            try:
                cpus = int(ctx.cpus())
            except (AttributeError, TypeError, ValueError):
                cpus = 1
        _sizing.configure_threads(cpus)
        offset = partition << 40
        for rb in batches:
            out = arrow_articles(
                rb, first_doc_id=offset, column=column, url_column=url_column, language=language, day_first=day_first
            )
            offset += rb.num_rows
            yield out

    return run
