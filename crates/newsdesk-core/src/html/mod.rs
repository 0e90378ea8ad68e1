//! HTML: one decoded HTML page in, its article body as blocks plus its metadata out.
//!
//! - `charset`: which encoding the raw bytes declare (BOM, `<meta charset>`), for the decode step.
//! - `parse`: html5ever's spec-compliant tree builder into a flat arena DOM.
//! - `meta`: title, outlet, authors, dates (with their source), canonical URL, language,
//!   description, section, tags; structured data (JSON-LD, meta tags) before heuristics.
//! - `extract`: the main-content extractor (pruning by tag and class vocabulary, text and link
//!   density scoring, sibling merge, a fallback when the first pass looks too short).
//!
//! Invariants: never panics on any input, every traversal is iterative (deeply nested input
//! cannot overflow the stack), and work is linear in the size of the page.

mod charset;
mod extract;
mod meta;
mod names;
mod parse;

pub use charset::sniff_charset;

use crate::article::Block;
pub use meta::PageMeta;

/// What extraction gives the pipeline for one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// The body in order; figure captions as `BlockKind::Caption` (not body text).
    pub blocks: Vec<Block>,
    /// Title, outlet, authors, dates (published candidates best first: JSON-LD, meta, time
    /// element, URL), canonical URL, language, description, section, tags.
    pub meta: PageMeta,
}

impl HtmlArticle {
    /// Body text as the text path produces it: non-caption blocks joined by a blank line.
    pub fn body_text(&self) -> String {
        let mut s = String::new();
        for b in self
            .blocks
            .iter()
            .filter(|b| b.kind != crate::article::BlockKind::Caption)
        {
            if !s.is_empty() {
                s.push_str("\n\n");
            }
            s.push_str(&b.text);
        }
        s
    }
}

/// Extract body blocks and metadata from one decoded HTML page. `url` helps with dates in the
/// URL, relative canonical links and recognising the site's name in titles.
pub fn extract(html: &str, url: Option<&str>) -> HtmlArticle {
    let dom = parse::parse(html);
    let meta = meta::read_meta(&dom, url);
    let blocks = extract::extract_blocks(&dom, meta.title.as_deref());
    HtmlArticle { blocks, meta }
}

/// True when the content looks like an HTML document rather than text.
pub fn looks_like_html(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let has = |pat: &[u8]| memchr::memmem::find(&lower, pat).is_some();
    has(b"<!doctype html")
        || has(b"<html")
        || has(b"<body")
        || has(b"<head")
        || (has(b"<p>") || has(b"<p ")) && has(b"</p>")
        || has(b"<div") && has(b"</div>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    #[test]
    fn blocks_in_order_without_chrome() {
        let page = "<html lang='pt-BR'><head><title>Juros sobem</title><style>p{}</style></head><body><nav><a>Home</a></nav><h1>Juros sobem</h1><p>O Banco Central subiu os juros.</p><h2>Reação</h2><p>O mercado reagiu.</p><script>var x;</script><footer>© 2024</footer></body></html>";
        let a = extract(page, None);
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["O Banco Central subiu os juros.", "Reação", "O mercado reagiu."]
        );
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        assert_eq!(a.meta.language.as_deref(), Some("pt"));
        assert_eq!(a.meta.title.as_deref(), Some("Juros sobem"));
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Plain text with a < sign."));
    }
}
