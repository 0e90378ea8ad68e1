//! Features: the tokens of one sentence in, hashed feature ids per token out.
//!
//! Every feature is a 64-bit hash of (template id, string parts). Templates: the lower-cased word
//! with digits folded to `0` at offsets -2..=+2, word bigrams, a compressed shape ("Xx-x", "X.X.",
//! "dd") at -1..=+1 and their trigram, prefixes and suffixes, a casing class that is told whether
//! the whole sentence is upper-case (headline, dateline) so title-case cues are not trusted there,
//! gazetteer marks (list x begin/inside/last/unit) of the token and its neighbours, crossed with
//! the casing class, distributional word clusters ([`super::clusters`], fine at -1 and 0, fine x
//! casing, coarse trigram), and the document history: the label this word got earlier in the same
//! document ("seen earlier as PER"). Feature extraction never allocates per token: the strings
//! live in one per-sentence arena.

use super::gazetteer::{List, N_LISTS};
use std::collections::HashMap;
use std::ops::Range;

pub use super::hashing::word_key;
use super::hashing::{hash_bytes, mix, K};

#[inline]
fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b.wrapping_mul(K))
}

/// Casing class of a token.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Case {
    Title = 0,
    Upper = 1,
    Lower = 2,
    Mixed = 3,
    Digit = 4,
    Punct = 5,
}

