//! `rulegap forget --competition SLUG`: removes a competition from the index
//! and sets aside everything that would bring it back (its crawls' archive
//! files and state, its documents, its imported posts) in
//! `DATA/forgotten/SLUG-TIME/`, so nothing is lost and nothing returns by
//! itself: a later crawl fetches it afresh, `reindex` leaves it out.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use super::output::plural;
use super::{Globals, Outcome, UsageError};
use crate::crawl::archive_reader::{archive_files, file_info};
use crate::crawl::state::CrawlSettings;
use crate::datadir::DataDir;
use crate::index::Store;
use crate::index::schema::{KIND_CLAUSE, KIND_POST};

/// Arguments of `rulegap forget`.
#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The competition to remove.
    #[arg(long, value_name = "SLUG")]
    pub competition: String,
    /// Do not ask for confirmation (required when not on a terminal).
    #[arg(long)]
    pub yes: bool,
}

/// What was set aside.
#[derive(Debug, Default)]
struct SetAside {
    crawls: usize,
    archive_files: usize,
    documents: bool,
    /// Archive files of documents fetched by URL.
    document_files: usize,
    imported_posts: usize,
    /// Crawls without `--competition` that may hold some of its posts too.
    mixed_crawls: usize,
}

pub(super) fn forget(g: &Globals, a: &ForgetArgs) -> anyhow::Result<Outcome> {
    g.data.require_existing()?;
    let slug = &a.competition;
    let store = Store::open(&g.data)?;
    let searcher = store.searcher()?;
    let posts = store.count(&searcher, &*store.kind_query(KIND_POST, Some(slug)))?;
    let clauses = store.count(&searcher, &*store.kind_query(KIND_CLAUSE, Some(slug)))?;
    let what = format!(
        "{} and {} of `{slug}`",
        plural(posts, "post"),
        plural(clauses, "clause"),
    );
    if posts + clauses == 0 {
        return Err(UsageError(format!(
            "competition `{slug}` is not in {}; see `rulegap status`",
            g.data.root().display()
        ))
        .into());
    }
    if !a.yes {
        if !std::io::stdin().is_terminal() {
            return Err(UsageError(format!(
                "`forget` removes {what}; add `--yes` to confirm when not on a terminal"
            ))
            .into());
        }
        eprint!("remove {what}? [y/N] ");
        let mut answer = String::new();
        std::io::stdin()
            .read_line(&mut answer)
            .context("reading the answer")?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("nothing removed");
            return Ok(Outcome::Success);
        }
    }
    // Holding the writer keeps crawls and imports out while files move.
    let mut writer = store.writer()?;
    let folder = g.data.forgotten(slug);
    let moved = set_aside(&g.data, slug, &folder)?;
    writer.delete_competition(slug);
    writer.finish()?;
    forget_facts(&g.data)?;
    let mut kept = Vec::new();
    if moved.crawls > 0 {
        kept.push(format!(
            "{} ({})",
            plural(moved.crawls, "crawl"),
            plural(moved.archive_files, "archive file")
        ));
    }
    if moved.documents || moved.document_files > 0 {
        kept.push(if moved.document_files > 0 {
            format!(
                "its documents ({} of pages fetched by URL)",
                plural(moved.document_files, "archive file")
            )
        } else {
            "its documents".to_owned()
        });
    }
    if moved.imported_posts > 0 {
        // Lines of the stored import copies: a post imported twice counts twice.
        kept.push(format!(
            "{} of imported posts (a post imported again counts again)",
            plural(moved.imported_posts, "line")
        ));
    }
    eprintln!("removed {what}");
    if !kept.is_empty() {
        eprintln!(
            "set aside {} in {} (delete it to free the space; move its contents back and run `rulegap reindex` to restore)",
            kept.join(", "),
            folder.display()
        );
    }
    if moved.mixed_crawls > 0 {
        eprintln!(
            "note: {} without `--competition` may also hold posts of `{slug}`; they stay in the archive, and `rulegap reindex` would bring those posts back",
            plural(moved.mixed_crawls, "crawl")
        );
    }
    Ok(Outcome::Success)
}

