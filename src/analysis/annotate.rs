//! What is derived from each post as it is indexed (so reports need not
//! recompute it): whether a participant asks a question (ANALYSIS.md §10),
//! and which rule topics of the library the post speaks about.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::concepts::ConceptMatcher;
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

/// A question put to the other participants ("What's everybody's plan?",
/// "Anyone else seeing this?"): chatter, not a question for the organisers.
static TO_THE_CROWD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:everybody's|everyone's|anybody else|anyone else|you guys|y'all|you all|fellow (?:kagglers|participants|competitors))\b|^(?:(?:does|did|has|so|hey|ok),?\s+)?(?:anyone|anybody|everyone|everybody)\b",
    )
    .expect("static regex")
});

/// Whether `text` asks something: a `?` sentence, an interrogative opener, or
/// a request to clarify; a question put to the other participants is not one.
#[must_use]
pub fn is_question(text: &str) -> bool {
    if REQUEST.is_match(text) {
        return true;
    }
    sentences(text)
        .filter(|s| !TO_THE_CROWD.is_match(s))
        .any(|s| {
            s.ends_with('?')
                || (OPENER.is_match(s)
                    && !s.ends_with('!')
                    && s.split_whitespace().count() >= 4
                    && !s.ends_with('.'))
        })
}

/// "you", "your", "yours": the person a question is put to.
static SECOND_PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\byou(?:r|rs)?\b").expect("static regex"));

/// Words that turn a question to the organisers, whoever it replies to.
static TO_THE_ORGANISERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:organi[sz]ers?|hosts?|admins?|moderators?|mods|staff|sponsors?|officials?|official answer)\b|@")
        .expect("static regex")
});

/// Whether every question `text` asks is put to "you" ("Are you splitting by
/// camera?", "What did your validation say?"), and it asks one, naming no
/// organiser and mentioning nobody. In a reply to another participant, such a
/// question is for that participant.
#[must_use]
pub fn asks_you(text: &str) -> bool {
    if TO_THE_ORGANISERS.is_match(text) {
        return false;
    }
    let mut asked = sentences(text)
        .filter(|s| s.ends_with('?') || REQUEST.is_match(s))
        .peekable();
    asked.peek().is_some() && asked.all(|s| SECOND_PERSON.is_match(s))
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '?', '!', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Flags questions and topics of posts as they are indexed.
pub struct Annotator {
    concepts: ConceptMatcher,
}

impl Annotator {
    /// Builds the matchers for every topic of `lib`.
    #[must_use]
    pub fn new(lib: &TopicLibrary) -> Annotator {
        Annotator {
            concepts: ConceptMatcher::new(lib),
        }
    }

    /// The topics `text` speaks about, in library order.
    #[must_use]
    pub fn topics(&self, text: &str) -> Vec<String> {
        self.concepts.topics_in(text)
    }

    /// The annotation of one post: question flag for non-official posts, topics for all.
    #[must_use]
    pub fn annotate(&self, post: &Post) -> Annotation {
        Annotation {
            question: !post.is_official() && is_question(&post.text),
            topics: self.topics(&post.text),
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
    fn questions_put_to_you() {
        assert!(asks_you(
            "Nice score. Are you splitting by camera location?"
        ));
        assert!(!asks_you(
            "Are you splitting by camera? And is that even allowed?"
        ));
        assert!(!asks_you("We split by camera location."));
        assert!(!asks_you("@host_bo could you confirm this?"));
        assert!(!asks_you("Did you get an answer from the organisers?"));
    }

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
        // Put to the other participants: chatter.
        assert!(!is_question(
            "Three weeks left. What's everybody's plan for the final selection, one safe and one risky?"
        ));
        assert!(!is_question("Anyone else seeing a CV/LB gap?"));
        assert!(!is_question("Anyone tried pseudo-labelling yet?"));
        assert!(is_question(
            "Can we upload our weights as a public dataset, for everyone to use?"
        ));
    }
}
