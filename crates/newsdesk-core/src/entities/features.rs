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

pub use super::clusters::Lexicon;
use super::gazetteer::{List, N_LISTS};
use std::collections::HashMap;

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
    seen: HashMap<u64, [u16; N_TYPES]>,
}

impl History {
    pub fn clear(&mut self) {
        self.seen.clear();
    }
    /// Count label `ty` for the word with key `key` ([`word_key`] of its normalised form).
    pub fn record(&mut self, key: u64, ty: usize) {
        if ty < N_TYPES {
            let e = self.seen.entry(key).or_insert([0; N_TYPES]);
            e[ty] = e[ty].saturating_add(1);
        }
    }
    fn best(&self, key: u64) -> Option<usize> {
        let c = self.seen.get(&key)?;
        let (i, n) = c.iter().enumerate().max_by_key(|(_, &n)| n)?;
        (*n > 0).then_some(i)
    }
}

/// Is a sentence "upper" (a headline or dateline in capitals): most of its words all-caps?
pub fn is_upper_sentence(words: &[&str]) -> bool {
    upper_of(words.iter().map(|w| case_of(w)))
}

/// Per-sentence scratch space, reused across sentences.
#[derive(Default)]
pub struct Scratch {
    arena: String,
    toks: Vec<Tok>,
    pairs: Vec<PairPart>,
    /// word key of each token's normalised form (what the document history counts)
    pub keys: Vec<u64>,
    /// the large-corpus word table the features read
    pub lexicon: Lexicon,
    pub feats: Vec<u64>,
    pub offsets: Vec<u32>,
    /// Training only: tokens to present as unknown words (word dropout). Their identity
    /// features and corpus clusters are replaced by an "unknown" marker, while spelling (shape,
    /// affixes), gazetteer marks and the large-corpus lexicon stay, so the model learns to
    /// recognise names it has never seen. Empty at tagging time.
    pub unk: Vec<bool>,
}

impl Scratch {
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

/// What the features need to know of one token, computed once per token (and, by the tagger's
/// word cache, once per word).
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// the lower-cased, digit-folded form and the shape, as byte ranges of the scratch arena
    norm: (u32, u32),
    shape: (u32, u32),
    /// presented as unknown (training-time word dropout)
    unk: bool,
    info: super::clusters::WordInfo,
    /// Brown cluster of the form the token has (see [`brown_of`])
    brown: u32,
    pub pair: PairPart,
}

/// The part of a token that features of token pairs read: copied into the tagger's word cache.
#[derive(Clone, Copy, Debug)]
pub struct PairPart {
    /// word key of the normalised form ("<unk>" under word dropout)
    wh: u64,
    /// word key of the normalised form, whatever the dropout (the document history's key)
    pub key: u64,
    /// the token's casing class
    pub case: Case,
    fine: u16,
    coarse: u16,
    /// hash of the shape
    shape: u64,
}

/// Casing code of a token's own features: casing class, headline flag, sentence start.
#[inline]
pub fn case_code_of(case: Case, upper_sent: bool, first: bool) -> u64 {
    case as u64 | (if upper_sent { 7 } else { 0 }) << 4 | (first as u64) << 8
}

/// The Brown cluster of the form the token has: capitalised unless it is lower-case in a normal
/// sentence (an all-caps headline says nothing about case, so use the capitalised form).
fn brown_of(info: &super::clusters::WordInfo, case: Case, upper_sent: bool) -> u32 {
    let low = case == Case::Lower && !upper_sent;
    match (low, info.cap_brown, info.low_brown) {
        (true, _, b) if b != 0 => b,
        (false, b, _) if b != 0 => b,
        (_, a, b) => a.max(b) | 1 << 24,
    }
}

/// Append the normalised form and shape of `w` to `arena` and read what the tables know of it.
pub fn tok_of(arena: &mut String, w: &str, upper_sent: bool, unk: bool, lexicon: Lexicon) -> Tok {
    let s = arena.len();
    push_norm(arena, w);
    let norm = (s as u32, arena.len() as u32);
    let s = arena.len();
    push_shape(arena, w);
    let shape = (s as u32, arena.len() as u32);
    let b = arena.as_bytes();
    let key = hash_bytes(0, &b[norm.0 as usize..norm.1 as usize]);
    let info = super::clusters::info_in(lexicon, key);
    let case = case_of(w);
    let (fine, coarse) = if unk {
        (super::clusters::UNKNOWN, super::clusters::UNKNOWN)
    } else {
        (info.fine, info.coarse)
    };
    Tok {
        norm,
        shape,
        unk,
        info,
        brown: brown_of(&info, case, upper_sent),
        pair: PairPart {
            wh: if unk { hash_bytes(0, b"<unk>") } else { key },
            key,
            case,
            fine,
            coarse,
            shape: hash_bytes(0, &b[shape.0 as usize..shape.1 as usize]),
        },
    }
}

