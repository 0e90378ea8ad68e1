//! Claims: who said what. Direct quotes, reported speech and "according to" attributions, with
//! the speaker as written, the speaker resolved through the document, and hedges.
//!
//! In: clean text and the name mentions of the entity pass (`NameSpan`, byte ranges into the same
//! text; when none are given a capitalisation-based name finder in `speakers` stands in).
//! Out: `Claim`s in text order. Every range is a UTF-8 byte range into the text on char
//! boundaries; `content` is never empty; `speaker` and `cue` lie in the text.
//!
//! Stages: `lexicon` (one automaton over the word lists in `data/claims_*.txt`), `quotes` (quote
//! marks paired into quotes), `speakers` (speaker noun phrases, names, resolution, types),
//! `reported` (attributions: quotes, reported clauses, "according to"), `hedges`.

pub mod batch;
pub mod hedges;
pub mod lexicon;
pub mod multilingual;
pub mod quotes;
pub mod reported;
pub mod speakers;

use lexicon::{class, Lexed, Lexicon};
use std::ops::Range;

/// A name mention from the entity pass (the integrator adapts `entities::Mention` into it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    /// "PERSON", "ORG", "GPE", "NORP", "LOC", ...
    pub label: &'static str,
    /// canonical name of the entity ("Kurt Volker" for "Volker"); empty when unknown
    pub canonical: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Direct,
    Indirect,
    AccordingTo,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::AccordingTo => "according_to",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerType {
    Person,
    Org,
    Gpe,
    Norp,
    Anonymous,
    Document,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "PERSON",
            SpeakerType::Org => "ORG",
            SpeakerType::Gpe => "GPE",
            SpeakerType::Norp => "NORP",
            SpeakerType::Anonymous => "ANONYMOUS",
            SpeakerType::Document => "DOCUMENT",
        }
    }
}

/// One claim: a statement the text attributes to a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    /// the claim's text: inside the marks (direct), the reported clause (indirect), the
    /// attributed clause (according_to)
    pub content: Range<usize>,
    /// the source as written nearest the claim; `None` for a quote continuing an earlier speaker
    pub speaker: Option<Range<usize>>,
    /// the most specific name the text gives for the source
    pub speaker_resolved: Option<String>,
    pub speaker_type: SpeakerType,
    /// the reporting verb or phrase with its auxiliaries ("said", "have said", "according to")
    pub cue: Option<Range<usize>>,
    /// hedge words that qualify the claim, lower-cased ("may", "think", "reportedly")
    pub hedges: Vec<String>,
}

impl Claim {
    pub fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// Extract the claims of `text`. `names` are the entity mentions (any order); pass an empty
/// slice to use the built-in capitalisation-based name finder.
pub fn extract(text: &str, names: &[NameSpan]) -> Vec<Claim> {
    extract_lang(text, None, names)
}

/// The language the claim rules read `text` in: `lang` when given, else detected. English
/// (and any language without its own rules) goes to the English reader; "pt", "es", "fr" and
/// "de" to `multilingual`. Texts with several common English function words skip detection.
pub fn claims_language(text: &str, lang: Option<&str>) -> &'static str {
    if let Some(l) = lang {
        let l = l.get(..2).unwrap_or(l).to_ascii_lowercase();
        return ["pt", "es", "fr", "de"].into_iter().find(|&x| x == l).unwrap_or("en");
    }
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let english = [" the ", " and ", " of ", " to ", " is ", " was "]
        .iter()
        .map(|w| head.matches(w).count())
        .sum::<usize>();
    // English running text has " the " alone about every 50 bytes; a quoted English phrase or
    // an English name ("Society of America") in other text has far fewer
    if english >= 3 && english * 60 >= head.len() {
        return "en";
    }
    // a shorter sample is enough to tell these five languages apart, and detection is the
    // larger cost on a short article
    let mut short = head.len().min(700);
    while !head.is_char_boundary(short) {
        short -= 1;
    }
    match crate::lang::detect(&head[..short]) {
        Some(l @ ("pt" | "es" | "fr" | "de")) => l,
        _ => "en",
    }
}

