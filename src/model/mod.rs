//! The generative model of a case: hidden state, every observable channel, and the outcome.

pub mod case;
pub mod generate;
pub mod notes;
mod session_note;

pub use crate::scenario::measure::{MeasureRules, Outcome};
pub use case::{Case, Channel, DriftState, Event, Hidden, Patient, Seen, SessionNote, Visible};
pub use generate::{
    generate, generate_case, generate_population_case, norm_selection_with, selection_norm,
};
