//! Segment: clean text in, sentence and token boundaries out.
//!
//! Every boundary is a UTF-8 byte range into the input `&str`, always on char boundaries, in
//! increasing order and non-overlapping. Sentences never cross a paragraph break (a blank line).
//! Conversion to Python `str` offsets happens once, at the edge (see `table::CharOffsets`).

use std::ops::Range;

/// A token: a word (letters/digits with inner `-`, `'`, `.`, `,` as in "Jong-un", "U.S.", "1,000"),
/// or a single punctuation character.
pub type Span = Range<usize>;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Characters that may join two word characters inside a token ("Jong-un", "don't", "3.5",
/// "1,000", "U.S").
fn is_inner_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | '‐' | '·' | '&' | '@' | '/')
}

/// Split `text` into tokens. Whitespace is dropped; every other char belongs to exactly one token.
/// A trailing "." is kept on single-letter abbreviations ("U.S.", "J.") and on capitalised
/// abbreviations such as "Mr." or "Gen." so sentence splitting and acronym matching see them
/// whole; possessive "'s" stays a separate token.
pub fn tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if matches!(c, '\'' | '’') {
            let rest = &text[i + c.len_utf8()..];
            if (rest.starts_with('s') || rest.starts_with('S'))
                && rest[1..].chars().next().is_none_or(|x| !is_word_char(x))
                && text[..i].chars().last().is_some_and(|p| {
                    is_word_char(p) || (p == ' ' && text[..i - 1].chars().last().is_some_and(is_word_char))
                })
            {
                it.next();
                out.push(i..i + c.len_utf8() + 1);
                continue;
            }
        }
        if !is_word_char(c) {
            out.push(i..i + c.len_utf8());
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                it.next();
                end = j + d.len_utf8();
                continue;
            }
            if is_inner_joiner(d) {
                // joiner followed by a word char: keep inside the token, except possessive 's
                let rest = &text[j + d.len_utf8()..];
                let next = rest.chars().next();
                if let Some(n) = next {
                    if is_word_char(n) {
                        let numeric_sep = matches!(d, '.' | ',')
                            && text[..j].chars().last().is_some_and(|p| p.is_ascii_digit())
                            && n.is_ascii_digit();
                        let abbrev_dot =
                            d == '.' && n.is_alphabetic() && text[i..j].chars().count() == 1 && !n.is_lowercase();
                        let possessive = matches!(d, '\'' | '’')
                            && (rest.starts_with('s') || rest.starts_with('S'))
                            && rest[1..].chars().next().is_none_or(|x| !is_word_char(x));
                        let ok = match d {
                            '.' | ',' => numeric_sep || abbrev_dot,
                            '\'' | '’' => !possessive,
                            '/' | '&' | '@' => false,
                            _ => true,
                        };
                        if ok {
                            it.next();
                            continue;
                        }
                    } else if d == '.'
                        && text[i..j].chars().count() == 1
                        && text[i..j].chars().all(|x| x.is_uppercase())
                        && text[..i].ends_with('.')
                    {
                        // final dot of "U.S." style abbreviations
                        it.next();
                        end = j + 1;
                    }
                }
            }
            break;
        }
        // single-letter capital initial "J." or "U.S." closing dot
        if text[end..].starts_with('.') {
            let tok = &text[i..end];
            let letters = tok.chars().filter(|c| c.is_alphabetic()).count();
            let abbreviation = tok.contains('.') && letters <= 4 && tok.chars().all(|c| c.is_alphabetic() || c == '.');
            let initial = letters == 1 && tok.chars().all(|c| c.is_uppercase());
            // "Mr.", "Dr.", "Gen.", "St.", "Jr.": a capitalised abbreviation keeps its dot, so the
            // name after it is not read as the start of a sentence
            let title = tok.chars().next().is_some_and(char::is_uppercase) && is_abbreviation(tok);
            if abbreviation || initial || title {
                end += 1;
            }
        }
        while it.peek().is_some_and(|&(j, _)| j < end) {
            it.next();
        }
        out.push(i..end);
    }
    out
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "rev",
    "hon", "pres", "vs", "etc", "inc", "ltd", "co", "corp", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "sra", "sr", "dra", "av", "nº", "núm", "mme", "mlle", "hr", "fr", "nr", "bzw",
    "ca", "vgl", "z.b", "u.a", "approx", "est", "fig", "p", "pp", "mio", "mrd", "tsd",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    ABBREVIATIONS.contains(&w.as_str()) || (w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
}

