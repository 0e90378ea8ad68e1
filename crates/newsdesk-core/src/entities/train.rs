//! Train: annotated `.bio` corpora in, shipped weights and entity-level scores out.
//!
//! Reads the BIO (IOB2) files of `shared/data/ner` (`token<TAB>tag`, blank line between
//! sentences, `# doc` lines between documents). A sentence becomes the text of its tokens joined
//! by single spaces (the `clean=False` semantics of the public API), re-tokenised with
//! `segment::tokens`, and the gold spans are projected onto those tokens as BILOU tags.
//! Training is deterministic: documents are shuffled with a fixed-seed SplitMix64, and a fixed
//! share of sentences is upper-cased or lower-cased on the fly (headline robustness), capitalised
//! tokens are hidden as unknown words (word dropout), and every corpus is a domain whose own
//! copies of the features absorb its annotation habits ([`TrainConfig::adapt`]).
//! Evaluation is entity-level micro P/R/F1 over PER/ORG/LOC with exact byte spans, GPE folded
//! into LOC, NORP/MISC left out, computed with the same code path as [`super::extract`].

use super::tagger::{make_tag, Model, Trainer};
use super::{extract_in_sentences_lang, DocTagger, Label, Lang};
use crate::segment::tokens;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One annotated sentence: text (tokens joined by spaces) and gold spans (byte range, type).
#[derive(Clone, Debug)]
pub struct Sentence {
    pub text: String,
    pub gold: Vec<(Range<usize>, String)>,
}

pub type Doc = Vec<Sentence>;