impl Tok {
    fn norm<'a>(&self, arena: &'a [u8]) -> &'a [u8] {
        &arena[self.norm.0 as usize..self.norm.1 as usize]
    }
    fn shape<'a>(&self, arena: &'a [u8]) -> &'a [u8] {
        &arena[self.shape.0 as usize..self.shape.1 as usize]
    }
    fn case(&self) -> Case {
        self.pair.case
    }
    /// A word template over this token's identity.
    fn word(&self, tpl: u64, arena: &[u8]) -> u64 {
        if self.unk {
            hash_bytes(tpl, b"<unk>")
        } else {
            hash_bytes(tpl, self.norm(arena))
        }
    }

    /// The features of the token itself that read no other token; `cc` is its casing code.
    pub fn push_own(&self, arena: &[u8], cc: u64, f: &mut Vec<u64>) {
        f.push(hash_bytes(T_BIAS, b""));
        f.push(self.word(T_W[2], arena));
        f.push(hash_bytes(T_SHAPE[1], self.shape(arena)));
        let nb = self.norm(arena);
        let s = std::str::from_utf8(nb).unwrap_or("");
        let nchars = s.chars().count();
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
        f.push(combine(T_CASE, cc));
        f.push(combine(T_CASE_W, combine(cc, self.pair.wh)));
        f.push(combine(T_LEN, (nchars.min(12) as u64) | (cc << 8)));
        let c0 = self.pair.fine as u64;
        f.push(combine(T_CL[1], c0));
        f.push(combine(T_CL_CASE, c0 | (cc << 20)));
        let b = self.brown;
        let bits = 32 - (b & 0xFF_FFFF).leading_zeros();
        f.push(combine(T_BROWN[0], b as u64));
        f.push(combine(T_BROWN[1], (b >> bits.saturating_sub(4)) as u64));
        f.push(combine(T_BROWN[2], (b >> bits.saturating_sub(7)) as u64));
        f.push(combine(T_CAPS, (self.info.caps as u8 as u64) | (cc << 8)));
        f.push(combine(T_FREQ, (self.info.freq as u8 as u64) | (cc << 8)));
    }

    /// The features this token gives the token after it (`side` 0) or before it (`side` 1)
    /// that read no other token.
    pub fn push_as_neighbour(&self, arena: &[u8], side: usize, f: &mut Vec<u64>) {
        f.push(self.word(T_W[1 + 2 * side], arena));
        f.push(hash_bytes(T_SHAPE[2 * side], self.shape(arena)));
        let nbw = self.norm(arena);
        if nbw.len() > 3 {
            f.push(hash_bytes(T_NB_SUF[side], &nbw[nbw.len() - 3..]));
        }
        f.push(combine(T_NB_CASE_W[side], combine(self.pair.case as u64, self.pair.wh)));
        if side == 0 {
            f.push(combine(T_CL[0], self.pair.fine as u64));
        }
        f.push(combine(T_BROWN_NB[side], self.brown as u64));
    }

    /// The word feature this token gives the token two places after it (`side` 0) or before it.
    pub fn as_far_neighbour(&self, arena: &[u8], side: usize) -> u64 {
        self.word(T_W[4 * side], arena)
    }
}

/// The neighbour features of the first token (`side` 0: nothing before it) or of the last.
pub fn push_edge(side: usize, f: &mut Vec<u64>) {
    let edge: &[u8] = if side == 0 { b"<s>" } else { b"</s>" };
    f.push(hash_bytes(T_W[1 + 2 * side], edge));
    f.push(hash_bytes(T_SHAPE[2 * side], edge));
    if side == 0 {
        f.push(combine(T_CL[0], 70_000));
    }
}

/// The word feature of a token within two places of the edge of the sentence.
pub fn far_edge(side: usize) -> u64 {
    hash_bytes(T_W[4 * side], if side == 0 { b"<s>" } else { b"</s>" })
}

