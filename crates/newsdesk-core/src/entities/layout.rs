//! Layout: the entity model's files in, binary tables that are used in place out.
//!
//! Parsing the shipped weights into a hash table and the 400k-line word lexicon into another
//! took about a second at the first entity call of every process. `build.rs` compiles this file
//! (standard library only) and lays both tables out at build time, in the byte order of the
//! target; the crate embeds the results with `include_bytes!` (16-byte aligned) and reads them
//! where they lie: no parsing, no copy, pages touched only when a lookup needs them.
//!
//! - Model blob (from a `NDNER001` weights file, the format `train_ner` writes; see
//!   [`super::tagger`]): `b"NDLAY001"`, `u32 n_features`, `u32 n_slots` (a power of two),
//!   `u32 n_entries`, 12 bytes of padding, `f32 transitions[N_TAGS * N_TAGS]`, padding to 16,
//!   `Slot slots[n_slots]`, `Entry entries[n_entries]`.
//! - Word blob (from `word_clusters.txt` and `word_lexicon.txt`): `b"NDWRD001"`, `u32 n_slots`
//!   (a power of two), `u32 n_words`, `WordSlot zero` (the word whose hash is 0, the empty
//!   string, with `pad[0] == 1` when the files have it), `WordSlot slots[n_slots]`: open
//!   addressing keyed by the word hash, linear probing, key 0 = empty.

#![allow(dead_code)] // build.rs uses the writers, the crate the readers

use super::hashing::word_key;
use std::collections::HashMap;

/// Tags of the BILOU scheme over five types (O + 4 x 5); `tagger` checks it against its types.
pub const N_TAGS: usize = 21;
const WEIGHTS_MAGIC: &[u8; 8] = b"NDNER001";
const MODEL_MAGIC: &[u8; 8] = b"NDLAY001";
const WORDS_MAGIC: &[u8; 8] = b"NDWRD001";
const MODEL_HEADER: usize = 32;

/// 16 bytes: the high 32 bits of the feature hash (the low bits chose the slot) and either up to
/// four (tag, weight) pairs inline (unused pairs have tag [`PAD`] and weight 0), or, when
/// `tags[0] == OVERFLOW`, where the row is in `entries` (`weights` = start low, start high, len).
/// `tags[0] == EMPTY` marks an empty slot. Every bit pattern is a valid `Slot`.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
pub struct Slot {
    pub key: u32,
    pub tags: [u8; 4],
    pub weights: [i16; 4],
}

pub const EMPTY: u8 = 0xFF;
pub const OVERFLOW: u8 = 0xFE;
/// Tag of an unused inline pair: adds its zero weight to a spare accumulator.
pub const PAD: u8 = N_TAGS as u8;
pub const INLINE: usize = 4;

impl Slot {
    pub const EMPTY: Slot = Slot {
        key: 0,
        tags: [EMPTY; 4],
        weights: [0; 4],
    };
}

/// One (tag, weight) pair of a long row. Every bit pattern is valid.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Entry {
    pub weight: i16,
    pub tag: u8,
    pub pad: u8,
}

/// A model's tables, borrowed from a blob or owned.
pub struct ModelParts<'a> {
    pub trans: Vec<f32>,
    pub slots: &'a [Slot],
    pub entries: &'a [Entry],
    pub n_features: usize,
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.p..self.p.checked_add(n)?)?;
        self.p += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

/// A weights file as its parts (the layout is documented in `tagger`).
pub struct Raw {
    pub trans: Vec<f32>,
    pub keys: Vec<u64>,
    pub ends: Vec<u32>,
    pub tags: Vec<u8>,
    pub weights: Vec<i16>,
}

