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
    let mut labels: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--worst" => {
                worst = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(10);
                i += 1;
            }
            "--meta" => {
                labels = args.get(i + 1).cloned();
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
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground truth"))
            .expect("json");
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
    // The same pages through the whole pipeline (decode, extract, one cleaner, dates, language).
    let opts = newsdesk_core::pipeline::Options::default();
    let t1 = Instant::now();
    let articles: Vec<newsdesk_core::article::Article> = ids
        .iter()
        .zip(&pages)
        .map(|(id, html)| {
            let doc = newsdesk_core::article::Document {
                content: Some(newsdesk_core::article::Content::Text(html.clone())),
                url: gt[*id]["url"].as_str().map(str::to_string),
                ..Default::default()
            };
            newsdesk_core::pipeline::process(&doc, &opts)
        })
        .collect();
    let secs_pipeline = t1.elapsed().as_secs_f64();
    let mut psum = 0.0;
    let mut pn = 0usize;
    let mut rsum = 0.0;
    let mut per_page = Vec::new();
    let (mut bp, mut bn, mut br) = (0.0, 0usize, 0.0);
    for ((id, out), art) in ids.iter().zip(&outputs).zip(&articles) {
        let gold = gt[*id]["articleBody"].as_str().unwrap_or("");
        let g = shingles(gold, &re);
        let gt_n: u32 = g.values().sum();
        {
            // Blocks straight from the extractor, before the cleaner.
            let p = shingles(&out.body_text(), &re);
            let p_n: u32 = p.values().sum();
            let matched: u32 = p.iter().map(|(k, v)| (*v).min(*g.get(k).unwrap_or(&0))).sum();
            if p_n > 0 {
                bp += matched as f64 / p_n as f64;
                bn += 1;
            }
            br += if gt_n > 0 { matched as f64 / gt_n as f64 } else { 0.0 };
        }
        let text = art.text.clone();
        let p = shingles(&text, &re);
        let p_n: u32 = p.values().sum();
        let matched: u32 = p.iter().map(|(k, v)| (*v).min(*g.get(k).unwrap_or(&0))).sum();
        let prec = if p_n > 0 { matched as f64 / p_n as f64 } else { 0.0 };
        let rec = if gt_n > 0 {
            matched as f64 / gt_n as f64
        } else if p_n == 0 {
            1.0
        } else {
            0.0
        };
        if !text.trim().is_empty() {
            psum += prec;
            pn += 1;
        }
        rsum += rec;
        per_page.push((id.to_string(), prec, rec, p_n, gt_n));
        if show.as_deref() == Some(id.as_str()) {
            println!("=== {id} {:?}", gt[*id]["url"]);
            println!(
                "title={:?} outlet={:?} authors={:?} published={:?}",
                out.meta.title,
                out.meta.outlet,
                out.meta.authors,
                out.meta.published.first()
            );
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
    if let Some(path) = labels {
        meta_accuracy(&path, &ids, &outputs);
    }
    let mb: usize = pages.iter().map(|p| p.len()).sum();
    let (bp, br) = (bp / bn.max(1) as f64, br / ids.len().max(1) as f64);
    println!(
        "extractor blocks (before the cleaner): F1={:.4} P={bp:.4} R={br:.4}  {:.1} pages/s",
        2.0 * bp * br / (bp + br).max(1e-9),
        ids.len() as f64 / secs
    );
    println!(
        "pipeline text (after the cleaner):     F1={f1:.4} P={p:.4} R={r:.4}  {:.1} pages/s",
        ids.len() as f64 / secs_pipeline
    );
    println!(
        "pages={} F1={f1:.4} P={p:.4} R={r:.4} empty={}  {:.1} pages/s  {:.1} MB/s",
        ids.len(),
        ids.len() - pn,
        ids.len() as f64 / secs,
        mb as f64 / 1e6 / secs
    );
}

fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' | '´' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    s.replace('…', "...")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Per-field accuracy against hand labels (tests/data/extraction_metadata_labels.json).
fn meta_accuracy(path: &str, ids: &[&String], outputs: &[html::HtmlArticle]) {
    let labels: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("labels")).expect("json");
    for set in ["pages", "held_out"] {
        if let Some(pages) = labels[set].as_object() {
            println!("-- {set}");
            meta_set(pages, ids, outputs);
        }
    }
}

fn meta_set(pages: &serde_json::Map<String, serde_json::Value>, ids: &[&String], outputs: &[html::HtmlArticle]) {
    let mut counts = [(0, 0); 4];
    for (id, out) in ids.iter().zip(outputs) {
        let Some(l) = pages.get(id.as_str()).filter(|l| l.is_object()) else {
            continue;
        };
        let mut report = Vec::new();
        if let Some(t) = l["title"].as_str() {
            let ok = out.meta.title.as_deref().map(norm) == Some(norm(t));
            counts[0].0 += ok as u32;
            counts[0].1 += 1;
            if !ok {
                report.push(format!("title {:?} != {t:?}", out.meta.title));
            }
        }
        if let Some(o) = l["outlet"].as_array() {
            let ok = out
                .meta
                .outlet
                .as_deref()
                .is_some_and(|p| o.iter().filter_map(|x| x.as_str()).any(|x| norm(x) == norm(p)));
            counts[1].0 += ok as u32;
            counts[1].1 += 1;
            if !ok {
                report.push(format!("outlet {:?} not in {o:?}", out.meta.outlet));
            }
        }
        if let Some(a) = l["authors"].as_array() {
            let want: Vec<Vec<String>> = a
                .iter()
                .filter_map(|x| x.as_str())
                .map(|x| x.split('|').map(norm).collect())
                .collect();
            let got: Vec<String> = out.meta.authors.iter().map(|x| norm(x)).collect();
            let ok = got.len() == want.len() && want.iter().all(|alts| alts.iter().any(|w| got.contains(w)));
            counts[2].0 += ok as u32;
            counts[2].1 += 1;
            if !ok {
                report.push(format!("authors {:?} != {want:?}", out.meta.authors));
            }
        }
        if let Some(d) = l["published"].as_array() {
            let got = out
                .meta
                .published
                .iter()
                .find_map(|(raw, _)| newsdesk_core::dates::parse(raw))
                .map(|p| p.resolve(Some(true)).date().to_string());
            let ok = got.as_deref().is_some_and(|g| d.iter().any(|x| x.as_str() == Some(g)));
            counts[3].0 += ok as u32;
            counts[3].1 += 1;
            if !ok {
                report.push(format!(
                    "published {:?} ({:?}) not in {d:?}",
                    got,
                    out.meta.published.first()
                ));
            }
        }
        if !report.is_empty() {
            println!("META {}: {}", &id[..12], report.join("; "));
        }
    }
    for (name, (ok, n)) in ["title", "outlet", "authors", "published"].iter().zip(counts) {
        println!("meta {name}: {ok}/{n} = {:.3}", ok as f64 / n.max(1) as f64);
    }
}
