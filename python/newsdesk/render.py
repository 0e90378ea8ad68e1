"""One article as a page: :func:`render` highlights its entities and claims in the clean text.

The page is one self-contained HTML file (inline CSS, no script, no font or image to fetch):
the metadata, the text with every entity mention coloured by label (hover: label and canonical
name) and every claim underlined, with its speaker and cue marked by the claim's number (hover:
kind, resolved speaker, cue, hedges), a legend with counts, the list of claims and the
boilerplate lines the cleaner removed. Everything shown is escaped.

>>> import newsdesk
>>> view = newsdesk.render(newsdesk.analyze(['"We will win," Kevin Mayer said in Paris on Monday.']))
>>> view.html.count('class="nd-ent"')
3
"""

from __future__ import annotations

import colorsys
import datetime as _dt
import hashlib
import html
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from ._analyze import Analysis

__all__ = ["render", "ArticleView"]

#: Background colour of each entity label (others get a colour derived from their name).
LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#ffd8a8",
    "ORG": "#a5d8ff",
    "GPE": "#b2f2bb",
    "LOC": "#96f2d7",
    "NORP": "#fcc2d7",
    "DATE": "#fff3bf",
    "TIME": "#ffec99",
    "MONEY": "#d8f5a2",
    "PERCENT": "#d0bfff",
    "QUANTITY": "#e9d8c4",
    "CARDINAL": "#dee2e6",
}

# shared by the article page and the corpus report; every selector sits under .nd
CSS = """
.nd{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:#212529;line-height:1.55;max-width:60rem}
.nd h1{font-size:1.55rem;line-height:1.25;margin:.2rem 0 .6rem}
.nd h2{font-size:1.15rem;margin:1.4rem 0 .5rem;border-bottom:1px solid #dee2e6}
.nd h3{font-size:1.05rem;margin:1rem 0 .3rem}
.nd .nd-meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:0 0 .8rem;font-size:.9rem}
.nd .nd-meta dt{color:#6c757d}.nd .nd-meta dd{margin:0;overflow-wrap:anywhere}
.nd .nd-error{color:#c92a2a;font-weight:600}
.nd .nd-legend{display:flex;flex-wrap:wrap;gap:.3rem .5rem;font-size:.8rem;margin:.4rem 0 1rem}
.nd .nd-legend span{padding:0 .35rem;border-radius:3px;white-space:nowrap}
.nd .nd-text p,.nd .nd-text h3{white-space:pre-wrap;margin:0 0 .8rem}
.nd .nd-ent,.nd .nd-k-ent{background:var(--c);border-radius:3px;padding:0 1px}
.nd .nd-claim,.nd .nd-k-claim{text-decoration:underline 2px #495057;text-underline-offset:3px}
.nd .nd-claim.nd-hedged,.nd .nd-k-hedged{text-decoration:underline wavy 1.5px #e8590c}
.nd .nd-claim.nd-first::before{content:attr(data-claim);font-size:.65em;vertical-align:super;color:#5f3dc4;margin-right:1px}
.nd .nd-speaker,.nd .nd-k-speaker{outline:1.5px solid #7048e8;border-radius:3px;font-weight:600}
.nd .nd-speaker::after{content:attr(data-claim);font-size:.65em;vertical-align:super;color:#5f3dc4;font-weight:400}
.nd .nd-cue,.nd .nd-k-cue{font-style:italic;color:#5f3dc4;border-bottom:2px dotted #7048e8}
.nd .nd-list{font-size:.9rem;padding-left:1.4rem}.nd .nd-list li{margin:.25rem 0}
.nd .nd-kind{font-size:.75rem;color:#fff;background:#495057;border-radius:3px;padding:0 .3rem}
.nd .nd-kind.nd-hedged{background:#e8590c}
.nd details{margin:1rem 0;font-size:.9rem}.nd summary{cursor:pointer;color:#495057}
.nd .nd-removed li{color:#868e96;overflow-wrap:anywhere}
.nd .nd-note{color:#868e96;font-size:.85rem}
.nd .nd-nodata{color:#868e96;font-style:italic}
.nd table{border-collapse:collapse;font-size:.85rem}.nd td,.nd th{padding:.1rem .6rem;text-align:left;border-bottom:1px solid #f1f3f5}
.nd svg{display:block;max-width:100%;height:auto;font-family:inherit}
"""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SAFE_URL = re.compile(r"^https?://", re.I)


