//! The fuzz targets' checks under `cargo test` (stable toolchain): every saved corpus input and
//! every input that once broke a check (`fuzz/corpus/<target>/`, `fuzz/regressions/<target>/`)
//! goes through its target's check again, and a short smoke runs freshly generated random
//! documents through every check. The checks themselves are `fuzz/src/checks.rs`.

#[path = "../../../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;
#[path = "../../../fuzz/src/gen.rs"]
#[allow(dead_code)]
mod gen;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn run(name: &str, check: fn(&[u8]), data: &[u8], origin: &str) {
    if let Err(e) = std::panic::catch_unwind(|| check(data)) {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        panic!("fuzz target {name} fails on {origin}: {msg}");
    }
}

#[test]
fn saved_corpus_and_past_crashes_keep_every_invariant() {
    let mut count = 0;
    for (name, check) in checks::TARGETS {
        for sub in ["corpus", "regressions"] {
            for f in files(&fuzz_dir().join(sub).join(name)) {
                let data = std::fs::read(&f).expect("read corpus file");
                run(name, *check, &data, &f.display().to_string());
                count += 1;
            }
        }
    }
    assert!(
        count >= checks::TARGETS.len(),
        "the saved corpus is missing ({count} files)"
    );
}

#[test]
fn generated_documents_keep_every_invariant() {
    // a smoke of a few seconds; `cargo run --release -p newsdesk-core --example fuzz_stable`
    // runs the same generator for as long as asked
    let corpus: Vec<Vec<u8>> = checks::TARGETS
        .iter()
        .flat_map(|(name, _)| files(&fuzz_dir().join("corpus").join(name)))
        .filter_map(|f| std::fs::read(f).ok())
        .collect();
    let per_target: u64 = std::env::var("NEWSDESK_FUZZ_SMOKE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    for (ti, (name, check)) in checks::TARGETS.iter().enumerate() {
        for i in 0..per_target {
            let seed = (ti as u64) << 32 | i;
            let mut rng = gen::Rng::new(seed);
            let doc = gen::document(&mut rng, 2000, &corpus);
            run(name, *check, &doc, &format!("generated document, seed {seed}"));
        }
    }
}
