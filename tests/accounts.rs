//! Named accounts through the real binary: `[accounts.NAME]` picked by `--account`,
//! `KOMMO_ACCOUNT` and `default_account`, each reaching its own test server with its own token;
//! today's flags and variables winning over the profile; `account list` and `account use`; the
//! warning for a token file others can read; the screen's title naming the account.

mod common;
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use support::cli::{self, stderr, stdout};
use support::kommo::{self, FakeKommo};
use support::server::TestServer;

const ALPHA_TOKEN: &str = "ALPHA-TOKEN-111";
const BETA_TOKEN: &str = "BETA-TOKEN-222";

/// Two accounts, each on its own server: `alpha` (token in a file, Spanish) and `beta` (token in
/// a variable), `beta` the default.
struct Setup {
    dir: PathBuf,
    config: PathBuf,
    alpha: TestServer,
    beta: TestServer,
}

fn setup(name: &str) -> Setup {
    let dir = support::temp_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    let serve = |id: &str| {
        let fake = FakeKommo::new();
        fake.add([kommo::stage_change(id, 1_767_225_600)]);
        kommo::serve(&fake)
    };
    let (alpha, beta) = (serve("FROM-ALPHA"), serve("FROM-BETA"));
    let token_file = dir.join("alpha.token");
    std::fs::write(&token_file, format!("{ALPHA_TOKEN}\n")).unwrap();
    set_mode(&token_file, 0o600);
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "# my accounts\ndefault_account = \"beta\"\n\n[accounts.alpha]\nbase_url = \"{}\"\n\
             token_file = \"alpha.token\"\nlang = \"es\"\n\n[accounts.beta]\nbase_url = \"{}\"\n\
             token_env = \"BETA_KOMMO_TOKEN\"\n",
            alpha.base_url(),
            beta.base_url()
        ),
    )
    .unwrap();
    Setup { dir, config, alpha, beta }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

impl Setup {
    /// The binary with this config, no KOMMO_TOKEN, and beta's token in its variable.
    fn command(&self) -> Command {
        let mut command = cli::command_free_to_name_a_config(&self.dir.join("cache"));
        command
            .env_remove("KOMMO_TOKEN")
            .env("BETA_KOMMO_TOKEN", BETA_TOKEN)
            .arg("--config")
            .arg(&self.config);
        command
    }

    fn run(&self, args: &[&str], tweak: impl FnOnce(&mut Command)) -> Output {
        let mut command = self.command();
        command.args(args);
        tweak(&mut command);
        let output = command.output().expect("the binary runs");
        for token in [ALPHA_TOKEN, BETA_TOKEN, cli::SECRET] {
            assert!(!stdout(&output).contains(token) && !stderr(&output).contains(token), "a token is shown");
        }
        output
    }

    /// The ids `fetch` printed, and which server got a request with which token.
    fn fetched(&self, output: &Output) -> Vec<String> {
        assert!(output.status.success(), "{}", stderr(output));
        cli::json_lines(output).iter().map(|event| event["id"].as_str().unwrap().to_string()).collect()
    }
}

fn bearer(server: &TestServer) -> Vec<String> {
    server
        .requests_to("/api/v4/events")
        .iter()
        .filter_map(|request| request.header("authorization").map(str::to_string))
        .collect()
}

#[test]
fn the_flag_the_variable_and_the_default_each_pick_an_account() {
    let setup = setup("accounts-pick");
    // The default: beta, with its token from its variable.
    let output = setup.run(&["fetch"], |_| {});
    assert_eq!(setup.fetched(&output), ["FROM-BETA"]);
    assert_eq!(bearer(&setup.beta), [format!("Bearer {BETA_TOKEN}")]);
    // The variable wins over the default.
    let output = setup.run(&["fetch"], |command| {
        command.env("KOMMO_ACCOUNT", "alpha");
    });
    assert_eq!(setup.fetched(&output), ["FROM-ALPHA"]);
    assert_eq!(bearer(&setup.alpha), [format!("Bearer {ALPHA_TOKEN}")]);
    // The flag wins over the variable.
    let output = setup.run(&["fetch", "--account", "beta"], |command| {
        command.env("KOMMO_ACCOUNT", "alpha");
    });
    assert_eq!(setup.fetched(&output), ["FROM-BETA"]);
    assert_eq!(setup.alpha.requests_to("/api/v4/events").len(), 1);
    assert_eq!(setup.beta.requests_to("/api/v4/events").len(), 2);
}

