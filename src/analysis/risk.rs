//! The risk score in [0, 1] that orders the report: normative strength ×
//! status × how much participants asked about the topic × how late the first
//! clarification came (ANALYSIS.md, issue 6).

use jiff::Timestamp;

use super::findings::{Evidence, Status};
use crate::model::Modality;

/// What the score is computed from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RiskInput<'a> {
    /// The clause's modality.
    pub(crate) modality: Modality,
    /// Whether the clause names specific requirements.
    pub(crate) has_requirements: bool,
    /// Its status.
    pub(crate) status: Status,
    /// Participant questions on its topics.
    pub(crate) questions: usize,
    /// Cited posts.
    pub(crate) evidence: &'a [Evidence],
    /// First and last post of the forum.
    pub(crate) span: Option<(Timestamp, Timestamp)>,
    /// Whether another document permits what this clause restricts.
    pub(crate) restricted_elsewhere: bool,
}

/// The score, rounded to three decimals.
#[must_use]
pub(crate) fn score(r: &RiskInput<'_>) -> f64 {
    let strength = match r.modality {
        Modality::Prohibition => 1.0,
        Modality::Obligation => 0.95,
        Modality::Permission if r.has_requirements => 0.8,
        Modality::Exemption => 0.6,
        Modality::Permission => 0.5,
        Modality::Informational => return 0.0,
    };
    let status = match r.status {
        Status::Conflict => 1.0,
        Status::Uncovered => 0.85,
        Status::Partial => 0.65,
        Status::Covered => 0.2,
        Status::Informational => return 0.0,
    };
    let interest = 0.6 + 0.4 * (r.questions as f64 / 3.0).min(1.0);
    let lateness = match (r.status, r.span, r.evidence.iter().map(|e| e.post.created_at).min()) {
        (Status::Uncovered, ..) => 1.0,
        (_, Some((start, end)), Some(first)) if end > start => {
            let total = (end - start).get_seconds() as f64;
            let late = (first - start).get_seconds() as f64;
            0.7 + 0.3 * (late / total).clamp(0.0, 1.0)
        }
        _ => 0.85,
    };
    let elsewhere = if r.restricted_elsewhere { 1.0 } else { 0.9 };
    let v: f64 = strength * status * interest * lateness * elsewhere;
    (v.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
