//! Reported: attributions. Ties quotes to their speakers and finds reported clauses and
//! "according to" attributions.
//!
//! In: the `Ctx` of a text (tokens, lexicon classes, sentences, paragraphs, quotes, names).
//! Out: draft `Claim`s (speaker not yet resolved) with content, speaker and cue ranges, plus a
//! flag for quoted fragments (quoted words inside a clause, dropped when a reported clause of the
//! same speaker already holds them). Rules, in order:
//! 1. quotes: attribution after the closing mark (`"Q," X said`, `"Q," says X`), at the end of a
//!    sentence the quote opens (`"Q" ..., he warned`), before the opening mark (`X said: "Q"`,
//!    `X told them, "Q"`, `X warned that "Q"`, `X pledged to take "Q"`); section headings that
//!    repeat a quote, titles and one-word scare quotes are not claims;
//! 2. reported clauses after a cue with a subject (`X said (that) ...`, `X told reporters ...`,
//!    `experts expect rates to fall`), after a participle (`..., saying that ...`), before a
//!    postposed cue (`..., X said.`) or around a parenthetical one (`..., X said, and ...`);
//!    negated, passive, infinitive and noun uses of a cue are skipped, and so are complements
//!    that are not finite clauses (`condemned the move`, `reported being logged off`);
//! 3. `according to X` / `per X` before, after or inside the attributed clause;
//! 4. quotes with no attribution of their own: after an attribution in the same paragraph they
//!    take its speaker; a quote paragraph after a claim is the same source, speaker implicit.

use super::lexicon::class::*;
use super::speakers::{make_np, np_left, np_right, sentence_subject, Np};
use super::{Claim, ClaimKind, Ctx, SpeakerType};
use std::ops::Range;

/// A claim before resolution, with how it was found.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub claim: Claim,
    /// quoted words inside a clause (not a whole quotation)
    pub fragment: bool,
    /// token of the cue's first word (for nesting)
    pub cue_tok: Option<usize>,
}

#[derive(Debug, Clone)]
struct Cue {
    /// the verb or phrase
    toks: Range<usize>,
    /// with its auxiliaries ("have said")
    full: Range<usize>,
    flags: u64,
}

const REPORT_CUE: u64 = SPEECH | COGNITION | QUOTE_ONLY;

fn find_cues(ctx: &Ctx) -> Vec<Cue> {
    let n = ctx.n();
    let mut out: Vec<Cue> = Vec::new();
    let mut t = 0;
    while t < n {
        let mut best: Option<(Range<usize>, u64)> = None;
        for p in ctx.phrases_at(t) {
            if p.flags & (REPORT_CUE | ACCORDING) != 0 && best.as_ref().is_none_or(|b| p.toks.len() > b.0.len()) {
                best = Some((p.toks.clone(), p.flags));
            }
        }
        if best.is_none() && ctx.has(t, REPORT_CUE | PER) {
            best = Some((
                t..t + 1,
                ctx.flags(t) & (REPORT_CUE | PER | OBJECT | NEEDS_THAT | AFTER_ONLY),
            ));
        }
        let Some((r, flags)) = best else {
            t += 1;
            continue;
        };
        let next = r.end;
        if cue_ok(ctx, &r, flags) {
            // auxiliaries directly before: "have said", "would show", "are alleging"
            let mut s = r.start;
            while s > 0
                && ctx.has(s - 1, AUX)
                && !ctx.has(s - 1, DET)
                && !ctx.s(s - 1).contains(['\'', '’'])
                && ctx.is_lower(s - 1)
            {
                s -= 1;
            }
            out.push(Cue {
                toks: r.clone(),
                full: s..r.end,
                flags,
            });
        }
        t = next;
    }
    out
}

fn sentence_initial(ctx: &Ctx, t: usize) -> bool {
    let s = ctx.sent(t).start;
    (s..t).all(|k| ctx.has(k, CONNECTIVE) || ctx.is_punct(k))
}

/// Is this occurrence of a cue word used as a reporting verb?
fn cue_ok(ctx: &Ctx, r: &Range<usize>, flags: u64) -> bool {
    let t = r.start;
    if !ctx.is_lower(t) && !sentence_initial(ctx, t) {
        return false;
    }
    if flags & (ACCORDING | PER) != 0 {
        return true;
    }
    if t == 0 {
        return true;
    }
    // noun use: "the report", "his comments", "Trump's call"; attributive participle:
    // "Stadia's current expected lineup", "his often-repeated vow"
    let p = t - 1;
    let det_like =
        |u: usize| ctx.has(u, DET) && !ctx.has(u, PRON) && ctx.is_lower(u) || matches!(ctx.s(u), "'s" | "’s");
    if det_like(p) {
        return false;
    }
    let adjective_like = |u: usize| {
        ctx.is_lower(u)
            && !ctx.has(
                u,
                DET | ANON
                    | DOC
                    | ORGNOUN
                    | TITLE
                    | ADV
                    | AUX
                    | PRON
                    | VERB
                    | SPEECH
                    | COGNITION
                    | QUOTE_ONLY
                    | PREP
                    | REL,
            )
            && !ctx.s(u).ends_with('s')
            && !ctx.s(u).ends_with("ly")
    };
    // over adjectives and adverbs back to a determiner: "two highly critical reports"
    let mut u = p;
    while u > 0 && (adjective_like(u) || ctx.s(u).ends_with("ly") && ctx.is_lower(u)) && t - u < 5 {
        u -= 1;
    }
    if u < p && det_like(u) {
        return false;
    }
    if ctx.is(p, "to") {
        return false; // infinitive: "declined to say", "urged them to tell"
    }
    if ctx.s(t).to_ascii_lowercase().starts_with("add") && ctx.is(r.end, "to") {
        return false; // "adding to a mounting series of problems": contributing, not saying
    }
    if ctx.is_ing(t) && ctx.has(p, PREP) && ctx.is_lower(p) {
        return false; // gerund after a preposition: "into announcing", "for saying"
    }
    // a base form needs a plural or pronoun subject, a modal or "do" ("experts say", "they
    // believe", "will say"): "nine state charges" is a noun
    let base = ctx.has(t, LEMMA) && r.len() == 1 && !ctx.s(t).ends_with('s') && !ctx.looks_past(t) && !ctx.is_ing(t);
    if base && !sentence_initial(ctx, t) {
        let mut u = p;
        while u > 0 && ctx.has(u, ADV) && !ctx.has(u, AUX) && !ctx.has(u, PRON) {
            u -= 1;
        }
        let w = ctx.s(u);
        let ok = ctx.has(u, PRON | PRON12 | AUX | ANON | ORGNOUN | DOC)
            || w.ends_with('s') && !matches!(w, "'s" | "’s")
            || ctx.name_at(u).is_some() && ctx.is_cap(u);
        if !ok {
            return false;
        }
    }
    // negation or passive in the two tokens before ("did not say", "was announced")
    let mut k = p as isize;
    let lo = t.saturating_sub(3) as isize;
    while k >= lo {
        let u = k as usize;
        if ctx.has(u, NEG) {
            return false;
        }
        if ctx.has(u, BE)
            && (ctx.looks_past(t) || ctx.has(t, VERB))
            && !ctx.is_ing(t)
            && !matches!(ctx.s(u), "'s" | "’s")
        {
            return false;
        }
        if !(ctx.has(u, ADV | AUX) || ctx.s(u).ends_with("ly")) {
            break;
        }
        k -= 1;
    }
    true
}

