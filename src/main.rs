//! `kommo-events`: see README.md.

fn main() -> std::process::ExitCode {
    kommo_events::cli::run()
}
