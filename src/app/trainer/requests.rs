//! What the trainer asks for on the screen that reaches beyond it: the folder dialog, a run file
//! read, a file written, a picture taken. The drawing code only records the request; the state
//! carries it out here, so each can be tested without a window.

use std::path::PathBuf;
use std::sync::Arc;

use bevy_egui::egui;

use super::TrainerState;
use crate::app::settings::Tr;
use crate::cohort::csv_export::{CsvTargetError, beside, check_target, write_csv};
use crate::cohort::handout::handout_html;
use crate::scenario::{Lang, Scenario};

/// One thing the trainer asked for, carried out by [`TrainerState::carry_out`].
#[derive(Debug, Clone)]
pub enum Request {
    /// Choose the results folder in the desktop's dialog, then load it.
    ChooseFolder,
    /// Load the folder as typed.
    Load,
    /// Select a run (index in the cohort) and open it for the drill-down, replayed from its file.
    Open(usize),
    /// Write the cohort's tidy CSV beside the folder (`<folder>-cohort.csv`); a file there is
    /// replaced only when the trainer asks twice.
    ExportCsv,
    /// Write the instruction sheet of the course `code` of `scenario`, in `lang`, into the folder.
    SaveSheet {
        scenario: Arc<Scenario>,
        code: String,
        lang: Lang,
    },
    /// Save the part of the screen inside `pixels` as `NAME.png` in the folder (the window layer
    /// crops a screenshot to it).
    SavePicture { name: String, pixels: egui::Rect },
}

impl TrainerState {
    /// Carries out `request`, and says in `message` how it went.
    pub fn carry_out(&mut self, request: Request, tr: &Tr) {
        match request {
            Request::ChooseFolder => self.choose_folder(tr),
            Request::Load => self.load(),
            Request::Open(run) => {
                self.selected = Some(run);
                self.open(run);
            }
            Request::ExportCsv => self.export_csv(tr),
            Request::SaveSheet {
                scenario,
                code,
                lang,
            } => self.save_sheet(tr, &scenario, &code, lang),
            Request::SavePicture { name, pixels } => {
                let path = self.in_folder(&format!("{name}.png"));
                self.message = Some(saved(tr, &path));
                self.plot_export = Some((path, pixels));
            }
        }
    }

    /// A file of that name in the results folder.
    fn in_folder(&self, name: &str) -> PathBuf {
        PathBuf::from(self.folder.trim()).join(name)
    }

    /// The desktop's own dialog (it blocks, as a dialog does); where there is none (no portal, no
    /// zenity) it returns nothing, as when the trainer cancels: say that typing the path works too.
    fn choose_folder(&mut self, tr: &Tr) {
        match rfd::FileDialog::new()
            .set_directory(self.folder.trim())
            .pick_folder()
        {
            Some(dir) => {
                self.folder = dir.display().to_string();
                self.message = None;
                self.load();
            }
            None => self.message = Some(tr.t("no-folder-chosen")),
        }
    }

    /// Writes the cohort's tidy CSV (the same as `ontrack cohort --csv`) beside the folder, never
    /// into it (the rule of the command line); an existing file is replaced only when the trainer
    /// exports again after being told.
    fn export_csv(&mut self, tr: &Tr) {
        let Some(cohort) = &self.cohort else {
            return;
        };
        let dir = PathBuf::from(self.folder.trim());
        let path = match beside(&dir) {
            Ok(path) => path,
            Err(e) => {
                self.message = Some(format!("⚠ {e}"));
                return;
            }
        };
        let replace = self.csv_replace.take().is_some_and(|p| p == path);
        self.message = Some(match check_target(&dir, &path, replace) {
            Err(CsvTargetError::Exists { path }) => {
                let text = tr.fmt("csv-exists", &[("path", path.display().to_string().into())]);
                self.csv_replace = Some(path);
                text
            }
            Err(e) => format!("⚠ {e}"),
            Ok(()) => match write_csv(cohort, &path) {
                Ok(()) => saved(tr, &path),
                Err(e) => format!("⚠ {}: {e}", path.display()),
            },
        });
    }

    /// Writes the course's instruction sheet, to print and hand out, into the folder.
    fn save_sheet(&mut self, tr: &Tr, scenario: &Scenario, code: &str, lang: Lang) {
        let tag = if lang == Lang::Nl { "nl" } else { "en" };
        let path = self.in_folder(&format!("course-{code}-{tag}.html"));
        let html = handout_html(scenario, code, lang);
        self.message = Some(
            match crate::run::store::write_atomic(&path, html.as_bytes()) {
                Ok(()) => saved(tr, &path),
                Err(e) => format!("⚠ {}: {e}", path.display()),
            },
        );
    }
}

/// Tells the trainer where a file goes.
fn saved(tr: &Tr, path: &std::path::Path) -> String {
    tr.fmt("saved-file", &[("path", path.display().to_string().into())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::Settings;

    #[test]
    fn a_sheet_is_written_into_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::new(Lang::En);
        let tr = settings.tr();
        let scenario = Arc::new(crate::scenario::resolve("tests/scenarios/minimal.ron").unwrap());
        let code = crate::run::code::encode(&scenario.course_prefix(), 7).unwrap();
        let mut state = TrainerState::new(dir.path());
        state.carry_out(
            Request::SaveSheet {
                scenario,
                code: code.clone(),
                lang: Lang::Nl,
            },
            &tr,
        );
        let path = dir.path().join(format!("course-{code}-nl.html"));
        assert!(std::fs::read_to_string(&path).unwrap().contains(&code));
        assert!(state.message.unwrap().contains(&path.display().to_string()));
    }

    #[test]
    fn a_picture_is_asked_of_the_window_layer_and_nothing_is_exported_before_loading() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::new(Lang::En);
        let tr = settings.tr();
        let mut state = TrainerState::new(dir.path());
        state.carry_out(Request::ExportCsv, &tr);
        assert!(state.message.is_none(), "no cohort, no CSV");
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
        let pixels = egui::Rect::from_min_max(egui::pos2(1.0, 2.0), egui::pos2(30.0, 40.0));
        state.carry_out(
            Request::SavePicture {
                name: "cases-class".to_string(),
                pixels,
            },
            &tr,
        );
        assert_eq!(
            state.plot_export,
            Some((dir.path().join("cases-class.png"), pixels))
        );
    }
}
