//! The station's server: listens while a class runs, on a background thread, and hands each request
//! to the [`Class`]. A connection gets a thread of its own and one request, which must arrive whole
//! within a deadline; the slots are shared fairly between hosts ([`super::slots`]), so one laptop
//! in the room cannot hold them. Whatever a client sends, the server answers with a status it can
//! read and keeps running. Stopping closes the listener and the connections still sending, and
//! waits for the requests being answered, so nothing is written after [`LiveServer::stop`]
//! returns.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::class::Class;
use super::http;
use super::protocol::{ANSWER, JOIN, MAX_BODY, Refused, STATUS};
use super::slots::{Limits, RefusedHost, SlotState, Slots, host_of};

/// How long writing a reply may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a connection refused for want of a slot is read from (and its data dropped) after its
/// 503, so that it is not reset before the client reads the 503.
const FAREWELL_TIME: Duration = Duration::from_secs(1);
/// The most refused connections waiting to be closed that way; beyond it they are closed at once.
const MAX_FAREWELLS: usize = 256;
/// How often the slots are looked over for hosts beyond their share.
const SWEEP: Duration = Duration::from_millis(100);

/// Told after each request the server answered (from the request's thread), so that a window
/// showing the class draws again only when something arrived instead of looking every frame.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The waker, set while the server runs.
type SharedWaker = Arc<Mutex<Option<Waker>>>;

/// A running server and the class it serves.
pub struct LiveServer {
    addr: SocketAddr,
    class: Arc<Mutex<Class>>,
    waker: SharedWaker,
    slots: Arc<Mutex<Slots>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
    warden: Option<JoinHandle<()>>,
}

/// Locks the class; a thread that panicked while holding it left it usable (every change is
/// made whole or not at all), so the lock is taken over.
pub fn lock(class: &Mutex<Class>) -> MutexGuard<'_, Class> {
    lock_any(class)
}

fn lock_any<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl LiveServer {
    /// Starts serving `class` on `addr` (port 0: any free port; see [`LiveServer::addr`]).
    pub fn start(class: Class, addr: SocketAddr) -> io::Result<LiveServer> {
        LiveServer::start_with(class, addr, Limits::default())
    }

    /// Starts serving `class` on `addr` within `limits`.
    pub fn start_with(class: Class, addr: SocketAddr, limits: Limits) -> io::Result<LiveServer> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let class = Arc::new(Mutex::new(class));
        let slots = Arc::new(Mutex::new(Slots::new(limits)));
        let stop = Arc::new(AtomicBool::new(false));
        let waker: SharedWaker = Arc::default();
        let accept = {
            let (class, slots, stop) = (Arc::clone(&class), Arc::clone(&slots), Arc::clone(&stop));
            let waker = Arc::clone(&waker);
            std::thread::Builder::new()
                .name("live-class-server".into())
                .spawn(move || accept_loop(&listener, &class, &slots, &stop, &waker, limits))?
        };
        let warden = {
            let (slots, stop) = (Arc::clone(&slots), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("live-class-warden".into())
                .spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        std::thread::park_timeout(SWEEP);
                        lock_any(&slots).sweep(Instant::now());
                    }
                })?
        };
        Ok(LiveServer {
            addr,
            class,
            waker,
            slots,
            stop,
            accept: Some(accept),
            warden: Some(warden),
        })
    }

    /// Has `waker` told after each request answered from now on.
    pub fn set_waker(&self, waker: Waker) {
        *lock_any(&self.waker) = Some(waker);
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The class, shared with the request threads (for the live view and the hold).
    pub fn class(&self) -> &Arc<Mutex<Class>> {
        &self.class
    }

    /// The hosts whose connections were closed because they held more than their share of the
    /// station's connections (for the trainer to see), most recent last.
    pub fn refused_hosts(&self) -> Vec<RefusedHost> {
        lock_any(&self.slots).refused()
    }

    /// Stops listening, closes the connections still sending, and waits for the requests being
    /// answered.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop, which then sees the flag. Connecting to the listening socket itself
        // works for every address it may be bound to; an unspecified address is reached on loopback.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(match wake {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let _ = TcpStream::connect_timeout(&wake, WRITE_TIMEOUT);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
        if let Some(warden) = self.warden.take() {
            warden.thread().unpark();
            let _ = warden.join();
        }
    }
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

