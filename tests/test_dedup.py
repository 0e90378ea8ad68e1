"""Near-duplicate groups: newsdesk.duplicates and articles(dedup=True)."""

from __future__ import annotations

import random

import newsdesk
import polars as pl
import pytest

WIRE = [
    "The central bank raised its benchmark interest rate by half a percentage point on Wednesday, the largest increase in two decades, as policymakers sought to rein in inflation that has reached its highest level since the 1980s.",
    "Governor Maria Lopes told reporters in the capital that the committee had voted unanimously and that further increases could follow if price pressures did not ease over the coming months.",
    "Economists had widely expected the move after consumer prices rose 7.9 percent in the year to March, driven by energy and food costs that have surged since the start of the war in Ukraine.",
    "Markets reacted calmly to the announcement, with the currency little changed against the dollar and government bond yields edging higher in afternoon trading.",
    "Business groups warned that higher borrowing costs would weigh on investment, while unions said wages were failing to keep up with the cost of living.",
]
OTHER = [
    "Heavy rain caused flooding across the northern provinces overnight, forcing hundreds of families to leave their homes. Emergency services said the river had burst its banks in three places and that roads to several villages were cut off.\n\nThe weather service expects more rain on Friday.",
    "The national football team named a new coach on Tuesday after a disappointing World Cup campaign. The former midfielder, who won two league titles as a player, signed a four-year contract and will take charge for the first time in September.",
]


def repost(outlet: str, keep: int, seed: int) -> str:
    rnd = random.Random(seed)
    paras = WIRE[:keep]
    head = rnd.choice(["Bank hikes rates", "Rates rise again", f"{outlet}: central bank lifts rates"])
    junk = rnd.sample(["- Advertisement -", "Share This Post", "Read more: markets today", "Subscribe to our newsletter"], 2)
    return f"{head}\n\n{junk[0]}\n\n" + "\n\n".join(paras) + f"\n\n{junk[1]}\n\n*with Reuters\n\nsource: {outlet}"


def test_reposts_form_one_group_and_unrelated_stay_apart():
    docs = [
        repost("Daily Post", 5, 0),
        OTHER[0],
        repost("Morning Star", 4, 1),
        repost("The Ledger", 5, 2),
        OTHER[1],
        repost("Evening News", 3, 3),
    ]
    df = newsdesk.duplicates(newsdesk.articles(docs))
    assert df.columns == ["doc_id", "group_id", "similarity"]
    assert df.schema["group_id"] == pl.Int64 and df.schema["similarity"] == pl.Float32
    assert df["group_id"].to_list() == [0, 1, 0, 0, 4, 0]
    sims = df["similarity"].to_list()
    assert sims[0] == 1.0 and sims[1] == 1.0 and sims[3] > 0.9
    assert 0.4 < sims[5] < 0.9  # three of five paragraphs kept


def test_articles_dedup_column_uses_doc_ids():
    docs = [OTHER[0], repost("A", 5, 4), repost("B", 5, 5), None, ""]
    df = newsdesk.articles(docs, dedup=True)
    assert df["dup_group"].to_list() == [0, 1, 1, 3, 4]
    assert "dup_group" not in newsdesk.articles(docs).columns


def test_empty_texts_are_never_grouped_and_have_null_similarity():
    df = newsdesk.duplicates(pl.DataFrame({"doc_id": [10, 11, 12], "text": ["", None, ""]}))
    assert df["group_id"].to_list() == [10, 11, 12]
    assert df["similarity"].null_count() == 3


def test_accepts_docs_pandas_and_custom_ids():
    pd = pytest.importorskip("pandas")
    story = " ".join(WIRE)
    pdf = pd.DataFrame(
        {"doc_id": [5, 7, 9], "text": [story, "Something else entirely, about the weather in the hills.", story.upper()]}
    )
    assert newsdesk.duplicates(pdf)["group_id"].to_list() == [5, 7, 5]
    assert newsdesk.duplicates([story, story])["group_id"].to_list() == [0, 0]


def test_threshold_is_checked_and_changes_grouping():
    with pytest.raises(ValueError, match="threshold"):
        newsdesk.duplicates(["a"], threshold=1.5)
    words = " ".join(WIRE).split()
    half = " ".join(words[: len(words) // 2])
    df = pl.DataFrame({"text": [" ".join(words), half]})
    assert newsdesk.duplicates(df, threshold=0.3)["group_id"].to_list() == [0, 0]
    assert newsdesk.duplicates(df, threshold=0.9)["group_id"].to_list() == [0, 1]


def test_group_invariants_on_a_mixed_set():
    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    bases = [" ".join(rnd.choices(vocab, k=200)) for _ in range(20)]
    texts, truth = [], []
    for _ in range(200):
        b = rnd.randrange(20)
        words = bases[b].split()
        cut = rnd.randint(150, 200)
        texts.append(" ".join(words[:cut]) + " " + " ".join(rnd.choices(vocab, k=5)))
        truth.append(b)
    df = newsdesk.duplicates(pl.DataFrame({"text": texts}))
    g = df["group_id"].to_list()
    for i, x in enumerate(g):
        assert x <= i and g[x] == x
        assert truth[x] == truth[i]
    assert len(set(g)) == 20


def test_docstring_examples_of_duplicates_and_process_run():
    import doctest

    import newsdesk.stream

    for mod in (newsdesk, newsdesk.stream):
        r = doctest.testmod(mod, extraglobs={"newsdesk": newsdesk, "pl": pl})
        assert r.failed == 0 and r.attempted > 0


def test_damaged_samples_group_with_their_originals_and_nothing_else():
    """The shipped samples (scraper-damaged: mojibake, hard wraps, zero-width characters,
    boilerplate) and the undamaged originals of five of them: each original joins its sample's
    group; no two different stories are grouped."""
    from pathlib import Path

    from newsdesk.cli import sample_paths

    samples = sample_paths()
    originals = sorted((Path(__file__).parent / "data" / "cleaning" / "equivalent").glob("*.original.txt"))
    assert len(originals) >= 5
    paths = samples + originals
    d = newsdesk.duplicates(newsdesk.articles([p.read_bytes() for p in paths]))
    names = [p.name for p in paths]
    for name, g in zip(names, d["group_id"].to_list()):
        expected = name.replace(".original.txt", ".txt")
        assert names[g] == expected, (name, names[g])
