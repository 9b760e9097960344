//! End to end: the real binary in tmux fetches the account's names with F7 from a real HTTP
//! server with a fake Kommo account; the account's custom fields then appear as event types
//! found by their names, and the names are kept in the cache for the next start.

mod common;
mod support;

use common::tmux::{binary, Tmux};
use support::kommo::{serve, FakeKommo};

const TOKEN: &str = "SECRET-TOKEN-456";

#[test]
fn f7_fetches_the_names_and_the_custom_fields_become_types_found_by_name() {
    let fake = FakeKommo::new();
    fake.users_forbidden.store(true, std::sync::atomic::Ordering::SeqCst);
    let server = serve(&fake);
    let cache = support::temp_dir("e2e-names-cache");
    let cache_text = cache.display().to_string();
    let env = &[
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "off"),
        ("KOMMO_TOKEN", TOKEN),
        ("KOMMO_EVENTS_CACHE_DIR", cache_text.as_str()),
    ];
    let command = format!("{} --lang en --base-url {} > out.txt", binary(), server.base_url());
    let tmux = Tmux::start("names", 140, 30, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.type_text("region");
    tmux.wait_for("0/82");

    tmux.keys(&["F7"]);
    // A non-admin token: said in the same line as what came, and the rest still came.
    let done = tmux.wait_for("users 0 · pipelines 1 · stages 3 · fields 3 · catalogs 1; users: 403");
    assert!(!done.contains(TOKEN), "the token is on screen:\n{done}");
    let found = tmux.wait_for("Field “Region” changed");
    assert!(found.contains("1/85"), "three custom fields joined the 82 types:\n{found}");
    assert_eq!(server.requests_to("/api/v4/users").len(), 1);
    assert_eq!(server.requests_to("/api/v4/events/types")[0].param("language_code"), Some("en"));

    tmux.keys(&["Tab", "Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt").trim(), "filter[type]=custom_field_779_value_changed");
    let saved: Vec<String> = support::cli::files_below(&cache)
        .iter()
        .filter_map(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
        .collect();
    assert!(saved.contains(&"custom_fields_leads.json".to_owned()), "{saved:?}");
    assert!(!saved.contains(&"users.json".to_owned()), "{saved:?}");
    for path in support::cli::files_below(&cache) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains(TOKEN), "the token is in {}", path.display());
    }
}

#[test]
fn f7_without_a_token_says_what_to_set() {
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];
    let command = format!("env -u KOMMO_TOKEN -u KOMMO_SUBDOMAIN {} --lang en --no-config", binary());
    let tmux = Tmux::start("names-blocked", 160, 30, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.keys(&["F7"]);
    let screen = tmux.wait_for("Cannot fetch the account's names");
    assert!(screen.contains("KOMMO_SUBDOMAIN") || screen.contains("--base-url"), "{screen}");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
}