/// Parse a `.bio` file. Sentences without a `# doc` line before them each form their own doc.
pub fn read_bio(src: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut cur: Doc = Vec::new();
    let mut has_docs = false;
    let mut text = String::new();
    let mut gold: Vec<(Range<usize>, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut last_end = 0;
    let flush_sent = |text: &mut String,
                      gold: &mut Vec<(Range<usize>, String)>,
                      open: &mut Option<(usize, String)>,
                      last_end: usize,
                      cur: &mut Doc| {
        if let Some((s, ty)) = open.take() {
            gold.push((s..last_end, ty));
        }
        if !text.is_empty() {
            cur.push(Sentence {
                text: std::mem::take(text),
                gold: std::mem::take(gold),
            });
        }
    };
    for line in src.lines() {
        if line.starts_with("# doc") {
            flush_sent(&mut text, &mut gold, &mut open, last_end, &mut cur);
            has_docs = true;
            if !cur.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.trim().is_empty() {
            flush_sent(&mut text, &mut gold, &mut open, last_end, &mut cur);
            if !has_docs && !cur.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (tok, tag) = line.rsplit_once('\t').unwrap_or((line, "O"));
        if tok.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(tok.trim());
        let end = text.len();
        let (bio, ty) = tag.split_once('-').unwrap_or((tag, ""));
        match bio {
            "B" => {
                if let Some((s, t)) = open.take() {
                    gold.push((s..last_end, t));
                }
                open = Some((start, ty.to_string()));
            }
            "I" if open.as_ref().is_some_and(|(_, t)| t == ty) => {}
            "I" => {
                if let Some((s, t)) = open.take() {
                    gold.push((s..last_end, t));
                }
                open = Some((start, ty.to_string()));
            }
            _ => {
                if let Some((s, t)) = open.take() {
                    gold.push((s..last_end, t));
                }
            }
        }
        last_end = end;
    }
    flush_sent(&mut text, &mut gold, &mut open, last_end, &mut cur);
    if !cur.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Keep the sentences of one part of a corpus: the sentences are numbered in file order and
/// cut into blocks of 20; part `a` / `b` keeps the even / odd blocks, `held` every tenth block
/// (block % 10 == 9) and `train` the others (the benchmark scripts use the same rule). Documents
/// keep their other sentences in order; documents left empty are dropped.
pub fn select_part(docs: Vec<Doc>, part: &str) -> Vec<Doc> {
    let keep: fn(usize) -> bool = match part {
        "" => return docs,
        "a" => |b| b % 2 == 0,
        "b" => |b| b % 2 == 1,
        "held" => |b| b % 10 == 9,
        "train" => |b| b % 10 != 9,
        p => panic!("unknown corpus part @{p} (a, b, held, train)"),
    };
    let mut k = 0;
    docs.into_iter()
        .filter_map(|d| {
            let kept: Doc = d
                .into_iter()
                .filter(|_| {
                    k += 1;
                    keep((k - 1) / 20)
                })
                .collect();
            (!kept.is_empty()).then_some(kept)
        })
        .collect()
}

/// Read a corpus split named `corpus[/file][@part]` under `dir` (`file` defaults to `default`,
/// e.g. "train"): `dir/corpus/file.bio`, then [`select_part`]. Missing files give no documents.
pub fn load_split(dir: &str, spec: &str, default: &str) -> Vec<Doc> {
    let (name, part) = spec.split_once('@').unwrap_or((spec, ""));
    let (corpus, file) = name.split_once('/').unwrap_or((name, default));
    let path = format!("{dir}/{corpus}/{file}.bio");
    let docs = std::fs::read_to_string(path).map(|s| read_bio(&s)).unwrap_or_default();
    select_part(docs, part)
}

fn type_index(t: &str) -> Option<usize> {
    match t {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" | "GPE" => Some(2),
        "NORP" => Some(3),
        "MISC" => Some(4),
        _ => None,
    }
}

/// BILOU gold tags over `toks` for the gold spans.
pub fn gold_tags(toks: &[Range<usize>], gold: &[(Range<usize>, String)]) -> Vec<u8> {
    let mut tags = vec![0u8; toks.len()];
    for (r, ty) in gold {
        let Some(t) = type_index(ty) else { continue };
        let inside: Vec<usize> = (0..toks.len())
            .filter(|&i| toks[i].start < r.end && r.start < toks[i].end)
            .collect();
        if inside.iter().any(|&i| tags[i] != 0) {
            continue;
        }
        match inside.as_slice() {
            [] => {}
            [i] => tags[*i] = make_tag(t, 3),
            [f, .., l] => {
                tags[*f] = make_tag(t, 0);
                for &i in &inside[1..inside.len() - 1] {
                    tags[i] = make_tag(t, 1);
                }
                tags[*l] = make_tag(t, 2);
            }
        }
    }
    tags
}

/// SplitMix64: a tiny deterministic generator (no dependency, same numbers everywhere).
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// How a training sentence is presented: as is, upper-cased or lower-cased.
fn variant(text: &str, r: u64, upper_per_mille: u64, lower_per_mille: u64) -> String {
    let x = r % 1000;
    if x < upper_per_mille {
        text.to_ascii_uppercase()
    } else if x < upper_per_mille + lower_per_mille {
        text.to_ascii_lowercase()
    } else {
        text.to_string()
    }
}

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    pub min_count: u32,
    pub upper_per_mille: u64,
    pub lower_per_mille: u64,
    /// Drop weights below this magnitude (of 32767) from the shipped model.
    pub prune: i16,
    /// Word dropout: share (per mille) of capitalised tokens shown to the learner as unknown words.
    pub dropout_per_mille: u64,
    /// Domain adaptation by feature augmentation (Daumé III, 2007): every feature also fires in
    /// a copy private to the document's training corpus, so each corpus's own annotation habits
    /// (silver GMB labels, rule-made GUM spans, social-media conventions) are learned by its
    /// copies and the shared weights keep what the corpora agree on. Which copies are folded
    /// into the shipped weights (one row per feature, so tagging costs the same as without
    /// adaptation) is the [`Adapt`] choice. `None` = no adaptation. Default: [`Adapt::Mean`]
    /// (+2.6 F1 on UNER PUD, whose text no training corpus resembles).
    pub adapt: Option<Adapt>,
    /// The language names are read in: which large-corpus word table the features read
    /// ([`super::clusters::Lexicon::of`]), as at tagging time.
    pub lang: Lang,
}

/// Which domain copies to fold into the shipped weights (see [`TrainConfig::adapt`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adapt {
    /// Ship the shared weights only.
    Shared,
    /// Ship the shared weights plus the copies of this domain.
    Target(u8),
    /// Ship the shared weights plus the copies of every domain, each weighted by its share of
    /// the training sentences (the average corpus's habits).
    Mean,
}

/// Key of the copy of feature `f` private to training domain `d`.
pub fn domain_key(f: u64, d: u8) -> u64 {
    let mut h = f ^ (0xD0AA_0000_0000_0100u64 | d as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 31;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 29)
}

/// Give every token of the prepared sentence in `sc` the domain-`d` copies of its features too
/// (`spare` is reused scratch space).
fn augment(sc: &mut super::features::Scratch, d: u8, spare: &mut (Vec<u64>, Vec<u32>)) {
    let (feats, offsets) = spare;
    feats.clear();
    offsets.clear();
    for i in 0..sc.offsets.len().saturating_sub(1) {
        offsets.push(feats.len() as u32);
        let own = sc.feats_of(i);
        feats.extend_from_slice(own);
        feats.extend(own.iter().map(|&f| domain_key(f, d)));
    }
    offsets.push(feats.len() as u32);
    std::mem::swap(&mut sc.feats, feats);
    std::mem::swap(&mut sc.offsets, offsets);
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 20261127,
            min_count: 1,
            upper_per_mille: 40,
            lower_per_mille: 10,
            prune: 300,
            dropout_per_mille: 300,
            adapt: Some(Adapt::Mean),
            lang: Lang::En,
        }
    }
}

