//! The live class tab: start a class on a course code (the station then listens on the room's
//! network and shows its address and PIN large enough for a projector), watch who has joined and
//! where each trainee is, the spread of the class's forecasts at every checkpoint beside the best
//! possible forecast and, once the class may know it, the outcome; hold the reveal for a discussion
//! and release it case by case; end the class (the station stops listening). While the class
//! runs the station announces it on the network (mDNS) where the network allows, so trainees can
//! pick it instead of typing the address; the announcement ends with the class.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy_egui::egui;

use super::TrainerState;
use crate::app::settings::Tr;
use crate::debrief::RunScores;
use crate::live::class::{CheckpointView, Class, ClassView, TakeUpProblem, TraineeView};
use crate::live::discovery::{Announcement, Discovery, Mdns};
use crate::live::protocol::DEFAULT_PORT;
use crate::live::server::{LiveServer, Waker, lock};
use crate::live::slots::RefusedHost;
use crate::model::Outcome;
use crate::scenario::{Lang, Scenario};

/// Size of the address and PIN on the screen, in points: readable from the back of a room.
const PROJECTOR_TEXT: f32 = 36.0;
/// Size of the address and PIN above the board, in points.
const BOARD_ADDRESS_TEXT: f32 = 22.0;
/// Width of a forecast strip, in points.
const STRIP_WIDTH: f32 = 320.0;

/// The live class of the station, if one runs.
pub struct LiveStation {
    /// The course code as typed.
    pub code: String,
    /// Where the station listens: every interface on the usual port (tests set loopback).
    pub bind: SocketAddr,
    pub server: Option<LiveServer>,
    /// The address trainees type, as shown.
    pub address: String,
    pub error: Option<String>,
    /// How the class is announced on the network (mDNS; tests give a stand-in).
    pub discovery: Arc<dyn Discovery>,
    /// The class's announcement while it runs, or why there is none (trainees type the address).
    announced: Option<Result<Box<dyn Announcement>, String>>,
    /// The class shown as the board for the projector (the whole window), not the detailed view.
    pub board: bool,
    /// The folder of the running class (where its marker is, see [`RUNNING_MARKER`]).
    folder: Option<PathBuf>,
    /// Wakes the window when a request arrives (set by the window layer; none in tests).
    pub waker: Option<Waker>,
}

/// The file in a station's folder that says a class runs there, holding its course code. It is
/// written when a class starts and removed when the trainer ends it, so a station that stopped
/// without ending its class (closed, crashed, power gone) offers to take it up again.
pub const RUNNING_MARKER: &str = ".ontrack-live-class";

impl Default for LiveStation {
    fn default() -> Self {
        LiveStation {
            code: String::new(),
            bind: SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), DEFAULT_PORT),
            server: None,
            address: String::new(),
            error: None,
            discovery: Arc::new(Mdns::room()),
            announced: None,
            board: true,
            folder: None,
            waker: None,
        }
    }
}

impl LiveStation {
    /// True while a class runs (the server listens).
    pub fn is_running(&self) -> bool {
        self.server.is_some()
    }

