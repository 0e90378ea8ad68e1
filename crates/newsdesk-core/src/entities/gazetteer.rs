//! Gazetteer: name lists in, per-token list-membership marks out.
//!
//! All lists under `data/gazetteers/` are compiled into ONE aho-corasick automaton (ASCII
//! case-insensitive, overlapping matches), so a sentence in ALL CAPS matches like a normal one.
//! A match counts only when it starts at a token start and ends at a token end. For every token
//! the matcher returns a bit mask: for each list, whether the token Begins, is Inside, is the
//! Last token of, or is a Unit (single-token) match of some entry. The tagger uses the marks as
//! features; `mod.rs` uses [`Gazetteer::lookup`] to separate GPE from LOC, to find NORP, and to
//! strip titles.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
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

const SOURCES: [(List, &str); 17] = [
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

/// Mask of all four position bits of `list`.
pub const fn list_mask(list: List) -> u64 {
    0xFu64 << (list as u32 * 4)
}

pub struct Gazetteer {
    ac: AhoCorasick,
    /// list bit mask per pattern id
    pattern_lists: Vec<u16>,
    /// lower-cased entry -> list bit mask (for exact look-ups of a whole mention)
    exact: HashMap<String, u16>,
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut exact: HashMap<String, u16> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (list, src) in SOURCES {
            for line in src.lines() {
                let e = line.trim();
                if e.is_empty() || e.starts_with('#') {
                    continue;
                }
                let key = e.to_lowercase();
                let slot = exact.entry(key.clone()).or_insert_with(|| {
                    order.push(key);
                    0
                });
                *slot |= 1 << (list as u16);
            }
        }
        let pattern_lists = order.iter().map(|k| exact[k]).collect();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&order)
            .expect("gazetteer automaton builds");
        Gazetteer {
            ac,
            pattern_lists,
            exact,
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

    /// Per-token marks for the tokens `toks` (byte ranges into `text`, sorted). Matches that do
    /// not start and end on token boundaries are ignored.
    pub fn marks(&self, text: &str, toks: &[Range<usize>]) -> Vec<u64> {
        let mut out = vec![0u64; toks.len()];
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            return out;
        };
        let hay = &text.as_bytes()[first.start..last.end];
        let base = first.start;
        for m in self.ac.find_overlapping_iter(hay) {
            let (s, e) = (m.start() + base, m.end() + base);
            let Ok(i) = toks.binary_search_by(|t| t.start.cmp(&s)) else {
                continue;
            };
            let Ok(j) = toks[i..].binary_search_by(|t| t.end.cmp(&e)).map(|x| x + i) else {
                continue;
            };
            let lists = self.pattern_lists[m.pattern().as_usize()];
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
        out
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

    #[test]
    fn lookup_is_case_insensitive_and_exact() {
        let g = Gazetteer::get();
        assert!(g.is("france", List::Country));
        assert!(g.is("Reuters", List::Org));
        assert!(g.is("President", List::Title));
        assert!(!g.is("Fran", List::Country));
    }
}
