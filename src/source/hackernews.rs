//! The Hacker News adapter (SOURCES.md §2.1): parses Firebase API items
//! (`{api}/v0/item/{id}.json`) into `Post` values and the kids to fetch next.
//! A thread is the walk from one story (or item) down its `kids`; deleted
//! and dead items are dropped but their kids are still walked; an unknown id
//! (`null`) is an error naming the item. The story is post 1 when it has
//! text. HN has no roles: `--official-user` names hosts, everyone else is a
//! participant. Quotes are paragraphs starting with `>` (HN has no quote
//! markup) or paragraphs entirely in italics.
//!
//! It only parses: `crawl` fetches and `reindex` replays through
//! `HackerNews::parse`. What the walk learns (each item's story, each
//! story's title and size) is a serialisable `ItemMap`, so a crawl resumes
//! and a recrawl of an unchanged, settled story stops after the story.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::model::{Post, Quote, Role};
use crate::normalize::{collapse_whitespace, html_to_body, html_to_text};

/// The public Firebase API.
pub const DEFAULT_API: &str = "https://hacker-news.firebaseio.com";
/// The site every HN post belongs to, whatever API base served it.
pub const SITE: &str = "news.ycombinator.com";
/// HN lets authors edit for two hours: a story walked later than that after
/// its newest item is settled, and an unchanged `descendants` means no news.
pub const EDIT_WINDOW: i64 = 2 * 60 * 60;

/// How one crawl maps what it reads.
#[derive(Debug, Clone, Default)]
pub struct HnOptions {
    /// `--competition` (required for HN).
    pub competition: String,
    /// `--official-user`: compared case-insensitively.
    pub official_users: Vec<String>,
    /// A recrawl may skip the kids of an unchanged, settled story (not with `--fresh`).
    pub refresh: bool,
}

/// What the walk has learnt so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ItemMap {
    /// Item id → the story (thread root) it belongs to.
    pub story_of: BTreeMap<u64, u64>,
    /// Story id → what its posts need.
    pub stories: BTreeMap<u64, StoryMeta>,
}

/// A thread root's facts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoryMeta {
    /// The title (empty for a comment given as the start item).
    pub title: String,
    /// `descendants` at the last fetch of the story.
    pub descendants: u64,
    /// The newest item time (unix seconds) seen in this walk.
    pub newest: i64,
    /// The last walk that completed: `(descendants, newest item time, walked at)`.
    #[serde(default)]
    pub walked: Option<(u64, i64, i64)>,
}

/// What one item gave.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Posts to index (zero or one).
    pub posts: Vec<Post>,
    /// Item URLs to fetch next (the kids).
    pub links: Vec<Url>,
    /// Items left out: deleted, dead, without a time.
    pub dropped: usize,
    /// A story whose kids were not walked again: unchanged since the last complete walk.
    pub unchanged: bool,
}

#[derive(Debug, Deserialize)]
struct Item {
    id: u64,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    time: Option<i64>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    parent: Option<u64>,
    #[serde(default)]
    kids: Vec<u64>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    dead: bool,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    descendants: Option<u64>,
}

/// The adapter for one HN crawl.
#[derive(Debug, Clone)]
pub struct HackerNews {
    api: Url,
    opts: HnOptions,
    /// What has been learnt so far (persisted by the crawl for resuming).
    pub map: ItemMap,
}

/// The item id of an HN web URL (`https://news.ycombinator.com/item?id=N`).
#[must_use]
pub fn item_id(url: &Url) -> Option<u64> {
    let host = url.host_str()?;
    if !host.ends_with(SITE) || url.path() != "/item" {
        return None;
    }
    url.query_pairs()
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.trim().parse().ok())
}

/// The public page of item `id`.
#[must_use]
pub fn web_url(id: u64) -> String {
    format!("https://{SITE}/item?id={id}")
}

impl HackerNews {
    /// An adapter reading items from `api` (e.g. `DEFAULT_API`).
    pub fn new(api: &str, opts: HnOptions) -> Result<HackerNews, String> {
        let api = Url::parse(api.trim_end_matches('/')).map_err(|e| {
            format!("`{api}` is not an API base URL ({e}); write e.g. {DEFAULT_API}")
        })?;
        Ok(HackerNews {
            api,
            opts,
            map: ItemMap::default(),
        })
    }