fn first_content_tok(ctx: &Ctx, s: usize, hi: usize) -> usize {
    // a dateline or wire credit: "LONDON (AP) —", "(Reuters) —"
    let mut t = s;
    if let Some(d) = (s..hi.min(s + 8)).find(|&k| matches!(ctx.s(k), "—" | "–" | "--")) {
        if d > s && (s..d).all(|k| ctx.is_punct(k) || ctx.s(k).chars().all(|c| !c.is_lowercase())) && d + 1 < hi {
            t = d + 1;
        }
    }
    // writer connectives at a sentence start ("But", "However,", "That being said,")
    loop {
        let start = t;
        let mut phrase_end = None;
        for p in ctx.phrases_at(t) {
            if p.flags & CONNECTIVE != 0 {
                phrase_end = Some(p.toks.end);
            }
        }
        if let Some(e) = phrase_end {
            t = e;
        } else if ctx.has(t, CONNECTIVE)
            && (ctx.s(t + 1) == "," || matches!(ctx.s(t).to_ascii_lowercase().as_str(), "but" | "and" | "yet" | "so"))
        {
            t += 1;
        }
        if t < hi && ctx.s(t) == "," && t > start {
            t += 1;
        }
        if t == start || t >= hi {
            break;
        }
    }
    t.min(hi)
}

/// Byte end of a claim ending at token `last` (inclusive): final punctuation outside quotes
/// dropped, a closing quote mark and what it encloses kept.
fn end_bytes(ctx: &Ctx, lo: usize, last_excl: usize) -> Option<Range<usize>> {
    let mut e = last_excl;
    while e > lo && ctx.is_punct(e - 1) && !ctx.is_quote_mark(e - 1) && !matches!(ctx.s(e - 1), ")" | "]" | "%" | "$") {
        e -= 1;
    }
    if e <= lo {
        return None;
    }
    let r = ctx.bytes(lo..e);
    (!r.is_empty()).then_some(r)
}

/// A content end (exclusive token) inside a quote that runs on past the sentence: the quote's
/// end (its closing mark included), so the source's words are not cut ("said that X "... . ...").
fn extend_into_quote(ctx: &Ctx, lo: usize, e: usize) -> usize {
    if e == 0 {
        return e;
    }
    match ctx.in_quote(e - 1) {
        Some(q) if ctx.quotes[q].inner.start >= lo && ctx.quotes[q].inner.end > e => ctx.quotes[q]
            .close_tok
            .map(|c| c + 1)
            .unwrap_or(ctx.quotes[q].inner.end),
        _ => e,
    }
}

/// Trailing writer comment: ", a possible reference to ...", ", adding to ...".
fn trim_trailing_comment(ctx: &Ctx, lo: usize, hi: usize) -> usize {
    const COMMENT_ING: &[&str] = &[
        "adding",
        "raising",
        "prompting",
        "sparking",
        "fueling",
        "fuelling",
        "underscoring",
        "highlighting",
        "sending",
        "marking",
        "signaling",
        "signalling",
        "deepening",
        "compounding",
    ];
    for c in (lo + 2..hi.saturating_sub(1)).rev() {
        if ctx.s(c) != "," || ctx.in_quote(c).is_some() {
            continue;
        }
        let nx = ctx.s(c + 1).to_ascii_lowercase();
        if matches!(nx.as_str(), "a" | "an") && ctx.is_lower(c + 1) && !(c + 2..hi).any(|k| ctx.s(k) == ",") {
            return c;
        }
        if COMMENT_ING.contains(&nx.as_str())
            && ctx.is_lower(c + 1)
            && !ctx.is(c + 2, "that")
            && ctx.in_quote(c + 2).is_none()
        {
            return c;
        }
    }
    hi
}

/// Where a second attribution starts inside a content clause: "... and added, ...",
/// "..., but he said ...". The content ends before it.
fn next_attribution(ctx: &Ctx, _cues: &[Cue], lo: usize, hi: usize) -> usize {
    for v in lo + 1..hi {
        if !(ctx.has(v, SPEECH | COGNITION | QUOTE_ONLY) && ctx.is_lower(v)) {
            continue;
        }
        // back over auxiliaries and negation: "it didn't say", "he has said"
        let mut u = v;
        while u > lo + 1 && (ctx.has(u - 1, AUX | NEG) && !ctx.has(u - 1, DET)) {
            u -= 1;
        }
        if ctx.in_quote(u).is_some() {
            continue;
        }
        let mut p = u;
        while p > lo && ctx.has(p - 1, ADV) && !ctx.has(p - 1, AUX) {
            p -= 1;
        }
        let conj = |k: usize| {
            ctx.is(k, "and") || ctx.is(k, "but") || ctx.is(k, "while") || ctx.is(k, "whereas") || ctx.s(k) == ";"
        };
        let mut cut = None;
        if p > lo && conj(p - 1) {
            cut = Some(p - 1);
        } else if p > lo + 1 && ctx.is_ing(v) && ctx.s(p - 1) == "," {
            cut = Some(p); // "..., saying he trusted the courts": a second attribution
        } else if p > lo + 1 && (ctx.has(p - 1, PRON) || ctx.name_at(p - 1).is_some()) {
            let mut s = ctx.name_at(p - 1).map(|n| ctx.names[n].toks.start).unwrap_or(p - 1);
            if s > lo + 1 && ctx.is(s - 1, "the") {
                s -= 1; // "while the Arab League condemned"
            }
            if s > lo && conj(s - 1) {
                cut = Some(s - 1);
            }
        }
        if let Some(mut k) = cut {
            if k > lo && ctx.s(k - 1) == "," {
                k -= 1;
            }
            return k;
        }
    }
    hi
}

