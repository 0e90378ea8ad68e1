//! Word cache: what a word adds to the tagger's scores, summed once per word and thread.
//!
//! Of the ~40 features of a token, ~30 read a single token: its own identity, spelling, casing,
//! clusters and lexicon entry, and the same of its neighbours. What those add depends only on
//! the word, on whether the sentence is a headline in capitals and on whether the token starts
//! it, so the tagger sums them once per word into three score rows (the word itself, the word as
//! its right neighbour's left context, the word as its left neighbour's right context) and then
//! reads rows where it made ~30 random reads into the weights. Word bigrams, the shape trigram,
//! neighbouring casing and clusters, gazetteer marks and the document history are still looked
//! up per token ([`super::features::push_pairs`]). Scores are integer sums (below 2^24, so exact
//! in `f32` too): the result equals the uncached [`super::features::sentence_features`] path
//! bit for bit (tested below).
//!
//! Bounded memory: per model and thread, at most [`SLOTS`] words in a four-way set-associative
//! table (a word takes one of four slots its hash picks; words used again move up, new ones take
//! the last place), so a stream of new vocabulary never grows it past about 6 MB per model and
//! thread; it starts at 1,024 words and doubles as it fills.

use super::features::{
    case_code_of, case_of, far_edge, push_edge, push_pairs, tok_of, upper_of, History, Lexicon, PairPart, Scratch,
};
use super::hashing::hash_bytes;
use super::tagger::{Model, N_TAGS};
use std::cell::RefCell;

/// Words a cache holds at most.
pub const SLOTS: usize = 16384;

/// Words a new cache has room for: it doubles when three quarters are taken, up to its maximum,
/// so a language met in a few documents keeps a small one.
const FIRST_SLOTS: usize = 1024;

/// What one word (in one casing context) adds to the scores of itself and its neighbours.
#[derive(Clone, Copy)]
struct Parts {
    own: [i32; N_TAGS],
    /// added to the token after it / before it
    as_neighbour: [[i32; N_TAGS]; 2],
    /// its word feature two places after / before it
    far: [u64; 2],
    pair: PairPart,
}

/// A cached word: its key, the word itself (inline: longer words are not cached) and its parts.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    flags: u8,
    len: u8,
    word: [u8; MAX_WORD],
    parts: Parts,
}

/// Places a word can take: its set of four slots.
const WAYS: usize = 4;

/// Longest word (in UTF-8 bytes) the cache holds.
const MAX_WORD: usize = 30;

/// The cache of one model.
pub struct WordCache {
    model: u64,
    lexicon: Lexicon,
    /// set-associative: a word lives in one of the four slots its key picks; one used again
    /// moves up its set, a new one takes a free slot or the last
    slots: Vec<Option<Slot>>,
    max_slots: usize,
    filled: usize,
    /// rows of the missing neighbour at the start / end of a sentence
    edge: [[i32; N_TAGS]; 2],
    arena: String,
    feats: Vec<u64>,
    sentence: Vec<Parts>,
    pairs: Vec<PairPart>,
}

impl WordCache {
    /// An empty cache for `model` with room for up to `slots` words (rounded up to a power of two).
    pub fn new(model: &Model, slots: usize, lexicon: Lexicon) -> WordCache {
        let max_slots = slots.max(WAYS).next_power_of_two();
        let edge = [0, 1].map(|side| {
            let mut f = Vec::new();
            push_edge(side, &mut f);
            model.row(&f)
        });
        WordCache {
            model: model.id(),
            lexicon,
            slots: vec![None; FIRST_SLOTS.min(max_slots)],
            max_slots,
            filled: 0,
            edge,
            arena: String::new(),
            feats: Vec::new(),
            sentence: Vec::new(),
            pairs: Vec::new(),
        }
    }

    /// Words held now.
    pub fn len(&self) -> usize {
        self.filled
    }

