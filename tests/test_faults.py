"""Process-level faults: a run killed with SIGKILL at random points resumes to exactly the output
of an uninterrupted run; a full disk or an unwritable output folder gives an error naming the
path and leaves nothing half-written."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import newsdesk
import polars as pl
import pytest
from newsdesk import stream
from polars.testing import assert_frame_equal

TABLES = ("articles", "entities", "claims", "duplicates")


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    rng = random.Random(7)
    names = ["Jane Smith", "Carlos Ruiz", "the ministry", "officials", "Anna Keller"]
    for i in range(n):
        paras = []
        for _ in range(rng.randint(3, 8)):
            who = rng.choice(names)
            paras.append(
                f"\u201cStory {i} goes on,\u201d said {who}. According to {rng.choice(names)}, the plan for "
                f"district {rng.randint(1, 99)} costs ${rng.randint(1, 900)} million and starts on Monday."
            )
        head = f"Headline number {i}\n\n- Advertisement -\n\n"
        (folder / f"doc{i:04d}.txt").write_text(head + "\n\n".join(paras), encoding="utf-8")


def _run(args: list[str], **kw) -> subprocess.Popen:
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-m", "newsdesk", "run", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _parts(out: Path) -> list[Path]:
    return sorted((out / "articles").glob("part-*.parquet")) if (out / "articles").is_dir() else []


def _tables(out: Path) -> dict[str, pl.DataFrame]:
    got = {}
    for t in TABLES:
        df = pl.read_parquet(out / t / "part-*.parquet")
        keys = [c for c in ("doc_id", "claim_id", "start") if c in df.columns]
        got[t] = df.sort(keys)
    return got


def test_a_run_killed_at_random_points_resumes_to_the_uninterrupted_output(tmp_path):
    _corpus(tmp_path / "in", 240)
    args = ["--batch-size", "8", "--dedup"]
    ref = tmp_path / "ref"
    p = _run([str(tmp_path / "in"), "--out", str(ref), *args])
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()

    out = tmp_path / "out"
    rng = random.Random(11)
    kills = 0
    for _ in range(5):
        before = len(_parts(out))
        p = _run([str(tmp_path / "in"), "--out", str(out), *args])
        deadline = time.monotonic() + 120
        # wait for this run to add a part file, then kill it a random moment later
        while len(_parts(out)) <= before and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.05))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.wait(timeout=60)
        # only complete part files: every one of them reads
        for t in TABLES:
            for f in (out / t).glob("part-*.parquet") if (out / t).is_dir() else ():
                pl.read_parquet(f)
        if p.returncode == 0:
            break
    assert kills >= 3, f"the run finished before it could be killed often enough ({kills} kills)"
    p = _run([str(tmp_path / "in"), "--out", str(out), *args])
    assert p.wait(timeout=300) == 0, p.stderr.read().decode()
    assert not list(out.rglob("*.tmp")), "temporary files left behind"
    want, got = _tables(ref), _tables(out)
    for t in TABLES:
        assert_frame_equal(got[t], want[t], check_exact=True)
    assert want["articles"].height == 240


def test_a_full_disk_names_the_path_and_leaves_no_partial_file(tmp_path, monkeypatch):
    _corpus(tmp_path / "in", 12)
    real = pl.DataFrame.write_parquet
    calls = {"n": 0}

    def full_disk(self, file, *a, **k):
        calls["n"] += 1
        if calls["n"] == 2:
            Path(file).write_bytes(b"PAR1 half a file")  # the disk fills up mid-write
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, file, *a, **k)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full_disk)
    out = tmp_path / "out"
    with pytest.raises(stream.OutputError, match=r"cannot write .*part-00001\.parquet: No space left on device") as e:
        newsdesk.process(tmp_path / "in", out, tables=["articles"], batch_size=5, progress=False)
    assert e.value.errno == errno.ENOSPC
    assert [p.name for p in sorted((out / "articles").iterdir())] == ["part-00000.parquet"]  # no half file
    monkeypatch.setattr(pl.DataFrame, "write_parquet", real)
    s = newsdesk.process(tmp_path / "in", out, tables=["articles"], batch_size=5, progress=False)
    assert s.skipped_batches == 1 and pl.read_parquet(out / "articles").height == 12


def test_an_unwritable_output_folder_gives_a_clear_error_naming_it(tmp_path):
    _corpus(tmp_path / "in", 3)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / "out"
    p = _run([str(tmp_path / "in"), "--out", str(out)])
    assert p.wait(timeout=120) == 1
    err = p.stderr.read().decode()
    assert "newsdesk run: cannot write" in err and str(out) in err, err
    assert "Traceback" not in err
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # root may write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(stream.OutputError, match="cannot write"):
            newsdesk.process(tmp_path / "in", ro / "out", tables=["articles"], progress=False)
