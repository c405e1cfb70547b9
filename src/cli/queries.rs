//! `rulegap queries`: the rule-topic library, one topic per line.

use std::io::Write;

use anyhow::Context;
use clap::Args;

use super::{Globals, Outcome};
use crate::query::topics::TopicLibrary;

/// Arguments of `rulegap queries`.
#[derive(Debug, Args)]
pub struct QueriesArgs {
    /// Also print each topic's query and concept groups.
    #[arg(long, short)]
    pub verbose: bool,
}

pub(super) fn queries(g: &Globals, a: &QueriesArgs) -> anyhow::Result<Outcome> {
    let lib = match &g.queries {
        Some(dir) => TopicLibrary::with_dir(dir)?,
        None => TopicLibrary::builtin()?,
    };
    check_queries(&lib)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for t in lib.topics.values() {
        writeln!(out, "{:<24} {}", t.name, t.title).context("writing to stdout")?;
        if a.verbose {
            writeln!(out, "    query: {}", t.query).context("writing to stdout")?;
            writeln!(out, "    topic concepts: {}", t.topic_concepts.join(", "))
                .context("writing to stdout")?;
            writeln!(
                out,
                "    requirement concepts: {}",
                t.requirement_concepts.join(", ")
            )
            .context("writing to stdout")?;
        }
    }
    Ok(Outcome::Success)
}

/// Parses every topic's saved query as `search --saved` would, so a broken
/// one is named now rather than when it is first used.
fn check_queries(lib: &TopicLibrary) -> anyhow::Result<()> {
    use crate::index::schema;
    let (schema_, fields) = schema::build();
    let index = tantivy::Index::create_in_ram(schema_);
    schema::register_tokenizers(&index);
    let parser = tantivy::query::QueryParser::for_index(
        &index,
        schema::default_search_fields(&fields, false),
    );
    for t in lib.topics.values() {
        if let Err(e) = parser.parse_query(&t.query) {
            anyhow::bail!(
                "topic `{}`: its query `{}` does not parse ({e}); fix it in the topic file",
                t.name,
                t.query
            );
        }
    }
    Ok(())
}
