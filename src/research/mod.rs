//! Tools for scenario authors and researchers, beside the training itself: checking that a scenario
//! realises what it declares (`check`), writing simulated cases as tidy CSV (`export`), and reading
//! forecasts made elsewhere to score them with OnTrack's metrics (`forecasts_csv`), and the published
//! statistics a scenario's population must reproduce (`qualify`), and real session data held against a
//! scenario's simulated clients (`compare`, reading `trajectory_csv`).

pub mod check;
pub mod compare;
pub mod drift_spotting;
pub mod event_outcomes;
pub mod export;
pub mod forecasts_csv;
pub mod qualify;
pub mod ranking_study;
pub mod trajectory_csv;
