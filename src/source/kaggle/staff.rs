//! The Kaggle staff list kept in the data directory (`kaggle-staff.txt`):
//! the user names of every `PerformanceTier` 5 account in an imported
//! Users.csv, one lower-case name per line, sorted. `import kaggle` adds to
//! it; Kaggle live crawls read it, since the API's messages carry no role.

use std::collections::BTreeSet;

use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// The staff names stored in `data` (empty when no export was imported).
pub fn load_staff(data: &DataDir) -> Result<BTreeSet<String>> {
    let path = data.kaggle_staff();
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Adds `names` to the stored list (atomically: temporary file, then rename).
pub fn add_staff(data: &DataDir, names: &BTreeSet<String>) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let mut all = load_staff(data)?;
    all.extend(names.iter().map(|n| n.trim().to_lowercase()));
    DataDir::ensure(data.root())?;
    let path = data.kaggle_staff();
    let tmp = path.with_extension("txt.tmp");
    let mut text = all.into_iter().collect::<Vec<_>>().join("\n");
    text.push('\n');
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_and_merges() {
        let tmp = tempfile::tempdir().expect("tmp");
        let data = DataDir::new(tmp.path().join("d"));
        assert!(load_staff(&data).expect("empty").is_empty());
        add_staff(&data, &BTreeSet::from(["Kaggle_Staffer".to_owned()])).expect("add");
        add_staff(&data, &BTreeSet::from(["other".to_owned()])).expect("add");
        let all = load_staff(&data).expect("load");
        assert_eq!(
            all.into_iter().collect::<Vec<_>>(),
            ["kaggle_staffer", "other"]
        );
    }
}
