//! Times the stages of the text path on a file given as argument (repeated to ~5 MB).
use newsdesk_core::{article, clean, dates, lang, pipeline};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("file");
    let doc = std::fs::read_to_string(path).unwrap();
    let reps = 5_000_000 / doc.len().max(1) + 1;
    let mb = (doc.len() * reps) as f64 / 1e6;
    if std::env::var("PER_DOC").is_ok() {
        let docs: Vec<&str> = doc.split("\n\n=====\n\n").collect();
        let t = Instant::now();
        for _ in 0..reps {
            for d in &docs {
                std::hint::black_box(clean::clean_text(d));
            }
        }
        println!(
            "clean_text per doc {:8.1} MB/s ({} docs)",
            mb / t.elapsed().as_secs_f64(),
            docs.len()
        );
        return;
    }
    if std::env::var("ONLY_CLEAN").is_ok() {
        for _ in 0..reps * 3 {
            std::hint::black_box(clean::clean_text(&doc));
        }
        return;
    }
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(clean::normalize(&doc));
    }
    println!("normalize      {:8.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(clean::clean_text(&doc));
    }
    println!("clean_text     {:8.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(dates::find_dates(&doc));
    }
    println!("find_dates     {:8.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(lang::detect(&doc));
    }
    println!("lang::detect   {:8.1} docs/s", reps as f64 / t.elapsed().as_secs_f64());
    let d = article::Document {
        content: Some(article::Content::Text(doc.clone())),
        ..Default::default()
    };
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(pipeline::process(&d, &Default::default()));
    }
    println!(
        "process        {:8.1} docs/s  {:8.1} MB/s",
        reps as f64 / t.elapsed().as_secs_f64(),
        mb / t.elapsed().as_secs_f64()
    );
}
