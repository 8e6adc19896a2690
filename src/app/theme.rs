//! The look of the app: a type scale that reads at a metre from a laptop and at the back of a
//! classroom, three palettes (light, dark, high contrast), and the signal colours. The signal colours
//! are the Okabe–Ito palette, which stays distinct for the common forms of colour blindness, and
//! every colour that carries meaning comes with a symbol or a word as well, so nothing depends on
//! colour alone.

use bevy_egui::egui::{self, Color32, FontFamily, FontId, Stroke, TextStyle, Visuals, vec2};

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
/// Okabe–Ito sky blue: the session picked on the timeline, highlighted on the chart.
pub const PICKED: Color32 = Color32::from_rgb(0x56, 0xb4, 0xe9);
/// Errors and warnings (dark red, always beside words).
pub const ERROR: Color32 = Color32::from_rgb(0xa0, 0x20, 0x20);

/// Body text in points at text size 1.0: 15 px or more reads at a metre from a laptop.
pub const BODY_SIZE: f32 = 15.5;

/// The text style of the big numbers (the forecast being set, the debrief's headline).
pub fn headline_style() -> TextStyle {
    TextStyle::Name("headline".into())
}

/// The text style of a card's or a section's title.
pub fn title_style() -> TextStyle {
    TextStyle::Name("title".into())
}

/// A big number, such as the forecast being set or a headline score.
pub fn headline(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).text_style(headline_style())
}

/// The title of a card or a section.
pub fn title(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).text_style(title_style()).strong()
}

/// The three looks: light for a laptop, dark for a dim room, high contrast (black on white, heavier
/// strokes) for projectors and low vision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Light,
    Dark,
    HighContrast,
}

impl Palette {
    pub const ALL: [Palette; 3] = [Palette::Light, Palette::Dark, Palette::HighContrast];

    /// The symbol on its button in the settings bar (the word is its hover text).
    pub fn symbol(self) -> &'static str {
        match self {
            Palette::Light => "☀",
            Palette::Dark => "🌙",
            Palette::HighContrast => "◑",
        }
    }

    /// The key of its name in the interface texts.
    pub fn key(self) -> &'static str {
        match self {
            Palette::Light => "theme-light",
            Palette::Dark => "theme-dark",
            Palette::HighContrast => "high-contrast",
        }
    }
}

/// The whole style of the interface in `palette`: type scale, spacing and colours.
pub fn style(palette: Palette) -> egui::Style {
    let mut style = egui::Style {
        visuals: visuals(palette),
        ..egui::Style::default()
    };
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(12.5, FontFamily::Proportional),
        ),
        (
            TextStyle::Body,
            FontId::new(BODY_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Button,
            FontId::new(BODY_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(14.0, FontFamily::Monospace),
        ),
        (
            TextStyle::Heading,
            FontId::new(24.0, FontFamily::Proportional),
        ),
        (title_style(), FontId::new(18.0, FontFamily::Proportional)),
        (
            headline_style(),
            FontId::new(40.0, FontFamily::Proportional),
        ),
    ]
    .into();
    style.spacing.item_spacing = vec2(8.0, 6.0);
    style.spacing.button_padding = vec2(8.0, 4.0);
    style.spacing.interact_size.y = 24.0;
    style
}

/// The colours of `palette`.
fn visuals(palette: Palette) -> Visuals {
    match palette {
        Palette::Light => {
            let mut v = Visuals::light();
            v.panel_fill = Color32::from_rgb(0xf7, 0xf7, 0xf5);
            v.faint_bg_color = Color32::from_rgb(0xee, 0xee, 0xea);
            v.override_text_color = Some(Color32::from_gray(30));
            v.weak_text_color = Some(Color32::from_gray(0x5e));
            v
        }
        Palette::Dark => {
            let mut v = Visuals::dark();
            v.panel_fill = Color32::from_gray(24);
            v.override_text_color = Some(Color32::from_gray(225));
            v.weak_text_color = Some(Color32::from_gray(165));
            v
        }
        Palette::HighContrast => {
            let mut v = Visuals::light();
            v.override_text_color = Some(Color32::BLACK);
            v.weak_text_color = Some(Color32::from_gray(0x44));
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
            v
        }
    }
}

/// Applies the palette and the text size to the context when they changed (setting them every
/// frame would make egui draw again and again, and an idle window would use CPU).
pub fn apply(ctx: &egui::Context, palette: Palette, text_scale: f32) {
    let theme = if palette == Palette::Dark {
        egui::ThemePreference::Dark
    } else {
        egui::ThemePreference::Light
    };
    if ctx.options(|o| o.theme_preference) != theme {
        ctx.set_theme(theme);
    }
    let wanted = style(palette);
    if *ctx.global_style() != wanted {
        ctx.set_global_style(wanted);
    }
    if (ctx.zoom_factor() - text_scale).abs() > 1e-3 {
        ctx.set_zoom_factor(text_scale);
    }
}

/// Runs `add` in a plain top-down layout: egui's columns justify wrapped text, which spreads the
/// words of a sentence apart.
pub fn plain<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add)
        .inner
}

/// The colour of "saved" (an answer acknowledged): green that reads as body text (WCAG 4.5:1)
/// on the panels of each palette; the Okabe–Ito green of [`BETTER`] reaches only about 3:1 on a
/// light panel.
pub fn saved_colour(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x4f, 0xd1, 0xa1)
    } else {
        Color32::from_rgb(0x00, 0x6b, 0x4c)
    }
}

/// Width in points below which two columns are stacked: each half would be narrower than a table
/// of numbers or a chart with its legend needs.
pub const TWO_COLUMNS_FROM: f32 = 1100.0;