    /// The API URL of item `id`.
    #[must_use]
    pub fn item_url(&self, id: u64) -> Url {
        let mut u = self.api.clone();
        let path = format!(
            "{}/v0/item/{id}.json",
            self.api.path().trim_end_matches('/')
        );
        u.set_path(&path);
        u
    }

    /// The item id an API URL of this adapter asks for.
    #[must_use]
    pub fn classify(&self, url: &Url) -> Option<u64> {
        let rest = url
            .path()
            .strip_prefix(self.api.path().trim_end_matches('/'))?;
        rest.strip_prefix("/v0/item/")?
            .strip_suffix(".json")?
            .parse()
            .ok()
    }

    /// Parses one fetched item; the error names the item and what to check.
    pub fn parse(&mut self, url: &Url, body: &[u8]) -> Result<Parsed, String> {
        let id = self
            .classify(url)
            .ok_or("not a Hacker News item API URL (`/v0/item/{id}.json`)")?;
        let item: Option<Item> = serde_json::from_slice(body)
            .map_err(|e| format!("not the Hacker News item JSON expected here ({e})"))?;
        let item = item.ok_or_else(|| {
            format!(
                "the API answered null: there is no Hacker News item {id}; check the id in {}",
                web_url(id)
            )
        })?;
        if item.id != id {
            return Err(format!(
                "holds item {} where item {id} was asked for",
                item.id
            ));
        }
        let story = *self.map.story_of.entry(id).or_insert(id);
        let mut parsed = Parsed::default();
        if story == id {
            let meta = self.map.stories.entry(id).or_default();
            meta.title = item.title.clone().unwrap_or_default();
            let descendants = item.descendants.unwrap_or(0);
            meta.descendants = descendants;
            parsed.unchanged = self.opts.refresh
                && meta.walked.is_some_and(|(d, newest, at)| {
                    d == descendants && at >= newest.saturating_add(EDIT_WINDOW)
                });
            meta.newest = 0;
        }
        if let Some(meta) = self.map.stories.get_mut(&story)
            && !parsed.unchanged
        {
            meta.newest = meta.newest.max(item.time.unwrap_or(1));
        }
        if !parsed.unchanged {
            for kid in &item.kids {
                self.map.story_of.insert(*kid, story);
                parsed.links.push(self.item_url(*kid));
            }
        }
        match self.post(story, item) {
            Some(p) => parsed.posts.push(p),
            None if story == id => {}
            None => parsed.dropped += 1,
        }
        Ok(parsed)
    }

    /// Records that the walk of every story fetched in this run completed.
    pub fn walk_complete(&mut self, now: Timestamp) {
        for meta in self.map.stories.values_mut() {
            if meta.newest > 0 {
                meta.walked = Some((meta.descendants, meta.newest, now.as_second()));
            }
        }
    }

    fn post(&self, story: u64, item: Item) -> Option<Post> {
        if item.deleted || item.dead {
            return None;
        }
        let text = item.text.as_deref().filter(|t| !t.trim().is_empty())?;
        let created_at = Timestamp::from_second(item.time?).ok()?;
        let author = item.by?;
        let body = split_quotes(text);
        let is_story = story == item.id && item.kind.as_deref() != Some("comment");
        let title = self
            .map
            .stories
            .get(&story)
            .map(|m| m.title.clone())
            .unwrap_or_default();
        let host = self
            .opts
            .official_users
            .iter()
            .any(|u| u.trim().eq_ignore_ascii_case(&author));
        Some(Post {
            source: "hn".into(),
            site: SITE.into(),
            competition: self.opts.competition.clone(),
            thread_id: story.to_string(),
            thread_title: title,
            thread_url: Some(web_url(story)),
            post_id: item.id.to_string(),
            post_number: is_story.then_some(1),
            role: if host { Role::Host } else { Role::Participant },
            author,
            created_at,
            edited_at: None,
            text: body.text,
            quotes: body.quotes,
            reply_to: item.parent.map(|p| p.to_string()),
            url: web_url(item.id),
        })
    }
}

