//! Clean: scraped text or extracted HTML blocks in; clean body paragraphs, headings and the facts
//! read from the header and trailer (title, outlet, byline, date, credits) out.
//!
//! One cleaner serves both paths: the text path splits text into lines (`clean`), the HTML path
//! hands over typed blocks (`clean_blocks`). Steps:
//! 1. `normalize`: HTML entities, mojibake (UTF-8 read as CP-1252), NFC, white space, zero-width
//!    characters and soft hyphens.
//! 2. Line classes: boilerplate phrases (one automaton over `data/boilerplate.txt`), credit lines
//!    ("*with AP, Reuters"), source lines ("source: Noticias"), date lines, bylines, crumbs.
//! 3. Hard-wrapped lines are joined back into paragraphs.
//! 4. Structure: a title line before the first real paragraph; short unpunctuated lines between
//!    paragraphs are headings; what trails the last paragraph or follows a "Related Posts" marker
//!    is removed.
//!
//! Invariants: every removed line is reported in `removed`; `clean_text` is idempotent.

use crate::article::{Block, BlockKind};
use crate::dates;
use crate::lexicon::{entries, AliasList};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------------
// 1. Normalisation

/// Bytes of the CP-1252 code page for the characters it maps above 0x7F outside Latin-1.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x100 {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Repair text that was UTF-8 but read as CP-1252/Latin-1 ("SÃ£o Paulo" → "São Paulo"). Only
/// runs of characters that re-encode to a valid multi-byte UTF-8 sequence are replaced, so correct
/// text around them (and legitimate "SÃO PAULO") is left alone.
pub fn fix_mojibake(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // bytes of `text` already in `out`
    let mut it = text.char_indices();
    while let Some((i, c)) = it.next() {
        let Some(b) = cp1252_byte(c).filter(|b| (0xC2..=0xF4).contains(b)) else {
            continue;
        };
        let n = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        let mut bytes = [b, 0, 0, 0];
        let mut end = i + c.len_utf8();
        let mut k = 1;
        for d in text[end..].chars().take(n - 1) {
            match cp1252_byte(d) {
                Some(x) if (0x80..=0xBF).contains(&x) => {
                    bytes[k] = x;
                    k += 1;
                    end += d.len_utf8();
                }
                _ => break,
            }
        }
        if k == n {
            if let Ok(fixed) = std::str::from_utf8(&bytes[..n]) {
                out.push_str(&text[copied..i]);
                out.push_str(fixed);
                copied = end;
                // skip the chars just consumed
                while it.clone().next().is_some_and(|(j, _)| j < end) {
                    it.next();
                }
            }
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn has_mojibake_marker(text: &str) -> bool {
    // Markers are a Latin-1 letter U+00C0..U+00FF (UTF-8 lead byte 0xC3, or 0xC2 for 'Â'-like
    // pairs) followed by a character CP-1252 maps into 0x80..0xBF: U+0080..U+00BF (lead 0xC2) or
    // one of the CP-1252 specials (leads 0xC5, 0xC6, 0xCB, 0xE2). Scan bytes, check chars only
    // at candidates.
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(p) = memchr::memchr(0xC3, &b[from..]) {
        let i = from + p;
        from = i + 1;
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if !matches!(
            c,
            'Ã' | 'Â'
                | 'â'
                | 'Å'
                | 'Ä'
                | 'Æ'
                | 'Ð'
                | 'Ñ'
                | 'Î'
                | 'Ï'
                | 'Ê'
                | 'Ë'
                | 'É'
                | 'È'
                | 'Ç'
                | 'Ì'
                | 'Í'
                | 'Ø'
                | 'Ù'
                | 'Ú'
                | 'Û'
                | 'Ü'
                | 'Ý'
                | 'à'
                | 'ã'
                | 'ð'
                | 'ï'
                | 'å'
        ) {
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        if next.and_then(cp1252_byte).is_some_and(|x| (0x80..=0xBF).contains(&x)) {
            return true;
        }
    }
    false
}

/// An HTML entity (`&amp;`, `&#8217;`, `&#x2019;`) somewhere in `text`.
fn has_entity(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'&', b).any(|i| {
        let rest = &b[i + 1..b.len().min(i + 34)];
        match rest.iter().position(|&c| c == b';') {
            Some(p) if p > 0 => rest[..p]
                .iter()
                .enumerate()
                .all(|(k, &c)| c.is_ascii_alphanumeric() || (k == 0 && c == b'#')),
            _ => false,
        }
    })
}

/// True when no character can change under NFC: every char is below U+0300 (no combining marks
/// or compositions start there) or is common punctuation or a currency sign (U+2010..U+2027,
/// U+2030..U+205E, U+20A0..U+20C0), which NFC never touches. Cheaper than the full quick check for
/// the usual news text with curly quotes and dashes.
fn surely_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // only lead bytes >= 0xCC start a char >= U+0300; continuation bytes are < 0xC0
        if b[i] < 0xCC {
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            return false;
        };
        if !(('\u{2010}'..='\u{2027}').contains(&c)
            || ('\u{2030}'..='\u{205E}').contains(&c)
            || ('\u{20A0}'..='\u{20C0}').contains(&c))
        {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

fn is_removed_char(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && c != '\n' && c != '\t')
}

fn is_space_char(c: char) -> bool {
    c == '\t'
        || c == '\u{00A0}'
        || c == '\u{3000}'
        || c == '\u{202F}'
        || c == '\u{205F}'
        || ('\u{2000}'..='\u{200A}').contains(&c)
}

/// Normalise scraped text: HTML entities decoded, mojibake repaired, NFC, line ends `\n`, spaces
/// folded, zero-width characters, soft hyphens and controls removed, lines trimmed.
pub fn normalize(text: &str) -> String {
    let (mut s, mut removed) = normalize_once(text);
    // removing invisible characters can bring mojibake, entity or composition pairs together:
    // repeat until stable, so that normalisation (and `clean_text`) is idempotent
    for _ in 0..4 {
        if !removed {
            break;
        }
        (s, removed) = normalize_once(&s);
    }
    s
}

/// One normalisation pass; also tells whether characters were removed (then another pass may
/// find pairs the removal brought together).
fn normalize_once(text: &str) -> (String, bool) {
    let mut s = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    for _ in 0..3 {
        let before = s.len();
        if has_entity(&s) {
            s = html_escape::decode_html_entities(&s).into_owned();
        }
        if !s.is_ascii() && has_mojibake_marker(&s) {
            s = fix_mojibake(&s);
        }
        if s.len() == before {
            break;
        }
    }
    let s: String = if surely_nfc(&s)
        || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        s
    } else {
        s.nfc().collect()
    };
    let mut out = String::with_capacity(s.len());
    let mut removed = false;
    for line in s.split('\n') {
        let mut prev_space = true;
        let start = out.len();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // copy runs of ordinary bytes at once; stop at spaces, controls and the lead bytes of
            // the few non-ASCII characters that need attention (C1/NBSP/soft hyphen, U+2000..,
            // U+3000, U+FEFF)
            let run_end = bytes[i..]
                .iter()
                .position(|&b| b <= b' ' || b == 0x7F || matches!(b, 0xC2 | 0xE2 | 0xE3 | 0xEF))
                .map_or(bytes.len(), |p| i + p);
            if run_end > i {
                out.push_str(&line[i..run_end]);
                prev_space = false;
                i = run_end;
                continue;
            }
            let c = line[i..].chars().next().expect("char at boundary");
            i += c.len_utf8();
            if is_removed_char(c) {
                removed = true;
                continue;
            }
            if c == ' ' || is_space_char(c) {
                if !prev_space {
                    out.push(' ');
                }
                prev_space = true;
            } else {
                out.push(c);
                prev_space = false;
            }
        }
        while out.len() > start && out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
    out.pop();
    (out, removed)
}

// ---------------------------------------------------------------------------------------------
// 2. Line classes

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Match {
    Whole,
    Prefix,
    Contains,
    Trailer,
}

struct Boilerplate {
    automaton: AhoCorasick,
    kinds: Vec<Match>,
    lens: Vec<usize>,
}

static BOILERPLATE: LazyLock<Boilerplate> = LazyLock::new(|| {
    let mut pats = Vec::new();
    let mut kinds = Vec::new();
    for e in entries(include_str!("../data/boilerplate.txt")) {
        let (k, p) = e.split_at(1);
        let kind = match k {
            "=" => Match::Whole,
            "^" => Match::Prefix,
            "~" => Match::Contains,
            ">" => Match::Trailer,
            _ => continue,
        };
        pats.push(p.to_lowercase());
        kinds.push(kind);
    }
    let lens = pats.iter().map(|p| p.len()).collect();
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&pats)
        .expect("boilerplate automaton");
    Boilerplate { automaton, kinds, lens }
});

static AGENCIES: LazyLock<AliasList> = LazyLock::new(|| AliasList::parse(include_str!("../data/agencies.txt")));
static OUTLETS: LazyLock<AliasList> = LazyLock::new(|| AliasList::parse(include_str!("../data/outlets.txt")));

struct Credits {
    role: Vec<String>,
    contributed: Vec<String>,
    source: Vec<String>,
    with: Vec<String>,
    agencies: Vec<String>,
    byline: Vec<String>,
    staff: Vec<String>,
}

static CREDITS: LazyLock<Credits> = LazyLock::new(|| {
    let mut c = Credits {
        role: vec![],
        contributed: vec![],
        source: vec![],
        with: vec![],
        agencies: vec![],
        byline: vec![],
        staff: vec![],
    };
    for e in entries(include_str!("../data/credits.txt")) {
        let Some((k, p)) = e.split_once('\t') else { continue };
        let list = match k {
            "source" => &mut c.source,
            "with" => &mut c.with,
            "agencies" => &mut c.agencies,
            "byline" => &mut c.byline,
            "staff" => &mut c.staff,
            "role" => &mut c.role,
            "contributed" => &mut c.contributed,
            _ => continue,
        };
        list.push(p.trim().to_lowercase());
    }
    // longest lead first
    for l in [
        &mut c.source,
        &mut c.with,
        &mut c.agencies,
        &mut c.byline,
        &mut c.contributed,
    ] {
        l.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    c
});

/// The news agencies list, canonical names (shared with other stages).
pub fn agencies() -> &'static AliasList {
    &AGENCIES
}

/// The news outlets list, canonical names (shared with other stages).
pub fn outlets() -> &'static AliasList {
    &OUTLETS
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Lower case with decorative punctuation trimmed and spaces folded (lines are already
/// normalised, so folding is only needed for raw input).
fn norm_line(line: &str) -> std::borrow::Cow<'_, str> {
    let t = line.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '–'
                    | '—'
                    | '*'
                    | '•'
                    | '·'
                    | '|'
                    | '>'
                    | '»'
                    | '«'
                    | '<'
                    | '_'
                    | '='
                    | '#'
                    | '~'
                    | '+'
                    | '►'
                    | '▶'
                    | '→'
                    | '■'
                    | '●'
                    | '['
                    | ']'
            )
    });
    let t = t.trim_end_matches([':', '.', '…']);
    let plain = !t.contains("  ") && !t.contains(['\t', '\n']);
    if plain && t.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        return std::borrow::Cow::Borrowed(t);
    }
    if plain {
        return std::borrow::Cow::Owned(t.to_lowercase());
    }
    std::borrow::Cow::Owned(t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
}

