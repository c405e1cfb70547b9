//! A post's `raw` markdown to the `cooked` HTML Discourse serves, for the
//! markup the fixtures use: paragraphs (single newlines become `<br>`),
//! BBCode `[quote="user, post:N, topic:T"]` as `aside.quote`, `>` blockquotes,
//! `-`/`*` and `1.` lists, `#` headings, fenced code, and the inline markup of
//! `inline.rs`. Discourse's typographer (curly quotes) and oneboxes are not
//! reproduced.

use super::fixture::User;
use super::inline::{Flavor, escape, render};

/// Renders a post body; `users` are the forum's users (for mentions, quote
/// avatars and quote group classes).
pub(crate) fn cook(raw: &str, users: &[User]) -> String {
    let lines: Vec<&str> = raw.lines().collect();
    blocks(&lines, users).join("\n")
}

/// The avatar template Discourse serves for a user without an uploaded picture.
pub(crate) fn avatar_template(username: &str) -> String {
    const COLORS: [&str; 6] = ["a9a28c", "e47774", "f0a0c0", "5e99b9", "9fc6a2", "bb5e4a"];
    let sum: usize = username.bytes().map(usize::from).sum();
    let letter = username.chars().next().unwrap_or('x').to_ascii_lowercase();
    format!(
        "/letter_avatar_proxy/v4/letter/{letter}/{}/{{size}}.png",
        COLORS[sum % COLORS.len()]
    )
}

fn blocks(lines: &[&str], users: &[User]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let (html, used) = if line.is_empty() {
            (None, 1)
        } else if line.starts_with("```") {
            fence(lines, i)
        } else if let Some(found) = quote(lines, i, users) {
            found
        } else if line.starts_with('>') {
            let n = count(lines, i, |l| l.trim_start().starts_with('>'));
            let inner: Vec<&str> = lines[i..i + n]
                .iter()
                .map(|l| {
                    let l = l.trim_start().trim_start_matches('>');
                    l.strip_prefix(' ').unwrap_or(l)
                })
                .collect();
            let inner = blocks(&inner, users).join("\n");
            (Some(format!("<blockquote>\n{inner}\n</blockquote>")), n)
        } else if let Some((level, text)) = heading(line) {
            let text = render(text, Flavor::Post(users));
            (Some(format!("<h{level}>{text}</h{level}>")), 1)
        } else if item(line).is_some() {
            list(lines, i, users)
        } else {
            paragraph(lines, i, users)
        };
        out.extend(html);
        i += used.max(1);
    }
    out
}

/// How many lines from `start` satisfy `keep`.
fn count(lines: &[&str], start: usize, keep: impl Fn(&str) -> bool) -> usize {
    lines[start..].iter().take_while(|l| keep(l)).count()
}

fn fence(lines: &[&str], start: usize) -> (Option<String>, usize) {
    let lang = lines[start].trim().trim_start_matches('`').trim();
    let body = count(lines, start + 1, |l| !l.trim().starts_with("```"));
    let code = lines[start + 1..start + 1 + body].join("\n");
    let class = if lang.is_empty() { "auto" } else { lang };
    let html = format!(
        "<pre><code class=\"lang-{}\">{}\n</code></pre>",
        escape(class),
        escape(&code)
    );
    (Some(html), (body + 2).min(lines.len() - start))
}

/// A `[quote…]` line, its matching `[/quote]` line and what is between.
fn quote(lines: &[&str], start: usize, users: &[User]) -> Option<(Option<String>, usize)> {
    let open = lines[start].trim();
    let attrs = open.strip_prefix("[quote")?.strip_suffix(']')?;
    if !(attrs.is_empty() || attrs.starts_with('=')) {
        return None;
    }
    let mut depth = 0;
    let mut close = None;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        let line = line.trim();
        if line.starts_with("[quote") && line.ends_with(']') {
            depth += 1;
        } else if line == "[/quote]" {
            if depth == 0 {
                close = Some(j);
                break;
            }
            depth -= 1;
        }
    }
    let close = close?;
    let inner = blocks(&lines[start + 1..close], users).join("\n");
    Some((Some(aside(attrs, &inner, users)), close - start + 1))
}

/// The `aside.quote` Discourse renders for a BBCode quote with these attributes.
fn aside(attrs: &str, inner: &str, users: &[User]) -> String {
    let value = attrs.trim_start_matches('=').trim().trim_matches('"');
    let mut parts = value.split(',').map(str::trim);
    let username = parts.next().unwrap_or("").to_owned();
    let mut data = String::new();
    for part in parts {
        if let Some((key, val)) = part.split_once(':') {
            let key = match key.trim() {
                "post" => "post",
                "topic" => "topic",
                "full" => "full",
                _ => continue,
            };
            data.push_str(&format!(" data-{key}=\"{}\"", escape(val.trim())));
        }
    }
    if username.is_empty() {
        return format!(
            "<aside class=\"quote no-group\">\n<blockquote>\n{inner}\n</blockquote>\n</aside>"
        );
    }
    let user = users.iter().find(|u| u.username == username);
    let group = user
        .and_then(|u| u.primary_group.as_deref())
        .map_or_else(|| "no-group".to_owned(), |g| format!("group-{}", escape(g)));
    let avatar = user.map_or_else(String::new, |u| {
        let src = avatar_template(&u.username).replace("{size}", "48");
        format!("<img loading=\"lazy\" alt=\"\" width=\"24\" height=\"24\" src=\"{src}\" class=\"avatar\">")
    });
    let name = escape(&username);
    format!(
        "<aside class=\"quote {group}\" data-username=\"{name}\"{data}>\n<div class=\"title\">\n<div class=\"quote-controls\"></div>\n{avatar} {name}:</div>\n<blockquote>\n{inner}\n</blockquote>\n</aside>"
    )
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let text = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, text.trim()))
}

