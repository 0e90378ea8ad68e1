//! Tests of claim extraction: one short, real-looking example per construction.

use super::*;

/// (kind, content, speaker, resolved, cue, hedges) of one claim
type Row = (
    ClaimKind,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<String>,
);

fn run(t: &str) -> Vec<Row> {
    let claims = extract(t, &[]);
    for c in &claims {
        assert!(t.get(c.content.clone()).is_some());
        if let Some(s) = &c.speaker {
            assert!(t.get(s.clone()).is_some());
        }
    }
    claims
        .into_iter()
        .map(|c| {
            (
                c.kind,
                t[c.content.clone()].to_string(),
                c.speaker.map(|s| t[s].to_string()),
                c.speaker_resolved,
                c.cue.map(|r| t[r].to_lowercase()),
                c.hedges,
            )
        })
        .collect()
}

/// A name the entity pass would give.
fn given(start: usize, end: usize, label: &'static str, canonical: &str) -> NameSpan {
    NameSpan {
        start,
        end,
        label,
        canonical: canonical.into(),
    }
}

fn find<'a>(cs: &'a [Row], prefix: &str) -> &'a Row {
    cs.iter()
        .find(|c| c.1.starts_with(prefix))
        .unwrap_or_else(|| panic!("no claim starting {prefix:?} in {cs:#?}"))
}

#[test]
fn direct_quote_with_attribution_after() {
    let cs = run(
        "Kurt Volker testified on Tuesday.\n\n\"At no time was I aware of it,\" Volker said in his opening statement.",
    );
    let c = find(&cs, "At no time");
    assert_eq!(c.0, ClaimKind::Direct);
    assert_eq!(c.1, "At no time was I aware of it,");
    assert_eq!(c.2.as_deref(), Some("Volker"));
    assert_eq!(c.3.as_deref(), Some("Kurt Volker"));
    assert_eq!(c.4.as_deref(), Some("said"));
}

#[test]
fn inverted_attribution_and_appositive() {
    let cs = run("“The Kremlin should be alarmed,” said Mason Clark, who heads the Russia division.");
    let c = find(&cs, "The Kremlin");
    assert_eq!(c.2.as_deref(), Some("Mason Clark"));
    assert!(c.5.is_empty(), "deontic should is no hedge: {:?}", c.5);
    let cs =
        run("\"Stadia is a cloud platform,\" Jack Buser, director for games at Google, tells The Hollywood Reporter.");
    assert_eq!(find(&cs, "Stadia").2.as_deref(), Some("Jack Buser"));
}

#[test]
fn colon_and_comma_introduced_quotes() {
    let cs = run("Morrison told the Intelligence Committee, \"My fears have been realized.\"");
    let c = find(&cs, "My fears");
    assert_eq!(
        (c.0, c.2.as_deref(), c.4.as_deref()),
        (ClaimKind::Direct, Some("Morrison"), Some("told"))
    );
    let cs = run("The minister said: «We will not give in.»");
    assert_eq!(find(&cs, "We will not").0, ClaimKind::Direct);
}

#[test]
fn split_quote_shares_the_speaker() {
    let cs = run("“Operating is a lot different than a strategy role,” Kevin Mayer said. “I love what I’m doing.”");
    assert_eq!(find(&cs, "Operating").2.as_deref(), Some("Kevin Mayer"));
    let c = find(&cs, "I love");
    assert_eq!((c.2.as_deref(), c.4.as_deref()), (Some("Kevin Mayer"), Some("said")));
}

#[test]
fn multi_paragraph_quote_is_one_claim() {
    let t = "The coach said: “We played badly tonight.\n\n“Next week we will be better.”";
    let cs = run(t);
    let c = find(&cs, "We played");
    assert!(c.1.ends_with("we will be better."), "{}", c.1);
}

#[test]
fn unbalanced_quote_does_not_crash() {
    let cs = run("“We are cooperating with the inquiry, a WeWork spokesperson said.\n\nThe end.");
    assert!(cs.iter().all(|c| !c.1.is_empty()));
}

#[test]
fn reported_speech_with_and_without_that() {
    let cs = run("Kurt Volker was there. Volker said he had no knowledge of any efforts to urge Ukraine.");
    let c = find(&cs, "he had no knowledge");
    assert_eq!((c.0, c.3.as_deref()), (ClaimKind::Indirect, Some("Kurt Volker")));
    let cs = run("Blood tests revealed that the man's body had created antibodies.");
    let c = find(&cs, "the man's body");
    assert_eq!(c.2.as_deref(), Some("Blood tests"));
}

