//! Dates: find and parse publication dates in text, in five languages.
//!
//! In: text (a line, a meta value, a whole document). Out: `DateMatch`es with the byte range of
//! the date in the input, the raw string, and a `ParsedDate` that keeps both readings of an
//! ambiguous numeric date (06/09/2022 is 6 September or June 9) until evidence decides.
//!
//! Forms: ISO 8601 (with `T`, seconds, fractions, `Z` or offsets); numeric d/m/y or m/d/y with
//! `/`, `.` or `-` and 2- or 4-digit years; y/m/d; written dates with month names in English,
//! Portuguese, Spanish, French and German ("14 de março de 2023", "12. März 2024", "March 3,
//! 2024", "3 juin 2023"), each optionally followed by a time ("08:00", "5:12 p.m. EST",
//! "14h05", "10:15 Uhr") and a zone. Times are kept as the page states them (wall-clock time);
//! the zone stays in the raw string and in `ParsedDate::offset_minutes`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTHS_DATA: &str = include_str!("../data/months.txt");

static MONTHS: LazyLock<Vec<(String, u32)>> = LazyLock::new(|| {
    let mut v: Vec<(String, u32)> = MONTHS_DATA
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (n, name) = l.split_once('\t')?;
            Some((name.trim().to_lowercase(), n.trim().parse().ok()?))
        })
        .collect();
    // longest first so the regex alternation prefers "sept" over "sep"
    v.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    v
});

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|(_, k)| *k)
}

/// A month name or its abbreviation in one of the five languages (`data/months.txt`), any case,
/// with or without a final dot: "Mai", "dezembro", "Sept.".
pub fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

const TIME: &str = r"(?:(?:,|[ \t\n]|-|–|\||às|as|a las|à|a|at|um|the)*[ \t\n]*(?P<h>[0-9]{1,2})(?:(?:[:h]|[ ]h[ ])(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]+)?)?)(?:[ \t\n]*(?P<ampm>[ap]\.?[ \t\n]?m\.?))?(?:[ \t\n]*(?:Uhr|hrs|h))?(?:[ \t\n]*\(?(?P<tz>UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|WET|WEST|EET|EEST|BRT|ART|JST|KST|IST|Z|[+-][0-9]{2}:?[0-9]{2})(?P<tzoff>[+-][0-9]{1,2}(?::?[0-9]{2})?)?\)?)?)?";

struct Patterns {
    iso: Regex,
    numeric: Regex,
    ymd: Regex,
    dmy_written: Regex,
    mdy_written: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let months: Vec<String> = MONTHS.iter().map(|(n, _)| regex::escape(n)).collect();
    let m = months.join("|");
    let build = |p: String| Regex::new(&p).expect("date pattern compiles");
    Patterns {
        iso: build(r"(?-u:\b)(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?:[T ](?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]+)?)?(?P<tz>Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?(?-u:\b)".to_string()),
        numeric: build(format!(r"(?-u:\b)(?P<a>[0-9]{{1,2}})(?P<sep>[/.\-])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}}|[0-9]{{2}})(?-u:\b){TIME}").replace("(?P=sep)", r"[/.\-]")),
        ymd: build(format!(r"(?-u:\b)(?P<y>[0-9]{{4}})[/.](?P<m>[0-9]{{1,2}})[/.](?P<d>[0-9]{{1,2}})(?-u:\b){TIME}")),
        dmy_written: build(format!(r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?[ \t\n]+(?:de[ \t\n]+)?(?P<mon>{m})\.?,?[ \t\n]+(?:de[ \t\n]+)?(?P<y>[0-9]{{4}})(?-u:\b){TIME}")),
        mdy_written: build(format!(r"(?i)(?-u:\b)(?P<mon>{m})\.?[ \t\n]+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?[ \t\n]+(?P<y>[0-9]{{4}})(?-u:\b){TIME}")),
    }
});

/// A parsed date. For an ambiguous numeric date both readings are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDate {
    /// The reading with the first number as the day (d/m/y), or the only reading.
    pub day_first: NaiveDateTime,
    /// The month-first reading (m/d/y), when the numbers allow both and they differ.
    pub month_first: Option<NaiveDateTime>,
    /// Set when the form is numeric with the year last, so day/month order matters.
    pub numeric_order: Option<NumericOrder>,
    pub offset_minutes: Option<i32>,
    pub has_time: bool,
}

