//! Discourse URLs: what a forum URL a user typed points at (site root,
//! category, topic), the JSON endpoint to fetch for it, and the kind of page a
//! fetched JSON URL is (so a page parses the same live and replayed from the archive).

use url::Url;

/// What a JSON endpoint URL serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// `/site.json`: site settings with every category.
    Site,
    /// `/categories.json`: the category list.
    Categories,
    /// A topic list page: `/latest.json`, `/c/{slug}/{id}.json`, `/c/…/l/latest.json`.
    List {
        /// The category's slug and id when the URL names a category.
        category: Option<(String, u64)>,
        /// The 0-based page number.
        page: u64,
    },
    /// `/t/{slug}/{id}.json` or `/t/{id}.json`.
    Topic {
        /// The topic id.
        id: u64,
    },
    /// `/t/{id}/posts.json?post_ids[]=…`.
    Posts {
        /// The topic id.
        topic: u64,
    },
    /// Anything else (robots.txt, a page we do not read).
    Other,
}

/// Classifies a JSON endpoint URL.
#[must_use]
pub fn classify(url: &Url) -> PageKind {
    let segs: Vec<&str> = url
        .path_segments()
        .map(Iterator::collect)
        .unwrap_or_default();
    let page = url
        .query_pairs()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    match segs.as_slice() {
        ["site.json"] => PageKind::Site,
        ["categories.json"] => PageKind::Categories,
        ["latest.json"] => PageKind::List {
            category: None,
            page,
        },
        ["t", id, "posts.json"] => id
            .parse()
            .map_or(PageKind::Other, |topic| PageKind::Posts { topic }),
        ["t", rest @ ..] => topic_id(rest).map_or(PageKind::Other, |id| PageKind::Topic { id }),
        ["c", rest @ ..] => category(rest).map_or(PageKind::Other, |category| PageKind::List {
            category: Some(category),
            page,
        }),
        _ => PageKind::Other,
    }
}

/// `[slug, "12.json"]` or `["12.json"]` (a trailing post number is ignored).
fn topic_id(rest: &[&str]) -> Option<u64> {
    let last = rest.iter().rev().find_map(|s| s.strip_suffix(".json"))?;
    last.parse().ok()
}

/// `[slug, …, id, "l", "latest.json"]` or `[slug, …, "id.json"]`.
fn category(rest: &[&str]) -> Option<(String, u64)> {
    let rest = match rest {
        [head @ .., "l", list] if list.ends_with(".json") => head,
        _ => rest,
    };
    let (last, before) = rest.split_last()?;
    let id: u64 = last.strip_suffix(".json").unwrap_or(last).parse().ok()?;
    let slug = before
        .last()
        .map_or_else(|| id.to_string(), |s| (*s).to_owned());
    Some((slug, id))
}

/// The JSON endpoint that starts a crawl of the forum URL a user typed, or
/// `None` when the URL is not a Discourse site root, category or topic.
#[must_use]
pub fn start_endpoint(url: &Url) -> Option<Url> {
    let segs: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    let path = match segs.as_slice() {
        [] => "/categories.json?include_subcategories=true".to_owned(),
        ["latest" | "latest.json"] => "/latest.json".to_owned(),
        ["t", rest @ ..] => topic_path(rest)?,
        ["c", rest @ ..] => {
            let rest: Vec<&str> = rest
                .iter()
                .map(|s| s.strip_suffix(".json").unwrap_or(s))
                .take_while(|s| *s != "l")
                .collect();
            if !rest.last()?.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            format!("/c/{}/l/latest.json", rest.join("/"))
        }
        _ => return None,
    };
    url.join(&path).ok()
}

/// `/t/slug/12/3` → `/t/slug/12.json`; `/t/12` → `/t/12.json`.
fn topic_path(rest: &[&str]) -> Option<String> {
    let clean: Vec<&str> = rest
        .iter()
        .map(|s| s.strip_suffix(".json").unwrap_or(s))
        .collect();
    match clean.as_slice() {
        [id, ..] if id.chars().all(|c| c.is_ascii_digit()) => Some(format!("/t/{id}.json")),
        [slug, id, ..] if id.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("/t/{slug}/{id}.json"))
        }
        _ => None,
    }
}

/// Whether a URL's shape says Discourse without asking the server.
#[must_use]
pub fn looks_like_discourse(url: &Url) -> bool {
    let first = url.path_segments().and_then(|mut s| s.next());
    matches!(first, Some("t" | "c")) && start_endpoint(url).is_some()
}

/// The same list URL with `page=N`.
#[must_use]
pub fn with_page(url: &Url, page: u64) -> Url {
    let mut next = url.clone();
    let others: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    {
        let mut q = next.query_pairs_mut();
        q.clear();
        for (k, v) in &others {
            q.append_pair(k, v);
        }
        q.append_pair("page", &page.to_string());
    }
    next
}

/// The origin of `url` as the store's site name: host, plus the port when not the default.
#[must_use]
pub fn site_name(url: &Url) -> String {
    let host = url.host_str().unwrap_or("unknown");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).expect("test url")
    }

    #[test]
    fn start_endpoints() {
        let s = |x: &str| start_endpoint(&u(x)).map(|u| u.to_string());
        assert_eq!(
            s("https://f.org/").as_deref(),
            Some("https://f.org/categories.json?include_subcategories=true")
        );
        assert_eq!(
            s("https://f.org/c/comp-a/7").as_deref(),
            Some("https://f.org/c/comp-a/7/l/latest.json")
        );
        assert_eq!(
            s("https://f.org/t/ext-data/42/3").as_deref(),
            Some("https://f.org/t/ext-data/42.json")
        );
        assert_eq!(
            s("https://f.org/t/42").as_deref(),
            Some("https://f.org/t/42.json")
        );
        assert_eq!(s("https://f.org/u/bob"), None);
    }

    #[test]
    fn classifies_endpoints() {
        let c = |x: &str| classify(&u(x));
        assert_eq!(c("https://f.org/t/ext/42.json"), PageKind::Topic { id: 42 });
        assert_eq!(
            c("https://f.org/t/42.json?page=2"),
            PageKind::Topic { id: 42 }
        );
        assert_eq!(
            c("https://f.org/t/42/posts.json?post_ids[]=1"),
            PageKind::Posts { topic: 42 }
        );
        assert_eq!(
            c("https://f.org/c/comp-a/7/l/latest.json?page=2"),
            PageKind::List {
                category: Some(("comp-a".into(), 7)),
                page: 2
            }
        );
        assert_eq!(
            c("https://f.org/c/comp-a/7.json"),
            PageKind::List {
                category: Some(("comp-a".into(), 7)),
                page: 0
            }
        );
        assert_eq!(c("https://f.org/site.json"), PageKind::Site);
        assert_eq!(c("https://f.org/robots.txt"), PageKind::Other);
    }

    #[test]
    fn pages_and_sites() {
        let next = with_page(&u("http://127.0.0.1:9/c/a/7/l/latest.json?page=0"), 1);
        assert_eq!(
            next.as_str(),
            "http://127.0.0.1:9/c/a/7/l/latest.json?page=1"
        );
        assert_eq!(site_name(&next), "127.0.0.1:9");
        assert_eq!(site_name(&u("https://f.org/x")), "f.org");
    }
}
