"""The articles table against the hand-set expectations of the shipped sample corpus.

python/newsdesk/samples/manifest.json records what a careful reader takes out of each sample.
Plain-text samples are checked field by field (the text path of the foundation issue). HTML
samples are checked here only for what the foundation promises for HTML (a row, readable text,
errors as data); their metadata belongs to the HTML extraction stage and its own tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

newsdesk = pytest.importorskip("newsdesk")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "python" / "newsdesk" / "samples"
EQUIVALENT = ROOT / "tests" / "data" / "cleaning" / "equivalent"
DOCS = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))["documents"]
TEXT_DOCS = [d for d in DOCS if d["format"] == "text"]
HTML_DOCS = [d for d in DOCS if d["format"] == "html"]


def _published_matches(value: dt.datetime | None, expected: str) -> bool:
    # naive Datetime: a stated zone may be kept as wall-clock time or converted to UTC
    if value is None:
        return False
    want = dt.datetime.fromisoformat(expected.replace("Z", "+00:00"))
    if want.tzinfo is None:
        return value == want
    return value in (want.replace(tzinfo=None), want.astimezone(dt.timezone.utc).replace(tzinfo=None))


@pytest.fixture(scope="module")
def table():
    """All samples in one call, as bytes (the way a crawler hands them over)."""
    docs = [{"content": (SAMPLES / d["file"]).read_bytes(), "url": d.get("url")} for d in DOCS]
    df = newsdesk.articles(docs)
    assert df.height == len(DOCS)
    return {d["file"]: df.row(i, named=True) for i, d in enumerate(DOCS)}


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda d: d["file"])
def test_text_sample_reads_like_the_manifest(table, doc):
    row = table[doc["file"]]
    assert row["error"] is None
    assert row["language"] == doc["language"]
    for key in ("title", "outlet", "authors", "wire_agencies", "source_credit", "headings"):
        assert row[key] == doc[key], key
    assert row["date_ambiguous"] is doc["date_ambiguous"]
    if doc["published"] is not None:
        assert _published_matches(row["published"], doc["published"]), row["published"]
    else:
        readings = [dt.datetime.fromisoformat(c) for c in doc["published_candidates"]]
        assert row["published"] in readings


@pytest.mark.parametrize("doc", TEXT_DOCS, ids=lambda d: d["file"])
def test_text_sample_body_is_the_article_and_nothing_else(table, doc):
    row = table[doc["file"]]
    text = row["text"]
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith(doc["body_starts_with"])
    assert paragraphs[-1].endswith(doc["body_ends_with"])
    body = [p for p in paragraphs if p not in doc["headings"]]
    assert len(body) == doc["body_paragraphs"]
    assert all("\n" not in p for p in body), "hard-wrapped lines must be joined"
    removed = [r.strip() for r in row["removed"]]
    lines = set(text.split("\n"))
    for line in doc["boilerplate_removed"]:
        assert line not in lines, line
        assert any(line == r or line in r for r in removed), (line, removed)


@pytest.mark.parametrize("doc", HTML_DOCS, ids=lambda d: d["file"])
def test_html_sample_gets_a_row_with_text_or_an_error(table, doc):
    row = table[doc["file"]]
    if doc["body_starts_with"] is None:
        # binary junk: never presented as an article
        assert row["error"] is not None or not row["text"]
        return
    assert row["error"] is None
    assert doc["body_starts_with"] in row["text"]
    assert "<p" not in row["text"] and "<script" not in row["text"]


@pytest.mark.parametrize("original", sorted(EQUIVALENT.glob("*.original.txt")), ids=lambda p: p.name)
def test_damaged_sample_cleans_like_its_original(original):
    sample = SAMPLES / original.name.replace(".original.txt", ".txt")
    damaged = newsdesk.clean_text(sample.read_text(encoding="utf-8"))
    assert damaged == newsdesk.clean_text(original.read_text(encoding="utf-8"))
