//! Parse: HTML text in, a compact arena DOM out.
//!
//! The tokenizer and tree builder are html5ever's (spec-compliant: implied tags, misnested
//! formatting, foster parenting all behave as in a browser). The tree is our own flat arena
//! (`Vec<Node>` indexed by `NodeId`), which is cheaper to build than a general DOM and lets every
//! later pass walk it with explicit stacks: no recursion anywhere, so 100,000 nested elements
//! cannot overflow the stack. Nodes removed by the tree builder stay in the arena but are
//! unlinked; traversals only follow links from the document root.

use aho_corasick::AhoCorasick;
use html5ever::interface::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{local_name, ns, parse_document, Attribute, LocalName, Namespace, QualName};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

pub type NodeId = u32;
pub const NONE: NodeId = u32::MAX;

/// What a node holds.
#[derive(Debug)]
pub enum NodeData {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
    },
    Text(StrTendril),
    /// Comments, doctypes, processing instructions: kept as placeholders, never read.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }
}

/// A parsed document. Node 0 is the document root.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    pub const ROOT: NodeId = 0;

    #[inline]
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Local name of an HTML element (`None` for text, other nodes, and non-HTML namespaces such
    /// as SVG or MathML, which extraction treats as opaque).
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<&LocalName> {
        match self.node(id).map(|n| &n.data) {
            Some(NodeData::Element { name, .. }) if name.ns == ns!(html) => Some(&name.local),
            _ => None,
        }
    }

    /// Local name of any element, whatever its namespace.
    #[inline]
    pub fn any_tag(&self, id: NodeId) -> Option<&LocalName> {
        match self.node(id).map(|n| &n.data) {
            Some(NodeData::Element { name, .. }) => Some(&name.local),
            _ => None,
        }
    }

    #[inline]
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match self.node(id).map(|n| &n.data) {
            Some(NodeData::Element { attrs, .. }) => attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value),
            _ => None,
        }
    }

    #[inline]
    pub fn attrs(&self, id: NodeId) -> &[Attribute] {
        match self.node(id).map(|n| &n.data) {
            Some(NodeData::Element { attrs, .. }) => attrs,
            _ => &[],
        }
    }

    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match self.node(id).map(|n| &n.data) {
            Some(NodeData::Text(t)) => Some(&**t),
            _ => None,
        }
    }

    #[inline]
    pub fn parent(&self, id: NodeId) -> NodeId {
        self.node(id).map_or(NONE, |n| n.parent)
    }

    /// Children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).map_or(NONE, |n| n.first_child),
        }
    }

    /// Every node under `id` (excluding `id`), in document order, iteratively.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: self.node(id).map_or(NONE, |n| n.first_child),
        }
    }

    /// Next node in document order after `id`'s whole subtree, staying under `root`.
    pub fn next_skipping_children(&self, id: NodeId, root: NodeId) -> NodeId {
        let mut cur = id;
        loop {
            if cur == root || cur == NONE {
                return NONE;
            }
            let Some(n) = self.node(cur) else { return NONE };
            if n.next != NONE {
                return n.next;
            }
            cur = n.parent;
        }
    }

    /// First element under `id` (document order) with this HTML tag name.
    pub fn find_tag(&self, id: NodeId, tag: &str) -> Option<NodeId> {
        self.descendants(id).find(|&n| self.tag(n).is_some_and(|t| &**t == tag))
    }

    /// The `<html>` element, `<head>` and `<body>` (any may be missing on odd inputs).
    pub fn html_element(&self) -> Option<NodeId> {
        self.children(Self::ROOT)
            .find(|&n| self.tag(n) == Some(&local_name!("html")))
    }
    #[allow(dead_code)]
    pub fn head(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.children(html).find(|&n| self.tag(n) == Some(&local_name!("head")))
    }
    pub fn body(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.children(html).find(|&n| self.tag(n) == Some(&local_name!("body")))
    }

    /// Text under `id` as a reader sees it: a space where a line break or a block element
    /// separates two pieces ("JILL LAWLESS<br>Associated Press" does not run together).
    pub fn spaced_text(&self, id: NodeId) -> String {
        let mut s = String::new();
        if let Some(t) = self.text(id) {
            s.push_str(t);
        }
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                s.push_str(t);
            } else if let Some(tag) = self.tag(n) {
                let inline = matches!(
                    &**tag,
                    "a" | "span"
                        | "b"
                        | "i"
                        | "em"
                        | "strong"
                        | "small"
                        | "abbr"
                        | "sup"
                        | "sub"
                        | "font"
                        | "time"
                        | "u"
                        | "mark"
                        | "cite"
                        | "q"
                        | "bdi"
                        | "bdo"
                );
                if !inline {
                    s.push(' ');
                }
            }
        }
        s
    }

    /// All text under `id`, concatenated raw (no whitespace handling).
    pub fn raw_text(&self, id: NodeId) -> String {
        let mut s = String::new();
        if let Some(t) = self.text(id) {
            s.push_str(t);
        }
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                s.push_str(t);
            }
        }
        s
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        self.next = self.dom.node(cur).map_or(NONE, |n| n.next);
        Some(cur)
    }
}

pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let cur = self.next;
        let n = self.dom.node(cur)?;
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            self.dom.next_skipping_children(cur, self.root)
        };
        Some(cur)
    }
}

/// Parse an HTML document (already decoded to text).
pub fn parse(html: &str) -> Dom {
    parse_lean(html, true)
}

fn parse_lean(html: &str, drop_attributes: bool) -> Dom {
    let lean = strip_raw_text(html);
    let lean = match drop_attributes.then(|| drop_unread_attributes(&lean)) {
        Some(Cow::Owned(o)) => Cow::Owned(o),
        _ => lean,
    };
    let lean = match limit_depth(&lean) {
        Cow::Borrowed(_) => lean,
        Cow::Owned(o) => Cow::Owned(o),
    };
    let mut nodes = Vec::with_capacity(lean.len() / 64 + 16);
    nodes.push(Node::new(NodeData::Document));
    let sink = Sink {
        nodes: RefCell::new(nodes),
    };
    let parser = parse_document(sink, Default::default());
    parser.one(StrTendril::from_slice(&lean))
}

/// Deepest element nesting we let the tree builder see. html5ever's scope checks walk the
/// stack of open elements, so each start tag costs O(depth): unbounded nesting (100,000 `<div>`s)
/// would be quadratic. No real page nests this deep.
const MAX_DEPTH: usize = 1_000;