#[test]
fn an_accounts_defaults_apply_and_todays_flags_and_variables_win_over_them() {
    let setup = setup("accounts-precedence");
    // alpha speaks Spanish; --lang wins over it.
    let spanish = setup.run(&["--account", "alpha", "query", "--type", "nope"], |_| {});
    assert!(stderr(&spanish).contains("no es un tipo conocido"), "{}", stderr(&spanish));
    let english = setup.run(&["--account", "alpha", "--lang", "en", "query", "--type", "nope"], |_| {});
    assert!(stderr(&english).contains("is not a known type"), "{}", stderr(&english));
    // The profile's address builds the URL; --subdomain and KOMMO_SUBDOMAIN win over it.
    let url = |output: &Output| stdout(output).trim().to_string();
    let from_profile = setup.run(&["--account", "beta", "query", "-t", "lead_added", "-f", "url"], |_| {});
    assert_eq!(
        url(&from_profile),
        format!("{}/api/v4/events?filter[type]=lead_added", setup.beta.base_url())
    );
    let flag = setup.run(
        &["--account", "beta", "--subdomain", "other", "query", "-t", "lead_added", "-f", "url"],
        |_| {},
    );
    assert_eq!(url(&flag), "https://other.kommo.com/api/v4/events?filter[type]=lead_added");
    let variable = setup.run(&["--account", "beta", "query", "-t", "lead_added", "-f", "url"], |command| {
        command.env("KOMMO_SUBDOMAIN", "envsub");
    });
    assert_eq!(url(&variable), "https://envsub.kommo.com/api/v4/events?filter[type]=lead_added");
    // --base-url wins over the profile's address: alpha's token goes to beta's server, as asked.
    let output = setup.run(&["fetch", "--account", "alpha", "--base-url", &setup.beta.base_url()], |_| {});
    assert_eq!(setup.fetched(&output), ["FROM-BETA"]);
    assert_eq!(bearer(&setup.beta), [format!("Bearer {ALPHA_TOKEN}")]);
    // KOMMO_TOKEN wins over the profile's token source, and says so.
    let output = setup.run(&["fetch", "--account", "alpha"], |command| {
        command.env("KOMMO_TOKEN", cli::SECRET);
    });
    assert_eq!(setup.fetched(&output), ["FROM-ALPHA"]);
    assert_eq!(bearer(&setup.alpha), [format!("Bearer {}", cli::SECRET)]);
    assert!(
        stderr(&output).contains("KOMMO_TOKEN se usa en lugar del token_file de la cuenta alpha"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_token_and_an_unknown_account_say_what_to_fix() {
    let setup = setup("accounts-errors");
    let output = setup.run(&["fetch"], |command| {
        command.env_remove("BETA_KOMMO_TOKEN");
    });
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("account beta: its token is read from $BETA_KOMMO_TOKEN"),
        "{}",
        stderr(&output)
    );
    assert!(setup.beta.requests().is_empty());
    let output = setup.run(&["fetch", "--account", "gamma"], |_| {});
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("--account gamma: no such account in") && message.contains("alpha, beta"),
        "{message}"
    );
    let output = setup.run(&["list"], |command| {
        command.env("KOMMO_ACCOUNT", "gamma");
    });
    assert!(stderr(&output).contains("KOMMO_ACCOUNT gamma: no such account"), "{}", stderr(&output));
    // --no-config sets the file aside: KOMMO_ACCOUNT is then ignored, --account is an error.
    let mut command = cli::command(&setup.dir.join("cache"));
    let ignored = command.args(["list", "--group", "ai"]).env("KOMMO_ACCOUNT", "gamma").output().unwrap();
    assert!(ignored.status.success(), "{}", stderr(&ignored));
    let mut command = cli::command(&setup.dir.join("cache"));
    let refused = command.args(["--account", "alpha", "list"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--no-config sets it aside"), "{}", stderr(&refused));
}

#[test]
fn a_token_file_others_can_read_draws_a_warning() {
    let setup = setup("accounts-open-token");
    let output = setup.run(&["fetch", "--account", "alpha", "--lang", "en"], |_| {});
    assert!(!stderr(&output).contains("chmod 600"), "{}", stderr(&output));
    set_mode(&setup.dir.join("alpha.token"), 0o644);
    let output = setup.run(&["fetch", "--account", "alpha", "--lang", "en"], |_| {});
    assert_eq!(setup.fetched(&output), ["FROM-ALPHA"]);
    if cfg!(unix) {
        assert_eq!(
            stderr(&output).matches("can be read by others (mode 644)").count(),
            1,
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn account_list_marks_the_one_in_use_and_says_whether_each_token_is_found() {
    let setup = setup("accounts-list");
    let output = setup.run(&["account", "list", "--lang", "en"], |_| {});
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let alpha_token = setup.dir.join("alpha.token").display().to_string();
    assert!(
        lines[0].starts_with("  alpha  ") && lines[0].ends_with(&format!("token_file {alpha_token}: found")),
        "{lines:?}"
    );
    assert!(lines[0].contains(&format!("  {}  ", setup.alpha.base_url())), "{lines:?}");
    assert!(lines[1].starts_with("* beta   ") && lines[1].ends_with("$BETA_KOMMO_TOKEN: found"), "{lines:?}");
    assert_eq!(lines[2], "* in use: beta (from default_account)");
    let output = setup.run(&["account", "list", "--json", "--account", "alpha"], |command| {
        command.env_remove("BETA_KOMMO_TOKEN");
    });
    let accounts: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(accounts[0]["name"], "alpha");
    assert_eq!(accounts[0]["current"], true);
    assert_eq!(accounts[0]["default"], false);
    assert_eq!(accounts[0]["token_found"], true);
    assert_eq!(accounts[1]["current"], false);
    assert_eq!(accounts[1]["default"], true);
    assert_eq!(accounts[1]["token_env"], "BETA_KOMMO_TOKEN");
    assert_eq!(accounts[1]["token_found"], false);
}

#[test]
fn account_use_sets_the_default_and_keeps_the_rest_of_the_file() {
    let setup = setup("accounts-use");
    let before = std::fs::read_to_string(&setup.config).unwrap();
    let output = setup.run(&["account", "use", "alpha"], |_| {});
    assert!(output.status.success(), "{}", stderr(&output));
    let after = std::fs::read_to_string(&setup.config).unwrap();
    assert_eq!(after, before.replace("default_account = \"beta\"", "default_account = \"alpha\""));
    let output = setup.run(&["fetch"], |_| {});
    assert_eq!(setup.fetched(&output), ["FROM-ALPHA"]);
    // An unknown name changes nothing.
    let output = setup.run(&["account", "use", "gamma"], |_| {});
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&setup.config).unwrap(), after);
}

#[test]
fn names_are_cached_per_account() {
    let setup = setup("accounts-names");
    for name in ["alpha", "beta"] {
        let output = setup.run(&["account", "refresh", "--account", name], |_| {});
        assert!(output.status.success(), "{name}: {}", stderr(&output));
    }
    let cached: Vec<PathBuf> = std::fs::read_dir(setup.dir.join("cache"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    assert_eq!(cached.len(), 2, "one cache folder per account: {cached:?}");
}

#[test]
fn the_screens_title_names_the_account_in_use() {
    let setup = setup("accounts-title");
    let config = setup.config.display().to_string();
    let env = &[
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "off"),
        ("BETA_KOMMO_TOKEN", BETA_TOKEN),
    ];
    let command = format!("{} --config {config} --lang en", common::tmux::binary());
    let tmux = common::tmux::Tmux::start("accounts-title", 100, 24, env, &[], &command);
    let screen = tmux.wait_for(" beta ┐");
    let first = screen.lines().next().unwrap_or_default();
    assert!(first.starts_with("┌ Search ") && first.ends_with(" beta ┐"), "{screen}");
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 130);
}
