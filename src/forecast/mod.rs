//! The benchmark forecasters a trainee is read against: the floor (base rate), a normed early-warning
//! rule (actuarial), and the ceiling (the exact Bayes-optimal forecast). Each is a pure function of what
//! is visible at a checkpoint.

pub mod actuarial;
pub mod ideal;
mod regression;

use std::sync::OnceLock;

use serde::Serialize;

pub use actuarial::{Actuarial, Signal};
pub use ideal::Ideal;

use crate::model::Visible;
use crate::scenario::Scenario;

/// Who gave a forecast: the trainee, or one of the benchmark forecasters on the same cases. The one
/// name for "who forecast" in scores, tables, plots and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Forecaster {
    Trainee,
    Benchmark(Benchmark),
}

impl Forecaster {
    /// The trainee and the benchmarks, in the order tables pin them: trainee, then the best
    /// possible, the early-warning rule and the base rate.
    pub const ALL: [Forecaster; 4] = [
        Forecaster::Trainee,
        Forecaster::Benchmark(Benchmark::Ideal),
        Forecaster::Benchmark(Benchmark::Actuarial),
        Forecaster::Benchmark(Benchmark::BaseRate),
    ];

    /// The name used in CSV files, JSON and tables.
    pub fn slug(self) -> &'static str {
        match self {
            Forecaster::Trainee => "trainee",
            Forecaster::Benchmark(b) => b.slug(),
        }
    }
}

/// The benchmark forecasters. Declared in the alphabetical order of their names, so that maps keyed
/// by them list them as the tables and JSON always have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Benchmark {
    Actuarial,
    BaseRate,
    Ideal,
}

impl Benchmark {
    /// From the floor to the ceiling: base rate, early-warning rule, best possible.
    pub const ALL: [Benchmark; 3] = [Benchmark::BaseRate, Benchmark::Actuarial, Benchmark::Ideal];

    /// The name used in CSV files, JSON and tables.
    pub fn slug(self) -> &'static str {
        match self {
            Benchmark::BaseRate => "base_rate",
            Benchmark::Actuarial => "actuarial",
            Benchmark::Ideal => "ideal",
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
    pub fn forecast(&self, which: Benchmark, v: &Visible) -> f64 {
        match which {
            Benchmark::BaseRate => base_rate(self.scenario),
            Benchmark::Actuarial => self.actuarial().forecast(self.scenario, v),
            Benchmark::Ideal => self.ideal.forecast(self.scenario, v),
        }
    }
}

/// The base-rate forecast: the scenario's declared deterioration rate, whatever the case; in a
/// scenario that shows only flagged clients, the rate of that group (from the selection's norming
/// sample, since the declared rate is the whole population's).
pub fn base_rate(s: &Scenario) -> f64 {
    match s.selected_by {
        Some(_) => crate::model::selection_norm(s).base_rate,
        None => s.file.deterioration_rate.value,
    }
}
