"""Input normalisation: whatever the user passes becomes parallel lists the core takes.

Accepted: one ``str``/``bytes``; an iterable of ``str``/``bytes``/``None``; a list of dicts as
scrapers emit them; a polars Series or DataFrame; a pandas Series or DataFrame.
"""

from __future__ import annotations

import datetime as _dt
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONTENT_KEYS = (
    "html",
    "raw_html",
    "content_html",
    "body_html",
    "text",
    "body",
    "content",
    "article",
    "raw",
    "page",
    "article_text",
)
URL_KEYS = ("url", "link", "canonical_url", "source_url", "uri", "href")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "published_at", "publish_date", "date_published", "datetime", "pubdate", "time")
CHARSET_KEYS = ("charset", "encoding")


@dataclass
class Batch:
    """Parallel columns for the core, one entry per input document."""

    contents: list[Any] = field(default_factory=list)
    urls: list[str | None] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    charsets: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.contents)


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    # pandas NA / NaT: such a value exists only once pandas is imported, so never import it here
    # (importing pandas costs a third of a second at the first call of a process)
    pd = sys.modules.get("pandas")
    return pd is not None and (v is getattr(pd, "NA", None) or v is getattr(pd, "NaT", None))


def _content(v: Any) -> Any:
    if _is_missing(v):
        return None
    if isinstance(v, (str, bytes)):
        return v
    if isinstance(v, (bytearray, memoryview)):
        return bytes(v)
    return str(v)


def _opt_str(v: Any) -> str | None:
    if _is_missing(v):
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _pick(names: Sequence[str], wanted: str | None, keys: Sequence[str], what: str, required: bool) -> str | None:
    if wanted is not None:
        if wanted not in names:
            raise KeyError(f"{what}: column {wanted!r} not found; available columns: {list(names)}")
        return wanted
    lower = {n.lower(): n for n in names}
    for k in keys:
        if k in lower:
            return lower[k]
    if required:
        raise ValueError(
            f"{what}: none of the usual column names {list(keys)} is present in {list(names)}; name the column with {what}=..."
        )
    return None


def _from_columns(columns: Mapping[str, list[Any]], names: Sequence[str], column: str | None, url_column: str | None) -> Batch:
    c = _pick(names, column, CONTENT_KEYS, "column", True)
    u = _pick(names, url_column, URL_KEYS, "url_column", False)
    t = _pick(names, None, TITLE_KEYS, "title", False)
    d = _pick(names, None, DATE_KEYS, "date", False)
    cs = _pick(names, None, CHARSET_KEYS, "charset", False)
    n = len(columns[c])
    none = [None] * n
    return Batch(
        contents=[_content(v) for v in columns[c]],
        urls=[_opt_str(v) for v in columns[u]] if u else list(none),
        titles=[_opt_str(v) for v in columns[t]] if t else list(none),
        dates=[_opt_str(v) for v in columns[d]] if d else list(none),
        charsets=[_opt_str(v) for v in columns[cs]] if cs else list(none),
    )


def _from_dicts(items: list[Mapping[str, Any]], column: str | None, url_column: str | None) -> Batch:
    b = Batch()
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise TypeError(f"docs[{i}]: expected a dict like the others, got {type(item).__name__}")
        names = list(item.keys())
        c = _pick(names, column, CONTENT_KEYS, "column", False) if column is None else column
        u = _pick(names, url_column, URL_KEYS, "url_column", False) if url_column is None else url_column
        b.contents.append(_content(item.get(c)) if c else None)
        b.urls.append(_opt_str(item.get(u)) if u else None)
        t = _pick(names, None, TITLE_KEYS, "title", False)
        d = _pick(names, None, DATE_KEYS, "date", False)
        cs = _pick(names, None, CHARSET_KEYS, "charset", False)
        b.titles.append(_opt_str(item.get(t)) if t else None)
        b.dates.append(_opt_str(item.get(d)) if d else None)
        b.charsets.append(_opt_str(item.get(cs)) if cs else None)
    return b


