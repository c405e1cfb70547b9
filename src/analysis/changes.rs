//! Rule changes between document versions, each with the official posts that
//! announced it: official posts that cite the clause's section number, or that
//! speak of its topic and use a word the new text introduced.

use std::collections::BTreeSet;

use super::findings::{Change, ChangeKind, VersionChange};
use super::frame::PostInfo;
use super::text::Stemmer;

/// Attaches announcements to each change.
#[must_use]
pub(crate) fn announced(changes: &[VersionChange], officials: &[PostInfo<'_>], matcher: &super::concepts::ConceptMatcher) -> Vec<Change> {
    let mut stemmer = Stemmer::default();
    changes
        .iter()
        .map(|ch| {
            let path = ch.id.split_once('/').map_or(ch.id.as_str(), |(_, p)| p);
            let new_words = stemmer.words(&ch.new_text);
            let old_words = stemmer.words(&ch.old_text);
            let introduced: BTreeSet<&String> = match ch.change {
                ChangeKind::Removed => old_words.iter().collect(),
                _ => new_words.difference(&old_words).collect(),
            };
            let text = if ch.change == ChangeKind::Removed { &ch.old_text } else { &ch.new_text };
            let groups = matcher.groups(text);
            let announced_in = officials
                .iter()
                .filter(|o| {
                    let cites = cites_path(&o.post.text, path);
                    let on_topic = groups.keys().any(|g| o.groups.contains_key(g));
                    let uses_new = introduced.iter().any(|w| o.words.contains(*w));
                    cites || (on_topic && uses_new)
                })
                .map(|o| o.post.url.clone())
                .collect();
            Change { change: ch.clone(), announced_in }
        })
        .collect()
}

/// Whether `text` cites `path` (e.g. "2.2.a", or its section "2.2" as "Section 2.2").
fn cites_path(text: &str, path: &str) -> bool {
    if path.is_empty() || !path.contains('.') {
        return false;
    }
    let bounded = |needle: &str| {
        text.match_indices(needle).any(|(i, _)| {
            let after = text[i + needle.len()..].chars().next();
            let before = text[..i].chars().last();
            !after.is_some_and(|c| c.is_ascii_alphanumeric()) && !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        })
    };
    bounded(path) || path.rsplit_once('.').is_some_and(|(section, _)| section.contains('.') && text.contains(&format!("Section {section}")) && bounded(section))
}

#[cfg(test)]
mod tests {
    use super::cites_path;

    #[test]
    fn citations() {
        assert!(cites_path("We raised the limit in 2.2.a today.", "2.2.a"));
        assert!(cites_path("See Section 2.2 for the new limit.", "2.2.a"));
        assert!(!cites_path("Version 12.2.ab", "2.2.a"));
    }
}