#[derive(Debug, Clone, PartialEq)]
enum Class {
    Content,
    Boilerplate {
        trailer: bool,
    },
    Credit(Vec<String>),
    Source(String),
    DateLine(String),
    Byline {
        authors: Vec<String>,
        agencies: Vec<String>,
        date: Option<String>,
    },
    Crumb,
    /// A short line inside a link-list trailer.
    Trailing,
}

fn boilerplate_class(n: &str) -> Option<Class> {
    if n.is_empty() {
        return None;
    }
    let bp = &*BOILERPLATE;
    let short = word_count(n) < 25;
    let mut hit: Option<Class> = None;
    for m in bp.automaton.find_overlapping_iter(n) {
        let i = m.pattern().as_usize();
        let (s, e) = (m.start(), m.end());
        let word_edge = n[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            && (n[e..].chars().next().is_none_or(|c| !c.is_alphanumeric())
                || !n[s..e].ends_with(|c: char| c.is_alphanumeric()));
        if !word_edge {
            continue;
        }
        match bp.kinds[i] {
            Match::Whole if s == 0 && e == n.len() => return Some(Class::Boilerplate { trailer: false }),
            Match::Trailer if s == 0 && e == n.len() && bp.lens[i] == n.len() => {
                return Some(Class::Boilerplate { trailer: true })
            }
            Match::Prefix if s == 0 && short => hit = Some(Class::Boilerplate { trailer: false }),
            Match::Contains if short => hit = Some(Class::Boilerplate { trailer: false }),
            _ => {}
        }
    }
    hit
}

/// Split a credit list "AP, Reuters and Lusa" into items.
fn split_items(s: &str) -> Vec<&str> {
    let mut items = vec![s];
    for sep in [
        ",", ";", "/", " and ", " e ", " y ", " et ", " und ", " & ", " with ", " com ", " con ", " avec ", " mit ",
    ] {
        items = items.into_iter().flat_map(|i| i.split(sep)).collect();
    }
    items
        .into_iter()
        .map(|i| {
            i.trim()
                .trim_matches(|c: char| matches!(c, '(' | ')' | '.' | '[' | ']'))
        })
        .filter(|i| !i.is_empty())
        .collect()
}

/// Editors' initials in credit lines ("skr/mit Reuters", "hb/dpa"): 1 to 4 lower-case letters.
fn is_initials(item: &str) -> bool {
    (1..=4).contains(&item.len()) && item.bytes().all(|b| b.is_ascii_lowercase())
}

fn agencies_of(items: &[&str]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut initials = 0;
    for it in items {
        let lower = it.to_lowercase();
        if CREDITS.agencies.contains(&lower) {
            continue;
        }
        // "mit Reuters" after initials: drop the lead word
        let it = CREDITS
            .with
            .iter()
            .find_map(|w| {
                lower
                    .strip_prefix(w.as_str())
                    .filter(|r| r.starts_with(' '))
                    .map(|r| it[it.len() - r.len()..].trim())
            })
            .unwrap_or(it);
        let Some(a) = AGENCIES.exact(it) else {
            if is_initials(it) {
                initials += 1;
                continue;
            }
            return None;
        };
        if !out.iter().any(|x| x == a) {
            out.push(a.to_string());
        }
    }
    // initials alone are no credit
    (initials == 0 || !out.is_empty()).then_some(out)
}

fn strip_lead<'a>(lower: &str, line: &'a str, leads: &[String]) -> Option<&'a str> {
    for lead in leads {
        if let Some(rest) = lower.strip_prefix(lead.as_str()) {
            if rest.starts_with([' ', ':']) || rest.is_empty() {
                return line.get(lead.len()..).map(|r| r.trim_start_matches([' ', ':']).trim());
            }
        }
    }
    None
}

