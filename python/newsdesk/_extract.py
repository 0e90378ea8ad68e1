"""One page in, one plain dict out: :func:`extract`, for scrapers that handle a page at a time.

A page is HTML (``str`` or ``bytes`` in any encoding), text a scraper already pulled out, a
requests/httpx/Scrapy response (bytes, URL and the charset from its ``Content-Type`` header), or
a dict as scrapers emit them. The native ``_core.extract_one`` processes it on the calling thread
with the GIL released and returns the articles row as a dict directly, without building a polars
frame: per call that saves about 100 µs, which matters for small pages (see
``benches/extract_overhead.py``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from . import _core
from ._inputs import CHARSET_KEYS, CONTENT_KEYS, DATE_KEYS, TITLE_KEYS, URL_KEYS, check_options

_DOC_TYPES = "str, bytes, a requests/httpx/Scrapy response, a dict with an 'html'/'text' key, or None"


def _header(headers: Any, name: str) -> str | None:
    """One header from a requests/httpx (str values) or Scrapy (bytes values) header map."""
    if not headers:
        return None
    try:
        v = headers.get(name)
        if v is None:
            v = headers.get(name.lower())
    except Exception:  # noqa: BLE001  (exotic header containers: treat as absent)
        return None
    if isinstance(v, (list, tuple)):
        v = v[0] if v else None
    if isinstance(v, (bytes, bytearray)):
        v = bytes(v).decode("latin-1")
    return None if v is None else str(v)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value (``None`` when absent).

    >>> charset_of('text/html; charset="ISO-8859-1"')
    'ISO-8859-1'
    """
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _is_response(obj: Any) -> bool:
    return hasattr(obj, "url") and (hasattr(obj, "content") or hasattr(obj, "body")) and hasattr(obj, "headers")


def _from_response(r: Any) -> tuple[Any, str | None, str | None]:
    """(content, url, charset) of a requests/httpx (``.content``) or Scrapy (``.body``) response.

    The charset comes from the ``Content-Type`` header only: requests reports ISO-8859-1 for any
    ``text/*`` page without one and httpx guesses, while the core reads ``<meta charset>`` and
    detects the encoding itself.
    """
    body = getattr(r, "content", None)
    if not isinstance(body, (bytes, bytearray, memoryview)):
        body = getattr(r, "body", None)
    if not isinstance(body, (bytes, bytearray, memoryview)):
        body = getattr(r, "text", None)
    if isinstance(body, (bytearray, memoryview)):
        body = bytes(body)
    url = getattr(r, "url", None)
    charset = charset_of(_header(getattr(r, "headers", None), "Content-Type"))
    return body, (None if url is None else str(url)), charset


def _first(item: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    lower = {str(k).lower(): k for k in item}
    for k in keys:
        if k in lower and item[lower[k]] is not None:
            return item[lower[k]]
    return None


def _opt_str(name: str, v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, _dt.datetime | _dt.date):
        return v.isoformat()
    raise TypeError(f"{name}: expected str or None, got {type(v).__name__}")


def extract(
    doc: Any,
    *,
    url: str | None = None,
    title: str | None = None,
    date: str | None = None,
    language: str | None = None,
    day_first: bool | None = None,
    as_of: _dt.datetime | None = None,
    entities: bool = False,
    claims: bool = False,
) -> dict[str, Any]:
    """Process one page and return its articles row as a plain dict.

    Parameters
    ----------
    doc
        HTML (``str``, or ``bytes`` in any encoding: BOM, ``<meta charset>`` or detection decide),
        scraped text, a requests/httpx response (``.content``, ``.url``, the charset of its
        ``Content-Type`` header), a Scrapy response (``.body``), or a dict as scrapers emit
        them (keys ``html``/``text``/``body``/``content``, ``url``, ``title``, ``date``,
        ``charset``). ``None`` is a missing page: the dict says so in ``error``.
    url
        The page URL (overrides the response's or the dict's); gives ``url``/``domain`` and
        date-order evidence from the domain's country.
    title, date
        A title or date string the scraper already extracted (hints; the page's own win when
        it has them).
    language, day_first, as_of
        As in :func:`newsdesk.articles`.
    entities, claims
        Also return ``"entities"`` / ``"claims"``: lists of dicts, one per mention/claim, as the
        rows of :func:`newsdesk.entities` / :func:`newsdesk.claims` (without ``doc_id``;
        offsets index this dict's ``text``).

    Returns
    -------
    dict
        The columns of :func:`newsdesk.articles` (without ``doc_id``): str/None values, lists
        for list columns, ``datetime`` (naive, as the page states it) for dates. A page that
        could not be processed still gives a dict, with the reason in ``error``; bad
        *arguments* raise ``TypeError``/``ValueError`` naming them.

    >>> d = newsdesk.extract(b"<html><head><title>Juros sobem | Jornal</title></head><body>"
    ...                      b"<p>O Banco Central subiu os juros nesta quarta-feira.</p></body></html>",
    ...                      url="https://www.jornal.com.br/economia/1")
    >>> d["title"], d["domain"], d["language"], d["error"]
    ('Juros sobem', 'jornal.com.br', 'pt', None)
    """
    if not isinstance(entities, bool):
        raise TypeError(f"entities: expected bool, got {type(entities).__name__}")
    if not isinstance(claims, bool):
        raise TypeError(f"claims: expected bool, got {type(claims).__name__}")
    as_of_us = check_options(language, day_first, as_of)
    if url is not None and not isinstance(url, str):
        if type(url).__module__ == "builtins":  # URL objects (httpx.URL, yarl.URL) are welcome
            raise TypeError(f"url: expected str or None, got {type(url).__name__}")
        url = str(url)
    title = _opt_str("title", title)
    date = _opt_str("date", date)

    charset = None
    content: Any
    if doc is None or isinstance(doc, (str, bytes)):
        content = doc
    elif isinstance(doc, (bytearray, memoryview)):
        content = bytes(doc)
    elif isinstance(doc, Mapping):  # dicts and scrapy.Item
        item = doc
        content = _first(item, CONTENT_KEYS)
        if isinstance(content, (bytearray, memoryview)):
            content = bytes(content)
        if content is not None and not isinstance(content, (str, bytes)):
            raise TypeError(f"doc: the dict's content must be str or bytes, got {type(content).__name__}")
        url = url if url is not None else _opt_str("doc['url']", _first(item, URL_KEYS))
        title = title if title is not None else _opt_str("doc['title']", _first(item, TITLE_KEYS))
        date = date if date is not None else _opt_str("doc['date']", _first(item, DATE_KEYS))
        charset = _opt_str("doc['charset']", _first(item, CHARSET_KEYS))
    elif _is_response(doc):
        content, r_url, charset = _from_response(doc)
        if content is not None and not isinstance(content, (str, bytes)):
            raise TypeError(
                f"doc: the {type(doc).__name__}'s body is not loaded as bytes or str "
                "(for a streamed or async response pass its bytes, e.g. await resp.read())"
            )
        url = url if url is not None else r_url
    else:
        raise TypeError(f"doc: expected {_DOC_TYPES}; got {type(doc).__name__}")

    if entities or claims:
        # one pass: the page's text is tagged once and its claims read with those mentions
        return _core.analyze_one(
            content,
            url=url,
            title=title,
            date=date,
            charset=charset,
            language=language,
            day_first=day_first,
            as_of_us=as_of_us,
            entities=entities,
            claims=claims,
        )
    out: dict[str, Any] = _core.extract_one(
        content, url=url, title=title, date=date, charset=charset, language=language, day_first=day_first, as_of_us=as_of_us
    )
    return out
