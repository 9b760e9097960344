//! Case and accent folding that never changes the number of chars.
//!
//! Search runs on folded text but highlights are drawn on the original
//! text, so every char must fold to exactly one char: a char index found in
//! the folded text is then the same char index in the original.

/// Folds `text` for searching: lowercase, with the diacritics of Latin
/// letters stripped (`Fusión` → `fusion`, `Ñ` → `n`).
///
/// The result always has the same `chars().count()` as `text`, so char
/// indices can be carried back to the original string for highlighting.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Same as [`fold`], but writes into `out` (cleared first) so a caller
/// folding many strings can reuse one allocation.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    fold_append(text, out);
}

/// Same as [`fold`], but appends to `out`, so many texts can be folded into one buffer without
/// a copy in between.
pub fn fold_append(text: &str, out: &mut String) {
    out.reserve(text.len());
    // Runs of ASCII (most of any code or label) are copied and lowercased in bulk; only the
    // chars outside ASCII go through the table, one by one.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            out.push(fold_char(c));
        }
        rest = chars.as_str();
    }
}

/// Folds one char to one char.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Latin-1 punctuation and signs (« » ¿ ¡ º …) have no other case: skip the Unicode tables.
    if c < '\u{C0}' {
        return c;
    }
    latin_base_letter(c).unwrap_or_else(|| single_char_lowercase(c))
}

/// Lowercases `c` only when Unicode gives a single-char lowercase; chars
/// like `İ` (whose lowercase is two chars) stay as they are to keep the
/// one-to-one mapping.
fn single_char_lowercase(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(only), None) => only,
        _ => c,
    }
}

/// Base ASCII letter of an accented (or stroked) letter from Latin-1
/// Supplement or Latin Extended-A.
///
/// Written by hand instead of using Unicode decomposition so the crate needs
/// no normalisation tables. Letters that are not "a base letter plus a mark"
/// (`æ`, `œ`, `ß`, `ð`, `þ`, `ĳ`, `ŋ`, `ĸ`) are deliberately absent: they
/// only get lowercased. Stroked letters (`ø`, `đ`, `ł`, `ħ`, `ŧ`) fold to
/// their base letter because that is what people type when searching.
fn latin_base_letter(c: char) -> Option<char> {
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ŉ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' | 'ſ' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        _ => return None,
    };
    Some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_spanish_accents_and_lowercases() {
        assert_eq!(fold("Fusión realizada"), "fusion realizada");
        assert_eq!(fold("Nueva compañía"), "nueva compania");
        assert_eq!(fold("ÁÉÍÓÚÜÑ"), "aeiouun");
        assert_eq!(fold("áéíóúüñ"), "aeiouun");
    }

    #[test]
    fn strips_cedilla_and_portuguese_accents() {
        assert_eq!(fold("Ç"), "c");
        assert_eq!(fold("ç"), "c");
        assert_eq!(fold("ãõâêô"), "aoaeo");
        assert_eq!(fold("ÃÕÂÊÔ"), "aoaeo");
        assert_eq!(fold("Negociação concluída"), "negociacao concluida");
    }

    #[test]
    fn folds_latin_extended_a_letters() {
        assert_eq!(fold("ĀăĄćČďĐēĚğĦĩİıĵķĺŁńňŉőŘšşſťŦůűŵŷŸźŽ"), "aaaccddeeghiiijkllnnnorsssttuuwyyzz");
        assert_eq!(fold("Łódź Kraków"), "lodz krakow");
    }

    #[test]
    fn letters_without_a_base_letter_are_only_lowercased() {
        assert_eq!(fold("ÆŒÐÞĲŊ"), "æœðþĳŋ");
        assert_eq!(fold("ßĸ"), "ßĸ");
    }

    #[test]
    fn every_latin1_and_extended_a_letter_folds_to_ascii_or_a_known_exception() {
        let exceptions = "æœðþĳŋßĸ";
        for c in ('\u{C0}'..='\u{17F}').filter(|c| c.is_alphabetic()) {
            let folded = fold(&c.to_string());
            let ok = folded.chars().all(|f| f.is_ascii_lowercase() || exceptions.contains(f));
            assert!(ok, "{c:?} (U+{:04X}) folded to {folded:?}", c as u32);
        }
    }

    #[test]
    fn latin1_signs_fold_to_what_unicode_lowercase_gives() {
        for c in '\u{80}'..'\u{C0}' {
            assert_eq!(fold_char(c), single_char_lowercase(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn symbols_in_latin1_are_untouched() {
        assert_eq!(fold("×÷µ¿¡ªº€"), "×÷µ¿¡ªº€");
    }

    #[test]
    fn non_latin_scripts_pass_through_or_lowercase_one_to_one() {
        assert_eq!(fold("日本語のリード"), "日本語のリード");
        assert_eq!(fold("🚀 Lead 🎉"), "🚀 lead 🎉");
        assert_eq!(fold("ΣΔ Привет"), "σδ привет");
    }

    #[test]
    fn chars_with_multi_char_lowercase_stay_unchanged() {
        // U+0130 is the only char whose lowercase is two chars ("i" plus a
        // combining dot); the table folds it to "i", so check the fallback
        // on its own.
        assert_eq!('\u{130}'.to_lowercase().count(), 2);
        assert_eq!(single_char_lowercase('\u{130}'), '\u{130}');
        assert_eq!(fold("\u{130}stanbul"), "istanbul");
    }

    #[test]
    fn fold_keeps_char_count() {
        let samples = [
            "",
            "Fusión realizada",
            "Nueva compañía",
            "ÁÉÍÓÚÜÑ ÇÃÕÂÊÔ",
            "İstanbul ǅ ǈ ǋ ẞ ﬁ ŉ",
            "日本語のリード",
            "🚀🎉👩‍👩‍👧 emoji ZWJ",
            "e\u{301} combining mark",
            "Ωμέγα ΣΊΣΥΦΟΣ",
            "Привет МИР",
            "\u{10400}\u{10428} deseret",
            "tab\tnew\nline",
        ];
        for sample in samples {
            assert_eq!(fold(sample).chars().count(), sample.chars().count(), "{sample:?}");
        }
        for code in (0..=0x2FFFu32).chain(0x1F300..0x1F700) {
            if let Some(c) = char::from_u32(code) {
                let s = c.to_string();
                assert_eq!(fold(&s).chars().count(), 1, "U+{code:04X}");
            }
        }
    }

    #[test]
    fn fold_append_keeps_what_is_there() {
        let mut buffer = String::from("code ");
        fold_append("Compañía «X»", &mut buffer);
        assert_eq!(buffer, "code compania «x»");
    }

    #[test]
    fn fold_into_reuses_and_clears_the_buffer() {
        let mut buffer = String::from("leftover text");
        fold_into("Ñandú", &mut buffer);
        assert_eq!(buffer, "nandu");
    }
}
