//! The generative model of a case: hidden state, every observable channel, and the outcome.

pub mod case;
pub mod generate;
pub mod notes;

pub use crate::scenario::measure::{MeasureRules, Outcome};
pub use case::{Case, DriftState, Event, Hidden, Patient, SessionNote, Visible};
pub use generate::{generate, generate_case};
