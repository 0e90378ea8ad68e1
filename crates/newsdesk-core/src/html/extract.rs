//! Extract: a parsed DOM in, the article body as ordered blocks out.
//!
//! Passes, each a linear, iterative walk over the arena (no recursion):
//! 1. *Prune*: drop elements that never hold body text (scripts, styles, forms controls,
//!    navigation, header/footer/aside, hidden elements), then drop elements whose class, id or
//!    role names page furniture (`data/html_boilerplate_names.txt`: share, related, comments,
//!    newsletter, ads, ...), unless they hold most of the page's text or an article-body marker.
//! 2. *Score*: every text block (paragraph-like element with at least 25 characters of its own
//!    text and low link density) gives a score (1 + commas + length) to its ancestors, decaying
//!    with distance; candidates get a bonus for article-body markers (`itemprop=articleBody`,
//!    `data/html_content_names.txt`, `<article>`) and are scaled by (1 - link density).
//! 3. *Select*: the best candidate plus the siblings that look like part of the same story.
//! 4. *Emit*: paragraphs, headings, list items, quotes and captions in document order, with
//!    whitespace collapsed; link lists and the headline itself are left out.
//!
//! A fallback takes the best paragraphs of the whole page when the selection looks too short.

use super::names::{normalize, BOILERPLATE, CONTENT};
use super::parse::{Dom, NodeId, NONE};
use crate::article::{Block, BlockKind};

/// How an element takes part in extraction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Never holds body text: skipped with its subtree.
    Drop,
    /// Starts and ends a block of text.
    Block,
    /// Line break: ends the current block.
    Break,
    /// Inline: its text joins the surrounding block.
    Inline,
}

fn role_of(tag: &str) -> Role {
    match tag {
        "script" | "style" | "noscript" | "template" | "iframe" | "object" | "embed" | "canvas" | "video" | "audio"
        | "source" | "track" | "select" | "option" | "optgroup" | "button" | "input" | "textarea" | "label" | "nav"
        | "head" | "title" | "link" | "meta" | "map" | "area" | "dialog" | "menu" | "footer" | "aside" | "header"
        | "fieldset" | "legend" | "datalist" | "output" | "progress" | "meter" | "frame" | "frameset" | "applet"
        | "base" | "param" | "img" | "picture" | "hr" => Role::Drop,
        "br" => Role::Break,
        "p" | "div" | "section" | "article" | "main" | "li" | "td" | "th" | "dd" | "dt" | "blockquote" | "pre"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figcaption" | "caption" | "ul" | "ol" | "dl" | "table"
        | "tbody" | "thead" | "tfoot" | "tr" | "body" | "html" | "form" | "center" | "address" | "figure"
        | "details" | "summary" | "hgroup" => Role::Block,
        _ => Role::Inline,
    }
}

fn block_kind(tag: &str) -> BlockKind {
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => BlockKind::Paragraph,
    }
}

const MIN_BLOCK_CHARS: u32 = 25;
/// Below this many characters of extracted text the selection "looks too short".
const SHORT_EXTRACTION: usize = 400;

/// Per-element marks from the prune pass.
const F_DROP: u8 = 1;
const F_BOILER: u8 = 2;
const F_CONTENT: u8 = 4;
const F_ARTICLE_BODY: u8 = 8;
const F_ARTICLE_TAG: u8 = 16;
/// An embedded social post (`blockquote.twitter-tweet`, `instagram-media`, ...): a quote.
const F_EMBED: u8 = 32;

struct State<'a> {
    dom: &'a Dom,
    flags: Vec<u8>,
    /// Text characters (non-whitespace) in the subtree, and how many of them are link text.
    sub_len: Vec<u32>,
    sub_link: Vec<u32>,
    /// Text characters attributed to this block element itself (not to nested blocks).
    own_len: Vec<u32>,
    own_link: Vec<u32>,
    own_commas: Vec<u32>,
    /// Text characters in `<p>` paragraphs (80+ characters, almost no links) in the subtree.
    p_len: Vec<u32>,
    /// The block's own text ends with sentence punctuation.
    own_end: Vec<bool>,
    /// Subtree holds an article-body marker (itemprop=articleBody or a content class).
    has_marker: Vec<bool>,
    /// Subtree holds an embedded social post.
    has_embed: Vec<bool>,
    score: Vec<f32>,
    scored: Vec<bool>,
}

