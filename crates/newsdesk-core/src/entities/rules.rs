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
//!
//! Text read as Portuguese, Spanish, French or German also has the entries of the lexicon tagged
//! with its language, phrases of several tokens among them: scale words ("2,5 Milliarden Euro",
//! "mil millones"), currencies written out, after "de"/"d'" in pt, es, fr ("3 bilhões de reais",
//! "4 milliards d'euros"), per cent ("12 por ciento", "3,5 Prozent"), units, currency symbols
//! after the amount ("2,5 Mio. €") and digits grouped by spaces ("1 200"). Such words count only
//! next to a number ("Real Madrid", "mil veces" are not amounts); English reads none of them.

use super::{Label, Lang};
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
/// A number word that is a number only before a scale word ("un millón", "zwei Milliarden").
const SMALLNUM: u32 = 131072;

/// Kind bits of a lexicon entry in each language, indexed by [`lang_index`].
type Kinds = [u32; 5];

fn lang_index(l: Lang) -> usize {
    match l {
        Lang::En => 0,
        Lang::Pt => 1,
        Lang::Es => 2,
        Lang::Fr => 3,
        Lang::De => 4,
    }
}

struct Lexicon {
    /// One-token entries, lower-case.
    words: HashMap<String, Kinds>,
    /// Entries of several tokens, by their first token: the tokens after it and the kinds.
    phrases: HashMap<String, Vec<(Vec<String>, Kinds)>>,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut lex = Lexicon {
            words: HashMap::new(),
            phrases: HashMap::new(),
        };
        for line in include_str!("../../data/entities/number_lexicon.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(k), Some(w)) = (cols.next(), cols.next()) else {
                continue;
            };
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
                "smallnum" => SMALLNUM,
                _ => 0,
            };
            let mut kinds = [bit; 5];
            if let Some(langs) = cols.next().map(str::trim).filter(|x| !x.is_empty()) {
                kinds = [0; 5];
                for code in langs.split(',') {
                    kinds[lang_index(Lang::from_code(code.trim()))] = bit;
                }
            }
            let w = w.trim().to_lowercase();
            let toks: Vec<String> = crate::segment::tokens(&w)
                .into_iter()
                .map(|r| w[r].to_string())
                .collect();
            let add = |e: &mut Kinds| e.iter_mut().zip(kinds).for_each(|(a, b)| *a |= b);
            // the whole word as one token too: the tokenizer keeps "Jan." or "A.M." whole
            add(lex.words.entry(w.clone()).or_insert([0; 5]));
            if let [first, rest @ ..] = toks.as_slice() {
                if !rest.is_empty() {
                    let list = lex.phrases.entry(first.clone()).or_default();
                    match list.iter_mut().find(|(r, _)| r.as_slice() == rest) {
                        Some((_, e)) => add(e),
                        None => {
                            let mut e = [0; 5];
                            add(&mut e);
                            list.push((rest.to_vec(), e));
                        }
                    }
                }
            }
        }
        lex
    })
}

/// Kind bits of one lower-case token in `lang`.
fn kinds_of(lower: &str, lang: Lang) -> u32 {
    lexicon().words.get(lower).map_or(0, |k| k[lang_index(lang)])
}

/// Is token `i` of `words` a currency word right after an amount ("500 Millionen Franken",
/// "3 bilhões de reais" has its "de" in between): then it belongs to the amount, even where the
/// name tagger read it as a name (Franken, the Franconians; Real, the football club).
pub fn is_currency_after_amount(words: &[&str], i: usize, lang: Lang) -> bool {
    let kinds = |j: usize| words.get(j).map_or(0, |w| kinds_of(&w.to_lowercase(), lang));
    let amount = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            || kinds(j) & (SCALE | NUMWORD) != 0
    };
    i > 0
        && kinds(i) & CURWORD != 0
        && (amount(i - 1) || (i > 1 && matches!(words[i - 1], "de" | "d'") && amount(i - 2)))
}

