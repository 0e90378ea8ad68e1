//! Score the entity tagger on the test splits (entity-level micro F1 over PER/ORG/LOC, exact
//! spans, GPE folded into LOC) and measure tagging speed.
//!
//! Usage: eval_ner DATA_DIR [--weights FILE] [--split test|dev]
//! Without --weights the weights compiled into the crate are used.

use newsdesk_core::entities::tagger::Model;
use newsdesk_core::entities::train::{evaluate, read_bio};
use newsdesk_core::entities::{extract_with, model};
use std::time::Instant;

const CORPORA: &[&str] = &["uner_pud", "uner_ewt", "gmb", "gum", "wikigold", "wnut17", "btc"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).cloned().unwrap_or_else(|| "../shared/data/ner".into());
    let mut weights: Option<String> = None;
    let mut split = "test".to_string();
    let mut i = 2;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--weights" => weights = Some(args[i + 1].clone()),
            "--split" => split = args[i + 1].clone(),
            a => panic!("unknown flag {a}"),
        }
        i += 2;
    }
    let owned;
    let m: &Model = match &weights {
        Some(p) => {
            owned = Model::from_bytes(&std::fs::read(p).expect("read weights")).expect("weights parse");
            &owned
        }
        None => model(),
    };
    println!("model: {} features", m.n_features());
    let mut all_text = String::new();
    for c in CORPORA {
        let Ok(src) = std::fs::read_to_string(format!("{dir}/{c}/{split}.bio")) else { continue };
        let docs = read_bio(&src);
        let s = evaluate(m, &docs);
        println!("{c:>9} {split}: {}  [{} tokens]", s.summary(), s.tokens);
        for d in &docs {
            for sent in d {
                all_text.push_str(&sent.text);
                all_text.push('\n');
            }
            all_text.push('\n');
        }
    }
    // speed: tag the concatenated test text in documents of ~50 lines, single thread
    let docs: Vec<String> = all_text.split("\n\n").map(str::to_string).collect();
    let n_tokens: usize = docs.iter().map(|d| newsdesk_core::segment::tokens(d).len()).sum();
    let t0 = Instant::now();
    let mut n_mentions = 0;
    for _ in 0..3 {
        for d in &docs {
            n_mentions += extract_with(m, d).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64() / 3.0;
    println!("speed: {:.0} tokens/s on one core ({} tokens, {} mentions per pass)", n_tokens as f64 / secs, n_tokens, n_mentions / 3);
}
