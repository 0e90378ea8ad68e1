//! Pipeline: `Document`s in, `Article`s out, one per document, in input order.
//!
//! Per document: decode bytes (never assuming UTF-8), reject binary junk, route HTML through
//! `html::extract` and text through line splitting, clean with the one cleaner, resolve the
//! published date (with day/month order decided from evidence), detect the language. Each
//! document runs inside `catch_unwind`: a panic becomes that row's `error`, never an abort.
//! Batches run in parallel on the rayon pool; output order equals input order.
//!
//! [`analyze`] goes on from the article in the same pass: the entity pass tags its clean text
//! once, and the claims are read with those mentions as speaker names (nothing is tagged twice;
//! the text never leaves the core between stages). Entity and claim extraction run inside
//! `catch_unwind` too: a panic there leaves that document without mentions/claims, as the
//! one-table functions do.

use crate::article::{Analysis, Article, Content, DateSource, Document};
use crate::clean::{self, Cleaned, Hints};
use crate::{dates, decode, html, lang};
use chrono::NaiveDateTime;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Options shared by every document of a batch.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// ISO 639-1 code to use instead of detection.
    pub language: Option<String>,
    /// Force the order of ambiguous numeric dates: `Some(true)` = day first.
    pub day_first: Option<bool>,
    /// Dates later than this (the crawl time) are rejected as publication dates.
    pub as_of: Option<NaiveDateTime>,
}

/// Process a batch in parallel; one article per document, in input order.
pub fn process_batch(docs: &[Document], opts: &Options) -> Vec<Article> {
    docs.par_iter().with_min_len(4).map(|d| process(d, opts)).collect()
}

/// Which tables besides the articles an analysis fills.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tables {
    pub entities: bool,
    pub claims: bool,
}

/// Documents a worker takes at a time in [`analyze_batch`].
const CHUNK: usize = 8;

/// Analyse a batch in parallel: one [`Analysis`] per document, in input order. A worker takes
/// the documents [`CHUNK`] at a time and makes their articles before it tags them, so the
/// tagger's weights and word cache stay in the CPU caches from one text to the next instead of
/// being evicted by every page's HTML parse (still one pass per document, nothing leaves the
/// core between stages).
pub fn analyze_batch(docs: &[Document], opts: &Options, tables: Tables) -> Vec<Analysis> {
    docs.par_chunks(CHUNK)
        .flat_map_iter(|chunk| {
            let articles: Vec<Article> = chunk.iter().map(|d| process(d, opts)).collect();
            articles.into_iter().map(move |a| analyze_article(a, tables))
        })
        .collect()
}

/// Article, mentions and claims of one document in one pass. Never panics.
pub fn analyze(doc: &Document, opts: &Options, tables: Tables) -> Analysis {
    analyze_article(process(doc, opts), tables)
}

/// The entity and claim passes over an article already made: the text is tagged once and the
/// claims read with its mentions (as `claims(..., entities=True)` does); the article's language
/// picks the claim rules.
pub fn analyze_article(article: Article, tables: Tables) -> Analysis {
    use crate::entities::{self, Lang};
    let mut out = Analysis::default();
    let text = article.text.as_str();
    if text.is_empty() || !(tables.entities || tables.claims) {
        out.article = article;
        return out;
    }
    // names are read in the article's language; claims in the language their rules read, which
    // is the same unless the article has none (then it is detected): only then tag again
    let lang = article.language.as_deref();
    if let Ok((sents, mentions)) = catch_unwind(|| entities::extract_lang_with_sentences(text, lang)) {
        out.sentences = sents;
        out.mentions = mentions;
    }
    if tables.claims {
        let claims_lang = crate::claims::claims_language(text, lang);
        let mentions = &out.mentions;
        out.claims = catch_unwind(AssertUnwindSafe(|| {
            let retag;
            let names = if Lang::of(Some(claims_lang)) == Lang::of(lang) {
                mentions
            } else {
                retag = entities::extract_lang(text, Some(claims_lang));
                &retag
            };
            crate::claims::extract_with_mentions_lang(text, Some(claims_lang), names)
        }))
        .unwrap_or_default();
    }
    out.article = article;
    out
}

/// Process one document. Never panics: an internal failure becomes `Article::error`.
pub fn process(doc: &Document, opts: &Options) -> Article {
    guarded(doc, || process_inner(doc, opts))
}

