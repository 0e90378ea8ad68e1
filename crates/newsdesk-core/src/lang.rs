//! Lang: detect the language of a clean body text and name it by ISO 639-1 code.
//!
//! In: text. Out: a two-letter code ("en", "pt", ...) or `None` when the text is too short or
//! the detector is unsure. Uses `whatlang` (69 languages, trigram profiles compiled in, no model
//! download), on at most the first 1,500 bytes for speed.

use whatlang::{Detector, Lang};

fn iso639_1(l: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match l {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// ISO 639-1 code of the language of `text`, or `None` when unsure.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 12 {
        return None;
    }
    let info = Detector::new().detect(sample)?;
    if info.confidence() < 0.2 && sample.len() < 200 {
        return None;
    }
    iso639_1(info.lang())
}

/// Normalise a language tag given by a page or caller ("pt-BR", "en_US", "por") to ISO 639-1.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 if primary.chars().all(|c| c.is_ascii_lowercase()) => Some(primary),
        3 => Lang::from_code(&primary).and_then(iso639_1).map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_five_languages() {
        let cases = [
            ("en", "Russia is buying millions of rockets and artillery shells from North Korea, according to US intelligence."),
            ("pt", "O Banco Central decidiu manter a taxa de juros inalterada nesta quarta-feira, segundo o comunicado."),
            ("es", "El gobierno anunció este martes nuevas medidas para contener la inflación, según informó el ministerio."),
            ("fr", "Le gouvernement a annoncé mardi de nouvelles mesures pour lutter contre l'inflation, selon le ministère."),
            ("de", "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die Inflation angekündigt, teilte das Ministerium mit."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text), Some(want), "{text}");
        }
        assert_eq!(detect("ok"), None);
    }

    #[test]
    fn normalizes_tags() {
        assert_eq!(normalize_tag("pt-BR").as_deref(), Some("pt"));
        assert_eq!(normalize_tag("en_US").as_deref(), Some("en"));
        assert_eq!(normalize_tag("deu").as_deref(), Some("de"));
        assert_eq!(normalize_tag("x"), None);
    }
}
