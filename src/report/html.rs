//! The HTML view of a `Report`: one self-contained file (inline style and a
//! few lines of inline script for the filters, nothing fetched from
//! elsewhere). Every string from a forum or a document goes through maud's
//! escaping, so a post containing `<script>` renders as text; `code` spans in the
//! analysis's explanations become `<code>` only after that escaping.

use std::collections::BTreeSet;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{ClauseReport, Report, plural};
use crate::analysis::Status;

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;text-align:left}
.clause{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
.status{font-weight:bold;padding:.1em .5em;border-radius:4px;color:#fff}
.conflict{background:#b00020}.uncovered{background:#c75000}.partial{background:#a08000}.covered{background:#2e7d32}.informational{background:#777}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}.side>div{background:#f6f6f6;padding:.5em}
blockquote{margin:.4em 0;padding:.3em .8em;border-left:3px solid #ccc;background:#fafafa}
.meta{color:#555;font-size:90%}.terms{font-family:monospace;font-size:85%;color:#444}";

const SCRIPT: &str = "function rgFilter(){var s=document.getElementById('f-status').value,d=document.getElementById('f-doc').value;
document.querySelectorAll('.clause').forEach(function(e){e.style.display=((s===''||e.dataset.status===s)&&(d===''||e.dataset.doc===d))?'':'none';});}";

/// Unanswered questions listed before the rest are counted: a forum of many
/// thousand posts can hold more than a page can usefully show.
const MAX_QUESTIONS: usize = 500;

/// Renders `r` as one self-contained HTML page.
#[must_use]
pub fn render_html(r: &Report) -> String {
    let s = &r.summary;
    let ids: BTreeSet<&str> = r.clauses.iter().map(|c| c.id.as_str()).collect();
    let mut by_status: Vec<&ClauseReport> = r.clauses.iter().collect();
    // Stable: within a status, the report's order (highest risk first) is kept.
    by_status.sort_by_key(|c| Status::ALL.iter().position(|s| *s == c.status));
    let baseline = r.has_baseline();
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "rulegap report: " (r.competition) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { "rulegap report: " (r.competition) }
                p.meta {
                    "Generated " (r.generated_at.strftime("%Y-%m-%d %H:%M UTC").to_string())
                    " by rulegap " (r.provenance.rulegap_version) " · "
                    (plural(r.provenance.posts, "post")) ", " (r.provenance.official_posts) " official · "
                    (plural(r.provenance.failed_pages, "failed page"))
                }
                h2 { "Summary" }
                table {
                    tr { th { "status" } th { "clauses" } }
                    @for (st, n) in [(Status::Conflict, s.conflict), (Status::Uncovered, s.uncovered), (Status::Partial, s.partial), (Status::Covered, s.covered), (Status::Informational, s.informational)] {
                        tr { td { span class={"status " (st.as_str())} { (st.label()) } } td { (n) } }
                    }
                }
                h2 { "Documents" }
                ul {
                    @for d in &r.documents {
                        li { code { (d.id) } " v" (d.version) " (" (d.kind) "): " (d.title) " — " (link(&d.url)) }
                    }
                }
                h2 { "Clauses by status, then risk" }
                p {
                    label { "Status " select id="f-status" onchange="rgFilter()" {
                        option value="" { "all" }
                        @for st in Status::ALL { option value=(st.as_str()) { (st.label()) } }
                    } }
                    " "
                    label { "Document " select id="f-doc" onchange="rgFilter()" {
                        option value="" { "all" }
                        @for d in &r.documents { option value=(d.id) { (d.id) } }
                    } }
                }
                @for c in &by_status { (clause(c, baseline)) }
                h2 { "Unanswered participant questions (" (r.unanswered_questions.len()) ")" }
                @if r.unanswered_questions.is_empty() {
                    p { "None: every participant question on a rule topic got an official answer." }
                }
                ul {
                    @for q in r.unanswered_questions.iter().take(MAX_QUESTIONS) {
                        li {
                            (q.created_at.strftime("%Y-%m-%d").to_string()) " " b { (q.author) } " in " i { (q.thread) } ": "
                            blockquote { (q.text) }
                            "About: " @for id in &q.clauses { (clause_ref(id, &ids)) " " } " · " (link(&q.url))
                        }
                    }
                    @if r.unanswered_questions.len() > MAX_QUESTIONS {
                        li { "…and " (r.unanswered_questions.len() - MAX_QUESTIONS) " more (see " code { "--format json" } ")." }
                    }
                }
                @if !r.changed_clauses.is_empty() {
                    h2 { "Rule changes" }
                    ul {
                        @for ch in &r.changed_clauses {
                            li {
                                (clause_ref(&ch.id, &ids)) " " (ch.change) " (v" (ch.from_version) " → v" (ch.to_version) "): "
                                @if ch.announced_in.is_empty() { b { "not announced by any official post" } }
                                @else { "announced in " @for u in &ch.announced_in { (link(u)) " " } }
                                @if !ch.old_text.is_empty() { br; "was: " q { (ch.old_text) } }
                                @if !ch.new_text.is_empty() { br; "now: " q { (ch.new_text) } }
                            }
                        }
                    }
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    page.into_string()
}

fn clause(c: &ClauseReport, baseline: bool) -> Markup {
    let st = c.status.as_str();
    let label = c.status.label();
    html! {
        div.clause data-status=(st) data-doc=(c.document) id=(c.id) {
            p {
                span class={"status " (st)} { (label) } " "
                b { code { (c.id) } }
                @if !c.heading.trim().is_empty() { " — " (c.heading) }
                " · " (c.modality.as_str()) " · risk " (format!("{:.2}", c.risk))
                @if !c.new { " · known (baseline)" } @else if baseline { " · " b { "new" } }
            }
            @if c.status == Status::Conflict && !c.evidence.is_empty() {
                div.side {
                    div { b { "Clause" } blockquote { (c.text) } }
                    div { b { "Official statement" } blockquote { (c.evidence[0].snippet) }
                        p.meta { (c.evidence[0].author) " (" (c.evidence[0].role) ", " (c.evidence[0].created_at.strftime("%Y-%m-%d").to_string()) ") " (link(&c.evidence[0].url)) }
                        @if let Some(q) = c.evidence[0].reply_context() { p.meta { "replying to " (q.author) ": “" (q.excerpt) "” " (link(&q.url)) } } }
                }
            } @else {
                blockquote { (c.text) }
            }
            p { (code_spans(&c.explanation)) }
            @if !c.missing_concepts.is_empty() {
                p { "Missing: " @for m in &c.missing_concepts { code { (m) } " " } }
            }
            @if !c.related_clauses.is_empty() {
                p { "Related: " @for r in &c.related_clauses { a href={"#" (r.id)} { code { (r.id) } } " (" (r.relation) ") " } }
            }
            @if !c.evidence.is_empty() {
                ul {
                    @for e in &c.evidence {
                        li {
                            (e.author) " (" (e.role) ", " (e.created_at.strftime("%Y-%m-%d").to_string()) @if e.edited { ", edited" } "): "
                            "“" (e.snippet) "” " (link(&e.url))
                            @if let Some(q) = e.reply_context() { br; "replying to " (q.author) ": “" (q.excerpt) "” " (link(&q.url)) }
                            @if !e.matched_terms.is_empty() { br; span.terms { (e.matched_terms.join(", ")) } }
                        }
                    }
                }
            }
        }
    }
}

/// A clause id, linked to its entry when the report lists that clause.
fn clause_ref(id: &str, ids: &BTreeSet<&str>) -> Markup {
    if ids.contains(id) {
        html! { a href={"#" (id)} { code { (id) } } }
    } else {
        html! { code { (id) } }
    }
}

/// Text whose `` `x` `` pairs become `<code>x</code>`. The text is escaped first,
/// so only the `<code>` tags added here are markup; an unpaired backtick stays as is.
fn code_spans(text: &str) -> Markup {
    let escaped = html! { (text) }.into_string();
    let parts: Vec<&str> = escaped.split('`').collect();
    let mut out = String::with_capacity(escaped.len() + 16);
    let paired = parts.len() - (parts.len() + 1) % 2;
    for (i, part) in parts.iter().enumerate() {
        if i >= paired {
            out.push('`');
            out.push_str(part);
        } else if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    PreEscaped(out)
}

/// A link only for http(s) URLs; anything else (a `javascript:` URL from a hostile page, a file path) is plain text.
fn link(url: &str) -> Markup {
    if url.starts_with("https://") || url.starts_with("http://") {
        html! { a href=(url) rel="noopener noreferrer" { (url) } }
    } else {
        html! { code { (url) } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_escaped_then_marked() {
        assert_eq!(
            code_spans("limit (`team_size`) and `max` <b>").into_string(),
            "limit (<code>team_size</code>) and <code>max</code> &lt;b&gt;"
        );
        assert_eq!(
            code_spans("`<script>` then `x").into_string(),
            "<code>&lt;script&gt;</code> then `x"
        );
        assert_eq!(code_spans("plain").into_string(), "plain");
    }

    #[test]
    fn conflicts_first_linked_ids_and_headless_clauses() {
        let html = render_html(&super::super::sample());
        let conflict = html.find(r#"id="faq/4""#).unwrap();
        let uncovered = html.find(r#"id="faq/1""#).unwrap();
        assert!(
            conflict < uncovered,
            "the conflict is listed after a riskier uncovered clause"
        );
        assert!(
            html.contains("(<code>team_size</code>)"),
            "backticks shown literally"
        );
        assert!(!html.contains("`team_size`"));
        assert!(html.contains("was: <q>Teams of up to 4.</q>"), "{html}");
        assert!(
            html.contains("replying to pat: “Can we use faces from CC-BY videos?”"),
            "{html}"
        );
        // Never a verdict, in the summary table and the filter too.
        assert!(html.contains(r#"<span class="status conflict">possible conflict</span></td>"#));
        assert!(html.contains(r#"<option value="conflict">possible conflict</option>"#));
        assert!(
            html.contains("<b><code>faq/4</code></b> · obligation"),
            "empty heading dash"
        );
        assert!(html.contains("<b><code>faq/1</code></b> — Team · obligation"));
        assert_eq!(
            html.matches(r##"<a href="#faq/4"><code>faq/4</code></a>"##)
                .count(),
            2,
            "the question's and the change's clause ids link to the clause"
        );
    }
}
