//! The sessions of a case as a timeline under the course chart: a compact card per session, each at
//! its session's place on the chart's axis, with the score, what differed from the protocol and the
//! unwanted events as badges, and the drift flag as a toggle. Hovering or picking a card highlights
//! its session on the chart.

use bevy_egui::egui;
use egui_plot::PlotTransform;

use crate::app::settings::Tr;
use crate::app::theme;

/// What a session's card shows.
pub struct SessionCard {
    /// The session (0 = intake).
    pub session: u32,
    pub score: f64,
    /// The alliance rating (none at intake).
    pub alliance: Option<f64>,
    /// Things done differently from the protocol, and how many of them changed since the session
    /// before.
    pub differences: usize,
    pub changed: usize,
    /// Unwanted events reported in the session.
    pub events: usize,
    pub flagged: bool,
}

/// What the trainee did on the timeline.
#[derive(Debug, Default)]
pub struct TimelineInput {
    /// The card under the pointer.
    pub hovered: Option<u32>,
    /// The card clicked.
    pub picked: Option<u32>,
    /// The session whose flag was switched on.
    pub flag: Option<u32>,
}

/// The cards, lined up with the sessions of the chart drawn with `transform`. Flags can be set
/// while `flagging` (reading the case).
pub fn timeline_ui(
    ui: &mut egui::Ui,
    tr: &Tr,
    transform: &PlotTransform,
    cards: &[SessionCard],
    picked: Option<u32>,
    flagging: bool,
) -> TimelineInput {
    let mut input = TimelineInput::default();
    let x = |t: u32| transform.position_from_point_x(f64::from(t));
    let step = (x(1) - x(0)).abs();
    let width = (step - 3.0).clamp(18.0, 160.0);
    let spacing = ui.spacing().item_spacing.y;
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let height = 2.0 * ui.spacing().interact_size.y + 2.0 * small + 3.0 * spacing + 10.0;
    let (row, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    for card in cards {
        let rect = egui::Rect::from_center_size(
            egui::pos2(x(card.session), row.center().y),
            egui::vec2(width, height),
        );
        let chosen = picked == Some(card.session);
        let hovered = ui.rect_contains_pointer(rect);
        let stroke = match (chosen, hovered) {
            (true, _) => egui::Stroke::new(2.5, theme::PICKED),
            (false, true) => egui::Stroke::new(1.5, theme::PICKED),
            _ => ui.visuals().widgets.noninteractive.bg_stroke,
        };
        ui.painter()
            .rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
        ui.painter()
            .rect_stroke(rect, 4.0, stroke, egui::StrokeKind::Inside);
        let inner = rect.shrink(2.0);
        let mut card_ui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(inner)
                .id_salt(("session-card", card.session))
                .layout(egui::Layout::top_down(egui::Align::Center)),
        );
        card_ui.set_clip_rect(inner.intersect(ui.clip_rect()));
        card_ui.spacing_mut().button_padding.x = 2.0;
        let hover = card_hover(tr, card);
        // A screen reader hears the whole card, not its bare number.
        let spoken = hover.replace('\n', ", ");
        let number = card_ui
            .add(egui::Button::selectable(chosen, card.session.to_string()))
            .on_hover_text(hover);
        number.widget_info(move || {
            egui::WidgetInfo::selected(egui::WidgetType::Button, true, chosen, spoken.as_str())
        });
        if number.clicked() {
            input.picked = Some(card.session);
        }
        card_contents(&mut card_ui, tr, card, width, flagging, &mut input);
        if hovered {
            input.hovered = Some(card.session);
        }
    }
    input
}

/// The score, the badges and the flag of a card; words only where the card is wide enough.
fn card_contents(
    ui: &mut egui::Ui,
    tr: &Tr,
    card: &SessionCard,
    width: f32,
    flagging: bool,
    input: &mut TimelineInput,
) {
    ui.spacing_mut().item_spacing.y = 2.0;
    let roomy = width >= 70.0;
    let score = if roomy {
        format!("{} {}", tr.t("score"), tr.score(card.score))
    } else {
        tr.score(card.score)
    };
    ui.label(egui::RichText::new(score).small().strong());
    let mut badges = String::new();
    if card.differences > 0 {
        badges.push_str(&format!("≠{}", card.differences));
    }
    if card.events > 0 {
        badges.push_str(&format!(" ⚠{}", card.events));
    }
    let badge_colour = if card.changed > 0 {
        theme::WORSE
    } else {
        ui.visuals().weak_text_color()
    };
    match card.alliance {
        Some(a) if roomy && badges.is_empty() => {
            ui.label(egui::RichText::new(format!("{} {}", tr.t("alliance"), tr.score(a))).small());
        }
        _ => {
            ui.label(
                egui::RichText::new(badges.trim())
                    .small()
                    .strong()
                    .color(badge_colour),
            );
        }
    }
    if card.session == 0 {
        return;
    }
    let hover = tr.fmt("flag-session", &[("session", card.session.into())]);
    if card.flagged {
        ui.label(egui::RichText::new("⚑").strong().color(theme::WORSE))
            .on_hover_text(tr.t("flagged"));
    } else if flagging
        && crate::app::spoken::button(ui.small_button("⚐"), &hover)
            .on_hover_text(hover)
            .clicked()
    {
        input.flag = Some(card.session);
    }
}

/// A card's full text on hover: session, score, alliance, differences and events in words.
fn card_hover(tr: &Tr, card: &SessionCard) -> String {
    let mut lines = vec![format!(
        "{} {} · {} {}",
        tr.t("session"),
        card.session,
        tr.t("score"),
        tr.score(card.score)
    )];
    if let Some(a) = card.alliance {
        lines.push(format!("{} {}", tr.t("alliance"), tr.score(a)));
    }
    lines.push(tr.fmt(
        "card-differences",
        &[
            ("differences", card.differences.into()),
            ("changed", card.changed.into()),
        ],
    ));
    if card.events > 0 {
        lines.push(tr.fmt("card-events", &[("events", card.events.into())]));
    }
    lines.join("\n")
}
