//! Hashing: bytes in, well-mixed 64-bit hashes out. The feature ids of the tagger, the keys of
//! the word table and of the gazetteer's lookup tables are these hashes.
//!
//! Standard library only: `build.rs` compiles this file too, to lay out the word table at build
//! time with the same keys the feature extractor computes at run time.

pub const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
pub fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
pub fn hash_bytes(seed: u64, b: &[u8]) -> u64 {
    let mut h = seed.wrapping_mul(K) ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ v).wrapping_mul(K).rotate_left(29);
    }
    let mut last = 0u64;
    for (i, &x) in chunks.remainder().iter().enumerate() {
        last |= (x as u64) << (i * 8);
    }
    h = (h ^ last).wrapping_mul(K).rotate_left(29);
    mix(h)
}

/// 64-bit key of a normalised word (the hash the word templates start from).
#[inline]
pub fn word_key(norm: &[u8]) -> u64 {
    hash_bytes(0, norm)
}

/// Hashes the keys of string-keyed tables with [`hash_bytes`] (their keys are short words;
/// SipHash costs more): `HashMap<String, V, BuildHasherDefault<ByteHasher>>`.
#[derive(Default)]
#[allow(dead_code)] // `build.rs` compiles this file and needs no tables
pub struct ByteHasher(u64);

impl std::hash::Hasher for ByteHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }
}