/// `extract` with the language given ("pt", "pt-BR", "de", ...) or detected (`None`).
pub fn extract_lang(text: &str, lang: Option<&str>, names: &[NameSpan]) -> Vec<Claim> {
    if text.is_empty() {
        return Vec::new();
    }
    let lang = claims_language(text, lang);
    let ctx = Ctx::new(text, names);
    if lang != "en" {
        let mut claims = multilingual::extract(&ctx, lang);
        claims.sort_by_key(|c| (c.content.start, c.content.end));
        claims.retain(|c| {
            !c.content.is_empty() && text.is_char_boundary(c.content.start) && text.is_char_boundary(c.content.end)
        });
        return claims;
    }
    let drafts = reported::attribute(&ctx);
    let mut claims: Vec<Claim> = drafts.iter().map(|d| d.claim.clone()).collect();
    speakers::resolve_all(&ctx, &mut claims);
    let mut claims = reported::dedupe(claims, &drafts);
    hedges::mark(&ctx, &mut claims);
    claims.sort_by_key(|c| (c.content.start, c.content.end));
    claims.retain(|c| {
        !c.content.is_empty() && text.is_char_boundary(c.content.start) && text.is_char_boundary(c.content.end)
    });
    claims
}

/// Claims with the entity pass's mentions as names (`entities::Mention` → `NameSpan`).
pub fn extract_with_mentions(text: &str, mentions: &[crate::entities::Mention]) -> Vec<Claim> {
    extract_with_mentions_lang(text, None, mentions)
}

/// `extract_with_mentions` with the article's language given ("pt", "de-AT", ...) or detected.
pub fn extract_with_mentions_lang(text: &str, lang: Option<&str>, mentions: &[crate::entities::Mention]) -> Vec<Claim> {
    let names: Vec<NameSpan> = mentions
        .iter()
        .map(|m| NameSpan {
            start: m.start,
            end: m.end,
            label: m.label.as_str(),
            canonical: m.canonical.clone(),
        })
        .collect();
    extract_lang(text, lang, &names)
}

/// A name in token coordinates.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    pub toks: Range<usize>,
    pub label: &'static str,
    pub canonical: String,
}

/// A quote in token coordinates.
#[derive(Debug, Clone)]
pub(crate) struct TQuote {
    pub q: quotes::Quote,
    /// token of the opening mark (None when the quote ran from the paragraph start)
    pub open_tok: Option<usize>,
    pub close_tok: Option<usize>,
    /// tokens of the content
    pub inner: Range<usize>,
}

const NONE: u32 = u32::MAX;

/// Everything the stages read about one text, in token coordinates.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: Vec<Range<usize>>,
    pub lex: Lexed,
    /// token ranges of the sentences
    pub sents: Vec<Range<usize>>,
    pub sent_of: Vec<u32>,
    pub paras: Vec<Range<usize>>,
    pub para_of: Vec<u32>,
    pub quotes: Vec<TQuote>,
    /// index of the top-level quote whose marks or content hold the token
    pub quote_of: Vec<u32>,
    pub names: Vec<Name>,
    pub name_of: Vec<u32>,
}

