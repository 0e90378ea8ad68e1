//! Times each part of the first entity/claims call in a fresh process (the model, word table,
//! gazetteer and claim lexicon are built or mapped on first use).
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let _ = newsdesk_core::entities::model();
    println!("model             {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = newsdesk_core::entities::clusters::info_of_key(1);
    println!("word table        {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = newsdesk_core::entities::gazetteer::Gazetteer::get();
    println!("gazetteer         {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let text = "President Joe Biden met Kim Jong-un in Hanoi on Monday. \"We will win,\" Biden said, adding that the U.S. would pay $5 million.";
    let t = Instant::now();
    let m = newsdesk_core::entities::extract(text);
    println!("first extract     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = newsdesk_core::claims::extract_with_mentions(text, &m);
    println!("first claims      {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let m = newsdesk_core::entities::extract(text);
    let _ = newsdesk_core::claims::extract_with_mentions(text, &m);
    println!("second both       {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
}
