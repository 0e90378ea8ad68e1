"""A corpus at a glance: :func:`report` writes one self-contained HTML page of charts.

The charts are inline SVG drawn here (no script, no library, nothing fetched): articles over
time by outlet, languages, the most mentioned entities per label, the speakers quoted most (and
how many of their claims are hedged), wire agencies, rows with errors grouped by reason, and the
boilerplate lines removed per outlet. The tables are aggregated lazily, so a run folder of any
size is read column by column. A section without data says so.

>>> import newsdesk
>>> rep = newsdesk.report(newsdesk.analyze([None, "Storm hits coast\\n\\nA storm hit the coast on Monday."]))
>>> rep.counts["documents"], rep.counts["errors"], rep.sections["errors"], rep.sections["timeline"]
(2, 1, True, False)
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .render import CSS, esc, label_colour, page, save_html, tables_of

__all__ = ["report", "CorpusReport"]

TOP_OUTLETS = 6
SERIES_COLOURS = ["#4263eb", "#f08c00", "#2f9e44", "#e03131", "#7048e8", "#1098ad", "#d6336c"]
OTHER = "#adb5bd"
UNKNOWN_COLOUR = "#dee2e6"
_UNKNOWN = "(unknown)"
#: Order of the entity labels in the report (names first); others follow by count.
LABEL_ORDER = ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"]
_REPORT_CSS = ".nd.nd-report{max-width:75rem}.nd .nd-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:0 1.5rem}"


@dataclass
class CorpusReport:
    """A corpus report: ``.html`` (a complete page), ``.save(path)``, ``.path`` (where it was
    written, if it was), ``.counts`` (documents, errors, entities, claims, undated) and
    ``.sections`` (section name → whether it had data); shows itself in Jupyter."""

    html: str
    fragment: str
    counts: dict[str, int]
    sections: dict[str, bool] = field(default_factory=dict)
    path: Path | None = None

    def _repr_html_(self) -> str:
        return f"<style>{CSS}{_REPORT_CSS}</style>{self.fragment}"

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (one HTML file, UTF-8) and return the path."""
        self.path = save_html(self.html, path)
        return self.path

    def __repr__(self) -> str:
        where = f", path={str(self.path)!r}" if self.path else ""
        return f"CorpusReport({self.counts.get('documents', 0)} documents, {len(self.sections)} sections{where})"


# ---- reading ------------------------------------------------------------------------------------


def _scan_run(folder: Path) -> tuple[pl.LazyFrame | None, pl.LazyFrame | None, pl.LazyFrame | None]:
    out = []
    for t in ("articles", "entities", "claims"):
        parts = sorted((folder / t).glob("part-*.parquet")) if (folder / t).is_dir() else []
        out.append(pl.scan_parquet(parts) if parts else None)
    if all(x is None for x in out):
        raise ValueError(f"source: {folder} holds no newsdesk run (no articles/, entities/ or claims/ part files)")
    return out[0], out[1], out[2]


def _lazy(source: Any) -> tuple[pl.LazyFrame | None, pl.LazyFrame | None, pl.LazyFrame | None]:
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if not folder.is_dir():
            raise FileNotFoundError(f"source: no such folder {folder}")
        return _scan_run(folder)
    arts, ents, cls = tables_of(source)
    return arts.lazy(), None if ents is None else ents.lazy(), None if cls is None else cls.lazy()


def _cols(lf: pl.LazyFrame | None) -> set[str]:
    return set() if lf is None else set(lf.collect_schema().names())


# ---- charts -------------------------------------------------------------------------------------


def _short(s: str, n: int = 38) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def hbar_chart(rows: list[tuple[str, list[int]]], series: list[tuple[str, str]], width: int = 640, left: int = 230) -> str:
    """Horizontal (stacked) bars as SVG: ``rows`` are (label, one value per series), ``series``
    (name, colour). Each bar segment has a hover ``<title>``."""
    bar, gap, top = 18, 6, 22 if len(series) > 1 else 4
    total_max = max((sum(v) for _, v in rows), default=0) or 1
    plot = width - left - 60
    height = top + len(rows) * (bar + gap) + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    if len(series) > 1:
        x: float = left
        for name, colour in series:
            out.append(
                f'<rect x="{x:.1f}" y="4" width="11" height="11" fill="{colour}"/><text x="{x + 15:.1f}" y="14" font-size="12">{esc(name)}</text>'
            )
            x += 30 + max(26, 7.8 * len(name))
    for i, (label, values) in enumerate(rows):
        y = top + i * (bar + gap)
        out.append(
            f'<text x="{left - 6}" y="{y + bar - 5}" font-size="12" text-anchor="end">'
            f"<title>{esc(label)}</title>{esc(_short(label, left // 7))}</text>"
        )
        x = float(left)
        for (name, colour), v in zip(series, values):
            w = plot * v / total_max
            if v:
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar}" fill="{colour}">'
                    f"<title>{esc(label)}: {v:,} {esc(name)}</title></rect>"
                )
            x += w
        out.append(f'<text x="{x + 5:.1f}" y="{y + bar - 5}" font-size="11" fill="#495057">{sum(values):,}</text>')
    out.append("</svg>")
    return "".join(out)


