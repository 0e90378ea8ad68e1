"""newsdesk: scraped news into clean polars tables.

>>> import newsdesk
>>> df = newsdesk.articles(["Minister resigns\\n\\n- Advertisement -\\n\\nThe minister resigned on Friday."])
>>> df.select("title", "text").row(0)
('Minister resigns', 'The minister resigned on Friday.')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import polars as pl

from . import _core
from ._inputs import to_batch

__version__ = _core.__version__

__all__ = ["articles", "clean_text", "ARTICLES_SCHEMA", "__version__"]

#: Column name → polars dtype of the table :func:`articles` returns.
ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.Int64(),
    "url": pl.String(),
    "domain": pl.String(),
    "outlet": pl.String(),
    "title": pl.String(),
    "authors": pl.List(pl.String()),
    "published": pl.Datetime("us"),
    "published_raw": pl.String(),
    "date_ambiguous": pl.Boolean(),
    "language": pl.String(),
    "text": pl.String(),
    "headings": pl.List(pl.String()),
    "wire_agencies": pl.List(pl.String()),
    "source_credit": pl.String(),
    "removed": pl.List(pl.String()),
    "word_count": pl.UInt32(),
    "error": pl.String(),
}


def _frame(table: Any) -> pl.DataFrame:
    return pl.DataFrame(table)


def clean_text(text: str) -> str:
    """Clean one scraped text: the body, boilerplate and header/credit lines removed.

    Removes ad markers, share prompts, "Related Posts" trailers, newsletter/cookie prompts,
    photo credits, navigation crumbs, the title, date, byline and credit lines; repairs
    mojibake and HTML entities; normalises Unicode (NFC) and white space; joins hard-wrapped
    lines. Paragraphs are joined by a blank line. Idempotent: ``clean_text(clean_text(t)) ==
    clean_text(t)``.

    >>> newsdesk.clean_text("Share This Post\\n\\nSÃ£o Paulo had rain today.\\n\\n- Publicidade -")
    'São Paulo had rain today.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, got {type(text).__name__}")
    return _core.clean_text(text)


def articles(
    docs: Any,
    *,
    column: str | None = None,
    url_column: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of: _dt.datetime | None = None,
) -> pl.DataFrame:
    """Turn scraped news into the articles table: one row per document, in input order.

    Parameters
    ----------
    docs
        One ``str``/``bytes``; an iterable of ``str``/``bytes``/``None``; a list of dicts as
        scrapers emit them (keys such as ``html``, ``text``, ``body``, ``content``, ``url``,
        ``title``, ``date``); a polars or pandas Series or DataFrame; requests/httpx responses.
        HTML and plain text are recognised per row; bytes are decoded from their BOM, declared
        charset or detected encoding.
    column, url_column
        Which column/key holds the content and the URL (default: the usual names).
    language
        ISO 639 code to use instead of detection.
    day_first
        How to read ambiguous numeric dates such as 06/09/2022. By default the order is decided
        from evidence (other dates in the document, the domain's country, the language, months
        the text mentions); when nothing decides, ``date_ambiguous`` is true and ``published``
        holds the day-first reading.
    as_of
        Crawl time: publication dates later than this are rejected.

    Returns
    -------
    polars.DataFrame
        Columns and dtypes as in :data:`ARTICLES_SCHEMA`. A document that could not be processed
        still gets its row, with the reason in ``error``.

    >>> df = newsdesk.articles([
    ...     "DW US says Russia bought weapons 06/09/2022 08:00\\n\\nThe deal was struck in August.\\n\\n*with AP, Reuters",
    ...     None,
    ... ])
    >>> df.select("outlet", "wire_agencies", "error").rows()
    [('DW', ['AP', 'Reuters'], None), (None, [], 'no content: the document is missing (None/null)')]
    """
    if day_first is not None and not isinstance(day_first, bool):
        raise TypeError(f"day_first: expected bool or None, got {type(day_first).__name__}")
    if language is not None and not isinstance(language, str):
        raise TypeError(f"language: expected str or None, got {type(language).__name__}")
    as_of_us = None
    if as_of is not None:
        if not isinstance(as_of, _dt.datetime):
            raise TypeError(f"as_of: expected datetime, got {type(as_of).__name__}")
        aware = as_of if as_of.tzinfo else as_of.replace(tzinfo=_dt.timezone.utc)
        as_of_us = int(aware.timestamp() * 1_000_000)
    b = to_batch(docs, column=column, url_column=url_column)
    table = _core.articles_table(
        b.contents,
        urls=b.urls,
        titles=b.titles,
        dates=b.dates,
        charsets=b.charsets,
        language=language,
        day_first=day_first,
        as_of_us=as_of_us,
    )
    return _frame(table)


# ---- one page: extract (scraper integration) ---------------------------------------------------
from ._extract import extract  # noqa: E402

__all__ += ["extract"]
# ---- end one page --------------------------------------------------------------------------------
