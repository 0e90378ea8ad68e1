"""newsdesk.entities: offsets, labels, canonical names, the DW example, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import newsdesk
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def test_entities_schema_and_offsets_slice_the_text():
    text = "São Paulo — President Joe Biden met Kim Jong-un. Biden paid $5 million, 12% more, on Monday."
    df = newsdesk.entities([text], clean=False)
    assert dict(df.schema) == newsdesk.ENTITIES_SCHEMA
    for row in df.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["text"]
    labels = dict(zip(df["text"], df["label"]))
    assert labels["Joe Biden"] == "PERSON"
    assert labels["$5 million"] == "MONEY"
    assert labels["12%"] == "PERCENT"
    assert labels["Monday"] == "DATE"


def test_titles_stay_outside_person_spans_and_short_names_join_the_full_name():
    df = newsdesk.entities(["President Joe Biden spoke. Later Biden left."], clean=False)
    per = df.filter(pl.col("label") == "PERSON")
    assert "President Joe Biden" not in per["text"].to_list()
    assert set(per["canonical"]) == {"Joe Biden"}
    assert per["entity_id"].n_unique() == 1


def test_us_variants_are_one_entity():
    df = newsdesk.entities(["The U.S. and Russia met. US officials said the United States would wait."], clean=False)
    us = df.filter(pl.col("canonical") == "United States")
    assert us.height >= 2
    assert us["entity_id"].n_unique() == 1


def test_accepts_the_articles_table_and_keeps_its_doc_ids():
    arts = newsdesk.articles(["Angela Merkel visited Paris on Friday.", "Reuters reported it."])
    df = newsdesk.entities(arts)
    assert set(df["doc_id"]) <= set(arts["doc_id"])
    texts = dict(zip(arts["doc_id"], arts["text"]))
    for row in df.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]


def test_bad_input_gives_rows_or_nothing_not_errors():
    df = newsdesk.entities([None, "", "\x00\ufeff", "🙂" * 50], clean=False)
    assert df.height == 0 or df["doc_id"].is_in([0, 1, 2, 3]).all()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_offsets_slice_mentions_on_random_text(text):
    df = newsdesk.entities([text], clean=False)
    for row in df.iter_rows(named=True):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"] : row["end"]] == row["text"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Joe",
                "Biden",
                "U.S.",
                "North",
                "Korea",
                "'s",
                "Mr.",
                "$",
                "5",
                "%",
                "São",
                "Paulo",
                "(ISW)",
                "Institute",
                "for",
                "War",
                "on",
                "Monday",
                ",",
                ".",
                "\n\n",
                "日本",
                "—",
            ]
        ),
        max_size=40,
    )
)
def test_offsets_slice_mentions_on_name_like_text(words):
    text = " ".join(words)
    df = newsdesk.entities([text], clean=False)
    for row in df.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["text"]


def test_dw_example_entities(shared):
    raw = (shared / "examples" / "dw-russia-north-korea.txt").read_text(encoding="utf-8")
    want = json.loads((shared / "examples" / "dw-russia-north-korea.expected.json").read_text(encoding="utf-8"))["entities"]
    arts = newsdesk.articles([raw])
    df = newsdesk.entities(arts)
    found = set(zip(df["text"], df["label"]))
    missing = [e for e in want["required"] if (e["text"], e["label"]) not in found]
    assert not missing, missing
    canon = {}
    for t, c in zip(df["text"], df["canonical"]):
        canon.setdefault(t, set()).add(c)
    for a, b in want["same_entity"]:
        # a form that only occurs inside the other ("Putin" in "Vladimir Putin") has nothing to join
        assert canon.get(a) or canon.get(b), (a, b)
        if canon.get(a) and canon.get(b):
            assert canon[a] & canon[b], (a, b, canon[a], canon[b])
    texts = set(df["text"])
    for f in want["forbidden"]:
        assert f not in texts, f


def test_uner_pud_f1_meets_the_target(shared):
    """The shipped weights keep the issue's quality bar on UNER English-PUD (scored as in
    benches/ner.py: PER/ORG/LOC, exact spans, GPE folded into LOC), and on its news half."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ner_bench", ROOT / "benches" / "ner.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = shared / "data" / "ner" / "uner_pud" / "test.bio"
    for prefix, bar in ((None, 0.72), ("n", 0.72)):
        docs = bench.read_bio(path, prefix)
        pred = bench.run_newsdesk([d[0] for d in docs])[0]
        p, r, f = bench.f1(pred, [d[1] for d in docs])
        assert f >= bar, (prefix, p, r, f)