/// Does the complement starting at `t` read as a finite clause (or, for cognition verbs, an
/// accusative with infinitive)?
fn is_clause(ctx: &Ctx, t: usize, hi: usize, cognition: bool) -> bool {
    let mut t = t;
    if t < hi && ctx.is_quote_mark(t) {
        t += 1;
    }
    if t >= hi {
        return false;
    }
    let w = ctx.s(t).to_ascii_lowercase();
    if ctx.has(t, PRON | PRON12) && !matches!(w.as_str(), "who" | "that") {
        return true;
    }
    if matches!(
        w.as_str(),
        "how" | "why" | "what" | "whether" | "if" | "when" | "where" | "who" | "which" | "and" | "or" | "but" | "nor"
    ) || ctx.has(t, REL) && !ctx.has(t, DET)
    {
        return false;
    }
    let gerund = ctx.is_ing(t)
        && ctx.is_lower(t)
        && (matches!(w.as_str(), "being" | "having")
            || ctx.has(t + 1, DET | PRON | PRON12 | PREP | ADV)
            || ctx.looks_past(t + 1)
            || ctx.s(t + 1).ends_with("ly"));
    if ctx.has(t, AUX | NEG | PREP | VERB) && !ctx.has(t, DET) || gerund || ctx.is_punct(t) {
        return false;
    }
    let mut seen_word = false;
    for u in t..hi.min(t + 22) {
        let s = ctx.s(u);
        if ctx.has(u, REL) && !ctx.has(u, PREP) && u > t && ctx.is_lower(u) && (seen_word || !ctx.is(u, "that")) {
            return false;
        }
        if matches!(s, ";" | ":") || s == "," && (ctx.is_ing(u + 1) || ctx.has(u + 1, REL) && !ctx.has(u + 1, DET)) {
            return false; // "Swift's claims, saying ...": a noun phrase and a participle
        }
        let possessive = matches!(s, "'s" | "’s");
        if u > t
            && !possessive
            && (ctx.has(u, AUX | VERB)
                || ctx.has(u, SPEECH | COGNITION)
                    && !ctx.is_ing(u)
                    && !ctx.has(u - 1, DET)
                    && !matches!(ctx.s(u - 1), "'s" | "’s"))
            && !ctx.has(u, DET)
            && ctx.is_lower(u)
        {
            return true;
        }
        if u > t && ctx.looks_past(u) && !ctx.has(u.saturating_sub(1), DET) {
            return true;
        }
        let followed = ctx.has(u + 1, DET | PRON | PREP | ADV) || ctx.is(u + 1, "that") || ctx.s(u + 1).ends_with("ly");
        if u > t
            && ctx.is_lower(u)
            && s.len() > 3
            && s.ends_with('s')
            && !s.ends_with("ss")
            && !s.ends_with("us")
            && (ctx.has(u - 1, PRON) || ctx.is_cap(u - 1) && !ctx.has(u - 1, DET) && followed)
        {
            return true;
        }
        if cognition && ctx.is(u, "to") && u > t && ctx.is_lower(u + 1) && !ctx.has(u + 1, DET) {
            return true;
        }
        seen_word = true;
    }
    false
}

/// The speaker of a cue: the subject left of it; for a participle ("..., saying") or a second
/// verb ("... and added") the subject of the sentence or of an earlier attribution in it.
fn speaker_for(ctx: &Ctx, cue: &Cue, lo: usize, earlier: &[Draft]) -> Option<Np> {
    let t = cue.full.start;
    let mut p = t;
    while p > lo && (ctx.has(p - 1, ADV) || ctx.s(p - 1).ends_with("ly") && ctx.is_lower(p - 1)) {
        p -= 1;
    }
    let participle = ctx.is_ing(cue.toks.start) && cue.full.start == cue.toks.start;
    let coordinated =
        p > lo && (ctx.is(p - 1, "and") || ctx.s(p - 1) == ",") && participle || p > lo && ctx.is(p - 1, "and");
    let after_noun = participle && p > lo && ctx.is_lower(p - 1) && !ctx.has(p - 1, PRON) && ctx.has(p - 1, DOC);
    // "with Foreign Minister Ayman Safadi warning of ...": the name before the participle
    if participle && p > lo && ctx.name_at(p - 1).is_some() {
        return np_left(ctx, t, lo);
    }
    if participle || coordinated || after_noun {
        if !participle && !coordinated {
            return None;
        }
        // an earlier attribution in the same sentence
        let s = ctx.sent(t);
        if let Some(d) = earlier
            .iter()
            .rev()
            .find(|d| d.cue_tok.is_some_and(|c| c >= s.start && c < t) && d.claim.speaker.is_some())
        {
            let sp = d.claim.speaker.clone()?;
            let r = ctx.toks.partition_point(|x| x.end <= sp.start)..ctx.toks.partition_point(|x| x.start < sp.end);
            return make_np(ctx, r);
        }
        // the subject of the main clause: the first finite verb of the sentence that has one
        // ("Raab defended the party, saying"; "Omar asked ... in a letter posted ..., saying")
        let s_lo = s.start.max(lo);
        for v in s_lo..t {
            if ctx.in_quote(v).is_some() {
                continue;
            }
            let finite = ctx.is_lower(v)
                && (ctx.looks_past(v) || ctx.has(v, VERB) || ctx.has(v, SPEECH | COGNITION) && !ctx.is_ing(v))
                && !ctx.has(v, DET)
                && !(v > 0 && ctx.has(v - 1, DET));
            if finite {
                let mut a = v;
                while a > s_lo && ctx.has(a - 1, AUX) && !ctx.has(a - 1, DET) {
                    a -= 1;
                }
                if let Some(np) = np_left(ctx, a, s_lo) {
                    if np.kind != super::speakers::NpKind::Pronoun || !ctx.has(np.span.start, REL) {
                        return Some(np);
                    }
                }
            }
        }
        return sentence_subject(ctx, t);
    }
    np_left(ctx, t, lo)
}

fn claim(kind: ClaimKind, content: Range<usize>, speaker: Option<&Np>, ctx: &Ctx, cue: Option<&Cue>) -> Claim {
    Claim {
        kind,
        content,
        speaker: speaker.map(|s| ctx.bytes(s.span.clone())),
        speaker_resolved: None,
        speaker_type: SpeakerType::Anonymous,
        cue: cue.map(|c| ctx.bytes(c.full.clone())),
        hedges: Vec::new(),
    }
}

fn title_like(ctx: &Ctx, r: Range<usize>) -> bool {
    let words: Vec<usize> = r.filter(|&t| !ctx.is_punct(t)).collect();
    if words.is_empty() {
        return true;
    }
    let caps = words
        .iter()
        .filter(|&&t| ctx.is_cap(t) || ctx.s(t).chars().next().is_some_and(|c| c.is_ascii_digit()))
        .count();
    let small = words
        .iter()
        .filter(|&&t| ctx.has(t, DET | PREP) && ctx.is_lower(t) || ctx.is(t, "and"))
        .count();
    caps > 0 && caps + small == words.len() && caps * 2 >= words.len()
}

/// Is the quote a stand-alone heading: alone in its paragraph (after an optional "3."), no
/// sentence-final punctuation inside, or its words repeated in another quote of the text?
/// Quotes on either side of a quote searched for its repetition (`is_heading`).
const PULL_QUOTE_WINDOW: usize = 64;

fn is_heading(ctx: &Ctx, qi: usize) -> bool {
    let q = &ctx.quotes[qi];
    let first = q.open_tok.unwrap_or(q.inner.start);
    let last = q.close_tok.unwrap_or(q.inner.end - 1);
    let para = ctx.para(first);
    let before_ok = ctx.nondigit_words_in(para.start..first) == 0;
    let after_ok = ctx.words_in(last + 1..para.end) == 0;
    if !(before_ok && after_ok) {
        return false;
    }
    let content = &ctx.text[q.q.content.clone()];
    let ends_sentence = content.ends_with(['.', '!', '?', '…', ',']);
    if !ends_sentence {
        return true;
    }
    // the same words quoted elsewhere: a pull quote repeated as a heading. Looked for among the
    // PULL_QUOTE_WINDOW quotes on either side (a page of quotes alone in their paragraphs would
    // otherwise compare every quote with every other)
    let lo = qi.saturating_sub(PULL_QUOTE_WINDOW);
    let hi = (qi + PULL_QUOTE_WINDOW + 1).min(ctx.quotes.len());
    let needle = content.trim_end_matches(['.', ',']);
    (lo..hi).any(|j| j != qi && ctx.text[ctx.quotes[j].q.content.clone()].contains(needle))
}

