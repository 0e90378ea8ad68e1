"""The first acceptance test: the DW example through newsdesk.articles, every field checked."""

from __future__ import annotations

import datetime as dt
import json

import newsdesk


def test_dw_example_article_fields(shared):
    text = (shared / "examples" / "dw-russia-north-korea.txt").read_text(encoding="utf-8")
    want = json.loads((shared / "examples" / "dw-russia-north-korea.expected.json").read_text(encoding="utf-8"))["article"]
    row = newsdesk.articles([text]).row(0, named=True)

    assert row["title"] == want["title"]
    assert row["outlet"] == want["outlet"]
    assert row["published"] == dt.datetime.fromisoformat(want["published"])
    assert row["date_ambiguous"] is False
    assert row["published_raw"] == "06/09/2022 08:00"
    assert row["language"] == want["language"]
    assert row["wire_agencies"] == want["wire_agencies"]
    assert row["source_credit"] == want["source_credit"]
    assert row["headings"] == want["headings"]
    paragraphs = row["text"].split("\n\n")
    assert len(paragraphs) == want["body_paragraphs"]
    assert row["text"].startswith(want["body_starts_with"])
    assert row["text"].endswith(want["body_ends_with"])
    for line in want["boilerplate_removed"]:
        assert line in row["removed"], line
    for s in want["body_forbidden_substrings"]:
        assert s not in row["text"], s
    assert row["error"] is None
    assert row["word_count"] > 600


def test_dw_example_without_evidence_is_flagged_ambiguous(shared):
    # The same header with a body that gives no evidence for the day/month order.
    text = "DW Talks resume in Geneva 06/09/2022 08:00\n\nDiplomats met again on Tuesday to continue the talks.\n\n*with AP"
    row = newsdesk.articles([text], language="en").row(0, named=True)
    assert row["date_ambiguous"] is True
    # documented: the day-first reading is held when nothing decides
    assert row["published"] == dt.datetime(2022, 9, 6, 8, 0)
    assert newsdesk.articles([text], day_first=False).row(0, named=True)["published"] == dt.datetime(2022, 6, 9, 8, 0)
