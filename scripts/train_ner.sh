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
# the Portuguese (also read for Spanish), German and French models, from ../shared/data/ner-multilingual,
# each language's dev part kept out of training (parts: see train::select_part)
ml="$(dirname "$data")/ner-multilingual"
t="$CARGO_TARGET_DIR/release/train_ner"
w="$here/crates/newsdesk-core/data/ner"
"$t" "$ml" "$w/weights_pt.bin" --corpora pt_bosque:2,pt_lener_br:0.5 --adapt pt_bosque --dev pt_bosque,pt_lener_br --lang pt --epochs 8 --min-epoch 4
"$t" "$ml" "$w/weights_de.bin" --corpora de_europeana@train,de_germeval/dev@a:2 --adapt de_germeval --dev de_germeval/dev@b --lang de --epochs 8 --min-epoch 4 --dropout 150
"$t" "$ml" "$w/weights_fr.bin" --corpora fr_europeana@train --dev fr_europeana/train@held --lang fr --epochs 8 --min-epoch 4
