//! Multilingual: claims in Portuguese, Spanish, French and German.
//!
//! In: the `Ctx` of a text (tokens, sentences, paragraphs, quotes, names) and its language
//! ("pt", "es", "fr", "de"). Out: `Claim`s with speaker resolved, hedges marked; every range a
//! UTF-8 byte range into the text on token (hence char) boundaries, content never empty.
//! Lexicon: `data/claims_multilingual.txt`, tokens looked up in a hash map, classes per language.
//! Rules, in order (general grammar of reported speech in these languages, no English rules):
//! 1. quotes («…», „…“, "…", ‹…›): attribution after the closing mark (`«Q», disse X.`,
//!    `„Q“, sagte X.`, `"Q", X afirmou.`, `«Q», a déclaré X.`), before the opening mark
//!    (`X disse: «Q»`, `X sagte: „Q“`); otherwise a quote takes the speaker of an attribution in
//!    its paragraph; one- and two-word quotes without attribution are names or scare quotes;
//! 2. reported clauses after a cue and a complementiser (`X afirmou que …`, `X sagte, dass …`),
//!    German reported speech after a comma without `dass` (`X sagte, die Lage sei ernst`), a
//!    postposed cue with inverted subject (`…, disse X.`, `…, sagte X.`), the inverted order after
//!    a fronted phrase (`Am Montag sagte X, …`);
//! 3. according-to: `segundo/según/selon/laut X, …`, `…, segundo X.`, `X zufolge …`.

use super::{Claim, ClaimKind, Ctx, SpeakerType};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// String-keyed tables hashed with the crate's byte hash (short keys; SipHash costs more).
type Fast = std::hash::BuildHasherDefault<crate::entities::hashing::ByteHasher>;
type WordMap<V> = HashMap<Box<str>, V, Fast>;

const DATA: &str = include_str!("../../data/claims_multilingual.txt");
const LANGS: [&str; 4] = ["pt", "es", "fr", "de"];

mod c {
    pub const S: u32 = 1;
    pub const K: u32 = 1 << 1;
    pub const C: u32 = 1 << 2;
    pub const A: u32 = 1 << 3;
    pub const Z: u32 = 1 << 4;
    pub const D: u32 = 1 << 5;
    pub const H: u32 = 1 << 6;
    pub const U: u32 = 1 << 7;
    pub const V: u32 = 1 << 8;
    pub const P: u32 = 1 << 9;
    pub const E: u32 = 1 << 10;
    pub const N: u32 = 1 << 11;
    pub const O: u32 = 1 << 12;
    pub const G: u32 = 1 << 13;
    pub const M: u32 = 1 << 14;
    pub const W: u32 = 1 << 15;
    pub const J: u32 = 1 << 16;
    pub const Q: u32 = 1 << 17;
    pub const R: u32 = 1 << 18;
    pub const T: u32 = 1 << 19;
    pub const F: u32 = 1 << 20;
    pub const I: u32 = 1 << 21;
    pub const L: u32 = 1 << 22;
    pub const X: u32 = 1 << 23;
    pub const B: u32 = 1 << 24;
    pub const Y: u32 = 1 << 25;
    /// (not in the data) a French verb with its subject pronoun after it ("ajoute-t-elle",
    /// "a-t-il"): the token is the cue's verb or auxiliary and the speaker
    pub const CLITIC: u32 = 1 << 30;
    /// the noun classes a speaker's head can have
    pub const NOUN: u32 = R | N | O | G;
}

fn bits(letters: &str) -> u32 {
    letters
        .chars()
        .map(|l| match l {
            'S' => c::S,
            'K' => c::K,
            'C' => c::C,
            'A' => c::A,
            'Z' => c::Z,
            'D' => c::D,
            'H' => c::H,
            'U' => c::U,
            'V' => c::V,
            'P' => c::P,
            'E' => c::E,
            'N' => c::N,
            'O' => c::O,
            'G' => c::G,
            'M' => c::M,
            'W' => c::W,
            'J' => c::J,
            'Q' => c::Q,
            'R' => c::R,
            'T' => c::T,
            'F' => c::F,
            'I' => c::I,
            'L' => c::L,
            'X' => c::X,
            'B' => c::B,
            'Y' => c::Y,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

/// Classes of a form, one u32 per language of LANGS.
type Classes = [u32; 4];

struct Lex {
    /// one-token forms, ASCII-lower-cased → classes per language of LANGS
    words: WordMap<[u32; 4]>,
    /// forms of several tokens ("teilte mit", "de acuerdo con"), by their first token
    /// (ASCII-lower-cased): the whole form and its classes per language
    multi: WordMap<Vec<(Box<str>, Classes)>>,
    /// German separable verbs (class T, "teilte mit"), by their verb: the particle that closes
    /// the clause and the languages the entry is for (bit per language)
    sep: WordMap<Vec<(Box<str>, u8)>>,
}

fn upper_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The lexicon: each form matched case-insensitively as whole tokens (ASCII letters folded, and
/// a form's first letter in either case, "Ärzte" as "ärzte"). Tokens are looked up one by one
/// in a hash map (no scan of the text for every form inside every word).
fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(|| {
        let mut by: HashMap<String, [u32; 4]> = HashMap::new();
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(lang), Some(cl)) = (f.next(), f.next()) else {
                continue;
            };
            let Some(li) = LANGS.iter().position(|&l| l == lang) else {
                continue;
            };
            let b = bits(cl);
            for form in f {
                let form = form.trim().to_lowercase();
                if form.is_empty() {
                    continue;
                }
                for v in [upper_first(&form), form] {
                    by.entry(v.to_ascii_lowercase()).or_default()[li] |= b;
                }
            }
        }
        let mut words: WordMap<[u32; 4]> = HashMap::default();
        let mut multi: WordMap<Vec<(Box<str>, Classes)>> = HashMap::default();
        let mut sep: WordMap<Vec<(Box<str>, u8)>> = HashMap::default();
        for (form, mut fl) in by {
            let toks = crate::segment::tokens(&form);
            if let [verb, particle] = toks.as_slice() {
                let langs = (0..4).filter(|&i| fl[i] & c::T != 0).fold(0u8, |a, i| a | 1 << i);
                if langs != 0 {
                    let ps: Box<str> = form[particle.clone()].into();
                    sep.entry(form[verb.clone()].into()).or_default().push((ps, langs));
                    fl.iter_mut().for_each(|x| *x &= !c::T);
                    if fl.iter().all(|&x| x == 0) {
                        continue;
                    }
                }
            }
            match toks.as_slice() {
                [] => {}
                [_] => *words.entry(form.into()).or_default() = fl,
                [first, ..] => {
                    let key: Box<str> = form[first.clone()].into();
                    multi.entry(key).or_default().push((form.into(), fl));
                }
            }
        }
        Lex { words, multi, sep }
    })
}

/// Is `lang` one this module reads?
pub fn supports(lang: &str) -> bool {
    LANGS.contains(&lang)
}

struct M<'a> {
    ctx: &'a Ctx<'a>,
    /// classes of each token (one-word entries)
    tok: Vec<u32>,
    /// multiword entries: start token → (end token exclusive, classes)
    multi: HashMap<usize, (usize, u32)>,
    /// index of the language in LANGS
    li: usize,
    de: bool,
    /// Portuguese or Spanish: a finite verb needs no subject ("…, señaló.")
    pro_drop: bool,
    /// names: the entity pass's (titles left out, one label per name) and the ones its
    /// syntax gives away ("der Chiphersteller Infineon", "Kassenärztliche Bundesvereinigung")
    names: Vec<MName>,
    /// name of each token (index into `names`, or NONE)
    name_of: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// A name in token coordinates, with the form a speaker resolves to.
#[derive(Debug, Clone)]
struct MName {
    toks: Range<usize>,
    label: &'static str,
    /// the fullest form the text gives (the entity pass's canonical form), titles left out
    text: String,
}

impl<'a> M<'a> {
    fn new(ctx: &'a Ctx<'a>, li: usize) -> M<'a> {
        let l = lex();
        let n = ctx.n();
        let mut tok = vec![0u32; n];
        let mut multi: HashMap<usize, (usize, u32)> = HashMap::new();
        let toks = &ctx.toks;
        let mut key = String::new();
        for (ti, r) in toks.iter().enumerate() {
            key.clear();
            key.push_str(&ctx.text[r.clone()]);
            key.make_ascii_lowercase();
            if let Some(fl) = l.words.get(key.as_str()) {
                tok[ti] |= fl[li];
            }
            let Some(forms) = l.multi.get(key.as_str()) else {
                continue;
            };
            // the longest form of several tokens starting here, ending on a token's end
            for (form, fl) in forms {
                let fl = fl[li];
                let e = r.start + form.len();
                if fl == 0 || !ctx.text.get(r.start..e).is_some_and(|w| w.eq_ignore_ascii_case(form)) {
                    continue;
                }
                let tj = toks.partition_point(|t| t.end < e);
                if tj >= n || toks[tj].end != e || tj == ti {
                    continue;
                }
                let ent = multi.entry(ti).or_insert((tj + 1, fl));
                if tj + 1 > ent.0 {
                    *ent = (tj + 1, fl);
                }
            }
        }
        let de = LANGS[li] == "de";
        let fr = LANGS[li] == "fr";
        for ti in 0..n {
            let w = ctx.s(ti);
            // a separable verb is a cue when its particle closes the clause: "teilte am
            // Dienstag mit, dass", "…, teilte das Krankenhaus mit."
            if de && ctx.is_lower(ti) {
                if let Some(seps) = l.sep.get(w.to_ascii_lowercase().as_str()) {
                    let mut k = ti + 1;
                    while k < n && k < ti + 14 && !ctx.is_punct(k) {
                        let closes = k + 1 >= n || ctx.is_punct(k + 1) || tok[k + 1] & c::C != 0;
                        if closes && seps.iter().any(|(p, langs)| langs & 1 << li != 0 && ctx.s(k) == &**p) {
                            tok[ti] |= c::S;
                            break;
                        }
                        k += 1;
                    }
                }
            }
            if !fr {
                continue;
            }
            // "ajoute-t-elle", "a-t-il", "dit-il": the verb and its subject in one token
            let lw = w.to_lowercase();
            for clitic in [
                "-t-il", "-t-elle", "-t-on", "-t-ils", "-t-elles", "-il", "-elle", "-on", "-ils", "-elles",
            ] {
                if let Some(verb) = lw.strip_suffix(clitic).filter(|v| !v.is_empty()) {
                    let fl = l.words.get(verb.to_ascii_lowercase().as_str()).map_or(0, |f| f[li]);
                    if fl & (c::S | c::U | c::K) != 0 || clitic.starts_with("-t-") {
                        tok[ti] |= fl & (c::S | c::U | c::K) | c::CLITIC | c::H;
                    }
                    break;
                }
            }
            // "l’entreprise", "l'accusation": the article and the noun in one token
            for art in ["l'", "l’", "L'", "L’"] {
                if let Some(noun) = w.strip_prefix(art).filter(|v| !v.is_empty()) {
                    let fl = l.words.get(noun.to_ascii_lowercase().as_str()).map_or(0, |f| f[li]);
                    tok[ti] |= fl & c::NOUN | c::L;
                }
            }
        }
        let mut m = M {
            ctx,
            tok,
            multi,
            li,
            de,
            pro_drop: matches!(LANGS[li], "pt" | "es"),
            names: Vec::new(),
            name_of: Vec::new(),
        };
        m.names = names_layer(&m);
        m.name_of = vec![NONE; n];
        for (i, nm) in m.names.iter().enumerate() {
            for t in nm.toks.clone() {
                if m.name_of[t] == NONE {
                    m.name_of[t] = i as u32;
                }
            }
        }
        m
    }
    /// the name holding token t
    fn name_at(&self, t: usize) -> Option<&MName> {
        self.name_of
            .get(t)
            .filter(|&&i| i != NONE)
            .map(|&i| &self.names[i as usize])
    }
    /// noun classes of token t (R, N, O, G); a German noun also as the last part of a compound
    /// and with a case ending ("Konzernsprechern" as "Sprecher", "Ministeriums" as
    /// "Ministerium"), looked up when asked (speaker heads only)
    fn noun(&self, t: usize) -> u32 {
        let own = self.tok.get(t).map_or(0, |&x| x & c::NOUN);
        if own != 0 || !self.de || !self.ctx.is_cap(t) {
            return own;
        }
        let l = lex();
        let lw = self.ctx.s(t).to_lowercase();
        for ending in ["", "n", "s", "es", "en", "ns", "e"] {
            let Some(stem) = lw.strip_suffix(ending) else {
                continue;
            };
            // the whole word, then the parts after a hyphen or a compound's first part
            let mut starts: Vec<usize> = vec![0];
            starts.extend(
                stem.char_indices()
                    .map(|(i, _)| i)
                    .filter(|&i| i >= 3 && stem.len() - i >= 4),
            );
            for i in starts {
                let tail = stem[i..].trim_start_matches('-');
                if let Some(fl) = l.words.get(tail) {
                    let b = fl[self.li] & c::NOUN;
                    if b != 0 {
                        return b;
                    }
                }
            }
        }
        0
    }
    fn has(&self, t: usize, f: u32) -> bool {
        self.tok.get(t).is_some_and(|&x| x & f != 0)
    }
    /// a lexicon entry of class `f` starting at t: its end (exclusive)
    fn entry(&self, t: usize, f: u32) -> Option<usize> {
        if let Some(&(e, fl)) = self.multi.get(&t) {
            if fl & f != 0 {
                return Some(e);
            }
        }
        self.has(t, f).then_some(t + 1)
    }
    fn punct(&self, t: usize) -> bool {
        self.ctx.is_punct(t)
    }
    fn is(&self, t: usize, s: &str) -> bool {
        self.ctx.s(t) == s
    }
    /// a name token (see `names_layer`)
    fn name(&self, t: usize) -> bool {
        self.name_of.get(t).is_some_and(|&i| i != NONE)
    }
    fn sent_end(&self, t: usize) -> usize {
        self.ctx.sent(t).end
    }
    fn end_excl_punct(&self, lo: usize, mut hi: usize) -> usize {
        while hi > lo && self.punct(hi - 1) && !self.ctx.is_quote_mark(hi - 1) {
            hi -= 1;
        }
        hi
    }
}

