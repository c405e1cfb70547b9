//! A competition's pages (rules, description, data description, …) through
//! `ListCompetitionPages`, for `doc add`: the call for one page (or, to name
//! the choices when it is missing, all), and the page picked from the answer
//! as a document: its content, whether HTML or markdown, and its title.

use url::Url;

use super::urls::call_url;
use super::wire::{self, ApiPage, PagesResponse};

/// The stable name and body of a `ListCompetitionPages` call.
#[must_use]
pub fn pages_call(api: &Url, slug: &str, name: Option<&str>) -> (Url, String) {
    let mut params = vec![("competitionName", slug.to_owned())];
    if let Some(n) = name {
        params.push(("pageName", n.to_owned()));
    }
    (
        call_url(api, wire::LIST_PAGES, &params),
        wire::pages_request(slug, name).to_string(),
    )
}

/// A page as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDocument {
    /// The bytes to store and segment: markdown as is, HTML as a page whose `<title>` is the page's.
    pub bytes: Vec<u8>,
    /// Whether `bytes` are markdown (else HTML).
    pub markdown: bool,
}

/// The page `name` of a `ListCompetitionPages` answer, or the names it holds.
pub fn pick_page(body: &[u8], name: &str) -> Result<Result<ApiPage, Vec<String>>, String> {
    if let Some(e) = wire::error_in(body) {
        return Err(format!("Kaggle's API answered {}: {}", e.code, e.message));
    }
    let r: PagesResponse = serde_json::from_slice(body)
        .map_err(|e| format!("not the Kaggle API JSON expected ({e})"))?;
    let names = r.pages.iter().map(|p| p.name.clone()).collect();
    Ok(r.pages
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name) && !p.content.trim().is_empty())
        .ok_or(names))
}

/// The document of a page of competition `slug`.
#[must_use]
pub fn page_document(page: &ApiPage, slug: &str) -> PageDocument {
    let mime = page
        .mime_type
        .as_deref()
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    if mime.contains("markdown") || mime.starts_with("text/plain") {
        return PageDocument {
            bytes: page.content.clone().into_bytes(),
            markdown: true,
        };
    }
    let title = page
        .post_title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| format!("{slug} {}", page.name), str::to_owned);
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n{}\n</body></html>\n",
        escape(&title),
        page.content
    );
    PageDocument {
        bytes: html.into_bytes(),
        markdown: false,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_and_wraps() {
        let body = br#"{"pages":[{"name":"description","content":"<p>x</p>"},
            {"name":"rules","content":"<h2>1. Eligibility</h2><p>You must be 18.</p>",
             "postTitle":"Competition Rules","mimeType":"text/html"}]}"#;
        let page = pick_page(body, "Rules").expect("json").expect("found");
        let doc = page_document(&page, "comp");
        let html = String::from_utf8(doc.bytes).expect("utf-8");
        assert!(!doc.markdown);
        assert!(html.contains("<title>Competition Rules</title>"));
        assert!(html.contains("You must be 18."));
        let missing = pick_page(body, "prizes")
            .expect("json")
            .expect_err("missing");
        assert_eq!(missing, ["description", "rules"]);
        let (url, b) = pages_call(
            &Url::parse("http://h:1").expect("url"),
            "comp",
            Some("rules"),
        );
        assert!(
            url.as_str()
                .ends_with("ListCompetitionPages?competitionName=comp&pageName=rules")
        );
        assert_eq!(b, r#"{"competitionName":"comp","pageName":"rules"}"#);
    }
}
