//! Canonical: the mentions of one document in (sorted, labels set), canonical names and entity
//! ids out (within-document coreference of names).
//!
//! Rules, in order:
//! 1. Known variants map to one name from `data/entities/aliases.txt` ("U.S.", "US", "America"
//!    -> "United States").
//! 2. Acronyms join their expansion: "Long Name (ACR)" in the text, where every letter of ACR is
//!    the initial of a capitalised word of the name, makes ACR an alias of the name; bare ACR
//!    tokens elsewhere in the document that the tagger missed become mentions too. An all-caps
//!    mention whose letters are the initials of another mention's words joins it as well.
//! 3. A PERSON mention whose words are a contiguous part of a longer PERSON mention joins the
//!    longest one ("Biden" -> "Joe Biden", "Kim" -> "Kim Jong-un").
//! 4. Document-level consistency: the surname of a full PERSON name is that person wherever it
//!    occurs in the document (relabelled, or added where the tagger missed it), and a short
//!    place or organisation name ending in a word that is a person alone elsewhere in the
//!    document is that person.
//! 5. Other names join when equal after normalisation (case, dots, a leading "the").
//!
//! Entity ids count from 0 in order of first mention. GPE and LOC share ids (a place is a place).

use super::{Label, Mention};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

fn aliases() -> &'static HashMap<String, String> {
    static A: OnceLock<HashMap<String, String>> = OnceLock::new();
    A.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../../data/entities/aliases.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((canon, al)) = line.split_once('\t') else {
                continue;
            };
            m.insert(norm(canon), canon.to_string());
            for a in al.split('|') {
                m.insert(norm(a), canon.to_string());
            }
        }
        m
    })
}

/// Normalised key: lower case, dots removed, whitespace collapsed, leading "the " dropped.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        let w: String = w
            .chars()
            .filter(|&c| c != '.')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out.strip_prefix("the ").map(str::to_string).unwrap_or(out)
}

fn words(s: &str) -> Vec<String> {
    norm(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| *c != '.').collect();
    (2..=7).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_alphabetic())
}

/// Initials of the capitalised words of `s` ("Institute for War Studies" -> "IWS").
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn acronym_fits(acr: &str, name: &str) -> bool {
    let ini = initials(name);
    let a: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
    if a.len() < 2 || ini.chars().count() < a.len() {
        return false;
    }
    // exact initials, or the same set of letters (names are often re-ordered in translation)
    if ini == a.iter().collect::<String>() {
        return true;
    }
    let mut pool: Vec<char> = ini.chars().collect();
    for c in &a {
        match pool.iter().position(|x| x == c) {
            Some(p) => {
                pool.remove(p);
            }
            None => return false,
        }
    }
    ini.chars().count() == a.len()
}

/// Add mentions for acronyms defined in the text ("Institute for War Studies (ISW)") that the
/// tagger missed, wherever they occur as whole words outside other mentions.
fn add_defined_acronyms(text: &str, sents: &[Range<usize>], ms: &mut Vec<Mention>) {
    let mut defined: Vec<(String, Label)> = Vec::new();
    for m in ms.iter() {
        if !matches!(m.label, Label::Org | Label::Gpe | Label::Loc | Label::Norp) {
            continue;
        }
        let Some(rest) = text.get(m.end..) else { continue };
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let Some(rest) = rest.strip_prefix('(') else { continue };
        let Some(close) = rest.find(')') else { continue };
        let acr = &rest[..close];
        let name = text.get(m.start..m.end).unwrap_or("");
        if is_acronym(acr) && acronym_fits(acr, name) && !defined.iter().any(|(d, _)| d == acr) {
            defined.push((acr.to_string(), m.label));
        }
    }
    add_occurrences(text, sents, ms, &defined);
}

