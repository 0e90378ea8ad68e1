//! Hedges: the modal and evidential markers that present a claim as uncertain.
//!
//! In: the `Ctx` of a text and its claims (content and cue ranges, resolved speakers). Out: each
//! claim's `hedges`, lower-cased, in text order, without repeats. A hedge counts when it scopes
//! over what the source asserts: in the content or the cue ("believe", "hinted", "expects"), not
//! inside a nested claim of another source (that claim carries it), not in a relative clause
//! describing a referent ("people who might ..."), not in a condition or reason ("if", "because",
//! "whether"). "could" counts before be/have ("could be confused"), "would" only as inference
//! ("would show"); cognition verbs count in the present tense with a subject ("I think", "he
//! believes") and "I thought".

use super::lexicon::class::*;
use super::{Claim, Ctx};
use std::ops::Range;

fn tok_range(ctx: &Ctx, r: &Range<usize>) -> Range<usize> {
    ctx.toks.partition_point(|t| t.end <= r.start)..ctx.toks.partition_point(|t| t.start < r.end)
}

fn blocked(ctx: &Ctx, t: usize, lo: usize) -> bool {
    (t.saturating_sub(3).max(lo)..t).any(|u| {
        ["who", "whether", "if", "because", "unless"]
            .iter()
            .any(|w| ctx.is(u, w))
    })
}

fn has_subject(ctx: &Ctx, t: usize, lo: usize) -> bool {
    let mut u = t;
    while u > lo
        && (ctx.has(u - 1, NEG | ADV)
            || matches!(
                ctx.s(u - 1).to_ascii_lowercase().as_str(),
                "do" | "does" | "still" | "also" | "really" | "just"
            ))
    {
        if matches!(ctx.s(u - 1).to_ascii_lowercase().as_str(), "do" | "does") && !ctx.has(u, NEG) && u == t {
            // emphatic "we do think"
            return false;
        }
        u -= 1;
    }
    u > lo && (ctx.has(u - 1, PRON | PRON12) || ctx.name_at(u - 1).is_some() || ctx.has(u - 1, ANON))
}

/// Hedge words of the tokens `r`, skipping the token ranges in `skip`.
fn hedges_in(ctx: &Ctx, r: Range<usize>, skip: &[Range<usize>], out: &mut Vec<String>) {
    let lo = r.start;
    // the skipped ranges sorted and merged, walked with `t` (one pass, not one scan per token)
    let mut skip: Vec<Range<usize>> = skip.iter().filter(|s| !s.is_empty()).cloned().collect();
    skip.sort_unstable_by_key(|s| s.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(skip.len());
    for s in skip {
        match merged.last_mut() {
            Some(m) if s.start <= m.end => m.end = m.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let mut next_skip = 0;
    let mut t = r.start;
    while t < r.end {
        while next_skip < merged.len() && merged[next_skip].end <= t {
            next_skip += 1;
        }
        if merged.get(next_skip).is_some_and(|s| s.contains(&t)) {
            t = merged[next_skip].end;
            continue;
        }
        // multiword hedges first ("there is a possibility", "struck me as", "I thought")
        if let Some(p) = ctx.phrases_at(t).find(|p| p.flags & HEDGE != 0 && p.toks.end <= r.end) {
            let e = p.toks.end;
            out.push(ctx.text[ctx.bytes(p.toks.clone())].to_lowercase());
            t = e;
            continue;
        }
        let f = ctx.flags(t);
        let next = ctx.s(t + 1).to_ascii_lowercase();
        let ok = if f & H_MODAL != 0 {
            !blocked(ctx, t, lo)
        } else if f & H_COULD_WOULD != 0 {
            let w = ctx.s(t).to_ascii_lowercase();
            if w.starts_with("could") {
                matches!(next.as_str(), "be" | "have" | "possibly" | "well")
            } else {
                matches!(
                    next.as_str(),
                    "show" | "suggest" | "indicate" | "mean" | "seem" | "appear" | "imply"
                )
            }
        } else if f & H_ADVERB != 0 {
            // "likely" after a noun describes it ("any decision likely to encourage")
            let adjectival = (ctx.is(t, "likely") || ctx.is(t, "unlikely"))
                && t > lo
                && ctx.is_lower(t - 1)
                && !ctx.has(t - 1, AUX | BE | ADV | PRON | NEG)
                && !ctx.s(t - 1).ends_with("ly");
            !adjectival && (!blocked(ctx, t, lo) || ctx.is(t, "probably") || ctx.is(t, "likely"))
        } else if f & H_COGNITION != 0 {
            has_subject(ctx, t, lo) && !blocked(ctx, t, lo)
        } else if f & H_APPEAR != 0 {
            !blocked(ctx, t, lo)
        } else {
            false
        };
        if ok {
            out.push(ctx.s(t).to_lowercase());
        }
        t += 1;
    }
}

/// Fill `hedges` of every claim.
pub(crate) fn mark(ctx: &Ctx, claims: &mut [Claim]) {
    type Span = (Range<usize>, Option<Range<usize>>, Option<String>);
    let spans: Vec<Span> = claims
        .iter()
        .map(|c| {
            (
                tok_range(ctx, &c.content),
                c.cue.as_ref().map(|r| tok_range(ctx, r)),
                c.speaker_resolved.clone(),
            )
        })
        .collect();
    // cues by first token, to find the ones inside a content without a pass over every claim
    let mut cues: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.1.as_ref().map(|q| (q.start, j)))
        .collect();
    cues.sort_unstable();
    for (i, c) in claims.iter_mut().enumerate() {
        let (content, cue, who) = &spans[i];
        // nested claims of another source inside this content
        let mut skip = Vec::new();
        let first = cues.partition_point(|&(s, _)| s < content.start);
        for &(qs, j) in &cues[first..] {
            if qs > content.end {
                break;
            }
            let (oc, ocue, owho) = &spans[j];
            if i == j || owho == who {
                continue;
            }
            if let Some(oq) = ocue {
                if content.start <= oq.start && oq.end <= content.end {
                    skip.push(oq.start.min(oc.start)..oc.end.max(oq.end));
                }
            }
        }
        let mut out = Vec::new();
        if let Some(cr) = cue {
            for t in cr.clone() {
                if ctx.has(t, H_MODAL)
                    || ctx.has(t, H_COGNITION) && ctx.has(t, COGNITION | SPEECH)
                    || ctx.has(t, H_COULD_WOULD) && ctx.is(t, "would")
                {
                    if ctx.is(t, "would") && !ctx.has(t + 1, SPEECH) {
                        continue;
                    }
                    out.push(ctx.s(t).to_lowercase());
                }
            }
        }
        hedges_in(ctx, content.clone(), &skip, &mut out);
        let mut seen = std::collections::HashSet::new();
        out.retain(|h| seen.insert(h.clone()));
        c.hedges = out;
    }
}
