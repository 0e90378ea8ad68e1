"""The cleaner against the one-rule fixtures in tests/data/cleaning/cases.json.

Each case is a short scraped text in one of five languages that tests one cleaning rule (ad
markers, share prompts, credits, dates, mojibake, ...). The schema is in
tests/data/cleaning/README.md; only the expectation keys a case gives are checked.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

newsdesk = pytest.importorskip("newsdesk")

DATA = Path(__file__).resolve().parent / "data" / "cleaning"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]


def _row(case: dict) -> dict:
    doc = {"text": case["input"]}
    if case.get("url"):
        doc["url"] = case["url"]
    df = newsdesk.articles([doc], **case.get("options", {}))
    assert df.height == 1
    row = df.row(0, named=True)
    assert row["error"] is None, row["error"]
    return row


def published_matches(value: dt.datetime | None, expected: str) -> bool:
    """`published` is a naive Datetime. A page's stated zone may be kept as wall-clock time or
    converted to UTC; both readings of the same instant are accepted."""
    if value is None:
        return False
    want = dt.datetime.fromisoformat(expected.replace("Z", "+00:00"))
    if want.tzinfo is None:
        return value == want
    wall = want.replace(tzinfo=None)
    utc = want.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value in (wall, utc)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_cleaning_case(case):
    exp = case["expect"]
    row = _row(case)
    text = row["text"]
    if "text" in exp:
        assert text == exp["text"]
        assert newsdesk.clean_text(case["input"]) == exp["text"]
    for s in exp.get("text_contains", []):
        assert s in text
    for s in exp.get("text_not_contains", []):
        assert s not in text
    removed = [r.strip() for r in row["removed"]]
    for line in exp.get("removed_contains", []):
        assert line in removed, (line, removed)
    for key in ("title", "outlet", "source_credit", "authors", "headings", "wire_agencies"):
        if key in exp:
            assert row[key] == exp[key], key
    if "date_ambiguous" in exp:
        assert row["date_ambiguous"] is exp["date_ambiguous"]
    if "published" in exp:
        assert published_matches(row["published"], exp["published"]), row["published"]


@pytest.mark.parametrize("case", [c for c in CASES if "text" in c["expect"]], ids=lambda c: c["name"])
def test_clean_text_is_idempotent_on_fixture(case):
    once = newsdesk.clean_text(case["input"])
    assert newsdesk.clean_text(once) == once
