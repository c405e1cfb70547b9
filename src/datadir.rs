//! The data directory (`./index` by default, `--data DIR` or `RULEGAP_DATA`):
//! the names of everything rulegap keeps there, in one place.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Default data directory, relative to the working directory.
pub const DEFAULT_DATA_DIR: &str = "index";

/// Paths inside one data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data directory rooted at `root` (not created until something is written).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// The folder itself.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tantivy index.
    #[must_use]
    pub fn tantivy(&self) -> PathBuf {
        self.root.join("tantivy")
    }

    /// WARC files of every fetched response.
    #[must_use]
    pub fn archive(&self) -> PathBuf {
        self.root.join("archive")
    }

    /// Stored copies of imported posts (JSONL), replayed by `reindex`.
    #[must_use]
    pub fn imported(&self) -> PathBuf {
        self.root.join("imported")
    }

    /// Settings and resume state of each crawl.
    #[must_use]
    pub fn crawls(&self) -> PathBuf {
        self.root.join("crawls")
    }

    /// Official documents and their versions.
    #[must_use]
    pub fn docs(&self) -> PathBuf {
        self.root.join("docs")
    }

    /// Kaggle staff (`PerformanceTier` 5) seen by `import kaggle` in Users.csv,
    /// one lower-case user name per line: Kaggle live crawls give them the `staff` role.
    #[must_use]
    pub fn kaggle_staff(&self) -> PathBuf {
        self.root.join("kaggle-staff.txt")
    }

    /// A new folder under `forgotten/` for what `forget` or `doc remove` sets
    /// aside, named for it and the time: `forgotten/NAME-20261130T031500Z`,
    /// with `-2`, `-3`, … when that name is taken (two removals in one second),
    /// so nothing set aside earlier is overwritten.
    #[must_use]
    pub fn forgotten(&self, name: &str) -> PathBuf {
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
        let base = self.root.join("forgotten").join(format!("{name}-{stamp}"));
        let mut path = base.clone();
        let mut n = 2;
        while path.exists() {
            path = base.with_file_name(format!("{name}-{stamp}-{n}"));
            n += 1;
        }
        path
    }

    /// The small JSON file with store-wide facts (last crawl, last import).
    #[must_use]
    pub fn state_file(&self) -> PathBuf {
        self.root.join("state.json")
    }

    /// Creates `path` and its parents.
    pub fn ensure(path: &Path) -> Result<()> {
        std::fs::create_dir_all(path).map_err(|e| Error::write(path, e))
    }

    /// For read commands: the folder must exist and be a directory. Nothing is created,
    /// so a mistyped `--data` gives an error instead of an empty result.
    pub fn require_existing(&self) -> Result<()> {
        match std::fs::metadata(&self.root) {
            Ok(m) if m.is_dir() => Ok(()),
            Ok(_) => Err(Error::Input(format!(
                "--data {} is a file, not a directory; pass the rulegap data directory (default `./index`)",
                self.root.display()
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NoDataDir {
                dir: self.root.clone(),
            }),
            Err(e) => Err(Error::io(&self.root, e)),
        }
    }
}

/// Store-wide facts kept beside the index (`state.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct State {
    /// When the last crawl finished.
    #[serde(default)]
    pub last_crawl: Option<jiff::Timestamp>,
    /// Pages that failed in the last crawl.
    #[serde(default)]
    pub failed_pages: u64,
    /// When the last import finished.
    #[serde(default)]
    pub last_import: Option<jiff::Timestamp>,
}

impl State {
    /// Reads `state.json`, or the default when there is none yet.
    pub fn load(data: &DataDir) -> Result<State> {
        let path = data.state_file();
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                Error::Input(format!(
                    "{}: not valid state JSON ({e}); delete it to start afresh",
                    path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Writes `state.json` atomically (temporary file, then rename).
    pub fn save(&self, data: &DataDir) -> Result<()> {
        DataDir::ensure(data.root())?;
        let path = data.state_file();
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("state serialises");
        std::fs::write(&tmp, text).map_err(|e| Error::write(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::write(&path, e))
    }

    /// Loads, applies `f`, saves.
    pub fn update(data: &DataDir, f: impl FnOnce(&mut State)) -> Result<()> {
        let mut s = State::load(data)?;
        f(&mut s);
        s.save(data)
    }
}
