//! Quotes: find the quoted passages of a text.
//!
//! In: clean text (paragraphs separated by blank lines). Out: `Quote`s in text order, each with
//! the byte range of its opening mark, of its closing mark (absent when the writer never closed
//! it) and of its content (inside the marks, whitespace trimmed). Every range lies on char
//! boundaries. Handles straight, curly, low-9 („“), guillemet («» and »«) and single quotes,
//! `’’`/`''` used as a closing double mark, marks whose glyph is the wrong way round (decided by
//! the surrounding spaces), unbalanced marks (closed at the paragraph end) and quotes running over
//! several paragraphs (paragraph left open, next paragraph opening with a mark: one quote).
//! Single quotes are read only outside double quotes (British style), and only when both marks
//! are found in the paragraph, so apostrophes never open a quote.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub open: Range<usize>,
    pub close: Option<Range<usize>>,
    pub content: Range<usize>,
    /// a double-quote family mark (", “”, „, «») rather than a single one
    pub double: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone)]
struct Mark {
    at: Range<usize>,
    role: Role,
    double: bool,
}

fn boundary_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '…'))
}

fn boundary_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '\'' && c != '"')
            || matches!(c, '—' | '–' | '…' | '”' | '’' | '»')
    })
}

/// All quote marks of one paragraph with their likely role.
fn marks(text: &str, para: Range<usize>) -> Vec<Mark> {
    let mut out = Vec::new();
    let p = &text[para.clone()];
    let mut it = p.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = it.next() {
        let start = para.start + i;
        let next = it.peek().map(|x| x.1);
        // '' or ’’ as one closing/opening double mark
        if matches!(c, '\'' | '’' | '‘') && next == Some(c) {
            it.next();
            let after = it.peek().map(|x| x.1);
            let role = match (boundary_before(prev), boundary_after(after)) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                _ => Role::Either,
            };
            out.push(Mark {
                at: start..start + 2 * c.len_utf8(),
                role,
                double: true,
            });
            prev = Some(c);
            continue;
        }
        let (double, glyph) = match c {
            '"' => (true, Role::Either),
            '“' | '„' => (true, Role::Open),
            '”' => (true, Role::Close),
            '«' => (true, Role::Open),
            '»' => (true, Role::Close),
            '‘' | '‚' => (false, Role::Open),
            '\'' | '’' => (false, Role::Either),
            _ => {
                prev = Some(c);
                continue;
            }
        };
        let (bb, ba) = (boundary_before(prev), boundary_after(next));
        let role = if !double {
            // a single mark between letters is an apostrophe ("don’t"); after a letter and before
            // a space it may be a closing mark or a plural possessive ("Edmunds’ chief")
            let letter_before = prev.is_some_and(|x| x.is_alphanumeric());
            let letter_after = next.is_some_and(|x| x.is_alphanumeric());
            if letter_before && letter_after {
                prev = Some(c);
                continue;
            }
            if bb && !ba {
                Role::Open
            } else if !bb && ba {
                Role::Close
            } else {
                prev = Some(c);
                continue;
            }
        } else {
            match (bb, ba) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                _ => glyph,
            }
        };
        out.push(Mark {
            at: start..start + c.len_utf8(),
            role,
            double,
        });
        prev = Some(c);
    }
    out
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r.start..r.start;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Paragraph byte ranges: blocks separated by a blank line, whitespace trimmed, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'\n', &b[i..]) {
        let nl = i + p;
        let mut j = nl + 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < b.len() && b[j] == b'\n' {
            let r = trim(text, start..nl);
            if !r.is_empty() {
                out.push(r);
            }
            start = j + 1;
            i = j + 1;
        } else {
            i = nl + 1;
        }
    }
    let r = trim(text, start..text.len());
    if !r.is_empty() {
        out.push(r);
    }
    out
}

