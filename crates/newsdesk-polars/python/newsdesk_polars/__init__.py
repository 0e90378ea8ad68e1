"""newsdesk's polars expression plugin: the ``news`` namespace on expressions.

>>> import polars as pl, newsdesk_polars  # registers pl.col(...).news
>>> lf = pl.LazyFrame({"html": ["<html lang='en'><head><title>Storm hits coast | Daily</title></head><body><p>A storm hit the coast on Monday, officials said.</p></body></html>", None]})
>>> lf.select(pl.col("html").news.title(), pl.col("html").news.text().alias("text"), pl.col("html").news.language().alias("lang")).collect().rows()
[('Storm hits coast', 'A storm hit the coast on Monday, officials said.', 'en'), (None, None, None)]

The expressions run in Rust on the chunks polars hands over (in parallel, no GIL), lazily, in
``select``/``with_columns`` and in the streaming engine. ``text``/``title``/``language`` run
the whole article pipeline of ``newsdesk.articles`` per row (HTML or scraped text);
``clean_text`` is ``newsdesk.clean_text`` (the text cleaner). To get many fields at once,
``newsdesk.articles`` is cheaper than several expressions.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from polars.plugins import register_plugin_function

__all__ = ["NewsNamespace", "LIB"]

#: Folder of the compiled plugin library.
LIB = Path(__file__).parent


def _call(expr: pl.Expr, name: str, kwargs: dict | None = None) -> pl.Expr:
    return register_plugin_function(plugin_path=LIB, function_name=name, args=[expr], kwargs=kwargs, is_elementwise=True)


@pl.api.register_expr_namespace("news")
class NewsNamespace:
    """``pl.col("html").news.<fn>()``: newsdesk on a String column of HTML or scraped text."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def clean_text(self) -> pl.Expr:
        """Clean body text of scraped text (``newsdesk.clean_text``)."""
        return _call(self._expr, "clean_text")

    def text(self, *, language: str | None = None, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``text``: the clean body of HTML or scraped text."""
        return _call(self._expr, "text", {"language": language, "day_first": day_first})

    def title(self, *, language: str | None = None, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``title``."""
        return _call(self._expr, "title", {"language": language, "day_first": day_first})

    def language(self, *, day_first: bool | None = None) -> pl.Expr:
        """The articles table's ``language`` (ISO 639-1, detected or from the page)."""
        return _call(self._expr, "language", {"language": None, "day_first": day_first})
