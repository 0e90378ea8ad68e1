//! The invariants every fuzz target checks, one function per stage of the core, each taking the
//! raw fuzz input. Shared by the libFuzzer targets (`fuzz/fuzz_targets/`), the stable-toolchain
//! random harness (`crates/newsdesk-core/examples/fuzz_stable.rs`) and the corpus replay under
//! `cargo test` (`crates/newsdesk-core/tests/fuzz_corpus.rs`). A violated invariant panics.

use newsdesk_core::article::{Content, Document};
use newsdesk_core::{claims, clean, dates, decode, dedup, entities, html, pipeline, segment, table};
use std::ops::Range;

/// Every check by name, in the order of `fuzz/fuzz_targets/`.
/// A check: panics when an invariant does not hold for the input.
pub type Check = fn(&[u8]);

pub const TARGETS: &[(&str, Check)] = &[
    ("decode", check_decode),
    ("html", check_html),
    ("clean", check_clean),
    ("dates", check_dates),
    ("segment", check_segment),
    ("entities", check_entities),
    ("claims", check_claims),
    ("dedup", check_dedup),
    ("pipeline", check_pipeline),
];

/// The input as text: UTF-8 with invalid bytes replaced (what a caller's `str` can hold).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn assert_span(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

fn assert_ordered_disjoint(text: &str, spans: &[Range<usize>], what: &str) {
    let mut last = 0;
    for r in spans {
        assert_span(text, r, what);
        assert!(!r.is_empty(), "{what} {r:?} is empty");
        assert!(
            r.start >= last,
            "{what} {r:?} overlaps or precedes the one before (ends at {last})"
        );
        last = r.end;
    }
}

pub fn check_decode(data: &[u8]) {
    let d = decode::decode(data, None);
    let _ = decode::looks_binary(&d.text);
    // declared charsets, good and bad, never panic either
    for cs in ["utf-8", "windows-1252", "utf-16le", "shift_jis", "no-such-charset"] {
        let _ = decode::decode(data, Some(cs));
    }
    // plain ASCII (no NUL, no markup that could declare a charset) decodes to itself
    if data.iter().all(|&b| (0x20..0x7f).contains(&b) || b == b'\n') && !data.contains(&b'<') {
        assert_eq!(d.text.as_bytes(), data, "ASCII input changed by decoding");
    }
}

pub fn check_html(data: &[u8]) {
    let text = text_of(data);
    let a = html::extract(&text, Some("https://www.example.com/news/2024/05/06/story.html"));
    for b in &a.blocks {
        assert!(!b.text.is_empty(), "empty block");
    }
    let _ = a.body_text();
    let _ = html::looks_like_html(&text);
}

pub fn check_clean(data: &[u8]) {
    let text = text_of(data);
    let once = clean::clean_text(&text);
    let c = clean::clean(&text, clean::Hints::default());
    let body = c.body();
    assert!(!body.contains("\n\n\n"), "body holds an empty paragraph");
    let _ = clean::normalize(&text);
    let _ = clean::fix_mojibake(&text);
    let _ = once;
}

pub fn check_dates(data: &[u8]) {
    let text = text_of(data);
    for m in dates::find_dates(&text) {
        assert_span(&text, &m.range, "date");
        let _ = m.parsed.resolve(None);
        let _ = m.parsed.resolve(Some(false));
    }
    let ev = dates::OrderEvidence::from_text(&text);
    let _ = ev;
    if let Some(p) = dates::parse(&text) {
        let _ = p.resolve(Some(true));
        let _ = dates::month_mention_conflicts(&text, &p);
    }
}

pub fn check_segment(data: &[u8]) {
    let text = text_of(data);
    let toks = segment::tokens(&text);
    assert_ordered_disjoint(&text, &toks, "token");
    for t in &toks {
        assert!(!text[t.clone()].trim().is_empty(), "white-space token {t:?}");
    }
    let sents = segment::sentences(&text);
    assert_ordered_disjoint(&text, &sents, "sentence");
}

