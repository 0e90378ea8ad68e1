"""Integrity of the shipped sample corpus and of the cleaner fixtures.

These tests hold the data itself to its documented shape (python/newsdesk/samples/README.md and
tests/data/cleaning/README.md), so that a careless edit of a sample or a fixture fails here rather
than as a confusing failure in a cleaner test. They do not import newsdesk.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "python" / "newsdesk" / "samples"
CASES = ROOT / "tests" / "data" / "cleaning" / "cases.json"

MANIFEST = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
DOCS = MANIFEST["documents"]
CASE_LIST = json.loads(CASES.read_text(encoding="utf-8"))["cases"]

RULES = {
    "ad_marker",
    "share_prompt",
    "related_read_more",
    "newsletter_cookie_subscription",
    "photo_credit",
    "navigation_crumb",
    "outlet_prefix",
    "date_line",
    "credit_line",
    "heading",
    "byline",
    "mojibake",
    "html_entities",
    "unicode_nfc",
    "invisible_characters",
    "hard_wrapped_lines",
    "day_first_evidence",
}
EXPECT_KEYS = {
    "text",
    "text_contains",
    "text_not_contains",
    "removed_contains",
    "title",
    "outlet",
    "authors",
    "headings",
    "wire_agencies",
    "source_credit",
    "published",
    "date_ambiguous",
}
LANGS = ("en", "pt", "es", "fr", "de")


def _iso(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_manifest_lists_every_sample_file_once():
    on_disk = {p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html")}
    listed = [d["file"] for d in DOCS]
    assert len(listed) == len(set(listed))
    assert set(listed) == on_disk


def test_corpus_has_at_least_three_documents_per_language():
    counts = collections.Counter(d["language"] for d in DOCS)
    for lang in LANGS:
        assert counts[lang] >= 3, lang


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["file"])
def test_sample_is_small_and_decodes_in_its_declared_encoding(doc):
    raw = (SAMPLES / doc["file"]).read_bytes()
    assert 2_000 <= len(raw) <= 8_192
    if doc["encoding"] is None:
        return
    if doc.get("broken"):
        raw.decode(doc["encoding"], errors="replace")
    else:
        raw.decode(doc["encoding"])


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["file"])
def test_manifest_entry_is_well_formed(doc):
    assert doc["format"] in ("text", "html")
    assert isinstance(doc["authors"], list)
    assert isinstance(doc["wire_agencies"], list)
    assert isinstance(doc["headings"], list)
    assert isinstance(doc["body_paragraphs"], int)
    if doc["published"] is not None:
        _iso(doc["published"])
    else:
        assert doc["date_ambiguous"] or doc["language"] is None
    if doc["date_ambiguous"]:
        assert len(doc["published_candidates"]) == 2
        for c in doc["published_candidates"]:
            _iso(c)


@pytest.mark.parametrize("doc", [d for d in DOCS if d["format"] == "html"], ids=lambda d: d["file"])
def test_html_sample_links_resolve_to_sample_pages(doc):
    raw = (SAMPLES / doc["file"]).read_bytes().decode(doc["encoding"] or "latin-1", errors="replace")
    for href in doc["links"]:
        assert (SAMPLES / href).is_file(), href
        assert f'href="{href}"' in raw, href


def test_html_samples_are_all_reachable_from_the_first_page():
    links = {d["file"]: d["links"] for d in DOCS if d["format"] == "html"}
    seen, todo = set(), ["pt-economia-juros.html"]
    while todo:
        page = todo.pop()
        if page not in seen:
            seen.add(page)
            todo.extend(links.get(page, []))
    assert seen == set(links)


def test_cleaning_cases_have_unique_names_and_known_rules():
    names = [c["name"] for c in CASE_LIST]
    assert len(names) == len(set(names))
    for c in CASE_LIST:
        assert c["rule"] in RULES, c["name"]
        assert c["language"] in LANGS, c["name"]
        assert set(c["expect"]) <= EXPECT_KEYS, c["name"]
        assert c["expect"], c["name"]


def test_every_text_rule_is_covered_in_every_language():
    covered = {(c["rule"], c["language"]) for c in CASE_LIST}
    for rule in RULES - {"day_first_evidence"}:
        for lang in LANGS:
            assert (rule, lang) in covered, (rule, lang)


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c["name"])
def test_cleaning_case_expectations_point_into_its_input(case):
    lines = [line.strip() for line in case["input"].splitlines()]
    exp = case["expect"]
    for line in exp.get("removed_contains", []):
        assert line in lines, line
    for s in exp.get("text_not_contains", []):
        assert s in case["input"], s
    for h in exp.get("headings", []):
        assert h in lines, h
    if "published" in exp:
        _iso(exp["published"])


EQUIVALENT = ROOT / "tests" / "data" / "cleaning" / "equivalent"


@pytest.mark.parametrize("original", sorted(EQUIVALENT.glob("*.original.txt")), ids=lambda p: p.name)
def test_equivalent_original_differs_from_its_sample_only_by_damage(original):
    sample = SAMPLES / original.name.replace(".original.txt", ".txt")
    damaged = sample.read_text(encoding="utf-8")
    clean = original.read_text(encoding="utf-8")
    assert damaged != clean

    # same words once whitespace and invisible characters are set aside (mojibake aside)
    def words(t: str) -> list[str]:
        return t.replace("\u00ad", "").replace("\u200b", "").split()

    if "mojibake" not in original.name and "entidades" not in original.name:
        assert words(damaged) == words(clean)
