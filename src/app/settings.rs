//! What the user sets for the whole app, on every screen (language, text size, colours), and the
//! interface's texts in the chosen language.

use crate::scenario::Lang;

use super::theme::Palette;

use crate::debrief::show;
use crate::forecast::Benchmark;
use crate::i18n::Texts;

/// The settings bar's choices, kept apart from the run so a screen can show texts while it changes
/// the run.
pub struct Settings {
    pub texts: Texts,
    pub lang: Lang,
    /// Text size as a factor of the normal size.
    pub text_scale: f32,
    /// Light, dark or high-contrast colours.
    pub palette: Palette,
}

impl Settings {
    /// Normal text and colours in `lang`.
    pub fn new(lang: Lang) -> Self {
        Settings {
            texts: Texts::default(),
            lang,
            text_scale: 1.0,
            palette: Palette::default(),
        }
    }

    /// The texts in the current language, borrowed apart from the rest of the state.
    pub fn tr(&self) -> Tr<'_> {
        Tr {
            texts: &self.texts,
            lang: self.lang,
        }
    }
}

/// The texts in one language, borrowed apart from the rest of the state so a screen can show texts
/// while it changes other fields.
pub struct Tr<'a> {
    pub texts: &'a Texts,
    pub lang: Lang,
}

impl Tr<'_> {
    /// The text of `key` (the key itself when it is missing, so a gap shows instead of crashing).
    pub fn t(&self, key: &str) -> String {
        self.texts.get(self.lang, key)
    }

    /// The text of `key` with `args` filled in (Fluent picks plurals and word order per language).
    pub fn fmt(&self, key: &str, args: &[(&str, fluent_bundle::FluentValue)]) -> String {
        self.texts.fmt(self.lang, key, args)
    }

    /// A measure with `decimals` decimals, or "—" when it is not defined.
    pub fn metric(&self, m: &crate::score::Metric, decimals: usize) -> String {
        show::metric(m, decimals, self.lang, "—")
    }

    /// A number with `decimals` decimals, with a decimal comma in Dutch.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        show::number(value, decimals, self.lang)
    }

    /// A score or rating as the measure gives it: whole numbers bare, others with one decimal
    /// (a comma in Dutch).
    pub fn score(&self, value: f64) -> String {
        let decimals = if value.fract() == 0.0 { 0 } else { 1 };
        self.number(value, decimals)
    }

    /// A change of a score, with its sign ("+3", "−2,5").
    pub fn change(&self, value: f64) -> String {
        let sign = if value > 0.0 {
            "+"
        } else if value < 0.0 {
            "−"
        } else {
            "±"
        };
        format!("{sign}{}", self.score(value.abs()))
    }

    /// The name of a benchmark forecaster, as the screens call it.
    pub fn benchmark(&self, b: Benchmark) -> String {
        self.t(match b {
            Benchmark::Ideal => "ideal-forecast",
            Benchmark::Actuarial => "actuarial-forecast",
            Benchmark::BaseRate => "base-rate-forecast",
        })
    }
}
