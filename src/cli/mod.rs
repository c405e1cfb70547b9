//! The command line: clap definitions and one short function per command.
//!
//! Parsing does no I/O; each command builds what it needs from the parsed
//! arguments, runs the library, and returns an `Outcome` that `main` turns
//! into the exit code (0 success, 1 error, 2 usage, 3 partial, 4 fail-on).

mod crawl;
mod demo;
mod doc;
mod export;
mod forget;
mod import;
mod import_kaggle;
mod interrupt;
mod output;
mod queries;
mod reindex;
mod report;
mod search;
mod status;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::datadir::{DEFAULT_DATA_DIR, DataDir};

pub use crawl::CrawlArgs;
pub use doc::DocCommand;
pub use report::ReportArgs;
pub use search::SearchArgs;

/// How a command ended, beyond plain success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked (exit 0).
    Success,
    /// Some pages, lines or rows failed; the rest is kept (exit 3).
    Partial,
    /// `--fail-on` matched (exit 4).
    FailOn,
    /// Stopped by Ctrl-C; what was done is kept (exit 130, as a shell reports SIGINT).
    Interrupted,
}

impl Outcome {
    /// The process exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Partial => 3,
            Outcome::FailOn => 4,
            Outcome::Interrupted => 130,
        }
    }
}

/// Exit code for errors.
pub const EXIT_ERROR: u8 = 1;
/// Exit code for usage errors (clap's own, and arguments that cannot match anything).
pub const EXIT_USAGE: u8 = 2;

/// An argument that is well-formed but cannot be used: an unknown `--competition`,
/// a filter that does not apply. Exits 2, like clap's own usage errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The exit code for a failed command: 2 for usage errors (a query that does
/// not parse is one), else 1.
#[must_use]
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let usage = |e: &(dyn std::error::Error + 'static)| {
        e.downcast_ref::<UsageError>().is_some()
            || matches!(
                e.downcast_ref::<crate::error::Error>(),
                Some(crate::error::Error::QuerySyntax { .. })
            )
    };
    if err.chain().any(usage) {
        EXIT_USAGE
    } else {
        EXIT_ERROR
    }
}

/// rulegap: which competition rules has the organiser never clarified?
///
/// Crawls a competition's forum keeping every post's author role, segments the
/// official documents into clauses, and reports clause by clause whether
/// official posts cover them. Also a fast search over past clarifications.
#[derive(Debug, Parser)]
#[command(name = "rulegap", version, about, max_term_width = 100)]
pub struct Cli {
    /// Data directory (index, archive, crawl state) [default: ./index; `demo`: a temporary one].
    #[arg(long, global = true, env = "RULEGAP_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Extra rule-topic files (TOML) beside the built-in library.
    #[arg(long, global = true, env = "RULEGAP_QUERIES", value_name = "DIR")]
    pub queries: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// What the store holds: competitions, threads, posts, official posts, documents, last crawl.
    Status(status::StatusArgs),
    /// Crawl a forum (Discourse site, category or topic; Hacker News item; GitHub issue).
    Crawl(CrawlArgs),
    /// Import posts from a JSONL file or a Meta Kaggle export.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Export posts as JSONL to standard output.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Official documents: add, list, show, diff, remove.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Search posts (and clauses) with filters.
    Search(SearchArgs),
    /// List the rule-topic library (saved queries).
    Queries(queries::QueriesArgs),
    /// The gap report for one competition.
    Report(ReportArgs),
    /// Rebuild the index from the archive and stored imports, offline.
    Reindex(reindex::ReindexArgs),
    /// Remove a competition's posts and documents from the index.
    Forget(forget::ForgetArgs),
    /// The whole pipeline on a bundled example forum served on 127.0.0.1.
    Demo(demo::DemoArgs),
}

