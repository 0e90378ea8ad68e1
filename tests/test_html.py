"""The HTML path: main-content extraction and article metadata, from real-looking pages."""

from __future__ import annotations

import datetime as dt
import json
import time

import newsdesk
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

P = "The city council voted on Tuesday to fund the new bridge, ending a decade of debate over its cost."


def page(head: str, body: str, lang: str = "en") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


CHROME = """
<header class="site-header"><a href="/">Riverside Gazette</a><nav><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
"""
FOOTER = """
<div class="newsletter-signup"><p>Sign up for our morning newsletter and get the day's top stories in your inbox.</p></div>
<section class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Mayor opens new library in the north district of town</a></li>
<li><a href="/b">Traffic plan for the bridge works announced by the transport office</a></li></ul></section>
<div id="comments"><p>Great news, finally! I have waited for this bridge for years and years and years.</p></div>
<footer><p>© 2024 Riverside Gazette Media Group. All rights reserved. Terms and privacy policy apply.</p></footer>
"""


def test_json_ld_metadata_fills_every_column():
    head = """<title>Council backs new bridge | Riverside Gazette</title>
<link rel="canonical" href="https://riverside.example/news/2024/03/05/bridge">
<meta property="og:site_name" content="Riverside Gazette">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Council backs new bridge","datePublished":"2024-03-05T09:30:00Z","dateModified":"2024-03-06T10:00:00Z",
 "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Raj Patel"}],
 "publisher":{"@type":"Organization","name":"Riverside Gazette"},"articleSection":"Local",
 "keywords":"bridge, council, transport","description":"The council voted to fund the bridge."}</script>"""
    body = (
        CHROME
        + f'<article><h1>Council backs new bridge</h1><p class="byline">By Ann Lee and Raj Patel</p><p>{P}</p><p>{P} Again.</p></article>'
        + FOOTER
    )
    row = newsdesk.articles(
        [
            {
                "html": page(head, body),
                "url": "https://riverside.example/news/2024/03/05/bridge?utm=x",
            }
        ]
    ).row(0, named=True)
    assert row["title"] == "Council backs new bridge"
    assert row["outlet"] == "Riverside Gazette"
    assert row["authors"] == ["Ann Lee", "Raj Patel"]
    assert row["published"] == dt.datetime(2024, 3, 5, 9, 30)
    assert row["date_source"] == "json-ld"
    assert row["modified"] == dt.datetime(2024, 3, 6, 10, 0)
    assert row["canonical_url"] == "https://riverside.example/news/2024/03/05/bridge"
    assert row["description"] == "The council voted to fund the bridge."
    assert row["section"] == "Local"
    assert row["tags"] == ["bridge", "council", "transport"]
    assert row["language"] == "en"
    assert row["text"] == f"{P}\n\n{P} Again."
    assert row["error"] is None


def test_boilerplate_around_the_story_is_dropped():
    body = (
        CHROME
        + f"""<main><article><h1>Bridge plan approved</h1>
<div class="article-body"><p>{P}</p><div class="share-tools"><a>Share on Facebook</a><a>Share on X</a></div>
<p>Advertisement</p><p>{P} Second.</p><div class="ad-slot ad-slot--inline">Sponsored content</div>
<div class="paywall-prompt"><p>Subscribe now to keep reading our journalism.</p></div><p>{P} Third.</p></div></article></main>"""
        + FOOTER
    )
    row = newsdesk.articles([page("<title>Bridge plan approved</title>", body)]).row(0, named=True)
    text = row["text"]
    assert text.startswith(P) and text.endswith("Third.")
    for junk in (
        "Share on",
        "cookies",
        "newsletter",
        "Related",
        "Mayor opens",
        "Great news",
        "Sponsored",
        "Subscribe",
        "©",
        "Sport",
    ):
        assert junk not in text, junk
    # The cleaner still audits what it took out of the extracted blocks.
    assert "Advertisement" in row["removed"]


def test_meta_tags_and_several_authors_with_staff_dropped():
    head = """<title>Storm closes schools - Valley Times</title>
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="Maria Lopes, Tom Baker, Valley Times Staff">
<meta property="article:published_time" content="2023-01-10T07:45:00-05:00">
<meta property="article:section" content="Weather"><meta property="article:tag" content="storm"><meta property="article:tag" content="schools">"""
    row = newsdesk.articles([page(head, f"<h1>Storm closes schools</h1><p>{P}</p><p>{P}</p>")]).row(0, named=True)
    assert row["title"] == "Storm closes schools"
    assert row["authors"] == ["Maria Lopes", "Tom Baker"]
    assert row["date_source"] == "meta"
    assert row["published"].date() == dt.date(2023, 1, 10)
    assert row["section"] == "Weather" and row["tags"] == ["storm", "schools"]


