//! PDF text extraction with lopdf: every page's text in order, one line per
//! text line, for the plain-text reader. Scanned PDFs (no text layer) and
//! damaged files get an error that says what to do.

use crate::error::{Error, Result};

/// Largest decompressed content of one page (guards against compression bombs).
pub(crate) const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;

/// The text of a PDF, pages separated by a blank line.
pub(crate) fn pdf_text(bytes: &[u8], name: &str) -> Result<String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        Error::document(
            name,
            format!("cannot be read as a PDF ({e}); open it and save (or print) it again as PDF, or save the page as .html"),
        )
    })?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for p in pages {
        let text = doc
            .extract_text_with_limit(&[p], MAX_PAGE_CONTENT_BYTES)
            .map_err(|e| Error::document(name, format!("page {p}: cannot extract its text ({e}); save the document as .html or .txt and add that")))?;
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text.trim_end());
    }
    if out.split_whitespace().count() < 3 {
        return Err(Error::document(
            name,
            "holds no extractable text (a scanned PDF?); add a text version of the document (.html, .md or .txt) instead",
        ));
    }
    Ok(out)
}
