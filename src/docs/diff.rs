//! Differences between two versions of a document's clauses: added, removed
//! and modified clauses, matched by id and by text similarity so that
//! renumbering (a clause moving from 2.4.d to 2.4.e with the same words) is
//! reported as a move, not as a rewrite. Pure; the report reuses it for
//! "changed clauses".

use serde::Serialize;

use crate::model::Clause;

/// Same id and at least this similar: the clause was modified.
pub const SAME_ID_MIN_SIMILARITY: f64 = 0.3;
/// Different ids and at least this similar: the clause moved (and perhaps changed).
pub const MOVED_MIN_SIMILARITY: f64 = 0.6;

/// How a clause changed between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
    /// In both, with different text.
    Modified,
    /// Same text under a new id (renumbering); not a change of content.
    Moved,
}

/// One changed clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseChange {
    /// The clause id in the newer version (the older one for removals).
    pub id: String,
    /// What happened.
    pub change: ChangeKind,
    /// Its id in the older version, when it existed there.
    pub from_id: Option<String>,
    /// Its text in the older version.
    pub from_text: Option<String>,
    /// Its text in the newer version.
    pub to_text: Option<String>,
    /// Word similarity of the two texts (1.0 = same words), for modified and moved clauses.
    pub similarity: Option<f64>,
}

/// The changed clauses of one document between two of its versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentChanges {
    /// The document id.
    pub doc: String,
    /// The older version.
    pub from_version: u32,
    /// The newer version.
    pub to_version: u32,
    /// What changed (moves included; the report skips them).
    pub changes: Vec<ClauseChange>,
}

/// The changes from `old` to `new` (clauses of two versions of one document),
/// in the newer version's order, removals last.
#[must_use]
pub fn diff_clauses(old: &[Clause], new: &[Clause]) -> Vec<ClauseChange> {
    let mut old_used = vec![false; old.len()];
    let mut pair: Vec<Option<usize>> = vec![None; new.len()];
    let norm_old: Vec<String> = old.iter().map(|c| norm(&c.text)).collect();
    let norm_new: Vec<String> = new.iter().map(|c| norm(&c.text)).collect();
    // 1. Same id and same text; 2. same text elsewhere (moved).
    for same_id in [true, false] {
        for (j, n) in new.iter().enumerate() {
            if pair[j].is_some() {
                continue;
            }
            if let Some(i) = (0..old.len()).find(|&i| {
                !old_used[i] && norm_old[i] == norm_new[j] && (!same_id || old[i].id == n.id)
            }) {
                old_used[i] = true;
                pair[j] = Some(i);
            }
        }
    }
    // 3. Same id, similar enough.
    for (j, n) in new.iter().enumerate() {
        if pair[j].is_some() {
            continue;
        }
        if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && old[i].id == n.id)
            && similarity(&norm_old[i], &norm_new[j]) >= SAME_ID_MIN_SIMILARITY
        {
            old_used[i] = true;
            pair[j] = Some(i);
        }
    }
    // 4. Best similar clause under another id.
    for j in 0..new.len() {
        if pair[j].is_some() {
            continue;
        }
        let best = (0..old.len())
            .filter(|&i| !old_used[i])
            .map(|i| (i, similarity(&norm_old[i], &norm_new[j])))
            .filter(|&(_, s)| s >= MOVED_MIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = best {
            old_used[i] = true;
            pair[j] = Some(i);
        }
    }
    let mut out = Vec::new();
    for (j, n) in new.iter().enumerate() {
        match pair[j] {
            None => out.push(ClauseChange {
                id: n.id.clone(),
                change: ChangeKind::Added,
                from_id: None,
                from_text: None,
                to_text: Some(n.text.clone()),
                similarity: None,
            }),
            Some(i) => {
                let o = &old[i];
                let same_text = norm_old[i] == norm_new[j];
                if same_text && o.id == n.id {
                    continue;
                }
                out.push(ClauseChange {
                    id: n.id.clone(),
                    change: if same_text {
                        ChangeKind::Moved
                    } else {
                        ChangeKind::Modified
                    },
                    from_id: Some(o.id.clone()),
                    from_text: Some(o.text.clone()),
                    to_text: Some(n.text.clone()),
                    similarity: Some(similarity(&norm_old[i], &norm_new[j])),
                });
            }
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !old_used[i] {
            out.push(ClauseChange {
                id: o.id.clone(),
                change: ChangeKind::Removed,
                from_id: Some(o.id.clone()),
                from_text: Some(o.text.clone()),
                to_text: None,
                similarity: None,
            });
        }
    }
    out
}

fn word_counts(s: &str) -> std::collections::HashMap<&str, usize> {
    let mut m = std::collections::HashMap::new();
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        *m.entry(w).or_default() += 1;
    }
    m
}

fn norm(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Dice coefficient over the two texts' word multisets (1.0 = same words).
#[must_use]
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ca, cb) = (word_counts(a), word_counts(b));
    let total: usize = ca.values().sum::<usize>() + cb.values().sum::<usize>();
    if total == 0 {
        return 1.0;
    }
    let common: usize = ca
        .iter()
        .map(|(w, n)| (*n).min(*cb.get(w).unwrap_or(&0)))
        .sum();
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let s = 2.0 * common as f64 / total as f64;
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;

    fn c(id: &str, text: &str) -> Clause {
        Clause {
            id: format!("rules/{id}"),
            doc: "rules".into(),
            competition: "c".into(),
            version: 1,
            path: id.into(),
            heading: vec![],
            text: text.into(),
            modality: Modality::Informational,
            cues: vec![],
            conditions: vec![],
            exceptions: vec![],
            topics: vec![],
            concepts: vec![],
            refs: vec![],
        }
    }

    #[test]
    fn renumbering_is_a_move_and_edits_are_modifications() {
        let old = [
            c("2.4.a", "You may use the data."),
            c("2.4.b", "You must protect the data."),
            c("2.2.a", "You may submit five (5) Submissions per day."),
        ];
        let new = [
            c("2.4.a", "You may use the data."),
            c("2.4.b", "You must not use test images for training."),
            c("2.4.c", "You must protect the data."),
            c("2.2.a", "You may submit eight (8) Submissions per day."),
        ];
        let d = diff_clauses(&old, &new);
        let kinds: Vec<(&str, ChangeKind)> = d.iter().map(|x| (x.id.as_str(), x.change)).collect();
        assert_eq!(
            kinds,
            vec![
                ("rules/2.4.b", ChangeKind::Added),
                ("rules/2.4.c", ChangeKind::Moved),
                ("rules/2.2.a", ChangeKind::Modified),
            ]
        );
    }
}
