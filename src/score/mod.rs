//! Scores of a trainee's answers against the cases' truth (definitions in the design note `scoring.md`):
//! probability forecasts, drift spotting and the classification of unwanted events.
//!
//! Pure maths, no I/O. Every metric is a [`Metric`]: a number, or the reason it is not defined on these
//! cases (one case, all outcomes equal, no drift case, …), so a degenerate run never yields NaN or a
//! panic; in JSON an undefined metric is `null` with a `<name>_undefined` reason beside it.
//!
//! # Example
//!
//! ```
//! use ontrack::score::{Reference, probability_scores};
//!
//! let s = probability_scores(
//!     &[0.2, 0.2, 0.8, 0.8],
//!     &[false, true, true, true],
//!     Reference::BaseRate(0.75),
//!     42,
//! );
//! assert!((s.brier.value().unwrap_or(f64::NAN) - 0.19).abs() < 1e-12);
//! ```

pub mod agreement;
mod binomial_draw;
pub mod bootstrap;
pub mod calibration;
pub mod detection;
pub mod judgement;
pub mod metric;
pub mod probability;
pub mod ranking;
pub mod summary;

pub use agreement::{ClassificationScores, ConfusionMatrix, classification_scores};
pub use bootstrap::{Interval, auc_interval, brier_interval, content_seed};
pub use calibration::{
    Decomposition, ReliabilityBin, bin_of, binned_reliability, murphy_decomposition,
    reliability_diagram,
};
pub use detection::{DetectionScores, DriftCase, Flag, detection_scores};
pub use judgement::{AgainstBest, JudgementScores, judgement_scores, judgement_seed};
pub use metric::{Metric, Undefined};
pub use probability::{
    Reference, auc, brier, brier_skill, calibration_in_the_large, log_score, reference_brier,
};
pub use ranking::{Measured, RankingReliability, measured, ranking_reliability, tiers};
pub use summary::{ProbabilityScores, probability_scores, probability_scores_without_intervals};