def _response_like(obj: Any) -> bool:
    return hasattr(obj, "content") and hasattr(obj, "url") and (hasattr(obj, "headers") or hasattr(obj, "encoding"))


def to_batch(docs: Any, column: str | None = None, url_column: str | None = None) -> Batch:
    """Normalise ``docs`` into a :class:`Batch` (one entry per document, input order)."""
    if isinstance(docs, (str, bytes, bytearray, memoryview)):
        docs = [docs]
    mod = type(docs).__module__.split(".")[0]
    if mod == "polars":
        import polars as pl  # noqa: PLC0415

        if isinstance(docs, pl.LazyFrame):
            docs = docs.collect()
        if isinstance(docs, pl.Series):
            return Batch(
                contents=[_content(v) for v in docs.to_list()],
                urls=[None] * len(docs),
                titles=[None] * len(docs),
                dates=[None] * len(docs),
                charsets=[None] * len(docs),
            )
        if isinstance(docs, pl.DataFrame):
            return _from_columns({n: docs.get_column(n).to_list() for n in docs.columns}, docs.columns, column, url_column)
    if mod == "pandas":
        import pandas as pd  # noqa: PLC0415

        if isinstance(docs, pd.Series):
            vals = docs.tolist()
            return Batch(
                contents=[_content(v) for v in vals],
                urls=[None] * len(vals),
                titles=[None] * len(vals),
                dates=[None] * len(vals),
                charsets=[None] * len(vals),
            )
        if isinstance(docs, pd.DataFrame):
            names = [str(n) for n in docs.columns]
            return _from_columns({str(n): docs[n].tolist() for n in docs.columns}, names, column, url_column)
    if _response_like(docs):
        docs = [docs]
    if not isinstance(docs, Iterable):
        raise TypeError(
            f"docs: expected str, bytes, an iterable of them, dicts, or a polars/pandas Series/DataFrame; got {type(docs).__name__}"
        )
    items = list(docs)
    if items and any(isinstance(x, Mapping) for x in items):
        return _from_dicts([_item_to_dict(x) for x in items], column, url_column)
    if items and any(_response_like(x) for x in items):
        return _from_dicts([_response_to_dict(x) if _response_like(x) else {"content": x} for x in items], None, None)
    n = len(items)
    return Batch(contents=[_content(v) for v in items], urls=[None] * n, titles=[None] * n, dates=[None] * n, charsets=[None] * n)


def _item_to_dict(x: Any) -> Mapping[str, Any]:
    if isinstance(x, Mapping):
        return x
    if hasattr(x, "items") and callable(x.items):  # scrapy.Item
        return dict(x.items())
    return {"content": x}


def _response_to_dict(r: Any) -> dict[str, Any]:
    """A requests/httpx-like response: bytes, URL and the charset from its headers."""
    charset = None
    headers = getattr(r, "headers", None) or {}
    ctype = headers.get("content-type") or headers.get("Content-Type") or ""
    if isinstance(ctype, bytes):
        ctype = ctype.decode("latin-1")
    for part in str(ctype).split(";"):
        part = part.strip()
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip("\"' ")
    body = r.content if isinstance(getattr(r, "content", None), (bytes, bytearray)) else getattr(r, "text", None)
    return {"content": body, "url": str(r.url), "charset": charset}


def check_options(language: Any, day_first: Any, as_of: Any) -> int | None:
    """Validate the options ``articles`` and ``extract`` share; return ``as_of`` in µs since the
    epoch (naive datetimes are taken as UTC)."""
    if day_first is not None and not isinstance(day_first, bool):
        raise TypeError(f"day_first: expected bool or None, got {type(day_first).__name__}")
    if language is not None and not isinstance(language, str):
        raise TypeError(f"language: expected str or None, got {type(language).__name__}")
    if as_of is None:
        return None
    if not isinstance(as_of, _dt.datetime):
        raise TypeError(f"as_of: expected datetime, got {type(as_of).__name__}")
    aware = as_of if as_of.tzinfo else as_of.replace(tzinfo=_dt.timezone.utc)
    return int(aware.timestamp() * 1_000_000)