    /// Starts a class of the course typed, keeping its record in `folder`. Files of the class in
    /// the folder that could not be taken up again are reported in `error`.
    pub fn start(&mut self, folder: &Path, scenarios: &[Arc<Scenario>], lang: Lang) {
        // A course code mistyped is the trainer's to fix: its words in the chosen language.
        let course = match crate::run::code::find_course(&self.code, scenarios.iter().cloned()) {
            Ok(course) => course,
            Err(e) => {
                self.error = Some(crate::run::words::code_error_text(&e, lang));
                return;
            }
        };
        self.error = match self.try_start(folder, course) {
            Ok(problems) => (!problems.is_empty()).then(|| {
                problems
                    .iter()
                    .map(|p| take_up_text(p, lang))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            Err(e) => {
                bevy::log::warn!("live class: {e}");
                Some(e.text(self.bind, lang))
            }
        };
    }

    fn try_start(
        &mut self,
        folder: &Path,
        (scenario, seed, code): (Arc<Scenario>, u64, String),
    ) -> Result<Vec<TakeUpProblem>, StartFailure> {
        std::fs::create_dir_all(folder).map_err(StartFailure::Folder)?;
        let pin = crate::live::class_pin(folder, &code).map_err(StartFailure::Pin)?;
        let mut class =
            Class::open(&code, scenario, seed, &pin, folder).map_err(StartFailure::Open)?;
        let problems = std::mem::take(&mut class.problems);
        let server = LiveServer::start(class, self.bind).map_err(StartFailure::Listen)?;
        if let Some(waker) = &self.waker {
            server.set_waker(Arc::clone(waker));
        }
        self.address = crate::live::shown_address(server.addr());
        // A network without multicast only loses the convenience: the address is on the screen.
        self.announced = Some(
            self.discovery
                .announce(&code, server.addr().port())
                .map_err(|e| {
                    bevy::log::warn!("live class: {e}");
                    e.to_string()
                }),
        );
        // Without the marker the class runs all the same; only the offer after a restart is lost.
        let _ = crate::files::write::write_atomic(&folder.join(RUNNING_MARKER), code.as_bytes());
        self.folder = Some(folder.to_path_buf());
        self.code = code;
        self.server = Some(server);
        Ok(problems)
    }

    /// Ends the class: the announcement is taken back and the station stops listening.
    pub fn end(&mut self) {
        self.announced = None;
        if let Some(server) = self.server.take() {
            server.stop();
        }
        if let Some(folder) = self.folder.take() {
            forget_interrupted(&folder);
        }
    }

    /// The course code of a class that was running in `folder` when its station stopped without
    /// ending it, if any.
    pub fn interrupted(folder: &Path) -> Option<String> {
        use std::io::Read;
        let path = folder.join(RUNNING_MARKER);
        if !std::fs::symlink_metadata(&path).ok()?.is_file() {
            return None;
        }
        let mut code = String::new();
        std::fs::File::open(&path)
            .ok()?
            .take(MARKER_BYTES)
            .read_to_string(&mut code)
            .ok()?;
        let code = code.trim();
        (!code.is_empty()).then(|| code.to_string())
    }

    /// Whether the running class is announced on the network (`Err` with why not).
    pub fn announced(&self) -> Option<Result<(), &str>> {
        self.announced
            .as_ref()
            .map(|a| a.as_ref().map(|_| ()).map_err(String::as_str))
    }

    /// The class's PIN and live view, while a class runs.
    pub fn view(&self) -> Option<(String, ClassView)> {
        let server = self.server.as_ref()?;
        let class = lock(server.class());
        Some((class.pin().to_string(), class.view()))
    }

    /// The computers whose connections the station closed for holding more than their share.
    pub fn refused_hosts(&self) -> Vec<RefusedHost> {
        self.server
            .as_ref()
            .map(LiveServer::refused_hosts)
            .unwrap_or_default()
    }

    /// Holds the reveal, or stops holding it.
    pub fn hold(&self, on: bool) {
        if let Some(server) = &self.server {
            lock(server.class()).hold(on);
        }
    }

    /// Releases the held reveal of the next case.
    pub fn release(&self) {
        if let Some(server) = &self.server {
            lock(server.class()).release();
        }
    }
}

/// At most this much of the marker is read: a course code is a few dozen bytes.
const MARKER_BYTES: u64 = 256;

/// Forgets the class that was running in `folder` (it ended, or the trainer declined to resume it).
fn forget_interrupted(folder: &Path) {
    // Gone already, or unremovable: the offer stays, which is the worst that can happen.
    let _ = std::fs::remove_file(folder.join(RUNNING_MARKER));
}

/// A run's name in the trainer's table, marked when it was received live.
pub(super) fn row_name(tr: &Tr, r: &RunScores) -> String {
    if r.received_live {
        format!("{} {}", r.trainee, tr.t("cohort-received-live"))
    } else {
        r.trainee.clone()
    }
}

/// The live class tab.
pub(super) fn live_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    trainer: &mut TrainerState,
    scenarios: &[Arc<Scenario>],
) {
    let folder = std::path::PathBuf::from(trainer.folder.trim());
    let live = &mut trainer.live;
    let Some((pin, view)) = live.view() else {
        if let Some(code) = LiveStation::interrupted(&folder) {
            resume_offer(ui, tr, live, &folder, scenarios, &code);
        }
        ui.label(tr.t("live-explain"));
        ui.horizontal_wrapped(|ui| {
            ui.label(tr.t("live-course-code"));
            ui.text_edit_singleline(&mut live.code);
            if ui.button(tr.t("live-start")).clicked() {
                live.start(&folder, scenarios, tr.lang);
            }
        });
        if let Some(error) = &live.error {
            let text = tr.fmt("live-start-failed", &[("error", error.clone().into())]);
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x30, 0x30), text);
        }
        return;
    };
    if live.board {
        board_header(ui, tr, live, &pin, &view);
        super::board::board_ui(ui, tr, &view);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        address_and_pin(ui, tr, &live.address, &pin, PROJECTOR_TEXT);
    });
    announcement(ui, tr, live, false);
    if let Some(problems) = &live.error {
        ui.colored_label(egui::Color32::from_rgb(0xb0, 0x30, 0x30), problems);
    }
    ui.label(tr.fmt(
        "live-running",
        &[
            ("code", view.code.clone().into()),
            ("folder", folder.display().to_string().into()),
        ],
    ));
    refused_hosts(ui, tr, live);
    ui.horizontal_wrapped(|ui| {
        class_buttons(ui, tr, live, &view);
        if ui.button(tr.t("live-board-show")).clicked() {
            live.board = true;
        }
    });
    ui.separator();
    trainees_ui(ui, tr, &view.trainees);
    ui.separator();
    checkpoints_ui(ui, tr, &view);
}

