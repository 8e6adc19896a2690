//! The words a screen reader says for a control drawn as a symbol.
//!
//! AccessKit names a widget by its visible text, so a button shown as "📷", "A+" or "⚐" is read as
//! an emoji name or a letter. These give such a control the sentence its hover text already shows,
//! in the chosen language, keeping its role and state.

use bevy_egui::egui;

/// `response`, a button shown as a symbol, read as `name`.
pub fn button(response: egui::Response, name: &str) -> egui::Response {
    let name = name.to_owned();
    let enabled = response.enabled();
    response.widget_info(move || {
        egui::WidgetInfo::labeled(egui::WidgetType::Button, enabled, name.as_str())
    });
    response
}

/// `response`, one of a group of selectable symbols (on when `selected`), read as `name`.
pub fn choice(response: egui::Response, selected: bool, name: &str) -> egui::Response {
    let name = name.to_owned();
    let enabled = response.enabled();
    response.widget_info(move || {
        egui::WidgetInfo::selected(egui::WidgetType::Button, enabled, selected, name.as_str())
    });
    response
}
