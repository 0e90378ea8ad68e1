//! Robustness of the HTML path: malformed markup, deep nesting, huge pages, huge tables, binary
//! junk. Each must return (no panic, no stack overflow) in time linear in the input size.

use newsdesk_core::html::{extract, sniff_charset};
use std::time::Instant;

fn para(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the story says something long enough to be body text, with a comma, and a full stop.</p>"
    )
}

#[test]
fn malformed_html_still_yields_the_story() {
    let html = "<html><head><title>Broken page</title><body><div class=article-body><p>Unclosed paragraph one has enough words to count as text in the body, surely.<p>Second <b>bold <i>misnested</b> italic</i> paragraph with words enough to be body text too.</div></span></td></table><p>trailing <a href=x>link</ <<<>>> &bogus; &#xZZ; </html></body><div>";
    let a = extract(html, None);
    let text = a.body_text();
    assert!(text.contains("Unclosed paragraph one"), "{text}");
    assert!(text.contains("bold misnested italic"), "{text}");
    assert_eq!(a.meta.title.as_deref(), Some("Broken page"));
}

#[test]
fn hundred_thousand_nested_elements_do_not_overflow() {
    let n = 100_000;
    let mut html = String::from("<html><body>");
    for _ in 0..n {
        html.push_str("<div>");
    }
    html.push_str(&para(0));
    for _ in 0..n {
        html.push_str("</div>");
    }
    let t = Instant::now();
    let a = extract(&html, None);
    eprintln!("nested: {:?}", t.elapsed());
    assert!(a.body_text().contains("Paragraph 0"));
    // Nested inline formatting and unclosed elements too.
    let mut html = String::from("<body>");
    for i in 0..n {
        html.push_str(if i % 2 == 0 { "<span>" } else { "<section>" });
    }
    html.push_str("deep text");
    let a = extract(&html, None);
    assert!(a.blocks.iter().all(|b| !b.text.is_empty()));
    // Unclosed elements that extraction skips whole, and unclosed comments and scripts.
    for open in ["<nav>", "<svg>", "<footer><aside>", "<script>", "<!--", "<style>"] {
        let mut html = String::from("<body><p>Start of the page with enough text to be a paragraph, surely.</p>");
        for _ in 0..n {
            html.push_str(open);
            html.push_str("x ");
        }
        let t = Instant::now();
        let _ = extract(&html, None);
        assert!(t.elapsed().as_secs_f64() < 20.0, "{open}: {:?}", t.elapsed());
    }
}

fn story(paragraphs: usize) -> String {
    let mut html = String::from("<html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><article>");
    for i in 0..paragraphs {
        html.push_str(&para(i));
        if i % 50 == 0 {
            html.push_str("<script>var x = '<p>not text</p>'; for (;;) {}</script><div class=ad-slot>Ad</div>");
        }
    }
    html.push_str("</article></body></html>");
    html
}

#[test]
fn fifty_megabyte_page_in_linear_time() {
    let small = story(4_000); // ~0.5 MB
    let big = story(450_000); // ~50 MB
    assert!(big.len() > 45_000_000, "{}", big.len());
    let t = Instant::now();
    let a = extract(&small, None);
    let t_small = t.elapsed().as_secs_f64();
    assert!(a.body_text().contains("Paragraph 3999"));
    let t = Instant::now();
    let a = extract(&big, None);
    let t_big = t.elapsed().as_secs_f64();
    assert!(a.body_text().contains("Paragraph 449999"));
    eprintln!("0.5 MB: {t_small:.3}s, 50 MB: {t_big:.3}s");
    // 100x the input: linear work takes ~100x the time, quadratic work ~10,000x. Allow 1,000x
    // (plus a constant) so noisy shared machines and debug builds do not fail a linear run.
    assert!(t_big < t_small * 1000.0 + 10.0, "not linear: {t_small} vs {t_big}");
}

#[test]
fn one_huge_table() {
    let mut html = String::from("<html><body><table>");
    for r in 0..50_000 {
        html.push_str("<tr>");
        for c in 0..6 {
            html.push_str(&format!("<td>r{r}c{c} value</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table></body></html>");
    let t = Instant::now();
    let a = extract(&html, None);
    eprintln!(
        "table ({} MB): {:?}, {} blocks",
        html.len() / 1_000_000,
        t.elapsed(),
        a.blocks.len()
    );
    assert!(a.body_text().contains("r49999c5 value"));
}

#[test]
fn binary_junk_labelled_html() {
    // Deterministic pseudo-random bytes, decoded lossily as the decode step would.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..2_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let _ = sniff_charset(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    let a = extract(&text, Some("not a url"));
    let _ = a.body_text();
    // NULs, lone surrogates (as replacement chars), control characters.
    let a = extract("\u{0}\u{0}<p>\u{1}\u{fffd}<\u{0}script>", None);
    let _ = a.body_text();
    let a = extract("", None);
    assert!(a.blocks.is_empty());
}

/// Random tag soup (deterministic): unbalanced tags, attributes with vocabulary words, entities,
/// comments, scripts, multi-byte text. Nothing may panic and every block must be non-empty text.
#[test]
fn random_tag_soup_never_panics() {
    const PIECES: [&str; 40] = [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<article class='story-body'>",
        "</article>",
        "<span>",
        "</span>",
        "<a href=x>",
        "</a>",
        "<ul><li>",
        "</li>",
        "<table><tr><td>",
        "</td>",
        "<h2>",
        "</h2>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<br>",
        "<div class='share related ad'>",
        "<svg><g>",
        "</svg>",
        "<select>",
        "&amp;",
        "&#x1F600;",
        "&bogus;",
        "São Paulo, Zürich — 東京 ",
        "text with, commas and words ",
        "<footer>",
        "</footer>",
        "<b><i>",
        "</b></i>",
        "<meta charset=x>",
        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"author\":[1,{\"@id\":2}]}",
        "<time datetime='2020-01-01'>",
    ];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..300 {
        let mut html = String::new();
        let n = (x % 400) as usize;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            html.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
        }
        let a = extract(&html, Some("https://example.com/2020/01/02/x"));
        assert!(a.blocks.iter().all(|b| !b.text.trim().is_empty()));
        let _ = a.body_text();
    }
}
