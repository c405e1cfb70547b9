//! Small text utilities for matching: sentence splitting that respects
//! section numbers and abbreviations, and stemmed content words (the same
//! English analyzer the index uses, so clause and post words compare).

use std::collections::BTreeSet;

use tantivy::tokenizer::TextAnalyzer;

use crate::index::schema;

/// Splits `text` into sentences: at `.`, `?`, `!` followed by a space and an
/// upper-case letter or digit, and at blank lines. Keeps "e.g.", "Section 2.6.a" whole.
#[must_use]
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let bytes = para.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if matches!(c, b'.' | b'?' | b'!') && i + 2 < bytes.len() && bytes[i + 1] == b' ' {
                let next = para[i + 2..].chars().next().unwrap_or(' ');
                let before = &para[start..i];
                let last_word = before.rsplit(' ').next().unwrap_or("").to_lowercase();
                let abbrev = matches!(last_word.as_str(), "e.g" | "i.e" | "etc" | "vs" | "no" | "sec" | "mr" | "ms" | "dr" | "st")
                    || last_word.len() == 1;
                if (next.is_uppercase() || next.is_ascii_digit() || next == '"' || next == '(') && !abbrev {
                    push_trimmed(&mut out, &para[start..=i]);
                    start = i + 2;
                }
            }
            i += 1;
        }
        push_trimmed(&mut out, &para[start..]);
    }
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

/// Stems content words (stop words removed) with the index's English analyzer.
pub struct Stemmer {
    analyzer: TextAnalyzer,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer {
            analyzer: schema::stem_analyzer(),
        }
    }
}

impl Stemmer {
    /// The distinct stemmed content words of `text` (numbers included, 1-letter words dropped).
    pub fn words(&mut self, text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut stream = self.analyzer.token_stream(text);
        while stream.advance() {
            let t = &stream.token().text;
            if t.chars().count() > 1 || t.chars().all(|c| c.is_ascii_digit()) {
                out.insert(t.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_numbers_and_abbreviations() {
        let s = sentences("See Section 2.6.a for details. You must, e.g. by email, tell us! Really? yes\n\nNew para.");
        assert_eq!(s, vec!["See Section 2.6.a for details.", "You must, e.g. by email, tell us!", "Really? yes", "New para."]);
    }

    #[test]
    fn stemmed_words() {
        let mut st = Stemmer::default();
        let w = st.words("The participants must not share models");
        assert!(w.contains("particip") && w.contains("share") && w.contains("model"), "{w:?}");
        assert!(!w.contains("the"));
    }
}
