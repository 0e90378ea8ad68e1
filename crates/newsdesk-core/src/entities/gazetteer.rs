//! Gazetteer: name lists in, per-token list-membership marks out.
//!
//! All lists under `data/gazetteers/` go into one table of lower-cased entries; a run of tokens
//! matches an entry when its text, ASCII-lower-cased, is the entry (so a sentence in ALL CAPS
//! matches like a normal one). Matches start at a token start and end at a token end, so the
//! scan looks up, from each token, the runs of tokens that begin there, and stops as soon as the
//! run is no entry's beginning (a second table holds every entry prefix that ends where a token
//! could end: next to a character that is not a letter or digit). Building both tables takes a
//! few milliseconds at first use, where an automaton over the ~45k entries took half a second;
//! the marks are the same as an ASCII-case-insensitive automaton's overlapping matches at token
//! boundaries. For every token
//! the matcher returns a bit mask: for each list, whether the token Begins, is Inside, is the
//! Last token of, or is a Unit (single-token) match of some entry. The tagger uses the marks as
//! features; `mod.rs` uses [`Gazetteer::lookup`] to separate GPE from LOC, to find NORP, and to
//! strip titles.

use super::hashing::{hash_bytes, ByteHasher};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// The lists, in bit order. Each list's header names its source and licence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum List {
    Country = 0,
    City = 1,
    State = 2,
    GpeExtra = 3,
    Region = 4,
    Norp = 5,
    Org = 6,
    OrgWord = 7,
    FirstName = 8,
    LastName = 9,
    Title = 10,
    WnPerson = 11,
    WnLocation = 12,
    WnFacility = 13,
    WnOrg = 14,
    WnOther = 15,
}

/// 16 lists x 4 position bits fill a `u64` mark exactly.
pub const N_LISTS: usize = 16;

const SOURCES: [(List, &str); 18] = [
    (List::Country, include_str!("../../data/gazetteers/gpe_countries.txt")),
    (List::City, include_str!("../../data/gazetteers/gpe_cities.txt")),
    (List::State, include_str!("../../data/gazetteers/gpe_states.txt")),
    (List::GpeExtra, include_str!("../../data/gazetteers/gpe_extra.txt")),
    (List::Region, include_str!("../../data/gazetteers/loc_continents.txt")),
    (List::Region, include_str!("../../data/gazetteers/loc_regions.txt")),
    (List::Norp, include_str!("../../data/gazetteers/norp_groups.txt")),
    (List::Org, include_str!("../../data/gazetteers/org_names.txt")),
    (List::OrgWord, include_str!("../../data/gazetteers/org_words.txt")),
    (
        List::FirstName,
        include_str!("../../data/gazetteers/per_first_names.txt"),
    ),
    (List::LastName, include_str!("../../data/gazetteers/per_last_names.txt")),
    (List::Title, include_str!("../../data/gazetteers/per_titles.txt")),
    (
        List::Title,
        include_str!("../../data/gazetteers/per_titles_multilingual.txt"),
    ),
    (List::WnPerson, include_str!("../../data/gazetteers/wn_person.txt")),
    (List::WnLocation, include_str!("../../data/gazetteers/wn_location.txt")),
    (List::WnFacility, include_str!("../../data/gazetteers/wn_facility.txt")),
    (List::WnOrg, include_str!("../../data/gazetteers/wn_organization.txt")),
    (List::WnOther, include_str!("../../data/gazetteers/wn_other.txt")),
];

/// Bit for `list` at `pos` (0 = begin, 1 = inside, 2 = last, 3 = unit) in a token mark.
pub const fn mark_bit(list: List, pos: u32) -> u64 {
    1u64 << (list as u32 * 4 + pos)
}

/// Lookup bits (of [`Gazetteer::lookup`]) of the lists that name a GPE: countries, cities, US
/// states and the other GPE names.
pub const GPE_LISTS: u16 =
    1 << List::Country as u16 | 1 << List::City as u16 | 1 << List::State as u16 | 1 << List::GpeExtra as u16;

/// Mask of all four position bits of `list`.
pub const fn list_mask(list: List) -> u64 {
    0xFu64 << (list as u32 * 4)
}

