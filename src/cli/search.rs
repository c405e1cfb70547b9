//! `rulegap search`: free text or a saved query, with filters; human or JSON lines.

use std::io::Write;

use anyhow::Context;
use clap::Args;

use super::output::{bold, highlight, stdout_color};
use super::{Globals, Outcome};
use crate::index::Store;
use crate::model::Role;
use crate::query::topics::TopicLibrary;
use crate::query::{self, DEFAULT_LIMIT, QuerySpec, Record, Scope};

/// Arguments of `rulegap search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (ANDed), "phrases", OR, AND, NOT or -word, parentheses, field:value.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Search posts, clauses or all.
    #[arg(long = "in", value_enum, default_value_t = Scope::Posts)]
    pub scope: Scope,
    /// Only this competition.
    #[arg(long, value_name = "SLUG")]
    pub competition: Option<String>,
    /// Only official posts (staff, moderator, admin, host).
    #[arg(long)]
    pub official: bool,
    /// Only these roles (repeatable).
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<Role>,
    /// Only this author.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Only this thread id (or document id with `--in clauses`).
    #[arg(long, value_name = "ID")]
    pub thread: Option<String>,
    /// Only posts on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<jiff::civil::Date>,
    /// Only posts on or before this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<jiff::civil::Date>,
    /// Run a saved query from the rule-topic library (see `rulegap queries`); QUERY, if given, is ANDed.
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// Also match text the authors quoted from others.
    #[arg(long)]
    pub include_quotes: bool,
    /// At most this many hits.
    #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N")]
    pub limit: usize,
    /// One JSON object per hit and line.
    #[arg(long)]
    pub json: bool,
}

pub(super) fn search(g: &Globals, a: &SearchArgs) -> anyhow::Result<Outcome> {
    let mut text = a.query.clone();
    if let Some(name) = &a.saved {
        let lib = match &g.queries {
            Some(dir) => TopicLibrary::with_dir(dir)?,
            None => TopicLibrary::builtin()?,
        };
        let saved = &lib.get(name)?.query;
        text = if text.trim().is_empty() {
            saved.clone()
        } else {
            format!("({saved}) AND ({text})")
        };
    }
    if let (Some(s), Some(u)) = (a.since, a.until)
        && s > u
    {
        anyhow::bail!("--since {s} is after --until {u}; nothing can match");
    }
    let spec = QuerySpec {
        text,
        scope: a.scope,
        competition: a.competition.clone(),
        roles: a.roles.clone(),
        official: a.official,
        author: a.author.clone(),
        thread: a.thread.clone(),
        since: a.since,
        until: a.until,
        include_quotes: a.include_quotes,
        limit: a.limit,
    };
    let store = Store::open(&g.data)?;
    let searcher = store.searcher()?;
    let hits = query::search(&store, &searcher, &spec)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if a.json {
        for h in &hits {
            writeln!(out, "{}", serde_json::to_string(h)?).context("writing to stdout")?;
        }
        return Ok(Outcome::Success);
    }
    if hits.is_empty() {
        eprintln!("no hits for `{}` (with the filters given)", spec.text);
        return Ok(Outcome::Success);
    }
    let color = stdout_color();
    for (rank, h) in hits.iter().enumerate() {
        let snippet = highlight(&h.snippet.fragment, &h.snippet.highlighted, color);
        match &h.record {
            Record::Post(p) => {
                let who = format!("{} ({})", p.author, p.role);
                writeln!(
                    out,
                    "{:>2}. {}  {}  {}  score {:.2}\n    {}\n    {}\n    {}\n",
                    rank + 1,
                    bold(&who, color),
                    p.created_at.strftime("%Y-%m-%d"),
                    p.competition,
                    h.score,
                    p.thread_title,
                    p.url,
                    snippet
                )
                .context("writing to stdout")?;
            }
            Record::Clause(c) => {
                writeln!(
                    out,
                    "{:>2}. {}  {}  v{}  {}  score {:.2}\n    {}\n    {}\n",
                    rank + 1,
                    bold(&c.id, color),
                    c.modality,
                    c.version,
                    c.competition,
                    h.score,
                    c.heading.join(" / "),
                    snippet
                )
                .context("writing to stdout")?;
            }
        }
    }
    Ok(Outcome::Success)
}
