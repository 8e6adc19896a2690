//! One function per screen, each drawing into a `Ui` from the plain [`AppState`], so tests drive
//! them without a window.

mod briefing;
mod case;
mod debrief;
pub mod explain;
mod forecast_panel;
pub mod protocol_changes;
mod scenario_cards;
mod start;
mod timeline;

use bevy_egui::egui;

pub use briefing::briefing_ui;
pub use case::case_ui;
pub use debrief::{against_best_ui, debrief_ui, drift_headline, judgement_ui, signed_points};
pub use start::start_ui;

use super::spoken;
use super::state::{AppState, Screen};
use super::theme::{self, Palette};
use crate::scenario::Lang;

/// Smallest and largest text size, as a factor.
const TEXT_SCALES: (f32, f32) = (0.8, 2.0);

/// Draws the bar of settings and the current screen. The case screen lays itself out over the
/// whole window (its forecast panel stays put); the other screens scroll.
pub fn app_ui(ui: &mut egui::Ui, state: &mut AppState) {
    theme::apply(ui.ctx(), state.settings.palette, state.settings.text_scale);
    // The root `Ui` was made before the style changed: give it the new one at once.
    ui.set_style(ui.ctx().global_style());
    crate::app::plots::set_number_lang(ui.ctx(), state.settings.lang);
    egui::Panel::top("settings-bar").show(ui, |ui| settings_bar(ui, state));
    super::live::status_ui(ui, state);
    if state.screen != Screen::Start {
        // The network is searched for classes only while the start screen's join form is open.
        state.live.stop_browsing();
        ui.data_mut(|d| d.remove::<bool>(egui::Id::new(start::AUTOFOCUS)));
    }
    if state.screen == Screen::Case {
        case_ui(ui, state);
        return;
    }
    // The screen of this frame: a key that changed it in the start bar is not read again by the
    // next screen in the same frame (one Enter would start and begin).
    let screen = state.screen;
    if screen == Screen::Start {
        egui::Panel::bottom("start-bar").show(ui, |ui| start::start_bar(ui, state));
    }
    egui::ScrollArea::vertical()
        .id_salt("screen")
        .auto_shrink([false, false])
        .show(ui, |ui| match screen {
            Screen::Start => start_ui(ui, state),
            Screen::Briefing => briefing_ui(ui, state),
            Screen::Case => {}
            Screen::Debrief => debrief_ui(ui, state),
            Screen::Trainer => crate::app::trainer::trainer_ui(ui, state),
        });
    if state.screen != screen {
        ui.ctx().request_repaint();
    }
}

/// True when Enter was pressed now (not held) while no widget but a text field has the keyboard:
/// it does what the screen's main button does. A focused button takes the Enter itself.
pub(crate) fn enter_pressed(ui: &egui::Ui) -> bool {
    let fresh = ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Enter,
                    pressed: true,
                    repeat: false,
                    ..
                }
            )
        })
    });
    fresh
        && ui
            .memory(|m| m.focused())
            .is_none_or(|id| egui::TextEdit::load_state(ui.ctx(), id).is_some())
}

/// Language, text size, colours and screenshot, top right, as symbols with their words on hover so
/// the bar fits a small window at large text; the name of the app (and the demo) on the left,
/// shortened when space runs out.
fn settings_bar(ui: &mut egui::Ui, state: &mut AppState) {
    // Wrapped: at text size 2 in a small window the symbols take a second line rather than run
    // off the left edge.
    let layout = egui::Layout::right_to_left(egui::Align::Center).with_main_wrap(true);
    ui.with_layout(layout, |ui| {
        let screenshot = state.t("screenshot");
        if spoken::button(ui.button("📷"), &screenshot)
            .on_hover_text(screenshot)
            .clicked()
        {
            state.window.screenshot_requested = true;
        }
        let settings = &mut state.settings;
        for palette in Palette::ALL.into_iter().rev() {
            let name = settings.tr().t(palette.key());
            let chosen = settings.palette == palette;
            spoken::choice(
                ui.selectable_value(&mut settings.palette, palette, palette.symbol()),
                chosen,
                &name,
            )
            .on_hover_text(name);
        }
        ui.separator();
        let (low, high) = TEXT_SCALES;
        let name = settings.tr().t("text-larger");
        if spoken::button(
            ui.add_enabled(settings.text_scale < high, egui::Button::new("A+")),
            &name,
        )
        .on_hover_text(name)
        .clicked()
        {
            settings.text_scale = (settings.text_scale + 0.1).min(high);
        }
        let name = settings.tr().t("text-smaller");
        if spoken::button(
            ui.add_enabled(settings.text_scale > low, egui::Button::new("A−")),
            &name,
        )
        .on_hover_text(name)
        .clicked()
        {
            settings.text_scale = (settings.text_scale - 0.1).max(low);
        }
        ui.separator();
        for (lang, symbol, name) in [(Lang::En, "EN", "English"), (Lang::Nl, "NL", "Nederlands")] {
            // Each language by its own name, as language menus do.
            let chosen = settings.lang == lang;
            spoken::choice(
                ui.selectable_value(&mut settings.lang, lang, symbol),
                chosen,
                name,
            )
            .on_hover_text(name);
        }
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.label(theme::title("OnTrack"));
            if state.demo.is_some() {
                ui.add(
                    egui::Label::new(egui::RichText::new(state.t("demo-running")).italics())
                        .truncate(),
                );
            }
        });
    });
}
