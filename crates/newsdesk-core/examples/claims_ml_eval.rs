//! Score claim extraction in German, Spanish, French and Portuguese against the dev sets in
//! tests/data/claims ({lang}.jsonl, {lang}_texts.jsonl; see tests/data/claims/GUIDELINES.md).
//!
//! Usage: `cargo run --release -p newsdesk-core --example claims_ml_eval [-- [--shared DIR] [--show] [--lang de]
//! [--english-entities] [--passes N] [--dump]]` (DIR defaults to ../shared; pages of news-pages are read from it
//! and left out when missing).
//! Speakers come from the entity pass in the article's language, as in `newsdesk.analyze`
//! (`--english-entities`: the English model instead). Matching as in benches/claims.py:
//! content spans overlapping by at least half of the longer one, one-to-one, largest overlap
//! first; a speaker is right when the resolved name (or the speaker as written) equals the gold
//! one, case-insensitively. Prints content and content + speaker P/R/F1 and recall by kind for
//! the tuning articles and, apart, for the articles held aside, and how often the speaker type
//! of a found claim is the gold one; `--show` lists the misses of the tuning articles only.
//! Speed: words per second of the entity pass and the claims pass, timed apart over `--passes`
//! (default 5) passes after one untimed pass (so loading a language's weights is not counted), in
//! thread CPU time.

use newsdesk_core::claims::{extract_with_mentions_lang, ClaimKind};
use newsdesk_core::entities::Mention;
use serde_json::Value;
use std::collections::HashMap;

/// CPU time of this thread in seconds (the machine's other work is not counted).
fn cpu() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid timespec for the clock to fill
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

const KINDS: [&str; 3] = ["direct", "indirect", "according_to"];