def _nice_step(ymax: int, ticks: int = 4) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that covers ``ymax`` in ``ticks`` steps."""
    step = 1
    while step * ticks < ymax:
        for m in (2, 5, 10):
            if step * m * ticks >= ymax or m == 10:
                step *= m
                break
    return step


def column_chart(
    x_labels: list[str], series: list[tuple[str, str, list[int]]], width: int = 900, height: int = 260, unit: str = "articles"
) -> str:
    """Stacked columns as SVG over ``x_labels``; ``series`` are (name, colour, one value per
    label; ``unit`` names what is counted, in the hover titles). A legend on top, a y axis with
    gridlines, every k-th x label."""
    left, right, top, bottom = 40, 10, 32, 40
    n = max(len(x_labels), 1)
    totals = [sum(s[2][i] for s in series) for i in range(len(x_labels))]
    ymax = max(totals, default=0) or 1
    step = _nice_step(ymax)
    ticks = -(-ymax // step)
    ymax = step * ticks
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / n
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    x: float = left
    for name, colour, _ in series:
        out.append(
            f'<rect x="{x:.1f}" y="5" width="11" height="11" fill="{colour}"/><text x="{x + 15:.1f}" y="15" font-size="12">{esc(_short(name, 24))}</text>'
        )
        x += 30 + max(26, 7.8 * len(_short(name, 24)))
    for k in range(ticks + 1):
        y = top + plot_h - plot_h * k / ticks
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e9ecef"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#495057">{step * k:,}</text>'
        )
    every = max(1, -(-n // 14))
    for i, label in enumerate(x_labels):
        x0 = left + i * slot
        y = float(top + plot_h)
        for name, colour, values in series:
            v = values[i]
            if v:
                h = plot_h * v / ymax
                y -= h
                out.append(
                    f'<rect x="{x0 + slot * 0.1:.1f}" y="{y:.1f}" width="{max(slot * 0.8, 1):.1f}" height="{h:.1f}" fill="{colour}">'
                    f"<title>{esc(label)} · {esc(name)}: {v:,} {esc(unit)}</title></rect>"
                )
        if i % every == 0:
            out.append(
                f'<text x="{x0 + slot / 2:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle">{esc(label)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


# ---- sections -----------------------------------------------------------------------------------


def _section(key: str, title: str, body: str | None, note: str = "", sections: dict[str, bool] | None = None) -> str:
    if sections is not None:
        sections[key] = body is not None
    inner = body if body is not None else '<p class="nd-nodata">no data</p>'
    extra = f'<p class="nd-note">{note}</p>' if note else ""
    return f'<section id="nd-{esc(key)}" data-chart="{esc(key)}"><h2>{esc(title)}</h2>{inner}{extra}</section>'


def _bucket(days: int) -> tuple[str, str]:
    if days <= 92:
        return "1d", "%Y-%m-%d"
    if days <= 1100:
        return "1mo", "%Y-%m"
    return "1y", "%Y"


def _timeline(arts: pl.LazyFrame, cols: set[str]) -> tuple[str | None, str, int]:
    if "published" not in cols:
        return None, "", 0
    outlet = pl.coalesce([pl.col(c) for c in ("outlet", "domain") if c in cols] + [pl.lit(_UNKNOWN)]).alias("outlet")
    df = arts.select(pl.col("published").cast(pl.Datetime("us"), strict=False).dt.date().alias("day"), outlet).collect()
    undated = df["day"].null_count()
    df = df.drop_nulls("day")
    if df.height == 0:
        return None, "", undated
    days = df["day"].sort()
    lo, hi = days[0], days[-1]
    every, fmt = _bucket((hi - lo).days)
    top = df.group_by("outlet").len().sort(["len", "outlet"], descending=[True, False]).head(TOP_OUTLETS)["outlet"].to_list()
    df = df.with_columns(
        pl.when(pl.col("outlet").is_in(top)).then(pl.col("outlet")).otherwise(pl.lit("other")).alias("outlet"),
        pl.col("day").dt.truncate(every).alias("bucket"),
    )
    first = df["bucket"].sort()
    buckets = pl.date_range(first[0], first[-1], every, eager=True).to_list()
    counts = {(b, o): n for b, o, n in df.group_by("bucket", "outlet").len().iter_rows()}
    colours, palette = {"other": OTHER, _UNKNOWN: UNKNOWN_COLOUR}, iter(SERIES_COLOURS * (TOP_OUTLETS // len(SERIES_COLOURS) + 1))
    names = top + (["other"] if "other" in set(df["outlet"].to_list()) else [])
    series = [(name, colours.get(name) or next(palette), [counts.get((b, name), 0) for b in buckets]) for name in names]
    unit = {"1d": "day", "1mo": "month", "1y": "year"}[every]
    labels = [b.strftime(fmt) for b in buckets]
    return column_chart(labels, series), f"per {unit}, {lo.isoformat()} to {hi.isoformat()}", undated


def _counts(lf: pl.LazyFrame, expr: pl.Expr, limit: int = 15) -> list[tuple[str, list[int]]]:
    df = lf.select(expr.alias("k")).group_by("k").len().sort(["len", "k"], descending=[True, False]).head(limit).collect()
    return [(str(k), [int(n)]) for k, n in df.iter_rows()]


def _bars(rows: list[tuple[str, list[int]]], name: str, colour: str = "#4263eb") -> str | None:
    return hbar_chart(rows, [(name, colour)]) if rows else None


def report(source: Any, path: str | os.PathLike[str] | None = None) -> CorpusReport:
    """A one-page HTML report of a corpus, with charts as inline SVG.

    Parameters
    ----------
    source
        A folder written by ``newsdesk run INPUT --out DIR`` / :func:`newsdesk.process`
        (``DIR/articles/part-*.parquet``, ``DIR/entities/…``, ``DIR/claims/…``; tables that are
        missing give "no data" sections), or what :func:`newsdesk.analyze` returns (an
        :class:`~newsdesk.Analysis` or the tuple of its three tables), or an articles table.
    path
        Where to write the page (one self-contained HTML file); ``None`` writes nothing (use
        ``.save(path)`` or show it in Jupyter).

    Returns
    -------
    CorpusReport
        ``.html``, ``.save()``, ``.path``, ``.counts``, ``.sections``.

    Raises
    ------
    FileNotFoundError
        ``source`` names a folder that does not exist.
    ValueError
        ``source`` is a folder without part files of any table.

    >>> import newsdesk, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> rep = newsdesk.report(newsdesk.analyze([None, "Rain in Lisbon.\\n\\nIt rained in Lisbon on Monday."]), out)
    >>> rep.path == out, rep.counts["errors"], rep.sections["errors"]
    (True, 1, True)
    """
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: expected str, os.PathLike or None, got {type(path).__name__}")
    arts, ents, cls = _lazy(source)
    a_cols, e_cols, c_cols = _cols(arts), _cols(ents), _cols(cls)
    if arts is None:
        arts = pl.LazyFrame({"doc_id": []}, schema={"doc_id": pl.Int64})
    sections: dict[str, bool] = {}
    n_docs = arts.select(pl.len()).collect().item()
    n_err = arts.select(pl.col("error").is_not_null().sum()).collect().item() if "error" in a_cols else 0
    n_ent = ents.select(pl.len()).collect().item() if ents is not None else 0
    n_claims = cls.select(pl.len()).collect().item() if cls is not None else 0
    parts: list[str] = []

    chart, span, undated = _timeline(arts, a_cols) if n_docs else (None, "", 0)
    note = span + (f"; {undated:,} article(s) without a date are not shown" if undated else "")
    parts.append(_section("timeline", "Articles over time by outlet", chart, esc(note), sections))

    langs = _counts(arts, pl.col("language").fill_null(_UNKNOWN)) if "language" in a_cols and n_docs else []
    parts.append(_section("languages", "Languages", _bars(langs, "articles"), sections=sections))

    ent_html = None
    if ents is not None and n_ent and {"label", "text"} <= e_cols:
        name = pl.coalesce([pl.col(c) for c in ("canonical", "text") if c in e_cols]).alias("name")
        rank = {lab: i for i, lab in enumerate(LABEL_ORDER)}
        per_label = sorted(
            ents.group_by("label").len().collect().iter_rows(), key=lambda r: (rank.get(r[0], len(rank)), -r[1], str(r[0]))
        )
        top = (
            ents.group_by("label", name)
            .len()
            .sort(["len", "name"], descending=[True, False])
            .group_by("label", maintain_order=True)
            .head(10)
            .collect()
        )
        blocks = []
        for label, total in per_label:
            hits = top.filter(pl.col("label").is_null() if label is None else pl.col("label") == label)
            rows = [(str(k), [int(n)]) for k, n in hits.select("name", "len").iter_rows()]
            title = f"{label or _UNKNOWN} · {total:,} mentions"
            chart = hbar_chart(rows, [("mentions", label_colour(label))], width=440, left=170)
            blocks.append(f"<div><h3>{esc(title)}</h3>{chart}</div>")
        ent_html = f'<div class="nd-grid">{"".join(blocks)}</div>'
    parts.append(_section("entities", "Most mentioned entities per label (by canonical name)", ent_html, sections=sections))

    spk_html = None
    if cls is not None and n_claims and "speaker_resolved" in c_cols:
        hedged = pl.col("hedged").fill_null(False).cast(pl.Int64) if "hedged" in c_cols else pl.lit(0)
        df = (
            cls.filter(pl.col("speaker_resolved").is_not_null())
            .group_by("speaker_resolved")
            .agg(pl.len().alias("claims"), hedged.sum().alias("hedged"))
            .sort(["claims", "speaker_resolved"], descending=[True, False])
            .head(15)
            .collect()
        )
        rows = [(str(s), [int(c) - int(h), int(h)]) for s, c, h in df.iter_rows()]
        if rows:
            spk_html = hbar_chart(rows, [("claims, not hedged", "#4263eb"), ("hedged", "#e8590c")])
    parts.append(_section("speakers", "Speakers quoted most (speaker_resolved)", spk_html, sections=sections))

    wires = []
    if "wire_agencies" in a_cols and n_docs:
        wires = _counts(arts.select(pl.col("wire_agencies").explode()).drop_nulls(), pl.col("wire_agencies"))
    parts.append(_section("wire", "Wire agencies credited", _bars(wires, "articles", "#1098ad"), sections=sections))

    err_html = None
    if n_err:
        df = (
            arts.filter(pl.col("error").is_not_null())
            .with_columns(
                pl.col("error").str.extract(r"^([^:]{1,60})", 1).fill_null(pl.col("error").str.slice(0, 60)).alias("why")
            )
            .group_by("why")
            .agg(pl.len().alias("n"), pl.col("error").first().alias("example"))
            .sort(["n", "why"], descending=[True, False])
            .collect()
        )
        table = "".join(
            f"<tr><td>{esc(w)}</td><td>{n:,}</td><td>{esc(_short(str(x), 160))}</td></tr>" for w, n, x in df.iter_rows()
        )
        err_html = (
            hbar_chart([(str(w), [int(n)]) for w, n, _ in df.iter_rows()], [("rows", "#e03131")])
            + f"<table><thead><tr><th>reason</th><th>rows</th><th>example</th></tr></thead><tbody>{table}</tbody></table>"
        )
    parts.append(_section("errors", f"Rows with errors ({n_err:,})", err_html, sections=sections))

    bp_html = None
    if "removed" in a_cols and n_docs:
        outlet = pl.coalesce([pl.col(c) for c in ("outlet", "domain") if c in a_cols] + [pl.lit(_UNKNOWN)])
        df = (
            arts.group_by(outlet.alias("outlet"))
            .agg(pl.col("removed").list.len().sum().alias("lines"), pl.len().alias("articles"))
            .filter(pl.col("lines") > 0)
            .sort(["lines", "outlet"], descending=[True, False])
            .head(15)
            .collect()
        )
        if df.height:
            top_lines = _counts(arts.select(pl.col("removed").explode()).drop_nulls(), pl.col("removed"), 10)
            table = "".join(f"<tr><td dir='auto'>{esc(_short(k, 100))}</td><td>{v[0]:,}</td></tr>" for k, v in top_lines)
            bp_html = (
                hbar_chart(
                    [(f"{o} ({a:,} article{'' if a == 1 else 's'})", [int(n)]) for o, n, a in df.iter_rows()],
                    [("lines removed", "#7048e8")],
                )
                + f"<h3>Lines removed most often</h3><table><tbody>{table}</tbody></table>"
            )
    parts.append(_section("boilerplate", "Boilerplate lines removed per outlet", bp_html, sections=sections))

    counts = {"documents": n_docs, "errors": n_err, "entities": n_ent, "claims": n_claims, "undated": undated}
    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    summary = (
        f"{n_docs:,} documents · {n_err:,} with errors · {n_ent:,} entity mentions · {n_claims:,} claims"
        + ("" if ents is not None else " · no entities table")
        + ("" if cls is not None else " · no claims table")
    )
    fragment = (
        f'<div class="nd nd-report"><h1>newsdesk corpus report</h1><p>{esc(summary)}</p>'
        f'<p class="nd-note">{esc(_describe(source))} · made {stamp}</p>{"".join(parts)}</div>'
    )
    rep = CorpusReport(page("newsdesk corpus report", fragment, _REPORT_CSS), fragment, counts, sections)
    if path is not None:
        rep.save(path)
    return rep


def _describe(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return f"run folder {Path(source)}"
    return "tables in memory"