impl Raw {
    pub fn parse(b: &[u8]) -> Option<Raw> {
        let mut r = Reader { b, p: 0 };
        if r.take(8)? != WEIGHTS_MAGIC {
            return None;
        }
        let nt = r.u32()? as usize;
        let n = r.u32()? as usize;
        let _scale = r.take(4)?;
        if nt != N_TAGS {
            return None;
        }
        let trans: Vec<f32> = r
            .take(nt * nt * 2)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32)
            .collect();
        let keys: Vec<u64> = r
            .take(n.checked_mul(8)?)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        let ends: Vec<u32> = r
            .take(n.checked_mul(4)?)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let m = *ends.last().unwrap_or(&0) as usize;
        let tags = r.take(m)?.to_vec();
        let weights: Vec<i16> = r
            .take(m.checked_mul(2)?)?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        if tags.iter().any(|&t| t as usize >= N_TAGS) || ends.windows(2).any(|w| w[0] > w[1]) || m >= 1 << 27 {
            return None;
        }
        Some(Raw {
            trans,
            keys,
            ends,
            tags,
            weights,
        })
    }
}

/// Transitions, slots, entries and the number of features of a placed weights file.
pub type Placed = (Vec<f32>, Vec<Slot>, Vec<Entry>, usize);

/// The hash table of a weights file.
pub fn place(raw: &Raw) -> Option<Placed> {
    let Raw {
        trans,
        keys,
        ends,
        tags,
        weights,
    } = raw;
    let n = keys.len();
    let cap = (n * 2).next_power_of_two().max(2);
    let mut slots = vec![Slot::EMPTY; cap];
    let mut entries = Vec::new();
    let mut start = 0usize;
    for (row, &k) in keys.iter().enumerate() {
        let end = ends[row] as usize;
        if end < start || end - start > N_TAGS || end > tags.len() {
            return None;
        }
        let mut slot = Slot {
            key: (k >> 32) as u32,
            tags: [PAD; 4],
            weights: [0; 4],
        };
        if end - start <= INLINE {
            for (j, p) in (start..end).enumerate() {
                slot.tags[j] = tags[p];
                slot.weights[j] = weights[p];
            }
        } else {
            let at = entries.len() as u32;
            entries.extend((start..end).map(|p| Entry {
                weight: weights[p],
                tag: tags[p],
                pad: 0,
            }));
            slot.tags[0] = OVERFLOW;
            slot.weights = [at as u16 as i16, (at >> 16) as u16 as i16, (end - start) as i16, 0];
        }
        let mut s = (k as usize) & (cap - 1);
        while slots[s].tags[0] != EMPTY {
            s = (s + 1) & (cap - 1);
        }
        slots[s] = slot;
        start = end;
    }
    Some((trans.clone(), slots, entries, n))
}

fn pad16(out: &mut Vec<u8>) {
    while !out.len().is_multiple_of(16) {
        out.push(0);
    }
}

/// Lay out a weights file as a model blob, with numbers in little-endian (`le`) or big-endian
/// byte order. `None` if the weights file is malformed.
pub fn model_blob(weights_file: &[u8], le: bool) -> Option<Vec<u8>> {
    let (trans, slots, entries, n) = place(&Raw::parse(weights_file)?)?;
    let u32b = |v: u32| if le { v.to_le_bytes() } else { v.to_be_bytes() };
    let i16b = |v: i16| if le { v.to_le_bytes() } else { v.to_be_bytes() };
    let mut out = Vec::with_capacity(MODEL_HEADER + trans.len() * 4 + slots.len() * 16 + entries.len() * 4 + 32);
    out.extend_from_slice(MODEL_MAGIC);
    for v in [n as u32, slots.len() as u32, entries.len() as u32] {
        out.extend_from_slice(&u32b(v));
    }
    pad16(&mut out);
    out.resize(MODEL_HEADER, 0);
    for t in &trans {
        out.extend_from_slice(&u32b(t.to_bits()));
    }
    pad16(&mut out);
    for s in &slots {
        out.extend_from_slice(&u32b(s.key));
        out.extend_from_slice(&s.tags);
        for w in s.weights {
            out.extend_from_slice(&i16b(w));
        }
    }
    for e in &entries {
        out.extend_from_slice(&i16b(e.weight));
        out.extend_from_slice(&[e.tag, e.pad]);
    }
    Some(out)
}