/// The word after a French elided article ("l’IPR" → "IPR"), if the token has one.
fn elided(w: &str) -> Option<&str> {
    ["l'", "l’", "L'", "L’"]
        .iter()
        .find_map(|a| w.strip_prefix(a))
        .filter(|r| !r.is_empty())
}

/// Particles inside a name ("Maria das Graças", "Junta de Castilla y León").
fn name_joiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "das"
            | "do"
            | "dos"
            | "del"
            | "la"
            | "las"
            | "los"
            | "du"
            | "des"
            | "d'"
            | "d’"
            | "y"
            | "e"
            | "von"
            | "van"
            | "zu"
            | "der"
    )
}

/// The names the claim rules read. The entity pass's names, each cut to its name (a title or
/// role before it left out: "Einsatzleiter Jörg Brandt" is Jörg Brandt, "Me Jean Morel" Jean
/// Morel; an article or connective before it too) with one label per written form (the most
/// frequent: "Braslavski" read once as a place is still the person); then the names the
/// syntax gives away where the entity pass has none:
/// - a name after an organisation or person noun: "der Chiphersteller Infineon", "Der
///   Branchenverband ZVEI", "la patronal CEOE", "Die Gewerkschaft IG Metall" (ORG after an
///   organisation noun, PERSON after a person noun);
/// - German names of a capitalised adjective and a noun ("Kassenärztliche Bundesvereinigung",
///   "Deutsche Umwelthilfe"; adjectives are lower-case unless they open a name): ORG;
/// - Portuguese, Spanish and French runs of capitalised words inside a sentence, with their
///   particles ("Maria das Graças", "Sindicato de Inquilinas", "S2 Grupo"): capitalisation
///   marks names there (not in German, where every noun is capitalised).
fn names_layer(m: &M) -> Vec<MName> {
    use crate::entities::gazetteer::{Gazetteer, List};
    let ctx = m.ctx;
    let n = ctx.n();
    let g = Gazetteer::get();
    let title = |t: usize| m.tok[t] & c::R != 0 || m.noun(t) & c::R != 0 || g.is(ctx.s(t), List::Title);
    let mut out: Vec<MName> = Vec::new();
    for nm in &ctx.names {
        let mut r = nm.toks.clone();
        // an article, connective, preposition or pronoun the name finder took in
        while r.len() > 1
            && (m.tok[r.start] & (c::D | c::V | c::P | c::H | c::C | c::J | c::I | c::S | c::A | c::F | c::W) != 0
                || m.tok[r.start] & c::L != 0 && elided(ctx.s(r.start)).is_none())
        {
            r.start += 1;
        }
        // a lower-case word is no name ("deutlichen" read as NORP)
        if !r
            .clone()
            .any(|t| ctx.is_cap(t) || ctx.s(t).chars().any(|ch| ch.is_ascii_digit()))
        {
            continue;
        }
        // titles and roles before a person's name
        if nm.label == "PERSON" {
            while r.len() > 1 && (title(r.start) || ctx.s(r.start).ends_with('.') && ctx.s(r.start).len() <= 4) {
                r.start += 1;
            }
        }
        // a title, source or organisation noun alone is no name ("Ministerin", "Experten"); a
        // German capitalised word alone the stand-in finder took is a noun
        if r.clone()
            .all(|t| title(t) || m.noun(t) != 0 || m.tok[t] & (c::D | c::L) != 0)
            || m.de && nm.label == "UNK" && r.len() == 1 && !is_acronym(ctx.s(r.start))
        {
            continue;
        }
        // a person's name takes no article: "Das Ziel" read as a person is a noun in German, "la
        // CGT-Cheminots" an organisation
        let mut label = nm.label;
        let article = m.tok[nm.toks.start] & c::L != 0 || nm.toks.start > 0 && m.tok[nm.toks.start - 1] & c::L != 0;
        if matches!(label, "PERSON" | "UNK") && article && !g.is(ctx.s(r.start), List::FirstName) {
            if m.de && r.len() == 1 && !is_acronym(ctx.s(r.start)) {
                continue;
            }
            label = "ORG";
        }
        let written = ctx.text.get(ctx.bytes(r.clone())).unwrap_or("").to_string();
        let text = if r == nm.toks && !nm.canonical.is_empty() && ctx.text.contains(nm.canonical.as_str()) {
            nm.canonical.clone()
        } else {
            written
        };
        // "l’Elysée" is the Elysée
        let text = match elided(&text) {
            Some(rest) if rest.chars().next().is_some_and(char::is_uppercase) => rest.to_string(),
            _ => text,
        };
        out.push(MName { toks: r, label, text });
    }
    // one label per written form: the most frequent (PERSON, then ORG on a tie)
    let mut votes: HashMap<String, [usize; 3]> = HashMap::new();
    let slot = |l: &str| match l {
        "PERSON" => Some(0),
        "ORG" => Some(1),
        "GPE" | "LOC" => Some(2),
        _ => None,
    };
    for nm in &out {
        if let Some(k) = slot(nm.label) {
            votes.entry(nm.text.to_lowercase()).or_default()[k] += 1;
        }
    }
    for nm in out.iter_mut() {
        if let Some(v) = votes.get(&nm.text.to_lowercase()) {
            let best = (0..3).max_by_key(|&k| (v[k], 3 - k)).unwrap_or(0);
            if v[best] > slot(nm.label).map_or(0, |k| v[k]) {
                nm.label = ["PERSON", "ORG", "GPE"][best];
            }
        }
    }
    // the name holding each token (index into `out`); a name dropped keeps an empty range
    let mut owner = vec![NONE; n];
    for (i, nm) in out.iter().enumerate() {
        for k in nm.toks.clone() {
            if owner[k] == NONE {
                owner[k] = i as u32;
            }
        }
    }
    let add = |out: &mut Vec<MName>, owner: &mut Vec<u32>, r: Range<usize>, label: &'static str| {
        if r.is_empty() || r.clone().any(|k| owner[k] != NONE) {
            return;
        }
        owner[r.clone()].fill(out.len() as u32);
        out.push(MName {
            toks: r.clone(),
            label,
            text: ctx.text.get(ctx.bytes(r)).unwrap_or("").to_string(),
        });
    };
    let sent_start = |t: usize| ctx.sent(t).start == t || t > 0 && ctx.is_quote_mark(t - 1);
    // the end of a run of capitalised words from t (with particles between capitals)
    let cap_run = |t: usize| {
        let mut e = t;
        while e < n && (ctx.is_cap(e) || ctx.s(e).chars().all(|ch| ch.is_ascii_digit()) && e > t) && !ctx.is_punct(e) {
            e += 1;
            if e + 1 < n && name_joiner(ctx.s(e)) && ctx.is_cap(e + 1) && !m.de {
                e += 1;
            } else if e + 2 < n
                && !m.de
                && matches!(ctx.s(e), "de")
                && matches!(ctx.s(e + 1), "la" | "los" | "las")
                && ctx.is_cap(e + 2)
            {
                e += 2;
            }
        }
        e
    };
    let plain = |t: usize| m.tok[t] & (c::D | c::L | c::V | c::H | c::P | c::C | c::J | c::I | c::S | c::A | c::U) == 0;
    // a French name with its article in one token ("l’IPR", "l’Insee"): a body (a person's
    // name takes no article)
    for (t, own) in owner.iter_mut().enumerate().take(n) {
        if *own == NONE {
            if let Some(rest) = elided(ctx.s(t)).filter(|r| r.chars().next().is_some_and(char::is_uppercase)) {
                *own = out.len() as u32;
                out.push(MName {
                    toks: t..t + 1,
                    label: "ORG",
                    text: rest.to_string(),
                });
            }
        }
    }
    for t in 0..n.saturating_sub(1) {
        // a name after an organisation or person noun
        let head = m.noun(t);
        let noun_ok = if m.de {
            ctx.is_cap(t)
        } else {
            ctx.is_lower(t) || m.tok[t] & c::L != 0
        };
        if head & (c::G | c::R) != 0 && noun_ok && ctx.is_cap(t + 1) && plain(t + 1) && m.noun(t + 1) == 0 {
            let e = cap_run(t + 1);
            let label = if head & c::G != 0 { "ORG" } else { "PERSON" };
            if owner[t + 1] != NONE {
                // the entity pass's name keeps its span; an organisation noun before it decides
                // its label ("der Chiphersteller Infineon" read as a person)
                let i = owner[t + 1] as usize;
                if label == "ORG" && out[i].toks.start == t + 1 {
                    out[i].label = "ORG";
                }
            } else if label == "ORG" || e - (t + 1) >= 2 {
                add(&mut out, &mut owner, t + 1..e, label);
            }
            continue;
        }
        if !ctx.is_cap(t) || !plain(t) {
            continue;
        }
        // a capitalised word the entity pass left out before a person's name, inside a sentence
        // ("war Rom Braslavski"): not a title, noun or function word
        if owner[t] == NONE && owner[t + 1] != NONE {
            let i = owner[t + 1] as usize;
            if out[i].label == "PERSON"
                && out[i].toks.start == t + 1
                && !sent_start(t)
                && !title(t)
                && m.noun(t) == 0
                && !is_acronym(ctx.s(t))
                && ctx.s(t).chars().count() <= 12
            {
                out[i].toks.start = t;
                owner[t] = i as u32;
                let full = ctx.text.get(ctx.bytes(out[i].toks.clone())).unwrap_or("").to_string();
                if !out[i].text.contains(ctx.s(t)) {
                    out[i].text = full;
                }
                continue;
            }
        }
        if m.de {
            // "Kassenärztliche Bundesvereinigung", "Deutsche Umwelthilfe" (not "Der Vorsitzende Richter")
            let w = ctx.s(t);
            let adj = ["e", "en", "er", "es"].iter().any(|e| w.ends_with(e)) && w.chars().count() > 4;
            let after_article = t > 0 && m.tok[t - 1] & (c::D | c::L) != 0;
            // the entity pass may hold the adjective alone as a nationality or place
            let alone = owner[t] == NONE
                || out[owner[t] as usize].toks == (t..t + 1) && out[owner[t] as usize].label != "PERSON";
            if adj && alone && (after_article || !sent_start(t)) && !title(t) && m.noun(t) == 0 {
                let mut e = t + 1;
                while e < n
                    && e < t + 4
                    && ctx.is_cap(e)
                    && !ctx.is_punct(e)
                    && !title(e)
                    && m.tok[e] & (c::D | c::L | c::V | c::S) == 0
                    && (owner[e] == NONE || out[owner[e] as usize].toks.end <= e + 1)
                {
                    e += 1;
                }
                if e > t + 1 {
                    for o in owner[t..e].iter_mut() {
                        if *o != NONE {
                            let i = *o as usize;
                            out[i].toks = out[i].toks.start..out[i].toks.start;
                            *o = NONE;
                        }
                    }
                    add(&mut out, &mut owner, t..e, "ORG");
                }
            }
            continue;
        }
        // Portuguese, Spanish, French: a capitalised run inside the sentence
        if sent_start(t) || t > 0 && owner[t - 1] != NONE && ctx.is_cap(t - 1) {
            continue;
        }
        let e = cap_run(t);
        let inner: Vec<usize> = {
            let mut v: Vec<usize> = (t..e)
                .filter(|&k| owner[k] != NONE)
                .map(|k| owner[k] as usize)
                .collect();
            v.dedup();
            v
        };
        if let [i] = inner[..] {
            // a longer run around a name of the entity pass: "Sindicato de Inquilinas"
            if out[i].toks.start >= t && out[i].toks.end <= e && e - t > out[i].toks.len() && m.noun(t) & c::G != 0 {
                out[i].toks = t..e;
                out[i].label = "ORG";
                out[i].text = ctx.text.get(ctx.bytes(t..e)).unwrap_or("").to_string();
                owner[t..e].fill(i as u32);
            }
            continue;
        }
        if !inner.is_empty() {
            continue;
        }
        let label = if (t..e).any(|k| m.noun(k) & c::G != 0) || is_acronym(ctx.s(t)) && e == t + 1 {
            "ORG"
        } else if g.is(ctx.s(t), List::FirstName) && e - t >= 2 {
            "PERSON"
        } else {
            "UNK"
        };
        add(&mut out, &mut owner, t..e, label);
    }
    // an acronym in parentheses after a name stands for it: "Der Deutsche Wetterdienst (DWD)"
    let mut expand: HashMap<String, (String, &'static str)> = HashMap::new();
    for i in 0..out.len() {
        let r = out[i].toks.clone();
        if r.is_empty() || r.end + 2 >= n || !m.is(r.end, "(") || !m.is(r.end + 2, ")") {
            continue;
        }
        let a = r.end + 1;
        if is_acronym(ctx.s(a)) && owner[a] != NONE {
            let j = owner[a] as usize;
            if out[j].toks == (a..a + 1) {
                expand.insert(ctx.s(a).to_string(), (out[i].text.clone(), out[i].label));
            }
        }
    }
    for nm in out.iter_mut() {
        if nm.toks.len() == 1 {
            if let Some((text, label)) = expand.get(ctx.s(nm.toks.start)) {
                nm.text = text.clone();
                nm.label = label;
            }
        }
    }
    out.retain(|nm| !nm.toks.is_empty());
    // a person's surname alone stands for the fullest name the text gives with it ("Braslavski"
    // → "Rom Braslavski"), when the entity pass gave it no fuller form
    let mut full: HashMap<String, String> = HashMap::new();
    for nm in out.iter().filter(|nm| nm.label == "PERSON" && nm.text.contains(' ')) {
        if let Some(last) = nm.text.rsplit(' ').next() {
            let e = full.entry(last.to_lowercase()).or_default();
            if nm.text.len() > e.len() {
                *e = nm.text.clone();
            }
        }
    }
    for nm in out
        .iter_mut()
        .filter(|nm| nm.label == "PERSON" && !nm.text.contains(' '))
    {
        if let Some(f) = full.get(&nm.text.to_lowercase()) {
            nm.text = f.clone();
        }
    }
    out.sort_by_key(|nm| (nm.toks.start, std::cmp::Reverse(nm.toks.end)));
    out
}

