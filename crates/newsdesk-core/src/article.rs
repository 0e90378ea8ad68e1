//! Article: the document-level types every stage reads and writes.
//!
//! A `Document` comes in (raw bytes or text plus whatever the scraper already knew); an `Article`
//! goes out, holding the clean text and everything read out of it. Spans (`Range<usize>`) are
//! UTF-8 byte ranges into `Article::text`; `table` converts them to Python `str` offsets.

use chrono::NaiveDateTime;

/// One input document as the caller gave it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Raw content: HTML or scraped text, in any encoding. `None` means the row had no content.
    pub content: Option<Content>,
    /// Page URL, if known.
    pub url: Option<String>,
    /// Title the scraper already extracted, if any.
    pub title: Option<String>,
    /// Date string the scraper already extracted, if any.
    pub date: Option<String>,
    /// Charset declared by the transport (HTTP `Content-Type`), if known.
    pub charset: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Content {
    Text(String),
    Bytes(Vec<u8>),
}

/// What kind of block a piece of body text is. Extraction (HTML) and the text path both produce
/// blocks; the cleaner decides what stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Not known (plain scraped text): the cleaner classifies it.
    Unknown,
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
        }
    }
}

/// Where the published date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    JsonLd,
    Meta,
    Time,
    Url,
    Text,
    Caller,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::Meta => "meta",
            DateSource::Time => "time",
            DateSource::Url => "url",
            DateSource::Text => "text",
            DateSource::Caller => "caller",
        }
    }
}

/// One processed document: a row of the articles table.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub url: Option<String>,
    pub domain: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<NaiveDateTime>,
    pub published_raw: Option<String>,
    /// `published` as a UTC instant, when the page states a zone or offset ("Z", "-05:00",
    /// "EST"); `None` when it gives wall-clock time only.
    pub published_utc: Option<NaiveDateTime>,
    pub date_ambiguous: bool,
    /// Where `published` came from (`DateSource::as_str`: json-ld, meta, time, url, text, caller).
    pub date_source: Option<String>,
    /// How the body was found (HTML path; `BodySource::as_str`: dom, fallback, json-ld,
    /// paragraphs, all-text); `None` for scraped text and for pages where no body was found.
    pub body_source: Option<&'static str>,
    /// Last-modified date the page declares (HTML path).
    pub modified: Option<NaiveDateTime>,
    /// `<link rel=canonical>` (or og:url) of the page (HTML path).
    pub canonical_url: Option<String>,
    /// Summary the page gives (meta description, JSON-LD description).
    pub description: Option<String>,
    /// Section / category the page names (article:section, JSON-LD articleSection).
    pub section: Option<String>,
    /// Tags / keywords the page names (article:tag, JSON-LD keywords, news_keywords).
    pub tags: Vec<String>,
    pub language: Option<String>,
    /// Clean body: paragraphs joined by a blank line.
    pub text: String,
    /// Byte ranges of the paragraphs in `text`.
    pub paragraphs: Vec<std::ops::Range<usize>>,
    pub headings: Vec<String>,
    /// Figure and table captions (HTML path), set apart from the body.
    pub captions: Vec<String>,
    pub wire_agencies: Vec<String>,
    pub source_credit: Option<String>,
    /// Every line the cleaner took out, in document order.
    pub removed: Vec<String>,
    pub word_count: u32,
    /// Why this row could not be (fully) processed; `None` when all went well.
    pub error: Option<String>,
}

/// One document analysed in one pass: the article (clean text and everything read from it),
/// the sentence boundaries of its text, the entity mentions (their `sentence` indexes
/// `sentences`) and the claims (speakers read with those mentions). Every span is a UTF-8 byte
/// range into `article.text`; `table::analysis_tables` turns them into Python `str` offsets.
/// Tables that were not asked for stay empty.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub article: Article,
    pub sentences: Vec<std::ops::Range<usize>>,
    pub mentions: Vec<crate::entities::Mention>,
    pub claims: Vec<crate::claims::Claim>,
}
