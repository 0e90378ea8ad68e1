"""newsdesk.render: the article page as markup (content tests) and as a person sees it in a
real headless Chromium (rendered DOM, computed styles, screenshot pixels, console, scripts).

The browser tests install Debian's ``chromium`` when it is missing and the suite runs as root
with apt-get; when it cannot be had they fail under ``CI`` and are skipped otherwise.
``NEWSDESK_WRITE_SCREENSHOTS=1`` also writes the README screenshots ``docs/render.png`` and
``docs/report.png``.
"""

from __future__ import annotations

import doctest
import importlib
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import newsdesk
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from newsdesk.cli import sample_paths

ROOT = Path(__file__).resolve().parent.parent
LABEL_COLOURS = importlib.import_module("newsdesk.render").LABEL_COLOURS
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr", "source"}
XSS = '<script>document.title="pwned";document.body.dataset.pwned="1"</script>'
IMG_XSS = "<img src=x onerror=\"document.body.dataset.pwned='img'\">"


# ---- a small strict HTML tree ----------------------------------------------------------------------


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]


class Tree(HTMLParser):
    """Parses markup into :class:`Node`s and fails on any end tag that does not close the
    innermost open element (so the markup is well-formed nesting)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.feed(markup)
        self.close()
        assert self.cur is self.root, f"unclosed <{self.cur.tag}>"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>: markup is not well-formed"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def tree(markup: str) -> Node:
    return Tree(markup).root


def entity_spans(root: Node) -> list[Node]:
    """Highlighted entity mentions in the article text (first pieces of split ones)."""
    return [n for n in root.find_all("span", "nd-ent") if "nd-cont" not in n.classes]


def claim_text(root: Node, claim_id: int, cls: str) -> str:
    pieces = [n for n in root.find_all("span", cls) if str(claim_id) in (n.attrs.get("data-claim") or "").split()]
    return "".join(p.text() for p in pieces)


# ---- data -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> newsdesk.Analysis:
    return newsdesk.analyze([p.read_bytes() for p in sample_paths()])


def _paragraph_texts(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t\r\f\v]*\n\s*", text) if p]


# ---- content -------------------------------------------------------------------------------------


def test_every_entity_of_every_sample_is_highlighted_once_with_label_and_canonical(samples):
    arts, ents, _ = samples
    assert ents.height > 500
    for doc in arts["doc_id"].to_list():
        rows = ents.filter(pl.col("doc_id") == doc).sort("start")
        root = tree(newsdesk.render(samples, doc_id=doc).fragment)
        spans = entity_spans(root)
        assert len(spans) == rows.height, doc
        assert [s.text() for s in spans] == rows["text"].to_list()
        for s, r in zip(spans, rows.iter_rows(named=True)):
            assert s.attrs["data-label"] == r["label"]
            assert s.attrs["title"] == f"{r['label']} · {r['canonical']}"
        # the text is all there, paragraph by paragraph, and nothing else is inside it
        body = root.find_all("div", "nd-text")[0]
        blocks = [n for n in body.children if isinstance(n, Node) and "nd-nodata" not in n.classes]
        assert [b.text() for b in blocks] == _paragraph_texts(arts.row(doc, named=True)["text"])
        assert all(b.attrs.get("dir") == "auto" for b in blocks)


def test_every_claim_is_underlined_and_linked_to_its_speaker_and_cue(samples):
    arts, _, claims = samples
    assert claims.height > 100
    for doc in arts["doc_id"].to_list():
        view = newsdesk.render(samples, doc_id=doc)
        root = tree(view.fragment)
        for c in claims.filter(pl.col("doc_id") == doc).iter_rows(named=True):
            cid = c["claim_id"]
            assert claim_text(root, cid, "nd-claim") == c["content"]
            first = [n for n in root.find_all("span", "nd-claim") if n.attrs.get("id") == f"nd-c{doc}-{cid}"]
            assert len(first) == 1 and "nd-first" in first[0].classes
            title = first[0].attrs["title"]
            assert f"{c['kind']} claim {cid}" in title
            assert f"speaker: {c['speaker_resolved'] or c['speaker'] or 'unknown'}" in title
            assert f"cue: {c['cue'] or 'none'}" in title
            assert f"hedges: {', '.join(c['hedges']) or 'none'}" in title
            assert ("nd-hedged" in first[0].classes) == bool(c["hedged"])
            if c["speaker_start"] is not None:
                assert claim_text(root, cid, "nd-speaker") == c["speaker"]
            if c["cue_start"] is not None:
                assert claim_text(root, cid, "nd-cue").lower() == c["cue"]
            # listed under the text with a link to it
            links = [a for a in root.find_all("a") if a.attrs.get("href") == f"#nd-c{doc}-{cid}"]
            assert len(links) == 1
        assert view.claims == claims.filter(pl.col("doc_id") == doc).height


def test_hedged_claims_are_marked_and_counted_in_the_legend(samples):
    _, _, claims = samples
    doc = claims.filter(pl.col("hedged"))["doc_id"][0]
    n_hedged = claims.filter((pl.col("doc_id") == doc) & pl.col("hedged")).height
    root = tree(newsdesk.render(samples, doc_id=doc).fragment)
    hedged = [n for n in root.find_all("span", "nd-hedged") if "nd-first" in n.classes]
    assert len(hedged) == n_hedged > 0
    legend = root.find_all("div", "nd-legend")[0].text()
    assert f"hedged {n_hedged}" in legend


def test_legend_counts_labels_of_the_document(samples):
    _, ents, _ = samples
    root = tree(newsdesk.render(samples, doc_id=0).fragment)
    keys = [n.text() for n in root.find_all("span", "nd-k-ent")]
    counts = Counter(ents.filter(pl.col("doc_id") == 0)["label"].to_list())
    assert sorted(keys) == sorted(f"{lab} {k}" for lab, k in counts.items())


def _hand(text: str, ents: list[tuple[int, int, str]], claims: list[dict] | None = None, **meta) -> tuple:
    arts = pl.DataFrame({"doc_id": [7], "text": [text], **{k: [v] for k, v in meta.items()}})
    e = pl.DataFrame(
        {
            "doc_id": [7] * len(ents),
            "start": [s for s, _, _ in ents],
            "end": [e for _, e, _ in ents],
            "text": [text[s:e] for s, e, _ in ents],
            "label": [lab for _, _, lab in ents],
            "canonical": [text[s:e] for s, e, _ in ents],
        },
        schema_overrides={"start": pl.Int64, "end": pl.Int64},
    )
    c = pl.DataFrame(claims or [], schema=newsdesk.CLAIMS_SCHEMA)
    return arts, e, c


def _claim(cid: int, text: str, cs: int, ce: int, ss=None, se=None, qs=None, qe=None, hedges=()) -> dict:
    return {
        "doc_id": 7,
        "claim_id": cid,
        "kind": "indirect",
        "content": text[cs:ce],
        "content_start": cs,
        "content_end": ce,
        "speaker": None if ss is None else text[ss:se],
        "speaker_start": ss,
        "speaker_end": se,
        "speaker_resolved": None if ss is None else text[ss:se],
        "speaker_type": "PERSON",
        "cue": None if qs is None else text[qs:qe].lower(),
        "cue_start": qs,
        "cue_end": qe,
        "hedged": bool(hedges),
        "hedges": list(hedges),
    }


def test_script_and_markup_in_every_field_are_shown_as_text():
    text = f"Before {XSS} after.\n\n{IMG_XSS} and Ana Silva said it."
    s = text.index("Ana Silva")
    arts, ents, claims = _hand(
        text,
        [(s, s + 9, "PERSON"), (text.index("script"), text.index("script") + 6, "<b>LABEL</b>")],
        [_claim(0, text, 0, 20, s, s + 9, s + 10, s + 14, hedges=("<i>may</i>",))],
        title=f"Title {XSS}",
        outlet='"><script>alert(1)</script>',
        url="javascript:alert(1)",
        authors=["<b>Bob</b>"],
        removed=["<script>alert('removed')</script>", "Share & Like"],
        error="<img src=x>",
    )
    view = newsdesk.render(arts, entities=ents, claims=claims)
    for page in (view.html, view._repr_html_()):
        assert "<script" not in page.lower()
        assert "<img" not in page.lower() and "<b>" not in page and "<i>may" not in page
        assert 'href="javascript:' not in page
        assert "&lt;script&gt;document.title=&quot;pwned&quot;" in page
    root = tree(view.fragment)
    assert root.find_all("h1")[0].text() == f"Title {XSS}"
    assert XSS in root.find_all("div", "nd-text")[0].text()
    assert [n.text() for n in root.find_all("details")[0].find_all("li")] == ["<script>alert('removed')</script>", "Share & Like"]
    assert "javascript:alert(1)" in root.find_all("dl", "nd-meta")[0].text()
    assert all(not a.attrs.get("href", "").lower().startswith("javascript") for a in root.find_all("a"))


def test_right_to_left_paragraphs_take_their_direction_from_the_text():
    text = "قال الوزير إن المحادثات ستستمر في القاهرة.\n\nהשר אמר כי השיחות יימשכו בירושלים.\n\nEnglish last."
    cairo = text.index("القاهرة")
    arts, ents, _ = _hand(text, [(cairo, cairo + len("القاهرة"), "GPE")])
    root = tree(newsdesk.render(arts, entities=ents).fragment)
    paras = root.find_all("div", "nd-text")[0].find_all("p")
    assert [p.attrs.get("dir") for p in paras] == ["auto"] * 3
    assert [p.text() for p in paras] == text.split("\n\n")
    assert [s.text() for s in entity_spans(root)] == ["القاهرة"]


def test_removed_boilerplate_is_listed_in_a_collapsed_details(samples):
    arts = samples.articles
    doc = arts.filter(pl.col("removed").list.len() > 5)["doc_id"][0]
    removed = arts.filter(pl.col("doc_id") == doc)["removed"][0].to_list()
    root = tree(newsdesk.render(samples, doc_id=doc).fragment)
    details = root.find_all("details")
    assert len(details) == 1 and "open" not in details[0].attrs
    assert details[0].find_all("summary")[0].text() == f"Removed boilerplate ({len(removed)} lines)"
    assert [li.text() for li in details[0].find_all("li")] == removed
    # and none of it is in the text
    body = root.find_all("div", "nd-text")[0].text()
    assert not [r for r in removed if len(r) > 12 and r in body]


def test_all_five_languages_render_with_title_metadata_and_headings(samples):
    arts = samples.articles
    seen = set()
    for r in arts.filter(pl.col("language").is_not_null()).iter_rows(named=True):
        root = tree(newsdesk.render(samples, doc_id=r["doc_id"]).fragment)
        assert root.find_all("h1")[0].text() == r["title"]
        meta = root.find_all("dl", "nd-meta")[0].text()
        assert r["language"] in meta
        for a in r["authors"]:
            assert a in meta
        if r["published"] is not None:
            assert r["published"].strftime("%Y-%m-%d %H:%M") in meta
        # headings in the text are headings on the page; the others are listed in the metadata
        h3 = [h.text() for h in root.find_all("div", "nd-text")[0].find_all("h3")]
        for h in r["headings"]:
            assert h in h3 or h in meta
        assert root.find_all("div", "nd-text")[0].attrs["lang"] == r["language"]
        seen.add(r["language"])
    assert seen == {"en", "pt", "es", "fr", "de"}


def test_error_row_and_empty_text_render_without_crashing(samples):
    arts = samples.articles
    doc = arts.filter(pl.col("error").is_not_null())["doc_id"][0]
    root = tree(newsdesk.render(samples, doc_id=doc).fragment)
    assert "binary content" in root.find_all("span", "nd-error")[0].text()
    assert root.find_all("p", "nd-nodata")[0].text() == "no text"
    assert root.find_all("h1")[0].text() == "(untitled)"
    # a null text, no entities or claims tables
    view = newsdesk.render(pl.DataFrame({"doc_id": [1], "text": [None]}, schema={"doc_id": pl.Int64, "text": pl.String}))
    assert view.entities == 0 and "no text" in view.html


def test_crossing_spans_nest_well_and_entities_stay_whole():
    text = "Officials in New York City said the mayor of New York may resign soon, Jane Doe Smith told Reuters."
    ny = text.index("New York City")
    ny2 = text.index("New York may")
    jane = text.index("Jane")
    ents = [
        (ny, ny + 13, "GPE"),
        (ny2, ny2 + 8, "GPE"),
        (jane, jane + 14, "PERSON"),
        (text.index("Reuters"), len(text) - 1, "ORG"),
    ]
    claims = [
        # content starts inside "New York City" and ends inside "Jane Doe Smith"; the speaker crosses the entity too
        _claim(0, text, ny + 4, jane + 4, jane + 5, len(text) - 1, text.index("told"), text.index("told") + 4, hedges=("may",)),
        _claim(1, text, text.index("the mayor"), text.index(" soon"), 0, ny + 8, text.index("said"), text.index("said") + 4),
    ]
    arts, e, c = _hand(text, ents, claims)
    root = tree(newsdesk.render(arts, entities=e, claims=c).fragment)  # Tree fails on bad nesting
    assert [s.text() for s in entity_spans(root)] == [text[s:e] for s, e, _ in ents]
    assert not root.find_all("span", "nd-cont") or all("nd-ent" not in n.classes for n in root.find_all("span", "nd-cont"))
    for cl in claims:
        assert claim_text(root, cl["claim_id"], "nd-claim") == cl["content"]
        assert claim_text(root, cl["claim_id"], "nd-speaker") == cl["speaker"]
        assert claim_text(root, cl["claim_id"], "nd-cue") == cl["cue"]
    assert root.find_all("div", "nd-text")[0].text() == text


@st.composite
def _layout(draw):
    chars = st.sampled_from(list("ab <&>\"'\n\n\t é漢ب")) | st.characters(codec="utf-8", exclude_categories=("Cs",))
    text = draw(st.text(chars, min_size=1, max_size=60))
    n = len(text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=8, unique=True)))
    ents = [(a, b, draw(st.sampled_from(["PERSON", "ORG", "X"]))) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]

    def span():
        a, b = sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n))))
        return (a, b) if a < b else (None, None)

    claims = []
    for i in range(draw(st.integers(0, 4))):
        cs, ce = span()
        if cs is None:
            continue
        ss, se = span()
        qs, qe = span()
        claims.append(_claim(i, text, cs, ce, ss, se, qs, qe, hedges=draw(st.sampled_from([(), ("may",)]))))
    return text, ents, claims


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_layout())
def test_any_overlap_of_entities_and_claims_gives_well_formed_markup(layout):
    text, ents, claims = layout
    arts, e, c = _hand(text, ents, claims)
    root = tree(newsdesk.render(arts, entities=e, claims=c).fragment)
    body = root.find_all("div", "nd-text")[0]
    assert [b.text() for b in body.children if isinstance(b, Node) and "nd-nodata" not in b.classes] == _paragraph_texts(text)
    # entities that do not cross a paragraph break are one element each
    breaks = [(m.start(), m.end()) for m in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text)]
    whole = [(s, t) for s, t, _ in ents if not any(s < b1 and b0 < t for b0, b1 in breaks)]
    if len(whole) == len(ents):
        assert [x.text() for x in entity_spans(root)] == [text[s:t] for s, t in whole]
        assert not [n for n in root.find_all("span", "nd-ent") if "nd-cont" in n.classes]
    for cl in claims:
        inside = "".join(text[s:t] for s, t in _pieces(text, cl["content_start"], cl["content_end"]))
        assert claim_text(root, cl["claim_id"], "nd-claim") == inside


def _pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Parts of text[s:e] inside paragraphs (what is shown of a span over a paragraph break)."""
    out, pos = [], 0
    for m in list(re.finditer(r"\n[ \t\r\f\v]*\n\s*", text)) + [None]:
        a, b = pos, (m.start() if m else len(text))
        if max(a, s) < min(b, e):
            out.append((max(a, s), min(b, e)))
        pos = m.end() if m else pos
    return out


