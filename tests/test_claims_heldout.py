"""Claims on held-out text: the English sample articles, annotated independently of the rules.

The claims rules were developed on ../shared/data/claims; the sample corpus shipped in the
package was annotated by someone else (manifest.json, `claims_required`), so it measures how the
rules carry over. Floors sit a little below the figures measured when this test was written
(content recall 0.94, content + speaker recall 0.80 on 35 English claims).
"""

from __future__ import annotations

import json
from pathlib import Path

import newsdesk

SAMPLES = Path(newsdesk.__file__).parent / "samples"


def _score(language: str) -> tuple[int, int, int]:
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    docs = manifest["documents"] if isinstance(manifest, dict) else manifest
    total = content = speaker = 0
    for d in docs:
        if d.get("language") != language or not d.get("claims_required"):
            continue
        rows = newsdesk.claims(newsdesk.articles([(SAMPLES / d["file"]).read_bytes()])).to_dicts()
        for want in d["claims_required"]:
            total += 1
            prefix = want["content"][:25]
            hits = [r for r in rows if r["content"] and prefix in r["content"]]
            if not hits:
                continue
            content += 1
            spk = want.get("speaker") or ""
            if any(spk and a and (spk in a or a in spk) for h in hits for a in (h["speaker"], h["speaker_resolved"])):
                speaker += 1
    return total, content, speaker


def test_english_sample_claims_are_found_with_their_speakers():
    total, content, speaker = _score("en")
    assert total >= 30
    assert content / total >= 0.85, (content, total)
    assert speaker / total >= 0.70, (speaker, total)
