//! Speakers: the noun phrase that says a claim, the name it stands for, and its type.
//!
//! In: the `Ctx` of a text (tokens, lexicon classes, sentences, names) and token positions of
//! cues. Out: `Np`s (token ranges of the whole noun phrase and of the speaker span inside it:
//! a name without its title, a coordination, a pronoun or a whole description) and, per claim,
//! the resolved speaker (fullest name in the text, through pronouns, descriptions, titles and
//! appositives) and its `SpeakerType`.
//!
//! Also the stand-in name finder used when the entity pass gave no names: runs of capitalised
//! tokens, titles split off ("US President Donald Trump" → "Donald Trump"), short forms linked
//! to the full name ("Volker" → "Kurt Volker"), typed PERSON / ORG / NORP / "UNK".

use super::lexicon::class::*;
use super::{Claim, Ctx, Name, SpeakerType};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NpKind {
    Name,
    Pronoun,
    Description,
}

/// A speaker noun phrase.
#[derive(Debug, Clone)]
pub(crate) struct Np {
    /// the whole phrase
    pub toks: Range<usize>,
    /// the part reported as the speaker
    pub span: Range<usize>,
    pub kind: NpKind,
}

fn is_possessive(s: &str) -> bool {
    matches!(s, "'s" | "’s" | "'" | "’")
}

/// Tokens that may sit inside a noun phrase.
fn np_word(ctx: &Ctx, t: usize) -> bool {
    let s = ctx.s(t);
    if s.is_empty() {
        return false;
    }
    if is_possessive(s) && t > 0 && !ctx.is_punct(t - 1) {
        return true;
    }
    if ctx.name_at(t).is_some() && !matches!(s, "," | "(" | ")") {
        return true;
    }
    if s == "."
        && t > 0
        && ctx.toks[t - 1].end == ctx.toks[t].start
        && (ctx.has(t - 1, TITLE) || ctx.is_cap(t - 1) && ctx.s(t - 1).len() <= 3)
    {
        return true; // "Rep. David McKinley", "Dr. Owen Dempsey", "James Kennedy Jr."
    }
    if matches!(s, "-" | "." | "&") {
        // inside names: "Edmunds.com", "AT&T"
        return ctx
            .toks
            .get(t)
            .zip(ctx.toks.get(t + 1))
            .is_some_and(|(a, b)| a.end == b.start)
            && ctx.toks.get(t - 1).is_some_and(|p| p.end == ctx.toks[t].start);
    }
    if ctx.is_punct(t) {
        return false;
    }
    let f = ctx.flags(t);
    if ctx.is(t, "that") || ctx.is(t, "according") || f & (REL | AUX | NEG | VERB) != 0 && f & DET == 0 {
        return false;
    }
    if f & (PRON | PRON12) != 0 && f & DET == 0 {
        return false;
    }
    if ctx.is_lower(t) && f & (SPEECH | COGNITION | QUOTE_ONLY) != 0 && f & (ANON | DOC | ORGNOUN) == 0 {
        return false;
    }
    if ctx.is_lower(t) && ctx.looks_past(t) && f & (ANON | DOC | ORGNOUN) == 0 {
        // "named", "doctored" after an adverb or determiner stay in
        let prev = t.checked_sub(1).map(|p| ctx.s(p)).unwrap_or("");
        if !(prev.ends_with("ly") || ctx.has(t.saturating_sub(1), DET)) {
            return false;
        }
    }
    if matches!(
        s.to_ascii_lowercase().as_str(),
        "and" | "or" | "but" | "nor" | "so" | "yet" | "when" | "then"
    ) {
        return false;
    }
    true
}

/// A preposition that ends a noun phrase's head ("ambassador to Moscow"), not one inside a
/// capitalised title ("Secretary of State Mike Pompeo", "Commissioner for Human Rights").
fn is_head_boundary(ctx: &Ctx, t: usize) -> bool {
    let prep = ctx.has(t, PREP)
        && ctx.is_lower(t)
        && ctx.name_at(t).is_none()
        && !(t > 0 && ctx.is_cap(t - 1) && ctx.is_cap(t + 1) && !ctx.has(t + 1, DET));
    // a reduced relative after the head: "two people briefed on the talks"
    let participle = t > 0
        && ctx.is_lower(t)
        && ctx.looks_past(t)
        && !ctx.has(t, AUX)
        && ctx.has(t + 1, PREP)
        && !ctx.has(t - 1, DET)
        && !ctx.s(t - 1).ends_with("ly");
    prep || participle
}

fn is_time_word(ctx: &Ctx, t: usize) -> bool {
    const TIME: &[&str] = &[
        "yesterday",
        "today",
        "tonight",
        "week",
        "month",
        "year",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
    ];
    let w = ctx.s(t).to_ascii_lowercase();
    TIME.contains(&w.as_str()) || crate::lexicon::WEEKDAYS.contains(&w.as_str())
}

