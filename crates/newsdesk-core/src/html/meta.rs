//! Meta: a parsed DOM (and the page URL) in, article metadata out.
//!
//! Sources, strongest first: JSON-LD (`<script type="application/ld+json">`, including `@graph`
//! and `mainEntity`), then `<meta>` tags (Open Graph, `article:*`, Dublin Core, parse.ly,
//! sailthru, plain `name=author`), then microdata (`itemprop`), then page markup (`<title>`,
//! `<h1>`, `<time>`, byline elements), then the URL. Structured data wins over heuristics.
//! Dates stay raw strings; the `dates` stage parses and validates them. Date candidates are kept
//! in priority order (JSON-LD > meta > time element > URL > text).

use super::parse::{Dom, NodeId, NONE};
use crate::article::DateSource;
use serde_json::Value;
use std::sync::LazyLock;

/// Everything read from a page apart from its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    /// Published-date candidates, best first.
    pub published: Vec<(String, DateSource)>,
    pub modified: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// JSON-LD `articleBody` of the article object, line breaks kept (a candidate body for the
    /// extractor's comparison step; not a column).
    pub article_body: Option<String>,
}

/// What the `<meta>` tags, link tags and JSON-LD of a page say, before choosing.
#[derive(Default)]
struct Raw {
    ld: Vec<Value>,
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    canonical: Option<String>,
    html_lang: Option<String>,
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| collapse(&s)).filter(|s| !s.is_empty())
}

/// Decode the few entities that survive in attribute values of badly escaped pages, e.g.
/// `&amp;#8217;` double escapes.
fn unescape(s: &str) -> String {
    if s.contains('&') {
        html_escape::decode_html_entities(s).into_owned()
    } else {
        s.to_string()
    }
}

fn collect(dom: &Dom) -> Raw {
    let mut raw = Raw::default();
    if let Some(html) = dom.html_element() {
        raw.html_lang = dom
            .attr(html, "lang")
            .or_else(|| dom.attr(html, "xml:lang"))
            .map(str::to_string);
    }
    for id in dom.descendants(Dom::ROOT) {
        let Some(tag) = dom.tag(id) else { continue };
        match &**tag {
            "meta" => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"))
                    .or_else(|| dom.attr(id, "http-equiv"));
                if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
                    let v = collapse(&unescape(v));
                    if !v.is_empty() {
                        raw.metas.push((k.trim().to_ascii_lowercase(), v));
                    }
                }
            }
            "title" if raw.title_tag.is_none() => {
                // Only a title in the head (or a stray one before the body), not SVG titles.
                raw.title_tag = nonempty(Some(dom.raw_text(id)));
            }
            "link"
                if raw.canonical.is_none()
                    && dom
                        .attr(id, "rel")
                        .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical"))) =>
            {
                raw.canonical = dom
                    .attr(id, "href")
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty());
            }
            "script"
                if dom
                    .attr(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let text = dom.raw_text(id);
                if let Some(v) = parse_json_lenient(&text) {
                    flatten_ld(v, &mut raw.ld, 0);
                }
            }
            _ => {}
        }
    }
    raw
}

fn parse_json_lenient(text: &str) -> Option<Value> {
    let t = text.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return Some(v);
    }
    // Raw control characters inside strings are a common CMS bug: replace them by spaces.
    let cleaned: String = t.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    serde_json::from_str::<Value>(&cleaned).ok()
}

/// Top-level objects, arrays, `@graph` members and `mainEntity` objects, flattened.
fn flatten_ld(v: Value, out: &mut Vec<Value>, depth: u32) {
    if depth > 4 || out.len() > 200 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                flatten_ld(x, out, depth + 1);
            }
        }
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten_ld(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage")).cloned() {
                if m.get("@type").is_some() && m.get("headline").is_some() {
                    flatten_ld(m, out, depth + 1);
                }
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn ld_types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => vec![],
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting" | "Review" | "Blog" | "Posting"
        )
}

/// The article object of the JSON-LD, if any (the first article-typed object; else a WebPage).
fn ld_article(ld: &[Value]) -> Option<&Value> {
    ld.iter()
        .find(|v| ld_types(v).iter().any(|t| is_article_type(t)) && v.get("headline").is_some())
        .or_else(|| ld.iter().find(|v| ld_types(v).iter().any(|t| is_article_type(t))))
        .or_else(|| {
            ld.iter().find(|v| {
                ld_types(v).iter().any(|t| t.ends_with("WebPage"))
                    && (v.get("headline").is_some() || v.get("datePublished").is_some())
            })
        })
}

/// A JSON-LD body text: entities decoded, markup (some sites put HTML in it) turned into line
/// breaks between elements, blank lines kept as paragraph breaks.
fn ld_body(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(a) => return a.iter().find_map(ld_body),
        _ => return None,
    };
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if !in_tag && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = unescape(&out);
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

fn ld_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => nonempty(Some(unescape(s))),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => a.iter().find_map(ld_str),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(ld_str),
        _ => None,
    }
}

/// Names of JSON-LD persons/organisations; `{"@id": ...}` references (Yoast-style graphs) are
/// resolved against the other objects of the page.
fn ld_names(v: &Value, ld: &[Value], out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(collapse(&unescape(s))),
        Value::Array(a) => a.iter().for_each(|x| ld_names(x, ld, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                ld_names(n, &[], out)
            } else if let Some(Value::String(id)) = o.get("@id") {
                let target = ld
                    .iter()
                    .find(|x| x.get("@id").and_then(Value::as_str) == Some(id.as_str()) && x.get("name").is_some());
                if let Some(t) = target {
                    ld_names(t, &[], out);
                }
            } else if let (Some(Value::String(g)), Some(Value::String(f))) = (o.get("givenName"), o.get("familyName")) {
                out.push(collapse(&format!("{g} {f}")));
            }
        }
        _ => {}
    }
}

fn meta<'r>(raw: &'r Raw, keys: &[&str]) -> Option<&'r str> {
    for k in keys {
        if let Some((_, v)) = raw.metas.iter().find(|(mk, _)| mk == k) {
            return Some(v.as_str());
        }
    }
    None
}

