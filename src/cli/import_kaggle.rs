//! `rulegap import kaggle DIR`: the Meta Kaggle forum export.

use std::path::PathBuf;

use clap::Args;

use super::{Globals, Outcome};

/// Arguments of `rulegap import kaggle`.
#[derive(Debug, Args)]
pub struct KaggleArgs {
    /// Folder holding the Meta Kaggle CSV files.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Only these competitions (slugs; repeatable). Default: all.
    #[arg(long = "competition", value_name = "SLUG")]
    pub competitions: Vec<String>,
    /// Kaggle user names to treat as hosts (repeatable).
    #[arg(long = "official-user", value_name = "USER")]
    pub official_users: Vec<String>,
}

pub(super) fn import_kaggle(_g: &Globals, a: &KaggleArgs) -> anyhow::Result<Outcome> {
    anyhow::bail!(
        "importing Meta Kaggle from {} is not available yet",
        a.dir.display()
    )
}
