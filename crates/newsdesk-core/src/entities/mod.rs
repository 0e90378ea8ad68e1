//! Entities: clean text in, entity mentions out (names, dates, amounts), each with a canonical
//! name and an entity id that is stable within the document.
//!
//! Pipeline: `segment::sentences` -> `segment::tokens` -> gazetteer marks (one aho-corasick
//! automaton, [`gazetteer`]) -> hashed features ([`features`]) -> averaged structured perceptron
//! with Viterbi decoding over BILOU tags ([`tagger`]) -> name post-processing (titles out of
//! PERSON spans, GPE vs LOC from the gazetteers, NORP from demonym lists) -> rule-based
//! DATE/TIME/MONEY/PERCENT/QUANTITY/CARDINAL ([`rules`]) -> within-document coreference of names
//! ([`canonical`]).
//!
//! Invariants: every [`Mention`] is a UTF-8 byte range `start..end` into the input text, on char
//! boundaries, non-empty, non-overlapping, sorted by `start`; `sentence` indexes
//! `segment::sentences(text)`. No input panics.
//!
//! Why an averaged structured perceptron: it trains in minutes on the ~1.5 M tokens of openly
//! licensed data we have (so the shipped weights are cheap to regenerate bit for bit), its
//! quality with rich features matches a CRF on this amount of data, and inference is only
//! integer adds over sparse hashed features plus an exact 21-tag Viterbi pass: far above
//! 500k tokens/s per core with a model of a few MB, no matrix maths, no runtime dependency.
//! Document-level consistency enters as features (the label a word got earlier in the same
//! document), which a perceptron trained on its own predictions learns to trust as much as it
//! deserves.

pub mod canonical;
pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod hashing;
pub mod institutions;
pub mod layout;
pub mod rows;
pub mod rules;
pub mod tagger;
pub mod train;
pub mod wordcache;

use crate::segment::{sentences, tokens};
use features::{case_of, sentence_features, Case, History, Scratch};
use gazetteer::{Gazetteer, List};
use std::ops::Range;
use std::sync::OnceLock;
use tagger::{tag_pos, tag_type, viterbi, Model, Scorer, N_TAGS};

/// Entity label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Date,
    Time,
    Money,
    Percent,
    Quantity,
    Cardinal,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
        }
    }

    pub fn is_name(self) -> bool {
        matches!(self, Label::Person | Label::Org | Label::Gpe | Label::Loc | Label::Norp)
    }
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The entity's name: the fullest form in the document ("Joe Biden" for "Biden"), the
    /// expansion of an acronym, or a standard name for known variants ("United States" for "U.S.").
    pub canonical: String,
    /// Same id = same entity, within one document (ids count from 0 in order of first mention).
    pub entity_id: u32,
    /// Index into `segment::sentences(text)`.
    pub sentence: u32,
}

/// Bytes aligned for the tables laid out in them (`include_bytes!` alone aligns to 1).
#[repr(C, align(16))]
pub struct Aligned<T: ?Sized>(pub T);
/// Languages with their own reading of names (titles, calendar words) and, where trained, their
/// own weights. Anything else is read as English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Pt,
    Es,
    Fr,
    De,
}

impl Lang {
    /// From an ISO 639-1 code or a language tag ("pt", "pt-BR", "de_AT"); others are English.
    pub fn from_code(code: &str) -> Lang {
        match code.get(..2).unwrap_or(code).to_ascii_lowercase().as_str() {
            "pt" => Lang::Pt,
            "es" => Lang::Es,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            _ => Lang::En,
        }
    }

    /// `lang` when given, else English (the articles table always carries a language; callers
    /// without one who want detection use `crate::claims::claims_language`).
    pub fn of(lang: Option<&str>) -> Lang {
        lang.map(Lang::from_code).unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }
}

/// The blob `build.rs` laid out from `data/ner/NAME.bin`, embedded and 16-byte aligned:
/// `ner_blob!("weights")`. Give it to [`Model::from_blob`] (through a `OnceLock`, so each
/// model is set up once, at its first use).
#[macro_export]
macro_rules! ner_blob {
    ($name:literal) => {{
        static BLOB: &$crate::entities::Aligned<[u8]> =
            &$crate::entities::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/ner/", $name, ".layout")));
        &BLOB.0
    }};
}

/// A model from an embedded blob ([`ner_blob!`]); an empty model (every token `O`) if the blob
/// is malformed. Nothing is parsed: the tables are used where they lie.
pub fn load_model(blob: &'static [u8]) -> Model {
    Model::from_blob(blob).unwrap_or_else(Model::empty)
}

/// The shipped model (`data/ner/weights.bin`), set up at first use.
pub fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| load_model(ner_blob!("weights")))
}

/// The Portuguese model (`data/ner/weights_pt.bin`: UNER Bosque news and LeNER-Br, adapted to
/// the news corpus), set up at first use. It also reads Spanish, for which no openly licensed
/// training data exists (the closest language, with the shared spelling and gazetteer features).
pub fn model_pt() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| load_model(ner_blob!("weights_pt")))
}

/// The German model (`data/ner/weights_de.bin`: Europeana newspapers and half of GermEval),
/// set up at first use.
pub fn model_de() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| load_model(ner_blob!("weights_de")))
}

/// The French model (`data/ner/weights_fr.bin`: Europeana newspapers), set up at first use.
pub fn model_fr() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| load_model(ner_blob!("weights_fr")))
}

/// The model that tags `lang`, set up the first time a text in that language is tagged.
pub fn model_for(lang: Lang) -> &'static Model {
    match lang {
        Lang::Pt | Lang::Es => model_pt(),
        Lang::De => model_de(),
        Lang::Fr => model_fr(),
        Lang::En => model(),
    }
}

/// Tag `text` and return its mentions, sorted by start.
pub fn extract(text: &str) -> Vec<Mention> {
    extract_with(model(), text)
}

/// Tag `text` in its language `lang` ("pt", "de-AT", ...; `None` = English).
pub fn extract_lang(text: &str, lang: Option<&str>) -> Vec<Mention> {
    let l = Lang::of(lang);
    extract_in_sentences_lang(model_for(l), l, text, &sentences(text))
}

/// [`extract`] with a given model (used by the training and evaluation programs).
pub fn extract_with(model: &Model, text: &str) -> Vec<Mention> {
    let sents = sentences(text);
    extract_in_sentences(model, text, &sents)
}

/// [`extract_lang`], also returning the sentence boundaries the mentions' `sentence` indexes.
pub fn extract_lang_with_sentences(text: &str, lang: Option<&str>) -> (Vec<Range<usize>>, Vec<Mention>) {
    let l = Lang::of(lang);
    let sents = sentences(text);
    let mentions = extract_in_sentences_lang(model_for(l), l, text, &sents);
    (sents, mentions)
}

/// [`extract`] over given sentence ranges (for annotated corpora whose sentences are known).
pub fn extract_in_sentences(model: &Model, text: &str, sents: &[Range<usize>]) -> Vec<Mention> {
    extract_in_sentences_lang(model, Lang::En, text, sents)
}

/// Longest run of tokens tagged as one sequence: a "sentence" longer than this (text without
/// full stops, a list, a table) is tagged in windows of this many tokens, so the tagger's
/// lattice, and the memory it takes, stay bounded on any input. News sentences stay far below it.
pub const MAX_TAG_TOKENS: usize = 512;