/// A speaker noun phrase left of `t` (exclusive), back to a clause boundary; `None` when the
/// slot is empty or holds a fronted phrase (time or place) rather than a subject.
fn speaker_left(m: &M, t: usize, floor: usize) -> Option<Range<usize>> {
    let e = skip_to_subject(m, t, floor);
    let s = slot_start(m, e, floor);
    if m.de && s < e {
        if let Some(r) = de_subject(m, s, e) {
            return r;
        }
    }
    // a relative pronoun after a comma: the phrase before it ("…, sostuvo Feijóo, quien
    // recordó que", "Pedro Gullón, quien apuntó que")
    if e == s + 1 && m.has(s, c::B) && s > floor + 1 && m.is(s - 1, ",") {
        let b = s - 1;
        if let Some(nm) = m.name_at(b - 1) {
            return Some(nm.toks.start.max(floor)..b);
        }
        let st = slot_start(m, b, floor);
        return (st < b).then_some(st..b);
    }
    if s == e && e > floor + 1 && m.is(e - 1, ",") {
        // a parenthetical between subject and verb: "o ministro, Ana Souza, disse",
        // "el director del museo, que no asistió ..., señaló"
        let pe = e - 1;
        let pc = (floor..pe).rev().take(16).find(|&k| m.punct(k))?;
        if !m.is(pc, ",") || pc >= pe {
            return None;
        }
        let ap = appositive_start(m, pc + 1, pe);
        if ap < pe && (ap..pe).all(|k| m.name(k)) {
            return Some(ap..pe);
        }
        // an apposition: "L’association Anticor, partie civile, salue"
        let apposition = pe - (pc + 1) <= 5
            && (pc + 1..pe).all(|k| m.tok[k] & (c::S | c::U | c::C | c::K | c::E | c::B) == 0 && !unknown_verb(m, k));
        // only an appositive, a relative clause or a place/time phrase sits between subject
        // and verb ("X, que no asistió, señaló"); other comma phrases end a clause
        let f = pc + 1;
        let rel = matches!(
            m.ctx.s(f).to_lowercase().as_str(),
            "que" | "qui" | "quien" | "quienes" | "cuyo" | "dont" | "der" | "die" | "das" | "welche" | "welcher"
        );
        if !(m.name(f) || rel || apposition || m.has(f, c::P) || m.has(f, c::V)) {
            return None;
        }
        let s2 = slot_start(m, pc, floor);
        let r = np_in_slot(m, s2, pc)?;
        // the phrase before the parenthetical is the subject, not a clause ("La institución
        // recomienda no pagar, ya que …, señaló un portavoz")
        if np_end(m, r.start, pc) < pc {
            return None;
        }
        return Some(r);
    }
    np_in_slot(m, s, e)
}

/// The start of a clause's content after a writer's connective opening it ("Zudem", "Asimismo,",
/// "Por su parte,", "De son côté,").
fn skip_connective(m: &M, lo: usize, hi: usize) -> usize {
    let mut s = lo;
    if let Some(e) = m.entry(s, c::V).filter(|_| m.ctx.is_cap(s) && !m.name(s)) {
        if e < hi {
            s = e + usize::from(m.is(e, ","));
        }
    } else if m.has(s, c::J) && m.ctx.is_cap(s) && s + 1 < hi && m.is(s + 1, ",") {
        // "Mais, d’après elle, …", "Pero, …"
        s += 2;
    }
    s
}

/// The subject of the clause from `lo` (to `hi`): after a connective and an attribution
/// opening it ("Mais, d’après elle, M. Macron a, …" → M. Macron).
fn clause_subject(m: &M, lo: usize, hi: usize) -> Option<Range<usize>> {
    let mut s = skip_connective(m, lo, hi);
    if m.entry(s, c::A | c::F).is_some() {
        s = (s..hi).find(|&k| m.is(k, ","))? + 1;
    }
    if s >= hi || !(m.name(s) || m.tok[s] & (c::D | c::L | c::I | c::H) != 0 || m.noun(s) != 0) {
        return None;
    }
    if m.has(s, c::H) {
        return Some(s..s + 1);
    }
    let e = np_end(m, s, hi);
    (e > s).then_some(s..e)
}

/// Names that open a sentence as its subject, after a connective ("Lauterbach wies …") or as
/// the appositive of a description opening it ("El alcalde de Sevilla, José Luis Sanz, …"),
/// outside quotes; in text order.
fn subject_names(m: &M) -> Vec<Range<usize>> {
    let ctx = m.ctx;
    let mut out = Vec::new();
    for sent in &ctx.sents {
        let s0 = skip_connective(m, sent.start, sent.end);
        if s0 >= sent.end || ctx.in_quote(s0).is_some() {
            continue;
        }
        if let Some(nm) = m.name_at(s0).filter(|nm| nm.label == "PERSON" || nm.label == "ORG") {
            out.push(nm.toks.clone());
            continue;
        }
        if m.tok[s0] & (c::D | c::L | c::I) != 0 {
            let e = np_end(m, s0, sent.end);
            // "O governador Tarcísio de Freitas visitou …"
            if let Some(nm) = (s0..e)
                .find_map(|k| m.name_at(k))
                .filter(|nm| nm.label == "PERSON" && nm.toks.end == e)
            {
                out.push(nm.toks.clone());
                continue;
            }
            if e < sent.end && m.is(e, ",") {
                let a = appositive_start(m, e + 1, sent.end);
                if let Some(nm) = m.name_at(a) {
                    if nm.toks.end < sent.end && m.is(nm.toks.end, ",") {
                        out.push(a..nm.toks.end);
                    }
                }
            }
        }
    }
    out
}

/// A German subject in the slot `s..e` before its verb: after a fronted phrase and the finite
/// verb ("Nach jedem Schlag habe er sich gesagt", "ließ er über seine Anwältin erklären") the
/// pronoun or phrase after that verb; else the phrase opening the slot when only auxiliaries
/// and adverbs follow it ("Mehrere Zeugen hätten übereinstimmend ausgesagt"). `None` when the
/// slot holds only a fronted adverb ("Später sagte der Minister").
fn de_subject(m: &M, s: usize, e: usize) -> Option<Option<Range<usize>>> {
    let ctx = m.ctx;
    if let Some(k) = (s + 1..e)
        .find(|&k| m.has(k, c::H) && ctx.is_lower(k) && ctx.is_lower(k - 1) && m.tok[k - 1] & (c::P | c::D | c::C) == 0)
    {
        return Some(Some(k..k + 1));
    }
    if let Some(k) = (s..e).find(|&k| ctx.is_lower(k) && m.tok[k] & c::U != 0) {
        let ne = np_end(m, k + 1, e);
        if k > s && ne > k + 1 && (ne..e).all(|u| ctx.is_lower(u)) && m.tok[s] & c::P != 0 {
            return Some(Some(k + 1..ne));
        }
    }
    let opens_np = m.name(s) || m.tok[s] & (c::D | c::L | c::I) != 0 || m.noun(s) != 0;
    if opens_np {
        let ne = np_end(m, s, e);
        if ne > s && ne < e && (ne..e).all(|u| ctx.is_lower(u) && m.tok[u] & (c::D | c::L | c::P) == 0) {
            return Some(Some(s..ne));
        }
        return None;
    }
    if e == s + 1 && !m.name(s) && m.noun(s) == 0 && ctx.is_cap(s) && !m.has(s, c::H) {
        return Some(None);
    }
    None
}

/// Skip adverbs, auxiliaries and negation between a subject and its verb at `t`.
fn skip_to_subject(m: &M, t: usize, floor: usize) -> usize {
    let mut e = t;
    while e > floor
        && (m.has(e - 1, c::V | c::U) && m.ctx.is_lower(e - 1)
            || m.ctx.s(e - 1).len() <= 3 && m.ctx.is_lower(e - 1) && m.has(e - 1, c::E))
    {
        e -= 1;
    }
    e
}

/// Start of the subject slot ending at `e`: back to punctuation, a complementiser or a
/// conjunction, at most 12 tokens.
fn slot_start(m: &M, e: usize, floor: usize) -> usize {
    let mut s = e;
    while s > floor && e - s < 14 {
        if m.is(s - 1, ")") {
            // a parenthesis inside the subject: "o Comitê (Copom) disse"
            match (floor..s - 1).rev().take(8).find(|&k| m.is(k, "(")) {
                Some(k) => {
                    s = k;
                    continue;
                }
                None => break,
            }
        }
        // a relative clause in the subject: "Fuentes del departamento que dirige Carlos Cuerpo
        // recordaron"
        let relative = s < e
            && m.is(s - 1, "que")
            && s >= floor + 2
            && m.ctx.is_lower(s)
            && m.tok[s] & (c::D | c::L | c::H | c::E | c::U) == 0
            && !m.punct(s - 2)
            && (s..e).any(|k| m.name(k));
        if !relative && (m.punct(s - 1) || m.has(s - 1, c::C | c::J) || is_que(m, s - 1).is_some()) {
            break;
        }
        s -= 1;
    }
    s
}

/// `…, sagte X, Name.`: the verb follows a comma and its subject comes after it.
fn inverted_after_de(m: &M, cue: &Range<usize>, lo: usize) -> bool {
    cue.start > lo && m.is(cue.start - 1, ",") && speaker_left(m, cue.start, lo).is_none()
}

/// Does the clause from `t` (to the next punctuation) hold a zu-infinitive?
fn zu_infinitive(m: &M, t: usize, hi: usize) -> bool {
    let mut k = t;
    while k < hi && !m.punct(k) {
        k += 1;
    }
    if k < t + 2 {
        return true;
    }
    // the infinitive closes the clause: "zu verstehen", "abzubauen" (not "zu spät", "zu hoch")
    let last = m.ctx.s(k - 1);
    m.ctx.is_lower(k - 1)
        && last.ends_with("en")
        && (m.is(k - 2, "zu") || last.len() > 6 && last.get(2..).is_some_and(|r| r.contains("zu")))
}

/// A complementiser token: `que`, `dass`, or French `qu'` joined to the next word ("qu'il"):
/// the byte where the clause starts.
fn is_que(m: &M, t: usize) -> Option<usize> {
    if m.has(t, c::C) && !m.is(t, "ob") && !m.is(t, "Ob") {
        return m.ctx.toks.get(t + 1).map(|r| r.start);
    }
    let w = m.ctx.s(t);
    for p in ["qu'", "qu’", "Qu'", "Qu’"] {
        if w.len() > p.len() && w.starts_with(p) {
            return Some(m.ctx.toks[t].start + p.len());
        }
    }
    None
}

/// The subject noun phrase in the slot `s..e`: a fronted phrase (time or place) skipped.
fn np_in_slot(m: &M, mut s: usize, e: usize) -> Option<Range<usize>> {
    if s >= e {
        // a second verb after a conjunction ("X classificou … e afirmou que"): the subject
        // opening the sentence
        if s > 0 && m.has(s - 1, c::J) {
            let lo = skip_connective(m, m.ctx.sent(s - 1).start, s - 1);
            let k = np_end(m, lo, s - 1);
            // an appositive name after it: "O ministro da Fazenda, Fernando Haddad, evitou …"
            if k + 1 < s && m.is(k, ",") {
                if let Some(nm) = m.name_at(appositive_start(m, k + 1, s - 1)) {
                    if nm.toks.end < s && m.is(nm.toks.end, ",") {
                        return Some(nm.toks.clone());
                    }
                }
            }
            let np = lo..k;
            if !np.is_empty()
                && (m.has(lo, c::D | c::H) || m.name(lo))
                && np.clone().any(|t| m.name(t) || m.has(t, c::N | c::O | c::G | c::H))
            {
                return Some(np);
            }
        }
        return None;
    }
    if m.has(s, c::P) || m.has(s, c::V) && !m.name(s) {
        let start = (s + 1..e)
            .find(|&k| (m.has(k, c::D | c::H) || m.name(k) && !m.name(k - 1)) && !m.has(k - 1, c::P | c::D))?;
        s = start;
    }
    // the German subject is a short NP; a long slot is a fronted clause
    if m.de && (s..e).filter(|&k| !m.punct(k)).count() > 8 {
        return None;
    }
    Some(s..e)
}

/// The start of an appositive name at `s` after its titles ("Me Sophie Laurent", "Dr. Kai
/// Winter"): the first name token, or `s`.
fn appositive_start(m: &M, s: usize, hi: usize) -> usize {
    let mut k = s;
    while k < hi && !m.name(k) && (m.tok[k] & c::R != 0 || m.noun(k) & c::R != 0) && m.ctx.is_cap(k) {
        k += 1;
    }
    if k < hi && m.name(k) {
        k
    } else {
        s
    }
}