#[test]
fn nested_attribution_gives_two_claims_and_the_hedge_goes_inside() {
    let t = "The New York Times reported that U.S. government officials believe the decision is a sign of trouble.";
    let cs = run(t);
    let outer = find(&cs, "U.S. government officials believe");
    assert_eq!(outer.2.as_deref(), Some("The New York Times"));
    assert!(outer.5.is_empty(), "{:?}", outer.5);
    let inner = find(&cs, "the decision");
    assert_eq!(inner.2.as_deref(), Some("U.S. government officials"));
    assert_eq!(inner.4.as_deref(), Some("believe"));
    assert!(!inner.5.is_empty());
}

#[test]
fn postposed_and_parenthetical_attribution() {
    let cs = run("Marcelo Claure runs it. Next steps will be divulged on Friday, Claure said in the email.");
    let c = find(&cs, "Next steps");
    assert_eq!(c.1, "Next steps will be divulged on Friday");
    assert_eq!(c.3.as_deref(), Some("Marcelo Claure"));
    let cs = run("The larger landers, he said, could be ready in 2023.");
    assert_eq!(
        find(&cs, "The larger").1,
        "The larger landers, he said, could be ready in 2023"
    );
}

#[test]
fn according_to_in_every_position() {
    let cs = run("According to the report, sales fell 10 percent.");
    let c = find(&cs, "sales fell");
    assert_eq!(
        (c.0, c.2.as_deref(), c.4.as_deref()),
        (ClaimKind::AccordingTo, Some("the report"), Some("according to"))
    );
    let cs =
        run("WeWork is under investigation, according to two people familiar with the matter, adding to its problems.");
    let c = find(&cs, "WeWork is");
    assert_eq!(c.1, "WeWork is under investigation");
    assert_eq!(c.2.as_deref(), Some("two people familiar with the matter"));
}

#[test]
fn participle_cue_takes_the_sentence_subject() {
    let cs = run("Foreign Secretary Dominic Raab defended the party, saying the account was clearly linked to the Conservatives.");
    let c = find(&cs, "the account");
    assert_eq!((c.2.as_deref(), c.4.as_deref()), (Some("Dominic Raab"), Some("saying")));
}

#[test]
fn not_claims_scare_quotes_titles_headings_noun_complements() {
    let t = "3. \"Not some irregular channel\"\n\nThe service has \"Star Wars\" and \"Bambi.\" The company changed its name to \"factcheckUK\" on Tuesday. The White House called the process a sham. Others reported being logged off.";
    let cs = run(t);
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn quoted_fragment_after_a_cue_is_a_direct_claim() {
    let cs = run("Twitter pledged to take “decisive corrective action” against such tactics.");
    let c = find(&cs, "decisive");
    assert_eq!((c.0, c.2.as_deref()), (ClaimKind::Direct, Some("Twitter")));
}

#[test]
fn partial_quote_inside_reported_speech_is_not_separate() {
    let cs = run("Netanyahu said he was \"very moved\" by the announcement.");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].0, ClaimKind::Indirect);
}

#[test]
fn hedges_in_content_and_cue() {
    let cs = run("Industry experts expect interest rates to remain low this year.");
    let c = find(&cs, "interest rates");
    assert_eq!(c.4.as_deref(), Some("expect"));
    assert!(c.5.contains(&"expect".to_string()));
    let cs = run("Still, a US administration official said that Russia may try to buy more equipment.");
    let c = find(&cs, "Russia may");
    assert_eq!(c.2.as_deref(), Some("a US administration official"));
    assert_eq!(c.5, vec!["may".to_string()]);
    let cs = run("He said it would be provided next year.");
    assert!(find(&cs, "it would").5.is_empty());
}

#[test]
fn pronoun_resolves_to_last_named_speaker() {
    let cs = run("Morrison was the third witness. Tim Morrison listened in on the call.\n\nHe said he wasn't concerned about the content of the call.");
    let c = find(&cs, "he wasn't");
    assert_eq!((c.2.as_deref(), c.3.as_deref()), (Some("He"), Some("Tim Morrison")));
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "\"",
        "“",
        "said",
        "according to",
        "“”",
        "'\"'",
        "He said: \"",
        ", said X",
        "per",
        "Ça dit « oui »… — il a dit.",
    ] {
        let _ = extract(t, &[]);
    }
}