/// [`extract_in_sentences`] reading names as `lang` writes them.
pub fn extract_in_sentences_lang(model: &Model, lang: Lang, text: &str, sents: &[Range<usize>]) -> Vec<Mention> {
    let mut tagger = DocTagger {
        lang,
        ..DocTagger::default()
    };
    let mut out = Vec::new();
    let mut upper: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let Some(stext) = text.get(s.clone()) else { continue };
        let mut toks: Vec<Range<usize>> = tokens(stext)
            .into_iter()
            .map(|r| r.start + s.start..r.end + s.start)
            .collect();
        if lang == Lang::Fr {
            toks = split_elisions(text, toks);
        }
        let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
        if features::is_upper_sentence(&words) {
            // headlines in capitals are tagged last, when the document history knows the names
            upper.push((si, toks));
            continue;
        }
        for w in toks.chunks(MAX_TAG_TOKENS) {
            let names = tagger.names(model, text, w);
            push_sentence(text, w, &names, si, lang, &mut out);
        }
    }
    for (si, toks) in upper {
        for w in toks.chunks(MAX_TAG_TOKENS) {
            let names = tagger.names(model, text, w);
            push_sentence(text, w, &names, si, lang, &mut out);
        }
    }
    out.sort_by_key(|m| m.start);
    canonical::resolve_in(text, sents, &mut out);
    out
}

fn push_sentence(text: &str, toks: &[Range<usize>], names: &[NameSpan], si: usize, lang: Lang, out: &mut Vec<Mention>) {
    let mut covered = vec![false; toks.len()];
    let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
    // a one-word "name" that is the currency of an amount before it is left to the amount rules
    let names = names
        .iter()
        .filter(|n| !(n.toks.len() == 1 && rules::is_currency_after_amount(&words, n.toks.start, lang)));
    for n in names {
        covered[n.toks.clone()].iter_mut().for_each(|c| *c = true);
        out.push(Mention {
            start: toks[n.toks.start].start,
            end: toks[n.toks.end - 1].end,
            label: n.label,
            canonical: String::new(),
            entity_id: 0,
            sentence: si as u32,
        });
    }
    for (r, label) in rules::find(text, toks, &covered, lang) {
        out.push(Mention {
            start: toks[r.start].start,
            end: toks[r.end - 1].end,
            label,
            canonical: String::new(),
            entity_id: 0,
            sentence: si as u32,
        });
    }
}

/// French elided articles and pronouns as tokens of their own ("l'" + "OMS", "d'" + "Amnesty",
/// "L'" + "Organisation"), as the French corpora are tokenised: the name after one starts after
/// the apostrophe.
fn split_elisions(text: &str, toks: Vec<Range<usize>>) -> Vec<Range<usize>> {
    const ELIDED: &[&str] = &[
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    ];
    let mut out = Vec::with_capacity(toks.len() + toks.len() / 8);
    for t in toks {
        let w = text.get(t.clone()).unwrap_or("");
        // the byte after the apostrophe, when what comes before it is an elided word
        let cut = w
            .char_indices()
            .find(|&(_, c)| c == '\'' || c == '’')
            .and_then(|(k, c)| {
                let after = k + c.len_utf8();
                (ELIDED.contains(&w[..k].to_lowercase().as_str())
                    && w[after..].chars().next().is_some_and(char::is_alphabetic))
                .then_some(after)
            });
        match cut {
            Some(after) => {
                out.push(t.start..t.start + after);
                out.push(t.start + after..t.end);
            }
            None => out.push(t),
        }
    }
    out
}

/// A name found in one sentence: token range and label.
#[derive(Clone, Debug, PartialEq)]
pub struct NameSpan {
    pub toks: Range<usize>,
    pub label: Label,
}

/// Decodes sentence after sentence of one document, carrying the document history.
#[derive(Default)]
pub struct DocTagger {
    pub hist: History,
    pub sc: Scratch,
    emis: Vec<f32>,
    pub tags: Vec<u8>,
    pub marks: Vec<u64>,
    /// The language names are read in (titles, calendar words).
    pub lang: Lang,
}

impl DocTagger {
    /// Compute marks and features of a sentence (tokens are byte ranges into `text`).
    pub fn prepare(&mut self, text: &str, toks: &[Range<usize>]) {
        self.mark(text, toks);
        let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
        sentence_features(&words, &self.marks, &self.hist, &mut self.sc);
    }

    /// The gazetteer marks of a sentence, and the word table its features read.
    fn mark(&mut self, text: &str, toks: &[Range<usize>]) {
        self.marks = Gazetteer::get().marks(text, toks);
        self.sc.lexicon = clusters::Lexicon::of(self.lang);
    }

    /// Viterbi-decode the prepared sentence into `self.tags`.
    pub fn decode<S: Scorer>(&mut self, scorer: &S, n: usize) {
        self.emis.clear();
        self.emis.resize(n * N_TAGS, 0.0);
        scorer.sentence_emissions(&self.sc.feats, &self.sc.offsets, &mut self.emis);
        viterbi(&self.emis, n, scorer.transitions(), &mut self.tags);
    }

    /// Record the decoded entities of the sentence in the document history.
    pub fn remember(&mut self, words: &[&str]) {
        for (i, &t) in self.tags.iter().enumerate() {
            if let Some(ty) = tag_type(t) {
                if case_of(words[i]) != Case::Lower {
                    self.hist.record(self.sc.keys[i], ty);
                }
            }
        }
    }

    /// Tag one sentence and return its post-processed names.
    pub fn names<S: Scorer>(&mut self, scorer: &S, text: &str, toks: &[Range<usize>]) -> Vec<NameSpan> {
        if toks.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = toks.iter().map(|r| text.get(r.clone()).unwrap_or("")).collect();
        match scorer.as_model() {
            Some(model) => {
                // the shipped models tag through the word cache (same scores, fewer reads)
                self.mark(text, toks);
                let n = toks.len();
                self.emis.clear();
                self.emis.resize(n * N_TAGS, 0.0);
                let lexicon = self.sc.lexicon;
                let (marks, hist, sc, emis) = (&self.marks, &self.hist, &mut self.sc, &mut self.emis);
                wordcache::with_cache(model, lexicon, |c| {
                    c.sentence_emissions(model, &words, marks, hist, sc, emis)
                });
                viterbi(&self.emis, n, model.transitions(), &mut self.tags);
            }
            None => {
                self.prepare(text, toks);
                self.decode(scorer, toks.len());
            }
        }
        self.remember(&words);
        let mut names = postprocess(&words, &self.tags, &self.marks, self.lang);
        let line = institutions::Line::new(text, toks, &words);
        institutions::merge(&words, self.lang, &mut names, institutions::find(&line, self.lang));
        names
    }
}

/// BILOU tags -> (type, token range) spans.
pub fn spans_of(tags: &[u8]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match (tag_type(t), tag_pos(t)) {
            (Some(ty), 0) => open = Some((ty, i)),
            (Some(ty), 2) => {
                if let Some((oty, s)) = open.take() {
                    if oty == ty {
                        out.push((ty, s..i + 1));
                    }
                }
            }
            (Some(ty), 3) => {
                open = None;
                out.push((ty, i..i + 1));
            }
            (Some(_), _) => {}
            (None, _) => open = None,
        }
    }
    out
}

