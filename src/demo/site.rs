//! A `Site`: one or more competitions served together as one Discourse forum,
//! each competition a category. Built from loaded fixtures, it checks that
//! ids are unique across competitions and keeps the lookups the server needs
//! (topic and post by id, stable user ids, topic slugs, document paths).

use std::collections::HashMap;
use std::path::Path;

use super::fixture::{CompetitionFixture, DocSpec, FixturePost, Topic, User};
use crate::{Error, Result};

/// The competitions one server serves, validated together.
#[derive(Debug, Clone)]
pub struct Site {
    competitions: Vec<CompetitionFixture>,
    /// topic id → (competition index, topic index)
    topics: HashMap<u64, (usize, usize)>,
    /// post id → (competition index, topic index, post index)
    posts: HashMap<u64, (usize, usize, usize)>,
    /// (competition index, username) → user id
    user_ids: HashMap<(usize, String), u64>,
}

/// A topic with the competition it belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TopicRef<'a> {
    /// The competition's index in the site.
    pub(crate) comp: usize,
    /// The competition.
    pub(crate) fixture: &'a CompetitionFixture,
    /// The topic.
    pub(crate) topic: &'a Topic,
}

impl Site {
    /// A site serving `competitions`, one category each.
    ///
    /// # Errors
    /// When two competitions share a slug, category id, topic id or post id.
    pub fn new(competitions: Vec<CompetitionFixture>) -> Result<Site> {
        let mut site = Site {
            competitions,
            topics: HashMap::new(),
            posts: HashMap::new(),
            user_ids: HashMap::new(),
        };
        let mut next_user_id = 1;
        for (c, fixture) in site.competitions.iter().enumerate() {
            let clash = site.competitions[..c].iter().find(|other| {
                other.spec.slug == fixture.spec.slug
                    || other.spec.category_id == fixture.spec.category_id
            });
            if let Some(other) = clash {
                return Err(clash_error(fixture, other, "the slug or category id"));
            }
            for user in &fixture.forum.users {
                site.user_ids
                    .insert((c, user.username.clone()), next_user_id);
                next_user_id += 1;
            }
            for (t, topic) in fixture.forum.topics.iter().enumerate() {
                if let Some((o, _)) = site.topics.insert(topic.id, (c, t)) {
                    let what = format!("topic id {}", topic.id);
                    return Err(clash_error(fixture, &site.competitions[o], &what));
                }
                for (p, post) in topic.posts.iter().enumerate() {
                    if let Some((o, _, _)) = site.posts.insert(post.id, (c, t, p)) {
                        let what = format!("post id {}", post.id);
                        return Err(clash_error(fixture, &site.competitions[o], &what));
                    }
                }
            }
        }
        Ok(site)
    }

    /// The bundled demo competition alone.
    ///
    /// # Errors
    /// When the embedded files are broken.
    pub fn demo() -> Result<Site> {
        Site::new(vec![CompetitionFixture::demo()?])
    }

    /// One competition per folder, in the order given.
    ///
    /// # Errors
    /// When a folder's files are missing or invalid, or ids clash.
    pub fn from_dirs<P: AsRef<Path>>(dirs: &[P]) -> Result<Site> {
        let fixtures = dirs
            .iter()
            .map(|dir| CompetitionFixture::from_dir(dir.as_ref()))
            .collect::<Result<Vec<_>>>()?;
        Site::new(fixtures)
    }