/// Add a mention for every whole-word occurrence of each `(word, label)` that no mention covers.
/// One automaton over all the words, so the cost is linear in the text.
fn add_occurrences(text: &str, sents: &[Range<usize>], ms: &mut Vec<Mention>, found: &[(String, Label)]) {
    if found.is_empty() {
        return;
    }
    // built per document over a few names: a contiguous NFA builds in microseconds, where a
    // DFA's construction would cost more than the search saves
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(found.iter().map(|(w, _)| w.as_str()))
    else {
        return;
    };
    // `ms` is sorted by start and disjoint: a new span overlaps one iff it overlaps the last
    // mention starting before its end
    let overlaps = |ms: &[Mention], s: usize, e: usize| {
        let k = ms.partition_point(|m| m.start < e);
        k > 0 && ms[k - 1].end > s
    };
    let mut added: Vec<Mention> = Vec::new();
    for mt in ac.find_iter(text) {
        let (s, e) = (mt.start(), mt.end());
        let left_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let right_ok = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if !left_ok || !right_ok || overlaps(ms, s, e) || added.last().is_some_and(|a: &Mention| a.end > s) {
            continue;
        }
        let label = found[mt.pattern().as_usize()].1;
        added.push(Mention {
            start: s,
            end: e,
            label,
            canonical: String::new(),
            entity_id: 0,
            sentence: 0,
        });
    }
    if !added.is_empty() {
        for a in &mut added {
            let i = sents.partition_point(|r| r.end < a.end);
            if sents.get(i).is_some_and(|r| r.start <= a.start) {
                a.sentence = i as u32;
            }
        }
        ms.extend(added);
        ms.sort_by_key(|m| m.start);
    }
}

/// Document-level consistency for people: a single word that is the surname (last word) of a
/// multi-word PERSON mention is that person wherever it occurs in the document, unless the
/// gazetteers know it as a place or organisation.
fn propagate_people(text: &str, sents: &[Range<usize>], ms: &mut Vec<Mention>) {
    use super::gazetteer::{Gazetteer, List};
    let g = Gazetteer::get();
    let place_or_org = (1u16 << List::Country as u16)
        | (1 << List::City as u16)
        | (1 << List::State as u16)
        | (1 << List::GpeExtra as u16)
        | (1 << List::Region as u16)
        | (1 << List::Org as u16)
        | (1 << List::Norp as u16)
        | (1 << List::Title as u16);
    // a place or organisation of two or three capitalised words whose last word names a person
    // alone elsewhere in the document ("Rom Braslavski" read as Rome, then "Braslavski antwortet")
    // is that person
    let alone: std::collections::HashSet<String> = ms
        .iter()
        .filter(|m| m.label == Label::Person)
        .filter_map(|m| text.get(m.start..m.end))
        .filter(|s| !s.contains(char::is_whitespace))
        .map(str::to_string)
        .collect();
    for m in ms.iter_mut() {
        if matches!(m.label, Label::Org | Label::Gpe | Label::Loc) {
            let ws: Vec<&str> = text.get(m.start..m.end).unwrap_or("").split_whitespace().collect();
            if (2..=3).contains(&ws.len())
                && ws.iter().all(|w| w.starts_with(char::is_uppercase))
                && ws
                    .last()
                    .is_some_and(|l| alone.contains(*l) && g.lookup(l) & place_or_org == 0)
            {
                m.label = Label::Person;
            }
        }
    }
    let mut surnames: Vec<(String, Label)> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for m in ms.iter().filter(|m| m.label == Label::Person) {
        let surface = text.get(m.start..m.end).unwrap_or("");
        let ws: Vec<&str> = surface.split_whitespace().collect();
        if ws.len() < 2 {
            continue;
        }
        let last = ws[ws.len() - 1];
        if last.chars().count() >= 3
            && last.starts_with(|c: char| c.is_uppercase())
            && g.lookup(last) & place_or_org == 0
            && seen.insert(last.to_string())
        {
            surnames.push((last.to_string(), Label::Person));
        }
    }
    for m in ms.iter_mut() {
        if matches!(m.label, Label::Org | Label::Gpe | Label::Loc) {
            let surface = text.get(m.start..m.end).unwrap_or("");
            if seen.contains(surface) {
                m.label = Label::Person;
            }
        }
    }
    add_occurrences(text, sents, ms, &surnames);
}