/// What the numbers of a d/m/y or m/d/y date say by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// First number > 12: must be day-first.
    DayFirst,
    /// Second number > 12: must be month-first.
    MonthFirst,
    /// Both readings valid and different.
    Ambiguous,
    /// Both readings equal (e.g. 05/05/2022).
    Same,
}

impl ParsedDate {
    pub fn is_ambiguous(&self) -> bool {
        self.numeric_order == Some(NumericOrder::Ambiguous)
    }

    /// The reading to use given the day-first decision (`None`: undecided → day-first reading).
    pub fn resolve(&self, day_first: Option<bool>) -> NaiveDateTime {
        match (self.numeric_order, day_first, self.month_first) {
            (Some(NumericOrder::Ambiguous), Some(false), Some(mf)) => mf,
            (Some(NumericOrder::MonthFirst), _, Some(mf)) => mf,
            _ => self.day_first,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    /// Byte range of the date (with its time) in the searched text.
    pub range: Range<usize>,
    pub parsed: ParsedDate,
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    let y = if s.len() == 2 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    };
    (1900..=2100).contains(&y).then_some(y)
}

fn time_of(c: &regex::Captures) -> Option<(NaiveTime, bool)> {
    let Some(h) = c.name("h") else {
        return Some((NaiveTime::MIN, false));
    };
    let Some(mi) = c.name("mi") else {
        return Some((NaiveTime::MIN, false));
    };
    let mut h: u32 = h.as_str().parse().ok()?;
    let mi: u32 = mi.as_str().parse().ok()?;
    let s: u32 = c.name("s").map(|s| s.as_str().parse().unwrap_or(0)).unwrap_or(0);
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if h == 12 {
            h = if pm { 12 } else { 0 };
        } else if pm {
            h += 12;
        }
    }
    NaiveTime::from_hms_opt(h, mi, s).map(|t| (t, true))
}

fn offset_of(c: &regex::Captures) -> Option<i32> {
    let tz = c.name("tz")?.as_str();
    let base = match tz {
        "Z" | "UTC" | "GMT" | "WET" => 0,
        "EST" => -300,
        "EDT" | "CDT" => {
            if tz == "EDT" {
                -240
            } else {
                -300
            }
        }
        "CST" => -360,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "BST" | "CET" | "WEST" => 60,
        "CEST" | "EET" => 120,
        "EEST" => 180,
        "BRT" | "ART" => -180,
        "JST" | "KST" => 540,
        "IST" => 330,
        _ => {
            let sign = if tz.starts_with('-') { -1 } else { 1 };
            let digits: String = tz.chars().filter(|c| c.is_ascii_digit()).collect();
            let h: i32 = digits.get(0..2)?.parse().ok()?;
            let m: i32 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            sign * (h * 60 + m)
        }
    };
    let extra = c.name("tzoff").and_then(|o| {
        let s = o.as_str();
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let (h, m) = s[1..].split_once(':').unwrap_or((&s[1..], "0"));
        Some(sign * (h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?))
    });
    Some(base + extra.unwrap_or(0))
}

fn ymd(y: i32, m: u32, d: u32, t: NaiveTime) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(t))
}

/// A date whose order the form fixes (ISO, y/m/d, month names): one reading.
fn one_reading(c: &regex::Captures, month: Option<u32>, range: Range<usize>) -> Option<DateMatch> {
    let (y, mo, d) = (year_of(&c["y"])?, month?, c["d"].parse::<u32>().ok()?);
    let (t, has_time) = time_of(c)?;
    let day_first = ymd(y, mo, d, t)?;
    let parsed = ParsedDate {
        day_first,
        month_first: None,
        numeric_order: None,
        offset_minutes: offset_of(c),
        has_time,
    };
    Some(DateMatch { range, parsed })
}

fn push_opt(push: &mut impl FnMut(DateMatch), m: Option<DateMatch>) {
    if let Some(m) = m {
        push(m);
    }
}