/// Is this element hidden by markup (hidden attribute, aria-hidden, inline display:none)?
fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    for a in dom.attrs(id) {
        match &*a.name.local {
            "hidden" => return true,
            "aria-hidden" if a.value.eq_ignore_ascii_case("true") => return true,
            "style" => {
                let s: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if s.contains("display:none") || s.contains("visibility:hidden") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn role_is_boilerplate(role: &str) -> bool {
    matches!(
        role.trim().to_ascii_lowercase().as_str(),
        "navigation"
            | "banner"
            | "contentinfo"
            | "complementary"
            | "dialog"
            | "alertdialog"
            | "menu"
            | "menubar"
            | "search"
            | "toolbar"
    )
}

impl<'a> State<'a> {
    fn new(dom: &'a Dom) -> Self {
        let n = dom.nodes.len();
        State {
            dom,
            flags: vec![0; n],
            sub_len: vec![0; n],
            sub_link: vec![0; n],
            own_len: vec![0; n],
            own_link: vec![0; n],
            own_commas: vec![0; n],
            p_len: vec![0; n],
            own_end: vec![false; n],
            has_marker: vec![false; n],
            has_embed: vec![false; n],
            score: vec![0.0; n],
            scored: vec![false; n],
        }
    }

    #[inline]
    fn tag(&self, id: NodeId) -> Option<&'a str> {
        self.dom.tag(id).map(|t| &**t)
    }

    #[inline]
    fn dropped(&self, id: NodeId) -> bool {
        self.flags.get(id as usize).is_some_and(|f| f & F_DROP != 0)
    }

    /// Pass 1a: mark hard drops and vocabulary hits on every element under `root`.
    fn mark(&mut self, root: NodeId) {
        let dom = self.dom;
        let mut buf = String::new();
        let mut id = root;
        while id != NONE {
            let mut skip = false;
            if let Some(any) = dom.any_tag(id) {
                let f = &mut self.flags[id as usize];
                match dom.tag(id) {
                    None => {
                        // SVG, MathML: opaque.
                        let _ = any;
                        *f |= F_DROP;
                        skip = true;
                    }
                    Some(t) => {
                        let t: &str = t;
                        if role_of(t) == Role::Drop || is_hidden(dom, id) {
                            *f |= F_DROP;
                            skip = true;
                        } else {
                            if t == "article" {
                                *f |= F_ARTICLE_TAG;
                            }
                            buf.clear();
                            for a in dom.attrs(id) {
                                match &*a.name.local {
                                    "class" | "id" => {
                                        normalize(&a.value, &mut buf);
                                        buf.push(' ');
                                    }
                                    "itemprop" => {
                                        let v: &str = &a.value;
                                        if v.eq_ignore_ascii_case("articleBody")
                                            || v.eq_ignore_ascii_case("text")
                                            || v.eq_ignore_ascii_case("reviewBody")
                                        {
                                            *f |= F_ARTICLE_BODY;
                                        }
                                    }
                                    "role" if role_is_boilerplate(&a.value) => *f |= F_BOILER,
                                    _ => {}
                                }
                            }
                            if t == "blockquote"
                                && (buf.contains("twitter-tweet")
                                    || buf.contains("instagram-media")
                                    || buf.contains("tiktok-embed"))
                            {
                                *f |= F_EMBED;
                            }
                            if !buf.is_empty() {
                                if CONTENT.matches(&buf) {
                                    *f |= F_CONTENT;
                                }
                                if BOILERPLATE.matches(&buf) {
                                    *f |= F_BOILER;
                                }
                            }
                        }
                    }
                }
            }
            id = self.next(id, root, skip);
        }
    }

    /// Next node in pre-order under `root`; `skip` leaves out `id`'s children.
    #[inline]
    fn next(&self, id: NodeId, root: NodeId, skip: bool) -> NodeId {
        if !skip {
            if let Some(n) = self.dom.node(id) {
                if n.first_child != NONE {
                    return n.first_child;
                }
            }
        }
        self.dom.next_skipping_children(id, root)
    }

    /// Pass 1b / 2: text statistics of every kept node, bottom-up. Returns pre-order of kept nodes.
    fn measure(&mut self, root: NodeId) -> Vec<NodeId> {
        let dom = self.dom;
        let mut order = Vec::with_capacity(dom.nodes.len());
        // Nearest block ancestor and link depth, tracked with an explicit ancestor stack.
        let mut stack: Vec<(NodeId, NodeId, bool)> = Vec::new(); // (node, block, in_link)
        let mut id = root;
        while id != NONE {
            // Pop ancestors that are not parents of `id`.
            let parent = dom.parent(id);
            while let Some(&(top, _, _)) = stack.last() {
                if top == parent {
                    break;
                }
                stack.pop();
            }
            let (pblock, plink) = stack.last().map_or((root, false), |&(_, b, l)| (b, l));
            let skip = self.dropped(id);
            if !skip {
                order.push(id);
                let i = id as usize;
                self.sub_len[i] = 0;
                self.sub_link[i] = 0;
                self.own_len[i] = 0;
                self.own_link[i] = 0;
                self.own_commas[i] = 0;
                self.p_len[i] = 0;
                self.own_end[i] = false;
                self.has_marker[i] = self.flags[i] & (F_CONTENT | F_ARTICLE_BODY) != 0;
                self.has_embed[i] = self.flags[i] & F_EMBED != 0;
                if let Some(t) = dom.text(id) {
                    let (len, commas) = text_stats(t);
                    self.sub_len[i] = len;
                    if plink {
                        self.sub_link[i] = len;
                    }
                    if let Some(b) = self.own_len.get_mut(pblock as usize) {
                        *b += len;
                        if let Some(c) = t.trim_end().chars().last() {
                            self.own_end[pblock as usize] = ends_sentence_char(c);
                        }
                        self.own_commas[pblock as usize] += commas;
                        if plink {
                            self.own_link[pblock as usize] += len;
                        }
                    }
                } else if let Some(t) = self.tag(id) {
                    let block = if role_of(t) == Role::Block { id } else { pblock };
                    stack.push((id, block, plink || t == "a"));
                }
            }
            id = self.next(id, root, skip);
        }
        for &id in order.iter().rev() {
            let i = id as usize;
            if self.tag(id) == Some("p") && self.own_len[i] >= 80 && self.own_link[i] * 10 < self.own_len[i] {
                self.p_len[i] += self.own_len[i];
            }

            let p = dom.parent(id);
            if p == NONE || id == root {
                continue;
            }
            let (l, k, m, pl) = (self.sub_len[i], self.sub_link[i], self.has_marker[i], self.p_len[i]);
            let e = self.has_embed[i];
            if let Some(x) = self.sub_len.get_mut(p as usize) {
                *x += l;
                self.has_embed[p as usize] |= e;
                self.p_len[p as usize] += pl;
                self.sub_link[p as usize] += k;
                self.has_marker[p as usize] |= m;
            }
        }
        order
    }

    fn link_density(&self, id: NodeId) -> f32 {
        let l = self.sub_len[id as usize];
        if l == 0 {
            0.0
        } else {
            self.sub_link[id as usize] as f32 / l as f32
        }
    }

    /// Pass 1c: drop vocabulary-flagged boilerplate, guarded against dropping the story itself.
    fn drop_boilerplate(&mut self, order: &[NodeId], root: NodeId) -> bool {
        let total = self.sub_len[root as usize].max(1) as f32;
        let mut changed = false;
        for &id in order {
            let i = id as usize;
            let f = self.flags[i];
            if f & F_BOILER == 0 || f & (F_DROP | F_ARTICLE_BODY | F_CONTENT) != 0 || id == root {
                continue;
            }
            let t = self.tag(id).unwrap_or("");
            if matches!(t, "body" | "html" | "main") {
                continue;
            }
            let share = self.sub_len[i] as f32 / total;
            // Real paragraphs inside a marked article body (a paywall or "meter" wrapper around
            // the rest of the story) are the story, not furniture.
            let gated_story = self.p_len[i] >= 400 && self.link_density(id) < 0.1 && self.inside_marked_body(id);
            // A small "social" wrapper around an embedded post inside the story is a quote.
            let embed = self.has_embed[i] && self.sub_len[i] < 1500;
            let holds_story = self.has_marker[i]
                || gated_story
                || embed
                || (share > 0.5 && self.link_density(id) < 0.3)
                || self.subheading_of_prose(id);
            if !holds_story {
                self.flags[i] |= F_DROP;
                changed = true;
            }
        }
        changed
    }

    /// A subheading (h2-h6 of plain text) whose next sibling with text is story prose: a class
    /// or id such as "widget-title" or a table-of-contents anchor ("toc_1", "nav_2") does not make
    /// it furniture. A heading over a link list or a teaser box is not followed by prose.
    fn subheading_of_prose(&self, id: NodeId) -> bool {
        let i = id as usize;
        if !matches!(self.tag(id), Some("h2" | "h3" | "h4" | "h5" | "h6"))
            || self.sub_len[i] == 0
            || self.sub_len[i] > 200
            || self.sub_link[i] > 0
        {
            return false;
        }
        let mut s = self.dom.node(id).map_or(NONE, |n| n.next);
        while s != NONE {
            let j = s as usize;
            if self.dom.tag(s).is_some() && !self.dropped(s) && self.sub_len[j] > 0 {
                return self.flags[j] & F_BOILER == 0
                    && (self.own_prose(s) || (self.p_len[j] > 0 && self.link_density(s) < 0.1));
            }
            if self.dom.text(s).is_some_and(|t| !t.trim().is_empty()) {
                return false;
            }
            s = self.dom.node(s).map_or(NONE, |n| n.next);
        }
        false
    }

    fn inside_marked_body(&self, id: NodeId) -> bool {
        let mut a = self.dom.parent(id);
        while a != NONE {
            if self
                .flags
                .get(a as usize)
                .is_some_and(|f| f & (F_ARTICLE_BODY | F_CONTENT) != 0)
            {
                return true;
            }
            a = self.dom.parent(a);
        }
        false
    }

    /// Pass 2: readability-style scores.
    fn score(&mut self, order: &[NodeId], root: NodeId) -> Vec<NodeId> {
        let dom = self.dom;
        let mut candidates = Vec::new();
        for &id in order {
            let Some(t) = self.tag(id) else { continue };
            if role_of(t) != Role::Block {
                continue;
            }
            let i = id as usize;
            let len = self.own_len[i];
            if len < MIN_BLOCK_CHARS {
                continue;
            }
            let ld = self.own_link[i] as f32 / len as f32;
            if ld > 0.5 {
                continue;
            }
            let content = (1.0 + self.own_commas[i] as f32 + (len as f32 / 100.0).min(3.0)) * (1.0 - ld);
            let mut anc = dom.parent(id);
            let mut level = 0;
            while anc != NONE && level < 5 {
                let a = anc as usize;
                if self.tag(anc).is_none() {
                    break;
                }
                if !self.scored[a] {
                    self.scored[a] = true;
                    self.score[a] = self.initial_score(anc);
                    candidates.push(anc);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                self.score[a] += content / div;
                if anc == root {
                    break;
                }
                anc = dom.parent(anc);
                level += 1;
            }
        }
        for &c in &candidates {
            let ld = self.link_density(c);
            self.score[c as usize] *= 1.0 - ld;
        }
        candidates
    }

    fn initial_score(&self, id: NodeId) -> f32 {
        let f = self.flags[id as usize];
        let mut s = match self.tag(id).unwrap_or("") {
            "div" | "article" | "section" | "main" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        if f & F_ARTICLE_BODY != 0 {
            s += 40.0;
        }
        if f & F_CONTENT != 0 {
            s += 25.0;
        }
        if f & F_ARTICLE_TAG != 0 {
            s += 10.0;
        }
        if f & F_BOILER != 0 {
            s -= 25.0;
        }
        s
    }
}

/// Non-whitespace characters and commas in a text.
fn text_stats(t: &str) -> (u32, u32) {
    let mut len = 0u32;
    let mut commas = 0u32;
    for c in t.chars() {
        if !c.is_whitespace() {
            len += 1;
            if matches!(c, ',' | '，' | '、' | '،') {
                commas += 1;
            }
        }
    }
    (len, commas)
}

/// How the body of a page was found (the `body_source` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodySource {
    /// The first pass: the best-scoring container of the pruned page and its story siblings.
    Dom,
    /// The same selection on the page without vocabulary pruning, kept because it holds the
    /// first pass and clearly more story text (a class name such as "widget" or "paywalled"
    /// had pruned part of the story).
    Fallback,
    /// The JSON-LD `articleBody`, kept because the page's markup shows much less of it.
    JsonLd,
    /// Every long paragraph of the pruned page (no container stood out).
    Paragraphs,
    /// Markup the page carries outside its rendered tree (`<noscript>`, `<template>`, script
    /// templates, HTML in a script's string literal), kept because the rendered page shows no
    /// story or a much shorter one.
    Embedded,
    /// All visible text of the pruned page (nothing paragraph-like at all).
    AllText,
}

impl BodySource {
    pub fn as_str(self) -> &'static str {
        match self {
            BodySource::Dom => "dom",
            BodySource::Fallback => "fallback",
            BodySource::JsonLd => "json-ld",
            BodySource::Paragraphs => "paragraphs",
            BodySource::Embedded => "embedded",
            BodySource::AllText => "all-text",
        }
    }
}

/// The body of a page and how it was found; `source` is `None` when no body was found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub source: Option<BodySource>,
    /// Non-whitespace characters of visible text on the page (after hard drops: scripts,
    /// navigation, hidden elements), to tell "no body found" from "nothing to find".
    pub visible_chars: u32,
}

/// Extract the article body of a parsed page. `title` (when known) lets the headline itself be
/// left out of the body.
#[cfg(test)]
pub fn extract_blocks(dom: &Dom, title: Option<&str>) -> Vec<Block> {
    extract_body(dom, title, None).blocks
}

/// Characters of story-like text in blocks: paragraphs, quotes and list items of 80+
/// non-whitespace characters (the measure `p_len` takes of the page's `<p>` elements).
pub(super) fn story_chars(blocks: &[Block]) -> u32 {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem))
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count() as u32)
        .filter(|&n| n >= 80)
        .sum()
}

