//! The cross-document check (ANALYSIS.md §9): a clause that restricts a topic
//! (obligation or prohibition with a specific requirement) beside a clause of
//! another document that permits the same topic without that requirement.
//! Explicit references ("Section 2.8") become `references` relations.

use std::collections::BTreeMap;

use super::findings::{Related, Relation};
use super::frame::ClauseInfo;
use crate::model::Modality;

/// Relations of every clause id.
#[must_use]
pub(crate) fn relations(clauses: &[ClauseInfo<'_>]) -> BTreeMap<String, Vec<Related>> {
    let mut out: BTreeMap<String, Vec<Related>> = BTreeMap::new();
    for x in clauses {
        for r in &x.clause.refs {
            if r != &x.clause.id {
                out.entry(x.clause.id.clone()).or_default().push(Related {
                    id: r.clone(),
                    relation: Relation::References,
                });
            }
        }
        let restrictive = matches!(
            x.clause.modality,
            Modality::Obligation | Modality::Prohibition
        );
        if !restrictive || x.requirements.is_empty() || x.anchors.is_empty() {
            continue;
        }
        for y in clauses {
            if y.clause.doc == x.clause.doc || y.clause.modality != Modality::Permission {
                continue;
            }
            let same_topic = x.anchors.iter().any(|g| y.anchors.contains(g));
            let lacks = x.requirements.iter().any(|g| !y.groups.contains_key(g));
            if same_topic && lacks {
                out.entry(x.clause.id.clone()).or_default().push(Related {
                    id: y.clause.id.clone(),
                    relation: Relation::Permits,
                });
                out.entry(y.clause.id.clone()).or_default().push(Related {
                    id: x.clause.id.clone(),
                    relation: Relation::Restricts,
                });
            }
        }
    }
    // One entry per clause: a permits/restricts relation says more than a reference.
    for v in out.values_mut() {
        v.sort();
        v.dedup_by(|later, first| later.id == first.id);
    }
    out
}
