//! The Discourse adapter (SOURCES.md §1): parses site, category, topic-list,
//! topic and posts JSON into `Post` values (role, own words, quotes, reply
//! links) and into the links a crawl follows next (list pages 0-based until
//! `more_topics_url` is gone; topic posts beyond the first chunk of 20 through
//! `post_stream.stream` and `posts.json`).
//!
//! It only parses: `crawl` fetches the pages and `reindex` replays them from
//! the archive, both through `Discourse::parse`. What it learns on the way
//! (category slugs, topic titles, post numbers) is a serialisable `SiteMap`,
//! so an interrupted crawl resumes with it.

mod roles;
pub mod urls;
mod wire;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use url::Url;

pub use roles::RoleRules;
pub use urls::{PageKind, classify, looks_like_discourse, site_name, start_endpoint};

use crate::model::{Post, Role};
use crate::normalize::html_to_body;
use wire::{TopicView, WirePost};

/// Posts per `posts.json` request, as the Discourse web client asks.
pub const CHUNK_SIZE: usize = 20;
/// Competition of a topic whose category is unknown (and no `--competition` given).
pub const UNCATEGORIZED: &str = "uncategorized";

/// How one crawl maps what it reads (`--competition`, official users, groups, title).
#[derive(Debug, Clone, Default)]
pub struct DiscourseOptions {
    /// One competition for everything, instead of each topic's category slug.
    pub competition: Option<String>,
    /// Who counts as a host.
    pub rules: RoleRules,
}

/// What the adapter has learnt about a site so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SiteMap {
    /// Category id → slug.
    pub categories: BTreeMap<u64, String>,
    /// Topic id → what later `posts.json` pages of it need.
    pub topics: BTreeMap<u64, TopicMeta>,
    /// Topic id → slug of the category list that led to it.
    pub listed: BTreeMap<u64, String>,
}

/// A topic's facts, kept for the posts fetched after its first page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TopicMeta {
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The competition its posts belong to.
    pub competition: String,
    /// Post number → post id, for reply links.
    pub numbers: BTreeMap<u64, u64>,
}

/// A page to fetch next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A list or category page.
    Page(Url),
    /// A topic, with the list's fingerprint of it (posts count, last post, bump) to skip it when unchanged.
    Topic {
        /// `/t/{slug}/{id}.json`.
        url: Url,
        /// The topic id.
        id: u64,
        /// `posts_count|last_posted_at|bumped_at` from the list.
        fingerprint: String,
    },
    /// More posts of a topic (`posts.json?post_ids[]=…`).
    Chunk {
        /// The request URL.
        url: Url,
        /// The topic id.
        topic: u64,
    },
}

/// What one page gave.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Posts to index.
    pub posts: Vec<Post>,
    /// Pages to fetch next.
    pub links: Vec<Link>,
    /// Posts left out: whispers, small actions, hidden or deleted posts, unreadable dates.
    pub dropped: usize,
}

/// The adapter for one Discourse site.
#[derive(Debug, Clone)]
pub struct Discourse {
    base: Url,
    site: String,
    opts: DiscourseOptions,
    /// What has been learnt so far (persisted by the crawl for resuming).
    pub map: SiteMap,
    /// Forum groups seen on participants' posts, with how many posts: a
    /// host group the crawl was not told about shows up here.
    pub participant_groups: BTreeMap<String, u64>,
    /// Forum groups (primary group, flair) seen on any post, whatever its
    /// role, with how many posts: what `--official-group` can match.
    pub groups_seen: BTreeMap<String, u64>,
    /// User titles seen on any post, with how many posts: what `--official-title` can match.
    pub titles_seen: BTreeMap<String, u64>,
}

impl Discourse {
    /// An adapter for the site that serves `any_url`.
    #[must_use]
    pub fn new(any_url: &Url, opts: DiscourseOptions) -> Discourse {
        let mut base = any_url.clone();
        base.set_path("/");
        base.set_query(None);
        base.set_fragment(None);
        Discourse {
            site: site_name(any_url),
            base,
            opts,
            map: SiteMap::default(),
            participant_groups: BTreeMap::new(),
            groups_seen: BTreeMap::new(),
            titles_seen: BTreeMap::new(),
        }
    }

    /// The store's site name (host, with the port when not the default).
    #[must_use]
    pub fn site(&self) -> &str {
        &self.site
    }

