//! Colours and symbols. The signal colours are the Okabe–Ito palette, which stays distinct for the
//! common forms of colour blindness, and every colour that carries meaning comes with a symbol or a
//! word as well, so nothing depends on colour alone.

use bevy_egui::egui::{self, Color32, Stroke, Visuals};

use super::settings::Tr;
use crate::model::Outcome;

/// Okabe–Ito blue: the trainee.
pub const YOU: Color32 = Color32::from_rgb(0x00, 0x72, 0xb2);
/// Okabe–Ito vermillion: deterioration, drift.
pub const WORSE: Color32 = Color32::from_rgb(0xd5, 0x5e, 0x00);
/// Okabe–Ito bluish green: improvement, the ideal forecaster.
pub const BETTER: Color32 = Color32::from_rgb(0x00, 0x9e, 0x73);
/// Okabe–Ito orange: the actuarial rule, the expected-response band.
pub const EXPECTED: Color32 = Color32::from_rgb(0xe6, 0x9f, 0x00);
/// Okabe–Ito reddish purple: the reliable-change band, the clinical cutoff.
pub const REFERENCE: Color32 = Color32::from_rgb(0xcc, 0x79, 0xa7);
/// Errors and warnings (dark red, always beside words).
pub const ERROR: Color32 = Color32::from_rgb(0xa0, 0x20, 0x20);

/// The look of the whole interface: a calm light theme, or high contrast (black on white, heavier
/// strokes) for projectors and low vision.
pub fn visuals(high_contrast: bool) -> Visuals {
    let mut v = Visuals::light();
    if high_contrast {
        v.override_text_color = Some(Color32::BLACK);
        v.panel_fill = Color32::WHITE;
        v.window_fill = Color32::WHITE;
        v.extreme_bg_color = Color32::WHITE;
        v.faint_bg_color = Color32::from_gray(235);
        for w in [
            &mut v.widgets.noninteractive,
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.bg_stroke = Stroke::new(2.0, Color32::BLACK);
            w.fg_stroke = Stroke::new(2.0, Color32::BLACK);
        }
        v.selection.bg_fill = Color32::from_rgb(0xff, 0xe0, 0x66);
        v.selection.stroke = Stroke::new(2.0, Color32::BLACK);
    }
    v
}

/// Applies the visuals and the text size to the context when they changed.
pub fn apply(ctx: &egui::Context, high_contrast: bool, text_scale: f32) {
    if ctx.options(|o| o.theme_preference) != egui::ThemePreference::Light {
        ctx.set_theme(egui::ThemePreference::Light);
    }
    let wanted = visuals(high_contrast);
    if ctx.global_style().visuals != wanted {
        ctx.set_visuals(wanted);
    }
    if (ctx.zoom_factor() - text_scale).abs() > 1e-3 {
        ctx.set_zoom_factor(text_scale);
    }
}

/// A translucent fill of `colour` for bands on plots (egui colours are premultiplied, so dimming
/// with `gamma_multiply` would darken them instead).
pub fn fill(colour: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), alpha)
}

/// "Outcome: deteriorated" in the outcome's colour, with a symbol that carries it without colour.
pub fn outcome_label(tr: &Tr, outcome: Outcome) -> egui::RichText {
    let (symbol, key, colour) = match outcome {
        Outcome::Deteriorated => ("⏷", "outcome-deteriorated", WORSE),
        Outcome::Unchanged => ("■", "outcome-unchanged", Color32::GRAY),
        Outcome::Improved => ("⏶", "outcome-improved", BETTER),
        Outcome::Recovered => ("★", "outcome-recovered", BETTER),
    };
    egui::RichText::new(format!("{symbol} {}: {}", tr.t("outcome"), tr.t(key)))
        .strong()
        .color(colour)
}
