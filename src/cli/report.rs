//! `rulegap report --competition SLUG`: the gap report in JSON, Markdown or HTML.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::{Globals, Outcome};
use crate::analysis::{self, Params, Status};
use crate::datadir::State;
use crate::index::Store;
use crate::query::topics::TopicLibrary;
use crate::report::{self, Report, StoreFacts};

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown (the default).
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
    /// Output format [default: from the --output file's extension (.html, .json, .md), else markdown].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output (`-` is standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 4 when a clause (outside the baseline) has one of these statuses.
    #[arg(long, value_name = "STATUS[,STATUS...]", value_delimiter = ',')]
    pub fail_on: Vec<Status>,
    /// Also exit 4 when a rule change (outside the baseline) was announced by no official post.
    #[arg(long)]
    pub fail_on_unannounced: bool,
    /// A previous JSON report: its findings are marked `"new": false`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// The format an output file's extension asks for; Markdown otherwise.
fn format_of(output: Option<&PathBuf>) -> Format {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => Format::Html,
        Some("json") => Format::Json,
        _ => Format::Markdown,
    }
}

/// The extension of `path` when it names no report format (".csv"): the
/// report would be Markdown in a file that says otherwise.
fn unknown_extension(path: &std::path::Path) -> Option<String> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    (!matches!(
        ext.as_str(),
        "md" | "markdown" | "txt" | "html" | "htm" | "json"
    ))
    .then_some(ext)
}

/// A report whose forum is missing, or has no official post, calls every
/// clause uncovered: say why before anyone trusts it.
fn forum_warning(competition: &str, posts: u64, official: u64) -> Option<String> {
    if posts == 0 {
        return Some(format!(
            "no forum posts of `{competition}` are stored, so every clause is uncovered; crawl or import its forum first (`rulegap crawl URL --competition {competition}`)"
        ));
    }
    (official == 0).then(|| format!(
        "none of the {posts} posts of `{competition}` is by an official (staff, moderator, admin or host), so no clause can be covered; if the hosts post from a forum group or their own accounts, crawl again with `--official-group NAME` or `--official-user NAME`"
    ))
}

/// Builds the report value for `competition` from the store.
pub(super) fn build_report(
    g: &Globals,
    competition: &str,
    params: &Params,
) -> anyhow::Result<Report> {
    let store = Store::open_read(&g.data)?;
    let searcher = store.searcher()?;
    let docs = crate::docs::newest_documents(&g.data, competition)?;
    let clauses = store.clauses(&searcher, Some(competition))?;
    if clauses.is_empty() || docs.is_empty() {
        // A mistyped slug is named as such, exactly as `search` names it.
        super::check_competition(&store, &searcher, g, competition)?;
        anyhow::bail!(
            "competition `{competition}` has no official documents in {}; add its rules first: `rulegap doc add RULES_URL_OR_FILE --competition {competition} --kind rules`",
            g.data.root().display()
        );
    }
    let posts = store.annotated_posts(&searcher, competition, true)?;
    let all_posts = store.count(
        &searcher,
        &*store.kind_query(crate::index::schema::KIND_POST, Some(competition)),
    )?;
    let library = match &g.queries {
        Some(dir) => TopicLibrary::with_dir(dir)?,
        None => TopicLibrary::builtin()?,
    };
    let changes = crate::docs::version_changes(&g.data, competition)?;
    let findings = analysis::analyze(&analysis::Input {
        clauses: &clauses,
        posts: &posts,
        changes: &changes,
        library: &library,
        params,
    });
    let state = State::load(&g.data)?;
    let facts = StoreFacts {
        last_crawl: state.last_crawl,
        failed_pages: state.failed_pages,
        posts: all_posts as u64,
        official_posts: posts.iter().filter(|(p, _)| p.is_official()).count() as u64,
    };
    Ok(report::build(
        competition,
        &findings,
        &docs,
        params,
        &facts,
        jiff::Timestamp::now(),
    ))
}

pub(super) fn report(g: &Globals, a: ReportArgs) -> anyhow::Result<Outcome> {
    let mut report = build_report(g, &a.competition, &Params::default())?;
    if let Some(w) = forum_warning(
        &a.competition,
        report.provenance.posts,
        report.provenance.official_posts,
    ) {
        eprintln!("rulegap: warning: {w}");
    }
    let baseline = match &a.baseline {
        // A CI job's first run has no baseline yet: every finding is new.
        Some(p) if !p.exists() => {
            eprintln!(
                "rulegap: baseline {} does not exist yet, so every finding counts as new; write one with `--format json --output {}`",
                p.display(),
                p.display()
            );
            None
        }
        other => other.as_ref(),
    };
    let mut known_changes: Vec<(String, u32)> = Vec::new();
    if let Some(path) = baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline {}", path.display()))?;
        let baseline: Report = serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is not a rulegap JSON report (make one with `--format json`)",
                path.display()
            )
        })?;
        if baseline.competition != report.competition {
            anyhow::bail!(
                "baseline {} is a report of competition `{}`, not `{}`; pass a baseline made by `rulegap report --competition {} --format json`",
                path.display(),
                baseline.competition,
                report.competition,
                report.competition
            );
        }
        report.apply_baseline(&baseline);
        known_changes = baseline
            .changed_clauses
            .iter()
            .map(|c| (c.id.clone(), c.to_version))
            .collect();
    }
    let output = a.output.as_ref().filter(|p| p.as_os_str() != "-");
    if a.format.is_none()
        && let Some(ext) = output.and_then(|p| unknown_extension(p))
    {
        eprintln!(
            "rulegap: `.{ext}` is no report format: writing Markdown; give --format, or name the file .md, .html or .json"
        );
    }
    let format = a.format.unwrap_or_else(|| format_of(output));
    let text = match format {
        Format::Markdown => report::render_markdown(&report),
        Format::Html => report::render_html(&report),
        Format::Json => report.to_json(),
    };
    match output {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .context("writing to stdout")?;
            out.flush().context("writing to stdout")?;
        }
    }
    let unannounced: Vec<&str> = if a.fail_on_unannounced {
        report
            .changed_clauses
            .iter()
            .filter(|c| c.announced_in.is_empty())
            .filter(|c| {
                !known_changes
                    .iter()
                    .any(|(id, v)| *id == c.id && *v == c.to_version)
            })
            .map(|c| c.id.as_str())
            .collect()
    } else {
        Vec::new()
    };
    if !unannounced.is_empty() {
        eprintln!(
            "rulegap: {} announced by no official post: {}",
            super::output::plural(unannounced.len(), "rule change"),
            unannounced.join(", ")
        );
    }
    let failing = report.failing(&a.fail_on);
    if failing.is_empty() {
        return Ok(if unannounced.is_empty() {
            Outcome::Success
        } else {
            Outcome::FailOn
        });
    }
    let ids: Vec<&str> = failing.iter().take(10).map(|c| c.id.as_str()).collect();
    eprintln!(
        "rulegap: {} new clause(s) with status {}: {}{}",
        failing.len(),
        a.fail_on
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("/"),
        ids.join(", "),
        if failing.len() > 10 { ", …" } else { "" }
    );
    Ok(Outcome::FailOn)
}