/// `left` and `right` side by side in a wide `Ui`, one under the other in a narrow one, so nothing
/// is squeezed into half of a small window and runs off its edge.
pub fn two_columns(
    ui: &mut egui::Ui,
    left: impl FnOnce(&mut egui::Ui),
    right: impl FnOnce(&mut egui::Ui),
) {
    if ui.available_width() >= TWO_COLUMNS_FROM {
        ui.columns(2, |cols| {
            let [l, r] = cols else { return };
            plain(l, left);
            plain(r, right);
        });
    } else {
        plain(ui, left);
        ui.add_space(6.0);
        plain(ui, right);
    }
}

/// A card: a framed group with the panel's faint fill, used for the session cards, the forecast
/// panel, the scenario cards and the headline numbers.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(10))
}

/// A translucent fill of `colour` for bands on plots (egui colours are premultiplied, so dimming
/// with `gamma_multiply` would darken them instead).
pub fn fill(colour: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), alpha)
}

/// "Outcome: deteriorated" in the outcome's colour, with a symbol that carries it without colour.
pub fn outcome_label(tr: &Tr, outcome: Outcome) -> egui::RichText {
    let (symbol, key) = match outcome {
        Outcome::Deteriorated => ("⏷", "outcome-deteriorated"),
        Outcome::Unchanged => ("■", "outcome-unchanged"),
        Outcome::Improved => ("⏶", "outcome-improved"),
        Outcome::Recovered => ("★", "outcome-recovered"),
    };
    let text = egui::RichText::new(format!("{symbol} {}: {}", tr.t("outcome"), tr.t(key))).strong();
    match outcome_colour(outcome) {
        Some(colour) => text.color(colour),
        None => text,
    }
}

/// The colour of an outcome's line; none (the palette's own text colour) for no reliable change,
/// which light grey made hard to read on the light grey panel.
pub fn outcome_colour(outcome: Outcome) -> Option<Color32> {
    match outcome {
        Outcome::Deteriorated => Some(WORSE),
        Outcome::Unchanged => None,
        Outcome::Improved | Outcome::Recovered => Some(BETTER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_is_at_least_15_px_at_text_size_one_in_every_palette() {
        for palette in Palette::ALL {
            let style = style(palette);
            let body = style.text_styles.get(&TextStyle::Body).map(|f| f.size);
            assert!(body.is_some_and(|s| s >= 15.0), "{palette:?}: {body:?}");
            let headline = style.text_styles.get(&headline_style()).map(|f| f.size);
            assert!(
                headline.is_some_and(|h| h >= 2.0 * BODY_SIZE),
                "{headline:?}"
            );
        }
    }

    #[test]
    fn each_palette_looks_different() {
        let [light, dark, contrast] = Palette::ALL.map(|p| style(p).visuals);
        assert!(!light.dark_mode && dark.dark_mode && !contrast.dark_mode);
        assert_ne!(light.panel_fill, contrast.panel_fill);
    }

    /// Weak text (hints, key help, "not yet chosen") is still text to read: WCAG's 4.5:1 for normal
    /// text against the panel and the faint background of cards, in every palette. egui's own weak
    /// colour (the text colour at reduced alpha) gave 4.3:1 on the light panel.
    #[test]
    fn weak_text_is_readable_in_every_palette() {
        for palette in Palette::ALL {
            let v = visuals(palette);
            for background in [v.panel_fill, v.faint_bg_color] {
                let ratio = contrast(over(v.weak_text_color(), background), background);
                assert!(ratio >= 4.5, "{palette:?}: {ratio:.2}:1");
            }
        }
    }

    /// The colour seen where `fg` (premultiplied, as egui keeps colours) is painted over the opaque
    /// `background`.
    fn over(fg: Color32, background: Color32) -> Color32 {
        let rest = 1.0 - f32::from(fg.a()) / 255.0;
        let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * rest).round().min(255.0) as u8;
        Color32::from_rgb(
            mix(fg.r(), background.r()),
            mix(fg.g(), background.g()),
            mix(fg.b(), background.b()),
        )
    }

    /// The WCAG contrast ratio of two colours (1 to 21).
    fn contrast(a: Color32, b: Color32) -> f64 {
        let luminance = |c: Color32| {
            let lin = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        // Known values: black on white is 21:1, #777 on white about 4.48:1.
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::from_gray(0x77), Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn the_saved_acknowledgement_reads_as_body_text_in_every_palette() {
        for palette in Palette::ALL {
            let v = visuals(palette);
            for background in [v.panel_fill, v.faint_bg_color, v.window_fill] {
                let ratio = contrast(saved_colour(&v), background);
                assert!(ratio >= 4.5, "{palette:?} on {background:?}: {ratio:.2}:1");
            }
        }
        // The green it replaces did not: about 3:1 on the light panel.
        let light = visuals(Palette::Light);
        assert!(contrast(BETTER, light.faint_bg_color) < 4.5);
    }

    #[test]
    fn every_outcome_line_reads_on_the_panel_in_every_palette() {
        // The outcome line is large bold text on the panel (the forecast panel, the reveal):
        // WCAG asks 3:1 of it.
        for palette in Palette::ALL {
            let v = visuals(palette);
            for outcome in [
                Outcome::Deteriorated,
                Outcome::Unchanged,
                Outcome::Improved,
                Outcome::Recovered,
            ] {
                let text = outcome_colour(outcome)
                    .or(v.override_text_color)
                    .unwrap_or(v.text_color());
                let ratio = contrast(text, v.panel_fill);
                assert!(ratio >= 3.0, "{palette:?} {outcome:?}: {ratio:.2}:1");
            }
        }
    }
}