/// Embed residue or a label between two paragraphs of a quote: no sentence-final punctuation,
/// or a credit line opening with a dash.
fn is_residue_para(ctx: &Ctx, para: Range<usize>) -> bool {
    is_heading_para(ctx, para.clone()) || matches!(ctx.s(para.start), "—" | "–" | "-")
}

/// A short paragraph without sentence-final punctuation: a heading or a label.
fn is_heading_para(ctx: &Ctx, para: Range<usize>) -> bool {
    let words = ctx.words_in(para.clone());
    let last = ctx.s(para.end.saturating_sub(1));
    words <= 8 && !matches!(last, "." | "!" | "?" | "”" | "\"" | "’" | "'" | "…" | ")")
}

/// Naming context before a quote: "called", "dubbed", "known as", "so-called", "the term".
fn naming_context(ctx: &Ctx, open: usize) -> bool {
    const NAMING: &[&str] = &[
        "called",
        "dubbed",
        "named",
        "as",
        "so-called",
        "term",
        "word",
        "titled",
        "entitled",
        "hashtag",
        "slogan",
        "label",
        "phrase",
        "nicknamed",
        "branded",
        "name",
    ];
    (open.saturating_sub(2)..open).any(|t| NAMING.iter().any(|w| ctx.is(t, w)))
}

