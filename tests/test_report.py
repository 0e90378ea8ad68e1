"""newsdesk.report and ``newsdesk report DIR``: the corpus page, its charts and their numbers.
(The report as Chromium shows it is tested in tests/test_render.py.)"""

from __future__ import annotations

import datetime as dt
import doctest
import html
import importlib
import re
from collections import Counter

import newsdesk
import polars as pl
import pytest
from newsdesk.cli import main, sample_paths

SECTIONS = ["timeline", "languages", "entities", "speakers", "wire", "errors", "boilerplate"]


@pytest.fixture(scope="module")
def samples() -> newsdesk.Analysis:
    return newsdesk.analyze([p.read_bytes() for p in sample_paths()])


def section(page: str, key: str) -> str:
    m = re.search(rf'<section id="nd-{key}" data-chart="{key}">(.*?)</section>', page, re.S)
    assert m, key
    return m.group(1)


def bars(svg: str) -> list[tuple[str, int, str]]:
    """(label, value, series) of every bar segment, read from their hover titles."""
    out = []
    for t in re.findall(r"<rect [^>]*><title>(.*?)</title></rect>", svg):
        label, rest = html.unescape(t).rsplit(": ", 1)
        value, series = rest.split(" ", 1)
        out.append((label, int(value.replace(",", "")), series))
    return out


def test_every_chart_is_an_svg_and_its_numbers_are_the_tables(samples):
    arts, ents, claims = samples
    rep = newsdesk.report(samples)
    page = rep.html
    assert list(rep.sections) == SECTIONS and all(rep.sections.values())
    assert rep.counts == {"documents": 23, "errors": 1, "entities": ents.height, "claims": claims.height, "undated": 1}
    for key in SECTIONS:
        assert "<svg" in section(page, key), key
    # one chart per entity label
    labels = set(ents["label"].to_list())
    assert section(page, "entities").count("<svg") == len(labels)
    # articles over time: every dated article is in one bar segment
    timeline = bars(section(page, "timeline"))
    assert sum(v for _, v, _ in timeline) == arts["published"].is_not_null().sum() == 22
    assert "1 article(s) without a date are not shown" in section(page, "timeline")
    # languages
    langs = {lab: v for lab, v, _ in bars(section(page, "languages"))}
    assert langs == {**Counter(x for x in arts["language"].to_list() if x), "(unknown)": 1}
    # top PERSON entities by canonical name
    person = (
        ents.filter(pl.col("label") == "PERSON").group_by("canonical").len().sort(["len", "canonical"], descending=[True, False])
    )
    block = section(page, "entities").split("PERSON · ", 1)[1].split("</svg>", 1)[0]
    assert [(lab, v) for lab, v, _ in bars(block)] == list(person.head(10).iter_rows())
    # speakers: claims split into hedged and not
    spk = bars(section(page, "speakers"))
    top = (
        claims.filter(pl.col("speaker_resolved").is_not_null()).group_by("speaker_resolved").agg(pl.len(), pl.col("hedged").sum())
    )
    for name, n, h in top.iter_rows():
        shown = {series: v for lab, v, series in spk if lab == name}
        if shown:
            assert shown.get("hedged", 0) == h and shown.get("claims, not hedged", 0) == n - h, name
    assert any(series == "hedged" for _, _, series in spk)
    # wire agencies and boilerplate per outlet
    wires = Counter(w for ws in arts["wire_agencies"].to_list() for w in ws)
    assert {lab: v for lab, v, _ in bars(section(page, "wire"))} == dict(wires.most_common(15))
    removed = {lab.rsplit(" (", 1)[0]: v for lab, v, _ in bars(section(page, "boilerplate"))}
    assert removed["DW"] == arts.filter(pl.col("outlet") == "DW")["removed"].list.len().sum()
    assert sum(removed.values()) == arts["removed"].list.len().sum()


def test_errors_are_grouped_by_reason():
    docs = [
        None,
        "",
        b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64,
        None,
        "Rain in Lisbon.\n\nIt rained in Lisbon on Monday, officials said.",
    ]
    a = newsdesk.analyze(docs)
    rep = newsdesk.report(a)
    want = Counter(e.split(":", 1)[0] for e in a.articles["error"].to_list() if e)
    assert sum(want.values()) == 4 == rep.counts["errors"]
    assert {lab: v for lab, v, _ in bars(section(rep.html, "errors"))} == dict(want)
    assert "the document is missing" in section(rep.html, "errors")  # an example message


def test_error_only_and_empty_corpora_say_no_data():
    rep = newsdesk.report(newsdesk.analyze([None, b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64]))
    assert rep.sections == {k: k in ("errors", "languages") for k in SECTIONS}
    assert bars(section(rep.html, "languages")) == [("(unknown)", 2, "articles")]
    for key in SECTIONS:
        if key not in ("errors", "languages"):
            assert "no data" in section(rep.html, key)
    empty = newsdesk.report(newsdesk.analyze([]))
    assert empty.counts["documents"] == 0 and not any(empty.sections.values())
    assert empty.html.count("no data") == len(SECTIONS)
    # an articles table alone: the entity and speaker sections have nothing to show
    only = newsdesk.report(newsdesk.articles(["Rain\n\nIt rained in Lisbon on Monday."]))
    assert not only.sections["entities"] and not only.sections["speakers"] and "no entities table" in only.html


