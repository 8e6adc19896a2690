//! The trainee app's side of a live class: a link to the station that sends every answer the
//! moment it is committed. The local run file stays the trainee's own record and is written first
//! (the app saves, then hands the answer to the link); the link sends answers in order from a
//! thread of its own, so the app never waits for the network. What cannot be delivered (the Wi-Fi
//! drops, the trainer's laptop sleeps) waits and is sent again, from the first answer the station
//! does not have, as it says on every reply; a resend is harmless.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::protocol::{
    ANSWER, Answer, DEFAULT_PORT, JOIN, Join, MAX_BODY, Refused, Reply, STATUS, Status,
};
use super::server::Waker;
use crate::run::RunFile;
use crate::run::file::Entry;

/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// The first pause before trying again after a failure; it doubles up to the last.
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(2);
/// How often a joined app with nothing to send asks whether the reveal is held (a new answer
/// wakes it at once).
const POLL: Duration = Duration::from_secs(1);
/// How long a link the station refused sleeps between looks at its messages.
const IDLE: Duration = Duration::from_secs(30);

/// Where the class is: the station's address (`host:port`, or `host` for the usual port) and the
/// class PIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Station {
    pub address: String,
    pub pin: String,
}

impl Station {
    /// The URL of `path` at the station.
    fn url(&self, path: &str) -> String {
        let host = self.address.trim();
        let host = host.strip_prefix("http://").unwrap_or(host);
        let host = host.trim_end_matches('/');
        if host.contains(':') {
            format!("http://{host}{path}")
        } else {
            format!("http://{host}:{DEFAULT_PORT}{path}")
        }
    }
}

/// How the link stands, for the app to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkState {
    /// The station took the join.
    pub joined: bool,
    /// Answers the station confirmed.
    pub delivered: usize,
    /// Answers committed in the run file.
    pub total: usize,
    /// While the trainer holds the reveal: cases from this index on wait at their reveal.
    pub held_from: Option<usize>,
    /// The last failure to reach the station (it is tried again), cleared on success.
    pub problem: Option<String>,
    /// The station refused the run for good (wrong PIN, another course): nothing more is sent.
    pub refused: Option<StationRefusal>,
}

/// Why the station refused a run for good: the HTTP status, which tells the kind of refusal (so an
/// app can say it in its own language), and the station's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationRefusal {
    pub status: u16,
    pub reason: String,
}

impl std::fmt::Display for StationRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl LinkState {
    /// Every committed answer is at the station.
    pub fn all_delivered(&self) -> bool {
        self.joined && self.delivered >= self.total
    }

    /// Whether the reveal of `case` may be shown: not while the trainer holds it (as last heard).
    pub fn may_reveal(&self, case: usize) -> bool {
        self.refused.is_some() || self.held_from.is_none_or(|from| case < from)
    }
}

enum Message {
    Entry(Entry),
    Stop,
}

struct Shared {
    state: Mutex<LinkState>,
    changed: Condvar,
    /// Wakes the app's window when the state changes (the window draws on input only).
    waker: Mutex<Option<Waker>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, LinkState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A run's link to a live class. Dropping it stops the sending (what was not delivered is in the
/// run file, and a new link sends it).
pub struct LiveLink {
    sender: Sender<Message>,
    shared: Arc<Shared>,
    worker: Option<JoinHandle<()>>,
}

impl LiveLink {
    /// Lets the link wake the app's window whenever how it stands changes (an answer delivered,
    /// the station unreachable or back, the reveal held or released), so the window needs no
    /// drawing while nothing changes.
    pub fn set_waker(&self, waker: Waker) {
        *self
            .shared
            .waker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(waker);
    }

    /// Joins the class at `station` with the run of `file`, and sends every answer already in it
    /// that the station does not have.
    pub fn start(station: Station, file: &RunFile) -> std::io::Result<LiveLink> {
        let (sender, messages) = mpsc::channel();
        let shared = Arc::new(Shared {
            state: Mutex::new(LinkState {
                total: file.log.len(),
                ..LinkState::default()
            }),
            changed: Condvar::new(),
            waker: Mutex::new(None),
        });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build()
            .new_agent();
        let worker = Worker {
            join: Join::of(file, &station.pin),
            own_run: file.header_seal(),
            station,
            entries: file.log.clone(),
            run: None,
            delivered: 0,
            held_from: None,
            problem: None,
            refused: None,
            agent,
            messages,
            shared: Arc::clone(&shared),
        };
        let worker = std::thread::Builder::new()
            .name("live-class-link".into())
            .spawn(move || worker.work())?;
        Ok(LiveLink {
            sender,
            shared,
            worker: Some(worker),
        })
    }

    /// Queues an answer just committed (and saved) in the run file.
    pub fn push(&self, entry: Entry) {
        self.shared.lock().total += 1;
        let _ = self.sender.send(Message::Entry(entry));
    }

    /// How the link stands now.
    pub fn state(&self) -> LinkState {
        self.shared.lock().clone()
    }

