//! The `rulegap` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match rulegap::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let args: Vec<String> = std::env::args().collect();
            if let Some(hint) = rulegap::cli::excluded_word_hint(&e, &args) {
                let _ = e.print();
                eprintln!("{hint}");
                return ExitCode::from(2);
            }
            e.exit()
        }
    };
    match rulegap::cli::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) if rulegap::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rulegap: {}", rulegap::cli::render_error(&err));
            ExitCode::from(rulegap::cli::exit_code(&err))
        }
    }
}
