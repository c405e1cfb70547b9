//! Cross-references between clauses (ANALYSIS.md §2): "Section 2.8",
//! "Sections 2.6.a and 2.6.b", "Section 2.8.a of the Competition Rules", and
//! named targets ("Winner's Obligations", "the documentation requirements",
//! "the Data License Agreement", "the FAQ") resolved to clause ids across the
//! competition's documents. Pure: the caller passes every clause it knows.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Clause, DocKind};

/// At most this many clause ids per reference (a whole section or document).
pub const MAX_TARGETS_PER_REF: usize = 20;

static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sections?|§§?|clauses?|paragraphs?)\s+(\d+(?:\.\d+)*(?:\.[a-z])?(?:\.\d+)?(?:\s*(?:,|and|or|&)\s*\d+(?:\.\d+)*(?:\.[a-z])?)*)").expect("regex")
});
static OF_RULES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:\(\w[^)]*\)\s*)?of\s+(?:the|these)\s+(?:competition\s+|official\s+)?rules",
    )
    .expect("regex")
});
static ONE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:\.\d+)*(?:\.[a-z])?(?:\.\d+)?").expect("regex"));

/// A named target and the documents or headings it points at.
struct Named {
    re: Regex,
    kind: Option<DocKind>,
    heading: Option<Regex>,
}

static NAMED: LazyLock<Vec<Named>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).expect("regex");
    vec![
        Named {
            re: r(r"(?i)\bwinners?(?:'s|s'|’s|s’)?\s+obligations\b"),
            kind: Some(DocKind::Rules),
            heading: Some(r(r"(?i)winners?\W*s?\W*\s+obligations")),
        },
        Named {
            re: r(
                r"(?i)\b(?:documentation (?:requirements|guidelines)|winning (?:model|solution|submission) documentation)\b",
            ),
            kind: Some(DocKind::Documentation),
            heading: None,
        },
        Named {
            re: r(r"(?i)\bdata licen[cs]e agreement\b"),
            kind: Some(DocKind::License),
            heading: None,
        },
        Named {
            re: r(r"(?i)\b(?:frequently asked questions|the faq)\b"),
            kind: Some(DocKind::Faq),
            heading: None,
        },
    ]
});

/// A reference as written, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefTarget {
    /// A numbered section or item; `rules` when the text says "of the Rules".
    Path {
        /// The path, e.g. `2.8` or `2.6.a`.
        path: String,
        /// The reference names the competition rules explicitly.
        rules: bool,
    },
    /// A named target (index into the named-target table).
    Named(usize),
}

/// The references written in `text`, in order.
#[must_use]
pub fn find_refs(text: &str) -> Vec<RefTarget> {
    let mut out = Vec::new();
    for c in SECTION.captures_iter(text) {
        let whole = c.get(0).map_or(text.len(), |m| m.end());
        let rules = OF_RULES.is_match(&text[whole..]);
        for m in ONE_REF.find_iter(&c[1]) {
            out.push(RefTarget::Path {
                path: m.as_str().to_owned(),
                rules,
            });
        }
    }
    for (i, n) in NAMED.iter().enumerate() {
        if n.re.is_match(text) {
            out.push(RefTarget::Named(i));
        }
    }
    out
}

/// Fills `refs` of every clause from its text, resolving against all `clauses`
/// (the newest versions of a competition's documents) and their document kinds.
pub fn resolve_refs(clauses: &mut [Clause], kinds: &[(String, DocKind)]) {
    let snapshot: Vec<(String, String, String, Vec<String>)> = clauses
        .iter()
        .map(|c| {
            (
                c.doc.clone(),
                c.path.clone(),
                c.id.clone(),
                c.heading.clone(),
            )
        })
        .collect();
    let doc_of_kind = |k: DocKind| {
        kinds
            .iter()
            .find(|(id, kind)| *kind == k && id == k.as_str())
            .or_else(|| kinds.iter().find(|(_, kind)| *kind == k))
            .map(|(id, _)| id.clone())
    };
    let rules_doc = doc_of_kind(DocKind::Rules);
    for clause in clauses.iter_mut() {
        let mut refs: Vec<String> = Vec::new();
        for r in find_refs(&clause.text) {
            let targets: Vec<String> = match r {
                RefTarget::Path { path, rules } => {
                    let own = (!rules).then_some(clause.doc.as_str());
                    let in_doc = |doc: &str| section_clauses(&snapshot, doc, &path);
                    let mut t = own.map(in_doc).unwrap_or_default();
                    if t.is_empty()
                        && let Some(rd) = &rules_doc
                    {
                        t = in_doc(rd);
                    }
                    // "this Section 2.6" inside 2.6.a points at its own section.
                    if clause.path == path || clause.path.starts_with(&format!("{path}.")) {
                        t.retain(|id| id.as_str() != clause.id);
                        if own == Some(clause.doc.as_str()) {
                            t.clear();
                        }
                    }
                    t
                }
                RefTarget::Named(i) => {
                    named_clauses(&snapshot, &NAMED[i], &doc_of_kind, &clause.doc)
                }
            };
            refs.extend(targets);
        }
        let mut seen = HashSet::new();
        refs.retain(|id| *id != clause.id && seen.insert(id.clone()));
        clause.refs = refs;
    }
}

fn section_clauses(
    all: &[(String, String, String, Vec<String>)],
    doc: &str,
    path: &str,
) -> Vec<String> {
    if let Some((_, _, id, _)) = all.iter().find(|(d, p, _, _)| d == doc && p == path) {
        return vec![id.clone()];
    }
    let prefixes = [format!("{path}."), format!("{path}-")];
    all.iter()
        .filter(|(d, p, _, _)| d == doc && prefixes.iter().any(|pre| p.starts_with(pre.as_str())))
        .take(MAX_TARGETS_PER_REF)
        .map(|(_, _, id, _)| id.clone())
        .collect()
}

fn named_clauses(
    all: &[(String, String, String, Vec<String>)],
    named: &Named,
    doc_of_kind: &dyn Fn(DocKind) -> Option<String>,
    own_doc: &str,
) -> Vec<String> {
    let Some(doc) = named.kind.and_then(doc_of_kind) else {
        return Vec::new();
    };
    if doc == own_doc && named.heading.is_none() {
        return Vec::new();
    }
    all.iter()
        .filter(|(d, _, _, h)| {
            *d == doc
                && named
                    .heading
                    .as_ref()
                    .is_none_or(|re| h.iter().any(|x| re.is_match(x)))
        })
        .take(MAX_TARGETS_PER_REF)
        .map(|(_, _, id, _)| id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_section_lists() {
        let refs = find_refs(
            "subject to Sections 2.6.a and 2.6.b, and Section 2.8 of the Competition Rules",
        );
        assert_eq!(
            refs,
            vec![
                RefTarget::Path {
                    path: "2.6.a".into(),
                    rules: false
                },
                RefTarget::Path {
                    path: "2.6.b".into(),
                    rules: false
                },
                RefTarget::Path {
                    path: "2.8".into(),
                    rules: true
                },
            ]
        );
    }
}
