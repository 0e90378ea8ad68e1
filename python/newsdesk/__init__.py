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
from ._inputs import check_options, to_batch

__version__ = _core.__version__

__all__ = [
    "articles",
    "entities",
    "claims",
    "clean_text",
    "duplicates",
    "process",
    "ARTICLES_SCHEMA",
    "ENTITIES_SCHEMA",
    "CLAIMS_SCHEMA",
    "__version__",
]

#: Column name → polars dtype of the table :func:`articles` returns.
ARTICLES_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.Int64(),
    "url": pl.String(),
    "domain": pl.String(),
    "canonical_url": pl.String(),
    "outlet": pl.String(),
    "title": pl.String(),
    "authors": pl.List(pl.String()),
    "published": pl.Datetime("us"),
    "published_utc": pl.Datetime("us", "UTC"),
    "published_raw": pl.String(),
    "date_ambiguous": pl.Boolean(),
    "date_source": pl.String(),
    "modified": pl.Datetime("us"),
    "language": pl.String(),
    "description": pl.String(),
    "section": pl.String(),
    "tags": pl.List(pl.String()),
    "text": pl.String(),
    "headings": pl.List(pl.String()),
    "captions": pl.List(pl.String()),
    "wire_agencies": pl.List(pl.String()),
    "source_credit": pl.String(),
    "removed": pl.List(pl.String()),
    "word_count": pl.UInt32(),
    "body_source": pl.String(),
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
    dedup: bool = False,
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
    dedup
        Add a ``dup_group`` column (Int64): the ``doc_id`` of the first member of the document's
        near-duplicate group (see :func:`duplicates`); equal to its own ``doc_id`` when unique.

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
    as_of_us = check_options(language, day_first, as_of)
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
    df = _frame(table)
    if dedup:
        df = df.with_columns(duplicates(df)["group_id"].alias("dup_group"))
    return df


# ---- entities (issue 4) ---------------------------------------------------------------------

#: Column name → polars dtype of the table :func:`entities` returns.
ENTITIES_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.Int64(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "text": pl.String(),
    "label": pl.String(),
    "canonical": pl.String(),
    "entity_id": pl.UInt32(),
    "sentence": pl.UInt32(),
}


def _is_articles_frame(obj: Any) -> bool:
    return isinstance(obj, pl.DataFrame) and {"doc_id", "text"} <= set(obj.columns) and "word_count" in obj.columns


def _texts_to_read(
    articles_or_docs: Any, clean: bool, column: str | None, language: str | None = None
) -> tuple[pl.DataFrame | None, list[str | None], list[int]]:
    """What :func:`entities` and :func:`claims` read: the articles table's ``text`` and
    ``doc_id`` (running :func:`articles` first unless given the table), or with ``clean=False``
    the given strings as they are. Returns (articles table or None, texts, doc ids)."""
    if _is_articles_frame(articles_or_docs):
        frame = articles_or_docs
    elif clean:
        frame = articles(articles_or_docs, column=column, language=language)
    else:
        b = to_batch(articles_or_docs, column=column)
        texts = [c.decode("utf-8", errors="replace") if isinstance(c, (bytes, bytearray)) else c for c in b.contents]
        return None, texts, list(range(len(texts)))
    return frame, frame.get_column("text").to_list(), frame.get_column("doc_id").to_list()


def entities(
    articles_or_docs: Any,
    *,
    clean: bool = True,
    column: str | None = None,
    language: str | None = None,
) -> pl.DataFrame:
    """Named entities and amounts, one row per mention, with canonical names.

    Parameters
    ----------
    articles_or_docs
        The table :func:`articles` returned (its ``text`` is tagged and its ``doc_id`` kept), or
        anything :func:`articles` accepts (then ``articles`` runs first, unless ``clean=False``).
    clean
        With ``clean=False`` the given strings are tagged exactly as they are (offsets into
        them; ``doc_id`` is the position in the input): for text that is already clean and for
        evaluation on annotated corpora.
    column
        Passed to :func:`articles` when it runs.
    language
        Passed to :func:`articles` when it runs. Names are read in each article's ``language``
        (Portuguese, Spanish, French and German have their own readers; other languages are
        read as English); with ``clean=False``, ``language=`` names the language of every
        given string, else they are read as English.

    Returns
    -------
    polars.DataFrame
        Columns and dtypes as in :data:`ENTITIES_SCHEMA`. ``start``/``end`` are ``str``
        offsets into the article's ``text`` (so ``text[start:end]`` is the mention);
        ``label`` is one of PERSON, ORG, GPE, LOC, NORP, DATE, TIME, MONEY, PERCENT, QUANTITY,
        CARDINAL; ``canonical`` is the entity's fullest name in the document ("Joe Biden" for
        "Biden", the expansion of an acronym, "United States" for "U.S."), and mentions of one
        entity share ``entity_id`` within a document; ``sentence`` indexes the sentences of
        the text.

    >>> df = newsdesk.entities(["President Joe Biden met Kim Jong-un in Hanoi. Biden left on Monday."], clean=False)
    >>> df.filter(pl.col("text") == "Biden").select("label", "canonical").row(0)
    ('PERSON', 'Joe Biden')
    """
    if not isinstance(clean, bool):
        raise TypeError(f"clean: expected bool, got {type(clean).__name__}")
    frame, texts, ids = _texts_to_read(articles_or_docs, clean, column, language)
    return _frame(_core.entities_table(texts, doc_ids=ids, languages=_languages(frame, language, len(texts))))


