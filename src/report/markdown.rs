//! The Markdown view of a `Report`: summary, the findings by risk (possible
//! conflicts side by side), unanswered questions, rule changes, provenance.

use std::fmt::Write;

use super::{ClauseReport, Report, plural};
use crate::analysis::Status;

/// Clauses listed in full per status section before the rest are counted.
const MAX_LISTED: usize = 40;
/// Related clauses named on a clause's "Related:" line before the rest are counted.
const MAX_RELATED: usize = 8;
/// Unanswered questions listed before the rest are counted.
const MAX_QUESTIONS: usize = 50;

/// Renders `r` as Markdown.
#[must_use]
pub fn render_markdown(r: &Report) -> String {
    let mut o = String::new();
    let s = &r.summary;
    let _ = writeln!(o, "# rulegap report: {}\n", r.competition);
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("`{}` v{} ({})", d.id, d.version, d.kind))
        .collect();
    let _ = writeln!(
        o,
        "Documents: {}. Forum: {}, {} official.\n",
        docs.join(", "),
        plural(r.provenance.posts, "post"),
        r.provenance.official_posts
    );
    let _ = writeln!(o, "| status | clauses |\n|---|---|");
    for (st, n) in [
        (Status::Conflict, s.conflict),
        (Status::Uncovered, s.uncovered),
        (Status::Partial, s.partial),
        (Status::Covered, s.covered),
        (Status::Informational, s.informational),
    ] {
        let _ = writeln!(o, "| {} | {n} |", st.label());
    }
    o.push('\n');
    section(&mut o, r, Status::Conflict, "Possible conflicts");
    section(
        &mut o,
        r,
        Status::Uncovered,
        "Uncovered: no official post touches the topic",
    );
    section(
        &mut o,
        r,
        Status::Partial,
        "Partial: the topic was discussed, the specific requirement never",
    );
    section(&mut o, r, Status::Covered, "Covered");
    informational(&mut o, r);

    let _ = writeln!(
        o,
        "## Unanswered participant questions ({})\n",
        r.unanswered_questions.len()
    );
    if r.unanswered_questions.is_empty() {
        let _ = writeln!(
            o,
            "None: every participant question on a rule topic got an official answer."
        );
    }
    for q in r.unanswered_questions.iter().take(MAX_QUESTIONS) {
        let _ = writeln!(
            o,
            "- {} **{}** in _{}_: \"{}\" — about {} — {}",
            q.created_at.strftime("%Y-%m-%d"),
            cell(&q.author),
            cell(&q.thread),
            cell(&crate::query::head(&q.text, 200)),
            q.clauses
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", "),
            url(&q.url)
        );
    }
    if r.unanswered_questions.len() > MAX_QUESTIONS {
        let _ = writeln!(
            o,
            "- …and {} more (see `--format json` or `--format html`).",
            r.unanswered_questions.len() - MAX_QUESTIONS
        );
    }
    if !r.changed_clauses.is_empty() {
        let _ = writeln!(o, "\n## Rule changes ({})\n", r.changed_clauses.len());
        for c in &r.changed_clauses {
            let how = if c.announced_in.is_empty() {
                "**not announced by any official post**".to_owned()
            } else {
                format!(
                    "announced in {}",
                    c.announced_in
                        .iter()
                        .map(|u| url(u))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let _ = writeln!(
                o,
                "- `{}` {} (v{} → v{}): {how}",
                c.id, c.change, c.from_version, c.to_version
            );
            for (label, text) in [("was", &c.old_text), ("now", &c.new_text)] {
                if !text.is_empty() {
                    let _ = writeln!(o, "  - {label}: \"{}\"", cell(text));
                }
            }
        }
    }
    let p = &r.provenance;
    let _ = writeln!(
        o,
        "\n---\nrulegap {} · generated {} · last crawl {} · {} · risk = strength × status × participant interest × lateness",
        p.rulegap_version,
        r.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        p.last_crawl.map_or_else(
            || "never".to_owned(),
            |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string()
        ),
        plural(p.failed_pages, "failed page")
    );
    o
}

/// The clauses read as stating no rule, one line each, so a reader can check
/// that none of them is a rule the analysis missed.
fn informational(o: &mut String, r: &Report) {
    let list: Vec<&ClauseReport> = r
        .clauses
        .iter()
        .filter(|c| c.status == Status::Informational)
        .collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "## Informational: read as stating no rule, not judged ({})
",
        list.len()
    );
    for c in list.iter().take(MAX_LISTED) {
        let _ = writeln!(
            o,
            "- `{}`: \"{}\"",
            c.id,
            cell(&crate::query::head(&c.text, 160))
        );
    }
    if list.len() > MAX_LISTED {
        let _ = writeln!(
            o,
            "- …and {} more (see `--format json` or `--format html`).",
            list.len() - MAX_LISTED
        );
    }
    o.push('\n');
}