const GEO_FEATURE_WORDS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "mountain",
    "mountains",
    "mount",
    "mt.",
    "lake",
    "valley",
    "gulf",
    "bay",
    "island",
    "islands",
    "peninsula",
    "desert",
    "strait",
    "canal",
    "coast",
    "region",
    "basin",
    "forest",
    "park",
    "street",
    "road",
    "avenue",
    "square",
    "bridge",
    "airport",
    "beach",
    "hill",
    "hills",
    "plain",
    "plains",
    "delta",
    "glacier",
    "cape",
    "channel",
    "falls",
    "canyon",
    "highway",
    "border",
];

/// Last words that make a name a building or structure (a LOC, like the places above).
const FACILITY_HEADS: &[&str] = &[
    "tower",
    "towers",
    "garden",
    "gardens",
    "plaza",
    "stadium",
    "arena",
    "palace",
    "castle",
    "cathedral",
    "abbey",
    "mosque",
    "temple",
    "station",
    "harbour",
    "harbor",
    "pier",
    "monument",
    "memorial",
];

/// Lower-case connectors that may stand inside a name ("Bank of England", "Abu al-Qasim").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "el", "al", "bin",
    "ibn", "van", "von", "der", "den", "ter", "y", "e", "and", "for", "the", "on", "upon", "in", "at", "&", "'s", "’s",
    "-", "'", ".",
];

fn word_set(src: &'static str) -> std::collections::HashSet<&'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Is `lower` a word (or, in German, a compound ending) that makes a place a LOC in `lang`
/// (`data/gazetteers/loc_feature_words_multilingual.txt`: "rio", "sierra", "mont", "-straße")?
fn is_loc_feature_word(lower: &str, lang: Lang) -> bool {
    static L: OnceLock<LangWords> = OnceLock::new();
    L.get_or_init(|| LangWords::parse(include_str!("../../data/gazetteers/loc_feature_words_multilingual.txt")))
        .has(lower, lang)
}

/// Words that make a name an organisation when they head it ("Comisión", "Ministry", "Bank"),
/// and German compound endings that do ("-ministerium"), per language.
pub(crate) fn org_heads() -> &'static LangWords {
    static L: OnceLock<LangWords> = OnceLock::new();
    L.get_or_init(|| LangWords::parse(include_str!("../../data/gazetteers/org_heads_multilingual.txt")))
}

/// Lower-case words per language, from a list with `# --- <code>` sections; a line starting with
/// "-" is a compound ending (the word is longer than the ending by three bytes or more).
#[derive(Default)]
pub(crate) struct LangWords(
    std::collections::HashMap<&'static str, (std::collections::HashSet<&'static str>, Vec<&'static str>)>,
);

impl LangWords {
    fn parse(list: &'static str) -> LangWords {
        let mut m = LangWords::default();
        let mut code = "";
        for line in list.lines() {
            let line = line.trim();
            if let Some(c) = line.strip_prefix("# --- ") {
                code = c.trim();
            } else if !line.is_empty() && !line.starts_with('#') {
                let (words, endings) = m.0.entry(code).or_default();
                match line.strip_prefix('-') {
                    Some(end) => endings.push(end),
                    None => {
                        words.insert(line);
                    }
                }
            }
        }
        m
    }

    pub(crate) fn has(&self, lower: &str, lang: Lang) -> bool {
        self.0.get(lang.code()).is_some_and(|(words, _)| words.contains(&lower)) || self.is_compound(lower, lang)
    }

    /// Ends with one of the language's compound endings (and is longer than it).
    pub(crate) fn is_compound(&self, lower: &str, lang: Lang) -> bool {
        self.0
            .get(lang.code())
            .is_some_and(|(_, endings)| endings.iter().any(|e| lower.len() > e.len() + 2 && lower.ends_with(e)))
    }
}

fn is_function_word(w: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let s = S.get_or_init(|| word_set(include_str!("../../data/entities/function_words.txt")));
    w.len() <= 12 && s.contains(w.to_lowercase().as_str())
}

fn is_misc_head(lower: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| word_set(include_str!("../../data/entities/misc_heads.txt")))
        .contains(lower)
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Lower-case particles of surnames, in the five languages.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "da", "do", "dos", "das", "du", "la", "le", "di",
];

