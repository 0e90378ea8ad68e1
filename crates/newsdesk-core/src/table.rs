//! Table: core results in, Arrow record batches out, with Python `str` offsets.
//!
//! This is the one place where UTF-8 byte offsets become code-point offsets (`CharOffsets`), so
//! that `text[start:end]` in Python is the span. Strings are Arrow `Utf8View` (polars takes them
//! without copying), lists are `List<Utf8View>`, dates `Timestamp(µs)` without zone.

use crate::article::{Analysis, Article};
use arrow_array::builder::{
    BooleanBuilder, Int64Builder, ListBuilder, StringViewBuilder, TimestampMicrosecondBuilder, UInt32Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, TimeUnit};
use std::sync::Arc;

/// Byte offset → code-point offset for one text. O(1) for ASCII texts, O(log n) otherwise.
pub struct CharOffsets {
    /// Byte offset of every char start, when the text is not ASCII.
    starts: Option<Vec<u32>>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                starts: None,
                len_bytes: text.len(),
                len_chars: text.len(),
            };
        }
        let starts: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        CharOffsets {
            len_chars: starts.len(),
            starts: Some(starts),
            len_bytes: text.len(),
        }
    }

    /// Code-point index of byte offset `b` (a char boundary, or the end of the text).
    pub fn char_of(&self, b: usize) -> usize {
        match &self.starts {
            None => b.min(self.len_bytes),
            Some(_) if b >= self.len_bytes => self.len_chars,
            Some(s) => match s.binary_search(&(b as u32)) {
                Ok(i) | Err(i) => i,
            },
        }
    }
}

fn str_list(b: &mut ListBuilder<StringViewBuilder>, items: &[String]) {
    for s in items {
        b.values().append_value(s);
    }
    b.append(true);
}

fn list_field(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", DataType::Utf8View, true))),
        false,
    )
}

/// The articles table's schema, column by column (documented in the README).
pub fn articles_schema() -> Schema {
    Schema::new(vec![
        Field::new("doc_id", DataType::Int64, false),
        Field::new("url", DataType::Utf8View, true),
        Field::new("domain", DataType::Utf8View, true),
        Field::new("canonical_url", DataType::Utf8View, true),
        Field::new("outlet", DataType::Utf8View, true),
        Field::new("title", DataType::Utf8View, true),
        list_field("authors"),
        Field::new("published", DataType::Timestamp(TimeUnit::Microsecond, None), true),
        Field::new(
            "published_utc",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        ),
        Field::new("published_raw", DataType::Utf8View, true),
        Field::new("date_ambiguous", DataType::Boolean, false),
        Field::new("date_source", DataType::Utf8View, true),
        Field::new("modified", DataType::Timestamp(TimeUnit::Microsecond, None), true),
        Field::new("language", DataType::Utf8View, true),
        Field::new("description", DataType::Utf8View, true),
        Field::new("section", DataType::Utf8View, true),
        list_field("tags"),
        Field::new("text", DataType::Utf8View, false),
        list_field("headings"),
        list_field("captions"),
        list_field("wire_agencies"),
        Field::new("source_credit", DataType::Utf8View, true),
        list_field("removed"),
        Field::new("word_count", DataType::UInt32, false),
        Field::new("body_source", DataType::Utf8View, true),
        Field::new("error", DataType::Utf8View, true),
    ])
}

