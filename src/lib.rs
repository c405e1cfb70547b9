//! rulegap: which competition rules has the organiser never clarified?
//!
//! ```text
//!  forum URL ──► source adapter ──► crawl (polite HTTP) ──► archive (WARC)
//!                   │ parse                                    │ replay offline
//!                   ▼                                          ▼
//!              normalize: Thread / Post (role, own text, quotes) ──► index (tantivy)
//!  rules URL/file ──► docs: RuleDoc / Clause (id, heading path, modality) ──► index
//!                                                                   │
//!           search (query + filters, saved queries in queries/) ◄───┤
//!           analysis (coverage, gaps, conflicts, unanswered) ◄──────┘
//!                          │
//!                          ▼
//!           report: JSON (the contract) · Markdown · HTML
//! ```
//!
//! Only `crawl` touches the network; `normalize`, `docs` segmentation,
//! `analysis` and `report` are pure functions over values.

pub mod analysis;
pub mod cli;
pub mod crawl;
pub mod datadir;
pub mod demo;
pub mod docs;
pub mod error;
pub mod index;
pub mod model;
pub mod normalize;
pub mod query;
pub mod report;
pub mod source;

pub use error::{Error, Result};