fn accept_loop(
    listener: &TcpListener,
    class: &Arc<Mutex<Class>>,
    slots: &Mutex<Slots>,
    stop: &AtomicBool,
    waker: &SharedWaker,
    limits: Limits,
) {
    let (farewells, to_close) = mpsc::sync_channel(MAX_FAREWELLS);
    let farewell = std::thread::Builder::new()
        .name("live-class-farewell".into())
        .spawn(move || farewell_loop(&to_close))
        .ok();
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, say: wait for some to be freed rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let (Ok(peer), Ok(handle)) = (stream.peer_addr(), stream.try_clone()) else {
            continue;
        };
        let mut slots = lock_any(slots);
        if !slots.make_room() {
            drop(slots);
            let _ = farewells.try_send(stream);
            continue;
        }
        let state = Arc::new(SlotState::default());
        let spawned = {
            let (class, state) = (Arc::clone(class), Arc::clone(&state));
            let waker = Arc::clone(waker);
            std::thread::Builder::new()
                .name("live-class-request".into())
                .spawn(move || {
                    let changed = serve(stream, &class, &state, limits.request);
                    let wake = lock_any(&waker).clone().filter(|_| changed);
                    if let Some(wake) = wake {
                        wake();
                    }
                })
        };
        if let Ok(thread) = spawned {
            slots.add(host_of(peer.ip()), handle, state, thread);
        }
    }
    let serving = lock_any(slots).close_all();
    for thread in serving {
        let _ = thread.join();
    }
    drop(farewells);
    if let Some(farewell) = farewell {
        let _ = farewell.join();
    }
}

/// Says 503 to the connections there is no slot for, and reads what they still send for a moment
/// before closing them, so the client reads the 503 instead of a reset; one thread for all of
/// them, never blocking.
fn farewell_loop(streams: &Receiver<TcpStream>) {
    let (status, body) = refused(503, "the station is busy; try again".into(), None);
    let mut reply = Vec::new();
    let _ = http::write_reply(&mut reply, status, &body);
    let mut closing: VecDeque<(TcpStream, Instant)> = VecDeque::new();
    let mut scratch = [0u8; 16 * 1024];
    loop {
        let next = if closing.is_empty() {
            streams.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            streams.recv_timeout(Duration::from_millis(20))
        };
        match next {
            Ok(mut stream) => {
                if stream.set_nonblocking(true).is_ok() {
                    let _ = stream.write_all(&reply);
                    let _ = stream.shutdown(Shutdown::Write);
                    if closing.len() >= MAX_FAREWELLS {
                        closing.pop_front();
                    }
                    closing.push_back((stream, Instant::now() + FAREWELL_TIME));
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let now = Instant::now();
        closing.retain_mut(|(stream, until)| {
            // At most a few reads each round, so one sender cannot keep the others waiting.
            for _ in 0..4 {
                match stream.read(&mut scratch) {
                    Ok(0) => return false,
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(_) => return false,
                }
            }
            now < *until
        });
    }
}

/// Serves one connection: one request, read whole by its deadline, and one reply. False when it
/// was a trainee's app asking how its run stands (it does so every second): that changes nothing
/// the station shows, so the station's window is not woken for it.
fn serve(
    mut stream: TcpStream,
    class: &Mutex<Class>,
    state: &SlotState,
    allowed: Duration,
) -> bool {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let deadline = Instant::now() + allowed;
    let request = match http::read_request(&mut stream, MAX_BODY, deadline, allowed) {
        Ok(request) => request,
        Err(_) if state.was_closed() => {
            let message =
                "the request was too slow and was closed to make room for others; send it again";
            let _ = reply_refused(&mut stream, 503, message.into(), None);
            let _ = stream.shutdown(Shutdown::Write);
            return true;
        }
        Err(e) => {
            if let Some(status) = e.status() {
                let _ = reply_refused(&mut stream, status, e.to_string(), None);
                let _ = stream.shutdown(Shutdown::Write);
                http::drain(&mut stream);
            }
            return true;
        }
    };
    state.mark_read();
    let (status, body) = respond(&request, class);
    let _ = http::write_reply(&mut stream, status, &body);
    request.path != STATUS
}

/// The status and body of the reply to a request read whole.
fn respond(request: &http::Request, class: &Mutex<Class>) -> (u16, Vec<u8>) {
    if request.method != "POST" {
        return refused(405, "only POST requests are served".into(), None);
    }
    let now = Timestamp::now();
    let result = match request.path.as_str() {
        JOIN => parse(&request.body).map(|join| lock(class).join(&join)),
        ANSWER => parse(&request.body).map(|answer| lock(class).answer(&answer, now)),
        STATUS => parse(&request.body).map(|status| lock(class).status(&status)),
        _ => return refused(404, format!("no such path: {}", request.path), None),
    };
    match result {
        Err(message) => refused(400, message, None),
        Ok(Ok(reply)) => (200, to_json(&reply)),
        Ok(Err(refusal)) => refused(refusal.status(), refusal.to_string(), refusal.received()),
    }
}

/// A body parsed strictly, or what is wrong with it.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("the body is not a valid request: {e}"))
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

fn refused(status: u16, error: String, received: Option<usize>) -> (u16, Vec<u8>) {
    (status, to_json(&Refused { error, received }))
}

fn reply_refused(
    stream: &mut TcpStream,
    status: u16,
    error: String,
    received: Option<usize>,
) -> io::Result<()> {
    let (status, body) = refused(status, error, received);
    http::write_reply(stream, status, &body)
}