fn credit_class(line: &str) -> Option<Class> {
    let t = line
        .trim()
        .trim_start_matches(['*', '(', '[', '-', '–', '—', ' '])
        .trim_end_matches([')', ']', '.', ' ', '*']);
    if t.is_empty() || word_count(t) > 12 {
        return None;
    }
    let lower = t.to_lowercase();
    // same byte length needed for slicing `t` by lead length
    if lower.len() != t.len() {
        return None;
    }
    if CREDITS.agencies.contains(&lower) {
        return Some(Class::Credit(vec![]));
    }
    if let Some(rest) = strip_lead(&lower, t, &CREDITS.source) {
        if !rest.is_empty() && word_count(rest) <= 8 && !rest.ends_with('.') {
            return Some(Class::Source(rest.to_string()));
        }
    }
    // "The Associated Press contributed to this report"
    for tail in &CREDITS.contributed {
        if let Some(head) = lower.strip_suffix(tail.as_str()) {
            let items = split_items(t[..head.len()].trim());
            if let Some(a) = agencies_of(&items).filter(|a| !a.is_empty()) {
                return Some(Class::Credit(a));
            }
        }
    }
    if let Some(rest) = strip_lead(&lower, t, &CREDITS.with) {
        let items = split_items(rest);
        if !items.is_empty() {
            if let Some(a) = agencies_of(&items) {
                return Some(Class::Credit(a));
            }
        }
    }
    // a line that is only agency names: "AP, Reuters" / "(AFP)"
    if word_count(t) > 8 || AGENCIES.find_all(t).next().is_none() {
        return None;
    }
    let items = split_items(t);
    if !items.is_empty() && items.len() <= 4 {
        if let Some(a) = agencies_of(&items).filter(|a| !a.is_empty()) {
            return Some(Class::Credit(a));
        }
    }
    None
}