/// Document-level consistency for multi-word names: a name of two or more words found once
/// ("Amnesty International" in the middle of a sentence) is found wherever it recurs in the
/// document, with the same label (the tagger may miss it at the start of a sentence or in a
/// headline).
fn propagate_names(text: &str, sents: &[Range<usize>], ms: &mut Vec<Mention>) {
    let mut found: Vec<(String, Label)> = Vec::new();
    for m in ms.iter() {
        if !matches!(m.label, Label::Person | Label::Org | Label::Gpe | Label::Loc) {
            continue;
        }
        let surface = text.get(m.start..m.end).unwrap_or("");
        if surface.split_whitespace().count() >= 2
            && surface.starts_with(char::is_uppercase)
            && !found.iter().any(|(w, _)| w == surface)
        {
            found.push((surface.to_string(), m.label));
        }
    }
    add_occurrences(text, sents, ms, &found);
}

/// Fill `canonical` and `entity_id` of every mention (and add missed defined acronyms).
pub fn resolve(text: &str, ms: &mut Vec<Mention>) {
    resolve_in(text, &crate::segment::sentences(text), ms)
}

/// [`resolve`] for a text whose sentences the tagger already found (`sents`, byte ranges: the
/// mentions added here get their sentence index from them).
pub fn resolve_in(text: &str, sents: &[Range<usize>], ms: &mut Vec<Mention>) {
    add_defined_acronyms(text, sents, ms);
    propagate_people(text, sents, ms);
    propagate_names(text, sents, ms);
    let surface: Vec<String> = ms
        .iter()
        .map(|m| {
            text.get(m.start..m.end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let n = ms.len();
    // canonical name per mention, before grouping
    let mut canon: Vec<String> = surface.clone();
    let al = aliases();
    for i in 0..n {
        if ms[i].label.is_name() {
            if let Some(c) = al.get(&norm(&surface[i])) {
                canon[i] = c.clone();
            }
        }
    }
    // acronyms -> expansions: an expansion defined as "Name (ACR)" first, else the first name
    // whose capitalised initials are the acronym's letters (in any order)
    let letters_key = |s: &str| -> String {
        let mut v: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        v.sort_unstable();
        v.into_iter().collect()
    };
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    let mut defined: HashMap<&str, usize> = HashMap::new();
    for j in 0..n {
        if !ms[j].label.is_name() || is_acronym(&surface[j]) {
            continue;
        }
        by_initials.entry(letters_key(&initials(&surface[j]))).or_insert(j);
        let after = text.get(ms[j].end..).unwrap_or("").trim_start();
        if let Some(acr) = after.strip_prefix('(').and_then(|r| r.split_once(')')).map(|x| x.0) {
            if is_acronym(acr) && acronym_fits(acr, &surface[j]) {
                defined.entry(acr).or_insert(j);
            }
        }
    }
    for i in 0..n {
        if !ms[i].label.is_name() || !is_acronym(&surface[i]) || al.contains_key(&norm(&surface[i])) {
            continue;
        }
        let key = letters_key(&surface[i]);
        let best = defined.get(surface[i].as_str()).copied().or_else(|| {
            by_initials
                .get(&key)
                .copied()
                .filter(|&j| key.chars().count() >= 2 && acronym_fits(&surface[i], &surface[j]))
        });
        if let Some(j) = best {
            canon[i] = canon[j].clone();
            ms[i].label = ms[j].label;
        }
    }
    // PERSON: short mentions join the longest mention containing their words
    let per_words: Vec<Vec<String>> = (0..n)
        .map(|i| {
            if ms[i].label == Label::Person {
                words(&surface[i])
            } else {
                vec![]
            }
        })
        .collect();
    let mut longest: HashMap<String, usize> = HashMap::new(); // word window -> mention
    for (j, wj) in per_words.iter().enumerate() {
        if wj.len() < 2 || wj.len() > 8 {
            continue;
        }
        for k in 1..wj.len() {
            for w in wj.windows(k) {
                let e = longest.entry(w.join(" ")).or_insert(j);
                if per_words[*e].len() < wj.len() {
                    *e = j;
                }
            }
        }
    }
    for i in 0..n {
        if per_words[i].is_empty() {
            continue;
        }
        if let Some(&j) = longest.get(&per_words[i].join(" ")) {
            if per_words[j].len() > per_words[i].len() {
                canon[i] = surface[j].clone();
            }
        }
    }
    // ids by (label group, normalised canonical)
    let mut ids: HashMap<(u8, String), u32> = HashMap::new();
    for i in 0..n {
        let group = match ms[i].label {
            Label::Gpe | Label::Loc => Label::Gpe as u8,
            l => l as u8,
        };
        let key = (group, norm(&canon[i]));
        let next = ids.len() as u32;
        ms[i].entity_id = *ids.entry(key).or_insert(next);
        ms[i].canonical = std::mem::take(&mut canon[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, s: &str, nth: usize, label: Label) -> Mention {
        let start = text.match_indices(s).nth(nth).unwrap().0;
        Mention {
            start,
            end: start + s.len(),
            label,
            canonical: String::new(),
            entity_id: 0,
            sentence: 0,
        }
    }

    #[test]
    fn a_name_read_as_a_place_is_the_person_its_last_word_names_alone() {
        let t = "Rom Braslavski war zwei Jahre in Geiselhaft. Braslavski antwortet: Ja. Er lebt in Bad Homburg.";
        let mut ms = vec![
            m(t, "Rom Braslavski", 0, Label::Gpe),
            m(t, "Braslavski", 1, Label::Person),
            m(t, "Bad Homburg", 0, Label::Gpe),
        ];
        ms.sort_by_key(|x| x.start);
        resolve(t, &mut ms);
        let get = |s: &str| ms.iter().find(|x| &t[x.start..x.end] == s).unwrap().clone();
        assert_eq!(get("Rom Braslavski").label, Label::Person);
        assert_eq!(get("Braslavski").canonical, "Rom Braslavski");
        assert_eq!(get("Bad Homburg").label, Label::Gpe);
    }

    #[test]
    fn short_names_acronyms_and_variants_join() {
        let t = "President Joe Biden met Kim Jong-un. Biden and Kim spoke. Mason Clark of the Institute for War Studies (ISW) said ISW saw U.S. and US troops.";
        let mut ms = vec![
            m(t, "Joe Biden", 0, Label::Person),
            m(t, "Kim Jong-un", 0, Label::Person),
            m(t, "Biden", 1, Label::Person),
            m(t, "Kim", 1, Label::Person),
            m(t, "Mason Clark", 0, Label::Person),
            m(t, "Institute for War Studies", 0, Label::Org),
            m(t, "U.S.", 0, Label::Gpe),
            m(t, "US", 0, Label::Gpe),
        ];
        ms.sort_by_key(|x| x.start);
        resolve(t, &mut ms);
        let get = |s: &str, nth: usize| ms.iter().filter(|x| &t[x.start..x.end] == s).nth(nth).unwrap().clone();
        assert_eq!(get("Biden", 0).canonical, "Joe Biden");
        assert_eq!(get("Biden", 0).entity_id, get("Joe Biden", 0).entity_id);
        assert_eq!(get("Kim", 0).canonical, "Kim Jong-un");
        assert_eq!(get("ISW", 0).canonical, "Institute for War Studies");
        assert_eq!(get("ISW", 1).label, Label::Org);
        assert_eq!(get("U.S.", 0).entity_id, get("US", 0).entity_id);
        assert_eq!(get("US", 0).canonical, "United States");
    }

    #[test]
    fn a_multi_word_name_is_found_wherever_it_recurs() {
        let t = "Amnesty International said the report was wrong. Later, Amnesty International and Amnesty staff left.";
        let mut ms = vec![m(t, "Amnesty International", 1, Label::Org)];
        resolve(t, &mut ms);
        let found: Vec<(&str, Label)> = ms.iter().map(|x| (&t[x.start..x.end], x.label)).collect();
        assert_eq!(
            found,
            [
                ("Amnesty International", Label::Org),
                ("Amnesty International", Label::Org)
            ]
        );
        assert_eq!(ms[0].entity_id, ms[1].entity_id);
    }
}
