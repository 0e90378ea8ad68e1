"""Bad input never crashes and never loses a row."""

from __future__ import annotations

import os

import newsdesk
from hypothesis import given, settings
from hypothesis import strategies as st


def test_invalid_utf8_is_decoded_by_detection():
    latin1 = "O presidente da República disse que a economia de São Paulo cresceu, à espera de março.".encode("latin-1")
    row = newsdesk.articles([latin1]).row(0, named=True)
    assert "São Paulo" in row["text"]
    assert row["error"] is None


def test_binary_junk_gets_an_error_row():
    junk = os.urandom(20_000)
    df = newsdesk.articles([junk, b"\x00" * 100, "fine text here."])
    assert df.height == 3
    assert "binary" in df["error"][0] or df["error"][0] is not None
    assert df["error"][1] is not None
    assert df["text"][2] == "fine text here."


def test_huge_document_is_processed():
    para = "The committee met again on Tuesday to discuss the budget for the coming year, members said. "
    big = ("\n\n".join(para * 5 for _ in range(120_000)))[: 50 * 1024 * 1024]
    assert len(big) >= 50 * 1024 * 1024 - 10
    df = newsdesk.articles([big, "small one."])
    assert df.height == 2
    assert df["word_count"][0] > 1_000_000
    assert df["text"][1] == "small one."


def test_lone_surrogates_do_not_fail_the_batch():
    df = newsdesk.articles(["bad \ud800 surrogate text.", "ok."])
    assert df.height == 2
    assert df["text"][1] == "ok."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(), st.binary(), st.none()), max_size=8))
def test_arbitrary_input_never_raises_and_keeps_row_count(docs):
    df = newsdesk.articles(docs)
    assert df.height == len(docs)
    for i, d in enumerate(docs):
        if d is None:
            assert df["error"][i] is not None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_is_idempotent(text):
    once = newsdesk.clean_text(text)
    assert newsdesk.clean_text(once) == once


_lines = st.sampled_from(
    [
        "- Advertisement -",
        "Share This Post",
        "Related Posts",
        "Publicidade",
        "Anzeige",
        "Minister resigns over scandal",
        "The minister resigned on Friday, aides said.",
        "06/09/2022 08:00",
        "*with AP, Reuters",
        "source: Noticias",
        "By Jane Smith",
        "Partnership",
        "and the talks went on late into the night",
        "“We will win,” he said.",
        "Leia também: Juros sobem",
        "Home > World > Europe",
        "",
        "SÃ£o Paulo",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines, max_size=14))
def test_clean_text_is_idempotent_on_scraper_like_lines(lines):
    text = "\n".join(lines)
    once = newsdesk.clean_text(text)
    assert newsdesk.clean_text(once) == once