fn dw_body() -> String {
    let raw = include_str!("../../../../../shared/examples/dw-russia-north-korea.txt");
    let skip = [
        "Share This Post",
        "- Advertisement -",
        "Related Posts",
        "source: Noticias",
        "*with AP, Reuters, Lusa",
        "06/09/2022 08:00",
    ];
    raw.lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty() && !skip.contains(l))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn dw_example_required_claims() {
    let t = dw_body();
    let cs = extract(&t, &[]);
    let get = |prefix: &str| {
        cs.iter()
            .find(|c| t[c.content.clone()].starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "missing {prefix}: {:#?}",
                    cs.iter()
                        .map(|c| (&t[c.content.clone()], c.speaker.clone().map(|s| &t[s])))
                        .collect::<Vec<_>>()
                )
            })
    };
    let want = [
        (
            ClaimKind::AccordingTo,
            "US intelligence sources",
            SpeakerType::Anonymous,
            "according to",
            "Russia is buying millions of rockets and artillery shells from North Korea",
            false,
        ),
        (
            ClaimKind::Indirect,
            "The New York Times",
            SpeakerType::Org,
            "reported",
            "U.S. government officials believe Russia",
            false,
        ),
        (
            ClaimKind::Indirect,
            "a US administration official",
            SpeakerType::Anonymous,
            "said",
            "in addition to short-range artillery rockets and ammunition, Russia may try",
            true,
        ),
        (
            ClaimKind::Direct,
            "Mason Clark",
            SpeakerType::Person,
            "said",
            "The Kremlin should be alarmed because it has to buy anything from North Korea",
            false,
        ),
        (
            ClaimKind::Indirect,
            "The North Koreans",
            SpeakerType::Norp,
            "have said",
            "they are interested in sending workers",
            false,
        ),
        (
            ClaimKind::Indirect,
            "Some experts",
            SpeakerType::Anonymous,
            "say",
            "it strengthened Kim",
            false,
        ),
    ];
    for (kind, speaker, ty, cue, prefix, hedged) in want {
        let c = get(prefix);
        assert_eq!(c.kind, kind, "{prefix}");
        assert_eq!(c.speaker.clone().map(|s| &t[s]), Some(speaker), "{prefix}");
        assert_eq!(c.speaker_type, ty, "{prefix}");
        assert_eq!(
            c.cue.clone().map(|r| t[r].to_lowercase()).as_deref(),
            Some(cue),
            "{prefix}"
        );
        assert_eq!(c.hedged(), hedged, "{prefix}: {:?}", c.hedges);
    }
}

#[test]
fn every_prefix_and_suffix_keeps_the_invariants() {
    let t = dw_body();
    let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).step_by(53).collect();
    for &c in &cuts {
        for s in [&t[..c], &t[c..]] {
            for cl in extract(s, &[]) {
                assert!(
                    !cl.content.is_empty()
                        && s.is_char_boundary(cl.content.start)
                        && s.is_char_boundary(cl.content.end)
                );
                if let Some(sp) = cl.speaker {
                    assert!(sp.start < sp.end && s.get(sp).is_some());
                }
                if let Some(cue) = cl.cue {
                    assert!(s.get(cue).is_some());
                }
            }
        }
    }
}

#[test]
fn given_names_are_used_for_speakers() {
    let t = "Kurt Volker was there. Volker said he had no knowledge of the effort. US officials said it was over.";
    let names = [
        given(0, 11, "PERSON", "Kurt Volker"),
        given(23, 29, "PERSON", "Kurt Volker"),
        given(71, 73, "GPE", "United States"),
    ];
    let cs = extract(t, &names);
    let c = cs
        .iter()
        .find(|c| t[c.content.clone()].starts_with("he had"))
        .expect("claim");
    assert_eq!(
        (c.speaker_resolved.as_deref(), c.speaker_type),
        (Some("Kurt Volker"), SpeakerType::Person)
    );
    // a canonical form the text never writes is not used: names come from the article
    let ctx = Ctx::new(t, &names);
    let us = ctx
        .names
        .iter()
        .find(|n| &t[ctx.bytes(n.toks.clone())] == "US")
        .expect("US");
    assert_eq!(us.canonical, "US");
}

#[test]
fn as_x_reports_takes_the_clause_after_the_comma() {
    let cs = run("As Emily Feng reports for NPR, the city has been locked down for three weeks.");
    let c = find(&cs, "the city");
    assert_eq!(
        (c.0, c.2.as_deref(), c.4.as_deref()),
        (ClaimKind::Indirect, Some("Emily Feng"), Some("reports"))
    );
}

#[test]
fn a_second_verb_phrase_of_the_subject_is_not_content() {
    let cs = run("Both men claimed in a video that they were being treated well and asked their governments to help.");
    assert_eq!(find(&cs, "they were").1, "they were being treated well");
    let cs = run("The ministry said it viewed the talks as useful and said it would likely send a delegation.");
    assert_eq!(find(&cs, "it viewed").1, "it viewed the talks as useful");
    let second = find(&cs, "it would");
    assert_eq!(
        (second.2.as_deref(), second.5.clone()),
        (Some("The ministry"), vec!["likely".to_string()])
    );
}