/// A German or Scandinavian day with its ordinal dot before a month name ("am 3. Mai",
/// "7. Oktober 2024"): the dot ends no sentence.
fn day_before_month(word: &str, rest: &str) -> bool {
    let next_word = rest.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()) && crate::dates::is_month_name(next_word)
}

/// "U.S", "U.K", "E.U" (the final dot excluded): capital initials joined by dots.
fn is_dotted_initials(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Words that usually open a sentence rather than continue a name: after "U.S." a sentence
/// boundary is taken only before one of these ("... in the U.S. The talks ..."), so "the U.S.
/// Army" and "U.S. Supreme Court" stay whole.
fn starts_with_sentence_opener(rest: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "But",
        "And",
        "Or",
        "So",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "My",
        "When",
        "While",
        "After",
        "Before",
        "If",
        "As",
        "For",
        "With",
        "Yet",
        "However",
        "Meanwhile",
        "Also",
        "Some",
        "Many",
        "Most",
        "Officials",
        "Now",
        "Then",
        "What",
        "Why",
        "How",
        "Who",
        "No",
        "Not",
        "Still",
        "Since",
        "By",
    ];
    let w: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    OPENERS.contains(&w)
}

/// Split `text` into sentences: at `.`, `!`, `?`, `…` (with closing quotes/brackets) followed by
/// whitespace and an upper-case letter, digit, quote or dash; and always at a blank line. Returned
/// ranges are trimmed of surrounding whitespace; empty sentences are skipped.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para_end in paragraph_ends(text) {
        split_paragraph(text, para_start, para_end, &mut out);
        para_start = para_end;
    }
    out
}

/// Byte offsets where each paragraph (block separated by a blank line) ends; the last is text.len().
fn paragraph_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'\n', &bytes[i..]) {
        let nl = i + p;
        // blank line: "\n" followed by optional spaces and another "\n"
        let mut j = nl + 1;
        while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            ends.push(nl);
            i = j;
        } else {
            i = nl + 1;
        }
    }
    ends.push(text.len());
    ends
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(start + lead..end - trail);
    }
}