fn prf(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let r = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// `--dump`: every claim of every news page and dev text read in German, Spanish, French or
/// Portuguese (language detected for the pages), one per line, to compare two builds.
fn dump(pages: &HashMap<String, String>, root: &str) {
    let mut docs: Vec<(String, String, Option<String>)> =
        pages.iter().map(|(id, t)| (id.clone(), t.clone(), None)).collect();
    for lang in ["de", "es", "fr", "pt"] {
        let Ok(texts) = std::fs::read_to_string(format!("{root}/{lang}_texts.jsonl")) else {
            continue;
        };
        for line in texts.lines() {
            let v: Value = serde_json::from_str(line).expect("texts jsonl");
            if let Some(t) = v["text"].as_str() {
                let id = v["article_id"].as_str().unwrap_or("").to_string();
                docs.push((id, t.to_string(), Some(lang.to_string())));
            }
        }
    }
    docs.sort();
    for (id, body, lang) in docs {
        let lang = newsdesk_core::claims::claims_language(&body, lang.as_deref());
        if lang == "en" {
            continue;
        }
        let mentions = newsdesk_core::entities::extract_lang(&body, Some(lang));
        for c in extract_with_mentions_lang(&body, Some(lang), &mentions) {
            println!(
                "{id}\t{lang}\t{}\t{:?}\t{:?}\t{:?}\t{}\t{:?}\t{:?}",
                c.kind.as_str(),
                &body[c.content.clone()],
                c.speaker.clone().map(|s| &body[s]),
                c.speaker_resolved,
                c.speaker_type.as_str(),
                c.cue.clone().map(|s| &body[s]),
                c.hedges
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1)).cloned();
    let shared = opt("--shared").unwrap_or_else(|| "../shared".into());
    let show = args.iter().any(|a| a == "--show");
    let only = opt("--lang");
    let english = args.iter().any(|a| a == "--english-entities");
    let passes: usize = opt("--passes").and_then(|p| p.parse().ok()).unwrap_or(5);
    let tag = |body: &str, lang: &str| -> Vec<Mention> {
        if english {
            newsdesk_core::entities::extract(body)
        } else {
            newsdesk_core::entities::extract_lang(body, Some(lang))
        }
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/claims");
    let mut pages: HashMap<String, String> = HashMap::new();
    if let Ok(s) = std::fs::read_to_string(format!("{shared}/data/news-pages/gold.jsonl")) {
        for line in s.lines() {
            let v: Value = serde_json::from_str(line).expect("gold.jsonl");
            let text: Vec<&str> = v["paragraphs"]
                .as_array()
                .map(|a| a.iter().filter_map(|p| p["text"].as_str()).collect())
                .unwrap_or_default();
            pages.insert(v["id"].as_str().unwrap_or("").into(), text.join("\n\n"));
        }
    }
    if args.iter().any(|a| a == "--dump") {
        dump(&pages, root);
        return;
    }
    for lang in ["de", "es", "fr", "pt"] {
        if only.as_deref().is_some_and(|o| o != lang) {
            continue;
        }
        let Ok(texts) = std::fs::read_to_string(format!("{root}/{lang}_texts.jsonl")) else {
            continue;
        };
        let golds = std::fs::read_to_string(format!("{root}/{lang}.jsonl")).expect("claims jsonl");
        let golds: Vec<Value> = golds.lines().map(|l| serde_json::from_str(l).expect("jsonl")).collect();
        // part -> kind -> [tp content, tp speaker, n pred, n gold]
        let mut tab: [HashMap<&str, [usize; 4]>; 2] = [HashMap::new(), HashMap::new()];
        // part -> [found claims whose speaker type is the gold one, found claims]
        let mut types = [[0usize; 2]; 2];
        let mut bodies: Vec<String> = Vec::new();
        // CPU time of the first pass (set-up of the language's weights and word lists included)
        let mut cold = 0f64;
        for line in texts.lines() {
            let v: Value = serde_json::from_str(line).expect("texts jsonl");
            let id = v["article_id"].as_str().unwrap_or("");
            let hold = v["holdout"].as_bool().unwrap_or(false);
            let body = match v["text"].as_str() {
                Some(t) => t.to_string(),
                None => match pages.get(v["source"].as_str().unwrap_or("").trim_start_matches("news-pages:")) {
                    Some(t) => t.clone(),
                    None => continue,
                },
            };
            let t0 = cpu();
            let mentions = tag(&body, lang);
            let pred = extract_with_mentions_lang(&body, Some(lang), &mentions);
            cold += cpu() - t0;
            bodies.push(body.clone());
            // byte -> char offsets
            let mut b2c = vec![0usize; body.len() + 1];
            let mut ci = 0;
            for (b, _) in body.char_indices() {
                b2c[b] = ci;
                ci += 1;
            }
            b2c[body.len()] = ci;
            let pc: Vec<(usize, usize)> = pred
                .iter()
                .map(|p| (b2c[p.content.start], b2c[p.content.end]))
                .collect();
            let t = &mut tab[usize::from(hold)];
            let mut used = vec![false; pred.len()];
            for g in golds.iter().filter(|g| g["article_id"] == id) {
                let kind = g["kind"].as_str().unwrap_or("direct");
                let (gs, ge) = (
                    g["content_start"].as_u64().unwrap_or(0) as usize,
                    g["content_end"].as_u64().unwrap_or(0) as usize,
                );
                let row = t
                    .entry(KINDS.iter().find(|k| **k == kind).copied().unwrap_or("direct"))
                    .or_default();
                row[3] += 1;
                let mut best: Option<(usize, usize)> = None;
                for (i, &(ps, pe)) in pc.iter().enumerate() {
                    let ov = ge.min(pe).saturating_sub(gs.max(ps));
                    let longer = (ge - gs).max(pe - ps);
                    if !used[i] && ov > 0 && 2 * ov >= longer && best.is_none_or(|b| ov > b.1) {
                        best = Some((i, ov));
                    }
                }
                let gres = g["speaker_resolved"].as_str().unwrap_or("");
                let gw = g["speaker"].as_str().unwrap_or("");
                let gtext: String = g["content"].as_str().unwrap_or("").chars().take(80).collect();
                match best {
                    Some((i, _)) => {
                        used[i] = true;
                        row[0] += 1;
                        let gty = g["speaker_type"].as_str().unwrap_or("");
                        types[usize::from(hold)][1] += 1;
                        if pred[i].speaker_type.as_str() == gty {
                            types[usize::from(hold)][0] += 1;
                        } else if show && !hold {
                            let pw = pred[i].speaker.clone().map(|s| body[s].to_string()).unwrap_or_default();
                            println!(
                                "{lang} TYPE    {id}: gold {gty} pred {} ({pw:?})",
                                pred[i].speaker_type.as_str()
                            );
                        }
                        let pr = pred[i].speaker_resolved.clone().unwrap_or_default();
                        let pw = pred[i].speaker.clone().map(|s| body[s].to_string()).unwrap_or_default();
                        if pr.to_lowercase() == gres.to_lowercase()
                            || !gw.is_empty() && pw.to_lowercase() == gw.to_lowercase()
                        {
                            row[1] += 1;
                        } else if show && !hold {
                            println!("{lang} SPEAKER {id}: gold {gres:?} pred {pr:?} ({pw:?}) | {gtext}");
                        }
                    }
                    None if show && !hold => println!("{lang} MISSED  {id}: {kind} [{gres}] {gtext:?}"),
                    None => {}
                }
            }
            for (i, p) in pred.iter().enumerate() {
                let k = match p.kind {
                    ClaimKind::Direct => "direct",
                    ClaimKind::Indirect => "indirect",
                    ClaimKind::AccordingTo => "according_to",
                };
                t.entry(k).or_default()[2] += 1;
                if show && !hold && !used[i] {
                    let c: String = body[p.content.clone()].chars().take(80).collect();
                    println!(
                        "{lang} EXTRA   {id}: {k} [{:?}] {c:?}",
                        p.speaker.clone().map(|s| &body[s])
                    );
                }
            }
        }
        for (pi, part) in ["tune", "holdout"].iter().enumerate() {
            let t = &tab[pi];
            let mut all = [0usize; 4];
            for r in t.values() {
                for i in 0..4 {
                    all[i] += r[i];
                }
            }
            let (p, r, f) = prf(all[0], all[2], all[3]);
            let (ps, rs, fs) = prf(all[1], all[2], all[3]);
            let rec: Vec<String> = KINDS
                .iter()
                .map(|k| {
                    let r = t.get(k).copied().unwrap_or_default();
                    format!("{}/{}", r[0], r[3])
                })
                .collect();
            let [ty_ok, ty_n] = types[pi];
            println!(
                "{lang} {part:<8} gold {:>4} pred {:>4} | content {p:.3} {r:.3} {f:.3} | +speaker {ps:.3} {rs:.3} {fs:.3} | direct {} indirect {} according_to {} | type {ty_ok}/{ty_n}",
                all[3], all[2], rec[0], rec[1], rec[2]
            );
        }
        // speed: the entity pass and the claims pass timed apart, after the untimed pass above
        let words: usize = bodies.iter().map(|b| b.split_whitespace().count()).sum();
        let (mut ent, mut cla) = (0f64, 0f64);
        for _ in 0..passes {
            for body in &bodies {
                let t0 = cpu();
                let mentions = tag(body, lang);
                let t1 = cpu();
                let pred = extract_with_mentions_lang(body, Some(lang), &mentions);
                let t2 = cpu();
                std::hint::black_box(pred);
                ent += t1 - t0;
                cla += t2 - t1;
            }
        }
        let wps = |s: f64| (words * passes) as f64 / s.max(1e-9);
        println!(
            "{lang} speed: {:.0} words/s with the entity pass (one core; entities {:.0}, claims {:.0} words/s; {words} words; first pass {:.1} ms)",
            wps(ent + cla),
            wps(ent),
            wps(cla),
            cold * 1e3
        );
    }
}
