//! `rulegap doc add|list|show|diff|remove`: official documents and their clauses.

use std::path::PathBuf;

use clap::Subcommand;

use super::{Globals, Outcome};
use crate::model::DocKind;

/// Document commands.
#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Add a document (URL or .html/.htm/.md/.txt/.pdf file), or a new version of one.
    Add {
        /// A URL or a file.
        #[arg(value_name = "SOURCE")]
        source: String,
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// What the document is.
        #[arg(long, value_enum)]
        kind: DocKind,
        /// Document id (default: its kind); prefix of its clause ids.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// Title (default: from the document).
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// Accept a different source as a new version of an existing id.
        #[arg(long)]
        new_version: bool,
    },
    /// List clauses of a competition's documents (newest versions).
    List {
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// Only this document.
        #[arg(long, value_name = "DOC")]
        doc: Option<String>,
        /// One JSON object per clause and line.
        #[arg(long)]
        json: bool,
    },
    /// Show one clause: its frame, cues and references.
    Show {
        /// Clause id, e.g. rules/2.6.a.
        #[arg(value_name = "CLAUSE_ID")]
        clause: String,
        /// Competition slug (needed when several competitions have the clause id).
        #[arg(long, value_name = "SLUG")]
        competition: Option<String>,
    },
    /// Clauses added, removed and modified between two versions of a document.
    Diff {
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// Document id.
        #[arg(value_name = "DOC")]
        doc: String,
        /// Older version (default: the one before `--to`).
        #[arg(long, value_name = "V")]
        from: Option<u32>,
        /// Newer version (default: the newest).
        #[arg(long, value_name = "V")]
        to: Option<u32>,
    },
    /// Remove a document (all versions) from a competition.
    Remove {
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// Document id.
        #[arg(value_name = "DOC")]
        doc: String,
    },
}

pub(super) fn doc(_g: &Globals, _c: DocCommand) -> anyhow::Result<Outcome> {
    let _unused: Option<PathBuf> = None;
    anyhow::bail!("document commands are not available yet")
}