/// Run `work` for `doc`; a panic becomes an article carrying the error (and the document's URL).
fn guarded(doc: &Document, work: impl FnOnce() -> Article) -> Article {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(a) => a,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut a = with_url(doc);
            a.error = Some(format!("internal error while processing this document: {msg}"));
            a
        }
    }
}

fn with_url(doc: &Document) -> Article {
    Article {
        url: doc.url.clone(),
        domain: doc.url.as_deref().and_then(domain_of),
        ..Article::default()
    }
}

/// Host of a URL without "www." ("https://www.dw.com/en/x" → "dw.com").
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(' ')).then_some(host)
}

fn process_inner(doc: &Document, opts: &Options) -> Article {
    let mut a = with_url(doc);
    let text: std::borrow::Cow<str> = match &doc.content {
        None => {
            a.error = Some("no content: the document is missing (None/null)".into());
            return a;
        }
        Some(Content::Text(t)) => t.as_str().into(),
        Some(Content::Bytes(b)) => {
            let d = decode::decode(b, doc.charset.as_deref());
            if d.had_errors {
                a.error = Some(format!(
                    "some bytes could not be decoded as {} and were replaced",
                    d.encoding
                ));
            }
            d.text.into()
        }
    };
    if text.trim().is_empty() {
        a.error = Some("empty document: no text".into());
        return a;
    }
    if decode::looks_binary(&text) {
        a.error = Some("binary content: the document does not look like text or HTML".into());
        return a;
    }

    let mut page_lang = None;
    let mut visible_chars = 0u32;
    let mut modified_raw: Option<String> = None;
    let mut date_candidates: Vec<(String, DateSource)> = Vec::new();
    if let Some(d) = doc.date.as_deref().filter(|d| !d.trim().is_empty()) {
        date_candidates.push((d.trim().to_string(), DateSource::Caller));
    }
    let cleaned: Cleaned = if html::looks_like_html(&text) {
        let h = html::extract(&text, doc.url.as_deref());
        let title = doc.title.clone().or(h.meta.title.clone());
        let mut c = clean::clean_blocks(
            h.blocks,
            Hints {
                title: title.as_deref(),
                keep_headings: true,
            },
        );
        // Structured data (JSON-LD, meta tags, byline markup) wins over what the cleaner reads
        // from the text.
        if h.meta.outlet.is_some() {
            c.outlet = h.meta.outlet;
        }
        // The page's own title has its site name already cut off by `html`; the cleaner's
        // title-line parsing (outlet prefixes, " | Site" suffixes) is for scraped text and could
        // cut a real headline ("Film review | The Batman").
        if doc.title.is_none() && h.meta.title.is_some() {
            c.title = h.meta.title;
        }
        if !h.meta.authors.is_empty() {
            c.authors = h.meta.authors;
        }
        a.body_source = h.body_source.map(html::BodySource::as_str);
        visible_chars = h.visible_chars;
        page_lang = h.meta.language;
        date_candidates.extend(h.meta.published);
        modified_raw = h.meta.modified;
        a.canonical_url = h.meta.canonical_url;
        a.description = h.meta.description;
        a.section = h.meta.section;
        a.tags = h.meta.tags;
        c
    } else {
        clean::clean(
            &text,
            Hints {
                title: doc.title.as_deref(),
                ..Hints::default()
            },
        )
    };
    date_candidates.extend(cleaned.dates.iter().map(|d| (d.clone(), DateSource::Text)));

    a.text = cleaned.body();
    if a.text.is_empty() && a.body_source.is_some() {
        a.body_source = None; // the cleaner took every extracted line out
    }
    if a.body_source.is_none() && visible_chars > 0 && a.error.is_none() {
        a.error = Some("no article body found: the page has visible text but none of it reads as the story".into());
    }
    let mut pos = 0;
    for p in &cleaned.paragraphs {
        a.paragraphs.push(pos..pos + p.len());
        pos += p.len() + 2;
    }
    a.word_count = a
        .text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u32;
    a.language = opts
        .language
        .clone()
        .or(page_lang)
        .or_else(|| lang::detect(&a.text).map(str::to_string));

    // Published date: the first candidate that parses and is not in the future of `as_of`.
    for (raw, source) in &date_candidates {
        let Some(p) = dates::parse(raw) else { continue };
        let order = decide_day_first(&text, &a, &cleaned, &p, opts);
        let when = p.resolve(order);
        if opts.as_of.is_some_and(|t| when > t) {
            continue;
        }
        a.date_ambiguous = p.is_ambiguous() && order.is_none();
        a.published = Some(when);
        a.published_utc = p.offset_minutes.map(|off| when - chrono::Duration::minutes(off as i64));
        a.published_raw = Some(raw.clone());
        a.date_source = Some(source.as_str().to_string());
        break;
    }
    if let Some(p) = modified_raw.as_deref().and_then(dates::parse) {
        let order = decide_day_first(&text, &a, &cleaned, &p, opts);
        a.modified = Some(p.resolve(order));
    }

    a.title = cleaned.title;
    a.outlet = cleaned.outlet;
    a.authors = cleaned.authors;
    a.headings = cleaned.headings;
    a.captions = cleaned.captions;
    a.wire_agencies = cleaned.wire_agencies;
    a.source_credit = cleaned.source_credit;
    a.removed = cleaned.removed;
    a
}