pub(super) fn nonws_chars(blocks: &[Block]) -> u32 {
    blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Caption)
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count() as u32)
        .sum()
}

/// Share of `a`'s characters (non-caption blocks) whose block text also appears in `b`.
fn contained_share(a: &[Block], b: &[Block]) -> f32 {
    let set: std::collections::HashSet<&str> = b.iter().map(|x| x.text.as_str()).collect();
    let (mut inside, mut total) = (0usize, 0usize);
    for x in a.iter().filter(|x| x.kind != BlockKind::Caption) {
        total += x.text.len();
        if set.contains(x.text.as_str()) {
            inside += x.text.len();
        }
    }
    if total == 0 {
        1.0
    } else {
        inside as f32 / total as f32
    }
}

/// The best candidate of a scored state, its story siblings and split chunks, emitted.
fn select_emit(st: &State, order: &[NodeId], candidates: &[NodeId], title: Option<&str>) -> Vec<Block> {
    let top = candidates
        .iter()
        .copied()
        .max_by(|&a, &b| st.score[a as usize].total_cmp(&st.score[b as usize]));
    let Some(mut top) = top else { return Vec::new() };
    if let Some(t) = headline_article_candidate(st, candidates, top, title) {
        top = t;
    }
    let mut roots = select_with_siblings(st, top);
    add_split_chunks(st, order, top, &mut roots);
    add_same_path_chunks(st, &mut roots);
    if let Some(a) = first_of_listed_articles(st, &roots) {
        roots = vec![a];
    }
    let mut em = Emitter::new(st, title);
    for r in roots {
        em.emit(r);
    }
    em.blocks
}

/// The page's own story when another one wins the scoring: the headline (`h1` agreeing with
/// the page title) sits in an `<article>` that does not hold the best candidate (a longer story
/// appended below, a teaser article in a side column). The best candidate inside the headline's
/// article is taken when it holds story paragraphs of its own.
fn headline_article_candidate(st: &State, candidates: &[NodeId], top: NodeId, title: Option<&str>) -> Option<NodeId> {
    let dom = st.dom;
    let tn = norm_title(title?);
    if tn.chars().count() < 10 {
        return None;
    }
    let root = dom.body()?;
    let h1 = dom.descendants(root).find(|&n| {
        dom.tag(n).is_some_and(|t| &**t == "h1") && {
            let h = norm_title(&dom.raw_text(n));
            h.chars().count() >= 10 && (h == tn || h.contains(&tn) || tn.contains(&h))
        }
    })?;
    let art = enclosing_article(dom, h1);
    if art == NONE || st.dropped(art) || is_ancestor(dom, art, top) || is_ancestor(dom, top, art) {
        return None;
    }
    let best = candidates
        .iter()
        .copied()
        .filter(|&c| is_ancestor(dom, art, c))
        .max_by(|&a, &b| st.score[a as usize].total_cmp(&st.score[b as usize]))?;
    (st.p_len[best as usize] >= 300).then_some(best)
}

