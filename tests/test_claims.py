"""newsdesk.claims: one short, real-looking example per construction, offsets as properties, and
the DW example's required claims."""

from __future__ import annotations

import json

import newsdesk
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def claims_of(text: str) -> list[dict]:
    return newsdesk.claims([text], clean=False).to_dicts()


def one(text: str, prefix: str) -> dict:
    rows = claims_of(text)
    for r in rows:
        if r["content"].startswith(prefix):
            return r
    raise AssertionError(f"no claim starting {prefix!r} in {rows}")


def test_schema_matches_documentation():
    df = newsdesk.claims(['"Yes," she said.'], clean=False)
    assert dict(df.schema) == newsdesk.CLAIMS_SCHEMA


def test_direct_quote_attribution_after():
    r = one('Kurt Volker testified.\n\n"I was not on the call," Volker said in his opening statement.', "I was not")
    assert (r["kind"], r["content"], r["speaker"], r["speaker_resolved"], r["cue"]) == (
        "direct",
        "I was not on the call,",
        "Volker",
        "Kurt Volker",
        "said",
    )
    assert r["speaker_type"] == "PERSON"


def test_inverted_attribution_and_appositive():
    r = one("“We received an inquiry,” said a WeWork spokesperson when contacted by Reuters.", "We received")
    assert (r["speaker"], r["speaker_type"]) == ("a WeWork spokesperson", "ANONYMOUS")
    r = one('"Our strategy is to be where the consumer is," Strauss Zelnick, CEO of Take-Two, adds.', "Our strategy")
    assert (r["speaker"], r["cue"]) == ("Strauss Zelnick", "adds")


@pytest.mark.parametrize(
    "text",
    [
        "The minister said: “We will not give in.”",
        "Morrison told the committee, “We will not give in.”",
        "The minister said: « We will not give in. » Then he left.",
        "The minister said: „We will not give in.“ Then he left.",
        "The coach said: 'We will not give in.'",
    ],
)
def test_quote_marks_of_every_kind(text):
    rows = claims_of(text)
    assert any(r["kind"] == "direct" and r["content"].startswith("We will not give in") for r in rows), rows


def test_split_quote_shares_the_speaker_mention():
    t = "“Operating is a lot different than a strategy role,” Mayer said. “I love what I’m doing.”"
    a, b = one(t, "Operating"), one(t, "I love")
    assert a["speaker_start"] == b["speaker_start"] and b["cue"] == "said"


def test_multi_paragraph_quote_is_one_claim():
    t = "The coach said: “We played badly tonight.\n\n“Next week we will be better.”"
    r = one(t, "We played")
    assert r["content"].endswith("we will be better.") and "\n\n“" in r["content"]


def test_unbalanced_quote_marks_do_not_raise():
    rows = claims_of("“We are cooperating with the inquiry, she said.\n\n“Another one")
    assert all(r["content"] for r in rows)


def test_quote_opening_sentence_with_attribution_at_the_end():
    t = '"Every day spent on this is a day lost for the interests" shared by both countries, he warned.'
    r = one(t, "Every day")
    assert (r["kind"], r["speaker"], r["cue"]) == ("direct", "he", "warned")


def test_reported_speech_with_and_without_that_and_tenses():
    assert one("Volker said he had no knowledge of the effort.", "he had no")["kind"] == "indirect"
    r = one("North Korea tested a missile. The North Koreans have said they are interested in sending workers.", "they are")
    assert (r["speaker"], r["cue"]) == ("The North Koreans", "have said")
    r = one("Democrats are alleging that the call was irregular.", "the call")
    assert r["cue"] == "are alleging"


def test_nested_attribution_gives_two_claims():
    t = "The New York Times reported that U.S. officials believe the decision is a sign of trouble."
    outer, inner = one(t, "U.S. officials"), one(t, "the decision")
    assert outer["speaker"] == "The New York Times" and not outer["hedged"]
    assert inner["speaker"] == "U.S. officials" and inner["speaker_type"] == "ANONYMOUS" and inner["hedged"]


def test_according_to_and_per():
    r = one("According to the report, sales fell 10 percent.", "sales fell")
    assert (r["kind"], r["speaker"], r["speaker_type"], r["cue"]) == ("according_to", "the report", "DOCUMENT", "according to")
    r = one("Cases doubled last week, per the WHO.", "Cases doubled")
    assert (r["kind"], r["cue"]) == ("according_to", "per")


def test_postposed_and_parenthetical_attribution():
    assert (
        one("Next steps will be announced on Friday, Claure said in the email.", "Next steps")["content"]
        == "Next steps will be announced on Friday"
    )
    r = one("The larger landers, he said, could be ready in 2023.", "The larger")
    assert r["content"] == "The larger landers, he said, could be ready in 2023" and r["hedged"]


