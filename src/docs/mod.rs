//! Official documents: load rules, documentation requirements, FAQs and
//! licences from files or URLs, segment them into clauses with stable ids that
//! mirror the document's numbering, classify each clause's modality, and keep
//! every version on disk (newest version indexed).
//!
//! Pipeline: `source` (bytes, checked) → `html` / `markdown` / `pdf` (blocks)
//! → `segment` (numbered leaves) → `clause` (sentences, frame, concepts,
//! refs) → `store` (versions on disk) → index. `segment`, `frame`, `diff` and
//! `refs` are pure; only `source`/`fetch` and `store` touch the outside.

mod add;
mod block;
mod clause;
mod cues;
pub mod diff;
mod fetch;
mod frame;
mod html;
mod layout;
mod markdown;
mod negation;
mod pdf;
pub mod refs;
mod segment;
mod sentence;
mod source;
pub mod store;

pub use crate::analysis::concepts::ConceptMatcher;
pub use add::{
    AddOutcome, AddSpec, Removed, add_document, index_competition, remove_document,
    replay_documents,
};
pub use block::{Block, BlockKind, Marker};
pub use clause::build_clauses;
pub(crate) use cues::KEEPS_OBLIGATIONS;
pub use diff::{ChangeKind, ClauseChange, DocumentChanges, diff_clauses};
pub use fetch::{FetchSettings, Fetched, KagglePage, fetch_document, fetch_kaggle_page};
pub use frame::{
    Frame, TextKind, answer_part, classify_sentence, conditions, exceptions, frame_text,
};
pub use html::{html_blocks, is_javascript_shell};
pub use markdown::markdown_blocks;
pub use negation::is_negated;
pub use segment::{Segment, Segmented, segment_blocks};
pub use sentence::split_sentences;
pub use source::{Format, Loaded, MAX_DOCUMENT_BYTES, is_url, load_source};
pub use store::{DocStore, StoredVersion, newest_documents, version_changes};

use crate::error::Result;
use crate::model::DocKind;

/// The text the segmenter reads: HTML source, markdown or text (a PDF's extracted text).
pub fn input_text(loaded: &Loaded) -> Result<String> {
    match loaded.format {
        Format::Pdf => pdf::pdf_text(&loaded.bytes, &loaded.source),
        _ => Ok(source::text_of(&loaded.bytes)),
    }
}

/// Segments a document's text; the title is its first top-level heading or HTML `<title>`.
#[must_use]
pub fn segment_text(format: Format, text: &str, kind: DocKind) -> Segmented {
    let faq = kind == DocKind::Faq;
    match format {
        Format::Html => {
            let mut s = segment_blocks(&html_blocks(text), faq);
            if s.title.is_none() {
                s.title = html::html_title(text);
            }
            s
        }
        Format::Markdown | Format::Text | Format::Pdf => {
            segment_blocks(&markdown_blocks(text), faq)
        }
    }
}
