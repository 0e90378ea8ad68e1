//! The documented limits skip nothing: a "sentence" longer than the windows the claims rules
//! (256 tokens) and the entity tagger (512 tokens) read is read window by window, so claims and
//! names anywhere in it are still found.

use newsdesk_core::{claims, entities};

fn long_sentence(words: usize) -> String {
    // a list without full stops, as tables and transcripts give
    let filler: Vec<String> = (0..words).map(|i| format!("item{i}")).collect();
    filler.join(", ")
}

#[test]
fn claims_are_found_in_a_sentence_longer_than_the_window() {
    let text = format!(
        "{}, and the minister said the plan would work, {} \u{201c}We are ready for it,\u{201d} said Jane Smith.",
        long_sentence(600),
        long_sentence(600)
    );
    let found = claims::extract(&text, &[]);
    let contents: Vec<&str> = found.iter().map(|c| &text[c.content.clone()]).collect();
    assert!(
        contents.iter().any(|c| c.contains("We are ready for it")),
        "{contents:?}"
    );
    assert!(
        contents.iter().any(|c| c.contains("the plan would work")),
        "{contents:?}"
    );
}

#[test]
fn names_are_found_in_a_sentence_longer_than_the_tagger_window() {
    let text = format!(
        "President Joe Biden met Angela Merkel in Berlin, {}, then Joe Biden flew to Hanoi to meet Kim Jong-un",
        long_sentence(2000)
    );
    let ms = entities::extract(&text);
    let names: Vec<&str> = ms.iter().map(|m| &text[m.start..m.end]).collect();
    for want in ["Joe Biden", "Angela Merkel", "Berlin", "Hanoi", "Kim Jong-un"] {
        assert!(names.contains(&want), "{want} not found in {names:?}");
    }
    assert!(ms.iter().all(|m| text.is_char_boundary(m.start) && m.end <= text.len()));
}