def test_captions_are_a_column_and_stay_out_of_the_text():
    body = f"""<article><h1>Harbour reopens</h1><p>{P}</p>
<figure><img src="x.jpg"><figcaption>Boats in the harbour at dawn. Photo: Ana Ruiz</figcaption></figure><p>{P}</p></article>"""
    row = newsdesk.articles([page("<title>Harbour reopens</title>", body)]).row(0, named=True)
    assert row["captions"] == ["Boats in the harbour at dawn. Photo: Ana Ruiz"]
    assert "Boats in the harbour" not in row["text"]
    assert newsdesk.articles([P]).row(0, named=True)["captions"] == []


def test_published_utc_when_the_page_states_a_zone():
    head = '<meta property="article:published_time" content="2023-01-10T07:45:00-05:00">'
    df = newsdesk.articles([page(head, f"<h1>Storm closes schools</h1><p>{P}</p><p>{P}</p>"), f"March 3, 2024\n\n{P}"])
    assert df.schema["published_utc"] == pl.Datetime("us", "UTC")
    first, second = df.rows(named=True)
    # wall-clock time as stated, and the same instant in UTC
    assert first["published"] == dt.datetime(2023, 1, 10, 7, 45)
    assert first["published_utc"] == dt.datetime(2023, 1, 10, 12, 45, tzinfo=dt.timezone.utc)
    # no zone stated: no UTC instant is made up
    assert second["published"] == dt.datetime(2024, 3, 3) and second["published_utc"] is None
    # the one-page path gives an aware datetime too
    one = newsdesk.extract(page(head, f"<h1>Storm closes schools</h1><p>{P}</p><p>{P}</p>"))
    assert one["published_utc"] == dt.datetime(2023, 1, 10, 12, 45, tzinfo=dt.timezone.utc)


def test_byline_markup_and_time_element():
    body = f"""<article><header><h1>Ferry service resumes</h1>
<div class="byline">By <a rel="author" href="/u/kim">Kim Lee</a></div>
<time datetime="2022-05-06T07:00:00Z" pubdate>May 6, 2022</time></header><p>{P}</p><p>{P}</p></article>"""
    row = newsdesk.articles([page("<title>Ferry service resumes</title>", body)]).row(0, named=True)
    assert row["authors"] == ["Kim Lee"]
    assert row["date_source"] == "time"
    assert row["published"] == dt.datetime(2022, 5, 6, 7, 0)


def test_agency_byline_is_not_an_author_and_url_date_is_the_fallback():
    head = '<meta name="author" content="Reuters"><meta property="og:site_name" content="Harbour News">'
    row = newsdesk.articles(
        [
            {
                "html": page(head, f"<h1>Port strike ends after talks</h1><p>{P}</p>"),
                "url": "https://harbour.example/2021/07/14/port-strike/",
            }
        ]
    ).row(0, named=True)
    assert row["authors"] == []
    assert row["outlet"] == "Harbour News"
    assert row["date_source"] == "url"
    assert row["published"].date() == dt.date(2021, 7, 14)


def test_dates_after_as_of_are_rejected():
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    doc = {
        "html": page(head, f"<p>{P}</p>"),
        "url": "https://x.example/2020/05/01/story",
    }
    row = newsdesk.articles([doc], as_of=dt.datetime(2024, 1, 1)).row(0, named=True)
    assert row["published"].date() == dt.date(2020, 5, 1)
    assert row["date_source"] == "url"


def test_subheadings_stay_in_the_body_and_in_headings():
    body = f"<article><h1>Budget explained</h1><p>{P}</p><h2>What changes for drivers</h2><p>{P}</p></article>"
    row = newsdesk.articles([page("<title>Budget explained</title>", body)]).row(0, named=True)
    assert row["text"] == f"{P}\n\nWhat changes for drivers\n\n{P}"
    assert row["headings"] == ["What changes for drivers"]


def test_charset_declared_in_meta_is_honoured():
    html = page(
        "<title>Previs\u00e3o</title>",
        "<h1>Previs\u00e3o do tempo</h1><p>Em S\u00e3o Paulo a m\u00e1xima ser\u00e1 de 30 graus, segundo o instituto de meteorologia.</p>",
        lang="pt-BR",
    )
    raw = html.replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    ).encode("latin-1")
    row = newsdesk.articles([raw]).row(0, named=True)
    assert "São Paulo" in row["text"]
    assert row["language"] == "pt"


