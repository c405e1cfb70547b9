//! `rulegap export jsonl [--competition SLUG]`: every stored post as JSONL on stdout.

use std::io::Write;

use anyhow::Context;
use clap::Subcommand;

use super::{Globals, Outcome};
use crate::index::Store;
use crate::source::jsonl;

/// What to export.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Posts in the JSONL interchange format, ordered by competition, thread and date.
    Jsonl {
        /// Only this competition.
        #[arg(long, value_name = "SLUG")]
        competition: Option<String>,
    },
}

pub(super) fn export(g: &Globals, c: &ExportCommand) -> anyhow::Result<Outcome> {
    let ExportCommand::Jsonl { competition } = c;
    let store = Store::open_read(&g.data)?;
    let searcher = store.searcher()?;
    let mut posts = store.posts(&searcher, competition.as_deref())?;
    if posts.is_empty() {
        match competition {
            Some(slug) => {
                // A mistyped slug is a usage error (exit 2), as in `report` and `search`.
                super::check_competition(&store, &searcher, g, slug)?;
                anyhow::bail!(
                    "no posts of competition `{slug}` in {} (it has only documents); see `rulegap status`",
                    g.data.root().display()
                )
            }
            None => anyhow::bail!(
                "the store in {} holds no posts; crawl or import some first",
                g.data.root().display()
            ),
        }
    }
    posts.sort_by(|a, b| {
        (
            &a.competition,
            &a.site,
            &a.thread_id,
            a.created_at,
            a.post_number,
            &a.post_id,
        )
            .cmp(&(
                &b.competition,
                &b.site,
                &b.thread_id,
                b.created_at,
                b.post_number,
                &b.post_id,
            ))
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for p in &posts {
        writeln!(out, "{}", jsonl::to_line(p)).context("writing to stdout")?;
    }
    out.flush().context("writing to stdout")?;
    Ok(Outcome::Success)
}
