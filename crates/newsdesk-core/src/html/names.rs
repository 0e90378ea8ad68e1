//! Names: class / id vocabulary matching for extraction.
//!
//! A class or id value comes in (`"socialShare-bar"`, `"article__body"`); it is normalised
//! (camelCase split, runs of `_`/`-` become one `-`, lowercased) and matched against the word
//! lists in `data/html_boilerplate_names.txt` and `data/html_content_names.txt` with one
//! aho-corasick automaton per list. A match counts only at word-part boundaries, so `ad` matches
//! `ad-slot` but not `header`; entries ending in `*` match as prefixes (`comment*` matches
//! `comments-list`).

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

pub struct NameVocab {
    ac: AhoCorasick,
    prefix: Vec<bool>,
}

impl NameVocab {
    fn from_list(text: &str) -> Self {
        let mut pats = Vec::new();
        let mut prefix = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (p, is_prefix) = match line.strip_suffix('*') {
                Some(p) => (p, true),
                None => (line, false),
            };
            pats.push(p.to_string());
            prefix.push(is_prefix);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .expect("vocabulary builds");
        NameVocab { ac, prefix }
    }

    /// Does any entry match `normalized` (the output of [`normalize`]) at word-part boundaries?
    pub fn matches(&self, normalized: &str) -> bool {
        let b = normalized.as_bytes();
        for m in self.ac.find_overlapping_iter(normalized) {
            let (s, e) = (m.start(), m.end());
            let start_ok = s == 0 || !b[s - 1].is_ascii_alphanumeric();
            let end_ok = self.prefix.get(m.pattern().as_usize()).copied().unwrap_or(false)
                || e == b.len()
                || !b[e].is_ascii_alphanumeric();
            if start_ok && end_ok {
                return true;
            }
        }
        false
    }
}

/// Normalise class/id text into `out`: camelCase split, `_`/`-` runs to `-`, lowercase,
/// other whitespace kept as a single space.
pub fn normalize(raw: &str, out: &mut String) {
    let mut prev_lower = false;
    let mut prev_sep = true;
    for c in raw.chars() {
        if c == '_' || c == '-' {
            if !prev_sep {
                out.push('-');
            }
            prev_sep = true;
            prev_lower = false;
        } else if c.is_whitespace() {
            if out.ends_with('-') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            prev_sep = true;
            prev_lower = false;
        } else {
            if c.is_uppercase() && prev_lower {
                out.push('-');
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            prev_sep = false;
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
    }
}

pub static BOILERPLATE: LazyLock<NameVocab> =
    LazyLock::new(|| NameVocab::from_list(include_str!("../../data/html_boilerplate_names.txt")));
pub static CONTENT: LazyLock<NameVocab> =
    LazyLock::new(|| NameVocab::from_list(include_str!("../../data/html_content_names.txt")));

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut o = String::new();
        normalize(s, &mut o);
        o
    }

    #[test]
    fn normalises_camel_case_and_separators() {
        assert_eq!(norm("socialShare__bar"), "social-share-bar");
        assert_eq!(norm("article__body  main"), "article-body main");
        assert_eq!(norm("ArticleBody"), "article-body");
    }

    #[test]
    fn boundaries_are_respected() {
        assert!(BOILERPLATE.matches(&norm("ad-slot top")));
        assert!(!BOILERPLATE.matches(&norm("header headline")));
        assert!(BOILERPLATE.matches(&norm("comments-list")));
        assert!(BOILERPLATE.matches(&norm("relatedArticles")));
        assert!(!BOILERPLATE.matches(&norm("story")));
        assert!(CONTENT.matches(&norm("c-article__body")));
        assert!(CONTENT.matches(&norm("entry-content clearfix")));
        assert!(!CONTENT.matches(&norm("entry-contented")));
    }
}