/// Build an `Np` over tokens `r`: find names, the head and the speaker span.
pub(crate) fn make_np(ctx: &Ctx, r: Range<usize>) -> Option<Np> {
    let mut r = r;
    // a lone pronoun, "This" and "That" included ("This would show that ...")
    if r.len() == 1 && ctx.is_pronoun(r.start) {
        return Some(Np {
            toks: r.clone(),
            span: r,
            kind: NpKind::Pronoun,
        });
    }
    // a trailing time phrase is not part of the speaker: "the court last week", "Trump on Monday"
    while r.len() > 1 && is_time_word(ctx, r.end - 1) {
        r.end -= 1;
        while r.len() > 1
            && (ctx.is(r.end - 1, "last")
                || ctx.is(r.end - 1, "this")
                || ctx.is(r.end - 1, "on")
                || ctx.is(r.end - 1, "next"))
        {
            r.end -= 1;
        }
    }
    // no leading prepositions, trailing prepositions or determiners
    while !r.is_empty() && (ctx.has(r.start, PREP) && !ctx.has(r.start, DET) || ctx.s(r.start) == "-") {
        r.start += 1;
    }
    while !r.is_empty()
        && (ctx.has(r.end - 1, PREP | DET) && !ctx.has(r.end - 1, ANON)
            || ctx.is_punct(r.end - 1) && !is_possessive(ctx.s(r.end - 1)))
    {
        r.end -= 1;
    }
    if r.is_empty() {
        return None;
    }
    if r.len() == 1 && ctx.is_pronoun(r.start) {
        return Some(Np {
            toks: r.clone(),
            span: r,
            kind: NpKind::Pronoun,
        });
    }
    // the head: last token before the first preposition that follows a word
    let mut head_end = r.end;
    for t in r.start + 1..r.end {
        if is_head_boundary(ctx, t) {
            head_end = t;
            break;
        }
    }
    let head = head_end - 1;
    let and_at = (r.start..head_end).find(|&t| ctx.is(t, "and") || ctx.s(t) == "&" && ctx.name_at(t).is_none());
    // a conjunct is a name or a determined description ("Giuliani and the president"), not a
    // title ("CEO and president Craig Menear")
    // a conjunct: a name, possibly after its title ("US Trade Representative Robert Lighthizer"),
    // or a determined description
    let conjunct = |k: usize| {
        ctx.name_at(k).is_some()
            || ctx.has(k, DET) && !ctx.has(k, PRON)
            || (k..r.end.min(k + 5))
                .take_while(|&u| ctx.is_cap(u))
                .any(|u| ctx.name_at(u).is_some())
    };
    let coord = and_at.filter(|&a| {
        ctx.name_at(a).is_none()
            && a > r.start
            && a + 1 < r.end
            && conjunct(a + 1)
            && (r.start..a).any(|k| ctx.name_at(k).is_some() || ctx.has(k, DET) && k == r.start)
    });
    if let Some(a) = coord {
        // a coordination: "Vindman and Williams", "Giuliani and the president"
        let mut s = r.start;
        while s < a && (ctx.has(s, DET) || ctx.has(s, TITLE) && ctx.name_at(s).is_none()) {
            s += 1;
        }
        if let Some(first) = (s..a).find(|&t| ctx.name_at(t).is_some()) {
            let nm = &ctx.names[ctx.name_at(first).unwrap_or(0)];
            s = s.max(nm.toks.start.max(r.start));
            if ctx.name_at(s).is_some() {
                let last_name_end = ctx
                    .name_at(head)
                    .map(|n| ctx.names[n].toks.end.min(head_end))
                    .unwrap_or(head_end);
                return Some(Np {
                    toks: r,
                    span: s..last_name_end,
                    kind: NpKind::Name,
                });
            }
        }
    }
    if let Some(ni) = ctx.name_at(head) {
        let nm = &ctx.names[ni];
        // the name without a leading "the" unless it is part of the name
        let mut span = nm.toks.start.max(r.start)..nm.toks.end.min(head_end).max(head + 1);
        if ctx.has(span.start, DET) && ctx.is_lower(span.start) {
            span.start += 1;
        }
        if nm.label == "NORP" || is_demonym_plural(ctx, nm) {
            // "The North Koreans": a description of a people keeps its determiner
            return Some(Np {
                toks: r.clone(),
                span: r.start..head_end,
                kind: NpKind::Description,
            });
        }
        return Some(Np {
            toks: r,
            span,
            kind: NpKind::Name,
        });
    }
    Some(Np {
        toks: r.clone(),
        span: r.start..r.end,
        kind: NpKind::Description,
    })
}

fn is_demonym_plural(ctx: &Ctx, nm: &Name) -> bool {
    nm.label == "UNK" && nm.toks.len() <= 3 && {
        let last = ctx.s(nm.toks.end - 1);
        last.ends_with("ans") || last.ends_with("ese") || last.ends_with("ians")
    }
}

/// Skip backwards over adverbs and auxiliaries between a subject and its verb.
fn skip_adverbs_left(ctx: &Ctx, mut i: usize, lo: usize) -> usize {
    while i > lo {
        let t = i - 1;
        let w = ctx.s(t);
        if ctx.has(t, ADV)
            || ctx.has(t, AUX) && !ctx.has(t, DET)
            || (w.ends_with("ly") && ctx.is_lower(t) && w.len() > 3)
        {
            i -= 1;
        } else {
            break;
        }
    }
    i
}

/// The subject noun phrase left of the verb at token `v`, not reaching before `lo`.
pub(crate) fn np_left(ctx: &Ctx, v: usize, lo: usize) -> Option<Np> {
    let mut i = skip_adverbs_left(ctx, v, lo);
    // comma- or dash-enclosed parentheticals: appositives, relative clauses, "however", "via X"
    // ("Jeff Sanborn, president of Chapter & Verse, a Spokane agency, said")
    let mut pending_comma = false;
    for _ in 0..3 {
        if i <= lo + 1 {
            break;
        }
        let c = ctx.s(i - 1);
        if !matches!(c, "," | "—" | "–" | ")") {
            break;
        }
        let opener = if c == ")" { "(" } else { c };
        let Some(j) = (lo..i - 1).rev().take(40).find(|&j| ctx.s(j) == opener) else {
            break;
        };
        let inner = j + 1..i - 1;
        if inner.is_empty() || j == lo {
            break;
        }
        // an appositive that is just a name is the more specific speaker ("his lawyer, Sonya
        // Zoghlin,"; "The group, WeWorkers Coalition,")
        if let Some(ni) = ctx.name_at(inner.start) {
            let nm = &ctx.names[ni];
            let after_description = j > lo && ctx.is_lower(j - 1) && ctx.name_at(j - 1).is_none();
            let fits = nm.label == "PERSON" || after_description && nm.label != "GPE";
            if nm.toks == inner && fits && !ctx.has(inner.start, TITLE) {
                return make_np(ctx, inner);
            }
        }
        // the comma at j may close an earlier appositive: look at it next
        // (only when the part before it reads as an appositive: "president of ...", "a ...")
        let chained = ctx.s(j) == ","
            && (lo..j).rev().take(40).find(|&k| ctx.s(k) == ",").is_some_and(|k| {
                let w = k + 1;
                w < j && (ctx.is(w, "a") || ctx.is(w, "an") || ctx.is_lower(w) && !ctx.has(w, DET | PRON | REL | PREP))
            });
        i = if chained { j + 1 } else { skip_adverbs_left(ctx, j, lo) };
        pending_comma = chained;
    }
    if pending_comma && i > lo && ctx.s(i - 1) == "," {
        i -= 1; // a chained appositive whose opening comma found no partner
    }
    let end = i;
    let mut start = end;
    let mut relative_used = false;
    while start > lo {
        let t = start - 1;
        if !np_word(ctx, t) {
            // a reduced relative: "two people briefed on the talks said"
            let reduced = !relative_used
                && start < end
                && ctx.has(start, PREP)
                && ctx.is_lower(t)
                && ctx.looks_past(t)
                && !ctx.has(t, AUX)
                && t > lo
                && np_word(ctx, t - 1)
                && !ctx.has(t - 1, PREP | DET)
                && ctx.is_lower(t - 1);
            if reduced {
                relative_used = true;
                start -= 1;
                continue;
            }
            break;
        }
        // a lower-case preposition only inside a phrase already started
        if ctx.has(t, PREP) && ctx.is_lower(t) && start == end {
            break;
        }
        start -= 1;
        if end - start >= 10 {
            break;
        }
        if ctx.has(t, DET)
            && ctx.is_lower(t)
            && (!ctx.has(t, PRON) || start + 1 < end)
            && ctx.s(t).len() > 1
            && !(t > lo && np_word(ctx, t - 1) && ctx.has(t - 1, PREP))
        {
            // a determiner opens the phrase unless a preposition precedes it ("favor of the")
            if !(t > lo && ctx.has(t - 1, PREP)) {
                break;
            }
        }
    }
    if start == end {
        // a pronoun subject
        if end > lo && ctx.has(end - 1, PRON) {
            return make_np(ctx, end - 1..end);
        }
        // coordination "X and Y said": handled by np_word refusing "and" only between names
        return None;
    }
    // coordinated names: extend over "and"/"&" to a name on the left
    let mut start2 = start;
    while start2 >= lo + 2
        && (ctx.is(start2 - 1, "and") || ctx.s(start2 - 1) == "&")
        && (ctx.name_at(start2 - 2).is_some() || ctx.name_at(start).is_some() && ctx.is_cap(start2 - 2))
    {
        let mut k = start2 - 1;
        while k > lo && np_word(ctx, k - 1) && end - k < 14 {
            k -= 1;
            if ctx.has(k, DET) && ctx.is_lower(k) {
                break;
            }
        }
        start2 = k;
    }
    if let Some(first_name) = (start2..end).find(|&k| ctx.name_at(k).is_some()) {
        if first_name > start2 {
            let p = first_name - 1;
            if ctx.is_lower(p)
                && !ctx.has(p, TITLE | ANON | ORGNOUN | DET | PREP)
                && !ctx.is(p, "and")
                && !ctx.s(p).ends_with("ly")
                && !ctx.looks_past(p)
            {
                start2 = first_name;
            }
        }
    }
    // a description needs a determiner, a source noun, a name or a possessive: not "parliamentary"
    let ok = (start2..end).any(|k| {
        ctx.has(k, DET | ANON | DOC | ORGNOUN | TITLE)
            || ctx.name_at(k).is_some()
            || ctx.is_cap(k)
            || matches!(ctx.s(k), "'s" | "’s")
    });
    if !ok {
        return None;
    }
    make_np(ctx, start2..end)
}

