//! One Meta Kaggle CSV file: opened, its header checked (delimiter, required
//! columns), then read row by row as `ByteRecord`s so nothing is decoded that
//! the importer does not need. Structural problems become `Error::KaggleCsv`
//! naming the file and the column; a bad row becomes a `RowError` with its line.

use std::fs::File;
use std::path::{Path, PathBuf};

use csv::{ByteRecord, Reader, ReaderBuilder};

use crate::error::{Error, Result};

/// Read buffer for the big files.
const BUFFER_BYTES: usize = 1 << 20;

/// A row that was skipped: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file's name (e.g. `ForumMessages.csv`).
    pub file: String,
    /// The line the row starts on (1 = the header).
    pub line: u64,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: line {}: {}; row skipped",
            self.file, self.line, self.reason
        )
    }
}

/// An open CSV file positioned after its header.
pub(crate) struct Table {
    pub(crate) path: PathBuf,
    pub(crate) name: String,
    header: Vec<String>,
    reader: Reader<File>,
    len: u64,
}

impl Table {
    /// Opens `dir/name` and reads its header; `None` when the file does not exist.
    pub(crate) fn open_optional(dir: &Path, name: &str) -> Result<Option<Table>> {
        let path = dir.join(name);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let len = file.metadata().map_err(|e| Error::io(&path, e))?.len();
        let mut reader = ReaderBuilder::new()
            .buffer_capacity(BUFFER_BYTES)
            .from_reader(file);
        let header = reader
            .byte_headers()
            .map_err(|e| structure(&path, "", &format!("cannot read the header line ({e})")))?
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_owned()
            })
            .collect();
        Ok(Some(Table {
            name: name.to_owned(),
            path,
            header,
            reader,
            len,
        }))
    }

    /// Opens `dir/name`, which must exist.
    pub(crate) fn open(dir: &Path, name: &str) -> Result<Table> {
        Self::open_optional(dir, name)?.ok_or_else(|| Error::KaggleFileMissing {
            file: dir.join(name),
        })
    }

    /// The index of a column the importer cannot do without.
    pub(crate) fn column(&self, name: &str) -> Result<usize> {
        if let Some(i) = self.optional(name) {
            return Ok(i);
        }
        if let [only] = self.header.as_slice()
            && let Some(d) = [';', '\t', '|'].into_iter().find(|d| only.contains(*d))
        {
            let shown = if d == '\t' {
                "tab".to_owned()
            } else {
                format!("`{d}`")
            };
            return Err(structure(
                &self.path,
                name,
                &format!(
                    "the header is separated by {shown}, not by commas; Meta Kaggle files are comma-separated: use the file as downloaded, or convert it back to commas"
                ),
            ));
        }
        Err(structure(
            &self.path,
            name,
            &format!(
                "required column is missing (the header has: {}); use the file as downloaded from Meta Kaggle",
                self.header.join(", ")
            ),
        ))
    }

    /// The index of a column that older exports may lack.
    pub(crate) fn optional(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Reads the next row into `rec`: `Ok(true)` for a row, `Ok(false)` at the end,
    /// `Err(Ok(row error))` for a malformed row, `Err(Err(..))` when reading fails.
    pub(crate) fn next_row(
        &mut self,
        rec: &mut ByteRecord,
    ) -> std::result::Result<bool, std::result::Result<RowError, Error>> {
        match self.reader.read_byte_record(rec) {
            Ok(more) => Ok(more),
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                } => Err(Ok(RowError {
                    file: self.name.clone(),
                    line: pos.as_ref().map_or(0, csv::Position::line),
                    reason: format!(
                        "{len} fields where the header has {expected_len} (an unescaped quote or comma?)"
                    ),
                })),
                csv::ErrorKind::Io(io) => Err(Err(Error::io(
                    &self.path,
                    std::io::Error::new(io.kind(), io.to_string()),
                ))),
                _ => Err(Ok(RowError {
                    file: self.name.clone(),
                    line: self.reader.position().line(),
                    reason: e.to_string(),
                })),
            },
        }
    }

    /// A row error at the row just read.
    pub(crate) fn row_error(&self, rec: &ByteRecord, reason: String) -> RowError {
        RowError {
            file: self.name.clone(),
            line: rec.position().map_or(0, csv::Position::line),
            reason,
        }
    }

    /// Bytes read so far, for progress.
    pub(crate) fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The file's size in bytes.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }
}

/// The error for a structural problem in `path` at `column`.
pub(crate) fn structure(path: &Path, column: &str, problem: &str) -> Error {
    Error::KaggleCsv {
        file: path.to_path_buf(),
        column: column.to_owned(),
        problem: problem.to_owned(),
    }
}

/// A field as trimmed UTF-8 (`""` when absent).
pub(crate) fn field(rec: &ByteRecord, i: usize) -> std::result::Result<&str, String> {
    let raw = rec.get(i).unwrap_or_default();
    std::str::from_utf8(raw)
        .map(str::trim)
        .map_err(|_| format!("field {} is not valid UTF-8", i + 1))
}

/// An optional field (`""` when the column is absent).
pub(crate) fn opt_field(rec: &ByteRecord, i: Option<usize>) -> std::result::Result<&str, String> {
    i.map_or(Ok(""), |i| field(rec, i))
}

/// A Meta Kaggle id: digits, possibly float-formatted (`2178321.0`); `None` when empty.
pub(crate) fn parse_id(raw: &[u8]) -> std::result::Result<Option<u64>, ()> {
    let s = raw.trim_ascii();
    if s.is_empty() {
        return Ok(None);
    }
    let digits = match s.iter().position(|&b| b == b'.') {
        Some(dot) if s[dot + 1..].iter().all(|&b| b == b'0') => &s[..dot],
        Some(_) => return Err(()),
        None => s,
    };
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(());
    }
    Ok(Some(
        digits
            .iter()
            .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')),
    ))
}

/// A required id field, or the reason it is not one.
pub(crate) fn id_field(
    rec: &ByteRecord,
    i: usize,
    column: &str,
) -> std::result::Result<u64, String> {
    match parse_id(rec.get(i).unwrap_or_default()) {
        Ok(Some(id)) => Ok(id),
        Ok(None) => Err(format!("`{column}` is empty")),
        Err(()) => Err(format!(
            "`{column}` is `{}`, not a number",
            String::from_utf8_lossy(rec.get(i).unwrap_or_default())
        )),
    }
}

/// An optional id field (empty is fine).
pub(crate) fn opt_id_field(
    rec: &ByteRecord,
    i: Option<usize>,
    column: &str,
) -> std::result::Result<Option<u64>, String> {
    let Some(i) = i else { return Ok(None) };
    parse_id(rec.get(i).unwrap_or_default()).map_err(|()| {
        format!(
            "`{column}` is `{}`, not a number",
            String::from_utf8_lossy(rec.get(i).unwrap_or_default())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::parse_id;

    #[test]
    fn ids_plain_and_float_formatted() {
        assert_eq!(parse_id(b"2178321"), Ok(Some(2_178_321)));
        assert_eq!(parse_id(b"2178321.0"), Ok(Some(2_178_321)));
        assert_eq!(parse_id(b" 7.00 "), Ok(Some(7)));
        assert_eq!(parse_id(b""), Ok(None));
        assert_eq!(parse_id(b"2178321.5"), Err(()));
        assert_eq!(parse_id(b"abc"), Err(()));
        assert_eq!(parse_id(b".0"), Err(()));
    }
}
