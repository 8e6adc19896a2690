//! Helpers for the tests that drive the app's screens without a window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::AppState;

/// Clicks the first widget labelled `label`, then lets the screen settle (a spinner, shown while a
/// run is scored or a folder loads, keeps repainting: that is not an error here).
pub fn click(h: &mut Harness<'static, AppState>, label: &str) {
    h.get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no {label:?}"))
        .click();
    let _ = h.run_ok();
}
