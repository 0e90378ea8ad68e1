//! Extraction quality and speed on the article-extraction benchmark (dev tool).
//!
//! `cargo run --release -p newsdesk-core --example extraction_eval -- [DIR] [--worst N] [--show ID]`
//!
//! DIR holds `ground-truth.json` and `html/<id>.html.gz` (default: the shared zyte benchmark).
//! Metric as the benchmark's README defines it: `\w+` words (case kept), multisets of 4-word
//! shingles; precision averaged over pages with non-empty output, recall over all pages; F1 of
//! the two means. Speed: extraction only (decompression excluded), one thread.

use newsdesk_core::html;
use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

fn shingles(text: &str, re: &regex::Regex) -> HashMap<Vec<String>, u32> {
    let words: Vec<String> = re.find_iter(text).map(|m| m.as_str().to_string()).collect();
    let mut out = HashMap::new();
    if words.len() >= 4 {
        for w in words.windows(4) {
            *out.entry(w.to_vec()).or_insert(0) += 1;
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = "/work/shared/data/extraction/zyte-article-benchmark".to_string();
    let mut worst = 0usize;
    let mut show: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--worst" => {
                worst = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(10);
                i += 1;
            }
            "--show" => {
                show = args.get(i + 1).cloned();
                i += 1;
            }
            d => dir = d.to_string(),
        }
        i += 1;
    }
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground truth")).expect("json");
    let gt = gt.as_object().expect("object");
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let re = regex::Regex::new(r"\w+").unwrap();
    let mut pages = Vec::new();
    for id in &ids {
        let f = std::fs::File::open(format!("{dir}/html/{id}.html.gz")).expect("page");
        let mut s = Vec::new();
        flate2::read::GzDecoder::new(f).read_to_end(&mut s).expect("gunzip");
        pages.push(String::from_utf8_lossy(&s).into_owned());
    }
    let mut outputs = Vec::with_capacity(pages.len());
    let t0 = Instant::now();
    for (id, html) in ids.iter().zip(&pages) {
        let url = gt[*id]["url"].as_str();
        outputs.push(html::extract(html, url));
    }
    let secs = t0.elapsed().as_secs_f64();
    let mut psum = 0.0;
    let mut pn = 0usize;
    let mut rsum = 0.0;
    let mut per_page = Vec::new();
    for (id, out) in ids.iter().zip(&outputs) {
        let gold = gt[*id]["articleBody"].as_str().unwrap_or("");
        let text = out.body_text();
        let g = shingles(gold, &re);
        let p = shingles(&text, &re);
        let gt_n: u32 = g.values().sum();
        let p_n: u32 = p.values().sum();
        let matched: u32 = p.iter().map(|(k, v)| (*v).min(*g.get(k).unwrap_or(&0))).sum();
        let prec = if p_n > 0 { matched as f64 / p_n as f64 } else { 0.0 };
        let rec = if gt_n > 0 { matched as f64 / gt_n as f64 } else if p_n == 0 { 1.0 } else { 0.0 };
        if !text.trim().is_empty() {
            psum += prec;
            pn += 1;
        }
        rsum += rec;
        per_page.push((id.to_string(), prec, rec, p_n, gt_n));
        if show.as_deref() == Some(id.as_str()) {
            println!("=== {id} {:?}", gt[*id]["url"]);
            println!("title={:?} outlet={:?} authors={:?} published={:?}", out.title, out.outlet, out.authors, out.published);
            for b in &out.blocks {
                println!("[{:?}] {}", b.kind, b.text);
            }
            println!("=== GOLD\n{gold}");
        }
    }
    let p = psum / pn.max(1) as f64;
    let r = rsum / ids.len().max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    per_page.sort_by(|a, b| (a.1.min(a.2)).total_cmp(&b.1.min(b.2)));
    for (id, pr, rc, pn_, gn) in per_page.iter().take(worst) {
        println!("{id}  P={pr:.3} R={rc:.3}  pred={pn_} gold={gn}");
    }
    let mb: usize = pages.iter().map(|p| p.len()).sum();
    println!(
        "pages={} F1={f1:.4} P={p:.4} R={r:.4} empty={}  {:.1} pages/s  {:.1} MB/s",
        ids.len(),
        ids.len() - pn,
        ids.len() as f64 / secs,
        mb as f64 / 1e6 / secs
    );
}