def test_null_dates_outlets_and_languages_do_not_break_the_timeline():
    arts = newsdesk.articles(["a text without a date"] * 3)
    arts = arts.with_columns(
        pl.Series("published", [dt.datetime(2024, 5, 1, 9), None, dt.datetime(2024, 5, 3)], dtype=pl.Datetime("us")),
        pl.Series("outlet", ["Daily", None, "Daily"]),
        pl.Series("language", [None, "en", None]),
    )
    rep = newsdesk.report(arts)
    t = bars(section(rep.html, "timeline"))
    assert t == [("2024-05-01 · Daily", 1, "articles"), ("2024-05-03 · Daily", 1, "articles")]
    # the days in between are on the axis, with no bar
    assert ">2024-05-02<" in section(rep.html, "timeline")
    assert rep.counts["undated"] == 1
    assert {lab: v for lab, v, _ in bars(section(rep.html, "languages"))} == {"(unknown)": 2, "en": 1}


def test_long_spans_are_bucketed_by_month_and_year():
    def timeline(days):
        arts = newsdesk.articles(["x"] * len(days)).with_columns(
            pl.Series("published", [dt.datetime(2020, 1, 1) + dt.timedelta(days=d) for d in days], dtype=pl.Datetime("us"))
        )
        return section(newsdesk.report(arts).html, "timeline")

    assert "per day" in timeline([0, 30])
    month = timeline([14, 45, 400])  # mid-month start, last month shorter
    assert "per month" in month and sum(v for _, v, _ in bars(month)) == 3 and ">2021-02<" in month
    assert "per year" in timeline([0, 2000])


def test_everything_shown_is_escaped():
    arts = newsdesk.articles(["x", "y"]).with_columns(
        pl.Series("outlet", ["<script>alert(1)</script>", "A & B"]),
        pl.Series("published", [dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 2)], dtype=pl.Datetime("us")),
        pl.Series("language", ['"><img src=x>', "en"]),
        pl.Series("error", ["<b>bad</b>: reason", None]),
        pl.Series("removed", [["<script>x</script>"], []]),
    )
    ents = pl.DataFrame(
        {"doc_id": [0], "start": [0], "end": [1], "text": ["x"], "label": ["<i>L</i>"], "canonical": ["<script>c</script>"]}
    )
    claims = pl.DataFrame({"doc_id": [0], "speaker_resolved": ["<script>s</script>"], "hedged": [True]})
    page = newsdesk.report((arts, ents, claims)).html
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>L" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "A &amp; B" in page and "&lt;script&gt;s&lt;/script&gt;" in page
    assert not re.search(r"<(link|img|iframe)\b|@import|url\(|<[^>]*\s(src|href)=", page)


def test_run_folder_and_cli(tmp_path, capsys):
    out = tmp_path / "run"
    newsdesk.process(sample_paths(), out, progress=False)
    rep = newsdesk.report(out, tmp_path / "r.html")
    assert rep.path == tmp_path / "r.html" and rep.path.read_text(encoding="utf-8") == rep.html
    assert rep.counts["documents"] == 23 and all(rep.sections.values())
    assert f"run folder {out}" in rep.html
    # the same numbers as from the tables in memory
    mem = newsdesk.report(newsdesk.analyze([p.read_bytes() for p in sample_paths()]))
    assert {k: v for k, v in mem.counts.items()} == rep.counts
    assert bars(section(mem.html, "speakers")) == bars(section(rep.html, "speakers"))
    # the command
    assert main(["report", str(out)]) == 0
    assert (out / "report.html").exists() and "wrote" in capsys.readouterr().out
    assert main(["report", str(out), "--out", str(tmp_path / "x.html")]) == 0 and (tmp_path / "x.html").exists()
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty")]) == 2
    assert "holds no newsdesk run" in capsys.readouterr().err
    # only an articles table written
    newsdesk.process(sample_paths()[:3], tmp_path / "a_only", tables=["articles"], progress=False)
    part = newsdesk.report(tmp_path / "a_only")
    assert part.counts["documents"] == 3 and not part.sections["entities"] and not part.sections["speakers"]


def test_arguments_are_checked(samples, tmp_path):
    with pytest.raises(TypeError, match="path"):
        newsdesk.report(samples, path=3)
    with pytest.raises(TypeError, match="source"):
        newsdesk.report(3.5)
    with pytest.raises(FileNotFoundError, match="source"):
        newsdesk.report(tmp_path / "nope")
    rep = newsdesk.report(samples)
    assert rep.path is None and rep._repr_html_().startswith("<style>") and rep.fragment in rep._repr_html_()
    assert repr(rep) == "CorpusReport(23 documents, 7 sections)"
    assert rep.save(tmp_path / "s.html") == tmp_path / "s.html" == rep.path


def test_docstring_examples_run():
    mod = importlib.import_module("newsdesk.report")
    result = doctest.testmod(mod, extraglobs={"newsdesk": newsdesk}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3 and result.failed == 0
