//! The stages of the core as functions of one input, for the scaling tests and report. Text
//! stages given an HTML shape read the article text the pipeline extracts from it (what the
//! Python API does with `clean=True`); `html` and `articles` read the page itself.

use newsdesk_core::article::{Content, Document};
use newsdesk_core::{claims, clean, dates, decode, dedup, entities, html, pipeline, segment};
use std::hint::black_box;

pub struct Stage {
    pub name: &'static str,
    /// runs on HTML shapes only
    pub html_only: bool,
    pub run: fn(&str),
}

fn decode_stage(s: &str) {
    black_box(decode::decode(s.as_bytes(), None));
}
fn html_stage(s: &str) {
    black_box(html::extract(s, None));
}
fn articles_stage(s: &str) {
    let doc = Document {
        content: Some(Content::Text(s.to_string())),
        ..Document::default()
    };
    black_box(pipeline::process(&doc, &pipeline::Options::default()));
}
fn clean_stage(s: &str) {
    black_box(clean::clean(s, clean::Hints::default()));
}
fn segment_stage(s: &str) {
    black_box(segment::tokens(s));
    black_box(segment::sentences(s));
}
fn dates_stage(s: &str) {
    black_box(dates::find_dates(s));
    black_box(dates::OrderEvidence::from_text(s));
}
fn entities_stage(s: &str) {
    black_box(entities::extract(s));
}
/// The German and French readings: institution and organisation finders, elisions, countries.
fn entities_de_fr_stage(s: &str) {
    black_box(entities::extract_lang(s, Some("de")));
    black_box(entities::extract_lang(s, Some("fr")));
}
fn claims_stage(s: &str) {
    black_box(claims::extract(s, &[]));
}
fn claims_entities_stage(s: &str) {
    let m = entities::extract(s);
    black_box(claims::extract_with_mentions(s, &m));
}
fn dedup_stage(s: &str) {
    black_box(dedup::MinHasher::default().signature(s));
}

pub const STAGES: &[Stage] = &[
    Stage {
        name: "decode",
        html_only: false,
        run: decode_stage,
    },
    Stage {
        name: "html",
        html_only: true,
        run: html_stage,
    },
    Stage {
        name: "articles",
        html_only: false,
        run: articles_stage,
    },
    Stage {
        name: "clean",
        html_only: false,
        run: clean_stage,
    },
    Stage {
        name: "segment",
        html_only: false,
        run: segment_stage,
    },
    Stage {
        name: "dates",
        html_only: false,
        run: dates_stage,
    },
    Stage {
        name: "entities",
        html_only: false,
        run: entities_stage,
    },
    Stage {
        name: "entities de+fr",
        html_only: false,
        run: entities_de_fr_stage,
    },
    Stage {
        name: "claims",
        html_only: false,
        run: claims_stage,
    },
    Stage {
        name: "claims+entities",
        html_only: false,
        run: claims_entities_stage,
    },
    Stage {
        name: "dedup",
        html_only: false,
        run: dedup_stage,
    },
];

/// What a stage reads for a shape: the page for `html`/`articles`/`decode`, else the article
/// text of an HTML page.
pub fn input_for(stage: &Stage, is_html: bool, raw: String) -> String {
    if !is_html || matches!(stage.name, "html" | "articles" | "decode") {
        return raw;
    }
    let doc = Document {
        content: Some(Content::Text(raw)),
        ..Document::default()
    };
    pipeline::process(&doc, &pipeline::Options::default()).text
}

/// CPU seconds the calling thread has run: unlike wall time, not stretched when other processes
/// take the core (the machine the tests run on is shared).
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the valid pointer it is given
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Thread CPU seconds one call of `f` takes: the fastest of `reps` runs.
pub fn time(f: fn(&str), s: &str, reps: usize) -> f64 {
    (0..reps)
        .map(|_| {
            let t = thread_cpu_seconds();
            f(s);
            thread_cpu_seconds() - t
        })
        .fold(f64::INFINITY, f64::min)
}

/// (time at n, time at 4n) for one stage on one shape; inputs are made once each.
pub fn ratio(stage: &Stage, shape: &super::shapes::Shape, n: usize, reps: usize) -> (f64, f64, usize) {
    let small = input_for(stage, shape.html, (shape.make)(n));
    let big = input_for(stage, shape.html, (shape.make)(4 * n));
    (stage.run)(&small); // warm-up: lazy tables, the entity model
    let mut t1 = f64::INFINITY;
    let mut t4 = f64::INFINITY;
    // interleaved, so load from other processes hits both sizes alike
    for _ in 0..reps {
        t1 = t1.min(time(stage.run, &small, 1));
        t4 = t4.min(time(stage.run, &big, 1));
    }
    (t1, t4, big.len())
}