/// A list item line: (ordered, start number, text).
fn item(line: &str) -> Option<(bool, u64, &str)> {
    if let Some(text) = ["- ", "* ", "+ "].iter().find_map(|m| line.strip_prefix(m)) {
        return Some((false, 0, text));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let text = line[digits..]
        .strip_prefix(". ")
        .or_else(|| line[digits..].strip_prefix(") "))?;
    let number = line[..digits].parse().ok().filter(|_| digits <= 9)?;
    Some((true, number, text))
}

fn list(lines: &[&str], start: usize, users: &[User]) -> (Option<String>, usize) {
    let Some((ordered, first, _)) = item(lines[start].trim()) else {
        return paragraph(lines, start, users);
    };
    let mut items: Vec<Vec<&str>> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i].trim();
        match item(line) {
            Some((o, _, text)) if o == ordered => items.push(vec![text]),
            Some(_) => break,
            None if line.is_empty() => {
                let next = lines.get(i + 1).and_then(|l| item(l.trim()));
                if next.is_none_or(|(o, _, _)| o != ordered) {
                    break;
                }
            }
            None if starts_block(line) => break,
            None => items.last_mut().map_or((), |it| it.push(line)),
        }
        i += 1;
    }
    let tag = if ordered { "ol" } else { "ul" };
    let open = if ordered && first != 1 {
        format!("<ol start=\"{first}\">")
    } else {
        format!("<{tag}>")
    };
    let body: Vec<String> = items
        .iter()
        .map(|it| format!("<li>{}</li>", join_lines(it, users)))
        .collect();
    (
        Some(format!("{open}\n{}\n</{tag}>", body.join("\n"))),
        i - start,
    )
}

fn paragraph(lines: &[&str], start: usize, users: &[User]) -> (Option<String>, usize) {
    let mut n = 1;
    while let Some(line) = lines.get(start + n).map(|l| l.trim()) {
        let interrupts = match item(line) {
            Some((ordered, number, _)) => !ordered || number == 1,
            None => starts_block(line),
        };
        if line.is_empty() || interrupts {
            break;
        }
        n += 1;
    }
    let text: Vec<&str> = lines[start..start + n].iter().map(|l| l.trim()).collect();
    (Some(format!("<p>{}</p>", join_lines(&text, users))), n)
}

/// Whether a line opens a block that ends a paragraph or list item.
fn starts_block(line: &str) -> bool {
    line.starts_with("```")
        || line.starts_with('>')
        || line.starts_with("[quote")
        || heading(line).is_some()
}

/// Lines of one paragraph joined by `<br>` (Discourse's default line breaks).
fn join_lines(lines: &[&str], users: &[User]) -> String {
    lines
        .iter()
        .map(|l| render(l, Flavor::Post(users)))
        .collect::<Vec<_>>()
        .join("<br>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users() -> Vec<User> {
        let user = |name: &str, group: Option<&str>| User {
            username: name.into(),
            name: None,
            admin: false,
            moderator: false,
            title: None,
            primary_group: group.map(Into::into),
        };
        vec![user("pat", None), user("host_bo", Some("organizers"))]
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(
            cook("one\ntwo\n\nthree <x>", &users()),
            "<p>one<br>\ntwo</p>\n<p>three &lt;x&gt;</p>"
        );
    }

    #[test]
    fn bbcode_quote_becomes_aside() {
        let html = cook(
            "[quote=\"pat, post:4, topic:701\"]\nis it allowed?\n[/quote]\n\nYes.",
            &users(),
        );
        assert!(
            html.starts_with("<aside class=\"quote no-group\" data-username=\"pat\" data-post=\"4\" data-topic=\"701\">\n<div class=\"title\">\n<div class=\"quote-controls\"></div>\n<img "),
            "{html}"
        );
        assert!(
            html.ends_with(" pat:</div>\n<blockquote>\n<p>is it allowed?</p>\n</blockquote>\n</aside>\n<p>Yes.</p>"),
            "{html}"
        );
        let grouped = cook(
            "[quote=\"host_bo, post:2, topic:9\"]\nx\n[/quote]",
            &users(),
        );
        assert!(
            grouped.starts_with("<aside class=\"quote group-organizers\""),
            "{grouped}"
        );
    }

    #[test]
    fn unclosed_quote_is_text() {
        assert_eq!(
            cook("[quote=\"pat\"]\nhello", &users()),
            "<p>[quote=&quot;pat&quot;]<br>\nhello</p>"
        );
    }

    #[test]
    fn lists_blockquotes_and_code() {
        assert_eq!(
            cook("Top:\n\n1. Lynx\n2. Owl\n\n- a\n- b", &users()),
            "<p>Top:</p>\n<ol>\n<li>Lynx</li>\n<li>Owl</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        );
        assert_eq!(
            cook("> quoted\n> more\n\nafter", &users()),
            "<blockquote>\n<p>quoted<br>\nmore</p>\n</blockquote>\n<p>after</p>"
        );
        assert_eq!(
            cook("```py\nx < 1\n```", &users()),
            "<pre><code class=\"lang-py\">x &lt; 1\n</code></pre>"
        );
    }
}