fn is_name_word(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.']);
    let Some(first) = w.chars().next() else { return false };
    (first.is_uppercase()
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
        || matches!(
            w,
            "da" | "de"
                | "do"
                | "dos"
                | "das"
                | "del"
                | "de la"
                | "la"
                | "le"
                | "van"
                | "von"
                | "der"
                | "den"
                | "di"
                | "du"
                | "y"
                | "bin"
                | "al"
                | "el"
        )
}

/// A person's name: 2 to 5 words, capitalised (with particles such as "da", "von").
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn byline_class(line: &str) -> Option<Class> {
    let t = line.trim().trim_start_matches(['*', '-', '–', '—', ' ']);
    if word_count(t) > 16 {
        return None;
    }
    let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
    if !CREDITS
        .byline
        .iter()
        .any(|b| b.split(' ').next() == Some(first.as_str()))
    {
        return None;
    }
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        // lead words are ASCII; a line whose lower case changes byte length cannot start with one
        if !t.is_char_boundary(3) {
            return None;
        }
    }
    let rest = strip_lead(&lower, t, &CREDITS.byline).or_else(|| {
        // lower-casing changed lengths further on: compare the lead only
        CREDITS.byline.iter().find_map(|lead| {
            let head = t.get(..lead.len())?;
            (head.to_lowercase() == *lead && t[lead.len()..].starts_with(' ')).then(|| t[lead.len()..].trim())
        })
    })?;
    // a date may follow the names: "By Jane Smith | March 3, 2024"
    let found = dates::find_dates(rest);
    let (names_part, date) = match found.first() {
        Some(m) => (&rest[..m.range.start], Some(rest[m.range.clone()].to_string())),
        None => (rest, None),
    };
    let names_part = names_part.trim().trim_end_matches(['|', '-', '–', '—', ',', '·', ' ']);
    if names_part.is_empty() {
        return None;
    }
    let mut authors = Vec::new();
    let mut agencies = Vec::new();
    for item in split_items(names_part) {
        let lower = item.to_lowercase();
        if CREDITS.staff.contains(&lower) || OUTLETS.exact(item).is_some() && AGENCIES.exact(item).is_none() {
            continue;
        }
        if let Some(a) = AGENCIES.exact(item) {
            agencies.push(a.to_string());
        } else if lower.split_whitespace().any(|w| CREDITS.role.iter().any(|r| r == w)) || CREDITS.role.contains(&lower)
        {
            // a job title after the name
            continue;
        } else if looks_like_name(item) {
            authors.push(item.to_string());
        } else {
            return None;
        }
    }
    if authors.is_empty() && agencies.is_empty() {
        return None;
    }
    Some(Class::Byline {
        authors,
        agencies,
        date,
    })
}