/// A German genitive or a Romance "de" that continues a noun phrase ("ein Sprecher der
/// Feuerwehr", "el regidor de Candeleda", "la direction de la SNCF").
fn continues_np(m: &M, t: usize) -> bool {
    let w = m.ctx.s(t);
    if m.de {
        matches!(
            w,
            "des" | "der" | "eines" | "einer" | "dieser" | "seines" | "ihres" | "ihrer" | "von"
        )
    } else {
        matches!(
            w,
            "de" | "del" | "da" | "do" | "das" | "dos" | "du" | "des" | "d'" | "d’"
        ) || w.starts_with("d'") && w.len() > 2
            || w.starts_with("d’") && w.len() > 4
    }
}

/// End of the noun phrase starting at `s` (exclusive, at most `hi`): determiners, (German)
/// adjectives, the head (a name or a noun) with an appositive name after a title ("der
/// Klimaforscher Anders Levermann"), (Romance) up to two adjectives, and genitive or "de"
/// complements. It ends before a preposition ("am Mittwoch in Berlin", "en un comunicado",
/// "na manhã"), a verb or adverb, punctuation or a complementiser.
fn np_end(m: &M, s: usize, hi: usize) -> usize {
    let ctx = m.ctx;
    let mut e = s;
    let stop = |k: usize| k >= hi || m.punct(k) || m.tok[k] & (c::C | c::J | c::B) != 0 && !m.name(k);
    let mut depth = 0;
    loop {
        // determiners
        while !stop(e)
            && m.tok[e] & (c::D | c::L | c::I) != 0
            && !m.name(e)
            && m.noun(e) == 0
            && elided(ctx.s(e)).is_none()
        {
            e += 1;
        }
        if m.de {
            while !stop(e) && ctx.is_lower(e) && m.tok[e] & (c::P | c::S | c::U | c::V | c::E | c::H) == 0 {
                e += 1;
            }
        }
        if stop(e) {
            return e;
        }
        // the head
        if let Some(nm) = m.name_at(e) {
            e = nm.toks.end.max(e + 1);
        } else {
            if m.de && ctx.is_lower(e) || m.tok[e] & (c::P | c::S | c::U | c::V | c::E) != 0 && m.noun(e) == 0 {
                return e;
            }
            e += 1;
            // a title and a name, or titles: "Vorsitzende Richter Thomas Berger", "la ministra Ana Redondo"
            while !stop(e) && (m.name(e) || m.de && ctx.is_cap(e) && m.noun(e) & c::R != 0) {
                e = m.name_at(e).map_or(e + 1, |nm| nm.toks.end.max(e + 1));
            }
            if !m.de {
                let mut adj = 0;
                while adj < 2
                    && !stop(e)
                    && ctx.is_lower(e)
                    && m.tok[e] & (c::P | c::D | c::L | c::S | c::U | c::V | c::E | c::H | c::K | c::M) == 0
                    && !continues_np(m, e)
                    && !ctx.s(e).chars().any(|ch| ch.is_ascii_digit())
                {
                    e += 1;
                    adj += 1;
                }
                // a number in a name: "el servicio de emergencias 112"
                if !stop(e) && ctx.s(e).chars().all(|ch| ch.is_ascii_digit()) && depth > 0 {
                    e += 1;
                }
            }
        }
        // an acronym in parentheses: "a Confederação Nacional da Indústria (CNI)"
        if e + 2 < hi && m.is(e, "(") && m.is(e + 2, ")") && is_acronym(ctx.s(e + 1)) {
            e += 3;
        }
        // a complement; an elided one in the same token ("d'Hydro-Québec") ends there
        let fused = |w: &str| w.len() > 2 && (w.starts_with("d'") || w.starts_with("d’"));
        if !stop(e) && continues_np(m, e) && fused(ctx.s(e)) && depth < 3 {
            e += 1;
            depth += 1;
            if stop(e) {
                return e;
            }
            continue;
        }
        if !stop(e) && continues_np(m, e) && e + 1 < hi && !stop(e + 1) && depth < 3 {
            let w = ctx.s(e);
            e += 1;
            // "de la", "de los"
            if !m.de && matches!(w, "de") && m.tok[e] & c::L != 0 && elided(ctx.s(e)).is_none() {
                e += 1;
            }
            depth += 1;
            continue;
        }
        // a coordinated complement: "le ministre de l'Économie et des Finances"
        if depth > 0
            && e + 2 < hi
            && matches!(ctx.s(e), "et" | "y" | "e" | "und")
            && continues_np(m, e + 1)
            && !stop(e + 2)
        {
            e += 1;
            continue;
        }
        return e;
    }
}

/// A speaker noun phrase right of `t` (inclusive): a name, a pronoun or a determiner phrase
/// (`np_end`); an appositive name after it is preferred ("disse o economista-chefe do banco,
/// Ana Souza."). After a French verb with its subject in it ("ajoute-t-elle", "a-t-il
/// expliqué") that verb is the speaker; "indique-t-on dans son entourage": the entourage.
fn speaker_right(m: &M, t: usize, hi: usize) -> Option<Range<usize>> {
    for k in [t.wrapping_sub(1), t.wrapping_sub(2)] {
        if k < m.ctx.n() && m.has(k, c::CLITIC) {
            let w = m.ctx.s(k).to_lowercase();
            if w.ends_with("-on") {
                let mut d = t;
                while d < hi && d < t + 4 && !m.punct(d) && !m.is(d, "dans") && !m.is(d, "chez") {
                    d += 1;
                }
                if d < hi && (m.is(d, "dans") || m.is(d, "chez")) {
                    let e = np_end(m, d + 1, hi);
                    if e > d + 1 {
                        return Some(d + 1..e);
                    }
                }
            }
            return Some(k..k + 1);
        }
    }
    let ctx = m.ctx;
    let mut s = t;
    // an addressee or place before the inverted subject: "a déclaré à l'AFP son secrétaire",
    // "confirmaron a EFE fuentes médicas"
    if s < hi && m.has(s, c::P) && ctx.is_lower(s) && !continues_np(m, s) {
        let k = np_end(m, s + 1, hi);
        if k > s + 1
            && k < hi
            && !m.punct(k)
            && (m.name(k) || m.tok[k] & (c::D | c::L | c::I) != 0 || m.noun(k) & c::N != 0)
        {
            s = k;
        } else if (s + 1..k).any(|u| is_que(m, u).is_some()) {
            return None;
        }
    }
    while s < hi && m.has(s, c::U | c::V) && ctx.is_lower(s) && !m.has(s, c::D | c::H | c::L) {
        s += 1;
    }
    if s >= hi || m.punct(s) {
        return None;
    }
    if !(m.name(s) || m.has(s, c::D | c::H | c::N | c::L | c::I) || m.noun(s) != 0 || ctx.is_cap(s)) {
        return None;
    }
    if m.has(s, c::H) && ctx.is_lower(s) {
        return Some(s..s + 1);
    }
    let e = np_end(m, s, hi);
    if e == s {
        return None;
    }
    // appositive: "disse o economista-chefe do banco, Ana Souza.", "a réagi l’avocate de la
    // commune, Me Sophie Laurent."; the name of an office may run on in capitals before it ("o
    // secretário de Parcerias em Investimentos, Rafael Benini")
    let mut comma = e;
    while comma + 1 < hi
        && comma < e + 4
        && m.has(comma, c::P)
        && ctx.is_lower(comma)
        && ctx.is_cap(comma + 1)
        && m.name(e - 1)
    {
        comma += 2;
    }
    let ap = appositive_start(m, comma + 1, hi);
    if comma + 1 < hi && m.is(comma, ",") && m.name(ap) {
        let k = m.name_at(ap).map_or(ap + 1, |nm| nm.toks.end);
        if k >= hi || m.punct(k) {
            return Some(ap..k);
        }
    }
    Some(s..e)
}

/// After a postposed attribution's speaker, the rest of the clause holds no second statement:
/// only adverbials ("en un comunicado", "am Dienstag in Neubiberg"), an addressee ("a los
/// periodistas"), the particle of a separable verb ("… mit") or nothing.
fn tail_ok(m: &M, from: usize, hi: usize) -> bool {
    let mut k = from;
    while k < hi && !m.punct(k) {
        let w = k;
        if is_que(m, w).is_some() || m.tok[w] & (c::S | c::K) != 0 {
            return false;
        }
        k += 1;
    }
    // a colon or comma with more clause after it is another statement, unless that is one
    // more adverbial ("…, Pablo Hernández, en Madrid.")
    k >= hi || !matches!(m.ctx.s(k), "," | ":" | ";") || m.end_excl_punct(k, hi) == k || adverbial_after(m, k, hi)
}

/// A comma at `k` followed by an adverbial phrase to the clause end ("…, en point de presse.").
fn adverbial_after(m: &M, k: usize, hi: usize) -> bool {
    k + 1 < hi && m.is(k, ",") && m.has(k + 1, c::P) && m.ctx.is_lower(k + 1) && tail_ok(m, k + 1, hi)
}

struct Draft {
    kind: ClaimKind,
    content: Range<usize>,
    speaker: Option<Range<usize>>,
    cue: Option<Range<usize>>,
}

/// A lower-case word that can be a finite verb: not a function word of the lexicon, letters
/// only, and (Portuguese, Spanish) with a verb's ending ("espetó", "zanjó", "ironizou").
fn unknown_verb(m: &M, t: usize) -> bool {
    let ctx = m.ctx;
    let w = ctx.s(t);
    if !ctx.is_lower(t)
        || w.chars().count() < 3
        || !w.chars().all(|ch| ch.is_alphabetic() || ch == '-')
        || m.tok[t] & (c::D | c::L | c::P | c::C | c::J | c::H | c::V | c::E | c::I | c::B | c::U | c::M | c::A) != 0
        || ctx.in_quote(t).is_some()
    {
        return false;
    }
    match LANGS[m.li] {
        "es" => ["ó", "ió", "aron", "ieron", "a", "e", "an", "en"]
            .iter()
            .any(|e| w.ends_with(e)),
        "pt" => ["ou", "eu", "iu", "aram", "eram", "iram", "a", "e", "am", "em"]
            .iter()
            .any(|e| w.ends_with(e)),
        "fr" => m.tok[t] & c::CLITIC != 0,
        _ => ["te", "t", "ten", "en"].iter().any(|e| w.ends_with(e)),
    }
}

/// The cue starting at t: a reporting verb (with a compound-past auxiliary before it kept in the
/// cue), or None.
fn cue_at(m: &M, t: usize) -> Option<Range<usize>> {
    let e = m.entry(t, c::S)?;
    let mut s = t;
    if s > 0 && m.has(s - 1, c::U) && m.ctx.is_lower(s - 1) {
        s -= 1;
    }
    Some(s..e)
}

fn negated(m: &M, cue: &Range<usize>) -> bool {
    // a negation, not one opening a connective ("No obstante, advirtió")
    (cue.start.saturating_sub(2)..cue.start).any(|k| m.has(k, c::E) && m.entry(k, c::V).is_none() && !m.is(k + 1, ","))
}