/// Is `name` one of `names`, in any ASCII case (tag and attribute names)?
fn one_of(names: &[&[u8]], name: &[u8]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn is_void(name: &[u8]) -> bool {
    const VOID: [&[u8]; 18] = [
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"param",
        b"keygen",
        b"frame",
        b"basefont",
        b"bgsound",
    ];
    one_of(&VOID, name)
}

/// Elements whose end tag is usually implied: not counted, or unclosed lists would look deep.
fn is_implied_end(name: &[u8]) -> bool {
    const IMPLIED: [&[u8]; 13] = [
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
    ];
    one_of(&IMPLIED, name)
}

/// Drop start and end tags nested deeper than [`MAX_DEPTH`] (their text stays). One linear scan
/// over the tags; returns the input untouched when nothing is that deep.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        let mut i = lt + 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let name_start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == name_start || !b[name_start].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let name = &b[name_start..i];
        let Some(gt) = memchr::memchr(b'>', &b[i..]) else {
            break;
        };
        let end = i + gt + 1;
        at = end;
        if is_void(name) || is_implied_end(name) || (!closing && b[end - 2] == b'/') {
            continue;
        }
        let drop = if closing {
            if excess > 0 {
                excess -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= MAX_DEPTH {
            excess += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Attributes some later pass reads (metadata, extraction, language), and those the tree builder
/// itself looks at (`type` of a hidden input in a table; `color`, `face`, `size` of a `<font>`
/// and `encoding` of an `<annotation-xml>` in SVG or MathML).
fn is_read_attribute(name: &[u8]) -> bool {
    const READ: [&[u8]; 26] = [
        b"class",
        b"id",
        b"itemprop",
        b"role",
        b"hidden",
        b"aria-hidden",
        b"style",
        b"lang",
        b"xml:lang",
        b"property",
        b"name",
        b"http-equiv",
        b"content",
        b"charset",
        b"rel",
        b"href",
        b"type",
        b"datetime",
        b"pubdate",
        b"value",
        b"itemtype",
        b"itemscope",
        b"color",
        b"face",
        b"size",
        b"encoding",
    ];
    one_of(&READ, name)
}

/// Elements whose content the tokenizer reads as text, not markup (RCDATA, RAWTEXT, script data
/// and plaintext): no attribute is dropped inside them.
fn is_text_element(name: &[u8]) -> bool {
    const TEXT: [&[u8]; 10] = [
        b"title",
        b"textarea",
        b"style",
        b"xmp",
        b"iframe",
        b"noembed",
        b"noframes",
        b"noscript",
        b"script",
        b"plaintext",
    ];
    one_of(&TEXT, name)
}

/// Remove the attributes nothing reads (`data-*`, `src`, `srcset`, event handlers, …) before the
/// tokenizer sees them: they are about a third of a lean page's bytes, and html5ever builds every
/// attribute name character by character. Tags are read as the tokenizer reads them (quoted
/// values may hold `>`; unquoted values end at whitespace or `>`), text elements (`<title>`,
/// `<textarea>`, JSON-LD scripts, …) are passed through untouched, and an attribute is dropped
/// with its value only, so the tree is the one the full page gives, minus those attributes.
/// Returns the input untouched when nothing is dropped.
pub fn drop_unread_attributes(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let n = b.len();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        let mut i = lt + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'!' || c == b'?' || (c == b'/' && !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)) {
            // comment, doctype, bogus comment: to its end
            if b[i..].starts_with(b"!--") {
                match memchr::memmem::find(&b[i + 3..], b"-->") {
                    Some(e) => at = i + 3 + e + 3,
                    None => break,
                }
            } else {
                match memchr::memchr(b'>', &b[i..]) {
                    Some(e) => at = i + e + 1,
                    None => break,
                }
            }
            continue;
        }
        let closing = c == b'/';
        if closing {
            i += 1;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            at = lt + 1;
            continue;
        }
        let name_start = i;
        while i < n && !ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = &b[name_start..i];
        // attributes, as the tokenizer's before/after attribute name and value states read them
        let mut end = None;
        while i < n {
            while i < n && (ws(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= n {
                break;
            }
            if b[i] == b'>' {
                end = Some(i + 1);
                break;
            }
            let attr_start = i;
            i += 1; // the first character is always part of the name, even '='
            while i < n && !ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let attr_name = &b[attr_start..i];
            let mut j = i;
            while j < n && ws(b[j]) {
                j += 1;
            }
            if j < n && b[j] == b'=' {
                j += 1;
                while j < n && ws(b[j]) {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &b[j + 1..]) {
                        Some(e) => i = j + 1 + e + 1,
                        None => break, // an unclosed quote runs to the end: the tag is never emitted
                    },
                    Some(b'>') => i = j,
                    Some(_) => {
                        i = j;
                        while i < n && !ws(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                    }
                    None => i = n,
                }
            }
            if !closing && !is_read_attribute(attr_name) {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                o.push_str(&html[copied..attr_start]);
                copied = i;
            }
        }
        let Some(end) = end else { break };
        at = end;
        if !closing && is_text_element(name) {
            if name.eq_ignore_ascii_case(b"plaintext") {
                break;
            }
            // to the element's end tag: `</name` followed by whitespace, '/' or '>'
            let mut k = end;
            let mut closed = None;
            while let Some(off) = memchr::memmem::find(&b[k..], b"</") {
                let s = k + off + 2;
                let e = s + name.len();
                if e <= n
                    && b[s..e].eq_ignore_ascii_case(name)
                    && b.get(e).is_none_or(|&c| ws(c) || c == b'/' || c == b'>')
                {
                    closed = Some(s - 2);
                    break;
                }
                k = s;
            }
            match closed {
                Some(c) => at = c,
                None => break,
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

static RAW_TEXT_OPENERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "<script",
            "<style",
            "<!--",
            "<svg",
            "<noscript",
            "<nav",
            "<footer",
            "<aside",
            "<select",
        ])
        .expect("patterns")
});

/// Closing tags of the elements skipped whole (same order as the openers from index 3 on).
const SKIPPED_WHOLE: [&str; 6] = ["svg", "noscript", "nav", "footer", "aside", "select"];

/// End of the element opened at `open_end` (just after its start tag), counting nested
/// elements of the same name: the index just before its end tag, or `None` when it never closes.
fn element_end(html: &str, open_end: usize, name: &str) -> Option<(usize, usize)> {
    let b = html.as_bytes();
    let mut depth = 1usize;
    let mut at = open_end;
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let lt = at + off;
        let closing = b.get(lt + 1) == Some(&b'/');
        let ns = lt + 1 + usize::from(closing);
        let ne = ns + name.len();
        let boundary = matches!(b.get(ne), Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'));
        if ne <= b.len() && boundary && b[ns..ne].eq_ignore_ascii_case(name.as_bytes()) {
            if closing {
                depth -= 1;
                if depth == 0 {
                    let gt = memchr::memchr(b'>', &b[ne..]).map_or(b.len(), |g| ne + g + 1);
                    return Some((lt, gt));
                }
            } else {
                let gt = memchr::memchr(b'>', &b[ne..]).map_or(b.len(), |g| ne + g);
                if b.get(gt.wrapping_sub(1)) != Some(&b'/') {
                    depth += 1;
                }
            }
        }
        at = lt + 1;
    }
    None
}
static SCRIPT_END: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["</script"])
        .expect("pattern")
});
static STYLE_END: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["</style"])
        .expect("pattern")
});

