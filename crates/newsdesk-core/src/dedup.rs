//! Dedup: clean texts in, near-duplicate groups out (MinHash signatures + LSH banding).
//!
//! A wire story re-posted by many sites differs in headline, boilerplate, credits and trimmed
//! paragraphs, but shares most of its word sequences. We compare the *sets* of word 5-shingles
//! of the clean body text by their Jaccard similarity, estimated with MinHash, and find candidate
//! pairs with locality-sensitive hashing (banding), so grouping is near-linear in the corpus size.
//!
//! Why MinHash rather than SimHash: MinHash estimates Jaccard similarity of shingle sets without
//! bias, and the threshold is tunable through the band/row split; a re-post that keeps only
//! part of the story (trimmed paragraphs) still shares a large fraction of its shingles, while
//! SimHash's Hamming distance degrades quickly when a large share of the features changes and
//! needs several permuted tables to search a Hamming ball. MinHash signatures are also additive
//! per batch, which is what streaming needs: each batch's signatures are computed once and kept
//! (`NUM_PERM` × 4 bytes per document), and grouping runs once at the end.
//!
//! In: texts (`&str`, any Unicode). Words are maximal runs of alphanumeric characters,
//! lower-cased; shingles are `SHINGLE` consecutive words (a text with fewer words is one
//! shingle; a text with no word has an *empty* signature and is never grouped).
//! Out: for each document, the index of its group's first member (the smallest index in its
//! connected component of verified similar pairs) and the estimated Jaccard similarity to that
//! member. Invariants: `group[i] <= i`; `group[group[i]] == group[i]`; similarity in [0, 1] or
//! NaN for empty signatures. Never panics; signatures are computed in parallel (rayon).

use rayon::prelude::*;

/// Number of MinHash values per document.
pub const NUM_PERM: usize = 64;
/// LSH bands × rows = `NUM_PERM`. 32 bands of 2 rows put the LSH threshold near 0.18, so pairs
/// with Jaccard 0.5 become candidates with probability 0.9999 and 0.3 with 0.95; candidates are
/// then verified on the full signature against the grouping threshold.
pub const BANDS: usize = 32;
pub const ROWS: usize = NUM_PERM / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// How many earlier bucket members a document is verified against (besides the first).
const LOOKBACK: usize = 4;

const EMPTY: u32 = u32::MAX;

/// splitmix64 finaliser: a good 64-bit mixer.
#[inline]
fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash family: h_i(x) = high 32 bits of (a_i·x + b_i) mod 2^64, a_i odd (multiply-shift).
fn coefficients() -> ([u64; NUM_PERM], [u64; NUM_PERM]) {
    let mut a = [0u64; NUM_PERM];
    let mut b = [0u64; NUM_PERM];
    let mut s = 0x6e65_7773_6465_736b_u64; // "newsdesk"
    for i in 0..NUM_PERM {
        s = mix64(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
        a[i] = s | 1;
        s = mix64(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
        b[i] = s;
    }
    (a, b)
}

/// Han, kana and Thai characters: these scripts do not separate words with spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F | 0x20000..=0x2FFFF)
}

/// 64-bit hashes of the words of `text` (alphanumeric runs, lower-cased; one character each in
/// scripts without spaces).
fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut in_word = false;
    for c in text.chars() {
        if is_unspaced_script(c) {
            // scripts written without spaces: every character is a word
            if in_word {
                out.push(mix64(h));
                h = 0xcbf2_9ce4_8422_2325;
                in_word = false;
            }
            out.push(mix64((h ^ c as u64).wrapping_mul(0x0100_0000_01b3)));
        } else if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(0x0100_0000_01b3);
            } else {
                for l in c.to_lowercase() {
                    h = (h ^ l as u64).wrapping_mul(0x0100_0000_01b3);
                }
            }
        } else if in_word {
            out.push(mix64(h));
            h = 0xcbf2_9ce4_8422_2325;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix64(h));
    }
    out
}

/// Computes MinHash signatures with one fixed hash family.
pub struct MinHasher {
    a: [u64; NUM_PERM],
    b: [u64; NUM_PERM],
}