fn section(o: &mut String, r: &Report, status: Status, title: &str) {
    let list: Vec<&ClauseReport> = r.clauses.iter().filter(|c| c.status == status).collect();
    if list.is_empty() {
        return;
    }
    let _ = writeln!(o, "## {title} ({})\n", list.len());
    let baseline = r.has_baseline();
    for c in list.iter().take(MAX_LISTED) {
        clause(o, c, baseline);
    }
    if list.len() > MAX_LISTED {
        let _ = writeln!(
            o,
            "…and {} more (see `--format json` or `--format html`).\n",
            list.len() - MAX_LISTED
        );
    }
}

fn clause(o: &mut String, c: &ClauseReport, baseline: bool) {
    let new = match (c.new, baseline) {
        (false, _) => " · known (baseline)",
        (true, true) => " · **new**",
        (true, false) => "",
    };
    let heading = if c.heading.trim().is_empty() {
        String::new()
    } else {
        format!(" — {}", cell(&c.heading))
    };
    let _ = writeln!(
        o,
        "### `{}`{heading} · risk {:.2} · {}{new}\n",
        c.id, c.risk, c.modality
    );
    if c.status == Status::Conflict
        && let Some(e) = c.evidence.first()
    {
        let _ = writeln!(o, "| clause | official statement |\n|---|---|");
        let _ = writeln!(
            o,
            "| {} | \"{}\" — {} ({}, {}) {}{} |\n",
            cell(&c.text),
            cell(&e.snippet),
            cell(&e.author),
            e.role,
            e.created_at.strftime("%Y-%m-%d"),
            url(&e.url),
            replying(e),
        );
    } else {
        let _ = writeln!(o, "> {}\n", cell(&c.text));
    }
    let _ = writeln!(o, "{}", cell(&c.explanation));
    if !c.missing_concepts.is_empty() {
        let _ = writeln!(
            o,
            "\nMissing: {}",
            c.missing_concepts
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !c.related_clauses.is_empty() {
        let mut named: Vec<String> = c
            .related_clauses
            .iter()
            .take(MAX_RELATED)
            .map(|r| format!("`{}` ({})", r.id, r.relation))
            .collect();
        if c.related_clauses.len() > MAX_RELATED {
            named.push(format!(
                "and {} more",
                c.related_clauses.len() - MAX_RELATED
            ));
        }
        let _ = writeln!(o, "\nRelated: {}", named.join(", "));
    }
    let skip = usize::from(c.status == Status::Conflict);
    for e in c.evidence.iter().skip(skip).take(3) {
        let _ = writeln!(
            o,
            "\n- {} ({}, {}): \"{}\"{} {}{}",
            cell(&e.author),
            e.role,
            e.created_at.strftime("%Y-%m-%d"),
            cell(&e.snippet),
            if e.matched_terms.is_empty() {
                String::new()
            } else {
                format!(" [{}]", cell(&e.matched_terms.join(", ")))
            },
            url(&e.url),
            replying(e),
        );
    }
    o.push('\n');
}

/// " replying to pat: "…" <URL>" after a short answer, else nothing.
fn replying(e: &super::EvidenceReport) -> String {
    e.reply_context().map_or(String::new(), |q| {
        format!(
            " — replying to {}: \"{}\" {}",
            cell(&q.author),
            cell(&q.excerpt),
            url(&q.url)
        )
    })
}

/// `<URL>` for an http(s) address; `(no URL)` for an imported post that has none;
/// anything else (`javascript:…`, a file path) as inert code text, never a link.
fn url(u: &str) -> String {
    if u.trim().is_empty() {
        "(no URL)".to_owned()
    } else if !is_web_url(u) {
        let flat: String = u
            .chars()
            .map(|c| if c == '`' || c.is_control() { ' ' } else { c })
            .collect();
        format!("`{}` (not a web address)", flat.trim())
    } else {
        // An autolink ends at `>` and may not hold spaces.
        let safe = u
            .replace(' ', "%20")
            .replace('<', "%3C")
            .replace('>', "%3E");
        format!("<{safe}>")
    }
}

/// Whether `u` is an http:// or https:// address (scheme in any case).
fn is_web_url(u: &str) -> bool {
    let u = u.trim();
    ["http://", "https://"].iter().any(|scheme| {
        u.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
            && u.len() > scheme.len()
    })
}

/// Text from documents and posts, safe inside a table cell or a one-line item:
/// `|` escaped, one line, and no HTML tag a Markdown viewer would render
/// (`<script>` is written `\<script>`).
fn cell(s: &str) -> String {
    let one_line = s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::with_capacity(one_line.len());
    let mut chars = one_line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn informational_clauses_are_listed_one_line_each() {
        let mut r = super::super::sample();
        let mut info = r.clauses[0].clone();
        info.id = "rules/1.1".into();
        info.status = Status::Informational;
        info.text = "COMPETITION TITLE: Toy | Challenge".into();
        r.clauses.push(info);
        let md = render_markdown(&r);
        assert!(
            md.contains(
                "## Informational: read as stating no rule, not judged (1)\n\n- `rules/1.1`: \"COMPETITION TITLE: Toy \\| Challenge\"\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn many_questions_are_counted_after_the_first_fifty() {
        let mut r = super::super::sample();
        let q = r.unanswered_questions[0].clone();
        r.unanswered_questions = vec![q; MAX_QUESTIONS + 7];
        let md = render_markdown(&r);
        assert!(
            md.contains(&format!(
                "## Unanswered participant questions ({})",
                MAX_QUESTIONS + 7
            )),
            "{md}"
        );
        assert!(
            md.contains("- …and 7 more (see `--format json` or `--format html`)."),
            "{md}"
        );
        let html = super::super::render_html(&r);
        assert!(!html.contains("more (see"), "under the page's own limit");
    }

    #[test]
    fn headless_clause_related_line_and_missing_urls() {
        let md = render_markdown(&super::super::sample());
        // A short answer is shown with the question it answers.
        assert!(
            md.contains("— replying to pat: \"Can we use faces from CC-BY videos?\" <https://f.example/t/1/1>"),
            "{md}"
        );
        // Post text cannot inject HTML or break an autolink.
        assert_eq!(
            cell("<script>x</script> a < b | c"),
            "\\<script>x\\</script> a < b \\| c"
        );
        assert_eq!(url("http://e.x/a b<c>"), "<http://e.x/a%20b%3Cc%3E>");
        assert_eq!(url("HTTPS://e.x/a"), "<HTTPS://e.x/a>");
        // A rule change shows both wordings, verbatim.
        assert!(
            md.contains(
                "  - was: \"Teams of up to 4.\"\n  - now: \"Teams of up to 5 \\| or fewer.\"\n"
            ),
            "{md}"
        );
        assert!(
            md.contains("### `faq/4` · risk 0.50 · obligation\n"),
            "{md}"
        );
        assert!(md.contains("### `faq/1` — Team · risk"), "{md}");
        assert_eq!(md.matches("Related:").count(), 1, "{md}");
        assert!(
            md.contains("Related: `rules/0` (refers_to), ")
                && md.contains("`rules/7` (refers_to), and 11 more\n"),
            "{md}"
        );
        assert!(!md.contains("<>"), "an empty URL printed as <>: {md}");
        assert!(
            md.contains("(moderator, 2020-01-02) (no URL) — replying to"),
            "{md}"
        );
        assert!(md.contains("Forum: 1 post, 1 official."), "{md}");
        assert!(md.contains(" · 1 failed page · "), "{md}");
    }

    #[test]
    fn only_web_addresses_become_links() {
        for hostile in [
            "javascript:alert(3)",
            " JavaScript:alert(3)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "vbscript:x",
            "https://",
        ] {
            let out = url(hostile);
            assert!(!out.starts_with('<'), "{hostile}: {out}");
            assert!(out.ends_with("` (not a web address)"), "{hostile}: {out}");
        }
        assert_eq!(
            url("javascript:alert(`x`)\nmore"),
            "`javascript:alert( x ) more` (not a web address)"
        );
        let mut r = super::super::sample();
        for c in &mut r.clauses {
            for e in &mut c.evidence {
                e.url = "javascript:alert(3)".to_owned();
            }
        }
        let md = render_markdown(&r);
        assert!(!md.contains("<javascript:"), "{md}");
        assert!(
            md.contains("`javascript:alert(3)` (not a web address)"),
            "{md}"
        );
    }
}