/// Extract the body with a comparison step: the first pass (pruned page), and when it holds
/// clearly less story text than the page shows, the same selection without vocabulary pruning
/// (kept only if it contains the first pass: agreement, not a different block winning) and
/// the JSON-LD `articleBody` (`ld_body`) are compared with it.
pub fn extract_body(dom: &Dom, title: Option<&str>, ld_body: Option<&str>) -> Body {
    let root = dom.body().or_else(|| dom.html_element()).unwrap_or(Dom::ROOT);
    let mut st = State::new(dom);
    st.mark(root);
    let order = st.measure(root);
    // Story-like paragraph text of the whole page before vocabulary pruning.
    let page_p = st.p_len[root as usize];
    let visible_chars = st.sub_len[root as usize];
    let pruned = st.drop_boilerplate(&order, root);
    let order = if pruned { st.measure(root) } else { order };
    let candidates = st.score(&order, root);

    let mut blocks = select_emit(&st, &order, &candidates, title);
    let mut source = BodySource::Dom;
    let body_len: usize = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Caption)
        .map(|b| b.text.len())
        .sum();
    if body_len < SHORT_EXTRACTION {
        // Fallback: every paragraph-like block of the pruned page that is long and not a link list.
        let mut em = Emitter::new(&st, title);
        em.min_chars = 60;
        em.emit(root);
        let alt_len: usize = em
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Caption)
            .map(|b| b.text.len())
            .sum();
        if alt_len > body_len * 2 {
            blocks = em.blocks;
            source = BodySource::Paragraphs;
        }
    }
    // Comparison: pruning removed story-like paragraphs the selection does not hold.
    let got = story_chars(&blocks);
    let empty = nonws_chars(&blocks) == 0;
    if pruned && ((got as f32) < 0.7 * page_p as f32 || empty) {
        let mut st2 = State::new(dom);
        st2.mark(root);
        let order2 = st2.measure(root);
        let cands2 = st2.score(&order2, root);
        let mut alt = select_emit(&st2, &order2, &cands2, title);
        drop_repeats_not_in(&mut alt, &blocks);
        let alt_got = story_chars(&alt);
        let better = alt_got as f32 > 1.25 * got as f32 + 200.0 && (got < 200 || contained_share(&blocks, &alt) >= 0.8);
        if better || (empty && nonws_chars(&alt) > 0) {
            blocks = alt;
            source = BodySource::Fallback;
        }
    }
    if let Some(ld) = ld_body {
        let ld_blocks: Vec<Block> = ld
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Block::new(BlockKind::Paragraph, collapse_ws(l)))
            .collect();
        let ld_len = nonws_chars(&ld_blocks);
        let have = nonws_chars(&blocks);
        // A teaser in the markup, the story in the structured data.
        if ld_len >= 200 && ld_len > 3 * have {
            blocks = ld_blocks;
            source = BodySource::JsonLd;
        }
    }
    if blocks.is_empty() {
        // Nothing paragraph-like at all (a page that is one table, a list of short lines): keep
        // the visible text of the pruned page rather than return nothing.
        let mut em = Emitter::new(&st, title);
        em.emit(root);
        blocks = em.blocks;
        source = BodySource::AllText;
    }
    let source = (!blocks.is_empty()).then_some(source);
    Body {
        blocks,
        source,
        visible_chars,
    }
}

/// Remove from `alt` the blocks whose text occurs more than once in it and not in `base`:
/// repeated slides, carousel items and teaser cards, which the pruned first pass had left out.
fn drop_repeats_not_in(alt: &mut Vec<Block>, base: &[Block]) {
    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for b in alt.iter() {
        *seen.entry(b.text.as_str()).or_insert(0) += 1;
    }
    let base: std::collections::HashSet<&str> = base.iter().map(|b| b.text.as_str()).collect();
    let repeated: std::collections::HashSet<String> = seen
        .into_iter()
        .filter(|&(t, n)| n > 1 && !base.contains(t))
        .map(|(t, _)| t.to_string())
        .collect();
    if !repeated.is_empty() {
        alt.retain(|b| !repeated.contains(&b.text));
    }
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// When the best candidate is a list of `<article>` elements (an infinite-scroll page with the
/// next stories appended, a story followed by teaser articles), the story is the first article
/// of substantial length (200+ characters), not the whole list.
fn first_of_listed_articles(st: &State, roots: &[NodeId]) -> Option<NodeId> {
    let mut arts = Vec::new();
    let mut total = 0u32;
    for &root in roots {
        total += st.sub_len[root as usize];
        if st.tag(root) == Some("article") {
            arts.push(root);
            continue;
        }
        let mut id = st.next(root, root, false);
        while id != NONE {
            let is_article = st.tag(id) == Some("article") && !st.dropped(id);
            if is_article {
                arts.push(id);
            }
            // Do not look inside articles (nested embeds) or dropped subtrees.
            id = st.next(id, root, is_article || st.dropped(id));
        }
    }
    let substantial: Vec<NodeId> = arts
        .iter()
        .copied()
        .filter(|&a| st.sub_len[a as usize] >= 200)
        .collect();
    if substantial.len() < 2 {
        return None;
    }
    let inside: u32 = arts.iter().map(|&a| st.sub_len[a as usize]).sum();
    if (inside as f32) < 0.8 * total as f32 {
        return None;
    }
    substantial.first().copied()
}

/// Ancestors above the selection searched for more chunks of the story.
const MAX_CLIMB: usize = 4;

impl State<'_> {
    /// Is this block's own text prose: almost no links, long (80+ characters) or a sentence
    /// (20+ characters ending in sentence punctuation)? Headings are not prose.
    fn own_prose(&self, id: NodeId) -> bool {
        let i = id as usize;
        let (own, link) = (self.own_len[i], self.own_link[i]);
        !matches!(self.tag(id), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            && own > 0
            && link * 10 < own
            && (own >= 80 || (own >= 20 && self.own_end[i]))
    }

    /// The path from `anc` (exclusive) down to `id`: tag and first class name of each element,
    /// hashed. Blocks of one story body share it; furniture and other stories rarely do.
    fn path_signature(&self, id: NodeId, anc: NodeId) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut n = id;
        while n != anc && n != NONE {
            self.tag(n).hash(&mut h);
            self.dom
                .attr(n, "class")
                .and_then(|c| c.split_whitespace().next())
                .hash(&mut h);
            n = self.dom.parent(n);
        }
        h.finish()
    }

    /// Prose blocks under `root` (kept nodes only), in document order.
    fn prose_blocks(&self, root: NodeId, out: &mut Vec<NodeId>) {
        let mut id = root;
        while id != NONE {
            let skip = self.dropped(id);
            if !skip && self.tag(id).is_some_and(|t| role_of(t) == Role::Block) && self.own_prose(id) {
                out.push(id);
            }
            id = self.next(id, root, skip);
        }
    }
}

