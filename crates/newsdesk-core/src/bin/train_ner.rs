//! Train the entity tagger on the train splits of the open corpora and write the weights that
//! ship in the crate (`data/ner/weights.bin`). Deterministic: same data + same flags = same bytes.
//!
//! Usage: train_ner DATA_DIR OUT_FILE [--epochs N] [--seed S] [--min-count C]
//!                  [--corpora gmb:0.5,gum,...] [--upper PER_MILLE] [--lower PER_MILLE] [--prune Q]
//!                  [--dropout PER_MILLE] [--select macro|pooled] [--min-epoch N]
//!                  [--adapt mean|shared|off|CORPUS] [--dev SPEC,...] [--lang en|pt|es|fr|de]
//! A corpus is named `corpus[/file][@part][:weight]`: `dir/corpus/file.bio` (file: `train`, or
//! `dev` for `--dev`), `@part` a share of its sentences by blocks of 20 (`a`/`b` even/odd
//! blocks, `held` every tenth block, `train` the rest; see `train::select_part`), so a corpus
//! with no dev split gives a held-out part (`fr_europeana@train` to train, `fr_europeana@held`
//! to tune). `--dev` defaults to the dev splits of the English corpora; `--lang` is the language
//! names are read in when the dev splits are scored.
//! After every epoch the averaged model is scored on the dev splits (tuning only; the test
//! splits are for the report, see `eval_ner`); the epoch from `--min-epoch` (6) on with the best
//! macro-averaged dev F1 (every corpus counts the same, so the large GMB dev split does not
//! decide alone) is written (early stopping; `--epochs` is the maximum). `--adapt` chooses the
//! domain adaptation (see `TrainConfig::adapt`): every corpus is a domain, and the shipped
//! weights are the shared ones plus each corpus's own, weighted by its share (`mean`, default).

use newsdesk_core::entities::tagger::Model;
use newsdesk_core::entities::train::{evaluate_lang, load_split, train, Adapt, Doc, Score, TrainConfig};
use newsdesk_core::entities::Lang;
use std::time::Instant;

