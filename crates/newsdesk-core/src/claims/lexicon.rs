//! Claims lexicon: the word lists under `data/claims_*.txt`, compiled in and looked up from each
//! token (hash tables of one-word forms and of longer forms by their first word; the result is
//! what one ASCII-case-insensitive automaton over the text finds at token boundaries, tested).
//!
//! In: clean text and its tokens. Out: `Lexed`, the lexicon classes of every token (one-word
//! entries) and the multiword entries found, as token ranges. Every list line is
//! `CLASSES<TAB>form<TAB>form...`; a form may hold spaces ("pointed out", "according to").
//! Matching is ASCII-case-insensitive and on token boundaries only.

use crate::entities::hashing::ByteHasher;
#[cfg(test)]
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

/// One automaton over the word forms of a claims lexicon: ASCII-case-insensitive, every match
/// reported (callers keep the ones on word boundaries), a DFA (the lists are small).
#[cfg(test)]
fn word_forms_automaton<'a>(forms: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(forms)
        .expect("claims lexicon automaton builds")
}

const CUES: &str = include_str!("../../data/claims_cues.txt");
const HEDGES: &str = include_str!("../../data/claims_hedges.txt");
const SOURCES: &str = include_str!("../../data/claims_sources.txt");
const NAMES: &str = include_str!("../../data/claims_names.txt");
const GRAMMAR: &str = include_str!("../../data/claims_grammar.txt");

/// Lexicon classes as bit flags (one u64 per entry and per token).
pub mod class {
    // cues
    pub const SPEECH: u64 = 1 << 0;
    pub const COGNITION: u64 = 1 << 1;
    pub const QUOTE_ONLY: u64 = 1 << 2;
    pub const OBJECT: u64 = 1 << 3;
    pub const NEEDS_THAT: u64 = 1 << 4;
    pub const ACCORDING: u64 = 1 << 5;
    pub const PER: u64 = 1 << 6;
    /// attributes a quote only after it: `"...," he concluded`
    pub const AFTER_ONLY: u64 = 1 << 7;
    // hedges
    pub const H_MODAL: u64 = 1 << 8;
    pub const H_COULD_WOULD: u64 = 1 << 9;
    pub const H_ADVERB: u64 = 1 << 10;
    pub const H_COGNITION: u64 = 1 << 11;
    pub const H_APPEAR: u64 = 1 << 12;
    // sources
    pub const ANON: u64 = 1 << 16;
    pub const DOC: u64 = 1 << 17;
    pub const ORGNOUN: u64 = 1 << 18;
    // names
    pub const TITLE: u64 = 1 << 20;
    pub const ORGWORD: u64 = 1 << 21;
    pub const OUTLET: u64 = 1 << 22;
    pub const CONNECTIVE: u64 = 1 << 23;
    pub const CALENDAR: u64 = 1 << 24;
    // grammar
    pub const DET: u64 = 1 << 32;
    pub const PRON: u64 = 1 << 33;
    pub const PRON12: u64 = 1 << 34;
    pub const AUX: u64 = 1 << 35;
    pub const ADV: u64 = 1 << 36;
    pub const REL: u64 = 1 << 37;
    pub const NEG: u64 = 1 << 38;
    pub const BE: u64 = 1 << 39;
    pub const PREP: u64 = 1 << 40;
    pub const VERB: u64 = 1 << 41;
    /// the first form of a cue line: the base form ("say", "state", "report")
    pub const LEMMA: u64 = 1 << 42;

    pub const CUE: u64 = SPEECH | COGNITION | QUOTE_ONLY;
    pub const HEDGE: u64 = H_MODAL | H_COULD_WOULD | H_ADVERB | H_COGNITION | H_APPEAR;
}

fn class_bits(file: u8, letters: &str) -> u64 {
    use class::*;
    let mut bits = 0;
    for c in letters.chars() {
        bits |= match (file, c) {
            (0, 'S') => SPEECH,
            (0, 'C') => COGNITION,
            (0, 'Q') => QUOTE_ONLY,
            (0, 'O') => OBJECT,
            (0, 'T') => NEEDS_THAT,
            (0, 'A') => ACCORDING,
            (0, 'P') => PER,
            (0, 'Z') => QUOTE_ONLY | AFTER_ONLY,
            (1, 'M') => H_MODAL,
            (1, 'B') => H_COULD_WOULD,
            (1, 'A') => H_ADVERB,
            (1, 'K') => H_COGNITION,
            (1, 'V') => H_APPEAR,
            (2, 'N') => ANON,
            (2, 'D') => DOC,
            (2, 'G') => ORGNOUN,
            (3, 'T') => TITLE,
            (3, 'O') => ORGWORD,
            (3, 'W') => OUTLET,
            (3, 'X') => CONNECTIVE,
            (3, 'K') => CALENDAR,
            (4, 'D') => DET,
            (4, 'H') => PRON,
            (4, 'F') => PRON12,
            (4, 'U') => AUX,
            (4, 'V') => ADV,
            (4, 'R') => REL,
            (4, 'N') => NEG,
            (4, 'E') => BE,
            (4, 'P') => PREP,
            (4, 'I') => VERB,
            _ => 0,
        };
    }
    bits
}

