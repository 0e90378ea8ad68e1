//! Rules: the tokens of one sentence in, DATE / TIME / MONEY / PERCENT / QUANTITY / CARDINAL
//! token ranges out.
//!
//! A left-to-right scanner over tokens with a small lexicon (`data/entities/number_lexicon.txt`:
//! months, weekdays, periods, currency symbols and words, scale words, units). Tokens already
//! inside a name mention are never used. Patterns, longest first at each position:
//! numeric dates `6/9/2022`, clock times `08:00 p.m.`, `[day] Month [day][,] [year]`,
//! `[last|next|this] weekday|period`, `today`, `[$] number [million] [dollars|%|percent|unit|years]`,
//! four-digit years and decades, and bare numbers (CARDINAL). Matching is case-insensitive, so
//! ALL-CAPS headlines work; ambiguous month names ("May", "March") need a number next to them.

use super::Label;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

const MONTH: u32 = 1;
const WEEKDAY: u32 = 2;
const DAYWORD: u32 = 4;
const TIMEWORD: u32 = 8;
const PARTOFDAY: u32 = 16;
const PERIOD: u32 = 32;
const TIMEUNIT: u32 = 64;
const RELATIVE: u32 = 128;
const AGO: u32 = 256;
const AMPM: u32 = 512;
const ZONE: u32 = 1024;
const CURSYM: u32 = 2048;
const CURWORD: u32 = 4096;
const SCALE: u32 = 8192;
const NUMWORD: u32 = 16384;
const PERCENT: u32 = 32768;
const UNIT: u32 = 65536;

fn lexicon() -> &'static HashMap<String, u32> {
    static L: OnceLock<HashMap<String, u32>> = OnceLock::new();
    L.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../../data/entities/number_lexicon.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((k, w)) = line.split_once('\t') else { continue };
            let bit = match k {
                "month" => MONTH,
                "weekday" => WEEKDAY,
                "dayword" => DAYWORD,
                "timeword" => TIMEWORD,
                "partofday" => PARTOFDAY,
                "period" => PERIOD,
                "timeunit" => TIMEUNIT,
                "relative" => RELATIVE,
                "ago" => AGO,
                "ampm" => AMPM,
                "zone" => ZONE,
                "cursym" => CURSYM,
                "curword" => CURWORD,
                "scale" => SCALE,
                "numword" => NUMWORD,
                "percent" => PERCENT,
                "unit" => UNIT,
                _ => 0,
            };
            *m.entry(w.trim().to_string()).or_insert(0) |= bit;
        }
        m
    })
}

struct Sent<'a> {
    words: Vec<&'a str>,
    kinds: Vec<u32>,
    covered: &'a [bool],
}