/// Attribution of the quotes, reported clauses and according-to; see the module doc.
pub(crate) fn attribute(ctx: &Ctx) -> Vec<Draft> {
    let cues = find_cues(ctx);
    let mut out: Vec<Draft> = Vec::new();
    let mut used_cue = vec![false; cues.len()];
    // cue index by token: by the verb's first token, and by its first auxiliary
    let mut by_verb = vec![u32::MAX; ctx.n()];
    let mut by_full = vec![u32::MAX; ctx.n()];
    for (i, c) in cues.iter().enumerate() {
        by_verb[c.toks.start] = i as u32;
        if by_full[c.full.start] == u32::MAX {
            by_full[c.full.start] = i as u32;
        }
    }
    let cue_verb = |t: usize| by_verb.get(t).copied().filter(|&i| i != u32::MAX).map(|i| i as usize);
    let cue_at = |t: usize| {
        by_full
            .get(t)
            .copied()
            .filter(|&i| i != u32::MAX)
            .map(|i| i as usize)
            .or_else(|| cue_verb(t))
    };
    let mut quote_done = vec![false; ctx.quotes.len()];
    let mut heading = vec![false; ctx.quotes.len()];

    // 1. quotes with an attribution of their own
    for (qi, q) in ctx.quotes.iter().enumerate() {
        if is_heading(ctx, qi) {
            heading[qi] = true;
            continue;
        }
        let first = q.open_tok.unwrap_or(q.inner.start);
        let last = q.close_tok.unwrap_or(q.inner.end.saturating_sub(1));
        let s_open = ctx.sent(first);
        let s_close = ctx.sent(last);
        let para = ctx.para(last);
        let mut hi = s_close.end.min(para.end);
        if hi == last + 1 && hi < para.end {
            // `"Q?" Schiff asked.`: the splitter ended the sentence at the mark
            hi = ctx.sent(hi).end.min(para.end);
        }
        let content = q.q.content.clone();
        let opens_sentence = first_content_tok(ctx, s_open.start, first) >= first;
        let words = (q.inner.clone()).filter(|&t| !ctx.is_punct(t)).count();
        let content_text = &ctx.text[content.clone()];
        let ends_with_punct = content_text.ends_with([',', '.', '?', '!', '…', '-', '—']);

        // (a) after the closing mark
        let mut a = last + 1;
        let comma_after = a < hi && ctx.s(a) == ",";
        if comma_after {
            a += 1;
        }
        let mut found: Option<(Np, usize)> = None;
        if q.close_tok.is_some() && a < hi {
            if let Some(ci) = cue_at(a).filter(|&ci| cues[ci].flags & REPORT_CUE != 0 && cues[ci].full.start == a) {
                // inverted: `"Q," says Ward` (not a participle: `"Q", saying he ...`)
                if let Some(np) = np_right(ctx, cues[ci].toks.end, hi).filter(|_| !ctx.is_ing(cues[ci].toks.start)) {
                    if ends_with_punct || comma_after {
                        found = Some((np, ci));
                    }
                }
            }
            if found.is_none() {
                for k in a..hi.min(a + 18) {
                    if ctx.in_quote(k).is_some() {
                        break;
                    }
                    if let Some(ci) =
                        cue_at(k).filter(|&ci| cues[ci].flags & REPORT_CUE != 0 && cues[ci].toks.start == k)
                    {
                        if let Some(np) = np_left(ctx, cues[ci].full.start, a) {
                            let np_start = np.toks.start;
                            let lead = (a..np_start).all(|t| ctx.has(t, DET) || ctx.is_punct(t));
                            if lead {
                                found = Some((np, ci));
                            }
                        }
                        break;
                    }
                }
            }
        }
        // (a') a sentence the quote opens, attribution at its end: `"Q" mutually ..., he warned.`,
        // `"Q" announced in October, said Derek Scissors, a scholar.`
        if found.is_none() && opens_sentence && q.close_tok.is_some() {
            let commas: Vec<usize> = (last + 1..hi)
                .filter(|&k| ctx.s(k) == "," && ctx.in_quote(k).is_none())
                .collect();
            'commas: for &c in commas.iter().rev() {
                for k in c + 1..hi {
                    if let Some(ci) =
                        cue_at(k).filter(|&ci| cues[ci].flags & REPORT_CUE != 0 && cues[ci].toks.start == k)
                    {
                        if k == c + 1 && !ctx.is_ing(k) {
                            if let Some(np) = np_right(ctx, cues[ci].toks.end, hi) {
                                found = Some((np, ci));
                                break 'commas;
                            }
                        } else if let Some(np) = np_left(ctx, cues[ci].full.start, c + 1) {
                            if np.toks.start == c + 1 {
                                found = Some((np, ci));
                                break 'commas;
                            }
                        }
                        break;
                    }
                }
            }
        }
        if let Some((np, ci)) = found {
            used_cue[ci] = true;
            quote_done[qi] = true;
            if !opens_sentence && q.open_tok.is_some() && !(s_open.start..first).any(|k| cue_at(k).is_some()) {
                // writer's words before the quote, postposed attribution: one reported clause
                let start = first_content_tok(ctx, s_open.start, first);
                let c = ctx.bytes(start..last + 1);
                out.push(Draft {
                    claim: claim(ClaimKind::Indirect, c, Some(&np), ctx, Some(&cues[ci])),
                    fragment: false,
                    cue_tok: Some(cues[ci].toks.start),
                });
            } else if words >= 1 {
                out.push(Draft {
                    claim: claim(ClaimKind::Direct, content, Some(&np), ctx, Some(&cues[ci])),
                    fragment: false,
                    cue_tok: Some(cues[ci].toks.start),
                });
            }
            continue;
        }
        // (b) before the opening mark, in the same sentence
        let Some(open) = q.open_tok else { continue };
        let lo = s_open.start.max(ctx.para(open).start);
        let mut cand = None;
        for k in (lo..open).rev().take(16) {
            if ctx.in_quote(k).is_some() {
                break;
            }
            if let Some(ci) =
                cue_verb(k).filter(|&ci| cues[ci].flags & REPORT_CUE != 0 && cues[ci].flags & AFTER_ONLY == 0)
            {
                cand = Some(ci);
                break;
            }
        }
        let Some(ci) = cand else { continue };
        let gap: Vec<usize> = (cues[ci].toks.end..open).collect();
        let whole = gap
            .iter()
            .all(|&t| matches!(ctx.s(t), "," | ":" | "that") || ctx.is_punct(t))
            || (cues[ci].flags & OBJECT != 0
                && gap.len() <= 5
                && gap.last().is_some_and(|&t| matches!(ctx.s(t), "," | ":" | "that")));
        if cues[ci].flags & QUOTE_ONLY != 0 && naming_context(ctx, open) && title_like(ctx, q.inner.clone()) {
            continue; // `a script called "Wild Rose"`
        }
        if !whole {
            // a quoted fragment: words of the source inside the writer's clause
            if words < 2
                || title_like(ctx, q.inner.clone())
                || naming_context(ctx, open) && cues[ci].flags & QUOTE_ONLY == 0
            {
                continue;
            }
        }
        let Some(np) = speaker_for(ctx, &cues[ci], lo, &out) else {
            continue;
        };
        if cues[ci].flags & NEEDS_THAT != 0
            && np.kind == super::speakers::NpKind::Description
            && !np.toks.clone().any(|u| ctx.has(u, ANON | DOC | ORGNOUN | TITLE))
        {
            continue;
        }
        if np.kind == super::speakers::NpKind::Pronoun && ctx.has(np.span.start, PRON12) {
            continue;
        }
        used_cue[ci] |= whole;
        quote_done[qi] = true;
        out.push(Draft {
            claim: claim(ClaimKind::Direct, content, Some(&np), ctx, Some(&cues[ci])),
            fragment: !whole,
            cue_tok: Some(cues[ci].toks.start),
        });
    }

    // tokens of "according to X" sources ("according to the TexAuto Facts report") hold no cue
    let mut in_source = vec![false; ctx.n()];
    for cue in cues.iter().filter(|c| c.flags & ACCORDING != 0) {
        if let Some(np) = source_after(ctx, cue.toks.end, ctx.sent(cue.toks.start).end) {
            in_source[cue.toks.start..np.toks.end].fill(true);
        }
    }
    // 2. reported clauses
    for (ci, cue) in cues.iter().enumerate() {
        if in_source[cue.toks.start] {
            continue;
        }
        if used_cue[ci] || cue.flags & (SPEECH | COGNITION) == 0 || cue.flags & (ACCORDING | PER) != 0 {
            continue;
        }
        let k = cue.toks.start;
        let sent = ctx.sent(k);
        let para = ctx.para(k);
        let (lo, hi) = match ctx.in_quote_content(k) {
            Some(q) => (
                ctx.quotes[q].inner.start.max(sent.start),
                ctx.quotes[q].inner.end.min(sent.end),
            ),
            None => (sent.start.max(para.start), sent.end.min(para.end)),
        };
        let cognition = cue.flags & COGNITION != 0 && cue.flags & SPEECH == 0;
        if is_heading_para(ctx, para.clone()) {
            continue; // "He said, she said" as a heading
        }
        // (i) postposed or parenthetical: `..., X said.` / `..., says X,` / `..., X said, and ...`
        let np_l = speaker_for(ctx, cue, lo, &out);
        // inverted only when no subject stands left of the cue ("..., says Buser, is ...")
        let inverted = np_l.is_none()
            && k > lo
            && ctx.s(k - 1) == ","
            && cue.full.start == k
            && !ctx.is_ing(k)
            && !ctx.is(cue.toks.end, "that");
        let np = if inverted {
            np_right(ctx, cue.toks.end, hi)
        } else {
            np_l
        };
        let Some(np) = np else { continue };
        if np.kind == super::speakers::NpKind::Pronoun
            && (ctx.has(np.span.start, PRON12) || ctx.has(np.span.start, REL) || ctx.in_quote_content(k).is_some())
        {
            continue; // "I told them", "who wrote", "she told me" inside a quote: narration
        }
        if cue.flags & NEEDS_THAT != 0
            && np.kind == super::speakers::NpKind::Description
            && !np.toks.clone().any(|u| ctx.has(u, ANON | DOC | ORGNOUN | TITLE))
        {
            continue; // "this case demonstrates that": not a source
        }
        if np.toks.start > 0 && ["whether", "if", "unless"].iter().any(|w| ctx.is(np.toks.start - 1, w)) {
            continue; // "whether he believes it will": a question or condition, not a claim
        }
        if cognition
            && np.kind == super::speakers::NpKind::Description
            && np.span.len() == 1
            && !ctx.has(np.span.start, ANON | DOC | ORGNOUN)
        {
            continue;
        }
        // "As Emily Feng reports for NPR, the city ...": the clause after the comma
        if !inverted
            && np.toks.start > lo
            && ctx.is(np.toks.start - 1, "as")
            && first_content_tok(ctx, lo, np.toks.start - 1) >= np.toks.start - 1
        {
            let comma = (cue.toks.end..hi).find(|&u| ctx.s(u) == "," && ctx.in_quote(u).is_none());
            if let Some(content) = comma.and_then(|c| end_bytes(ctx, first_content_tok(ctx, c + 1, hi), hi)) {
                out.push(Draft {
                    claim: claim(ClaimKind::Indirect, content, Some(&np), ctx, Some(cue)),
                    fragment: false,
                    cue_tok: Some(k),
                });
            }
            continue;
        }
        let attr_start = if inverted { k } else { np.toks.start.min(cue.full.start) };
        // postposed only for verbs of saying whose own complement is empty ("..., he said in
        // a statement."), not for "In his testimony, Vindman said he was told ..."
        let rest_is_clause = !inverted && {
            let (t, has_that) = complement_start(ctx, cue, hi);
            t < hi && (has_that || ctx.s(t) != "," && is_clause(ctx, t, hi, cue.flags & COGNITION != 0))
        };
        // after a postposed attribution only a phrase of place, time or manner may follow
        // ("Claure said in the email", "he added."), or an addressee ("told the BBC")
        let tail_ok = {
            let r0 = if inverted { np.toks.end } else { cue.toks.end };
            r0 >= hi
                || ctx.is_punct(r0)
                || ctx.has(r0, PREP | ADV)
                || ctx.s(r0).ends_with("ly")
                || ctx.is_cap(r0)
                || cue.flags & OBJECT != 0 && (ctx.has(r0, DET | ANON | ORGNOUN) || ctx.name_at(r0).is_some())
        };
        let postposed = tail_ok
            && attr_start > lo + 2
            && ctx.s(attr_start - 1) == ","
            && ctx.in_quote(attr_start - 1).is_none()
            && cue.flags & SPEECH != 0
            && cue.flags & NEEDS_THAT == 0
            && !rest_is_clause;
        let participle = ctx.is_ing(k) && cue.full.start == k;
        if postposed && !participle {
            let start = first_content_tok(ctx, lo, attr_start - 1);
            if start >= attr_start - 1 {
                continue;
            }
            // "Hours before the game, coach X expressed ...": an adverbial, not a clause
            let verb_in = |r: Range<usize>| {
                r.clone().any(|u| {
                    ctx.is_lower(u)
                        && (ctx.has(u, AUX | VERB) && !ctx.has(u, DET)
                            || ctx.looks_past(u)
                            || ctx.s(u).ends_with('s') && ctx.has(u, SPEECH | COGNITION))
                }) || r.clone().any(|u| ctx.in_quote(u).is_some())
            };
            let attr_end0 = if inverted { np.toks.end } else { cue.toks.end };
            let paren = (attr_end0..hi)
                .find(|&t| ctx.s(t) == "," && ctx.in_quote(t).is_none())
                .is_some_and(|c| c + 2 < hi && c <= attr_end0 + 6);
            let has_verb = verb_in(start..attr_start - 1) || paren && verb_in(attr_end0..hi);
            if !has_verb || ctx.has(start, PREP) && !ctx.has(start, DET | PRON) {
                continue;
            }
            // a quote opening the clause and closing at the comma is a direct quote (done in 1)
            if ctx.is_quote_mark(start)
                && ctx
                    .in_quote(start)
                    .is_some_and(|q| ctx.quotes[q].close_tok.is_some_and(|c| c + 2 >= attr_start))
            {
                continue;
            }
            let attr_end = if inverted { np.toks.end } else { cue.toks.end };
            let comma_after = (attr_end..hi).find(|&t| ctx.s(t) == "," && ctx.in_quote(t).is_none());
            let parenthetical = comma_after.is_some_and(|c| c + 2 < hi && c <= attr_end + 6);
            let content = if parenthetical {
                end_bytes(ctx, start, hi)
            } else {
                let mut e = attr_start - 1; // the comma
                if e > start && ctx.is_quote_mark(e - 1) {
                    e = e.max(start); // closing mark kept
                }
                end_bytes(ctx, start, e).map(|r| {
                    // keep a closing mark right before the comma and the comma inside it
                    if ctx.is_quote_mark(e.saturating_sub(1)) {
                        r.start..ctx.toks[e - 1].end
                    } else {
                        r
                    }
                })
            };
            let Some(content) = content else { continue };
            if ctx.bytes(start..attr_start).len() < 8 {
                continue;
            }
            out.push(Draft {
                claim: claim(ClaimKind::Indirect, content, Some(&np), ctx, Some(cue)),
                fragment: false,
                cue_tok: Some(k),
            });
            continue;
        }
        if inverted {
            continue;
        }
        // (ii) preposed: `X said (that) ...`, `X told reporters ...`
        let (t, has_that) = complement_start(ctx, cue, hi);
        if cue.flags & NEEDS_THAT != 0 && !has_that {
            continue;
        }
        if t >= hi {
            continue;
        }
        if !has_that && !is_clause(ctx, t, hi, cognition || cue.flags & COGNITION != 0) {
            continue;
        }
        // a quotation that is the whole complement is direct (rule 1 made it)
        if ctx.is_quote_mark(t) {
            if let Some(q) = ctx.in_quote(t) {
                let close = ctx.quotes[q].close_tok.unwrap_or(ctx.quotes[q].inner.end);
                if close + 2 >= hi {
                    continue;
                }
            }
        }
        let end = trim_trailing_comment(ctx, t, next_attribution(ctx, &cues, t, hi));
        let end = if end == hi && ctx.in_quote_content(k).is_none() {
            extend_into_quote(ctx, t, end)
        } else {
            end
        };
        if (t..end).filter(|&u| !ctx.is_punct(u)).count() < 2
            || ["hers", "him", "me", "us", "them", "theirs", "mine", "yours"]
                .iter()
                .any(|w| ctx.is(t, w))
        {
            continue;
        }
        let Some(content) = end_bytes(ctx, t, end) else {
            continue;
        };
        out.push(Draft {
            claim: claim(ClaimKind::Indirect, content, Some(&np), ctx, Some(cue)),
            fragment: false,
            cue_tok: Some(k),
        });
    }
    rest_of_attribute(ctx, &cues, out, quote_done, heading)
}