fn attribute(m: &M) -> Vec<Draft> {
    let ctx = m.ctx;
    let n = ctx.n();
    let mut out: Vec<Draft> = Vec::new();
    let mut quote_done = vec![false; ctx.quotes.len()];
    // 1. quotes with an attribution after or before them
    for (qi, q) in ctx.quotes.iter().enumerate() {
        let content = ctx.bytes(q.inner.clone());
        let words = q.inner.clone().filter(|&t| !ctx.is_punct(t)).count();
        if words == 0 {
            continue;
        }
        // a quote split by its own attribution inside the marks (A6): `« Q1, souligne-t-elle.
        // Q2 »`, `«Q1 —dijo el ministro—. Q2»`: two direct claims of that speaker
        let split = (q.inner.start + 2..q.inner.end.saturating_sub(2)).find_map(|j| {
            if !matches!(ctx.s(j - 1), "," | "—" | "–") {
                return None;
            }
            let cue = cue_at(m, j).filter(|c| c.start == j)?;
            let spk = if m.has(j, c::CLITIC) {
                Some(j..j + 1)
            } else {
                speaker_right(m, cue.end, q.inner.end)
            };
            let e = spk.as_ref().map_or(cue.end, |r| r.end.max(cue.end));
            let mut k = e;
            while k < q.inner.end && k < e + 3 && matches!(ctx.s(k), "." | "," | "—" | "–" | ";") {
                k += 1;
            }
            (k > e && k < q.inner.end).then_some((j, cue, spk, k))
        });
        if let Some((j, cue, spk, k)) = split {
            let e1 = if matches!(ctx.s(j - 1), ",") { j } else { j - 1 };
            quote_done[qi] = true;
            for part in [q.inner.start..e1, k..q.inner.end] {
                out.push(Draft {
                    kind: ClaimKind::Direct,
                    content: ctx.bytes(part),
                    speaker: spk.clone(),
                    cue: Some(cue.clone()),
                });
            }
            continue;
        }
        let after = q.close_tok.map(|c| c + 1).unwrap_or(q.inner.end);
        // after: `«Q», disse X.` / `«Q», X disse.` / `«Q» sagte X.`
        let mut k = after;
        while k < n && matches!(ctx.s(k), "," | "—" | "–" | "-") {
            k += 1;
        }
        let hi = m.sent_end(k.min(n.saturating_sub(1))).max(k);
        let mut found = None;
        let comma = k > after || q.inner.end > q.inner.start && ctx.s(q.inner.end - 1) == ",";
        if comma && k < n && m.has(k, c::X) {
            // `„Q“, so Hanebeck.`
            if let Some(spk) = speaker_right(m, k + 1, hi).filter(|s| s.end >= hi || m.punct(s.end)) {
                found = Some((k..k + 1, Some(spk)));
            }
        } else if comma && k < n && cue_at(m, k).is_none() && unknown_verb(m, k) {
            // `«Q», espetó el regidor.`, `«Q», zanjó.`: a verb the lists lack, read from its place
            // between a quote and its speaker (or the sentence end)
            let spk = speaker_right(m, k + 1, hi);
            let ends = k + 1 >= hi || m.punct(k + 1) && m.end_excl_punct(k + 1, hi) == k + 1;
            if spk.as_ref().is_some_and(|s| tail_ok(m, s.end, hi)) || ends && m.pro_drop {
                found = Some((k..k + 1, spk));
            }
        }
        // an attribution introducing the next quote (`„Q1?“ Braslavski antwortet: „Q2“`,
        // `… "Irish for Trump": "Q"`) is that quote's
        let leads_next = |from: usize| {
            (from..n.min(from + 10))
                .find(|&u| ctx.is_punct(u) && !matches!(ctx.s(u), "(" | ")" | "-"))
                .is_some_and(|u| ctx.s(u) == ":" && u + 1 < n && ctx.in_quote(u + 1).is_some())
        };
        if found.is_some() {
        } else if let Some(cue) = (k..(k + 2).min(n))
            .find_map(|u| cue_at(m, u).filter(|c| c.start >= k))
            .filter(|c| !(k..c.start).any(|u| m.has(u, c::J)) && !leads_next(c.end))
        {
            let spk = speaker_right(m, cue.end, hi).or_else(|| speaker_left(m, cue.start, k));
            found = Some((cue, spk));
        } else if let Some(cue) = (k + 1..(k + 6).min(n)).find_map(|u| cue_at(m, u)) {
            // `«Q», X disse` / `„Q“, so der Minister`: subject before the verb
            if (k..cue.start).all(|u| !ctx.is_punct(u)) && !(k..cue.start).any(|u| m.has(u, c::C)) {
                let spk = speaker_left(m, cue.start, k);
                if spk.is_some() && (cue.end >= n || ctx.is_punct(cue.end)) {
                    found = Some((cue, spk));
                }
            }
        }
        // before: `X disse: «Q»` / `X afirmou que «Q»`
        if found.is_none() {
            if let Some(open) = q.open_tok {
                let mut b = open;
                while b > 0 && matches!(ctx.s(b - 1), ":" | ",") {
                    b -= 1;
                }
                if b > 0 && m.has(b - 1, c::C) {
                    b -= 1;
                }
                let lo = ctx.sent(open).start.min(b);
                if b < open || b > lo && ctx.sent(b - 1).start == ctx.sent(open).start {
                    if let Some(cue) = (lo..b).rev().take(10).find_map(|u| cue_at(m, u)) {
                        if (cue.end..b).all(|u| !ctx.is_punct(u) && ctx.in_quote(u).is_none()) {
                            let spk = speaker_left(m, cue.start, ctx.sent(cue.start).start)
                                .or_else(|| speaker_right(m, cue.end, b));
                            found = Some((cue, spk));
                        }
                    }
                }
            }
        }
        if let Some((cue, spk)) = found {
            if !negated(m, &cue) {
                quote_done[qi] = true;
                out.push(Draft {
                    kind: ClaimKind::Direct,
                    content,
                    speaker: spk,
                    cue: Some(cue),
                });
            }
        }
    }
    // 2. reported clauses and 3. according-to, sentence by sentence
    for sent in ctx.sents.iter() {
        let (lo, hi) = (sent.start, sent.end);
        let mut t = lo;
        while t < hi {
            if ctx.in_quote_content(t).is_some() {
                t += 1;
                continue;
            }
            // an attribution to the source named before: "A su juicio, …", "Demnach …", "Nach
            // eigenen Angaben …", "à ses yeux" (the speaker is filled in below)
            if let Some(fe) = m
                .entry(t, c::F)
                .filter(|&fe| !(m.entry(t, c::A).is_some() && m.has(fe - 1, c::H)))
            {
                let cs0 = fe + usize::from(m.is(fe, ","));
                let content = if t == lo || (lo..t).all(|u| ctx.is_punct(u)) {
                    cs0..m.end_excl_punct(cs0, hi)
                } else if m.is(t - 1, ",") && (fe >= hi || m.punct(fe) && m.end_excl_punct(fe, hi) == fe) {
                    skip_connective(m, lo, t - 1)..t - 1
                } else {
                    skip_connective(m, lo, hi)..m.end_excl_punct(lo, hi)
                };
                if !content.is_empty()
                    && ctx
                        .in_quote(content.start)
                        .is_none_or(|q| ctx.quotes[q].open_tok == Some(content.start))
                {
                    out.push(Draft {
                        kind: ClaimKind::AccordingTo,
                        content: ctx.bytes(content.clone()),
                        speaker: None,
                        cue: Some(t..fe),
                    });
                    t = content.end.max(fe);
                    continue;
                }
            }
            // according-to before its source; German "Nach" before a document or source
            // ("Nach Medienberichten", "Nach einer Umfrage")
            let nach = m.de && (m.is(t, "Nach") || m.is(t, "nach")) && {
                let e = np_end(m, t + 1, hi);
                e > t + 1 && head_of(m, &(t + 1..e)).is_some_and(|h| m.noun(h) & (c::O | c::N) != 0)
            };
            let acc = m
                .entry(t, c::A)
                .or_else(|| (t == lo || m.is(t - 1, ",")).then(|| m.entry(t, c::W)).flatten())
                .or_else(|| nach.then_some(t + 1));
            if let Some(ae) = acc {
                let weak = m.entry(t, c::A).is_none() && !nach;
                // "según ha informado la Policía Nacional", "según explicó X": the verb is not
                // the source
                let mut ss = ae;
                while ss < hi
                    && ss < ae + 3
                    && ctx.is_lower(ss)
                    && m.tok[ss] & (c::U | c::S) != 0
                    && m.tok[ss] & (c::D | c::L) == 0
                {
                    ss += 1;
                }
                // source: up to a comma (or, in German, before the finite verb)
                let mut se = ss;
                while se < hi && se - ss < 14 {
                    // an acronym in parentheses stays in the source: "X (ADP), ..."
                    if m.is(se, "(") && se > ss {
                        match (se + 1..hi.min(se + 6)).find(|&k| m.is(k, ")")) {
                            Some(k) => {
                                se = k + 1;
                                continue;
                            }
                            None => break,
                        }
                    }
                    if m.punct(se) {
                        break;
                    }
                    if m.de && se > ss && ctx.is_lower(se) && !m.has(se, c::D | c::P) {
                        break;
                    }
                    se += 1;
                }
                let src = ss..se;
                let ok_src = !src.is_empty()
                    && (!weak
                        || src
                            .clone()
                            .any(|u| m.name(u) || m.has(u, c::N | c::H) || m.noun(u) != 0));
                let initial = t == lo || (lo..t).all(|u| ctx.is_punct(u) || m.has(u, c::C));
                if ok_src && initial {
                    let mut cs = if m.is(se, ",") { se + 1 } else { se };
                    let mut src = src.clone();
                    // an appositive name after the source: "Para o economista, Ana Souza, ..."
                    let mut k = cs;
                    while k < hi && m.name(k) {
                        k += 1;
                    }
                    if k > cs && m.is(k, ",") && m.is(se, ",") {
                        src = cs..k;
                        cs = k + 1;
                    }
                    let ce = m.end_excl_punct(cs, hi);
                    if ce > cs {
                        out.push(Draft {
                            kind: ClaimKind::AccordingTo,
                            content: ctx.bytes(cs..ce),
                            speaker: Some(src),
                            cue: Some(t..ae),
                        });
                        t = ce;
                        continue;
                    }
                }
                let at_end = se >= hi || m.punct(se) && m.end_excl_punct(se, hi) <= se;
                if ok_src && !weak && t > lo && m.is(t - 1, ",") && at_end {
                    // `…, segundo X.`: the clause before the comma
                    let ce = t - 1;
                    let cs = skip_connective(m, lo, ce);
                    if ce > cs && ctx.in_quote(cs).is_none() {
                        out.push(Draft {
                            kind: ClaimKind::AccordingTo,
                            content: ctx.bytes(cs..ce),
                            speaker: Some(src),
                            cue: Some(t..ae),
                        });
                    }
                    t = se;
                    continue;
                }
                if !weak && t > lo {
                    // mid-sentence ("La défiance est telle, selon elle, qu’elle …", "leidet nach
                    // Angaben seines Anwalts bis heute …"): the whole sentence
                    let se = np_end(m, ss, hi);
                    let cs = skip_connective(m, lo, hi);
                    let ce = m.end_excl_punct(cs, hi);
                    if se > ss
                        && ce > cs
                        && ctx.in_quote(cs).is_none()
                        && !out.iter().any(|d| d.content.start == ctx.toks[cs].start)
                    {
                        out.push(Draft {
                            kind: ClaimKind::AccordingTo,
                            content: ctx.bytes(cs..ce),
                            speaker: Some(ss..se),
                            cue: Some(t..ae),
                        });
                        t = se;
                        continue;
                    }
                }
            }
            // `X zufolge …`; mid-sentence (`Die Aktie verlor am Vormittag Händlern zufolge …`) the
            // whole sentence, with the source the noun phrase just before the cue
            if m.has(t, c::Z) && t > lo {
                let mut s = t;
                while s > lo
                    && t - s < 8
                    && !m.punct(s - 1)
                    && !(ctx.is_lower(s - 1) && m.tok[s - 1] & (c::D | c::L | c::I) == 0)
                {
                    // a noun after a preposition belongs to it ("am Vormittag Händlern")
                    if s - 1 > lo && m.has(s - 2, c::P) && ctx.is_cap(s - 1) && s < t {
                        break;
                    }
                    s -= 1;
                }
                let (cs, ce) = if s == skip_connective(m, lo, t) || (lo..s).all(|u| m.punct(u)) {
                    (t + 1, m.end_excl_punct(t + 1, hi))
                } else {
                    let cs = skip_connective(m, lo, hi);
                    (cs, m.end_excl_punct(cs, hi))
                };
                if s < t && ce > cs {
                    out.push(Draft {
                        kind: ClaimKind::AccordingTo,
                        content: ctx.bytes(cs..ce),
                        speaker: Some(s..t),
                        cue: Some(t..t + 1),
                    });
                    t = ce.max(t + 1);
                    continue;
                }
            }
            // German `wie X mitteilte, …` / `…, wie X am Freitag mitteilte.`: verb-final clause
            if m.de && (m.is(t, "wie") || m.is(t, "Wie")) && (t == lo || m.is(t - 1, ",")) {
                let mut k = t + 1;
                let mut cue = None;
                while k < hi && k < t + 14 {
                    if let Some(e) = m.entry(k, c::S) {
                        if e >= hi || m.punct(e) {
                            cue = Some(k..e);
                        }
                        break;
                    }
                    if m.punct(k) && !m.is(k, "(") && !m.is(k, ")") {
                        break;
                    }
                    k += 1;
                }
                if let Some(cue) = cue {
                    let spk = speaker_right(m, t + 1, cue.start);
                    let content = if t == lo {
                        let cs = cue.end + usize::from(m.is(cue.end, ","));
                        cs..m.end_excl_punct(cs, hi)
                    } else {
                        lo..t - 1
                    };
                    if !content.is_empty() && ctx.in_quote(content.start).is_none() {
                        out.push(Draft {
                            kind: ClaimKind::Indirect,
                            content: ctx.bytes(content),
                            speaker: spk,
                            cue: Some(cue.clone()),
                        });
                    }
                    t = cue.end;
                    continue;
                }
            }
            // `…, so Berger.`: a cue only after a clause, its source to the sentence end
            if m.has(t, c::X) && t > lo + 1 && m.is(t - 1, ",") {
                if let Some(spk) =
                    speaker_right(m, t + 1, hi).filter(|s| s.end >= hi || m.end_excl_punct(s.end, hi) <= s.end)
                {
                    let cs = skip_connective(m, lo, t - 1);
                    if ctx.in_quote(cs).is_none() && t - 1 > cs {
                        out.push(Draft {
                            kind: ClaimKind::Indirect,
                            content: ctx.bytes(cs..t - 1),
                            speaker: Some(spk.clone()),
                            cue: Some(t..t + 1),
                        });
                    }
                    t = spk.end;
                    continue;
                }
            }
            // reporting verb or cognition verb
            let cue = cue_at(m, t).or_else(|| m.entry(t, c::K).map(|e| t..e));
            let Some(cue) = cue else {
                t += 1;
                continue;
            };
            let cognition = m.entry(cue.end - 1, c::S).is_none() && m.entry(cue.start, c::S).is_none();
            // negated, or agentless ("hieß es", "se informó"): no claim
            let agentless = m.entry(cue.start, c::Y).is_some()
                || cue.start > 0 && m.entry(cue.start - 1, c::Y).is_some_and(|e| e > cue.start);
            if negated(m, &cue) || agentless {
                t = cue.end;
                continue;
            }
            // the complement: `que`/`dass` within a few words (object, time phrase) or, in
            // German, a comma and a clause
            let mut k = cue.end;
            let mut comp = None;
            // French: an assertive verb with the infinitive of the subject's own assertion ("affirme
            // avoir tiré parti", "dit avoir « mis en garde »", "assure avoir fait")
            if LANGS[m.li] == "fr"
                && !cognition
                && k < hi
                && matches!(ctx.s(k), "avoir" | "être" | "n'avoir" | "n’avoir" | "n'être" | "n’être")
            {
                comp = Some((k, ctx.toks[k].start));
            }
            while comp.is_none() && k < hi && k < cue.end + 8 && ctx.in_quote(k).is_none() {
                if let Some(b) = is_que(m, k) {
                    comp = Some((k + 1, b));
                    break;
                }
                // German reported speech without dass: a comma right after the verb or a short
                // object or time phrase ("sagte am Montag, …"), and the clause is not a
                // zu-infinitive ("forderte X auf, Y abzubauen")
                if m.de
                    && m.is(k, ",")
                    && !cognition
                    && k <= cue.end + 4
                    && !inverted_after_de(m, &cue, lo)
                    && is_que(m, k + 1).is_none()
                    && !zu_infinitive(m, k + 1, hi)
                {
                    comp = Some((k + 1, ctx.toks.get(k + 1).map_or(ctx.text.len(), |r| r.start)));
                    break;
                }
                // (not after a postposed attribution: "…, sagt der Mann: ihn zu demütigen")
                if m.is(k, ":")
                    && !cognition
                    && ctx.in_quote(k + 1).is_none()
                    && !(cue.start > lo && m.is(cue.start - 1, ","))
                {
                    comp = Some((k + 1, ctx.toks.get(k + 1).map_or(ctx.text.len(), |r| r.start)));
                    break;
                }
                if m.punct(k) && !m.is(k, ",") {
                    break;
                }
                k += 1;
            }
            // a connective or a fronted phrase before the comma ("Asimismo, indicó que", "En su
            // último panel, estiman que") is no clause the cue comes after
            let fronted = cue.start > lo + 1 && {
                let c0 = cue.start - 1;
                skip_connective(m, lo, cue.start) >= c0
                    || m.has(lo, c::P)
                        && ctx.is_cap(lo)
                        && c0 - lo <= 7
                        && (lo..c0).all(|u| m.tok[u] & (c::S | c::U | c::K | c::C) == 0 && ctx.in_quote(u).is_none())
            };
            // a gerund after a comma ("…, estimant qu’il faut", "…, asegurando que"): its subject
            // is the sentence's
            let gerund = cue.len() == 1 && cue.start > lo && m.is(cue.start - 1, ",") && {
                let w = ctx.s(cue.start);
                ["ant", "ando", "iendo", "endo", "indo"].iter().any(|e| w.ends_with(e)) && ctx.is_lower(cue.start)
            };
            let inverted_after = cue.start > lo
                && m.is(cue.start - 1, ",")
                && !fronted
                && !gerund
                && speaker_left(m, cue.start, lo).is_none();
            if let Some((cs, cs_byte)) = comp.filter(|_| !inverted_after || m.de) {
                // `qu'il …`: the clause starts inside the token
                let cs = cs
                    - usize::from(
                        ctx.toks
                            .get(cs - 1)
                            .is_some_and(|r| cs_byte > r.start && cs_byte < r.end),
                    );
                let mut ce = m.end_excl_punct(cs, hi);
                // stop the content at the next attribution in the same sentence
                if let Some(nx) =
                    (cs + 1..ce).find(|&u| m.is(u - 1, ",") && (cue_at(m, u).is_some() || m.entry(u, c::A).is_some()))
                {
                    ce = nx - 1;
                }
                // German without dass: a finite verb before the comma-clause's own subject is
                // not checked here; a following quote is handled as a direct claim
                // a quote that is the whole clause is a direct claim (rule 1)
                let quoted = ctx.in_quote(cs).is_some_and(|q| {
                    let q = &ctx.quotes[q];
                    q.open_tok == Some(cs) && q.close_tok.is_none_or(|c| c + 2 >= ce)
                });
                if ce > cs && !quoted {
                    let spk = if gerund { clause_subject(m, lo, cue.start) } else { None };
                    let spk = spk
                        .or_else(|| speaker_left(m, cue.start, lo))
                        .or_else(|| speaker_right(m, cue.end, k));
                    // German: a fronted phrase means the subject follows the verb
                    let spk = match spk {
                        Some(s) => Some(s),
                        None => speaker_right(m, cue.end, k),
                    };
                    if spk.is_some() || !cognition {
                        let mut content = ctx.bytes(cs..ce);
                        content.start = content.start.max(cs_byte).min(content.end);
                        out.push(Draft {
                            kind: ClaimKind::Indirect,
                            content,
                            speaker: spk,
                            cue: Some(cue.clone()),
                        });
                        // nested attributions inside the clause are claims too
                        t = cs.max(cue.end);
                        continue;
                    }
                }
            }
            // postposed cue: `…, disse X.` / `…, sagte X.` / `…, X disse.`
            if !cognition && inverted_after {
                let c0 = cue.start - 1;
                let spk = speaker_right(m, cue.end, hi);
                // Portuguese and Spanish drop the subject: `…, señaló.` (the source named before)
                let dropped = spk.is_none() && m.pro_drop && tail_ok(m, cue.end, hi);
                // "Die Lage, warnte er, sei ernst": a parenthetical attribution
                let paren = spk.as_ref().is_some_and(|s| {
                    s.end < hi
                        && matches!(ctx.s(s.end), "," | ":")
                        && m.end_excl_punct(s.end, hi) > s.end + 1
                        && !adverbial_after(m, s.end, hi)
                        // "…, sostuvo Feijóo, quien recordó que …": a relative clause of the speaker
                        && !m.has(s.end + 1, c::B)
                });
                let ok = dropped || paren || spk.as_ref().is_some_and(|s| tail_ok(m, s.end, hi));
                // a quote from the sentence start is a direct claim (rule 1); a quote inside
                // the clause is part of it
                let before_quote = ctx.in_quote(lo).is_some();
                if ok && !before_quote && c0 > lo {
                    let cs = skip_connective(m, lo, c0);
                    // a parenthetical attribution with the clause going on after it: the whole
                    // sentence ("Die Gewalt habe, sagt der Mann, nur einem Zweck gedient")
                    let after = spk.as_ref().map_or(cue.end, |s| s.end);
                    let ce = if after < hi
                        && matches!(ctx.s(after), "," | ":")
                        && m.end_excl_punct(after, hi) > after + 1
                        && !adverbial_after(m, after, hi)
                    {
                        m.end_excl_punct(cs, hi)
                    } else {
                        c0
                    };
                    if ce > cs {
                        out.push(Draft {
                            kind: ClaimKind::Indirect,
                            content: ctx.bytes(cs..ce),
                            speaker: spk,
                            cue: Some(cue.clone()),
                        });
                    }
                    t = if ce > c0 { hi } else { cue.end };
                    continue;
                }
            } else if !cognition && cue.start > lo {
                // `…, X disse.`: the subject between a comma and the verb ends the sentence
                if cue.end >= hi || m.is(cue.end, ".") {
                    if let Some(spk) = speaker_left(m, cue.start, lo) {
                        if spk.start > lo + 1 && m.is(spk.start - 1, ",") {
                            let ce = spk.start - 1;
                            if (lo..ce).all(|u| ctx.in_quote(u).is_none()) {
                                out.push(Draft {
                                    kind: ClaimKind::Indirect,
                                    content: ctx.bytes(lo..ce),
                                    speaker: Some(spk),
                                    cue: Some(cue.clone()),
                                });
                            }
                        }
                    }
                }
            }
            t = cue.end;
        }
    }
    // a dropped subject (`«Q», disse.`, `…, aunque advirtió que …`, `Asimismo, indicó que`),
    // an attribution to the source named before ("A su juicio", "demnach"): the nearest source
    // before it in the same or the previous paragraph, the speaker of a claim or a name opening
    // a sentence ("El alcalde de Sevilla, José Luis Sanz, ha decretado … «Q», declaró")
    out.sort_by_key(|d| d.content.start);
    let mut known: Vec<Range<usize>> = subject_names(m);
    known.extend(out.iter().filter_map(|d| d.speaker.clone()));
    known.sort_by_key(|r| r.start);
    for d in out.iter_mut().filter(|d| d.speaker.is_none()) {
        let pos = d
            .cue
            .as_ref()
            .map_or(d.content.start, |c| ctx.toks[c.start].start.min(d.content.start));
        let at = ctx.toks.partition_point(|t| t.start < pos);
        let p = ctx.para_of.get(at).copied().unwrap_or(0);
        let i = known.partition_point(|r| r.start < at);
        d.speaker = i
            .checked_sub(1)
            .map(|j| known[j].clone())
            .filter(|r| ctx.para_of.get(r.start).is_some_and(|&q| q + 1 >= p));
    }
    if m.de {
        konjunktiv_continuation(m, &mut out);
    }
    // 4. quotes without attribution: the speaker of an attribution in the same paragraph
    // (claims indexed by their speaker's paragraph, so each quote reads two short lists)
    let mut by_para: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (i, d) in out.iter().enumerate() {
        if let Some(sp) = &d.speaker {
            by_para.entry(ctx.para_of[sp.start]).or_default().push(i);
        }
    }
    for (qi, q) in ctx.quotes.iter().enumerate() {
        if quote_done[qi] {
            continue;
        }
        let words = q.inner.clone().filter(|&t| !ctx.is_punct(t)).count();
        if words < 3 {
            continue;
        }
        let para = ctx.para(q.inner.start);
        let fits = |d: &Draft| {
            d.speaker.as_ref().is_some_and(|s| para.contains(&s.start))
                || d.speaker
                    .as_ref()
                    .is_some_and(|s| s.end <= q.inner.start && ctx.para_of[s.start] + 1 == ctx.para_of[q.inner.start])
        };
        let pi = ctx.para_of[q.inner.start];
        let mut cands: Vec<usize> = if ctx.paras.get(pi as usize) == Some(&para) {
            let mut v: Vec<usize> = by_para.get(&pi).cloned().unwrap_or_default();
            if let Some(prev) = pi.checked_sub(1).and_then(|p| by_para.get(&p)) {
                v.extend(prev);
            }
            v
        } else {
            (0..out.len()).collect()
        };
        cands.sort_unstable();
        let prev = cands
            .into_iter()
            .map(|i| &out[i])
            .filter(|d| fits(d))
            .min_by_key(|d| d.content.start.abs_diff(ctx.toks[q.inner.start].start));
        if let Some(p) = prev {
            let (speaker, cue) = (p.speaker.clone(), p.cue.clone());
            if let Some(sp) = &speaker {
                by_para.entry(ctx.para_of[sp.start]).or_default().push(out.len());
            }
            out.push(Draft {
                kind: ClaimKind::Direct,
                content: ctx.bytes(q.inner.clone()),
                speaker,
                cue,
            });
        }
    }
    out
}