/// The class that was running in the folder when the station stopped: take it up again (its
/// trainees' answers so far are in the folder, and its PIN is the same) or let it go.
fn resume_offer(
    ui: &mut egui::Ui,
    tr: &Tr,
    live: &mut LiveStation,
    folder: &Path,
    scenarios: &[Arc<Scenario>],
    code: &str,
) {
    ui.label(
        egui::RichText::new(tr.fmt("live-interrupted", &[("code", code.to_string().into())]))
            .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(tr.fmt("live-resume", &[("code", code.to_string().into())]))
            .clicked()
        {
            live.code = code.to_string();
            live.start(folder, scenarios, tr.lang);
        }
        if ui.button(tr.t("live-resume-not")).clicked() {
            forget_interrupted(folder);
        }
    });
    ui.separator();
}

/// The address and PIN trainees type, at `size` points.
fn address_and_pin(ui: &mut egui::Ui, tr: &Tr, address: &str, pin: &str, size: f32) {
    let big = |text: String| egui::RichText::new(text).size(size).strong();
    ui.label(big(tr.fmt(
        "live-address-shown",
        &[("address", address.to_string().into())],
    )));
    ui.add_space(24.0);
    ui.label(big(
        tr.fmt("live-pin-shown", &[("pin", pin.to_string().into())])
    ));
}

/// Whether trainees can pick the class from a list, or must type the address: in full, or (above
/// the board) its first sentence with the rest on hover.
fn announcement(ui: &mut egui::Ui, tr: &Tr, live: &LiveStation, short: bool) {
    match live.announced() {
        Some(Ok(())) if short => {
            ui.label(tr.t("live-announced-short"))
                .on_hover_text(tr.t("live-announced"));
        }
        Some(Ok(())) => {
            ui.label(tr.t("live-announced"));
        }
        Some(Err(why)) => {
            ui.label(egui::RichText::new(tr.t("live-not-announced")).weak())
                .on_hover_text(tr.fmt("system-detail", &[("error", why.into())]));
        }
        None => {}
    }
}

/// The computers whose connections the station closed, if any.
fn refused_hosts(ui: &mut egui::Ui, tr: &Tr, live: &LiveStation) {
    let refused = live.refused_hosts();
    if refused.is_empty() {
        return;
    }
    let hosts: Vec<String> = refused
        .iter()
        .map(|h| {
            let args = [
                ("host", h.host.to_string().into()),
                ("closed", h.closed.into()),
            ];
            tr.fmt("live-refused-host", &args)
        })
        .collect();
    let text = tr.fmt("live-refused-hosts", &[("hosts", hosts.join(", ").into())]);
    ui.colored_label(egui::Color32::from_rgb(0xb0, 0x30, 0x30), text);
}

/// Hold the reveal, release the next case, end the class.
fn class_buttons(ui: &mut egui::Ui, tr: &Tr, live: &mut LiveStation, view: &ClassView) {
    let mut held = view.held_from.is_some();
    if ui.checkbox(&mut held, tr.t("live-hold")).changed() {
        live.hold(held);
    }
    if let Some(case) = view.held_from.filter(|c| *c < view.cases) {
        let text = tr.fmt("live-release", &[("case", (case + 1).into())]);
        if ui.button(text).clicked() {
            live.release();
        }
    }
    if ui.button(tr.t("live-end")).clicked() {
        live.end();
    }
}

