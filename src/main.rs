//! The `rulegap` binary: parse the command line, run it, exit with its code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rulegap::cli::Cli::parse();
    match rulegap::cli::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) if rulegap::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rulegap: {}", rulegap::cli::render_error(&err));
            ExitCode::from(rulegap::cli::exit_code(&err))
        }
    }
}
