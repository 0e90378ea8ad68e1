//! Claims lexicon: the word lists under `data/claims_*.txt`, compiled in and matched with one
//! aho-corasick automaton.
//!
//! In: clean text and its tokens. Out: `Lexed`, the lexicon classes of every token (one-word
//! entries) and the multiword entries found, as token ranges. Every list line is
//! `CLASSES<TAB>form<TAB>form...`; a form may hold spaces ("pointed out", "according to").
//! Matching is ASCII-case-insensitive and on token boundaries only.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// One automaton over the word forms of a claims lexicon: ASCII-case-insensitive, every match
/// reported (callers keep the ones on word boundaries), a DFA (the lists are small).
pub(crate) fn word_forms_automaton<'a>(forms: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
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

/// The compiled lexicon: one automaton over every form of every list.
pub struct Lexicon {
    automaton: AhoCorasick,
    flags: Vec<u64>,
    /// number of words in each pattern (1 for single words)
    words: Vec<u8>,
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
        let words = forms.iter().map(|(f, _)| f.split(' ').count().min(255) as u8).collect();
        let flags = forms.iter().map(|(_, b)| *b).collect();
        let automaton = word_forms_automaton(forms.iter().map(|(f, _)| f.as_str()));
        Lexicon {
            automaton,
            flags,
            words,
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
        // token index by start byte and by end byte, through binary search on sorted starts/ends
        let b = text.as_bytes();
        for m in self.automaton.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            // cheap word-boundary test first: most hits of short entries are inside words
            if s > 0 && b[s - 1].is_ascii_alphanumeric() || e < b.len() && b[e].is_ascii_alphanumeric() {
                continue;
            }
            let Ok(ti) = toks.binary_search_by(|t| t.start.cmp(&s)) else {
                continue;
            };
            let p = m.pattern().as_usize();
            let n = self.words[p] as usize;
            if n <= 1 {
                if toks[ti].end == e {
                    tok[ti] |= self.flags[p];
                }
                continue;
            }
            // multiword: find the token ending at e
            let mut tj = ti;
            while tj < toks.len() && toks[tj].end < e {
                tj += 1;
            }
            if tj < toks.len() && toks[tj].end == e {
                phrases.push(Phrase {
                    toks: ti..tj + 1,
                    flags: self.flags[p],
                });
            }
        }
        phrases.sort_by_key(|p| (p.toks.start, std::cmp::Reverse(p.toks.end)));
        Lexed { tok, phrases }
    }
}
