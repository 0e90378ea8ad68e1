//! Multilingual: claims in Portuguese, Spanish, French and German.
//!
//! In: the `Ctx` of a text (tokens, sentences, paragraphs, quotes, names) and its language
//! ("pt", "es", "fr", "de"). Out: `Claim`s with speaker resolved, hedges marked; every range a
//! UTF-8 byte range into the text on token (hence char) boundaries, content never empty.
//! Lexicon: `data/claims_multilingual.txt`, one aho-corasick automaton, classes per language.
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
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

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
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

struct Lex {
    ac: AhoCorasick,
    /// classes per pattern, one u32 per language of LANGS
    flags: Vec<[u32; 4]>,
}

fn upper_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

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
                // non-ASCII capitals are not folded by the automaton: add the capitalised form
                for v in [upper_first(&form), form] {
                    by.entry(v).or_default()[li] |= b;
                }
            }
        }
        let mut forms: Vec<(String, [u32; 4])> = by.into_iter().collect();
        forms.sort();
        let ac = super::lexicon::word_forms_automaton(forms.iter().map(|(f, _)| f.as_str()));
        Lex {
            ac,
            flags: forms.iter().map(|(_, b)| *b).collect(),
        }
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
    de: bool,
}

impl<'a> M<'a> {
    fn new(ctx: &'a Ctx<'a>, li: usize) -> M<'a> {
        let l = lex();
        let n = ctx.n();
        let mut tok = vec![0u32; n];
        let mut multi: HashMap<usize, (usize, u32)> = HashMap::new();
        let toks = &ctx.toks;
        for m in l.ac.find_overlapping_iter(ctx.text) {
            let fl = l.flags[m.pattern().as_usize()][li];
            if fl == 0 {
                continue;
            }
            let (s, e) = (m.start(), m.end());
            let Ok(ti) = toks.binary_search_by(|t| t.start.cmp(&s)) else {
                continue;
            };
            let tj = toks.partition_point(|t| t.end < e);
            if tj >= n || toks[tj].end != e {
                continue;
            }
            if tj == ti {
                tok[ti] |= fl;
            } else {
                let ent = multi.entry(ti).or_insert((tj + 1, fl));
                if tj + 1 > ent.0 {
                    *ent = (tj + 1, fl);
                }
            }
        }
        M {
            ctx,
            tok,
            multi,
            de: LANGS[li] == "de",
        }
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
    /// a name token (entity pass or capitalisation fallback); in German every noun is
    /// capitalised, so only the given names count there, plus capitals after a name start
    fn name(&self, t: usize) -> bool {
        self.ctx.name_at(t).is_some()
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

/// A speaker noun phrase left of `t` (exclusive), back to a clause boundary; `None` when the
/// slot is empty or holds a fronted phrase (time or place) rather than a subject.
fn speaker_left(m: &M, t: usize, floor: usize) -> Option<Range<usize>> {
    let e = skip_to_subject(m, t, floor);
    let s = slot_start(m, e, floor);
    if s == e && e > floor + 1 && m.is(e - 1, ",") {
        // a parenthetical between subject and verb: "o ministro, Ana Souza, disse",
        // "el director del museo, que no asistió ..., señaló"
        let pe = e - 1;
        let pc = (floor..pe).rev().take(16).find(|&k| m.punct(k))?;
        if !m.is(pc, ",") || pc >= pe {
            return None;
        }
        if (pc + 1..pe).all(|k| m.name(k)) {
            return Some(pc + 1..pe);
        }
        // only an appositive, a relative clause or a place/time phrase sits between subject
        // and verb ("X, que no asistió, señaló"); other comma phrases end a clause
        let f = pc + 1;
        let rel = matches!(
            m.ctx.s(f).to_lowercase().as_str(),
            "que" | "qui" | "quien" | "quienes" | "cuyo" | "dont" | "der" | "die" | "das" | "welche" | "welcher"
        );
        if !(m.name(f) || rel || m.has(f, c::P) || m.has(f, c::V)) {
            return None;
        }
        let s2 = slot_start(m, pc, floor);
        return np_in_slot(m, s2, pc);
    }
    np_in_slot(m, s, e)
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
        if m.punct(s - 1) || m.has(s - 1, c::C | c::J) || is_que(m, s - 1).is_some() {
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
            let lo = m.ctx.sent(s - 1).start;
            let mut k = lo;
            while k < s - 1 && !m.punct(k) && (k == lo || !m.ctx.is_lower(k) || m.has(k, c::D | c::P)) {
                k += 1;
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

/// A speaker noun phrase right of `t` (inclusive): a name, a pronoun or a determiner phrase up to
/// punctuation, a complementiser or the sentence end; an appositive name after it is preferred.
fn speaker_right(m: &M, t: usize, hi: usize) -> Option<Range<usize>> {
    // French inversion in the auxiliary: "a-t-elle expliqué", "ont-ils ajouté"
    if t >= 2 {
        for k in [t - 1, t.saturating_sub(2)] {
            let w = m.ctx.s(k);
            if m.has(k, c::U) && w.contains('-') {
                return Some(k..k + 1);
            }
        }
    }
    let mut s = t;
    // a prepositional phrase before the inverted subject: "a déclaré à l'AFP son secrétaire"
    if s < hi && m.has(s, c::P) && m.ctx.is_lower(s) {
        let mut k = s + 1;
        while k < hi && k < s + 6 && !m.punct(k) {
            if is_que(m, k).is_some() {
                return None;
            }
            if m.has(k, c::D | c::H) && !m.has(k - 1, c::P | c::D) {
                break;
            }
            k += 1;
        }
        if k < hi && !m.punct(k) && k < s + 6 {
            s = k;
        }
    }
    while s < hi && m.has(s, c::U | c::V) && m.ctx.is_lower(s) && !m.has(s, c::D | c::H) {
        s += 1;
    }
    if s >= hi || m.punct(s) {
        return None;
    }
    if !(m.name(s) || m.has(s, c::D | c::H | c::N) || m.ctx.is_cap(s)) {
        return None;
    }
    if m.has(s, c::H) && m.ctx.is_lower(s) {
        return Some(s..s + 1);
    }
    let mut e = s;
    while e < hi && !m.punct(e) && !m.has(e, c::C) && e - s < 12 {
        // German: the NP after an inverted verb ends before a lower-case word that is not an
        // article or preposition (the rest of the clause)
        if m.de && e > s && m.ctx.is_lower(e) && !m.has(e, c::D | c::P) {
            break;
        }
        // a person's name ends the phrase before a time or place phrase ("am Mittwoch in
        // Berlin", "en Madrid")
        if e > s && m.has(e, c::P) && m.ctx.is_lower(e) && ends_person(m, e - 1) {
            break;
        }
        e += 1;
    }
    if e == s {
        return None;
    }
    // appositive: "disse o economista-chefe do banco, Ana Souza."
    if e + 1 < hi && m.is(e, ",") && m.name(e + 1) {
        let mut k = e + 1;
        while k < hi && m.name(k) {
            k += 1;
        }
        if k >= hi || m.punct(k) {
            return Some(e + 1..k);
        }
    }
    Some(s..e)
}

/// Does a person's name end at token t?
fn ends_person(m: &M, t: usize) -> bool {
    m.ctx
        .name_at(t)
        .is_some_and(|i| m.ctx.names[i].label == "PERSON" && m.ctx.names[i].toks.end == t + 1)
}

fn speaker_type(m: &M, r: &Range<usize>) -> SpeakerType {
    // a source noun heading the phrase wins over a capitalised word the name finder took
    // ("Especialistas ouvidos pela reportagem")
    if let Some(h) = r.clone().find(|&t| !m.has(t, c::D)) {
        if m.has(h, c::N) {
            return SpeakerType::Anonymous;
        }
    }
    if let Some(nm) = r.clone().find_map(|t| m.ctx.name_at(t)) {
        return match m.ctx.names[nm].label {
            "ORG" => SpeakerType::Org,
            "GPE" | "LOC" => SpeakerType::Gpe,
            "NORP" => SpeakerType::Norp,
            _ => SpeakerType::Person,
        };
    }
    if r.clone().any(|t| m.has(t, c::N)) {
        return SpeakerType::Anonymous;
    }
    if r.clone().any(|t| m.has(t, c::O)) {
        return SpeakerType::Document;
    }
    if r.clone().any(|t| m.has(t, c::G)) {
        return SpeakerType::Org;
    }
    SpeakerType::Person
}

struct Draft {
    kind: ClaimKind,
    content: Range<usize>,
    speaker: Option<Range<usize>>,
    cue: Option<Range<usize>>,
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
    (cue.start.saturating_sub(2)..cue.start).any(|k| m.has(k, c::E))
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
        let after = q.close_tok.map(|c| c + 1).unwrap_or(q.inner.end);
        // after: `«Q», disse X.` / `«Q», X disse.` / `«Q» sagte X.`
        let mut k = after;
        while k < n && matches!(ctx.s(k), "," | "—" | "–" | "-") {
            k += 1;
        }
        let hi = m.sent_end(k.min(n.saturating_sub(1))).max(k);
        let mut found = None;
        if let Some(cue) = (k..(k + 2).min(n))
            .find_map(|u| cue_at(m, u).filter(|c| c.start >= k))
            .filter(|c| !(k..c.start).any(|u| m.has(u, c::J)))
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
                    if let Some(cue) = (lo..b).rev().take(6).find_map(|u| cue_at(m, u)) {
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
            // according-to before its source
            let acc = m
                .entry(t, c::A)
                .or_else(|| (t == lo || m.is(t - 1, ",")).then(|| m.entry(t, c::W)).flatten());
            if let Some(ae) = acc {
                let weak = m.entry(t, c::A).is_none();
                let initial =
                    t == lo || (lo..t).all(|u| ctx.is_punct(u) || m.has(u, c::C)) || m.is(t - 1, ",") && !weak;
                // source: up to a comma (or, in German, before the finite verb)
                let mut se = ae;
                while se < hi && se - ae < 14 {
                    // an acronym in parentheses stays in the source: "X (ADP), ..."
                    if m.is(se, "(") && se > ae {
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
                    if m.de && se > ae && ctx.is_lower(se) && !m.has(se, c::D | c::P) {
                        break;
                    }
                    se += 1;
                }
                let src = ae..se;
                let ok_src = !src.is_empty() && (!weak || src.clone().any(|u| m.name(u) || m.has(u, c::N | c::H)));
                if ok_src && initial && t == lo + (lo..t).count() {
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
                    if ce > cs && (t == lo || !m.is(t - 1, ",") || (lo..t).all(|u| ctx.is_punct(u))) {
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
                if ok_src && !weak && t > lo && m.is(t - 1, ",") && (se >= hi || m.punct(se)) {
                    // `…, segundo X.`: the clause before the comma
                    let ce = t - 1;
                    let cs = lo;
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
            }
            // `X zufolge …`
            if m.has(t, c::Z) && t > lo {
                let mut s = t;
                while s > lo && !m.punct(s - 1) && t - s < 8 {
                    s -= 1;
                }
                let ce = m.end_excl_punct(t + 1, hi);
                if s < t && ce > t + 1 {
                    out.push(Draft {
                        kind: ClaimKind::AccordingTo,
                        content: ctx.bytes(t + 1..ce),
                        speaker: Some(s..t),
                        cue: Some(t..t + 1),
                    });
                    t = ce;
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
            // reporting verb or cognition verb
            let cue = cue_at(m, t).or_else(|| m.entry(t, c::K).map(|e| t..e));
            let Some(cue) = cue else {
                t += 1;
                continue;
            };
            let cognition = m.entry(cue.end - 1, c::S).is_none() && m.entry(cue.start, c::S).is_none();
            if negated(m, &cue) {
                t = cue.end;
                continue;
            }
            // the complement: `que`/`dass` within a few words (object, time phrase) or, in
            // German, a comma and a clause
            let mut k = cue.end;
            let mut comp = None;
            while k < hi && k < cue.end + 8 && ctx.in_quote(k).is_none() {
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
                if m.is(k, ":") && !cognition && ctx.in_quote(k + 1).is_none() {
                    comp = Some((k + 1, ctx.toks.get(k + 1).map_or(ctx.text.len(), |r| r.start)));
                    break;
                }
                if m.punct(k) && !m.is(k, ",") {
                    break;
                }
                k += 1;
            }
            let inverted_after = cue.start > lo && m.is(cue.start - 1, ",") && speaker_left(m, cue.start, lo).is_none();
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
                    let spk = speaker_left(m, cue.start, lo).or_else(|| speaker_right(m, cue.end, k));
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
                let tail_ok = spk.as_ref().is_some_and(|s| s.end >= hi || m.punct(s.end));
                // a quote from the sentence start is a direct claim (rule 1); a quote inside
                // the clause is part of it
                let before_quote = ctx.in_quote(lo).is_some();
                if tail_ok && !before_quote && c0 > lo {
                    let ce = c0;
                    out.push(Draft {
                        kind: ClaimKind::Indirect,
                        content: ctx.bytes(lo..ce),
                        speaker: spk,
                        cue: Some(cue.clone()),
                    });
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
    // a dropped subject (`«Q», disse.`, `…, aunque advirtió que …`): the speaker of the claim
    // before it in the same or the previous paragraph
    out.sort_by_key(|d| d.content.start);
    for i in 0..out.len() {
        if out[i].speaker.is_some() {
            continue;
        }
        let at = ctx.toks.partition_point(|t| t.start < out[i].content.start);
        let p = ctx.para_of.get(at).copied().unwrap_or(0);
        let prev = out[..i].iter().rev().find_map(|d| {
            let sp = d.speaker.clone()?;
            let q = ctx.para_of.get(sp.start).copied().unwrap_or(0);
            (q == p || q + 1 == p).then_some(sp)
        });
        out[i].speaker = prev;
    }
    // 4. quotes without attribution: the speaker of an attribution in the same paragraph
    for (qi, q) in ctx.quotes.iter().enumerate() {
        if quote_done[qi] {
            continue;
        }
        let words = q.inner.clone().filter(|&t| !ctx.is_punct(t)).count();
        if words < 3 {
            continue;
        }
        let para = ctx.para(q.inner.start);
        let prev = out
            .iter()
            .filter(|d| {
                d.speaker.as_ref().is_some_and(|s| para.contains(&s.start))
                    || d.speaker.as_ref().is_some_and(|s| {
                        s.end <= q.inner.start && ctx.para_of[s.start] + 1 == ctx.para_of[q.inner.start]
                    })
            })
            .min_by_key(|d| d.content.start.abs_diff(ctx.toks[q.inner.start].start));
        if let Some(p) = prev {
            let (speaker, cue) = (p.speaker.clone(), p.cue.clone());
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

/// Claims of `ctx`'s text in language `lang` (one of `supports`).
pub(crate) fn extract(ctx: &Ctx, lang: &str) -> Vec<Claim> {
    let Some(li) = LANGS.iter().position(|&l| l == lang) else {
        return Vec::new();
    };
    let m = M::new(ctx, li);
    let drafts = attribute(&m);
    let mut claims = Vec::with_capacity(drafts.len());
    let mut last_person: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    for d in drafts.into_iter() {
        if !seen.insert((d.content.start, d.content.end)) {
            continue;
        }
        let content = if d.kind == ClaimKind::Direct {
            trim_marks(ctx.text, d.content.clone())
        } else {
            trim_space(ctx.text, d.content.clone())
        };
        if content.is_empty() {
            continue;
        }
        let (speaker, resolved, ty) = match &d.speaker {
            Some(r) if !r.is_empty() => {
                let ty = speaker_type(&m, r);
                let written = ctx.text.get(ctx.bytes(r.clone())).unwrap_or("").to_string();
                let pron = r.len() == 1 && m.has(r.start, c::H);
                let name = r.clone().find_map(|t| ctx.name_at(t)).map(|i| {
                    let nm = &ctx.names[i];
                    if nm.canonical.is_empty() {
                        ctx.text.get(ctx.bytes(nm.toks.clone())).unwrap_or("").to_string()
                    } else {
                        nm.canonical.clone()
                    }
                });
                // a pronoun: the last person named before it, else the last named speaker
                let named_before = ctx
                    .names
                    .iter()
                    .filter(|nm| {
                        // a person's name never opens with an article ("Die Bahn")
                        nm.label == "PERSON" && nm.toks.end <= r.start && !m.has(nm.toks.start, c::D)
                    })
                    .max_by_key(|nm| nm.toks.end)
                    .map(|nm| {
                        if nm.canonical.is_empty() {
                            ctx.text.get(ctx.bytes(nm.toks.clone())).unwrap_or("").to_string()
                        } else {
                            nm.canonical.clone()
                        }
                    });
                let resolved = if pron {
                    named_before
                        .or_else(|| last_person.clone())
                        .unwrap_or_else(|| written.clone())
                } else {
                    name.clone().unwrap_or_else(|| written.clone())
                };
                if ty == SpeakerType::Person && name.is_some() {
                    last_person = name;
                }
                (
                    Some(ctx.bytes(r.clone())),
                    Some(resolved),
                    if pron { SpeakerType::Person } else { ty },
                )
            }
            _ => (None, None, SpeakerType::Person),
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
            speaker_resolved: resolved,
            speaker_type: ty,
            cue: d.cue.map(|c| ctx.bytes(c)),
            hedges,
        });
    }
    claims
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

    fn show(text: &str, lang: &str) -> Vec<(ClaimKind, String, String)> {
        extract_lang(text, Some(lang), &[])
            .into_iter()
            .map(|c| {
                let spk = c.speaker.map(|s| text[s].to_string()).unwrap_or_default();
                (c.kind, text[c.content].to_string(), spk)
            })
            .collect()
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