    /// Parses one fetched JSON page; the error says what is wrong with it.
    pub fn parse(&mut self, url: &Url, body: &[u8]) -> Result<Parsed, String> {
        let json_err = |e: serde_json::Error| format!("not the Discourse JSON expected here ({e})");
        match classify(url) {
            PageKind::Site => {
                let site: wire::SitePage = serde_json::from_slice(body).map_err(json_err)?;
                self.register(&site.categories, &mut Vec::new(), false);
                Ok(Parsed::default())
            }
            PageKind::Categories => {
                let page: wire::CategoriesPage = serde_json::from_slice(body).map_err(json_err)?;
                let mut links = Vec::new();
                self.register(&page.category_list.categories, &mut links, true);
                Ok(Parsed {
                    links,
                    ..Parsed::default()
                })
            }
            PageKind::List { category, page } => {
                let list: wire::TopicListPage = serde_json::from_slice(body).map_err(json_err)?;
                Ok(self.list(url, category, page, list.topic_list))
            }
            PageKind::Topic { id } => {
                let topic: TopicView = serde_json::from_slice(body).map_err(json_err)?;
                if topic.id != id {
                    return Err(format!(
                        "holds topic {} where topic {id} was asked for",
                        topic.id
                    ));
                }
                let first_page = url.query_pairs().all(|(k, v)| k != "page" || v == "1");
                Ok(self.topic(topic, first_page))
            }
            PageKind::Posts { topic } => {
                let chunk: wire::PostsChunk = serde_json::from_slice(body).map_err(json_err)?;
                let meta = self.map.topics.get(&topic).cloned().ok_or_else(|| {
                    format!("posts of topic {topic} arrived before the topic itself")
                })?;
                let mut parsed = Parsed::default();
                self.posts(topic, meta, chunk.post_stream.posts, &mut parsed);
                Ok(parsed)
            }
            PageKind::Other => Err("not a Discourse JSON endpoint rulegap reads".into()),
        }
    }

    fn register(&mut self, cats: &[wire::Category], links: &mut Vec<Link>, follow: bool) {
        for c in cats {
            if !c.slug.is_empty() {
                self.map.categories.insert(c.id, c.slug.clone());
            }
            if follow
                && let Ok(u) = self
                    .base
                    .join(&format!("c/{}/{}/l/latest.json", c.slug, c.id))
            {
                links.push(Link::Page(u));
            }
            self.register(&c.subcategory_list, links, follow);
        }
    }

    fn list(
        &mut self,
        url: &Url,
        category: Option<(String, u64)>,
        page: u64,
        list: wire::TopicList,
    ) -> Parsed {
        let mut links = Vec::new();
        if let Some((slug, id)) = &category {
            self.map
                .categories
                .entry(*id)
                .or_insert_with(|| slug.clone());
        }
        for t in &list.topics {
            if t.archetype.as_deref() == Some("private_message") {
                continue;
            }
            if let Some((slug, _)) = &category {
                self.map.listed.entry(t.id).or_insert_with(|| slug.clone());
            }
            let path = if t.slug.is_empty() {
                format!("t/{}.json", t.id)
            } else {
                format!("t/{}/{}.json", t.slug, t.id)
            };
            let Ok(topic_url) = self.base.join(&path) else {
                continue;
            };
            let fingerprint = format!(
                "{}|{}|{}",
                t.posts_count.unwrap_or(0),
                t.last_posted_at.as_deref().unwrap_or(""),
                t.bumped_at.as_deref().unwrap_or("")
            );
            links.push(Link::Topic {
                url: topic_url,
                id: t.id,
                fingerprint,
            });
        }
        if list.more_topics_url.is_some() && !list.topics.is_empty() {
            links.push(Link::Page(urls::with_page(url, page + 1)));
        }
        Parsed {
            links,
            ..Parsed::default()
        }
    }

    fn competition(&self, topic: u64, category: Option<u64>) -> String {
        if let Some(c) = &self.opts.competition {
            return c.clone();
        }
        category
            .and_then(|c| self.map.categories.get(&c))
            .or_else(|| self.map.listed.get(&topic))
            .cloned()
            .unwrap_or_else(|| UNCATEGORIZED.to_owned())
    }

