//! `rulegap import jsonl FILE|-` and `rulegap import kaggle DIR`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;

use super::{Globals, Outcome};
use crate::datadir::{DataDir, State};
use crate::index::Store;
use crate::model::Post;
use crate::source::jsonl;

/// Posts per commit while importing.
pub(crate) const IMPORT_BATCH: usize = 100_000;

/// What to import.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Posts in the JSONL interchange format (see README), from FILE or `-` for stdin.
    Jsonl {
        /// The file, or `-` for standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// A Meta Kaggle CSV export (Competitions.csv, ForumTopics.csv, ForumMessages.csv, …).
    Kaggle(super::import_kaggle::KaggleArgs),
}

pub(super) fn import(g: &Globals, c: ImportCommand) -> anyhow::Result<Outcome> {
    match c {
        ImportCommand::Jsonl { file } => import_jsonl(g, &file),
        ImportCommand::Kaggle(a) => super::import_kaggle::import_kaggle(g, &a),
    }
}

/// Refuses a file that starts as UTF-16 (what some Windows tools write) or
/// binary, before anything is created.
fn check_utf8_start(f: &mut std::fs::File, name: &str) -> anyhow::Result<()> {
    use std::io::{Read, Seek};
    let mut head = [0u8; 512];
    let n = f
        .read(&mut head)
        .with_context(|| format!("cannot read {name}"))?;
    f.rewind().with_context(|| format!("cannot read {name}"))?;
    let head = &head[..n];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        anyhow::bail!(
            "{name} is UTF-16 text; convert it to UTF-8 first, e.g. `iconv -f UTF-16 -t UTF-8 {name} > posts.jsonl`"
        );
    }
    if head.contains(&0) {
        anyhow::bail!("{name} looks like a binary file, not JSONL text; give a .jsonl file");
    }
    Ok(())
}

/// Bad lines reported one by one; the rest are counted.
const MAX_REPORTED_LINES: usize = 20;

