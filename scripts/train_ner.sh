#!/usr/bin/env bash
# Regenerate the shipped entity-tagger weights (crates/newsdesk-core/data/ner/weights.bin) from the
# train splits of the open corpora in shared/data/ner (see NOTICE for their licences), then score
# the result on every test split. Deterministic: fixed seed, fixed order, no threads in training.
# Usage: scripts/train_ner.sh [DATA_DIR]   (default: ../shared/data/ner next to the repo)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$here/../shared/data/ner}"
[ -d "$data" ] || data=/work/shared/data/ner
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"
cargo build --release -p newsdesk-core --bin train_ner --bin eval_ner
"$CARGO_TARGET_DIR/release/train_ner" "$data" "$here/crates/newsdesk-core/data/ner/weights.bin"
# rebuild so the new weights are compiled in, then report the test scores
cargo build --release -p newsdesk-core --bin eval_ner
"$CARGO_TARGET_DIR/release/eval_ner" "$data"