def test_long_article_with_many_mentions_renders_in_linear_time():
    """20,000 paragraphs, 40,000 mentions and a claim over all of them: each paragraph is laid
    out with the spans that touch it (all spans per paragraph would be 8e8 steps)."""
    import time  # noqa: PLC0415

    para = "Ana Silva met Joe Biden in Lisbon on Monday, officials said."
    n = 20_000
    text = "\n\n".join([para] * n)
    step = len(para) + 2
    starts = [i * step + d for i in range(n) for d in (0, 14)]
    ents = pl.DataFrame(
        {"doc_id": [0] * len(starts), "start": starts, "end": [s + 9 for s in starts], "label": ["PERSON"] * len(starts)}
    )
    claim = _claim(0, text, 0, len(text), hedges=("may",)) | {"doc_id": 0}
    t0 = time.perf_counter()
    view = newsdesk.render(
        pl.DataFrame({"doc_id": [0], "text": [text]}), entities=ents, claims=pl.DataFrame([claim], schema=newsdesk.CLAIMS_SCHEMA)
    )
    assert time.perf_counter() - t0 < 30
    assert view.entities == 2 * n and view.html.count('class="nd-ent"') == 2 * n
    assert view.html.count('data-claim="0"') == n  # the claim, one piece per paragraph