def test_participle_cue_takes_the_subject():
    r = one("Foreign Secretary Dominic Raab defended the party, saying the account was clearly linked.", "the account")
    assert (r["speaker"], r["cue"]) == ("Dominic Raab", "saying")


def test_pronoun_resolves_to_the_named_speaker():
    t = "Tim Morrison listened in on the call.\n\nHe said he wasn't concerned about the content of the call."
    r = one(t, "he wasn't")
    assert (r["speaker"], r["speaker_resolved"]) == ("He", "Tim Morrison")


def test_quote_continuing_a_speaker_in_its_own_paragraph_is_implicit():
    t = "“We played badly,” the coach said.\n\n“Next week will be different.”"
    r = one(t, "Next week")
    assert r["speaker"] is None and r["cue"] is None and r["speaker_resolved"] == "the coach"


def test_hedges():
    assert one("Analysts say sales may fall.", "sales")["hedges"] == ["may"]
    assert one("He said it would be provided next year.", "it would")["hedged"] is False
    assert "think" in one('"I think it is wrong," Moy said.', "I think")["hedges"]


@pytest.mark.parametrize(
    "text",
    [
        '3. "Not some irregular channel"',
        'The service is stocked with "Star Wars" and "Mary Poppins."',
        'The party renamed its account "factcheckUK" on Tuesday.',
        "The White House called the process a sham.",
        "Others reported being logged off the service.",
        "A spokesperson declined to comment.",
        "The company is expected to lay off thousands of workers.",
    ],
)
def test_not_claims(text):
    assert claims_of(text) == []


def test_partial_quote_inside_reported_speech_is_not_a_separate_claim():
    rows = claims_of('Netanyahu said he was "very moved" by the announcement.')
    assert [r["kind"] for r in rows] == ["indirect"]


def test_articles_frame_input_indexes_its_text():
    arts = newsdesk.articles(["Minister resigns\n\n- Advertisement -\n\n“I am leaving,” the minister said on Friday."])
    df = newsdesk.claims(arts)
    text = arts.get_column("text")[0]
    r = df.row(0, named=True)
    assert text[r["content_start"] : r["content_end"]] == r["content"] == "I am leaving,"


def test_bad_arguments_raise():
    with pytest.raises(TypeError):
        newsdesk.claims(["x"], clean="yes")


WORDS = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "according",
        "to",
        "per",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "«",
        "»",
        ",",
        ".",
        ":",
        "\n\n",
        "He",
        "she",
        "Mason",
        "Clark",
        "officials",
        "the",
        "report",
        "may",
        "that",
        "Ça",
        "日本",
        "é",
        "believe",
        "“Yes",
        "no.”",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_offsets_slice_to_content_and_speaker(words):
    text = " ".join(words)
    df = newsdesk.claims([text], clean=False)
    for r in df.iter_rows(named=True):
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        assert r["content"]
        if r["speaker"] is not None:
            assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_consistent_rows(text):
    df = newsdesk.claims([text], clean=False)
    for r in df.iter_rows(named=True):
        assert text[r["content_start"] : r["content_end"]] == r["content"]


def test_dw_example_required_claims(shared):
    raw = (shared / "examples" / "dw-russia-north-korea.txt").read_text(encoding="utf-8")
    want = json.loads((shared / "examples" / "dw-russia-north-korea.expected.json").read_text(encoding="utf-8"))["claims"][
        "required"
    ]
    arts = newsdesk.articles([raw])
    df = newsdesk.claims(arts)
    text = arts.get_column("text")[0]
    for w in want:
        rows = df.filter(pl.col("content").str.starts_with(w["content"])).to_dicts()
        assert rows, f"missing {w['content']!r}"
        r = rows[0]
        assert r["kind"] == w["kind"]
        assert r["speaker"] == w["speaker"]
        assert r["speaker_type"] == w["speaker_type"]
        assert r["cue"] == w["cue"]
        assert r["hedged"] == w.get("hedged", False)
        assert text[r["content_start"] : r["content_end"]] == r["content"]


def test_cue_offsets_slice_the_cue_in_the_text():
    text = 'Ça va. "We will win," Kevin Mayer said. Analysts say sales may fall, according to the report.'
    df = newsdesk.claims([text], clean=False)
    assert df.height >= 3
    for r in df.iter_rows(named=True):
        assert text[r["cue_start"] : r["cue_end"]].lower() == r["cue"]
    assert df.schema["cue_start"] == pl.Int64 and df.columns.index("cue_end") == df.columns.index("cue") + 2
