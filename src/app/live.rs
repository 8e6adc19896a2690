//! Joining a live class from the trainee app. The start screen takes the station's address and the
//! class PIN; a run started or resumed with them is linked to the class, and every answer, once
//! saved in the run file, is handed to the link that sends it (see `live::link`). While the trainer
//! holds the reveal, the reveal waits. A trainee who leaves the address empty notices nothing.

use bevy_egui::egui;

use super::state::AppState;
use crate::live::link::{LinkState, LiveLink, Station};
use crate::run::Session;

/// The join form, and the link of the run being played.
#[derive(Default)]
pub struct LiveJoin {
    /// The station's address as typed (`host:port`).
    pub address: String,
    pub pin: String,
    pub link: Option<LiveLink>,
    /// Links of runs left before the station had every answer: they keep sending until it has.
    finishing: Vec<LiveLink>,
}

impl LiveJoin {
    /// The trainee asked to join a class: an address is given.
    pub fn wanted(&self) -> bool {
        !self.address.trim().is_empty()
    }

    /// Links a run that starts or resumes, when the trainee asked to join a class; the link says
    /// itself when it cannot reach the station.
    pub fn begin(&mut self, session: &Session) -> std::io::Result<()> {
        self.end();
        if !self.wanted() {
            return Ok(());
        }
        let station = Station {
            address: self.address.trim().to_string(),
            pin: self.pin.trim().to_string(),
        };
        self.link = Some(LiveLink::start(station, session.file())?);
        Ok(())
    }

    /// Hands the answer just saved in `session`'s file to the link.
    pub fn saved(&self, session: &Session) {
        if let (Some(link), Some(entry)) = (&self.link, session.file().log.last()) {
            link.push(entry.clone());
        }
    }

    /// Leaves the class (the run is over or left); answers not yet at the station are still sent.
    pub fn end(&mut self) {
        if let Some(link) = self.link.take() {
            self.finishing.push(link);
        }
        self.poll();
    }

    /// Lets go of the links of left runs once the station has every answer (or refused them).
    pub fn poll(&mut self) {
        self.finishing.retain(|link| {
            let state = link.state();
            !state.all_delivered() && state.refused.is_none()
        });
    }

    /// True while a link sends or waits to (the app keeps looking at it).
    pub fn is_active(&self) -> bool {
        self.link.is_some() || !self.finishing.is_empty()
    }

    /// How the link stands, while the run is in a class.
    pub fn state(&self) -> Option<LinkState> {
        self.link.as_ref().map(LiveLink::state)
    }
}

impl AppState {
    /// Whether the reveal due now waits for the trainer.
    pub fn reveal_held(&self) -> bool {
        let case = self
            .run
            .session
            .as_ref()
            .and_then(|s| s.run().visible())
            .map(|(case, _)| case);
        case.zip(self.live.state())
            .is_some_and(|(case, link)| !link.may_reveal(case))
    }
}

/// The start screen's part: the address and PIN of a live class.
pub fn join_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let tr = state.settings.tr();
    let live = &mut state.live;
    egui::CollapsingHeader::new(tr.t("live-join-title"))
        .default_open(live.wanted())
        .show(ui, |ui| {
            ui.label(tr.t("live-join-explain"));
            ui.horizontal(|ui| {
                ui.label(tr.t("live-address"));
                let hint = tr.t("live-address-hint");
                ui.add(egui::TextEdit::singleline(&mut live.address).hint_text(hint));
            });
            ui.horizontal(|ui| {
                ui.label(tr.t("live-pin"));
                ui.add(egui::TextEdit::singleline(&mut live.pin).char_limit(6));
            });
        });
}

/// A line on every screen of a run in a live class: how many answers are at the station, and
/// whether the reveal is held.
pub fn status_ui(ui: &mut egui::Ui, state: &AppState) {
    let Some(link) = state.live.state() else {
        return;
    };
    let tr = state.settings.tr();
    let counts = [
        ("delivered", link.delivered.into()),
        ("total", link.total.into()),
    ];
    let text = if let Some(reason) = &link.refused {
        tr.fmt("live-status-refused", &[("reason", reason.clone().into())])
    } else if let Some(problem) = &link.problem {
        let mut args = counts.to_vec();
        args.push(("problem", problem.clone().into()));
        tr.fmt("live-status-problem", &args)
    } else {
        tr.fmt("live-status", &counts)
    };
    ui.label(text);
    // Always a line, so that what is below does not move under the pointer when the hold changes.
    let held = if state.reveal_held() {
        tr.t("live-held")
    } else {
        " ".to_string()
    };
    ui.label(egui::RichText::new(held).strong());
}
