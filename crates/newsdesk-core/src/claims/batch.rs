//! Claims table: the claims of many documents in, one Arrow record batch out.
//!
//! In: `(doc_id, text, claims)` per document, claims with UTF-8 byte ranges into `text`. Out: a
//! `RecordBatch` with one row per claim, offsets converted to Python `str` offsets through
//! `table::CharOffsets` (the one byte→code-point converter), so `text[start:end]` in Python is
//! the content / speaker. Columns: doc_id, claim_id (0.. within the document), kind, content,
//! content_start, content_end, speaker, speaker_start, speaker_end, speaker_resolved,
//! speaker_type, cue (lower-cased), cue_start, cue_end (null with `cue`), hedged, hedges.

use super::Claim;
use crate::table::CharOffsets;
use arrow_array::builder::{BooleanBuilder, Int64Builder, ListBuilder, StringViewBuilder, UInt32Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;

/// The claims table's schema.
pub fn claims_schema() -> Schema {
    let s = |n: &str, null: bool| Field::new(n, DataType::Utf8View, null);
    let i = |n: &str, null: bool| Field::new(n, DataType::Int64, null);
    Schema::new(vec![
        i("doc_id", false),
        Field::new("claim_id", DataType::UInt32, false),
        s("kind", false),
        s("content", false),
        i("content_start", false),
        i("content_end", false),
        s("speaker", true),
        i("speaker_start", true),
        i("speaker_end", true),
        s("speaker_resolved", true),
        s("speaker_type", false),
        s("cue", true),
        i("cue_start", true),
        i("cue_end", true),
        Field::new("hedged", DataType::Boolean, false),
        Field::new(
            "hedges",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8View, true))),
            false,
        ),
    ])
}

/// Build the claims record batch from `(doc_id, text, claims)` triples.
pub fn claims_batch(docs: &[(i64, &str, Vec<Claim>)]) -> Result<RecordBatch, ArrowError> {
    let n: usize = docs.iter().map(|d| d.2.len()).sum();
    let mut doc_id = Int64Builder::with_capacity(n);
    let mut claim_id = UInt32Builder::with_capacity(n);
    let mut strs: Vec<StringViewBuilder> = (0..7).map(|_| StringViewBuilder::with_capacity(n)).collect();
    let mut ints: Vec<Int64Builder> = (0..6).map(|_| Int64Builder::with_capacity(n)).collect();
    let mut hedged = BooleanBuilder::with_capacity(n);
    let mut hedges = ListBuilder::new(StringViewBuilder::new());
    for (id, text, claims) in docs {
        let offs = CharOffsets::new(text);
        for (k, c) in claims.iter().enumerate() {
            doc_id.append_value(*id);
            claim_id.append_value(k as u32);
            strs[0].append_value(c.kind.as_str());
            strs[1].append_value(text.get(c.content.clone()).unwrap_or(""));
            ints[0].append_value(offs.char_of(c.content.start) as i64);
            ints[1].append_value(offs.char_of(c.content.end) as i64);
            match c.speaker.as_ref().and_then(|s| text.get(s.clone()).map(|t| (s, t))) {
                Some((s, t)) => {
                    strs[2].append_value(t);
                    ints[2].append_value(offs.char_of(s.start) as i64);
                    ints[3].append_value(offs.char_of(s.end) as i64);
                }
                None => {
                    strs[2].append_null();
                    ints[2].append_null();
                    ints[3].append_null();
                }
            }
            strs[3].append_option(c.speaker_resolved.as_deref());
            strs[4].append_value(c.speaker_type.as_str());
            match c.cue.as_ref().and_then(|r| text.get(r.clone()).map(|t| (r, t))) {
                Some((r, t)) => {
                    strs[5].append_value(t.to_lowercase());
                    ints[4].append_value(offs.char_of(r.start) as i64);
                    ints[5].append_value(offs.char_of(r.end) as i64);
                }
                None => {
                    strs[5].append_null();
                    ints[4].append_null();
                    ints[5].append_null();
                }
            }
            hedged.append_value(c.hedged());
            for h in &c.hedges {
                hedges.values().append_value(h);
            }
            hedges.append(true);
        }
    }
    let mut s = strs.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut i = ints.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let next = |it: &mut dyn Iterator<Item = ArrayRef>| it.next().expect("column");
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(claim_id.finish()),
        next(&mut s),
        next(&mut s),
        next(&mut i),
        next(&mut i),
        next(&mut s),
        next(&mut i),
        next(&mut i),
        next(&mut s),
        next(&mut s),
        next(&mut s),
        next(&mut i),
        next(&mut i),
        Arc::new(hedged.finish()),
        Arc::new(hedges.finish()),
    ];
    RecordBatch::try_new(Arc::new(claims_schema()), columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points() {
        let text = "Ça va. « Oui », a-t-il dit. “Yes,” Mayer said.";
        let claims = super::super::extract(text, &[]);
        assert!(!claims.is_empty());
        let b = claims_batch(&[(7, text, claims.clone())]).expect("batch");
        assert_eq!(b.num_rows(), claims.len());
        let chars: Vec<char> = text.chars().collect();
        let starts = b
            .column(4)
            .as_any()
            .downcast_ref::<arrow_array::Int64Array>()
            .expect("i64");
        let ends = b
            .column(5)
            .as_any()
            .downcast_ref::<arrow_array::Int64Array>()
            .expect("i64");
        for (k, c) in claims.iter().enumerate() {
            let s: String = chars[starts.value(k) as usize..ends.value(k) as usize].iter().collect();
            assert_eq!(s, &text[c.content.clone()]);
        }
    }

    #[test]
    fn cue_offsets_are_code_points_and_null_with_the_cue() {
        let text = "Ça va à São Paulo. “Yes,” Mayer said. Analysts say sales may fall.";
        let claims = super::super::extract(text, &[]);
        let b = claims_batch(&[(0, text, claims.clone())]).expect("batch");
        let col = |name: &str| {
            b.column_by_name(name)
                .expect("column")
                .as_any()
                .downcast_ref::<arrow_array::Int64Array>()
                .expect("i64")
                .clone()
        };
        let (starts, ends) = (col("cue_start"), col("cue_end"));
        let chars: Vec<char> = text.chars().collect();
        let mut seen = 0;
        for (k, c) in claims.iter().enumerate() {
            match &c.cue {
                Some(r) => {
                    let s: String = chars[starts.value(k) as usize..ends.value(k) as usize].iter().collect();
                    assert_eq!(s, &text[r.clone()]);
                    seen += 1;
                }
                None => assert!(arrow_array::Array::is_null(&starts, k) && arrow_array::Array::is_null(&ends, k)),
            }
        }
        assert!(seen >= 2, "cues found: {seen}");
    }
}