/// The noun phrase starting at token `t` (speaker after an inverted cue: `said a spokesperson`).
pub(crate) fn np_right(ctx: &Ctx, t: usize, hi: usize) -> Option<Np> {
    if ctx.is(t, "that") {
        return None;
    }
    let mut e = t;
    while e < hi && e - t < 12 {
        if ctx.has(e, PREP) && ctx.is_lower(e) && !(ctx.is(e, "for") || ctx.is(e, "of") || ctx.is(e, "to") && e > t) {
            break;
        }
        if !(np_word(ctx, e) || e == t && ctx.has(e, PRON)) {
            // a pronoun ends the phrase at once
            break;
        }
        if ctx.has(e, PRON) && !ctx.has(e, DET) {
            e += 1;
            break;
        }
        e += 1;
    }
    // coordination to the right
    if e + 1 < hi && ctx.is(e, "and") && ctx.name_at(e + 1).is_some() && ctx.name_at(e - 1).is_some() {
        e += 1;
        while e < hi && ctx.name_at(e).is_some() {
            e += 1;
        }
    }
    if e == t {
        return None;
    }
    let ok = (t..e)
        .any(|k| ctx.has(k, DET | PRON | ANON | DOC | ORGNOUN | TITLE) || ctx.name_at(k).is_some() || ctx.is_cap(k));
    if !ok {
        return None;
    }
    make_np(ctx, t..e)
}

/// The subject of the sentence holding token `before`: past writer connectives and a fronted
/// adverbial ("In a reflection of the confusion, the Electoral Commission ...").
pub(crate) fn sentence_subject(ctx: &Ctx, before: usize) -> Option<Np> {
    let s = ctx.sent(before);
    let mut t = s.start;
    while t < before && (ctx.has(t, CONNECTIVE) || ctx.s(t) == "," || ctx.is_quote_mark(t)) {
        t += 1;
    }
    if ctx.has(t, PREP | REL) && !ctx.has(t, DET | PRON) {
        if let Some(c) = (t..before).find(|&k| ctx.s(k) == ",") {
            t = c + 1;
        }
    }
    while t < before && ctx.has(t, CONNECTIVE) && ctx.is_lower(t) {
        t += 1;
    }
    if t >= before {
        return None;
    }
    np_right(ctx, t, before)
}

// ---------------------------------------------------------------------------------------------
// stand-in name finder