/// Word dropout applies to capitalised tokens (where the names are).
fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Train on `docs` (`domains[i]` is the training corpus of `docs[i]`, used when `cfg.adapt` is
/// set); calls `on_epoch(epoch, weights)` after every epoch with the averaged model.
pub fn train(docs: &[Doc], domains: &[u8], cfg: &TrainConfig, mut on_epoch: impl FnMut(usize, &[u8])) -> Vec<u8> {
    let domain = |d: usize| domains.get(d).copied().unwrap_or(0);
    let mut spare = (Vec::new(), Vec::new());
    // 1. feature counts (with gold history) to fix the feature set
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut shared: HashSet<u64> = HashSet::new();
    let mut dt = DocTagger {
        lang: cfg.lang,
        ..DocTagger::default()
    };
    for (di, doc) in docs.iter().enumerate() {
        dt.hist.clear();
        for s in doc {
            let toks = tokens(&s.text);
            if toks.is_empty() {
                continue;
            }
            dt.prepare(&s.text, &toks);
            let mut count = |dt: &mut DocTagger| {
                if cfg.adapt.is_some() {
                    shared.extend(&dt.sc.feats);
                    augment(&mut dt.sc, domain(di), &mut spare);
                }
                for f in &dt.sc.feats {
                    *counts.entry(*f).or_insert(0) += 1;
                }
            };
            count(&mut dt);
            if cfg.dropout_per_mille > 0 {
                // the features word dropout will produce: every capitalised token unknown
                dt.sc.unk = toks.iter().map(|t| capitalised(&s.text[t.clone()])).collect();
                dt.prepare(&s.text, &toks);
                dt.sc.unk.clear();
                count(&mut dt);
            }
            dt.tags = gold_tags(&toks, &s.gold);
            let words: Vec<&str> = toks.iter().map(|r| &s.text[r.clone()]).collect();
            dt.remember(&words);
        }
    }
    let kept = counts.iter().filter(|(_, &c)| c >= cfg.min_count).map(|(&k, _)| k);
    let mut tr = Trainer::new(kept);
    drop(counts);
    // what ships: every feature, or with adaptation the shared features (plus the target's copies)
    let mut shared: Vec<u64> = shared.into_iter().collect();
    shared.sort_unstable();
    let mut share = [0f32; 256];
    for (di, doc) in docs.iter().enumerate() {
        share[domain(di) as usize] += doc.len() as f32;
    }
    let total: f32 = share.iter().sum();
    let mean: Vec<(u8, f32)> = (0..=255u8)
        .filter(|&d| share[d as usize] > 0.0)
        .map(|d| (d, share[d as usize] / total.max(1.0)))
        .collect();
    let export = |tr: &Trainer| match cfg.adapt {
        None => tr.export(cfg.prune),
        Some(Adapt::Shared) => tr.export_merged(cfg.prune, &shared, |_| Vec::new()),
        Some(Adapt::Target(t)) => tr.export_merged(cfg.prune, &shared, |k| vec![(domain_key(k, t), 1.0)]),
        Some(Adapt::Mean) => tr.export_merged(cfg.prune, &shared, |k| {
            mean.iter().map(|&(d, f)| (domain_key(k, d), f)).collect()
        }),
    };
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut last = Vec::new();
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let mut errors = 0usize;
        let mut total = 0usize;
        for &d in &order {
            dt.hist.clear();
            for s in &docs[d] {
                let text = variant(&s.text, rng.next_u64(), cfg.upper_per_mille, cfg.lower_per_mille);
                let toks = tokens(&text);
                if toks.is_empty() {
                    continue;
                }
                let gold = gold_tags(&toks, &s.gold);
                dt.sc.unk.clear();
                for t in &toks {
                    let cap = capitalised(&text[t.clone()]);
                    dt.sc.unk.push(cap && rng.next_u64() % 1000 < cfg.dropout_per_mille);
                }
                dt.prepare(&text, &toks);
                dt.sc.unk.clear();
                if cfg.adapt.is_some() {
                    augment(&mut dt.sc, domain(d), &mut spare);
                }
                dt.decode(&tr, toks.len());
                total += toks.len();
                if dt.tags != gold {
                    errors += dt.tags.iter().zip(&gold).filter(|(a, b)| a != b).count();
                    let sc = &dt.sc;
                    tr.update(|i| sc.feats_of(i), &gold, &dt.tags);
                }
                tr.tick();
                let words: Vec<&str> = toks.iter().map(|r| &text[r.clone()]).collect();
                dt.remember(&words);
            }
        }
        eprintln!(
            "epoch {}: token error rate {:.4}",
            epoch + 1,
            errors as f64 / total.max(1) as f64
        );
        last = export(&tr);
        on_epoch(epoch + 1, &last);
    }
    last
}

