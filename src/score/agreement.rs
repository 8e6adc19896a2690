//! Agreement of the trainee's Linden classification of unwanted events with the true class: the 4×4
//! confusion matrix, accuracy and Cohen's κ.
//!
//! κ corrects accuracy for the agreement expected by chance from the two sets of class frequencies, so
//! a trainee who calls everything "unrelated" in a scenario where most events are unrelated does not
//! look skilled.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::metric::{Metric, Undefined, serialize_entry};
use crate::scenario::format::LindenClass;

/// Number of Linden classes.
const CLASSES: usize = LindenClass::ALL.len();

/// Position of a class in [`LindenClass::ALL`], the order of the matrix rows and columns.
fn class_index(class: LindenClass) -> usize {
    match class {
        LindenClass::Unrelated => 0,
        LindenClass::SideEffect => 1,
        LindenClass::Malpractice => 2,
        LindenClass::Violation => 3,
    }
}

/// Counts of (true class, answer) pairs: rows are the true class, columns the trainee's answer, both in
/// the order of [`LindenClass::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConfusionMatrix {
    counts: [[u64; CLASSES]; CLASSES],
}

impl ConfusionMatrix {
    /// Counts the pairs (true class, answer).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (LindenClass, LindenClass)>) -> Self {
        let mut m = ConfusionMatrix::default();
        for (truth, answer) in pairs {
            m.add(truth, answer);
        }
        m
    }

    /// Adds one classified event.
    pub fn add(&mut self, truth: LindenClass, answer: LindenClass) {
        if let Some(c) = self
            .counts
            .get_mut(class_index(truth))
            .and_then(|row| row.get_mut(class_index(answer)))
        {
            *c += 1;
        }
    }

    /// Number of events of class `truth` answered as `answer`.
    pub fn count(&self, truth: LindenClass, answer: LindenClass) -> u64 {
        self.counts
            .get(class_index(truth))
            .and_then(|row| row.get(class_index(answer)))
            .copied()
            .unwrap_or(0)
    }

    /// The counts, rows = true class, columns = answer, in the order of [`LindenClass::ALL`].
    pub fn counts(&self) -> &[[u64; CLASSES]; CLASSES] {
        &self.counts
    }

    /// Number of classified events.
    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    fn agreed(&self) -> u64 {
        LindenClass::ALL.iter().map(|&c| self.count(c, c)).sum()
    }

    /// Share of events classified correctly; not defined without events.
    pub fn accuracy(&self) -> Metric {
        let n = self.total();
        if n == 0 {
            return Metric::Undefined(Undefined::NoCases);
        }
        Metric::finite(self.agreed() as f64 / n as f64)
    }

    /// Cohen's κ = (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e = Σ_k (row_k / n)
    /// (column_k / n) the agreement expected by chance. Not defined without events or when p_e = 1
    /// (truth and answers all one and the same class), which is decided on the integer counts, so no
    /// rounding can turn 0/0 into a number.
    pub fn kappa(&self) -> Metric {
        let n = self.total();
        if n == 0 {
            return Metric::Undefined(Undefined::NoCases);
        }
        let chance: u128 = LindenClass::ALL
            .iter()
            .map(|&k| {
                let row: u64 = LindenClass::ALL.iter().map(|&a| self.count(k, a)).sum();
                let column: u64 = LindenClass::ALL.iter().map(|&t| self.count(t, k)).sum();
                u128::from(row) * u128::from(column)
            })
            .sum();
        let n2 = u128::from(n) * u128::from(n);
        if chance >= n2 {
            return Metric::Undefined(Undefined::ChanceAgreementOne);
        }
        // κ = (n·agreed − chance) / (n² − chance), after multiplying p_o and p_e through by n².
        let numerator = (u128::from(n) * u128::from(self.agreed())) as f64 - chance as f64;
        Metric::finite(numerator / (n2 - chance) as f64)
    }
}

/// JSON: `{"classes": ["unrelated", …], "counts": [[…], …]}`, rows = true class.
impl Serialize for ConfusionMatrix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let classes: Vec<&str> = LindenClass::ALL.iter().map(|c| c.slug()).collect();
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("classes", &classes)?;
        map.serialize_entry("counts", &self.counts)?;
        map.end()
    }
}

/// The classification scores of a set of unwanted events.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassificationScores {
    /// Number of classified events.
    pub n: u64,
    /// Rows = true class, columns = answer.
    pub confusion: ConfusionMatrix,
    /// Share classified correctly.
    pub accuracy: Metric,
    /// Cohen's κ.
    pub kappa: Metric,
}