/// Add the other chunks of a story whose body is split into wrapped pieces (each paragraph in
/// its own wrapper, a body interrupted by embeds, ads or "read more" boxes): within a few
/// ancestors above the selection, the subtrees whose prose blocks sit on the same element path
/// (tags and class names from the ancestor down) as the selection's own prose. A subtree holding
/// a headline (`h1`) or an `<article>` of its own is another story and ends the search.
fn add_same_path_chunks(st: &State, roots: &mut Vec<NodeId>) {
    let dom = st.dom;
    let Some(&first) = roots.first() else { return };
    let mut anc = dom.parent(first);
    if roots.iter().any(|&r| dom.parent(r) != anc) {
        return;
    }
    let mut mine = Vec::new();
    for &r in roots.iter() {
        st.prose_blocks(r, &mut mine);
    }
    if mine.is_empty() {
        return;
    }
    let mut added = false;
    for _ in 0..MAX_CLIMB {
        if anc == NONE || st.dropped(anc) || !matches!(st.tag(anc), Some(t) if !matches!(t, "body" | "html")) {
            break;
        }
        let sigs: std::collections::HashSet<u64> = mine.iter().map(|&b| st.path_signature(b, anc)).collect();
        let mut stop = false;
        let mut chunks = Vec::new();
        for c in dom.children(anc) {
            if roots.contains(&c) || st.dropped(c) || dom.tag(c).is_none() {
                continue;
            }
            if roots.iter().any(|&r| is_ancestor(dom, c, r)) {
                continue; // the branch holding the selection
            }
            let mut blocks = Vec::new();
            st.prose_blocks(c, &mut blocks);
            let matched: u32 = blocks
                .iter()
                .filter(|&&b| sigs.contains(&st.path_signature(b, anc)))
                .map(|&b| st.own_len[b as usize])
                .sum();
            if matched == 0 {
                continue;
            }
            if holds_other_story(st, c) {
                stop = true;
                break;
            }
            let i = c as usize;
            if 2 * matched >= st.sub_len[i] && st.link_density(c) < 0.3 {
                chunks.push((c, blocks));
            }
        }
        if stop {
            break;
        }
        for (c, blocks) in chunks {
            roots.push(c);
            mine.extend(blocks);
            added = true;
        }
        anc = dom.parent(anc);
    }
    if added {
        let order: Vec<NodeId> = dom.descendants(Dom::ROOT).collect();
        let mut pos = vec![u32::MAX; dom.nodes.len()];
        for (k, &id) in order.iter().enumerate() {
            pos[id as usize] = k as u32;
        }
        roots.sort_by_key(|&r| pos[r as usize]);
        let mut kept: Vec<NodeId> = Vec::new();
        for r in roots.drain(..) {
            if !kept.iter().any(|&k| is_ancestor(dom, k, r)) {
                kept.push(r);
            }
        }
        *roots = kept;
    }
}

/// The nearest `<article>` element at or above `id` (`NONE` when there is none).
fn enclosing_article(dom: &Dom, id: NodeId) -> NodeId {
    let mut a = id;
    while a != NONE && dom.tag(a).is_none_or(|t| &**t != "article") {
        a = dom.parent(a);
    }
    a
}

/// Is `a` an ancestor of `n` (or `n` itself)?
fn is_ancestor(dom: &Dom, a: NodeId, n: NodeId) -> bool {
    let mut x = n;
    while x != NONE {
        if x == a {
            return true;
        }
        x = dom.parent(x);
    }
    false
}

/// Does the subtree hold a story of its own: a kept `h1` or `<article>` element?
fn holds_other_story(st: &State, root: NodeId) -> bool {
    let mut id = root;
    while id != NONE {
        let skip = st.dropped(id);
        if !skip && matches!(st.tag(id), Some("h1" | "article")) {
            return true;
        }
        id = st.next(id, root, skip);
    }
    false
}

/// A story body split into several chunks (by ads or asides between them) repeats the body
/// element's tag and class: add the other chunks that hold real text, in document order.
fn add_split_chunks(st: &State, order: &[NodeId], top: NodeId, roots: &mut Vec<NodeId>) {
    let dom = st.dom;
    let Some(class) = dom.attr(top, "class").filter(|c| !c.trim().is_empty()) else {
        return;
    };
    let tag = dom.tag(top);
    let threshold = (st.score[top as usize] * 0.2).max(10.0);
    // A chunk in another `<article>` is the body of another story on the same template.
    let article = enclosing_article(dom, top);
    let mut extra = Vec::new();
    for &id in order {
        if id == top || roots.contains(&id) || dom.tag(id) != tag || dom.attr(id, "class") != Some(class) {
            continue;
        }
        if enclosing_article(dom, id) != article {
            continue;
        }
        let i = id as usize;
        if st.scored[i] && st.score[i] >= threshold && st.link_density(id) < 0.3 {
            extra.push(id);
        }
    }
    if extra.is_empty() {
        return;
    }
    let mut pos = vec![u32::MAX; dom.nodes.len()];
    for (k, &id) in order.iter().enumerate() {
        pos[id as usize] = k as u32;
    }
    roots.extend(extra);
    roots.sort_by_key(|&r| pos[r as usize]);
    // Drop roots nested in an earlier root.
    let mut kept: Vec<NodeId> = Vec::new();
    for r in roots.drain(..) {
        let mut a = dom.parent(r);
        let mut nested = false;
        while a != NONE {
            if kept.contains(&a) {
                nested = true;
                break;
            }
            a = dom.parent(a);
        }
        if !nested {
            kept.push(r);
        }
    }
    *roots = kept;
}

/// The top candidate and those of its siblings that belong to the same story.
fn select_with_siblings(st: &State, top: NodeId) -> Vec<NodeId> {
    let dom = st.dom;
    let parent = dom.parent(top);
    if parent == NONE {
        return vec![top];
    }
    let top_score = st.score[top as usize];
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut out = Vec::new();
    for s in dom.children(parent) {
        if s == top {
            out.push(s);
            continue;
        }
        if st.dropped(s) || dom.tag(s).is_none() {
            continue;
        }
        let i = s as usize;
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        if st.scored[i] && st.score[i] + bonus >= threshold {
            out.push(s);
            continue;
        }
        if st.tag(s) == Some("p") {
            let len = st.sub_len[i];
            let ld = st.link_density(s);
            if (len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld == 0.0 && ends_sentence(&dom.raw_text(s))) {
                out.push(s);
            }
        }
    }
    out
}

fn ends_sentence_char(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '”' | '»' | '…' | '。' | '！' | '？' | '’' | ')'
    )
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', '!', '?', '"', '”', '»', '…'])
}

/// Walks the chosen subtrees and produces blocks.
struct Emitter<'s, 'a> {
    st: &'s State<'a>,
    title_norm: Option<String>,
    blocks: Vec<Block>,
    buf: String,
    buf_link_chars: usize,
    buf_chars: usize,
    pending_space: bool,
    link_depth: u32,
    kinds: Vec<(NodeId, BlockKind)>,
    min_chars: usize,
}

