"""newsdesk.extract: one page (str, bytes, response object, dict) in, one plain dict out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

newsdesk = pytest.importorskip("newsdesk")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "python" / "newsdesk" / "samples"
DOCS = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))["documents"]

# A page with no charset declaration of its own: only the transport knows it is Windows-1252.
CP1252_PAGE = (
    "<html><head><title>Exporte brechen ein</title></head><body><article>"
    "<h1>Exporte brechen ein</h1>"
    "<p>Die Ausfuhren fielen im Mai um 3,6 Prozent – „ein Dämpfer zur Unzeit“, sagte der Ökonom.</p>"
    "<p>Die Importe stiegen dagegen leicht, teilte das Statistische Bundesamt mit.</p>"
    "</article></body></html>"
).encode("cp1252")


class FakeRequestsResponse:
    """What requests.Response exposes: bytes, URL, headers; .encoding guessed ISO-8859-1."""

    def __init__(self, content: bytes, url: str, content_type: str):
        self.content = content
        self.url = url
        self.headers = {"Content-Type": content_type}
        self.encoding = "ISO-8859-1"  # requests' default for text/* without a charset

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding, "replace")


class FakeScrapyHeaders(dict):
    """Scrapy's Headers: bytes keys and values, case-insensitive get."""

    def get(self, key, default=None):
        key = key.encode() if isinstance(key, str) else key
        for k, v in self.items():
            if k.lower() == key.lower():
                return v[-1] if isinstance(v, list) else v
        return default


class FakeScrapyResponse:
    def __init__(self, body: bytes, url: str, content_type: bytes):
        self.body = body
        self.url = url
        self.headers = FakeScrapyHeaders({b"Content-Type": [content_type]})


class FakeURL:
    """httpx.URL: not a str, but str() gives the URL."""

    def __init__(self, s: str):
        self._s = s

    def __str__(self) -> str:
        return self._s


def test_extract_returns_the_articles_row_as_a_plain_dict():
    html = (SAMPLES / "pt-economia-juros.html").read_text(encoding="utf-8")
    d = newsdesk.extract(html, url="https://www.jornaldoplanalto.com.br/economia/x")
    assert isinstance(d, dict)
    assert set(d) == set(newsdesk.ARTICLES_SCHEMA) - {"doc_id"}
    assert d["domain"] == "jornaldoplanalto.com.br"
    assert d["language"] == "pt"
    assert d["text"].startswith("O Comitê de Política Monetária")
    assert isinstance(d["authors"], list) and isinstance(d["removed"], list)
    assert d["error"] is None


@pytest.mark.parametrize("doc", [d for d in DOCS], ids=lambda d: d["file"])
def test_extract_gives_what_articles_gives_for_the_same_page(doc):
    raw = (SAMPLES / doc["file"]).read_bytes()
    row = newsdesk.articles([{"content": raw, "url": doc.get("url")}]).row(0, named=True)
    row.pop("doc_id")
    assert newsdesk.extract(raw, url=doc.get("url")) == row


def test_dates_come_back_as_datetime():
    d = newsdesk.extract("Minister resigns\n\n12 March 2024, 10:15\n\nThe minister resigned on Tuesday, aides said.")
    assert d["published"] == dt.datetime(2024, 3, 12, 10, 15)
    assert isinstance(d["published"], dt.datetime)


def test_str_and_bytes_of_the_same_page_agree():
    raw = (SAMPLES / "es-ar-inflacion-alquileres.html").read_bytes()
    assert newsdesk.extract(raw) == newsdesk.extract(raw.decode("utf-8"))
    assert newsdesk.extract(bytearray(raw)) == newsdesk.extract(raw)


def test_non_utf8_bytes_declared_in_meta_are_decoded():
    raw = (SAMPLES / "fr-politique-budget.html").read_bytes()  # ISO-8859-1, http-equiv only
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    d = newsdesk.extract(raw)
    assert "économies" in d["text"] or "économie" in d["text"]
    assert "\ufffd" not in d["text"] and d["error"] is None


def test_response_charset_header_decodes_a_page_without_meta_charset():
    r = FakeRequestsResponse(
        CP1252_PAGE, "https://www.wirtschaftskurier.de/konjunktur/exporte", "text/html; charset=windows-1252"
    )
    d = newsdesk.extract(r)
    assert "„ein Dämpfer zur Unzeit“" in d["text"]
    assert "3,6 Prozent – " in d["text"]
    assert d["url"] == r.url and d["domain"] == "wirtschaftskurier.de"
    assert d["error"] is None


def test_response_without_charset_does_not_trust_requests_latin1_guess():
    page = "<html><body><p>São Paulo terá chuva forte nesta quarta-feira, diz o instituto.</p></body></html>".encode()
    r = FakeRequestsResponse(page, "https://g1.globo.com/sp/x", "text/html")
    assert "SÃ£o" in r.text  # what using r.text would have given
    assert newsdesk.extract(r)["text"].startswith("São Paulo terá chuva")


def test_scrapy_response_with_bytes_headers():
    r = FakeScrapyResponse(CP1252_PAGE, "https://www.wirtschaftskurier.de/a", b"text/html; charset=cp1252")
    d = newsdesk.extract(r)
    assert "„ein Dämpfer zur Unzeit“" in d["text"]
    assert d["domain"] == "wirtschaftskurier.de"


