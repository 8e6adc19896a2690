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
    ui.horizontal_wrapped(|ui| {
        ui.heading(tr.t("trainer-title"));
        if ui.button(tr.t("back-to-start")).clicked() {
            *screen = Screen::Start;
        }
    });
    let asked = folder_row(ui, &tr, trainer);
    // Always one line, so a message does not move what is below it (a plot being saved as a
    // picture is cropped from the next frame).
    ui.label(trainer.message.as_deref().unwrap_or(" "));
    ui.horizontal_wrapped(|ui| {
        for (tab, key) in [
            (Tab::Runs, "tab-runs"),
            (Tab::Progress, "tab-progress"),
            (Tab::Cases, "tab-cases"),
            (Tab::HandOut, "tab-handout"),
            (Tab::Live, "tab-live"),
        ] {
            ui.selectable_value(&mut trainer.tab, tab, tr.t(key));
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