/// Entity-level counts per type (PER, ORG, LOC).
#[derive(Default, Clone, Debug)]
pub struct Score {
    pub tp: [usize; 3],
    pub pred: [usize; 3],
    pub gold: [usize; 3],
    pub tokens: usize,
}

impl Score {
    fn prf(tp: usize, p: usize, g: usize) -> (f64, f64, f64) {
        let pr = if p == 0 { 0.0 } else { tp as f64 / p as f64 };
        let rc = if g == 0 { 0.0 } else { tp as f64 / g as f64 };
        let f = if pr + rc == 0.0 { 0.0 } else { 2.0 * pr * rc / (pr + rc) };
        (pr, rc, f)
    }
    pub fn micro(&self) -> (f64, f64, f64) {
        Score::prf(self.tp.iter().sum(), self.pred.iter().sum(), self.gold.iter().sum())
    }
    pub fn per_type(&self, t: usize) -> (f64, f64, f64) {
        Score::prf(self.tp[t], self.pred[t], self.gold[t])
    }
    pub fn summary(&self) -> String {
        let (p, r, f) = self.micro();
        let ft = |t| self.per_type(t).2 * 100.0;
        format!(
            "F1 {:.1} (P {:.1} R {:.1}) PER {:.1} ORG {:.1} LOC {:.1}",
            f * 100.0,
            p * 100.0,
            r * 100.0,
            ft(0),
            ft(1),
            ft(2)
        )
    }
}

fn eval_type(label: Label) -> Option<usize> {
    match label {
        Label::Person => Some(0),
        Label::Org => Some(1),
        Label::Gpe | Label::Loc => Some(2),
        _ => None,
    }
}

/// Score `model` on `docs`: each document's sentences are joined with blank lines and tagged
/// with the known sentence ranges, through the public pipeline.
pub fn evaluate(model: &Model, docs: &[Doc]) -> Score {
    evaluate_lang(model, Lang::En, docs)
}

