//! Institutions: names of ministries, courts, banks, parties, agencies and the like, found by
//! how each language builds them, for the tagger to miss less of them.
//!
//! The words that head such names are in `data/gazetteers/org_heads_multilingual.txt` (per
//! language; German compound endings as "-ministerium"). A name is:
//! - Portuguese, Spanish, French: a capitalised head word and what follows it — capitalised
//!   words, "de"/"del"/"da"/"du"/"des"/"de la" before a capitalised word, and in French the
//!   lower-case adjectives French writes institutions with ("Banque centrale européenne",
//!   "Conseil constitutionnel"): "Fondo Monetario Internacional", "Banco de Portugal",
//!   "Instituto Nacional de Estadística". A head word alone is left to the tagger.
//! - English: a capitalised head before "of"/"for" and capitalised words ("Ministry of Defence").
//! - German: capitalised adjectives before a capitalised head noun ("Europäische Zentralbank",
//!   "Statistisches Bundesamt", "Deutsche Bahn"), or a federal or state compound on its own
//!   ("Bundesverfassungsgericht", "Bundesjustizministeriums"), each optionally followed by
//!   "für"/"der"/"des" and capitalised words ("Bundesamt für Gesundheit", "Gewerkschaft der
//!   Lokführer").
//!
//! [`merge`] puts them into the tagger's names: a name found here replaces the tagger's names
//! inside it (the tagger's "Europäische" NORP in "Europäische Zentralbank") and relabels one
//! with the same span; where a tagger name crosses its edge, the tagger's reading stays.

use super::{is_cap, org_heads, Label, Lang, NameSpan};
use std::ops::Range;

/// A capitalised word with a lower-case letter: headings and acronyms in capitals are no part
/// of a name read here ("Supremo Tribunal Federal ACO", "MINISTÉRIO PÚBLICO EMENTA").
fn is_title(w: &str) -> bool {
    is_cap(w) && w.chars().any(char::is_lowercase)
}

/// Connector words that may join two capitalised parts of an institution's name.
fn connectors(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Pt => &["de", "da", "do", "das", "dos"],
        Lang::Es => &["de", "del", "la", "las", "los"],
        Lang::Fr => &["de", "du", "des", "la", "d'", "d’"],
        Lang::De => &["für", "der", "des"],
        _ => &["of", "for"],
    }
}

/// German words that are capitalised at a sentence start but are no adjective of a name.
const DE_DETERMINERS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "diese", "dieser",
    "dieses", "diesem", "diesen", "jede", "jeder", "jedes", "keine", "keiner", "seine", "seiner", "ihre", "ihrer",
    "unsere", "alle", "beide", "viele", "andere", "anderen", "neue", "neuen", "wie", "wenn", "aber", "und", "oder",
];

/// A French lower-case word that reads as an adjective of an institution's name.
fn is_fr_name_adjective(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "ales", "el", "elle", "ien", "ienne", "ique", "iques", "aire", "aires", "if", "ive", "ais",
        "aise", "éen", "éenne", "ain", "aine", "ien", "ienne", "ial", "iale", "eur", "eure", "ième",
    ];
    w.len() > 3 && w.chars().all(|c| c.is_lowercase() || c == '-') && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// German adjective before a name's head (`lower`: a capitalised word, lower-cased):
/// inflected ("Europäische", "Statistischem", "Berliner", "Oberste"), not a determiner.
fn is_de_name_adjective(lower: &str) -> bool {
    !DE_DETERMINERS.contains(&lower)
        && ["e", "en", "er", "es", "em"].iter().any(|e| lower.ends_with(e))
        && lower.chars().count() > 3
}

/// The German word without a case ending ("Bundesjustizministeriums" → "bundesjustizministerium").
fn de_stems(l: &str) -> [&str; 3] {
    let cut = |e: &str| l.strip_suffix(e).filter(|s| s.len() > 3).unwrap_or(l);
    [l, cut("s"), cut("es")]
}

/// The words of a sentence and whether a line break comes before each (a name never runs
/// over one: "Supremo Tribunal Federal" and the heading on the next line).
pub struct Line<'a> {
    pub words: &'a [&'a str],
    pub break_before: Vec<bool>,
}

