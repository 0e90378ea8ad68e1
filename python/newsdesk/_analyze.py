"""All three tables in one pass: :func:`analyze`, and the thread pool the core runs on.

The Rust core takes each document from bytes to clean text, tags the text once and reads the
claims with those mentions; the text never comes back to Python between stages. The three
frames are the ones :func:`newsdesk.articles`, :func:`newsdesk.entities` and
:func:`newsdesk.claims` give for the same documents (tested equal), with consistent ``doc_id``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any

import polars as pl

from . import _core
from ._inputs import check_options, to_batch

#: Tables :func:`analyze` can return.
TABLES = ("articles", "entities", "claims")


class Analysis:
    """The tables of one :func:`analyze` call: ``.articles``, ``.entities``, ``.claims``
    (polars DataFrames; ``None`` for a table that was not asked for). Unpacks as a tuple:
    ``arts, ents, claims = newsdesk.analyze(docs)``."""

    __slots__ = ("articles", "entities", "claims")

    def __init__(self, articles: pl.DataFrame | None, entities: pl.DataFrame | None, claims: pl.DataFrame | None):
        self.articles = articles
        self.entities = entities
        self.claims = claims

    def __iter__(self) -> Iterator[pl.DataFrame | None]:
        return iter((self.articles, self.entities, self.claims))

    def __len__(self) -> int:
        return 3

    def __getitem__(self, i: int) -> pl.DataFrame | None:
        return (self.articles, self.entities, self.claims)[i]

    def _counts(self) -> list[tuple[str, str]]:
        out = []
        for name in TABLES:
            df = getattr(self, name)
            out.append((name, "not requested" if df is None else f"{df.height:,} rows"))
        return out

    def __repr__(self) -> str:
        parts = ", ".join(f"{n}: {c}" for n, c in self._counts())
        extra = ""
        if self.articles is not None and "error" in self.articles.columns:
            errors = int(self.articles["error"].is_not_null().sum())
            extra = f"; {errors} with errors" if errors else ""
        return f"Analysis({parts}{extra})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td><code>.{n}</code></td><td>{c}</td></tr>" for n, c in self._counts())
        return f"<table><thead><tr><th>newsdesk.Analysis</th><th></th></tr></thead><tbody>{rows}</tbody></table>"


def _tables(tables: Iterable[str] | str) -> list[str]:
    if isinstance(tables, str):
        tables = [tables]
    try:
        wanted = list(dict.fromkeys(tables))
    except TypeError:
        raise TypeError(f"tables: expected names of tables, got {type(tables).__name__}") from None
    unknown = [t for t in wanted if t not in TABLES]
    if unknown:
        raise ValueError(f"tables: unknown table(s) {unknown}; choose from {list(TABLES)}")
    return wanted


def analyze(
    docs: Any,
    *,
    column: str | None = None,
    url_column: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of: _dt.datetime | None = None,
    tables: Iterable[str] = TABLES,
) -> Analysis:
    """Articles, entities and claims of documents in one pass through the Rust core.

    Each document is decoded, extracted (HTML) or split (text), cleaned, segmented and tagged
    once; its claims are read with the mentions the entity pass found. The tables are the ones
    :func:`articles`, :func:`entities` and :func:`claims` return for the same documents, with
    the same ``doc_id`` in all three, and offsets into the articles table's ``text``.

    Parameters
    ----------
    docs
        Anything :func:`articles` accepts.
    column, url_column, language, day_first, as_of
        As in :func:`articles`.
    tables
        Which tables to build, from ``"articles"``, ``"entities"``, ``"claims"``; the others
        are ``None`` in the result and cost nothing (claims still need the entity pass).

    Returns
    -------
    Analysis
        ``.articles``, ``.entities``, ``.claims`` (polars DataFrames with the columns of
        :data:`ARTICLES_SCHEMA`, :data:`ENTITIES_SCHEMA`, :data:`CLAIMS_SCHEMA`); unpacks as a
        tuple of the three.

    >>> arts, ents, claims = newsdesk.analyze(['"We will win," Kevin Mayer said in Paris on Monday.'])
    >>> arts.height, ents.select("text", "label").rows(), claims.select("speaker", "cue").rows()
    (1, [('Kevin Mayer', 'PERSON'), ('Paris', 'GPE'), ('Monday', 'DATE')], [('Kevin Mayer', 'said')])
    """
    wanted = _tables(tables)
    as_of_us = check_options(language, day_first, as_of)
    b = to_batch(docs, column=column, url_column=url_column)
    a, e, c = _core.analyze_tables(
        b.contents,
        urls=b.urls,
        titles=b.titles,
        dates=b.dates,
        charsets=b.charsets,
        language=language,
        day_first=day_first,
        as_of_us=as_of_us,
        entities="entities" in wanted,
        claims="claims" in wanted,
    )
    return Analysis(
        pl.DataFrame(a) if "articles" in wanted else None,
        pl.DataFrame(e) if e is not None else None,
        pl.DataFrame(c) if c is not None else None,
    )


def set_threads(n: int) -> None:
    """Size the thread pool the Rust core runs batches on (takes effect from the next call).

    By default the pool has one thread per core, or ``NEWSDESK_THREADS`` threads when that
    environment variable is set before the first call. On a shared server, or in the workers of
    a distributed engine (the Dask and Spark adapters call this), give each process its share.

    >>> before = newsdesk.threads()
    >>> newsdesk.set_threads(1)
    >>> newsdesk.threads()
    1
    >>> newsdesk.set_threads(before)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n: expected a positive int, got {n!r}")
    _core.set_thread_count(n)


def threads() -> int:
    """Number of threads the Rust core runs batches on (see :func:`set_threads`)."""
    return _core.thread_count()
