"""The ``newsdesk`` command: ``newsdesk run INPUT... --out DIR``, ``newsdesk report DIR`` and ``newsdesk demo``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import polars as pl

from . import articles, io, stream

SAMPLES = Path(__file__).parent / "samples"


def _progress(total: int | None, desc: str):
    from tqdm.auto import tqdm  # noqa: PLC0415

    # a bar on terminals and in Jupyter; silent when output is not interactive
    return tqdm(total=total, desc=desc, unit="doc", disable=None, dynamic_ncols=True)


def run_corpus(
    paths: list[Path], batch_size: int = 512, day_first: bool | None = None, language: str | None = None, desc: str = "newsdesk"
) -> pl.DataFrame:
    """Process ``paths`` batch by batch (with a progress bar) into one articles table."""
    frames = []
    done = 0
    with _progress(io.count_documents(paths), desc) as bar:
        for batch in io.iter_batches(paths, batch_size):
            df = articles(batch, day_first=day_first, language=language)
            pre_errors = [d.get("_error") for d in batch]
            if any(pre_errors):
                df = df.with_columns(
                    pl.Series("error", [e or x for e, x in zip(pre_errors, df["error"].to_list())], dtype=pl.String)
                )
            df = df.with_columns(pl.col("doc_id") + done)
            done += len(batch)
            frames.append(df)
            bar.update(len(batch))
    return pl.concat(frames) if frames else articles([])


def summary(df: pl.DataFrame, seconds: float) -> str:
    n = df.height
    errors = df["error"].is_not_null().sum()
    langs = Counter(x for x in df["language"].to_list() if x)
    top = ", ".join(f"{k} {v}" for k, v in langs.most_common(6)) or "none"
    rate = n / seconds if seconds > 0 else float("inf")
    return (
        f"{n} documents in {seconds:.2f} s ({rate:,.0f} docs/s); "
        f"{errors} with errors; languages: {top}; "
        f"{int(df['word_count'].sum() or 0):,} words of clean text; "
        f"{int(df['removed'].list.len().sum() or 0)} boilerplate lines removed"
    )


def cmd_run(args: argparse.Namespace) -> int:
    paths = io.expand(args.inputs)
    if not paths:
        print("newsdesk run: no input files found", file=sys.stderr)
        return 2
    if args.tables:
        tables = [t.strip() for t in args.tables.split(",") if t.strip()]
    else:
        tables = [t for t in ("articles", "entities", "claims") if stream._available(t)]
    if args.dedup and "duplicates" not in tables:
        tables.append("duplicates")
    try:
        s = stream.process(
            paths,
            args.out,
            tables=tables,
            batch_size=args.batch_size,
            day_first=args.day_first,
            language=args.language,
            overwrite=args.overwrite,
        )
    except ValueError as e:
        print(f"newsdesk run: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        # stream.OutputError names the file; other OS errors (reading inputs) name theirs
        print(f"newsdesk run: {e.strerror if isinstance(e, stream.OutputError) else e}", file=sys.stderr)
        return 1
    print(s)
    for folder in s.tables.values():
        print(f"wrote {folder}/ ({len(list(folder.glob('part-*.parquet')))} part files)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import report  # noqa: PLC0415

    out = Path(args.out) if args.out else Path(args.dir) / "report.html"
    try:
        rep = report(args.dir, out)
    except (FileNotFoundError, ValueError) as e:
        print(f"newsdesk report: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"newsdesk report: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 1
    c = rep.counts
    print(
        f"wrote {out} ({c['documents']:,} documents, {c['errors']:,} with errors, {c['entities']:,} entities, {c['claims']:,} claims)"
    )
    return 0


def sample_paths() -> list[Path]:
    """The sample corpus shipped inside the package."""
    manifest = SAMPLES / "manifest.json"
    if manifest.exists():
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        if isinstance(entries, dict):
            entries = entries.get("documents") or entries.get("files") or list(entries.values())
        return [SAMPLES / (e["file"] if isinstance(e, dict) else e) for e in entries]
    return io.expand([SAMPLES])


def cmd_demo(args: argparse.Namespace) -> int:
    paths = sample_paths()
    t0 = time.perf_counter()
    df = run_corpus(paths, desc="newsdesk demo")
    seconds = time.perf_counter() - t0
    view = df.select(
        pl.col("url").str.extract(r"([^/]+)$").str.slice(0, 30).alias("file"),
        pl.col("language").alias("lang"),
        pl.col("outlet").str.slice(0, 18),
        pl.col("title").str.slice(0, 40),
        "published",
        pl.col("authors").list.join(", ").str.slice(0, 24).alias("authors"),
        pl.col("wire_agencies").list.join(", ").str.slice(0, 18).alias("wire"),
        pl.col("word_count").alias("words"),
        pl.col("error").str.slice(0, 24),
    )
    with pl.Config(
        tbl_rows=100,
        tbl_cols=20,
        fmt_str_lengths=40,
        tbl_width_chars=220,
        tbl_hide_dataframe_shape=True,
        tbl_hide_column_data_types=True,
    ):
        print(view)
    print(summary(df, seconds))
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        df.write_parquet(out / "articles.parquet")
        print(f"wrote {out / 'articles.parquet'}")
    return 0


def _bool(s: str) -> bool:
    if s.lower() in {"true", "yes", "1", "day"}:
        return True
    if s.lower() in {"false", "no", "0", "month"}:
        return False
    raise argparse.ArgumentTypeError(f"expected true/false, got {s!r}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="newsdesk", description="Scraped news into clean tables.")
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser(
        "run",
        help="process files/folders (.txt .html .jsonl[.gz] .csv .parquet .warc[.gz]) into Parquet datasets DIR/<table>/part-*.parquet",
    )
    r.add_argument("inputs", nargs="+")
    r.add_argument("--out", required=True, help="output folder (an interrupted run in it resumes)")
    r.add_argument("--batch-size", type=int, default=1000, help="documents per batch and part file (peak memory grows with it)")
    r.add_argument(
        "--tables",
        default=None,
        help="comma-separated: articles,entities,claims,duplicates (default: articles, entities, claims)",
    )
    r.add_argument("--dedup", action="store_true", help="also write the near-duplicate groups (duplicates table)")
    r.add_argument("--overwrite", action="store_true", help="delete part files of an earlier run in DIR first")
    r.add_argument(
        "--day-first", type=_bool, default=None, help="read ambiguous numeric dates day-first (true) or month-first (false)"
    )
    r.add_argument("--language", default=None, help="ISO 639-1 code instead of detection")
    r.set_defaults(func=cmd_run)
    rp = sub.add_parser("report", help="write a one-page HTML report (inline SVG charts) of a folder written by 'newsdesk run'")
    rp.add_argument("dir", help="the --out folder of 'newsdesk run' (DIR/articles/part-*.parquet, DIR/entities/, DIR/claims/)")
    rp.add_argument("--out", default=None, help="HTML file to write (default: DIR/report.html)")
    rp.set_defaults(func=cmd_report)
    d = sub.add_parser("demo", help="run on the sample corpus shipped with the package and print the table")
    d.add_argument("--out", default=None, help="also write DIR/articles.parquet")
    d.set_defaults(func=cmd_demo)
    args = p.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