#[test]
fn according_to_inside_the_sentence_takes_the_whole_sentence() {
    let cs = run("He had, according to Alex Horton of The Washington Post, killed and eaten the animal.");
    let c = find(&cs, "He had");
    assert_eq!((c.0, c.2.as_deref()), (ClaimKind::AccordingTo, Some("Alex Horton")));
    let cs = run("Cases doubled in a week, per the WHO.");
    assert_eq!(find(&cs, "Cases").2.as_deref(), Some("WHO"));
}

#[test]
fn nested_three_levels() {
    let cs = run("The U.S. attorney's office said the staff member recalled that he said \"I will not do it.\"");
    assert_eq!(cs.len(), 3, "{cs:#?}");
    assert_eq!(find(&cs, "I will").0, ClaimKind::Direct);
    assert_eq!(find(&cs, "he said").2.as_deref(), Some("the staff member"));
}

#[test]
fn age_description_resolves_to_the_person() {
    let cs = run("Jose Mourinho was appointed on Wednesday. The 56-year-old said he was honoured to join the club.");
    assert_eq!(find(&cs, "he was").3.as_deref(), Some("Jose Mourinho"));
}

#[test]
fn quote_after_embed_residue_is_implicit_and_multi_paragraph_statement_is_one() {
    let t = "Tottenham said in a statement: \"Jose is one of the most accomplished managers.\n\n\"He is renowned for his tactical prowess.\n\nClub statement\n\n— Tottenham Hotspur (@SpursOfficial) November 20, 2019\n\n\"He has won a domestic title in four different countries.\"";
    let cs = run(t);
    let first = find(&cs, "Jose is");
    assert!(first.1.ends_with("tactical prowess."), "{}", first.1);
    let last = find(&cs, "He has won");
    assert_eq!(
        (last.2.as_deref(), last.3.as_deref(), last.4.as_deref()),
        (None, Some("Tottenham"), None)
    );
}

#[test]
fn reduced_relatives_questions_and_gerunds() {
    let cs = run("Two people briefed on the talks said Trump has decided to wait.");
    assert_eq!(
        find(&cs, "Trump has").2.as_deref(),
        Some("Two people briefed on the talks")
    );
    let cs = run("Nobody knows whether he believes it will benefit his chances.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = run("Trump and US Trade Representative Robert Lighthizer recognize making such concessions is risky.");
    assert!(cs.is_empty(), "{cs:#?}");
    let cs = run("China's commerce ministry said this month that removing tariffs is essential.");
    assert_eq!(find(&cs, "removing").1, "removing tariffs is essential");
}

#[test]
fn quote_opening_a_sentence_with_inverted_attribution_at_the_end() {
    let cs = run("\"The president wants a bigger deal\" announced in October, said Derek Scissors, a China scholar.");
    let c = find(&cs, "The president");
    assert_eq!((c.0, c.2.as_deref()), (ClaimKind::Direct, Some("Derek Scissors")));
}

#[test]
fn unicode_white_space_does_not_panic() {
    for t in [
        "He said. \u{a0}Mr. Smith left.",
        "Yes.\u{3000}No. \u{2009}Dr. Who said: “fine.”",
        "“Hi.”\u{a0}\u{a0}Rep. Jones said it.",
    ] {
        for c in extract(t, &[]) {
            assert!(t.get(c.content.clone()).is_some());
        }
    }
}

#[test]
fn demonstrative_pronoun_speaker_and_would_hedge() {
    let cs = run("Officials released new data. This would show that the army is short of supplies.");
    let c = find(&cs, "the army");
    assert_eq!((c.2.as_deref(), c.4.as_deref()), (Some("This"), Some("would show")));
    assert_eq!(c.5, vec!["would".to_string()]);
}

#[test]
fn a_position_abbreviation_before_a_given_name_stays_out_of_the_speaker() {
    let t = "Browns DL Sheldon Richardson, however, weighed in on Monday, saying that Rudolph should be disciplined.";
    let at = |w: &str| t.find(w).expect("in text");
    let names = [
        given(0, 6, "ORG", "Browns"),
        given(at("Sheldon"), at(","), "PERSON", "Sheldon Richardson"),
    ];
    let cs = extract(t, &names);
    let c = cs
        .iter()
        .find(|c| t[c.content.clone()].starts_with("Rudolph"))
        .expect("claim");
    assert_eq!(c.speaker_resolved.as_deref(), Some("Sheldon Richardson"));
}
