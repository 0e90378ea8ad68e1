"""The ``news`` namespace on polars expressions: newsdesk inside ``select`` / ``with_columns``.

``import newsdesk`` registers it. It works on a String column (or Binary: pages as bytes, any
encoding) of HTML or scraped text, in eager and lazy frames and in the streaming engine:

>>> import newsdesk, polars as pl
>>> lf = pl.LazyFrame({"html": ["<html lang='en'><head><title>Storm hits coast | Daily</title></head><body><p>A storm hit the coast on Monday, officials said.</p></body></html>", None]})
>>> lf.select(pl.col("html").news.title(), pl.col("html").news.text().alias("text"), pl.col("html").news.language().alias("lang")).collect().rows()
[('Storm hits coast', 'A storm hit the coast on Monday, officials said.', 'en'), (None, None, None)]

Expressions: :meth:`NewsNamespace.text`, :meth:`~NewsNamespace.title`,
:meth:`~NewsNamespace.language`, :meth:`~NewsNamespace.clean_text` (one String per row),
:meth:`~NewsNamespace.article` (a Struct with every column of :func:`newsdesk.articles`
but ``doc_id``: ``.unnest`` it to get the table lazily), :meth:`~NewsNamespace.entities` and
:meth:`~NewsNamespace.claims` (the rows :func:`newsdesk.entities` / :func:`newsdesk.claims`
give for the document, as a List of Structs). A null row gives null; a row that cannot be
processed gives what the DataFrame functions give (an ``error`` in :meth:`~NewsNamespace.article`).

How it runs: each expression is ``Expr.map_batches(..., is_elementwise=True)`` with its return
dtype declared, so plans stay lazy, schemas resolve without running (``lf.collect_schema()``),
filters and projections around it are optimised as usual, and the streaming engine runs it batch
by batch. Polars makes one Python call per batch; that call hands the whole batch to the Rust core,
which processes it on its own threads with the GIL released (the same call
:func:`newsdesk.articles` makes); entities and claims come from one :func:`newsdesk.analyze`
call per batch. So the cost over the DataFrame functions is small: ``python
benches/polars_namespace.py`` on the 181 pages of the Zyte article benchmark measured
``.news.article()`` at 1.01x the CPU time of :func:`newsdesk.articles` in an eager ``select``,
1.02x lazy and 1.01x in the streaming engine, and ``.news.text()``, ``.news.entities()``,
``.news.claims()`` at 1.00-1.02x of the same work done by the DataFrame functions (wall times
within the noise of the machine). Several expressions on one column each run the pipeline once: for many fields, use
:meth:`~NewsNamespace.article` once and take fields from the struct.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import polars as pl

from . import ARTICLES_SCHEMA, CLAIMS_SCHEMA, ENTITIES_SCHEMA, _core
from . import articles as _articles
from . import claims as _claims
from . import entities as _entities
from ._analyze import analyze as _analyze
from ._inputs import check_options

__all__ = ["NewsNamespace", "ARTICLE_DTYPE", "ENTITIES_DTYPE", "CLAIMS_DTYPE"]

#: Dtype of :meth:`NewsNamespace.article`: the articles table's columns but ``doc_id``.
ARTICLE_DTYPE: pl.Struct = pl.Struct({k: v for k, v in ARTICLES_SCHEMA.items() if k != "doc_id"})
#: Dtype of :meth:`NewsNamespace.entities`: one struct per mention, the entities table's columns but ``doc_id``.
ENTITIES_DTYPE: pl.List = pl.List(pl.Struct({k: v for k, v in ENTITIES_SCHEMA.items() if k != "doc_id"}))
#: Dtype of :meth:`NewsNamespace.claims`: one struct per claim, the claims table's columns but ``doc_id``.
CLAIMS_DTYPE: pl.List = pl.List(pl.Struct({k: v for k, v in CLAIMS_SCHEMA.items() if k != "doc_id"}))

_Compute = Callable[[pl.Series, pl.Series | None], pl.Series]
#: Name of the URL field in the struct the expressions that take ``url=`` hand to map_batches.
_URL_FIELD = "__newsdesk_url"


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name}: expected bool, got {type(value).__name__}")


def _check_language(language: str | None) -> None:
    """Type and ISO 639 check when the expression is built (not when it runs)."""
    check_options(language, None, None)
    if language is not None:
        _core.articles_table([], language=language)  # the core's own check: ValueError naming the code


def _input(s: pl.Series, expression: str, binary: bool) -> pl.Series:
    """The batch as String (or Binary) values; TypeError naming the expected dtypes otherwise."""
    dtype = s.dtype
    if dtype == pl.String or (binary and dtype == pl.Binary) or dtype == pl.Null:
        return s
    if dtype == pl.Categorical or dtype == pl.Enum:
        return s.cast(pl.String)
    expected = "a String or Binary column" if binary else "a String column"
    raise TypeError(f".news.{expression}(): expected {expected} of HTML or scraped text, got {dtype} (column {s.name!r})")


def _elementwise(
    expr: pl.Expr,
    expression: str,
    dtype: pl.DataType,
    compute: _Compute,
    *,
    binary: bool = True,
    url: str | pl.Expr | None = None,
) -> pl.Expr:
    """``expr.map_batches`` running ``compute(contents, urls)`` on the batch's non-null rows;
    null rows stay null. With ``url``, the batch is a struct of the content and that column."""
    if url is not None:
        expr = pl.struct(expr, (pl.col(url) if isinstance(url, str) else url).alias(_URL_FIELD))

    def run(s: pl.Series) -> pl.Series:
        name = s.name
        urls = None
        if url is not None:
            content_field, _ = s.struct.fields
            urls = s.struct.field(_URL_FIELD)
            if urls.dtype not in (pl.String, pl.Null):
                raise TypeError(f".news.{expression}(): url: expected a String column of URLs, got {urls.dtype}")
            s = s.struct.field(content_field)
        s = _input(s, expression, binary)
        present = s.is_not_null()
        k = int(present.sum())
        if k == 0:  # an empty batch, or only nulls
            return pl.Series(name, [None] * s.len(), dtype=dtype)
        if k == s.len():
            out = compute(s, urls)
        else:
            out = compute(s.filter(present), None if urls is None else urls.filter(present))
            # row i of the batch takes result row (number of present rows before it); nulls stay null
            at = pl.select(pl.when(present).then(present.cast(pl.Int64).cum_sum() - 1)).to_series()
            out = out.gather(at)
        if out.len() != s.len():  # pragma: no cover - the core returns one row per document
            raise RuntimeError(f".news.{expression}(): {out.len()} results for {s.len()} rows")
        return out.cast(dtype).alias(name)

    return expr.map_batches(run, return_dtype=dtype, is_elementwise=True)


def _per_document(table: pl.DataFrame, n: int, dtype: pl.List) -> pl.Series:
    """Rows of an entities/claims table (``doc_id`` 0..n-1) as one list of structs per document,
    in the table's order; an empty list for a document without rows."""
    fields = [c for c in table.columns if c != "doc_id"]
    marked = table.with_columns(pl.lit(True).alias("__row"))
    every = pl.DataFrame({"doc_id": pl.int_range(n, eager=True, dtype=pl.Int64)})
    lists = (
        pl.concat([marked, every], how="diagonal")
        .group_by("doc_id")
        .agg(pl.struct(fields).filter(pl.col("__row").is_not_null()).alias("rows"))
        .sort("doc_id")
    )
    return lists.get_column("rows").cast(dtype)


