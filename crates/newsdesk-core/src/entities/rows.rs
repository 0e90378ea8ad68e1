//! Rows: many (doc_id, clean text) pairs in, the entities Arrow table out.
//!
//! Documents are tagged in parallel (rayon), each inside `catch_unwind` so one bad document
//! cannot take the batch down (it just yields no rows). Offsets become Python `str` offsets
//! here, through `table::CharOffsets`, so `text[start:end]` in Python is the mention.
//! Each text is read in its language (`languages[i]`; none given = English; see
//! [`super::extract_lang`]). Columns: doc_id Int64, start Int64, end Int64, text Utf8View, label Utf8View,
//! canonical Utf8View, entity_id UInt32, sentence UInt32.

use super::{extract_lang, Mention};
use crate::table::CharOffsets;
use arrow_array::builder::{Int64Builder, StringViewBuilder, UInt32Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use rayon::prelude::*;
use std::sync::Arc;

pub fn entities_schema() -> Schema {
    Schema::new(vec![
        Field::new("doc_id", DataType::Int64, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8View, false),
        Field::new("label", DataType::Utf8View, false),
        Field::new("canonical", DataType::Utf8View, false),
        Field::new("entity_id", DataType::UInt32, false),
        Field::new("sentence", DataType::UInt32, false),
    ])
}

/// Tag every text (None = no rows) in parallel, as English; mentions in document order.
pub fn extract_many(texts: &[Option<&str>]) -> Vec<Vec<Mention>> {
    extract_many_lang(texts, &[])
}

/// [`extract_many`] with each text's language (`languages[i]`; missing or None = English).
pub fn extract_many_lang(texts: &[Option<&str>], languages: &[Option<&str>]) -> Vec<Vec<Mention>> {
    texts
        .par_iter()
        .enumerate()
        .map(|(i, t)| {
            let lang = languages.get(i).copied().flatten();
            t.map(|t| std::panic::catch_unwind(|| extract_lang(t, lang)).unwrap_or_default())
                .unwrap_or_default()
        })
        .collect()
}

/// The entities record batch for `texts[i]` with id `doc_ids[i]`.
pub fn entities_batch(texts: &[Option<&str>], doc_ids: &[i64]) -> Result<RecordBatch, ArrowError> {
    entities_batch_lang(texts, &[], doc_ids)
}

/// [`entities_batch`] with each text's language (`languages[i]`; missing or None = English).
pub fn entities_batch_lang(
    texts: &[Option<&str>],
    languages: &[Option<&str>],
    doc_ids: &[i64],
) -> Result<RecordBatch, ArrowError> {
    let all = extract_many_lang(texts, languages);
    let docs: Vec<(i64, &str, &[Mention])> = all
        .iter()
        .enumerate()
        .filter_map(|(i, ms)| {
            let t = texts.get(i).copied().flatten()?;
            Some((doc_ids.get(i).copied().unwrap_or(i as i64), t, ms.as_slice()))
        })
        .collect();
    mentions_batch(&docs)
}

/// The entities record batch of mentions found already: `(doc_id, text, mentions)` per document,
/// mentions as byte ranges into `text`; offsets become Python `str` offsets here.
pub fn mentions_batch(docs: &[(i64, &str, &[Mention])]) -> Result<RecordBatch, ArrowError> {
    let n: usize = docs.iter().map(|d| d.2.len()).sum();
    let mut doc_id = Int64Builder::with_capacity(n);
    let mut start = Int64Builder::with_capacity(n);
    let mut end = Int64Builder::with_capacity(n);
    let mut text = StringViewBuilder::with_capacity(n);
    let mut label = StringViewBuilder::with_capacity(n);
    let mut canonical = StringViewBuilder::with_capacity(n);
    let mut entity_id = UInt32Builder::with_capacity(n);
    let mut sentence = UInt32Builder::with_capacity(n);
    for &(id, t, ms) in docs {
        let co = CharOffsets::new(t);
        for m in ms {
            doc_id.append_value(id);
            start.append_value(co.char_of(m.start) as i64);
            end.append_value(co.char_of(m.end) as i64);
            text.append_value(t.get(m.start..m.end).unwrap_or(""));
            label.append_value(m.label.as_str());
            canonical.append_value(&m.canonical);
            entity_id.append_value(m.entity_id);
            sentence.append_value(m.sentence);
        }
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        Arc::new(start.finish()),
        Arc::new(end.finish()),
        Arc::new(text.finish()),
        Arc::new(label.finish()),
        Arc::new(canonical.finish()),
        Arc::new(entity_id.finish()),
        Arc::new(sentence.finish()),
    ];
    RecordBatch::try_new(Arc::new(entities_schema()), columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_mention_with_char_offsets() {
        let texts = [Some("São Paulo hosted Joe Biden on Monday."), None];
        let b = entities_batch(&texts, &[10, 11]).unwrap();
        let ms = extract_lang(texts[0].unwrap(), None);
        assert_eq!(b.num_rows(), ms.len());
        assert_eq!(b.schema().field(3).name(), "text");
    }
}
