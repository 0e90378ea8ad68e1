//! Score the entity tagger on the test splits (entity-level micro F1 over PER/ORG/LOC, exact
//! spans, GPE folded into LOC) and measure tagging speed.
//!
//! Usage: eval_ner DATA_DIR [--weights FILE] [--split test|dev] [--lang en|pt|es|fr|de]
//!                 [--corpora SPEC,...]
//! Without --weights the weights compiled into the crate for `--lang` are used. `--corpora`
//! names the splits as `train_ner` does (`corpus[/file][@part]`, file defaulting to `--split`);
//! default: the English corpora. With NER_DEBUG=1 in the
//! environment every missed and every false entity is printed to stderr.

use newsdesk_core::entities::tagger::Model;
use newsdesk_core::entities::train::{evaluate_lang, load_split, Score};
use newsdesk_core::entities::{extract_in_sentences_lang, model_for, Lang};
use std::time::Instant;

const CORPORA: &[&str] = &["uner_pud", "uner_ewt", "gmb", "gum", "wikigold", "wnut17", "btc"];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).cloned().unwrap_or_else(|| "../shared/data/ner".into());
    let mut weights: Option<String> = None;
    let mut split = "test".to_string();
    let mut lang = Lang::En;
    let mut corpora: Vec<String> = CORPORA.iter().map(|c| c.to_string()).collect();
    let mut i = 2;
    while i + 1 < args.len() {
        match args[i].as_str() {
            "--weights" => weights = Some(args[i + 1].clone()),
            "--split" => split = args[i + 1].clone(),
            "--lang" => lang = Lang::from_code(&args[i + 1]),
            "--corpora" => corpora = args[i + 1].split(',').map(str::to_string).collect(),
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
        None => model_for(lang),
    };
    println!("model: {} features", m.n_features());
    let mut all_text = String::new();
    let mut pooled = Score::default();
    for c in &corpora {
        let docs = load_split(&dir, c, &split);
        if docs.is_empty() {
            continue;
        }
        let s = evaluate_lang(m, lang, &docs);
        println!("{c:>9} {split}: {}  [{} tokens]", s.summary(), s.tokens);
        if c != "uner_pud" {
            for t in 0..3 {
                pooled.tp[t] += s.tp[t];
                pooled.pred[t] += s.pred[t];
                pooled.gold[t] += s.gold[t];
            }
            pooled.tokens += s.tokens;
        }
        for d in &docs {
            for sent in d {
                all_text.push_str(&sent.text);
                all_text.push('\n');
            }
            all_text.push('\n');
        }
    }
    println!(
        "{:>9} {split}: {}  [{} tokens; all splits above but uner_pud, pooled]",
        "pooled",
        pooled.summary(),
        pooled.tokens
    );
    // speed: tag the concatenated test text in documents of ~50 lines, single thread
    let docs: Vec<String> = all_text.split("\n\n").map(str::to_string).collect();
    let n_tokens: usize = docs.iter().map(|d| newsdesk_core::segment::tokens(d).len()).sum();
    let tag = |d: &str| extract_in_sentences_lang(m, lang, d, &newsdesk_core::segment::sentences(d));
    let _ = tag("warm up the gazetteer automaton and the model");
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut n_mentions = 0;
    let mut passes = 0;
    while passes < 3 || t0.elapsed().as_secs_f64() < 3.0 {
        for d in &docs {
            n_mentions += tag(d).len();
        }
        passes += 1;
    }
    let wall = t0.elapsed().as_secs_f64() / passes as f64;
    let cpu = (cpu_seconds() - c0) / passes as f64;
    println!(
        "speed: {:.0} tokens/s per core by CPU time ({:.0} by wall clock on a shared machine; {} tokens, {} mentions per pass, {} passes)",
        n_tokens as f64 / cpu,
        n_tokens as f64 / wall,
        n_tokens,
        n_mentions / passes,
        passes
    );
}

/// CPU time (user + system) of this thread, from /proc (Linux); wall-clock time elsewhere.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
    };
    // fields after the ")" of the command name: state is field 3; utime, stime are 14, 15
    let rest = stat.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}
