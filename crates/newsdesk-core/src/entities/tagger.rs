//! Tagger: hashed features per token in, a BILOU tag per token out.
//!
//! The model is a first-order structured (averaged) perceptron over BILOU tags for five types
//! (PER ORG LOC NORP MISC) = 21 tags, decoded exactly with Viterbi under hard BILOU transition
//! constraints. Scores are sums of sparse i16 weights (one global scale), so tagging is a few
//! hash-table probes and integer adds per token plus a 21x21 Viterbi step.
//!
//! Weights file (little-endian), written by [`Trainer::export`], read by [`Model::from_bytes`]:
//! `b"NDNER001"`, `u32 n_tags`, `u32 n_features`, `f32 scale`, `i16 transitions[n_tags*n_tags]`,
//! `u64 keys[n]` (sorted), `u32 row_end[n]` (cumulative entry counts), `u8 tags[m]`,
//! `i16 weights[m]`. In memory, rows of up to four weights live inside their hash slot (see
//! [`Model`]).
//! An empty or malformed file gives an empty model (every token `O`), never a panic.

use super::features::N_TYPES;
use super::layout::{self, Entry, Raw, Slot, EMPTY, INLINE, OVERFLOW};
use std::borrow::Cow;
use std::collections::HashMap;

pub const N_TAGS: usize = 1 + 4 * N_TYPES;
const _: () = assert!(
    N_TAGS == layout::N_TAGS,
    "layout.rs lays out the tag count of the tagger"
);
const MAGIC: &[u8; 8] = b"NDNER001";

/// Tag layout: 0 = O; 1 + 4*type + {0: B, 1: I, 2: L, 3: U}.
pub fn tag_type(t: u8) -> Option<usize> {
    (t != 0).then(|| (t as usize - 1) / 4)
}
pub fn tag_pos(t: u8) -> usize {
    (t as usize).wrapping_sub(1) % 4
}
pub fn make_tag(ty: usize, pos: usize) -> u8 {
    (1 + ty * 4 + pos) as u8
}

/// Is `cur` allowed after `prev` (`None` = sentence start)?
pub fn allowed(prev: Option<u8>, cur: u8) -> bool {
    let open = |t: u8| t != 0 && matches!(tag_pos(t), 0 | 1); // B or I: an entity continues
    match prev {
        Some(p) if open(p) => cur != 0 && matches!(tag_pos(cur), 1 | 2) && tag_type(cur) == tag_type(p),
        _ => cur == 0 || matches!(tag_pos(cur), 0 | 3),
    }
}

fn allowed_end(t: u8) -> bool {
    t == 0 || matches!(tag_pos(t), 2 | 3)
}

/// For every tag, the tags allowed before it (sentence-internal), computed once.
fn prev_lists() -> &'static [Vec<u8>; N_TAGS] {
    static P: std::sync::OnceLock<[Vec<u8>; N_TAGS]> = std::sync::OnceLock::new();
    P.get_or_init(|| std::array::from_fn(|cur| (0..N_TAGS as u8).filter(|&p| allowed(Some(p), cur as u8)).collect()))
}

