//! The lasting score shifts of unwanted events still to come (a bereavement, a crisis), as the finite
//! mixture of normals the calibration and the ideal forecaster integrate over.
//!
//! An event kind with a score shift can happen in any session (the loader allows no other condition
//! for it), with its rate per session, and at most once per case when it is marked `once`; the rate is
//! the same in every course (the loader refuses `course_rates` beside a shift). Both keep the shifts
//! still to come independent of the hidden state: a shift after drift or after a delivered element
//! would tie them to the drift hypotheses and the notes still to come. Over `R`
//! sessions still to come its number of occurrences C is Binomial(R, r), or Bernoulli(1 − (1 − r)^R)
//! for a once-only kind that has not happened yet, and the shifts it adds up to are Normal(C·μ, C·σ²)
//! given C. Kinds are independent, so the summed shift is a mixture over the combinations of counts.
//! Components below [`NEGLIGIBLE`] are dropped: all dropped mass together stays below 10⁻¹².

use super::format::EventKind;

/// One component of the mixture: with `probability`, the summed shift is Normal(mean, variance).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShiftComponent {
    pub probability: f64,
    pub mean: f64,
    pub variance: f64,
}

/// Components less likely than this are left out.
const NEGLIGIBLE: f64 = 1e-15;

/// The summed score shift of the events of the next `sessions_left` sessions, given which once-only
/// kinds of the catalogue `events` have `happened` already (by index).
pub fn future_shifts(
    events: &[EventKind],
    sessions_left: usize,
    happened: impl Fn(usize) -> bool,
) -> Vec<ShiftComponent> {
    let mut mixture = vec![ShiftComponent {
        probability: 1.0,
        mean: 0.0,
        variance: 0.0,
    }];
    for (k, event) in events.iter().enumerate() {
        let Some(shift) = &event.score_shift else {
            continue;
        };
        if event.once && happened(k) {
            continue;
        }
        let counts = occurrences(event.rate.value, sessions_left, event.once);
        let mut next = Vec::with_capacity(mixture.len() * counts.len());
        for part in &mixture {
            for (c, &p) in counts.iter().enumerate() {
                let probability = part.probability * p;
                if probability < NEGLIGIBLE {
                    continue;
                }
                next.push(ShiftComponent {
                    probability,
                    mean: part.mean + c as f64 * shift.mean,
                    variance: part.variance + c as f64 * shift.sd * shift.sd,
                });
            }
        }
        mixture = next;
    }
    mixture
}

/// P(C = c) for c = 0, 1, …: Binomial(sessions, rate), or at most one occurrence when `once`.
fn occurrences(rate: f64, sessions: usize, once: bool) -> Vec<f64> {
    let rate = rate.clamp(0.0, 1.0);
    let none = (1.0 - rate).powi(sessions as i32);
    if once {
        return vec![none, 1.0 - none];
    }
    if rate >= 1.0 {
        let mut certain = vec![0.0; sessions + 1];
        if let Some(last) = certain.last_mut() {
            *last = 1.0;
        }
        return certain;
    }
    let mut pmf = Vec::with_capacity(sessions + 1);
    let mut p = none;
    for c in 0..=sessions {
        pmf.push(p);
        p *= (sessions - c) as f64 / (c + 1) as f64 * rate / (1.0 - rate);
    }
    pmf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_binomial() {
        // Binomial(3, 0.2): 0.512, 0.384, 0.096, 0.008.
        let pmf = occurrences(0.2, 3, false);
        for (got, want) in pmf.iter().zip([0.512, 0.384, 0.096, 0.008]) {
            assert!((got - want).abs() < 1e-15, "{pmf:?}");
        }
        // Once only over 3 sessions: none 0.512, once 0.488.
        assert_eq!(occurrences(0.2, 3, true).len(), 2);
        assert!((occurrences(0.2, 3, true)[1] - 0.488).abs() < 1e-15);
        assert_eq!(occurrences(0.2, 0, false), vec![1.0]);
    }

    #[test]
    fn the_mixture_of_one_kind() {
        let mut text = include_str!("../../tests/scenarios/minimal.ron").to_string();
        // The one event of the minimal scenario that can happen in any session ("job") gets a
        // shift of N(6, 2²), once only.
        text = text.replace(
            "condition: Always)",
            "condition: Always, once: true, score_shift: Some((mean: 6, sd: 2, source: \"choice\")))",
        );
        let s = crate::scenario::parse("shifts", &text).expect("valid");
        let job = 0;
        assert!(s.file.events[job].score_shift.is_some());
        let rate = s.file.events[job].rate.value;
        let mixture = future_shifts(&s.file.events, 4, |_| false);
        assert_eq!(mixture.len(), 2);
        let none = (1.0 - rate).powi(4);
        assert!((mixture[0].probability - none).abs() < 1e-15);
        assert!((mixture[1].probability - (1.0 - none)).abs() < 1e-15);
        assert_eq!((mixture[1].mean, mixture[1].variance), (6.0, 4.0));
        // Once it has happened, nothing is left to come: one component, no shift.
        let done = future_shifts(&s.file.events, 4, |k| k == job);
        assert_eq!(done.len(), 1);
        assert_eq!(done[0].probability, 1.0);
    }
}