/// Global settings every command gets.
#[derive(Debug, Clone)]
pub struct Globals {
    /// The data directory.
    pub data: DataDir,
    /// A user's extra topic folder.
    pub queries: Option<PathBuf>,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    if let Some(q) = &cli.queries
        && !q.is_dir()
    {
        return Err(UsageError(format!(
            "--queries {}: no such folder; give a folder of rule-topic .toml files (or drop --queries and RULEGAP_QUERIES to use the built-in library)",
            q.display()
        ))
        .into());
    }
    if let Command::Demo(a) = &cli.command {
        return demo::demo(cli.data.as_deref(), cli.queries.as_deref(), a);
    }
    let g = Globals {
        data: DataDir::new(cli.data.unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR))),
        queries: cli.queries,
    };
    match cli.command {
        Command::Status(a) => status::status(&g, &a),
        Command::Crawl(a) => crawl::crawl(&g, a),
        Command::Import(c) => import::import(&g, c),
        Command::Export(c) => export::export(&g, &c),
        Command::Doc(c) => doc::doc(&g, c),
        Command::Search(a) => search::search(&g, &a),
        Command::Queries(a) => queries::queries(&g, &a),
        Command::Report(a) => report::report(&g, a),
        Command::Reindex(a) => reindex::reindex(&g, &a),
        Command::Forget(a) => forget::forget(&g, &a),
        Command::Demo(_) => unreachable!("handled above"),
    }
}

/// Shared `--competition` argument shape.
#[derive(Debug, Clone, Args)]
pub struct CompetitionArg {
    /// Competition slug.
    #[arg(long, value_name = "SLUG")]
    pub competition: String,
}

/// A `--competition` the store does not hold is a usage error (exit 2) listing the
/// known ones, not a silent "no hits".
pub(crate) fn check_competition(
    store: &crate::index::Store,
    searcher: &tantivy::Searcher,
    g: &Globals,
    competition: &str,
) -> anyhow::Result<()> {
    let known = store.competitions(searcher)?;
    if known.iter().any(|k| k == competition) {
        return Ok(());
    }
    let known = if known.is_empty() {
        "none: the store is empty".to_owned()
    } else {
        known
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Err(UsageError(format!(
        "unknown competition `{competition}` in {} (known: {known}); see `rulegap status`",
        g.data.root().display()
    ))
    .into())
}

/// When `rulegap search` fails to parse because a query word starts with a
/// hyphen (`search data -consent`, meant as "without consent"), how to write it.
#[must_use]
pub fn excluded_word_hint(e: &clap::Error, args: &[String]) -> Option<String> {
    if e.kind() != clap::error::ErrorKind::UnknownArgument || !args.iter().any(|a| a == "search") {
        return None;
    }
    let after: Vec<&str> = args
        .iter()
        .skip_while(|a| *a != "search")
        .skip(1)
        .map(String::as_str)
        .collect();
    let at = after
        .iter()
        .position(|a| a.len() > 2 && a.starts_with('-') && !a.starts_with("--"))?;
    // The query is the run of plain words around the hyphenated one (an
    // option before it takes one value, unless it is a switch).
    let switch = |a: &str| matches!(a, "--official" | "--include-quotes" | "--json");
    let start = after[..at]
        .iter()
        .rposition(|a| a.starts_with("--"))
        .map_or(0, |i| {
            if switch(after[i]) || after[i].contains('=') {
                i + 1
            } else {
                i + 2
            }
        })
        .min(at);
    let end = after[at + 1..]
        .iter()
        .position(|a| a.starts_with("--"))
        .map_or(after.len(), |i| at + 1 + i);
    let query = after[start..end].join(" ");
    Some(format!(
        "hint: `{}` was read as an option; to leave out posts with a word, quote the whole query: rulegap search '{query}'",
        after[at]
    ))
}

/// The one-line message for `err`: its context and causes joined by `: `, leaving out
/// a cause whose text an outer message already shows (a library error that prints
/// its I/O cause would otherwise repeat it: `…: No such file…: No such file…`).
#[must_use]
pub fn render_error(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let msg = cause.to_string();
        if msg.is_empty() || out.contains(&msg) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&msg);
    }
    out
}

/// Whether `err` comes from writing to a closed pipe (`rulegap search … | head`): exit 0.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_error_leaves_out_a_cause_already_shown() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let lib = crate::error::Error::io("/q", io);
        let err = anyhow::Error::new(lib).context("cannot load topics");
        assert_eq!(
            render_error(&err),
            "cannot load topics: /q: No such file or directory"
        );
        let usage = anyhow::Error::new(UsageError("bad".into()));
        assert_eq!(exit_code(&usage), EXIT_USAGE);
        assert_eq!(exit_code(&anyhow::anyhow!("x")), EXIT_ERROR);
    }
}