/// Where the complement of a cue starts: after "that" (possibly after a time phrase or an
/// addressee: "said Tuesday that", "told the committee that") or after an addressee
/// ("told reporters the ..."). Returns the token and whether "that" was seen.
fn complement_start(ctx: &Ctx, cue: &Cue, hi: usize) -> (usize, bool) {
    let mut t = cue.toks.end;
    let mut has_that = false;
    // "said Tuesday that", "told the committee that", "said in a statement that"
    if let Some(that) = (t..hi.min(t + 9)).find(|&u| ctx.is(u, "that")) {
        let gap_ok = (t..that).all(|u| {
            // "this" / "that" as determiners are fine: "said this month that"
            !(ctx.has(u, PRON | PRON12 | AUX | VERB) && !(ctx.has(u, DET) && u + 1 < that))
                && !ctx.looks_past(u)
                && ctx.s(u) != ","
                && ctx.in_quote(u) == ctx.in_quote(cue.toks.start)
                && !(ctx.is_lower(u) && ctx.has(u, SPEECH | COGNITION))
        });
        let obj_ok = cue.flags & OBJECT != 0
            || that == t
            || ctx.has(t, PREP)
            || ctx.is_cap(t)
            || matches!(
                ctx.s(t).to_ascii_lowercase().as_str(),
                "today"
                    | "yesterday"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "again"
                    | "repeatedly"
                    | "publicly"
                    | "also"
                    | "recently"
                    | "previously"
                    | "privately"
                    | "then"
                    | "once"
                    | "now"
                    | "on"
                    | "in"
            );
        if gap_ok && obj_ok {
            t = that + 1;
            has_that = true;
        }
    }
    // a day before a clause without "that": "officials said Monday the victim was ..."
    if !has_that && t < hi && ctx.has(t, CALENDAR) && ctx.is_cap(t) && t + 1 < hi && is_clause(ctx, t + 1, hi, false) {
        return (t + 1, false);
    }
    // a place or time phrase before a clause without "that": "said in the release this case ..."
    if !has_that && cue.flags & OBJECT == 0 && t < hi && ctx.has(t, PREP) && !ctx.is(t, "to") && ctx.is_lower(t) {
        let mut u = t + 1;
        if ctx.has(u, DET) && !ctx.has(u, PRON) {
            u += 1;
        }
        let np0 = u;
        while u < hi
            && u < np0 + 4
            && !ctx.is_punct(u)
            && !ctx.has(u, DET | PRON | PRON12 | AUX | VERB | REL)
            && !ctx.looks_past(u)
        {
            u += 1;
        }
        if u > np0 && u < hi && ctx.s(u) != "," && is_clause(ctx, u, hi, false) {
            return (u, false);
        }
    }
    if !has_that && cue.flags & OBJECT != 0 && t < hi {
        // an addressee before the clause: "told the committee he ...", "told reporters the ..."
        let mut u = t;
        if ctx.has(u, DET) && !ctx.has(u, PRON) {
            u += 1;
        }
        let obj_start = u;
        while u < hi
            && u < obj_start + 4
            && !ctx.is_punct(u)
            && !ctx.has(u, PRON | PRON12 | REL | AUX)
            && !(u > obj_start && ctx.has(u, DET))
            && (ctx.is_lower(u) || ctx.is_cap(u))
        {
            u += 1;
            if ctx.name_at(u - 1).is_none()
                && ctx.is_lower(u - 1)
                && u < hi
                && ctx.is_lower(u)
                && !ctx.has(u, DET | PREP)
            {
                // two lower-case words: the second one starts the clause unless it is a noun chain
                if ctx.has(u, AUX | VERB) || ctx.looks_past(u) {
                    break;
                }
            }
        }
        if ctx.is(t, "him") || ctx.is(t, "her") || ctx.is(t, "them") || ctx.is(t, "us") || ctx.is(t, "me") {
            u = t + 1;
        }
        if u < hi && ctx.s(u) == "," {
            u += 1;
        }
        t = u;
    }
    (t, has_that)
}

