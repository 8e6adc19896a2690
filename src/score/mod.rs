//! Scores of probability forecasts against outcomes (definitions in the design note `scoring.md`).

pub mod probability;

pub use probability::{auc, binned_reliability, brier};
