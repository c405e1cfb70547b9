//! Reading a document source: a file (`.html`/`.htm`, `.md`, `.txt`, `.pdf`)
//! or a URL, checked before anything is stored. Empty, oversized, binary,
//! non-UTF-8 and JavaScript-shell inputs are refused with a message that says
//! what to do; the result is the original bytes plus the text to segment.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fetch::{FetchSettings, fetch_document, fetch_kaggle_page};
use super::html::is_javascript_shell;
use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// The largest document rulegap reads (20 MB): rules pages are far smaller.
pub const MAX_DOCUMENT_BYTES: u64 = 20 * 1024 * 1024;

/// The format of a document's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// An HTML page.
    Html,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
    /// A PDF file.
    Pdf,
}

impl Format {
    /// The file extension used for stored originals.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Pdf => "pdf",
        }
    }
}

/// A source read and checked, not yet segmented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The original bytes.
    pub bytes: Vec<u8>,
    /// Their format.
    pub format: Format,
    /// The source's identity: the URL as given, or the file's absolute path.
    pub source: String,
    /// The `Content-Type` of a fetched URL.
    pub content_type: Option<String>,
}

/// Whether `source` is a URL rather than a file path.
#[must_use]
pub fn is_url(source: &str) -> bool {
    let s = source.trim().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://")
}

/// Reads and checks `source` (a file path or URL); a Kaggle competition page
/// (`https://www.kaggle.com/competitions/SLUG/rules`, …) is read through
/// Kaggle's API (`settings.kaggle_api`, default `https://api.kaggle.com`). A fetched
/// response is archived in `data` as a document of `competition`.
pub fn load_source(
    source: &str,
    competition: &str,
    data: &DataDir,
    settings: &FetchSettings,
) -> Result<Loaded> {
    let kaggle_page = url::Url::parse(source.trim())
        .ok()
        .and_then(|u| crate::source::kaggle_live::parse_page(&u));
    let loaded = if let Some((slug, name)) = kaggle_page {
        let page = fetch_kaggle_page(source.trim(), &slug, &name, competition, data, settings)?;
        Loaded {
            bytes: page.bytes,
            format: if page.markdown {
                Format::Markdown
            } else {
                Format::Html
            },
            source: source.trim().to_owned(),
            content_type: None,
        }
    } else if is_url(source) {
        let fetched = fetch_document(source.trim(), competition, data, settings)?;
        let format = format_from_content_type(fetched.content_type.as_deref(), &fetched.final_url)
            .or_else(|| sniff(&fetched.bytes))
            .unwrap_or(Format::Html);
        Loaded {
            bytes: fetched.bytes,
            format,
            source: source.trim().to_owned(),
            content_type: fetched.content_type,
        }
    } else {
        load_file(Path::new(source))?
    };
    check(&loaded)?;
    Ok(loaded)
}

/// The scheme of something written like a URL (`ftp://…`, `htp:/…`), for a source
/// that is neither an http(s) URL nor an existing file. One-letter "schemes" are
/// Windows drive letters, not URLs.
fn url_scheme(source: &str) -> Option<&str> {
    let (scheme, rest) = source.trim().split_once(':')?;
    let valid = scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && rest.starts_with('/')).then_some(scheme)
}

fn load_file(path: &Path) -> Result<Loaded> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound
            && let Some(scheme) = url_scheme(&name)
        {
            Error::document(
                &name,
                format!(
                    "unsupported URL scheme `{scheme}`; give an http:// or https:// URL, or a local file"
                ),
            )
        } else if e.kind() == std::io::ErrorKind::NotFound {
            Error::document(
                &name,
                "no such file; check the path (or give a URL starting with https://)",
            )
        } else {
            Error::io(path, e)
        }
    })?;
    if meta.is_dir() {
        return Err(Error::document(
            &name,
            "is a folder; give one .html, .md, .txt or .pdf file",
        ));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(&name, meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match ext.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        "txt" | "text" => Format::Text,
        "pdf" => Format::Pdf,
        _ if looks_binary(&bytes) && !bytes.starts_with(b"%PDF-") => {
            return Err(Error::document(
                &name,
                "looks like a binary file, not HTML, Markdown, text or PDF; export the document as .html, .md, .txt or .pdf and add that",
            ));
        }
        _ => sniff(&bytes).ok_or_else(|| {
            Error::document(
                &name,
                format!("unsupported file type `.{ext}`; save the document as .html, .md, .txt or .pdf and add that file"),
            )
        })?,
    };
    let source = std::fs::canonicalize(path).map_or(name, |p| p.display().to_string());
    Ok(Loaded {
        bytes,
        format,
        source,
        content_type: None,
    })
}

