//! Linear time on every input shape: each stage of the core is timed on a document of size n and
//! of size 4n, for every shape in `common/shapes.rs` (repeated news paragraphs, one huge
//! paragraph, quote-heavy text, quote marks only, unbalanced quotes, many tiny paragraphs, names
//! only, emoji, HTML entities, a huge table, deep nesting, unclosed tags, ...), and the ratio of
//! the two times must stay below 6 (linear work gives about 4, quadratic about 16). Ratios, not
//! absolute times, so the tests hold on a busy machine; each time is the thread's CPU time (not
//! stretched when other processes take the core), the fastest of a few runs;
//! a pair over the bound is measured again before it fails, and the tests take turns (one lock)
//! so they do not time each other.
//!
//! `cargo run --release -p newsdesk-core --example scaling` prints the whole table.

mod common;

use common::{shapes, stages};
use std::sync::Mutex;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const MAX_RATIO: f64 = 6.0;

fn assert_linear(stage_name: &str, n: usize) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let stage = stages::STAGES.iter().find(|s| s.name == stage_name).expect("stage");
    let mut failures = Vec::new();
    for shape in shapes::SHAPES {
        if stage.html_only && !shape.html {
            continue;
        }
        let mut worst = (0.0, 0.0, 0, f64::INFINITY);
        for _attempt in 0..3 {
            let (t1, t4, bytes) = stages::ratio(stage, shape, n, 3);
            // below a millisecond at 4n the timer and the caches decide, not the algorithm
            let r = if t4 < 1e-3 { 1.0 } else { t4 / t1.max(1e-6) };
            if r < worst.3 {
                worst = (t1, t4, bytes, r);
            }
            if r < MAX_RATIO {
                break;
            }
        }
        let (t1, t4, bytes, r) = worst;
        eprintln!(
            "{stage_name:<16} {:<22} {bytes:>9} B  {:>8.2} ms  {:>8.2} ms  ratio {r:.2}",
            shape.name,
            t1 * 1e3,
            t4 * 1e3
        );
        if r >= MAX_RATIO {
            failures.push(format!(
                "{}: {:.2} ms at n, {:.2} ms at 4n ({bytes} bytes): ratio {r:.2}",
                shape.name,
                t1 * 1e3,
                t4 * 1e3
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{stage_name} is not linear:\n{}",
        failures.join("\n")
    );
}

#[test]
fn decode_time_is_linear_on_every_shape() {
    assert_linear("decode", 1600);
}

#[test]
fn html_extraction_time_is_linear_on_every_shape() {
    assert_linear("html", 100);
}

#[test]
fn articles_time_is_linear_on_every_shape() {
    assert_linear("articles", 200);
}

#[test]
fn clean_time_is_linear_on_every_shape() {
    assert_linear("clean", 400);
}

#[test]
fn segment_time_is_linear_on_every_shape() {
    assert_linear("segment", 400);
}

#[test]
fn dates_time_is_linear_on_every_shape() {
    assert_linear("dates", 400);
}

#[test]
fn entities_time_is_linear_on_every_shape() {
    assert_linear("entities", 100);
}

#[test]
fn german_and_french_entities_time_is_linear_on_every_shape() {
    assert_linear("entities de+fr", 100);
}

#[test]
fn claims_time_is_linear_on_every_shape() {
    assert_linear("claims", 400);
}

#[test]
fn claims_with_entities_time_is_linear_on_every_shape() {
    assert_linear("claims+entities", 100);
}

#[test]
fn duplicate_signature_time_is_linear_on_every_shape() {
    assert_linear("dedup", 800);
}