/// Spaces that group the digits of a number outside English: "1 200" with a no-break, narrow
/// no-break or thin space, and in French, where digits are grouped so, also a plain space.
fn is_digit_group_space(gap: &str, lang: Lang) -> bool {
    (!gap.is_empty() && gap.chars().all(|c| matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}')))
        || (lang == Lang::Fr && gap == " ")
}

struct Sent<'a> {
    text: &'a str,
    toks: &'a [Range<usize>],
    words: Vec<&'a str>,
    lower: Vec<String>,
    kinds: Vec<u32>,
    /// Kinds (currency word, unit) of the word after an elided "d'" ("d'euros").
    elided: Vec<u32>,
    covered: &'a [bool],
    lang: Lang,
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
    /// Tokens of the longest entry of kind `k` starting at `i` (a phrase such as "por ciento"
    /// outside English), or 0.
    fn len_of(&self, i: usize, k: u32) -> usize {
        let mut best = self.has(i, k) as usize;
        if self.lang == Lang::En || i >= self.words.len() || self.covered[i] {
            return best;
        }
        let li = lang_index(self.lang);
        if let Some(list) = lexicon().phrases.get(self.lower[i].as_str()) {
            for (rest, kinds) in list {
                let len = 1 + rest.len();
                if kinds[li] & k != 0
                    && len > best
                    && i + len <= self.words.len()
                    && (i..i + len).all(|j| !self.covered[j])
                    && rest.iter().zip(&self.lower[i + 1..]).all(|(a, b)| a == b)
                {
                    best = len;
                }
            }
        }
        best
    }
    /// Whether pt, es or fr join an amount to its currency or unit with "de" / "d'"
    /// ("3 bilhões de reais", "4 milliards d'euros").
    fn romance(&self) -> bool {
        matches!(self.lang, Lang::Pt | Lang::Es | Lang::Fr)
    }
    /// End of a currency word or unit (kind `k`) at `e`, after "de"/"d'" when `joined`.
    fn word_after(&self, e: usize, k: u32, joined: bool) -> Option<usize> {
        if joined && self.romance() {
            if e < self.words.len() && !self.covered[e] && self.elided[e] & k != 0 {
                return Some(e + 1);
            }
            if matches!(self.lower.get(e).map(String::as_str), Some("de" | "d'" | "d’")) && !self.covered[e] {
                let l = self.len_of(e + 1, k);
                if l > 0 {
                    return Some(e + 1 + l);
                }
            }
        }
        let l = self.len_of(e, k);
        (l > 0).then_some(e + l)
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
                .all(|p| !p.is_empty() && kinds_of(&p.to_lowercase(), self.lang) & NUMWORD != 0)
    }
    /// End of the number starting at `i`: one token ("2,5", "1.200", "three"), digit groups
    /// joined by spaces outside English ("1 200 000", [`is_digit_group_space`]), or a number
    /// word before a scale word ("un millón", "zwei Milliarden"); `None` when no number starts
    /// there.
    fn num_end(&self, i: usize) -> Option<usize> {
        if self.is_numberish(i) {
            let mut e = i + 1;
            let lead = self.word(i);
            if self.lang != Lang::En && (1..=3).contains(&lead.len()) && lead.bytes().all(|b| b.is_ascii_digit()) {
                // "1 200", "12 300 000", "1 200,50": every group three digits, a decimal part last
                while e < self.words.len()
                    && is_digit_group_space(&self.text[self.toks[e - 1].end..self.toks[e].start], self.lang)
                    && self.word(e - 1).bytes().all(|b| b.is_ascii_digit())
                {
                    let g = self.word(e).as_bytes();
                    let ok = g.len() >= 3
                        && g[..3].iter().all(u8::is_ascii_digit)
                        && (g.len() == 3
                            || (matches!(g[3], b',' | b'.') && g.len() > 4 && g[4..].iter().all(u8::is_ascii_digit)));
                    if !ok {
                        break;
                    }
                    e += 1;
                }
            }
            return Some(e);
        }
        (self.has(i, SMALLNUM) && self.len_of(i + 1, SCALE) > 0).then_some(i + 1)
    }
}