fn rest_of_attribute(
    ctx: &Ctx,
    cues: &[Cue],
    mut out: Vec<Draft>,
    quote_done: Vec<bool>,
    heading: Vec<bool>,
) -> Vec<Draft> {
    // 3. according to X / per X
    for cue in cues.iter().filter(|c| c.flags & (ACCORDING | PER) != 0) {
        let k = cue.toks.start;
        let sent = ctx.sent(k);
        let (lo, hi) = (sent.start.max(ctx.para(k).start), sent.end);
        if cue.flags & PER != 0 && cue.flags & ACCORDING == 0 {
            let before_ok = k == lo || ctx.s(k - 1) == "," || sentence_initial(ctx, k);
            let after_ok = ctx.has(cue.toks.end, DET) && ctx.is_lower(cue.toks.end) && !ctx.is(cue.toks.end, "a")
                || ctx.name_at(cue.toks.end).is_some();
            if !(before_ok && after_ok) {
                continue;
            }
        }
        let Some(np) = source_after(ctx, cue.toks.end, hi) else {
            continue;
        };
        let np_end = np.toks.end;
        let initial = sentence_initial(ctx, k);
        let content = if initial {
            let Some(c) = (np_end..hi).find(|&t| ctx.s(t) == ",") else {
                continue;
            };
            end_bytes(ctx, c + 1, hi)
        } else {
            let start = first_content_tok(ctx, lo, k);
            let comma_before = k > lo && ctx.s(k - 1) == ",";
            // after the source: nothing but a time phrase, a comment or the sentence end?
            let rest: Vec<usize> = (np_end..hi).filter(|&t| !ctx.is_punct(t) || ctx.s(t) == ",").collect();
            let trailing = rest.is_empty()
                || ctx.s(rest[0]) == ","
                    && rest
                        .get(1)
                        .is_some_and(|&t| ctx.is_ing(t) || ctx.is(t, "a") || ctx.is(t, "an") || ctx.is(t, "which"))
                || ctx.has(rest[0], PREP) && !rest.iter().any(|&t| ctx.s(t) == ",");
            if comma_before && !trailing {
                end_bytes(ctx, start, hi)
            } else {
                let e = if comma_before { k - 1 } else { k };
                if e <= start {
                    continue;
                }
                end_bytes(ctx, start, e)
            }
        };
        let Some(content) = content else { continue };
        out.push(Draft {
            claim: claim(ClaimKind::AccordingTo, content, Some(&np), ctx, Some(cue)),
            fragment: false,
            cue_tok: Some(k),
        });
    }

    // 4. quotes without their own attribution
    let mut seen = SeenDrafts::new(ctx);
    for i in 0..out.len() {
        seen.add(ctx, i, &out);
    }
    for (qi, q) in ctx.quotes.iter().enumerate() {
        if quote_done[qi] || heading[qi] {
            continue;
        }
        let first = q.open_tok.unwrap_or(q.inner.start);
        let s_open = ctx.sent(first);
        if first_content_tok(ctx, s_open.start, first) < first {
            continue; // inside a writer's sentence with no cue: scare quote, title, name
        }
        let text = &ctx.text[q.q.content.clone()];
        let words = q.inner.clone().filter(|&t| !ctx.is_punct(t)).count();
        if words < 2 || title_like(ctx, q.inner.clone()) && !text.ends_with(['.', '!', '?', ',']) {
            continue;
        }
        let para = ctx.para(first);
        // the previous sentence of the paragraph attributes something: same speaker and cue
        let prev_sent = ctx
            .sent_of
            .get(first)
            .map(|&s| s as usize)
            .filter(|&s| s > 0)
            .map(|s| ctx.sents[s - 1].clone());
        if let Some(ps) = prev_sent.filter(|ps| ps.start >= para.start) {
            let prev_si = ctx.sent_of[first] as usize - 1;
            if let Some(d) = seen.best_in_sent.get(&prev_si).map(|&i| &out[i]) {
                debug_assert!(d.cue_tok.is_some_and(|c| ps.contains(&c)));
                let mut c = d.claim.clone();
                c.kind = ClaimKind::Direct;
                c.content = q.q.content.clone();
                let cue_tok = d.cue_tok;
                out.push(Draft {
                    claim: c,
                    fragment: false,
                    cue_tok,
                });
                seen.add(ctx, out.len() - 1, &out);
                continue;
            }
        }
        // a quote paragraph continuing the source of the paragraph before: implicit speaker
        let whole_para = q.close_tok.is_none_or(|c| ctx.words_in(c + 1..para.end) == 0);
        if first == para.start && whole_para && text.ends_with(['.', '!', '?', '…']) && para.start > 0 {
            // the paragraph before, past short embed residue ("Club statement", "— Tottenham
            // Hotspur (@SpursOfficial) November 20, 2019")
            let mut prev_para = ctx.para(para.start - 1);
            for _ in 0..3 {
                let words = ctx.words_in(prev_para.clone());
                let has_claim = seen.in_para(ctx, &prev_para, &out, false);
                if has_claim || prev_para.start == 0 || words > 14 || !is_residue_para(ctx, prev_para.clone()) {
                    break;
                }
                prev_para = ctx.para(prev_para.start - 1);
            }
            if seen.in_para(ctx, &prev_para, &out, true) {
                out.push(Draft {
                    claim: Claim {
                        kind: ClaimKind::Direct,
                        content: q.q.content.clone(),
                        speaker: None,
                        speaker_resolved: None,
                        speaker_type: SpeakerType::Person,
                        cue: None,
                        hedges: Vec::new(),
                    },
                    fragment: false,
                    cue_tok: None,
                });
                seen.add(ctx, out.len() - 1, &out);
            }
        }
    }
    out
}