/// The board's one line above it: address and PIN for late comers, the class's buttons, and the
/// way back to the detailed view (with the folder, the tabs and the class's record).
fn board_header(ui: &mut egui::Ui, tr: &Tr, live: &mut LiveStation, pin: &str, view: &ClassView) {
    ui.horizontal_wrapped(|ui| {
        address_and_pin(ui, tr, &live.address, pin, BOARD_ADDRESS_TEXT);
        ui.add_space(24.0);
        class_buttons(ui, tr, live, view);
        if ui.button(tr.t("live-board-details")).clicked() {
            live.board = false;
        }
        announcement(ui, tr, live, true);
    });
    refused_hosts(ui, tr, live);
    ui.separator();
}

/// Who has joined and where each trainee is: a row per trainee, at their latest run, marked
/// "run 2" (and so on) when they started again in the class.
fn trainees_ui(ui: &mut egui::Ui, tr: &Tr, trainees: &[TraineeView]) {
    if trainees.is_empty() {
        ui.label(tr.t("live-none-yet"));
        return;
    }
    egui::Grid::new("live-trainees")
        .striped(true)
        .show(ui, |ui| {
            super::screen::header_row(
                ui,
                tr,
                &["live-col-trainee", "live-col-forecasts", "live-col-where"],
            );
            for t in trainees {
                let name = ui.label(super::board::row_name(tr, t));
                if t.run > 1 {
                    name.on_hover_text(tr.t("live-trainee-run-explain"));
                }
                ui.label(t.forecasts.to_string());
                let place = super::board::place(tr, t);
                ui.label(place);
                ui.end_row();
            }
        });
}

/// Per case and checkpoint: the class's forecasts as a strip beside the best possible forecast,
/// and the outcome once the class may know it; then the cases that fooled the class. The strips
/// come first on their rows, so they start at one x and can be compared down the column whatever
/// their lines say (counts, an outcome, the language), and a long line wraps instead of pushing a
/// strip out of the window.
pub fn checkpoints_ui(ui: &mut egui::Ui, tr: &Tr, view: &ClassView) {
    // One row per checkpoint, in the page (which scrolls), not in a grid: a grid sizes its columns
    // from the frame before, so a row that arrived since would squeeze its line into a sliver
    // broken mid-word until the next frame, and a window woken by an answer draws just one.
    // A checkpoint the case never reached is listed once the class may know how the case ended.
    let listed =
        |c: &&CheckpointView| !c.forecasts.is_empty() || (c.best.is_none() && c.outcome.is_some());
    for c in view.checkpoints.iter().filter(listed) {
        ui.horizontal_top(|ui| {
            strip(ui, tr, c);
            ui.add(egui::Label::new(summary(tr, c)).wrap());
        });
    }
    if !view.fooled.is_empty() {
        ui.label(egui::RichText::new(tr.t("live-fooled")).strong());
        for f in &view.fooled {
            ui.label(tr.fmt(
                "live-fooled-line",
                &[
                    ("case", (f.case + 1).into()),
                    ("class", tr.number(f.class_brier, 2).into()),
                    ("best", tr.number(f.best_brier, 2).into()),
                ],
            ));
        }
    }
}

/// The line beside a strip: where, how many forecasts, their median, the best possible, the
/// outcome (also the name of the board's strip).
pub(super) fn summary(tr: &Tr, c: &CheckpointView) -> String {
    let median = c.forecasts.get(c.forecasts.len() / 2).copied().unwrap_or(0);
    let outcome = match c.outcome {
        None => String::new(),
        Some(Outcome::Deteriorated) => tr.t("live-outcome-deteriorated"),
        Some(_) => tr.t("live-outcome-not"),
    };
    let Some(best) = c.best else {
        return tr.fmt(
            "live-checkpoint-stopped",
            &[
                ("case", (c.case + 1).into()),
                ("session", c.checkpoint.into()),
                ("outcome", outcome.into()),
            ],
        );
    };
    tr.fmt(
        "live-checkpoint",
        &[
            ("case", (c.case + 1).into()),
            ("session", c.checkpoint.into()),
            ("n", c.forecasts.len().into()),
            ("median", median.into()),
            ("best", format!("{:.0}", best * 100.0).into()),
            ("outcome", outcome.into()),
        ],
    )
}