def esc(value: Any) -> str:
    """``html.escape`` of ``str(value)`` (quotes too); ``None`` becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def label_colour(label: str | None) -> str:
    """Background colour for an entity label: a fixed one for the usual labels, else a light
    colour derived from the label's name (stable across runs)."""
    if label in LABEL_COLOURS:
        return LABEL_COLOURS[label]
    h = int.from_bytes(hashlib.sha1(str(label).encode("utf-8")).digest()[:2], "big") / 65535
    r, g, b = colorsys.hls_to_rgb(h, 0.85, 0.7)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


def page(title: str, body: str, css: str = "") -> str:
    """A complete HTML document around ``body`` (already markup) with the shared CSS (and
    ``css``) inline.
    A Content-Security-Policy forbids scripts and any fetch, so the file stays self-contained."""
    return (
        "<!DOCTYPE html>\n"
        '<html><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>body{{margin:1.2rem 1.6rem;background:#fff}}{CSS}{css}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def save_html(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` (UTF-8) and return the path."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: expected str or os.PathLike, got {type(path).__name__}")
    p = Path(path)
    p.write_text(text, encoding="utf-8")
    return p


def tables_of(source: Any, entities: Any = None, claims: Any = None) -> tuple[pl.DataFrame, Any, Any]:
    """(articles, entities, claims) from an :class:`~newsdesk.Analysis`, a tuple of the three
    tables, or an articles table with the other two given by keyword (pandas frames converted)."""
    if isinstance(source, (tuple, list, Analysis)):
        parts = list(source)
        if len(parts) != 3:
            raise ValueError(f"source: expected (articles, entities, claims), got {len(parts)} items")
        arts, ents, cls = parts
        entities = ents if entities is None else entities
        claims = cls if claims is None else claims
    else:
        arts = source
    return (
        _polars(arts, "source", required=True),
        _polars(entities, "entities", required=False),
        _polars(claims, "claims", required=False),
    )


def _polars(df: Any, name: str, required: bool) -> Any:
    if df is None and not required:
        return None
    if isinstance(df, pl.DataFrame):
        return df
    if type(df).__module__.startswith("pandas") and type(df).__name__ == "DataFrame":
        return pl.from_pandas(df)
    what = "an articles table" if name == "source" else f"the {name} table"
    raise TypeError(f"{name}: expected {what} (polars or pandas DataFrame), got {type(df).__name__}")


# ---- markup from boundary events ----------------------------------------------------------------


@dataclass
class _Span:
    """One element to lay over ``text[start:end]``. ``rank`` orders spans with the same end
    (lower = outer); entities are not split while a claim or speaker can be."""

    start: int
    end: int
    rank: int
    cls: str
    attrs: str
    first_attrs: str = ""
    splittable: bool = True
    opened: bool = field(default=False, compare=False)

    def open_tag(self) -> str:
        cont = " nd-cont" if self.opened else " nd-first" if self.first_attrs else ""
        extra = "" if self.opened else self.first_attrs
        self.opened = True
        return f'<span class="{self.cls}{cont}"{self.attrs}{extra}>'


@dataclass
class _Piece:
    span: _Span
    s: int
    e: int


def _markup(text: str, s0: int, e0: int, spans: list[_Span]) -> str:
    """Escaped ``text[s0:e0]`` with ``spans`` (clipped to it) as always well-formed nested
    ``<span>`` elements: at each boundary the elements that end are closed, together with any
    opened after them, which are reopened (split). A span that ends later is opened outside one
    that ends earlier, and an unsplittable span closes and reopens the splittable ones around
    it that end before it, so entities stay whole when claims cross them."""
    starts: dict[int, list[_Piece]] = {}
    points = {s0, e0}
    for sp in spans:
        s, e = max(sp.start, s0), min(sp.end, e0)
        if s < e:
            starts.setdefault(s, []).append(_Piece(sp, s, e))
            points.update((s, e))
    pts = sorted(points)
    out: list[str] = []
    stack: list[_Piece] = []
    for k, p in enumerate(pts):
        new = starts.get(p, [])
        cut = next((i for i, y in enumerate(stack) if y.e <= p), len(stack))
        for x in new:
            if not x.span.splittable:
                cut = next((i for i, y in enumerate(stack[:cut]) if y.e < x.e), cut)
        reopen = [y for y in stack[cut:] if y.e > p]
        out.append("</span>" * (len(stack) - cut))
        del stack[cut:]
        if k == len(pts) - 1:
            break
        for x in sorted(reopen + new, key=lambda z: (-z.e, z.span.rank)):
            out.append(x.span.open_tag())
            stack.append(x)
        out.append(html.escape(text[p : pts[k + 1]], quote=False))
    return "".join(out)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: the text between blank lines."""
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _offsets(row: dict[str, Any], a: str, b: str, n: int) -> tuple[int, int] | None:
    s, e = row.get(a), row.get(b)
    if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
        return s, e
    return None


# ---- the view -------------------------------------------------------------------------------------


class ArticleView:
    """One article rendered: ``.html`` (a complete, self-contained page), ``.save(path)``, and
    shown as HTML in Jupyter. Made by :func:`render`."""

    __slots__ = ("doc_id", "html", "fragment", "entities", "claims", "skipped")

    def __init__(self, doc_id: Any, html_page: str, fragment: str, entities: int, claims: int, skipped: int):
        self.doc_id = doc_id
        self.html = html_page
        self.fragment = fragment
        self.entities = entities
        self.claims = claims
        self.skipped = skipped

    def _repr_html_(self) -> str:
        return f"<style>{CSS}</style>{self.fragment}"

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (one HTML file, UTF-8) and return the path."""
        return save_html(self.html, path)

    def __repr__(self) -> str:
        return f"ArticleView(doc_id={self.doc_id!r}, {self.entities} entities, {self.claims} claims highlighted)"


def render(source: Any, *, entities: Any = None, claims: Any = None, doc_id: int | None = None) -> ArticleView:
    """Show one article with its entities and claims highlighted in the clean text.

    Parameters
    ----------
    source
        What :func:`newsdesk.analyze` returns (an :class:`~newsdesk.Analysis` or the tuple of
        its three tables), or an articles table (polars or pandas).
    entities, claims
        The entities and claims tables (they replace those of an ``Analysis``). Their offsets
        index the articles table's ``text``. Rows with offsets outside the text are left out
        (``.skipped`` counts them); without a table nothing of that kind is highlighted.
    doc_id
        Which article (the ``doc_id`` column); default the first row.

    Returns
    -------
    ArticleView
        ``.html`` (a complete page: inline CSS, no script, nothing fetched), ``.save(path)``,
        and the view shows itself in Jupyter. Entities are coloured by label (hover: label and
        canonical name); claim contents are underlined (wavy when hedged), speakers outlined and
        cues dotted, each marked with the claim's ``claim_id`` (hover: kind, resolved speaker,
        cue, hedges). Paragraphs take their direction from their text (``dir="auto"``).

    >>> import newsdesk
    >>> arts, ents, cls = newsdesk.analyze(['"We will win," Kevin Mayer said. Analysts say sales may fall.'])
    >>> view = newsdesk.render(arts, entities=ents, claims=cls)
    >>> view.html.count('class="nd-claim'), view.html.count('nd-claim nd-indirect nd-hedged')
    (2, 1)
    """
    arts, ents, cls = tables_of(source, entities, claims)
    if "text" not in arts.columns:
        raise ValueError(f"source: the articles table has no 'text' column (columns: {arts.columns})")
    if arts.height == 0:
        raise ValueError("source: the articles table has no rows")
    if doc_id is None:
        row = arts.row(0, named=True)
    else:
        if isinstance(doc_id, bool) or not isinstance(doc_id, int):
            raise TypeError(f"doc_id: expected int, got {type(doc_id).__name__}")
        if "doc_id" not in arts.columns:
            raise KeyError("doc_id: the articles table has no 'doc_id' column")
        hit = arts.filter(pl.col("doc_id") == doc_id)
        if hit.height == 0:
            raise KeyError(f"doc_id: no article with doc_id {doc_id}")
        row = hit.row(0, named=True)
    did = row.get("doc_id")
    value = row.get("text")
    text = value if isinstance(value, str) else ""
    erows = _rows_of(ents, did, "entities")
    crows = _rows_of(cls, did, "claims")
    return _view(row, text, erows, crows)


def _rows_of(df: pl.DataFrame | None, doc_id: Any, name: str) -> list[dict[str, Any]]:
    if df is None or df.height == 0:
        return []
    if "doc_id" not in df.columns:
        raise ValueError(f"{name}: the table has no 'doc_id' column")
    rows = df.filter(pl.col("doc_id") == doc_id) if doc_id is not None else df.clear()
    return rows.to_dicts()


def _claim_title(c: dict[str, Any]) -> str:
    hedges = ", ".join(str(h) for h in c.get("hedges") or []) or "none"
    who = c.get("speaker_resolved") or c.get("speaker") or "unknown"
    parts = [f"{c.get('kind') or 'claim'} claim {c.get('claim_id')}", f"speaker: {who}"]
    if c.get("speaker") and c.get("speaker") != who:
        parts.append(f"as written: {c['speaker']}")
    if c.get("speaker_type"):
        parts.append(f"speaker type: {c['speaker_type']}")
    parts += [f"cue: {c.get('cue') or 'none'}", f"hedges: {hedges}"]
    return "\n".join(parts)


def _view(row: dict[str, Any], text: str, erows: list[dict[str, Any]], crows: list[dict[str, Any]]) -> ArticleView:
    n = len(text)
    spans: list[_Span] = []
    skipped = 0
    labels: Counter[str] = Counter()
    shown_entities = 0
    for ent in erows:
        off = _offsets(ent, "start", "end", n)
        if off is None:
            skipped += 1
            continue
        label = str(ent.get("label") or "ENTITY")
        labels[label] += 1
        shown_entities += 1
        tip = f"{label} · {ent.get('canonical') or text[off[0] : off[1]]}"
        attrs = f' style="--c:{label_colour(label)}" data-label="{esc(label)}" title="{esc(tip)}"'
        spans.append(_Span(off[0], off[1], 2, "nd-ent", attrs, splittable=False))
    marks: dict[tuple[str, int, int], list[Any]] = {}  # speaker/cue spans shared by several claims
    shown_claims = hedged = 0
    valid_claims = []
    did = esc(row.get("doc_id"))
    for c in crows:
        off = _offsets(c, "content_start", "content_end", n)
        if off is None:
            skipped += 1
            continue
        valid_claims.append(c)
        shown_claims += 1
        hedged += bool(c.get("hedged"))
        kind = re.sub(r"[^a-z_]", "", str(c.get("kind") or "claim").lower())
        cid = esc(c.get("claim_id"))
        cls = f"nd-claim nd-{kind}" + (" nd-hedged" if c.get("hedged") else "")
        attrs = f' data-claim="{cid}" title="{esc(_claim_title(c))}"'
        spans.append(_Span(off[0], off[1], 0, cls, attrs, first_attrs=f' id="nd-c{did}-{cid}"'))
        for part in ("speaker", "cue"):
            o = _offsets(c, f"{part}_start", f"{part}_end", n)
            if o is not None:
                marks.setdefault((part, *o), []).append(c)
    for (part, m0, m1), cs in marks.items():
        ids = " ".join(str(c.get("claim_id")) for c in cs)
        tip = "\n\n".join(f"{part} of {_claim_title(c)}" for c in cs)
        spans.append(_Span(m0, m1, 1 if part == "speaker" else 3, f"nd-{part}", f' data-claim="{esc(ids)}" title="{esc(tip)}"'))

    headings = [h for h in row.get("headings") or [] if isinstance(h, str)]
    heading_set = {h.strip() for h in headings}
    paragraphs = _paragraphs(text)
    body = []
    # each paragraph gets the spans that overlap it (spans sorted by start; linear overall)
    spans.sort(key=lambda sp: sp.start)
    active: list[_Span] = []
    nxt = 0
    for ps, pe in paragraphs:
        while nxt < len(spans) and spans[nxt].start < pe:
            active.append(spans[nxt])
            nxt += 1
        active = [sp for sp in active if sp.end > ps]
        tag = "h3" if text[ps:pe].strip() in heading_set else "p"
        body.append(f'<{tag} dir="auto">{_markup(text, ps, pe, active)}</{tag}>')
    if not body:
        body.append('<p class="nd-nodata">no text</p>')

    legend = [
        f'<span class="nd-k-ent" style="--c:{label_colour(lab)}">{esc(lab)} {k}</span>'
        for lab, k in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    legend += [
        f'<span class="nd-k-claim">claims {shown_claims}</span>',
        f'<span class="nd-k-claim nd-k-hedged">hedged {hedged}</span>',
        '<span class="nd-k-speaker">speaker</span>',
        '<span class="nd-k-cue">cue</span>',
    ]
    notes = []
    if skipped:
        notes.append(f'<p class="nd-note">{skipped} row(s) with offsets outside the text are not shown.</p>')
    missing = [h for h in headings if h.strip() not in {text[s:e].strip() for s, e in paragraphs}]
    lang = row.get("language")
    lang_attr = f' lang="{esc(lang)}"' if lang else ""
    title = row.get("title") or "(untitled)"
    fragment = (
        f'<div class="nd nd-article" data-doc-id="{did}">'
        f'<h1 dir="auto">{esc(title)}</h1>{_meta(row, missing)}'
        f'<div class="nd-legend">{"".join(legend)}</div>{"".join(notes)}'
        f'<div class="nd-text"{lang_attr}>{"".join(body)}</div>'
        f"{_claims_list(valid_claims, did, text)}{_removed(row.get('removed'))}</div>"
    )
    return ArticleView(row.get("doc_id"), page(str(title), fragment), fragment, shown_entities, shown_claims, skipped)


def _date(v: Any) -> str:
    if isinstance(v, _dt.datetime):
        return v.isoformat(sep=" ", timespec="minutes")
    return "" if v is None else str(v)


def _meta(row: dict[str, Any], missing_headings: list[str]) -> str:
    items: list[tuple[str, str]] = []

    def add(name: str, value: Any) -> None:
        if value not in (None, "", []):
            items.append((name, esc(value)))

    add("Outlet", row.get("outlet") or row.get("domain"))
    date = _date(row.get("published"))
    if date:
        if row.get("date_ambiguous"):
            date += " (day and month could be either way round)"
        add("Published", date)
    elif row.get("published_raw"):
        add("Published", f"{row['published_raw']} (not read)")
    add("Authors", ", ".join(str(a) for a in row.get("authors") or [] if a))
    url = row.get("url") or row.get("canonical_url")
    if isinstance(url, str) and url:
        link = f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>' if _SAFE_URL.match(url) else esc(url)
        items.append(("URL", link))
    add("Language", row.get("language"))
    add("Section", row.get("section"))
    add("Wire", ", ".join(str(a) for a in row.get("wire_agencies") or [] if a))
    add("Source", row.get("source_credit"))
    add("Words", row.get("word_count"))
    add("Headings", " · ".join(missing_headings))
    if row.get("error"):
        items.append(("Error", f'<span class="nd-error">{esc(row["error"])}</span>'))
    return '<dl class="nd-meta">' + "".join(f'<dt>{k}</dt><dd dir="auto">{v}</dd>' for k, v in items) + "</dl>"


def _claims_list(claims: list[dict[str, Any]], did: str, text: str) -> str:
    if not claims:
        return ""
    lis = []
    for c in sorted(claims, key=lambda c: c.get("content_start") or 0):
        cid = esc(c.get("claim_id"))
        hedges = ", ".join(str(h) for h in c.get("hedges") or [])
        content = text[c["content_start"] : c["content_end"]]
        if len(content) > 240:
            content = content[:237] + "…"
        who = c.get("speaker_resolved") or c.get("speaker") or "unknown speaker"
        kind_cls = "nd-kind nd-hedged" if c.get("hedged") else "nd-kind"
        cue = f" <i>({esc(c['cue'])})</i>" if c.get("cue") else ""
        hedge_note = f' <span class="nd-note">hedges: {esc(hedges)}</span>' if hedges else ""
        lis.append(
            f'<li value="{cid}" dir="auto"><span class="{kind_cls}">{esc(c.get("kind"))}</span> '
            f'<a href="#nd-c{did}-{cid}">{esc(who)}</a>{cue}: “{esc(content)}”{hedge_note}</li>'
        )
    return f'<h2>Claims ({len(claims)})</h2><ol class="nd-list">{"".join(lis)}</ol>'


def _removed(lines: Any) -> str:
    lines = [ln for ln in lines or [] if isinstance(ln, str)]
    if not lines:
        return '<p class="nd-note">No boilerplate lines removed.</p>'
    lis = "".join(f'<li dir="auto">{esc(ln)}</li>' for ln in lines)
    return f'<details class="nd-removed"><summary>Removed boilerplate ({len(lines)} lines)</summary><ul>{lis}</ul></details>'