/// The compiled lexicon: every form of every list, looked up from each token: one-word forms by
/// the token's text, longer ones by their first word (the text from the token start to the next
/// space).
pub struct Lexicon {
    single: HashMap<String, u64, BuildHasherDefault<ByteHasher>>,
    multi: HashMap<String, Vec<(String, u64)>, BuildHasherDefault<ByteHasher>>,
    /// byte length of the longest one-word form (longer tokens are not looked up)
    max_single: usize,
    /// byte length of the longest first word of a longer form
    max_first: usize,
    #[cfg(test)]
    forms: Vec<(String, u64)>,
}

/// A multiword entry found in the text: token range and its classes.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub toks: Range<usize>,
    pub flags: u64,
}

/// Lexicon classes found in one text.
pub struct Lexed {
    /// classes of each token from one-word entries
    pub tok: Vec<u64>,
    /// multiword entries, by start token
    pub phrases: Vec<Phrase>,
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut by_form: HashMap<String, u64> = HashMap::new();
        for (file, data) in [CUES, HEDGES, SOURCES, NAMES, GRAMMAR].into_iter().enumerate() {
            for line in data.lines() {
                let line = line.trim_end();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut fields = line.split('\t');
                let Some(letters) = fields.next() else {
                    continue;
                };
                let bits = class_bits(file as u8, letters);
                for (i, form) in fields.enumerate() {
                    let form = form.trim().to_lowercase();
                    let lemma = if i == 0 && file == 0 { class::LEMMA } else { 0 };
                    if !form.is_empty() {
                        *by_form.entry(form).or_default() |= bits | lemma;
                    }
                }
            }
        }
        let mut forms: Vec<(String, u64)> = by_form.into_iter().collect();
        forms.sort();
        let mut single: HashMap<String, u64, BuildHasherDefault<ByteHasher>> = HashMap::default();
        let mut multi: HashMap<String, Vec<(String, u64)>, BuildHasherDefault<ByteHasher>> = HashMap::default();
        for (f, bits) in &forms {
            match f.split_once(' ') {
                None => {
                    single.insert(f.clone(), *bits);
                }
                Some((first, _)) => multi.entry(first.to_string()).or_default().push((f.clone(), *bits)),
            }
        }
        let max_single = single.keys().map(String::len).max().unwrap_or(0);
        let max_first = multi.keys().map(String::len).max().unwrap_or(0);
        Lexicon {
            single,
            multi,
            max_single,
            max_first,
            #[cfg(test)]
            forms,
        }
    }

    /// The process-wide lexicon, built on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    /// Find every entry that starts at a token start and ends at a token end.
    pub fn scan(&self, text: &str, toks: &[Range<usize>]) -> Lexed {
        let mut tok = vec![0u64; toks.len()];
        let mut phrases = Vec::new();
        let b = text.as_bytes();
        // the forms are matched as an ASCII-case-insensitive automaton over the text would match
        // them: from a token start to a token end, with no ASCII letter or digit on either side
        let boundary_before = |s: usize| s == 0 || !b[s - 1].is_ascii_alphanumeric();
        let boundary_after = |e: usize| e >= b.len() || !b[e].is_ascii_alphanumeric();
        let mut key = String::new();
        for (ti, t) in toks.iter().enumerate() {
            let s = t.start;
            if !boundary_before(s) || text.get(t.clone()).is_none() {
                continue;
            }
            if t.len() <= self.max_single && boundary_after(t.end) {
                key.clear();
                key.push_str(&text[t.clone()]);
                key.make_ascii_lowercase();
                if let Some(bits) = self.single.get(&key) {
                    tok[ti] |= bits;
                }
            }
            // the first word of a longer form ends at a space within the longest first word
            let window = &b[s..b.len().min(s + self.max_first + 1)];
            let Some(run) = memchr::memchr(b' ', window).map(|k| s + k) else {
                continue;
            };
            let Some(first) = text.get(s..run).filter(|f| !f.is_empty()) else {
                continue;
            };
            key.clear();
            key.push_str(first);
            key.make_ascii_lowercase();
            let Some(cands) = self.multi.get(&key) else { continue };
            for (form, bits) in cands {
                let e = s + form.len();
                if e > b.len() || !b[s..e].eq_ignore_ascii_case(form.as_bytes()) || !boundary_after(e) {
                    continue;
                }
                push_phrase(toks, ti, e, *bits, &mut phrases);
            }
        }
        phrases.sort_by_key(|p| (p.toks.start, std::cmp::Reverse(p.toks.end)));
        Lexed { tok, phrases }
    }

    /// The same scan through an overlapping automaton over the whole text (what [`Lexicon::scan`]
    /// must equal).
    #[cfg(test)]
    pub fn scan_with_automaton(&self, text: &str, toks: &[Range<usize>]) -> Lexed {
        let automaton = word_forms_automaton(self.forms.iter().map(|(f, _)| f.as_str()));
        let mut tok = vec![0u64; toks.len()];
        let mut phrases = Vec::new();
        let b = text.as_bytes();
        for m in automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if s > 0 && b[s - 1].is_ascii_alphanumeric() || e < b.len() && b[e].is_ascii_alphanumeric() {
                continue;
            }
            let Ok(ti) = toks.binary_search_by(|t| t.start.cmp(&s)) else {
                continue;
            };
            let (form, bits) = &self.forms[m.pattern().as_usize()];
            if !form.contains(' ') {
                if toks[ti].end == e {
                    tok[ti] |= bits;
                }
                continue;
            }
            push_phrase(toks, ti, e, *bits, &mut phrases);
        }
        phrases.sort_by_key(|p| (p.toks.start, std::cmp::Reverse(p.toks.end)));
        Lexed { tok, phrases }
    }
}