    fn topic(&mut self, topic: TopicView, first_page: bool) -> Parsed {
        let mut parsed = Parsed::default();
        if topic.archetype.as_deref() == Some("private_message") {
            return parsed;
        }
        let _tags: Vec<&str> = topic.tags.iter().filter_map(wire::Tag::name).collect();
        let meta = self.map.topics.get(&topic.id).cloned().unwrap_or_default();
        let meta = TopicMeta {
            slug: topic.slug.clone(),
            title: topic.title.clone(),
            competition: self.competition(topic.id, topic.category_id),
            numbers: meta.numbers,
        };
        let present: BTreeSet<u64> = topic.post_stream.posts.iter().map(|p| p.id).collect();
        if first_page {
            let missing: Vec<u64> = topic
                .post_stream
                .stream
                .iter()
                .filter_map(wire::stream_id)
                .filter(|id| !present.contains(id))
                .collect();
            for ids in missing.chunks(CHUNK_SIZE) {
                let query: Vec<String> = ids.iter().map(|i| format!("post_ids[]={i}")).collect();
                if let Ok(url) =
                    self.base
                        .join(&format!("t/{}/posts.json?{}", topic.id, query.join("&")))
                {
                    parsed.links.push(Link::Chunk {
                        url,
                        topic: topic.id,
                    });
                }
            }
        }
        self.posts(topic.id, meta, topic.post_stream.posts, &mut parsed);
        parsed
    }

    fn posts(&mut self, topic: u64, mut meta: TopicMeta, posts: Vec<WirePost>, out: &mut Parsed) {
        for p in &posts {
            if let Some(n) = p.post_number {
                meta.numbers.insert(n, p.id);
            }
        }
        for p in posts {
            self.note_seen(&p);
            let group = p.primary_group_name.clone();
            match self.post(topic, &meta, p) {
                Some(post) => {
                    if let Some(g) = group.filter(|_| post.role == Role::Participant) {
                        *self.participant_groups.entry(g).or_default() += 1;
                    }
                    out.posts.push(post);
                }
                None => out.dropped += 1,
            }
        }
        self.map.topics.insert(topic, meta);
    }

    /// Counts the groups and title `p`'s author shows (each once per post).
    fn note_seen(&mut self, p: &WirePost) {
        let mut groups: Vec<&str> = [&p.primary_group_name, &p.flair_name, &p.flair_group_name]
            .into_iter()
            .filter_map(|g| g.as_deref().map(str::trim))
            .filter(|g| !g.is_empty())
            .collect();
        groups.sort_unstable_by_key(|g| g.to_lowercase());
        groups.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        for g in groups {
            *self.groups_seen.entry(g.to_owned()).or_default() += 1;
        }
        if let Some(t) = p
            .user_title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            *self.titles_seen.entry(t.to_owned()).or_default() += 1;
        }
    }

    fn post(&self, topic: u64, meta: &TopicMeta, p: WirePost) -> Option<Post> {
        let kept_type = matches!(p.post_type, None | Some(1 | 2));
        if !kept_type || p.hidden || p.cooked_hidden || p.deleted_at.is_some() || p.user_deleted {
            return None;
        }
        let created_at = p.created_at.as_deref()?.parse().ok()?;
        let edited_at = if p.version.unwrap_or(1) > 1 {
            p.updated_at.as_deref().and_then(|u| u.parse().ok())
        } else {
            None
        };
        let body = html_to_body(p.cooked.as_deref().unwrap_or(""));
        let slug = if meta.slug.is_empty() {
            p.topic_slug.clone().unwrap_or_default()
        } else {
            meta.slug.clone()
        };
        let thread_url = self.url(&format!("t/{slug}/{topic}"));
        let number = p.post_number;
        let reply_to = p.reply_to_post_number.map(|n| {
            meta.numbers
                .get(&n)
                .map_or_else(|| n.to_string(), u64::to_string)
        });
        Some(Post {
            source: "discourse".into(),
            site: self.site.clone(),
            competition: meta.competition.clone(),
            thread_id: topic.to_string(),
            thread_title: meta.title.clone(),
            url: number.map_or_else(|| thread_url.clone(), |n| format!("{thread_url}/{n}")),
            thread_url: Some(thread_url),
            post_id: p.id.to_string(),
            post_number: number.and_then(|n| u32::try_from(n).ok()),
            author: p.username.clone().unwrap_or_else(|| "unknown".into()),
            role: self.opts.rules.role(&p),
            created_at,
            edited_at,
            text: body.text,
            quotes: body.quotes,
            reply_to,
        })
    }

    fn url(&self, path: &str) -> String {
        self.base
            .join(path)
            .map_or_else(|_| format!("{}{path}", self.base), |u| u.to_string())
    }
}

#[cfg(test)]
mod tests;
