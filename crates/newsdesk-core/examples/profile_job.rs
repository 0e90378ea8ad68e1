//! Times the whole job (HTML in, articles + entities + claims out) on a folder of pages (`.html` or `.html.gz`), by
//! stage, on one thread: `cargo run --release --example profile_job -- DIR [REPS]`. For profiling
//! (`perf record`) and for checking a speed change stage by stage; `DUMP=FILE` writes every
//! mention and claim, to check that the change left them as they were; `ARTICLES_ONLY=1` runs the
//! articles stage alone.
use newsdesk_core::article::{Content, Document};
use newsdesk_core::pipeline::{self, Options, Tables};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of HTML pages");
    let reps: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let docs: Vec<Document> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p, b)))
        .map(|(p, b)| {
            let b = if p.extension().is_some_and(|e| e == "gz") {
                gunzip(&b)
            } else {
                b
            };
            Document {
                content: Some(Content::Bytes(b)),
                url: None,
                title: None,
                date: None,
                charset: None,
            }
        })
        .collect();
    let opts = Options::default();
    let mut best = [f64::MAX; 3];
    let mut first = [0f64; 3];
    let mut words = 0usize;
    for _ in 0..reps {
        let t = Instant::now();
        let arts: Vec<_> = docs.iter().map(|d| pipeline::process(d, &opts)).collect();
        let a = t.elapsed().as_secs_f64();
        words = arts.iter().map(|a| a.text.split_whitespace().count()).sum();
        if std::env::var_os("ARTICLES_ONLY").is_some() {
            // for `perf record` of the HTML front end alone
            best[0] = best[0].min(a);
            continue;
        }
        let t = Instant::now();
        let ents: Vec<_> = arts
            .iter()
            .cloned()
            .map(|a| {
                pipeline::analyze_article(
                    a,
                    Tables {
                        entities: true,
                        claims: false,
                    },
                )
            })
            .collect();
        let e = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let all: Vec<_> = arts
            .into_iter()
            .map(|a| {
                pipeline::analyze_article(
                    a,
                    Tables {
                        entities: true,
                        claims: true,
                    },
                )
            })
            .collect();
        let c = t.elapsed().as_secs_f64();
        if let Ok(path) = std::env::var("DUMP") {
            // every mention and claim, to check that a speed change leaves the output as it was
            let mut out = String::new();
            for a in &all {
                out += &format!("{:?}\n", a.article);
                for m in &a.mentions {
                    out += &format!("{}\t{}\t{:?}\t{}\n", m.start, m.end, m.label, m.canonical);
                }
                for c in &a.claims {
                    out += &format!("{:?}\n", c);
                }
            }
            std::fs::write(path, out).expect("DUMP file");
        }
        std::hint::black_box((ents, all));
        if first[0] == 0.0 {
            first = [a, e, c];
        }
        for (b, x) in best.iter_mut().zip([a, e, c]) {
            *b = b.min(x);
        }
    }
    if std::env::var_os("ANALYZE").is_some() {
        // the batch call as the Python front makes it, on the current thread pool
        let all = Tables {
            entities: true,
            claims: true,
        };
        let mut b = f64::MAX;
        for _ in 0..reps {
            let t = Instant::now();
            std::hint::black_box(pipeline::analyze_batch(&docs, &opts, all));
            b = b.min(t.elapsed().as_secs_f64());
        }
        println!("analyze_batch     {:7.3} s  {:7.1} pages/s", b, docs.len() as f64 / b);
    }
    let n = docs.len() as f64;
    println!("{} pages, {} words", docs.len(), words);
    println!("articles          {:7.3} s  {:7.1} pages/s", best[0], n / best[0]);
    println!(
        "entities          {:7.3} s  {:7.0} words/s",
        best[1],
        words as f64 / best[1]
    );
    println!(
        "entities+claims   {:7.3} s  {:7.0} words/s",
        best[2],
        words as f64 / best[2]
    );
    println!(
        "first pass (tables and caches cold): articles {:.3} s, entities {:.3} s, entities+claims {:.3} s",
        first[0], first[1], first[2]
    );
    let all = best[0] + best[2];
    println!("whole job         {:7.3} s  {:7.1} pages/s", all, n / all);
}

fn gunzip(b: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    let _ = flate2::read::GzDecoder::new(b).read_to_end(&mut out);
    out
}
