//! One event as a line of words: when, what, on which entity, who, and the change. The results
//! pane, `tail --plain` and anything else that shows events to a person build it here, so they
//! say the same thing the same way.

use serde_json::Value;

use super::describe::{describe, Names};
use crate::account::Account;
use crate::catalog::Catalog;
use crate::filter::date::Zone;
use crate::i18n::Lang;

/// An event in words, as the results pane shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    /// `2026-01-01 12:00:05` in the screen's time zone.
    pub at: String,
    /// The type's code (`lead_status_changed`): not shown, but the filter finds it.
    pub code: String,
    /// The account's label for the type, else the catalog's, else the code.
    pub kind: String,
    /// `lead 7001 "Big deal"` (the name when `with` asked for it).
    pub entity: String,
    /// Who: a user's name, `user 12`, or `robot`.
    pub by: String,
    /// The change in words, when its shape is known.
    pub change: String,
}

/// The texts of an event's line that the filter matches, in the order of [`EventLine::fields`]
/// (which is also the order of the filter's highlights).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineField {
    At,
    Code,
    Kind,
    Entity,
    By,
    Change,
}

impl EventLine {
    /// How many texts of a line the filter matches.
    pub const FIELDS: usize = 6;

    /// The entity's type and id (`lead 7001`), without the name that may follow.
    pub fn entity_ref(&self) -> &str {
        self.entity.split_once(" \"").map_or(&self.entity, |(reference, _)| reference)
    }

    /// The texts the filter matches, in [`LineField`] order.
    pub fn fields(&self) -> [&str; EventLine::FIELDS] {
        [&self.at, &self.code, &self.kind, &self.entity, &self.by, &self.change]
    }
}

/// One event in words: when, what, on which entity, who, and the change.
pub fn event_line(event: &Value, account: &Account, catalog: &Catalog, lang: Lang, zone: Zone) -> EventLine {
    let described = describe(event, &Names { account, catalog }, lang, zone);
    let code = event.get("type").and_then(Value::as_str).unwrap_or_default();
    let kind = described.type_label.clone().unwrap_or_else(|| code.to_owned());
    let mut entity = [
        event.get("entity_type").map(crate::text::plain).unwrap_or_default(),
        event.get("entity_id").map(crate::text::plain).unwrap_or_default(),
    ]
    .join(" ");
    if let Some(name) = event.pointer("/_embedded/entity/name").and_then(Value::as_str) {
        entity.push_str(&format!(" \"{name}\""));
    }
    EventLine {
        at: event
            .get("created_at")
            .and_then(Value::as_i64)
            .map(|at| local_time(at, zone))
            .unwrap_or_default(),
        code: printable(code),
        kind: printable(&kind),
        entity: printable(entity.trim()),
        by: printable(&described.by),
        change: printable(&described.change.unwrap_or_default()),
    }
}

/// Names come from the account and lead names from web forms: nothing may act on the terminal.
fn printable(text: &str) -> String {
    crate::text::printable(text).into_owned()
}

fn local_time(seconds: i64, zone: Zone) -> String {
    zone.format(seconds, "%Y-%m-%d %H:%M:%S")
}

impl EventLine {
    /// The line for a person on a terminal: `2026-01-01 12:00:05  lead_status_changed (Stage
    /// changed)  lead 7001 "Deal"  Ana  Stage: Negotiation → Won (Sales)`; the label only when it
    /// says more than the code.
    pub fn readable(&self) -> String {
        let kind =
            if self.kind == self.code { self.code.clone() } else { format!("{} ({})", self.code, self.kind) };
        let mut line = format!("{}  {kind}  {}  {}", self.at, self.entity, self.by);
        if !self.change.is_empty() {
            line.push_str("  ");
            line.push_str(&self.change);
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_readable_line_has_time_type_entity_author_and_change() {
        let event = json!({
            "id": "01JABC", "type": "lead_status_changed", "entity_type": "lead", "entity_id": 7,
            "created_by": 0, "created_at": 1767225600,
            "value_before": [{"lead_status": {"id": 1, "pipeline_id": 2}}],
            "value_after": [{"lead_status": {"id": 142, "pipeline_id": 2}}],
            "_embedded": {"entity": {"id": 7, "name": "Deal, \"big\""}}
        });
        let line = event_line(&event, &Account::default(), &Catalog::builtin(), Lang::En, Zone::Fixed(0));
        assert_eq!(
            line.readable(),
            "2026-01-01 00:00:00  lead_status_changed (Lead stage changed)  lead 7 \"Deal, \"big\"\"  robot  \
             Stage: stage 1 → won (pipeline 2)"
        );
        // A type with no label but its code says it once.
        let unknown = json!({"type": "zz_custom", "created_at": 1767225600, "created_by": 0});
        let line = event_line(&unknown, &Account::default(), &Catalog::builtin(), Lang::En, Zone::Fixed(0));
        assert_eq!(line.readable(), "2026-01-01 00:00:00  zz_custom    robot");
    }
}