/// Find the quotes of `text` (see the module doc).
pub fn find(text: &str) -> Vec<Quote> {
    let paras = paragraphs(text);
    let mut out: Vec<Quote> = Vec::new();
    // a quote left open at the end of the previous paragraph, waiting for a continuation
    let mut carry: Option<(Range<usize>, usize)> = None; // (open mark, end of last paragraph)
    for (pi, para) in paras.iter().enumerate() {
        let ms = marks(text, para.clone());
        let doubles: Vec<&Mark> = ms.iter().filter(|m| m.double).collect();
        let mut open: Option<Range<usize>> = None;
        let mut k = 0;
        if let Some((omark, _)) = carry.take() {
            // continuation: this paragraph starts with an opening mark
            if doubles
                .first()
                .is_some_and(|m| m.at.start == para.start && m.role != Role::Close)
            {
                open = Some(omark);
                k = 1;
            } else if let Some((_, end)) = Some((omark.clone(), paras[pi - 1].end)) {
                out.push(Quote {
                    content: trim(text, omark.end..end),
                    open: omark,
                    close: None,
                    double: true,
                });
            }
        }
        let mut spans: Vec<Range<usize>> = Vec::new(); // double-quoted regions of this paragraph
        while k < doubles.len() {
            let m = doubles[k];
            match (&open, m.role) {
                (None, Role::Open | Role::Either) => open = Some(m.at.clone()),
                (None, Role::Close) => {
                    // closing mark with no opening one: the quote ran from the paragraph start
                    // when an attribution or the paragraph end follows
                    let before = &text[para.start..m.at.start];
                    // (spans are pushed left to right, so the last one ends furthest)
                    if !before.trim().is_empty() && spans.last().is_none_or(|s| s.end <= para.start) {
                        let content = trim(text, para.start..m.at.start);
                        out.push(Quote {
                            open: para.start..para.start,
                            close: Some(m.at.clone()),
                            content: content.clone(),
                            double: true,
                        });
                        spans.push(para.start..m.at.end);
                    }
                }
                (Some(o), Role::Close | Role::Either) => {
                    let o = o.clone();
                    out.push(Quote {
                        content: trim(text, o.end..m.at.start),
                        open: o.clone(),
                        close: Some(m.at.clone()),
                        double: true,
                    });
                    spans.push(o.start..m.at.end);
                    open = None;
                }
                (Some(o), Role::Open) => {
                    // two openings in a row: the first was never closed; end it before this one
                    let o = o.clone();
                    out.push(Quote {
                        content: trim(text, o.end..m.at.start),
                        open: o.clone(),
                        close: None,
                        double: true,
                    });
                    spans.push(o.start..m.at.start);
                    open = Some(m.at.clone());
                }
            }
            k += 1;
        }
        if let Some(o) = open.take() {
            // left open at the paragraph end: continued if the next paragraph opens with a mark
            let next_opens = paras.get(pi + 1).is_some_and(|np| {
                let c = text[np.start..].chars().next();
                matches!(c, Some('"' | '“' | '„' | '«'))
            });
            if next_opens {
                carry = Some((o, para.end));
            } else {
                out.push(Quote {
                    content: trim(text, o.end..para.end),
                    open: o.clone(),
                    close: None,
                    double: true,
                });
                spans.push(o.start..para.end);
            }
        }
        // single quotes outside the double-quoted regions, paired within the paragraph. The
        // spans do not overlap and come in text order, as the marks do: one merge pass.
        let mut si = 0;
        let singles: Vec<&Mark> = ms
            .iter()
            .filter(|m| {
                if m.double {
                    return false;
                }
                while si < spans.len() && spans[si].end < m.at.end {
                    si += 1;
                }
                !spans
                    .get(si)
                    .is_some_and(|s| s.start <= m.at.start && m.at.end <= s.end)
            })
            .collect();
        // the first closing single mark at or after each position (an opening mark pairs with it)
        let mut next_close = vec![None; singles.len() + 1];
        for j in (0..singles.len()).rev() {
            next_close[j] = if singles[j].role == Role::Close {
                Some(j)
            } else {
                next_close[j + 1]
            };
        }
        let mut i = 0;
        while i < singles.len() {
            if singles[i].role == Role::Open {
                if let Some(j) = next_close[i + 1] {
                    let (o, c) = (singles[i].at.clone(), singles[j].at.clone());
                    out.push(Quote {
                        content: trim(text, o.end..c.start),
                        open: o,
                        close: Some(c),
                        double: false,
                    });
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
        // a carried quote whose continuation was the last paragraph
        if pi + 1 == paras.len() {
            if let Some((o, end)) = carry.take() {
                out.push(Quote {
                    content: trim(text, o.end..end),
                    open: o,
                    close: None,
                    double: true,
                });
            }
        }
    }
    out.retain(|q| !q.content.is_empty());
    out.sort_by_key(|q| q.open.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|q| &t[q.content]).collect()
    }

    #[test]
    fn finds_every_mark_style() {
        assert_eq!(contents("He said \"yes, now,\" and left."), ["yes, now,"]);
        assert_eq!(contents("“It is over,” he said."), ["It is over,"]);
        assert_eq!(contents("Er sagte „Guten Tag“ laut."), ["Guten Tag"]);
        assert_eq!(contents("Il a dit « bonjour » hier."), ["bonjour"]);
        assert_eq!(contents("She called it ‘a disgrace’, he said."), ["a disgrace"]);
        assert_eq!(
            contents("“It was an attempt to mislead voters,’’ Moy said."),
            ["It was an attempt to mislead voters,"]
        );
    }

    #[test]
    fn apostrophes_do_not_open_quotes() {
        assert!(contents("Edmunds' chief said Britain's rates don't rise.").is_empty());
    }

    #[test]
    fn mismatched_and_unbalanced_marks() {
        assert_eq!(
            contents("“There was no linkage like that,\" she said."),
            ["There was no linkage like that,"]
        );
        assert_eq!(contents("He said: “We will win\n\nNext paragraph."), ["We will win"]);
        assert_eq!(contents("We will fight on,” he said."), ["We will fight on,"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let t = "He said: “First part.\n\n“Second part.”\n\nAfter.";
        assert_eq!(contents(t), ["First part.\n\n“Second part."]);
    }

    #[test]
    fn single_quotes_inside_double_are_not_top_level() {
        assert_eq!(
            contents("“the ‘Giuliani problem’?” Schiff asked."),
            ["the ‘Giuliani problem’?"]
        );
    }
}
