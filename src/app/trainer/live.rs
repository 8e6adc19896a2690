//! The live class tab: start a class on a course code (the station then listens on the room's
//! network and shows its address and PIN large enough for a projector), watch who has joined and
//! where each trainee is, the spread of the class's forecasts at every checkpoint beside the best
//! possible forecast and, once the class may know it, the outcome; hold the reveal for a discussion
//! and release it case by case; end the class (the station stops listening). While the class
//! runs the station announces it on the network (mDNS) where the network allows, so trainees can
//! pick it instead of typing the address; the announcement ends with the class.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

use bevy_egui::egui;

use super::TrainerState;
use crate::app::settings::Tr;
use crate::debrief::RunScores;
use crate::live::class::{CheckpointView, Class, ClassView, TraineeView};
use crate::live::discovery::{Announcement, Discovery, Mdns};
use crate::live::protocol::DEFAULT_PORT;
use crate::live::server::{LiveServer, Waker, lock};
use crate::live::slots::RefusedHost;
use crate::model::Outcome;
use crate::run::Phase;
use crate::scenario::Scenario;

/// Size of the address and PIN on the screen, in points: readable from the back of a room.
const PROJECTOR_TEXT: f32 = 36.0;
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
    /// Wakes the window when a request arrives (set by the window layer; none in tests).
    pub waker: Option<Waker>,
}

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
    pub fn start(&mut self, folder: &Path, scenarios: &[Arc<Scenario>]) {
        self.error = match self.try_start(folder, scenarios) {
            Ok(problems) => (!problems.is_empty()).then(|| problems.join("\n")),
            Err(e) => Some(e.to_string()),
        };
    }

    fn try_start(
        &mut self,
        folder: &Path,
        scenarios: &[Arc<Scenario>],
    ) -> anyhow::Result<Vec<String>> {
        let (scenario, seed, code) =
            crate::run::code::find_course(&self.code, scenarios.iter().cloned())?;
        std::fs::create_dir_all(folder)?;
        let pin = crate::live::class_pin(folder, &code)?;
        let mut class = Class::open(&code, scenario, seed, &pin, folder)?;
        let problems = std::mem::take(&mut class.problems);
        let server = LiveServer::start(class, self.bind)?;
        if let Some(waker) = &self.waker {
            server.set_waker(Arc::clone(waker));
        }
        self.address = crate::live::shown_address(server.addr());
        // A network without multicast only loses the convenience: the address is on the screen.
        self.announced = Some(
            self.discovery
                .announce(&code, server.addr().port())
                .map_err(|e| e.to_string()),
        );
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
        ui.label(tr.t("live-explain"));
        ui.horizontal_wrapped(|ui| {
            ui.label(tr.t("live-course-code"));
            ui.text_edit_singleline(&mut live.code);
            if ui.button(tr.t("live-start")).clicked() {
                live.start(&folder, scenarios);
            }
        });
        if let Some(error) = &live.error {
            let text = tr.fmt("live-start-failed", &[("error", error.clone().into())]);
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x30, 0x30), text);
        }
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let big = |text: String| egui::RichText::new(text).size(PROJECTOR_TEXT).strong();
        ui.label(big(tr.fmt(
            "live-address-shown",
            &[("address", live.address.clone().into())],
        )));
        ui.add_space(24.0);
        ui.label(big(tr.fmt("live-pin-shown", &[("pin", pin.into())])));
    });
    match live.announced() {
        Some(Ok(())) => {
            ui.label(tr.t("live-announced"));
        }
        Some(Err(why)) => {
            ui.label(egui::RichText::new(tr.t("live-not-announced")).weak())
                .on_hover_text(why);
        }
        None => {}
    }
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
    let refused = live.refused_hosts();
    if !refused.is_empty() {
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
    ui.horizontal_wrapped(|ui| {
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
    });
    ui.separator();
    trainees_ui(ui, tr, &view.trainees);
    ui.separator();
    checkpoints_ui(ui, tr, &view);
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
                &["live-col-trainee", "live-col-answers", "live-col-where"],
            );
            for t in trainees {
                if t.run > 1 {
                    let name = tr.fmt(
                        "live-trainee-run",
                        &[("trainee", t.trainee.clone().into()), ("run", t.run.into())],
                    );
                    ui.label(name)
                        .on_hover_text(tr.t("live-trainee-run-explain"));
                } else {
                    ui.label(&t.trainee);
                }
                ui.label(t.answers.to_string());
                let place = match t.phase {
                    Phase::Reading { case, seen } => tr.fmt(
                        "live-where-reading",
                        &[("case", (case + 1).into()), ("session", seen.into())],
                    ),
                    Phase::Revealed { case } => {
                        tr.fmt("live-where-revealed", &[("case", (case + 1).into())])
                    }
                    Phase::Finished => tr.t("live-where-finished"),
                };
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
    for c in view.checkpoints.iter().filter(|c| !c.forecasts.is_empty()) {
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
/// outcome.
fn summary(tr: &Tr, c: &CheckpointView) -> String {
    let median = c.forecasts.get(c.forecasts.len() / 2).copied().unwrap_or(0);
    let outcome = match c.outcome {
        None => String::new(),
        Some(Outcome::Deteriorated) => tr.t("live-outcome-deteriorated"),
        Some(_) => tr.t("live-outcome-not"),
    };
    tr.fmt(
        "live-checkpoint",
        &[
            ("case", (c.case + 1).into()),
            ("session", c.checkpoint.into()),
            ("n", c.forecasts.len().into()),
            ("median", median.into()),
            ("best", format!("{:.0}", c.best * 100.0).into()),
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
    let best = egui::Stroke::new(3.0, egui::Color32::from_rgb(0x20, 0x80, 0x40));
    let bx = x(c.best as f32);
    painter.line_segment(
        [egui::pos2(bx, rect.top()), egui::pos2(bx, rect.bottom())],
        best,
    );
}
