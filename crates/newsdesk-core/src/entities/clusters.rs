//! Word clusters: a normalised word (lower-cased, digits folded to `0`) in, its distributional
//! cluster ids out (fine, coarse), or `None` for words outside the cluster vocabulary.
//!
//! The table (`data/entities/word_clusters.txt`, `word<TAB>fine<TAB>coarse`) is learned by
//! `scripts/word_clusters.py` from the unlabeled tokens of the training corpora (PPMI context
//! vectors, truncated SVD, k-means at two granularities). Clusters let the tagger generalise from
//! names it saw in training to names it did not ("Kaczynski" clusters with "Sharif", "Mosul" with
//! "Kandahar"). Loaded once per process; lookups never allocate
//! (the table is keyed by the 64-bit word hash the feature extractor computes anyway). Malformed lines are skipped.

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

type Table = HashMap<u64, (u16, u16), BuildHasherDefault<PassThrough>>;

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
                m.insert(word_key(w.as_bytes()), (f, c));
            }
        }
        m
    })
}

/// (fine, coarse) cluster of a normalised word; `(UNKNOWN, UNKNOWN)` when not in the table.
#[inline]
pub fn cluster(norm: &str) -> (u16, u16) {
    cluster_of_key(word_key(norm.as_bytes()))
}

/// The same, given the word's [`word_key`] (the tagger has it already).
#[inline]
pub fn cluster_of_key(key: u64) -> (u16, u16) {
    table().get(&key).copied().unwrap_or((UNKNOWN, UNKNOWN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_places_share_a_cluster() {
        assert!(table().len() > 10_000);
        assert_eq!(cluster("no-such-word-xyzzy"), (UNKNOWN, UNKNOWN));
        let (a, _) = cluster("london");
        let (b, _) = cluster("paris");
        assert_ne!(a, UNKNOWN);
        assert_eq!(a, b);
    }
}
