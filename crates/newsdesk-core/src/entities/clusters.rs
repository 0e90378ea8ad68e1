//! Word statistics: a normalised word (lower-cased, digits folded to `0`) in, what two tables
//! know about it out ([`WordInfo`]), one lookup per token.
//!
//! - `data/entities/word_clusters.txt` (`word<TAB>fine<TAB>coarse`), learned by
//!   `scripts/word_clusters.py` from the unlabeled tokens of the training corpora (PPMI context
//!   vectors, truncated SVD, k-means at two granularities): names seen in training generalise to
//!   names that were not ("Kaczynski" clusters with "Sharif", "Mosul" with "Kandahar").
//! - `data/entities/word_lexicon.txt`, made by `scripts/word_lexicon.py` from a large web corpus
//!   (spacy-lookups-data): Brown clusters of the capitalised and lower-case forms, how much likelier
//!   the capitalised form is, and frequency, so surnames never seen in training look like names.
//!
//! Loaded once per process into one table keyed by the 64-bit word hash the feature extractor
//! computes anyway; lookups never allocate. Malformed lines are skipped.

use super::features::word_key;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The keys are already well-mixed 64-bit hashes of the word ([`word_key`]): pass them through.
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

/// What the tables know about one normalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    /// fine and coarse cluster learned from the training corpora ([`UNKNOWN`] if unseen)
    pub fine: u16,
    pub coarse: u16,
    /// Brown cluster (large web corpus) of the capitalised and the lower-case form (0 = none)
    pub cap_brown: u32,
    pub low_brown: u32,
    /// log odds of the capitalised vs the lower-case form, -6..=6 (0 when unknown)
    pub caps: i8,
    /// rounded natural log probability of the word, -20..=-3 (0 when unknown)
    pub freq: i8,
}

impl WordInfo {
    pub const NONE: WordInfo = WordInfo {
        fine: UNKNOWN,
        coarse: UNKNOWN,
        cap_brown: 0,
        low_brown: 0,
        caps: 0,
        freq: 0,
    };
}

type Table = HashMap<u64, WordInfo, BuildHasherDefault<PassThrough>>;

/// Cluster id used for words not in the table (the tagger learns what "unknown" means).
pub const UNKNOWN: u16 = u16::MAX;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let src = include_str!("../../data/entities/word_clusters.txt");
        let mut m = Table::default();
        for line in src.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(w), Some(f), Some(c)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let (Ok(f), Ok(c)) = (f.parse::<u16>(), c.parse::<u16>()) else {
                continue;
            };
            if !w.is_empty() {
                let e = m.entry(word_key(w.as_bytes())).or_insert(WordInfo::NONE);
                e.fine = f;
                e.coarse = c;
            }
        }
        for line in include_str!("../../data/entities/word_lexicon.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let [w, cb, lb, caps, freq] = f[..] else { continue };
            let (Ok(cb), Ok(lb), Ok(caps), Ok(freq)) = (cb.parse(), lb.parse(), caps.parse(), freq.parse()) else {
                continue;
            };
            let e = m.entry(word_key(w.as_bytes())).or_insert(WordInfo::NONE);
            e.cap_brown = cb;
            e.low_brown = lb;
            e.caps = caps;
            e.freq = freq;
        }
        m
    })
}

/// Everything known about a word, given its [`word_key`].
#[inline]
pub fn info_of_key(key: u64) -> WordInfo {
    table().get(&key).copied().unwrap_or(WordInfo::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_places_share_a_cluster() {
        assert!(table().len() > 10_000);
        let cluster = |w: &str| info_of_key(word_key(w.as_bytes())).fine;
        assert_eq!(cluster("no-such-word-xyzzy"), UNKNOWN);
        let a = cluster("london");
        let b = cluster("paris");
        assert_ne!(a, UNKNOWN);
        assert_eq!(a, b);
    }

    #[test]
    fn lexicon_knows_casing_odds_and_brown_clusters() {
        let info = |w: &str| info_of_key(word_key(w.as_bytes()));
        // a surname is written capitalised, a common noun is not
        assert!(info("comey").caps > 0, "{:?}", info("comey"));
        assert!(info("tower").caps < 0, "{:?}", info("tower"));
        assert!(info("the").freq > info("tower").freq);
        assert_ne!(info("london").cap_brown, 0);
        assert_eq!(info("no-such-word-xyzzy"), WordInfo::NONE);
    }
}