fn ne_u32(b: &[u8]) -> u32 {
    u32::from_ne_bytes([b[0], b[1], b[2], b[3]])
}

/// `len` values of `T` at byte `at` of `blob`, in place, if they fit and are aligned.
///
/// Only for plain-data `T` whose every bit pattern is valid (`Slot`, `Entry`, `WordSlot`).
fn view<T: Copy>(blob: &[u8], at: usize, len: usize) -> Option<&[T]> {
    let bytes = len.checked_mul(std::mem::size_of::<T>())?;
    let part = blob.get(at..at.checked_add(bytes)?)?;
    if !(part.as_ptr() as usize).is_multiple_of(std::mem::align_of::<T>()) {
        return None;
    }
    // SAFETY: `part` holds `len * size_of::<T>()` initialised bytes, is aligned for `T`, lives as
    // long as `blob`, and `T` is plain data for which every bit pattern is valid.
    Some(unsafe { std::slice::from_raw_parts(part.as_ptr() as *const T, len) })
}

/// Read a model blob in place (numbers in native byte order: the blob was laid out for this
/// target). `None` if it is not a model blob or is misaligned.
pub fn model_parts(blob: &[u8]) -> Option<ModelParts<'_>> {
    if blob.get(..8)? != MODEL_MAGIC || blob.len() < MODEL_HEADER {
        return None;
    }
    let n_features = ne_u32(&blob[8..]) as usize;
    let n_slots = ne_u32(&blob[12..]) as usize;
    let n_entries = ne_u32(&blob[16..]) as usize;
    if !n_slots.is_power_of_two() {
        return None;
    }
    let nt = N_TAGS * N_TAGS;
    let trans: Vec<f32> = blob
        .get(MODEL_HEADER..MODEL_HEADER + nt * 4)?
        .chunks_exact(4)
        .map(|c| f32::from_bits(ne_u32(c)))
        .collect();
    let at = (MODEL_HEADER + nt * 4).next_multiple_of(16);
    let slots: &[Slot] = view(blob, at, n_slots)?;
    let entries: &[Entry] = view(blob, at + n_slots * 16, n_entries)?;
    Some(ModelParts {
        trans,
        slots,
        entries,
        n_features,
    })
}

/// One word of the word table: 24 bytes, every bit pattern valid. `key == 0`: empty slot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct WordSlot {
    pub key: u64,
    pub cap_brown: u32,
    pub low_brown: u32,
    pub fine: u16,
    pub coarse: u16,
    pub caps: i8,
    pub freq: i8,
    pub pad: [u8; 2],
}

/// Cluster id of words the corpus clusters do not know.
pub const UNKNOWN_CLUSTER: u16 = u16::MAX;

/// Read the two word files into `key -> slot` (the later line wins; malformed lines skipped).
pub fn word_entries(clusters_txt: &str, lexicon_txt: &str) -> HashMap<u64, WordSlot> {
    let none = |key| WordSlot {
        key,
        fine: UNKNOWN_CLUSTER,
        coarse: UNKNOWN_CLUSTER,
        ..WordSlot::default()
    };
    let mut m: HashMap<u64, WordSlot> = HashMap::new();
    for line in clusters_txt.lines() {
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
            let k = word_key(w.as_bytes());
            let e = m.entry(k).or_insert_with(|| none(k));
            e.fine = f;
            e.coarse = c;
        }
    }
    for line in lexicon_txt.lines() {
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [w, cb, lb, caps, freq] = f[..] else { continue };
        let (Ok(cb), Ok(lb), Ok(caps), Ok(freq)) = (cb.parse(), lb.parse(), caps.parse(), freq.parse()) else {
            continue;
        };
        let k = word_key(w.as_bytes());
        let e = m.entry(k).or_insert_with(|| none(k));
        e.cap_brown = cb;
        e.low_brown = lb;
        e.caps = caps;
        e.freq = freq;
    }
    m
}