fn too_large(name: &str, len: u64) -> Error {
    #[expect(
        clippy::cast_precision_loss,
        reason = "an approximate size for a message"
    )]
    let mb = len as f64 / (1024.0 * 1024.0);
    Error::document(
        name,
        format!(
            "is {mb:.1} MB, more than the {} MB limit for a document; save only the rules page (or split the file) and add that",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ),
    )
}

fn format_from_content_type(ct: Option<&str>, url: &str) -> Option<Format> {
    let ct = ct?.to_ascii_lowercase();
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    if ct.contains("html") {
        Some(Format::Html)
    } else if ct.contains("pdf") {
        Some(Format::Pdf)
    } else if ct.contains("markdown") || path.ends_with(".md") {
        Some(Format::Markdown)
    } else if ct.starts_with("text/") {
        Some(Format::Text)
    } else {
        None
    }
}

/// Guesses the format from the first bytes.
fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        return Some(Format::Html);
    }
    None
}

/// Refuses what cannot be a document, before anything is stored.
fn check(l: &Loaded) -> Result<()> {
    let name = &l.source;
    if l.bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(name, l.bytes.len() as u64));
    }
    if l.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::document(
            name,
            "is empty; check that the file was saved completely (or that the URL serves the page)",
        ));
    }
    if l.format == Format::Pdf {
        if !l.bytes.starts_with(b"%PDF-") {
            return Err(Error::document(
                name,
                "is not a PDF (it does not start with `%PDF-`); check the file",
            ));
        }
        return Ok(());
    }
    if looks_binary(&l.bytes) {
        return Err(Error::document(
            name,
            "looks like a binary file, not HTML, Markdown, text or PDF; export the document as .html, .md, .txt or .pdf and add that",
        ));
    }
    if let Err(e) = std::str::from_utf8(&l.bytes) {
        return Err(Error::document(
            name,
            format!(
                "is not UTF-8 text (invalid byte at offset {}); convert it first, e.g. `iconv -f windows-1252 -t utf-8 FILE > FILE.utf8.txt`, and add the converted file",
                e.valid_up_to()
            ),
        ));
    }
    let json_type = l
        .content_type
        .as_deref()
        .is_some_and(|c| c.to_ascii_lowercase().contains("json"));
    let text = text_of(&l.bytes);
    let trimmed = text.trim_start();
    // JSON, or JSON Lines (one object per line, as `export jsonl` writes).
    let first_line = trimmed.lines().next().unwrap_or("");
    let json_text = (trimmed.starts_with('{') || trimmed.starts_with('['))
        && (serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
            || serde_json::from_str::<serde_json::Value>(first_line).is_ok());
    if json_type || json_text {
        return Err(Error::document(
            name,
            "is JSON data, not a document; give the page (or a saved .html, .md, .txt or .pdf file) that shows the rules",
        ));
    }
    if l.format == Format::Html && is_javascript_shell(&text) {
        return Err(Error::JavaScriptShell {
            source_name: name.clone(),
        });
    }
    Ok(())
}

/// NUL bytes or many control characters in the first 8 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// The text of checked UTF-8 bytes, without a byte-order mark.
#[must_use]
pub(crate) fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .trim_start_matches('\u{feff}')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_schemes_are_named() {
        assert_eq!(url_scheme("ftp://example.org/rules"), Some("ftp"));
        assert_eq!(url_scheme("htp:/bad"), Some("htp"));
        assert_eq!(url_scheme("C:/rules.html"), None);
        assert_eq!(url_scheme("rules.html"), None);
        let data = DataDir::new("/nonexistent-rulegap-test");
        let e = load_source(
            "ftp://example.org/rules",
            "c",
            &data,
            &FetchSettings::default(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "ftp://example.org/rules: unsupported URL scheme `ftp`; give an http:// or https:// URL, or a local file"
        );
    }

    fn loaded(bytes: &[u8], format: Format) -> Loaded {
        Loaded {
            bytes: bytes.to_vec(),
            format,
            source: "x".into(),
            content_type: None,
        }
    }

    #[test]
    fn refusals() {
        assert!(
            check(&loaded(b"  \n", Format::Text))
                .unwrap_err()
                .to_string()
                .contains("is empty")
        );
        assert!(
            check(&loaded(b"ab\0cd", Format::Text))
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert!(
            check(&loaded(b"caf\xe9", Format::Text))
                .unwrap_err()
                .to_string()
                .contains("not UTF-8")
        );
        assert!(
            check(&loaded(b"hello", Format::Pdf))
                .unwrap_err()
                .to_string()
                .contains("not a PDF")
        );
        assert!(check(&loaded(b"# Rules\n\n1. You must.", Format::Markdown)).is_ok());
    }
}
