"""NewsdeskPipeline item by item: settings, item types, bad items (the crawl is in test_scrapy_crawl)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

scrapy = pytest.importorskip("scrapy")
import newsdesk
from newsdesk.scrapy import DEFAULT_FIELDS, NewsdeskPipeline
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

SAMPLES = Path(newsdesk.__file__).parent / "samples"
PAGE = (SAMPLES / "en-world-ocean-summit.html").read_bytes()
URL = "https://www.meridiannews.co.uk/world/2024/nov/12/ocean-summit-deep-sea-mining-moratorium"


def pipeline(**settings) -> NewsdeskPipeline:
    return NewsdeskPipeline.from_crawler(get_crawler(settings_dict=settings))


class Article(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    title = scrapy.Field()
    text = scrapy.Field()
    error = scrapy.Field()


class BareItem(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()


def test_default_settings_add_every_column_and_match_extract():
    item = pipeline().process_item({"url": URL, "html": PAGE})
    want = newsdesk.extract(PAGE, url=URL)
    for f in DEFAULT_FIELDS:
        assert item[f] == want[f], f
    assert item["html"] is PAGE and item["url"] == URL
    assert isinstance(item["published"], dt.datetime)


def test_settings_choose_field_prefix_and_stages():
    p = pipeline(NEWSDESK_HTML_FIELD="page", NEWSDESK_FIELDS="title, language", NEWSDESK_PREFIX="nd_",
                 NEWSDESK_ENTITIES=True, NEWSDESK_CLAIMS="true", NEWSDESK_KEEP_HTML=False)
    item = p.process_item({"link": URL, "page": PAGE.decode("utf-8")})
    assert set(item) == {"link", "nd_title", "nd_language", "nd_error", "nd_entities", "nd_claims"}
    assert item["nd_title"] == "Ocean summit ends with deal on deep-sea mining moratorium"
    assert item["nd_entities"] and item["nd_claims"]


def test_html_field_falls_back_to_body_then_text():
    p = pipeline()
    assert p.process_item({"body": PAGE})["language"] == "en"
    item = p.process_item({"text": ["The council met on Monday, the mayor said.", "It approved the budget."]})
    assert item["text"] == "The council met on Monday, the mayor said.\n\nIt approved the budget."


def test_item_without_the_page_gets_an_error_not_an_exception():
    item = pipeline(NEWSDESK_HTML_FIELD="html").process_item({"url": URL, "body": PAGE})
    assert item["error"].startswith("no content") and "NEWSDESK_HTML_FIELD" in item["error"]


def test_bad_pages_carry_their_error_or_are_dropped():
    junk = (SAMPLES / "xx-binary-junk.html").read_bytes()
    kept = pipeline().process_item({"html": junk})
    assert "binary" in kept["error"]
    crawler = get_crawler(settings_dict={"NEWSDESK_DROP_NON_ARTICLES": True})
    p = NewsdeskPipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="binary"):
        p.process_item({"html": junk})
    with pytest.raises(DropItem):
        p.process_item({"html": "   "})
    assert p.process_item({"html": PAGE})["error"] is None
    assert crawler.stats.get_value("newsdesk/dropped") == 2
    assert crawler.stats.get_value("newsdesk/items") == 3


def test_min_words_drops_short_pages():
    p = pipeline(NEWSDESK_DROP_NON_ARTICLES=True, NEWSDESK_MIN_WORDS=50)
    with pytest.raises(DropItem, match="words"):
        p.process_item({"html": "<p>Short note: the meeting moved to Friday.</p>"})
    assert p.process_item({"html": PAGE})["word_count"] > 50


def test_an_unexpected_failure_becomes_the_items_error(monkeypatch):
    import newsdesk.scrapy as mod

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(mod, "extract", boom)
    item = pipeline().process_item({"html": PAGE, "url": URL})
    assert item["error"] == "newsdesk: RuntimeError: disk on fire"


def test_scrapy_item_with_declared_fields_stays_an_item():
    p = pipeline(NEWSDESK_FIELDS=["title", "text"])
    out = p.process_item(Article(url=URL, html=PAGE))
    assert isinstance(out, Article)
    assert out["title"] == "Ocean summit ends with deal on deep-sea mining moratorium" and out["error"] is None


def test_scrapy_item_without_the_fields_is_passed_on_as_a_dict(caplog):
    p = pipeline(NEWSDESK_FIELDS=["title"])
    with caplog.at_level(logging.WARNING, logger="newsdesk.scrapy"):
        out = p.process_item(BareItem(url=URL, html=PAGE))
        p.process_item(BareItem(url=URL, html=PAGE))
    assert isinstance(out, dict) and out["url"] == URL and out["title"]
    warnings = [r for r in caplog.records if "does not declare" in r.getMessage()]
    assert len(warnings) == 1 and "title" in warnings[0].getMessage()


@pytest.mark.parametrize(
    ("settings", "name"),
    [
        ({"NEWSDESK_FIELDS": ["title", "headline"]}, "NEWSDESK_FIELDS"),
        ({"NEWSDESK_FIELDS": ["doc_id"]}, "NEWSDESK_FIELDS"),
        ({"NEWSDESK_MIN_WORDS": -1}, "NEWSDESK_MIN_WORDS"),
        ({"NEWSDESK_DAY_FIRST": 3}, "NEWSDESK_DAY_FIRST"),
    ],
)
def test_bad_settings_fail_at_start_naming_the_setting(settings, name):
    with pytest.raises((TypeError, ValueError), match=name):
        pipeline(**settings)


def test_extract_takes_a_real_scrapy_response_in_a_spider_callback():
    from scrapy.http import HtmlResponse

    body = ("<html><body><article><p>Die Ausfuhren fielen im Mai um 3,6 Prozent – „ein Dämpfer zur Unzeit“, "
            "sagte der Ökonom am Freitag in Wiesbaden.</p></article></body></html>").encode("cp1252")
    r = HtmlResponse(url="https://www.kurier.de/a", body=body, headers={"Content-Type": "text/html; charset=cp1252"})
    d = newsdesk.extract(r)
    assert "„ein Dämpfer zur Unzeit“" in d["text"] and d["domain"] == "kurier.de"
