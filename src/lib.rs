//! OnTrack: a calibration simulator for psychotherapists.
//!
//! The core draws fictional cases from a generative model whose parameters are research base rates
//! (declared with their sources in scenario files), and scores forecasts of deterioration against
//! benchmark forecasters, up to the exact Bayes-optimal one. It has no GUI dependency, so it builds and
//! tests in seconds; the bevy app (feature `gui`) is a thin layer over it.

#[cfg(feature = "gui")]
pub mod app;
pub mod cohort;
pub mod debrief;
pub mod files;
pub mod forecast;
pub mod i18n;
pub mod launch;
pub mod live;
pub mod model;
pub mod parallel;
pub mod research;
pub mod run;
pub mod scenario;
pub mod score;
pub mod stats;
pub mod teach;
pub mod text_table;
