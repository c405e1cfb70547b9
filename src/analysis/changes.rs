//! Rule changes between document versions, each with the official posts that
//! announced it: official posts that cite the clause's section number, or that
//! speak of its topic, use a word the new text introduced and say that something changed.

use super::findings::{Change, ChangeKind, VersionChange};
use super::frame::{Framer, PostInfo};
use super::modality::change_cue;

/// Attaches announcements to each change.
#[must_use]
pub(crate) fn announced(
    changes: &[VersionChange],
    officials: &[PostInfo<'_>],
    framer: &mut Framer<'_>,
) -> Vec<Change> {
    changes
        .iter()
        .map(|ch| {
            let path = ch.id.split_once('/').map_or(ch.id.as_str(), |(_, p)| p);
            let new_words = framer.words(&ch.new_text);
            let old_words = framer.words(&ch.old_text);
            let introduced: Vec<u32> = match ch.change {
                ChangeKind::Removed => old_words.iter().collect(),
                _ => new_words
                    .iter()
                    .filter(|w| !old_words.contains(*w))
                    .collect(),
            };
            let text = if ch.change == ChangeKind::Removed {
                &ch.old_text
            } else {
                &ch.new_text
            };
            let groups = framer.matcher.group_set(text);
            let announced_in = officials
                .iter()
                .filter(|o| {
                    let cites = cites_path(&o.post.text, path);
                    let on_topic = groups.intersects(&o.gset);
                    let uses_new = introduced.iter().any(|w| o.words.contains(*w));
                    cites || (on_topic && uses_new && change_cue(&o.post.text).is_some())
                })
                .map(|o| o.post.url.clone())
                .collect();
            Change {
                change: ch.clone(),
                announced_in,
            }
        })
        .collect()
}

/// Whether `text` cites `path` (e.g. "2.2.a", or its section "2.2" as "Section 2.2").
pub(crate) fn cites_path(text: &str, path: &str) -> bool {
    if path.is_empty() || !path.contains('.') {
        return false;
    }
    let bounded = |needle: &str| {
        text.match_indices(needle).any(|(i, _)| {
            let after = text[i + needle.len()..].chars().next();
            let before = text[..i].chars().last();
            !after.is_some_and(|c| c.is_ascii_alphanumeric())
                && !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        })
    };
    bounded(path)
        || path.rsplit_once('.').is_some_and(|(section, _)| {
            section.contains('.')
                && text.contains(&format!("Section {section}"))
                && bounded(section)
        })
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
