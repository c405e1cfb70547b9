//! What is derived from each post as it is indexed (so reports need not
//! recompute it): whether a participant asks a question (ANALYSIS.md §10),
//! and which rule topics of the library the post speaks about.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::Result;
use crate::index::{Annotation, StoreWriter};
use crate::model::Post;
use crate::query::topics::TopicLibrary;

static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:hi|hello|hey|also|so|and|but|ok|okay|quick question)(?:\s+(?:all|everyone|there|team|folks))?[,:!]?\s+)*(?:is|are|can|could|may|might|does|do|did|should|would|will|shall|what|which|how|whether|why|when|where|who|any)\b\s+\w+",
    )
    .expect("static regex")
});
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:please (?:clarify|confirm|advise|let us know|let me know)|can (?:you|someone|anyone) (?:confirm|clarify)|could (?:you|someone|anyone|the (?:hosts?|organi[sz]ers?|admins?)) (?:confirm|clarify)|i (?:wonder|was wondering) (?:if|whether)|not sure (?:if|whether)|any (?:clarification|update) on)\b",
    )
    .expect("static regex")
});

/// Whether `text` asks something: a `?` sentence, an interrogative opener, or a request to clarify.
#[must_use]
pub fn is_question(text: &str) -> bool {
    if REQUEST.is_match(text) {
        return true;
    }
    sentences(text).any(|s| {
        s.ends_with('?')
            || (OPENER.is_match(s)
                && !s.ends_with('!')
                && s.split_whitespace().count() >= 4
                && !s.ends_with('.'))
    })
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '?', '!', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Matches posts against the topic library's concept terms.
pub struct Annotator {
    topics: Vec<(String, Regex)>,
}

impl Annotator {
    /// Builds the matchers for every topic of `lib`.
    #[must_use]
    pub fn new(lib: &TopicLibrary) -> Annotator {
        let topics = lib
            .topics
            .values()
            .map(|t| {
                let mut terms: Vec<String> = t
                    .topic_concepts
                    .iter()
                    .filter_map(|g| lib.groups.get(g))
                    .flat_map(|g| g.terms.iter().map(|term| regex::escape(term)))
                    .collect();
                terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
                let re = Regex::new(&format!(r"(?i)\b(?:{})\b", terms.join("|")))
                    .expect("escaped terms form a regex");
                (t.name.clone(), re)
            })
            .collect();
        Annotator { topics }
    }

    /// The topics `text` speaks about, in library order.
    #[must_use]
    pub fn topics(&self, text: &str) -> Vec<String> {
        self.topics
            .iter()
            .filter(|(_, re)| re.is_match(text))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The annotation of one post: question flag for non-official posts, topics for all.
    #[must_use]
    pub fn annotate(&self, post: &Post) -> Annotation {
        let text = format!("{} {}", post.thread_title, post.text);
        Annotation {
            question: !post.is_official() && is_question(&post.text),
            topics: self.topics(&text),
        }
    }
}

/// Gives `writer` the annotator of the built-in library (plus `queries_dir`).
pub fn install_annotator(writer: &mut StoreWriter, queries_dir: Option<&Path>) -> Result<()> {
    let lib = match queries_dir {
        Some(dir) => TopicLibrary::with_dir(dir)?,
        None => TopicLibrary::builtin()?,
    };
    let annotator = Annotator::new(&lib);
    writer.set_annotator(move |p| annotator.annotate(p));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_not() {
        assert!(is_question("Can we use ImageNet weights for the backbone?"));
        assert!(is_question(
            "Hi all, is it allowed to merge teams after the deadline"
        ));
        assert!(is_question(
            "Could the hosts confirm the licence of the test set."
        ));
        assert!(!is_question("Thanks, that helps a lot."));
        assert!(!is_question("We used a ResNet and it works well."));
    }
}