/// Build the articles record batch; `doc_ids[i]` is the id of `articles[i]`.
pub fn articles_batch(articles: &[Article], doc_ids: &[i64]) -> Result<RecordBatch, ArrowError> {
    let n = articles.len();
    let mut doc_id = Int64Builder::with_capacity(n);
    let mut strs: Vec<StringViewBuilder> = (0..13).map(|_| StringViewBuilder::with_capacity(n)).collect();
    let mut lists: Vec<ListBuilder<StringViewBuilder>> =
        (0..6).map(|_| ListBuilder::new(StringViewBuilder::new())).collect();
    let mut published = TimestampMicrosecondBuilder::with_capacity(n);
    let mut published_utc = TimestampMicrosecondBuilder::with_capacity(n).with_timezone("UTC");
    let mut modified = TimestampMicrosecondBuilder::with_capacity(n);
    let mut ambiguous = BooleanBuilder::with_capacity(n);
    let mut words = UInt32Builder::with_capacity(n);
    for (i, a) in articles.iter().enumerate() {
        doc_id.append_value(doc_ids.get(i).copied().unwrap_or(i as i64));
        for (b, v) in strs.iter_mut().zip([
            &a.url,
            &a.domain,
            &a.outlet,
            &a.title,
            &a.published_raw,
            &a.language,
            &a.source_credit,
            &a.error,
            &a.canonical_url,
            &a.date_source,
            &a.description,
            &a.section,
        ]) {
            b.append_option(v.as_deref());
        }
        strs[12].append_option(a.body_source);
        for (b, v) in lists.iter_mut().zip([
            &a.authors,
            &a.headings,
            &a.wire_agencies,
            &a.removed,
            &a.tags,
            &a.captions,
        ]) {
            str_list(b, v);
        }
        published.append_option(a.published.map(|d| d.and_utc().timestamp_micros()));
        published_utc.append_option(a.published_utc.map(|d| d.and_utc().timestamp_micros()));
        modified.append_option(a.modified.map(|d| d.and_utc().timestamp_micros()));
        ambiguous.append_value(a.date_ambiguous);
        words.append_value(a.word_count);
    }
    let mut text = StringViewBuilder::with_capacity(n);
    for a in articles {
        text.append_value(&a.text);
    }
    let mut s = strs.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut l = lists.into_iter().map(|mut b| Arc::new(b.finish()) as ArrayRef);
    let mut next_s = || s.next().expect("string column");
    let mut next_l = || l.next().expect("list column");
    let (url, domain, outlet, title, raw, language, source, error) = (
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
        next_s(),
    );
    let (canonical, date_source, description, section) = (next_s(), next_s(), next_s(), next_s());
    let (authors, headings, wire, removed, tags) = (next_l(), next_l(), next_l(), next_l(), next_l());
    let captions = next_l();
    let body_source = next_s();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(doc_id.finish()),
        url,
        domain,
        canonical,
        outlet,
        title,
        authors,
        Arc::new(published.finish()),
        Arc::new(published_utc.finish()),
        raw,
        Arc::new(ambiguous.finish()),
        date_source,
        Arc::new(modified.finish()),
        language,
        description,
        section,
        tags,
        Arc::new(text.finish()),
        headings,
        captions,
        wire,
        source,
        removed,
        Arc::new(words.finish()),
        body_source,
        error,
    ];
    RecordBatch::try_new(Arc::new(articles_schema()), columns)
}

/// The three tables of analysed documents (`doc_ids[i]` is the id of `analyses[i]`): articles,
/// and the entities and claims tables when asked for, rows in document order. Every offset is
/// converted from bytes to Python `str` offsets here, once per document and table.
pub fn analysis_tables(
    analyses: Vec<Analysis>,
    doc_ids: &[i64],
    tables: crate::pipeline::Tables,
) -> Result<(RecordBatch, Option<RecordBatch>, Option<RecordBatch>), ArrowError> {
    let id = |i: usize| doc_ids.get(i).copied().unwrap_or(i as i64);
    let ents = if tables.entities {
        let docs: Vec<(i64, &str, &[crate::entities::Mention])> = analyses
            .iter()
            .enumerate()
            .map(|(i, a)| (id(i), a.article.text.as_str(), a.mentions.as_slice()))
            .collect();
        Some(crate::entities::rows::mentions_batch(&docs)?)
    } else {
        None
    };
    let mut articles = Vec::with_capacity(analyses.len());
    let mut claim_docs = Vec::new();
    for a in analyses {
        if tables.claims {
            claim_docs.push(a.claims);
        }
        articles.push(a.article);
    }
    let claims = if tables.claims {
        let docs: Vec<(i64, &str, Vec<crate::claims::Claim>)> = claim_docs
            .into_iter()
            .enumerate()
            .map(|(i, c)| (id(i), articles[i].text.as_str(), c))
            .collect();
        Some(crate::claims::batch::claims_batch(&docs)?)
    } else {
        None
    };
    Ok((articles_batch(&articles, doc_ids)?, ents, claims))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_python_str_indices() {
        let t = "São Paulo — 日本 x";
        let c = CharOffsets::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(c.char_of(bi), ci);
        }
        assert_eq!(c.char_of(t.len()), t.chars().count());
        assert_eq!(CharOffsets::new("abc").char_of(2), 2);
    }

    #[test]
    fn articles_batch_has_one_row_per_article() {
        let arts = vec![
            Article {
                text: "x".into(),
                authors: vec!["A B".into()],
                ..Default::default()
            },
            Article::default(),
        ];
        let b = articles_batch(&arts, &[7, 8]).unwrap();
        assert_eq!(b.num_rows(), 2);
        assert_eq!(b.schema().field(0).name(), "doc_id");
    }
}