def test_bad_offsets_are_skipped_and_counted():
    text = "Ana Silva spoke in Lisbon."
    arts, e, _ = _hand(text, [(0, 9, "PERSON"), (19, 25, "GPE")])
    e = pl.concat(
        [
            e,
            pl.DataFrame(
                {
                    "doc_id": [7, 7],
                    "start": [20, None],
                    "end": [999, 3],
                    "text": ["x", "y"],
                    "label": ["ORG"] * 2,
                    "canonical": [None, None],
                }
            ),
        ]
    )
    view = newsdesk.render(arts, entities=e)
    assert view.entities == 2 and view.skipped == 2
    assert "2 row(s) with offsets outside the text are not shown" in view.html


def test_inputs_and_errors(samples, tmp_path):
    arts, ents, claims = samples
    a = newsdesk.render(samples, doc_id=3).html
    assert newsdesk.render((arts, ents, claims), doc_id=3).html == a
    assert newsdesk.render(arts, entities=ents, claims=claims, doc_id=3).html == a
    assert (
        newsdesk.render(arts.to_pandas(), entities=ents.to_pandas(), claims=claims, doc_id=3).entities
        == newsdesk.render(samples, doc_id=3).entities
    )
    assert newsdesk.render(samples).doc_id == arts["doc_id"][0]
    # without entities/claims tables the text is shown unmarked
    assert newsdesk.render(arts, doc_id=3).entities == 0
    with pytest.raises(KeyError, match="doc_id"):
        newsdesk.render(samples, doc_id=10_000)
    with pytest.raises(TypeError, match="doc_id"):
        newsdesk.render(samples, doc_id="3")
    with pytest.raises(TypeError, match="source"):
        newsdesk.render(42)
    with pytest.raises(TypeError, match="entities"):
        newsdesk.render(arts, entities="nope")
    with pytest.raises(ValueError, match="source"):
        newsdesk.render(arts.clear())
    with pytest.raises(ValueError, match="source"):
        newsdesk.render(arts.drop("text"))
    with pytest.raises(ValueError, match="entities"):
        newsdesk.render(arts, entities=ents.drop("doc_id"))
    with pytest.raises(TypeError, match="path"):
        newsdesk.render(samples).save(3)


