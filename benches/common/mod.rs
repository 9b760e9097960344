//! What the benchmarks share: the catalog sizes, and screens over synthetic catalogs.
#![allow(dead_code)]

use kommo_events::catalog::synthetic;
use kommo_events::explorer::Explorer;
use kommo_events::filter::format::{FormatOptions, QueryFormat};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Settings};
use kommo_events::tui::composer::Zone;
use kommo_events::tui::theme::Theme;
use kommo_events::tui::update::update;

/// Catalog sizes: the built-in 70 types, then large accounts. `KOMMO_BENCH_SIZES=70,10000` runs
/// only some (a million takes a while to set up).
pub fn sizes() -> Vec<usize> {
    match std::env::var("KOMMO_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![70, 10_000, 100_000, 1_000_000],
    }
}

/// An explorer over the built-in catalog plus synthetic types, `total` in all.
pub fn explorer(total: usize) -> Explorer {
    Explorer::new(synthetic::catalog(total))
}

/// A screen as `kommo-events` opens it, at `width`x`height`, in Spanish (the synthetic labels are).
pub fn screen(total: usize, width: u16, height: u16) -> App {
    let settings = Settings {
        lang: Lang::Es,
        theme: Theme::color(),
        zone: Zone::Fixed(0),
        format: QueryFormat::Query,
        output: FormatOptions::default(),
    };
    let mut app = App::new(explorer(total), settings, (width, height));
    update(&mut app, Action::Resize { width, height });
    app
}
