//! Input shapes that stress one stage or another, each made at any size (`n` units). Shared by
//! the scaling tests (`tests/scaling.rs`) and the scaling report (`examples/scaling.rs`).

/// A named shape: text or HTML made of `n` repetitions of its unit.
pub struct Shape {
    pub name: &'static str,
    /// true when the shape is an HTML page (goes through `html::extract` in the pipeline)
    pub html: bool,
    pub make: fn(usize) -> String,
}

const NEWS: &str = "The minister said the plan would work and that the budget was sound. \
According to officials in Lisbon, the rollout begins in May. \
\u{201c}We are ready for it,\u{201d} said Jane Smith, a spokeswoman for the ministry. ";

fn news_paragraphs(n: usize) -> String {
    let mut s = String::from("Plan approved\n\n");
    for _ in 0..n {
        s.push_str(NEWS);
        s.push_str("\n\n");
    }
    s
}

const NEWS_DE: &str = "Der Minister sagte, der Plan werde funktionieren und der Haushalt sei solide. \
Nach Angaben der Beh\u{f6}rden in Berlin beginnt die Einf\u{fc}hrung im Mai. \
\u{201e}Wir sind bereit\u{201c}, sagte Jana Schmidt, eine Sprecherin des Ministeriums. ";

const NEWS_PT: &str = "O ministro disse que o plano vai funcionar e que o or\u{e7}amento \u{e9} s\u{f3}lido. \
Segundo as autoridades de Lisboa, a implementa\u{e7}\u{e3}o come\u{e7}a em maio. \
\u{201c}Estamos prontos\u{201d}, afirmou Joana Silva, porta-voz do minist\u{e9}rio. ";

fn news_de(n: usize) -> String {
    let mut s = String::from("Plan gebilligt\n\n");
    for _ in 0..n {
        s.push_str(NEWS_DE);
        s.push_str("\n\n");
    }
    s
}

fn news_pt_one_paragraph(n: usize) -> String {
    NEWS_PT.repeat(n)
}

fn one_huge_paragraph(n: usize) -> String {
    NEWS.repeat(n)
}

fn quote_heavy(n: usize) -> String {
    "\u{201c}He said this, she said. ".repeat(n * 4)
}

fn quote_marks_only(n: usize) -> String {
    "\u{201c}\u{201d}\"'\u{ab}\u{bb}\u{201e}".repeat(n * 4)
}

fn quotes_between_symbols(n: usize) -> String {
    // what a page of HTML entities decodes to: quote marks and apostrophes between symbols
    "&<>\"'\u{a0}\u{201c}\u{2014}".repeat(n * 6)
}

fn single_quotes_unclosed(n: usize) -> String {
    // opening single quotes that never close, and double quotes between them
    " \u{2018}word \u{201c}a\u{201d}".repeat(n * 4)
}

fn unbalanced_quotes(n: usize) -> String {
    // openings that never close, with speech verbs after them
    "\u{201c}The talks will fail, he said, and \"nobody wants it. ".repeat(n * 2)
}

fn tiny_paragraphs(n: usize) -> String {
    "Hi.\n\n".repeat(n * 40)
}

fn names_only(n: usize) -> String {
    "Joe Biden Kim Jong-un Angela Merkel Lisbon Reuters ".repeat(n * 4)
}

fn emoji_zero_width(n: usize) -> String {
    "\u{1f600}\u{200b}\u{1f44d}\u{200d}\u{2764}\u{fe0f} \u{200b}\u{200b}".repeat(n * 8)
}

fn html_entities_only(n: usize) -> String {
    "&amp;&lt;&gt;&quot;&#39;&nbsp;&#x201c;&mdash;".repeat(n * 4)
}

fn html_news(n: usize) -> String {
    let mut s = String::from("<html><head><title>Plan approved | Daily</title></head><body><article>");
    for _ in 0..n {
        s.push_str("<p>");
        s.push_str(NEWS);
        s.push_str("</p>");
    }
    s.push_str("</article></body></html>");
    s
}

fn html_table(n: usize) -> String {
    let mut s = String::from("<html><body><table>");
    for r in 0..n * 4 {
        s.push_str("<tr>");
        for c in 0..10 {
            s.push_str(&format!("<td>cell {r} {c}</td>"));
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    s
}

fn html_deep_nesting(n: usize) -> String {
    let d = n * 100;
    let mut s = String::from("<html><body>");
    for _ in 0..d {
        s.push_str("<div>");
    }
    s.push_str("<p>");
    s.push_str(NEWS);
    s.push_str("</p>");
    for _ in 0..d {
        s.push_str("</div>");
    }
    s.push_str("</body></html>");
    s
}

fn html_unclosed(n: usize) -> String {
    let mut s = String::from("<html><body>");
    for _ in 0..n * 10 {
        s.push_str("<span><b><p>Text of the story, said the minister. ");
    }
    s
}

/// Every shape. Unit sizes are chosen so `n = 1` is a few hundred bytes.
pub const SHAPES: &[Shape] = &[
    Shape {
        name: "news_paragraphs",
        html: false,
        make: news_paragraphs,
    },
    Shape {
        name: "one_huge_paragraph",
        html: false,
        make: one_huge_paragraph,
    },
    Shape {
        name: "news_de",
        html: false,
        make: news_de,
    },
    Shape {
        name: "news_pt_one_paragraph",
        html: false,
        make: news_pt_one_paragraph,
    },
    Shape {
        name: "quote_heavy",
        html: false,
        make: quote_heavy,
    },
    Shape {
        name: "quote_marks_only",
        html: false,
        make: quote_marks_only,
    },
    Shape {
        name: "quotes_between_symbols",
        html: false,
        make: quotes_between_symbols,
    },
    Shape {
        name: "single_quotes_unclosed",
        html: false,
        make: single_quotes_unclosed,
    },
    Shape {
        name: "unbalanced_quotes",
        html: false,
        make: unbalanced_quotes,
    },
    Shape {
        name: "tiny_paragraphs",
        html: false,
        make: tiny_paragraphs,
    },
    Shape {
        name: "names_only",
        html: false,
        make: names_only,
    },
    Shape {
        name: "emoji_zero_width",
        html: false,
        make: emoji_zero_width,
    },
    Shape {
        name: "html_entities_only",
        html: false,
        make: html_entities_only,
    },
    Shape {
        name: "html_news",
        html: true,
        make: html_news,
    },
    Shape {
        name: "huge_table",
        html: true,
        make: html_table,
    },
    Shape {
        name: "deep_nesting",
        html: true,
        make: html_deep_nesting,
    },
    Shape {
        name: "unclosed_tags",
        html: true,
        make: html_unclosed,
    },
];