/// Find rule-based mentions in one sentence read as `lang`. `toks` are byte ranges into `text`;
/// `covered[i]` marks tokens inside name mentions. Returns token ranges with labels, sorted,
/// disjoint. Entries of the lexicon tagged with other languages are not used, so "mil",
/// "real" or "Prozent" mean nothing in English.
pub fn find(text: &str, toks: &[Range<usize>], covered: &[bool], lang: Lang) -> Vec<(Range<usize>, Label)> {
    let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let kinds: Vec<u32> = lower.iter().map(|w| kinds_of(w, lang)).collect();
    let elided: Vec<u32> = lower
        .iter()
        .map(|w| match w.strip_prefix("d'").or_else(|| w.strip_prefix("d’")) {
            Some(rest) if lang != Lang::En => kinds_of(rest, lang) & (CURWORD | UNIT),
            _ => 0,
        })
        .collect();
    let s = Sent {
        text,
        toks,
        words,
        lower,
        kinds,
        elided,
        covered,
        lang,
    };
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
    let k = lexicon()
        .words
        .get(lw.as_str())
        .map_or(0, |k| k.iter().fold(0, |a, b| a | b));
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
    let sym = s.len_of(e, CURSYM);
    if sym > 0 && s.num_end(e + sym).is_some() {
        money = true; // "$5", "R$ 3 bilhões"
        e += sym;
    } else if s.word(e) == "US" && s.word(e + 1) == "$" && s.num_end(e + 2).is_some() {
        money = true;
        e += 2;
    }
    let num_tok = e;
    e = s.num_end(e)?;
    let after_num = e;
    while s.is_numberish(e) && !s.is_num(e) {
        e += 1; // "two hundred", "5 million"
    }
    let foreign = s.lang != Lang::En;
    // scale words, "2,5 Milliarden", "mil millones"; a one-letter one ("m", "k") only in an
    // amount of money ("$5m", "4,5 M€")
    loop {
        let l = s.len_of(e, SCALE);
        if l == 0 || !(money || s.word(e).len() > 1 || (foreign && s.len_of(e + l, CURSYM) > 0)) {
            break;
        }
        e += l;
    }
    let scaled = (after_num..e).any(|j| s.has(j, SCALE));
    if foreign {
        // the currency after the amount: a word or phrase ("Euro", "livres sterling"), after
        // "de"/"d'" behind a scale word in pt, es, fr ("milhões de reais", "milliards d'euros"),
        // or a symbol ("5 €", "3 Mio. €")
        if let Some(f) = s.word_after(e, CURWORD, scaled).filter(|_| !s.has(e, UNIT)) {
            return Some((f, Label::Money));
        }
        let l = s.len_of(e, CURSYM);
        if l > 0 && s.num_end(e + l).is_none() {
            return Some((e + l, Label::Money));
        }
        if money {
            return Some((e, Label::Money));
        }
        // "3,5 Prozent", "12 por ciento", "5 pour cent"
        let l = s.len_of(e, PERCENT);
        if l > 0 {
            return Some((e + l, Label::Percent));
        }
        if let Some(f) = s.word_after(e, UNIT, scaled).filter(|&f| !s.has(f - 1, PERIOD)) {
            return Some((f, Label::Quantity));
        }
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

    #[test]
    fn a_currency_word_after_an_amount_belongs_to_it() {
        let de = [
            "zahlte",
            "500",
            "Millionen",
            "Franken",
            "und",
            "die",
            "Franken",
            "feiern",
        ];
        assert!(is_currency_after_amount(&de, 3, Lang::De));
        assert!(!is_currency_after_amount(&de, 6, Lang::De));
        let pt = ["3", "bilhões", "de", "reais"];
        assert!(is_currency_after_amount(&pt, 3, Lang::Pt));
        assert!(!is_currency_after_amount(&["o", "Real", "Madrid"], 1, Lang::Es));
    }
    use crate::segment::tokens;

    fn run(t: &str) -> Vec<(String, &'static str)> {
        run_in(t, Lang::En)
    }

    fn run_in(t: &str, lang: Lang) -> Vec<(String, &'static str)> {
        let toks = tokens(t);
        let cov = vec![false; toks.len()];
        find(t, &toks, &cov, lang)
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

    fn pairs(want: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        want.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    }

    #[test]
    fn amount_words_of_other_languages_need_a_number_and_their_language() {
        // scale and currency words alone are not amounts: "mil veces", "Real Madrid", "Millionen"
        assert!(run_in("Lo dijo mil veces.", Lang::Es).is_empty());
        assert!(run_in("O Real Madrid venceu em casa.", Lang::Pt).is_empty());
        assert!(run_in("Millionen Menschen sahen zu, Euro und Dollar fielen.", Lang::De).is_empty());
        // "de" joins a currency or unit only after a scale word
        assert_eq!(
            run_in("Vieram 3 milhões de pessoas e 5 de reais.", Lang::Pt),
            pairs(&[("3 milhões", "CARDINAL"), ("5", "CARDINAL")])
        );
        // English reads none of it: its output does not change
        assert_eq!(
            run("3 Prozent and 2,5 Milliarden Euro, 3 bilhões de reais"),
            pairs(&[("3", "CARDINAL"), ("2,5", "CARDINAL"), ("3", "CARDINAL")])
        );
        assert_eq!(run_in("3 Prozent", Lang::De), pairs(&[("3 Prozent", "PERCENT")]));
    }

    #[test]
    fn digit_groups_decimal_commas_and_symbols_after_the_amount() {
        // no-break and narrow no-break spaces group digits, and in French a plain space too
        assert_eq!(
            run_in(
                "Il y avait 12\u{a0}300\u{a0}000 habitants et 1\u{202f}200,50 euros.",
                Lang::Fr
            ),
            pairs(&[("12\u{a0}300\u{a0}000", "CARDINAL"), ("1\u{202f}200,50 euros", "MONEY")])
        );
        assert_eq!(
            run_in("Le préjudice s'élève à 300 000 euros, en 2023 150 plaintes.", Lang::Fr),
            pairs(&[("300 000 euros", "MONEY"), ("2023", "DATE"), ("150", "CARDINAL")])
        );
        assert_eq!(
            run_in("Vieram 1\u{a0}200 soldados.", Lang::Pt),
            pairs(&[("1\u{a0}200", "CARDINAL")])
        );
        assert_eq!(
            run_in(
                "Sie zahlten 2,5 Mio. € und 4,5 M€ für 1.200 Tonnen, 3,5 % mehr.",
                Lang::De
            ),
            pairs(&[
                ("2,5 Mio. €", "MONEY"),
                ("4,5 M€", "MONEY"),
                ("1.200 Tonnen", "QUANTITY"),
                ("3,5 %", "PERCENT")
            ])
        );
        // a symbol that opens the next amount stays with it
        assert_eq!(
            run_in("Em 2023 R$ 5 mil, US$ 3 bilhões.", Lang::Pt),
            pairs(&[("2023", "DATE"), ("R$ 5 mil", "MONEY"), ("US$ 3 bilhões", "MONEY")])
        );
    }
}
