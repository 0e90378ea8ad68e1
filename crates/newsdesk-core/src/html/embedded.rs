//! Embedded: story markup a page carries outside its rendered tree.
//!
//! Client-rendered pages and some paywalls ship the story where the parsed document does not
//! show it: `<noscript>` fallbacks, `<template>` contents, script templates (`<script
//! type="text/template">`, `text/html`, `text/x-template`) and HTML inside the string literals of
//! inline scripts (hydration state such as `"contentHtml":"\u003cp\u003e…"`). The parse step skips
//! all of these. When the rendered page gives no body or a short one, [`fragments`] lists them and
//! the caller extracts each one like a page of its own.
//!
//! Work is linear in the size of the page: one scan for the openers, each script body scanned
//! once, each string literal decoded once (a nested JSON string is decoded once more).

use super::parse::{start_tag_end, StartTag};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

/// Fragments shorter than this (bytes of markup) cannot hold a story worth a fallback.
const MIN_FRAGMENT: usize = 200;
/// Read at most this many fragments (a page with thousands of `<noscript>` pixels).
const MAX_FRAGMENTS: usize = 64;

static OPENERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(["<script", "<noscript", "<template"])
        .expect("openers build")
});

/// Escaped or literal paragraph openers inside script text.
static P_MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(["\\u003cp>", "\\u003cp ", "\\u003cp\\u003e", "\\x3cp", "<p>", "<p "])
        .expect("markers build")
});

/// Byte offset of the first case-insensitive `needle` in `hay[from..]`, as an offset into `hay`.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() || needle.is_empty() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    let upper = first.to_ascii_uppercase();
    let mut at = from;
    while at + needle.len() <= hay.len() {
        let rel = memchr::memchr2(first, upper, &hay[at..hay.len() - needle.len() + 1])?;
        let s = at + rel;
        if hay[s..s + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(s);
        }
        at = s + 1;
    }
    None
}

/// HTML fragments the page carries outside its rendered tree, longest story candidates included
/// (see the module comment). Each is a piece of markup to parse on its own.
pub fn fragments(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() && out.len() < MAX_FRAGMENTS {
        let Some(m) = OPENERS.find(&html[at..]) else { break };
        let start = at + m.start();
        let after = at + m.end();
        let open_end = match start_tag_end(b, after) {
            StartTag::OtherName => {
                at = after;
                continue;
            }
            StartTag::Unclosed => break,
            StartTag::EndsAt(e) => e,
        };
        let name: &[u8] = match m.pattern().as_usize() {
            0 => b"</script",
            1 => b"</noscript",
            _ => b"</template",
        };
        let Some(close) = find_ci(b, open_end, name) else { break };
        let inner = &html[open_end..close];
        at = close + name.len();
        if inner.len() < MIN_FRAGMENT {
            continue;
        }
        if m.pattern().as_usize() != 0 {
            if find_ci(inner.as_bytes(), 0, b"<p").is_some() {
                out.push(inner.to_string());
            }
            continue;
        }
        let opening = html[start..open_end].to_ascii_lowercase();
        if opening.contains("ld+json") {
            continue; // structured data: read by the metadata step
        }
        if opening.contains("template") || opening.contains("text/html") {
            out.push(inner.to_string());
            continue;
        }
        strings_with_markup(inner, 0, &mut out);
    }
    out.truncate(MAX_FRAGMENTS);
    out
}

/// Decode every double-quoted string literal of script text `js` that holds paragraph markup
/// and push the markup to `out`. A decoded string that is itself escaped JSON (a JSON document
/// inside a JS string) is read once more.
fn strings_with_markup(js: &str, depth: u32, out: &mut Vec<String>) {
    let b = js.as_bytes();
    let mut done = 0; // end of the last decoded literal: literals never overlap
    for m in P_MARKERS.find_iter(js) {
        if m.start() < done || out.len() >= MAX_FRAGMENTS {
            continue;
        }
        // The literal's opening quote: the nearest unescaped `"` before the marker.
        let mut s = m.start();
        let open = loop {
            if s <= done {
                break None;
            }
            s -= 1;
            if b[s] == b'"' && !escaped(b, s) {
                break Some(s);
            }
        };
        let Some(open) = open else {
            // No literal opens between the last one and this marker: later markers need not
            // look back past it (keeps the scan linear).
            done = m.start();
            continue;
        };
        let mut e = m.end();
        let close = loop {
            if e >= b.len() {
                break None;
            }
            if b[e] == b'"' && !escaped(b, e) {
                break Some(e);
            }
            e += 1;
        };
        let Some(close) = close else { break };
        done = close + 1;
        if close - open < MIN_FRAGMENT {
            continue;
        }
        let text = decode_js_string(&js[open + 1..close]);
        let n = out.len();
        if depth == 0 && text.trim_start().starts_with(['{', '[']) {
            // A JSON document inside a JS string: its own literals hold the markup.
            strings_with_markup(&text, 1, out);
        }
        if out.len() == n && find_ci(text.as_bytes(), 0, b"<p").is_some() {
            out.push(text);
        }
    }
}