impl Default for MinHasher {
    fn default() -> Self {
        let (a, b) = coefficients();
        MinHasher { a, b }
    }
}

impl MinHasher {
    /// The signature of one text; all `u32::MAX` when the text has no word.
    pub fn signature(&self, text: &str) -> [u32; NUM_PERM] {
        let mut sig = [EMPTY; NUM_PERM];
        let words = word_hashes(text);
        if words.is_empty() {
            return sig;
        }
        let mut feed = |x: u64| {
            for ((s, a), b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                let v = (a.wrapping_mul(x).wrapping_add(*b) >> 32) as u32;
                *s = (*s).min(v); // branch-free, so the loop vectorises
            }
        };
        if words.len() < SHINGLE {
            feed(words.iter().fold(0u64, |h, &w| mix64(h.rotate_left(17) ^ w)));
        } else {
            for win in words.windows(SHINGLE) {
                feed(win.iter().fold(0u64, |h, &w| mix64(h.rotate_left(17) ^ w)));
            }
        }
        // a real value never equals the EMPTY marker, so empty signatures stay recognisable
        for v in sig.iter_mut() {
            *v = (*v).min(EMPTY - 1);
        }
        sig
    }

    /// Signatures of many texts in parallel, appended to `out` (`NUM_PERM` values per text;
    /// `None` gives an empty signature).
    pub fn extend<S: AsRef<str> + Sync>(&self, texts: &[Option<S>], out: &mut Vec<u32>) {
        let sigs: Vec<[u32; NUM_PERM]> = texts
            .par_iter()
            .with_min_len(16)
            .map(|t| t.as_ref().map_or([EMPTY; NUM_PERM], |t| self.signature(t.as_ref())))
            .collect();
        out.reserve(sigs.len() * NUM_PERM);
        for s in &sigs {
            out.extend_from_slice(s);
        }
    }
}

/// True when a signature belongs to a text without words.
pub fn is_empty(sig: &[u32]) -> bool {
    sig.first().is_none_or(|&v| v == EMPTY)
}

/// Estimated Jaccard similarity of two signatures (fraction of equal MinHash values); NaN when
/// either is empty.
pub fn similarity(x: &[u32], y: &[u32]) -> f32 {
    if is_empty(x) || is_empty(y) {
        return f32::NAN;
    }
    let eq = x.iter().zip(y).filter(|(a, b)| a == b).count();
    eq as f32 / x.len().max(1) as f32
}

/// Union–find whose root is always the smallest index of its component.
struct Components {
    parent: Vec<u32>,
}

impl Components {
    fn new(n: usize) -> Self {
        Components {
            parent: (0..n as u32).collect(),
        }
    }
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize]; // path halving
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// One document's grouping result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grouping {
    /// Index of the group's first member (`<=` this document's index).
    pub group: u32,
    /// Estimated Jaccard similarity to the group's first member (1 for the first member itself,
    /// NaN for a text without words).
    pub similarity: f32,
}

