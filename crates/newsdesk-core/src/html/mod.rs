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
mod embedded;
mod extract;
mod meta;
mod names;
mod parse;

pub use charset::sniff_charset;
pub use extract::BodySource;

use crate::article::Block;
pub use meta::PageMeta;

/// What extraction gives the pipeline for one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// The body in order; figure captions as `BlockKind::Caption` (not body text).
    pub blocks: Vec<Block>,
    /// How the body was found (`None`: no body found).
    pub body_source: Option<BodySource>,
    /// Non-whitespace characters of visible page text (to tell "no body found" from an empty page).
    pub visible_chars: u32,
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
    let mut body = extract::extract_body(&dom, meta.title.as_deref(), meta.article_body.as_deref());
    if extract::nonws_chars(&body.blocks) < EMBEDDED_BELOW {
        embedded_body(html, meta.title.as_deref(), &mut body);
    }
    HtmlArticle {
        blocks: body.blocks,
        body_source: body.source,
        visible_chars: body.visible_chars,
        meta,
    }
}

/// A rendered body shorter than this (non-whitespace characters) is compared with the markup the
/// page carries outside its rendered tree.
const EMBEDDED_BELOW: u32 = 400;

/// Replace a missing or short `body` with the story of the best embedded fragment
/// (`embedded::fragments`), each extracted like a page of its own, when that fragment holds
/// clearly more story text (long paragraphs) than the rendered page.
fn embedded_body(html: &str, title: Option<&str>, body: &mut extract::Body) {
    let have = extract::story_chars(&body.blocks);
    let mut best: Option<(u32, extract::Body)> = None;
    for frag in embedded::fragments(html) {
        let b = extract::extract_body(&parse::parse(&frag), title, None);
        let got = extract::story_chars(&b.blocks);
        if best.as_ref().is_none_or(|(n, _)| got > *n) {
            best = Some((got, b));
        }
    }
    if let Some((got, b)) = best {
        if got >= 200 && got > 2 * have + 100 {
            body.blocks = b.blocks;
            body.source = Some(BodySource::Embedded);
        }
    }
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
    fn a_client_rendered_page_gets_its_story_from_the_hydration_state() {
        let p = "Ein Absatz der Geschichte, lang genug und mit einem Komma, um als Text zu zählen, wie ihn jede Zeitung druckt.";
        let story = format!("<p>Erstens. {p}</p><h3>Zwischentitel</h3><p>Zweitens. {p}</p><p>Drittens. {p}</p>");
        let lit = serde_json::to_string(&story)
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e");
        let page = format!(
            "<html><head><title>Titel</title></head><body><main><div class=spinner>Laden …</div></main>\
             <script>self.__data.push({{\"detail\":{{\"contentHtml\":{lit}}}}})</script></body></html>"
        );
        let a = extract(&page, None);
        assert_eq!(a.body_source, Some(BodySource::Embedded));
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[0].starts_with("Erstens.") && texts[3].starts_with("Drittens."));
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        // A page whose markup shows the story keeps it.
        let shown = format!("<html><body><article>{story}</article><script>var s = {lit};</script></body></html>");
        assert_eq!(extract(&shown, None).body_source, Some(BodySource::Dom));
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Plain text with a < sign."));
    }
}