def _languages(frame: pl.DataFrame | None, language: str | None, n: int) -> list[str | None] | None:
    """Per-row language codes for the core: the articles table's ``language`` column, else
    ``language=`` for every row, else None (English)."""
    if frame is not None and "language" in frame.columns:
        return [None if v is None else str(v) for v in frame.get_column("language").to_list()]
    if language is not None:
        return [language] * n
    return None


# ---- end entities -----------------------------------------------------------------------------


# ---- claims (issue 5) ---------------------------------------------------------------------------

#: Column name → polars dtype of the table :func:`claims` returns.
CLAIMS_SCHEMA: dict[str, pl.DataType] = {
    "doc_id": pl.Int64(),
    "claim_id": pl.UInt32(),
    "kind": pl.String(),
    "content": pl.String(),
    "content_start": pl.Int64(),
    "content_end": pl.Int64(),
    "speaker": pl.String(),
    "speaker_start": pl.Int64(),
    "speaker_end": pl.Int64(),
    "speaker_resolved": pl.String(),
    "speaker_type": pl.String(),
    "cue": pl.String(),
    "cue_start": pl.Int64(),
    "cue_end": pl.Int64(),
    "hedged": pl.Boolean(),
    "hedges": pl.List(pl.String()),
}


def claims(articles_or_docs: Any, *, clean: bool = True, column: str | None = None, entities: bool = True) -> pl.DataFrame:
    """Who said what: one row per claim (direct quote, reported speech, "according to").

    Parameters
    ----------
    articles_or_docs
        The articles table (:func:`articles`; its ``doc_id`` and ``text`` are used as they are),
        or anything :func:`articles` accepts.
    clean
        With ``True`` (default) documents go through :func:`articles` first, so offsets index
        the articles table's ``text``. With ``False`` the given strings are read as they are and
        offsets index them.
    column
        Which column/key holds the content, as in :func:`articles`.
    entities
        With ``True`` (default) speakers are read with the names the entity pass finds (as in
        :func:`entities`); with ``False`` a faster capitalisation-based name finder stands in.

    Returns
    -------
    polars.DataFrame
        Columns and dtypes as in :data:`CLAIMS_SCHEMA`: ``kind`` is ``direct``, ``indirect`` or
        ``according_to``; ``content_start``/``content_end`` and ``speaker_start``/``speaker_end``
        are Python ``str`` offsets (``text[content_start:content_end] == content``);
        ``speaker`` is the source as written nearest the claim (null when a quote continues the
        previous speaker), ``speaker_resolved`` the fullest name the text gives for it,
        ``speaker_type`` one of PERSON, ORG, GPE, NORP, ANONYMOUS, DOCUMENT; ``cue`` the
        reporting verb or phrase ("said", "have said", "according to"), lower-cased, and
        ``cue_start``/``cue_end`` its Python ``str`` offsets (null with ``cue``); ``hedges`` the hedge
        words ("may", "reportedly", "I think") and ``hedged`` whether there are any.

    >>> df = newsdesk.claims(['"We will win," Kevin Mayer said. Analysts say sales may fall.'], clean=False)
    >>> df.select("kind", "content", "speaker", "cue", "hedged").rows()
    [('direct', 'We will win,', 'Kevin Mayer', 'said', False), ('indirect', 'sales may fall', 'Analysts', 'say', True)]
    """
    if not isinstance(clean, bool):
        raise TypeError(f"clean: expected bool, got {type(clean).__name__}")
    if not isinstance(entities, bool):
        raise TypeError(f"entities: expected bool, got {type(entities).__name__}")
    frame, texts, doc_ids = _texts_to_read(articles_or_docs, clean, column)
    # the articles table's language picks the claim rules (pt, es, fr, de, else English)
    languages = None
    if frame is not None and "language" in frame.columns:
        languages = [None if v is None else str(v) for v in frame.get_column("language").to_list()]
    return _frame(_core.claims_table(texts, doc_ids=doc_ids, entities=entities, languages=languages))