/// Slot count for `n` words (load at most 3/4).
fn word_slots(n: usize) -> usize {
    (n * 4 / 3 + 1).next_power_of_two().max(2)
}

/// Lay the word files out as a word blob (numbers little- or big-endian).
pub fn word_blob(clusters_txt: &str, lexicon_txt: &str, le: bool) -> Vec<u8> {
    let words = word_entries(clusters_txt, lexicon_txt);
    let mut keys: Vec<u64> = words.keys().copied().filter(|&k| k != 0).collect();
    keys.sort_unstable(); // the layout does not depend on the hash map's order
    let cap = word_slots(keys.len());
    let mut slots = vec![WordSlot::default(); cap];
    for k in &keys {
        let mut s = (*k as usize) & (cap - 1);
        while slots[s].key != 0 {
            s = (s + 1) & (cap - 1);
        }
        slots[s] = words[k];
    }
    let mut out = Vec::with_capacity(16 + (cap + 1) * 24);
    out.extend_from_slice(WORDS_MAGIC);
    let u32b = |v: u32| if le { v.to_le_bytes() } else { v.to_be_bytes() };
    out.extend_from_slice(&u32b(cap as u32));
    out.extend_from_slice(&u32b(keys.len() as u32));
    let zero = words
        .get(&0)
        .map_or_else(WordSlot::default, |w| WordSlot { pad: [1, 0], ..*w });
    for s in std::iter::once(&zero).chain(&slots) {
        out.extend_from_slice(&if le { s.key.to_le_bytes() } else { s.key.to_be_bytes() });
        out.extend_from_slice(&u32b(s.cap_brown));
        out.extend_from_slice(&u32b(s.low_brown));
        out.extend_from_slice(&if le { s.fine.to_le_bytes() } else { s.fine.to_be_bytes() });
        out.extend_from_slice(&if le {
            s.coarse.to_le_bytes()
        } else {
            s.coarse.to_be_bytes()
        });
        out.extend_from_slice(&[s.caps as u8, s.freq as u8, s.pad[0], 0]);
    }
    out
}

/// A word table in place: the slot of the word whose hash is 0 and the open-addressing slots.
pub struct WordTable<'a> {
    pub zero: Option<&'a WordSlot>,
    pub slots: &'a [WordSlot],
}

/// Read a word blob in place: its table and word count.
pub fn word_slots_of(blob: &[u8]) -> Option<(WordTable<'_>, usize)> {
    if blob.get(..8)? != WORDS_MAGIC || blob.len() < 16 {
        return None;
    }
    let cap = ne_u32(&blob[8..]) as usize;
    let n = ne_u32(&blob[12..]) as usize;
    if !cap.is_power_of_two() {
        return None;
    }
    let zero: &[WordSlot] = view(blob, 16, 1)?;
    let zero = zero.first().filter(|z| z.pad[0] == 1);
    Some((
        WordTable {
            zero,
            slots: view(blob, 16 + 24, cap)?,
        },
        n,
    ))
}

/// The slot of `key` in a word table, if the table has it.
#[inline]
pub fn find_word<'a>(table: &WordTable<'a>, key: u64) -> Option<&'a WordSlot> {
    if key == 0 {
        return table.zero; // 0 marks empty slots: that word is kept apart
    }
    let slots = table.slots;
    let mask = slots.len().checked_sub(1)?;
    let mut s = key as usize & mask;
    loop {
        let slot = slots.get(s)?;
        if slot.key == key {
            return Some(slot);
        }
        if slot.key == 0 {
            return None;
        }
        s = (s + 1) & mask;
    }
}
