//! The benchmark forecasters a trainee is read against: the floor (base rate), a normed early-warning
//! rule (actuarial), and the ceiling (the exact Bayes-optimal forecast). Each is a pure function of what
//! is visible at a checkpoint.

pub mod actuarial;
pub mod ideal;

use std::sync::OnceLock;

use serde::Serialize;

pub use actuarial::{Actuarial, Signal};
pub use ideal::Ideal;

use crate::model::Visible;
use crate::scenario::Scenario;

/// The benchmark forecasters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Forecaster {
    BaseRate,
    Actuarial,
    Ideal,
}

impl Forecaster {
    pub const ALL: [Forecaster; 3] = [
        Forecaster::BaseRate,
        Forecaster::Actuarial,
        Forecaster::Ideal,
    ];

    /// The label used in CSV files and tables.
    pub fn slug(self) -> &'static str {
        match self {
            Forecaster::BaseRate => "base_rate",
            Forecaster::Actuarial => "actuarial",
            Forecaster::Ideal => "ideal",
        }
    }
}

/// The three benchmark forecasters of one scenario, prepared once. The actuarial rule is normed on a
/// simulation of 100 000 cases the first time it is needed.
pub struct Benchmarks<'a> {
    pub scenario: &'a Scenario,
    actuarial: OnceLock<Actuarial>,
    pub ideal: Ideal,
}

impl<'a> Benchmarks<'a> {
    pub fn new(scenario: &'a Scenario) -> Self {
        Benchmarks {
            scenario,
            actuarial: OnceLock::new(),
            ideal: Ideal::new(scenario),
        }
    }

    /// The benchmarks with an early-warning rule normed beforehand (the app norms it on another
    /// thread while the trainee reads, so the debrief does not wait for it).
    pub fn with_actuarial(scenario: &'a Scenario, actuarial: Actuarial) -> Self {
        Benchmarks {
            scenario,
            actuarial: OnceLock::from(actuarial),
            ideal: Ideal::new(scenario),
        }
    }

    /// The normed early-warning rule.
    pub fn actuarial(&self) -> &Actuarial {
        self.actuarial
            .get_or_init(|| Actuarial::norm(self.scenario))
    }

    /// The forecast of `which` for what is visible.
    pub fn forecast(&self, which: Forecaster, v: &Visible) -> f64 {
        match which {
            Forecaster::BaseRate => base_rate(self.scenario),
            Forecaster::Actuarial => self.actuarial().forecast(self.scenario, v),
            Forecaster::Ideal => self.ideal.forecast(self.scenario, v),
        }
    }
}

/// The base-rate forecast: the scenario's declared deterioration rate, whatever the case.
pub fn base_rate(s: &Scenario) -> f64 {
    s.file.deterioration_rate.value
}
