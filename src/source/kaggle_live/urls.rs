//! The URLs of Kaggle live: the web addresses a user gives (a competition's
//! discussion, one topic, one of its pages) and the stable names of API
//! requests. Kaggle's API is POST-only, so each request is named by a
//! synthetic URL, `{api}/v1/{service}/{method}?{field}={value}&…`, holding the
//! body's key fields: the crawl state, the archive and `reindex` use that name,
//! and the body is POSTed to the same URL without its query.

use url::Url;

/// The service every call of this adapter goes to.
pub const SERVICE: &str = "competitions.CompetitionApiService";

/// What a kaggle.com address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebRef {
    /// `…/competitions/SLUG/discussion`: every topic of the competition.
    Discussion {
        /// Competition slug.
        slug: String,
    },
    /// `…/competitions/SLUG/discussion/ID`: one topic.
    Topic {
        /// Competition slug.
        slug: String,
        /// Topic id.
        id: u64,
    },
}

impl WebRef {
    /// The competition slug.
    #[must_use]
    pub fn slug(&self) -> &str {
        match self {
            WebRef::Discussion { slug } | WebRef::Topic { slug, .. } => slug,
        }
    }
}

/// Whether `url` is on kaggle.com.
#[must_use]
pub fn is_kaggle(url: &Url) -> bool {
    matches!(url.host_str(), Some("kaggle.com" | "www.kaggle.com"))
}

/// The path segments after `/competitions/` (or the short `/c/`), when `url` is a competition's.
fn competition_path(url: &Url) -> Option<Vec<&str>> {
    if !is_kaggle(url) {
        return None;
    }
    let segs: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    match segs.split_first() {
        Some((&("competitions" | "c"), rest)) if !rest.is_empty() => Some(rest.to_vec()),
        _ => None,
    }
}

/// `https://www.kaggle.com/competitions/SLUG/discussion[/ID]` (also `/c/SLUG/…`).
#[must_use]
pub fn parse_web(url: &Url) -> Option<WebRef> {
    let segs = competition_path(url)?;
    match segs.as_slice() {
        [slug, "discussion"] => Some(WebRef::Discussion {
            slug: (*slug).to_owned(),
        }),
        [slug, "discussion", id, ..] => Some(WebRef::Topic {
            slug: (*slug).to_owned(),
            id: id.parse().ok()?,
        }),
        _ => None,
    }
}

/// A competition page a kaggle.com address names, as (slug, page name):
/// `…/competitions/SLUG/rules` → `rules`, `…/overview/NAME` → `NAME`, `…/data`
/// → `data-description`, any other `…/SLUG/NAME` → `NAME`. Discussion,
/// leaderboard, code and submission tabs are not pages.
#[must_use]
pub fn parse_page(url: &Url) -> Option<(String, String)> {
    let segs = competition_path(url)?;
    let name = match segs.as_slice() {
        [_, "overview", name] => (*name).to_owned(),
        [_, "data"] => "data-description".to_owned(),
        [
            _,
            "discussion" | "leaderboard" | "code" | "submissions" | "submit" | "team" | "models",
            ..,
        ] => return None,
        [_, name] => (*name).to_owned(),
        _ => return None,
    };
    Some((segs[0].to_owned(), name))
}

/// The stable name of a call: `{api}/v1/{SERVICE}/{method}?{params}`.
#[must_use]
pub fn call_url(api: &Url, method: &str, params: &[(&str, String)]) -> Url {
    let mut u = api.clone();
    u.set_path(&format!(
        "{}/v1/{SERVICE}/{method}",
        api.path().trim_end_matches('/')
    ));
    u.set_query(None);
    if !params.is_empty() {
        u.query_pairs_mut()
            .extend_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
    }
    u
}

/// The method and parameters of a call URL under `api`.
#[must_use]
pub fn parse_call(api: &Url, url: &Url) -> Option<(String, Vec<(String, String)>)> {
    if crate::source::discourse::site_name(api) != crate::source::discourse::site_name(url) {
        return None;
    }
    let prefix = format!("{}/v1/{SERVICE}/", api.path().trim_end_matches('/'));
    let method = url.path().strip_prefix(&prefix)?;
    if method.is_empty() || method.contains('/') {
        return None;
    }
    let params = url.query_pairs().into_owned().collect();
    Some((method.to_owned(), params))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn web_addresses() {
        assert_eq!(
            parse_web(&u("https://www.kaggle.com/competitions/dfdc/discussion")),
            Some(WebRef::Discussion {
                slug: "dfdc".into()
            })
        );
        assert_eq!(
            parse_web(&u("https://kaggle.com/c/dfdc/discussion/120001#700001")),
            Some(WebRef::Topic {
                slug: "dfdc".into(),
                id: 120_001
            })
        );
        assert_eq!(
            parse_web(&u("https://www.kaggle.com/competitions/dfdc/rules")),
            None
        );
        assert_eq!(
            parse_web(&u("https://example.com/competitions/dfdc/discussion")),
            None
        );
    }

    #[test]
    fn pages() {
        let p = |s: &str| parse_page(&u(s));
        assert_eq!(
            p("https://www.kaggle.com/competitions/dfdc/rules"),
            Some(("dfdc".into(), "rules".into()))
        );
        assert_eq!(
            p("https://www.kaggle.com/competitions/dfdc/overview/evaluation"),
            Some(("dfdc".into(), "evaluation".into()))
        );
        assert_eq!(
            p("https://www.kaggle.com/competitions/dfdc/data"),
            Some(("dfdc".into(), "data-description".into()))
        );
        assert_eq!(
            p("https://www.kaggle.com/competitions/dfdc/discussion"),
            None
        );
        assert_eq!(p("https://www.kaggle.com/competitions/dfdc"), None);
    }

    #[test]
    fn calls_round_trip() {
        let api = u("http://127.0.0.1:9/base/");
        let call = call_url(
            &api,
            "ListCompetitionTopics",
            &[("competitionName", "a b".into()), ("page", "2".into())],
        );
        assert_eq!(
            call.as_str(),
            "http://127.0.0.1:9/base/v1/competitions.CompetitionApiService/ListCompetitionTopics?competitionName=a+b&page=2"
        );
        let (method, params) = parse_call(&api, &call).expect("parses");
        assert_eq!(method, "ListCompetitionTopics");
        assert_eq!(params[0], ("competitionName".into(), "a b".into()));
        assert!(parse_call(&u("http://127.0.0.1:10/base"), &call).is_none());
    }
}