/// Is the byte at `i` preceded by an odd number of backslashes?
fn escaped(b: &[u8], i: usize) -> bool {
    let mut n = 0;
    let mut j = i;
    while j > 0 && b[j - 1] == b'\\' {
        n += 1;
        j -= 1;
    }
    n % 2 == 1
}

/// The value of a JSON / JavaScript string literal body (`\"`, `\\`, `\n`, `\uXXXX` with
/// surrogate pairs, `\xXX`); malformed escapes are kept as written.
fn decode_js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    let hex = |it: &mut std::str::Chars, n: usize| -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            v = v * 16 + it.next()?.to_digit(16)?;
        }
        Some(v)
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let rest = chars.clone();
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b' | 'f') => out.push(' '),
            Some('u') => {
                let mut look = chars.clone();
                match hex(&mut look, 4) {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        let mut pair = look.clone();
                        let lo = (pair.next() == Some('\\') && pair.next() == Some('u'))
                            .then(|| hex(&mut pair, 4))
                            .flatten()
                            .filter(|lo| (0xDC00..=0xDFFF).contains(lo));
                        if let Some(lo) = lo {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.extend(char::from_u32(cp));
                            chars = pair;
                        } else {
                            out.push('\u{FFFD}');
                            chars = look;
                        }
                    }
                    Some(v) => {
                        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                        chars = look;
                    }
                    None => {
                        out.push('\\');
                        chars = rest;
                    }
                }
            }
            Some('x') => {
                let mut look = chars.clone();
                match hex(&mut look, 2) {
                    Some(v) => {
                        out.extend(char::from_u32(v));
                        chars = look;
                    }
                    None => {
                        out.push('\\');
                        chars = rest;
                    }
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "A paragraph of the story that is long enough, with a comma, to count as body text.";

    #[test]
    fn html_in_a_hydration_string_is_decoded() {
        let story = format!("<p>One. {P}</p><h3 class=\"sub\">Then</h3><p>Two. {P} “quoted” 한국어</p>");
        let lit = serde_json::to_string(&story)
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e");
        let page = format!(
            "<html><body><main><div class=spinner></div></main><script>window.__STATE__={{\"article\":{{\"contentHtml\":{lit},\"id\":7}}}};</script></body></html>"
        );
        let f = fragments(&page);
        assert_eq!(f, [story]);
    }

    #[test]
    fn json_inside_a_js_string_is_decoded_twice() {
        let story = format!("<p>One. {P}</p><p>Two. {P}</p><p>Three. {P}</p>");
        let inner = serde_json::to_string(&serde_json::json!({ "body": story })).unwrap();
        let outer = serde_json::to_string(&inner).unwrap();
        let page = format!("<body><script>var s = JSON.parse({outer});</script></body>");
        assert_eq!(fragments(&page), [story]);
    }

    #[test]
    fn noscript_template_and_script_templates_are_read() {
        let story = format!("<p>One. {P}</p><p>Two. {P}</p><p>Three. {P}</p>");
        for page in [
            format!("<body><noscript>{story}</noscript></body>"),
            format!("<body><template id=t>{story}</template></body>"),
            format!("<body><script type=\"text/template\">{story}</script></body>"),
        ] {
            assert_eq!(fragments(&page), std::slice::from_ref(&story), "{page}");
        }
    }

    #[test]
    fn plain_scripts_pixels_and_json_ld_give_nothing() {
        let page = format!(
            "<body><noscript><img src=\"https://example.com/pixel.gif?id=1234567890&amp;ref=home&amp;x=1\" width=1 height=1 style=\"display:none\" alt=\"tracking pixel for the analytics of the page\"></noscript>\
             <script>var a = \"no markup in this string at all, only words and words and more words and numbers 12345678901234567890 that go on and on for quite a while to pass the length floor of a fragment\";</script>\
             <script type=\"application/ld+json\">{{\"articleBody\":\"<p>{P} {P} {P}</p>\"}}</script></body>"
        );
        assert!(fragments(&page).is_empty());
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(
            decode_js_string(r#"a\"b\\c\/d\u00e9\ud83d\ude00\x41\n"#),
            "a\"b\\c/dé😀A\n"
        );
        assert_eq!(decode_js_string(r"\u12"), "\\u12");
        assert_eq!(decode_js_string("\\"), "\\");
    }

    #[test]
    fn unterminated_input_does_not_loop_or_panic() {
        for page in [
            "<script>\"\\u003cp>",
            "<script>",
            "<noscript>",
            "<script>\"<p ",
            "<template",
        ] {
            let _ = fragments(page);
        }
    }
}
