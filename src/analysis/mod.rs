//! The analysis: which clauses official posts cover, partly cover, ignore or
//! seem to contradict; which participant questions no official answered.
//! Pure functions over values and a searcher snapshot (ANALYSIS.md).

pub mod annotate;

pub use annotate::{Annotator, install_annotator, is_question};