fn date_line_class(line: &str) -> Option<Class> {
    if line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let found = dates::find_dates(line);
    let first = found.first()?;
    let mut leftover = String::new();
    let mut pos = 0;
    for m in &found {
        leftover.push_str(&line[pos..m.range.start]);
        leftover.push(' ');
        pos = m.range.end;
    }
    leftover.push_str(&line[pos..]);
    let words: Vec<&str> = leftover
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ',' | ':' | '(' | ')' | '·' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().count() <= 14 && !w.chars().any(|c| c.is_ascii_digit()))
    {
        Some(Class::DateLine(line[first.range.clone()].to_string()))
    } else {
        None
    }
}

fn crumb_class(line: &str) -> Option<Class> {
    if !line.contains(['>', '»', '›', '/', '|']) {
        return None;
    }
    let seps = [" > ", " » ", " › ", " / ", " | ", " >> "];
    let n_seps: usize = seps.iter().map(|s| line.matches(s).count()).sum();
    if n_seps < 2 || word_count(line) > 14 || line.ends_with(['.', '!', '?']) {
        return None;
    }
    let mut parts = vec![line];
    for s in seps {
        parts = parts.into_iter().flat_map(|p| p.split(s)).collect();
    }
    parts.iter().all(|p| word_count(p) <= 4).then_some(Class::Crumb)
}

/// More than `n` words? Stops counting early (body paragraphs are long).
fn more_words_than(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_some()
}

fn classify(line: &str) -> Class {
    // every special line is short: long lines are content without further checks
    if more_words_than(line, 25) {
        return Class::Content;
    }
    let n = norm_line(line);
    if n.is_empty() {
        // only decoration ("***", "---"): a separator
        return Class::Boilerplate { trailer: false };
    }
    boilerplate_class(&n)
        .or_else(|| credit_class(line))
        .or_else(|| byline_class(line))
        .or_else(|| date_line_class(line))
        .or_else(|| crumb_class(line))
        .unwrap_or(Class::Content)
}

// ---------------------------------------------------------------------------------------------
// 3. Paragraphs from lines

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '»', '’', ')', ':', ';', '。', '\''])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// A body paragraph by itself: ends like a sentence, or is too long to be a heading or title.
fn is_real_paragraph(s: &str) -> bool {
    ends_sentence(s) || word_count(s) > 30
}

fn is_heading_like(s: &str) -> bool {
    let wc = word_count(s);
    !ends_sentence(s)
        && wc > 0
        && wc <= 14
        && s.chars().count() <= 120
        && s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '«' | '‘' | '¿' | '¡'))
}