/// What the drafts found so far hold, per sentence and paragraph, so that rule 4 asks "does the
/// previous sentence / paragraph attribute something?" in O(1) instead of scanning every draft
/// (which made it quadratic in the number of quotes).
struct SeenDrafts {
    /// sentence index → the draft with a speaker whose cue token is the last in that sentence
    /// (the latest pushed on a tie)
    best_in_sent: std::collections::HashMap<usize, usize>,
    /// per paragraph: a draft's cue token lies in it / a draft's content overlaps its bytes /
    /// a direct draft's content does
    cue_in: Vec<bool>,
    content_in: Vec<bool>,
    direct_in: Vec<bool>,
    /// byte ranges of the paragraphs
    para_bytes: Vec<Range<usize>>,
}

impl SeenDrafts {
    fn new(ctx: &Ctx) -> Self {
        let np = ctx.paras.len();
        SeenDrafts {
            best_in_sent: std::collections::HashMap::new(),
            cue_in: vec![false; np],
            content_in: vec![false; np],
            direct_in: vec![false; np],
            para_bytes: ctx.paras.iter().map(|p| ctx.bytes(p.clone())).collect(),
        }
    }

    /// Record `out[idx]`.
    fn add(&mut self, ctx: &Ctx, idx: usize, out: &[Draft]) {
        let d = &out[idx];
        if let Some(c) = d.cue_tok {
            if d.claim.speaker.is_some() {
                let si = ctx.sent_of[c] as usize;
                if ctx.sents.get(si).is_some_and(|s| s.contains(&c)) {
                    let e = self.best_in_sent.entry(si).or_insert(idx);
                    if out[*e].cue_tok <= Some(c) {
                        *e = idx;
                    }
                }
            }
            let pi = ctx.para_of[c] as usize;
            if ctx.paras.get(pi).is_some_and(|p| p.contains(&c)) {
                self.cue_in[pi] = true;
            }
        }
        let (cs, ce) = (d.claim.content.start, d.claim.content.end);
        let first = self.para_bytes.partition_point(|p| p.end <= cs);
        for pi in first..self.para_bytes.len() {
            if self.para_bytes[pi].start >= ce {
                break;
            }
            self.content_in[pi] = true;
            if d.claim.kind == ClaimKind::Direct {
                self.direct_in[pi] = true;
            }
        }
    }

    /// Does a draft so far have its cue in `para`, or its content (a direct one's when
    /// `direct_only`) overlapping it?
    fn in_para(&self, ctx: &Ctx, para: &Range<usize>, out: &[Draft], direct_only: bool) -> bool {
        let pi = ctx.para_of.get(para.start).map(|&p| p as usize);
        match pi.filter(|&pi| ctx.paras.get(pi) == Some(para)) {
            Some(pi) => {
                self.cue_in[pi]
                    || if direct_only {
                        self.direct_in[pi]
                    } else {
                        self.content_in[pi]
                    }
            }
            None => {
                // not one of the paragraphs (a lone token): look at every draft
                let pb = ctx.bytes(para.clone());
                out.iter().any(|d| {
                    d.cue_tok.is_some_and(|c| para.contains(&c))
                        || (!direct_only || d.claim.kind == ClaimKind::Direct)
                            && d.claim.content.start < pb.end
                            && d.claim.content.end > pb.start
                })
            }
        }
    }
}

/// The source after "according to" / "per": a noun phrase up to a comma, a relative clause, a
/// participle ("cited in"), or a time or place phrase.
fn source_after(ctx: &Ctx, t: usize, hi: usize) -> Option<Np> {
    let mut e = t;
    while e < hi && e - t < 14 {
        let s = ctx.s(e);
        let lower = ctx.is_lower(e);
        if ctx.has(e, PREP)
            && lower
            && !matches!(s.to_ascii_lowercase().as_str(), "of" | "from" | "with" | "for" | "to")
        {
            break;
        }
        if lower
            && (ctx.looks_past(e) || ctx.has(e, REL | VERB) || s.ends_with("ly") && s.len() > 3)
            && !ctx.has(e, DET)
        {
            break;
        }
        if ctx.is_punct(e) && !matches!(s, "'s" | "’s" | "." | "-" | "&" | "'" | "’") {
            break;
        }
        if s == "." && !(e + 1 < hi && ctx.toks[e].end == ctx.toks[e + 1].start) {
            break;
        }
        e += 1;
    }
    if e == t {
        return None;
    }
    make_np(ctx, t..e)
}

/// Drop what two rules found twice: a quoted fragment inside a reported clause of the same
/// speaker, a reported clause that is exactly a quotation, exact repeats.
pub(crate) fn dedupe(claims: Vec<Claim>, drafts: &[Draft]) -> Vec<Claim> {
    let n = claims.len();
    let mut keep = vec![true; n];
    // Every rule below needs the two claims' extents (content and cue) to meet, so only those
    // pairs are compared: sorted by start, each extent meets the ones starting inside it. The
    // pairs are as many as the claims times the nesting depth, which sentences of at most
    // MAX_SENT_TOKENS bound (the loop over all pairs was quadratic on long documents).
    let extent = |c: &Claim| match &c.cue {
        Some(q) => c.content.start.min(q.start)..c.content.end.max(q.end),
        None => c.content.clone(),
    };
    let mut by_start: Vec<(Range<usize>, usize)> = claims.iter().enumerate().map(|(i, c)| (extent(c), i)).collect();
    by_start.sort_by_key(|(r, i)| (r.start, *i));
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, (r, i)) in by_start.iter().enumerate() {
        for (r2, j) in &by_start[k + 1..] {
            if r2.start > r.end {
                break;
            }
            near[*i].push(*j);
            near[*j].push(*i);
        }
    }
    for (i, near_i) in near.iter_mut().enumerate() {
        near_i.sort_unstable();
        for &j in near_i.iter() {
            if i == j || !keep[j] {
                continue;
            }
            let (a, b) = (&claims[i], &claims[j]);
            let same_speaker = a.speaker_resolved == b.speaker_resolved && a.speaker_resolved.is_some();
            // i: fragment inside j's clause
            if drafts[i].fragment
                && b.kind != ClaimKind::Direct
                && b.content.start <= a.content.start
                && a.content.end <= b.content.end
                && same_speaker
            {
                keep[i] = false;
            }
            // i: reported clause that is j's whole quotation
            if a.kind == ClaimKind::Indirect
                && b.kind == ClaimKind::Direct
                && a.content.start <= b.content.start
                && b.content.end <= a.content.end
                && a.content.len() <= b.content.len() + 4
            {
                keep[i] = false;
            }
            if a.content == b.content && a.kind == b.kind && i > j {
                keep[i] = false;
            }
            // i: a reported clause nested in j's with the same source ("he said he thinks ...")
            if a.kind == ClaimKind::Indirect && b.kind != ClaimKind::Direct && same_speaker && a.content != b.content {
                if let Some(cue) = &a.cue {
                    if b.content.start <= cue.start && cue.end <= b.content.end {
                        keep[i] = false;
                    }
                }
            }
        }
    }
    claims
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}
