"""Scrapy item pipeline: enrich every scraped item with newsdesk's article fields.

Enable it in ``settings.py`` (``pip install newsdesk[scrapy]``)::

    ITEM_PIPELINES = {"newsdesk.scrapy.NewsdeskPipeline": 300}
    NEWSDESK_HTML_FIELD = "html"        # item field holding the page (str or bytes); default: the
                                         # first of "html", "body", "text" the item has
    NEWSDESK_URL_FIELD = "url"          # item field holding the page URL
    NEWSDESK_FIELDS = ["title", "authors", "published", "language", "text"]  # default: all columns
    NEWSDESK_PREFIX = ""                # e.g. "nd_" writes nd_title, nd_text, ...
    NEWSDESK_DROP_NON_ARTICLES = False  # True: DropItem when a page yields no body text
    NEWSDESK_MIN_WORDS = 1              # ... fewer body words than this
    NEWSDESK_ENTITIES = False           # add "entities": list of mention dicts
    NEWSDESK_CLAIMS = False             # add "claims": list of claim dicts
    NEWSDESK_KEEP_HTML = True           # False: remove the HTML field once processed
    NEWSDESK_THREADED = False           # True: extract in worker threads (GIL released), so the
                                         # crawl goes on and items use several cores
    NEWSDESK_LANGUAGE = None            # ISO 639 code instead of detection
    NEWSDESK_DAY_FIRST = None           # force the order of ambiguous numeric dates

Each item is processed with :func:`newsdesk.extract`. A bad page never stops the crawl: its item
gets the reason in the ``error`` field (always written, with the prefix), or is dropped when
``NEWSDESK_DROP_NON_ARTICLES`` is set and it has no body text. Works with dicts, ``scrapy.Item``
and any item type ``itemadapter`` supports; an ``Item`` class that does not declare the added
fields is passed on as a dict with them (a warning names the fields to declare).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

try:
    from itemadapter import ItemAdapter
    from scrapy.exceptions import DropItem
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise ImportError("newsdesk.scrapy needs Scrapy: pip install 'newsdesk[scrapy]'") from e

from . import ARTICLES_SCHEMA
from ._extract import extract

__all__ = ["NewsdeskPipeline"]

logger = logging.getLogger(__name__)

#: Fields the pipeline can add: the articles columns (without ``doc_id``) plus the entity and
#: claim lists.
AVAILABLE_FIELDS: tuple[str, ...] = tuple(n for n in ARTICLES_SCHEMA if n != "doc_id")
#: Default ``NEWSDESK_FIELDS``: every articles column but ``doc_id`` and ``url`` (the item's own).
DEFAULT_FIELDS: tuple[str, ...] = tuple(n for n in AVAILABLE_FIELDS if n != "url")
#: Item fields tried in turn for the page when ``NEWSDESK_HTML_FIELD`` is not set.
DEFAULT_HTML_FIELDS: tuple[str, ...] = ("html", "body", "text")


def _field_list(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, Iterable):
        raise TypeError(f"{name}: expected a list of field names, got {type(value).__name__}")
    fields = tuple(value)
    unknown = [f for f in fields if f not in AVAILABLE_FIELDS]
    if unknown:
        raise ValueError(f"{name}: unknown field(s) {unknown}; available: {list(AVAILABLE_FIELDS)}")
    return fields


class NewsdeskPipeline:
    """Adds newsdesk's article fields (and optionally entities and claims) to every item.

    Configure through the ``NEWSDESK_*`` settings (see the module docstring) or construct it
    directly: ``NewsdeskPipeline(fields=["title", "text"], prefix="nd_")``.
    """

    def __init__(
        self,
        *,
        html_field: str | None = None,
        url_field: str = "url",
        fields: Iterable[str] | str | None = None,
        prefix: str = "",
        drop_non_articles: bool = False,
        min_words: int = 1,
        entities: bool = False,
        claims: bool = False,
        keep_html: bool = True,
        threaded: bool = False,
        language: str | None = None,
        day_first: bool | None = None,
        stats: Any = None,
    ) -> None:
        if html_field is not None and not isinstance(html_field, str):
            raise TypeError(f"NEWSDESK_HTML_FIELD: expected a field name, got {type(html_field).__name__}")
        if not isinstance(prefix, str):
            raise TypeError(f"NEWSDESK_PREFIX: expected str, got {type(prefix).__name__}")
        if not isinstance(min_words, int) or min_words < 0:
            raise ValueError(f"NEWSDESK_MIN_WORDS: expected a non-negative int, got {min_words!r}")
        if day_first is not None and not isinstance(day_first, bool):
            raise TypeError(f"NEWSDESK_DAY_FIRST: expected bool or None, got {day_first!r}")
        self.html_fields: tuple[str, ...] = (html_field,) if html_field else DEFAULT_HTML_FIELDS
        self.url_field = url_field
        self.fields = DEFAULT_FIELDS if fields is None else _field_list("NEWSDESK_FIELDS", fields)
        self.prefix = prefix
        self.drop_non_articles = bool(drop_non_articles)
        self.min_words = min_words
        self.entities = bool(entities)
        self.claims = bool(claims)
        self.keep_html = bool(keep_html)
        self.threaded = bool(threaded)
        self.language = language
        self.day_first = day_first
        self.stats = stats
        self._warned_types: set[type] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewsdeskPipeline:
        s = crawler.settings
        day_first = s.get("NEWSDESK_DAY_FIRST")
        if isinstance(day_first, str):  # from the command line: -s NEWSDESK_DAY_FIRST=true
            day_first = s.getbool("NEWSDESK_DAY_FIRST")
        return cls(
            html_field=s.get("NEWSDESK_HTML_FIELD") or None,
            url_field=s.get("NEWSDESK_URL_FIELD", "url"),
            fields=s.get("NEWSDESK_FIELDS"),
            prefix=s.get("NEWSDESK_PREFIX", ""),
            drop_non_articles=s.getbool("NEWSDESK_DROP_NON_ARTICLES", False),
            min_words=s.getint("NEWSDESK_MIN_WORDS", 1),
            entities=s.getbool("NEWSDESK_ENTITIES", False),
            claims=s.getbool("NEWSDESK_CLAIMS", False),
            keep_html=s.getbool("NEWSDESK_KEEP_HTML", True),
            threaded=s.getbool("NEWSDESK_THREADED", False),
            language=s.get("NEWSDESK_LANGUAGE") or None,
            day_first=day_first,
            stats=crawler.stats,
        )

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newsdesk/{key}")

    def _page(self, adapter: ItemAdapter) -> tuple[str | None, Any]:
        for name in self.html_fields:
            if name in adapter and adapter.get(name) is not None:
                value = adapter.get(name)
                if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                    value = "\n\n".join(value)  # paragraphs from .getall()
                return name, value
        return None, None

    def enrich(self, item: Any) -> dict[str, Any]:
        """The fields this pipeline adds to ``item`` (prefixed), ``error`` always among them."""
        return self._enrich(ItemAdapter(item))[0]

    def _enrich(self, adapter: ItemAdapter) -> tuple[dict[str, Any], int, str | None]:
        """(fields to add, body words, name of the field the page came from)."""
        name, page = self._page(adapter)
        p = self.prefix
        if name is None:
            tried = "/".join(self.html_fields)
            row: dict[str, Any] = {
                "word_count": 0,
                "text": "",
                "error": f"no content: the item has no {tried} field (NEWSDESK_HTML_FIELD)",
            }
        else:
            url = adapter.get(self.url_field) if self.url_field in adapter else None
            try:
                row = extract(
                    page,
                    url=None if url is None else str(url),
                    language=self.language,
                    day_first=self.day_first,
                    entities=self.entities,
                    claims=self.claims,
                )
            except Exception as e:  # noqa: BLE001  a bad item must not stop the crawl
                logger.warning("newsdesk could not process %s: %s", url, e)
                row = {"word_count": 0, "text": "", "error": f"newsdesk: {type(e).__name__}: {e}"}
        out = {p + f: row.get(f) for f in self.fields}
        out[p + "error"] = row.get("error")
        if self.entities:
            out[p + "entities"] = row.get("entities", [])
        if self.claims:
            out[p + "claims"] = row.get("claims", [])
        return out, row.get("word_count") or 0, name

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Enrich ``item``; raise ``DropItem`` for non-articles when so configured.

        With ``NEWSDESK_THREADED`` this returns a coroutine that runs the extraction in a worker
        thread (the Rust core releases the GIL, so the crawl goes on meanwhile and several items
        are processed on several cores at once).
        """
        if self.threaded:
            return self._process_in_thread(item)
        adapter = ItemAdapter(item)
        return self._finish(item, adapter, *self._enrich(adapter))

    async def _process_in_thread(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if _asyncio_available():
            import asyncio

            result = await asyncio.get_running_loop().run_in_executor(None, self._enrich, adapter)
        else:  # plain Twisted reactor: coroutines may await Deferreds
            from twisted.internet.threads import deferToThread

            result = await deferToThread(self._enrich, adapter)
        return self._finish(item, adapter, *result)

    def _finish(self, item: Any, adapter: ItemAdapter, fields: dict[str, Any], words: int, html_field: str | None) -> Any:
        """Count, drop or write the fields into the item (on the crawl's thread)."""
        self._inc("items")
        if fields[self.prefix + "error"] is not None:
            self._inc("errors")
        if self.drop_non_articles and words < self.min_words:
            self._inc("dropped")
            reason = fields[self.prefix + "error"] or f"{words} words of body text"
            raise DropItem(f"not an article ({reason})")
        if not self.keep_html and html_field is not None and html_field in adapter:
            del adapter[html_field]
        try:
            for k, v in fields.items():
                adapter[k] = v
            return item
        except KeyError:  # an Item class without these fields: pass a dict on instead
            missing = [k for k in fields if k not in adapter.field_names()]
            if type(item) not in self._warned_types:
                self._warned_types.add(type(item))
                logger.warning("%s does not declare %s; newsdesk passes these items on as dicts", type(item).__name__, missing)
            d = adapter.asdict()
            d.update(fields)
            return d


def _asyncio_available() -> bool:
    """Whether Scrapy runs on asyncio (the default reactor since Scrapy 2.13)."""
    try:
        from scrapy.utils.asyncio import is_asyncio_available  # Scrapy >= 2.14
    except ImportError:
        from scrapy.utils.reactor import (
            is_asyncio_reactor_installed as is_asyncio_available,
        )
    return bool(is_asyncio_available())