fn import_jsonl(g: &Globals, file: &Path) -> anyhow::Result<Outcome> {
    let name = if file == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    };
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        if file.is_dir() {
            anyhow::bail!(
                "{name} is a directory, not a JSONL file; give one .jsonl file (or - for stdin)"
            );
        }
        let mut f = match std::fs::File::open(file) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
                "{name}: no such file; check the path (one .jsonl file, or - for stdin)"
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot open {name}")),
        };
        check_utf8_start(&mut f, &name)?;
        Box::new(BufReader::with_capacity(1 << 20, f))
    };
    let store = Store::open(&g.data)?;
    let mut writer = store.writer()?;
    // What the store held before: a post already in it is updated, and said so.
    let before = store.searcher()?;
    let key_field = store.fields().key;
    let mut updated = 0usize;
    crate::analysis::install_annotator(&mut writer, g.queries.as_deref())?;
    // Watch Ctrl-C before the copy exists: a copy file means Ctrl-C is handled.
    let interrupt = super::interrupt::Interrupt::watch();
    let mut copy = ImportCopy::create(&g.data)?;
    let mut interrupted = false;
    let (mut good, mut bad) = (0usize, 0usize);
    let mut ignored = std::collections::BTreeSet::new();
    let mut titles: std::collections::HashMap<(String, String), String> =
        std::collections::HashMap::new();
    for (i, line) in reader.lines().enumerate() {
        if interrupt.pressed() {
            interrupted = true;
            break;
        }
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                // Keep the stored copy only of what reached the index.
                if good == 0 {
                    copy.discard();
                } else {
                    copy.flush()?;
                    writer.finish()?;
                }
                return Err(anyhow::anyhow!(
                    "{name}: line {}: cannot read ({e}); convert the file to UTF-8 text",
                    i + 1
                ));
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match jsonl::parse_line_with_unknown(&line) {
            Ok((mut post, unknown)) => {
                // An export may give a thread's title only on its first line.
                let thread = (post.site.clone(), post.thread_id.clone());
                if post.thread_title.is_empty() {
                    if let Some(t) = titles.get(&thread) {
                        post.thread_title.clone_from(t);
                    }
                } else {
                    titles
                        .entry(thread)
                        .or_insert_with(|| post.thread_title.clone());
                }
                ignored.extend(unknown);
                let known = crate::index::term_query(key_field, &post.key());
                if store.count(&before, &*known)? > 0 {
                    updated += 1;
                }
                writer.upsert_post(&post)?;
                copy.push(&post)?;
                good += 1;
                if writer.pending() >= IMPORT_BATCH {
                    copy.flush()?;
                    writer.commit()?;
                }
            }
            Err(reason) => {
                bad += 1;
                if bad <= MAX_REPORTED_LINES {
                    eprintln!("rulegap: {name}: line {}: {reason}; line skipped", i + 1);
                }
            }
        }
    }
    if bad > MAX_REPORTED_LINES {
        eprintln!(
            "rulegap: {name}: {} more bad lines not shown",
            bad - MAX_REPORTED_LINES
        );
    }
    if interrupted && good == 0 {
        copy.discard();
        anyhow::bail!("interrupted before any post of {name} was imported; nothing was kept");
    }
    if good == 0 && bad == 0 {
        copy.discard();
        anyhow::bail!("{name} holds no posts (it is empty); nothing was imported");
    }
    if good == 0 {
        copy.discard();
        anyhow::bail!(
            "{name}: none of its {} is a post (see above); it does not look like rulegap's JSONL (one JSON object per line, README \"JSONL interchange format\"); nothing was imported",
            super::output::plural(bad, "line")
        );
    }
    if !ignored.is_empty() {
        let names: Vec<String> = ignored.iter().map(|f| format!("`{f}`")).collect();
        eprintln!(
            "rulegap: {name}: ignored unknown field(s) {} (README, \"JSONL interchange format\", lists the fields read)",
            names.join(", ")
        );
    }
    copy.finish()?;
    writer.finish()?;
    State::update(&g.data, |s| s.last_import = Some(jiff::Timestamp::now()))?;
    if interrupted {
        eprintln!(
            "rulegap: interrupted after {} of {name}: they are kept; run the same command again for the rest (posts already imported are updated, not duplicated)",
            super::output::plural(good, "post")
        );
        return Ok(Outcome::Interrupted);
    }
    let already = match updated {
        0 => String::new(),
        n if n == good => " (all already in the store: updated, not duplicated)".to_owned(),
        n => format!(" ({n} already in the store: updated, not duplicated)"),
    };
    eprintln!(
        "imported {} from {name}{already}; {} failed",
        super::output::plural(good, "post"),
        super::output::plural(bad, "line")
    );
    Ok(if bad > 0 {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

/// The stored copy of imported posts, replayed by `reindex`.
pub(crate) struct ImportCopy {
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    hash: sha1::Sha1,
}

impl ImportCopy {
    /// A new copy file under `imported/`, named by the current time.
    pub(crate) fn create(data: &DataDir) -> anyhow::Result<ImportCopy> {
        let dir = data.imported();
        DataDir::ensure(&dir)?;
        let stamp = jiff::Timestamp::now()
            .strftime("%Y%m%dT%H%M%S%.6fZ")
            .to_string();
        let path = dir.join(format!("{stamp}.jsonl"));
        let f = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(ImportCopy {
            path,
            out: std::io::BufWriter::new(f),
            hash: sha1::Digest::new(),
        })
    }

    pub(crate) fn push(&mut self, post: &Post) -> anyhow::Result<()> {
        let line = jsonl::to_line(post);
        sha1::Digest::update(&mut self.hash, line.as_bytes());
        writeln!(self.out, "{line}").with_context(|| format!("writing {}", self.path.display()))
    }

    /// Flushes the copy at the end of an import and names it by its content;
    /// an older copy with the same content is removed (importing the same file
    /// again stores it once, in its new place in the import order).
    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        self.flush()?;
        let digest = sha1::Digest::finalize(self.hash.clone());
        let tag: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
        let suffix = format!("-{tag}.jsonl");
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let named = self.path.with_file_name(format!("{stem}{suffix}"));
        std::fs::rename(&self.path, &named)
            .with_context(|| format!("renaming {}", self.path.display()))?;
        if let Some(dir) = named.parent()
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            for e in entries.flatten() {
                let p = e.path();
                if p != named && p.to_string_lossy().ends_with(&suffix) {
                    let _ = std::fs::remove_file(&p);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn flush(&mut self) -> anyhow::Result<()> {
        self.out
            .flush()
            .with_context(|| format!("writing {}", self.path.display()))
    }

    pub(crate) fn discard(self) {
        drop(self.out);
        let _ = std::fs::remove_file(&self.path);
    }
}