impl<'a> Line<'a> {
    /// The line breaks between the tokens `toks` (byte ranges into `text`) whose texts are `words`.
    pub fn new(text: &str, toks: &[Range<usize>], words: &'a [&'a str]) -> Line<'a> {
        let break_before = (0..toks.len())
            .map(|k| {
                k > 0
                    && text
                        .get(toks[k - 1].end..toks[k].start)
                        .is_some_and(|g| g.contains('\n'))
            })
            .collect();
        Line { words, break_before }
    }

    /// Word `k` continues the name (it exists and no line break comes before it).
    fn goes_on(&self, k: usize) -> bool {
        k < self.words.len() && !self.break_before.get(k).copied().unwrap_or(false)
    }
}

/// After a name's core at `j`: connectors followed by capitalised words, as far as they go.
fn extend_right(l: &Line, mut j: usize, lang: Lang) -> usize {
    let (words, conn) = (l.words, connectors(lang));
    loop {
        let mut k = j;
        while l.goes_on(k) && conn.contains(&words[k]) && k - j < 2 {
            k += 1;
        }
        if k == j || !l.goes_on(k) || !is_title(words[k]) {
            return j;
        }
        // German: an adjective may come before the noun ("Rat der Europäischen Union")
        while l.goes_on(k) && is_title(words[k]) && !conn.contains(&words[k]) {
            k += 1;
        }
        j = k;
    }
}