const CORPORA: &[&str] = &["gmb", "gum", "uner_ewt", "wikigold", "wnut17", "btc"];
/// The training mix (`corpus:weight`). GMB is silver (largely automatic) annotation whose
/// conventions differ from the gold corpora, so it is read at half weight; UNER English-EWT is
/// gold and written to the Universal NER guidelines, so it is read twice.
const TRAIN_MIX: &str = "gmb:0.5,gum,uner_ewt:2,wikigold,wnut17,btc";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: train_ner DATA_DIR OUT_FILE [--epochs N] [--seed S] [--min-count C] [--corpora a,b] [--upper N] [--lower N]");
        std::process::exit(2);
    }
    let dir = &args[1];
    let out = &args[2];
    let mut cfg = TrainConfig::default();
    let mut corpora: Vec<String> = TRAIN_MIX.split(',').map(str::to_string).collect();
    let mut select_macro = true;
    // epochs before this are not kept even if their dev score is best: the averaged perceptron
    // is still settling, and with domain adaptation the dev splits (each scored without its own
    // corpus's habits) are flat enough that a lucky early epoch could win on noise
    let mut min_epoch = 6;
    let mut dev_specs: Vec<String> = CORPORA.iter().map(|c| c.to_string()).collect();
    let mut lang = Lang::En;
    let mut adapt_to: Option<String> = None;
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
            "--dropout" => cfg.dropout_per_mille = v.parse().expect("--dropout PER_MILLE"),
            "--select" => select_macro = v == "macro",
            "--min-epoch" => min_epoch = v.parse().expect("--min-epoch N"),
            "--corpora" => corpora = v.split(',').map(str::to_string).collect(),
            "--dev" => dev_specs = v.split(',').map(str::to_string).collect(),
            "--lang" => lang = Lang::from_code(v),
            "--adapt" => {
                cfg.adapt = match v.as_str() {
                    "off" => None,
                    "shared" => Some(Adapt::Shared),
                    "mean" => Some(Adapt::Mean),
                    c => {
                        adapt_to = Some(c.to_string());
                        None
                    }
                }
            }
            a => panic!("unknown flag {a}"),
        }
        i += 2;
    }
    // a corpus's domain: its place among the English corpora (so the shipped English weights
    // regenerate bit for bit), else after them in order of first mention
    let mut names: Vec<String> = CORPORA.iter().map(|c| c.to_string()).collect();
    let mut domain_of = |c: &str| -> u8 {
        let base = c.split(['/', '@']).next().unwrap_or(c);
        match names.iter().position(|x| x == base) {
            Some(p) => p as u8,
            None => {
                names.push(base.to_string());
                (names.len() - 1) as u8
            }
        }
    };
    // "name:weight": weight 2 reads a corpus twice, 0.5 keeps every other document
    let mut docs = Vec::new();
    let mut domains = Vec::new();
    for spec in &corpora {
        let (c, w) = spec.split_once(':').unwrap_or((spec, "1"));
        let w: f64 = w.parse().expect("corpus weight is a number");
        let d = load_split(dir, c, "train");
        let n = d.len();
        let dom = domain_of(c);
        let mut kept = 0;
        for k in 0..((w * n as f64).round() as usize) {
            // documents spread evenly over the corpus, wrapping around for weights above 1
            docs.push(d[(k as f64 / w) as usize % n.max(1)].clone());
            domains.push(dom);
            kept += 1;
        }
        eprintln!("{c}: {n} train docs, weight {w}: {kept} used");
    }
    if let Some(c) = &adapt_to {
        // ship the shared weights plus one training corpus's copies
        let d = names
            .iter()
            .position(|x| x == c)
            .expect("--adapt off|shared|mean|CORPUS (a training corpus)");
        cfg.adapt = Some(Adapt::Target(d as u8));
    }
    let dev: Vec<(String, Vec<Doc>)> = dev_specs
        .iter()
        .map(|c| (c.to_string(), load_split(dir, c, "dev")))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    eprintln!("config: {cfg:?}");
    let t0 = Instant::now();
    // macro F1 over the dev splits, the pooled micro F1 printed alongside
    let dev_score = |m: &Model, line: &mut String| -> f64 {
        let mut pooled = Score::default();
        let mut macro_f = 0.0;
        for (name, d) in &dev {
            let s = evaluate_lang(m, lang, d);
            macro_f += s.micro().2 / dev.len() as f64;
            *line += &format!(" {name} {:.1}", s.micro().2 * 100.0);
            for t in 0..3 {
                pooled.tp[t] += s.tp[t];
                pooled.pred[t] += s.pred[t];
                pooled.gold[t] += s.gold[t];
            }
        }
        *line += &format!(
            " | pooled dev {:.2} macro dev {:.2}",
            pooled.micro().2 * 100.0,
            macro_f * 100.0
        );
        if select_macro {
            macro_f
        } else {
            pooled.micro().2
        }
    };
    // early stopping: keep the epoch with the best dev F1 (ties go to the earlier epoch), so the
    // shipped model is chosen on dev data only
    let mut best: (f64, usize, Vec<u8>) = (-1.0, 0, Vec::new());
    cfg.lang = lang;
    train(&docs, &domains, &cfg, |epoch, w| {
        let m = Model::from_bytes(w).expect("fresh weights parse");
        if let Some(dir) = std::env::var_os("NER_SAVE_EPOCHS") {
            // every epoch's weights, for looking at learning curves by hand
            let _ = std::fs::write(std::path::Path::new(&dir).join(format!("epoch{epoch}.bin")), w);
        }
        let mut line = format!(
            "epoch {epoch} ({:.0}s, {} features, {:.1} MB):",
            t0.elapsed().as_secs_f64(),
            m.n_features(),
            w.len() as f64 / 1e6
        );
        let f = dev_score(&m, &mut line);
        eprintln!("{line}");
        if f > best.0 && (epoch >= min_epoch.min(cfg.epochs)) {
            best = (f, epoch, w.to_vec());
        }
    });
    eprintln!("kept epoch {} (dev F1 {:.2})", best.1, best.0 * 100.0);
    let weights = best.2;
    std::fs::write(out, &weights).expect("write weights");
    eprintln!("wrote {out} ({} bytes)", weights.len());
}
