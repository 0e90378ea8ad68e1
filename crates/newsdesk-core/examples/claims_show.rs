//! Print the claims of a text read from stdin, one per line (a development aid).
//!
//! Usage: `echo '"Yes," she said.' | cargo run -p newsdesk-core --example claims_show [-- --entities] [--lang de]`
//! (`--entities`: names from the entity pass, which are listed first; `--lang`: the text's
//! language, for the entity pass and the claim rules, else English names and detected rules).

use newsdesk_core::claims::{extract_lang, extract_with_mentions_lang};
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8 text");
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    let lang = args
        .iter()
        .position(|a| a == "--lang")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let claims = if args.iter().any(|a| a == "--entities") {
        let ms = match &lang {
            Some(l) => newsdesk_core::entities::extract_lang(&text, Some(l)),
            None => newsdesk_core::entities::extract(&text),
        };
        for m in &ms {
            println!(
                "mention {:<30} {:<8} {}",
                &text[m.start..m.end],
                m.label.as_str(),
                m.canonical
            );
        }
        extract_with_mentions_lang(&text, lang.as_deref(), &ms)
    } else {
        extract_lang(&text, lang.as_deref(), &[])
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
