"""Properties of the Python API on generated text, HTML and bytes: no exception escapes, one row
per input document where the API promises it, every offset slices its string."""

from __future__ import annotations

import tempfile
from pathlib import Path

import hypothesis.strategies as st
import newsdesk
import polars as pl
from hypothesis import HealthCheck, given, settings

_FRAGMENTS = [
    "The minister said the plan would work.", " According to officials, ", "\u201cWe are ready,\u201d said Jane Smith.",
    '"It is over," he said. ', "He told reporters that ", "\u201eWir sind bereit\u201c, sagte der Minister.",
    "\u00ab Oui \u00bb, a-t-il dit.", "Segundo a pol\u00edcia, ", "President Joe Biden met Kim Jong-un in Hanoi on Monday.",
    "$5 million", "06/09/2022 08:00", "By Jane Smith", "*with AP, Reuters", "- Advertisement -", "S\u00c3\u00a3o Paulo",
    "\n", "\n\n", "\r\n", " ", ",", ".", "\u201c", "\u201d", '"', "'", "\u00ab", "\u00bb", "\u201e", "\u2019",
    "&amp;", "&#x201c;", "&bogus;", "\u200b", "\u00ad", "\ufeff", "e\u0301", "\U0001f600", "\u05d0\u05d1 ", "\u0645\u0631 ",
]
_TAGS = ["<p>", "</p>", "<div>", "</div>", "<table><tr><td>", "</td></tr></table>", "<h2>", "</h2>", "<br>",
         "<html><head><title>T | Site</title></head><body>", "</body></html>", "<script>x='<p>'</script>", "<!--", "-->"]

_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join),
)
_html = st.lists(st.one_of(st.sampled_from(_TAGS), st.sampled_from(_FRAGMENTS), st.text(max_size=20)), max_size=50).map("".join)
_doc = st.one_of(_text, _html, st.binary(max_size=300), _text.map(lambda s: s.encode("utf-16-le")), st.none())

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(s: str) -> str:
    # lone surrogates cannot be sliced back the same way; the API replaces them (documented)
    return s.encode("utf-8", "replace").decode("utf-8")


def _assert_slices(df: pl.DataFrame, texts: dict[int, str], start: str, end: str, value: str) -> None:
    for row in df.select("doc_id", start, end, value).iter_rows():
        doc_id, a, z, v = row
        if a is None:
            assert z is None and v is None
            continue
        assert 0 <= a <= z <= len(texts[doc_id])
        assert texts[doc_id][a:z] == v


@_SETTINGS
@given(st.lists(_doc, max_size=6))
def test_articles_gives_a_row_per_document_of_any_kind(docs):
    df = newsdesk.articles(docs)
    assert df.height == len(docs)
    assert df["doc_id"].to_list() == list(range(len(docs)))
    for i, d in enumerate(docs):
        if d is None:
            assert df["error"][i] is not None


@_SETTINGS
@given(st.lists(st.one_of(_text, _html).map(_clean), max_size=5))
def test_entities_offsets_slice_the_text(docs):
    ents = newsdesk.entities(docs, clean=False)
    _assert_slices(ents, dict(enumerate(docs)), "start", "end", "text")
    arts = newsdesk.articles(docs)
    ents = newsdesk.entities(arts)
    _assert_slices(ents, dict(zip(arts["doc_id"], arts["text"])), "start", "end", "text")


@_SETTINGS
@given(st.lists(st.one_of(_text, _html).map(_clean), max_size=5), st.booleans())
def test_claims_content_and_speaker_offsets_slice_the_text(docs, with_entities):
    cl = newsdesk.claims(docs, clean=False, entities=with_entities)
    texts = dict(enumerate(docs))
    _assert_slices(cl, texts, "content_start", "content_end", "content")
    _assert_slices(cl, texts, "speaker_start", "speaker_end", "speaker")
    assert cl["claim_id"].is_null().sum() == 0


@_SETTINGS
@given(_doc)
def test_extract_returns_a_row_for_any_page(doc):
    row = newsdesk.extract(doc, entities=True, claims=True)
    assert isinstance(row, dict)
    assert isinstance(row["text"], str)
    for e in row["entities"]:
        assert row["text"][e["start"] : e["end"]] == e["text"]
    for c in row["claims"]:
        assert row["text"][c["content_start"] : c["content_end"]] == c["content"]


@_SETTINGS
@given(st.lists(st.one_of(_text, st.none()), max_size=8))
def test_duplicates_gives_a_row_per_document(docs):
    arts = newsdesk.articles(docs)
    d = newsdesk.duplicates(arts)
    assert d.height == len(docs)
    assert d["doc_id"].to_list() == arts["doc_id"].to_list()
    # a group's id is one of its members, never a later document
    assert (d["group_id"] <= d["doc_id"]).all()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_text, _html, st.binary(max_size=200)), min_size=1, max_size=5))
def test_process_writes_a_row_per_file(docs):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i, d in enumerate(docs):
            data = d if isinstance(d, bytes) else d.encode("utf-8", "replace")
            (src / f"doc{i:02d}.txt").write_bytes(data)
        newsdesk.process([src], Path(tmp) / "out", tables=["articles", "entities", "claims"], batch_size=2, progress=False)
        arts = pl.read_parquet(Path(tmp) / "out" / "articles")
        assert arts.height == len(docs)