    /// Waits until every answer is delivered, the station refused the run, or `limit` passed;
    /// returns how the link stands then.
    pub fn wait_delivered(&self, limit: Duration) -> LinkState {
        let until = Instant::now() + limit;
        let mut state = self.shared.lock();
        while !state.all_delivered() && state.refused.is_none() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .map(|(s, _)| s)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        state.clone()
    }
}

impl Drop for LiveLink {
    fn drop(&mut self) {
        let _ = self.sender.send(Message::Stop);
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Why a request did not succeed.
enum Failure {
    /// The station could not be reached or was busy: try again.
    Transient(String),
    /// The station said no, with its status and reason.
    Refused { status: u16, body: Refused },
}

/// What a step of the link came to.
enum Step {
    Progress,
    Failed,
    Idle,
}

/// The link's thread: joins, then sends the answers in order.
struct Worker {
    station: Station,
    join: Join,
    /// The run's name, as the station must name it too.
    own_run: String,
    entries: Vec<Entry>,
    /// The run's name at the station, once joined.
    run: Option<String>,
    delivered: usize,
    held_from: Option<usize>,
    problem: Option<String>,
    refused: Option<StationRefusal>,
    agent: ureq::Agent,
    messages: Receiver<Message>,
    shared: Arc<Shared>,
}

impl Worker {
    fn work(mut self) {
        let mut retry = FIRST_RETRY;
        loop {
            let wait = match self.step() {
                Step::Progress => {
                    retry = FIRST_RETRY;
                    Duration::ZERO
                }
                Step::Failed => {
                    let wait = retry;
                    retry = (retry * 2).min(LAST_RETRY);
                    wait
                }
                Step::Idle if self.run.is_some() && self.refused.is_none() => POLL,
                Step::Idle => IDLE,
            };
            self.publish();
            match self.messages.recv_timeout(wait) {
                Ok(Message::Entry(entry)) => self.entries.push(entry),
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => {}
            }
            loop {
                match self.messages.try_recv() {
                    Ok(Message::Entry(entry)) => self.entries.push(entry),
                    Ok(Message::Stop) | Err(TryRecvError::Disconnected) => return,
                    Err(TryRecvError::Empty) => break,
                }
            }
        }
    }

    fn publish(&self) {
        let mut state = self.shared.lock();
        let before = state.clone();
        state.joined = self.run.is_some();
        state.delivered = self.delivered;
        state.held_from = self.held_from;
        state.problem = self.problem.clone();
        state.refused = self.refused.clone();
        let changed = *state != before;
        drop(state);
        self.shared.changed.notify_all();
        if changed {
            let waker = self
                .shared
                .waker
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone();
            if let Some(wake) = waker {
                wake();
            }
        }
    }

    fn step(&mut self) -> Step {
        if self.refused.is_some() {
            return Step::Idle;
        }
        let Some(run) = self.run.clone() else {
            let join = self.join.clone();
            return match self.post(JOIN, &join) {
                Ok(reply) if reply.run != self.own_run => {
                    self.refused = Some(StationRefusal {
                        status: 409,
                        reason: "the station's copy of the course differs from this app's — the trainee and the trainer need the same OnTrack version"
                            .into(),
                    });
                    Step::Idle
                }
                Ok(reply) => {
                    self.delivered = reply.received;
                    self.run = Some(reply.run);
                    Step::Progress
                }
                Err(failure) => self.failed(failure),
            };
        };
        let Some(entry) = self.entries.get(self.delivered).cloned() else {
            let status = Status {
                pin: self.station.pin.clone(),
                run,
            };
            return match self.post(STATUS, &status) {
                Ok(_) => Step::Idle,
                Err(failure) => self.failed(failure),
            };
        };
        let answer = Answer {
            pin: self.station.pin.clone(),
            run,
            index: self.delivered,
            entry,
        };
        match self.post(ANSWER, &answer) {
            Ok(reply) => {
                self.delivered = reply.received;
                Step::Progress
            }
            Err(failure) => self.failed(failure),
        }
    }

    /// Takes a failure in: a transient one is tried again; an answer out of step carries on from
    /// where the station is; an unknown run (a station that lost its record) joins again; any
    /// other refusal stops the sending.
    fn failed(&mut self, failure: Failure) -> Step {
        match failure {
            Failure::Transient(problem) => {
                self.problem = Some(problem);
                Step::Failed
            }
            Failure::Refused { status: 409, body } if body.received.is_some() => {
                self.delivered = body.received.unwrap_or(self.delivered);
                Step::Progress
            }
            Failure::Refused { status: 404, .. } if self.run.is_some() => {
                self.run = None;
                Step::Progress
            }
            Failure::Refused { status, body } => {
                self.refused = Some(StationRefusal {
                    status,
                    reason: body.error,
                });
                Step::Idle
            }
        }
    }

    /// Posts a request; a reply that arrives also tells whether the reveal is held.
    fn post<T: Serialize>(&mut self, path: &str, body: &T) -> Result<Reply, Failure> {
        let result = post(&self.agent, &self.station.url(path), body);
        if let Ok(reply) = &result {
            self.held_from = reply.held_from;
            self.problem = None;
        }
        result
    }
}

fn post<T: Serialize>(agent: &ureq::Agent, url: &str, body: &T) -> Result<Reply, Failure> {
    let json = serde_json::to_vec(body).map_err(|e| Failure::Transient(e.to_string()))?;
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(&json[..])
        .map_err(|e| Failure::Transient(e.to_string()))?;
    let status = response.status().as_u16();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY as u64)
        .read_to_vec()
        .map_err(|e| Failure::Transient(e.to_string()))?;
    if status == 200 {
        return serde_json::from_slice(&bytes)
            .map_err(|e| Failure::Transient(format!("the station's reply is not readable: {e}")));
    }
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Refused {
        error: format!("the station answered {status}"),
        received: None,
    });
    if status >= 500 || status == 408 || status == 429 {
        Err(Failure::Transient(body.error))
    } else {
        Err(Failure::Refused { status, body })
    }
}
