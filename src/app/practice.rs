//! Practice where the trainee is weak, in the app: a drill made from the blind spots of the
//! trainee's saved runs of a scenario (`teach::drill`, as `ontrack drill` makes it), offered on the
//! start screen and in the debrief. The trainee is told the mix before starting; a drill run is a
//! run of its own scenario (`ID-drill-KIND`), scored against its own best possible forecast and
//! kept apart from course runs, and it is never sent to a live class.

use std::path::PathBuf;
use std::sync::Arc;

use bevy_egui::egui;

use super::background::{Background, finished};
use super::settings::Tr;
use super::state::{AppState, Screen};
use super::theme;
use crate::run::Session;
use crate::scenario::Scenario;
use crate::teach::blind::CaseKind;
use crate::teach::drill::{
    MIX_CASES, MIX_SEED, drill, drill_base_id, drill_kind_of_id, share_of_kind, weakest_kind,
};
use crate::teach::text::kind_name;

/// A drill ready to start, with what the trainee is told about its mix.
#[derive(Clone)]
pub struct DrillOffer {
    pub trainee: String,
    /// The scenario the drill was made from, and the drill.
    pub base: Arc<Scenario>,
    pub drill: Arc<Scenario>,
    pub kind: CaseKind,
    /// The share of cases of `kind` in practice (the scenario itself) and in the drill.
    pub practice_share: f64,
    pub drill_share: f64,
}

/// Why no drill is offered.
#[derive(Debug, Clone, PartialEq)]
pub enum NoDrill {
    /// The trainee's saved runs of the scenario show no blind spot of a known kind (yet).
    NothingYet,
    /// The drill could not be made (why is logged, in English: it is about the scenario's maths,
    /// which the trainee cannot change).
    Failed,
}

/// The practice offer: being worked out on another thread, or ready, or refused.
#[derive(Default)]
pub struct Practice {
    working: Option<Background<Result<DrillOffer, NoDrill>>>,
    /// The trainee and the scenario (its hash) last asked about.
    asked: Option<(String, String)>,
    /// What was found for them.
    pub found: Option<Result<DrillOffer, NoDrill>>,
}

impl Practice {
    /// Works out, on another thread, the drill of `base` for `trainee` from their runs in `dir`.
    pub fn ask(&mut self, dir: PathBuf, trainee: String, base: Arc<Scenario>) {
        self.found = None;
        self.asked = Some((trainee.clone(), base.hash.clone()));
        self.working = Some(Background::spawn(move || offer(&dir, &trainee, base)));
    }

    pub fn is_working(&self) -> bool {
        self.working.is_some()
    }

    /// Takes the offer when it is ready.
    pub fn poll(&mut self) {
        if let Some(result) = finished(&mut self.working) {
            self.found = Some(result.unwrap_or_else(|| Err(NoDrill::Failed)));
        }
    }

    /// Waits for the offer (tests).
    pub fn wait(&mut self) {
        if let Some(working) = self.working.take() {
            self.found = Some(working.wait().unwrap_or_else(|| Err(NoDrill::Failed)));
        }
    }

    /// The offer ready for `trainee` on `base`, if that is what was asked.
    fn ready_for(&self, trainee: &str, base: &Scenario) -> Option<&Result<DrillOffer, NoDrill>> {
        let asked = self.asked.as_ref()?;
        (asked.0 == trainee && asked.1 == base.hash)
            .then_some(self.found.as_ref())
            .flatten()
    }
}

/// The drill of `base` for `trainee`: the kind of case their blind spots in `dir` share most, the
/// scenario with more of it, and the shares of that kind in both.
fn offer(dir: &std::path::Path, trainee: &str, base: Arc<Scenario>) -> Result<DrillOffer, NoDrill> {
    let kind = weakest_kind(dir, trainee, &base.file.id).ok_or(NoDrill::NothingYet)?;
    let drilled = drill(&base, kind).map_err(|e| {
        bevy::log::warn!("practice: no drill of {}: {e}", base.file.id);
        NoDrill::Failed
    })?;
    Ok(DrillOffer {
        trainee: trainee.to_string(),
        practice_share: share_of_kind(&base, kind, MIX_CASES, MIX_SEED),
        drill_share: share_of_kind(&drilled, kind, MIX_CASES, MIX_SEED),
        base,
        drill: Arc::new(drilled),
        kind,
    })
}

