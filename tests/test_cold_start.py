"""The first entity/claims call of a fresh process costs little more than the second: the model,
word table and gazetteer are laid out at build time and used in place, not parsed at first use."""

import json
import subprocess
import sys

_SCRIPT = r"""
import json, time
import newsdesk
docs = ['"We will win," President Joe Biden said in Hanoi on Monday. Analysts say the U.S. may pay $5 million.']
out = {}
for name, fn in (("entities", newsdesk.entities), ("claims", newsdesk.claims)):
    t = time.perf_counter(); fn(docs, clean=False); first = time.perf_counter() - t
    t = time.perf_counter(); fn(docs, clean=False); second = time.perf_counter() - t
    out[name] = [first, second]
print(json.dumps(out))
"""


def _timings() -> dict[str, list[float]]:
    r = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_first_entity_call_costs_under_100_ms_more_than_the_second():
    # best of three fresh processes: a busy machine can stall any single run
    runs = [_timings() for _ in range(3)]
    extra = min(r["entities"][0] - r["entities"][1] for r in runs)
    assert extra < 0.100, f"first entities() call cost {extra * 1e3:.0f} ms more than the second ({runs})"
    # claims in the same process: the entity tables are ready, only the claim lexicon is new
    extra_claims = min(r["claims"][0] - r["claims"][1] for r in runs)
    assert extra_claims < 0.100, f"first claims() call cost {extra_claims * 1e3:.0f} ms more ({runs})"
