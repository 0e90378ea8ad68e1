//! Dump what the pipeline makes of a folder of gzipped HTML pages, as JSONL (dev tool).
//!
//! `cargo run --release -p newsdesk-core --example extraction_dump -- LIST OUT.jsonl`
//!
//! LIST: one page a line, `id<TAB>url<TAB>path.html.gz`. Each output line holds `id`, `title`,
//! `authors`, `published` (ISO 8601, with the page's offset when it states one) and `text`:
//! the fields `shared/data/news-pages/score.py` reads, for scoring a change without a wheel.

use newsdesk_core::article::{Content, Document};
use newsdesk_core::pipeline;
use std::io::{Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(list), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: extraction_dump LIST OUT.jsonl");
        std::process::exit(2);
    };
    let mut docs = Vec::new();
    let mut ids = Vec::new();
    for line in std::fs::read_to_string(list).expect("list").lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(url), Some(path)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).expect("page"))
            .read_to_end(&mut html)
            .expect("gzip");
        ids.push(id.to_string());
        docs.push(Document {
            content: Some(Content::Text(String::from_utf8_lossy(&html).into_owned())),
            url: (!url.is_empty()).then(|| url.to_string()),
            title: None,
            date: None,
            charset: None,
        });
    }
    let t0 = std::time::Instant::now();
    let arts: Vec<_> = docs
        .iter()
        .map(|d| pipeline::process(d, &pipeline::Options::default()))
        .collect();
    eprintln!("{} pages in {:.2}s", docs.len(), t0.elapsed().as_secs_f64());
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("out"));
    for (id, a) in ids.iter().zip(&arts) {
        let published = a.published.map(|p| match a.published_utc {
            Some(u) => {
                let off = (p - u).num_minutes();
                let sign = if off < 0 { '-' } else { '+' };
                format!(
                    "{}{}{:02}:{:02}",
                    p.format("%Y-%m-%dT%H:%M:%S"),
                    sign,
                    off.abs() / 60,
                    off.abs() % 60
                )
            }
            None => p.format("%Y-%m-%dT%H:%M:%S").to_string(),
        });
        let rec = serde_json::json!({
            "id": id, "title": a.title, "authors": a.authors, "published": published,
            "text": a.text, "error": a.error, "source": a.body_source,
        });
        writeln!(w, "{rec}").expect("write");
    }
}
