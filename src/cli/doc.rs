//! `rulegap doc add|list|show|diff|remove`: official documents and their clauses.
//!
//! Each command reads its arguments, calls `crate::docs`, and prints: human
//! lines by default, one JSON object per line with `--json`.

// Doc comments here are `--help` text, read in a terminal: URLs stay bare.
#![allow(rustdoc::bare_urls)]

use crate::analysis::text::closest_name;
use std::io::Write;

use anyhow::Context;
use clap::Subcommand;

use super::{Globals, Outcome};
use crate::docs::{
    AddOutcome, AddSpec, ChangeKind, ConceptMatcher, DocStore, FetchSettings, add_document,
    diff_clauses, remove_document,
};
use crate::model::{Clause, DocKind, Modality};
use crate::query::topics::TopicLibrary;

/// Document commands.
#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Add a document (URL or .html/.htm/.md/.txt/.pdf file), or a new version of one; a
    /// kaggle.com competition page (…/competitions/SLUG/rules) is read through Kaggle's API.
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
        /// Kaggle's API base URL, for kaggle.com competition pages (tests, proxies)
        /// [default: https://api.kaggle.com].
        #[arg(long, value_name = "URL")]
        api_base: Option<String>,
        /// Request timeout for a URL (e.g. 30s); a slow answer is retried up to 3 times.
        #[arg(long, value_name = "DURATION", value_parser = super::crawl::parse_timeout)]
        timeout: Option<std::time::Duration>,
    },
    /// List clauses of a competition's documents (newest versions).
    List {
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// Only this document.
        #[arg(long, value_name = "DOC")]
        doc: Option<String>,
        /// List this version of `--doc` instead of the newest.
        #[arg(long, value_name = "V", requires = "doc")]
        version: Option<u32>,
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
        /// Show the clause as this version of its document has it (default: the newest).
        #[arg(long, value_name = "V")]
        version: Option<u32>,
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
    /// Remove a document (all versions, or one with --version) from a competition.
    ///
    /// The files move to DATA/forgotten/, so nothing is lost until that folder is deleted.
    Remove {
        /// Competition slug.
        #[arg(long, value_name = "SLUG")]
        competition: String,
        /// Document id.
        #[arg(value_name = "DOC")]
        doc: String,
        /// Remove only this version; the newest one left becomes the one indexed.
        #[arg(long, value_name = "V")]
        version: Option<u32>,
    },
}

pub(super) fn doc(g: &Globals, c: DocCommand) -> anyhow::Result<Outcome> {
    if matches!(
        c,
        DocCommand::List { .. } | DocCommand::Show { .. } | DocCommand::Diff { .. }
    ) {
        g.data.require_existing()?;
    }
    match c {
        DocCommand::Add {
            source,
            competition,
            kind,
            id,
            title,
            new_version,
            api_base,
            timeout,
        } => add(
            g,
            &AddSpec {
                source,
                competition,
                kind,
                id,
                title,
                new_version,
                fetch: FetchSettings {
                    kaggle_api: api_base,
                    timeout,
                },
            },
        ),
        DocCommand::List {
            competition,
            doc,
            version,
            json,
        } => list(g, &competition, doc.as_deref(), version, json),
        DocCommand::Show {
            clause,
            competition,
            version,
        } => show(g, &clause, competition.as_deref(), version),
        DocCommand::Diff {
            competition,
            doc,
            from,
            to,
        } => diff(g, &competition, &doc, from, to),
        DocCommand::Remove {
            competition,
            doc,
            version,
        } => {
            if DocStore::new(&g.data)
                .versions(&competition, &doc)?
                .is_empty()
            {
                known_competition(g, &competition)?;
            }
            let removed = remove_document(&g.data, &competition, &doc, version)?;
            let what = if removed.whole {
                format!(
                    "document `{doc}` ({})",
                    super::output::plural(removed.versions.len(), "version")
                )
            } else {
                format!("version {} of document `{doc}`", removed.versions[0])
            };
            eprintln!(
                "removed {what} from `{competition}`; its files are kept in {} (delete that folder to free the space)",
                removed.aside.display()
            );
            Ok(Outcome::Success)
        }
    }
}

/// The concept matcher over the built-in library plus the user's `--queries` folder.
pub(crate) fn matcher(g: &Globals) -> anyhow::Result<ConceptMatcher> {
    let lib = match &g.queries {
        Some(dir) => TopicLibrary::with_dir(dir)?,
        None => TopicLibrary::builtin()?,
    };
    Ok(ConceptMatcher::new(&lib))
}