/// Capitalised-token runs as names, for text that comes without entity mentions.
pub(crate) fn fallback_names(ctx: &Ctx) -> Vec<Name> {
    let n = ctx.n();
    let mut out: Vec<Name> = Vec::new();
    let mut opener = vec![false; n];
    for q in &ctx.quotes {
        if let Some(o) = q.open_tok {
            opener[o] = true;
        }
    }
    let opens_quote = |t: usize| opener.get(t).copied().unwrap_or(false);
    let sent_start = |t: usize| {
        ctx.sent(t).start == t || (t > 0 && (opens_quote(t - 1) || matches!(ctx.s(t - 1), "(" | "—" | "–" | ":")))
    };
    let mut t = 0;
    while t < n {
        if !ctx.is_cap(t) {
            t += 1;
            continue;
        }
        let mut e = t;
        while e < n {
            if ctx.is_cap(e) {
                e += 1;
                continue;
            }
            // joiners inside names: "Institute for War Studies", "Edmunds.com", "AT&T"
            let joiner = matches!(
                ctx.s(e).to_ascii_lowercase().as_str(),
                "of" | "for" | "de" | "van" | "von" | "al" | "bin" | "la" | "le" | "du" | "da" | "&"
            );
            // ... but not into a second name: "Alex Horton of The Washington Post"
            if joiner && e + 1 < n && ctx.is_cap(e + 1) && e > t && !ctx.has(e + 1, DET) {
                e += 2;
                continue;
            }
            if ctx.s(e) == "."
                && e > t
                && e + 1 < n
                && ctx.toks[e - 1].end == ctx.toks[e].start
                && ctx.toks[e].end == ctx.toks[e + 1].start
                && ctx.is_lower(e + 1)
            {
                e += 2;
                continue;
            }
            break;
        }
        let mut s = t;
        let run_end = e;
        // drop sentence-initial function words and connectives ("The", "Still", "He")
        let outlet_end = |e: usize| {
            ctx.has(e - 1, OUTLET) || ctx.lex.phrases.iter().any(|p| p.toks.end == e && p.flags & OUTLET != 0)
        };
        let acronym = |k: usize| ctx.s(k).len() >= 2 && ctx.s(k).chars().all(|c| c.is_ascii_uppercase());
        while s < run_end
            && !acronym(s)
            && (ctx.has(s, PRON | PRON12)
                || ctx.has(s, DET) && !(ctx.is(s, "the") && run_end - s > 1 && outlet_end(run_end))
                || sent_start(s) && ctx.has(s, CONNECTIVE | REL | PREP | AUX | ADV | NEG))
        {
            s += 1;
        }
        // drop a sentence-initial verb form, common noun or phrase start ("Noting", "Analysts",
        // "According to")
        while s < run_end
            && sent_start(s)
            && (ctx.has(s, SPEECH | COGNITION | QUOTE_ONLY | ANON | DOC | ORGNOUN)
                || ctx.phrases_at(s).any(|p| p.flags & (ACCORDING | CONNECTIVE | CUE) != 0))
        {
            s += 1;
        }
        // titles and role abbreviations before the name: keep what follows the last one
        // ("Secretary of State Mike Pompeo": the title runs on over "of State")
        let mut k = s;
        while k + 3 < run_end {
            if ctx.has(k, TITLE) && ctx.is(k + 1, "of") && ctx.is_cap(k + 2) && ctx.is_cap(k + 3) {
                s = k + 3;
            }
            k += 1;
        }
        let mut k = s;
        while k < run_end {
            let is_title = ctx.has(k, TITLE)
                || (ctx.s(k).len() <= 3
                    && ctx.s(k).chars().all(|c| c.is_ascii_uppercase())
                    && k + 2 < run_end + 1
                    && k + 1 < run_end
                    && k > s);
            if is_title && k + 1 < run_end && ctx.is_cap(k + 1) && !ctx.has(k + 1, ORGWORD) {
                s = k + 1;
            }
            k += 1;
        }
        // calendar words alone are not names ("November", "Dec.")
        if run_end - s == 1 && ctx.has(s, CALENDAR) {
            s = run_end;
        }
        // a possessive ends a name: "Russia's foreign ministry"
        if s < run_end {
            let mut label = guess_label(ctx, s..run_end);
            // a name right after a person's title is a person: "President Trump", "Dr. Dempsey"
            let titled = s > 0 && (ctx.has(s - 1, TITLE) || ctx.s(s - 1) == "." && s > 1 && ctx.has(s - 2, TITLE));
            if label == "UNK" && titled && !(s..run_end).any(|k| ctx.has(k, ORGWORD)) {
                label = "PERSON";
            }
            out.push(Name {
                toks: s..run_end,
                label,
                canonical: String::new(),
            });
        }
        t = run_end.max(t + 1);
    }
    link_short_forms(ctx, &mut out);
    out
}

fn guess_label(ctx: &Ctx, r: Range<usize>) -> &'static str {
    let words: Vec<&str> = r.clone().map(|t| ctx.s(t)).collect();
    let outlet = ctx.is(r.start, "the") && ctx.has(r.end - 1, OUTLET);
    if outlet || r.clone().any(|t| ctx.has(t, ORGWORD)) || words.iter().any(|w| w.eq_ignore_ascii_case("com")) {
        return "ORG";
    }
    let alpha = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .count();
    if r.len() >= 2 && alpha == r.len() && r.len() <= 4 && words.iter().all(|w| w.chars().any(char::is_lowercase)) {
        return "PERSON";
    }
    "UNK"
}

/// The entity pass's names, checked and completed: a role or title at the start of a person
/// span is dropped ("Browns DL Sheldon Richardson" → "Sheldon Richardson"), a canonical form
/// that is not a name ("John Bolton — Morrison") is recomputed, and capitalised runs the entity
/// pass missed are added from the stand-in finder (`only_given`: neither those runs nor a
/// capitalised word just before a person's name are added).
pub(crate) fn merge_given_names(ctx: &Ctx, given: &[super::NameSpan], only_given: bool) -> Vec<Name> {
    let mut v: Vec<Name> = Vec::with_capacity(given.len());
    const NAME_LABELS: &[&str] = &["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"];
    for m in given
        .iter()
        .filter(|m| m.start < m.end && m.end <= ctx.text.len() && NAME_LABELS.contains(&m.label))
    {
        let mut toks = ctx.toks.partition_point(|t| t.end <= m.start)..ctx.toks.partition_point(|t| t.start < m.end);
        if toks.is_empty() {
            continue;
        }
        let written = ctx.text.get(m.start..m.end).unwrap_or("");
        const PARTICLES: &[&str] = &[
            "de", "da", "di", "du", "van", "von", "der", "den", "al", "bin", "la", "le", "y", "dos", "del",
        ];
        let lower_word = |s: &str| {
            s.split(' ')
                .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(&w))
        };
        if written.contains(['—', '–', ';', ':', '(', ')', '"', '“', '”', '\n'])
            || m.label == "PERSON" && lower_word(written)
        {
            continue; // not one name ("John Bolton — Morrison", "Pence on Trump"): the stand-in finder covers it
        }
        let mut canonical = m.canonical.clone();
        let role = |w: &str, t: Option<usize>| {
            t.is_some_and(|t| ctx.has(t, TITLE | ORGWORD)) || w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase())
        };
        if m.label == "PERSON" {
            let before = toks.start;
            while toks.len() > 2 && role(ctx.s(toks.start), Some(toks.start)) {
                toks.start += 1;
            }
            if toks.start != before && canonical == written {
                canonical = ctx.text[ctx.bytes(toks.clone())].to_string();
            }
            // the same for a canonical form spelled with its role ("Browns DL Sheldon Richardson")
            let words: Vec<&str> = canonical.split(' ').collect();
            if words.len() > 2 {
                if let Some(k) = (0..words.len() - 2)
                    .rev()
                    .find(|&k| words[k].len() <= 3 && words[k].chars().all(|c| c.is_ascii_uppercase()))
                {
                    canonical = words[k + 1..].join(" ");
                }
            }
            // a canonical form that starts with a title ("President Donald Trump")
            if canonical.split(' ').count() >= 3 {
                let ctoks = crate::segment::tokens(&canonical);
                let lex = super::lexicon::Lexicon::get().scan(&canonical, &ctoks);
                let mut k = 0;
                while k + 2 < ctoks.len() && lex.tok[k] & TITLE != 0 {
                    k += 1;
                }
                if k > 0 {
                    canonical = canonical[ctoks[k].start..].to_string();
                }
            }
            // a person's name has no lower-case words but particles ("Pence on Trump" is not one)
            if lower_word(&canonical) {
                canonical.clear();
            }
            // a capitalised word just before the name that the entity pass left out ("Will Moy")
            if toks.start > 0 && !only_given {
                let p = toks.start - 1;
                let sent_start = ctx.sent(p).start == p;
                if ctx.is_cap(p)
                    && !sent_start
                    && !role(ctx.s(p), Some(p)) // "Browns DL Sheldon Richardson": DL is a position
                    && !ctx.has(p, TITLE | DET | PRON | PRON12 | CONNECTIVE | CALENDAR)
                    && ctx.toks[p].end < ctx.toks[toks.start].start
                    && ctx.text[ctx.toks[p].end..ctx.toks[toks.start].start].trim().is_empty()
                    && !ctx.is_punct(p)
                {
                    let prev_given = v.last().is_some_and(|n: &Name| n.toks.end > p);
                    if !prev_given {
                        toks.start = p;
                        if canonical == written {
                            canonical = ctx.text[ctx.bytes(toks.clone())].to_string();
                        }
                    }
                }
            }
        }
        let bad = canonical.contains(['—', '–', ';', ':', '(', ')', '"', '“', '”']) || canonical.len() > 80;
        // names come from the text: a canonical form the text never writes ("United States" for
        // "US") is replaced by one it does
        let bad = bad || !canonical.is_empty() && !ctx.text.contains(canonical.as_str());
        if bad || canonical == written {
            canonical.clear(); // recomputed below: the text may give a fuller form ("Edmunds.com")
        }
        v.push(Name {
            toks,
            label: m.label,
            canonical,
        });
    }
    // runs the entity pass did not cover
    let mut covered = vec![false; ctx.n()];
    for nm in &v {
        covered[nm.toks.clone()].fill(true);
    }
    for nm in if only_given { Vec::new() } else { fallback_names(ctx) } {
        if !nm.toks.clone().any(|t| covered[t]) {
            v.push(Name {
                canonical: String::new(),
                ..nm
            });
        }
    }
    v.sort_by_key(|m| (m.toks.start, std::cmp::Reverse(m.toks.end)));
    // canonical forms for the names left without one
    let missing: Vec<usize> = (0..v.len()).filter(|&i| v[i].canonical.is_empty()).collect();
    if !missing.is_empty() {
        let mut linked = v.clone();
        link_short_forms(ctx, &mut linked);
        for i in missing {
            v[i].canonical = linked[i].canonical.clone();
            if v[i].label == "UNK" {
                v[i].label = linked[i].label;
            }
        }
    }
    v
}