/// A start tag whose name was matched up to `after` in a raw scan of the page.
pub(super) enum StartTag {
    /// the name runs on: `<scripts>` or `<styled-x>` are other elements
    OtherName,
    /// the page ends before its `>`
    Unclosed,
    /// the tag ends just before this byte offset (after its `>`)
    EndsAt(usize),
}

/// Where the start tag whose name ends at byte `after` of `b` ends.
pub(super) fn start_tag_end(b: &[u8], after: usize) -> StartTag {
    if !matches!(b.get(after), Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')) {
        return StartTag::OtherName;
    }
    match memchr::memchr(b'>', &b[after..]) {
        Some(gt) => StartTag::EndsAt(after + gt + 1),
        None => StartTag::Unclosed,
    }
}

/// Remove what extraction never reads before the tokenizer sees it: the bodies of `<script>`
/// (except JSON-LD) and `<style>` elements, and comments. About half the bytes of a news page
/// are scripts and styles; the tags themselves stay, so the tree is the one the full document
/// gives (script and style bodies are raw text: nothing in them can open or close elements).
pub fn strip_raw_text(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already handled
    let mut at = 0;
    let mut unclosed = [false; SKIPPED_WHOLE.len()];
    while at < b.len() {
        let Some(m) = RAW_TEXT_OPENERS.find(&html[at..]) else {
            break;
        };
        let start = at + m.start();
        let after = at + m.end();
        if m.pattern().as_usize() == 2 {
            // Comment: drop it whole (an unterminated comment runs to the end: keep as is).
            let Some(end) = memchr::memmem::find(&b[after..], b"-->") else {
                break;
            };
            let end = after + end + 3;
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            o.push_str(&html[copied..start]);
            copied = end;
            at = end;
            continue;
        }
        let open_end = match start_tag_end(b, after) {
            StartTag::OtherName => {
                at = after;
                continue;
            }
            StartTag::Unclosed => break,
            StartTag::EndsAt(e) => e,
        };
        let pat = m.pattern().as_usize();
        if pat >= 3 {
            // Elements extraction drops whole (inline SVG, noscript fallbacks, navigation,
            // footers, asides, select menus): keep the empty element, skip its content.
            let name = SKIPPED_WHOLE[pat - 3];
            let self_closing = b[..open_end].ends_with(b"/>");
            // An element that never closes was scanned to the end once: never scan for that
            // name again, or repeated unclosed tags would make this quadratic.
            if self_closing || unclosed[pat - 3] {
                at = open_end;
                continue;
            }
            let end = element_end(html, open_end, name);
            if end.is_none() {
                unclosed[pat - 3] = true;
            }
            match (self_closing, end) {
                (false, Some((close, _))) => {
                    let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                    o.push_str(&html[copied..open_end]);
                    copied = close;
                    at = close + 2;
                }
                _ => at = open_end,
            }
            continue;
        }
        let is_script = m.pattern().as_usize() == 0;
        let opening = &b[start..open_end];
        let closer = if is_script { &*SCRIPT_END } else { &*STYLE_END };
        let Some(c) = closer.find(&html[open_end..]) else {
            break;
        };
        let close = open_end + c.start();
        if is_script && memchr::memmem::find(&opening.to_ascii_lowercase(), b"ld+json").is_some() {
            at = close;
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        o.push_str(&html[copied..open_end]);
        copied = close;
        at = close + c.end() - c.start();
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
}

/// Element name handed back to the tree builder (atoms: cheap clones).
#[derive(Debug)]
pub struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len() as NodeId;
        nodes.push(Node::new(data));
        id
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let Some(n) = nodes.get(id as usize) else {
            return;
        };
        let (parent, prev, next) = (n.parent, n.prev, n.next);
        if let Some(nn) = nodes.get_mut(next as usize) {
            nn.prev = prev;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.last_child = prev;
        }
        if let Some(pn) = nodes.get_mut(prev as usize) {
            pn.next = next;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.first_child = next;
        }
        if let Some(n) = nodes.get_mut(id as usize) {
            n.parent = NONE;
            n.prev = NONE;
            n.next = NONE;
        }
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = match nodes.get(parent as usize) {
            Some(p) => p.last_child,
            None => return,
        };
        if let Some(c) = nodes.get_mut(child as usize) {
            c.parent = parent;
            c.prev = last;
        }
        if let Some(l) = nodes.get_mut(last as usize) {
            l.next = child;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.first_child = child;
        }
        if let Some(p) = nodes.get_mut(parent as usize) {
            p.last_child = child;
        }
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = match nodes.get(sibling as usize) {
            Some(s) => (s.parent, s.prev),
            None => return,
        };
        if let Some(c) = nodes.get_mut(child as usize) {
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        if let Some(p) = nodes.get_mut(prev as usize) {
            p.next = child;
        } else if let Some(p) = nodes.get_mut(parent as usize) {
            p.first_child = child;
        }
        if let Some(s) = nodes.get_mut(sibling as usize) {
            s.prev = child;
        }
    }

    /// Append text to `prev_text` if it is a text node, else create one.
    /// The node to insert for `child`: the element itself, or a text node — `None` when the text
    /// merged into `before`, the text node just before the insertion point.
    fn child_node(&self, child: NodeOrText<NodeId>, before: NodeId) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(n) => Some(n),
            NodeOrText::AppendText(t) => self.text_node(before, t),
        }
    }

    fn text_node(&self, prev_text: NodeId, text: StrTendril) -> Option<NodeId> {
        {
            let mut nodes = self.nodes.borrow_mut();
            if let Some(Node {
                data: NodeData::Text(t),
                ..
            }) = nodes.get_mut(prev_text as usize)
            {
                t.push_tendril(&text);
                return None;
            }
        }
        Some(self.push(NodeData::Text(text)))
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name {
        match self.nodes.borrow().get(*target as usize).map(|n| &n.data) {
            Some(NodeData::Element { name, .. }) => Name(name.clone()),
            _ => Name(QualName::new(None, ns!(html), local_name!("span"))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.push(NodeData::Element { name, attrs });
        if flags.template {
            // Template contents live in their own fragment, outside the document tree.
            let _ = self.push(NodeData::Document);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let last = self.nodes.borrow().get(*parent as usize).map_or(NONE, |p| p.last_child);
        if let Some(id) = self.child_node(child, last) {
            Self::append_node(&mut self.nodes.borrow_mut(), *parent, id);
        }
    }

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let prev = self.nodes.borrow().get(*sibling as usize).map_or(NONE, |s| s.prev);
        if let Some(id) = self.child_node(child, prev) {
            Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.push(NodeData::Other);
        Self::append_node(&mut self.nodes.borrow_mut(), 0, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // The fragment was pushed right after its template element.
        *target + 1
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            data: NodeData::Element { attrs: existing, .. },
            ..
        }) = nodes.get_mut(*target as usize)
        {
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut next = nodes.get(*node as usize).map_or(NONE, |n| n.first_child);
        while next != NONE {
            let following = nodes.get(next as usize).map_or(NONE, |n| n.next);
            Self::append_node(&mut nodes, *new_parent, next);
            next = following;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tree_with_implied_elements() {
        let dom = parse("<title>T</title><p>Hello <b>world</b><p>Second");
        let body = dom.body().unwrap();
        let ps: Vec<_> = dom.children(body).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.raw_text(ps[0]), "Hello world");
        assert_eq!(dom.raw_text(ps[1]), "Second");
        let head = dom.head().unwrap();
        assert_eq!(dom.raw_text(head), "T");
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let dom = parse("<p>a<b>b<i>c</b>d</i>e</p>");
        let body = dom.body().unwrap();
        assert_eq!(dom.raw_text(body), "abcde");
    }

    #[test]
    fn script_and_style_bodies_are_skipped_but_json_ld_kept() {
        let html = "<head><STYLE>p{x:1}</style><script>var a = '<p>no</p>';</SCRIPT><script type=\"application/ld+json\">{\"a\":1}</script></head><body><!-- <script> --><p>yes</p><scripts>t</scripts></body>";
        let lean = strip_raw_text(html);
        let lean = match limit_depth(&lean) {
            Cow::Borrowed(_) => lean,
            Cow::Owned(o) => Cow::Owned(o),
        };
        assert!(!lean.contains("var a"));
        assert!(!lean.contains("p{x:1}"));
        assert!(lean.contains("{\"a\":1}"));
        let dom = parse(html);
        assert_eq!(dom.raw_text(dom.body().unwrap()), "yest");
    }

    #[test]
    fn dropped_elements_are_skipped_with_their_nested_content() {
        let html = "<body><nav><ul><li><nav>inner</nav></li></ul>menu</nav><p>story</p><svg><g><svg/></g></svg><footer>copyright<footer>x</footer></footer><p>more</p><aside>side";
        let lean = strip_raw_text(html);
        assert!(
            !lean.contains("menu") && !lean.contains("inner") && !lean.contains("copyright"),
            "{lean}"
        );
        let dom = parse(html);
        // An unclosed aside is left to the tree builder (and dropped by extraction later).
        assert_eq!(dom.raw_text(dom.body().unwrap()), "storymoreside");
    }

    /// The tree as later passes see it: tags, the attributes they read, texts.
    fn shape(dom: &Dom) -> String {
        let mut s = String::new();
        for id in dom.descendants(Dom::ROOT) {
            if let Some(t) = dom.any_tag(id) {
                s += &format!("<{t}");
                for a in dom
                    .attrs(id)
                    .iter()
                    .filter(|a| is_read_attribute(a.name.local.as_bytes()))
                {
                    s += &format!(" {}={:?}", &*a.name.local, &*a.value);
                }
                s += &format!(" parent={}>", dom.parent(id));
            } else if let Some(t) = dom.text(id) {
                s += &format!("[{t}]");
            }
        }
        s
    }

    #[test]
    fn unread_attributes_are_dropped_and_the_tree_is_unchanged() {
        let pages = [
            "<html lang=de><head><title>A <b data-x=1>title</b></title><meta property='og:title' content=\"x > y\" data-a=\"<p>\">\
             <script type=application/ld+json>{\"html\": \"<p data-y='1' class=k>\"}</script></head>\
             <body><div data-src=\"a>b\" class=\"story body\" onclick='go(\">\")'><p srcset=a.jpg,b.jpg id=p1>One <img src=x.jpg alt=\"An > image\">two</p>\
             <textarea><p data-z=1>kept</p></textarea><a href=/a/b/ data-t=x/>link</a><p =odd class=c>x</p><p data-k=v class=after>y</p>\
             <input type=hidden data-q=1><table><tr><td data-w=1>cell</table><div/data-x=1/class=slash>z</div></body></html>",
            "<p data-x='unclosed>text",
            "<div class=a data-x=1 <p>text</p>",
            "<!doctype html><p data-x=1>a</p><!-- <p data-x=2> --><p data-y=3",
            "<svg><title data-x=1>t</title><path d='M0 0'/></svg><math><annotation-xml encoding=text/html><p data-r=1>m</p></annotation-xml></math>",
            "<noscript><img src=x data-y=1></noscript><xmp><b data-q=2>raw</b></xmp><plaintext><p data-p=1>",
            "<font color=red data-x=1><svg><font color=blue data-y=2>f</font></svg></font>",
        ];
        for html in pages {
            assert_eq!(shape(&parse(html)), shape(&parse_lean(html, false)), "{html}");
        }
        let lean = drop_unread_attributes("<p data-x=1 class=c srcset='a b' id=i>t</p><title><b data-t=1></title>");
        assert_eq!(lean, "<p  class=c  id=i>t</p><title><b data-t=1></title>");
        let same = "<p class=c>nothing to drop</p>";
        assert!(matches!(drop_unread_attributes(same), Cow::Borrowed(_)));
    }

    #[test]
    fn template_contents_stay_out_of_the_tree() {
        let dom = parse("<body><template><p>hidden</p></template><p>shown</p></body>");
        assert_eq!(dom.raw_text(dom.body().unwrap()), "shown");
    }
}