fn metas_all<'r>(raw: &'r Raw, key: &'r str) -> impl Iterator<Item = &'r str> {
    raw.metas.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Read all metadata of a page.
pub fn read_meta(dom: &Dom, url: Option<&str>) -> PageMeta {
    let raw = collect(dom);
    let art = ld_article(&raw.ld);
    let mut m = PageMeta::default();

    // Outlet.
    let ld_publisher = art.and_then(|a| a.get("publisher")).and_then(ld_str).or_else(|| {
        raw.ld
            .iter()
            .find(|v| {
                ld_types(v)
                    .iter()
                    .any(|t| *t == "Organization" || *t == "NewsMediaOrganization")
            })
            .and_then(|v| v.get("name"))
            .and_then(ld_str)
    });
    // a social-media handle as site name ("@coastherald") is the last resort: the publisher or
    // the site part of <title> names the outlet as readers know it
    let (handle, site_name) = match meta(&raw, &["og:site_name", "application-name"]).and_then(clean_site_name) {
        Some(s) if s.starts_with('@') => (Some(s.trim_start_matches('@').to_string()), None),
        s => (None, s),
    };
    m.outlet = site_name.or_else(|| ld_publisher.as_deref().and_then(clean_site_name));

    // Title.
    let h1 = first_h1(dom);
    let candidates = [
        art.and_then(|a| a.get("headline")).and_then(ld_str),
        meta(&raw, &["og:title"]).map(str::to_string),
        meta(&raw, &["twitter:title"]).map(str::to_string),
        meta(
            &raw,
            &["dc.title", "title", "headline", "sailthru.title", "parsely-title"],
        )
        .map(str::to_string),
    ];
    // The visible headline (h1) when a structured title or <title> contains it: it is the
    // headline without "Opinion | " prefixes or site suffixes, and it beats an SEO headline that
    // differs from what readers see.
    // An h1 that is the site's name (a logo heading) is not the headline.
    let h1 = h1.filter(|h| {
        let hn = norm(h);
        !([m.outlet.as_deref(), ld_publisher.as_deref()]
            .into_iter()
            .flatten()
            .any(|o| norm(o) == hn)
            || raw
                .title_tag
                .as_deref()
                .is_some_and(|t| norm(t).ends_with(&hn) && norm(t) != hn))
    });
    if let Some(h) = &h1 {
        let hn = norm(h);
        let confirmed = h.split_whitespace().count() >= 2
            && candidates.iter().flatten().chain(raw.title_tag.iter()).any(|c| {
                let cn = norm(c);
                cn == hn || (hn.len() >= 12 && cn.contains(&hn))
            });
        if confirmed {
            let sitenames: Vec<String> = [m.outlet.clone(), ld_publisher.clone(), url.and_then(domain_label)]
                .into_iter()
                .flatten()
                .collect();
            m.title = Some(strip_site_suffix(h, &sitenames, None));
        }
    }
    let title = candidates.into_iter().flatten().find(|t| !t.is_empty());
    let title = match (title, &h1, &raw.title_tag) {
        // A headline cut short in the structured data: the h1 says it in full.
        (Some(t), Some(h), _) if h.len() > t.len() && norm(h).starts_with(&norm(t.trim_end_matches(['.', '…']))) => {
            Some(h.clone())
        }
        (Some(t), _, _) => Some(t),
        (None, Some(h), _) => Some(h.clone()),
        (None, None, t) => t.clone(),
    };
    let sitenames: Vec<String> = [m.outlet.clone(), ld_publisher.clone(), url.and_then(domain_label)]
        .into_iter()
        .flatten()
        .collect();
    if m.title.is_none() {
        m.title = title.map(|t| strip_site_suffix(&t, &sitenames, raw.title_tag.as_deref()));
    }
    if m.outlet.is_none() {
        // The part of <title> cut off as a site name.
        if let (Some(tt), Some(t)) = (&raw.title_tag, &m.title) {
            m.outlet = site_part(tt, t);
        }
    }
    if m.outlet.is_none() {
        m.outlet = handle.filter(|h| !h.is_empty());
    }

    // A known outlet under another of its names ("WSJ") gets its canonical name.
    m.outlet = m
        .outlet
        .map(|o| crate::clean::outlets().exact(&o).map(str::to_string).unwrap_or(o));

    // Authors: the sources strongest first; a source whose names all clean away (an outlet as
    // author, an e-mail address) gives way to the next one.
    let not_authors: Vec<String> = sitenames.iter().map(|s| norm(s)).collect();
    let mut sources: Vec<Vec<String>> = Vec::new();
    if let Some(a) = art.and_then(|a| a.get("author").or_else(|| a.get("creator"))) {
        let mut v = Vec::new();
        ld_names(a, &raw.ld, &mut v);
        sources.push(v);
    }
    for k in [
        "author",
        "article:author",
        "dc.creator",
        "byl",
        "sailthru.author",
        "parsely-author",
        "dcterms.creator",
        "cxenseparse:author",
    ] {
        sources.push(
            metas_all(&raw, k)
                .filter(|v| !v.starts_with("http"))
                .map(str::to_string)
                .collect(),
        );
    }
    sources.push(labelled_meta_authors(&raw));
    let credited = sources.iter().any(|v| !v.is_empty());
    m.authors = sources
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(|v| clean_authors(v, &not_authors))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if m.authors.is_empty() {
        // Byline markup names people, not institutions; where the structured data credits an
        // organisation only, a lone word from the markup is more likely a place or a repeat.
        m.authors = byline_authors(dom)
            .into_iter()
            .map(|v| clean_authors(v, &not_authors))
            .map(|mut v| {
                v.retain(|a| !names_institution(a));
                v
            })
            .find(|v| !v.is_empty() && (!credited || v.iter().any(|a| a.split_whitespace().count() >= 2)))
            .unwrap_or_default();
    }

    // Dates.
    let mut published = Vec::new();
    if let Some(a) = art {
        for k in ["datePublished", "dateCreated", "uploadDate"] {
            if let Some(d) = a.get(k).and_then(ld_str) {
                published.push((d, DateSource::JsonLd));
                break;
            }
        }
    }
    for k in [
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "dcterms.date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "cxenseparse:recs:publishtime",
        "displaydate",
        "dc.date.created",
    ] {
        if let Some(v) = meta(&raw, &[k]) {
            published.push((v.to_string(), DateSource::Meta));
            break;
        }
    }
    if !published.iter().any(|(_, s)| *s == DateSource::Meta) {
        // Site-specific keys ("sn-post-date", "article.publishdate"): any key naming a
        // publication date.
        let generic = raw.metas.iter().find(|(k, v)| {
            (k.contains("publish")
                || k.contains("pubdate")
                || k.contains("post-date")
                || k.ends_with("_date")
                || k.ends_with("-date"))
                && !k.contains("modif")
                && !k.contains("updat")
                && !k.contains("expir")
                && v.bytes().any(|b| b.is_ascii_digit())
        });
        if let Some((_, v)) = generic {
            published.push((v.clone(), DateSource::Meta));
        }
    }
    if let Some(t) = time_element(dom) {
        published.push((t, DateSource::Time));
    }
    if let Some(u) = url.and_then(url_date) {
        published.push((u, DateSource::Url));
    }
    // Dates written in date-classed elements: only looked for when nothing structured exists.
    if published.is_empty() {
        if let Some(t) = text_date(dom) {
            published.push((t, DateSource::Text));
        }
    }
    m.published = published;
    m.article_body = art.and_then(|a| a.get("articleBody")).and_then(ld_body);
    m.modified = art.and_then(|a| a.get("dateModified")).and_then(ld_str).or_else(|| {
        meta(
            &raw,
            &[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "modified_time",
                "dcterms.modified",
                "last-modified",
                "lastmod",
            ],
        )
        .map(str::to_string)
    });

    // URL, language, description, section, tags.
    m.canonical_url = raw
        .canonical
        .clone()
        .or_else(|| meta(&raw, &["og:url"]).map(str::to_string))
        .map(|c| absolutize(&c, url))
        .filter(|c| c.starts_with("http"));
    m.language = raw
        .html_lang
        .as_deref()
        .or_else(|| meta(&raw, &["content-language", "og:locale", "dc.language", "language"]))
        .and_then(crate::lang::normalize_tag)
        .or_else(|| {
            art.and_then(|a| a.get("inLanguage"))
                .and_then(ld_str)
                .as_deref()
                .and_then(crate::lang::normalize_tag)
        });
    m.description = art.and_then(|a| a.get("description")).and_then(ld_str).or_else(|| {
        meta(
            &raw,
            &["description", "og:description", "twitter:description", "dc.description"],
        )
        .map(str::to_string)
    });
    m.section = art.and_then(|a| a.get("articleSection")).and_then(ld_str).or_else(|| {
        meta(
            &raw,
            &[
                "article:section",
                "section",
                "parsely-section",
                "sailthru.section",
                "og:article:section",
                "category",
            ],
        )
        .map(str::to_string)
    });
    let mut tags: Vec<String> = metas_all(&raw, "article:tag").map(str::to_string).collect();
    if tags.is_empty() {
        if let Some(k) = art.and_then(|a| a.get("keywords")) {
            match k {
                Value::Array(a) => tags.extend(a.iter().filter_map(ld_str)),
                Value::String(s) => tags.extend(s.split(',').map(|x| x.trim().to_string())),
                _ => {}
            }
        }
    }
    if tags.is_empty() {
        if let Some(k) = meta(&raw, &["news_keywords", "keywords", "parsely-tags", "sailthru.tags"]) {
            tags.extend(k.split([',', ';']).map(|x| x.trim().to_string()));
        }
    }
    let mut seen = std::collections::HashSet::new();
    m.tags = tags
        .into_iter()
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty() && t.len() < 100 && seen.insert(t.to_lowercase()))
        .take(50)
        .collect();
    m
}

