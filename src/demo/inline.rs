//! Inline markdown to HTML, shared by post bodies (`cooked`) and document
//! pages: `` `code` ``, `**bold**`, `[text](url)`, bare `http(s)://` links and,
//! in posts, `@mentions`. Everything else is HTML-escaped as markdown-it does
//! (`&`, `<`, `>`, `"`).

use super::fixture::User;

/// What the text is part of: posts get mentions and `rel="nofollow"` links.
#[derive(Clone, Copy)]
pub(crate) enum Flavor<'a> {
    /// A forum post; the users are those a mention can name.
    Post(&'a [User]),
    /// An official document page.
    Document,
}

/// Escapes `&`, `<`, `>` and `"`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders one line (or a paragraph's worth) of inline markdown.
pub(crate) fn render(text: &str, flavor: Flavor<'_>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if let Some(used) = special(rest, boundary, flavor, &mut out) {
            i += used;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        i += c.len_utf8();
    }
    out
}

/// Renders the construct starting `rest`, if any, and returns the bytes it used.
fn special(rest: &str, boundary: bool, flavor: Flavor<'_>, out: &mut String) -> Option<usize> {
    if let Some(body) = rest.strip_prefix('`') {
        let end = body.find('`').filter(|&e| e > 0)?;
        out.push_str(&format!("<code>{}</code>", escape(&body[..end])));
        return Some(end + 2);
    }
    if let Some(body) = rest.strip_prefix("**") {
        let end = body.find("**").filter(|&e| e > 0)?;
        out.push_str(&format!(
            "<strong>{}</strong>",
            render(&body[..end], flavor)
        ));
        return Some(end + 4);
    }
    if rest.starts_with('[') {
        let (label, url, used) = link(rest)?;
        out.push_str(&anchor(url, &render(label, flavor), flavor));
        return Some(used);
    }
    if boundary && (rest.starts_with("https://") || rest.starts_with("http://")) {
        let url = bare_url(rest);
        out.push_str(&anchor(url, &escape(url), flavor));
        return Some(url.len());
    }
    if let (Flavor::Post(users), true, Some(name)) = (flavor, boundary, rest.strip_prefix('@')) {
        let len = name
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(name.len());
        let name = name[..len].trim_end_matches(['.', '-']);
        if name.is_empty() {
            return None;
        }
        if users.iter().any(|u| u.username.eq_ignore_ascii_case(name)) {
            out.push_str(&format!(
                "<a class=\"mention\" href=\"/u/{}\">@{}</a>",
                escape(&name.to_lowercase()),
                escape(name)
            ));
        } else {
            out.push_str(&format!("<span class=\"mention\">@{}</span>", escape(name)));
        }
        return Some(name.len() + 1);
    }
    None
}

fn anchor(url: &str, label_html: &str, flavor: Flavor<'_>) -> String {
    let rel = match flavor {
        Flavor::Post(_) if url.starts_with("http") => " rel=\"noopener nofollow ugc\"",
        _ => "",
    };
    format!("<a href=\"{}\"{rel}>{label_html}</a>", escape(url))
}

/// `[label](url)` at the start of `rest`: (label, url, bytes used).
fn link(rest: &str) -> Option<(&str, &str, usize)> {
    let close = rest.find(']')?;
    let after = rest[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let url = after[..end].trim();
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((&rest[1..close], url, close + 2 + end + 1))
}

/// A bare URL without the punctuation that ends the sentence around it.
fn bare_url(rest: &str) -> &str {
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(rest.len());
    let mut url = &rest[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(t) if t.matches('(').count() < t.matches(')').count() + 1 => t,
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str) -> User {
        User {
            username: name.into(),
            name: None,
            admin: false,
            moderator: false,
            title: None,
            primary_group: None,
        }
    }

    #[test]
    fn code_bold_links_and_escapes() {
        assert_eq!(
            render("a `<b>` **x & y** [t](https://e.x/a)", Flavor::Document),
            "a <code>&lt;b&gt;</code> <strong>x &amp; y</strong> <a href=\"https://e.x/a\">t</a>"
        );
    }

    #[test]
    fn bare_urls_drop_trailing_punctuation() {
        assert_eq!(
            render("see https://e.x/a_(b). Done", Flavor::Document),
            "see <a href=\"https://e.x/a_(b)\">https://e.x/a_(b)</a>. Done"
        );
        assert_eq!(
            render("(https://e.x/a)", Flavor::Document),
            "(<a href=\"https://e.x/a\">https://e.x/a</a>)"
        );
    }

    #[test]
    fn mentions_link_known_users_only() {
        let users = [user("mod_ann")];
        assert_eq!(
            render("@mod_ann, @ghost. mail@x.org", Flavor::Post(&users)),
            "<a class=\"mention\" href=\"/u/mod_ann\">@mod_ann</a>, <span class=\"mention\">@ghost</span>. mail@x.org"
        );
    }

    #[test]
    fn unmatched_markers_stay_text() {
        assert_eq!(render("5 ** 2 and `x", Flavor::Document), "5 ** 2 and `x");
        assert_eq!(render("[not a link]", Flavor::Document), "[not a link]");
    }
}