/// The features of token `i` that read the tokens around it together with it: word bigrams,
/// the shape trigram, neighbouring casing and clusters, gazetteer marks and the document history.
#[allow(clippy::too_many_arguments)]
pub fn push_pairs(
    toks: &[PairPart],
    i: usize,
    marks: &[u64],
    hist: &History,
    cc: u64,
    upper_sent: bool,
    f: &mut Vec<u64>,
) {
    let n = toks.len();
    let at = |j: isize| (j >= 0 && (j as usize) < n).then(|| &toks[j as usize]);
    let ii = i as isize;
    let t = &toks[i];
    let wl = at(ii - 1).map_or(1, |p| p.wh);
    let wr = at(ii + 1).map_or(2, |p| p.wh);
    f.push(combine(T_BI_L, combine(wl, t.wh)));
    f.push(combine(T_BI_R, combine(t.wh, wr)));
    if i >= 2 {
        f.push(combine(T_BI_LL, combine(toks[i - 2].wh, toks[i - 1].wh)));
    }
    if i + 2 < n {
        f.push(combine(T_BI_RR, combine(toks[i + 1].wh, toks[i + 2].wh)));
    }
    let shape = |j: isize| at(j).map_or_else(|| hash_bytes(0, if j < 0 { b"<s>" } else { b"</s>" }), |p| p.shape);
    f.push(combine(
        T_SHAPE3,
        combine(shape(ii - 1), combine(shape(ii), shape(ii + 1))),
    ));
    let case_code = |j: isize| at(j).map_or(9, |p| p.case as u64);
    f.push(combine(
        T_CASE_NB,
        case_code(ii - 1) | (cc << 8) | (case_code(ii + 1) << 16),
    ));
    let coarse = |j: isize| at(j).map_or(if j < 0 { 70_000 } else { 70_001 }, |p| p.coarse as u64);
    f.push(combine(
        T_CL_COARSE3,
        coarse(ii - 1) | (coarse(ii) << 20) | (coarse(ii + 1) << 40),
    ));
    let m = marks.get(i).copied().unwrap_or(0);
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
    if i > 0 && marks.get(i - 1).is_some_and(|&m| m != 0) {
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
    if i + 1 < n && marks.get(i + 1).is_some_and(|&m| m != 0) {
        let nm = marks[i + 1];
        for l in [List::OrgWord, List::LastName, List::Country, List::City, List::Org] {
            let bits = (nm >> (l as u64 * 4)) & 0xF;
            if bits != 0 {
                f.push(combine(T_GAZ_NEXT, (l as u64) << 8 | bits | (cc << 16)));
            }
        }
    }
    if !matches!(t.case, Case::Lower | Case::Punct | Case::Digit) || upper_sent {
        if let Some(ty) = hist.best(t.key) {
            f.push(combine(T_HIST, ty as u64));
            f.push(combine(T_HIST_CASE, ty as u64 | (cc << 8)));
        }
    }
}

/// Is a sentence "upper" (a headline or dateline in capitals)? Over the casing classes of its
/// tokens; see [`is_upper_sentence`].
pub fn upper_of(cases: impl Iterator<Item = Case>) -> bool {
    let (mut up, mut lo) = (0usize, 0usize);
    for c in cases {
        match c {
            Case::Upper => up += 1,
            Case::Lower | Case::Title | Case::Mixed => lo += 1,
            _ => {}
        }
    }
    up >= 3 && up > lo * 2
}

/// Compute the features of every token of one sentence. `words` are the token strings, `marks`
/// their gazetteer marks. Results are in `sc.feats`, token `i` owning
/// `sc.feats[sc.offsets[i]..sc.offsets[i+1]]`; `sc.keys[i]` is its word key.
pub fn sentence_features(words: &[&str], marks: &[u64], hist: &History, sc: &mut Scratch) {
    let n = words.len();
    sc.arena.clear();
    sc.feats.clear();
    sc.offsets.clear();
    sc.toks.clear();
    sc.pairs.clear();
    sc.keys.clear();
    // a sentence is "upper" (headline, dateline) when most of its words are all-caps
    let upper_sent = upper_of(words.iter().map(|w| case_of(w)));
    for (j, w) in words.iter().enumerate() {
        let unk = sc.unk.len() == n && sc.unk[j];
        let t = tok_of(&mut sc.arena, w, upper_sent, unk, sc.lexicon);
        sc.toks.push(t);
        sc.pairs.push(t.pair);
        sc.keys.push(t.pair.key);
    }
    let arena = sc.arena.as_bytes();
    for i in 0..n {
        sc.offsets.push(sc.feats.len() as u32);
        let f = &mut sc.feats;
        let t = &sc.toks[i];
        let cc = case_code_of(t.case(), upper_sent, i == 0);
        t.push_own(arena, cc, f);
        match i.checked_sub(1) {
            Some(j) => sc.toks[j].push_as_neighbour(arena, 0, f),
            None => push_edge(0, f),
        }
        match sc.toks.get(i + 1) {
            Some(r) => r.push_as_neighbour(arena, 1, f),
            None => push_edge(1, f),
        }
        f.push(
            i.checked_sub(2)
                .map_or_else(|| far_edge(0), |j| sc.toks[j].as_far_neighbour(arena, 0)),
        );
        f.push(
            sc.toks
                .get(i + 2)
                .map_or_else(|| far_edge(1), |r| r.as_far_neighbour(arena, 1)),
        );
        push_pairs(&sc.pairs, i, marks, hist, cc, upper_sent, f);
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
        h.record(word_key(b"schulman"), 0);
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
