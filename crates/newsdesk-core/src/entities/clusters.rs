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
//! Both files are laid out at build time (`build.rs`, [`super::layout`]) into one open-addressing
//! table keyed by the 64-bit word hash the feature extractor computes anyway, embedded in the
//! binary and used in place: nothing is parsed at run time, lookups never allocate. Malformed
//! lines are skipped.

use super::layout::{find_word, word_slots_of, WordTable, UNKNOWN_CLUSTER};
use std::sync::OnceLock;

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

/// Cluster id used for words not in the table (the tagger learns what "unknown" means).
pub const UNKNOWN: u16 = UNKNOWN_CLUSTER;

/// Which large-corpus word table a tagger reads: the English one, or that of a language with
/// its own (`data/entities/word_lexicon_<lang>.txt`: German, Spanish). Portuguese reads the
/// Spanish one: its weights are trained on Portuguese read through it and also tag Spanish, so
/// names learned from Portuguese fall in the Spanish Brown clusters Spanish names fall in
/// (Spanish sample names F1 62.3 to 75.7, Portuguese news unchanged, legal +0.6). French has no
/// table of its own and reads the English one (the Spanish one did not help it). The corpus
/// clusters are the same in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lexicon {
    #[default]
    En,
    De,
    Es,
}

impl Lexicon {
    /// The table names in `lang` are read with.
    pub fn of(lang: super::Lang) -> Lexicon {
        match lang {
            super::Lang::De => Lexicon::De,
            super::Lang::Es | super::Lang::Pt => Lexicon::Es,
            _ => Lexicon::En,
        }
    }
}

fn table_of(blob: &'static [u8], cell: &'static OnceLock<WordTable<'static>>) -> &'static WordTable<'static> {
    cell.get_or_init(|| word_slots_of(blob).map_or(WordTable { zero: None, slots: &[] }, |(t, _)| t))
}

/// The word table `build.rs` laid out from the two files, embedded and used in place.
fn table(lexicon: Lexicon) -> &'static WordTable<'static> {
    static EN: &super::Aligned<[u8]> = &super::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/word_table.layout")));
    static DE: &super::Aligned<[u8]> =
        &super::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/word_table_de.layout")));
    static ES: &super::Aligned<[u8]> =
        &super::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/word_table_es.layout")));
    static T: [OnceLock<WordTable<'static>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    match lexicon {
        Lexicon::En => table_of(&EN.0, &T[0]),
        Lexicon::De => table_of(&DE.0, &T[1]),
        Lexicon::Es => table_of(&ES.0, &T[2]),
    }
}

/// Everything the English tables know about a word, given its
/// [`word_key`](super::features::word_key).
#[inline]
pub fn info_of_key(key: u64) -> WordInfo {
    info_in(Lexicon::En, key)
}

/// Everything `lexicon`'s tables know about a word, given its key.
#[inline]
pub fn info_in(lexicon: Lexicon, key: u64) -> WordInfo {
    match find_word(table(lexicon), key) {
        Some(s) => WordInfo {
            fine: s.fine,
            coarse: s.coarse,
            cap_brown: s.cap_brown,
            low_brown: s.low_brown,
            caps: s.caps,
            freq: s.freq,
        },
        None => WordInfo::NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::word_key;

    #[test]
    fn table_loads_and_places_share_a_cluster() {
        assert!(table(Lexicon::En).slots.iter().filter(|s| s.key != 0).count() > 10_000);
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

    #[test]
    fn german_reads_its_own_lexicon() {
        let de = |w: &str| info_in(Lexicon::De, word_key(w.as_bytes()));
        assert!(table(Lexicon::De).slots.iter().filter(|s| s.key != 0).count() > 100_000);
        // surnames share a Brown cluster that weekdays and common nouns are not in
        assert_eq!(de("merkel").cap_brown, de("scholz").cap_brown);
        assert_ne!(de("merkel").cap_brown, de("dienstag").cap_brown);
        assert_ne!(de("merkel").cap_brown, de("haus").cap_brown);
        assert_ne!(de("merkel"), info_of_key(word_key(b"merkel")));
    }
}