pub fn case_of(w: &str) -> Case {
    let mut up = 0;
    let mut lo = 0;
    let mut dig = 0;
    let mut first_up = false;
    for (i, c) in w.chars().enumerate() {
        if c.is_uppercase() {
            up += 1;
            if i == 0 {
                first_up = true;
            }
        } else if c.is_lowercase() {
            lo += 1;
        } else if c.is_numeric() {
            dig += 1;
        }
    }
    if up == 0 && lo == 0 {
        if dig > 0 {
            Case::Digit
        } else {
            Case::Punct
        }
    } else if lo == 0 {
        Case::Upper
    } else if up == 0 {
        Case::Lower
    } else if first_up && up == 1 {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Entity types the tagger predicts (before GPE/LOC separation).
pub const N_TYPES: usize = 5; // PER ORG LOC NORP MISC

/// Labels seen earlier in the document for each lower-cased word (document-level consistency).
#[derive(Default)]
pub struct History {
    seen: HashMap<String, [u16; N_TYPES]>,
}

impl History {
    pub fn clear(&mut self) {
        self.seen.clear();
    }
    pub fn record(&mut self, lower: &str, ty: usize) {
        if ty < N_TYPES {
            let e = self.seen.entry(lower.to_string()).or_insert([0; N_TYPES]);
            e[ty] = e[ty].saturating_add(1);
        }
    }
    fn best(&self, lower: &str) -> Option<usize> {
        let c = self.seen.get(lower)?;
        let (i, n) = c.iter().enumerate().max_by_key(|(_, &n)| n)?;
        (*n > 0).then_some(i)
    }
}

/// Is a sentence "upper" (a headline or dateline in capitals): most of its words all-caps?
pub fn is_upper_sentence(words: &[&str]) -> bool {
    let mut up = 0usize;
    let mut lo = 0usize;
    for w in words {
        match case_of(w) {
            Case::Upper => up += 1,
            Case::Lower | Case::Title | Case::Mixed => lo += 1,
            _ => {}
        }
    }
    up >= 3 && up > lo * 2
}

/// Per-sentence scratch space, reused across sentences.
#[derive(Default)]
pub struct Scratch {
    arena: String,
    norm: Vec<Range<usize>>,
    shape: Vec<Range<usize>>,
    case: Vec<Case>,
    pub feats: Vec<u64>,
    pub offsets: Vec<u32>,
    /// Training only: tokens to present as unknown words (word dropout). Their identity
    /// features and corpus clusters are replaced by an "unknown" marker, while spelling (shape,
    /// affixes), gazetteer marks and the large-corpus lexicon stay, so the model learns to
    /// recognise names it has never seen. Empty at tagging time.
    pub unk: Vec<bool>,
}

impl Scratch {
    /// Lower-cased, digit-folded form of token `i` of the last sentence.
    pub fn norm(&self, i: usize) -> &str {
        self.norm.get(i).and_then(|r| self.arena.get(r.clone())).unwrap_or("")
    }
    pub fn feats_of(&self, i: usize) -> &[u64] {
        let (s, e) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        &self.feats[s..e]
    }
}

// template ids
const T_BIAS: u64 = 1;
const T_W: [u64; 5] = [10, 11, 12, 13, 14]; // offsets -2..=2
const T_BI_L: u64 = 20;
const T_BI_R: u64 = 21;
const T_SHAPE: [u64; 3] = [30, 31, 32];
const T_SHAPE3: u64 = 33;
const T_SUF: [u64; 3] = [40, 41, 42];
const T_PRE: [u64; 2] = [45, 46];
const T_CASE: u64 = 50;
const T_CASE_W: u64 = 51;
const T_CASE_NB: u64 = 52;
const T_GAZ: u64 = 60;
const T_GAZ_CASE: u64 = 61;
const T_GAZ_PREV: u64 = 62;
const T_GAZ_NEXT: u64 = 63;
const T_HIST: u64 = 70;
const T_HIST_CASE: u64 = 71;
const T_LEN: u64 = 80;
const T_BI_LL: u64 = 22;
const T_BI_RR: u64 = 23;
const T_NB_SUF: [u64; 2] = [43, 44];
const T_NB_CASE_W: [u64; 2] = [53, 54];
const T_CL: [u64; 2] = [90, 91]; // fine cluster at -1, 0
const T_CL_CASE: u64 = 93; // fine cluster x casing
const T_CL_COARSE3: u64 = 94; // coarse clusters at -1, 0, +1
const T_BROWN: [u64; 3] = [100, 101, 102]; // Brown cluster of the token: full path, 4 and 7 leading bits
const T_BROWN_NB: [u64; 2] = [103, 104]; // Brown cluster of the tokens at -1 and +1
const T_CAPS: u64 = 105; // casing odds x casing class
const T_FREQ: u64 = 106; // word frequency x casing class

fn push_norm(arena: &mut String, w: &str) {
    for c in w.chars() {
        if c.is_ascii_digit() {
            arena.push('0');
        } else if matches!(c, '’' | '‘' | '`' | '´') {
            arena.push('\'');
        } else if matches!(c, '“' | '”' | '„' | '«' | '»') {
            arena.push('"');
        } else if matches!(c, '–' | '—') {
            arena.push('-');
        } else if c.is_ascii() {
            arena.push(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                arena.push(l);
            }
        }
    }
}

fn push_shape(arena: &mut String, w: &str) {
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        arena.push(s);
        last = s;
    }
}

/// Compute the features of every token of one sentence. `words` are the token strings, `marks`
/// their gazetteer marks. Results are in `sc.feats`, token `i` owning
/// `sc.feats[sc.offsets[i]..sc.offsets[i+1]]`.
pub fn sentence_features(words: &[&str], marks: &[u64], hist: &History, sc: &mut Scratch) {
    let n = words.len();
    sc.arena.clear();
    sc.norm.clear();
    sc.shape.clear();
    sc.case.clear();
    sc.feats.clear();
    sc.offsets.clear();
    let mut letters_up = 0usize;
    let mut letters_lo = 0usize;
    for w in words {
        let s = sc.arena.len();
        push_norm(&mut sc.arena, w);
        sc.norm.push(s..sc.arena.len());
        let s = sc.arena.len();
        push_shape(&mut sc.arena, w);
        sc.shape.push(s..sc.arena.len());
        let c = case_of(w);
        match c {
            Case::Upper => letters_up += 1,
            Case::Lower | Case::Title | Case::Mixed => letters_lo += 1,
            _ => {}
        }
        sc.case.push(c);
    }
    // a sentence is "upper" (headline, dateline) when most of its words are all-caps
    let upper_sent = letters_up >= 3 && letters_up > letters_lo * 2;
    let up_flag: u64 = if upper_sent { 7 } else { 0 };
    let arena = sc.arena.as_bytes();
    let unk = |j: usize| sc.unk.len() == n && sc.unk[j];
    let word_hash = |tpl: u64, j: isize| -> u64 {
        if j < 0 {
            hash_bytes(tpl, b"<s>")
        } else if j as usize >= n {
            hash_bytes(tpl, b"</s>")
        } else if unk(j as usize) {
            hash_bytes(tpl, b"<unk>")
        } else {
            hash_bytes(tpl, &arena[sc.norm[j as usize].clone()])
        }
    };
    let shape_hash = |tpl: u64, j: isize| -> u64 {
        if j < 0 {
            hash_bytes(tpl, b"<s>")
        } else if j as usize >= n {
            hash_bytes(tpl, b"</s>")
        } else {
            hash_bytes(tpl, &arena[sc.shape[j as usize].clone()])
        }
    };
    // precompute the plain word hashes used by several templates
    let mut wh: Vec<u64> = (0..n).map(|i| hash_bytes(0, &arena[sc.norm[i].clone()])).collect();
    // word clusters (fine, coarse) of every token; sentence edges get their own ids
    let info: Vec<super::clusters::WordInfo> = wh.iter().map(|&k| super::clusters::info_of_key(k)).collect();
    let mut cl: Vec<(u16, u16)> = info.iter().map(|i| (i.fine, i.coarse)).collect();
    for i in (0..n).filter(|&i| unk(i)) {
        wh[i] = hash_bytes(0, b"<unk>");
        cl[i] = (super::clusters::UNKNOWN, super::clusters::UNKNOWN);
    }
    // the Brown cluster of the form the token has: capitalised unless it is lower-case in a
    // normal sentence (an all-caps headline says nothing about case, so use the capitalised form)
    let brown: Vec<u32> = info
        .iter()
        .zip(&sc.case)
        .map(|(i, c)| {
            let low = *c == Case::Lower && !upper_sent;
            match (low, i.cap_brown, i.low_brown) {
                (true, _, b) if b != 0 => b,
                (false, b, _) if b != 0 => b,
                (_, a, b) => a.max(b) | 1 << 24,
            }
        })
        .collect();
    let cl_at = |j: isize| -> (u64, u64) {
        if j < 0 {
            (70_000, 70_000)
        } else if j as usize >= n {
            (70_001, 70_001)
        } else {
            let (f, c) = cl[j as usize];
            (f as u64, c as u64)
        }
    };
    let case_code = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            9
        } else {
            sc.case[j as usize] as u64
        }
    };
    for i in 0..n {
        sc.offsets.push(sc.feats.len() as u32);
        let f = &mut sc.feats;
        let ii = i as isize;
        let first = (i == 0) as u64;
        let cc = case_code(ii) | (up_flag << 4) | (first << 8);
        f.push(hash_bytes(T_BIAS, b""));
        for (k, off) in (-2isize..=2).enumerate() {
            f.push(word_hash(T_W[k], ii + off));
        }
        let wl = if i > 0 { wh[i - 1] } else { 1 };
        let wr = if i + 1 < n { wh[i + 1] } else { 2 };
        f.push(combine(T_BI_L, combine(wl, wh[i])));
        f.push(combine(T_BI_R, combine(wh[i], wr)));
        for (k, off) in (-1isize..=1).enumerate() {
            f.push(shape_hash(T_SHAPE[k], ii + off));
        }
        if i >= 2 {
            f.push(combine(T_BI_LL, combine(wh[i - 2], wh[i - 1])));
        }
        if i + 2 < n {
            f.push(combine(T_BI_RR, combine(wh[i + 1], wh[i + 2])));
        }
        for (k, j) in [i.checked_sub(1), (i + 1 < n).then_some(i + 1)].into_iter().enumerate() {
            if let Some(j) = j {
                let nbw = &arena[sc.norm[j].clone()];
                if nbw.len() > 3 {
                    f.push(hash_bytes(T_NB_SUF[k], &nbw[nbw.len() - 3..]));
                }
                f.push(combine(T_NB_CASE_W[k], combine(case_code(j as isize), wh[j])));
            }
        }
        f.push(combine(
            T_SHAPE3,
            combine(shape_hash(0, ii - 1), combine(shape_hash(0, ii), shape_hash(0, ii + 1))),
        ));
        let nb = &arena[sc.norm[i].clone()];
        let nchars = std::str::from_utf8(nb).map(|s| s.chars().count()).unwrap_or(0);
        if let Ok(s) = std::str::from_utf8(nb) {
            for (k, len) in [2usize, 3, 4].iter().enumerate() {
                if nchars > *len {
                    let start = s.char_indices().rev().nth(len - 1).map(|x| x.0).unwrap_or(0);
                    f.push(hash_bytes(T_SUF[k], &nb[start..]));
                }
            }
            for (k, len) in [2usize, 3].iter().enumerate() {
                if nchars > *len {
                    let end = s.char_indices().nth(*len).map(|x| x.0).unwrap_or(nb.len());
                    f.push(hash_bytes(T_PRE[k], &nb[..end]));
                }
            }
        }
        f.push(combine(T_CASE, cc));
        f.push(combine(T_CASE_W, combine(cc, wh[i])));
        f.push(combine(
            T_CASE_NB,
            case_code(ii - 1) | (cc << 8) | (case_code(ii + 1) << 16),
        ));
        f.push(combine(T_LEN, (nchars.min(12) as u64) | (cc << 8)));
        let (cp, cpc) = cl_at(ii - 1);
        let (c0, c0c) = cl_at(ii);
        let (_, cnc) = cl_at(ii + 1);
        f.push(combine(T_CL[0], cp));
        f.push(combine(T_CL[1], c0));
        f.push(combine(T_CL_CASE, c0 | (cc << 20)));
        f.push(combine(T_CL_COARSE3, cpc | (c0c << 20) | (cnc << 40)));
        let b = brown[i];
        let bits = 32 - (b & 0xFF_FFFF).leading_zeros();
        f.push(combine(T_BROWN[0], b as u64));
        f.push(combine(T_BROWN[1], (b >> bits.saturating_sub(4)) as u64));
        f.push(combine(T_BROWN[2], (b >> bits.saturating_sub(7)) as u64));
        if i > 0 {
            f.push(combine(T_BROWN_NB[0], brown[i - 1] as u64));
        }
        if i + 1 < n {
            f.push(combine(T_BROWN_NB[1], brown[i + 1] as u64));
        }
        f.push(combine(T_CAPS, (info[i].caps as u8 as u64) | (cc << 8)));
        f.push(combine(T_FREQ, (info[i].freq as u8 as u64) | (cc << 8)));
        let m = marks[i];
        if m != 0 {
            for l in 0..N_LISTS as u64 {
                let bits = (m >> (l * 4)) & 0xF;
                if bits != 0 {
                    let key = l << 8 | bits;
                    f.push(combine(T_GAZ, key));
                    f.push(combine(T_GAZ_CASE, key | (cc << 16)));
                }
            }
        }
        if i > 0 && marks[i - 1] != 0 {
            let pm = marks[i - 1];
            for l in [
                List::Title,
                List::FirstName,
                List::Org,
                List::OrgWord,
                List::Country,
                List::City,
            ] {
                let bits = (pm >> (l as u64 * 4)) & 0xF;
                if bits != 0 {
                    f.push(combine(T_GAZ_PREV, (l as u64) << 8 | bits | (cc << 16)));
                }
            }
        }
        if i + 1 < n && marks[i + 1] != 0 {
            let nm = marks[i + 1];
            for l in [List::OrgWord, List::LastName, List::Country, List::City, List::Org] {
                let bits = (nm >> (l as u64 * 4)) & 0xF;
                if bits != 0 {
                    f.push(combine(T_GAZ_NEXT, (l as u64) << 8 | bits | (cc << 16)));
                }
            }
        }
        if !matches!(sc.case[i], Case::Lower | Case::Punct | Case::Digit) || upper_sent {
            if let Some(t) = std::str::from_utf8(nb).ok().and_then(|s| hist.best(s)) {
                f.push(combine(T_HIST, t as u64));
                f.push(combine(T_HIST_CASE, t as u64 | (cc << 8)));
            }
        }
    }
    sc.offsets.push(sc.feats.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_and_case_classes() {
        let mut a = String::new();
        push_shape(&mut a, "Jong-un");
        assert_eq!(a, "Xxx-xx"); // runs capped at two
        assert_eq!(case_of("NATO"), Case::Upper);
        assert_eq!(case_of("McDonald"), Case::Mixed);
        assert_eq!(case_of("Biden"), Case::Title);
        assert_eq!(case_of("1,000"), Case::Digit);
    }

    #[test]
    fn history_feature_appears_only_after_recording() {
        let words = ["Schulman", "wrote"];
        let marks = [0u64, 0];
        let mut h = History::default();
        let mut sc = Scratch::default();
        sentence_features(&words, &marks, &h, &mut sc);
        let before = sc.feats_of(0).len();
        h.record("schulman", 0);
        sentence_features(&words, &marks, &h, &mut sc);
        assert_eq!(sc.feats_of(0).len(), before + 2);
    }

    #[test]
    fn word_dropout_hides_the_word_but_keeps_its_spelling() {
        let words = ["Mandl", "said"];
        let marks = [0u64, 0];
        let h = History::default();
        let mut sc = Scratch::default();
        sentence_features(&words, &marks, &h, &mut sc);
        let seen: Vec<u64> = sc.feats_of(0).to_vec();
        sc.unk = vec![true, false];
        sentence_features(&words, &marks, &h, &mut sc);
        let hidden: Vec<u64> = sc.feats_of(0).to_vec();
        assert_eq!(seen.len(), hidden.len());
        let shared = seen.iter().filter(|f| hidden.contains(f)).count();
        // identity features change; shape, affixes, casing and lexicon features stay
        assert!(shared > 0 && shared < seen.len(), "{shared} of {}", seen.len());
        assert!(!hidden.contains(&hash_bytes(T_W[2], b"mandl")));
        assert!(seen.contains(&hash_bytes(T_W[2], b"mandl")));
    }
}