/// Give every name the fullest form the text has of it: "Volker" → "Kurt Volker" (a person's
/// last name), "Edmunds" → "Edmunds.com", and type short forms like their full form.
fn link_short_forms(ctx: &Ctx, names: &mut [Name]) {
    let texts: Vec<String> = names
        .iter()
        .map(|n| ctx.text[ctx.bytes(n.toks.clone())].to_string())
        .collect();
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| {
            n.toks
                .clone()
                .map(|t| ctx.s(t))
                .filter(|w| !matches!(*w, "." | "&"))
                .collect()
        })
        .collect();
    // candidates share the first or the last word: index them so long texts stay linear
    // (one candidate per distinct text and label: the same name written a thousand times is
    // one candidate, not a thousand)
    type Fast = std::hash::BuildHasherDefault<crate::entities::hashing::ByteHasher>;
    let mut by_word: std::collections::HashMap<&str, Vec<usize>, Fast> = Default::default();
    let mut first_of: std::collections::HashSet<(&str, &str), Fast> = Default::default();
    for (j, w) in words.iter().enumerate() {
        if w.len() >= 2 && first_of.insert((texts[j].as_str(), names[j].label)) {
            if let (Some(f), Some(l)) = (w.first(), w.last()) {
                by_word.entry(f).or_default().push(j);
                if l != f {
                    by_word.entry(l).or_default().push(j);
                }
            }
        }
    }
    let mut distinct: Vec<&str> = texts.iter().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    const NO_CANDIDATES: &[usize] = &[];
    for i in 0..names.len() {
        let mut best: Option<usize> = None;
        let mut cands: Vec<usize> = Vec::new();
        if let (Some(f), Some(l)) = (words[i].first(), words[i].last()) {
            cands.extend(by_word.get(f).map(Vec::as_slice).unwrap_or(NO_CANDIDATES));
            cands.extend(by_word.get(l).map(Vec::as_slice).unwrap_or(NO_CANDIDATES));
        }
        for j in cands {
            if words[j].len() <= words[i].len() || words[i].is_empty() {
                continue;
            }
            let wi = &words[i];
            let wj = &words[j];
            let suffix = names[j].label == "PERSON" && wj.ends_with(wi);
            // "Edmunds" → "Edmunds.com", "WeWork" → "WeWork Inc": a domain or corporate suffix
            let prefix = names[j].label != "PERSON"
                && wj.starts_with(wi)
                && names[i].label != "PERSON"
                && (texts[j].as_bytes().get(texts[i].len()) == Some(&b'.') && texts[j].starts_with(texts[i].as_str())
                    || wj.len() == wi.len() + 1 && ctx.has(names[j].toks.end - 1, ORGWORD));
            if (suffix || prefix) && best.is_none_or(|b| words[j].len() > words[b].len()) {
                best = Some(j);
            }
        }
        // a people ("North Koreans") when the text names its country ("North Korea")
        if let Some(last) = words[i].last() {
            if (last.ends_with("ans") || last.ends_with("ese")) && texts[i].len() > 5 {
                let people = &texts[i];
                let country = distinct.iter().any(|c| {
                    c.len() >= 4 && c.len() < people.len() && {
                        let common = c.bytes().zip(people.bytes()).take_while(|(a, b)| a == b).count();
                        common + 1 >= c.len()
                    }
                });
                if country {
                    names[i].label = "NORP";
                }
            }
        }
        match best {
            Some(j) => {
                names[i].canonical = texts[j].clone();
                if names[i].label == "UNK" {
                    names[i].label = names[j].label;
                }
            }
            None => names[i].canonical = texts[i].clone(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// resolution

fn type_of_label(label: &str) -> SpeakerType {
    match label {
        "PERSON" => SpeakerType::Person,
        "GPE" | "LOC" => SpeakerType::Gpe,
        "NORP" => SpeakerType::Norp,
        _ => SpeakerType::Org,
    }
}

fn canonical(ctx: &Ctx, ni: usize) -> String {
    let nm = &ctx.names[ni];
    if nm.canonical.is_empty() {
        ctx.text[ctx.bytes(nm.toks.clone())].to_string()
    } else {
        nm.canonical.clone()
    }
}

/// Resolve every claim's speaker, in text order, so pronouns can lean on earlier claims.
pub(crate) fn resolve_all(ctx: &Ctx, claims: &mut [Claim]) {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| {
        claims[i]
            .speaker
            .as_ref()
            .map(|s| s.start)
            .unwrap_or(claims[i].content.start)
    });
    // (speaker token, resolved, type) of the claims resolved so far
    let mut done: Vec<(usize, String, SpeakerType)> = Vec::new();
    let gender = gender_evidence_all(ctx);
    // description head word → the latest (resolved, type) it stood for
    let mut heads: std::collections::HashMap<String, (String, SpeakerType)> = std::collections::HashMap::new();
    for i in order {
        let Some(sp) = claims[i].speaker.clone() else {
            // implicit speaker: the last speaker before the quote
            let before = claims[i].content.start;
            let tok = ctx.toks.partition_point(|t| t.start < before);
            // `done` is in speaker order: the last entry before `tok`
            if let Some((_, r, ty)) = done[..done.partition_point(|d| d.0 < tok)].last() {
                claims[i].speaker_resolved = Some(r.clone());
                claims[i].speaker_type = *ty;
            }
            continue;
        };
        let r = ctx.toks.partition_point(|t| t.end <= sp.start)..ctx.toks.partition_point(|t| t.start < sp.end);
        // a description repeated ("the group" ... "the group") stands for the same source
        let head = r
            .end
            .checked_sub(1)
            .map(|h| ctx.s(h).to_ascii_lowercase())
            .unwrap_or_default();
        let description = r.len() >= 2 && ctx.has(r.start, DET) && ctx.is_lower(r.end - 1) && !ctx.is_pronoun(r.start);
        if description {
            if let Some((res, ty)) = heads.get(&head).cloned() {
                claims[i].speaker_resolved = Some(res.clone());
                claims[i].speaker_type = ty;
                done.push((r.start, res, ty));
                continue;
            }
        }
        let (res, ty) = resolve_span(ctx, r.clone(), &done, &gender);
        if description && ty != SpeakerType::Anonymous && ty != SpeakerType::Document {
            heads.insert(head, (res.clone(), ty));
        }
        claims[i].speaker_resolved = Some(res.clone());
        claims[i].speaker_type = ty;
        debug_assert!(done.last().is_none_or(|d| d.0 <= r.start));
        done.push((r.start, res, ty));
    }
}

fn class_type(ctx: &Ctx, r: Range<usize>) -> Option<SpeakerType> {
    // the head noun's class: the last classed word before a preposition
    let mut end = r.end;
    for t in r.start + 1..r.end {
        if is_head_boundary(ctx, t) {
            end = t;
            break;
        }
    }
    for t in (r.start..end).rev() {
        let f = ctx.flags(t);
        if f & DOC != 0 && (ctx.is_lower(t) || t + 1 == end) {
            return Some(SpeakerType::Document);
        }
        if f & ORGNOUN != 0 && ctx.name_at(t).is_none() {
            return Some(SpeakerType::Org);
        }
        if f & ANON != 0 {
            return Some(SpeakerType::Anonymous);
        }
        if f & TITLE != 0 && ctx.is_lower(t) {
            return Some(SpeakerType::Person);
        }
    }
    None
}

type Gender = std::collections::HashMap<String, (u32, u32)>;

fn resolve_span(
    ctx: &Ctx,
    r: Range<usize>,
    done: &[(usize, String, SpeakerType)],
    gender: &Gender,
) -> (String, SpeakerType) {
    let written = ctx.text[ctx.bytes(r.clone())].to_string();
    if r.is_empty() {
        return (written, SpeakerType::Anonymous);
    }
    // coordination: resolve each name
    if r.clone().any(|t| ctx.is(t, "and") && ctx.name_at(t).is_none()) {
        let mut parts = Vec::new();
        let mut ty = None;
        let mut t = r.start;
        while t < r.end {
            if let Some(ni) = ctx.name_at(t) {
                let e = ctx.names[ni].toks.end;
                // a name inside a title ("US Trade Representative") is not a conjunct
                let in_title = (e..r.end.min(e + 3))
                    .take_while(|&u| ctx.is_cap(u))
                    .any(|u| ctx.has(u, TITLE));
                if !in_title {
                    parts.push(canonical(ctx, ni));
                    ty.get_or_insert(type_of_label(ctx.names[ni].label));
                }
                t = e;
                continue;
            }
            if ctx.has(t, TITLE) && ctx.is_lower(t) {
                // "the president": a titled name earlier in the text
                if let Some(name) = titled_name(ctx, t) {
                    parts.push(name);
                }
            }
            t += 1;
        }
        if parts.len() >= 2 {
            let ty = ty
                .map(|t| if t == SpeakerType::Norp { SpeakerType::Gpe } else { t })
                .unwrap_or(SpeakerType::Person);
            return (parts.join(" and "), ty);
        }
    }
    if r.len() == 1 && ctx.is_pronoun(r.start) {
        return resolve_pronoun(ctx, r.start, done, gender).unwrap_or((written, SpeakerType::Person));
    }
    let mut head_end = r.end;
    for t in r.start + 1..r.end {
        if is_head_boundary(ctx, t) {
            head_end = t;
            break;
        }
    }
    if let Some(ni) = ctx.name_at(head_end - 1) {
        let nm = &ctx.names[ni];
        if nm.label == "NORP" || is_demonym_plural(ctx, nm) {
            // "The North Koreans" → "North Korea" when the text names the country
            let people = canonical(ctx, ni);
            if let Some(country) = country_of(ctx, &people) {
                return (country, SpeakerType::Norp);
            }
            return (people, SpeakerType::Norp);
        }
        let c = canonical(ctx, ni);
        // a name the text calls "he" or "she" is a person
        let ty = match gender.get(&c) {
            Some(&(m, f)) if nm.label == "UNK" && m + f > 0 => SpeakerType::Person,
            _ => type_of_label(nm.label),
        };
        return (c, ty);
    }
    // a description
    let ty = class_type(ctx, r.clone());
    // "The 56-year-old": the person last spoken of
    if ctx.s(r.end - 1).ends_with("-year-old") && ctx.has(r.start, DET) {
        if let Some(p) = resolve_pronoun_like(ctx, r.start, done, gender) {
            return p;
        }
    }
    let head_lower = ctx.s(r.end - 1).to_ascii_lowercase();
    // "The suspect, Michael Webb," earlier in the text; "the president" after "President X"
    if let Some(name) = appositive_name(ctx, r.clone(), &head_lower) {
        return (name, SpeakerType::Person);
    }
    if ctx.has(r.end - 1, TITLE) && ty != Some(SpeakerType::Anonymous) {
        if let Some(name) = titled_name(ctx, r.end - 1) {
            return (name, SpeakerType::Person);
        }
    }
    match ty {
        Some(SpeakerType::Org) if ctx.is(r.start, "the") && (r.start + 1..r.end).all(|t| !ctx.is_cap(t)) => {
            // "the company", "the publication": the last organisation named before
            if let Some(name) = last_name_before(ctx, r.start, |l| l != "PERSON" && l != "GPE" && l != "NORP") {
                return (name, SpeakerType::Org);
            }
            (written, SpeakerType::Org)
        }
        Some(SpeakerType::Document) => {
            // a named document keeps its name: "the TexAuto Facts report from InfoNation"
            let mut s = r.start;
            while s < r.end && ctx.is_lower(s) {
                s += 1;
            }
            let mut e = s;
            while e < r.end && !(ctx.has(e, PREP) && ctx.is_lower(e)) {
                e += 1;
            }
            if s < e && e <= r.end && ctx.is_cap(s) && ctx.has(e - 1, DOC) && s > r.start {
                return (ctx.text[ctx.bytes(s..e)].to_string(), SpeakerType::Document);
            }
            (written, SpeakerType::Document)
        }
        Some(t) => (written, t),
        None => {
            // a possessive description of an organisation or a person: "Russia's foreign ministry"
            (written, SpeakerType::Anonymous)
        }
    }
}

/// A people name's country when the text names it: "North Koreans" → "North Korea".
/// The longest name (the first of that length) of at least four bytes, shorter than `people`,
/// that `people` starts with, give or take the name's last byte. The names are indexed once per
/// text by all but their last byte, so each call costs a few lookups, not a pass over the names.
fn country_of(ctx: &Ctx, people: &str) -> Option<String> {
    let index = ctx.country_names.get_or_init(|| {
        let mut m: std::collections::HashMap<Vec<u8>, String> = std::collections::HashMap::new();
        for ni in 0..ctx.names.len() {
            let c = canonical(ctx, ni);
            if c.len() >= 4 && !matches!(ctx.names[ni].label, "PERSON" | "NORP") {
                m.entry(c.as_bytes()[..c.len() - 1].to_vec()).or_insert(c);
            }
        }
        m
    });
    let p = people.as_bytes();
    (3..p.len().saturating_sub(1))
        .rev()
        .find_map(|l| index.get(&p[..l]).cloned())
}

/// Names before a title word that `titled_name` reads.
const TITLED_NAME_WINDOW: usize = 2000;

fn titled_name(ctx: &Ctx, title_tok: usize) -> Option<String> {
    let title = ctx.s(title_tok).to_ascii_lowercase();
    // the name most often written after the same title word ("President Trump"), not after a
    // longer title ("Vice President Biden")
    // (the last TITLED_NAME_WINDOW names before the title word: a bounded look-back)
    let mut count: Vec<(String, usize)> = Vec::new();
    let before = ctx.names.partition_point(|n| n.toks.start < title_tok);
    for (ni, nm) in ctx
        .names
        .iter()
        .enumerate()
        .skip(before.saturating_sub(TITLED_NAME_WINDOW))
    {
        let s = nm.toks.start;
        if s >= title_tok {
            break;
        }
        let longer_title = s > 1 && ctx.phrases_at(s - 2).any(|p| p.flags & TITLE != 0 && p.toks.end == s);
        if nm.label == "PERSON" && s > 0 && ctx.s(s - 1).eq_ignore_ascii_case(&title) && !longer_title {
            let c = canonical(ctx, ni);
            match count.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => count.push((c, 1)),
            }
        }
    }
    count.into_iter().max_by_key(|x| x.1).map(|x| x.0)
}

fn appositive_name(ctx: &Ctx, r: Range<usize>, head: &str) -> Option<String> {
    // earlier "the <head>, NAME," or "NAME, the <head>,": the last one in the 5,000 tokens
    // before (a bounded look-back), read from the list of "<word>, <person>" places of the text
    let slots = ctx.appositive_slots.get_or_init(|| {
        (0..ctx.n().saturating_sub(2))
            .filter(|&t| ctx.s(t + 1) == "," && ctx.name_at(t + 2).is_some_and(|ni| ctx.names[ni].label == "PERSON"))
            .collect()
    });
    let lo = r.start.saturating_sub(5000);
    let window = &slots[slots.partition_point(|&t| t < lo)..slots.partition_point(|&t| t < r.start)];
    window.iter().rev().find_map(|&t| {
        let same_head = ctx.s(t).eq_ignore_ascii_case(head) && ctx.is_lower(t) || ctx.s(t) == ctx.s(r.end - 1);
        same_head
            .then(|| ctx.name_at(t + 2).map(|ni| canonical(ctx, ni)))
            .flatten()
    })
}

/// The organisation a description ("the company") stands for: among the fitting names of the
/// last three sentences, the one the text has named most often so far (the latest on a tie).
fn last_name_before(ctx: &Ctx, t: usize, ok: impl Fn(&str) -> bool) -> Option<String> {
    let s = ctx.sent_of.get(t).copied().unwrap_or(0) as usize;
    let lo = ctx.sents.get(s.saturating_sub(3)).map(|r| r.start).unwrap_or(0);
    let mut count: Vec<(String, usize, usize)> = Vec::new(); // (name, mentions so far, last position)
    let mut window: Vec<String> = Vec::new();
    let far = ctx.sents.get(s.saturating_sub(40)).map(|r| r.start).unwrap_or(0);
    let first = ctx.names.partition_point(|n| n.toks.start < far);
    for (ni, nm) in ctx.names.iter().enumerate().skip(first) {
        if nm.toks.start >= t {
            break;
        }
        if !ok(nm.label) || ctx.in_quote_content(nm.toks.start).is_some() {
            continue;
        }
        let c = canonical(ctx, ni);
        match count.iter_mut().find(|x| x.0 == c) {
            Some(x) => {
                x.1 += 1;
                x.2 = nm.toks.start;
            }
            None => count.push((c.clone(), 1, nm.toks.start)),
        }
        if nm.toks.start >= lo {
            window.push(c);
        }
    }
    count
        .into_iter()
        .filter(|x| window.contains(&x.0))
        .max_by_key(|x| (x.1, x.2))
        .map(|x| x.0)
}

/// Pronoun evidence for a person's gender: in each sentence whose first person outside quotes
/// is X, and in the sentence after it, the he/him/his and she/her/hers outside quotes count for
/// X. Returns (male, female) counts per canonical name.
fn gender_evidence_all(ctx: &Ctx) -> Gender {
    gender_evidence(ctx, |l| l == "PERSON" || l == "UNK")
}

fn gender_evidence(ctx: &Ctx, fits: impl Fn(&str) -> bool) -> Gender {
    let mut ev: std::collections::HashMap<String, (u32, u32)> = std::collections::HashMap::new();
    for (si, s) in ctx.sents.iter().enumerate() {
        let Some(x) = s.clone().find_map(|t| {
            ctx.name_at(t)
                .filter(|&n| fits(ctx.names[n].label) && ctx.in_quote_content(t).is_none())
        }) else {
            continue;
        };
        let name = canonical(ctx, x);
        let after = ctx.names[x].toks.end;
        let end = ctx.sents.get(si + 1).map(|r| r.end).unwrap_or(s.end);
        // stop at the next person named
        let mut e = after;
        while e < end
            && !(ctx
                .name_at(e)
                .is_some_and(|n| fits(ctx.names[n].label) && canonical(ctx, n) != name))
        {
            e += 1;
        }
        let (mut m, mut f) = (0, 0);
        for t in after..e {
            if ctx.in_quote_content(t).is_some() {
                continue;
            }
            let w = ctx.s(t).to_ascii_lowercase();
            match w.as_str() {
                "he" | "him" | "his" | "himself" => m += 1,
                "she" | "her" | "hers" | "herself" => f += 1,
                _ => {}
            }
        }
        let entry = ev.entry(name).or_default();
        entry.0 += m;
        entry.1 += f;
    }
    ev
}

/// A definite description of a person ("The 56-year-old"): the person the text has named most
/// often in the last six sentences (the latest on a tie), speakers counting twice.
fn resolve_pronoun_like(
    ctx: &Ctx,
    t: usize,
    done: &[(usize, String, SpeakerType)],
    gender: &Gender,
) -> Option<(String, SpeakerType)> {
    let s0 = ctx.sent_of.get(t).copied().unwrap_or(0) as usize;
    let lo = ctx.sents.get(s0.saturating_sub(6)).map(|r| r.start).unwrap_or(0);
    let mut score: Vec<(String, usize, usize)> = Vec::new();
    let mut add = |name: String, w: usize, at: usize| match score.iter_mut().find(|x| x.0 == name) {
        Some(x) => {
            x.1 += w;
            x.2 = x.2.max(at);
        }
        None => score.push((name, w, at)),
    };
    // `done` (speaker order) and `names` (text order) are sorted: read only the window
    let (d_lo, d_hi) = (done.partition_point(|d| d.0 < lo), done.partition_point(|d| d.0 < t));
    for d in done[d_lo..d_hi.max(d_lo)].iter().filter(|d| d.2 == SpeakerType::Person) {
        add(d.1.clone(), 2, d.0);
    }
    let n_lo = ctx.names.partition_point(|n| n.toks.start < lo);
    for (ni, nm) in ctx.names.iter().enumerate().skip(n_lo) {
        let k = nm.toks.start;
        if k >= t {
            break;
        }
        if k >= lo && k < t && ctx.in_quote_content(k).is_none() {
            let c = canonical(ctx, ni);
            let person = nm.label == "PERSON" || gender.get(&c).is_some_and(|g| g.0 + g.1 > 0);
            if person {
                add(c, 1, k);
            }
        }
    }
    score
        .into_iter()
        .max_by_key(|x| (x.1, x.2))
        .map(|x| (x.0, SpeakerType::Person))
}

/// he/she/they/it/this: the last compatible speaker or name, sentence by sentence backwards;
/// in each sentence a claim's speaker first, else the first fitting name outside quotes.
fn resolve_pronoun(
    ctx: &Ctx,
    p: usize,
    done: &[(usize, String, SpeakerType)],
    gender: &Gender,
) -> Option<(String, SpeakerType)> {
    let w = ctx.s(p).to_ascii_lowercase();
    let person = matches!(w.as_str(), "he" | "she");
    let gender_ok = |name: &str| match (w.as_str(), gender.get(name)) {
        ("he", Some(&(m, f))) => f <= m,
        ("she", Some(&(m, f))) => m <= f,
        _ => true,
    };
    let fits = |ty: SpeakerType| match w.as_str() {
        "he" | "she" => ty == SpeakerType::Person,
        "it" => matches!(ty, SpeakerType::Org | SpeakerType::Gpe | SpeakerType::Document),
        "this" => true,
        _ => ty != SpeakerType::Document,
    };
    let label_fits = |l: &str| match w.as_str() {
        "he" | "she" => l == "PERSON",
        "it" => l == "ORG" || l == "GPE" || l == "UNK",
        _ => l != "NORP",
    };
    let s0 = ctx.sent_of.get(p).copied().unwrap_or(0) as usize;
    for s in (s0.saturating_sub(5)..=s0).rev() {
        let Some(sr) = ctx.sents.get(s) else { continue };
        let hi = if s == s0 { p } else { sr.end };
        // claims spoken in this sentence
        let pq = ctx.in_quote_content(p);
        // `done` is in speaker order: the last fitting entry of the sentence
        let (d_lo, d_hi) = (
            done.partition_point(|d| d.0 < sr.start),
            done.partition_point(|d| d.0 < hi),
        );
        if let Some(d) = done[d_lo..d_hi.max(d_lo)].iter().rev().find(|d| {
            fits(d.2) && gender_ok(&d.1) && (ctx.in_quote_content(d.0).is_none() || ctx.in_quote_content(d.0) == pq)
        }) {
            return Some((d.1.clone(), d.2));
        }
        let mut t = sr.start;
        while t < hi {
            if let Some(ni) = ctx.name_at(t) {
                let nm = &ctx.names[ni];
                if ctx.in_quote_content(t).is_none()
                    && label_fits(nm.label)
                    && (!person || gender_ok(&canonical(ctx, ni)))
                {
                    return Some((
                        canonical(ctx, ni),
                        if person {
                            SpeakerType::Person
                        } else {
                            type_of_label(nm.label)
                        },
                    ));
                }
                t = nm.toks.end.max(t + 1);
                continue;
            }
            t += 1;
        }
    }
    None
}