    /// Every subfolder of `root` that holds a `competition.toml`, sorted by name
    /// (for example `tests/eval`).
    ///
    /// # Errors
    /// When `root` cannot be read, holds no competition, or a competition is invalid.
    pub fn from_root(root: &Path) -> Result<Site> {
        let entries = std::fs::read_dir(root).map_err(|e| Error::io(root, e))?;
        let mut dirs: Vec<_> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.join("competition.toml").is_file())
            .collect();
        dirs.sort();
        if dirs.is_empty() {
            return Err(Error::Input(format!(
                "{}: no subfolder holds a competition.toml; point at the folder that contains the competition folders",
                root.display()
            )));
        }
        Site::from_dirs(&dirs)
    }

    /// The competitions, in the order given.
    #[must_use]
    pub fn competitions(&self) -> &[CompetitionFixture] {
        &self.competitions
    }

    /// Every topic of every competition.
    pub(crate) fn all_topics(&self) -> impl Iterator<Item = TopicRef<'_>> {
        self.competitions
            .iter()
            .enumerate()
            .flat_map(|(comp, fixture)| {
                fixture.forum.topics.iter().map(move |topic| TopicRef {
                    comp,
                    fixture,
                    topic,
                })
            })
    }

    /// The topic with this id.
    pub(crate) fn topic(&self, id: u64) -> Option<TopicRef<'_>> {
        let &(comp, t) = self.topics.get(&id)?;
        let fixture = &self.competitions[comp];
        Some(TopicRef {
            comp,
            fixture,
            topic: &fixture.forum.topics[t],
        })
    }

    /// The post with this id, its topic and its index in the topic.
    pub(crate) fn post(&self, id: u64) -> Option<(TopicRef<'_>, usize)> {
        let &(comp, t, p) = self.posts.get(&id)?;
        let fixture = &self.competitions[comp];
        let topic = TopicRef {
            comp,
            fixture,
            topic: &fixture.forum.topics[t],
        };
        Some((topic, p))
    }

    /// A user of a competition's forum and their site-wide id.
    pub(crate) fn user(&self, comp: usize, username: &str) -> Option<(u64, &User)> {
        let id = *self.user_ids.get(&(comp, username.to_owned()))?;
        let user = self.competitions[comp]
            .forum
            .users
            .iter()
            .find(|u| u.username == username)?;
        Some((id, user))
    }
}

impl<'a> TopicRef<'a> {
    /// The topic's URL slug, derived from its title the way Discourse does.
    pub(crate) fn slug(&self) -> String {
        slugify(&self.topic.title)
    }

    /// The posts, in post-number order.
    pub(crate) fn posts(&self) -> &'a [FixturePost] {
        &self.topic.posts
    }
}

fn clash_error(fixture: &CompetitionFixture, other: &CompetitionFixture, what: &str) -> Error {
    Error::Input(format!(
        "competitions `{}` and `{}` share {what}; one site serves them together, so give each its own",
        fixture.spec.slug, other.spec.slug
    ))
}

/// Discourse's slug: apostrophes dropped, other non-alphanumerics collapsed to `-`,
/// lower case; `topic` when nothing is left.
#[must_use]
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().filter(|c| !matches!(c, '\'' | '\u{2019}')) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "topic".to_owned()
    } else {
        slug.to_owned()
    }
}

/// The server path of a document's HTML page: `/docs/{competition}/{file without .md}`.
/// The raw markdown is at the same path plus `.md`.
#[must_use]
pub fn document_path(competition: &str, doc: &DocSpec) -> String {
    let stem = doc.file.strip_suffix(".md").unwrap_or(&doc.file);
    format!("/docs/{competition}/{stem}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_discourse() {
        assert_eq!(
            slugify("What's your favourite critter so far?"),
            "whats-your-favourite-critter-so-far"
        );
        assert_eq!(
            slugify("Rules update: limit raised to 8"),
            "rules-update-limit-raised-to-8"
        );
        assert_eq!(slugify("¿¡!"), "topic");
    }

    #[test]
    fn demo_site_indexes_topics_and_posts() {
        let site = Site::demo().expect("demo");
        let topic = site.topic(701).expect("topic 701");
        assert_eq!(topic.slug(), "external-data-thread");
        let (topic, index) = site.post(70106).expect("post 70106");
        assert_eq!((topic.topic.id, index), (701, 5));
        assert!(site.user(0, "mod_ann").is_some());
        assert!(site.user(0, "nobody").is_none());
    }

    #[test]
    fn two_copies_of_one_competition_clash() {
        let demo = CompetitionFixture::demo().expect("demo");
        let err = Site::new(vec![demo.clone(), demo]).unwrap_err().to_string();
        assert!(err.contains("camera-traps-2026"), "{err}");
    }
}