/// [`evaluate`] reading names as `lang` writes them.
pub fn evaluate_lang(model: &Model, lang: Lang, docs: &[Doc]) -> Score {
    let mut sc = Score::default();
    for doc in docs {
        let mut text = String::new();
        let mut ranges = Vec::new();
        let mut gold = Vec::new();
        for s in doc {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let base = text.len();
            text.push_str(&s.text);
            ranges.push(base..text.len());
            for (r, ty) in &s.gold {
                if let Some(t) = type_index(ty).filter(|&t| t < 3) {
                    gold.push((r.start + base, r.end + base, t));
                }
            }
            sc.tokens += tokens(&s.text).len();
        }
        let pred: Vec<(usize, usize, usize)> = extract_in_sentences_lang(model, lang, &text, &ranges)
            .into_iter()
            .filter_map(|m| eval_type(m.label).map(|t| (m.start, m.end, t)))
            .collect();
        for g in &gold {
            sc.gold[g.2] += 1;
        }
        for p in &pred {
            sc.pred[p.2] += 1;
            if gold.contains(p) {
                sc.tp[p.2] += 1;
            }
        }
        if std::env::var_os("NER_DEBUG").is_some() {
            const T: [&str; 3] = ["PER", "ORG", "LOC"];
            let toks = tokens(&text);
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                let aligned = toks.iter().any(|t| t.start == g.0) && toks.iter().any(|t| t.end == g.1);
                if !aligned {
                    eprintln!("UNALIGNED {} [{}]", T[g.2], &text[g.0..g.1]);
                }
                eprintln!("MISS {} [{}] {} {} {}", T[g.2], &text[g.0..g.1], sc.tokens, g.0, g.1);
            }
            for p in pred.iter().filter(|p| !gold.contains(p)) {
                eprintln!("FALSE {} [{}] {} {} {}", T[p.2], &text[p.0..p.1], sc.tokens, p.0, p.1);
            }
        }
    }
    sc
}

#[cfg(test)]
mod tests {
    use super::super::NameSpan;
    use super::*;

    #[test]
    fn domain_copies_carry_each_corpus_habit_and_the_export_picks_one() {
        // corpus 0 calls "Zorbex" an organisation, corpus 1 leaves it untagged
        let sent = |tagged: bool| Sentence {
            text: "Zorbex hired more staff .".to_string(),
            gold: if tagged {
                vec![(0..6, "ORG".to_string())]
            } else {
                vec![]
            },
        };
        let docs: Vec<Doc> = (0..40).map(|i| vec![sent(i % 2 == 0)]).collect();
        let domains: Vec<u8> = (0..40).map(|i| (i % 2) as u8).collect();
        let tag = |adapt: Adapt| -> Vec<NameSpan> {
            let cfg = TrainConfig {
                epochs: 3,
                dropout_per_mille: 0,
                upper_per_mille: 0,
                lower_per_mille: 0,
                prune: 0,
                adapt: Some(adapt),
                ..TrainConfig::default()
            };
            let m = Model::from_bytes(&train(&docs, &domains, &cfg, |_, _| {})).expect("weights parse");
            let text = "Zorbex hired more staff .";
            DocTagger::default().names(&m, text, &tokens(text))
        };
        let org = tag(Adapt::Target(0));
        assert_eq!(org.len(), 1, "{org:?}");
        assert_eq!(org[0].label, Label::Org);
        assert!(tag(Adapt::Target(1)).is_empty());
        // the copies are private to their domain and never collide with the shared features
        assert_ne!(domain_key(42, 0), domain_key(42, 1));
        assert_ne!(domain_key(42, 0), 42);
    }

    #[test]
    fn reads_bio_and_projects_gold_onto_our_tokens() {
        let src = "# doc a\nKim\tB-PER\nJong-un\tI-PER\nvisited\tO\nthe\tO\nU.S.\tB-LOC\n.\tO\n\nHe\tO\nleft\tO\n";
        let docs = read_bio(src);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].len(), 2);
        let s = &docs[0][0];
        assert_eq!(s.text, "Kim Jong-un visited the U.S. .");
        assert_eq!(&s.text[s.gold[0].0.clone()], "Kim Jong-un");
        let toks = tokens(&s.text);
        let tags = gold_tags(&toks, &s.gold);
        assert_eq!(tags, vec![make_tag(0, 0), make_tag(0, 2), 0, 0, make_tag(2, 3), 0]);
    }
}