fn split_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let para = &text[start..end];
    let mut sent_start = start;
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…' | '。') {
            // absorb runs of terminal punctuation and closing quotes/brackets
            let mut m = k + 1;
            while m < chars.len()
                && matches!(
                    chars[m].1,
                    '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']' | '»'
                )
            {
                m += 1;
            }
            // need whitespace next, then a sentence opener
            let mut n = m;
            let mut saw_ws = false;
            while n < chars.len() && chars[n].1.is_whitespace() {
                saw_ws = true;
                n += 1;
            }
            if saw_ws && n < chars.len() {
                let next = chars[n].1;
                let opener = next.is_uppercase()
                    || next.is_ascii_digit()
                    || matches!(
                        next,
                        '"' | '“' | '‘' | '\'' | '«' | '„' | '—' | '–' | '-' | '(' | '[' | '¿' | '¡'
                    );
                let abbrev = c == '.' && m == k + 1 && {
                    let before = &para[..i];
                    let word_start = before
                        .char_indices()
                        .rev()
                        .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                        .map(|(p, ch)| p + ch.len_utf8())
                        .unwrap_or(0);
                    let word = &before[word_start..];
                    let rest = &para[chars[n].0..];
                    !word.is_empty()
                        && !next.is_ascii_digit()
                        && (is_abbreviation(word)
                            || (is_dotted_initials(word) && !starts_with_sentence_opener(rest))
                            || day_before_month(word, rest))
                };
                if opener && !abbrev {
                    let cut = start + chars.get(m).map(|x| x.0).unwrap_or(para.len());
                    push_trimmed(text, sent_start, cut, out);
                    sent_start = cut;
                }
            }
            k = m;
            continue;
        }
        if c == '\n' {
            // a single line break ends a sentence when the line ended with terminal punctuation
            // or the line is short (a heading or list item inside a paragraph block)
            let line_before = &para[..i];
            let ls = line_before.rfind('\n').map(|p| p + 1).unwrap_or(0);
            let line = line_before[ls..].trim();
            if !line.is_empty() && (line.len() < 80 || line.ends_with(['.', '!', '?', ':', '"', '”'])) {
                push_trimmed(text, sent_start, start + i, out);
                sent_start = start + i;
            }
        }
        k += 1;
    }
    push_trimmed(text, sent_start, end, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn tokens_keep_names_abbreviations_and_numbers_whole() {
        assert_eq!(
            toks("Kim Jong-un met U.S. officials."),
            ["Kim", "Jong-un", "met", "U.S.", "officials", "."]
        );
        assert_eq!(toks("Russia's 1,000.5 rockets"), ["Russia", "'s", "1,000.5", "rockets"]);
        assert_eq!(toks("“Hello,” he said"), ["“", "Hello", ",", "”", "he", "said"]);
        assert_eq!(toks("don't stop"), ["don't", "stop"]);
        // a capitalised title abbreviation keeps its dot, so the name after it does not look
        // like the first word of a sentence; a lower-case word before a full stop does not
        assert_eq!(
            toks("said Ms. Gillard and Gen. Milley"),
            ["said", "Ms.", "Gillard", "and", "Gen.", "Milley"]
        );
        assert_eq!(toks("in the co. Then"), ["in", "the", "co", ".", "Then"]);
        // pre-tokenised text ("Moscow 's") gets the same possessive token as running text
        assert_eq!(
            toks("Moscow 's bid, Moscow’s bid"),
            ["Moscow", "'s", "bid", ",", "Moscow", "’s", "bid"]
        );
    }

    #[test]
    fn sentences_split_at_terminal_punctuation_not_abbreviations() {
        let t = "Mr. Smith went to Washington. He met Dr. Jones! Did U.S. officials agree? Yes.\n\nNew paragraph";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "Mr. Smith went to Washington.",
                "He met Dr. Jones!",
                "Did U.S. officials agree?",
                "Yes.",
                "New paragraph"
            ]
        );
    }

    #[test]
    fn a_day_before_its_month_and_a_scale_abbreviation_end_no_sentence() {
        let t = "Am 3. Mai 2024 kamen 2,5 Mio. Besucher. Bis zum 7. Oktober waren es 3 Mrd. Euro. Platz 3. Dann kam Berlin.";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "Am 3. Mai 2024 kamen 2,5 Mio. Besucher.",
                "Bis zum 7. Oktober waren es 3 Mrd. Euro.",
                "Platz 3.",
                "Dann kam Berlin."
            ]
        );
    }

    #[test]
    fn dotted_initials_end_a_sentence_only_before_an_opener() {
        let t = "The U.S. Army said it left the U.S. The talks ended in the U.K. Officials agreed.";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            [
                "The U.S. Army said it left the U.S.",
                "The talks ended in the U.K.",
                "Officials agreed."
            ]
        );
    }

    #[test]
    fn sentences_keep_closing_quotes() {
        let t = "“It is over,” he said. “We won.” Then silence.";
        let s: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["“It is over,” he said.", "“We won.”", "Then silence."]);
    }

    #[test]
    fn multibyte_spaces_before_abbreviations_do_not_panic() {
        let t = "Talks with Mr.\u{a0}Smith.\u{3000}Dr. Who came. Then\u{2003}St. Louis.";
        for r in sentences(t) {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
    }

    #[test]
    fn spans_are_char_boundaries_on_any_input() {
        let t = "Ça va? Ünïcödé… «Oui». 日本語。 x\u{0301}y.";
        for r in tokens(t).into_iter().chain(sentences(t)) {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
    }
}
