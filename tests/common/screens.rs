//! Helpers for the tests that drive the app's screens without a window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::AppState;
use ontrack::app::screens::app_ui;

/// The whole app, drawn headless at `size` points, over `state`.
pub fn harness(state: AppState, size: [f32; 2]) -> Harness<'static, AppState> {
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state)
}

/// Clicks the first widget labelled `label`, then lets the screen settle (a spinner, shown while a
/// run is scored or a folder loads, keeps repainting: that is not an error here).
pub fn click(h: &mut Harness<'static, AppState>, label: &str) {
    h.get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no {label:?}"))
        .click();
    let _ = h.run_ok();
}
