//! Helpers for the tests that drive the app's screens without a window.

use std::path::Path;
use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ontrack::app::screens::app_ui;
use ontrack::app::{AppState, Screen};
use ontrack::forecast::Benchmarks;
use ontrack::live::discovery::{Announcement, Discovery, DiscoveryError, FoundClass, Search};
use ontrack::run::Run;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::run::code::encode;
use ontrack::scenario::{Lang, Scenario};

/// The whole app, drawn headless at `size` points, over `state`. Classes are announced and looked
/// for through a [`FakeNetwork`] of its own, so no test of the screens touches the network.
pub fn harness(state: AppState, size: [f32; 2]) -> Harness<'static, AppState> {
    harness_on(state, size, Arc::new(FakeNetwork::default()))
}

/// [`harness`] on a given fake network (shared by a trainer's and a trainee's app in a test).
pub fn harness_on(
    mut state: AppState,
    size: [f32; 2],
    network: Arc<FakeNetwork>,
) -> Harness<'static, AppState> {
    state.live.discovery = network.clone();
    state.trainer.live.discovery = network;
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state)
}

/// The app's state with a run of `trainee` played to its debrief by `bot` through the screens'
/// state (the cases of `seed`, as a course code gives them), saved in `dir`.
pub fn debriefed(
    dir: &Path,
    s: &Arc<Scenario>,
    trainee: &str,
    (bot, seed): (Bot, u64),
) -> AppState {
    let mut state = AppState::new(vec![Arc::clone(s)], dir.to_path_buf(), Lang::En);
    state.start.pseudonym = trainee.into();
    state.start.course_code = encode(&s.course_prefix(), seed).expect("a course code");
    state.start_run();
    let bench = Benchmarks::new(s);
    let mut player = BotPlayer::new(bot, &bench, 9);
    while let Some(action) = player.next_action(state.run.session.as_ref().expect("a run").run()) {
        state.act(action);
    }
    state.wait_for_background();
    state.start.course_code.clear();
    assert_eq!(state.screen, Screen::Debrief);
    state
}

/// The run the app has open (the test fails when there is none).
pub fn current_run<'h>(h: &'h Harness<'static, AppState>) -> &'h Run {
    h.state().run.session.as_ref().expect("a run is open").run()
}

/// Scrolls the first widget labelled `label` into view and clicks it, as a person would, then
/// lets the screen settle (a spinner, shown while a run is scored or a folder loads, keeps
/// repainting: that is not an error here).
pub fn click(h: &mut Harness<'static, AppState>, label: &str) {
    h.get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no {label:?}"))
        .scroll_to_me();
    let _ = h.run_ok();
    h.get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no {label:?} after scrolling to it"))
        .click();
    let _ = h.run_ok();
}

/// A network for the screens' tests: what a station announces through it is found by every search
/// through it (at 127.0.0.1), beside the classes a test puts in `others`; it counts the searches
/// going on. With `broken`, nothing can be announced or searched (a network without multicast).
#[derive(Default)]
pub struct FakeNetwork {
    pub others: Arc<Mutex<Vec<FoundClass>>>,
    pub broken: bool,
    announced: Arc<Mutex<Vec<FoundClass>>>,
    searches: Arc<Mutex<usize>>,
}

impl FakeNetwork {
    /// A network where nothing can be announced or searched.
    pub fn broken() -> FakeNetwork {
        FakeNetwork {
            broken: true,
            ..FakeNetwork::default()
        }
    }

    /// The classes announced now.
    pub fn announced(&self) -> Vec<FoundClass> {
        self.announced
            .lock()
            .expect("the fake network's lock")
            .clone()
    }

    /// How many searches go on now.
    pub fn searches(&self) -> usize {
        *self.searches.lock().expect("the fake network's lock")
    }
}

impl Discovery for FakeNetwork {
    fn announce(&self, code: &str, port: u16) -> Result<Box<dyn Announcement>, DiscoveryError> {
        if self.broken {
            return Err(DiscoveryError::Unavailable("no multicast here".into()));
        }
        let class = FoundClass {
            code: code.to_string(),
            address: format!("127.0.0.1:{port}"),
        };
        self.announced
            .lock()
            .expect("the fake network's lock")
            .push(class.clone());
        Ok(Box::new(FakeAnnouncement {
            class,
            announced: Arc::clone(&self.announced),
        }))
    }

    fn browse(&self) -> Result<Box<dyn Search>, DiscoveryError> {
        if self.broken {
            return Err(DiscoveryError::Unavailable("no multicast here".into()));
        }
        *self.searches.lock().expect("the fake network's lock") += 1;
        Ok(Box::new(FakeSearch {
            others: Arc::clone(&self.others),
            announced: Arc::clone(&self.announced),
            searches: Arc::clone(&self.searches),
        }))
    }
}

struct FakeAnnouncement {
    class: FoundClass,
    announced: Arc<Mutex<Vec<FoundClass>>>,
}

impl Announcement for FakeAnnouncement {}

impl Drop for FakeAnnouncement {
    fn drop(&mut self) {
        self.announced
            .lock()
            .expect("the fake network's lock")
            .retain(|c| *c != self.class);
    }
}

struct FakeSearch {
    others: Arc<Mutex<Vec<FoundClass>>>,
    announced: Arc<Mutex<Vec<FoundClass>>>,
    searches: Arc<Mutex<usize>>,
}

impl Search for FakeSearch {
    fn found(&mut self) -> Vec<FoundClass> {
        let mut found = self
            .announced
            .lock()
            .expect("the fake network's lock")
            .clone();
        found.extend(
            self.others
                .lock()
                .expect("the fake network's lock")
                .iter()
                .cloned(),
        );
        found.sort();
        found
    }
}

impl Drop for FakeSearch {
    fn drop(&mut self) {
        *self.searches.lock().expect("the fake network's lock") -= 1;
    }
}
