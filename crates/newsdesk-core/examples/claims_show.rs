//! Print the claims of a text read from stdin, one per line (a development aid).
//!
//! Usage: `echo '"Yes," she said.' | cargo run -p newsdesk-core --example claims_show [-- --entities]`
//! (`--entities`: names from the entity pass, which are listed first).

use newsdesk_core::claims::{extract, extract_with_mentions};
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8 text");
        return;
    }
    let claims = if std::env::args().any(|a| a == "--entities") {
        let ms = newsdesk_core::entities::extract(&text);
        for m in &ms {
            println!(
                "mention {:<30} {:<8} {}",
                &text[m.start..m.end],
                m.label.as_str(),
                m.canonical
            );
        }
        extract_with_mentions(&text, &ms)
    } else {
        extract(&text, &[])
    };
    for c in claims {
        let sp = c.speaker.clone().map(|s| &text[s]);
        let cue = c.cue.clone().map(|s| &text[s]);
        println!(
            "{:<12} {:<28} {:<24} {:<10} {:<12} {:?} | {}",
            c.kind.as_str(),
            format!("{sp:?}"),
            c.speaker_resolved.clone().unwrap_or_default(),
            c.speaker_type.as_str(),
            cue.unwrap_or(""),
            c.hedges,
            &text[c.content.clone()]
        );
    }
}
