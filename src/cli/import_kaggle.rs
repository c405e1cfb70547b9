//! `rulegap import kaggle DIR`: the Meta Kaggle forum export into the store.
//!
//! Three passes, only the last one writes: `KaggleExport::open` checks every
//! header and slug and reads the small files; `load_authors` streams
//! ForumMessages.csv for who posted; then the messages stream into the store,
//! committed every `IMPORT_BATCH` posts and copied under `imported/` for
//! `reindex`. Progress goes to stderr: a bar on a terminal, plain lines otherwise.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::import::{IMPORT_BATCH, ImportCopy};
use super::{Globals, Outcome};
use crate::datadir::State;
use crate::index::Store;
use crate::source::kaggle::{FORUM_MESSAGES, KaggleExport, RowError, Selection, add_staff};

/// Skipped rows printed one by one; the rest are only counted.
const MAX_ROW_ERRORS_SHOWN: usize = 50;
/// Interval between progress lines when stderr is not a terminal.
const PLAIN_PROGRESS_EVERY: Duration = Duration::from_secs(10);

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

pub(super) fn import_kaggle(g: &Globals, a: &KaggleArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let sel = Selection {
        competitions: a.competitions.clone(),
        official_users: a.official_users.clone(),
    };
    let mut export = KaggleExport::open(&a.dir, &sel)?;
    let comps = export.competitions();
    if comps.is_empty() {
        for n in export.notes() {
            eprintln!("note: {n}");
        }
        anyhow::bail!(
            "no competition with a forum to import from {}; see the notes above",
            a.dir.display()
        );
    }
    let mut progress = Progress::new("finding authors", export.messages_bytes());
    export.load_authors(&mut |bytes, rows| progress.update(bytes, rows, 0))?;
    progress.finish();
    let mut errors = Errors::default();
    for e in export.row_errors() {
        errors.report(e, None);
    }
    let notes = export.notes().to_vec();
    let staff = export.staff().clone();

    // Everything is checked: only now is the store opened and written.
    let store = Store::open(&g.data)?;
    let mut writer = store.writer()?;
    crate::analysis::install_annotator(&mut writer, g.queries.as_deref())?;
    let mut copy = ImportCopy::create(&g.data)?;
    let mut messages = export.messages();
    let mut progress = Progress::new("importing", messages.total_bytes());
    let (mut posts, mut official) = (0u64, 0u64);
    let interrupt = super::interrupt::Interrupt::watch();
    let mut interrupted = false;
    while let Some(item) = messages.next() {
        if interrupt.pressed() {
            interrupted = true;
            break;
        }
        match item? {
            Ok(post) => {
                writer.upsert_post(&post)?;
                copy.push(&post)?;
                posts += 1;
                official += u64::from(post.is_official());
                if writer.pending() >= IMPORT_BATCH {
                    copy.flush()?;
                    writer.commit()?;
                }
            }
            Err(bad) => errors.report(&bad, progress.bar.as_ref()),
        }
        if messages.rows_read() % 4096 == 0 {
            progress.update(messages.bytes_read(), messages.rows_read(), posts);
        }
    }
    progress.finish();
    if posts == 0 {
        copy.discard();
    } else {
        copy.finish()?;
    }
    writer.finish()?;
    add_staff(&g.data, &staff)?;
    State::update(&g.data, |s| s.last_import = Some(jiff::Timestamp::now()))?;

    for n in &notes {
        eprintln!("note: {n}");
    }
    errors.summary();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "imported {posts} posts ({official} official) of {} competition{} from {} in {secs:.1} s ({:.0} posts/s); {} rows skipped",
        comps.len(),
        if comps.len() == 1 { "" } else { "s" },
        a.dir.display(),
        posts as f64 / secs.max(1e-9),
        errors.count
    );
    if interrupted {
        eprintln!(
            "rulegap: interrupted: the {posts} posts imported are kept; run the same command again for the rest (posts already imported are updated, not duplicated)"
        );
        return Ok(Outcome::Interrupted);
    }
    Ok(if errors.count > 0 {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

/// Skipped rows: the first few printed with file and line, the rest counted.
#[derive(Default)]
struct Errors {
    count: usize,
}

impl Errors {
    fn report(&mut self, e: &RowError, bar: Option<&ProgressBar>) {
        self.count += 1;
        if self.count > MAX_ROW_ERRORS_SHOWN {
            return;
        }
        let line = format!("rulegap: {e}");
        match bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn summary(&self) {
        if self.count > MAX_ROW_ERRORS_SHOWN {
            eprintln!(
                "rulegap: … and {} more skipped rows (only the first {MAX_ROW_ERRORS_SHOWN} are shown)",
                self.count - MAX_ROW_ERRORS_SHOWN
            );
        }
    }
}

/// Progress through ForumMessages.csv by bytes read, with rows/s and time left.
struct Progress {
    bar: Option<ProgressBar>,
    phase: &'static str,
    total: u64,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    fn new(phase: &'static str, total: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{prefix:>16} [{elapsed_precise}] {wide_bar} {percent:>3}% {msg} · {eta} left",
                )
                .expect("static template"),
            );
            bar.set_prefix(phase);
            bar
        });
        Progress {
            bar,
            phase,
            total,
            started: Instant::now(),
            last_line: Instant::now(),
        }
    }

    fn update(&mut self, bytes: u64, rows: u64, posts: u64) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = rows as f64 / secs;
        let imported = if posts > 0 {
            format!(" · {posts} posts")
        } else {
            String::new()
        };
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
            bar.set_message(format!("{rows} rows · {rate:.0} rows/s{imported}"));
        } else if self.last_line.elapsed() >= PLAIN_PROGRESS_EVERY {
            self.last_line = Instant::now();
            let done = bytes as f64 / self.total.max(1) as f64;
            let left = if done > 0.0 {
                secs * (1.0 - done) / done
            } else {
                0.0
            };
            eprintln!(
                "{}: {FORUM_MESSAGES} {:.0}% · {rows} rows · {rate:.0} rows/s{imported} · about {left:.0} s left",
                self.phase,
                done * 100.0
            );
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