/// Moves the crawls of `slug` (settings, state, archive files), its documents
/// and its imported posts from `data` into `folder`.
fn set_aside(data: &DataDir, slug: &str, folder: &Path) -> anyhow::Result<SetAside> {
    let mut out = SetAside::default();
    let mut ids = Vec::new();
    if let Ok(entries) = std::fs::read_dir(data.crawls()) {
        for e in entries.flatten() {
            let id = e.file_name().to_string_lossy().into_owned();
            match CrawlSettings::load(data, &id)? {
                Some(s) if s.competition.as_deref() == Some(slug) => ids.push(id),
                Some(s) if s.competition.is_none() => out.mixed_crawls += 1,
                _ => {}
            }
        }
    }
    for path in archive_files(data)? {
        let info = file_info(&path)?;
        let crawl = info.as_ref().and_then(|r| r.crawl_id());
        let documents = info.as_ref().and_then(|r| r.documents_of());
        if crawl.is_some_and(|c| ids.contains(&c)) {
            move_into(&path, &folder.join("archive"))?;
            out.archive_files += 1;
        } else if documents.as_deref() == Some(slug) {
            move_into(&path, &folder.join("archive"))?;
            out.document_files += 1;
        }
    }
    for id in &ids {
        move_into(&data.crawls().join(id), &folder.join("crawls"))?;
        out.crawls += 1;
    }
    let docs = data.docs().join(slug);
    if docs.exists() {
        move_into(&docs, &folder.join("docs"))?;
        out.documents = true;
    }
    out.imported_posts = set_aside_imports(data, slug, &folder.join("imported"))?;
    Ok(out)
}

/// Clears the store-wide facts that only the set-aside data backed: the last
/// crawl (and its failed pages) once no crawl is left, the last import once
/// no imported post is left.
fn forget_facts(data: &DataDir) -> anyhow::Result<()> {
    let no_crawls = std::fs::read_dir(data.crawls()).map_or(true, |mut d| d.next().is_none());
    let no_imports = std::fs::read_dir(data.imported()).map_or(true, |d| {
        !d.flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
    });
    crate::datadir::State::update(data, |s| {
        if no_crawls {
            s.last_crawl = None;
            s.failed_pages = 0;
        }
        if no_imports {
            s.last_import = None;
        }
    })?;
    Ok(())
}

/// Moves `path` into the folder `to` (created), keeping its name.
fn move_into(path: &Path, to: &Path) -> anyhow::Result<()> {
    DataDir::ensure(to)?;
    let name = path.file_name().context("a named path")?;
    let dest = to.join(name);
    std::fs::rename(path, &dest)
        .with_context(|| format!("moving {} to {}", path.display(), dest.display()))
}

/// Splits every stored import: the lines of `slug` go to a file of the same
/// name in `to`, the others stay. Returns how many lines moved.
fn set_aside_imports(data: &DataDir, slug: &str, to: &Path) -> anyhow::Result<usize> {
    let Ok(entries) = std::fs::read_dir(data.imported()) else {
        return Ok(0);
    };
    let mut moved = 0;
    for path in entries.flatten().map(|e| e.path()) {
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let f =
            std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let (mut keep, mut take) = (Vec::new(), Vec::new());
        for line in std::io::BufReader::new(f).lines() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            let ours = crate::source::jsonl::parse_line(&line).is_ok_and(|p| p.competition == slug);
            if ours {
                take.push(line)
            } else {
                keep.push(line)
            }
        }
        if take.is_empty() {
            continue;
        }
        DataDir::ensure(to)?;
        // Its own name, so moving it back beside the file it came from overwrites nothing.
        let stem = path
            .file_stem()
            .context("a named file")?
            .to_string_lossy()
            .into_owned();
        write_lines(&to.join(format!("{stem}-{slug}.jsonl")), &take)?;
        if keep.is_empty() {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        } else {
            let tmp = path.with_extension("jsonl.tmp");
            write_lines(&tmp, &keep)?;
            std::fs::rename(&tmp, &path)
                .with_context(|| format!("replacing {}", path.display()))?;
        }
        moved += take.len();
    }
    Ok(moved)
}

fn write_lines(path: &PathBuf, lines: &[String]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
    );
    for l in lines {
        writeln!(f, "{l}").with_context(|| format!("writing {}", path.display()))?;
    }
    f.flush()
        .with_context(|| format!("writing {}", path.display()))
}
