"""A real Scrapy crawl through newsdesk.scrapy.NewsdeskPipeline.

The sample HTML pages (python/newsdesk/samples/*.html link to each other) are served by
http.server on 127.0.0.1 (a free port, in a thread of this process); a spider starting at one
page follows the links, and a subprocess runs it with Scrapy's CrawlerProcess and a JSON-lines
feed, the way a user's project does. The items that come out are checked against the manifest
and against newsdesk.extract on the same bytes. No network beyond 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("scrapy")
newsdesk = pytest.importorskip("newsdesk")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "python" / "newsdesk" / "samples"
DOCS = {d["file"]: d for d in json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))["documents"]}
HTML_FILES = sorted(f for f, d in DOCS.items() if d["format"] == "html")
START = "pt-economia-juros.html"

CRAWL_SCRIPT = r"""
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import TextResponse

base, out, stats_out, field, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])


class SamplesSpider(scrapy.Spider):
    name = "samples"
    allowed_domains = ["127.0.0.1"]

    # the start page is filtered as a duplicate like any other (start_urls are not)
    async def start(self):  # Scrapy >= 2.13
        yield scrapy.Request(base + "START")

    def start_requests(self):  # older Scrapy
        yield scrapy.Request(base + "START")

    def parse(self, response):
        page = response.body if field == "html" else response.text
        yield {"url": response.url, field: page, "status": response.status}
        if isinstance(response, TextResponse):
            for href in response.css("a::attr(href)").getall():
                if href.endswith(".html"):
                    yield response.follow(href, callback=self.parse)


process = CrawlerProcess({
    "ITEM_PIPELINES": {"newsdesk.scrapy.NewsdeskPipeline": 300},
    "FEEDS": {out: {"format": "jsonlines", "encoding": "utf-8"}},
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    **settings,
})
crawler = process.create_crawler(SamplesSpider)
process.crawl(crawler)
process.start()
with open(stats_out, "w") as f:
    json.dump({k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, str))}, f)
