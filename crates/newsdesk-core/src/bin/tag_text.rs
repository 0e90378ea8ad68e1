//! Print the entity mentions of a text file (or stdin) as TSV: start, end, label, entity id,
//! canonical, text. For looking at the tagger's output by eye.

use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(p) => text = std::fs::read_to_string(p).expect("read file"),
        None => {
            std::io::stdin().read_to_string(&mut text).expect("read stdin");
        }
    }
    if std::env::var_os("NER_TAGS").is_some() {
        debug_tags(&text);
    }
    for m in newsdesk_core::entities::extract(&text) {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            m.start,
            m.end,
            m.label.as_str(),
            m.entity_id,
            m.canonical,
            &text[m.start..m.end]
        );
    }
}

#[allow(dead_code)]
fn debug_tags(text: &str) {
    use newsdesk_core::entities::{model, DocTagger};
    let mut dt = DocTagger::default();
    for s in newsdesk_core::segment::sentences(text) {
        let toks: Vec<_> = newsdesk_core::segment::tokens(&text[s.clone()])
            .into_iter()
            .map(|r| r.start + s.start..r.end + s.start)
            .collect();
        dt.prepare(text, &toks);
        dt.decode(model(), toks.len());
        for (i, r) in toks.iter().enumerate() {
            eprint!("{}/{}/{:x} ", &text[r.clone()], dt.tags[i], dt.marks[i]);
        }
        eprintln!();
    }
}