def test_url_argument_overrides_the_response_url_and_accepts_url_objects():
    r = FakeRequestsResponse(CP1252_PAGE, "https://cdn.example.net/cache/123", "text/html; charset=cp1252")
    assert newsdesk.extract(r, url="https://www.dw.com/de/x")["domain"] == "dw.com"
    assert newsdesk.extract(CP1252_PAGE, url=FakeURL("https://www.dw.com/de/x"))["url"] == "https://www.dw.com/de/x"


class FakeAsyncResponse:
    """aiohttp's ClientResponse: the body is behind a coroutine, not an attribute."""

    url = "https://www.dw.com/x"
    headers = {"Content-Type": "text/html"}  # noqa: RUF012
    content = object()  # a StreamReader

    async def text(self) -> str:
        return ""


def test_unloaded_async_response_is_refused_naming_doc():
    with pytest.raises(TypeError, match=r"^doc: .*await resp.read\(\)"):
        newsdesk.extract(FakeAsyncResponse())


def test_dict_as_scrapers_emit_it():
    item = {
        "url": "https://www.bbc.co.uk/news/x",
        "title": "Storm hits",
        "html": "<p>A storm hit the coast on Friday, forecasters said.</p>",
    }
    d = newsdesk.extract(item)
    assert d["domain"] == "bbc.co.uk" and d["title"] == "Storm hits"
    assert d["text"] == "A storm hit the coast on Friday, forecasters said."


def test_bad_pages_are_data_not_exceptions():
    assert newsdesk.extract(None)["error"].startswith("no content")
    assert newsdesk.extract("   ")["error"].startswith("empty document")
    junk = newsdesk.extract((SAMPLES / "xx-binary-junk.html").read_bytes())
    assert "binary" in junk["error"] and junk["text"] == "" and junk["word_count"] == 0
    truncated = newsdesk.extract((SAMPLES / "en-broken-truncated.html").read_bytes())
    assert truncated["word_count"] > 50


@pytest.mark.parametrize(
    ("kwargs", "exc", "name"),
    [
        ({"doc": 42}, TypeError, "doc"),
        ({"doc": ["<p>a</p>"]}, TypeError, "doc"),
        ({"doc": {"html": 3.5}}, TypeError, "doc"),
        ({"doc": "x", "url": 5}, TypeError, "url"),
        ({"doc": "x", "title": ["t"]}, TypeError, "title"),
        ({"doc": "x", "date": 2024}, TypeError, "date"),
        ({"doc": "x", "entities": "yes"}, TypeError, "entities"),
        ({"doc": "x", "claims": 1}, TypeError, "claims"),
        ({"doc": "x", "day_first": "yes"}, TypeError, "day_first"),
        ({"doc": "x", "language": "klingonish"}, ValueError, "language"),
        ({"doc": "x", "language": 7}, TypeError, "language"),
        ({"doc": "x", "as_of": "2024-01-01"}, TypeError, "as_of"),
    ],
)
def test_bad_arguments_raise_naming_the_argument(kwargs, exc, name):
    doc = kwargs.pop("doc")
    with pytest.raises(exc, match=rf"^{name}\b"):
        newsdesk.extract(doc, **kwargs)


def test_options_reach_the_core():
    text = "Council meets\n\n06/09/2022\n\nThe council met to discuss the budget, the mayor said."
    assert newsdesk.extract(text, day_first=False)["published"] == dt.datetime(2022, 6, 9)
    assert newsdesk.extract(text, day_first=True)["published"] == dt.datetime(2022, 9, 6)
    assert newsdesk.extract(text, language="fr")["language"] == "fr"
    assert newsdesk.extract(text, as_of=dt.datetime(2022, 7, 1), day_first=True)["published"] is None


def test_entities_and_claims_on_request():
    page = (SAMPLES / "en-world-ocean-summit.html").read_bytes()
    plain = newsdesk.extract(page)
    assert "entities" not in plain and "claims" not in plain
    d = newsdesk.extract(page, entities=True, claims=True)
    assert {k: v for k, v in d.items() if k not in ("entities", "claims")} == plain
    # the same rows newsdesk.entities / newsdesk.claims give on the text, without doc_id
    ents = newsdesk.entities([d["text"]], clean=False).drop("doc_id").to_dicts()
    claims = newsdesk.claims([d["text"]], clean=False).drop("doc_id").to_dicts()
    assert d["entities"] == ents and d["claims"] == claims
    assert len(ents) > 10 and len(claims) > 3
    assert all(d["text"][e["start"] : e["end"]] == e["text"] for e in d["entities"])
    assert all(d["text"][c["content_start"] : c["content_end"]] == c["content"] for c in d["claims"])


def test_entities_and_claims_of_a_page_without_text_are_empty_lists():
    d = newsdesk.extract(None, entities=True, claims=True)
    assert d["entities"] == [] and d["claims"] == [] and d["error"]


def test_docstring_examples_run():
    import doctest

    import newsdesk._extract

    result = doctest.testmod(newsdesk._extract, extraglobs={"newsdesk": newsdesk}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 2 and result.failed == 0
