//! Official documents (issue 5): segmentation of realistic fixtures, the
//! modality classifier, the `doc` commands, URL sources and bad input.

#[path = "docs_modality.rs"]
mod modality;
