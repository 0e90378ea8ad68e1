//! Stable-toolchain fuzzing: random documents (`fuzz/src/gen.rs`: fragments, markup, encodings,
//! raw bytes, mutations of the saved corpus) through every target's check (`fuzz/src/checks.rs`)
//! on all cores, for a number of documents or seconds. A failing input is written to
//! `fuzz/regressions/<target>/` (replayed by `cargo test` from then on) and reported.
//!
//! `cargo run --release -p newsdesk-core --example fuzz_stable -- [DOCS] [SECONDS] [MAX_LEN] [TARGET,...] [SEED]`

#[path = "../../../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../../fuzz/src/gen.rs"]
#[allow(dead_code)]
mod gen;

use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let docs: u64 = a.first().and_then(|x| x.parse().ok()).unwrap_or(100_000);
    let secs: f64 = a.get(1).and_then(|x| x.parse().ok()).unwrap_or(60.0);
    let max_len: usize = a.get(2).and_then(|x| x.parse().ok()).unwrap_or(4000);
    let want = a.get(3).cloned().unwrap_or_else(|| "all".into());
    let seed0: u64 = a.get(4).and_then(|x| x.parse().ok()).unwrap_or(1);
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let corpus: Vec<Vec<u8>> = checks::TARGETS
        .iter()
        .flat_map(|(n, _)| std::fs::read_dir(fuzz.join("corpus").join(n)).into_iter().flatten())
        .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
        .collect();
    std::panic::set_hook(Box::new(|_| {}));
    let t0 = Instant::now();
    for (ti, (name, check)) in checks::TARGETS.iter().enumerate() {
        if want != "all" && !want.split(',').any(|w| w == *name) {
            continue;
        }
        let done = AtomicU64::new(0);
        let bytes = AtomicU64::new(0);
        let stop = AtomicBool::new(false);
        let start = Instant::now();
        let failures: Vec<(u64, Vec<u8>, String)> = (0..docs as usize)
            .into_par_iter()
            .with_min_len(64)
            .filter_map(|i| {
                if stop.load(Ordering::Relaxed) || start.elapsed().as_secs_f64() > secs {
                    stop.store(true, Ordering::Relaxed);
                    return None;
                }
                let seed = seed0 << 48 ^ (ti as u64) << 40 ^ i as u64;
                let mut rng = gen::Rng::new(seed);
                let doc = gen::document(&mut rng, max_len, &corpus);
                bytes.fetch_add(doc.len() as u64, Ordering::Relaxed);
                done.fetch_add(1, Ordering::Relaxed);
                std::panic::catch_unwind(|| check(&doc)).err().map(|e| {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    (seed, doc, msg)
                })
            })
            .collect();
        println!(
            "{name:<10} {:>9} documents {:>8.1} MB {:>7.1} s  {} failures",
            done.load(Ordering::Relaxed),
            bytes.load(Ordering::Relaxed) as f64 / 1e6,
            start.elapsed().as_secs_f64(),
            failures.len()
        );
        for (seed, doc, msg) in failures.iter().take(3) {
            let dir = fuzz.join("regressions").join(name);
            std::fs::create_dir_all(&dir).ok();
            let path = dir.join(format!("seed-{seed}"));
            std::fs::write(&path, doc).ok();
            println!("  FAIL seed {seed} -> {}: {msg}", path.display());
        }
    }
    println!("total {:.1} s", t0.elapsed().as_secs_f64());
}
