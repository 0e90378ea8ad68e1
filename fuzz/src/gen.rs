//! Random documents for the stable-toolchain harness: fragments of news text, markup, quote
//! marks, scripts, entities, encodings and raw bytes, glued in random order and sizes, and
//! mutations (byte flips, cuts, splices, repeats) of the saved corpus. Deterministic per seed.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "The minister said the plan would work.",
    " According to officials, ",
    "\u{201c}We are ready,\u{201d} said Jane Smith, a spokeswoman.",
    "\"It is over,\" he said. ",
    "He told reporters that ",
    "\u{201e}Wir sind bereit\u{201c}, sagte der Minister.",
    "\u{ab} Oui \u{bb}, a-t-il dit.",
    "Segundo a pol\u{ed}cia, ",
    "President Joe Biden met Kim Jong-un in Hanoi on Monday.",
    "$5 million", " 3.5% ", "06/09/2022 08:00", "5:12 p.m. EST", "14h05", "3. Dezember 2024",
    "By Jane Smith and John Doe", "*with AP, Reuters", "source: Noticias", "- Advertisement -",
    "Share This Post", "Related Posts", "S\u{e3}o Paulo", "S\u{c3}\u{a3}o Paulo", "caf\u{e9}",
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", ",", ".", "?", "!", ":", ";", "\u{2014}", "...",
    "\u{201c}", "\u{201d}", "\"", "'", "\u{2018}", "\u{2019}", "\u{ab}", "\u{bb}", "\u{201e}", "''",
    "<p>", "</p>", "<div>", "</div>", "<table><tr><td>", "</td><td>", "</td></tr></table>",
    "<html><head><title>Title | Site</title></head><body>", "</body></html>", "<script>var x = '<p>';</script>",
    "<!--", "-->", "<br>", "<h2>Sub heading</h2>", "<a href='/x'>link</a>", "<meta charset=\"shift_jis\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-05-06T10:00:00Z\",\"author\":{\"name\":\"Ann Lee\"}}</script>",
    "<meta property=\"article:published_time\" content=\"2024-13-45\">", "<time datetime=\"2021-04-25\">",
    "&amp;", "&lt;", "&#x201c;", "&#0;", "&#xD800;", "&bogus;", "&nbsp;", "&#99999999;",
    "\u{0}", "\u{feff}", "\u{200b}", "\u{200d}", "\u{ad}", "\u{fffd}", "\u{202e}", "\u{301}", "e\u{301}",
    "\u{1f600}", "\u{1f44d}\u{1f3fd}", "\u{5d0}\u{5d1}\u{5d2} ", "\u{645}\u{631}\u{62d}\u{628}\u{627} ",
    "\u{4e2d}\u{6587}\u{3002}", "\u{43f}\u{440}\u{438}\u{432}\u{435}\u{442} ", "\u{928}\u{92e}\u{938}\u{94d}\u{924}\u{947}",
    "U.S.", "Mr.", "Dr. ", "No. 5", "Feb. 14", "e.g.", "https://example.com/a?b=c", "@handle", "#tag",
];

/// One random document: text, markup or bytes, up to about `max_len` bytes.
pub fn document(rng: &mut Rng, max_len: usize, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    match rng.below(10) {
        // raw bytes
        0 => {
            let n = rng.below(max_len / 4 + 1);
            out.extend((0..n).map(|_| rng.next() as u8));
        }
        // a corpus file, mutated
        1 | 2 if !corpus.is_empty() => {
            out = rng.pick(corpus).clone();
            mutate(rng, &mut out, corpus);
        }
        // fragments, with runs
        _ => {
            let target = rng.below(max_len) + 1;
            while out.len() < target {
                let f = rng.pick(FRAGMENTS).as_bytes();
                let reps = if rng.below(8) == 0 { rng.below(50) + 1 } else { 1 };
                for _ in 0..reps {
                    out.extend_from_slice(f);
                }
            }
            if rng.below(4) == 0 {
                mutate(rng, &mut out, corpus);
            }
            // another encoding of the same text
            if rng.below(8) == 0 {
                let s = String::from_utf8_lossy(&out).into_owned();
                out = match rng.below(3) {
                    0 => s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
                    1 => encoding_rs::WINDOWS_1252.encode(&s).0.into_owned(),
                    _ => encoding_rs::SHIFT_JIS.encode(&s).0.into_owned(),
                };
            }
        }
    }
    out.truncate(max_len.max(1) * 2);
    out
}

/// Byte-level mutations: flips, inserts, deletes, cuts, splices with another corpus file.
pub fn mutate(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..rng.below(8) + 1 {
        let n = data.len();
        match rng.below(6) {
            0 if n > 0 => {
                let i = rng.below(n);
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(n + 1);
                data.insert(i, rng.next() as u8);
            }
            2 if n > 0 => {
                let i = rng.below(n);
                let j = (i + rng.below(16) + 1).min(n);
                data.drain(i..j);
            }
            3 if n > 0 => {
                data.truncate(rng.below(n));
            }
            4 if !corpus.is_empty() => {
                let other = rng.pick(corpus);
                let i = rng.below(data.len() + 1);
                let a = rng.below(other.len() + 1);
                let b = (a + rng.below(64)).min(other.len());
                let piece = other[a..b].to_vec();
                data.splice(i..i, piece);
            }
            _ => {
                let f = rng.pick(FRAGMENTS).as_bytes();
                let i = rng.below(data.len() + 1);
                data.splice(i..i, f.iter().copied());
            }
        }
    }
}