/// Scores (true class, answer) pairs.
pub fn classification_scores(
    pairs: impl IntoIterator<Item = (LindenClass, LindenClass)>,
) -> ClassificationScores {
    let confusion = ConfusionMatrix::from_pairs(pairs);
    ClassificationScores {
        n: confusion.total(),
        confusion,
        accuracy: confusion.accuracy(),
        kappa: confusion.kappa(),
    }
}

/// JSON: `n`, `confusion`, then `accuracy` and `kappa` as numbers or `null` with a reason.
impl Serialize for ClassificationScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("n", &self.n)?;
        map.serialize_entry("confusion", &self.confusion)?;
        serialize_entry(&mut map, "accuracy", &self.accuracy)?;
        serialize_entry(&mut map, "kappa", &self.kappa)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::metric::close;
    use LindenClass::*;

    fn repeat(pairs: &[((LindenClass, LindenClass), usize)]) -> Vec<(LindenClass, LindenClass)> {
        pairs
            .iter()
            .flat_map(|&(pair, times)| std::iter::repeat_n(pair, times))
            .collect()
    }

    #[test]
    fn kappa_published_example() {
        // Wikipedia, "Cohen's kappa", worked example: 50 proposals; both yes 20, A yes B no 5,
        // A no B yes 10, both no 15. p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
        // A = truth, B = answer; yes = Unrelated, no = SideEffect.
        let s = classification_scores(repeat(&[
            ((Unrelated, Unrelated), 20),
            ((Unrelated, SideEffect), 5),
            ((SideEffect, Unrelated), 10),
            ((SideEffect, SideEffect), 15),
        ]));
        assert_eq!(s.n, 50);
        close(s.accuracy, 0.7, 1e-12);
        close(s.kappa, 0.4, 1e-12);
    }

    #[test]
    fn kappa_four_classes_by_hand() {
        // Rows truth, columns answer (U, S, M, V):
        //   U [5 1 0 0]   S [1 3 1 0]   M [0 1 2 1]   V [0 0 0 1]
        // n = 16, agreed 5 + 3 + 2 + 1 = 11, p_o = 11/16. Rows 6, 5, 4, 1; columns 6, 5, 3, 2;
        // p_e = (36 + 25 + 12 + 2)/256 = 75/256. κ = (176 − 75)/(256 − 75) = 101/181 = 0.5580110.
        let s = classification_scores(repeat(&[
            ((Unrelated, Unrelated), 5),
            ((Unrelated, SideEffect), 1),
            ((SideEffect, Unrelated), 1),
            ((SideEffect, SideEffect), 3),
            ((SideEffect, Malpractice), 1),
            ((Malpractice, SideEffect), 1),
            ((Malpractice, Malpractice), 2),
            ((Malpractice, Violation), 1),
            ((Violation, Violation), 1),
        ]));
        close(s.accuracy, 11.0 / 16.0, 1e-12);
        close(s.kappa, 101.0 / 181.0, 1e-12);
        // Orientation: rows are the truth.
        assert_eq!(s.confusion.count(Malpractice, Violation), 1);
        assert_eq!(s.confusion.count(Violation, Malpractice), 0);
        assert_eq!(s.confusion.counts()[2], [0, 1, 2, 1]);
    }

    #[test]
    fn degenerate_input() {
        let s = classification_scores([]);
        assert_eq!(s.accuracy, Metric::Undefined(Undefined::NoCases));
        assert_eq!(s.kappa, Metric::Undefined(Undefined::NoCases));
        // All events and all answers one class: perfect accuracy, but p_e = 1 and κ is 0/0.
        let s = classification_scores(vec![(Violation, Violation); 3]);
        close(s.accuracy, 1.0, 1e-15);
        assert_eq!(s.kappa, Metric::Undefined(Undefined::ChanceAgreementOne));
        // One true class, answers vary: p_o = 2/3, p_e = (3·2)/9 = 2/3 < 1, κ = (2/3 − 2/3)/(1/3) = 0.
        let s = classification_scores([
            (Unrelated, Unrelated),
            (Unrelated, Unrelated),
            (Unrelated, Violation),
        ]);
        close(s.accuracy, 2.0 / 3.0, 1e-12);
        close(s.kappa, 0.0, 1e-12);
    }

    #[test]
    fn serialises_matrix_and_reasons() {
        let s = classification_scores([(SideEffect, SideEffect)]);
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(v["n"], 1);
        assert_eq!(v["accuracy"], 1.0);
        assert_eq!(v["kappa"], serde_json::Value::Null);
        assert_eq!(
            v["kappa_undefined"],
            "the agreement expected by chance is 1"
        );
        assert_eq!(v["confusion"]["classes"][1], "side_effect");
        assert_eq!(v["confusion"]["counts"][1][1], 1);
    }
}