def test_saved_page_is_self_contained_and_shows_in_jupyter(samples, tmp_path):
    view = newsdesk.render(samples, doc_id=0)
    out = view.save(tmp_path / "a.html")
    assert out == tmp_path / "a.html" and out.read_text(encoding="utf-8") == view.html
    page = view.html
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    # nothing to fetch: no external resources, no scripts, a policy that forbids them
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b|@import|url\(|<[^>]*\ssrc=", page, re.I)
    assert "default-src 'none'" in page
    html = view._repr_html_()
    assert html.startswith("<style>") and view.fragment in html and "<html" not in html
    n_ents = samples.entities.filter(pl.col("doc_id") == 0).height
    n_claims = samples.claims.filter(pl.col("doc_id") == 0).height
    assert repr(view) == f"ArticleView(doc_id=0, {n_ents} entities, {n_claims} claims highlighted)"


def test_docstring_examples_run():
    mod = importlib.import_module("newsdesk.render")
    result = doctest.testmod(mod, extraglobs={"newsdesk": newsdesk}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 3 and result.failed == 0


# ---- in a real browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium, installed with apt-get when missing (root only)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    why = "chromium is not installed"
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=900, check=True)
            subprocess.run(
                ["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
                env=env,
                capture_output=True,
                timeout=1800,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as e:
            why = f"chromium could not be installed with apt-get: {e}"
        exe = shutil.which("chromium")
    elif exe is None:
        why = "chromium is not installed and cannot be installed here (not root or no apt-get)"
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return exe


def run_chromium(exe: str, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = page.parent / f".chromium-{page.stem}"
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        page.resolve().as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def console_messages(stderr: str, page: Path) -> list[str]:
    """Console messages of the page (errors, CSP violations, logs) from Chromium's log."""
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln and page.name in ln]


def screenshot(exe: str, page: Path, png: Path, size: tuple[int, int] = (1000, 900)) -> bytes:
    r = run_chromium(exe, page, f"--screenshot={png}", f"--window-size={size[0]},{size[1]}")
    assert png.exists(), r.stderr[-2000:]
    return png.read_bytes()


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes): (width, height, pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        pixels.extend(tuple(line[i : i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, height, pixels


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


PROBE = """<script>
const ents = [...document.querySelectorAll('.nd-text span.nd-ent:not(.nd-cont)')];
const shown = ents.filter(e => { const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)'; });
const claims = [...document.querySelectorAll('.nd-text span.nd-claim')];
const out = {entities: ents.length, shown: shown.length,
  claims: new Set(claims.map(c => c.dataset.claim)).size,
  underlined: claims.filter(c => getComputedStyle(c).textDecorationLine.includes('underline')).length, pieces: claims.length,
  rtl: [...document.querySelectorAll('.nd-text p')].filter(p => getComputedStyle(p).direction === 'rtl').map(p => p.textContent),
  details_open: [...document.querySelectorAll('details')].map(d => d.open),
  scripts: document.scripts.length, pwned: document.body.dataset.pwned || null, title: document.title};
const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
</script>"""


def probe(exe: str, page_html: str, where: Path) -> dict:
    """Load an instrumented copy of the page (its policy removed so the probe may run) and read
    what the browser computed: element boxes, styles, direction, scripts, title."""
    copy = where / "probe.html"
    copy.write_text(
        re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page_html).replace("</body>", PROBE + "</body>")
    )
    r = run_chromium(exe, copy, "--dump-dom")
    m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout, re.S)
    assert m, f"the probe did not run: {r.stderr[-2000:]}"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def _xss_doc() -> tuple:
    text = (
        f"The minister Ana Silva said in Lisbon that talks {XSS} would resume.\n\n"
        f"{IMG_XSS} Critics may disagree, Paulo Costa said.\n\n"
        "قال الوزير إن المحادثات ستستمر في القاهرة."
    )
    a, b = text.index("Ana Silva"), text.index("Lisbon")
    p = text.index("Paulo Costa")
    cairo = text.index("القاهرة")
    ents = [(a, a + 9, "PERSON"), (b, b + 6, "GPE"), (p, p + 11, "PERSON"), (cairo, cairo + 7, "GPE")]
    s1, s2 = text.index("talks"), text.index("would resume") + 12
    claims = [
        _claim(0, text, s1, s2, a, a + 9, text.index("said"), text.index("said") + 4),
        _claim(1, text, text.index("Critics"), text.index("disagree") + 8, p, p + 11, p + 12, p + 16, hedges=("may",)),
    ]
    return _hand(text, ents, claims, title="Talks resume", removed=["Share this", "<script>document.title='x'</script>"])


def test_browser_shows_every_highlight_and_runs_no_injected_script(chromium, tmp_path):
    arts, ents, claims = _xss_doc()
    view = newsdesk.render(arts, entities=ents, claims=claims)
    page = view.save(tmp_path / "article.html")
    r = run_chromium(chromium, page, "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    dom = tree(r.stdout[r.stdout.index("<html") :])
    # the DOM Chromium built: highlights, title, no element the injected markup would add
    assert len(entity_spans(dom)) == ents.height == 4
    assert dom.find_all("title")[0].text() == "Talks resume"
    assert not dom.find_all("script") and not dom.find_all("img")
    assert all("data-pwned" not in n.attrs for n in dom.iter())
    assert XSS in dom.find_all("div", "nd-text")[0].text()
    assert console_messages(r.stderr, page) == []
    # computed in the browser on an instrumented copy without the policy: the escaped script
    # still does not run (only the probe does), every highlight has a box and a colour
    seen = probe(chromium, view.html, tmp_path)
    assert seen["scripts"] == 1 and seen["pwned"] is None and seen["title"] == "Talks resume"
    assert seen["entities"] == seen["shown"] == 4
    assert seen["claims"] == 2 and seen["underlined"] == seen["pieces"]
    assert seen["rtl"] == ["قال الوزير إن المحادثات ستستمر في القاهرة."]
    assert seen["details_open"] == [False]


def test_browser_check_detects_what_it_looks_for(chromium, tmp_path):
    """The checks can fail: a page whose script runs and logs an error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<html><head><title>t</title></head><body><script>document.title="pwned";console.error("boom")</script></body></html>'
    )
    r = run_chromium(chromium, bad, "--dump-dom")
    assert "<title>pwned</title>" in r.stdout
    assert any("boom" in m for m in console_messages(r.stderr, bad))
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body style='background:#fff'></body></html>")
    _, _, pixels = png_pixels(screenshot(chromium, blank, tmp_path / "blank.png", (200, 150)))
    assert len(set(pixels)) == 1


def test_browser_renders_each_sample_language_with_its_highlights(chromium, samples, tmp_path):
    arts, ents, _ = samples
    for lang in ("en", "pt", "es", "fr", "de"):
        doc = arts.filter(pl.col("language") == lang)["doc_id"][0]
        page = newsdesk.render(samples, doc_id=doc).save(tmp_path / f"{lang}.html")
        r = run_chromium(chromium, page, "--dump-dom")
        assert console_messages(r.stderr, page) == []
        dom = tree(r.stdout[r.stdout.index("<html") :])
        assert len(entity_spans(dom)) == ents.filter(pl.col("doc_id") == doc).height > 5, lang


def test_browser_screenshot_is_not_blank_and_shows_the_highlight_colours(chromium, samples, tmp_path):
    doc = 0
    page = newsdesk.render(samples, doc_id=doc).save(tmp_path / "de.html")
    w, h, pixels = png_pixels(screenshot(chromium, page, tmp_path / "de.png"))
    assert (w, h) == (1000, 900)
    colours = Counter(pixels)
    assert len(colours) > 200, "the page looks blank"
    # the coloured backgrounds of PERSON, GPE and ORG mentions are on screen
    for label in ("PERSON", "GPE", "ORG"):
        assert colours[_rgb(LABEL_COLOURS[label])] > 200, label


def write_screenshots(exe: str, samples: newsdesk.Analysis, where: Path, docs: Path = ROOT / "docs") -> list[Path]:
    """The README screenshots: an English sample article and the report of the sample corpus."""
    docs.mkdir(exist_ok=True)
    doc_id = [p.name for p in sample_paths()].index("en-world-ocean-summit.html")
    article = newsdesk.render(samples, doc_id=doc_id).save(where / "render.html")
    rep = newsdesk.report(samples, where / "report.html")
    out = []
    for page, name in ((article, "render.png"), (rep.path, "report.png")):
        png = docs / name
        screenshot(exe, page, png, (1000, 900))
        out.append(png)
    return out


@pytest.mark.skipif(
    os.environ.get("NEWSDESK_WRITE_SCREENSHOTS") != "1", reason="set NEWSDESK_WRITE_SCREENSHOTS=1 to write docs/*.png"
)
def test_write_readme_screenshots(chromium, samples, tmp_path):
    for png in write_screenshots(chromium, samples, tmp_path):
        w, h, pixels = png_pixels(png.read_bytes())
        assert (w, h) == (1000, 900) and len(set(pixels)) > 200


def test_browser_shows_the_report_charts(chromium, samples, tmp_path):
    rep = newsdesk.report(samples, tmp_path / "report.html")
    r = run_chromium(chromium, rep.path, "--dump-dom")
    assert console_messages(r.stderr, rep.path) == []
    dom = tree(r.stdout[r.stdout.index("<html") :])
    sections = dom.find_all("section")
    assert [s.attrs["data-chart"] for s in sections] == list(rep.sections)
    for s in sections:
        assert s.find_all("svg"), s.attrs["data-chart"]
        assert s.find_all("rect")
    _, _, pixels = png_pixels(screenshot(chromium, rep.path, tmp_path / "report.png"))
    colours = Counter(pixels)
    assert len(colours) > 100 and colours[(0x42, 0x63, 0xEB)] > 500  # the blue bars are drawn