/// The keys are already well-mixed 64-bit hashes: pass them through.
#[derive(Default)]
struct PassThrough(u64);
impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Seed of the prefix hashes.
const PREFIX_SEED: u64 = 0x6761_7a65_7474_6565;

pub struct Gazetteer {
    /// lower-cased entry -> list bit mask (for exact look-ups of a whole mention)
    exact: HashMap<String, u16, BuildHasherDefault<ByteHasher>>,
    /// hashes of the proper prefixes of entries that end where a token could end
    prefixes: HashSet<u64, BuildHasherDefault<PassThrough>>,
    /// bytes of the longest entry
    max_len: usize,
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut exact: HashMap<String, u16, BuildHasherDefault<ByteHasher>> = HashMap::default();
        for (list, src) in SOURCES {
            for line in src.lines() {
                let e = line.trim();
                if e.is_empty() || e.starts_with('#') {
                    continue;
                }
                *exact.entry(e.to_lowercase()).or_insert(0) |= 1 << (list as u16);
            }
        }
        let mut prefixes: HashSet<u64, BuildHasherDefault<PassThrough>> = HashSet::default();
        let mut max_len = 0;
        for key in exact.keys() {
            max_len = max_len.max(key.len());
            // a token boundary always has a character that is not a letter or digit on one
            // side (tokens never split a run of word characters)
            let mut prev_alnum = true;
            for (i, c) in key.char_indices() {
                if i > 0 && (!prev_alnum || !c.is_alphanumeric()) {
                    prefixes.insert(hash_bytes(PREFIX_SEED, &key.as_bytes()[..i]));
                }
                prev_alnum = c.is_alphanumeric();
            }
        }
        Gazetteer {
            exact,
            prefixes,
            max_len,
        }
    }

    /// The process-wide gazetteer, built once.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    /// List mask (bit `List as u16`) of an exact, case-insensitive entry.
    pub fn lookup(&self, s: &str) -> u16 {
        if s.is_ascii() {
            // fast path without allocation for short ASCII strings
            let mut buf = [0u8; 64];
            if s.len() <= 64 {
                for (d, c) in buf.iter_mut().zip(s.bytes()) {
                    *d = c.to_ascii_lowercase();
                }
                let k = std::str::from_utf8(&buf[..s.len()]).unwrap_or("");
                return self.exact.get(k).copied().unwrap_or(0);
            }
        }
        self.exact.get(&s.to_lowercase()).copied().unwrap_or(0)
    }

    pub fn is(&self, s: &str, list: List) -> bool {
        self.lookup(s) & (1 << list as u16) != 0
    }

    /// Per-token marks for the tokens `toks` (byte ranges into `text`, sorted): every run of
    /// tokens whose text is an entry, in any ASCII case.
    pub fn marks(&self, text: &str, toks: &[Range<usize>]) -> Vec<u64> {
        let mut out = vec![0u64; toks.len()];
        let bytes = text.as_bytes();
        let mut key: Vec<u8> = Vec::with_capacity(64);
        for i in 0..toks.len() {
            let s = toks[i].start;
            key.clear();
            let mut done = s;
            for j in i..toks.len() {
                let e = toks[j].end;
                if e - s > self.max_len || e < done {
                    break;
                }
                key.extend(bytes[done..e].iter().map(u8::to_ascii_lowercase));
                done = e;
                // ASCII lower-casing keeps UTF-8 valid
                let lists = std::str::from_utf8(&key)
                    .ok()
                    .and_then(|k| self.exact.get(k))
                    .copied()
                    .unwrap_or(0);
                if lists != 0 {
                    mark(&mut out, i, j, lists);
                }
                if j + 1 == toks.len() || !self.prefixes.contains(&hash_bytes(PREFIX_SEED, &key)) {
                    break;
                }
            }
        }
        out
    }
}

