//! Where the types' texts live: every text of the types one load adds (codes, labels,
//! descriptions) in one shared buffer, each type holding offsets into it. A million types from an
//! account's answer are a million codes and labels: as separate strings that was seven heap
//! allocations and 170 bytes of bookkeeping per type; here it is one buffer and 44 bytes.
//!
//! A label or description that repeats another of the same type (Kommo's answer gives one label
//! for all languages; a file without Portuguese texts uses the English ones) is stored once.

use std::sync::Arc;

/// The seven texts of a type, in storage order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeTexts<'a> {
    pub code: &'a str,
    pub label_es: &'a str,
    pub label_en: &'a str,
    pub label_pt: &'a str,
    pub description_en: &'a str,
    pub description_es: &'a str,
    pub description_pt: &'a str,
}

/// Which text a field is, as an index into [`Spans::ends`].
#[derive(Clone, Copy)]
pub(super) enum Field {
    Code = 0,
    LabelEs = 1,
    LabelEn = 2,
    LabelPt = 3,
    DescriptionEn = 4,
    DescriptionEs = 5,
    DescriptionPt = 6,
}

/// Bits of [`Spans::same`]: the field is not stored, it is the one named.
const EN_IS_ES: u8 = 1;
const PT_IS_ES: u8 = 2;
const PT_IS_EN: u8 = 4;
const DESCRIPTION_PT_IS_EN: u8 = 8;

/// A type's texts as offsets into its buffer: they start at `start`, and field `i` ends at
/// `start + ends[i]` (it begins where field `i - 1` ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Spans {
    start: u32,
    ends: [u16; 7],
    same: u8,
}

/// The longest text a type keeps, in bytes: Kommo's longest label is under a hundred characters
/// and a description a few hundred, so a longer one is a broken or hostile file or answer, cut
/// (at a char) where it enters. Seven of them fit the 16-bit offsets of [`Spans`].
pub const MAX_TEXT_BYTES: usize = 8 * 1024;