/// Institution names of one sentence, as token ranges.
pub fn find(l: &Line, lang: Lang) -> Vec<Range<usize>> {
    // what each word is, read once (the scan below looks at a word from several starts)
    let heads = org_heads();
    let facts: Vec<Word> = l
        .words
        .iter()
        .map(|w| {
            if !is_title(w) {
                return Word::default();
            }
            let lower = w.to_lowercase();
            if lang == Lang::De {
                let stems = de_stems(&lower);
                let head = stems.iter().any(|s| heads.has(s, Lang::De));
                Word {
                    head,
                    adjective: is_de_name_adjective(&lower),
                    body: head && (lower.starts_with("bundes") || lower.starts_with("landes")),
                }
            } else {
                Word {
                    head: heads.has(&lower, lang),
                    ..Word::default()
                }
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < l.words.len() {
        let found = match lang {
            Lang::De => de_name(l, &facts, i),
            Lang::En => head_first(l, &facts, i, lang, true),
            _ => head_first(l, &facts, i, lang, false),
        };
        match found {
            Some(r) => {
                i = r.end;
                out.push(r);
            }
            None => i += 1,
        }
    }
    out
}

/// What a word of the sentence can be in a name.
#[derive(Default, Clone, Copy)]
struct Word {
    /// heads an institution's name ("Ministerio", "Zentralbank")
    head: bool,
    /// German adjective of a name ("Europäische")
    adjective: bool,
    /// German federal or state body in one compound ("Bundesverfassungsgericht")
    body: bool,
}

fn head_first(l: &Line, facts: &[Word], i: usize, lang: Lang, need_connector: bool) -> Option<Range<usize>> {
    let words = l.words;
    if !facts[i].head {
        return None;
    }
    let mut j = i + 1;
    if !need_connector {
        if lang == Lang::Fr {
            while l.goes_on(j) && is_fr_name_adjective(words[j]) {
                j += 1;
            }
        }
        while l.goes_on(j) && is_title(words[j]) && !connectors(lang).contains(&words[j]) {
            j += 1;
        }
    }
    let end = extend_right(l, j, lang);
    (end >= i + 2).then_some(i..end)
}

fn de_name(l: &Line, facts: &[Word], i: usize) -> Option<Range<usize>> {
    let words = l.words;
    let mut j = i;
    // at most three adjectives ("Oberste Europäische ..."): a long run of capitalised words is
    // no name, and a bound keeps the scan linear
    while j < words.len() && j < i + 3 && facts[j].adjective && !facts[j].head && (j == i || l.goes_on(j)) {
        j += 1;
    }
    if j > i && !l.goes_on(j) {
        return None;
    }
    let core = facts.get(j)?;
    let named = if j > i { core.head } else { core.body };
    if !named {
        return None;
    }
    Some(i..extend_right(l, j + 1, Lang::De))
}

/// Put the institution names of a sentence (`found`) into the tagger's `names` (sorted by start).
/// A name the tagger found after a connector inside one stays its own name and ends the
/// institution before the connector ("Câmara Municipal" + "Alcobaça" in "Câmara Municipal de
/// Alcobaça", "Conselho de Segurança" + "ONU"), as news corpora annotate them.
pub fn merge(words: &[&str], lang: Lang, names: &mut Vec<NameSpan>, found: Vec<Range<usize>>) {
    let conn = connectors(lang);
    for mut r in found {
        if let Some(n) = names
            .iter()
            .find(|n| r.start < n.toks.start && n.toks.start < r.end && conn.contains(&words[n.toks.start - 1]))
        {
            let mut end = n.toks.start - 1;
            while end > r.start && conn.contains(&words[end - 1]) {
                end -= 1;
            }
            // what is left must still be a name of its own: two words or more
            if end < r.start + 2 {
                continue;
            }
            r.end = end;
        }
        put(names, vec![r]);
    }
}

/// Put organisation names (`found`) into `names` (kept sorted by start): each replaces the names
/// inside it and relabels one with its span; one that a name crosses is left out.
pub fn put(names: &mut Vec<NameSpan>, found: Vec<Range<usize>>) {
    for r in found {
        let crosses = names
            .iter()
            .any(|n| n.toks.start < r.end && r.start < n.toks.end && !(r.start <= n.toks.start && n.toks.end <= r.end));
        if crosses {
            continue;
        }
        names.retain(|n| !(r.start <= n.toks.start && n.toks.end <= r.end));
        names.push(NameSpan {
            toks: r,
            label: Label::Org,
        });
    }
    names.sort_by_key(|n| n.toks.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str, lang: Lang) -> Vec<String> {
        let words: Vec<&str> = t.split(' ').collect();
        let break_before: Vec<bool> = words.iter().map(|w| w.starts_with('\n')).collect();
        let words: Vec<&str> = words.iter().map(|w| w.trim_start_matches('\n')).collect();
        let l = Line {
            words: &words,
            break_before,
        };
        find(&l, lang).into_iter().map(|r| words[r].join(" ")).collect()
    }

    #[test]
    fn institutions_are_found_as_each_language_writes_them() {
        assert_eq!(
            spans(
                "La Unión Europea y el Fondo Monetario Internacional , según el Instituto Nacional de Estadística .",
                Lang::Es
            ),
            ["Fondo Monetario Internacional", "Instituto Nacional de Estadística"]
        );
        assert_eq!(
            spans(
                "La Banque centrale européenne et le Conseil constitutionnel a validé",
                Lang::Fr
            ),
            ["Banque centrale européenne", "Conseil constitutionnel"]
        );
        assert_eq!(
            spans("o Banco Central do Brasil e o Banco de Portugal", Lang::Pt),
            ["Banco Central do Brasil", "Banco de Portugal"]
        );
        assert_eq!(
            spans("Die Europäische Zentralbank und das Bundesverfassungsgericht , ein Sprecher des Bundesjustizministeriums", Lang::De),
            ["Europäische Zentralbank", "Bundesverfassungsgericht", "Bundesjustizministeriums"]
        );
        assert_eq!(
            spans("das Bundesamt für Gesundheit und die Deutsche Bahn", Lang::De),
            ["Bundesamt für Gesundheit", "Deutsche Bahn"]
        );
        assert_eq!(
            spans("the Ministry of Defence and the Bank said", Lang::En),
            ["Ministry of Defence"]
        );
        // not over a line break, nor into a heading or an acronym in capitals
        assert_eq!(
            spans(
                "Supremo Tribunal Federal \nInteiro Teor e o Supremo Tribunal Federal ACO",
                Lang::Pt
            ),
            ["Supremo Tribunal Federal", "Supremo Tribunal Federal"]
        );
        assert!(spans("MINISTÉRIO PÚBLICO MILITAR EMENTA", Lang::Pt).is_empty());
        // a head word alone, or one in lower case, is no name here
        assert!(spans("El Gobierno y el banco de España", Lang::Es).is_empty());
        assert!(spans(
            "Das Gericht hat die Datenbank gelöscht , sagte die zuständige Behörde",
            Lang::De
        )
        .is_empty());
    }
}