fn norm_title(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

impl<'s, 'a> Emitter<'s, 'a> {
    fn new(st: &'s State<'a>, title: Option<&str>) -> Self {
        Emitter {
            st,
            title_norm: title.map(norm_title).filter(|t| !t.is_empty()),
            blocks: Vec::new(),
            buf: String::new(),
            buf_link_chars: 0,
            buf_chars: 0,
            pending_space: false,
            link_depth: 0,
            kinds: Vec::new(),
            min_chars: 0,
        }
    }

    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
                self.pending_space = false;
                self.buf.push(c);
                self.buf_chars += 1;
                if self.link_depth > 0 {
                    self.buf_link_chars += 1;
                }
            }
        }
    }

    fn current_kind(&self) -> BlockKind {
        self.kinds.last().map_or(BlockKind::Paragraph, |k| k.1)
    }

    fn flush(&mut self) {
        let kind = self.current_kind();
        let text = std::mem::take(&mut self.buf);
        let (chars, link) = (self.buf_chars, self.buf_link_chars);
        self.buf_chars = 0;
        self.buf_link_chars = 0;
        self.pending_space = false;
        if chars == 0 || chars < self.min_chars {
            return;
        }
        let ld = link as f32 / chars as f32;
        if ld > 0.5 && !(ld < 0.8 && chars > 200) {
            return;
        }
        if kind == BlockKind::Heading || self.blocks.is_empty() {
            if let Some(tn) = &self.title_norm {
                let n = norm_title(&text);
                if !n.is_empty() && (n == *tn || (n.len() > 20 && tn.contains(&n))) {
                    return;
                }
            }
        }
        self.blocks.push(Block::new(kind, text));
    }

    fn emit(&mut self, root: NodeId) {
        let st = self.st;
        let dom = st.dom;
        // Iterative walk with enter/exit events.
        let mut id = root;
        let mut descend = self.enter(id);
        loop {
            if descend {
                let c = dom.node(id).map_or(NONE, |n| n.first_child);
                if c != NONE {
                    id = c;
                    descend = self.enter(id);
                    continue;
                }
            }
            loop {
                self.exit(id);
                if id == root {
                    self.flush();
                    return;
                }
                let nx = dom.node(id).map_or(NONE, |n| n.next);
                if nx != NONE {
                    id = nx;
                    descend = self.enter(id);
                    break;
                }
                id = dom.parent(id);
                if id == NONE {
                    self.flush();
                    return;
                }
            }
        }
    }

    /// Returns whether to descend into `id`.
    fn enter(&mut self, id: NodeId) -> bool {
        let st = self.st;
        if st.dropped(id) {
            return false;
        }
        if let Some(t) = st.dom.text(id) {
            self.push_text(t);
            return false;
        }
        let Some(tag) = st.tag(id) else { return false };
        match role_of(tag) {
            Role::Block => {
                self.flush();
                let kind = match block_kind(tag) {
                    // A paragraph inside a list item or quote keeps the outer kind.
                    BlockKind::Paragraph => match self.current_kind() {
                        k @ (BlockKind::ListItem | BlockKind::Quote | BlockKind::Caption)
                            if tag == "p" || tag == "div" =>
                        {
                            k
                        }
                        _ => BlockKind::Paragraph,
                    },
                    k => k,
                };
                self.kinds.push((id, kind));
            }
            Role::Break => self.flush(),
            Role::Inline => {
                if tag == "a" {
                    self.link_depth += 1;
                }
            }
            Role::Drop => return false,
        }
        true
    }

    fn exit(&mut self, id: NodeId) {
        let st = self.st;
        if st.dropped(id) {
            return;
        }
        let Some(tag) = st.tag(id) else { return };
        match role_of(tag) {
            Role::Block => {
                self.flush();
                if self.kinds.last().is_some_and(|k| k.0 == id) {
                    self.kinds.pop();
                }
            }
            Role::Inline if tag == "a" => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::parse::parse;

    fn body(html: &str) -> Vec<String> {
        extract_blocks(&parse(html), None).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn keeps_article_paragraphs_and_drops_furniture() {
        let p = "This is a long paragraph of the story, with commas, clauses and enough words to count as text.";
        let html = format!(
            "<html><body><nav><a href=/>Home</a><a href=/w>World</a></nav>\
             <div class=main><article><h1>Headline</h1><p>{p}</p><p>{p} Two.</p>\
             <div class=share-tools><a>Share on Facebook</a></div><p>{p} Three.</p></article>\
             <div class=related-stories><p>{p} Related.</p></div></div>\
             <footer><p>Copyright 2024 Example Media, all rights reserved, and more text here.</p></footer></body></html>"
        );
        let b = body(&html);
        assert!(b.iter().any(|t| t.ends_with("Three.")), "{b:?}");
        assert!(
            !b.iter()
                .any(|t| t.contains("Related") || t.contains("Share") || t.contains("Copyright")),
            "{b:?}"
        );
    }

    const P: &str = "A sentence of the story that is long enough, with a comma, to count as real body text.";

    #[test]
    fn split_body_chunks_are_joined_in_order() {
        let html = format!(
            "<body><div class=story><div class='grid'><div class='body article__body'><p>One. {P}</p><p>Two. {P}</p></div><aside>Most popular</aside></div>\
             <div class='ad ad--mid'>Advertisement</div>\
             <div class='grid'><div class='body article__body'><p>Three. {P}</p><p>Four. {P}</p></div></div></div></body>"
        );
        let b = body(&html);
        let starts: Vec<&str> = b.iter().map(|t| &t[..4]).collect();
        assert_eq!(starts, ["One.", "Two.", "Thre", "Four"], "{b:?}");
    }

    #[test]
    fn paywalled_paragraphs_inside_the_body_are_kept() {
        let html = format!(
            "<body><div itemprop=articleBody><p>Open. {P}</p><div class=paywall><p>Gated one. {P}</p><p>Gated two. {P}</p><p>Gated three. {P}</p><p>Gated four. {P}</p></div></div>\
             <div class=paywall-prompt><p>Subscribe to keep reading.</p></div></body>"
        );
        let b = body(&html);
        assert!(b.iter().any(|t| t.starts_with("Gated four")), "{b:?}");
        assert!(!b.iter().any(|t| t.contains("Subscribe")), "{b:?}");
    }

    #[test]
    fn kinds_headings_lists_quotes_captions_and_link_lists() {
        let html = format!(
            "<body><article><h1>The headline</h1><p>Intro. {P}</p><figure><img src=x><figcaption>A harbour at dawn.</figcaption></figure>\
             <h2>What happened next</h2><p>More. {P}</p><ul><li>First point of the list</li><li>Second point</li></ul>\
             <blockquote><p>We will rebuild, said the mayor.</p></blockquote><p>End. {P}</p>\
             <ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul></article></body>"
        );
        let blocks = extract_blocks(&parse(&html), Some("The headline"));
        let kinds: Vec<(BlockKind, &str)> = blocks
            .iter()
            .map(|b| (b.kind, &b.text[..b.text.len().min(10)]))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Paragraph, "Intro. A s"),
                (BlockKind::Caption, "A harbour "),
                (BlockKind::Heading, "What happe"),
                (BlockKind::Paragraph, "More. A se"),
                (BlockKind::ListItem, "First poin"),
                (BlockKind::ListItem, "Second poi"),
                (BlockKind::Quote, "We will re"),
                (BlockKind::Paragraph, "End. A sen"),
            ]
        );
    }

    fn story_texts(html: &str) -> Vec<String> {
        extract_blocks(&parse(html), None)
            .into_iter()
            .filter(|b| b.kind != BlockKind::Caption)
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn wordpress_template() {
        let html = format!(
            r#"<body class="post-template-default single single-post"><div id="page" class="site">
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">Garden Notes</a></p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-42" class="post-42 post type-post status-publish hentry category-roses">
<header class="entry-header"><h1 class="entry-title">Pruning roses in winter</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published">January 5, 2024</time></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/ana">Ana</a></span></span></div></header>
<div class="entry-content"><p>First. {P}</p><p>Second. {P}</p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="?share=twitter">Twitter</a></li><li><a href="?share=facebook">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><p>Planting tulips in autumn, a guide for the patient gardener with some time on their hands.</p></div>
</div><footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/roses">Roses</a></span></footer></article>
<div id="comments" class="comments-area"><h2 class="comments-title">3 thoughts on Pruning roses in winter</h2><ol class="comment-list"><li class="comment"><div class="comment-content"><p>Thanks, this was really helpful for my garden, I will prune mine this weekend as you suggest.</p></div></li></ol></div>
</main></div><aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/p/1">Post one</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer></div></body>"#
        );
        let b = story_texts(&html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].starts_with("First.") && b[1].starts_with("Second."));
    }

    #[test]
    fn news_site_with_inline_boxes_and_teasers() {
        let html = r#"<body><div class="page"><div class="top-ad"><div id="div-gpt-ad-top" class="gpt-ad"></div></div>
<main><div class="article-header"><span class="kicker">Economia</span><h1>Juros ficam estáveis</h1><p class="standfirst">O comitê manteve a taxa pela terceira vez seguida.</p></div>
<div class="article-content"><p>Primeiro. O Comitê de Política Monetária decidiu, por unanimidade, manter a taxa básica de juros em 10,75% ao ano.</p>
<div class="leia-tambem"><strong>Leia também</strong><ul><li><a href="/a">Dólar fecha em alta com cautela fiscal no radar dos investidores</a></li></ul></div>
<p>Segundo. Segundo o comunicado, o cenário externo segue desafiador, e a inflação de serviços continua acima da meta.</p>
<figure class="image"><img src="x.jpg"><figcaption>Sede do Banco Central, em Brasília. Foto: Agência Brasil</figcaption></figure>
<div class="newsletter-box"><p>Receba as principais notícias do dia no seu e-mail, assine gratuitamente a nossa newsletter.</p></div>
<p>Terceiro. Analistas esperam que os juros permaneçam nesse patamar até o fim do ano, de acordo com o boletim Focus.</p></div>
<section class="mais-lidas"><h2>Mais lidas</h2><ol><li><a href="/1">Notícia mais lida do dia com um título bem comprido para parecer real</a></li><li><a href="/2">Outra notícia</a></li></ol></section>
<div class="taboola-feed"><div class="item"><a href="/x">Você não vai acreditar no que este ator fez depois de ficar famoso</a></div></div></main></div></body>"#;
        let b = story_texts(html);
        let starts: Vec<&str> = b.iter().map(|t| t.split('.').next().unwrap_or("")).collect();
        assert!(starts.ends_with(&["Primeiro", "Segundo", "Terceiro"]), "{b:?}");
        assert!(
            !b.iter().any(|t| t.contains("Dólar")
                || t.contains("newsletter")
                || t.contains("acreditar")
                || t.contains("mais lida")),
            "{b:?}"
        );
    }

    #[test]
    fn drupal_field_template_and_div_text() {
        let html = format!(
            r#"<body><div id="page-wrapper"><div id="block-system-main" class="block"><div class="node node-article view-mode-full">
<div class="field field-name-field-image"><div class="field-items"><div class="field-item even"><img src="/x.jpg"></div></div></div>
<div class="field field-name-body field-type-text-with-summary"><div class="field-items"><div class="field-item even" property="content:encoded">
Erstens. {P}<br><br>Zweitens. {P}<br><br>Drittens. {P}</div></div></div>
<div class="field field-name-field-tags"><div class="field-label">Schlagworte:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/t/1">Wirtschaft</a></div><div class="field-item odd"><a href="/t/2">Export</a></div></div></div>
<ul class="links inline"><li class="comment-add first last"><a href="/comment/reply/5">Kommentar hinzufügen</a></li></ul></div></div>
<div class="region region-sidebar-second"><div class="block block-views"><h2>Meistgelesen</h2><div class="view-content"><div class="views-row"><a href="/n/1">Ein anderer Artikel</a></div></div></div></div></div></body>"#
        );
        let b = story_texts(&html);
        let starts: Vec<&str> = b.iter().map(|t| t.split('.').next().unwrap_or("")).collect();
        assert_eq!(starts, ["Erstens", "Zweitens", "Drittens"], "{b:?}");
    }

    #[test]
    fn appended_next_stories_are_not_part_of_the_story() {
        // Infinite scroll: the next stories are appended as sibling <article>s in one feed.
        let html = format!(
            "<body><div class=feed><article><h1>Main</h1><p>Main one. {P} {P}</p><p>Main two. {P} {P}</p><p>Main three. {P} {P}</p></article>\
             <article><h2>Next story</h2><p>Next one. {P} {P}</p><p>Next two. {P} {P}</p><p>Next three. {P} {P}</p></article>\
             <article><h2>Third story</h2><p>Third one. {P} {P}</p><p>Third two. {P} {P}</p><p>Third three. {P} {P}</p></article></div></body>"
        );
        let b = story_texts(&html);
        assert_eq!(b.len(), 4, "{b:?}");
        assert!(b.iter().all(|t| t.starts_with("Main")), "{b:?}");
    }

    #[test]
    fn a_story_in_wrapped_chunks_is_gathered_along_the_shared_path() {
        // Each paragraph in its own wrapper, the body interrupted by a list of links and an
        // embed; the last chunk is the longest and wins the scoring alone.
        let chunk = |t: &str| format!("<div><div class='rt w-8'><p>{t} {P}</p></div></div>");
        let html = format!(
            "<body><main><article><div class=wrap><div>{}{}\
             <section><ul><li><a href=/a>Another story with a long enough headline to count</a></li><li><a href=/b>And one more headline in the list of links</a></li></ul></section>\
             {}<div class=player><span>00:00 / 02:31</span></div>\
             <div><div class='rt rt-last'><p>Four. {P} {P} {P}</p><h3>Subhead</h3><p>Five. {P} {P} {P}</p></div></div></div>\
             <div class=box><p>A box about the newsroom, written as a sentence with several words in it.</p></div></div></article>\
             <div class=next><h1>The next story</h1><div><div class='rt w-8'><p>Next. {P}</p></div></div></div></main></body>",
            chunk("One."),
            chunk("Two."),
            chunk("Three.")
        );
        let b = story_texts(&html);
        let starts: Vec<&str> = b.iter().map(|t| t.split('.').next().unwrap_or("")).collect();
        assert_eq!(starts, ["One", "Two", "Three", "Four", "Subhead", "Five"], "{b:?}");
    }

    #[test]
    fn subheadings_with_furniture_names_stay_when_prose_follows() {
        let html = format!(
            "<body><article><p>One. {P}</p><h2 id=toc_1>Where it started</h2><p>Two. {P}</p>\
             <div class=page-break><h2 class=widget-title>The second fire</h2><p>Three. {P}</p></div>\
             <h3 class=share-title>Share this story</h3><ul><li><a href=/f>Facebook</a></li><li><a href=/t>Twitter</a></li></ul>\
             <h3 class=related-title>More stories</h3><div class=related><p>Teaser. {P}</p></div></article></body>"
        );
        let b = story_texts(&html);
        assert_eq!(
            b.iter().map(|t| t.split('.').next().unwrap_or("")).collect::<Vec<_>>(),
            ["One", "Where it started", "Two", "The second fire", "Three"],
            "{b:?}"
        );
    }

    #[test]
    fn the_next_story_on_the_same_template_is_left_out() {
        // Two stories in one feed, their bodies with the same class: only the first one.
        let story = |h: &str, w: &str| {
            format!("<article><h1>{h}</h1><div class='bodytext large-12'><p>{w} one. {P} {P}</p><p>{w} two. {P} {P}</p><p>{w} three. {P} {P}</p></div></article>")
        };
        let html = format!(
            "<body><main>{}<div class=under>{}</div></main></body>",
            story("Fears will grow", "First"),
            story("No doubt about it", "Second")
        );
        let b = extract_blocks(&parse(&html), Some("Fears will grow"));
        assert!(b.iter().all(|x| x.text.starts_with("First")), "{b:?}");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn the_story_under_the_pages_headline_beats_a_longer_one() {
        // A longer story appended below in an article of its own: the page's headline says which
        // one the page is about.
        let html = format!(
            "<body><main><article><h1>Fears will grow</h1><section><p>Own one. {P} {P}</p><p>Own two. {P} {P}</p><p>Own three. {P} {P}</p></section></article>\
             <div class=more><article><h2>No doubt about it</h2><div><p>Other one. {P} {P} {P}</p><p>Other two. {P} {P} {P}</p><p>Other three. {P} {P} {P}</p><p>Other four. {P} {P} {P}</p></div></article></div></main></body>"
        );
        let b = extract_blocks(&parse(&html), Some("Fears will grow"));
        assert!(b.iter().all(|x| x.text.starts_with("Own")), "{b:?}");
        assert_eq!(b.len(), 3);
        // Without a title to anchor it the longer story wins, as before.
        let b = extract_blocks(&parse(&html), None);
        assert!(b.iter().any(|x| x.text.starts_with("Other")), "{b:?}");
    }

    #[test]
    fn embedded_posts_are_kept_as_quotes() {
        let html = format!(
            "<body><article><p>One. {P}</p><div class='social-embed'><blockquote class='twitter-tweet'><p>We will reopen the bridge on Monday, the governor wrote.</p>\
             &mdash; Governor (@governor) <a href='https://twitter.com/x/status/1'>May 1, 2024</a></blockquote></div><p>Two. {P}</p>\
             <div class='social-share'><a href='#'>Share on Twitter</a></div></article></body>"
        );
        let blocks = extract_blocks(&parse(&html), None);
        assert!(
            blocks
                .iter()
                .any(|b| b.kind == BlockKind::Quote && b.text.starts_with("We will reopen")),
            "{blocks:?}"
        );
        assert!(!blocks.iter().any(|b| b.text.contains("Share on")), "{blocks:?}");
    }

    fn body_of(html: &str, ld: Option<&str>) -> Body {
        extract_body(&parse(html), None, ld)
    }

    #[test]
    fn a_plain_story_comes_from_the_dom() {
        let b = body_of(
            &format!("<body><article><p>One. {P}</p><p>Two. {P}</p></article></body>"),
            None,
        );
        assert_eq!(b.source, Some(BodySource::Dom));
        assert_eq!(b.blocks.len(), 2);
    }

    #[test]
    fn story_in_furniture_named_containers_is_recovered_by_the_comparison_step() {
        // Each paragraph sits in its own "widget" (a furniture class name): pruning takes the
        // whole story, the unpruned selection brings it back.
        let w = |t: &str| {
            format!("<div class='article-widget article-widget-text'><div class=text><p>{t} {P} {P}</p></div></div>")
        };
        let html = format!(
            "<body><div class=teaser><p>Short teaser line for the front page box.</p></div><div class=article-widgets>{}{}{}{}</div>             <div class=related><a href=/a>Other story</a></div></body>",
            w("One."),
            w("Two."),
            w("Three."),
            w("Four.")
        );
        let b = body_of(&html, None);
        assert_eq!(b.source, Some(BodySource::Fallback), "{:?}", b.blocks);
        let starts: Vec<&str> = b
            .blocks
            .iter()
            .map(|x| x.text.split('.').next().unwrap_or(""))
            .collect();
        assert_eq!(starts, ["One", "Two", "Three", "Four"]);
    }

    #[test]
    fn paywalled_story_parts_join_the_first_pass() {
        let html = format!(
            "<body><article class=c-article-body><div class=text-container><p>Open one. {P} {P}</p><p>Open two. {P}</p></div>             <div class='banner'></div><div class=paywalled><div class=text-container><p>Gated one. {P} {P}</p><p>Gated two. {P} {P}</p>             <p>Gated three. {P} {P}</p><p>Gated four. {P} {P}</p></div></div></article></body>"
        );
        let b = body_of(&html, None);
        assert!(
            b.blocks.iter().any(|x| x.text.starts_with("Open one")),
            "{:?}",
            b.blocks
        );
        assert!(
            b.blocks.iter().any(|x| x.text.starts_with("Gated four")),
            "{:?}",
            b.blocks
        );
    }

    #[test]
    fn repeated_slides_do_not_come_back_with_the_fallback() {
        let slide = "<div class=slide><p>2018 Festival programme, the season of the theatre and its touring company in the city.</p></div>";
        let w = |t: &str| format!("<div class=widget><p>{t} {P} {P}</p></div>");
        let html = format!(
            "<body><div class=main>{}{}{}{}<div class='widget carousel'>{slide}{slide}{slide}{slide}</div></div></body>",
            w("One."),
            w("Two."),
            w("Three."),
            w("Four.")
        );
        let b = body_of(&html, None);
        assert!(b.blocks.iter().any(|x| x.text.starts_with("Four.")), "{:?}", b.blocks);
        assert!(!b.blocks.iter().any(|x| x.text.contains("Festival")), "{:?}", b.blocks);
    }

    #[test]
    fn json_ld_article_body_replaces_a_teaser() {
        let html =
            "<body><article><p>A short teaser of the story, then a subscription wall for readers.</p></article></body>";
        let ld = format!("First. {P} {P}\n\nSecond. {P} {P}\n\nThird. {P} {P}\n\nFourth. {P}");
        let b = body_of(html, Some(&ld));
        assert_eq!(b.source, Some(BodySource::JsonLd));
        assert_eq!(b.blocks.len(), 4);
        assert!(b.blocks[3].text.starts_with("Fourth."));
        // A full story in the markup is kept even when the structured data holds more.
        let full = format!("<body><article><p>One. {P} {P}</p><p>Two. {P} {P}</p><p>Three. {P}</p></article></body>");
        assert_eq!(body_of(&full, Some(&ld)).source, Some(BodySource::Dom));
    }

    #[test]
    fn a_page_without_text_has_no_body_source() {
        let b = body_of("<body><script>var x = 1;</script><img src=a.png></body>", None);
        assert!(b.blocks.is_empty());
        assert_eq!(b.source, None);
        assert_eq!(b.visible_chars, 0);
    }

    #[test]
    fn short_first_pass_falls_back_to_the_page_paragraphs() {
        // No container stands out: paragraphs scattered over the cells of an old layout, each
        // on its own element path.
        let html = format!("<body><table><tr><td class=a><p>{P} One.</p></td></tr><tr><td class=b><font><p>{P} Two.</p></font></td></tr><tr><td class=c><center><p>{P} Three.</p></center></td></tr></table></body>");
        let b = body_of(&html, None);
        assert_eq!(b.blocks.len(), 3, "{:?}", b.blocks);
        assert_eq!(b.source, Some(BodySource::Paragraphs));
    }
}