/// Group documents by their signatures (`sigs.len() / NUM_PERM` documents, in order): two
/// documents are linked when they share an LSH band and their estimated similarity is at least
/// `threshold`; groups are the connected components. Memory: the signatures plus 16 bytes per
/// document for one band at a time.
pub fn group(sigs: &[u32], threshold: f32) -> Vec<Grouping> {
    let n = sigs.len() / NUM_PERM;
    let sig = |i: u32| &sigs[i as usize * NUM_PERM..(i as usize + 1) * NUM_PERM];
    let mut comp = Components::new(n);
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(n);
    for band in 0..BANDS {
        keys.clear();
        keys.par_extend((0..n as u32).into_par_iter().filter(|&i| !is_empty(sig(i))).map(|i| {
            let s = sig(i);
            let mut h = band as u64;
            for &v in &s[band * ROWS..(band + 1) * ROWS] {
                h = mix64(h ^ v as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
            }
            (h, i)
        }));
        keys.par_sort_unstable();
        let mut start = 0;
        while start < keys.len() {
            let mut end = start + 1;
            while end < keys.len() && keys[end].0 == keys[start].0 {
                end += 1;
            }
            let first = keys[start].1;
            for j in start + 1..end {
                let d = keys[j].1;
                if comp.find(d) == comp.find(first) {
                    continue;
                }
                // verify against the bucket's first member, then a few preceding members
                let lo = j.saturating_sub(LOOKBACK).max(start);
                let candidates =
                    std::iter::once(first).chain(keys[lo..j].iter().rev().map(|k| k.1).filter(|&p| p != first));
                for p in candidates {
                    if similarity(sig(d), sig(p)) >= threshold {
                        comp.union(d, p);
                        break;
                    }
                }
            }
            start = end;
        }
    }
    drop(keys);
    (0..n as u32)
        .map(|i| {
            let g = comp.find(i);
            let s = sig(i);
            let similarity = if g == i {
                if is_empty(s) {
                    f32::NAN
                } else {
                    1.0
                }
            } else {
                similarity(s, sig(g))
            };
            Grouping { group: g, similarity }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(seed: u64, words: usize) -> String {
        // deterministic pseudo-random text over a 5,000-word vocabulary
        let mut s = seed;
        (0..words)
            .map(|_| {
                s = mix64(s.wrapping_add(1));
                format!("w{}", s % 5000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sigs(texts: &[&str]) -> Vec<u32> {
        let h = MinHasher::default();
        let owned: Vec<Option<&str>> = texts.iter().map(|t| Some(*t)).collect();
        let mut out = Vec::new();
        h.extend(&owned, &mut out);
        out
    }

    #[test]
    fn identical_and_case_insensitive_texts_have_equal_signatures() {
        let h = MinHasher::default();
        let a = h.signature("The Minister resigned on Friday, officials said.");
        let b = h.signature("the minister RESIGNED on friday officials said");
        assert_eq!(a, b);
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn similarity_tracks_jaccard() {
        let base = story(1, 400);
        let words: Vec<&str> = base.split(' ').collect();
        let half = words[..200].join(" ");
        let h = MinHasher::default();
        let s = similarity(&h.signature(&base), &h.signature(&half));
        // 196 of 396 shingles shared: Jaccard ≈ 0.49
        assert!((0.3..0.7).contains(&s), "{s}");
        let other = similarity(&h.signature(&base), &h.signature(&story(2, 400)));
        assert!(other < 0.1, "{other}");
    }

    #[test]
    fn groups_reposts_and_keeps_unrelated_apart() {
        let a = story(10, 300);
        let a_trim = a.split(' ').take(240).collect::<Vec<_>>().join(" ");
        let a_boiler = format!("Advertisement subscribe now {a} Share this post related posts");
        let b = story(11, 300);
        let texts = [a.as_str(), b.as_str(), a_trim.as_str(), "", a_boiler.as_str(), "  ... "];
        let g = group(&sigs(&texts), 0.5);
        assert_eq!(g.iter().map(|x| x.group).collect::<Vec<_>>(), vec![0, 1, 0, 3, 0, 5]);
        assert_eq!(g[0].similarity, 1.0);
        assert!(g[2].similarity > 0.6 && g[2].similarity < 1.0);
        assert!(g[3].similarity.is_nan() && g[5].similarity.is_nan());
    }

    #[test]
    fn group_roots_are_first_members() {
        let base = story(5, 200);
        let texts: Vec<String> = (0..30)
            .map(|i| {
                if i % 3 == 0 {
                    story(100 + i, 200)
                } else {
                    format!("{base} extra{i}")
                }
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
        let g = group(&sigs(&refs), 0.5);
        for (i, x) in g.iter().enumerate() {
            assert!(x.group as usize <= i);
            assert_eq!(g[x.group as usize].group, x.group);
        }
        assert_eq!(g[1].group, 1);
        assert!(g
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .all(|(_, x)| x.group == 1));
        assert!(g
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == 0)
            .all(|(i, x)| x.group as usize == i));
    }

    #[test]
    fn odd_input_never_panics() {
        let h = MinHasher::default();
        for t in ["", "\u{0}", "日本語のテキスト", "İSTANBUL ǅ ß", "a", "a b c d e f g"] {
            let _ = h.signature(t);
        }
        assert!(group(&[], 0.5).is_empty());
        assert!(group(&[1, 2, 3], 0.5).is_empty()); // fewer values than one signature
    }
}
