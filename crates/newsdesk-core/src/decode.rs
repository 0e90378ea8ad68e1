//! Decode: raw bytes of unknown encoding in, a Rust `String` out.
//!
//! Order of evidence: a byte-order mark; valid UTF-8; the charset the transport declared; a
//! `<meta charset>` / `http-equiv` declaration in the first 2 KB of HTML; statistical detection
//! (chardetng). Never fails: undecodable bytes become U+FFFD, and the caller learns whether that
//! happened and whether the content looks binary.

use encoding_rs::Encoding;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Name of the encoding used (WHATWG label, e.g. "UTF-8", "windows-1252").
    pub encoding: &'static str,
    /// Some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Charset from a BOM, then from a `<meta charset=...>` or `http-equiv` content-type
/// declaration near the start (the HTML spec's prescan: comments skipped, only meta tags count;
/// see `html::sniff_charset`).
pub fn sniff_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    crate::html::sniff_charset(bytes)
}

/// Decode `bytes`, using `declared` (e.g. from HTTP headers) when nothing stronger says otherwise.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            had_errors,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_owned(),
            encoding: "UTF-8",
            had_errors: false,
        };
    }
    let enc = declared
        .and_then(|d| Encoding::for_label(d.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .or_else(|| sniff_declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8))
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        had_errors,
    }
}

/// UTF-16 without a byte order mark: text in Latin script (and any text with Latin spaces,
/// digits and punctuation between its words) has a NUL high byte in most of its units (U+0000 to
/// U+00FF), which neither UTF-8 text nor any single-byte encoding has; Greek or Cyrillic letters
/// (U+03xx, U+04xx) do not, so such text is found by its spaces and digits, or not at all. Read from the first 4 KB: NULs in at least 40% of the high bytes and in under
/// 5% of the low ones, and the units with a NUL high byte mostly ASCII letters, digits and
/// spaces, as text is (binary data with NULs in every other byte, such as `00 FF 00 FF`, is not).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // the share of units with a NUL high byte whose low byte is an ASCII word character or space
    let wordlike = |high_first: bool| {
        let units = sample
            .chunks_exact(2)
            .map(|u| if high_first { (u[0], u[1]) } else { (u[1], u[0]) });
        let (mut latin, mut wordy) = (0usize, 0usize);
        for (_, low) in units.filter(|&(high, _)| high == 0) {
            latin += 1;
            wordy += usize::from(low.is_ascii_alphanumeric() || low == b' ');
        }
        wordy * 2 >= latin
    };
    if odd * 10 >= pairs * 4 && even * 20 < pairs && wordlike(false) {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 < pairs && wordlike(true) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// True when the text looks like binary data rather than language: many control characters or
/// replacement characters.
pub fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')) || c == '\u{FFFD}')
        .count();
    bad * 10 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_declared_in_meta() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>S\xe3o Paulo</body></html>";
        let d = decode(page, None);
        assert!(d.text.contains("São Paulo"));
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn detects_undeclared_windows_1252() {
        let d = decode(b"Caf\xe9 cr\xe8me et cr\xeape, d\xe9j\xe0 vu \xe0 Montr\xe9al.", None);
        assert!(d.text.contains("Café crème"), "{}", d.text);
    }

    #[test]
    fn utf8_with_bom_and_plain() {
        assert_eq!(decode("\u{feff}Zürich".as_bytes(), None).text, "Zürich");
        assert_eq!(decode("Zürich".as_bytes(), Some("latin1")).text, "Zürich");
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Zürich: the minister said the plan would work.";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le, None).text, text);
        assert_eq!(decode(&be, None).text, text);
        assert!(!looks_binary(&decode(&le, None).text));
        // NUL bytes alone are still binary, not UTF-16, and so are NULs between other bytes
        assert!(looks_binary(&decode(&[0u8; 64], None).text));
        assert!(looks_binary(&decode(&b"\x00\xff".repeat(100), None).text));
        assert!(looks_binary(&decode(&b"\xff\x00".repeat(100), None).text));
    }

    #[test]
    fn binary_junk_is_flagged() {
        let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 256) as u8).collect();
        let d = decode(&junk, None);
        assert!(looks_binary(&d.text));
        assert!(!looks_binary("An ordinary sentence.\n"));
    }
}