/// German reported speech in the subjunctive with no cue of its own ("Lebensgefahr bestehe
/// nicht."): a sentence holding a Konjunktiv form (class Q) outside quotes that follows an
/// attribution within the two sentences before it continues that attribution: an indirect claim
/// of the whole sentence with the source and cue it continues. A chain of such sentences goes on
/// from the last one; a sentence that already holds a claim, or opens with a quote, is left alone.
fn konjunktiv_continuation(m: &M, out: &mut Vec<Draft>) {
    let ctx = m.ctx;
    out.sort_by_key(|d| d.content.start);
    let tok_of = |b: usize| ctx.toks.partition_point(|t| t.end <= b);
    let mut added: Vec<Draft> = Vec::new();
    // the latest attribution seen so far: (sentence index of its content end, speaker, cue)
    let mut last: Option<(usize, Range<usize>, Option<Range<usize>>)> = None;
    let mut di = 0;
    for (si, sent) in ctx.sents.iter().enumerate() {
        let (lo, hi) = (sent.start, sent.end);
        if lo >= hi {
            continue;
        }
        let (blo, bhi) = (ctx.toks[lo].start, ctx.toks[hi - 1].end);
        // a short quote opening the sentence, the reported speech going on after it ("„Die
        // Unterwäsche, alles“ habe man ihm ausgezogen"): part of the claim
        let opening = ctx
            .in_quote(lo)
            .map(|q| &ctx.quotes[q])
            .filter(|q| q.open_tok == Some(lo) && q.close_tok.is_some_and(|c| c + 2 < hi) && q.inner.len() <= 6);
        let opening_end = opening.and_then(|q| q.close_tok).map_or(lo, |c| c + 1);
        let mut own = false;
        while di < out.len() && out[di].content.start < bhi {
            let d = &out[di];
            // (a quote with its own attribution in the sentence is the sentence's claim)
            let the_quote = opening.is_some_and(|q| {
                d.kind == ClaimKind::Direct
                    && d.content == ctx.bytes(q.inner.clone())
                    && d.cue.as_ref().is_none_or(|c| c.start < lo || c.start >= hi)
            });
            if (d.content.start >= blo || d.content.end > blo) && !the_quote {
                own = true;
            }
            if let Some(sp) = d.speaker.clone() {
                let end_sent = ctx
                    .sent_of
                    .get(tok_of(d.content.end.saturating_sub(1)))
                    .map_or(si, |&x| x as usize);
                last = Some((end_sent.max(si.min(end_sent)), sp, d.cue.clone()));
            }
            di += 1;
        }
        if own || ctx.in_quote(lo).is_some() && opening.is_none() {
            continue;
        }
        // an agentless attribution of its own ("…, hieß es."): no source's claim
        if (lo..hi).any(|t| m.entry(t, c::Y).is_some()) {
            continue;
        }
        // `X gab Entwarnung: Messungen hätten …`: the subject before a colon, the reported speech
        // after it
        if let Some(colon) = (lo + 2..hi.saturating_sub(2)).find(|&k| m.is(k, ":") && ctx.in_quote(k).is_none()) {
            let s0 = skip_connective(m, lo, colon);
            let e = np_end(m, s0, colon);
            let konj_after = (colon + 1..hi).any(|t| m.has(t, c::Q) && ctx.in_quote(t).is_none() && ctx.is_lower(t));
            let verb = e < colon && ctx.is_lower(e) && m.tok[e] & (c::D | c::L | c::P | c::C | c::J) == 0;
            let subject = e > s0 && (m.name(s0) || m.tok[s0] & (c::D | c::L | c::H) != 0);
            let ce = m.end_excl_punct(colon + 1, hi);
            if konj_after && verb && subject && ce > colon + 1 && ctx.in_quote(colon + 1).is_none() {
                added.push(Draft {
                    kind: ClaimKind::Indirect,
                    content: ctx.bytes(colon + 1..ce),
                    speaker: Some(s0..e),
                    cue: Some(e..e + 1),
                });
                last = Some((si, s0..e, Some(e..e + 1)));
                continue;
            }
        }
        let konj = (opening_end..hi).any(|t| {
            m.has(t, c::Q)
                && ctx.in_quote(t).is_none()
                && ctx.is_lower(t)
                && !(t > lo && matches!(ctx.s(t - 1), "ich" | "Ich" | "wir" | "Wir" | "du" | "ihr"))
        });
        if !konj {
            // a sentence in the indicative ends the reported speech (a heading, without a final
            // stop, does not)
            if matches!(ctx.s(hi - 1), "." | "!" | "?") {
                last = None;
            }
            continue;
        }
        let Some((ls, sp, cue)) = last.clone() else {
            continue;
        };
        if si > ls + 2 {
            continue;
        }
        let mut cs = lo;
        if m.has(cs, c::V) && !ctx.is_lower(cs) && cs + 1 < hi && !m.punct(cs + 1) {
            cs += 1;
        }
        let ce = m.end_excl_punct(cs, hi);
        if ce <= cs {
            continue;
        }
        added.push(Draft {
            kind: ClaimKind::Indirect,
            content: ctx.bytes(cs..ce),
            speaker: Some(sp.clone()),
            cue: cue.clone(),
        });
        last = Some((si, sp, cue));
    }
    out.extend(added);
    out.sort_by_key(|d| d.content.start);
}

