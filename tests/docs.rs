//! Official documents (issue 5): segmentation of realistic fixtures, the
//! modality classifier, the `doc` commands, URL sources and bad input.

#[path = "docs_cli.rs"]
mod cli;
#[path = "docs_modality.rs"]
mod modality;
#[path = "docs_segment.rs"]
mod segment;
#[path = "docs_url.rs"]
mod url;