pub fn check_entities(data: &[u8]) {
    let text = text_of(data);
    let ms = entities::extract(&text);
    let n_sents = segment::sentences(&text).len();
    for m in &ms {
        assert_span(&text, &(m.start..m.end), "mention");
        assert!(m.start < m.end, "empty mention");
        assert!(
            (m.sentence as usize) < n_sents.max(1),
            "mention sentence {} of {n_sents}",
            m.sentence
        );
    }
    // the table: one row per mention, code-point offsets that slice to the mention
    let b = entities::rows::entities_batch(&[Some(&text)], &[0]).expect("entities batch");
    assert_eq!(b.num_rows(), ms.len(), "entity rows");
    check_char_offsets(&text, &b, "start", "end", "text");
    // the same text read as one of the other languages (their own weights, lexicons, rules)
    let lang = ["pt", "es", "fr", "de"][data.len() % 4];
    for m in &entities::extract_lang(&text, Some(lang)) {
        assert_span(&text, &(m.start..m.end), "mention");
        assert!(m.start < m.end, "empty mention ({lang})");
    }
}

pub fn check_claims(data: &[u8]) {
    let text = text_of(data);
    let ms = entities::extract(&text);
    for found in [claims::extract(&text, &[]), claims::extract_with_mentions(&text, &ms)] {
        for c in &found {
            assert_span(&text, &c.content, "claim content");
            assert!(!c.content.is_empty(), "empty claim content");
            if let Some(s) = &c.speaker {
                assert_span(&text, s, "claim speaker");
            }
            if let Some(q) = &c.cue {
                assert_span(&text, q, "claim cue");
            }
        }
        let b = claims::batch::claims_batch(&[(0, &text, found.clone())]).expect("claims batch");
        assert_eq!(b.num_rows(), found.len(), "claim rows");
        check_char_offsets(&text, &b, "content_start", "content_end", "content");
        check_char_offsets(&text, &b, "speaker_start", "speaker_end", "speaker");
    }
}

pub fn check_dedup(data: &[u8]) {
    let text = text_of(data);
    let h = dedup::MinHasher::default();
    let s = h.signature(&text);
    assert_eq!(s, h.signature(&text), "signature not deterministic");
    if !dedup::is_empty(&s) {
        assert_eq!(dedup::similarity(&s, &s), 1.0);
    }
    // a text and its copy are one group; an empty text is its own
    let mut sigs = Vec::new();
    h.extend(&[Some(text.as_str()), Some(text.as_str()), None], &mut sigs);
    let g = dedup::group(&sigs, 0.8);
    assert_eq!(g.len(), 3, "a grouping per document");
    if !dedup::is_empty(&s) {
        assert_eq!(g[1].group, 0, "a copy is in its original's group");
    }
    assert_eq!(g[2].group, 2, "an empty document is its own group");
}

pub fn check_pipeline(data: &[u8]) {
    let text = text_of(data);
    let docs = vec![
        Document {
            content: Some(Content::Bytes(data.to_vec())),
            ..Document::default()
        },
        Document {
            content: Some(Content::Text(text.clone())),
            url: Some("https://news.example.co.uk/a/b".into()),
            ..Document::default()
        },
        Document::default(),
    ];
    let arts = pipeline::process_batch(&docs, &pipeline::Options::default());
    assert_eq!(arts.len(), docs.len(), "an article per document");
    assert!(arts[2].error.is_some(), "a missing document says so");
    for a in &arts {
        assert_ordered_disjoint(&a.text, &a.paragraphs, "paragraph");
        if let Some(e) = &a.error {
            assert!(!e.is_empty());
        }
    }
    let b = table::articles_batch(&arts, &[0, 1, 2]).expect("articles batch");
    assert_eq!(b.num_rows(), docs.len(), "a row per document");
}

/// Code-point offsets `start`/`end` of each row slice the text to the row's `value` column.
fn check_char_offsets(text: &str, b: &arrow_array::RecordBatch, start: &str, end: &str, value: &str) {
    use arrow_array::{Array, Int64Array, StringViewArray};
    let col = |n: &str| b.column(b.schema().index_of(n).expect("column")).clone();
    let (s, e, v) = (col(start), col(end), col(value));
    let s = s.as_any().downcast_ref::<Int64Array>().expect("i64");
    let e = e.as_any().downcast_ref::<Int64Array>().expect("i64");
    let v = v.as_any().downcast_ref::<StringViewArray>().expect("string view");
    let chars: Vec<char> = text.chars().collect();
    for i in 0..b.num_rows() {
        if s.is_null(i) {
            assert!(e.is_null(i) && v.is_null(i), "row {i}: offsets null but not the value");
            continue;
        }
        let (a, z) = (s.value(i) as usize, e.value(i) as usize);
        assert!(
            a <= z && z <= chars.len(),
            "row {i}: {a}..{z} outside {} chars",
            chars.len()
        );
        let got: String = chars[a..z].iter().collect();
        assert_eq!(got, v.value(i), "row {i}: text[{a}:{z}] is not the {value}");
    }
}
