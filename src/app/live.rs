//! Joining a live class from the trainee app. The start screen takes the station's address and the
//! class PIN; a run started or resumed with them is linked to the class, and every answer, once
//! saved in the run file, is handed to the link that sends it (see `live::link`). While the trainer
//! holds the reveal, the reveal waits. A trainee who leaves the address empty notices nothing.
//!
//! While the join form is open (and only then), the app looks for classes announced on the network
//! (`live::discovery`) and lists them to pick from; where the network does not carry the
//! announcements, a hint says to type the address.

use std::sync::Arc;

use bevy_egui::egui;

use super::state::AppState;
use crate::live::discovery::{Discovery, FoundClass, Mdns, Search};
use crate::live::link::{LinkState, LiveLink, Station};
use crate::live::server::Waker;
use crate::run::Session;

/// The join form, and the link of the run being played.
pub struct LiveJoin {
    /// The station's address as typed (`host:port`).
    pub address: String,
    pub pin: String,
    pub link: Option<LiveLink>,
    /// Links of runs left before the station had every answer: they keep sending until it has.
    finishing: Vec<LiveLink>,
    /// How classes are looked for (mDNS; tests give a stand-in).
    pub discovery: Arc<dyn Discovery>,
    /// The look for classes, while the join form is open.
    browsing: Browsing,
    /// Why the station could not be reached, as last logged.
    logged_problem: Option<String>,
    /// The station's own words for refusing the run (in English), as last logged.
    logged_refusal: Option<String>,
    /// Wakes the window when a link's state changes (set by the window layer; none in tests).
    pub waker: Option<Waker>,
}

/// Where the look for classes on the network stands.
enum Browsing {
    /// The join form is closed: nothing is looked for.
    Off,
    /// Looking; the classes found so far.
    On(Box<dyn Search>, Vec<FoundClass>),
    /// The network cannot be searched (the reason, in English: logged, and on hover in an English
    /// app); the trainee types the address. Not tried again until the form is opened again.
    Failed(String),
}

impl Default for LiveJoin {
    fn default() -> Self {
        LiveJoin {
            address: String::new(),
            pin: String::new(),
            link: None,
            finishing: Vec::new(),
            discovery: Arc::new(Mdns::room()),
            browsing: Browsing::Off,
            logged_problem: None,
            logged_refusal: None,
            waker: None,
        }
    }
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
        let link = LiveLink::start(station, session.file())?;
        if let Some(waker) = &self.waker {
            link.set_waker(Arc::clone(waker));
        }
        self.link = Some(link);
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

    /// Lets go of the links of left runs once the station has every answer (or refused them), and
    /// logs why the station cannot be reached when that changes (the screen says it in words).
    pub fn poll(&mut self) {
        let problem = self.state().and_then(|s| s.problem);
        if problem != self.logged_problem {
            if let Some(p) = &problem {
                bevy::log::warn!("live class: the station cannot be reached: {p}");
            }
            self.logged_problem = problem;
        }
        let refusal = self
            .state()
            .and_then(|s| s.refused)
            .map(|r| format!("{} {}", r.status, r.reason));
        if refusal != self.logged_refusal {
            if let Some(r) = &refusal {
                bevy::log::warn!("live class: the station refused this run: {r}");
            }
            self.logged_refusal = refusal;
        }
        self.finishing.retain(|link| {
            let state = link.state();
            !state.all_delivered() && state.refused.is_none()
        });
    }

    /// True while a link sends or waits to and cannot wake the window itself (the app keeps
    /// looking at it); with a waker the window draws when the link's state changes, not before.
    pub fn is_active(&self) -> bool {
        self.waker.is_none() && (self.link.is_some() || !self.finishing.is_empty())
    }

    /// How the link stands, while the run is in a class.
    pub fn state(&self) -> Option<LinkState> {
        self.link.as_ref().map(LiveLink::state)
    }

    /// Looks for classes on the network (the join form is open): starts the search if it is not
    /// on, and takes in what it heard since the last look.
    fn browse(&mut self) {
        match &mut self.browsing {
            Browsing::On(search, found) => *found = search.found(),
            Browsing::Failed(_) => {}
            Browsing::Off => {
                self.browsing = match self.discovery.browse() {
                    Ok(mut search) => {
                        let found = search.found();
                        Browsing::On(search, found)
                    }
                    Err(e) => {
                        bevy::log::warn!("live class: {e}");
                        Browsing::Failed(e.to_string())
                    }
                };
            }
        }
    }