/// Exact Viterbi over `emis` (n x N_TAGS) with transition scores `trans` (N_TAGS x N_TAGS).
pub fn viterbi(emis: &[f32], n: usize, trans: &[f32], out: &mut Vec<u8>) {
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let prevs = prev_lists();
    let mut score = [NEG; N_TAGS];
    let mut back: Vec<[u8; N_TAGS]> = vec![[0; N_TAGS]; n];
    for t in 0..N_TAGS {
        if allowed(None, t as u8) {
            score[t] = emis[t];
        }
    }
    for i in 1..n {
        let mut next = [NEG; N_TAGS];
        let row = &emis[i * N_TAGS..(i + 1) * N_TAGS];
        for cur in 0..N_TAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for &prev in &prevs[cur] {
                let s = score[prev as usize] + trans[prev as usize * N_TAGS + cur];
                if s > best {
                    best = s;
                    arg = prev;
                }
            }
            if best > NEG {
                next[cur] = best + row[cur];
                back[i][cur] = arg;
            }
        }
        score = next;
    }
    let mut best = 0usize;
    let mut bs = NEG;
    for (t, &s) in score.iter().enumerate() {
        if allowed_end(t as u8) && s > bs {
            bs = s;
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
}

/// Anything that scores tokens: the shipped [`Model`] or a [`Trainer`] mid-training.
pub trait Scorer {
    /// Emission scores of one token (`out` has N_TAGS entries, overwritten).
    fn emissions(&self, feats: &[u64], out: &mut [f32]);
    /// Transition scores, N_TAGS x N_TAGS, row = previous tag.
    fn transitions(&self) -> &[f32];
    /// The shipped kind of model, which tags through the word cache ([`super::wordcache`]).
    fn as_model(&self) -> Option<&Model> {
        None
    }
    /// Emission scores of all `n` tokens of a sentence into `out` (n x N_TAGS).
    fn sentence_emissions(&self, feats: &[u64], offsets: &[u32], out: &mut [f32]) {
        for (i, w) in offsets.windows(2).enumerate() {
            self.emissions(
                &feats[w[0] as usize..w[1] as usize],
                &mut out[i * N_TAGS..(i + 1) * N_TAGS],
            );
        }
    }
}

impl Scorer for Model {
    fn as_model(&self) -> Option<&Model> {
        Some(self)
    }
    fn emissions(&self, feats: &[u64], out: &mut [f32]) {
        Model::emissions(self, feats, out)
    }
    fn sentence_emissions(&self, feats: &[u64], offsets: &[u32], out: &mut [f32]) {
        Model::sentence_emissions(self, feats, offsets, out)
    }
    fn transitions(&self) -> &[f32] {
        &self.trans
    }
}

impl Scorer for Trainer {
    fn emissions(&self, feats: &[u64], out: &mut [f32]) {
        Trainer::emissions(self, feats, out)
    }
    fn transitions(&self) -> &[f32] {
        &self.tw
    }
}

/// The shipped (or a loaded) model: sparse quantised weights in an open-addressing table,
/// borrowed from a blob laid out at build time ([`Model::from_blob`], no parsing) or built from a
/// weights file ([`Model::from_bytes`]).
pub struct Model {
    /// distinct for every model made in the process (what the word cache is kept per)
    id: u64,
    trans: Vec<f32>,
    /// open addressing, linear probing, four 16-byte slots per cache line; a slot holds the
    /// feature's key and, for the 92% of features with at most four weights, the weights
    /// themselves, so a lookup is one memory read
    slots: Cow<'static, [Slot]>,
    mask: usize,
    n_features: usize,
    /// (tag, weight) pairs of the rows with more than four weights, back to back
    entries: Cow<'static, [Entry]>,
}

/// Quantise float weights to the file format: one global scale, i16 weights, rows with no
/// weight left after pruning (|q| < `prune`) dropped.
fn write_weights(trans: &[f32], table: &[(u64, [f32; N_TAGS])], prune: i16) -> Vec<u8> {
    let mut maxabs = 1e-6f32;
    for v in trans.iter().chain(table.iter().flat_map(|(_, r)| r.iter())) {
        maxabs = maxabs.max(v.abs());
    }
    let scale = maxabs / 32767.0;
    let q = |x: f32| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    let mut keys = Vec::new();
    let mut ends = Vec::new();
    let mut tags = Vec::new();
    let mut weights = Vec::new();
    for (k, row) in table {
        let before = tags.len();
        for (t, &x) in row.iter().enumerate() {
            let v = q(x);
            if v != 0 && v.abs() >= prune {
                tags.push(t as u8);
                weights.push(v);
            }
        }
        if tags.len() > before {
            keys.push(*k);
            ends.push(tags.len() as u32);
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    for &t in trans {
        out.extend_from_slice(&q(t).to_le_bytes());
    }
    for k in &keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for e in &ends {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out.extend_from_slice(&tags);
    for w in &weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Model {
    pub fn empty() -> Model {
        Model {
            id: next_model_id(),
            trans: vec![0.0; N_TAGS * N_TAGS],
            slots: Cow::Owned(vec![Slot::EMPTY]),
            mask: 0,
            n_features: 0,
            entries: Cow::Owned(vec![]),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.n_features == 0
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Identifies this model among all made in the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// [`Model::row`] of three consecutive parts of `feats` (`bounds`: where each starts and the
    /// last ends), every slot requested before the first is read.
    pub fn rows(&self, feats: &[u64], bounds: [usize; 4]) -> [[i32; N_TAGS]; 3] {
        feats.iter().for_each(|&f| self.prefetch(f));
        std::array::from_fn(|k| self.sum(feats.get(bounds[k]..bounds[k + 1]).unwrap_or(&[])))
    }

    /// The summed weights of `feats`, per tag.
    fn sum(&self, feats: &[u64]) -> [i32; N_TAGS] {
        let mut acc = [0i32; N_TAGS + 1];
        for &f in feats {
            self.add(f, &mut acc);
        }
        let mut out = [0i32; N_TAGS];
        out.copy_from_slice(&acc[..N_TAGS]);
        out
    }

    /// Ask the memory system for the slot of feature `f` (a hint; lookups are memory-bound).
    #[inline]
    fn prefetch(&self, f: u64) {
        #[cfg(not(target_arch = "x86_64"))]
        let _ = f; // a hint only; other targets rely on their hardware prefetchers
        #[cfg(target_arch = "x86_64")]
        if let Some(slot) = self.slots.get(f as usize & self.mask) {
            // SAFETY: prefetch is a hint; the pointer is to a live element
            unsafe {
                std::arch::x86_64::_mm_prefetch(slot as *const Slot as *const i8, std::arch::x86_64::_MM_HINT_T0)
            };
        }
    }

    /// The summed weights of `feats`, per tag (integers: sums are exact in any order). The
    /// slots of all of them are requested first, so their reads overlap.
    pub fn row(&self, feats: &[u64]) -> [i32; N_TAGS] {
        feats.iter().for_each(|&f| self.prefetch(f));
        self.sum(feats)
    }

    /// Parse a weights file (the format `train_ner` writes); `None` if it is malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        let (trans, slots, entries, n) = layout::place(&Raw::parse(b)?)?;
        Some(Model {
            id: next_model_id(),
            trans,
            mask: slots.len() - 1,
            slots: Cow::Owned(slots),
            n_features: n,
            entries: Cow::Owned(entries),
        })
    }

    /// The model of a blob `build.rs` laid out from a weights file ([`layout`]), used in place:
    /// nothing is parsed or copied but the 21 x 21 transitions. Takes a weights file too (then
    /// it is parsed). `None` if the bytes are neither.
    pub fn from_blob(blob: &'static [u8]) -> Option<Model> {
        let Some(p) = layout::model_parts(blob) else {
            return Model::from_bytes(blob);
        };
        Some(Model {
            id: next_model_id(),
            trans: p.trans,
            mask: p.slots.len() - 1,
            slots: Cow::Borrowed(p.slots),
            n_features: p.n_features,
            entries: Cow::Borrowed(p.entries),
        })
    }

    /// The slot of feature `key`, if the model has it.
    #[inline]
    fn find(&self, key: u64) -> Option<&Slot> {
        let hi = (key >> 32) as u32;
        let mut s = (key as usize) & self.mask;
        loop {
            let slot = self.slots.get(s)?;
            if slot.tags[0] == EMPTY {
                return None;
            }
            if slot.key == hi {
                return Some(slot);
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Add the weights of feature `key` to `acc` (indexed by tag; entry `N_TAGS` is a spare).
    #[inline]
    fn add(&self, key: u64, acc: &mut [i32; N_TAGS + 1]) {
        let Some(slot) = self.find(key) else { return };
        if slot.tags[0] == OVERFLOW {
            let start = slot.weights[0] as u16 as usize | (slot.weights[1] as u16 as usize) << 16;
            let len = slot.weights[2] as usize;
            for e in self.entries.get(start..start + len).unwrap_or(&[]) {
                acc[e.tag as usize] += e.weight as i32;
            }
        } else {
            for j in 0..INLINE {
                acc[slot.tags[j] as usize] += slot.weights[j] as i32;
            }
        }
    }

    /// Emission scores of a whole sentence: `feats` are all features back to back, token `i`
    /// owning `feats[offsets[i]..offsets[i+1]]`; `out` gets n x N_TAGS scores. The tagger is
    /// memory-bound (a random read per feature), so the slot of the feature a few places ahead
    /// is prefetched while the current one is added, keeping several reads in flight.
    pub fn sentence_emissions(&self, feats: &[u64], offsets: &[u32], out: &mut [f32]) {
        const AHEAD: usize = 16;
        let prefetch = |f: u64| self.prefetch(f);
        feats.iter().take(AHEAD).for_each(|&f| prefetch(f));
        for (i, w) in offsets.windows(2).enumerate() {
            let mut acc = [0i32; N_TAGS + 1];
            for k in w[0] as usize..w[1] as usize {
                if let Some(&f) = feats.get(k + AHEAD) {
                    prefetch(f);
                }
                if let Some(&f) = feats.get(k) {
                    self.add(f, &mut acc);
                }
            }
            if let Some(o) = out.get_mut(i * N_TAGS..(i + 1) * N_TAGS) {
                for (o, a) in o.iter_mut().zip(acc) {
                    *o = a as f32;
                }
            }
        }
    }

    /// Add the emission scores of one token's features to `out` (N_TAGS entries).
    pub fn emissions(&self, feats: &[u64], out: &mut [f32]) {
        for (o, a) in out.iter_mut().zip(self.sum(feats)) {
            *o = a as f32;
        }
    }
}

/// Averaged structured perceptron trainer (Collins 2002) with lazy averaging:
/// `avg = w - u / c`, where `u` accumulates `c * delta`.
pub struct Trainer {
    index: HashMap<u64, u32>,
    keys: Vec<u64>,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Trainer {
    /// A trainer over a fixed feature set (features outside it are ignored).
    pub fn new(features: impl IntoIterator<Item = u64>) -> Trainer {
        let mut keys: Vec<u64> = features.into_iter().collect();
        keys.sort_unstable();
        keys.dedup();
        let index = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
        let n = keys.len();
        Trainer {
            index,
            keys,
            w: vec![0.0; n * N_TAGS],
            u: vec![0.0; n * N_TAGS],
            tw: vec![0.0; N_TAGS * N_TAGS],
            tu: vec![0.0; N_TAGS * N_TAGS],
            c: 1.0,
        }
    }

    pub fn emissions(&self, feats: &[u64], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// One perceptron update for a sentence: `feats(i)` gives token i's features.
    pub fn update<'a>(&mut self, feats: impl Fn(usize) -> &'a [u64], gold: &[u8], pred: &[u8]) {
        let c = self.c;
        for i in 0..gold.len() {
            let (g, p) = (gold[i] as usize, pred[i] as usize);
            if g != p {
                for f in feats(i) {
                    if let Some(&r) = self.index.get(f) {
                        let b = r as usize * N_TAGS;
                        self.w[b + g] += 1.0;
                        self.u[b + g] += c;
                        self.w[b + p] -= 1.0;
                        self.u[b + p] -= c;
                    }
                }
            }
            if i > 0 {
                let (gp, pp) = (gold[i - 1] as usize, pred[i - 1] as usize);
                if gp != pp || g != p {
                    self.tw[gp * N_TAGS + g] += 1.0;
                    self.tu[gp * N_TAGS + g] += c;
                    self.tw[pp * N_TAGS + p] -= 1.0;
                    self.tu[pp * N_TAGS + p] -= c;
                }
            }
        }
    }

    /// Advance the averaging clock (call once per training sentence).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// Averaged, pruned, quantised weights in the file format above. Weights whose quantised
    /// magnitude is below `prune` (out of 32767) are dropped, and features left without weights.
    pub fn export(&self, prune: i16) -> Vec<u8> {
        self.export_merged(prune, &self.keys, |_| Vec::new())
    }

    /// [`Trainer::export`] of the features `keys` only, the row written under each key being
    /// its averaged weights plus `factor` x the weights of each `(other key, factor)` that
    /// `extras(key)` names (used to fold domain-specific copies of features into the shipped
    /// ones).
    pub fn export_merged(&self, prune: i16, keys: &[u64], extras: impl Fn(u64) -> Vec<(u64, f32)>) -> Vec<u8> {
        let c = self.c;
        let avg = |w: f32, u: f32| w - u / c;
        let trans: Vec<f32> = self.tw.iter().zip(&self.tu).map(|(w, u)| avg(*w, *u)).collect();
        let row_of = |k: u64| -> Option<[f32; N_TAGS]> {
            let r = *self.index.get(&k)? as usize;
            Some(std::array::from_fn(|t| {
                avg(self.w[r * N_TAGS + t], self.u[r * N_TAGS + t])
            }))
        };
        let table: Vec<(u64, [f32; N_TAGS])> = keys
            .iter()
            .filter_map(|&k| {
                let mut row = row_of(k)?;
                for (x, factor) in extras(k) {
                    if let Some(x) = row_of(x) {
                        row.iter_mut().zip(x).for_each(|(a, b)| *a += factor * b);
                    }
                }
                Some((k, row))
            })
            .collect();
        write_weights(&trans, &table, prune)
    }

    /// Every feature the trainer knows, sorted.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bilou_constraints() {
        // emissions prefer I-PER everywhere, which alone is never a valid sequence
        let n = 3;
        let mut emis = vec![0.0f32; n * N_TAGS];
        for i in 0..n {
            emis[i * N_TAGS + make_tag(0, 1) as usize] = 5.0;
        }
        let mut out = Vec::new();
        viterbi(&emis, n, &vec![0.0; N_TAGS * N_TAGS], &mut out);
        assert_eq!(out, vec![make_tag(0, 0), make_tag(0, 1), make_tag(0, 2)]);
    }

    #[test]
    fn trained_weights_round_trip_through_the_file_format() {
        let mut tr = Trainer::new([11u64, 22]);
        let gold = [make_tag(1, 3)];
        let pred = [0u8];
        let f = [11u64];
        tr.update(|_| &f[..], &gold, &pred);
        tr.tick();
        let m = Model::from_bytes(&tr.export(0)).expect("parses");
        let mut e = [0f32; N_TAGS];
        m.emissions(&[11], &mut e);
        assert!(e[make_tag(1, 3) as usize] > 0.0 && e[0] < 0.0);
        assert!(Model::from_bytes(b"junk").is_none());
        assert!(Model::from_bytes(&tr.export(0)[..30]).is_none());
    }

    #[test]
    fn long_and_short_rows_score_the_same_as_the_float_weights() {
        // feature A has weights on 6 tags (stored out of line), feature B on 2 (inline); keys are
        // 64-bit hashes in use, so give these distinct high halves too
        const A: u64 = 7 | 1 << 40;
        const B: u64 = 9 | 2 << 40;
        const UNSEEN: u64 = 12345 | 3 << 40;
        let mut row7 = [0f32; N_TAGS];
        for (t, w) in row7.iter_mut().enumerate().take(6) {
            *w = (t as f32 + 1.0) * if t % 2 == 0 { 1.0 } else { -1.0 };
        }
        let mut row9 = [0f32; N_TAGS];
        row9[3] = 2.0;
        row9[20] = -4.0;
        let trans = vec![0f32; N_TAGS * N_TAGS];
        let m = Model::from_bytes(&write_weights(&trans, &[(A, row7), (B, row9)], 0)).expect("parses");
        let scale = 6.0 / 32767.0; // the largest weight sets the quantisation step
        let mut e = [0f32; N_TAGS];
        m.emissions(&[A, B, UNSEEN], &mut e);
        for t in 0..N_TAGS {
            let want = (row7[t] + row9[t]) / scale;
            assert!((e[t] - want).abs() <= 2.0, "tag {t}: {} vs {want}", e[t]);
        }
        // the sentence path (with prefetching) gives the same scores as token by token
        let feats = [A, B, B, UNSEEN, A];
        let offsets = [0u32, 2, 2, 5];
        let mut out = vec![0f32; 3 * N_TAGS];
        m.sentence_emissions(&feats, &offsets, &mut out);
        for (i, w) in offsets.windows(2).enumerate() {
            let mut one = [0f32; N_TAGS];
            m.emissions(&feats[w[0] as usize..w[1] as usize], &mut one);
            assert_eq!(&out[i * N_TAGS..(i + 1) * N_TAGS], &one[..]);
        }
        assert!(out[N_TAGS..2 * N_TAGS].iter().all(|&x| x == 0.0)); // a token without features
    }
}