/// `text` cut to at most [`MAX_TEXT_BYTES`], at a char boundary.
fn clamped(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// One load's texts, shared by its types.
#[derive(Clone, Debug, Default)]
pub(super) struct Buffer(Arc<String>);

impl Buffer {
    /// Field `field` of the type at `spans`.
    pub(super) fn field(&self, spans: &Spans, field: Field) -> &str {
        let field = match field {
            Field::LabelEn if spans.same & EN_IS_ES != 0 => Field::LabelEs,
            Field::LabelPt if spans.same & PT_IS_ES != 0 => Field::LabelEs,
            Field::LabelPt if spans.same & PT_IS_EN != 0 => return self.field(spans, Field::LabelEn),
            Field::DescriptionPt if spans.same & DESCRIPTION_PT_IS_EN != 0 => Field::DescriptionEn,
            other => other,
        } as usize;
        let begin = if field == 0 { 0 } else { usize::from(spans.ends[field - 1]) };
        let start = spans.start as usize;
        &self.0[start + begin..start + usize::from(spans.ends[field])]
    }
}

/// Collects the texts of many types into one buffer.
#[derive(Default)]
pub(super) struct BufferBuilder {
    text: String,
}

/// Offsets are 32 bits: a buffer holds one load's texts, and a load is at most one catalog file
/// ([`MAX_FILE_BYTES`](super::MAX_FILE_BYTES), far below 4 GiB) or one account's types.
impl BufferBuilder {
    pub(super) fn with_capacity(bytes: usize) -> BufferBuilder {
        BufferBuilder { text: String::with_capacity(bytes) }
    }

    /// Stores a type's texts and says where they are.
    /// A text longer than [`MAX_TEXT_BYTES`] is cut.
    pub(super) fn push(&mut self, texts: &TypeTexts<'_>) -> Spans {
        let start = self.text.len();
        let mut ends = [0u16; 7];
        let mut same = 0;
        let mut put = |text: &mut String, field: Field, value: &str, stored: bool| {
            if stored {
                text.push_str(clamped(value));
            }
            // At most seven clamped texts: below 2^16.
            ends[field as usize] = (text.len() - start) as u16;
        };
        let text = &mut self.text;
        put(text, Field::Code, texts.code, true);
        put(text, Field::LabelEs, texts.label_es, true);
        let en_is_es = texts.label_en == texts.label_es;
        if en_is_es {
            same |= EN_IS_ES;
        }
        put(text, Field::LabelEn, texts.label_en, !en_is_es);
        let pt_is_es = texts.label_pt == texts.label_es;
        let pt_is_en = !pt_is_es && texts.label_pt == texts.label_en;
        if pt_is_es {
            same |= PT_IS_ES;
        } else if pt_is_en {
            same |= PT_IS_EN;
        }
        put(text, Field::LabelPt, texts.label_pt, !pt_is_es && !pt_is_en);
        put(text, Field::DescriptionEn, texts.description_en, true);
        put(text, Field::DescriptionEs, texts.description_es, true);
        let description_pt_is_en = texts.description_pt == texts.description_en;
        if description_pt_is_en {
            same |= DESCRIPTION_PT_IS_EN;
        }
        put(text, Field::DescriptionPt, texts.description_pt, !description_pt_is_en);
        Spans { start: start as u32, ends, same }
    }

    pub(super) fn finish(mut self) -> Buffer {
        self.text.shrink_to_fit();
        Buffer(Arc::new(self.text))
    }
}

/// The bytes a type's texts take in a buffer.
pub(super) fn stored_len(texts: &TypeTexts<'_>) -> usize {
    texts.code.len()
        + texts.label_es.len()
        + texts.label_en.len()
        + texts.label_pt.len()
        + texts.description_en.len()
        + texts.description_es.len()
        + texts.description_pt.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(labels: [&'a str; 3], descriptions: [&'a str; 3]) -> TypeTexts<'a> {
        TypeTexts {
            code: "lead_added",
            label_es: labels[0],
            label_en: labels[1],
            label_pt: labels[2],
            description_en: descriptions[0],
            description_es: descriptions[1],
            description_pt: descriptions[2],
        }
    }

    fn read_back(buffer: &Buffer, spans: &Spans) -> [String; 7] {
        use Field::*;
        [Code, LabelEs, LabelEn, LabelPt, DescriptionEn, DescriptionEs, DescriptionPt]
            .map(|field| buffer.field(spans, field).to_string())
    }

    #[test]
    fn every_field_reads_back_as_stored_and_repeats_are_stored_once() {
        let cases = [
            texts(["Lead añadido", "Lead added", "Lead adicionado"], ["Added", "Añadido", "Adicionado"]),
            texts(["Uno", "Uno", "Uno"], ["", "", ""]),
            texts(["Uno", "One", "One"], ["d", "", "d"]),
            texts(["Uno", "One", "Uno"], ["", "e", ""]),
            texts(["Uno", "Uno", "Um"], ["x", "y", "z"]),
        ];
        let mut builder = BufferBuilder::default();
        let spans: Vec<Spans> = cases.iter().map(|case| builder.push(case)).collect();
        let buffer = builder.finish();
        for (case, spans) in cases.iter().zip(&spans) {
            let expected = [
                case.code,
                case.label_es,
                case.label_en,
                case.label_pt,
                case.description_en,
                case.description_es,
                case.description_pt,
            ]
            .map(String::from);
            assert_eq!(read_back(&buffer, spans), expected);
        }
        let stored = "lead_addedLead añadidoLead addedLead adicionadoAddedAñadidoAdicionado".len()
            + "lead_addedUno".len()
            + "lead_addedUnoOned".len()
            + "lead_addedUnoOnee".len()
            + "lead_addedUnoUmxyz".len();
        assert_eq!(buffer.0.len(), stored, "one copy of each repeated text");
    }

    #[test]
    fn a_text_too_long_is_cut_at_a_char_and_the_others_stay_whole() {
        let long = "ñ".repeat(MAX_TEXT_BYTES);
        let case = texts(["Uno", &long, "Um"], [&long, &long, &long]);
        let mut builder = BufferBuilder::default();
        let spans = builder.push(&case);
        let buffer = builder.finish();
        let [code, es, en, pt, description_en, description_es, _] = read_back(&buffer, &spans);
        assert_eq!((code.as_str(), es.as_str(), pt.as_str()), ("lead_added", "Uno", "Um"));
        assert_eq!(en.len(), MAX_TEXT_BYTES, "{} bytes", en.len());
        assert!(
            long.starts_with(&en) && long.starts_with(&description_en) && long.starts_with(&description_es)
        );
    }
}