/// Decide day-first for an ambiguous numeric date, strongest evidence first: the caller's
/// option; other numeric dates in the document whose numbers decide; the domain's country; the
/// language; months the text mentions as past ("purchased in August"). `None`: undecided.
fn decide_day_first(raw_text: &str, a: &Article, c: &Cleaned, p: &dates::ParsedDate, opts: &Options) -> Option<bool> {
    if !p.is_ambiguous() {
        return Some(true);
    }
    if opts.day_first.is_some() {
        return opts.day_first;
    }
    let ev = dates::OrderEvidence::from_text(raw_text);
    if ev.day_first_votes > ev.month_first_votes {
        return Some(true);
    }
    if ev.month_first_votes > ev.day_first_votes {
        return Some(false);
    }
    if let Some(d) = a.domain.as_deref().and_then(dates::domain_day_first) {
        return Some(d);
    }
    if let Some(l) = a.language.as_deref().and_then(dates::language_day_first) {
        return Some(l);
    }
    let _ = c;
    let (c_df, c_mf) = dates::month_mention_conflicts(&a.text, p);
    if c_mf >= c_df + 2 {
        return Some(true);
    }
    if c_df >= c_mf + 2 {
        return Some(false);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_doc(s: &str) -> Document {
        Document {
            content: Some(Content::Text(s.into())),
            ..Default::default()
        }
    }

    #[test]
    fn a_batch_analysis_equals_each_document_analysed_alone_in_input_order() {
        let docs: Vec<Document> = (0..3 * CHUNK + 1)
            .map(|i| {
                text_doc(&format!(
                    "Reporter {i}\n\n\"We will pay {i} million dollars,\" President Joe Biden said in Hanoi on day {i}. Analysts in Berlin say {i} firms may follow."
                ))
            })
            .collect();
        let all = Tables {
            entities: true,
            claims: true,
        };
        let batch = analyze_batch(&docs, &Options::default(), all);
        assert_eq!(batch.len(), docs.len());
        for (d, b) in docs.iter().zip(&batch) {
            let one = analyze(d, &Options::default(), all);
            assert_eq!(b.article.text, one.article.text);
            assert_eq!(b.mentions.len(), one.mentions.len());
            assert!(b
                .mentions
                .iter()
                .zip(&one.mentions)
                .all(|(x, y)| (x.start, x.end, x.label) == (y.start, y.end, y.label)));
            assert_eq!(format!("{:?}", b.claims), format!("{:?}", one.claims));
            assert!(!b.mentions.is_empty() && !b.claims.is_empty());
        }
    }

    #[test]
    fn every_document_gets_a_row_in_order() {
        let docs = vec![
            text_doc("First story. It is short."),
            Document::default(),
            text_doc(""),
            Document {
                content: Some(Content::Bytes(vec![
                    0, 159, 146, 150, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                ])),
                ..Default::default()
            },
            text_doc("Second story here."),
        ];
        let out = process_batch(&docs, &Options::default());
        assert_eq!(out.len(), 5);
        assert_eq!(out[0].text, "First story. It is short.");
        assert!(out[1].error.as_deref().unwrap().contains("missing"));
        assert!(out[2].error.as_deref().unwrap().contains("empty"));
        assert!(out[3].error.as_deref().unwrap().contains("binary"));
        assert_eq!(out[4].text, "Second story here.");
    }

    #[test]
    fn ambiguous_dates_are_decided_by_evidence_or_flagged() {
        let undecided = process(
            &text_doc("Headline of the day here\n05/04/2021\n\nThe council met today to vote."),
            &Options {
                language: Some("en".into()),
                ..Default::default()
            },
        );
        assert!(undecided.date_ambiguous);
        let by_other_date = process(
            &text_doc("Headline of the day here\n05/04/2021\n\nThe council met today. The vote is set for 25/04/2021."),
            &Options::default(),
        );
        assert!(!by_other_date.date_ambiguous);
        assert_eq!(by_other_date.published.unwrap().to_string(), "2021-04-05 00:00:00");
        let forced = process(
            &text_doc("Headline of the day here\n05/04/2021\n\nThe council met today."),
            &Options {
                day_first: Some(false),
                ..Default::default()
            },
        );
        assert_eq!(forced.published.unwrap().to_string(), "2021-05-04 00:00:00");
    }

    #[test]
    fn a_panic_becomes_the_rows_error() {
        let doc = Document {
            url: Some("https://example.org/a".into()),
            ..text_doc("x")
        };
        let a = guarded(&doc, || panic!("boom in a stage"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert!(a.error.as_deref().unwrap().contains("boom in a stage"));
    }

    #[test]
    fn html_pages_fill_metadata_columns() {
        let page = r#"<html lang="en-GB"><head><title>Council backs new bridge | Riverside Gazette</title>
<link rel="canonical" href="/news/2024/03/05/bridge">
<meta property="og:site_name" content="Riverside Gazette">
<meta name="description" content="The council voted for the bridge.">
<meta property="article:section" content="Local">
<meta property="article:tag" content="Transport"><meta property="article:tag" content="Council">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="article:modified_time" content="2024-03-06T10:00:00Z">
</head><body><article><h1>Council backs new bridge</h1>
<p class="byline">By Ann Lee</p>
<p>The council voted on Tuesday to build a new bridge over the river, ending a decade of debate.</p>
<p>Work is expected to start next spring, officials said, with the crossing open by 2027.</p>
</article></body></html>"#;
        let doc = Document {
            content: Some(Content::Text(page.into())),
            url: Some("https://gazette.example.com/news/2024/03/05/bridge".into()),
            ..Default::default()
        };
        let a = process(&doc, &Options::default());
        assert_eq!(a.title.as_deref(), Some("Council backs new bridge"));
        assert_eq!(a.date_source.as_deref(), Some("meta"));
        assert_eq!(a.published.unwrap().to_string(), "2024-03-05 09:30:00");
        assert_eq!(a.modified.unwrap().to_string(), "2024-03-06 10:00:00");
        assert_eq!(
            a.canonical_url.as_deref(),
            Some("https://gazette.example.com/news/2024/03/05/bridge")
        );
        assert_eq!(a.description.as_deref(), Some("The council voted for the bridge."));
        assert_eq!(a.section.as_deref(), Some("Local"));
        assert_eq!(a.tags, ["Transport", "Council"]);
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(a.text.starts_with("The council voted on Tuesday"), "{}", a.text);
    }

    #[test]
    fn a_stated_zone_gives_the_utc_instant_too() {
        let a = process(
            &text_doc("Posted March 3, 2024 at 5:12 p.m. EST\n\nThe council voted on Tuesday to build a new bridge over the river."),
            &Options::default(),
        );
        assert_eq!(a.published.unwrap().to_string(), "2024-03-03 17:12:00");
        assert_eq!(a.published_utc.unwrap().to_string(), "2024-03-03 22:12:00");
        let a = process(
            &text_doc("March 3, 2024\n\nThe council voted on Tuesday to build a new bridge over the river."),
            &Options::default(),
        );
        assert!(a.published.is_some() && a.published_utc.is_none());
    }

    #[test]
    fn html_captions_are_kept_apart_from_the_body() {
        let page = r#"<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
<p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said.</p>
<figure><img src="x.jpg"><figcaption>Boats in the harbour at dawn.</figcaption></figure>
<p>Fishing crews returned to their moorings by the afternoon, and ferries will resume on Tuesday.</p>
</article></body></html>"#;
        let a = process(&text_doc(page), &Options::default());
        assert_eq!(a.captions, ["Boats in the harbour at dawn."]);
        assert!(!a.text.contains("Boats in the harbour"), "{}", a.text);
    }

    #[test]
    fn domain_of_urls() {
        assert_eq!(domain_of("https://www.dw.com/en/story/a-1").as_deref(), Some("dw.com"));
        assert_eq!(
            domain_of("http://user@news.example.co.uk:8080/x?y").as_deref(),
            Some("news.example.co.uk")
        );
        assert_eq!(domain_of("not a url"), None);
    }
}