/// A multiword entry from token `ti` to byte `e`, when a token ends there.
fn push_phrase(toks: &[Range<usize>], ti: usize, e: usize, flags: u64, phrases: &mut Vec<Phrase>) {
    let mut tj = ti;
    while tj < toks.len() && toks[tj].end < e {
        tj += 1;
    }
    if tj < toks.len() && toks[tj].end == e {
        phrases.push(Phrase {
            toks: ti..tj + 1,
            flags,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts in the five languages: the bundled sample articles, the claims dev texts, and
    /// strings built to catch the edges (case, spaces, punctuation and letters next to a form).
    fn texts() -> Vec<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut out: Vec<String> = [
            "ACCORDING TO the minister, he said: \"No.\" According  to them; according\u{a0}to us. Said-he saidX xsaid",
            "U.S. officials said on Monday, per the report. \u{c9}l dijo que sí; él DIJO; d'après lui, selon eux.",
            "laut Angaben der Polizei sagte er, es heißt; so die Sprecherin. «Oui», a-t-il déclaré. segundo ele, disse",
            "",
            " said",
            "according to",
        ]
        .map(String::from)
        .to_vec();
        if let Ok(dir) = std::fs::read_dir(format!("{root}/python/newsdesk/samples")) {
            for e in dir.flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    out.push(std::fs::read_to_string(e.path()).unwrap_or_default());
                }
            }
        }
        for lang in ["de", "es", "fr", "pt"] {
            let t = std::fs::read_to_string(format!("{root}/tests/data/claims/{lang}_texts.jsonl")).unwrap_or_default();
            for line in t.lines() {
                if let Ok(serde_json::Value::Object(o)) = serde_json::from_str::<serde_json::Value>(line) {
                    out.extend(o.values().filter_map(|v| v.as_str().map(String::from)));
                }
            }
        }
        assert!(out.len() > 30, "sample texts found: {}", out.len());
        out
    }

    #[test]
    fn the_token_scan_finds_what_an_automaton_over_the_text_finds() {
        let lex = Lexicon::get();
        let mut phrases = 0;
        for t in texts() {
            let toks = crate::segment::tokens(&t);
            let (a, b) = (lex.scan(&t, &toks), lex.scan_with_automaton(&t, &toks));
            assert_eq!(a.tok, b.tok, "{t}");
            let key = |l: &Lexed| l.phrases.iter().map(|p| (p.toks.clone(), p.flags)).collect::<Vec<_>>();
            assert_eq!(key(&a), key(&b), "{t}");
            phrases += a.phrases.len();
        }
        assert!(phrases > 10, "{phrases} phrases");
    }
}