# ---- end claims ---------------------------------------------------------------------------------


# ---- duplicates (near-duplicate groups; Rust core: dedup.rs) ----


def duplicates(articles: Any, *, threshold: float = 0.5, column: str = "text", id_column: str = "doc_id") -> pl.DataFrame:
    """Near-duplicate groups: a wire story re-posted with other headlines, boilerplate, credits
    or trimmed paragraphs lands in one group.

    Compares the word 5-shingles of the clean body texts by Jaccard similarity, estimated with
    64 MinHash values per document, with LSH banding (32 bands of 2) for candidates; pairs with an
    estimated similarity of at least ``threshold`` are linked and groups are the connected
    components. Runs in parallel in Rust; memory is 256 bytes per document plus the texts.

    Parameters
    ----------
    articles
        The table from :func:`articles` (its ``text`` and ``doc_id`` columns are used), any
        DataFrame with ``column`` (and optionally ``id_column``), or anything :func:`articles`
        accepts (it is run first).
    threshold
        Minimum estimated Jaccard similarity of shingle sets for two texts to be linked.

    Returns
    -------
    polars.DataFrame
        One row per input row, in order: ``doc_id`` (Int64), ``group_id`` (Int64: ``doc_id`` of the
        group's first member), ``similarity`` (Float32: estimated Jaccard similarity to that
        member, 1.0 for the first member itself; null for a text without words, which is never
        grouped).

    >>> story = "The central bank raised its key rate by half a point on Wednesday, the first rise in two years, citing stubborn inflation."
    >>> df = newsdesk.duplicates(newsdesk.articles([story, "Share this\\n\\n" + story + "\\n\\n*with AP", "Rain is expected in the north tomorrow afternoon."]))
    >>> df["group_id"].to_list()
    [0, 0, 2]
    """
    if not isinstance(threshold, (int, float)) or not 0.0 <= float(threshold) <= 1.0:
        raise ValueError(f"threshold: expected a number in [0, 1], got {threshold!r}")
    if isinstance(articles, pl.DataFrame) and column in articles.columns:
        df = articles
    else:
        try:
            import pandas as _pd  # noqa: PLC0415
        except ImportError:  # pragma: no cover
            _pd = None
        if _pd is not None and isinstance(articles, _pd.DataFrame) and column in articles.columns:
            df = pl.from_pandas(articles[[c for c in (column, id_column) if c in articles.columns]])
        else:
            df = globals()["articles"](articles)
    ids = df[id_column].cast(pl.Int64) if id_column in df.columns else pl.Series(id_column, range(df.height), dtype=pl.Int64)
    index = _core.MinHashIndex()
    texts = df[column].cast(pl.String)
    step = 65_536
    for off in range(0, df.height, step):
        index.add(texts.slice(off, step).to_list())
    groups = pl.DataFrame(index.groups(float(threshold)))
    return pl.DataFrame(
        {
            "doc_id": ids.alias("doc_id"),
            "group_id": ids.gather(groups["group_row"]).alias("group_id"),
            "similarity": groups["similarity"],
        }
    )


# ---- end duplicates ----


# ---- process (streaming a corpus to Parquet datasets; see stream.py) ----

from . import dask as dask  # newsdesk.dask: needs dask only when called

# ---- end process ----
# ---- one page: extract (scraper integration) ---------------------------------------------------
from ._extract import extract as extract
from .stream import RunSummary as RunSummary
from .stream import process as process

__all__ += ["extract"]

# ---- end one page --------------------------------------------------------------------------------
# ---- all three tables in one pass; the core's thread pool ----------------------------------------
from ._analyze import Analysis as Analysis
from ._analyze import analyze as analyze
from ._analyze import set_threads as set_threads
from ._analyze import threads as threads

__all__ += ["analyze", "Analysis", "set_threads", "threads"]
# ---- end analyze ---------------------------------------------------------------------------------
from . import polars as polars  # registers the `news` namespace on polars expressions: pl.col(...).news
from .render import render as render

__all__ += ["render"]
from .report import report as report

__all__ += ["report"]