/// Every date in `text`, left to right, non-overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let p = &*PATTERNS;
    let mut found: Vec<DateMatch> = Vec::new();
    let mut push = |m: DateMatch| {
        if !found
            .iter()
            .any(|f| f.range.start < m.range.end && m.range.start < f.range.end)
        {
            found.push(m);
        }
    };
    for c in p.iso.captures_iter(text) {
        let range = c.get(0).expect("group 0").range();
        push_opt(&mut push, one_reading(&c, c["m"].parse().ok(), range));
    }
    for c in p.ymd.captures_iter(text) {
        let range = trim_range(text, c.get(0).expect("group 0").range());
        push_opt(&mut push, one_reading(&c, c["m"].parse().ok(), range));
    }
    for c in p
        .dmy_written
        .captures_iter(text)
        .chain(p.mdy_written.captures_iter(text))
    {
        let range = trim_range(text, c.get(0).expect("group 0").range());
        push_opt(&mut push, one_reading(&c, month_number(&c["mon"]), range));
    }
    for c in p.numeric.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let (Ok(a), Ok(b), Some(y)) = (c["a"].parse::<u32>(), c["b"].parse::<u32>(), year_of(&c["y"])) else {
            continue;
        };
        // "1.5.22" style decimals and version numbers: require a 4-digit year with '.' separators
        if &c["sep"] == "." && c["y"].len() == 2 {
            continue;
        }
        let Some((t, has_time)) = time_of(&c) else { continue };
        let df = ymd(y, b, a, t);
        let mf = ymd(y, a, b, t);
        let (day_first, month_first, order) = match (df, mf) {
            (Some(d), Some(m)) if d == m => (d, None, NumericOrder::Same),
            (Some(d), Some(m)) => (d, Some(m), NumericOrder::Ambiguous),
            (Some(d), None) => (d, None, NumericOrder::DayFirst),
            (None, Some(m)) => (m, Some(m), NumericOrder::MonthFirst),
            (None, None) => continue,
        };
        push(DateMatch {
            range: trim_range(text, all.range()),
            parsed: ParsedDate {
                day_first,
                month_first,
                numeric_order: Some(order),
                offset_minutes: offset_of(&c),
                has_time,
            },
        });
    }
    found.sort_by_key(|m| m.range.start);
    found
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_end_matches([' ', ',', '-', '–', '|', '(', ')']);
    let t2 = t.trim_start();
    let start = r.start + (t.len() - t2.len());
    // keep a closing ')' that belongs to a zone in parentheses
    let end = r.start + t.len() + usize::from(s[t.len()..].starts_with(')') && t.contains('('));
    start..end
}

/// Parse one date string (a meta value, a scraper's date field). Returns the first date found.
pub fn parse(s: &str) -> Option<ParsedDate> {
    find_dates(s).into_iter().next().map(|m| m.parsed)
}

/// Evidence about day/month order gathered from a whole document.
#[derive(Debug, Default, Clone, Copy)]
pub struct OrderEvidence {
    pub day_first_votes: u32,
    pub month_first_votes: u32,
}

impl OrderEvidence {
    /// Count numeric dates in `text` whose numbers decide the order by themselves.
    pub fn from_text(text: &str) -> Self {
        let mut ev = OrderEvidence::default();
        for m in find_dates(text) {
            match m.parsed.numeric_order {
                Some(NumericOrder::DayFirst) => ev.day_first_votes += 1,
                Some(NumericOrder::MonthFirst) => ev.month_first_votes += 1,
                _ => {}
            }
        }
        ev
    }
}

static MONTH_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    let full: Vec<String> = MONTHS
        .iter()
        .filter(|(n, _)| {
            n.chars().count() > 4
                || n == "may"
                || n == "june"
                || n == "july"
                || n == "mai"
                || n == "juin"
                || n == "juni"
                || n == "juli"
                || n == "maio"
                || n == "mayo"
        })
        .map(|(n, _)| regex::escape(n))
        .collect();
    Regex::new(&format!(r"(?i)(?-u:\b)(?:in|em|en|im|au|de|since|desde|depuis|seit|last|early|late|mid-?)[ \t\n]+(?P<mon>{})(?-u:\b)(?P<year>,?[ \t\n]+(?:de[ \t\n]+)?[0-9]{{4}})?", full.join("|"))).expect("month mention pattern compiles")
});

/// Temporal evidence: months the text mentions as when something happened ("purchased in
/// August", "In July"), without a year. News reports mostly the past, so a reading of an ambiguous
/// date that puts the article *before* several of these months is less plausible. Returns
/// (conflicts of the day-first reading, conflicts of the month-first reading).
pub fn month_mention_conflicts(text: &str, date: &ParsedDate) -> (u32, u32) {
    let Some(mf) = date.month_first else { return (0, 0) };
    let df = date.day_first;
    let (mut c_df, mut c_mf) = (0, 0);
    for c in MONTH_MENTION.captures_iter(text) {
        if c.name("year").is_some() {
            continue;
        }
        let Some(m) = month_number(&c["mon"]) else { continue };
        if m > chrono::Datelike::month(&df) {
            c_df += 1;
        }
        if m > chrono::Datelike::month(&mf) {
            c_mf += 1;
        }
    }
    (c_df, c_mf)
}

