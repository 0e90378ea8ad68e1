"""Build the multilingual claims dev sets from their annotation sources.

Usage: python scripts/claims_devset.py [--shared ../shared]

Reads tests/data/claims/src/{de,es,fr,pt}.txt (one block per article: a header line
`=== ID [holdout]`, either `source: news-pages:PAGE` or a `text:` block, then `claims:` lines
`kind | content | speaker | speaker_resolved | speaker_type | cue | hedged`), finds the offsets
of each content and speaker in the article text and writes tests/data/claims/{lang}.jsonl (the
claims, in the record format of the shared GUIDELINES.md, plus `lang`, `holdout`) and
tests/data/claims/{lang}_texts.jsonl (article id, text or the news-pages id it comes from).

Content may be abbreviated as `start <...> end` (the shortest span from the first to the
second). The speaker is the whole-word occurrence nearest to the content; `-` is an implicit
speaker. Pages of news-pages are read from the shared folder (their text is the gold paragraphs
joined by a blank line) and are not copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data/claims"
LANGS = ("de", "es", "fr", "pt")
KINDS = {"direct", "indirect", "according_to"}
TYPES = {"PERSON", "ORG", "GPE", "ANONYMOUS", "DOCUMENT"}


def page_text(shared: Path, page: str) -> str:
    for line in (shared / "data/news-pages/gold.jsonl").read_text().splitlines():
        r = json.loads(line)
        if r["id"] == page:
            return "\n\n".join(p["text"] for p in r["paragraphs"])
    raise KeyError(page)


def parse(path: Path):
    blocks, cur, mode = [], None, None
    for raw in path.read_text().splitlines():
        if raw.startswith("=== "):
            head = raw[4:].split()
            cur = {"id": head[0], "holdout": "holdout" in head[1:], "text": [], "claims": [], "source": None}
            blocks.append(cur)
            mode = None
        elif cur is None or raw.startswith("#"):
            continue
        elif raw.startswith("source: "):
            cur["source"] = raw[len("source: ") :].strip()
        elif raw.strip() == "text:":
            mode = "text"
        elif raw.strip() == "claims:":
            mode = "claims"
        elif mode == "text":
            cur["text"].append(raw)
        elif mode == "claims" and raw.strip():
            cur["claims"].append(raw)
    return blocks


def find_content(text: str, spec: str, after: int) -> tuple[int, int]:
    if " <...> " in spec:
        a, b = spec.split(" <...> ")
    else:
        a, b = spec, None
    for lo in (after, 0):
        s = text.find(a, lo)
        if s >= 0:
            break
    if s < 0:
        raise ValueError(f"content not found: {a!r}")
    if b is None:
        return s, s + len(a)
    e = text.find(b, s + len(a))
    if e < 0:
        raise ValueError(f"content end not found: {b!r}")
    return s, e + len(b)


def find_speaker(text: str, spk: str, cs: int, ce: int) -> tuple[int, int]:
    """Nearest whole-word occurrence; `NAME@-` takes the nearest before the content, `NAME@+` after."""
    side = None
    if spk.endswith(("@-", "@+")):
        spk, side = spk[:-2], spk[-1]
    best = None
    for m in re.finditer(r"(?<!\w)" + re.escape(spk) + r"(?!\w)", text):
        if (side == "-" and m.end() > cs) or (side == "+" and m.start() < ce):
            continue
        d = 0 if cs <= m.start() < ce else min(abs(m.start() - ce), abs(cs - m.end()))
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    if best is None:
        raise ValueError(f"speaker not found: {spk!r}")
    return best[1], best[2]


def build(lang: str, shared: Path):
    claims, texts = [], []
    for b in parse(DATA / "src" / f"{lang}.txt"):
        if b["source"]:
            page = b["source"].removeprefix("news-pages:")
            text = page_text(shared, page)
            texts.append({"article_id": b["id"], "lang": lang, "holdout": b["holdout"], "source": b["source"]})
        else:
            text = "\n".join(b["text"]).strip("\n")
            texts.append({"article_id": b["id"], "lang": lang, "holdout": b["holdout"], "text": text})
        after = 0
        for line in b["claims"]:
            f = [x.strip() for x in line.split(" | ")]
            if len(f) != 7:
                raise ValueError(f"{b['id']}: 7 fields expected: {line!r}")
            kind, content, spk, res, typ, cue, hedged = f
            assert kind in KINDS and typ in TYPES and hedged in ("0", "1"), line
            cs, ce = find_content(text, content, after)
            after = cs
            if spk == "-":
                ss = se = None
                spk_v = cue_v = None
            else:
                ss, se = find_speaker(text, spk, cs, ce)
                spk_v, cue_v = text[ss:se], cue
            claims.append(
                {
                    "article_id": b["id"],
                    "kind": kind,
                    "content_start": cs,
                    "content_end": ce,
                    "content": text[cs:ce],
                    "speaker": spk_v,
                    "speaker_start": ss,
                    "speaker_end": se,
                    "speaker_resolved": res,
                    "speaker_type": typ,
                    "cue": cue_v,
                    "hedged": hedged == "1",
                    "lang": lang,
                    "holdout": b["holdout"],
                }
            )
    with open(DATA / f"{lang}.jsonl", "w") as f:
        for c in claims:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(DATA / f"{lang}_texts.jsonl", "w") as f:
        for t in texts:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    n_hold = sum(c["holdout"] for c in claims)
    print(f"{lang}: {len(texts)} articles, {len(claims)} claims ({n_hold} in held-aside articles)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    for lang in LANGS:
        if (DATA / "src" / f"{lang}.txt").exists():
            build(lang, args.shared)


if __name__ == "__main__":
    main()