fn add(g: &Globals, spec: &AddSpec) -> anyhow::Result<Outcome> {
    let m = matcher(g)?;
    // Asked before adding: afterwards the competition exists.
    let near = near_competition(g, &spec.competition);
    let outcome = add_document(&g.data, &m, spec)?;
    if let (Some(near), AddOutcome::Added(_)) = (&near, &outcome) {
        eprintln!(
            "rulegap: no competition `{}` in the store yet; did you mean `{near}`? (adding it as a new competition)",
            spec.competition
        );
    }
    match outcome {
        AddOutcome::Unchanged(v) => eprintln!(
            "`{}` of `{}` is unchanged (same content as version {}); nothing to do",
            v.doc.id, v.doc.competition, v.doc.version
        ),
        AddOutcome::Added(v) => {
            let mut counts = std::collections::BTreeMap::new();
            for c in &v.clauses {
                *counts.entry(c.modality.as_str()).or_insert(0) += 1;
            }
            let summary: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            eprintln!(
                "added `{}` version {} to `{}`: {} ({}) from {}",
                v.doc.id,
                v.doc.version,
                v.doc.competition,
                super::output::plural(v.clauses.len(), "clause"),
                summary.join(", "),
                v.doc.url
            );
            if v.clauses
                .iter()
                .all(|c| c.modality == Modality::Informational)
            {
                eprintln!(
                    "rulegap: warning: none of its clauses states a rule (no must, may, may not, …), so the report will judge none of them; check that {} is the document itself (a saved copy of a page that renders in the browser may hold only its menus), and `rulegap doc list --competition {} --doc {}`",
                    v.doc.url, v.doc.competition, v.doc.id
                );
            }
        }
    }
    Ok(Outcome::Success)
}

fn list(
    g: &Globals,
    competition: &str,
    doc: Option<&str>,
    version: Option<u32>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let docs = DocStore::new(&g.data);
    let clauses: Vec<Clause> = match (doc, version) {
        (Some(d), Some(v)) => docs.version(competition, d, v)?.clauses,
        _ => docs
            .competition_clauses(competition)?
            .into_iter()
            .filter(|c| doc.is_none_or(|d| c.doc == d))
            .collect(),
    };
    if clauses.is_empty() {
        known_competition(g, competition)?;
        let what = doc.map_or_else(|| "documents".to_owned(), |d| format!("document `{d}`"));
        anyhow::bail!(
            "competition `{competition}` has no {what}; add one with `rulegap doc add FILE|URL --competition {competition} --kind rules`"
        );
    }
    let mut out = std::io::stdout().lock();
    for c in &clauses {
        if json {
            writeln!(out, "{}", serde_json::to_string(c)?)?;
        } else {
            let heading = c
                .heading
                .last()
                .filter(|h| !h.trim().is_empty())
                .map_or_else(String::new, |h| format!("{h} | "));
            writeln!(
                out,
                "{:<20} v{:<2} {:<13} {heading}{}",
                c.id,
                c.version,
                c.modality.as_str(),
                c.text
            )?;
        }
    }
    Ok(Outcome::Success)
}

/// A competition unknown to both the documents and the index, while others
/// exist, is most likely a typo: the same usage error (exit 2) as `report`
/// and `search`, listing the known ones.
fn known_competition(g: &Globals, competition: &str) -> anyhow::Result<()> {
    let with_docs = DocStore::new(&g.data).competitions()?;
    if with_docs.is_empty() || with_docs.iter().any(|c| c == competition) {
        return Ok(());
    }
    let store = crate::index::Store::open_read(&g.data)?;
    super::check_competition(&store, &store.searcher()?, g, competition)
}

/// When `competition` has neither documents nor posts yet, the stored competition
/// whose name is so close that `competition` is most likely a typo of it: at most
/// two edits apart (one for short names), or one name a prefix of the other;
/// not one differing only in its digits (another year's edition).
/// Best effort: a store that cannot be read gives no hint (the add itself reports it).
fn near_competition(g: &Globals, competition: &str) -> Option<String> {
    if !g.data.root().exists() {
        return None;
    }
    let mut known: std::collections::BTreeSet<String> = DocStore::new(&g.data)
        .competitions()
        .unwrap_or_default()
        .into_iter()
        .collect();
    if let Ok(store) = crate::index::Store::open_read(&g.data)
        && let Ok(searcher) = store.searcher()
    {
        known.extend(store.competitions(&searcher).unwrap_or_default());
    }
    if known.contains(competition) {
        return None;
    }
    closest_name(competition, known.iter().map(String::as_str)).map(str::to_owned)
}

