//! Score claim extraction against the hand-annotated dev set (shared/data/claims/dev.jsonl).
//!
//! Usage: `cargo run --release -p newsdesk-core --example claims_eval [-- DATA_DIR [--show] [--entities] [--all]]`
//! (DATA_DIR defaults to ../shared/data). A predicted claim matches a gold claim of the same
//! article when their content spans overlap by at least half of the longer span (one-to-one,
//! greedy by overlap). Reports P/R/F1 for content alone and for content + resolved speaker
//! (case-insensitive exact), overall and per gold kind, and the speed in words/s.
//! Offsets in dev.jsonl are Python str (code point) offsets into ground-truth.json's articleBody.

use newsdesk_core::claims::{extract, ClaimKind};
use serde_json::Value;
use std::collections::HashMap;
use std::time::Instant;

struct Gold {
    kind: String,
    content: (usize, usize),
    resolved: String,
    text: String,
}

fn char_to_byte(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
    v.push(s.len());
    v
}

fn prf(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let r = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data".into());
    let show = args.iter().any(|a| a == "--show");
    let use_entities = args.iter().any(|a| a == "--entities");
    let gt: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/extraction/zyte-article-benchmark/ground-truth.json"))
            .expect("ground truth"),
    )
    .expect("json");
    let mut gold: HashMap<String, Vec<Gold>> = HashMap::new();
    let mut order = Vec::new();
    for line in std::fs::read_to_string(format!("{dir}/claims/dev.jsonl"))
        .expect("dev.jsonl")
        .lines()
    {
        let v: Value = serde_json::from_str(line).expect("jsonl");
        let id = v["article_id"].as_str().unwrap_or("").to_string();
        let body = gt[&id]["articleBody"].as_str().unwrap_or("");
        let c2b = char_to_byte(body);
        let s = c2b[v["content_start"].as_u64().unwrap_or(0) as usize];
        let e = c2b[v["content_end"].as_u64().unwrap_or(0) as usize];
        if !gold.contains_key(&id) {
            order.push(id.clone());
        }
        gold.entry(id).or_default().push(Gold {
            kind: v["kind"].as_str().unwrap_or("").into(),
            content: (s, e),
            resolved: v["speaker_resolved"].as_str().unwrap_or("").into(),
            text: v["content"].as_str().unwrap_or("").into(),
        });
    }
    // kind -> [tp_content, tp_speaker, n_pred, n_gold]
    let mut tab: HashMap<String, [usize; 4]> = HashMap::new();
    let mut words = 0usize;
    let mut secs = 0f64;
    for id in &order {
        let body = gt[id]["articleBody"].as_str().unwrap_or("");
        words += body.split_whitespace().count();
        // with --entities the entity pass gives the names (its time is not counted)
        let mentions = if use_entities {
            newsdesk_core::entities::extract(body)
        } else {
            Vec::new()
        };
        let t0 = Instant::now();
        let mut pred = Vec::new();
        for _ in 0..20 {
            pred = if use_entities {
                newsdesk_core::claims::extract_with_mentions(body, &mentions)
            } else {
                extract(body, &[])
            };
        }
        secs += t0.elapsed().as_secs_f64() / 20.0;
        let golds = &gold[id];
        let mut used = vec![false; pred.len()];
        for g in golds {
            let row = tab.entry(g.kind.clone()).or_default();
            row[3] += 1;
            let mut best: Option<(usize, usize)> = None;
            for (i, p) in pred.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let ov = g
                    .content
                    .1
                    .min(p.content.end)
                    .saturating_sub(g.content.0.max(p.content.start));
                let longer = (g.content.1 - g.content.0).max(p.content.len());
                if ov * 2 >= longer && ov > 0 && best.is_none_or(|b| ov > b.1) {
                    best = Some((i, ov));
                }
            }
            match best {
                Some((i, _)) => {
                    used[i] = true;
                    row[0] += 1;
                    let pr = pred[i].speaker_resolved.clone().unwrap_or_default();
                    if pr.eq_ignore_ascii_case(&g.resolved) {
                        row[1] += 1;
                    } else if show {
                        println!(
                            "SPEAKER {}: gold {:?} pred {:?} | {}",
                            &id[..8],
                            g.resolved,
                            pr,
                            g.text.chars().take(60).collect::<String>()
                        );
                    }
                }
                None => {
                    if show {
                        println!(
                            "MISSED  {}: {} [{}] {:?}",
                            &id[..8],
                            g.kind,
                            g.resolved,
                            g.text.chars().take(90).collect::<String>()
                        );
                    }
                }
            }
        }
        for (i, p) in pred.iter().enumerate() {
            let k = match p.kind {
                ClaimKind::Direct => "direct",
                ClaimKind::Indirect => "indirect",
                ClaimKind::AccordingTo => "according_to",
            };
            tab.entry(k.into()).or_default()[2] += 1;
            if !used[i] && show {
                println!(
                    "EXTRA   {}: {} [{:?}] {:?}",
                    &id[..8],
                    k,
                    p.speaker.clone().map(|s| &body[s]),
                    body[p.content.clone()].chars().take(90).collect::<String>()
                );
            }
        }
    }
    println!(
        "{:<13} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "kind", "gold", "pred", "P", "R", "F1", "P+spk", "R+spk", "F1+spk"
    );
    let mut all = [0usize; 4];
    for k in ["direct", "indirect", "according_to"] {
        let r = tab.get(k).copied().unwrap_or_default();
        for i in 0..4 {
            all[i] += r[i];
        }
        // per kind: predictions counted by predicted kind, matches by gold kind
        let (p, rc, f) = prf(r[0], r[2], r[3]);
        let (ps, rs, fs) = prf(r[1], r[2], r[3]);
        println!(
            "{k:<13} {:>5} {:>5} | {p:>6.3} {rc:>6.3} {f:>6.3} | {ps:>6.3} {rs:>6.3} {fs:>6.3}",
            r[3], r[2]
        );
    }
    let (p, rc, f) = prf(all[0], all[2], all[3]);
    let (ps, rs, fs) = prf(all[1], all[2], all[3]);
    println!(
        "{:<13} {:>5} {:>5} | {p:>6.3} {rc:>6.3} {f:>6.3} | {ps:>6.3} {rs:>6.3} {fs:>6.3}",
        "all", all[3], all[2]
    );
    println!(
        "speed: {:.0} words/s ({} words, {:.2} ms per pass, one core)",
        words as f64 / secs,
        words,
        secs * 1e3
    );
    if args.iter().any(|a| a == "--all") {
        // every article body of the extraction benchmark: no panic, claims count, speed
        let obj = gt.as_object().expect("object");
        let bodies: Vec<&str> = obj.values().filter_map(|v| v["articleBody"].as_str()).collect();
        let words: usize = bodies.iter().map(|b| b.split_whitespace().count()).sum();
        let t0 = Instant::now();
        let mut n = 0;
        for _ in 0..5 {
            n = bodies.iter().map(|b| extract(b, &[]).len()).sum::<usize>();
        }
        let secs = t0.elapsed().as_secs_f64() / 5.0;
        println!(
            "all {} benchmark bodies: {} claims, {:.0} words/s ({} words)",
            bodies.len(),
            n,
            words as f64 / secs,
            words
        );
    }
}