def test_malformed_deep_huge_table_and_binary_pages_each_get_a_row():
    malformed = (
        "<html><body><div class=article-body><p>"
        + P
        + "<p>Second <b>bold <i>mis</b>nested</i> "
        + P
        + "</div></span></td></table><<<>>>"
    )
    deep = "<html><body>" + "<div>" * 100_000 + f"<p>{P}</p>" + "</div>" * 100_000
    table = (
        "<html><body><table>"
        + "".join(f"<tr><td>r{i}</td><td>value {i}</td></tr>" for i in range(50_000))
        + "</table></body></html>"
    )
    binary = b"<html>" + bytes(range(256)) * 2000
    t0 = time.perf_counter()
    df = newsdesk.articles([malformed, deep, table, binary])
    assert time.perf_counter() - t0 < 60
    assert df.height == 4
    assert "bold misnested" in df["text"][0]
    assert P in df["text"][1]
    assert "value 49999" in df["text"][2]
    assert df["text"][3] or df["error"][3]


def test_fifty_megabyte_page():
    para = f"<p>{P}</p>"
    html = "<html><head><title>Long</title></head><body><article>" + para * (50_000_000 // len(para)) + "</article></body></html>"
    assert len(html) >= 49_000_000
    t0 = time.perf_counter()
    row = newsdesk.articles([html]).row(0, named=True)
    assert time.perf_counter() - t0 < 120
    assert row["error"] is None
    assert row["word_count"] > 5_000_000


def test_new_columns_have_documented_dtypes():
    df = newsdesk.articles([page("", f"<p>{P}</p>"), "plain text, not html."])
    for name in ("canonical_url", "date_source", "description", "section"):
        assert df.schema[name] == pl.String()
    assert df.schema["modified"] == pl.Datetime("us")
    assert df.schema["tags"] == pl.List(pl.String())
    assert df["tags"].to_list() == [[], []]


def test_hand_labels_file_is_well_formed():
    from pathlib import Path

    labels = json.loads((Path(__file__).parent / "data" / "extraction_metadata_labels.json").read_text(encoding="utf-8"))
    assert len(labels["pages"]) >= 40
    for lab in list(labels["pages"].values()) + list(labels["held_out"].values()):
        assert set(lab) == {"title", "outlet", "authors", "published"}


@pytest.mark.parametrize("n", [1, 50])
def test_row_count_and_order_for_html_batches(n):
    docs = [page(f"<title>Story {i}</title>", f"<h1>Story {i}</h1><p>{P} Number {i}.</p>") for i in range(n)]
    df = newsdesk.articles(docs)
    assert df.height == n
    assert df["text"].to_list() == [f"{P} Number {i}." for i in range(n)]


_PIECES = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<div class='article-body'>",
        "</div>",
        "<p>",
        "</p>",
        "<a href='/x'>",
        "</a>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<h2>",
        "</h2>",
        "<li>",
        "<br>",
        "&amp;",
        "<meta property='og:title' content='T'>",
        "<title>",
        "</title>",
        "<time datetime='2020-02-02'>",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=60))
def test_arbitrary_tag_soup_gets_exactly_one_row(parts):
    html = "<html><body>" + "".join(parts)
    df = newsdesk.articles([html, html.encode("utf-8", "surrogatepass")])
    assert df.height == 2
    for text, err in zip(df["text"].to_list(), df["error"].to_list()):
        assert isinstance(text, str)
        assert err is None or isinstance(err, str)


def test_body_source_says_how_the_body_was_found():
    story = page("<title>Bridge</title>", f"<article><p>{P} One.</p><p>{P} Two.</p></article>")
    teaser = page(
        '<title>Bridge</title><script type="application/ld+json">'
        + json.dumps({"@type": "NewsArticle", "headline": "Bridge", "articleBody": "\n\n".join(f"{P} {i}." for i in range(6))})
        + "</script>",
        "<article><p>A short teaser, then the subscription wall.</p></article>",
    )
    widgets = page(
        "<title>Bridge</title>",
        "".join(f"<div class='article-widget'><p>{P} {P} {i}.</p></div>" for i in range(4)),
    )
    df = newsdesk.articles([story, teaser, widgets, "plain scraped text. " * 20])
    assert df["body_source"].to_list() == ["dom", "json-ld", "fallback", None]
    assert df["text"][1].count(P) == 6 and df["text"][2].count(P) == 8
    assert df["error"].to_list() == [None, None, None, None]


def test_a_page_with_text_but_no_body_says_so_in_error():
    only_furniture = page("<title>x</title>", "<div class='cookie-banner'><span>We use cookies</span></div>")
    empty = page("<title>x</title>", "<script>var x = 1;</script>")
    df = newsdesk.articles([only_furniture, empty])
    row = df.row(0, named=True)
    assert row["body_source"] is None and row["text"] == ""
    assert "no article body found" in row["error"]
    # nothing visible at all: no body and nothing to report
    assert df["body_source"][1] is None and df["text"][1] == "" and df["error"][1] is None
