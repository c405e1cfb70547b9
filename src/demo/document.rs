//! An official document's markdown to the HTML page the demo server serves
//! at `/docs/{competition}/{name}`, so `rulegap doc add URL` meets a real web
//! page. Headings become `h1`–`h6`; numbered lines (`1.`, `2.3`, `1.1`, `a.`,
//! `(i)`) and `-`/`*` bullets become list items that keep their literal
//! numbering text (hidden list markers, so a browser shows it once); the rest
//! are paragraphs with inline markup.

use super::inline::{Flavor, escape, render};

/// The complete HTML page for a document.
pub(crate) fn page(markdown: &str) -> String {
    let title = markdown
        .lines()
        .find_map(|l| l.trim().strip_prefix("# "))
        .unwrap_or("Document");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n<main class=\"document\">\n{}\n</main>\n</body>\n</html>\n",
        escape(title.trim()),
        body(markdown)
    )
}

/// The body HTML: one block per line group.
fn body(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().map(str::trim).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.is_empty() {
            i += 1;
        } else if let Some((level, text)) = heading(line) {
            out.push(format!(
                "<h{level}>{}</h{level}>",
                render(text, Flavor::Document)
            ));
            i += 1;
        } else if let Some((ordered, _)) = item(line) {
            let (html, used) = list(&lines[i..], ordered);
            out.push(html);
            i += used;
        } else {
            let n = lines[i..]
                .iter()
                .take_while(|l| !l.is_empty() && heading(l).is_none() && item(l).is_none())
                .count()
                .max(1);
            let text: Vec<String> = lines[i..i + n]
                .iter()
                .map(|l| render(l, Flavor::Document))
                .collect();
            out.push(format!("<p>{}</p>", text.join("\n")));
            i += n;
        }
    }
    out.join("\n")
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let text = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, text.trim()))
}

/// A list item line: (ordered, text without a bullet; numbering kept).
fn item(line: &str) -> Option<(bool, &str)> {
    if let Some(text) = ["- ", "* ", "+ "].iter().find_map(|m| line.strip_prefix(m)) {
        return Some((false, text));
    }
    let (marker, rest) = line.split_once(' ')?;
    let numbered = is_number(marker.strip_suffix('.').unwrap_or(marker))
        && (marker.ends_with('.') || marker.contains('.'));
    let lettered = marker.len() == 2
        && marker.ends_with('.')
        && marker.starts_with(|c: char| c.is_ascii_alphabetic());
    let parenthesised = marker.len() > 2
        && marker.starts_with('(')
        && marker.ends_with(')')
        && marker[1..marker.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    (!rest.trim().is_empty() && (numbered || lettered || parenthesised)).then_some((true, line))
}

/// `1`, `2.3`, `10.1.4`: digits separated by single dots.
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

/// Consecutive items of one kind, with lazy continuation lines; (html, lines used).
fn list(lines: &[&str], ordered: bool) -> (String, usize) {
    let mut items: Vec<Vec<&str>> = Vec::new();
    let mut used = 0;
    for line in lines {
        match item(line) {
            Some((o, text)) if o == ordered => items.push(vec![text]),
            None if !line.is_empty() && heading(line).is_none() => {
                if let Some(last) = items.last_mut() {
                    last.push(line);
                }
            }
            _ => break,
        }
        used += 1;
    }
    let (open, close) = if ordered {
        ("<ol style=\"list-style-type: none\">", "</ol>")
    } else {
        ("<ul>", "</ul>")
    };
    let body: Vec<String> = items
        .iter()
        .map(|it| format!("<li>{}</li>", render(&it.join(" "), Flavor::Document)))
        .collect();
    (format!("{open}\n{}\n{close}", body.join("\n")), used.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_text_stays_visible() {
        let html = body(
            "## 2.1 Team Limits\n\na. The maximum Team size is five (5).\nb. Mergers are **allowed**.\n\n1.1 Title: X\n10. Ten",
        );
        assert_eq!(
            html,
            "<h2>2.1 Team Limits</h2>\n<ol style=\"list-style-type: none\">\n<li>a. The maximum Team size is five (5).</li>\n<li>b. Mergers are <strong>allowed</strong>.</li>\n</ol>\n<ol style=\"list-style-type: none\">\n<li>1.1 Title: X</li>\n<li>10. Ten</li>\n</ol>"
        );
    }

    #[test]
    fn paragraphs_and_title() {
        let html = page("# Rules & More\n\nVersion 1, published\nJanuary 5.\n\n- one\n- two");
        assert!(html.contains("<title>Rules &amp; More</title>"), "{html}");
        assert!(html.contains("<h1>Rules &amp; More</h1>\n<p>Version 1, published\nJanuary 5.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), "{html}");
    }

    #[test]
    fn item_markers() {
        assert!(item("2026 was a good year.").is_none());
        // A known limit: a sentence opening with an initial reads as a lettered item.
        assert!(item("A. Smith said so").is_some());
        assert!(item("(iv) fourth").is_some());
    }
}
