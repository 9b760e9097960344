//! Writes a deterministic synthetic catalog for the benchmarks and scripts/bench-vs-fzf.sh:
//!
//! ```sh
//! cargo run --release --example synthetic_catalog -- 1000000 kommo > types.json   # --catalog input
//! cargo run --release --example synthetic_catalog -- 1000000 lines > types.txt    # fzf input
//! ```
//!
//! `kommo` is a saved `GET /api/v4/events/types` answer; `lines` holds the same types as
//! `code label`, one per line. See `kommo_events::catalog::synthetic`.

use std::io::Write;
use std::process::ExitCode;

use kommo_events::catalog::synthetic;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = args.first().and_then(|n| n.replace('_', "").parse::<usize>().ok());
    let text = match (count, args.get(1).map(String::as_str)) {
        (Some(count), Some("kommo")) => synthetic::kommo_answer_json(count),
        (Some(count), Some("lines")) => synthetic::lines(count),
        _ => {
            eprintln!("usage: synthetic_catalog COUNT kommo|lines");
            return ExitCode::from(2);
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("synthetic_catalog: {error}");
            ExitCode::FAILURE
        }
    }
}