fn tok_range(toks: &[Range<usize>], r: &Range<usize>) -> Range<usize> {
    let s = toks.partition_point(|t| t.end <= r.start);
    let e = toks.partition_point(|t| t.start < r.end);
    s..e.max(s)
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, names: &[NameSpan]) -> Ctx<'a> {
        let toks = crate::segment::tokens(text);
        let lex = Lexicon::get().scan(text, &toks);
        let n = toks.len();
        let mut sents = Vec::new();
        let mut sent_of = vec![0u32; n];
        let mut raw: Vec<Range<usize>> = Vec::new();
        // segment::sentences assumes one-byte white space when it looks back over a word: give it
        // the text with every other white space char as ASCII spaces of the same byte length
        // (offsets unchanged; boundaries fall at the edges of those runs)
        let sent_text: std::borrow::Cow<str> = if text.chars().any(|c| c.is_whitespace() && !c.is_ascii()) {
            std::borrow::Cow::Owned(
                text.chars()
                    .map(|c| {
                        if c.is_whitespace() && !c.is_ascii() {
                            " ".repeat(c.len_utf8())
                        } else {
                            c.to_string()
                        }
                    })
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        for s in crate::segment::sentences(&sent_text) {
            let r = tok_range(&toks, &s);
            if r.is_empty() {
                continue;
            }
            // a split after a dotted abbreviation ("the U.S. Securities and ...") unless a new
            // sentence clearly starts ("the U.S. The next ...") or a paragraph ends
            if let Some(prev) = raw.last_mut() {
                let last = &text[toks[prev.end - 1].clone()];
                let first = &text[toks[r.start].clone()];
                let dotted = last.len() >= 3
                    && last.ends_with('.')
                    && last[..last.len() - 1].contains('.')
                    && last.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
                let same_para = !text[toks[prev.end - 1].end..toks[r.start].start].contains("\n");
                let opener = lex.tok[r.start]
                    & (class::DET | class::PRON | class::PRON12 | class::CONNECTIVE | class::REL | class::PREP)
                    != 0
                    || first.chars().next().is_some_and(|c| !c.is_uppercase());
                // "Feb. 14", "No. 5": a short capitalised word and its dot before a number
                let abbrev_num = prev.end >= 2
                    && &text[toks[prev.end - 1].clone()] == "."
                    && {
                        let w = &text[toks[prev.end - 2].clone()];
                        w.len() <= 4
                            && w.chars().next().is_some_and(|c| c.is_uppercase())
                            && w.chars().all(|c| c.is_alphabetic())
                    }
                    && first.chars().next().is_some_and(|c| c.is_ascii_digit());
                if (dotted && !opener || abbrev_num) && same_para {
                    prev.end = r.end;
                    continue;
                }
            }
            raw.push(r);
        }
        for r in raw {
            for t in r.clone() {
                sent_of[t] = sents.len() as u32;
            }
            sents.push(r);
        }
        let mut paras = Vec::new();
        let mut para_of = vec![0u32; n];
        for p in quotes::paragraphs(text) {
            let r = tok_range(&toks, &p);
            if r.is_empty() {
                continue;
            }
            for t in r.clone() {
                para_of[t] = paras.len() as u32;
            }
            paras.push(r);
        }
        let mut tq = Vec::new();
        let mut quote_of = vec![NONE; n];
        for q in quotes::find(text) {
            let find_tok = |r: &Range<usize>| toks.binary_search_by(|t| t.start.cmp(&r.start)).ok();
            let open_tok = if q.open.is_empty() { None } else { find_tok(&q.open) };
            let close_tok = q
                .close
                .as_ref()
                .and_then(|c| toks.binary_search_by(|t| t.end.cmp(&c.end)).ok());
            let inner = tok_range(&toks, &q.content);
            if inner.is_empty() {
                continue;
            }
            let whole = open_tok.unwrap_or(inner.start)..close_tok.map(|c| c + 1).unwrap_or(inner.end);
            // nested quotes (single inside double) never reach here: quotes::find keeps top level
            if whole.clone().any(|t| quote_of[t] != NONE) {
                continue;
            }
            for t in whole {
                quote_of[t] = tq.len() as u32;
            }
            tq.push(TQuote {
                q,
                open_tok,
                close_tok,
                inner,
            });
        }
        let mut ctx = Ctx {
            text,
            toks,
            lex,
            sents,
            sent_of,
            paras,
            para_of,
            quotes: tq,
            quote_of,
            names: Vec::new(),
            name_of: vec![NONE; n],
        };
        let names: Vec<Name> = if names.is_empty() {
            speakers::fallback_names(&ctx)
        } else {
            speakers::merge_given_names(&ctx, names)
        };
        for (i, nm) in names.iter().enumerate() {
            for t in nm.toks.clone() {
                if ctx.name_of[t] == NONE {
                    ctx.name_of[t] = i as u32;
                }
            }
        }
        ctx.names = names;
        ctx
    }

    pub fn n(&self) -> usize {
        self.toks.len()
    }
    pub fn s(&self, t: usize) -> &'a str {
        self.toks.get(t).and_then(|r| self.text.get(r.clone())).unwrap_or("")
    }
    pub fn is(&self, t: usize, word: &str) -> bool {
        self.s(t).eq_ignore_ascii_case(word)
    }
    pub fn flags(&self, t: usize) -> u64 {
        self.lex.tok.get(t).copied().unwrap_or(0)
    }
    pub fn has(&self, t: usize, f: u64) -> bool {
        self.flags(t) & f != 0
    }
    pub fn is_punct(&self, t: usize) -> bool {
        self.s(t).chars().next().is_some_and(|c| !c.is_alphanumeric())
    }
    pub fn is_cap(&self, t: usize) -> bool {
        self.s(t).chars().next().is_some_and(|c| c.is_uppercase())
    }
    pub fn is_lower(&self, t: usize) -> bool {
        self.s(t).chars().next().is_some_and(|c| c.is_lowercase())
    }
    /// a personal pronoun ("he", "It"), not an acronym spelled like one ("WHO", "IT")
    pub fn is_pronoun(&self, t: usize) -> bool {
        let w = self.s(t);
        self.has(t, class::PRON) && !(w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
    }
    pub fn is_quote_mark(&self, t: usize) -> bool {
        matches!(self.s(t), "\"" | "“" | "”" | "„" | "«" | "»" | "‘" | "’" | "'" | "‚")
    }
    pub fn in_quote(&self, t: usize) -> Option<usize> {
        self.quote_of.get(t).copied().filter(|&q| q != NONE).map(|q| q as usize)
    }
    /// inside a quote's content (not on its marks)
    pub fn in_quote_content(&self, t: usize) -> Option<usize> {
        self.in_quote(t).filter(|&q| self.quotes[q].inner.contains(&t))
    }
    pub fn name_at(&self, t: usize) -> Option<usize> {
        self.name_of.get(t).copied().filter(|&q| q != NONE).map(|q| q as usize)
    }
    pub fn sent(&self, t: usize) -> Range<usize> {
        self.sent_of
            .get(t)
            .and_then(|&s| self.sents.get(s as usize))
            .cloned()
            .unwrap_or(t..t + 1)
    }
    pub fn para(&self, t: usize) -> Range<usize> {
        self.para_of
            .get(t)
            .and_then(|&s| self.paras.get(s as usize))
            .cloned()
            .unwrap_or(t..t + 1)
    }
    /// byte range covering tokens `r`
    pub fn bytes(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() || r.end > self.n() {
            let p = self.toks.get(r.start).map(|t| t.start).unwrap_or(self.text.len());
            return p..p;
        }
        self.toks[r.start].start..self.toks[r.end - 1].end
    }
    /// a word token ending in "ed" or an irregular past form: likely a finite or participle verb
    pub fn looks_past(&self, t: usize) -> bool {
        let w = self.s(t);
        (w.len() > 4 && w.ends_with("ed") && self.is_lower(t))
            || self.has(t, class::AUX) && !matches!(w, "'s" | "’s" | "'d" | "’d")
    }
    /// -ing participle
    pub fn is_ing(&self, t: usize) -> bool {
        let w = self.s(t);
        w.len() > 4 && w.ends_with("ing")
    }
    /// multiword lexicon entries starting at token t
    pub fn phrases_at(&self, t: usize) -> impl Iterator<Item = &lexicon::Phrase> {
        let i = self.lex.phrases.partition_point(|p| p.toks.start < t);
        self.lex.phrases[i..].iter().take_while(move |p| p.toks.start == t)
    }
}

#[cfg(test)]
mod tests;