/// HN text to own words and quotes: paragraphs (split by `<p>`) whose text
/// starts with `>`, or that are one `<i>` element, are quotes; adjacent
/// quote paragraphs are one quote.
#[must_use]
pub fn split_quotes(html: &str) -> crate::normalize::Body {
    let mut own = Vec::new();
    let mut quotes: Vec<Quote> = Vec::new();
    let mut last_was_quote = false;
    for para in paragraphs(html) {
        let text = html_to_text(para);
        let trimmed = para.trim();
        let italic = trimmed.starts_with("<i>")
            && trimmed.ends_with("</i>")
            && trimmed[3..].find("<i>").is_none()
            && trimmed.find("</i>") == Some(trimmed.len() - 4);
        let quoted = text.strip_prefix('>').map(|t| t.trim_start_matches('>'));
        let quoted = quoted.or(italic.then_some(text.as_str()));
        match quoted {
            Some(q) => {
                let q = collapse_whitespace(q);
                if q.is_empty() {
                    continue;
                }
                match quotes.last_mut() {
                    Some(last) if last_was_quote => {
                        last.text.push(' ');
                        last.text.push_str(&q);
                    }
                    _ => quotes.push(Quote {
                        author: None,
                        post_ref: None,
                        text: q,
                    }),
                }
                last_was_quote = true;
            }
            None => {
                own.push(para);
                last_was_quote = false;
            }
        }
    }
    let mut body = html_to_body(&own.join("<p>"));
    quotes.extend(body.quotes);
    body.quotes = quotes;
    body
}

/// The paragraphs of HN text: separated by `<p>` (closing `</p>` tolerated),
/// except inside `<pre>` code blocks.
fn paragraphs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let at = i + off;
        let rest = &lower[at..];
        if rest.starts_with("<pre") {
            i = rest.find("</pre>").map_or(lower.len(), |e| at + e + 6);
            continue;
        }
        if rest.starts_with("<p>") || rest.starts_with("</p>") {
            out.push(&html[start..at]);
            let len = if rest.starts_with("<p>") { 3 } else { 4 };
            start = at + len;
        }
        i = at + 1;
        if i >= lower.len() {
            break;
        }
    }
    out.push(&html[start..]);
    out.retain(|p| !p.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hn() -> HackerNews {
        HackerNews::new(
            "http://127.0.0.1:9/base/",
            HnOptions {
                competition: "c".into(),
                official_users: vec!["Dang".into()],
                refresh: true,
            },
        )
        .expect("api")
    }

    #[test]
    fn urls_round_trip() {
        let h = hn();
        let u = h.item_url(42);
        assert_eq!(u.as_str(), "http://127.0.0.1:9/base/v0/item/42.json");
        assert_eq!(h.classify(&u), Some(42));
        let web = Url::parse("https://news.ycombinator.com/item?id=8863").expect("url");
        assert_eq!(item_id(&web), Some(8863));
    }

    #[test]
    fn gt_paragraphs_and_italics_are_quotes() {
        let b = split_quotes(
            "&gt; You may use external data.<p>&gt; Any data?<p>Not what the rules say.<p><i>Only public data</i><p>Code: <pre><code>a<p>b</code></pre>",
        );
        assert_eq!(b.text, "Not what the rules say.\n\nCode:");
        let q: Vec<&str> = b.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            q,
            ["You may use external data. Any data?", "Only public data"]
        );
        assert_eq!(split_quotes("plain <i>emphasis</i> here").quotes, vec![]);
    }

    #[test]
    fn items_become_posts_and_kids() {
        let mut h = hn();
        let story = br#"{"by":"alice","id":1,"kids":[2,3],"text":"Rules?","time":1700000000,"title":"Ask HN: rules","type":"story","descendants":2}"#;
        let p = h.parse(&h.item_url(1), story).expect("story");
        assert_eq!(p.links.len(), 2);
        assert_eq!(p.posts[0].post_number, Some(1));
        let comment = br#"{"by":"dang","id":2,"parent":1,"text":"Please keep on topic.","time":1700000100,"type":"comment"}"#;
        let p = h.parse(&h.item_url(2), comment).expect("comment");
        let post = &p.posts[0];
        assert_eq!((post.role, post.thread_id.as_str()), (Role::Host, "1"));
        assert_eq!(post.thread_title, "Ask HN: rules");
        assert_eq!(post.reply_to.as_deref(), Some("1"));
        let dead = br#"{"by":"x","id":3,"parent":1,"dead":true,"kids":[4],"time":1700000200,"type":"comment"}"#;
        let p = h.parse(&h.item_url(3), dead).expect("dead");
        assert_eq!((p.posts.len(), p.dropped, p.links.len()), (0, 1, 1));
        assert!(
            h.parse(&h.item_url(9), b"null")
                .unwrap_err()
                .contains("no Hacker News item 9")
        );
    }
}
