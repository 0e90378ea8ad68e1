//! Charset sniffing: raw bytes in, the encoding the page declares (or `None`).
//!
//! Order as in the HTML spec's encoding sniffing algorithm: a byte-order mark first, then a
//! prescan of the first bytes for `<meta charset=...>` or `<meta http-equiv="Content-Type"
//! content="...; charset=...">`. Detection (chardetng) is the caller's next step when this
//! returns `None`. Labels are resolved with the WHATWG label table (`encoding_rs`); a declared
//! UTF-16 in a meta tag means UTF-8 (the bytes are ASCII-compatible if the prescan read it), and
//! `x-user-defined` means windows-1252, as browsers do.

use encoding_rs::Encoding;

/// How many leading bytes the meta prescan reads. The spec says 1024; real pages often put the
/// meta tag after long comments or scripts, so we look a little further.
const PRESCAN_BYTES: usize = 4096;

/// The encoding declared by a BOM or a `<meta>` tag near the start of `bytes`.
pub fn sniff_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return Some(enc);
    }
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    prescan(head)
}

fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let Some(off) = memchr::memchr(b'<', &head[i..]) else {
            break;
        };
        i += off;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            // Skip comments: a commented-out meta does not count.
            match memchr::memmem::find(&rest[4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => break,
            }
            continue;
        }
        if rest.len() > 5 && rest[1..5].eq_ignore_ascii_case(b"meta") && is_space_or_slash(rest[5]) {
            let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
            if let Some(enc) = meta_charset(&rest[5..end]) {
                return Some(resolve(enc));
            }
            i += end.max(1);
            continue;
        }
        i += 1;
    }
    None
}

fn is_space_or_slash(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
}

fn resolve(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    }
}

/// Attributes of one meta tag (the bytes between `<meta` and `>`).
fn meta_charset(attrs: &[u8]) -> Option<&'static Encoding> {
    let mut charset = None;
    let mut content = None;
    let mut http_equiv_ct = false;
    for (name, value) in attributes(attrs) {
        if name.eq_ignore_ascii_case(b"charset") {
            charset = Encoding::for_label(trim(value));
        } else if name.eq_ignore_ascii_case(b"content") {
            content = Some(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            http_equiv_ct = trim(value).eq_ignore_ascii_case(b"content-type");
        }
    }
    if charset.is_some() {
        return charset;
    }
    if http_equiv_ct {
        return content.and_then(charset_from_content);
    }
    None
}

/// `text/html; charset=iso-8859-1` -> the encoding.
pub fn charset_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = content.to_ascii_lowercase();
    let pos = memchr::memmem::find(&lower, b"charset")?;
    let mut rest = &content[pos + 7..];
    while let [b' ' | b'\t' | b'\n' | b'\r', tail @ ..] = rest {
        rest = tail;
    }
    let rest = rest.strip_prefix(b"=")?;
    let rest = trim(rest);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b';' | b'"' | b'\'' | b' ' | b'\t'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// A forgiving attribute reader: `name`, `name=value`, `name="value"`, `name='value'`.
fn attributes(s: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < s.len() && !s[i].is_ascii_whitespace() && s[i] != b'=' && s[i] != b'/' {
            i += 1;
        }
        let name = &s[name_start..i];
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = b"";
        if i < s.len() && s[i] == b'=' {
            i += 1;
            while i < s.len() && s[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < s.len() && (s[i] == b'"' || s[i] == b'\'') {
                let q = s[i];
                let vs = i + 1;
                let ve = s[vs..].iter().position(|&b| b == q).map_or(s.len(), |p| vs + p);
                value = &s[vs..ve];
                i = (ve + 1).min(s.len());
            } else {
                let vs = i;
                while i < s.len() && !s[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &s[vs..i];
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        out.push((name, value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(b"<meta charset=iso-8859-1>");
        assert_eq!(sniff_charset(&b), Some(encoding_rs::UTF_8));
        assert_eq!(sniff_charset(&[0xFF, 0xFE, b'<', 0]), Some(encoding_rs::UTF_16LE));
    }

    #[test]
    fn meta_charset_attribute() {
        let b = b"<!doctype html><html><head><META CHARSET=\"ISO-8859-1\"></head>";
        assert_eq!(sniff_charset(b), Some(encoding_rs::WINDOWS_1252));
        let b = b"<meta charset='shift_jis'/>";
        assert_eq!(sniff_charset(b), Some(encoding_rs::SHIFT_JIS));
    }

    #[test]
    fn http_equiv_content_type() {
        let b = b"<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head>";
        assert_eq!(sniff_charset(b), Some(encoding_rs::WINDOWS_1251));
        let b = b"<meta content='text/html;charset=utf-8' http-equiv='content-type'>";
        assert_eq!(sniff_charset(b), Some(encoding_rs::UTF_8));
    }

    #[test]
    fn commented_meta_and_utf16_label() {
        let b = b"<!-- <meta charset=koi8-r> --><meta charset=utf-16>";
        assert_eq!(sniff_charset(b), Some(encoding_rs::UTF_8));
        assert_eq!(sniff_charset(b"<p>nothing here</p>"), None);
        assert_eq!(sniff_charset(b""), None);
        assert_eq!(sniff_charset(b"<meta"), None);
    }
}