/// Labels from tagger types, titles stripped from PERSON, GPE told from LOC, NORP added.
fn postprocess(words: &[&str], tags: &[u8], marks: &[u64], lang: Lang) -> Vec<NameSpan> {
    let g = Gazetteer::get();
    let mut out: Vec<NameSpan> = Vec::new();
    // "Ukraine's Donbass": a known name before a possessive inside a span is its own name
    let mut spans = Vec::new();
    for (ty, r) in spans_of(tags) {
        let poss = (r.start + 1..r.end.saturating_sub(1)).find(|&k| matches!(words[k], "'s" | "’s" | "'S" | "’S"));
        match poss {
            Some(k) if g.lookup(&words[r.start..k].join(" ")) != 0 => {
                spans.push((ty, r.start..k));
                spans.push((ty, k + 1..r.end));
            }
            _ => {
                // "Donetsk and Lugansk": two known places joined by "and" are two names
                let conj =
                    (r.start + 1..r.end.saturating_sub(1)).find(|&k| matches!(words[k], "and" | "&" | "or" | ","));
                let known = |rr: Range<usize>| g.lookup(&words[rr].join(" ")) != 0;
                match conj {
                    Some(k) if !known(r.clone()) && known(r.start..k) && known(k + 1..r.end) => {
                        spans.push((ty, r.start..k));
                        spans.push((ty, k + 1..r.end));
                    }
                    _ => spans.push((ty, r)),
                }
            }
        }
    }
    // "Annalena Baerbock Herrn Müller", "Berlin Herrn Müller": a title between capitalised
    // words inside a span starts a person's name (the title itself is stripped below); not in
    // English, where titles are also parts of names ("U.N. General Assembly", "Martin Luther
    // King Day")
    let split_at_titles = lang != Lang::En;
    let spans: Vec<(usize, Range<usize>)> = spans
        .into_iter()
        .flat_map(|(ty, r)| {
            let mut parts = Vec::new();
            let (mut s, mut t) = (r.start, ty);
            for k in r.start + 1..r.end.saturating_sub(1) {
                if split_at_titles
                    && k > s
                    && is_cap(words[k])
                    && is_cap(words[k - 1])
                    && is_cap(words[k + 1])
                    && g.is(words[k], List::Title)
                    && !g.is(words[k - 1], List::Title)
                {
                    parts.push((t, s..k));
                    (s, t) = (k, 0);
                }
            }
            parts.push((t, s..r.end));
            parts
        })
        .collect();
    let tagged: Vec<Range<usize>> = spans.iter().map(|(_, r)| r.clone()).collect();
    for (ty, mut r) in spans {
        // possessives and punctuation never end a name; lower-case words never start one
        while r.len() > 1
            && words[r.end - 1]
                .chars()
                .all(|c| !c.is_alphanumeric() || c == 's' || c == 'S')
            && !words[r.end - 1].chars().all(char::is_alphanumeric)
        {
            r.end -= 1;
        }
        while r.len() > 1
            && (words[r.start].chars().all(|c| c.is_lowercase() || !c.is_alphanumeric())
                || is_function_word(words[r.start])
                || (r.start == 0 && words[r.start].ends_with("ing") && g.lookup(words[r.start]) == 0))
        {
            r.start += 1;
        }
        while r.len() > 1
            && words[r.end - 1]
                .chars()
                .all(|c| c.is_lowercase() || !c.is_alphanumeric())
        {
            r.end -= 1;
        }
        // "Macedonian king Amyntas": a lower-case word inside a name that is not a connector
        // ("of", "de", "al") ends what comes before it
        if let Some(k) = (r.start + 1..r.end.saturating_sub(1))
            .rev()
            .find(|&k| words[k].chars().all(|c| c.is_lowercase()) && !CONNECTORS.contains(&words[k]))
        {
            r.start = k + 1;
        }
        if is_function_word(words[r.start]) && r.len() == 1 {
            continue;
        }
        // laws, treaties, awards, events: not a person, organisation or place
        let last = words[r.end - 1].to_lowercase();
        if is_misc_head(&last)
            || (r.len() > 2 && is_misc_head(&words[r.start].to_lowercase()) && words[r.start + 1] == "of")
        {
            continue;
        }
        // a bare title ("Emperor", "Roman Emperor") is not a name
        if words[r.clone()]
            .iter()
            .all(|w| g.lookup(w) & ((1 << List::Title as u16) | (1 << List::Norp as u16)) != 0)
            && words[r.clone()].iter().any(|w| g.is(w, List::Title))
        {
            continue;
        }
        if words[r.clone()].iter().all(|w| !w.chars().any(char::is_alphanumeric)) {
            continue;
        }
        // weekdays and months are dates, not names ("Dienstag", "Março"); in English a month
        // may be a name ("Theresa May", "April Ryan"), so there only weekdays
        if words[r.clone()]
            .iter()
            .all(|w| rules::is_calendar_word(w, lang != Lang::En) || is_function_word(w))
        {
            continue;
        }
        let label = match ty {
            0 => Label::Person,
            1 => Label::Org,
            2 => Label::Loc,
            3 => Label::Norp,
            _ => continue, // MISC is learnt (it keeps products and events out of the other types) but not reported
        };
        if label == Label::Person {
            // strip leading titles ("President", "Prime Minister", "Mr.")
            'strip: while r.len() > 1 {
                for k in (1..=3.min(r.len() - 1)).rev() {
                    let cand = words[r.start..r.start + k].join(" ");
                    if g.is(&cand, List::Title) {
                        r.start += k;
                        continue 'strip;
                    }
                }
                break;
            }
        }
        if label == Label::Person && r.end < words.len() {
            // regnal numbers and suffixes belong to the name ("Thutmose III", "Louis XIV")
            let next = words[r.end].trim_end_matches('.');
            let after = words.get(r.end + 1).copied().unwrap_or("");
            let numeral = matches!(
                next,
                "II" | "III"
                    | "IV"
                    | "V"
                    | "VI"
                    | "VII"
                    | "VIII"
                    | "IX"
                    | "X"
                    | "XI"
                    | "XII"
                    | "XIII"
                    | "XIV"
                    | "XV"
                    | "XVI"
                    | "Jr"
                    | "Sr"
            );
            let first = next == "I" && (after.is_empty() || after == "of" || !after.chars().any(char::is_alphanumeric));
            if numeral || first {
                r.end += 1;
            }
        }
        if label == Label::Person {
            // a surname's particles belong to the name ("Ursula von der Leyen", "Charles de
            // Gaulle", "Vinícius dos Santos"), unless what follows them is a known place
            // ("Pedro Sánchez de Madrid") or the tagger's next name ("Eduardo Paes de Rio de Janeiro")
            // (German capitalises every noun: there only "von"/"van"/"zu" open the particles)
            let opens = |w: &str| lang != Lang::De || matches!(w, "von" | "van" | "zu");
            let mut k = r.end;
            while k < words.len()
                && k < r.end + 2
                && NAME_PARTICLES.contains(&words[k])
                && (k > r.end || opens(words[k]))
            {
                k += 1;
            }
            if k > r.end
                && k < words.len()
                && is_cap(words[k])
                && words[k].chars().any(char::is_lowercase)
                && !tagged.iter().any(|t| t.contains(&k) && t.len() > 1)
                && g.lookup(words[k])
                    & ((1 << List::Country as u16) | (1 << List::City as u16) | (1 << List::State as u16))
                    == 0
            {
                r.end = k + 1;
            }
        }
        let text = words[r.clone()].join(" ");
        let mut label = label;
        let mut r = r;
        if label == Label::Org && r.start > 0 && words[r.start - 1] == "The" && g.is(&format!("The {text}"), List::Org)
        {
            r.start -= 1;
        }
        if label == Label::Org
            && is_cap(&text)
            && g.lookup(&text) & gazetteer::GPE_LISTS != 0
            && g.lookup(&text) & (1 << List::Org as u16) == 0
        {
            // a country or city standing for its government ("Moscow said") is still a GPE
            label = Label::Gpe;
        }
        if label == Label::Org && r.len() > 1 && {
            let head = words[r.end - 1].to_lowercase();
            GEO_FEATURE_WORDS.contains(&head.as_str()) || FACILITY_HEADS.contains(&head.as_str())
        } {
            // a name whose head is a place or a building ("Black Sea", "Istanbul Canal",
            // "South Bank Tower", "Madison Square Garden") is a place, whatever its context
            label = Label::Loc;
        }
        if label == Label::Loc && {
            // a place-typed name headed by an organisation word ("Comisión Europea", "Banco de
            // España", "European Commission", "Bundesjustizministerium") is that organisation,
            // unless the gazetteers know the whole name as a place
            let (first, last) = (words[r.start].to_lowercase(), words[r.end - 1].to_lowercase());
            let heads = if r.len() > 1 {
                // English puts the head first only before "of"/"for" ("Bank of England"; "Union
                // Square" is a place)
                let first_heads = lang != Lang::En || matches!(words[r.start + 1], "of" | "for");
                first_heads && org_heads().has(&first, lang) || org_heads().has(&last, lang)
            } else {
                org_heads().is_compound(&first, lang)
            };
            heads && g.lookup(&text) & (gazetteer::GPE_LISTS | 1 << List::Region as u16) == 0
        } {
            label = Label::Org;
        }
        if label == Label::Loc {
            let lists = g.lookup(&text);
            let gpe = lists & gazetteer::GPE_LISTS != 0;
            let region = lists & (1 << List::Region as u16) != 0;
            let geo_word = words[r.clone()].iter().any(|w| {
                let w = w.to_lowercase();
                GEO_FEATURE_WORDS.contains(&w.as_str()) || is_loc_feature_word(&w, lang)
            });
            label = if region || (!gpe && geo_word) {
                Label::Loc
            } else {
                Label::Gpe
            };
        }
        if matches!(label, Label::Person | Label::Org | Label::Loc | Label::Gpe)
            && g.lookup(&text) & (1 << List::Norp as u16) != 0
            && g.lookup(&text)
                & ((1 << List::Org as u16)
                    | (1 << List::Country as u16)
                    | (1 << List::GpeExtra as u16)
                    | (1 << List::City as u16))
                == 0
        {
            label = Label::Norp;
        }
        if matches!(label, Label::Loc | Label::Gpe)
            && r.len() == 1
            && g.lookup(&text) == 0
            && ["ans", "ese", "ish", "ic", "ine"].iter().any(|suf| text.ends_with(suf))
        {
            label = Label::Norp; // "Persian", "Germanic", "Athenians"
        }
        if label == Label::Norp
            && g.lookup(&text) & (1 << List::Norp as u16) == 0
            && g.lookup(&text) & ((1 << List::Country as u16) | (1 << List::GpeExtra as u16)) != 0
        {
            label = Label::Gpe;
        }
        if out.last().is_some_and(|p: &NameSpan| p.toks.end > r.start) {
            continue; // inside a name extended over its particles
        }
        out.push(NameSpan { toks: r, label });
    }
    // NORP from the demonym list where the tagger found nothing ("North Koreans", "Russian")
    let norp = |m: u64, pos: u32| m & gazetteer::mark_bit(List::Norp, pos) != 0;
    let covered = |i: usize, out: &[NameSpan]| out.iter().any(|n| n.toks.contains(&i));
    let mut cov = vec![false; words.len()];
    for n in &out {
        cov[n.toks.clone()].iter_mut().for_each(|c| *c = true);
    }
    let mut i = 0;
    let mut extra = Vec::new();
    while i < words.len() {
        if is_cap(words[i]) && !cov[i] {
            if norp(marks[i], 0) {
                let mut j = i + 1;
                while j < words.len() && !norp(marks[j], 2) && norp(marks[j], 1) {
                    j += 1;
                }
                if j < words.len() && norp(marks[j], 2) && !cov[i..=j].iter().any(|&c| c) {
                    extra.push(NameSpan {
                        toks: i..j + 1,
                        label: Label::Norp,
                    });
                    i = j + 1;
                    continue;
                }
            }
            if norp(marks[i], 3) {
                extra.push(NameSpan {
                    toks: i..i + 1,
                    label: Label::Norp,
                });
            }
        }
        i += 1;
    }
    out.extend(extra);
    out.sort_by_key(|n| n.toks.start);
    // a multi-word demonym split by the tagger ("North" + "Koreans") becomes one NORP span
    let mut i = 0;
    while i < words.len() {
        if norp(marks[i], 0) {
            if let Some(j) = (i + 1..words.len().min(i + 6)).find(|&j| norp(marks[j], 2)) {
                let inside: Vec<usize> = (0..out.len())
                    .filter(|&k| out[k].toks.start >= i && out[k].toks.end <= j + 1)
                    .collect();
                let crossing = out
                    .iter()
                    .any(|n| (n.toks.start < i && n.toks.end > i) || (n.toks.start <= j && n.toks.end > j + 1));
                if !crossing && inside.iter().any(|&k| out[k].label == Label::Norp) && (i..=j).all(|t| covered(t, &out))
                {
                    for &k in inside.iter().rev() {
                        out.remove(k);
                    }
                    out.push(NameSpan {
                        toks: i..j + 1,
                        label: Label::Norp,
                    });
                    out.sort_by_key(|n| n.toks.start);
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    if lang != Lang::En {
        countries_in_language(words, lang, &mut out);
        organisations_in_language(words, lang, &mut out);
    }
    out
}

/// A list of names by language (`code name` a line): the set of `code lower-cased name` and the
/// most words a name has.
struct LangNames {
    /// per language code: the lower-cased names, and the lower-cased first words of them (a
    /// token no name starts with is passed over)
    by_lang: std::collections::HashMap<String, (std::collections::HashSet<String>, std::collections::HashSet<String>)>,
    longest: usize,
}

impl LangNames {
    fn parse(list: &str) -> LangNames {
        let mut longest = 1;
        let mut by_lang: std::collections::HashMap<
            String,
            (std::collections::HashSet<String>, std::collections::HashSet<String>),
        > = Default::default();
        for l in list.lines().filter(|l| !l.starts_with('#')) {
            let Some((code, name)) = l.split_once(' ') else {
                continue;
            };
            longest = longest.max(name.split(' ').count());
            let name = name.to_lowercase();
            let (names, firsts) = by_lang.entry(code.to_string()).or_default();
            firsts.insert(name.split(' ').next().unwrap_or("").to_string());
            names.insert(name);
        }
        LangNames { by_lang, longest }
    }

    /// Could a name of the list start with `word`?
    fn starts(&self, lang: Lang, word: &str) -> bool {
        self.by_lang
            .get(lang.code())
            .is_some_and(|(_, firsts)| firsts.contains(&word.to_lowercase()))
    }

    fn has(&self, lang: Lang, words: &[&str]) -> bool {
        words.len() <= self.longest
            && self
                .by_lang
                .get(lang.code())
                .is_some_and(|(names, _)| names.contains(&words.join(" ").to_lowercase()))
    }

    /// The longest listed names over tokens no name covers yet, left to right (first and last
    /// word capitalised, or the whole name in capitals).
    fn find_uncovered(&self, words: &[&str], lang: Lang, out: &[NameSpan]) -> Vec<Range<usize>> {
        let mut covered = vec![false; words.len()];
        for n in out {
            covered[n.toks.clone()].iter_mut().for_each(|c| *c = true);
        }
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if !covered[i] && is_cap(words[i]) && self.starts(lang, words[i]) {
                let fits = (1..=self.longest.min(words.len() - i)).rev().find(|&k| {
                    !covered[i..i + k].contains(&true) && is_cap(words[i + k - 1]) && self.has(lang, &words[i..i + k])
                });
                if let Some(k) = fits {
                    found.push(i..i + k);
                    i += k;
                    continue;
                }
            }
            i += 1;
        }
        found
    }
}

/// Country names as an article in `lang` writes them ("Alemanha", "Estados Unidos",
/// "Vereinigte Staaten", "Royaume-Uni"; CLDR, `data/gazetteers/gpe_countries_multilingual.txt`):
/// a name the tagger read as a place or an organisation is a GPE, and one it left out becomes
/// one (the longest name first). Names it read as a person stay people ("Maurice" is also
/// Mauritius in French).
fn countries_in_language(words: &[&str], lang: Lang, out: &mut Vec<NameSpan>) {
    static NAMES: std::sync::LazyLock<LangNames> = std::sync::LazyLock::new(|| {
        LangNames::parse(include_str!("../../data/gazetteers/gpe_countries_multilingual.txt"))
    });
    for n in out.iter_mut() {
        if matches!(n.label, Label::Org | Label::Loc) && NAMES.has(lang, &words[n.toks.clone()]) {
            n.label = Label::Gpe;
        }
    }
    let found = NAMES.find_uncovered(words, lang, out);
    if !found.is_empty() {
        out.extend(found.into_iter().map(|toks| NameSpan {
            toks,
            label: Label::Gpe,
        }));
        out.sort_by_key(|n| n.toks.start);
    }
}

/// International organisations as an article in `lang` writes them ("Nações Unidas", "OMS",
/// "Vereinten Nationen", "Banque mondiale"; `data/gazetteers/org_international_multilingual.txt`):
/// the tagger's names inside or equal to one give way to it (its "Süddeutsche" NORP, a
/// "Europäischen Union" read as a place), and one it left out is found.
fn organisations_in_language(words: &[&str], lang: Lang, out: &mut Vec<NameSpan>) {
    static NAMES: std::sync::LazyLock<LangNames> = std::sync::LazyLock::new(|| {
        LangNames::parse(include_str!("../../data/gazetteers/org_international_multilingual.txt"))
    });
    // and the organisations the gazetteer knows in any language (agencies, outlets, companies:
    // "Le Monde", "Boeing"), written exactly as listed ("RAND", not "Rand"); one word only inside
    // a sentence that is not in capitals, where a capital is not the sentence's, and of three
    // letters or more ("EU" is Portuguese "I" in capitals: the language's own list has it)
    /// Names written as listed, their first words, and the most words one has.
    struct Orgs {
        names: std::collections::HashSet<&'static str>,
        firsts: std::collections::HashSet<&'static str>,
        longest: usize,
    }
    static ORGS: std::sync::LazyLock<Orgs> = std::sync::LazyLock::new(|| {
        // the gazetteer's organisations, and the outlets and agencies of more than one word
        // (one-word outlet names are often words: "Welt", "Bild", "Público", "Record")
        let mut names: std::collections::HashSet<&'static str> =
            crate::lexicon::entries(include_str!("../../data/gazetteers/org_names.txt")).collect();
        for list in [
            include_str!("../../data/outlets.txt"),
            include_str!("../../data/agencies.txt"),
        ] {
            names.extend(
                crate::lexicon::entries(list)
                    .flat_map(|l| l.split('|'))
                    .map(str::trim)
                    .filter(|n| n.contains(' ')),
            );
        }
        let firsts = names.iter().filter_map(|n| n.split(' ').next()).collect();
        let longest = names.iter().map(|n| n.split(' ').count()).max().unwrap_or(1);
        Orgs { names, firsts, longest }
    });
    let headline = features::is_upper_sentence(words);
    // a name that starts with an article ("Die Welt", "El Mundo") is the outlet only inside a
    // sentence: at its start the capital is the sentence's
    const ARTICLES: &[&str] = &[
        "Le", "La", "Les", "El", "Los", "Las", "O", "A", "Os", "As", "Der", "Die", "Das",
    ];
    let known = |r: Range<usize>| {
        let inside = r.start > 0 && !headline;
        (if r.len() > 1 {
            inside || !ARTICLES.contains(&words[r.start])
        } else {
            inside && words[r.start].chars().count() > 2
        }) && ORGS.names.contains(words[r].join(" ").as_str())
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (listed, known_first) = if is_cap(words[i]) {
            (NAMES.starts(lang, words[i]), ORGS.firsts.contains(words[i]))
        } else {
            (false, false)
        };
        let fits = (1..=NAMES.longest.max(ORGS.longest).min(words.len() - i))
            .rev()
            .find(|&k| listed && NAMES.has(lang, &words[i..i + k]) || known_first && known(i..i + k));
        match fits {
            Some(k) => {
                found.push(i..i + k);
                i += k;
            }
            None => i += 1,
        }
    }
    institutions::put(out, found);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blobs laid out at build time hold what the source files hold.
    #[test]
    fn built_layouts_equal_the_parsed_files() {
        let parsed = Model::from_bytes(include_bytes!("../../data/ner/weights.bin")).expect("weights parse");
        let blob = model();
        assert!(!blob.is_empty());
        assert_eq!(parsed.n_features(), blob.n_features());
        let text = "President Joe Biden met Kim Jong-un in Hanoi on Monday. Biden said the U.S. would pay.";
        let toks = tokens(text);
        let (mut a, mut b) = (DocTagger::default(), DocTagger::default());
        a.prepare(text, &toks);
        b.prepare(text, &toks);
        a.decode(&parsed, toks.len());
        b.decode(blob, toks.len());
        assert_eq!(a.emis, b.emis);
        assert!(a.emis.iter().any(|&x| x != 0.0));
        let words = layout::word_entries(
            include_str!("../../data/entities/word_clusters.txt"),
            include_str!("../../data/entities/word_lexicon.txt"),
        );
        assert!(words.len() > 300_000);
        for (k, w) in words.iter() {
            let i = clusters::info_of_key(*k);
            assert_eq!(
                (i.fine, i.coarse, i.cap_brown, i.low_brown, i.caps, i.freq),
                (w.fine, w.coarse, w.cap_brown, w.low_brown, w.caps, w.freq),
                "{k:x} {w:?}"
            );
        }
    }

    #[test]
    fn streets_rivers_and_mountains_are_places_not_cities_in_every_language() {
        let de = "Er wohnte bis 1832 in der Goethestraße 5 in Weimar.";
        assert_eq!(
            label_of(de, "de", "Goethestraße"),
            Some(Label::Loc),
            "{:?}",
            names_in(de, "de")
        );
        assert_eq!(label_of(de, "de", "Weimar"), Some(Label::Gpe));
        let pt = "A chuva fez transbordar o rio Tietê em São Paulo, segundo a Defesa Civil.";
        assert_eq!(
            label_of(pt, "pt", "São Paulo"),
            Some(Label::Gpe),
            "{:?}",
            names_in(pt, "pt")
        );
    }

    #[test]
    fn place_typed_names_headed_by_an_organisation_word_are_organisations() {
        let es = "Señor Presidente, la Comisión Europea ha presentado hoy su propuesta en Estrasburgo.";
        assert_eq!(
            label_of(es, "es", "Comisión Europea"),
            Some(Label::Org),
            "{:?}",
            names_in(es, "es")
        );
        assert_eq!(label_of(es, "es", "Estrasburgo"), Some(Label::Gpe));
        // the rule itself, on what the tagger hands it
        let heads = org_heads();
        assert!(heads.has("comisión", Lang::Es) && heads.has("ministério", Lang::Pt) && heads.has("bank", Lang::En));
        assert!(
            heads.is_compound("bundesjustizministerium", Lang::De) && heads.is_compound("bundesärztekammer", Lang::De)
        );
        assert!(!heads.is_compound("kammer", Lang::De) && !heads.has("kammer", Lang::En));
        // a name the gazetteers know as a place keeps its type; English heads first only before "of"
        let en = "The Soviet Union and the African Union met near Union Square, said the Bank of England.";
        assert_eq!(
            label_of(en, "en", "Soviet Union"),
            Some(Label::Gpe),
            "{:?}",
            names_in(en, "en")
        );
        assert_ne!(
            label_of(en, "en", "Union Square"),
            Some(Label::Org),
            "{:?}",
            names_in(en, "en")
        );
        assert_eq!(label_of(en, "en", "Bank of England"), Some(Label::Org));
    }

    #[test]
    fn institutions_are_organisations_in_every_language() {
        let orgs = |t: &str, lang: &str| -> Vec<String> {
            names_in(t, lang)
                .into_iter()
                .filter(|(_, l, _)| *l == Label::Org)
                .map(|(s, _, _)| s)
                .collect()
        };
        let de = "Das Bundesverfassungsgericht in Karlsruhe hat das Gesetz gekippt, wie ein Sprecher des \
                  Bundesjustizministeriums sagte. Die Deutsche Bahn und die Europäische Zentralbank schwiegen.";
        let got = orgs(de, "de");
        for name in [
            "Bundesverfassungsgericht",
            "Bundesjustizministeriums",
            "Deutsche Bahn",
            "Europäische Zentralbank",
        ] {
            assert!(got.iter().any(|g| g == name), "{name}: {:?}", names_in(de, "de"));
        }
        let fr = "La Banque centrale européenne a relevé ses taux, et le Conseil constitutionnel a validé la loi.";
        assert_eq!(
            orgs(fr, "fr"),
            ["Banque centrale européenne", "Conseil constitutionnel"],
            "{:?}",
            names_in(fr, "fr")
        );
        let es = "La Unión Europea y el Fondo Monetario Internacional acordaron un rescate para Grecia.";
        assert!(
            orgs(es, "es").contains(&"Fondo Monetario Internacional".to_string()),
            "{:?}",
            names_in(es, "es")
        );
        // a place after "de" that the tagger reads as a place stays one (as news corpora mark it)
        let pt = "A Câmara Municipal de Alcobaça aprovou o orçamento.";
        let names = names_in(pt, "pt");
        assert!(
            names.iter().any(|(s, l, _)| s == "Alcobaça" && *l == Label::Gpe),
            "{names:?}"
        );
    }

    #[test]
    fn surname_particles_stay_in_the_name() {
        let es = "Pedro Sánchez se reunió con la presidenta de la Comisión, Ursula von der Leyen, en Bruselas.";
        assert_eq!(
            label_of(es, "es", "Ursula von der Leyen"),
            Some(Label::Person),
            "{:?}",
            names_in(es, "es")
        );
        assert!(
            !names_in(es, "es").iter().any(|(s, _, _)| s == "Ursula"),
            "{:?}",
            names_in(es, "es")
        );
        // a known place after the particle is not part of the name
        let pt = "O prefeito Eduardo Paes de Rio de Janeiro falou.";
        assert!(
            !names_in(pt, "pt").iter().any(|(s, _, _)| s.contains("Paes de")),
            "{:?}",
            names_in(pt, "pt")
        );
    }

    #[test]
    fn international_organisations_are_found_as_each_language_writes_them() {
        let de = "Die Vereinten Nationen und die Weltbank forderten mehr Hilfe, sagte ein Sprecher der WHO.";
        for name in ["Vereinten Nationen", "Weltbank", "WHO"] {
            assert_eq!(
                label_of(de, "de", name),
                Some(Label::Org),
                "{name}: {:?}",
                names_in(de, "de")
            );
        }
        let pt = "A Organização Mundial da Saúde e a ONU pediram ajuda.";
        assert_eq!(
            label_of(pt, "pt", "Organização Mundial da Saúde"),
            Some(Label::Org),
            "{:?}",
            names_in(pt, "pt")
        );
        assert_eq!(label_of(pt, "pt", "ONU"), Some(Label::Org));
        // organisations the gazetteer knows in any language, written as listed
        let de2 = "Mit Boeing und Airbus verhandelt auch Volkswagen, schreibt der Spiegel. Am Rand der Messe.";
        for name in ["Boeing", "Airbus", "Volkswagen", "Spiegel"] {
            assert_eq!(
                label_of(de2, "de", name),
                Some(Label::Org),
                "{name}: {:?}",
                names_in(de2, "de")
            );
        }
        assert!(
            !names_in(de2, "de").iter().any(|(s, _, _)| s == "Mit" || s == "Rand"),
            "{:?}",
            names_in(de2, "de")
        );
        // outlets of more than one word; one that starts with an article only inside a sentence
        let de3 = "Wie die Süddeutsche Zeitung berichtet, plant der Konzern neue Stellen. Die Welt ist klein.";
        assert_eq!(
            label_of(de3, "de", "Süddeutsche Zeitung"),
            Some(Label::Org),
            "{:?}",
            names_in(de3, "de")
        );
        assert!(
            !names_in(de3, "de").iter().any(|(s, _, _)| s == "Die Welt"),
            "{:?}",
            names_in(de3, "de")
        );
        let fr = "Selon l'OMS et la Banque mondiale, la Croix-Rouge manque de fonds.";
        for name in ["OMS", "Banque mondiale", "Croix-Rouge"] {
            assert_eq!(
                label_of(fr, "fr", name),
                Some(Label::Org),
                "{name}: {:?}",
                names_in(fr, "fr")
            );
        }
    }

    /// The label of the first name that is `name` (or, failing that, holds it).
    fn label_of(t: &str, lang: &str, name: &str) -> Option<Label> {
        let names = names_in(t, lang);
        let exact = names.iter().find(|(s, _, _)| s == name);
        exact
            .or_else(|| names.iter().find(|(s, _, _)| s.contains(name)))
            .map(|(_, l, _)| *l)
    }

    fn names_in(t: &str, lang: &str) -> Vec<(String, Label, String)> {
        extract_lang(t, Some(lang))
            .into_iter()
            .map(|m| (t[m.start..m.end].to_string(), m.label, m.canonical))
            .collect()
    }

    #[test]
    fn german_titles_stay_outside_person_spans_and_weekdays_are_dates() {
        let t = "Bundeskanzler Olaf Scholz hat am Dienstag mit dem französischen Präsidenten Emmanuel Macron \
                 telefoniert. Am Freitag traf Frau Annalena Baerbock Herrn Müller.";
        let got = names_in(t, "de");
        let has = |w: &str, l: Label| got.iter().any(|(x, y, _)| x == w && *y == l);
        assert!(has("Olaf Scholz", Label::Person), "{got:?}");
        assert!(has("Emmanuel Macron", Label::Person), "{got:?}");
        assert!(has("Dienstag", Label::Date) && has("Freitag", Label::Date), "{got:?}");
        for (w, l, _) in &got {
            let title = ["Bundeskanzler", "Präsidenten", "Frau", "Herrn", "Dienstag", "Freitag"]
                .iter()
                .any(|x| w.contains(x));
            assert!(!(l.is_name() && title), "{w:?} {l:?} in {got:?}");
        }
    }

    #[test]
    fn portuguese_titles_stay_outside_and_the_surname_joins_the_full_name() {
        let t = "O presidente Luiz Inácio Lula da Silva afirmou nesta segunda-feira que o governo vai \
                 investir mais. Lula disse que a medida é urgente.";
        let got = names_in(t, "pt");
        let lula: Vec<_> = got.iter().filter(|(_, l, _)| *l == Label::Person).collect();
        assert!(!lula.is_empty(), "{got:?}");
        for (w, _, c) in &lula {
            assert!(!w.contains("presidente") && !w.starts_with("O "), "{got:?}");
            assert_eq!(c, "Luiz Inácio Lula da Silva", "{got:?}");
        }
        assert!(
            got.iter().any(|(w, l, _)| w == "segunda-feira" && *l == Label::Date),
            "{got:?}"
        );
    }

    #[test]
    fn months_of_other_languages_are_dates_not_names_but_english_may_is_a_name() {
        let got = names_in("Março foi seco. Em 3 de dezembro de 2024 choveu.", "pt");
        assert!(!got.iter().any(|(_, l, _)| l.is_name()), "{got:?}");
        assert!(
            got.iter()
                .any(|(w, l, _)| w == "3 de dezembro de 2024" && *l == Label::Date),
            "{got:?}"
        );
        let en = names_in("Prime Minister Theresa May met Joe Biden on Monday.", "en");
        assert!(
            en.iter().any(|(w, l, _)| w == "Theresa May" && *l == Label::Person),
            "{en:?}"
        );
        // "Mars" is a planet in English, a month in French
        let en = names_in("NASA sent a rover to Mars in 2020.", "en");
        assert!(!en.iter().any(|(w, l, _)| w == "Mars" && *l == Label::Date), "{en:?}");
    }

    /// The amounts (DATE .. CARDINAL mentions) of `t` read as `lang`, as (text, label).
    fn amounts_in(t: &str, lang: &str) -> Vec<(String, &'static str)> {
        names_in(t, lang)
            .into_iter()
            .filter(|(_, l, _)| !l.is_name())
            .map(|(w, l, _)| (w, l.as_str()))
            .collect()
    }

    fn want(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        pairs.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    }

    #[test]
    fn amounts_written_out_in_german() {
        let t = "Der Konzern meldete 2,5 Milliarden Euro Umsatz, 300 Millionen Dollar Gewinn und eine Marge \
                 von 3,5 Prozent. Die Schweiz zahlte 500 Millionen Franken und 2,5 Mio. € für 20.000 Tonnen, \
                 eine Milliarde Euro ging an 1.200 Menschen.";
        assert_eq!(
            amounts_in(t, "de"),
            want(&[
                ("2,5 Milliarden Euro", "MONEY"),
                ("300 Millionen Dollar", "MONEY"),
                ("3,5 Prozent", "PERCENT"),
                ("500 Millionen Franken", "MONEY"),
                ("2,5 Mio. €", "MONEY"),
                ("20.000 Tonnen", "QUANTITY"),
                ("eine Milliarde Euro", "MONEY"),
                ("1.200", "CARDINAL"),
            ])
        );
    }

    #[test]
    fn german_dates_and_scale_abbreviations_stay_whole() {
        let t = "Am 3. Mai 2024 kostete der Bau 3 Mrd. Euro, am 7. Oktober 2,5 Mio. Dollar mehr.";
        assert_eq!(
            amounts_in(t, "de"),
            want(&[
                ("3. Mai 2024", "DATE"),
                ("3 Mrd. Euro", "MONEY"),
                ("7. Oktober", "DATE"),
                ("2,5 Mio. Dollar", "MONEY"),
            ])
        );
    }

    #[test]
    fn country_names_of_the_article_language_are_places() {
        for (t, lang, want) in [
            (
                "O acordo entre a Alemanha e os Estados Unidos foi assinado.",
                "pt",
                ["Alemanha", "Estados Unidos"],
            ),
            (
                "Die Vereinigten Staaten und Frankreich verhandeln.",
                "de",
                ["Frankreich", "Frankreich"],
            ),
            (
                "La France et le Royaume-Uni ont signé.",
                "fr",
                ["France", "Royaume-Uni"],
            ),
        ] {
            let got = names_in(t, lang);
            for w in want {
                assert!(got.iter().any(|(x, l, _)| x == w && *l == Label::Gpe), "{w} in {got:?}");
            }
        }
    }

    #[test]
    fn amounts_written_out_in_portuguese() {
        let t = "O governo anunciou US$ 3 bilhões em investimentos e 3 bilhões de reais para a saúde, alta \
                 de 12,5 por cento. O Real Madrid pagou R$ 5 mil, mil vezes mais, por 2 milhões de toneladas.";
        assert_eq!(
            amounts_in(t, "pt"),
            want(&[
                ("US$ 3 bilhões", "MONEY"),
                ("3 bilhões de reais", "MONEY"),
                ("12,5 por cento", "PERCENT"),
                ("R$ 5 mil", "MONEY"),
                ("2 milhões de toneladas", "QUANTITY"),
            ])
        );
    }

    #[test]
    fn amounts_written_out_in_spanish() {
        let t = "La empresa invirtió 1.200 millones de dólares y mil millones de euros, el 3,5 % de su deuda. \
                 Mil veces lo dijo: un millón de dólares, 12 por ciento, 500 pesos y 40 kilómetros.";
        assert_eq!(
            amounts_in(t, "es"),
            want(&[
                ("1.200 millones de dólares", "MONEY"),
                ("mil millones de euros", "MONEY"),
                ("3,5 %", "PERCENT"),
                ("un millón de dólares", "MONEY"),
                ("12 por ciento", "PERCENT"),
                ("500 pesos", "MONEY"),
                ("40 kilómetros", "QUANTITY"),
            ])
        );
    }

    #[test]
    fn amounts_written_out_in_french() {
        let t = "L'État a investi 4 milliards d'euros et 10 millions de dollars, soit 1\u{202f}200 euros par \
                 habitant. Le chômage a atteint 7,5 % et 3 pour cent, pour 500 millions de livres sterling et \
                 12\u{a0}300\u{a0}000 habitants.";
        assert_eq!(
            amounts_in(t, "fr"),
            want(&[
                ("4 milliards d'euros", "MONEY"),
                ("10 millions de dollars", "MONEY"),
                ("1\u{202f}200 euros", "MONEY"),
                ("7,5 %", "PERCENT"),
                ("3 pour cent", "PERCENT"),
                ("500 millions de livres sterling", "MONEY"),
                ("12\u{a0}300\u{a0}000", "CARDINAL"),
            ])
        );
    }

    #[test]
    fn bilou_spans_decode() {
        use tagger::make_tag;
        let tags = [0, make_tag(0, 0), make_tag(0, 2), make_tag(2, 3), 0];
        assert_eq!(spans_of(&tags), vec![(0, 1..3), (2, 3..4)]);
    }

    /// Property: on random text mixing names, numbers, punctuation, combining marks, CJK,
    /// emoji and control characters, every mention is a non-empty, in-order, char-boundary range.
    #[test]
    fn mentions_are_valid_ranges_on_random_text() {
        const POOL: &[&str] = &[
            "Joe",
            "Biden",
            "U.S.",
            "North",
            "Korea",
            "'s",
            "’s",
            "Mr.",
            "President",
            "$",
            "5",
            "1,000",
            "%",
            "São",
            "Paulo",
            "(",
            "ISW",
            ")",
            "Institute",
            "for",
            "War",
            "on",
            "Monday",
            "March",
            "2022",
            "06/09",
            ":",
            ",",
            ".",
            " ",
            "  ",
            "\n",
            "\n\n",
            "日本",
            "—",
            "-",
            "é",
            "\u{301}",
            "🙂",
            "\u{0}",
            "\u{FEFF}",
            "\t",
            "«",
            "»",
            "“",
            "”",
            "AP",
            "NATO",
            "the",
            "The",
            "of",
            "km",
            "million",
            "a.m.",
            "Ж",
            "ß",
            "İ",
            "ﬁ",
        ];
        let mut rng = train::Rng::new(7);
        for _ in 0..3000 {
            let n = rng.below(30);
            let mut t = String::new();
            for _ in 0..n {
                t.push_str(POOL[rng.below(POOL.len())]);
                if rng.below(3) > 0 {
                    t.push(' ');
                }
            }
            let mut last = 0;
            for m in extract(&t) {
                assert!(
                    m.start < m.end
                        && m.start >= last
                        && m.end <= t.len()
                        && t.is_char_boundary(m.start)
                        && t.is_char_boundary(m.end),
                    "{t:?} {m:?}"
                );
                last = m.end;
            }
        }
    }

    #[test]
    fn mentions_are_valid_ranges_on_any_text() {
        let texts = [
            "",
            " ",
            "\u{0}",
            "Ça va? Ünïcödé… «Oui». 日本語。 x\u{0301}y.",
            "$$ 5 % 12:30 p.m. Jan. 3, 2020 Mr. Biden",
            "\u{FEFF}U.S.\n\nN.Y. (AP) — ",
        ];
        for t in texts {
            let ms = extract(t);
            let mut last = 0;
            for m in ms {
                assert!(
                    m.start < m.end && m.start >= last && t.is_char_boundary(m.start) && t.is_char_boundary(m.end),
                    "{t:?} {m:?}"
                );
                last = m.end;
            }
        }
    }
}