/// Country-code top-level domains (and second-level forms) whose outlets write dates day-first or
/// month-first.
pub fn domain_day_first(domain: &str) -> Option<bool> {
    let d = domain.to_ascii_lowercase();
    let tld = d.rsplit('.').next().unwrap_or("");
    match tld {
        "us" => Some(false),
        "uk" | "ie" | "au" | "nz" | "za" | "in" | "br" | "pt" | "es" | "fr" | "de" | "at" | "ch" | "it" | "mx"
        | "ar" | "cl" | "co" | "pe" | "be" | "nl" | "ru" | "ua" | "pl" | "ao" | "mz" | "ng" | "ke" | "gh" | "pk"
        | "sg" | "my" | "ve" | "uy" | "ec" | "bo" | "py" | "lu" | "dk" | "se" | "no" | "fi" => Some(true),
        _ => None,
    }
}

/// Languages whose writers put the day first in numeric dates (all five supported except
/// English, which is split between the US and everyone else).
pub fn language_day_first(lang: &str) -> Option<bool> {
    match lang {
        "en" => None,
        "" => None,
        _ => Some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn parses_iso_with_zone() {
        let p = parse("2023-03-14T09:30:00Z").unwrap();
        assert_eq!(p.day_first, dt("2023-03-14T09:30:00"));
        assert_eq!(p.offset_minutes, Some(0));
        assert_eq!(parse("2023-03-14T09:30:00-05:00").unwrap().offset_minutes, Some(-300));
    }

    #[test]
    fn keeps_both_readings_of_ambiguous_numeric_dates() {
        let p = parse("06/09/2022 08:00").unwrap();
        assert!(p.is_ambiguous());
        assert_eq!(p.resolve(Some(true)), dt("2022-09-06T08:00:00"));
        assert_eq!(p.resolve(Some(false)), dt("2022-06-09T08:00:00"));
        let q = parse("25/12/2021").unwrap();
        assert_eq!(q.numeric_order, Some(NumericOrder::DayFirst));
        assert_eq!(q.resolve(Some(false)), dt("2021-12-25T00:00:00"));
        let r = parse("12/25/2021").unwrap();
        assert_eq!(r.resolve(None), dt("2021-12-25T00:00:00"));
    }

    #[test]
    fn parses_written_dates_in_five_languages() {
        let cases = [
            ("14 de março de 2023", "2023-03-14T00:00:00"),
            ("12. März 2024, 10:15 Uhr", "2024-03-12T10:15:00"),
            ("March 3, 2024 at 5:12 p.m. EST", "2024-03-03T17:12:00"),
            ("3 juin 2023 à 14h05", "2023-06-03T14:05:00"),
            ("5 de septiembre de 2022 - 08:00", "2022-09-05T08:00:00"),
            ("Tuesday, 6 September 2022", "2022-09-06T00:00:00"),
            ("1er août 2021", "2021-08-01T00:00:00"),
        ];
        for (s, want) in cases {
            let p = parse(s).unwrap_or_else(|| panic!("no date in {s}"));
            assert_eq!(p.day_first, dt(want), "{s}");
        }
        assert_eq!(
            parse("March 3, 2024 at 5:12 p.m. EST").unwrap().offset_minutes,
            Some(-300)
        );
    }

    #[test]
    fn match_ranges_cover_the_date_and_time() {
        let t = "DW US says Russia bought weapons 06/09/2022 08:00";
        let m = &find_dates(t)[0];
        assert_eq!(&t[m.range.clone()], "06/09/2022 08:00");
    }

    #[test]
    fn month_mentions_count_against_readings_that_precede_them() {
        let p = parse("06/09/2022").unwrap();
        let text = "drones purchased in August. In July, North Korea ...";
        assert_eq!(month_mention_conflicts(text, &p), (0, 2));
    }

    #[test]
    fn no_dates_in_plain_numbers() {
        assert!(find_dates("version 1.2.3 and 3.5 million").is_empty());
        assert!(find_dates("").is_empty());
    }
}