    /// Stops looking for classes (the join form was closed or left): nothing listens for them.
    pub fn stop_browsing(&mut self) {
        self.browsing = Browsing::Off;
    }

    /// True while the network is searched for classes (the screen is looked at now and then for
    /// what is found).
    pub fn is_browsing(&self) -> bool {
        matches!(self.browsing, Browsing::On(..))
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

/// The start screen's part: the classes found on the network to pick from, and the address and
/// PIN of a live class. The network is searched only while this part is open.
pub fn join_ui(ui: &mut egui::Ui, state: &mut AppState) {
    let tr = state.settings.tr();
    let start = &mut state.start;
    let live = &mut state.live;
    let open = egui::CollapsingHeader::new(tr.t("live-join-title"))
        .default_open(live.wanted())
        .show(ui, |ui| {
            ui.label(tr.t("live-join-explain"));
            live.browse();
            match &live.browsing {
                Browsing::On(_, found) if found.is_empty() => {
                    ui.label(egui::RichText::new(tr.t("live-found-none")).weak());
                }
                Browsing::On(_, found) => {
                    ui.label(tr.t("live-found"));
                    for class in found {
                        let text = tr.fmt(
                            "live-found-class",
                            &[
                                ("code", class.code.clone().into()),
                                ("address", class.address.clone().into()),
                            ],
                        );
                        let picked = live.address.trim() == class.address
                            && start.course_code.trim().eq_ignore_ascii_case(&class.code);
                        // A framed button, so that it reads as something to pick.
                        if ui.add(egui::Button::new(text).selected(picked)).clicked() {
                            live.address = class.address.clone();
                            start.course_code = class.code.clone();
                        }
                    }
                }
                Browsing::Failed(why) => {
                    ui.label(egui::RichText::new(tr.t("live-found-unavailable")).weak())
                        .on_hover_text(tr.fmt("system-detail", &[("error", why.clone().into())]));
                }
                Browsing::Off => {}
            }
            ui.horizontal(|ui| {
                ui.label(tr.t("live-address"));
                let hint = tr.t("live-address-hint");
                ui.add(egui::TextEdit::singleline(&mut live.address).hint_text(hint));
            });
            ui.horizontal(|ui| {
                ui.label(tr.t("live-pin"));
                ui.add(egui::TextEdit::singleline(&mut live.pin).char_limit(6));
            });
        })
        .body_returned
        .is_some();
    if !open {
        live.stop_browsing();
    }
}

/// A line on every screen of a run in a live class: how many answers are at the station, and
/// whether the reveal is held.
/// The message key of a station's refusal, by its HTTP status: the trainee reads it in their own
/// language (the station answers in English).
fn refusal_key(status: u16) -> &'static str {
    match status {
        403 => "live-refused-pin",
        409 => "live-refused-class",
        503 => "live-refused-busy",
        _ => "live-refused-other",
    }
}

pub fn status_ui(ui: &mut egui::Ui, state: &AppState) {
    let Some(link) = state.live.state() else {
        return;
    };
    let tr = state.settings.tr();
    let counts = [
        ("delivered", link.delivered.into()),
        ("total", link.total.into()),
    ];
    // A refusal in the trainee's language; on hover, for whoever helps the trainee, the station's
    // answer code (its own words, in English, are in the log).
    let (text, detail) = if let Some(refusal) = &link.refused {
        let reason = tr.t(refusal_key(refusal.status));
        let text = tr.fmt("live-status-refused", &[("reason", reason.into())]);
        let detail = tr.fmt("live-refused-detail", &[("status", refusal.status.into())]);
        (text, Some(detail))
    } else if link.problem.is_some() {
        // In words of the trainee's language; the system's own message is in the log.
        (tr.fmt("live-status-problem", &counts), None)
    } else {
        (tr.fmt("live-status", &counts), None)
    };
    let label = ui.label(text);
    if let Some(detail) = detail {
        label.on_hover_text(detail);
    }
    // Always a line, so that what is below does not move under the pointer when the hold changes.
    let held = if state.reveal_held() {
        tr.t("live-held")
    } else {
        " ".to_string()
    };
    ui.label(egui::RichText::new(held).strong());
}