/// The type of a name's label (a nationality speaking is its state, C7; an unknown label an
/// organisation when it is an acronym or holds an organisation noun, else a person).
fn name_type(m: &M, nm: &MName) -> SpeakerType {
    match nm.label {
        "PERSON" => SpeakerType::Person,
        "ORG" => SpeakerType::Org,
        "GPE" | "LOC" | "NORP" => SpeakerType::Gpe,
        _ if nm.toks.clone().any(|t| m.noun(t) & c::G != 0) || is_acronym(m.ctx.s(nm.toks.start)) => SpeakerType::Org,
        _ => SpeakerType::Person,
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().count() >= 2
        && w.chars()
            .all(|ch| ch.is_uppercase() || ch == '-' || ch.is_ascii_digit())
}

/// The type a description's head gives: ANONYMOUS for source nouns ("Fuentes", "ein
/// Sprecher", "Experten"), DOCUMENT for texts and data, ORG for bodies, PERSON for titles and
/// roles; a plural common noun without a name in Portuguese, Spanish or French is a group
/// (ANONYMOUS: "Los epidemiólogos consultados").
fn head_type(m: &M, h: usize) -> SpeakerType {
    let k = m.noun(h);
    if k & c::N != 0 {
        SpeakerType::Anonymous
    } else if k & c::O != 0 {
        SpeakerType::Document
    } else if k & c::G != 0 {
        SpeakerType::Org
    } else if k & c::R != 0 {
        SpeakerType::Person
    } else if !m.de && m.ctx.is_lower(h) && m.ctx.s(h).ends_with('s') && m.ctx.s(h).chars().count() > 3 {
        SpeakerType::Anonymous
    } else {
        SpeakerType::Person
    }
}

/// The head noun of a speaker phrase: the first word after its determiners (and, in German,
/// its lower-case adjectives); a French noun with its article in one token ("l’entreprise")
/// is its own head.
fn head_of(m: &M, r: &Range<usize>) -> Option<usize> {
    r.clone().find(|&t| {
        !m.punct(t) && (m.noun(t) != 0 || m.tok[t] & (c::D | c::L | c::I | c::V) == 0 && !(m.de && m.ctx.is_lower(t)))
    })
}

/// A word's form for comparing heads: lower case, a plural or case ending off.
fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    let w = w.trim_start_matches(['l', 'd']).trim_start_matches(['\'', '’']);
    w.strip_suffix("es")
        .filter(|s| s.chars().count() > 3)
        .or_else(|| w.strip_suffix('s').filter(|s| s.chars().count() > 3))
        .or_else(|| w.strip_suffix('n').filter(|s| s.chars().count() > 4))
        .unwrap_or(w)
        .to_string()
}

/// A source the text names, in token order: a name, a description opening a sentence ("Der
/// Angeklagte selbst hatte …", "Das Umweltministerium verwies …") or a claim's speaker.
#[derive(Debug, Clone)]
struct Cand {
    at: usize,
    /// end of the mention (exclusive token)
    end: usize,
    /// what a phrase referring to it resolves to
    text: String,
    ty: SpeakerType,
    /// lemma of its head noun (of the noun before a name: "Branchenverband" for ZVEI)
    head: String,
    /// a name of the entity pass or the syntax (not a description)
    named: bool,
    /// the speaker of a claim
    speaker: bool,
    /// the subject opening its sentence
    subject: bool,
}

/// How a speaker phrase refers.
enum Ref {
    /// a name in the phrase (index into `M::names`)
    Name(usize),
    /// a personal pronoun ("er", "ella", "a-t-il")
    Pronoun,
    /// a noun phrase: its head, whether it opens with a definite article or a possessive
    Description {
        head: usize,
        definite: bool,
        possessive: bool,
    },
}

/// What the phrase `r` refers with. The name in it when it is the phrase's head or follows a
/// title ("la ministra Ana Redondo", "Einsatzleiter Jörg Brandt"), or is the body whose part
/// or voice the phrase is ("la direction de la SNCF" is the SNCF); a source, document or
/// person noun with a name after it keeps the phrase ("Analysten der Deutschen Bank", "los
/// datos del Ministerio de Igualdad", "le ministre des Transports").
fn refer(m: &M, r: &Range<usize>) -> Ref {
    if r.len() == 1
        && m.tok[r.start] & (c::H | c::CLITIC) != 0
        && (m.ctx.is_lower(r.start) || m.tok[r.start] & c::H != 0)
    {
        return Ref::Pronoun;
    }
    let Some(h) = head_of(m, r) else {
        return Ref::Pronoun;
    };
    // a name reaching out of the phrase is no name of it ("Nach Einschätzung von Experten" read
    // as one name)
    let first_name = r.clone().find(|&t| {
        m.name_at(t)
            .is_some_and(|nm| nm.toks.start >= r.start && nm.toks.end <= r.end)
    });
    let definite = r.clone().take_while(|&t| t <= h).any(|t| m.tok[t] & c::L != 0);
    let possessive = r.clone().take_while(|&t| t < h).any(|t| m.tok[t] & c::I != 0);
    if let Some(t) = first_name {
        let i = m.name_of[t] as usize;
        let k = m.noun(h);
        // the head is the name, or a title right before it
        let person = m.names[i].label == "PERSON";
        if t <= h
            || t == h + 1 && (k & (c::N | c::O) == 0 || person)
            || k & c::R != 0
                && (h + 1..t).all(|u| m.ctx.is_lower(u) && m.tok[u] & c::P == 0 && !name_joiner(m.ctx.s(u)))
        {
            return Ref::Name(i);
        }
        // a part or voice of a body: the body
        if k & c::G != 0 && m.ctx.is_lower(h) {
            return Ref::Name(i);
        }
    }
    Ref::Description {
        head: h,
        definite,
        possessive,
    }
}

/// The sources named in the text before any claim is read: names and descriptions opening a
/// sentence (headed by a source, person or organisation noun, with no name in them).
fn sources(m: &M) -> Vec<Cand> {
    let ctx = m.ctx;
    let mut out: Vec<Cand> = Vec::new();
    let subjects: std::collections::HashSet<usize> = subject_names(m).into_iter().map(|r| r.start).collect();
    for nm in &m.names {
        let t = nm.toks.start;
        // a name inside a quote is not what a pronoun after it means
        if ctx.in_quote_content(t).is_some() {
            continue;
        }
        let before = t.checked_sub(1).filter(|&b| m.noun(b) & (c::G | c::R) != 0);
        let head = before.map_or_else(|| lemma(ctx.s(nm.toks.end - 1)), |b| lemma(ctx.s(b)));
        out.push(Cand {
            at: t,
            end: nm.toks.end,
            text: nm.text.clone(),
            ty: name_type(m, nm),
            head,
            named: true,
            speaker: false,
            subject: subjects.contains(&t),
        });
    }
    for sent in &ctx.sents {
        let mut s = sent.start;
        while s < sent.end && (m.entry(s, c::V).is_some() && !m.name(s) || m.punct(s)) {
            s = m.entry(s, c::V).unwrap_or(s + 1);
        }
        if s >= sent.end || m.tok[s] & (c::D | c::L) == 0 {
            continue;
        }
        let mut e = s + 1;
        while e < sent.end && e < s + 6 && !m.punct(e) && !m.name(e) {
            let w = e;
            if m.tok[w] & (c::U | c::S | c::C | c::J | c::E | c::P) != 0 && m.tok[w] & c::D == 0 {
                break;
            }
            if m.de && ctx.is_lower(w) && m.tok[w] & (c::D | c::L) == 0 && e > s + 1 && ctx.is_cap(e - 1) {
                break;
            }
            e += 1;
        }
        let r = s..e;
        let Some(h) = head_of(m, &r) else {
            continue;
        };
        if r.clone().any(|t| m.name(t)) || m.noun(h) == 0 {
            continue;
        }
        let ty = head_type(m, h);
        // an organisation's description stands for it without its article ("Umweltministerium")
        let text = if ty == SpeakerType::Org && m.de {
            ctx.s(h).to_string()
        } else {
            ctx.text.get(ctx.bytes(s..h + 1)).unwrap_or("").to_string()
        };
        out.push(Cand {
            at: s,
            end: h + 1,
            text,
            ty,
            head: lemma(ctx.s(h)),
            named: false,
            speaker: false,
            subject: true,
        });
    }
    out.sort_by_key(|c| c.at);
    out
}

/// Resolve a speaker phrase: (resolved, type, head lemma). Names resolve to their fullest form;
/// pronouns to the nearest person before them (a claim's speaker, a name, a person or source
/// noun opening a sentence); a definite description to the nearest source before it with the
/// same head noun ("las mismas fuentes" → "Fuentes policiales", "das Ministerium" →
/// "Umweltministerium"), else, within the paragraph and the two before, to the nearest body
/// for an organisation noun ("der Konzern" → Infineon) or the nearest person for a person noun
/// ("der SPD-Politiker" → Karl Lauterbach; a claim's speaker first: "la syndicaliste" is the
/// one quoted, not a name in her quote); a possessive with a document noun ("sus datos") to
/// the speaker before it. Other descriptions stay as written.
fn resolve(m: &M, r: &Range<usize>, cands: &[Cand], said: &[Cand], back: usize) -> (String, SpeakerType, String) {
    let ctx = m.ctx;
    let written = || ctx.text.get(ctx.bytes(r.clone())).unwrap_or("").to_string();
    let para = ctx.para_of.get(r.start).copied().unwrap_or(0) as usize;
    let floor = ctx.paras.get(para.saturating_sub(back)).map_or(0, |p| p.start);
    let pfloor = ctx.paras.get(para.saturating_sub(back.min(1))).map_or(0, |p| p.start);
    // the nearest source before the phrase from `lo` on that `f` accepts (at most the last 64
    // of each list are read: a source further back is not what a pronoun or description means)
    let before = &cands[..cands.partition_point(|c| c.at < r.start)];
    let spoken = &said[..said.partition_point(|c| c.at < r.start)];
    let near = |lo: usize, f: &dyn Fn(&Cand) -> bool| {
        let a = before.iter().rev().take(64).take_while(|c| c.at >= lo).find(|c| f(c));
        let b = spoken.iter().rev().take(64).take_while(|c| c.at >= lo).find(|c| f(c));
        match (a, b) {
            (Some(x), Some(y)) => Some(if x.at > y.at { x } else { y }.clone()),
            (x, y) => x.or(y).cloned(),
        }
    };
    match refer(m, r) {
        Ref::Name(i) => {
            let nm = &m.names[i];
            let head = r
                .clone()
                .find(|&t| m.noun(t) & (c::G | c::R) != 0)
                .map_or_else(|| lemma(ctx.s(nm.toks.end - 1)), |t| lemma(ctx.s(t)));
            (nm.text.clone(), name_type(m, nm), head)
        }
        Ref::Pronoun => {
            let person = |c: &Cand| {
                matches!(c.ty, SpeakerType::Person)
                    || c.ty == SpeakerType::Anonymous && !c.named && !c.text.ends_with('s')
            };
            // the speaker quoted before or a person opening a sentence, else a name in the
            // paragraph and the one before, else the last person named
            let hit = near(pfloor, &|c| person(c) && (c.speaker || c.subject))
                .or_else(|| near(pfloor, &|c| person(c) && c.named))
                .or_else(|| near(0, &|c| c.ty == SpeakerType::Person && (c.named || c.speaker)));
            match hit {
                // a description opening a sentence ("La dirigeante de la CGT affirme …"): what it
                // refers to
                Some(c) if !c.named && !c.speaker && c.end <= r.start => {
                    // within its own paragraph only ("L’ancien élu a toujours nié …" is a new
                    // person, not the one quoted in the paragraph before)
                    resolve(m, &(c.at..c.end), cands, said, 0)
                }
                Some(c) => (c.text, c.ty, c.head),
                None => (written(), SpeakerType::Person, String::new()),
            }
        }
        Ref::Description {
            head,
            definite,
            possessive,
        } => {
            let ty = head_type(m, head);
            let hl = lemma(ctx.s(head));
            let own = (written(), ty, hl.clone());
            if possessive && ty == SpeakerType::Document {
                return near(pfloor, &|c| c.speaker).map_or(own, |c| (c.text, c.ty, c.head));
            }
            if !definite {
                return own;
            }
            let same = |c: &Cand| {
                !c.head.is_empty() && (c.head == hl || m.de && c.head.ends_with(hl.as_str()) && hl.chars().count() >= 4)
            };
            if let Some(c) = near(floor, &same) {
                return (c.text, c.ty, c.head);
            }
            match ty {
                SpeakerType::Org => {
                    near(floor, &|c| c.named && c.ty == SpeakerType::Org).map_or(own, |c| (c.text, c.ty, c.head))
                }
                SpeakerType::Person => near(floor, &|c| c.ty == SpeakerType::Person && c.speaker)
                    .or_else(|| {
                        near(floor, &|c| {
                            c.ty == SpeakerType::Person && (c.named || m.noun(head) & c::R != 0)
                        })
                    })
                    .map_or(own, |c| (c.text, c.ty, c.head)),
                _ => own,
            }
        }
    }
}

