//! `rulegap search`: free text or a saved query, with filters; human or JSON lines.

use std::io::Write;

use anyhow::Context;
use clap::Args;

use super::output::{bold, highlight, stdout_color};
use super::{Globals, Outcome, UsageError};
use crate::index::Store;
use crate::model::Role;
use crate::query::topics::TopicLibrary;
use crate::query::{self, DEFAULT_LIMIT, QuerySpec, Record, Scope};

/// A day as `YYYY-MM-DD`, with that format named when it is not one.
fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a valid date; write it as YYYY-MM-DD, e.g. 2024-03-31"))
}

/// Arguments of `rulegap search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (ANDed), "phrases", OR, AND, NOT, parentheses, field:value, and -word to leave
    /// a word out (quote the whole query then: `search 'data -consent'`).
    /// Several arguments are one query (`search team merger` = `search "team merger"`).
    /// Hits come best match first, with their score; with no QUERY (filters only, e.g.
    /// `search --competition SLUG --official`) they come newest first, without a score.
    #[arg(value_name = "QUERY", num_args = 0..)]
    pub query: Vec<String>,
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
    /// Only this thread, by the forum's thread id (the number in its URL), or this document id with `--in clauses`.
    #[arg(long, value_name = "ID")]
    pub thread: Option<String>,
    /// Only posts on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub since: Option<jiff::civil::Date>,
    /// Only posts on or before this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub until: Option<jiff::civil::Date>,
    /// Run a saved query from the rule-topic library (see `rulegap queries`); QUERY, if given, is ANDed.
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// Also match text the authors quoted from others.
    #[arg(long)]
    pub include_quotes: bool,
    /// At most this many hits (1 or more).
    #[arg(long, default_value_t = DEFAULT_LIMIT, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub limit: usize,
    /// One JSON object per hit and line.
    #[arg(long)]
    pub json: bool,
}

/// The post-only filters given with `--in clauses`, which would remove every clause.
fn post_only_filters(a: &SearchArgs) -> Vec<&'static str> {
    let given = [
        ("--official", a.official),
        ("--role", !a.roles.is_empty()),
        ("--author", a.author.is_some()),
        ("--since", a.since.is_some()),
        ("--until", a.until.is_some()),
    ];
    given
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(flag, _)| flag)
        .collect()
}

pub(super) fn search(g: &Globals, a: &SearchArgs) -> anyhow::Result<Outcome> {
    let flags = post_only_filters(a);
    if a.scope == Scope::Clauses && !flags.is_empty() {
        return Err(UsageError(format!(
            "{} {} to posts, not clauses; drop {} or search posts (`--in posts`)",
            flags.join(", "),
            if flags.len() == 1 { "applies" } else { "apply" },
            if flags.len() == 1 { "it" } else { "them" },
        ))
        .into());
    }
    let mut text = a.query.join(" ");
    let filtered = a.competition.is_some()
        || a.official
        || !a.roles.is_empty()
        || a.author.is_some()
        || a.thread.is_some()
        || a.since.is_some()
        || a.until.is_some();
    let no_words = text
        .chars()
        .all(|c| c.is_whitespace() || c == '"' || c == '\'');
    if no_words {
        // `search "" --official`: filters only, listed newest first.
        text.clear();
    }
    if no_words && a.saved.is_none() && !filtered {
        return Err(UsageError(
            "give words to search for, e.g. `rulegap search \"external data\"`, a saved query (`--saved NAME`, see `rulegap queries`), or a filter such as `--competition SLUG --official` to list posts".to_owned(),
        )
        .into());
    }
    if let Some(name) = &a.saved {
        let lib = match &g.queries {
            Some(dir) => TopicLibrary::with_dir(dir)?,
            None => TopicLibrary::builtin()?,
        };
        let saved = &lib.get(name).map_err(|e| UsageError(e.to_string()))?.query;
        text = if text.trim().is_empty() {
            saved.clone()
        } else {
            format!("({saved}) AND ({text})")
        };
    }
    if let (Some(s), Some(u)) = (a.since, a.until)
        && s > u
    {
        return Err(UsageError(format!(
            "--since {s} is after --until {u}; nothing can match"
        ))
        .into());
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
    let store = Store::open_read(&g.data)?;
    let searcher = store.searcher()?;
    if let Some(c) = &a.competition {
        super::check_competition(&store, &searcher, g, c)?;
    }
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
        if spec.text.is_empty() {
            eprintln!("no hits: nothing matches the filters given");
        } else {
            eprintln!(
                "no hits for `{}`{}",
                spec.text,
                if filtered {
                    " (with the filters given)"
                } else {
                    ""
                }
            );
        }
        if spec.text.contains('*') || spec.text.contains('?') {
            eprintln!(
                "note: `*` and `?` are not wildcards here; words match by their stem (`licence` finds `licences`), so write the word, or several with OR"
            );
        }
        let none_with = |field, value: &str| -> anyhow::Result<bool> {
            Ok(store.count(&searcher, &*crate::index::term_query(field, value))? == 0)
        };
        let f = store.fields();
        if let Some(author) = &spec.author
            && none_with(f.author, &author.to_lowercase())?
        {
            eprintln!(
                "note: nobody called `{author}` wrote anything in this store; --author takes the forum user name, as search results show it"
            );
        }
        if let Some(t) = &spec.thread {
            if t.contains(char::is_whitespace) {
                eprintln!(
                    "note: --thread takes the forum's thread id (the number in its URL, e.g. 1234), not its title"
                );
            } else if none_with(f.thread, t)? {
                let what = match spec.scope {
                    Scope::Posts => "no thread has the id",
                    Scope::Clauses => "no document has the id",
                    Scope::All => "no thread or document has the id",
                };
                eprintln!(
                    "note: {what} `{t}`; --thread takes a thread id (the number in its URL) for posts, a document id (`rulegap doc list`) for clauses"
                );
            }
        }
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
                    "{:>2}. {}  {}  {}{}",
                    rank + 1,
                    bold(&who, color),
                    p.created_at.strftime("%Y-%m-%d"),
                    p.competition,
                    score_text(h.score),
                )
                .context("writing to stdout")?;
                // Imported posts may lack a thread title or a URL: no blank lines for them.
                for line in [p.thread_title.as_str(), p.url.as_str(), snippet.as_str()] {
                    if !line.trim().is_empty() {
                        writeln!(out, "    {line}").context("writing to stdout")?;
                    }
                }
                writeln!(out).context("writing to stdout")?;
            }
            Record::Clause(c) => {
                writeln!(
                    out,
                    "{:>2}. {}  {}  v{}  {}{}",
                    rank + 1,
                    bold(&c.id, color),
                    c.modality,
                    c.version,
                    c.competition,
                    score_text(h.score),
                )
                .context("writing to stdout")?;
                for line in [c.heading.join(" / "), snippet] {
                    if !line.trim().is_empty() {
                        writeln!(out, "    {line}").context("writing to stdout")?;
                    }
                }
                writeln!(out).context("writing to stdout")?;
            }
        }
    }
    Ok(Outcome::Success)
}

/// `  score 3.18` after a hit of free text; nothing for a filters-only listing,
/// whose order is by date and whose scores would mean nothing.
fn score_text(score: Option<f32>) -> String {
    score.map_or_else(String::new, |s| format!("  score {s:.2}"))
}
