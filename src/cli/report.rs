//! `rulegap report --competition SLUG`: the gap report in JSON, Markdown or HTML.

use std::path::PathBuf;

use clap::Args;

use super::{Globals, Outcome};

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown (the default on a terminal).
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// The version-1 JSON contract.
    Json,
}

/// Arguments of `rulegap report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Competition slug.
    #[arg(long, value_name = "SLUG")]
    pub competition: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 4 when a clause (outside the baseline) has one of these statuses.
    #[arg(long, value_name = "STATUS[,STATUS...]", value_delimiter = ',')]
    pub fail_on: Vec<String>,
    /// A previous JSON report: its findings are marked `"new": false`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

pub(super) fn report(_g: &Globals, a: ReportArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!("the report for `{}` is not available yet", a.competition)
}