fn find_clause(
    g: &Globals,
    id: &str,
    competition: Option<&str>,
    version: Option<u32>,
) -> anyhow::Result<Clause> {
    let docs = DocStore::new(&g.data);
    let comps = match competition {
        Some(c) => {
            known_competition(g, c)?;
            vec![c.to_owned()]
        }
        None => docs.competitions()?,
    };
    let doc_of_id = id.split_once('/').map_or(id, |(d, _)| d);
    let mut found = Vec::new();
    // Ids a reader may have meant: `rules/2.6.a` for `2.6.a`.
    let mut near: Vec<String> = Vec::new();
    // Older versions that have the id (a clause removed or renumbered since).
    let mut older: Vec<(String, u32)> = Vec::new();
    for comp in &comps {
        let versions = docs.versions(comp, doc_of_id)?;
        if let Some(v) = version {
            let Some(stored) = versions.iter().find(|s| s.doc.version == v) else {
                continue;
            };
            found.extend(stored.clauses.iter().filter(|c| c.id == id).cloned());
            continue;
        }
        let newest = versions.iter().map(|s| s.doc.version).max();
        for s in &versions {
            if Some(s.doc.version) != newest && s.clauses.iter().any(|c| c.id == id) {
                older.push((comp.clone(), s.doc.version));
            }
        }
        for c in docs.competition_clauses(comp)? {
            if c.id == id {
                found.push(c);
            } else if c.id.split_once('/').is_some_and(|(_, rest)| rest == id) {
                near.push(c.id);
            }
        }
    }
    if let (true, Some(v)) = (found.is_empty(), version) {
        anyhow::bail!(
            "no clause `{id}` in version {v} of document `{doc_of_id}`{}; list its clauses with `rulegap doc list --competition SLUG --doc {doc_of_id} --version {v}`",
            competition.map_or(String::new(), |c| format!(" of `{c}`")),
        );
    }
    near.sort();
    near.dedup();
    // A document id instead of a clause id: show how to list its clauses.
    if found.is_empty()
        && let Some(comp) = comps
            .iter()
            .find(|c| docs.versions(c, id).is_ok_and(|v| !v.is_empty()))
    {
        let first = docs
            .newest(comp, id)?
            .and_then(|v| v.clauses.first().map(|c| c.id.clone()))
            .unwrap_or_else(|| format!("{id}/NUMBER"));
        anyhow::bail!(
            "`{id}` is a document, not a clause; list its clauses with `rulegap doc list --competition {comp} --doc {id}`, or show one with `rulegap doc show {first} --competition {comp}`"
        );
    }
    match found.len() {
        0 if !near.is_empty() => anyhow::bail!(
            "no clause `{id}`{}; did you mean {}?",
            competition.map_or(String::new(), |c| format!(" in competition `{c}`")),
            near.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        0 if !older.is_empty() => {
            let (comp, v) = older
                .iter()
                .max_by_key(|(_, v)| *v)
                .cloned()
                .unwrap_or_default();
            anyhow::bail!(
                "no clause `{id}` in the newest version of `{doc_of_id}`; version {v} had it (removed or renumbered since, see `rulegap doc diff {doc_of_id} --competition {comp}`): show it with `rulegap doc show {id} --competition {comp} --version {v}`"
            )
        }
        0 => anyhow::bail!(
            "no clause `{id}`{}; list the clause ids with `rulegap doc list --competition {}`",
            competition.map_or(String::new(), |c| format!(" in competition `{c}`")),
            competition.unwrap_or("SLUG")
        ),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<&str> = found.iter().map(|c| c.competition.as_str()).collect();
            anyhow::bail!(
                "clause `{id}` exists in several competitions ({}); choose one with `--competition SLUG`",
                names.join(", ")
            )
        }
    }
}

