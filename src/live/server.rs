//! The station's server: listens while a class runs, on a background thread, and hands each request
//! to the [`Class`]. A connection gets a thread of its own (at most [`MAX_CONNECTIONS`] at once),
//! read and write timeouts, and one request; whatever it sends, the server answers with a status
//! and keeps running. Stopping closes the listener and waits for the requests in flight, so
//! nothing is written after [`LiveServer::stop`] returns.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::class::Class;
use super::http::{self, HttpError};
use super::protocol::{ANSWER, JOIN, MAX_BODY, Refused, STATUS};

/// The most connections served at once; more wait in the listener's queue.
pub const MAX_CONNECTIONS: usize = 64;
/// How long a connection may take to send its request or read the reply.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// A running server and the class it serves.
pub struct LiveServer {
    addr: SocketAddr,
    class: Arc<Mutex<Class>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

/// Locks the class; a thread that panicked while holding it left it usable (every change is
/// made whole or not at all), so the lock is taken over.
pub fn lock(class: &Mutex<Class>) -> MutexGuard<'_, Class> {
    class
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl LiveServer {
    /// Starts serving `class` on `addr` (port 0: any free port; see [`LiveServer::addr`]).
    pub fn start(class: Class, addr: SocketAddr) -> io::Result<LiveServer> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let class = Arc::new(Mutex::new(class));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let class = Arc::clone(&class);
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("live-class-server".into())
                .spawn(move || accept_loop(&listener, &class, &stop))?
        };
        Ok(LiveServer {
            addr,
            class,
            stop,
            accept: Some(accept),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The class, shared with the request threads (for the live view and the hold).
    pub fn class(&self) -> &Arc<Mutex<Class>> {
        &self.class
    }

    /// Stops listening and waits for the requests in flight.
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
        let _ = TcpStream::connect_timeout(&wake, IO_TIMEOUT);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

impl Drop for LiveServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

fn accept_loop(listener: &TcpListener, class: &Arc<Mutex<Class>>, stop: &AtomicBool) {
    let mut serving: Vec<JoinHandle<()>> = Vec::new();
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else {
            continue;
        };
        serving.retain(|h| !h.is_finished());
        if serving.len() >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
            let _ = reply_refused(
                &mut stream,
                503,
                "the station is busy; try again".into(),
                None,
            );
            continue;
        }
        let class = Arc::clone(class);
        let spawned = std::thread::Builder::new()
            .name("live-class-request".into())
            .spawn(move || serve(stream, &class));
        if let Ok(handle) = spawned {
            serving.push(handle);
        }
    }
    for handle in serving {
        let _ = handle.join();
    }
}

/// Serves one connection: one request, one reply.
fn serve(mut stream: TcpStream, class: &Mutex<Class>) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let request = match http::read_request(&mut stream, MAX_BODY) {
        Ok(request) => request,
        Err(e) => {
            if let Some(status) = e.status() {
                let _ = reply_refused(&mut stream, status, e.to_string(), None);
                if matches!(e, HttpError::TooLarge { .. }) {
                    let _ = stream.shutdown(std::net::Shutdown::Write);
                    http::drain(&mut stream);
                }
            }
            return;
        }
    };
    let (status, body) = respond(&request, class);
    let _ = http::write_reply(&mut stream, status, &body);
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