/// A strip from 0 to 100 %: a tick per forecast, the best possible forecast as a taller mark. It
/// is named for screen readers (and tests) by its case and checkpoint.
fn strip(ui: &mut egui::Ui, tr: &Tr, c: &CheckpointView) {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(STRIP_WIDTH, 18.0), egui::Sense::hover());
    let name = tr.fmt(
        "live-strip",
        &[
            ("case", (c.case + 1).into()),
            ("session", c.checkpoint.into()),
        ],
    );
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Other, true, name.as_str())
    });
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let x = |p: f32| rect.left() + rect.width() * p.clamp(0.0, 1.0);
    painter.line_segment(
        [rect.left_center(), rect.right_center()],
        visuals.widgets.noninteractive.bg_stroke,
    );
    let tick = egui::Stroke::new(1.5, visuals.text_color());
    for &p in &c.forecasts {
        let px = x(f32::from(p) / 100.0);
        painter.line_segment(
            [
                egui::pos2(px, rect.center().y - 5.0),
                egui::pos2(px, rect.center().y + 5.0),
            ],
            tick,
        );
    }
    if let Some(p) = c.best {
        let best = egui::Stroke::new(3.0, egui::Color32::from_rgb(0x20, 0x80, 0x40));
        let bx = x(p as f32);
        painter.line_segment(
            [egui::pos2(bx, rect.top()), egui::pos2(bx, rect.bottom())],
            best,
        );
    }
}

/// A file of the class not taken up again, in words of `lang` (the English ones are its `Display`).
fn take_up_text(problem: &TakeUpProblem, lang: Lang) -> String {
    use crate::cohort::reasons::{OsError, ReceiptProblem, open_error_text};
    use crate::i18n::tf;
    use crate::live::class::{NotTakenUp, ReceiptError};
    let receipt = |path: &Path, why: ReceiptProblem| {
        tf(
            lang,
            "live-take-up-receipt",
            &[
                ("path", path.display().to_string().into()),
                ("error", why.text(lang).into()),
            ],
        )
    };
    match problem {
        TakeUpProblem::Receipt(ReceiptError::Read { path, error }) => {
            receipt(path, ReceiptProblem::Unreadable(OsError::from(error)))
        }
        TakeUpProblem::Receipt(ReceiptError::Parse { path, error }) => {
            receipt(path, ReceiptProblem::from(error))
        }
        TakeUpProblem::Run {
            why: NotTakenUp::Open(e),
            ..
        } => open_error_text(e, lang),
        TakeUpProblem::Run { path, why } => {
            let key = match why {
                NotTakenUp::OtherRun => "live-take-up-other-run",
                _ => "live-take-up-other-course",
            };
            tf(lang, key, &[("path", path.clone().into())])
        }
    }
}

/// Why a class could not start, for the trainer in the chosen language (the details go to the log).
#[derive(Debug)]
enum StartFailure {
    /// The class's folder could not be made.
    Folder(std::io::Error),
    /// No PIN could be drawn or kept.
    Pin(crate::live::PinError),
    /// The class's record could not be opened (another station keeps it, or the system refused).
    Open(crate::live::class::OpenClassError),
    /// The station could not listen on its address.
    Listen(std::io::Error),
}

/// The system's words, for the log.
impl std::fmt::Display for StartFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartFailure::Folder(e) => write!(f, "cannot make the folder: {e}"),
            StartFailure::Pin(e) => write!(f, "{e}"),
            StartFailure::Open(e) => write!(f, "cannot open the class: {e}"),
            StartFailure::Listen(e) => write!(f, "cannot listen: {e}"),
        }
    }
}

impl StartFailure {
    fn text(&self, bind: std::net::SocketAddr, lang: Lang) -> String {
        use crate::cohort::reasons::OsError;
        use crate::i18n::{t, tf};
        use crate::live::class::OpenClassError;
        let why = |e: &std::io::Error| OsError::from(e).text(lang);
        match self {
            StartFailure::Folder(e) => tf(lang, "live-start-folder", &[("why", why(e).into())]),
            StartFailure::Pin(_) => t(lang, "live-start-pin"),
            StartFailure::Open(OpenClassError::Locked(e)) => {
                crate::run::words::lock_error_text(e, lang)
            }
            StartFailure::Open(OpenClassError::Io(e)) => {
                tf(lang, "live-start-open", &[("why", why(e).into())])
            }
            StartFailure::Listen(e) => tf(
                lang,
                "live-start-listen",
                &[("port", bind.port().into()), ("why", why(e).into())],
            ),
        }
    }
}
