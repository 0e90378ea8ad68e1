//! HTML: a page in, body blocks and metadata out.
//!
//! This first version turns a page into readable blocks: scripts, styles and page chrome
//! (nav, header, footer, aside, forms) are dropped, block elements become blocks in document
//! order (headings typed as headings). Traversal is iterative, so nesting depth cannot overflow
//! the stack.

use crate::article::{Block, BlockKind, DateSource};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// What the HTML path reads out of a page.
#[derive(Debug, Clone, Default)]
pub struct HtmlArticle {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<(String, DateSource)>,
    pub modified: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
}

fn is_block(name: &str) -> Option<BlockKind> {
    Some(match name {
        "p" | "div" | "section" | "article" | "main" | "td" | "th" | "dd" | "dt" | "pre" | "table" | "tr" | "br" | "body" => BlockKind::Unknown,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" => BlockKind::Caption,
        _ => return None,
    })
}

fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template" | "svg" | "nav" | "header" | "footer" | "aside" | "form" | "button" | "select" | "iframe" | "head")
}

/// Readable blocks and basic metadata of a page.
pub fn extract(html: &str, _url: Option<&str>) -> HtmlArticle {
    let doc = Html::parse_document(html);
    let mut out = HtmlArticle::default();
    let mut skip = 0usize;
    let mut cur = String::new();
    let mut kinds: Vec<BlockKind> = Vec::new();
    let flush = |cur: &mut String, kind: BlockKind, out: &mut HtmlArticle| {
        let t = cur.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.blocks.push(Block::new(kind, t));
        }
        cur.clear();
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if name == "html" {
                        out.language = e.attr("lang").and_then(crate::lang::normalize_tag);
                    }
                    if skip > 0 || is_skipped(name) {
                        skip += usize::from(is_skipped(name) || skip > 0);
                        continue;
                    }
                    if let Some(k) = is_block(name) {
                        flush(&mut cur, kinds.last().copied().unwrap_or(BlockKind::Unknown), &mut out);
                        kinds.push(k);
                    }
                }
                Node::Text(t) if skip == 0 => cur.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    if is_block(e.name()).is_some() {
                        let k = kinds.pop().unwrap_or(BlockKind::Unknown);
                        flush(&mut cur, k, &mut out);
                    }
                }
            }
        }
    }
    flush(&mut cur, BlockKind::Unknown, &mut out);
    let title_sel = scraper::Selector::parse("title").expect("selector");
    out.title = doc.select(&title_sel).next().map(|t| t.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    // h1 equal to the title is the title, not body
    if let Some(t) = &out.title {
        out.blocks.retain(|b| !(b.kind == BlockKind::Heading && t.starts_with(b.text.as_str())));
    }
    out
}

/// True when the content looks like an HTML document rather than text.
pub fn looks_like_html(s: &str) -> bool {
    let head = &s.as_bytes()[..s.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let has = |pat: &[u8]| memchr::memmem::find(&lower, pat).is_some();
    has(b"<!doctype html") || has(b"<html") || has(b"<body") || has(b"<head") || (has(b"<p>") || has(b"<p ")) && has(b"</p>") || has(b"<div") && has(b"</div>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_without_chrome() {
        let page = "<html lang='pt-BR'><head><title>Juros sobem</title><style>p{}</style></head><body><nav><a>Home</a></nav><h1>Juros sobem</h1><p>O Banco Central subiu os juros.</p><h2>Reação</h2><p>O mercado reagiu.</p><script>var x;</script><footer>© 2024</footer></body></html>";
        let a = extract(page, None);
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["O Banco Central subiu os juros.", "Reação", "O mercado reagiu."]);
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        assert_eq!(a.language.as_deref(), Some("pt"));
        assert_eq!(a.title.as_deref(), Some("Juros sobem"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!("{}<p>deep</p>{}", "<div>".repeat(2_000), "</div>".repeat(2_000));
        let a = extract(&page, None);
        assert!(a.blocks.iter().any(|b| b.text == "deep"));
    }

    #[test]
    fn recognises_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("Plain text with a < sign."));
    }
}