@pl.api.register_expr_namespace("news")
class NewsNamespace:
    """``pl.col("html").news.<expression>()``: newsdesk on a String or Binary column of HTML or
    scraped text (one document per row). See the module docstring for how it runs."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _field(self, expression: str, column: str, language: str | None, day_first: bool | None) -> pl.Expr:
        check_options(None, day_first, None)
        _check_language(language)

        def compute(s: pl.Series, urls: pl.Series | None) -> pl.Series:
            return _articles(s, language=language, day_first=day_first).get_column(column)

        return _elementwise(self._expr, expression, pl.String(), compute)

    def text(self, *, language: str | None = None, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``text``: the clean body of HTML or scraped text.

        ``language`` and ``day_first`` as in :func:`newsdesk.articles`.

        >>> df = pl.DataFrame({"doc": ["Share This Post\\n\\nThe minister resigned on Friday.\\n\\n- Advertisement -", None]})
        >>> df.select(pl.col("doc").news.text())["doc"].to_list()
        ['The minister resigned on Friday.', None]
        """
        return self._field("text", "text", language, day_first)

    def title(self, *, language: str | None = None, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``title``: the headline, without outlet prefix or site suffix.

        >>> pl.select(pl.lit("<html><head><title>Juros sobem | Jornal</title></head><body><p>O Banco Central subiu os juros.</p></body></html>").news.title()).item()
        'Juros sobem'
        """
        return self._field("title", "title", language, day_first)

    def language(self, *, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``language``: ISO 639-1 code, from the page or detected.

        >>> pl.select(pl.lit("O Banco Central subiu os juros nesta quarta-feira, informou a instituição.").news.language()).item()
        'pt'
        """
        return self._field("language", "language", None, day_first)

    def clean_text(self) -> pl.Expr:
        """:func:`newsdesk.clean_text` on every row of a String column (in parallel, in Rust).

        >>> pl.select(pl.lit("Share This Post\\n\\nSÃ£o Paulo had rain today.\\n\\n- Publicidade -").news.clean_text()).item()
        'São Paulo had rain today.'
        """

        def compute(s: pl.Series, urls: pl.Series | None) -> pl.Series:
            return pl.Series(s.name, _core.clean_texts(s.to_list()), dtype=pl.String)

        return _elementwise(self._expr, "clean_text", pl.String(), compute, binary=False)

    def article(
        self,
        *,
        url: str | pl.Expr | None = None,
        language: str | None = None,
        day_first: bool | None = None,
        as_of: _dt.datetime | None = None,
    ) -> pl.Expr:
        """The document's row of the articles table, as a Struct (:data:`ARTICLE_DTYPE`).

        Fields and dtypes are the columns of :func:`newsdesk.articles` (its options
        ``language``, ``day_first``, ``as_of`` too) except ``doc_id``, a position in the batch
        the core was given, which means nothing inside one row: number rows with
        ``with_row_index`` or ``pl.int_range(pl.len())`` instead. ``url`` names the column (or
        gives the String expression) holding each page's URL, as ``url_column=`` does for
        :func:`newsdesk.articles`: it fills ``url`` and ``domain`` and resolves relative links;
        without it they are null. ``unnest`` turns the struct into the table's columns, lazily
        (the frame must not already have a column named like a field, such as ``url`` or
        ``text``: select the struct out, or drop those first). A row that cannot be processed has
        its reason in the ``error`` field; a null row gives a null struct.

        >>> lf = pl.LazyFrame({"id": [7, 8], "page": ["DW US says Russia bought weapons 06/09/2022 08:00\\n\\nThe deal was struck in August.\\n\\n*with AP, Reuters", None]})
        >>> out = lf.with_columns(pl.col("page").news.article().alias("a")).unnest("a").collect()
        >>> out.select("id", "outlet", "published", "wire_agencies", "error").rows()
        [(7, 'DW', datetime.datetime(2022, 9, 6, 8, 0), ['AP', 'Reuters'], None), (8, None, None, None, None)]
        >>> pages = pl.DataFrame({"link": ["https://www.dw.com/en/a-1"], "html": ["<html><head><title>Talks resume | DW</title></head><body><p>Talks on grain exports resumed on Monday.</p></body></html>"]})
        >>> pages.select(pl.col("html").news.article(url="link")).unnest("html").select("url", "domain", "title").row(0)
        ('https://www.dw.com/en/a-1', 'dw.com', 'Talks resume')
        """
        check_options(None, day_first, as_of)
        _check_language(language)
        if url is not None and not isinstance(url, (str, pl.Expr)):
            raise TypeError(f"url: expected a column name or a polars expression, got {type(url).__name__}")

        def compute(s: pl.Series, urls: pl.Series | None) -> pl.Series:
            docs = s if urls is None else pl.DataFrame({"content": s, "url": urls})
            arts = _articles(
                docs, column="content" if urls is not None else None, language=language, day_first=day_first, as_of=as_of
            )
            return arts.drop("doc_id").to_struct(s.name)

        return _elementwise(self._expr, "article", ARTICLE_DTYPE, compute, url=url)

    def entities(self, *, clean: bool = True, language: str | None = None) -> pl.Expr:
        """The document's named entities and amounts: a List of Structs (:data:`ENTITIES_DTYPE`),
        the rows :func:`newsdesk.entities` gives for it, without ``doc_id``.

        With ``clean=True`` (default) the document goes through the articles pipeline first and
        ``start``/``end`` are ``str`` offsets into its articles ``text`` (``.news.text()``); with
        ``clean=False`` the row's string is tagged as it is and offsets index it. ``language``
        as in :func:`newsdesk.entities`. A document without mentions gives an empty list.

        >>> df = pl.DataFrame({"doc": ["President Joe Biden met Kim Jong-un in Hanoi. Biden left on Monday.", None]})
        >>> ents = df.select(pl.col("doc").news.entities(clean=False))["doc"]
        >>> [(e["text"], e["label"], e["canonical"]) for e in ents[0]][:3]
        [('Joe Biden', 'PERSON', 'Joe Biden'), ('Kim Jong-un', 'PERSON', 'Kim Jong-un'), ('Hanoi', 'GPE', 'Hanoi')]
        >>> ents[1] is None
        True
        """
        _check_bool("clean", clean)
        _check_language(language)

        def compute(s: pl.Series, urls: pl.Series | None) -> pl.Series:
            if clean:
                table = _analyze(s, language=language, tables=["entities"]).entities
            else:
                table = _entities(s, clean=False, language=language)
            assert table is not None
            return _per_document(table, s.len(), ENTITIES_DTYPE)

        return _elementwise(self._expr, "entities", ENTITIES_DTYPE, compute)

    def claims(self, *, clean: bool = True, entities: bool = True, language: str | None = None) -> pl.Expr:
        """Who said what in the document: a List of Structs (:data:`CLAIMS_DTYPE`), the rows
        :func:`newsdesk.claims` gives for it, without ``doc_id``.

        ``clean`` and ``entities`` as in :func:`newsdesk.claims`: with ``clean=True`` (default)
        offsets index the document's articles ``text``, with ``clean=False`` the row's string.
        ``language`` is passed to the articles pipeline (the article's language picks the claim
        rules: pt, es, fr, de, else English); with ``clean=False`` it names the language of every
        string (else English). A document without claims gives an empty list.

        >>> df = pl.DataFrame({"doc": ['"We will win," Kevin Mayer said. Analysts say sales may fall.']})
        >>> claims = df.select(pl.col("doc").news.claims().alias("claims")).explode("claims").unnest("claims")
        >>> claims.select("kind", "content", "speaker", "cue", "hedged").rows()
        [('direct', 'We will win,', 'Kevin Mayer', 'said', False), ('indirect', 'sales may fall', 'Analysts', 'say', True)]
        """
        _check_bool("clean", clean)
        _check_bool("entities", entities)
        _check_language(language)

        def compute(s: pl.Series, urls: pl.Series | None) -> pl.Series:
            if clean and entities:
                table = _analyze(s, language=language, tables=["claims"]).claims
            elif clean:
                table = _claims(_articles(s, language=language), entities=False)
            elif language is None:
                table = _claims(s, clean=False, entities=entities)
            else:
                texts = [v.decode("utf-8", errors="replace") if isinstance(v, bytes) else v for v in s.to_list()]
                table = pl.DataFrame(
                    _core.claims_table(
                        texts, doc_ids=list(range(len(texts))), entities=entities, languages=[language] * len(texts)
                    )
                )
            assert table is not None
            return _per_document(table, s.len(), CLAIMS_DTYPE)

        return _elementwise(self._expr, "claims", CLAIMS_DTYPE, compute)
