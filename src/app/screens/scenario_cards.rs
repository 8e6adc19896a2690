//! The scenarios on the start screen as cards: title, what it trains in one line, level, length and
//! measure; the chosen one outlined.

use bevy_egui::egui;

use crate::app::settings::Tr;
use crate::app::theme;
use crate::scenario::Scenario;
use crate::teach::drill::drill_kind_of_id;
use crate::teach::text::kind_name;

/// How far along a trainee should be to take a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    FirstLesson,
    Course,
    Advanced,
}

impl Level {
    /// The level of a bundled scenario (none for a scenario file of one's own).
    pub fn of(id: &str) -> Option<Level> {
        match id {
            "first-lesson" => Some(Level::FirstLesson),
            "depression-cbt-oq45" | "anxiety-exposure-cbt" | "pcoms-ors-srs" => Some(Level::Course),
            "depression-psychodynamic"
            | "feedback-not-on-track"
            | "feedback-not-on-track-feedback"
            | "feedback-not-on-track-cst"
            | "hello-goodbye-neq"
            | "trauma-recovered-memories" => Some(Level::Advanced),
            _ => None,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Level::FirstLesson => "level-first-lesson",
            Level::Course => "level-course",
            Level::Advanced => "level-advanced",
        }
    }
}

/// Width (points) of a card; the cards fill as many columns as fit.
const CARD_WIDTH: f32 = 300.0;

/// The scenarios as cards, first lessons first; a click chooses one. Returns the index chosen.
pub fn scenario_cards_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    scenarios: &[std::sync::Arc<Scenario>],
    chosen: usize,
) -> usize {
    let mut order: Vec<usize> = (0..scenarios.len()).collect();
    order.sort_by_key(|&i| {
        scenarios
            .get(i)
            .map_or(3, |s| Level::of(&s.file.id).map_or(3, |l| l as u8))
    });
    let spacing = ui.spacing().item_spacing.x;
    let columns =
        (((ui.available_width() + spacing) / (CARD_WIDTH + spacing)).floor() as usize).clamp(1, 3);
    let mut picked = chosen;
    for row in order.chunks(columns) {
        ui.columns(columns, |cols| {
            for (col, &i) in cols.iter_mut().zip(row) {
                if let Some(s) = scenarios.get(i)
                    && theme::plain(col, |ui| card_ui(ui, tr, s, i == chosen))
                {
                    picked = i;
                }
            }
        });
    }
    picked
}

/// One scenario's card; true when it was clicked.
fn card_ui(ui: &mut egui::Ui, tr: &Tr, s: &Scenario, chosen: bool) -> bool {
    let f = &s.file;
    let mut frame = theme::card(ui);
    if chosen {
        frame = frame.stroke(egui::Stroke::new(3.0, theme::PICKED));
    }
    let shown = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let title = ui.add(
            egui::Button::selectable(chosen, theme::title(f.title.get(tr.lang)))
                .wrap()
                .frame(false),
        );
        ui.add(egui::Label::new(trains(tr, s)).wrap());
        ui.horizontal_wrapped(|ui| {
            let level = Level::of(&f.id).map_or_else(|| own_kind(tr, s), |l| tr.t(l.key()));
            ui.label(egui::RichText::new(level).strong().color(theme::YOU));
            ui.label("·");
            ui.label(tr.fmt(
                "scenario-line",
                &[
                    ("cases", f.cases_per_run.into()),
                    ("sessions", f.sessions.into()),
                    ("measure", f.measure.name.clone().into()),
                    ("minutes", f.minutes.into()),
                ],
            ));
        });
        title.clicked()
    });
    let card = ui.interact(
        shown.response.rect,
        ui.id().with(("scenario-card", &f.id)),
        egui::Sense::click(),
    );
    shown.inner || card.clicked()
}

/// Longest "what it trains" line taken from a scenario file's own briefing, in characters.
const TRAINS_FROM_BRIEFING: usize = 140;

/// What a scenario trains, in one line: the app's own line for a bundled scenario; for a drill,
/// the kind of case it has more of; for a scenario file of one's own, the first sentence of its
/// briefing (shortened).
pub fn trains(tr: &Tr, s: &Scenario) -> String {
    let f = &s.file;
    let key = format!("trains-{}", f.id);
    let own = tr.t(&key);
    if own != key {
        return own;
    }
    if let Some(kind) = drill_kind_of_id(&f.id) {
        return tr.fmt("trains-drill", &[("kind", kind_name(kind, tr.lang).into())]);
    }
    let briefing = f.briefing.get(tr.lang).trim();
    let first = briefing
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(briefing)
        .trim();
    if first.chars().count() <= TRAINS_FROM_BRIEFING {
        return first.to_string();
    }
    let mut short: String = first.chars().take(TRAINS_FROM_BRIEFING - 1).collect();
    short.push('…');
    short
}

/// The level shown for a scenario the app does not know: a drill, or a scenario file of one's own.
fn own_kind(tr: &Tr, s: &Scenario) -> String {
    if drill_kind_of_id(&s.file.id).is_some() {
        tr.t("level-drill")
    } else {
        tr.t("level-own")
    }
}