/// "This drill has more late deteriorator cases than practice does: about 9 % of its clients
/// instead of 3 % …"
pub fn mix_sentence(tr: &Tr, o: &DrillOffer) -> String {
    let percent = |p: f64| format!("{} %", (p * 100.0).round());
    tr.fmt(
        "drill-mix",
        &[
            ("kind", kind_name(o.kind, tr.lang).into()),
            ("drill", percent(o.drill_share).into()),
            ("practice", percent(o.practice_share).into()),
        ],
    )
}

/// A line for a run of a drill: which kind it has more of, and that it is kept apart.
pub fn drill_note(tr: &Tr, scenario_id: &str) -> Option<String> {
    let kind = drill_kind_of_id(scenario_id)?;
    Some(tr.fmt(
        "drill-this-run",
        &[("kind", kind_name(kind, tr.lang).into())],
    ))
}

impl AppState {
    /// The course scenario a drill for the current choice is made from: the scenario of `id`, or
    /// the one a drill of that id was made from, among the scenarios offered.
    pub fn drill_base(&self, id: &str) -> Option<Arc<Scenario>> {
        let base = drill_base_id(id);
        self.scenarios.iter().find(|s| s.file.id == base).cloned()
    }

    /// Starts the drill offered: a new run of the drill's scenario (never linked to a live class),
    /// from its briefing.
    pub fn start_drill(&mut self) {
        let Some(Ok(o)) = self.practice.found.clone() else {
            return;
        };
        let seed = crate::run::code::clock_seed();
        let code = crate::run::code::encode(&o.drill.course_prefix(), seed).unwrap_or_default();
        match Session::start(
            &self.results_dir,
            Arc::clone(&o.drill),
            seed,
            &o.trainee,
            &code,
        ) {
            Ok(session) => {
                self.run.end();
                self.live.end();
                self.run.begin(session);
                self.screen = Screen::Briefing;
                self.message = None;
            }
            Err(e) => {
                let why = crate::run::words::session_error_text(&e, self.settings.lang);
                self.message = Some(why);
            }
        }
    }
}

/// What the trainee asked of the practice card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticeAction {
    /// Work out the drill.
    Ask,
    /// Start the drill offered.
    Start,
}

/// The practice card: "Practice where you are weak" for `trainee` on `base`; once asked, the mix of
/// the drill and "Start the drill" (or why there is none yet). Returns what the trainee asked, for
/// [`AppState::practice_do`].
pub fn practice_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    practice: &Practice,
    trainee: &str,
    base: &Scenario,
) -> Option<PracticeAction> {
    let mut action = None;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(theme::title(tr.t("practice-title")));
        ui.add(egui::Label::new(tr.t("practice-explain")).wrap());
        if practice.is_working() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr.t("practice-working"));
            });
            return;
        }
        match practice.ready_for(trainee, base) {
            None => {
                if ui
                    .button(egui::RichText::new(tr.t("practice-ask")).strong())
                    .clicked()
                {
                    action = Some(PracticeAction::Ask);
                }
            }
            Some(Err(NoDrill::NothingYet)) => {
                ui.add(egui::Label::new(tr.t("drill-none")).wrap());
            }
            Some(Err(NoDrill::Failed)) => {
                ui.colored_label(theme::ERROR, format!("⚠ {}", tr.t("drill-failed")));
            }
            Some(Ok(o)) => {
                ui.add(egui::Label::new(egui::RichText::new(mix_sentence(tr, o)).strong()).wrap());
                let start = egui::RichText::new(format!("▶ {}", tr.t("practice-start"))).strong();
                if ui.button(start).clicked() {
                    action = Some(PracticeAction::Start);
                }
            }
        }
    });
    action
}

impl AppState {
    /// Carries out what the trainee asked of the practice card for `trainee` on `base`.
    pub fn practice_do(&mut self, action: PracticeAction, trainee: &str, base: Arc<Scenario>) {
        match action {
            PracticeAction::Ask => {
                let dir = self.results_dir.clone();
                self.practice.ask(dir, trainee.to_string(), base);
            }
            PracticeAction::Start => self.start_drill(),
        }
    }
}
