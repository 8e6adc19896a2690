//! The trainer station's screen: the folder, the message line, the tabs, and the tab chosen. Each
//! tab draws in a module of its own and only records what the trainer asked for; the state carries
//! it out (see [`Request`]).

use bevy_egui::egui;

use super::cases::cases_ui;
use super::drill::drill_ui;
use super::folder::folder_row;
use super::handout::handout_ui;
use super::progress::progress_ui;
use super::runs::runs_ui;
use super::{Request, Tab, TrainerState};
use crate::app::settings::Tr;
use crate::app::state::{AppState, Screen};
use crate::scenario::Scenario;

/// Window height (points) below which the station's header is compact (1024×640 from text size
/// 1.3, 1280×800 from 1.6).
pub const COMPACT_BELOW: f32 = 500.0;

pub fn trainer_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let AppState {
        settings,
        trainer,
        scenarios,
        screen,
        ..
    } = state;
    let tr = settings.tr();
    if trainer.tab == Tab::Live && trainer.live.board && trainer.live.is_running() {
        // The board for the projector has the window to itself; its Details button leads back.
        super::live::live_ui(ui, &tr, trainer, scenarios);
        return;
    }
    // In a low window the title, the folder and what it holds take two lines, so the table
    // starts in view.
    let compact = ui.ctx().content_rect().height() < COMPACT_BELOW;
    let mut asked = None;
    ui.horizontal_wrapped(|ui| {
        if compact {
            ui.label(crate::app::theme::title(tr.t("trainer-title")));
        } else {
            ui.heading(tr.t("trainer-title"));
        }
        if ui.button(tr.t("back-to-start")).clicked() {
            *screen = Screen::Start;
        }
        if compact {
            asked = folder_row(ui, &tr, trainer, true);
        }
    });
    if !compact {
        asked = folder_row(ui, &tr, trainer, false);
    }
    // Always one line, so a message does not move what is below it (a plot being saved as a
    // picture is cropped from the next frame); in a low window only a message there is, in small
    // type, so the table starts in view.
    match (&trainer.message, compact) {
        (Some(message), true) => {
            ui.add(egui::Label::new(egui::RichText::new(message).small()).wrap());
        }
        (None, true) => {}
        (message, false) => {
            ui.label(message.as_deref().unwrap_or(" "));
        }
    }
    ui.horizontal_wrapped(|ui| {
        if compact {
            // Tight, so the tabs keep to one row where they can.
            ui.spacing_mut().button_padding.x = 3.0;
            ui.spacing_mut().item_spacing.x = 4.0;
        }
        for (tab, key) in [
            (Tab::Runs, "tab-runs"),
            (Tab::Progress, "tab-progress"),
            (Tab::Cases, "tab-cases"),
            (Tab::HandOut, "tab-handout"),
            (Tab::Live, "tab-live"),
        ] {
            let name = egui::RichText::new(tr.t(key));
            let name = if compact { name.small() } else { name };
            ui.selectable_value(&mut trainer.tab, tab, name);
        }
    });
    ui.separator();
    let asked_in_tab = tab_ui(ui, &tr, trainer, scenarios);
    if let Some(request) = asked.or(asked_in_tab) {
        trainer.carry_out(request, &tr);
        // The message line above is drawn already: show what came of it.
        ui.ctx().request_repaint();
    }
}

/// The chosen tab; what the trainer asked for in it.
fn tab_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    scenarios: &[std::sync::Arc<Scenario>],
) -> Option<Request> {
    if trainer.tab == Tab::HandOut {
        return handout_ui(ui, tr, trainer, scenarios);
    }
    if trainer.tab == Tab::Live {
        super::live::live_ui(ui, tr, trainer, scenarios);
        return None;
    }
    if trainer.cohort.is_none() {
        ui.label(tr.t("trainer-load-first"));
        return None;
    }
    match trainer.tab {
        Tab::Runs if trainer.drill.is_some() => {
            drill_ui(ui, tr, trainer);
            None
        }
        Tab::Runs => runs_ui(ui, tr, trainer),
        Tab::Progress => progress_ui(ui, tr, trainer),
        Tab::Cases => cases_ui(ui, tr, trainer),
        Tab::HandOut | Tab::Live => None,
    }
}

/// The first row of a grid: each column's name in bold.
pub(super) fn header_row(ui: &mut egui::Ui, tr: &Tr, keys: &[&str]) {
    for key in keys {
        ui.label(egui::RichText::new(tr.t(key)).strong());
    }
    ui.end_row();
}

/// Asks to save the part of the screen inside `rect` (points) as `NAME.png`. The window layer
/// crops a screenshot, which is in pixels, not points.
pub(super) fn save_picture(ui: &egui::Ui, name: String, rect: egui::Rect) -> Request {
    let ppp = ui.ctx().pixels_per_point();
    let pixels = egui::Rect::from_min_max(rect.min * ppp, rect.max * ppp);
    Request::SavePicture { name, pixels }
}
