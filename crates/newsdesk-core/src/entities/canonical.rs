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
//!    occurs in the document (relabelled, or added where the tagger missed it).
//! 5. Other names join when equal after normalisation (case, dots, a leading "the").
//!
//! Entity ids count from 0 in order of first mention. GPE and LOC share ids (a place is a place).

use super::{Label, Mention};
use std::collections::HashMap;
use std::sync::OnceLock;

fn aliases() -> &'static HashMap<String, String> {
    static A: OnceLock<HashMap<String, String>> = OnceLock::new();
    A.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../../data/entities/aliases.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((canon, al)) = line.split_once('\t') else { continue };
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
        let w: String = w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }).collect();
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
    norm(s).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| *c != '.').collect();
    (2..=7).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase() || c.is_ascii_digit()) && letters.iter().any(|c| c.is_alphabetic())
}

/// Initials of the capitalised words of `s` ("Institute for War Studies" -> "IWS").
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
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
fn add_defined_acronyms(text: &str, ms: &mut Vec<Mention>) {
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
        if is_acronym(acr) && acronym_fits(acr, name) {
            defined.push((acr.to_string(), m.label));
        }
    }
    add_occurrences(text, ms, &defined);
}

/// Add a mention for every whole-word occurrence of each `(word, label)` that no mention covers.
fn add_occurrences(text: &str, ms: &mut Vec<Mention>, found: &[(String, Label)]) {
    if found.is_empty() {
        return;
    }
    let mut added: Vec<Mention> = Vec::new();
    for (w, label) in found {
        let mut from = 0;
        while let Some(p) = text.get(from..).and_then(|t| t.find(w.as_str())) {
            let s = from + p;
            let e = s + w.len();
            from = e;
            let left_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let right_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
            if !left_ok || !right_ok || ms.iter().chain(added.iter()).any(|m| m.start < e && s < m.end) {
                continue;
            }
            added.push(Mention { start: s, end: e, label: *label, canonical: String::new(), entity_id: 0, sentence: 0 });
        }
    }
    if !added.is_empty() {
        let sents = crate::segment::sentences(text);
        for a in &mut added {
            if let Some(i) = sents.iter().position(|r| r.start <= a.start && a.end <= r.end) {
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
fn propagate_people(text: &str, ms: &mut Vec<Mention>) {
    use super::gazetteer::{Gazetteer, List};
    let g = Gazetteer::get();
    let place_or_org = (1u16 << List::Country as u16) | (1 << List::City as u16) | (1 << List::State as u16) | (1 << List::GpeExtra as u16) | (1 << List::Region as u16) | (1 << List::Org as u16) | (1 << List::Norp as u16) | (1 << List::Title as u16);
    let mut surnames: Vec<(String, Label)> = Vec::new();
    for m in ms.iter().filter(|m| m.label == Label::Person) {
        let surface = text.get(m.start..m.end).unwrap_or("");
        let ws: Vec<&str> = surface.split_whitespace().collect();
        if ws.len() < 2 {
            continue;
        }
        let last = ws[ws.len() - 1];
        if last.chars().count() >= 3 && last.starts_with(|c: char| c.is_uppercase()) && g.lookup(last) & place_or_org == 0 && !surnames.iter().any(|(w, _)| w == last) {
            surnames.push((last.to_string(), Label::Person));
        }
    }
    for m in ms.iter_mut() {
        if matches!(m.label, Label::Org | Label::Gpe | Label::Loc) {
            let surface = text.get(m.start..m.end).unwrap_or("");
            if surnames.iter().any(|(w, _)| w == surface) {
                m.label = Label::Person;
            }
        }
    }
    add_occurrences(text, ms, &surnames);
}

/// Fill `canonical` and `entity_id` of every mention (and add missed defined acronyms).
pub fn resolve(text: &str, ms: &mut Vec<Mention>) {
    add_defined_acronyms(text, ms);
    propagate_people(text, ms);
    let surface: Vec<String> = ms.iter().map(|m| text.get(m.start..m.end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")).collect();
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
    // acronyms -> expansions
    for i in 0..n {
        if !ms[i].label.is_name() || !is_acronym(&surface[i]) || al.contains_key(&norm(&surface[i])) {
            continue;
        }
        let best = (0..n).filter(|&j| j != i && ms[j].label.is_name() && !is_acronym(&surface[j]) && acronym_fits(&surface[i], &surface[j])).max_by_key(|&j| (text.get(ms[j].end..).is_some_and(|r| r.trim_start().starts_with(&format!("({})", surface[i]))), std::cmp::Reverse(j)));
        if let Some(j) = best {
            canon[i] = canon[j].clone();
            ms[i].label = ms[j].label;
        }
    }
    // PERSON: short mentions join the longest mention containing their words
    let per_words: Vec<Vec<String>> = (0..n).map(|i| if ms[i].label == Label::Person { words(&surface[i]) } else { vec![] }).collect();
    for i in 0..n {
        if ms[i].label != Label::Person || per_words[i].is_empty() {
            continue;
        }
        let wi = &per_words[i];
        let mut best: Option<usize> = None;
        for j in 0..n {
            let wj = &per_words[j];
            if j == i || wj.len() <= wi.len() {
                continue;
            }
            let contained = wj.windows(wi.len()).any(|w| w == &wi[..]);
            if contained && best.is_none_or(|b| per_words[b].len() < wj.len()) {
                best = Some(j);
            }
        }
        if let Some(j) = best {
            canon[i] = surface[j].clone();
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
        Mention { start, end: start + s.len(), label, canonical: String::new(), entity_id: 0, sentence: 0 }
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
}