    /// Words it can hold now.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Double the table, each word moving to its set in the larger one.
    fn grow(&mut self) {
        let bigger = vec![None; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        self.filled = 0;
        for slot in old.into_iter().flatten() {
            let set = self.set_of(slot.key);
            if let Some(p) = (set..set + WAYS).find(|&p| self.slots[p].is_none()) {
                self.slots[p] = Some(slot);
                self.filled += 1;
            }
        }
    }

    fn set_of(&self, key: u64) -> usize {
        key as usize & (self.slots.len() - 1) & !(WAYS - 1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sum what `word` adds, in a sentence that is a headline (`flags` bit 0) or at its start (bit 1).
    fn compute(&mut self, model: &Model, word: &str, flags: u8) -> Parts {
        self.arena.clear();
        let upper = flags & 1 != 0;
        let t = tok_of(&mut self.arena, word, upper, false, self.lexicon);
        let arena = self.arena.as_bytes();
        // the three feature lists back to back, their slots requested at once (a miss is
        // memory-bound: ~30 reads)
        let f = &mut self.feats;
        f.clear();
        t.push_own(arena, case_code_of(case_of(word), upper, flags & 2 != 0), f);
        let own_end = f.len();
        t.push_as_neighbour(arena, 0, f);
        let left_end = f.len();
        t.push_as_neighbour(arena, 1, f);
        let rows = model.rows(f, [0, own_end, left_end, f.len()]);
        let (own, as_neighbour) = (rows[0], [rows[1], rows[2]]);
        Parts {
            own,
            as_neighbour,
            far: [t.as_far_neighbour(arena, 0), t.as_far_neighbour(arena, 1)],
            pair: t.pair,
        }
    }

    fn parts(&mut self, model: &Model, word: &str, flags: u8) -> Parts {
        let key = hash_bytes(u64::from(flags) + 1, word.as_bytes());
        let set = self.set_of(key);
        let w = word.as_bytes();
        for p in set..set + WAYS {
            if let Some(s) = &self.slots[p] {
                if s.key == key && s.flags == flags && &s.word[..s.len as usize] == w {
                    let parts = s.parts;
                    if p > set {
                        // a word used again moves up its set: the last place goes to new words
                        self.slots.swap(p, p - 1);
                    }
                    return parts;
                }
            }
        }
        let parts = self.compute(model, word, flags);
        if w.len() <= MAX_WORD {
            let mut slot = Slot {
                key,
                flags,
                len: w.len() as u8,
                word: [0; MAX_WORD],
                parts,
            };
            slot.word[..w.len()].copy_from_slice(w);
            let free = (set..set + WAYS).find(|&p| self.slots[p].is_none());
            self.filled += free.is_some() as usize;
            self.slots[free.unwrap_or(set + WAYS - 1)] = Some(slot);
            if self.filled * 4 > self.slots.len() * 3 && self.slots.len() < self.max_slots {
                self.grow();
            }
        }
        parts
    }

    /// Emission scores of one sentence (`out`: n x N_TAGS, overwritten), equal to
    /// `sentence_features` + `Model::sentence_emissions`; `sc.keys` gets the tokens' word keys.
    pub fn sentence_emissions(
        &mut self,
        model: &Model,
        words: &[&str],
        marks: &[u64],
        hist: &History,
        sc: &mut Scratch,
        out: &mut [f32],
    ) {
        let n = words.len();
        let upper = upper_of(words.iter().map(|w| case_of(w)));
        self.sentence.clear();
        self.pairs.clear();
        sc.keys.clear();
        for (i, w) in words.iter().enumerate() {
            let p = self.parts(model, w, upper as u8 | ((i == 0) as u8) << 1);
            self.sentence.push(p);
            self.pairs.push(p.pair);
            sc.keys.push(p.pair.key);
        }
        sc.feats.clear();
        sc.offsets.clear();
        for i in 0..n {
            sc.offsets.push(sc.feats.len() as u32);
            let own = &self.sentence[i];
            let cc = case_code_of(own.pair.case, upper, i == 0);
            sc.feats.push(
                i.checked_sub(2)
                    .map_or_else(|| far_edge(0), |j| self.sentence[j].far[0]),
            );
            sc.feats
                .push(self.sentence.get(i + 2).map_or_else(|| far_edge(1), |p| p.far[1]));
            push_pairs(&self.pairs, i, marks, hist, cc, upper, &mut sc.feats);
        }
        sc.offsets.push(sc.feats.len() as u32);
        model.sentence_emissions(&sc.feats, &sc.offsets, out);
        for i in 0..n {
            let left = i
                .checked_sub(1)
                .map_or(&self.edge[0], |j| &self.sentence[j].as_neighbour[0]);
            let right = self.sentence.get(i + 1).map_or(&self.edge[1], |p| &p.as_neighbour[1]);
            let own = &self.sentence[i].own;
            if let Some(o) = out.get_mut(i * N_TAGS..(i + 1) * N_TAGS) {
                for t in 0..N_TAGS {
                    o[t] += (own[t] + left[t] + right[t]) as f32;
                }
            }
        }
    }
}

thread_local! {
    static CACHES: RefCell<Vec<WordCache>> = const { RefCell::new(Vec::new()) };
}

/// Models a thread keeps caches for (one per language in use, and spares).
const MAX_MODELS: usize = 6;

/// Run `f` with this thread's cache for `model` reading `lexicon`.
pub fn with_cache<R>(model: &Model, lexicon: Lexicon, f: impl FnOnce(&mut WordCache) -> R) -> R {
    CACHES.with(|c| {
        let mut caches = c.borrow_mut();
        let i = match caches
            .iter()
            .position(|w| w.model == model.id() && w.lexicon == lexicon)
        {
            Some(i) => i,
            None => {
                if caches.len() >= MAX_MODELS {
                    caches.remove(0);
                }
                caches.push(WordCache::new(model, SLOTS, lexicon));
                caches.len() - 1
            }
        };
        f(&mut caches[i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::sentence_features;
    use crate::entities::gazetteer::Gazetteer;
    use crate::entities::{model, model_de, model_pt};
    use crate::segment::{sentences, tokens};

    const TEXTS: &[&str] = &[
        "President Joe Biden met Kim Jong-un in Hanoi on Monday. \"We will win,\" Biden said, adding that the U.S. would pay $5 million.",
        "WASHINGTON (AP) — THE SENATE VOTED 52-48 ON TUESDAY. Biden's aides, including Ron Klain, said the vote was a win.",
        "Bundeskanzler Olaf Scholz sagte am Dienstag in Berlin, die Deutsche Bahn werde 3,5 Milliarden Euro investieren.",
        "O presidente Luiz Inácio Lula da Silva afirmou nesta segunda-feira que o Brasil vai crescer. Lula falou em Brasília.",
        "a b c. X. ÉÉÉ ÄÖÜ straße Straße 1,000,000 ... !!! «Oui», a dit Emmanuel Macron à l'Élysée.",
    ];

    fn uncached(m: &Model, lexicon: Lexicon, words: &[&str], marks: &[u64], hist: &History) -> Vec<f32> {
        let mut sc = Scratch::default();
        sc.lexicon = lexicon;
        sentence_features(words, marks, hist, &mut sc);
        let mut out = vec![0.0; words.len() * N_TAGS];
        m.sentence_emissions(&sc.feats, &sc.offsets, &mut out);
        out
    }

    #[test]
    fn cached_scores_equal_the_direct_features_in_every_model_and_when_words_share_a_slot() {
        for (m, slots, lexicon) in [
            (model(), SLOTS, Lexicon::En),
            (model(), 8, Lexicon::En),
            (model_de(), 4, Lexicon::De),
            (model_pt(), 1, Lexicon::En),
        ] {
            let mut cache = WordCache::new(m, slots, lexicon);
            let mut hist = History::default();
            for _ in 0..2 {
                for text in TEXTS {
                    for s in sentences(text) {
                        let toks: Vec<_> = tokens(&text[s.clone()])
                            .into_iter()
                            .map(|r| r.start + s.start..r.end + s.start)
                            .collect();
                        let words: Vec<&str> = toks.iter().map(|r| &text[r.clone()]).collect();
                        let marks = Gazetteer::get().marks(text, &toks);
                        let mut sc = Scratch::default();
                        let mut out = vec![0.0; words.len() * N_TAGS];
                        cache.sentence_emissions(m, &words, &marks, &hist, &mut sc, &mut out);
                        assert_eq!(out, uncached(m, lexicon, &words, &marks, &hist), "{words:?}");
                        assert!(out.iter().any(|&x| x != 0.0));
                        for (i, &k) in sc.keys.iter().enumerate() {
                            // the history changes later sentences' scores: both paths read it
                            hist.record(k, i % 2);
                        }
                    }
                }
                assert!(cache.len() <= cache.capacity() && cache.capacity() <= slots.max(4));
            }
        }
    }

    #[test]
    fn the_cache_stays_bounded_on_new_vocabulary() {
        let m = model();
        let mut cache = WordCache::new(m, 64, Lexicon::En);
        let words: Vec<String> = (0..5000).map(|i| format!("Word{i}")).collect();
        let refs: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
        let hist = History::default();
        let mut sc = Scratch::default();
        for chunk in refs.chunks(50) {
            let mut out = vec![0.0; chunk.len() * N_TAGS];
            cache.sentence_emissions(m, chunk, &vec![0; chunk.len()], &hist, &mut sc, &mut out);
        }
        assert_eq!(cache.capacity(), 64);
        assert!(cache.len() <= 64, "{}", cache.len());
        // a large one starts small and grows with the vocabulary, to its maximum
        let mut cache = WordCache::new(m, SLOTS, Lexicon::En);
        assert_eq!(cache.capacity(), FIRST_SLOTS);
        for chunk in refs.chunks(50) {
            let mut out = vec![0.0; chunk.len() * N_TAGS];
            cache.sentence_emissions(m, chunk, &vec![0; chunk.len()], &hist, &mut sc, &mut out);
        }
        assert!(cache.capacity() > FIRST_SLOTS && cache.capacity() <= SLOTS);
        assert!(cache.len() > 3000, "{}", cache.len());
    }
}