/// A usable outlet name: not a URL; "LinkNaija | Nigeria's popular news platform" -> "LinkNaija".
fn clean_site_name(s: &str) -> Option<String> {
    let s = collapse(s);
    if s.is_empty() || s.contains("://") || s.starts_with("www.") {
        return None;
    }
    let first = s.split(" | ").next().unwrap_or(&s).trim();
    (!first.is_empty() && first.len() <= 80).then(|| first.to_string())
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

fn first_h1(dom: &Dom) -> Option<String> {
    let body = dom.body()?;
    let h = dom.find_tag(body, "h1")?;
    nonempty(Some(dom.spaced_text(h))).filter(|t| t.len() < 400)
}

/// `nytimes` from `https://www.nytimes.com/...` (used to recognise the site's own name).
fn domain_label(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() < 2 {
        return None;
    }
    let mut i = parts.len() - 2;
    // co.uk, com.br, ... (not lto.de: a short name is no second-level domain)
    const SECOND_LEVEL: [&str; 12] = [
        "co", "com", "net", "org", "gov", "gob", "edu", "ac", "or", "ne", "go", "nic",
    ];
    if i > 0 && SECOND_LEVEL.contains(&parts[i]) && parts[parts.len() - 1].len() == 2 {
        i -= 1;
    }
    Some(parts[i].to_string())
}

const SEPARATORS: [&str; 9] = [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " / "];

/// Remove a trailing (or leading) " | Site Name" part when it names the site.
fn strip_site_suffix(title: &str, sitenames: &[String], title_tag: Option<&str>) -> String {
    let mut t = collapse(title);
    let names: Vec<String> = sitenames.iter().map(|s| norm(s)).filter(|s| s.len() >= 2).collect();
    let is_site = |part: &str| {
        let p = norm(part);
        !p.is_empty()
            && names
                .iter()
                .any(|n| p == *n || (p.len() >= 4 && (n.contains(&p) || p.contains(n.as_str()))))
    };
    for _ in 0..2 {
        let mut changed = false;
        for sep in SEPARATORS {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                if !head.trim().is_empty() && is_site(tail) {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(pos) = t.find(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                if !tail.trim().is_empty() && is_site(head) && tail.split_whitespace().count() >= 3 {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Title taken from <title> itself: a short last part after a separator is the site name.
    if title_tag == Some(title) {
        for sep in SEPARATORS {
            if let Some(pos) = t.rfind(sep) {
                let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
                // A pipe almost always separates the site name; dashes also occur in headlines,
                // so they need a longer headline before them.
                let min_head = if sep == " | " { 2 } else { 4 };
                if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= min_head {
                    t = head.trim().to_string();
                    break;
                }
            }
        }
    }
    t
}

/// The site-name part of a `<title>` once the headline is known: "Headline - Site" -> "Site".
fn site_part(title_tag: &str, title: &str) -> Option<String> {
    let tt = collapse(title_tag);
    let pos = tt.find(title)?;
    let rest = tt[pos + title.len()..].trim_start();
    for sep in SEPARATORS {
        if let Some(r) = rest.strip_prefix(sep.trim_start()) {
            let r = r.trim();
            if !r.is_empty() && r.split_whitespace().count() <= 6 {
                return Some(r.to_string());
            }
        }
    }
    None
}

fn absolutize(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        let scheme = base.split("://").next().unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    if href.starts_with('/') {
        if let Some(idx) = base.find("://") {
            let after = &base[idx + 3..];
            let host_end = after.find('/').map_or(base.len(), |p| idx + 3 + p);
            return format!("{}{}", &base[..host_end], href);
        }
    }
    href.to_string()
}

/// The date in `<time datetime>` with `pubdate`/`itemprop=datePublished`, else the first `<time>`
/// with a datetime in the body.
fn time_element(dom: &Dom) -> Option<String> {
    let mut first = None;
    for id in dom.descendants(Dom::ROOT) {
        let Some(tag) = dom.tag(id) else { continue };
        let is_time = &**tag == "time";
        let itemprop = dom
            .attr(id, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
        if !is_time && !itemprop {
            continue;
        }
        let v = dom
            .attr(id, "datetime")
            .or_else(|| dom.attr(id, "content"))
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let v = match v {
            Some(v) => v.to_string(),
            None if itemprop || is_time => match nonempty(Some(dom.spaced_text(id))) {
                Some(t) if t.len() < 80 => t,
                _ => continue,
            },
            None => continue,
        };
        if itemprop || dom.attr(id, "pubdate").is_some() {
            return Some(v);
        }
        if first.is_none() {
            first = Some(v);
        }
    }
    first
}

static YEAR: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"\b(?:19|20)\d{2}\b").expect("regex"));

/// A date written in an element whose class or id names a publication date ("article-publish-
/// date", "posted-on", "dateline"), as text or as a `value` attribute.
fn text_date(dom: &Dom) -> Option<String> {
    let body = dom.body()?;
    let mut buf = String::new();
    for id in dom.descendants(body) {
        if dom.tag(id).is_none() {
            continue;
        }
        buf.clear();
        for a in ["class", "id"] {
            if let Some(v) = dom.attr(id, a) {
                super::names::normalize(v, &mut buf);
                buf.push(' ');
            }
        }
        if buf.is_empty() || buf.contains("modif") || buf.contains("updat") {
            continue;
        }
        let dated = buf.split([' ', '-']).any(|w| {
            matches!(
                w,
                "date"
                    | "pubdate"
                    | "published"
                    | "publish"
                    | "posted"
                    | "dateline"
                    | "timestamp"
                    | "datetime"
                    | "time"
            )
        });
        if !dated {
            continue;
        }
        let text = match dom
            .attr(id, "value")
            .or_else(|| dom.attr(id, "datetime"))
            .or_else(|| dom.attr(id, "content"))
        {
            Some(v) => collapse(v),
            None => collapse(&dom.spaced_text(id)),
        };
        if text.len() <= 80 && YEAR.is_match(&text) {
            return Some(text);
        }
    }
    None
}

static URL_DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^0-9]|$)").expect("regex")
});
static URL_YM: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/").expect("regex"));

/// `2019-11-19` from `.../2019/11/19/...` or `.../20191119...` in the URL path.
fn url_date(url: &str) -> Option<String> {
    let path_start = url
        .find("://")
        .map_or(0, |i| url[i + 3..].find('/').map_or(url.len(), |p| i + 3 + p));
    let path = url.get(path_start..)?;
    if let Some(c) = URL_DATE.captures(path) {
        return Some(format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    }
    URL_YM.captures(path).map(|c| format!("{}-{}", &c[1], &c[2]))
}

/// Labels that name the author in label/value meta pairs (`twitter:label1` "Written by" with
/// `twitter:data1`, Yoast) and in `twitter:misc:<label>` keys.
const AUTHOR_LABELS: [&str; 10] = [
    "written by",
    "author",
    "authors",
    "geschrieben von",
    "verfasst von",
    "autor",
    "escrito por",
    "écrit par",
    "scritto da",
    "auteur",
];

/// Authors named by a label/value pair of meta tags: `twitter:labelN` = "Written by" and
/// `twitter:dataN` = the names.
fn labelled_meta_authors(raw: &Raw) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in &raw.metas {
        if let Some(label) = k.strip_prefix("twitter:misc:") {
            if AUTHOR_LABELS.contains(&label.trim().to_lowercase().as_str()) {
                out.push(v.clone());
            }
        } else if let Some(n) = k.strip_prefix("twitter:label") {
            if AUTHOR_LABELS.contains(&v.trim().to_lowercase().as_str()) {
                let data = format!("twitter:data{n}");
                out.extend(metas_all(raw, &data).map(str::to_string));
            }
        }
    }
    out
}

/// Authors from byline markup, as candidate groups strongest first: `itemprop=author`,
/// `rel=author`, elements with a byline/author class, links to author profile pages
/// (`/author/jane-doe`, `/autoren/...`), and short elements led by a byline word ("By", "Von:",
/// "Por", "Texto:"). Iterative; each kind keeps its first group.
fn byline_authors(dom: &Dom) -> Vec<Vec<String>> {
    let Some(body) = dom.body() else {
        return vec![];
    };
    let mut by_rel = Vec::new();
    let mut by_prop = Vec::new();
    let mut by_class = Vec::new();
    let mut by_profile = Vec::new();
    let mut by_label = Vec::new();
    let mut by_signature = Vec::new();
    let mut signature_checks = 0;
    let mut prop_parent = NONE;
    let mut profile_group = NONE;
    // Visible characters since the last <h1> (`None` before the first): the article's byline
    // sits near its headline, a teaser's byline after a whole story or in a link.
    let mut since_h1: Option<usize> = None;
    let mut id = dom.descendants(body).next().unwrap_or(NONE);
    while id != NONE {
        let mut skip = false;
        if let Some(text) = dom.text(id) {
            if let Some(n) = since_h1.as_mut() {
                *n += text.trim().len();
            }
        }
        let near_headline = since_h1.is_none_or(|n| n < NEAR_HEADLINE);
        if let Some(tag) = dom.tag(id) {
            let t: &str = tag;
            if t == "h1" {
                since_h1 = Some(0);
            }
            if matches!(t, "script" | "style" | "footer" | "nav" | "aside") || is_comment_box(dom, id) {
                skip = true;
            } else if t == "a"
                && dom
                    .attr(id, "rel")
                    .is_some_and(|r| r.split_whitespace().any(|x| x == "author"))
            {
                by_rel.push(dom.spaced_text(id));
                skip = true;
            } else if dom
                .attr(id, "itemprop")
                .is_some_and(|p| p.split_whitespace().any(|x| x == "author" || x == "creator"))
            {
                let name_el = dom.descendants(id).find(|&d| dom.attr(d, "itemprop") == Some("name"));
                let name = match name_el {
                    Some(n) => dom
                        .attr(n, "content")
                        .map(str::to_string)
                        .unwrap_or_else(|| dom.spaced_text(n)),
                    None => dom
                        .attr(id, "content")
                        .map(str::to_string)
                        .unwrap_or_else(|| dom.spaced_text(id)),
                };
                // Comment authors are marked up the same way: keep the first byline's group only.
                let parent = dom.parent(id);
                if by_prop.is_empty() || prop_parent == parent {
                    by_prop.push(name);
                    prop_parent = parent;
                }
                skip = true;
            } else if by_class.is_empty() && near_headline && is_byline_class(dom, id) && !in_link(dom, id) {
                if let Some(text) = byline_text(dom, id) {
                    by_class.extend(split_byline(&text));
                }
            } else if t == "a" && near_headline && dom.attr(id, "href").is_some_and(is_profile_href) {
                // The first profile link's group only (the byline, not a list of columnists).
                let group = dom.parent(dom.parent(id));
                let text = collapse(&dom.spaced_text(id));
                if !text.is_empty() && (profile_group == NONE || profile_group == group) {
                    profile_group = group;
                    by_profile.push(text);
                }
                skip = true;
            } else if by_label.is_empty() && near_headline && starts_with_byline_word(dom, id) && !in_link(dom, id) {
                if let Some(text) = byline_text(dom, id).filter(|t| names_only(t)) {
                    by_label.push(text);
                }
            } else if t == "p" && by_signature.is_empty() && signature_checks < 3 {
                if let Some(names) = bold_only_text(dom, id) {
                    signature_checks += 1;
                    let names = names.replace('/', ", ");
                    if names.len() < 120 && names_only(&names) && opens_story(dom, id) {
                        by_signature.push(names);
                    }
                }
            }
        }
        id = if skip {
            dom.next_skipping_children(id, body)
        } else {
            next_pre(dom, id, body)
        };
    }
    vec![by_prop, by_rel, by_class, by_profile, by_label, by_signature]
}

/// The text of a paragraph that is all bold (`<p><strong>Jane Doe</strong></p>`).
fn bold_only_text(dom: &Dom, p: NodeId) -> Option<String> {
    let mut bold = None;
    for c in dom.children(p) {
        if dom.text(c).is_some_and(|t| t.trim().is_empty()) {
            continue;
        }
        match dom.tag(c).map(|t| &**t) {
            Some("strong" | "b") if bold.is_none() => bold = Some(c),
            _ => return None,
        }
    }
    bold.map(|b| collapse(&dom.spaced_text(b)))
}

/// A paragraph that opens the story: no plain paragraph with text before it among its siblings
/// (blank or all-italic dek lines may be), a paragraph of story length right after it.
fn opens_story(dom: &Dom, p: NodeId) -> bool {
    let mut prev = dom.node(p).map_or(NONE, |n| n.prev);
    while prev != NONE {
        if dom.tag(prev).is_some_and(|t| &**t == "p") {
            let plain = dom.children(prev).any(|c| match dom.tag(c).map(|t| &**t) {
                Some("em" | "i" | "br") => false,
                Some(_) => true,
                None => dom.text(c).is_some_and(|t| !t.trim().trim_matches('\u{a0}').is_empty()),
            });
            if plain {
                return false;
            }
        }
        prev = dom.node(prev).map_or(NONE, |n| n.prev);
    }
    let mut next = dom.node(p).map_or(NONE, |n| n.next);
    while next != NONE && dom.tag(next).is_none() {
        next = dom.node(next).map_or(NONE, |n| n.next);
    }
    next != NONE && dom.tag(next).is_some_and(|t| &**t == "p") && dom.spaced_text(next).trim().len() >= 80
}

/// How far (visible characters after the last `<h1>`) a byline found by its class, a profile
/// link or a byline word may sit from the headline: past a dek and a date line, not past a story.
const NEAR_HEADLINE: usize = 1500;

/// Words of institutions' names ("European Space Agency", "Redaktion Wirtschaft").
const INSTITUTION_WORDS: [&str; 24] = [
    "agency",
    "association",
    "institute",
    "institut",
    "university",
    "universität",
    "foundation",
    "stiftung",
    "council",
    "ministry",
    "ministerium",
    "department",
    "organization",
    "organisation",
    "society",
    "bureau",
    "commission",
    "committee",
    "redaktion",
    "redacción",
    "rédaction",
    "redazione",
    "news",
    "media",
];

fn names_institution(name: &str) -> bool {
    name.split_whitespace()
        .any(|w| INSTITUTION_WORDS.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Inside a link (a teaser card: "<a>headline, dek, By Jane Doe</a>").
fn in_link(dom: &Dom, id: NodeId) -> bool {
    let mut p = dom.parent(id);
    for _ in 0..8 {
        if p == NONE {
            return false;
        }
        if dom.tag(p).is_some_and(|t| &**t == "a") {
            return true;
        }
        p = dom.parent(p);
    }
    false
}

/// The text of a byline element up to what follows the names (a date, a count, an e-mail
/// address, a bullet); `None` when empty or too long for a byline.
fn byline_text(dom: &Dom, id: NodeId) -> Option<String> {
    let text = collapse(&dom.spaced_text(id));
    // Names hold no digits: a date or a count after the name ends the byline.
    let cut = text
        .find(|c: char| c.is_ascii_digit() || c == '@' || c == '•' || c == '·' || c == '|')
        .unwrap_or(text.len());
    let mut text = text[..cut].trim().trim_end_matches([',', ' ']);
    // "Jane Doe, Nov. 20", "Reuters November 18": a date's month name after the names
    while let Some((head, last)) = text.rsplit_once(' ') {
        if !crate::dates::is_month_name(last) {
            break;
        }
        text = head.trim_end_matches([',', ' ', '|', '-']);
    }
    (!text.is_empty() && text.len() < 120).then(|| text.to_string())
}

/// A comment section (its authors are readers, not the article's).
fn is_comment_box(dom: &Dom, id: NodeId) -> bool {
    ["class", "id"].iter().any(|a| {
        dom.attr(id, a)
            .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
    })
}

/// Path segments of author profile pages: `/author/jane-doe`, `/autoren/name/max-muster`.
const PROFILE_SEGMENTS: [&str; 22] = [
    "author",
    "authors",
    "autor",
    "autoren",
    "autores",
    "autora",
    "auteur",
    "auteurs",
    "autore",
    "autori",
    "journalist",
    "journalists",
    "journalisten",
    "redakteur",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "columnist",
    "forfatter",
    "skribent",
    "penulis",
];

/// A link to an author's profile page: a path segment naming authors, followed by another one
/// (the author's slug or id).
fn is_profile_href(href: &str) -> bool {
    let path = href
        .split("://")
        .nth(1)
        .map_or(href, |rest| rest.find('/').map_or("", |i| &rest[i..]));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segs.len() >= 2
        && segs[..segs.len() - 1]
            .iter()
            .any(|s| PROFILE_SEGMENTS.contains(&s.to_ascii_lowercase().as_str()))
}

/// Words that lead a byline, in the languages of the pages ("By", "Von", "Por", "Par", "De",
/// "Door", "Av", "Texto:"); those that are also common words only count with a capital.
const BYLINE_WORDS: [&str; 12] = [
    "by",
    "von",
    "por",
    "par",
    "door",
    "texto",
    "text",
    "autor",
    "autora",
    "author",
    "auteur",
    "written by",
];
const BYLINE_WORDS_CAPITAL: [&str; 4] = ["De", "Av", "Af", "Di"];

/// The element's own text starts with a byline word ("von <a>Jane Doe</a>", "Von: ..."): its
/// first non-blank child is a text node led by such a word and a space or colon.
fn starts_with_byline_word(dom: &Dom, id: NodeId) -> bool {
    let Some(first) = dom
        .children(id)
        .find(|&c| dom.tag(c).is_some() || dom.text(c).is_some_and(|t| !t.trim().is_empty()))
    else {
        return false;
    };
    let Some(text) = dom.text(first) else {
        return false;
    };
    let t = text.trim_start();
    let lead_ok = |w: &str, t: &str| {
        t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w))
            && t[w.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
    };
    BYLINE_WORDS.iter().any(|w| lead_ok(w, t))
        || BYLINE_WORDS_CAPITAL
            .iter()
            .any(|w| t.starts_with(w) && t[w.len()..].starts_with(|c: char| c.is_whitespace() || c == ':'))
}

/// "Von: Jane Doe, John Roe" holds names only: after the byline word every list item is a
/// plausible name, and one of them has two words or more (a lone word may be a place).
fn names_only(text: &str) -> bool {
    let rest = BY_PREFIX.replace(text, "");
    let rest = rest.trim_start_matches([':', ' ']);
    let mut full = false;
    for part in NAME_SPLIT.split(rest) {
        let p = part.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if p.is_empty() {
            continue;
        }
        if !plausible_name(p) {
            return false;
        }
        full |= p.split_whitespace().count() >= 2;
    }
    full
}

fn next_pre(dom: &Dom, id: NodeId, root: NodeId) -> NodeId {
    match dom.node(id) {
        Some(n) if n.first_child != NONE => n.first_child,
        _ => dom.next_skipping_children(id, root),
    }
}

fn is_byline_class(dom: &Dom, id: NodeId) -> bool {
    let mut s = String::new();
    for a in ["class", "id"] {
        if let Some(v) = dom.attr(id, a) {
            super::names::normalize(v, &mut s);
            s.push(' ');
        }
    }
    s.split(' ').any(|w| {
        w.ends_with("byline")
            || w.ends_with("author")
            || w.ends_with("authors")
            || w.ends_with("author-name")
            || matches!(
                w,
                "byl" | "contributor" | "contributors" | "writer" | "author-link" | "byline-name"
            )
    }) && !s.contains("bio")
        && !s.contains("avatar")
        && !s.contains("statement")
}

/// "By Jane Doe and John Roe, Reuters" -> the name parts (cleaned later).
fn split_byline(text: &str) -> Vec<String> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let t = ["by ", "por ", "von ", "par ", "written by ", "reporting by "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(t, |p| t.get(p.len()..).unwrap_or(t));
    vec![t.to_string()]
}

static NAME_SPLIT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\s*(?:,|;|&|\b(?i:and)\b|\bund\b|\by\b|\bet\b|\be\b|\|)\s*").expect("regex"));
static BY_PREFIX: LazyLock<regex::Regex> = LazyLock::new(|| {
    // "By", "Written by", "Analysis by" (up to two words before "by"), "Por", "Von", "Autor:" ...,
    // and any one-word label with a colon ("Текст:", "Reporting:")
    regex::Regex::new(r"(?i)^(?:(?:\S+\s+){0,2}?by|por|von|par|de|autor(?:a)?:?|author:?|\p{L}+:)\s+").expect("regex")
});

/// Normalise author strings: drop "By", split lists, remove outlet names, "Staff", e-mails,
/// URLs, job titles after a dash, and duplicates.
fn clean_authors(raw: Vec<String>, not_authors: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let r = collapse(&r);
        // "hessenschau.de, Frankfurt, Germany": beside an outlet, lone words are its places.
        let mut local: Vec<String> = Vec::new();
        let mut beside_outlet = false;
        let r = BY_PREFIX.replace(&r, "").to_string();
        // "Jane Doe - Staff Writer", "Jane Doe | Reuters"
        let r = r.split([' ']).collect::<Vec<_>>().join(" ");
        for part in NAME_SPLIT.split(&r) {
            let mut p = part
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
                .to_string();
            if let Some(i) = p.find(". ") {
                if p[..i].split_whitespace().count() >= 2 && !p[..i].ends_with(|c: char| c.is_uppercase()) {
                    p.truncate(i);
                }
            }
            for sep in [" - ", " – ", " — ", " | ", " / "] {
                if let Some(i) = p.find(sep) {
                    p.truncate(i);
                }
            }
            let mut p = BY_PREFIX.replace(p.trim(), "").trim().to_string();
            // "신현주 기자": a Korean or Japanese job title after the name
            if let Some((head, last)) = p.rsplit_once(' ') {
                if CJK_ROLES.contains(&last) && head.chars().any(is_cjk) {
                    p = head.trim().to_string();
                }
            }
            // "Jeff Foust Monday": a dateline's weekday run into the name
            while let Some((head, last)) = p.rsplit_once(' ') {
                if head.split_whitespace().count() >= 2
                    && crate::lexicon::WEEKDAYS.contains(&last.to_lowercase().as_str())
                {
                    p = head.trim_end_matches([' ', ',']).to_string();
                } else {
                    break;
                }
            }
            // "Jill Lawless Associated Press": an agency or outlet name glued after the name.
            for list in [crate::clean::agencies(), crate::clean::outlets()] {
                let cut = list
                    .find_all(&p)
                    .find(|(r, _)| {
                        r.end == p.len() && p.get(..r.start).is_some_and(|h| h.split_whitespace().count() >= 2)
                    })
                    .map(|(r, _)| r.start);
                if let Some(c) = cut.filter(|&c| p.is_char_boundary(c)) {
                    p.truncate(c);
                    p = p.trim_end_matches([' ', ',', '-', '|']).to_string();
                }
            }
            if is_domain(&p) {
                beside_outlet = true;
                continue;
            }
            if !plausible_name(&p) {
                continue;
            }
            if crate::clean::agencies().exact(&p).is_some() || crate::clean::outlets().exact(&p).is_some() {
                beside_outlet = true;
                continue;
            }
            let p = if p.chars().any(|c| c.is_lowercase()) {
                p
            } else {
                title_case(&p)
            };
            let n = norm(&p);
            if not_authors
                .iter()
                .any(|o| !o.is_empty() && (n == *o || o.contains(&n) || n.contains(o.as_str())))
            {
                beside_outlet = true;
                continue;
            }
            local.push(p);
        }
        if beside_outlet {
            local.retain(|a| a.split_whitespace().count() >= 2);
        }
        for p in local {
            let n = norm(&p);
            if !out.iter().any(|o| norm(o) == n) {
                out.push(p);
            }
        }
    }
    // "Victor Tangermann, Futurism": a one-word item beside full names is an affiliation.
    if out.iter().any(|a| a.split_whitespace().count() >= 2) {
        out.retain(|a| a.split_whitespace().count() >= 2);
    }
    out.truncate(20);
    out
}

/// Han, kana or Hangul: scripts whose names are two or three characters long.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// Job titles written after a name in Korean and Japanese bylines ("신현주 기자").
const CJK_ROLES: [&str; 9] = [
    "기자",
    "특파원",
    "선임기자",
    "논설위원",
    "객원기자",
    "인턴기자",
    "수습기자",
    "記者",
    "特派員",
];

/// A host name as a credit ("hessenschau.de", "www.example.com").
fn is_domain(p: &str) -> bool {
    !p.contains(' ')
        && p.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty() && (2..=10).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        })
}

