//! The filter composer's fields as the user typed them, and what they compose to: the `Filter`,
//! the errors of fields that do not parse (their text is kept as typed), the broken rules, and
//! the query string. Typing never throws anything away.

use crate::catalog::Catalog;
use crate::filter::date::{self, Bound};
use crate::filter::{self, parse, CreatedAt, EncodeOptions, FieldError, Filter, Problem};

use super::input::TextInput;

/// One row of the composer, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComposerField {
    Types,
    Entity,
    EntityId,
    CreatedBy,
    CreatedFrom,
    CreatedTo,
    With,
    Limit,
    Page,
}

impl ComposerField {
    /// Every row, top to bottom.
    pub const ALL: [ComposerField; 9] = [
        Self::Types,
        Self::Entity,
        Self::EntityId,
        Self::CreatedBy,
        Self::CreatedFrom,
        Self::CreatedTo,
        Self::With,
        Self::Limit,
        Self::Page,
    ];

    /// The text fields (every row but the chips).
    pub const TEXT: [ComposerField; 8] = [
        Self::Entity,
        Self::EntityId,
        Self::CreatedBy,
        Self::CreatedFrom,
        Self::CreatedTo,
        Self::With,
        Self::Limit,
        Self::Page,
    ];

    fn text_index(self) -> Option<usize> {
        Self::TEXT.iter().position(|field| *field == self)
    }

    /// The row after this one, wrapping.
    pub fn next(self) -> ComposerField {
        let index = Self::ALL.iter().position(|field| *field == self).unwrap_or(0);
        Self::ALL[(index + 1) % Self::ALL.len()]
    }

    /// The row before this one, wrapping.
    pub fn previous(self) -> ComposerField {
        let index = Self::ALL.iter().position(|field| *field == self).unwrap_or(0);
        Self::ALL[(index + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The time zone typed dates are read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// The machine's local time (the default, as the user thinks in it).
    Local,
    /// A fixed offset, in seconds east of UTC (tests, and users who want UTC).
    Fixed(i32),
}

/// The composer's editable state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composer {
    inputs: [TextInput; 8],
    /// The focused row.
    pub focused: ComposerField,
    /// The highlighted chip when the Types row has focus.
    pub chip: usize,
}

impl Default for Composer {
    fn default() -> Self {
        Composer { inputs: Default::default(), focused: ComposerField::Types, chip: 0 }
    }
}

impl Composer {
    /// The text typed in a field (empty for the Types row, which has chips instead).
    pub fn text(&self, field: ComposerField) -> &str {
        field.text_index().map_or("", |index| self.inputs[index].text())
    }

    /// The input behind a field, for rendering its cursor.
    pub fn input(&self, field: ComposerField) -> Option<&TextInput> {
        field.text_index().map(|index| &self.inputs[index])
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_input_mut(&mut self) -> Option<&mut TextInput> {
        self.focused.text_index().map(|index| &mut self.inputs[index])
    }

    /// Replaces a field's text (used by tests and by loading a saved filter).
    pub fn set_text(&mut self, field: ComposerField, text: &str) {
        if let Some(index) = field.text_index() {
            self.inputs[index] = TextInput::with_text(text);
        }
    }
}

/// What the composer's state means right now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Composed {
    /// The filter built from every field that parses.
    pub filter: Filter,
    /// Fields whose text does not parse; they are left out of the filter until fixed.
    pub field_errors: Vec<(ComposerField, FieldError)>,
    /// Rules the filter breaks (errors and warnings).
    pub problems: Vec<Problem>,
    /// The readable query string.
    pub query: String,
}

impl Composed {
    /// True when nothing is wrong enough to be rejected by the API.
    pub fn is_valid(&self) -> bool {
        self.field_errors.is_empty() && self.problems.iter().all(|p| p.severity == filter::Severity::Warning)
    }

    /// The parse error of one field, if any.
    pub fn error_of(&self, field: ComposerField) -> Option<&FieldError> {
        self.field_errors.iter().find(|(f, _)| *f == field).map(|(_, error)| error)
    }
}

/// Builds the filter from the selected type codes (kept in catalog order) and the typed fields.
pub fn compose(selection: &[String], composer: &Composer, zone: Zone, options: &EncodeOptions) -> Composed {
    let mut errors = Vec::new();
    let text = |field| composer.text(field);
    let filter = Filter {
        types: selection.to_vec(),
        entities: keep(
            &mut errors,
            ComposerField::Entity,
            parse::parse_entities(text(ComposerField::Entity)),
        )
        .unwrap_or_default(),
        entity_ids: keep(
            &mut errors,
            ComposerField::EntityId,
            parse::parse_id_list(text(ComposerField::EntityId)),
        )
        .unwrap_or_default(),
        created_by: keep(
            &mut errors,
            ComposerField::CreatedBy,
            parse::parse_user_list(text(ComposerField::CreatedBy)),
        )
        .unwrap_or_default(),
        created_at: CreatedAt {
            from: keep(
                &mut errors,
                ComposerField::CreatedFrom,
                moment(text(ComposerField::CreatedFrom), Bound::From, zone),
            )
            .flatten(),
            to: keep(
                &mut errors,
                ComposerField::CreatedTo,
                moment(text(ComposerField::CreatedTo), Bound::To, zone),
            )
            .flatten(),
        },
        with: keep(&mut errors, ComposerField::With, parse::parse_with_names(text(ComposerField::With)))
            .unwrap_or_default(),
        limit: keep(&mut errors, ComposerField::Limit, parse::parse_positive(text(ComposerField::Limit)))
            .flatten(),
        page: keep(&mut errors, ComposerField::Page, parse::parse_positive(text(ComposerField::Page)))
            .flatten(),
        ..Filter::default()
    };
    let problems = filter::validate(&filter);
    let query = filter::to_query(&filter, options);
    Composed { filter, field_errors: errors, problems, query }
}

/// The parsed value, or `None` with the field's error recorded.
fn keep<T>(
    errors: &mut Vec<(ComposerField, FieldError)>,
    field: ComposerField,
    parsed: Result<T, FieldError>,
) -> Option<T> {
    parsed.map_err(|error| errors.push((field, error))).ok()
}

/// Parses a typed date in the chosen zone.
pub fn moment(text: &str, bound: Bound, zone: Zone) -> Result<Option<i64>, FieldError> {
    match zone {
        Zone::Local => date::parse_moment(text, bound, &chrono::Local),
        Zone::Fixed(offset) => date::parse_moment(text, bound, &fixed_offset(offset)),
    }
}

fn fixed_offset(seconds: i32) -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(seconds)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// Sorts codes in catalog order (a per-field code sorts where its template is), so the query is
/// stable whatever order the user picked them in.
pub fn sort_by_catalog(codes: &mut [String], catalog: &Catalog) {
    let position = |code: &str| {
        let lookup =
            if filter::per_field_type_id(code).is_some() { crate::catalog::PER_FIELD_TEMPLATE } else { code };
        catalog.events().iter().position(|event| event.code == lookup).unwrap_or(usize::MAX)
    };
    codes.sort_by(|a, b| position(a).cmp(&position(b)).then(a.cmp(b)));
}