/// Join hard-wrapped lines of one block (lines between blank lines) into paragraphs.
fn join_block(lines: &[&str]) -> Vec<String> {
    if lines.len() <= 1 {
        return lines.iter().map(|l| l.to_string()).collect();
    }
    if lines.len() == 1 {
        return vec![lines[0].to_string()];
    }
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let max = *lens.iter().max().unwrap_or(&0);
    let body = &lens[..lens.len() - 1];
    let in_band = body.iter().filter(|&&l| l >= 40 && l * 100 >= max * 70).count();
    let unpunct = lines[..lines.len() - 1].iter().filter(|l| !ends_sentence(l)).count();
    let wrapped = lines.len() >= 3 && max <= 110 && in_band * 10 >= body.len() * 7 && unpunct * 2 >= body.len();
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, line) in lines.iter().enumerate() {
        if cur.is_empty() {
            cur.push_str(line);
        } else {
            let prev = lines[i - 1];
            let join = if wrapped {
                !(ends_sentence(prev) && lens[i - 1] * 100 < max * 80)
            } else {
                !ends_sentence(prev) && starts_lower(line) && word_count(prev) >= 4
            };
            if join {
                if cur.ends_with('-') && starts_lower(line) && cur.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                {
                    cur.push_str(line);
                } else {
                    cur.push(' ');
                    cur.push_str(line);
                }
            } else {
                out.push(std::mem::take(&mut cur));
                cur.push_str(line);
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 4. Structure

/// What the cleaner read out of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    /// Date strings found in the header and trailer, header first.
    pub dates: Vec<String>,
    pub paragraphs: Vec<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub wire_agencies: Vec<String>,
    pub source_credit: Option<String>,
    pub removed: Vec<String>,
}

/// What the caller already knows about the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The title, when the scraper or the HTML metadata gave one.
    pub title: Option<&'a str>,
    /// Keep typed subheadings (`BlockKind::Heading` between real paragraphs) in the body as
    /// well as in `headings`: the HTML path knows them from markup, and they are part of the
    /// story's text there.
    pub keep_headings: bool,
}

struct Item {
    text: String,
    kind: BlockKind,
    class: Class,
}

/// A block with its class when already known (single lines classified by the text path).
struct Classified {
    block: Block,
    class: Option<Class>,
}

/// Clean scraped text (the text path).
pub fn clean(text: &str, hints: Hints) -> Cleaned {
    let norm = normalize(text);
    let mut blocks: Vec<Classified> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, blocks: &mut Vec<Classified>| {
        let single = run.len() == 1;
        for p in join_block(run) {
            // a single line was classified already; joined lines are classified as a whole
            let class = single.then_some(Class::Content);
            blocks.push(Classified {
                block: Block::new(BlockKind::Unknown, p),
                class,
            });
        }
        run.clear();
    };
    for line in norm.split('\n') {
        if line.is_empty() {
            flush(&mut run, &mut blocks);
            continue;
        }
        // a line that is boilerplate, a credit or a date by itself is never joined to its neighbours
        let class = classify(line);
        if class != Class::Content {
            flush(&mut run, &mut blocks);
            blocks.push(Classified {
                block: Block::new(BlockKind::Unknown, line),
                class: Some(class),
            });
            continue;
        }
        run.push(line);
    }
    flush(&mut run, &mut blocks);
    structure(blocks, hints)
}

/// Clean typed blocks (the HTML path). Block texts are normalised here.
pub fn clean_blocks(blocks: Vec<Block>, hints: Hints) -> Cleaned {
    let blocks = blocks
        .into_iter()
        .map(|b| {
            Block::new(
                b.kind,
                normalize(&b.text).split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .filter(|b| !b.text.is_empty())
        .map(|block| Classified { block, class: None })
        .collect();
    structure(blocks, hints)
}

/// Outlet prefix ("DW US says ..."), trailing date, and " | Site" suffix of a title line.
fn parse_title(line: &str, out: &mut Cleaned) -> String {
    let mut t = line.trim().to_string();
    if let Some(m) = dates::find_dates(&t)
        .into_iter()
        .find(|m| t[m.range.end..].trim().is_empty() && m.range.start > 0)
    {
        out.dates.push(t[m.range.clone()].to_string());
        t = t[..m.range.start]
            .trim_end()
            .trim_end_matches(['|', '-', '–', '—', ',', '·'])
            .trim_end()
            .to_string();
    }
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(p) = t.rfind(sep) {
            let site = t[p + sep.len()..].trim();
            if (OUTLETS.exact(site).is_some() || (sep == " | " && word_count(site) <= 4)) && word_count(&t[..p]) >= 2 {
                out.outlet
                    .get_or_insert_with(|| OUTLETS.exact(site).unwrap_or(site).to_string());
                t = t[..p].trim().to_string();
                break;
            }
        }
    }
    if let Some((len, canon)) = OUTLETS.prefix(&t) {
        let rest = t[len..].trim_start_matches([':', '|', '-', '–', '—', ' ']);
        let rest_ok = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '«'));
        if rest_ok && word_count(rest) >= 3 {
            out.outlet.get_or_insert_with(|| canon.to_string());
            t = rest.to_string();
        }
    }
    t
}

fn same_text(a: &str, b: &str) -> bool {
    let f = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let (a, b) = (f(a), f(b));
    !a.is_empty() && (a == b || (b.len() > 10 && a.contains(&b) && a.len() <= b.len() * 2))
}

fn structure(blocks: Vec<Classified>, hints: Hints) -> Cleaned {
    let mut out = Cleaned::default();
    let mut items: Vec<Item> = blocks
        .into_iter()
        .map(|Classified { block: b, class }| {
            let class = if b.kind == BlockKind::Caption {
                Class::Boilerplate { trailer: false }
            } else {
                class.unwrap_or_else(|| classify(&b.text))
            };
            Item {
                text: b.text,
                kind: b.kind,
                class,
            }
        })
        .collect();

    // After a "Related Posts"-style marker, short lines are link lists until a long paragraph.
    let mut in_trailer = false;
    for it in items.iter_mut() {
        match it.class {
            Class::Boilerplate { trailer: true } => in_trailer = true,
            Class::Content if in_trailer => {
                let long_real =
                    it.kind != BlockKind::Heading && is_real_paragraph(&it.text) && word_count(&it.text) >= 20;
                if long_real {
                    in_trailer = false;
                } else {
                    it.class = Class::Trailing;
                }
            }
            _ => {}
        }
    }

    let real = |it: &Item| {
        it.class == Class::Content
            && match it.kind {
                BlockKind::Unknown => is_real_paragraph(&it.text),
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote => true,
                BlockKind::Heading | BlockKind::Caption => false,
            }
    };
    let first_real = items.iter().position(real);
    let last_real = items.iter().rposition(real);

    // Title: the scraper's, or the first content line before the first real paragraph.
    let mut title_idx = None;
    if let Some(h) = hints.title.filter(|h| !h.trim().is_empty()) {
        out.title = Some(parse_title(&normalize(h), &mut out));
        let limit = first_real.map_or(items.len(), |f| f + 1);
        title_idx = items[..limit]
            .iter()
            .position(|it| same_text(&it.text, h) || out.title.as_deref().is_some_and(|t| same_text(&it.text, t)));
    } else if let Some(fr) = first_real {
        if let Some(i) = items[..fr]
            .iter()
            .position(|it| it.class == Class::Content && it.kind != BlockKind::Caption)
        {
            if word_count(&items[i].text) <= 30 {
                title_idx = Some(i);
                let t = parse_title(&items[i].text, &mut out);
                out.title = Some(t);
            }
        }
    }

    let (Some(fr), Some(lr)) = (first_real, last_real) else {
        // No real paragraph: keep every content line as body; no title or headings.
        for (i, it) in items.iter_mut().enumerate() {
            if Some(i) == title_idx {
                continue;
            }
            if it.class == Class::Content {
                out.paragraphs.push(std::mem::take(&mut it.text));
            } else {
                take_facts(it, &mut out);
            }
        }
        return out;
    };

    for (i, it) in items.iter_mut().enumerate() {
        if Some(i) == title_idx {
            continue;
        }
        if it.class != Class::Content {
            take_facts(it, &mut out);
            continue;
        }
        let is_real = match it.kind {
            BlockKind::Unknown => is_real_paragraph(&it.text),
            BlockKind::Heading | BlockKind::Caption => false,
            _ => true,
        };
        if i < fr || i > lr {
            out.removed.push(std::mem::take(&mut it.text));
        } else if is_real {
            out.paragraphs.push(std::mem::take(&mut it.text));
        } else if it.kind == BlockKind::Heading || is_heading_like(&it.text) {
            if hints.keep_headings && it.kind == BlockKind::Heading {
                out.paragraphs.push(it.text.clone());
            }
            out.headings.push(std::mem::take(&mut it.text));
        } else {
            out.paragraphs.push(std::mem::take(&mut it.text));
        }
    }
    out
}

/// Record a non-content line: its facts go to their fields, the line to `removed`.
fn take_facts(it: &mut Item, out: &mut Cleaned) {
    match std::mem::replace(&mut it.class, Class::Content) {
        Class::Credit(a) => {
            for x in a {
                if !out.wire_agencies.contains(&x) {
                    out.wire_agencies.push(x);
                }
            }
        }
        Class::Source(s) => {
            // a source that is a news agency is also a wire credit
            if let Some(a) = AGENCIES.exact(&s) {
                if !out.wire_agencies.iter().any(|x| x == a) {
                    out.wire_agencies.push(a.to_string());
                }
            }
            out.source_credit.get_or_insert(s);
        }
        Class::DateLine(d) => out.dates.push(d),
        Class::Byline {
            authors,
            agencies,
            date,
        } => {
            for a in authors {
                if !out.authors.contains(&a) {
                    out.authors.push(a);
                }
            }
            for x in agencies {
                if !out.wire_agencies.contains(&x) {
                    out.wire_agencies.push(x);
                }
            }
            out.dates.extend(date);
        }
        Class::Boilerplate { .. } | Class::Crumb | Class::Trailing | Class::Content => {}
    }
    if it.kind == BlockKind::Caption {
        out.captions.push(it.text.clone());
    }
    out.removed.push(std::mem::take(&mut it.text));
}

impl Cleaned {
    /// The clean body: paragraphs joined by a blank line.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// One scraped text in, clean body text out (paragraphs joined by a blank line). Idempotent.
pub fn clean_text(text: &str) -> String {
    clean(text, Hints::default()).body()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_mojibake_and_leaves_real_text_alone() {
        assert_eq!(
            normalize("SÃ£o Paulo e MÃ¼nchen â€œquotedâ€\u{9d}"),
            "São Paulo e München “quoted”"
        );
        assert_eq!(normalize("SÃO PAULO, 1º de maio"), "SÃO PAULO, 1º de maio");
        assert_eq!(normalize("Ã‰ verdade"), "É verdade");
    }

    #[test]
    fn normalizes_entities_nfc_spaces_and_invisible_chars() {
        assert_eq!(
            normalize("Caf&eacute; &amp; bar&#8217;s\u{00a0}\u{00a0}x"),
            "Café & bar’s x"
        );
        assert_eq!(normalize("cafe\u{301}"), "café");
        assert_eq!(
            normalize("in\u{00ad}ter\u{200b}na\u{feff}tional  \t x  "),
            "international x"
        );
    }

    #[test]
    fn removes_ad_markers_in_five_languages() {
        for ad in [
            "- Advertisement -",
            "Publicidade",
            "PUBLICIDAD",
            "Anzeige",
            "Publicité",
            "— Werbung —",
        ] {
            let text = format!("First paragraph of the story is here.\n\n{ad}\n\nSecond paragraph is here too.");
            let c = clean(&text, Hints::default());
            assert_eq!(c.paragraphs.len(), 2, "{ad}");
            assert_eq!(c.removed, [ad], "{ad}");
        }
    }

    #[test]
    fn reads_credit_source_and_byline_lines() {
        let text =
            "By Jane Smith and John Doe\n\nThe minister resigned on Friday.\n*with AP, Reuters, Lusa\nsource: Noticias";
        let c = clean(text, Hints::default());
        assert_eq!(c.authors, ["Jane Smith", "John Doe"]);
        assert_eq!(c.wire_agencies, ["AP", "Reuters", "Lusa"]);
        assert_eq!(c.source_credit.as_deref(), Some("Noticias"));
        assert_eq!(c.body(), "The minister resigned on Friday.");
        let de = clean("Die Exporte sanken im Mai deutlich.\nskr/mit Reuters", Hints::default());
        assert_eq!(de.wire_agencies, ["Reuters"]);
        assert_eq!(de.body(), "Die Exporte sanken im Mai deutlich.");
        let pt = clean(
            "O ministro renunciou na sexta-feira.\n(Com agências)\nFonte: Agência Brasil",
            Hints::default(),
        );
        assert_eq!(pt.source_credit.as_deref(), Some("Agência Brasil"));
        assert_eq!(pt.removed, ["(Com agências)", "Fonte: Agência Brasil"]);
        let es = clean(
            "El ministro dimitió el viernes.\nCon información de EFE y AFP",
            Hints::default(),
        );
        assert_eq!(es.wire_agencies, ["EFE", "AFP"]);
    }

    #[test]
    fn title_line_with_outlet_prefix_and_date() {
        let text = "DW US says Russia bought weapons from North Korea 06/09/2022 08:00\n\nShare This Post\n\nRussia is buying rockets.\n\nPartnership\n\nNorth Korea sought closer ties.";
        let c = clean(text, Hints::default());
        assert_eq!(
            c.title.as_deref(),
            Some("US says Russia bought weapons from North Korea")
        );
        assert_eq!(c.outlet.as_deref(), Some("DW"));
        assert_eq!(c.dates, ["06/09/2022 08:00"]);
        assert_eq!(c.headings, ["Partnership"]);
        assert_eq!(c.paragraphs.len(), 2);
        assert_eq!(c.removed, ["Share This Post"]);
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let text = "The government announced on Tuesday that it would raise\ninterest rates by half a point, the largest increase\nsince 2008, citing persistent inflation in services.\nEconomists had expected a smaller move.";
        let c = clean(text, Hints::default());
        assert_eq!(c.paragraphs.len(), 1, "{:?}", c.paragraphs);
        assert!(c.paragraphs[0].contains("would raise interest rates"));
    }

    #[test]
    fn related_posts_trailer_is_removed() {
        let text =
            "Body sentence one is long enough.\n\nRelated Posts\nMinister resigns over scandal\nFloods hit the north";
        let c = clean(text, Hints::default());
        assert_eq!(c.body(), "Body sentence one is long enough.");
        assert_eq!(
            c.removed,
            ["Related Posts", "Minister resigns over scandal", "Floods hit the north"]
        );
    }

    #[test]
    fn clean_text_is_idempotent_on_examples() {
        for t in [
            "Headline here\n\nA body. More body.\n\nSub head\n\nEnd.",
            "just words",
            "",
            "Read more\n\nx.",
            "A\n\nB\n\nC.",
        ] {
            let once = clean_text(t);
            assert_eq!(clean_text(&once), once, "{t:?}");
        }
    }
}