/// Set the position bits of the tokens `i..=j` for every list in `lists`.
fn mark(out: &mut [u64], i: usize, j: usize, lists: u16) {
    for l in 0..N_LISTS as u32 {
        if lists & (1 << l) == 0 {
            continue;
        }
        if i == j {
            out[i] |= 1 << (l * 4 + 3);
        } else {
            out[i] |= 1 << (l * 4);
            for o in &mut out[i + 1..j] {
                *o |= 1 << (l * 4 + 1);
            }
            out[j] |= 1 << (l * 4 + 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens;

    #[test]
    fn marks_multiword_entries_on_token_boundaries_in_any_case() {
        let g = Gazetteer::get();
        let t = "Troops left NORTH KOREA for the Middle East; northkorea is not a token match.";
        let toks = tokens(t);
        let m = g.marks(t, &toks);
        let idx = |w: &str| toks.iter().position(|r| &t[r.clone()] == w).unwrap();
        assert!(m[idx("NORTH")] & mark_bit(List::GpeExtra, 0) != 0);
        assert!(m[idx("KOREA")] & mark_bit(List::GpeExtra, 2) != 0);
        assert!(m[idx("Middle")] & mark_bit(List::Region, 0) != 0);
        assert_eq!(m[idx("northkorea")] & list_mask(List::GpeExtra), 0);
    }

    /// The marks an ASCII-case-insensitive automaton over the entries gives (overlapping
    /// matches that start at a token start and end at a token end): the reference the table
    /// scan must reproduce.
    fn automaton_marks(g: &Gazetteer, ac: &aho_corasick::AhoCorasick, keys: &[&String], text: &str) -> Vec<u64> {
        let toks = tokens(text);
        let mut out = vec![0u64; toks.len()];
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            return out;
        };
        for m in ac.find_overlapping_iter(&text.as_bytes()[first.start..last.end]) {
            let (s, e) = (m.start() + first.start, m.end() + first.start);
            let Ok(i) = toks.binary_search_by(|t| t.start.cmp(&s)) else {
                continue;
            };
            let Ok(j) = toks[i..].binary_search_by(|t| t.end.cmp(&e)).map(|x| x + i) else {
                continue;
            };
            mark(&mut out, i, j, g.exact[keys[m.pattern().as_usize()].as_str()]);
        }
        out
    }

    #[test]
    fn marks_equal_an_automatons_matches_at_token_boundaries() {
        let g = Gazetteer::get();
        let keys: Vec<&String> = g.exact.keys().collect();
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&keys)
            .expect("automaton");
        let mut texts: Vec<String> = vec![
            "Troops left NORTH KOREA for the Middle East, the U.S. said; São Paulo and SÃO PAULO.".into(),
            "The Hague, the Netherlands' capital; New York City's mayor met Prime Minister Rishi Sunak.".into(),
            "Kim Jong-un, Jean-Pierre, St. Louis, Washington D.C., the Bank of England's governor".into(),
        ];
        // the sample corpus, as scraped text and as HTML
        let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../python/newsdesk/samples");
        let mut files: Vec<_> = std::fs::read_dir(samples)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if let Ok(t) = std::fs::read_to_string(&f) {
                texts.push(t);
            }
        }
        assert!(texts.len() > 10, "the sample corpus is readable");
        // random runs of entry words in random case
        let words: Vec<&str> = keys.iter().take(3000).flat_map(|k| k.split(' ')).collect();
        let mut rng = super::super::train::Rng::new(3);
        for _ in 0..300 {
            let mut t = String::new();
            for _ in 0..rng.below(40) {
                let w = words[rng.below(words.len())];
                match rng.below(3) {
                    0 => t.push_str(&w.to_uppercase()),
                    1 => t.push_str(w),
                    _ => t.extend(
                        w.chars()
                            .enumerate()
                            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c }),
                    ),
                }
                t.push_str([" ", " ", ", ", "'s ", ".", "-"][rng.below(6)]);
            }
            texts.push(t);
        }
        for t in &texts {
            let toks = tokens(t);
            assert_eq!(g.marks(t, &toks), automaton_marks(g, &ac, &keys, t), "{t}");
        }
    }

    #[test]
    fn lookup_is_case_insensitive_and_exact() {
        let g = Gazetteer::get();
        assert!(g.is("france", List::Country));
        assert!(g.is("Reuters", List::Org));
        assert!(g.is("President", List::Title));
        assert!(!g.is("Fran", List::Country));
    }
}