/// Claims of `ctx`'s text in language `lang` (one of `supports`).
pub(crate) fn extract(ctx: &Ctx, lang: &str) -> Vec<Claim> {
    let Some(li) = LANGS.iter().position(|&l| l == lang) else {
        return Vec::new();
    };
    let m = M::new(ctx, li);
    let drafts = attribute(&m);
    let mut seen = std::collections::HashSet::new();
    let drafts: Vec<Draft> = drafts
        .into_iter()
        .filter(|d| seen.insert((d.content.start, d.content.end)))
        .map(|mut d| {
            d.speaker = d.speaker.map(|r| trim_title(&m, r));
            d
        })
        .collect();
    // speakers resolved in the order they are written, each one a source for those after it
    let cands = sources(&m);
    // the speakers resolved so far, in text order (speakers are resolved in text order)
    let mut said: Vec<Cand> = Vec::new();
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&i| drafts[i].speaker.as_ref().map_or(usize::MAX, |r| r.start));
    let mut resolved: HashMap<(usize, usize), (String, SpeakerType)> = HashMap::new();
    for i in order {
        let Some(r) = drafts[i].speaker.clone().filter(|r| !r.is_empty()) else {
            continue;
        };
        if resolved.contains_key(&(r.start, r.end)) {
            continue;
        }
        let (text, ty, head) = resolve(&m, &r, &cands, &said, 2);
        said.push(Cand {
            at: r.start,
            end: r.end,
            text: text.clone(),
            ty,
            head,
            named: false,
            speaker: true,
            subject: false,
        });
        resolved.insert((r.start, r.end), (text, ty));
    }
    let mut claims = Vec::with_capacity(drafts.len());
    for d in drafts {
        let content = if d.kind == ClaimKind::Direct {
            trim_marks(ctx.text, d.content.clone())
        } else {
            trim_space(ctx.text, d.content.clone())
        };
        if content.is_empty() {
            continue;
        }
        let (speaker, speaker_resolved, ty) = match d.speaker.as_ref().filter(|r| !r.is_empty()) {
            Some(r) => {
                let (text, ty) = resolved
                    .get(&(r.start, r.end))
                    .cloned()
                    .unwrap_or((String::new(), SpeakerType::Person));
                (Some(ctx.bytes(r.clone())), Some(text), ty)
            }
            None => (None, None, SpeakerType::Person),
        };
        let mut hedges = Vec::new();
        let ct = super::tok_range(&ctx.toks, &content);
        let span = d.cue.clone().map(|c| c.start.min(ct.start)).unwrap_or(ct.start)..ct.end;
        for t in span {
            if m.has(t, c::M) {
                let w = ctx.s(t).to_lowercase();
                if !hedges.contains(&w) {
                    hedges.push(w);
                }
            }
        }
        if let Some(cu) = &d.cue {
            if cu.clone().any(|t| m.has(t, c::K)) {
                let w = ctx.text.get(ctx.bytes(cu.clone())).unwrap_or("").to_lowercase();
                if !hedges.contains(&w) {
                    hedges.push(w);
                }
            }
        }
        claims.push(Claim {
            kind: d.kind,
            content,
            speaker,
            speaker_resolved,
            speaker_type: ty,
            cue: d.cue.map(|c| ctx.bytes(c)),
            hedges,
        });
    }
    // a partial quote inside a reported clause or attributed sentence of the same source is part
    // of that claim, not a claim of its own (C2: `afirmó que se trata de «un día histórico»`)
    let wider: Vec<(Range<usize>, Option<String>)> = claims
        .iter()
        .filter(|c| c.kind != ClaimKind::Direct)
        .map(|c| (c.content.clone(), c.speaker_resolved.clone()))
        .collect();
    claims.retain(|c| {
        c.kind != ClaimKind::Direct
            || !wider.iter().any(|(r, who)| {
                r.start <= c.content.start
                    && c.content.end <= r.end
                    && (who == &c.speaker_resolved || who.is_none() || c.speaker_resolved.is_none())
            })
    });
    claims
}

/// A title or role before a person's name is not part of the speaker ("Einsatzleiter Jörg
/// Brandt", "Me Jean Morel", "la ministra Ana Redondo"): the phrase from the name on.
fn trim_title(m: &M, r: Range<usize>) -> Range<usize> {
    if r.len() < 2 {
        return r;
    }
    // the person's name in the phrase, after title words only
    let Some(t) = r.clone().find(|&t| m.name(t)) else {
        return r;
    };
    let nm = &m.names[m.name_of[t] as usize];
    if nm.label != "PERSON" || t == r.start || nm.toks.end < r.end && !(nm.toks.end..r.end).all(|k| m.punct(k)) {
        return r;
    }
    let lead_ok = (r.start..t).all(|k| {
        m.tok[k] & (c::D | c::L | c::I | c::R) != 0
            || m.noun(k) & c::R != 0
            || m.ctx.is_lower(k) && !m.de && m.tok[k] & c::P == 0
            || crate::entities::gazetteer::Gazetteer::get().is(m.ctx.s(k), crate::entities::gazetteer::List::Title)
            || m.ctx.s(k).ends_with('.') && m.ctx.s(k).len() <= 4
    });
    if lead_ok {
        t..r.end
    } else {
        r
    }
}

/// Drop white space at the edges of a content range.
fn trim_space(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r.start..r.start;
    };
    let t = s.trim_start();
    let start = r.start + (s.len() - t.len());
    start..start + t.trim_end().len()
}

/// Drop quote marks and white space at the edges of a content range.
fn trim_marks(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r.start..r.start;
    };
    let marks: &[char] = &[
        '"', '“', '”', '„', '«', '»', '‹', '›', '‚', '‘', '’', ' ', '\u{a0}', '\u{202f}',
    ];
    let t = s.trim_start_matches(marks);
    let start = r.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(marks);
    start..start + t2.len()
}

#[cfg(test)]
mod tests {
    use crate::claims::{extract_lang, ClaimKind};

    /// (kind, content, speaker as written) of each claim.
    fn rows(text: &str, claims: Vec<crate::claims::Claim>) -> Vec<(ClaimKind, String, String)> {
        claims
            .into_iter()
            .map(|c| {
                let spk = c.speaker.map(|s| text[s].to_string()).unwrap_or_default();
                (c.kind, text[c.content].to_string(), spk)
            })
            .collect()
    }

    fn show(text: &str, lang: &str) -> Vec<(ClaimKind, String, String)> {
        rows(text, extract_lang(text, Some(lang), &[]))
    }

    #[test]
    fn reads_each_language() {
        let pt = show(
            "O ministro disse que a proposta será votada. “Não há pressa”, afirmou ele.",
            "pt",
        );
        assert!(
            pt.contains(&(
                ClaimKind::Indirect,
                "a proposta será votada".into(),
                "O ministro".into()
            )),
            "{pt:?}"
        );
        assert!(
            pt.iter()
                .any(|c| c.0 == ClaimKind::Direct && c.1 == "Não há pressa" && c.2 == "ele"),
            "{pt:?}"
        );
        let es = show("Según la policía, no hubo heridos.", "es");
        assert_eq!(
            es,
            [(ClaimKind::AccordingTo, "no hubo heridos".into(), "la policía".into())]
        );
        let fr = show("« C'est un échec », a-t-il déclaré.", "fr");
        assert_eq!(fr, [(ClaimKind::Direct, "C'est un échec".into(), "a-t-il".into())]);
        let de = show("Die Ministerin sagte, die Lage sei ernst.", "de");
        assert_eq!(
            de,
            [(
                ClaimKind::Indirect,
                "die Lage sei ernst".into(),
                "Die Ministerin".into()
            )]
        );
    }

    #[test]
    fn german_subjunctive_continues_the_attribution_before_it() {
        let text = "Die Kliniken müssten entlastet werden, sagte die Ministerin. Lebensgefahr bestehe nicht. \
                    Zudem fehle eine Finanzierung. Die Sitzung dauerte drei Stunden. Das Gebäude sei alt.";
        let de = show(text, "de");
        for c in ["Lebensgefahr bestehe nicht", "fehle eine Finanzierung"] {
            assert!(
                de.iter()
                    .any(|x| x.0 == ClaimKind::Indirect && x.1 == c && x.2 == "die Ministerin"),
                "{c}: {de:?}"
            );
        }
        // an indicative sentence ends the chain; a subjunctive one after it is no continuation
        assert!(
            !de.iter().any(|x| x.1.contains("Sitzung") || x.1.contains("Gebäude")),
            "{de:?}"
        );
    }

    #[test]
    fn german_title_before_a_given_name_is_not_the_speaker() {
        let text = "„Wir hatten Glück“, sagte Oberstaatsanwalt Frank Lehner.";
        let de = show(text, "de");
        assert!(de.iter().any(|x| x.2 == "Frank Lehner"), "{de:?}");
    }

    /// Claims as the articles table gives them: speakers resolved with the entity pass.
    fn show_named(text: &str, lang: &str) -> Vec<(ClaimKind, String, String)> {
        let mentions = crate::entities::extract_lang(text, Some(lang));
        rows(
            text,
            crate::claims::extract_with_mentions_lang(text, Some(lang), &mentions),
        )
    }

    #[test]
    fn an_adverbial_after_the_attribution_keeps_the_claim() {
        let es = show_named(
            "La inflación bajará, dijo el presidente del banco, Pablo Hernández, en Madrid.",
            "es",
        );
        assert!(
            es.iter()
                .any(|x| x.1 == "La inflación bajará" && x.2.contains("Pablo Hernández")),
            "{es:?}"
        );
    }

    #[test]
    fn a_clause_between_commas_is_not_taken_for_an_appositive_speaker() {
        let es = show_named(
            "El temblor fue leve, donde sonó la alerta sísmica, informó el servicio geológico.",
            "es",
        );
        assert!(!es.iter().any(|x| x.2.contains("alerta")), "{es:?}");
    }

    #[test]
    fn an_office_with_a_fused_article_or_a_coordinated_complement_ends_before_the_name() {
        let fr = show_named(
            "« Les prix vont baisser », a déclaré le ministre de l'Économie et des Finances, Antoine Mercier.",
            "fr",
        );
        assert!(
            fr.iter()
                .any(|x| x.1 == "Les prix vont baisser" && x.2.contains("Antoine Mercier")),
            "{fr:?}"
        );
        let fr = show_named(
            "« Le réseau tiendra », a affirmé la porte-parole d'Hydro-Québec, Julie Tremblay.",
            "fr",
        );
        assert!(fr.iter().any(|x| x.2.contains("Julie Tremblay")), "{fr:?}");
    }

    #[test]
    fn an_office_name_in_capitals_runs_on_to_the_person_after_it() {
        let pt = show_named(
            "“O leilão será em março”, disse o secretário de Parcerias em Investimentos, Rafael Benini.",
            "pt",
        );
        assert!(
            pt.iter()
                .any(|x| x.1 == "O leilão será em março" && x.2.contains("Rafael Benini")),
            "{pt:?}"
        );
    }

    #[test]
    fn odd_input_never_panics_and_offsets_sit_on_char_boundaries() {
        let texts = [
            "",
            "«",
            "„",
            "»«",
            ", disse",
            "Segundo",
            "qu'",
            "Qu’",
            "laut",
            "zufolge",
            "wie sagte",
            "« », a déclaré",
            "„“, sagte.",
            "Según ,",
            "disse: «",
            "a-t-il déclaré",
            "(((",
            ")))disse",
            "Él dijo que ¿qué? «Sí»",
            "Er sagte, „dass“ — zufolge, laut, wie mitteilte",
        ];
        for t in texts {
            for lang in ["pt", "es", "fr", "de"] {
                for c in extract_lang(t, Some(lang), &[]) {
                    assert!(!c.content.is_empty());
                    assert!(t.is_char_boundary(c.content.start) && t.is_char_boundary(c.content.end));
                    if let Some(s) = c.speaker {
                        assert!(t.get(s).is_some());
                    }
                }
            }
        }
    }
}