""".replace("START", START)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=str(SAMPLES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def crawl(base: str, tmp: Path, field: str, settings: dict) -> tuple[dict[str, dict], dict]:
    script = tmp / "crawl.py"
    script.write_text(CRAWL_SCRIPT, encoding="utf-8")
    out, stats = tmp / "items.jsonl", tmp / "stats.json"
    proc = subprocess.run(
        [sys.executable, str(script), base, str(out), str(stats), field, json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-4000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_file = {}
    for it in items:
        name = it["url"].rsplit("/", 1)[-1]
        assert name not in by_file, f"{name} scraped twice"
        by_file[name] = it
    return by_file, json.loads(stats.read_text())


@pytest.fixture(scope="module")
def default_crawl(server, tmp_path_factory):
    """Every item kept, with entities and claims, the page removed from the item once processed."""
    settings = {"NEWSDESK_KEEP_HTML": False, "NEWSDESK_ENTITIES": True, "NEWSDESK_CLAIMS": True}
    return crawl(server, tmp_path_factory.mktemp("crawl_default"), "html", settings)


@pytest.fixture(scope="module")
def dropping_crawl(server, tmp_path_factory):
    """response.text in a 'body' field, chosen fields with a prefix, non-articles dropped, threads."""
    settings = {
        "NEWSDESK_THREADED": True,
        "NEWSDESK_HTML_FIELD": "body",
        "NEWSDESK_FIELDS": ["title", "language", "text", "word_count"],
        "NEWSDESK_PREFIX": "nd_",
        "NEWSDESK_DROP_NON_ARTICLES": True,
    }
    return crawl(server, tmp_path_factory.mktemp("crawl_drop"), "body", settings)


def test_crawl_reaches_every_sample_page_once(default_crawl):
    items, stats = default_crawl
    assert sorted(items) == HTML_FILES
    assert stats["newsdesk/items"] == len(HTML_FILES)
    assert stats.get("item_scraped_count") == len(HTML_FILES)
    assert stats.get("newsdesk/dropped", 0) == 0


def test_crawled_items_carry_exactly_what_extract_gives_for_the_page(default_crawl, server):
    items, _ = default_crawl
    for name, it in items.items():
        assert "html" not in it, "NEWSDESK_KEEP_HTML=False removes the page"
        want = newsdesk.extract((SAMPLES / name).read_bytes(), url=server + name, entities=True, claims=True)
        for key in (
            "entities",
            "claims",
            "canonical_url",
            "description",
            "section",
            "tags",
            "date_source",
            "domain",
            "outlet",
            "title",
            "authors",
            "published_raw",
            "date_ambiguous",
            "language",
            "text",
            "headings",
            "wire_agencies",
            "source_credit",
            "removed",
            "word_count",
            "error",
        ):
            assert it[key] == want[key], (name, key)
        # the JSON feed writes datetimes as "YYYY-MM-DD HH:MM:SS"
        assert _when(it["published"]) == want["published"], name
        assert _when(it["modified"]) == want["modified"], name
        assert "url" not in want or it["url"] == want["url"]


def _when(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _same_time(got: dt.datetime | None, expected: str) -> bool:
    """Naive wall-clock time as the page states it (the zone is not kept in the column)."""
    return got == dt.datetime.fromisoformat(expected.replace("Z", "+00:00")).replace(tzinfo=None)


@pytest.mark.parametrize("name", [f for f in HTML_FILES if DOCS[f]["language"]])
def test_crawled_article_fields_match_the_manifest(default_crawl, name):
    it, doc = default_crawl[0][name], DOCS[name]
    for key in ("title", "outlet", "authors", "language", "headings"):
        assert it[key] == doc[key], key
    assert it["canonical_url"] == doc["url"]
    assert _same_time(_when(it["published"]), doc["published"]), it["published"]
    if doc.get("modified"):
        assert _same_time(_when(it["modified"]), doc["modified"]), it["modified"]
    if doc.get("description"):
        assert it["description"] == doc["description"]
    paragraphs = it["text"].split("\n\n")
    assert paragraphs[0].startswith(doc["body_starts_with"]) or doc["body_starts_with"] in it["text"]
    if name != "en-broken-truncated.html":  # cut off mid-page: the end of its body is lost
        assert doc["body_ends_with"] in it["text"]
    text = it["text"]
    assert it["entities"], "every sample article names people, places or organisations"
    assert all(text[e["start"] : e["end"]] == e["text"] for e in it["entities"])
    assert all(text[c["content_start"] : c["content_end"]] == c["content"] for c in it["claims"])


def test_broken_pages_carry_their_error_and_the_crawl_goes_on(default_crawl):
    items, stats = default_crawl
    junk = items["xx-binary-junk.html"]
    assert junk["error"] and "binary" in junk["error"]
    assert junk["text"] == "" and junk["word_count"] == 0
    assert junk["entities"] == [] and junk["claims"] == []
    truncated = items["en-broken-truncated.html"]
    assert truncated["word_count"] > 50  # tag soup cut off mid-character still yields its text
    assert stats["newsdesk/errors"] >= 1


def test_english_pages_come_with_their_claims(default_crawl):
    items, _ = default_crawl
    for name in ("en-world-ocean-summit.html", "en-broken-truncated.html"):
        assert items[name]["claims"], name
        assert {"kind", "content", "speaker", "cue"} <= set(items[name]["claims"][0])


def test_dropping_crawl_drops_only_the_non_article(dropping_crawl):
    items, stats = dropping_crawl
    assert sorted(items) == [f for f in HTML_FILES if f != "xx-binary-junk.html"]
    assert stats["newsdesk/dropped"] == 1
    assert stats.get("item_dropped_count") == 1
    for name, it in items.items():
        assert set(it) == {"url", "body", "status", "nd_title", "nd_language", "nd_text", "nd_word_count", "nd_error"}, name
        assert it["nd_language"] == DOCS[name]["language"]
        assert DOCS[name]["body_starts_with"][:40] in it["nd_text"]
        assert it["body"], "NEWSDESK_KEEP_HTML defaults to keeping the page"


def test_threaded_pipeline_on_the_plain_twisted_reactor(server, tmp_path, default_crawl):
    settings = {
        "TWISTED_REACTOR": "twisted.internet.selectreactor.SelectReactor",
        "NEWSDESK_THREADED": True,
        "NEWSDESK_KEEP_HTML": False,
        "NEWSDESK_ENTITIES": True,
        "NEWSDESK_CLAIMS": True,
    }
    items, stats = crawl(server, tmp_path, "html", settings)
    assert items == default_crawl[0]
    assert stats["newsdesk/items"] == len(HTML_FILES)