fn show(
    g: &Globals,
    id: &str,
    competition: Option<&str>,
    version: Option<u32>,
) -> anyhow::Result<Outcome> {
    let c = find_clause(g, id, competition, version)?;
    let m = matcher(g)?;
    let none = || "-".to_owned();
    let list = |v: &[String]| if v.is_empty() { none() } else { v.join("; ") };
    let concepts: Vec<String> = m
        .groups_in(&c.text)
        .into_iter()
        .map(|(g, t)| format!("{g}{{{t}}}"))
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}  ({}, document `{}` version {})",
        c.id, c.competition, c.doc, c.version
    )?;
    writeln!(
        out,
        "heading:     {}",
        if c.heading.is_empty() {
            none()
        } else {
            c.heading.join(" > ")
        }
    )?;
    writeln!(out, "text:        {}", c.text)?;
    writeln!(out, "modality:    {}", c.modality)?;
    writeln!(out, "cues:        {}", list(&c.cues))?;
    writeln!(out, "conditions:  {}", list(&c.conditions))?;
    writeln!(out, "exceptions:  {}", list(&c.exceptions))?;
    writeln!(out, "topics:      {}", list(&c.topics))?;
    writeln!(out, "concepts:    {}", list(&concepts))?;
    writeln!(out, "refs:        {}", list(&c.refs))?;
    let sentences = crate::docs::split_sentences(&c.text);
    if sentences.len() > 1 {
        writeln!(out, "sentences:")?;
        for s in sentences {
            let (m, cues) = crate::docs::classify_sentence(&s, crate::docs::TextKind::Rules);
            let why = if m == Modality::Informational {
                String::new()
            } else {
                format!(" ({})", cues.join(", "))
            };
            writeln!(out, "  [{m}{why}] {s}")?;
        }
    }
    Ok(Outcome::Success)
}

fn diff(
    g: &Globals,
    competition: &str,
    doc: &str,
    from: Option<u32>,
    to: Option<u32>,
) -> anyhow::Result<Outcome> {
    let docs = DocStore::new(&g.data);
    let versions = docs.versions(competition, doc)?;
    let Some(newest) = versions.last() else {
        known_competition(g, competition)?;
        anyhow::bail!(
            "competition `{competition}` has no document `{doc}`; see `rulegap doc list --competition {competition}`"
        );
    };
    let to_v = to.unwrap_or(newest.doc.version);
    let from_v = match from {
        Some(v) => v,
        None => versions
            .iter()
            .rev()
            .map(|v| v.doc.version)
            .find(|v| *v < to_v)
            .with_context(|| format!("`{doc}` has only version {to_v}; nothing to compare (add a newer version with `rulegap doc add`)"))?,
    };
    let old = docs.version(competition, doc, from_v)?;
    let new = docs.version(competition, doc, to_v)?;
    let changes = diff_clauses(&old.clauses, &new.clauses);
    let count = |k: ChangeKind| changes.iter().filter(|c| c.change == k).count();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "`{doc}` of `{competition}`, version {from_v} -> {to_v}: {} modified, {} added, {} removed, {} moved",
        count(ChangeKind::Modified),
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Moved)
    )?;
    for c in &changes {
        let kind = match c.change {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
            ChangeKind::Moved => "moved",
        };
        let from_note = match (&c.from_id, c.change) {
            (Some(f), ChangeKind::Modified | ChangeKind::Moved) if *f != c.id => {
                format!(" (was {f})")
            }
            _ => String::new(),
        };
        writeln!(out, "{kind:<9} {}{from_note}", c.id)?;
        if let Some(t) = &c.from_text
            && c.change != ChangeKind::Moved
        {
            writeln!(out, "  - {t}")?;
        }
        if let Some(t) = &c.to_text {
            writeln!(out, "  + {t}")?;
        }
    }
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("camera-trap-2026", "camera-traps-2026"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("dfdc", "dfdc"), 0);
        assert_eq!(edit_distance("fisch-2027", "fish-2072"), 3);
        assert_eq!(edit_distance("héllo", "hello"), 1);
    }

    #[test]
    fn closest_name_finds_typos_not_strangers() {
        let known = ["camera-traps-2026", "dfdc", "fish-2027"];
        let near = |n| closest_name(n, known);
        assert_eq!(near("camera-trap-2026"), Some("camera-traps-2026"));
        assert_eq!(near("Camera-Traps-2026"), Some("camera-traps-2026"));
        assert_eq!(near("camera-traps"), Some("camera-traps-2026"), "a prefix");
        assert_eq!(near("fish-2028"), None, "another edition");
        assert_eq!(near("fsh-2027"), Some("fish-2027"));
        assert_eq!(near("dfdd"), Some("dfdc"));
        assert_eq!(near("abcd"), None, "two edits in a short name");
        assert_eq!(near("birds-2026"), None);
        assert_eq!(near("df"), None, "a two-letter prefix is no evidence");
    }
}
