//! Train the entity tagger on the train splits of the open corpora and write the weights that
//! ship in the crate (`data/ner/weights.bin`). Deterministic: same data + same flags = same bytes.
//!
//! Usage: train_ner DATA_DIR OUT_FILE [--epochs N] [--seed S] [--min-count C]
//!                  [--corpora gmb,gum,...] [--upper PER_MILLE] [--lower PER_MILLE] [--prune Q]
//! After every epoch the averaged model is scored on the dev splits (tuning only; the test
//! splits are for the report, see `eval_ner`); the epoch with the best pooled dev F1 is written
//! (early stopping; `--epochs` is the maximum).

use newsdesk_core::entities::tagger::Model;
use newsdesk_core::entities::train::{evaluate, read_bio, train, Doc, Score, TrainConfig};
use std::time::Instant;

const CORPORA: &[&str] = &["gmb", "gum", "uner_ewt", "wikigold", "wnut17", "btc"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: train_ner DATA_DIR OUT_FILE [--epochs N] [--seed S] [--min-count C] [--corpora a,b] [--upper N] [--lower N]");
        std::process::exit(2);
    }
    let dir = &args[1];
    let out = &args[2];
    let mut cfg = TrainConfig::default();
    let mut corpora: Vec<String> = CORPORA.iter().map(|s| s.to_string()).collect();
    let mut i = 3;
    while i + 1 < args.len() {
        let v = &args[i + 1];
        match args[i].as_str() {
            "--epochs" => cfg.epochs = v.parse().expect("--epochs N"),
            "--seed" => cfg.seed = v.parse().expect("--seed S"),
            "--min-count" => cfg.min_count = v.parse().expect("--min-count C"),
            "--upper" => cfg.upper_per_mille = v.parse().expect("--upper N"),
            "--lower" => cfg.lower_per_mille = v.parse().expect("--lower N"),
            "--prune" => cfg.prune = v.parse().expect("--prune N"),
            "--corpora" => corpora = v.split(',').map(str::to_string).collect(),
            a => panic!("unknown flag {a}"),
        }
        i += 2;
    }
    let load = |c: &str, split: &str| -> Vec<Doc> {
        let p = format!("{dir}/{c}/{split}.bio");
        std::fs::read_to_string(&p).map(|s| read_bio(&s)).unwrap_or_default()
    };
    let mut docs = Vec::new();
    for c in &corpora {
        let d = load(c, "train");
        eprintln!("{c}: {} train docs", d.len());
        docs.extend(d);
    }
    let dev: Vec<(String, Vec<Doc>)> = CORPORA
        .iter()
        .map(|c| (c.to_string(), load(c, "dev")))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    eprintln!("config: {cfg:?}");
    let t0 = Instant::now();
    // early stopping: keep the epoch with the best micro F1 over all dev splits pooled
    // (ties go to the earlier epoch), so the shipped model is chosen on dev data only
    let mut best: (f64, usize, Vec<u8>) = (-1.0, 0, Vec::new());
    train(&docs, &cfg, |epoch, w| {
        let m = Model::from_bytes(w).expect("fresh weights parse");
        let mut line = format!(
            "epoch {epoch} ({:.0}s, {} features, {:.1} MB):",
            t0.elapsed().as_secs_f64(),
            m.n_features(),
            w.len() as f64 / 1e6
        );
        let mut pooled = Score::default();
        for (name, d) in &dev {
            let s = evaluate(&m, d);
            line += &format!(" {name} {:.1}", s.micro().2 * 100.0);
            for t in 0..3 {
                pooled.tp[t] += s.tp[t];
                pooled.pred[t] += s.pred[t];
                pooled.gold[t] += s.gold[t];
            }
        }
        let f = pooled.micro().2;
        line += &format!(" | pooled dev {:.2}", f * 100.0);
        eprintln!("{line}");
        if f > best.0 {
            best = (f, epoch, w.to_vec());
        }
    });
    let weights = best.2;
    eprintln!("kept epoch {} (pooled dev F1 {:.2})", best.1, best.0 * 100.0);
    std::fs::write(out, &weights).expect("write weights");
    eprintln!("wrote {out} ({} bytes)", weights.len());
}
