//! Lexicon: the plain-text word lists under `data/`, parsed once and matched with one automaton.
//!
//! In: the text of a list file (`#` lines are the header: source and licence). Out: an
//! `AliasList` that finds any alias in a text (leftmost-longest, whole words, case-insensitive)
//! and gives its canonical name. Lists are compiled into the binary with `include_str!`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// English weekday names, lower-case (datelines, time words).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Entries of a list file: non-empty lines that are not `#` comments.
pub fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `canonical|alias|alias` lines, matched case-insensitively on word boundaries.
pub struct AliasList {
    automaton: AhoCorasick,
    /// canonical name for each pattern
    canonical: Vec<String>,
    patterns: Vec<String>,
}

impl AliasList {
    pub fn parse(data: &str) -> Self {
        let mut patterns = Vec::new();
        let mut canonical = Vec::new();
        for line in entries(data) {
            let mut parts = line.split('|').map(str::trim).filter(|p| !p.is_empty());
            let Some(canon) = parts.next() else { continue };
            patterns.push(canon.to_lowercase());
            canonical.push(canon.to_string());
            for alias in parts {
                patterns.push(alias.to_lowercase());
                canonical.push(canon.to_string());
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("alias list builds");
        AliasList {
            automaton,
            canonical,
            patterns,
        }
    }

    /// The canonical name when `s` as a whole is one of the aliases (case-insensitive).
    pub fn exact(&self, s: &str) -> Option<&str> {
        let s = s.trim();
        let lower = s.to_lowercase();
        self.patterns
            .iter()
            .position(|p| *p == lower)
            .map(|i| self.canonical[i].as_str())
    }

    /// Aliases found in `text` on word boundaries: (byte range, canonical name).
    pub fn find_all<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
        // patterns are lower case and matched ASCII-case-insensitively
        let matches: Vec<_> = self
            .automaton
            .find_iter(text.as_bytes())
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        matches.into_iter().filter_map(move |(s, e, p)| {
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            (boundary(before) && boundary(after)).then(|| (s..e, self.canonical[p].as_str()))
        })
    }

    /// The alias at the very start of `text`, if any: (byte length, canonical).
    pub fn prefix<'a>(&'a self, text: &'a str) -> Option<(usize, &'a str)> {
        self.find_all(text)
            .next()
            .filter(|(r, _)| r.start == 0)
            .map(|(r, c)| (r.end, c))
    }
}

/// Lower-case `text` char by char, keeping each char's UTF-8 length so byte offsets stay valid
/// (chars whose lower case has another length are kept as they are).
pub fn lowercase_same_len(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(lc), None) if lc.len_utf8() == c.len_utf8() => out.push(lc),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_aliases_on_word_boundaries_case_insensitively() {
        let l = AliasList::parse("# header\nAP|Associated Press\nReuters\n");
        let t = "with ap, REUTERS and the Associated Press; APPLE is not AP-like";
        let found: Vec<_> = l.find_all(t).map(|(r, c)| (&t[r], c)).collect();
        assert_eq!(
            found,
            [
                ("ap", "AP"),
                ("REUTERS", "Reuters"),
                ("Associated Press", "AP"),
                ("AP", "AP")
            ]
        );
        assert_eq!(l.exact(" associated press "), Some("AP"));
        assert_eq!(l.prefix("Reuters reports"), Some((7, "Reuters")));
    }
}
