//! Reading the WARC archive back for `reindex`: every file under `archive/`,
//! oldest first, record by record, with the HTTP status, headers and payload of
//! each response split out. A file cut short by a crash ends at its last whole record.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use super::archive::{CRAWL_FIELD, DOCUMENTS_FIELD};
use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// One record of a WARC file.
#[derive(Debug, Clone)]
pub struct ArchivedRecord {
    /// `warcinfo`, `response`, `revisit`, …
    pub kind: String,
    /// `WARC-Target-URI`, when the record has one.
    pub url: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// The HTTP status of a response record.
    pub status: Option<u16>,
    /// The HTTP headers of a response record.
    pub http_headers: Vec<(String, String)>,
    /// The payload (HTTP body of a response, the fields of a warcinfo).
    pub payload: Vec<u8>,
}

impl ArchivedRecord {
    /// The crawl a `warcinfo` record names.
    #[must_use]
    pub fn crawl_id(&self) -> Option<String> {
        self.info_field(CRAWL_FIELD)
    }

    /// The competition whose documents a `warcinfo` record says its file holds.
    #[must_use]
    pub fn documents_of(&self) -> Option<String> {
        self.info_field(DOCUMENTS_FIELD)
    }

    fn info_field(&self, name: &str) -> Option<String> {
        let text = String::from_utf8_lossy(&self.payload);
        text.lines().find_map(|l| {
            l.strip_prefix(name)
                .and_then(|r| r.strip_prefix(':'))
                .map(|v| v.trim().to_owned())
        })
    }
}

/// The archive files of `data`, oldest first (their names start with the time).
pub fn archive_files(data: &DataDir) -> Result<Vec<PathBuf>> {
    let dir = data.archive();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    files.sort();
    Ok(files)
}

/// The crawl that wrote a file, from its first record (a `warcinfo`); `None`
/// for files written outside a crawl (documents fetched by URL).
#[must_use]
pub fn crawl_of(records: &[ArchivedRecord]) -> Option<String> {
    records
        .first()
        .filter(|r| r.kind == "warcinfo")
        .and_then(ArchivedRecord::crawl_id)
}

/// The `warcinfo` record that opens the file at `path` (naming its crawl or
/// the competition of its documents), reading only that record.
pub fn file_info(path: &Path) -> Result<Option<ArchivedRecord>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::new(MultiGzDecoder::new(BufReader::new(f)));
    let first = read_record(&mut r).map_err(|e| {
        Error::Input(format!(
            "{}: not a readable WARC file ({e}); move it out of the archive folder",
            path.display()
        ))
    })?;
    Ok(first.filter(|r| r.kind == "warcinfo"))
}

/// Reads every whole record of one `.warc.gz` file.
pub fn read_file(path: &Path) -> Result<Vec<ArchivedRecord>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::new(MultiGzDecoder::new(BufReader::new(f)));
    let mut out = Vec::new();
    loop {
        match read_record(&mut r) {
            Ok(Some(rec)) => out.push(rec),
            Ok(None) => break,
            // A record cut short (crash while writing) ends the file.
            Err(_) if !out.is_empty() => break,
            Err(e) => {
                return Err(Error::Input(format!(
                    "{}: not a readable WARC file ({e}); move it out of the archive folder",
                    path.display()
                )));
            }
        }
    }
    Ok(out)
}

fn read_record(r: &mut impl BufRead) -> std::io::Result<Option<ArchivedRecord>> {
    let mut line = String::new();
    // Skip blank lines between records.
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        return Err(bad(format!(
            "expected a WARC version line, found `{}`",
            line.trim()
        )));
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(bad("record headers cut short".into()));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let get = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.clone());
    let len: usize = get("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("record without Content-Length".into()))?;
    let mut block = vec![0; len];
    r.read_exact(&mut block)?;
    let kind = get("warc-type").unwrap_or_default();
    let is_http = get("content-type").is_some_and(|c| c.starts_with("application/http"));
    let (status, http_headers, payload) = if is_http {
        split_http(&block)
    } else {
        (None, Vec::new(), block)
    };
    Ok(Some(ArchivedRecord {
        kind,
        url: get("warc-target-uri"),
        date: get("warc-date"),
        status,
        http_headers,
        payload,
    }))
}

type HttpParts = (Option<u16>, Vec<(String, String)>, Vec<u8>);

/// Splits an HTTP response block into status, headers and body.
fn split_http(block: &[u8]) -> HttpParts {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(block.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok());
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    (status, headers, block[end..].to_vec())
}

fn bad(msg: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg)
}

#[cfg(test)]
mod tests {
    use super::super::archive::{ArchiveOwner, ArchiveWriter, ResponseRecord};
    use super::*;

    #[test]
    fn written_records_read_back() {
        let tmp = tempfile::tempdir().expect("tmp");
        let data = DataDir::new(tmp.path());
        let w =
            ArchiveWriter::create(&data, "test", ArchiveOwner::Crawl("crawl-1")).expect("create");
        let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        let rec = |status, body: &'static [u8]| ResponseRecord {
            url: "http://127.0.0.1:1/t/1.json",
            fetched_at: jiff::Timestamp::now(),
            status,
            reason: "OK",
            headers: &headers,
            body,
        };
        w.response(&rec(200, b"{\"a\":1}")).expect("write");
        w.response(&rec(304, b"")).expect("write");
        let files = archive_files(&data).expect("list");
        assert_eq!(files.len(), 1);
        let recs = read_file(&files[0]).expect("read");
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].kind, "warcinfo");
        assert_eq!(recs[0].crawl_id().as_deref(), Some("crawl-1"));
        assert_eq!(recs[1].kind, "response");
        assert_eq!(recs[1].status, Some(200));
        assert_eq!(recs[1].payload, b"{\"a\":1}");
        assert_eq!(recs[2].kind, "revisit");
        assert_eq!(recs[2].status, Some(304));
    }
}
