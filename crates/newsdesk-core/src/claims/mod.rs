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
    if lang != "en" {
        let ctx = Ctx::new_multilingual(text, names);
        let mut claims = multilingual::extract(&ctx, lang);
        claims.sort_by_key(|c| (c.content.start, c.content.end));
        claims.retain(|c| {
            !c.content.is_empty() && text.is_char_boundary(c.content.start) && text.is_char_boundary(c.content.end)
        });
        return claims;
    }
    let ctx = Ctx::new(text, names);
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

/// Longest sentence, in tokens, the rules read as one (longer ones are cut in windows).
/// News sentences stay far below it; see `Ctx::new`.
pub(crate) const MAX_SENT_TOKENS: usize = 256;

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
    /// `words_before[t]`: tokens before `t` that are not punctuation (`words_before.len() == n + 1`),
    /// so the words of any token range count in O(1)
    pub words_before: Vec<u32>,
    /// the same for word tokens that are not all ASCII digits
    pub nondigit_words_before: Vec<u32>,
    /// names indexed for `speakers::country_of`, built on first use
    pub country_names: std::cell::OnceCell<std::collections::HashMap<Vec<u8>, String>>,
    /// tokens followed by a comma and a person's name, for `speakers::appositive_name`
    pub appositive_slots: std::cell::OnceCell<Vec<usize>>,
}

fn tok_range(toks: &[Range<usize>], r: &Range<usize>) -> Range<usize> {
    let s = toks.partition_point(|t| t.end <= r.start);
    let e = toks.partition_point(|t| t.start < r.end);
    s..e.max(s)
}

impl<'a> Ctx<'a> {
    /// The context of an English text: names from `names` (the entity pass), with capitalised
    /// runs it left out added; all from a capitalisation-based finder when `names` is empty.
    pub fn new(text: &'a str, names: &[NameSpan]) -> Ctx<'a> {
        Self::build(text, names, false)
    }

    /// The context of a Portuguese, Spanish, French or German text: the entity pass's names
    /// only (capitalised runs are no names in German, where every noun is capitalised; the
    /// English stand-in finder reads "La" or "Zwei Jahre" as names), the capitalisation-based
    /// finder only when `names` is empty; a day or ordinal with its dot ("am 3. Januar",
    /// "7. Oktober") does not end a sentence.
    pub(crate) fn new_multilingual(text: &'a str, names: &[NameSpan]) -> Ctx<'a> {
        Self::build(text, names, true)
    }

    fn build(text: &'a str, names: &[NameSpan], multilingual: bool) -> Ctx<'a> {
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
                // "am 3. Januar", "7. Oktober", "der 2. lebenswichtige": a day or ordinal
                let ordinal = multilingual
                    && prev.end >= 2
                    && &text[toks[prev.end - 1].clone()] == "."
                    && {
                        let w = &text[toks[prev.end - 2].clone()];
                        w.len() <= 2
                            && w.chars().all(|c| c.is_ascii_digit())
                            && toks[prev.end - 2].end == toks[prev.end - 1].start
                    }
                    && (crate::dates::is_month_name(first) || first.chars().next().is_some_and(|c| c.is_lowercase()));
                if (dotted && !opener || abbrev_num || ordinal) && same_para {
                    prev.end = r.end;
                    continue;
                }
            }
            raw.push(r);
        }
        // a sentence ending inside a quote ("… gemacht haben.“ Er wolle …", "… la page. » Elle
        // dit"): the segmenter reads on past the closing mark; split after it before a capital
        if multilingual {
            let mut split: Vec<Range<usize>> = Vec::with_capacity(raw.len());
            for r in raw {
                let mut s = r.start;
                for k in r.start + 1..r.end.saturating_sub(1) {
                    let closing = matches!(&text[toks[k].clone()], "“" | "”" | "»" | "«" | "\"" | "’");
                    let after_stop = matches!(&text[toks[k - 1].clone()], "." | "!" | "?");
                    let next_cap = text[toks[k + 1].clone()]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase());
                    if closing && after_stop && next_cap && k + 1 > s {
                        split.push(s..k + 1);
                        s = k + 1;
                    }
                }
                split.push(s..r.end);
            }
            raw = split;
        }
        for r in raw {
            // a "sentence" longer than MAX_SENT_TOKENS (a list, a table, text without full
            // stops) is read in windows of that many tokens: every rule looks within a sentence,
            // and this bounds the work per cue and the nesting of clauses, so claims stay
            // linear in the text on any input
            let mut s = r.start;
            while s < r.end {
                let e = (s + MAX_SENT_TOKENS).min(r.end);
                sent_of[s..e].fill(sents.len() as u32);
                sents.push(s..e);
                s = e;
            }
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
        // French elides before a quote mark ("qu’« il ne peut pas »"): the quote finder reads a
        // mark attached to a word as closing, so it is given the apostrophe as spaces of the
        // same length (offsets unchanged)
        let quote_text: std::borrow::Cow<str> = if multilingual && (text.contains("’«") || text.contains("'«")) {
            std::borrow::Cow::Owned(text.replace("’«", "   «").replace("'«", " «"))
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        for q in quotes::find(&quote_text) {
            // French and Portuguese elide before a quote ("qu’« il ne peut pas »", "l’«
            // affaire »"): an apostrophe after a letter with no opening mark closes no quote
            if multilingual && q.open.is_empty() {
                let elided = q.close.as_ref().is_some_and(|c| {
                    matches!(text.get(c.clone()), Some("’" | "'"))
                        && text[..c.start].chars().next_back().is_some_and(char::is_alphabetic)
                });
                if elided {
                    continue;
                }
            }
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
        let mut words_before = Vec::with_capacity(n + 1);
        let mut nondigit_words_before = Vec::with_capacity(n + 1);
        let (mut w, mut nd) = (0u32, 0u32);
        for t in &toks {
            words_before.push(w);
            nondigit_words_before.push(nd);
            let s = &text[t.clone()];
            // as `is_punct`: a token whose first char is not alphanumeric
            if s.chars().next().is_none_or(|c| c.is_alphanumeric()) {
                w += 1;
                if !s.chars().all(|c| c.is_ascii_digit()) {
                    nd += 1;
                }
            }
        }
        words_before.push(w);
        nondigit_words_before.push(nd);
        let mut ctx = Ctx {
            words_before,
            nondigit_words_before,
            country_names: std::cell::OnceCell::new(),
            appositive_slots: std::cell::OnceCell::new(),
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
            speakers::merge_given_names(&ctx, names, multilingual)
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
    /// tokens of `r` that are not punctuation (O(1))
    pub fn words_in(&self, r: Range<usize>) -> usize {
        let end = r.end.min(self.n());
        let start = r.start.min(end);
        (self.words_before[end] - self.words_before[start]) as usize
    }
    /// tokens of `r` that are neither punctuation nor all ASCII digits (O(1))
    pub fn nondigit_words_in(&self, r: Range<usize>) -> usize {
        let end = r.end.min(self.n());
        let start = r.start.min(end);
        (self.nondigit_words_before[end] - self.nondigit_words_before[start]) as usize
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