impl Sent<'_> {
    fn has(&self, i: usize, k: u32) -> bool {
        i < self.words.len() && !self.covered[i] && self.kinds[i] & k != 0
    }
    fn word(&self, i: usize) -> &str {
        if i < self.words.len() && !self.covered[i] {
            self.words[i]
        } else {
            ""
        }
    }
    /// Tokens of an "a.m."/"p.m." marker starting at `i` (also split as "a" "." "m" "."), or 0.
    fn ampm_len(&self, i: usize) -> usize {
        if self.has(i, AMPM) {
            return 1;
        }
        let w = self.word(i);
        if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.word(i + 1) == "."
            && self.word(i + 2).eq_ignore_ascii_case("m")
        {
            return if self.word(i + 3) == "." { 4 } else { 3 };
        }
        0
    }

    fn is_num(&self, i: usize) -> bool {
        let w = self.word(i);
        w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    }
    fn num_value(&self, i: usize) -> Option<u32> {
        let w = self.word(i);
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    }
    fn is_day(&self, i: usize) -> bool {
        let w = self.word(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        ["", "st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x))
            && digits.len() <= 2
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    }
    fn is_year(&self, i: usize) -> bool {
        self.word(i).len() == 4 && self.num_value(i).is_some_and(|y| (1000..=2100).contains(&y))
    }
    fn is_numberish(&self, i: usize) -> bool {
        if self.is_num(i) || self.has(i, NUMWORD) {
            return true;
        }
        let w = self.word(i);
        w.contains('-')
            && w.split('-')
                .all(|p| !p.is_empty() && lexicon().get(&p.to_lowercase()).is_some_and(|k| k & NUMWORD != 0))
    }
}

/// Find rule-based mentions in one sentence. `toks` are byte ranges into `text`; `covered[i]`
/// marks tokens inside name mentions. Returns token ranges with labels, sorted, disjoint.
pub fn find(text: &str, toks: &[Range<usize>], covered: &[bool]) -> Vec<(Range<usize>, Label)> {
    let lex = lexicon();
    let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
    let mut buf = String::new();
    let kinds: Vec<u32> = words
        .iter()
        .map(|w| {
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            lex.get(buf.as_str()).copied().unwrap_or(0)
        })
        .collect();
    let s = Sent { words, kinds, covered };
    let n = s.words.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if covered[i] {
            i += 1;
            continue;
        }
        if let Some((end, label)) = match_at(&s, i) {
            out.push((i..end, label));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// English month names and abbreviations (the lexicon also has the months of pt, es, fr, de).
const ENGLISH_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Prepositions before a month in pt, es, fr, de ("em março", "en mars", "im März", "de mayo").
const MONTH_PREPOSITIONS: &[&str] = &[
    "de",
    "em",
    "en",
    "in",
    "im",
    "au",
    "seit",
    "bis",
    "desde",
    "até",
    "hasta",
    "d'",
    "Anfang",
    "Ende",
    "Mitte",
    "début",
    "fin",
    "início",
    "fim",
    "finales",
    "principios",
    "mediados",
];

fn month_ok(s: &Sent, i: usize) -> bool {
    if !s.has(i, MONTH) {
        return false;
    }
    let w = s.word(i);
    let lw = w.to_lowercase();
    // "3 de dezembro", "3. Dezember" (the day's period is its own token), "3 décembre"
    let near_num = (i > 0 && s.is_day(i - 1))
        || (i > 1 && s.word(i - 1) == "de" && s.is_day(i - 2))
        || (i > 1 && s.word(i - 1) == "." && s.is_day(i - 2))
        || s.is_day(i + 1)
        || s.is_year(i + 1)
        || (s.word(i + 1) == "de" && s.is_year(i + 2));
    if !ENGLISH_MONTHS.contains(&lw.as_str()) {
        // another language's month ("mars", "Mai", "junho"): written lower-case in pt, es, fr,
        // and a word of its own in English ("Mars"), so it needs a number or a preposition
        return near_num || (i > 0 && MONTH_PREPOSITIONS.contains(&s.word(i - 1)));
    }
    let ambiguous = matches!(
        lw.as_str(),
        "may" | "march" | "jan" | "sep" | "dec" | "oct" | "aug" | "jun" | "jul" | "apr" | "feb" | "nov" | "sept"
    );
    let capital = w.starts_with(|c: char| c.is_uppercase());
    capital && (!ambiguous || near_num)
}

/// Whether `word` is a weekday name (any of the five languages) or, with `months`, a month name:
/// such a word alone is a date, never a name ("Dienstag", "Março").
pub fn is_calendar_word(word: &str, months: bool) -> bool {
    let lw = word.to_lowercase();
    let k = lexicon().get(lw.as_str()).copied().unwrap_or(0);
    k & WEEKDAY != 0 || (months && k & MONTH != 0)
}

fn match_at(s: &Sent, i: usize) -> Option<(usize, Label)> {
    // numeric date 06/09/2022 or 2022-09-06, and (06/09)
    if s.num_value(i).is_some() && matches!(s.word(i + 1), "/" | "-" | ".") && s.num_value(i + 2).is_some() {
        let (a, b) = (s.num_value(i)?, s.num_value(i + 2)?);
        let sep = s.word(i + 1);
        if s.word(i + 3) == sep && s.num_value(i + 4).is_some() {
            let c = s.num_value(i + 4)?;
            let dmy = a <= 31 && b <= 31 && (c >= 1900 || s.word(i + 4).len() == 2);
            let ymd = a >= 1900 && b <= 12 && c <= 31;
            if dmy || ymd {
                return Some((i + 5, Label::Date));
            }
        } else if sep == "/"
            && (1..=31).contains(&a)
            && (1..=12).contains(&b)
            && s.word(i).len() <= 2
            && s.word(i + 2).len() <= 2
            && s.word(i + 3) != "/"
        {
            return Some((i + 3, Label::Date));
        }
    }
    // clock time 08:00 [p.m.] [GMT]
    if s.num_value(i).is_some_and(|h| h <= 24)
        && s.word(i + 1) == ":"
        && s.word(i + 2).len() == 2
        && s.num_value(i + 2).is_some_and(|m| m < 60)
    {
        let mut e = i + 3;
        e += s.ampm_len(e);
        if s.has(e, ZONE) {
            e += 1;
        }
        return Some((e, Label::Time));
    }
    if s.num_value(i).is_some_and(|h| (1..=12).contains(&h)) && s.ampm_len(i + 1) > 0 {
        let mut e = i + 1 + s.ampm_len(i + 1);
        if s.has(e, ZONE) {
            e += 1;
        }
        return Some((e, Label::Time));
    }
    if s.has(i, TIMEWORD) {
        return Some((i + 1, Label::Time));
    }
    // [day] Month [day][,] [year]; "3 de dezembro de 2024", "3. Dezember 2024"
    let joiner = matches!(s.word(i + 1), "de" | ".") && s.is_day(i) && month_ok(s, i + 2);
    if s.is_day(i) && (month_ok(s, i + 1) || joiner) {
        let mut e = i + 2 + joiner as usize;
        if s.word(e) == "de" && s.is_year(e + 1) {
            e += 1;
        }
        if s.word(e) == "," && s.is_year(e + 1) {
            e += 1;
        }
        if s.is_year(e) {
            e += 1;
        }
        return Some((e, Label::Date));
    }
    if month_ok(s, i) {
        let mut e = i + 1;
        if s.word(e) == "de" && s.is_year(e + 1) {
            e += 1;
        }
        if s.is_day(e) {
            e += 1;
        }
        if s.word(e) == "," && s.is_year(e + 1) {
            e += 1;
        }
        if s.is_year(e) {
            e += 1;
        }
        return Some((e, Label::Date));
    }
    // [last|next|this] weekday [morning]
    let rel = s.has(i, RELATIVE) as usize;
    if s.has(i + rel, WEEKDAY)
        && (rel == 0
            || !s.word(i).starts_with(|c: char| c.is_uppercase())
            || s.word(i + 1).starts_with(|c: char| c.is_uppercase()))
    {
        let e = i + rel + 1;
        return Some((e, Label::Date));
    }
    if s.has(i, DAYWORD) {
        return Some((i + 1, Label::Date));
    }
    if rel == 1 && s.has(i + 1, PARTOFDAY) {
        return Some((i + 2, Label::Time));
    }
    if rel == 1 {
        // "last week", "the past two years"
        let mut e = i + 1;
        if s.is_numberish(e) {
            e += 1;
        }
        if s.has(e, PERIOD) && !s.has(e, TIMEUNIT) {
            return Some((e + 1, Label::Date));
        }
        if s.has(e, MONTH) && s.word(e).starts_with(|c: char| c.is_uppercase()) {
            return Some((e + 1, Label::Date));
        }
    }
    // number phrases
    let mut e = i;
    let mut money = false;
    if s.has(e, CURSYM) && (s.is_numberish(e + 1)) {
        money = true;
        e += 1;
    } else if s.word(e) == "US" && s.word(e + 1) == "$" && s.is_numberish(e + 2) {
        money = true;
        e += 2;
    }
    if !s.is_numberish(e) {
        return None;
    }
    let num_tok = e;
    e += 1;
    while s.is_numberish(e) && !s.is_num(e) {
        e += 1; // "two hundred", "5 million"
    }
    while s.has(e, SCALE) && (money || s.word(e).len() > 1) {
        e += 1;
    }
    if money
        || s.has(e, CURWORD) && !s.has(e, UNIT)
        || (s.has(e, CURWORD) && s.word(e).to_lowercase().starts_with("pound") && !s.has(e + 1, UNIT))
    {
        if s.has(e, CURWORD) {
            e += 1;
        }
        return Some((e, Label::Money));
    }
    if s.has(e, PERCENT) {
        return Some((e + 1, Label::Percent));
    }
    if s.word(e).eq_ignore_ascii_case("per") && s.word(e + 1).eq_ignore_ascii_case("cent") {
        return Some((e + 2, Label::Percent));
    }
    if s.word(e).eq_ignore_ascii_case("percentage") && s.word(e + 1).to_lowercase().starts_with("point") {
        return Some((e + 2, Label::Percent));
    }
    if s.has(e, UNIT) && !s.has(e, PERIOD) {
        return Some((e + 1, Label::Quantity));
    }
    if s.has(e, PERIOD) {
        let mut f = e + 1;
        if s.has(f, AGO) || s.word(f).eq_ignore_ascii_case("old") {
            f += 1;
        }
        return Some((f, Label::Date));
    }
    if s.has(e, TIMEUNIT) {
        return Some((e + 1, Label::Time));
    }
    if e == num_tok + 1 && s.is_year(num_tok) {
        return Some((e, Label::Date));
    }
    let lw = s.word(num_tok);
    if lw.len() == 5 && lw.ends_with('s') && lw[..4].bytes().all(|b| b.is_ascii_digit()) {
        return Some((e, Label::Date));
    }
    Some((e, Label::Cardinal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokens;

    fn run(t: &str) -> Vec<(String, &'static str)> {
        let toks = tokens(t);
        let cov = vec![false; toks.len()];
        find(t, &toks, &cov)
            .into_iter()
            .map(|(r, l)| (t[toks[r.start].start..toks[r.end - 1].end].to_string(), l.as_str()))
            .collect()
    }

    #[test]
    fn finds_dates_money_percent_and_numbers() {
        let got =
            run("On Monday (06/09) the firm paid $5 million, up 12% from 3,000 euros in March 2021, at 08:00 GMT.");
        assert_eq!(run("at 10:30 a.m. The"), vec![("10:30 a.m.".to_string(), "TIME")]);
        let want = [
            ("Monday", "DATE"),
            ("06/09", "DATE"),
            ("$5 million", "MONEY"),
            ("12%", "PERCENT"),
            ("3,000 euros", "MONEY"),
            ("March 2021", "DATE"),
            ("08:00 GMT", "TIME"),
        ];
        let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn ambiguous_months_need_a_number() {
        assert!(run("They may march on.").is_empty());
        assert_eq!(
            run("More than 30 tests in 2022"),
            vec![("30".to_string(), "CARDINAL"), ("2022".to_string(), "DATE")]
        );
        assert_eq!(
            run("three years ago, 40 km away"),
            vec![
                ("three years ago".to_string(), "DATE"),
                ("40 km".to_string(), "QUANTITY")
            ]
        );
    }
}