/// "TOM KRISHER" -> "Tom Krisher".
fn title_case(p: &str) -> String {
    p.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs.flat_map(|c| c.to_lowercase())).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn plausible_name(p: &str) -> bool {
    if p.is_empty() || p.len() > 60 || p.contains('@') || p.contains("://") || p.contains("www.") {
        return false;
    }
    // a form label cut short ("Nama (wajib")
    if p.matches('(').count() != p.matches(')').count() {
        return false;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    // a lone word of one or two letters ("As") is not a name; two CJK characters may be one
    if words.len() == 1 && p.chars().count() <= 2 && !(p.chars().count() == 2 && p.chars().all(is_cjk)) {
        return false;
    }
    let lower = p.to_lowercase();
    const NOT_NAMES: [&str; 14] = [
        "staff",
        "editor",
        "editors",
        "editorial",
        "newsroom",
        "desk",
        "team",
        "admin",
        "administrator",
        "contributor",
        "correspondent",
        "reporter",
        "writer",
        "news service",
    ];
    const JOB_ROOTS: [&str; 9] = [
        "editor",
        "writer",
        "reporter",
        "correspondent",
        "columnist",
        "contributor",
        "producer",
        "photographer",
        "analyst",
    ];
    if words.iter().any(|w| {
        let l = w.to_lowercase();
        JOB_ROOTS.iter().any(|j| l.starts_with(j))
    }) {
        return false;
    }
    if words
        .iter()
        .any(|w| NOT_NAMES.contains(&w.to_lowercase().trim_end_matches(['.', ','])))
        || lower.ends_with(" staff")
        || lower.starts_with("staff ")
    {
        return false;
    }
    if p.chars().filter(|c| c.is_ascii_digit()).count() > 0 {
        return false;
    }
    const PARTICLES: [&str; 20] = [
        "de", "da", "do", "dos", "das", "van", "von", "der", "den", "del", "della", "la", "le", "bin", "al", "di",
        "du", "ter", "ten", "y",
    ];
    if matches!(words[0].to_lowercase().as_str(), "the" | "a" | "an") {
        return false;
    }
    // Every word of a name is capitalised (or a particle), in scripts that have case.
    let cased_ok = words.iter().all(|w| {
        let f = w.chars().next().unwrap_or(' ');
        !f.is_lowercase() || PARTICLES.contains(&w.to_lowercase().as_str())
    });
    cased_ok && p.chars().next().is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::parse::parse;

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html lang=\"en-US\"><head><meta charset=utf-8>{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn json_ld_article_gives_everything_and_wins() {
        let head = r#"<title>Storm floods coastal towns | Coast Herald</title>
<meta property="og:site_name" content="Coast Herald">
<meta name="author" content="Someone Else">
<meta property="article:published_time" content="2023-09-01T08:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Storm floods coastal towns","datePublished":"2023-09-02T10:15:00+02:00",
 "dateModified":"2023-09-02T12:00:00+02:00","articleSection":["Weather","News"],
 "keywords":["storm","flooding"],"description":"Heavy rain flooded three towns.",
 "author":[{"@type":"Person","name":"Maria Lopes"},{"@type":"Person","name":"Tom Baker"},{"@type":"Organization","name":"Coast Herald"}],
 "publisher":{"@type":"Organization","name":"Coast Herald Media"}}</script>"#;
        let m = read_meta(
            &parse(&page(head, "<h1>Storm floods coastal towns</h1><p>Text.</p>")),
            Some("https://coastherald.example/2023/09/02/storm"),
        );
        assert_eq!(m.title.as_deref(), Some("Storm floods coastal towns"));
        assert_eq!(m.outlet.as_deref(), Some("Coast Herald"));
        assert_eq!(m.authors, ["Maria Lopes", "Tom Baker"]);
        assert_eq!(
            m.published[0],
            ("2023-09-02T10:15:00+02:00".to_string(), DateSource::JsonLd)
        );
        assert_eq!(m.published[1].1, DateSource::Meta);
        assert_eq!(m.published.last().map(|p| p.1), Some(DateSource::Url));
        assert_eq!(m.modified.as_deref(), Some("2023-09-02T12:00:00+02:00"));
        assert_eq!(m.section.as_deref(), Some("Weather"));
        assert_eq!(m.tags, ["storm", "flooding"]);
        assert_eq!(m.description.as_deref(), Some("Heavy rain flooded three towns."));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn meta_tags_without_json_ld() {
        let head = r#"<title>Council approves budget - Valley Times</title>
<link rel="canonical" href="/politics/council-budget">
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="Ann Smith">
<meta property="article:published_time" content="2024-02-10T09:00:00-05:00">
<meta property="article:modified_time" content="2024-02-11T09:00:00-05:00">
<meta property="article:section" content="Politics">
<meta property="article:tag" content="Budget"><meta property="article:tag" content="Council">
<meta name="description" content="The council approved the budget.">"#;
        let m = read_meta(
            &parse(&page(head, "<p>Body.</p>")),
            Some("https://www.valleytimes.example/politics/council-budget?ref=x"),
        );
        assert_eq!(m.title.as_deref(), Some("Council approves budget"));
        assert_eq!(m.outlet.as_deref(), Some("Valley Times"));
        assert_eq!(m.authors, ["Ann Smith"]);
        assert_eq!(
            m.published[0],
            ("2024-02-10T09:00:00-05:00".to_string(), DateSource::Meta)
        );
        assert_eq!(m.modified.as_deref(), Some("2024-02-11T09:00:00-05:00"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://www.valleytimes.example/politics/council-budget")
        );
        assert_eq!(m.section.as_deref(), Some("Politics"));
        assert_eq!(m.tags, ["Budget", "Council"]);
    }

    #[test]
    fn byline_markup_several_authors_without_staff_or_outlet() {
        let body = r#"<header><h1>Bridge reopens after repairs</h1>
<p class="article-byline">By JANE DOE and John Roe, Metro Daily Staff</p></header><p>Text of the story.</p>"#;
        let head = r#"<title>Bridge reopens after repairs | Metro Daily</title>"#;
        let m = read_meta(&parse(&page(head, body)), Some("https://metrodaily.example/a/1"));
        assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(m.title.as_deref(), Some("Bridge reopens after repairs"));
        assert_eq!(m.outlet.as_deref(), Some("Metro Daily"));
    }

    #[test]
    fn agencies_and_staff_are_not_authors() {
        for byline in [
            "Reuters",
            "By Associated Press",
            "Staff",
            "Editorial Staff",
            "The Metro Daily",
        ] {
            let head = format!(
                r#"<meta name="author" content="{byline}"><meta property="og:site_name" content="The Metro Daily">"#
            );
            let m = read_meta(&parse(&page(&head, "<p>x</p>")), None);
            assert!(m.authors.is_empty(), "{byline}: {:?}", m.authors);
        }
        let head = r#"<meta name="author" content="Victor Vance, Futurism">"#;
        assert_eq!(read_meta(&parse(&page(head, "")), None).authors, ["Victor Vance"]);
    }

    #[test]
    fn microdata_and_rel_author() {
        let body = r#"<div class="meta"><span itemprop="author" itemscope><span itemprop="name">Lena Park</span></span>
<time itemprop="datePublished" datetime="2022-05-06T07:00:00Z">May 6</time></div>
<section class="comments"><span itemprop="author">Commenter Bob</span></section>"#;
        let m = read_meta(&parse(&page("<title>x</title>", body)), None);
        assert_eq!(m.authors, ["Lena Park"]);
        assert_eq!(m.published[0], ("2022-05-06T07:00:00Z".to_string(), DateSource::Time));
        let body = r#"<p>Posted by <a rel="author" href="/u/kim">Kim Lee</a></p>"#;
        assert_eq!(read_meta(&parse(&page("", body)), None).authors, ["Kim Lee"]);
    }

    #[test]
    fn an_outlet_or_an_address_as_author_gives_way_to_the_next_source() {
        // JSON-LD credits the outlet, the meta tag an e-mail address: the Yoast label pair names
        // the writer.
        let head = r#"<meta property="og:site_name" content="Tagesblatt">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Organization","name":"Tagesblatt"}}</script>
<meta name="author" content="j.muster@tagesblatt.example"><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jana Muster">"#;
        let m = read_meta(&parse(&page(head, "<h1>H</h1>")), None);
        assert_eq!(m.authors, ["Jana Muster"]);
        // The outlet only in the structured data: the byline of the markup names the writer.
        let head = r#"<meta property="og:site_name" content="Tagesblatt"><meta name="author" content="Tagesblatt">"#;
        let body = r#"<h1>H</h1><p class="meta-info">von <a href="/autoren/name/max-muster">Dr. Max Muster</a></p><p>20.10.2025</p>"#;
        assert_eq!(read_meta(&parse(&page(head, body)), None).authors, ["Dr. Max Muster"]);
        // An outlet with its places is no list of people.
        let head = r#"<meta name="author" content="tagesblatt.example, Frankfurt, Germany">"#;
        assert!(read_meta(&parse(&page(head, "<h1>H</h1>")), None).authors.is_empty());
    }

    #[test]
    fn author_profile_links_near_the_headline() {
        let body = r#"<h1>Headline</h1><ul class="metaInfoList"><li><a href="https://x.example/author/jane-doe/">Jane Doe</a></li>
<li><a href="https://x.example/author/john-roe/">John Roe</a></li></ul><p>Story.</p>
<div class="sidebar"><div><a href="/author/other-person/">Other Person</a></div></div>"#;
        assert_eq!(
            read_meta(&parse(&page("", body)), None).authors,
            ["Jane Doe", "John Roe"]
        );
        // A tag page or a section is no profile page.
        assert!(!is_profile_href("/tag/jane-doe"));
        assert!(!is_profile_href("https://x.example/author"));
        assert!(is_profile_href("https://x.example/autoren/name/max-muster?r=1"));
    }

    #[test]
    fn bylines_led_by_a_byline_word_in_several_languages() {
        let body = r#"<h1>Titel</h1><ul><li>Veröffentlicht am 13. Mai 2026</li>
<li>Von: <span><a href="/bill-miller">Bill MILLER</a>,</span> <span><a href="/mary-roe">Mary ROE</a></span></li></ul>"#;
        assert_eq!(
            read_meta(&parse(&page("", body)), None).authors,
            ["Bill MILLER", "Mary ROE"]
        );
        let body = r#"<h1>Título</h1><div><span>Por Ana Lima y Rui Costa</span></div>"#;
        assert_eq!(
            read_meta(&parse(&page("", body)), None).authors,
            ["Ana Lima", "Rui Costa"]
        );
        let body = r#"<h1>Titre</h1><p>Par Claire Dubois, Lyon</p>"#;
        assert_eq!(read_meta(&parse(&page("", body)), None).authors, ["Claire Dubois"]);
        // Words after the byline word that are no names; a place alone.
        let body = r#"<h1>T</h1><p>De Madrid a Barcelona</p><p>Von Berlin</p><p>By the way</p>"#;
        assert!(read_meta(&parse(&page("", body)), None).authors.is_empty());
    }

    #[test]
    fn teaser_bylines_are_not_the_articles() {
        let story = "<p>Ein langer Absatz der Geschichte, der so weitergeht, wie Zeitungen schreiben.</p>".repeat(30);
        // in a link, and after the whole story
        let body = format!(
            r#"<h1>Titel</h1><div><a href="/other"><h3>Anderes</h3><span>Von Ines Muster, Berlin</span></a></div>{story}
<div class="teaser-bottom"><div class="appetizer-author">Von Christoph Beispiel</div></div>"#
        );
        assert!(read_meta(&parse(&page("", &body)), None).authors.is_empty());
    }

    #[test]
    fn an_agency_credit_is_not_followed_by_its_dateline_or_an_institution() {
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Person","name":"Reuters"}}</script>"#;
        let body = r#"<h1>H</h1><div class="article-byline"><a href="/author/reuters/">Reuters</a> <time>November 18, 2019</time></div>"#;
        assert!(read_meta(&parse(&page(head, body)), None).authors.is_empty());
        let head =
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":"Reuters"}</script>"#;
        let body = r#"<h1>H</h1><p class="byline">Washington, Nov. 20</p>"#;
        assert!(read_meta(&parse(&page(head, body)), None).authors.is_empty());
        let body =
            r#"<h1>H</h1><p class="article-byline">by <a href="https://esa.example/">European Space Agency</a></p>"#;
        assert!(read_meta(&parse(&page("", body)), None).authors.is_empty());
    }

    #[test]
    fn the_sites_own_short_name_is_no_author() {
        assert_eq!(domain_label("https://www.lto.de/recht/x").as_deref(), Some("lto"));
        assert_eq!(domain_label("https://www.bbc.co.uk/news").as_deref(), Some("bbc"));
        assert_eq!(domain_label("https://news.com.au/a").as_deref(), Some("news"));
        let head = r#"<meta name="author" content="LTO">"#;
        let body = r#"<h1>H</h1><p>von <a href="/autoren/name/jana-muster">Jana Muster</a></p>"#;
        let m = read_meta(&parse(&page(head, body)), Some("https://www.lto.de/recht/x"));
        assert_eq!(m.authors, ["Jana Muster"]);
    }

    #[test]
    fn a_bold_name_line_opening_the_story() {
        let long = "The river rose overnight and the village woke to water in every street, its people said.";
        let body = format!(
            "<h1>Floods</h1><div><p>&nbsp;</p><p><em>villagers count the losses</em></p>\
             <p><strong>Thabo Mokoena/Lerato Dlamini</strong></p><p><strong>T</strong>{long}</p><p>{long}</p></div>"
        );
        assert_eq!(
            read_meta(&parse(&page("", &body)), None).authors,
            ["Thabo Mokoena", "Lerato Dlamini"]
        );
        // A bold subheading inside the story is no byline.
        let body =
            format!("<h1>Floods</h1><div><p>{long}</p><p><strong>What Comes Next</strong></p><p>{long}</p></div>");
        assert!(read_meta(&parse(&page("", &body)), None).authors.is_empty());
    }

    #[test]
    fn korean_and_japanese_names() {
        let head = r#"<meta name="author" content="신현주 기자">"#;
        assert_eq!(read_meta(&parse(&page(head, "")), None).authors, ["신현주"]);
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"@type":"Person","name":"新間"}}</script>"#;
        assert_eq!(read_meta(&parse(&page(head, "")), None).authors, ["新間"]);
        assert!(!plausible_name("新"));
    }

    #[test]
    fn outlet_from_json_ld_publisher_and_url_and_text_dates() {
        let head = r#"<script type="application/ld+json">[{"@type":"Organization","name":"River Post"},{"@type":"WebPage","name":"Home"}]</script>"#;
        let body = r#"<h1>Ferry service resumes on the river</h1><span class="article-publish-date">March 3, 2021, 9:02 AM</span><p>Body.</p>"#;
        let m = read_meta(&parse(&page(head, body)), Some("https://riverpost.example/news/ferry"));
        assert_eq!(m.outlet.as_deref(), Some("River Post"));
        assert_eq!(m.title.as_deref(), Some("Ferry service resumes on the river"));
        assert_eq!(m.published, [("March 3, 2021, 9:02 AM".to_string(), DateSource::Text)]);
        let m = read_meta(
            &parse(&page("", "<p>x</p>")),
            Some("https://riverpost.example/2021/03/03/ferry/"),
        );
        assert_eq!(m.published, [("2021-03-03".to_string(), DateSource::Url)]);
    }

    #[test]
    fn visible_headline_beats_prefixed_or_seo_titles() {
        let head = r#"<meta property="og:title" content="Opinion | Why cities need trees">
<title>Opinion | Why cities need trees - The Daily Planet</title>"#;
        let m = read_meta(&parse(&page(head, "<h1>Why cities need trees</h1>")), None);
        assert_eq!(m.title.as_deref(), Some("Why cities need trees"));
        assert_eq!(m.outlet.as_deref(), Some("The Daily Planet"));
        // An h1 that is the site's name is not the headline.
        let head = r#"<meta property="og:site_name" content="Garden Notes"><title>Pruning roses in winter | Garden Notes</title>"#;
        let m = read_meta(&parse(&page(head, "<h1>Garden Notes</h1>")), None);
        assert_eq!(m.title.as_deref(), Some("Pruning roses in winter"));
    }

    #[test]
    fn graph_references_prefixes_and_glued_agencies() {
        // Yoast-style graph: the article's author is an @id reference to a Person node.
        let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Article","@id":"https://x.example/a#article","headline":"Native ads work","author":{"@id":"https://x.example/#/schema/person/1"},"datePublished":"2018-02-15T14:33:18+00:00"},
 {"@type":"Person","@id":"https://x.example/#/schema/person/1","name":"Yara Stone"},
 {"@type":"VideoObject","name":"Clip","uploadDate":"2017-01-01"}]}</script>"#;
        let m = read_meta(&parse(&page(head, "")), None);
        assert_eq!(m.authors, ["Yara Stone"]);
        assert_eq!(m.published[0].0, "2018-02-15T14:33:18+00:00");
        let head = r#"<meta name="author" content="Analysis by Chris Hill, Global Editor-at-large">"#;
        assert_eq!(read_meta(&parse(&page(head, "")), None).authors, ["Chris Hill"]);
        let body = r#"<div class="byline">By DANA KIRK and JILL LAWSON<br>Associated Press</div>"#;
        assert_eq!(
            read_meta(&parse(&page("", body)), None).authors,
            ["Dana Kirk", "Jill Lawson"]
        );
        let head = r#"<meta name="author" content="Marcus De Guzman">"#;
        assert_eq!(read_meta(&parse(&page(head, "")), None).authors, ["Marcus De Guzman"]);
    }

    #[test]
    fn a_handle_as_site_name_gives_way_to_the_name_readers_know() {
        let head = r#"<meta property="og:site_name" content="@coastherald"><title>Storm hits the coast | Coast Herald</title>"#;
        let m = read_meta(&parse(&page(head, "")), None);
        assert_eq!(m.outlet.as_deref(), Some("Coast Herald"));
        assert_eq!(m.title.as_deref(), Some("Storm hits the coast"));
        // with nothing else to go on, the handle without its "@"
        let head = r#"<meta property="og:site_name" content="@coastherald"><title>Storm hits the coast</title>"#;
        assert_eq!(
            read_meta(&parse(&page(head, "")), None).outlet.as_deref(),
            Some("coastherald")
        );
    }

    #[test]
    fn author_labels_weekdays_and_form_fragments_are_not_names() {
        let clean = |s: &str| clean_authors(vec![s.to_string()], &[]);
        assert_eq!(clean("Текст: Венера Ерофеева"), ["Венера Ерофеева"]);
        assert_eq!(clean("Reporting: Ana Ruiz"), ["Ana Ruiz"]);
        assert_eq!(clean("Jeff Foust Monday"), ["Jeff Foust"]);
        assert_eq!(clean("Brian May"), ["Brian May"]); // months stay: they are given names too
        assert!(clean("Nama (wajib").is_empty());
        assert!(clean("As").is_empty());
    }

    #[test]
    fn known_outlets_get_their_canonical_name() {
        let head = r#"<meta property="og:site_name" content="WSJ"><title>Markets rally - WSJ</title>"#;
        let m = read_meta(&parse(&page(head, "")), None);
        assert_eq!(m.outlet.as_deref(), Some("The Wall Street Journal"));
        assert_eq!(m.title.as_deref(), Some("Markets rally"));
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.com/2019/11/19/opinion/a.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            url_date("https://x.com/news/20191119-slug").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(url_date("https://x.com/2019/11/slug/").as_deref(), Some("2019-11"));
        assert_eq!(url_date("https://x.com/a/12345678"), None);
    }

    #[test]
    fn suffix_stripping() {
        let names = vec!["VentureBeat".to_string()];
        assert_eq!(
            strip_site_suffix("WeWork under investigation | VentureBeat", &names, None),
            "WeWork under investigation"
        );
        assert_eq!(
            strip_site_suffix(
                "A - B: the story - The Daily Planet",
                &[],
                Some("A - B: the story - The Daily Planet")
            ),
            "A - B: the story"
        );
        let t = "Juros sobem | Jornal";
        assert_eq!(strip_site_suffix(t, &[], Some(t)), "Juros sobem");
        let t = "Rates rise - Daily";
        assert_eq!(strip_site_suffix(t, &[], Some(t)), "Rates rise - Daily");
    }

    #[test]
    fn authors_are_cleaned() {
        let a = clean_authors(
            vec!["By Jane Doe and John Roe".into(), "Staff".into(), "Example News".into()],
            &["examplenews".into()],
        );
        assert_eq!(a, vec!["Jane Doe", "John Roe"]);
    }

    #[test]
    fn json_ld_graph_and_lenient_parse() {
        let html = "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak\",\"datePublished\":\"2024-01-02T03:04:05Z\"}]}</script></head><body></body></html>";
        let m = read_meta(&parse(html), None);
        assert_eq!(m.title.as_deref(), Some("Line break"));
        assert_eq!(
            m.published.first(),
            Some(&("2024-01-02T03:04:05Z".to_string(), DateSource::JsonLd))
        );
    }
}
