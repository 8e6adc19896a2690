//! Unkind clients for the live-class tests: slowloris, idle connections and a malformed flood, each
//! on threads of its own until the attack is dropped. They reconnect whenever the station closes
//! one of their connections, so the station is under the same pressure the whole time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running attack; dropping it stops it.
pub struct Attack {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    /// Connections opened, over the whole attack.
    pub opened: Arc<AtomicUsize>,
}

impl Attack {
    /// No attack: the control.
    pub fn none() -> Attack {
        Attack::new()
    }

    fn new() -> Attack {
        Attack {
            stop: Arc::new(AtomicBool::new(false)),
            threads: Vec::new(),
            opened: Arc::new(AtomicUsize::new(0)),
        }
    }

    fn spawn(&mut self, work: impl FnOnce(&AtomicBool, &AtomicUsize) + Send + 'static) {
        let (stop, opened) = (Arc::clone(&self.stop), Arc::clone(&self.opened));
        self.threads
            .push(std::thread::spawn(move || work(&stop, &opened)));
    }

    /// Connections opened so far.
    pub fn opened(&self) -> usize {
        self.opened.load(Ordering::SeqCst)
    }
}

impl Drop for Attack {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn connect(addr: SocketAddr, opened: &AtomicUsize) -> Option<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    opened.fetch_add(1, Ordering::SeqCst);
    Some(stream)
}

/// Sleeps `d` in small steps; false once the attack is to stop.
fn pause(d: Duration, stop: &AtomicBool) -> bool {
    let until = Instant::now() + d;
    while Instant::now() < until {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    !stop.load(Ordering::SeqCst)
}

/// The head of a request that never ends, sent one byte at a time.
fn endless_head(i: usize) -> u8 {
    const HEAD: &[u8] = b"POST /answer HTTP/1.1\r\nHost: station\r\nX-Slow: ";
    HEAD.get(i).copied().unwrap_or(b'a')
}

/// `connections` connections that each send one byte of a request head every `every`; a
/// connection the station closes is opened again at the next byte.
pub fn slowloris(addr: SocketAddr, connections: usize, every: Duration) -> Attack {
    let mut attack = Attack::new();
    attack.spawn(move |stop, opened| {
        let mut conns: Vec<Option<(TcpStream, usize)>> = (0..connections).map(|_| None).collect();
        loop {
            for conn in &mut conns {
                if conn.is_none() {
                    *conn = connect(addr, opened).map(|s| (s, 0));
                }
                if let Some((stream, sent)) = conn {
                    if stream.write_all(&[endless_head(*sent)]).is_ok() {
                        *sent += 1;
                    } else {
                        *conn = None;
                    }
                }
            }
            if !pause(every, stop) {
                return;
            }
        }
    });
    attack
}

/// `connections` connections that send nothing; one the station closes is opened again (looked
/// at every 200 ms).
pub fn idle(addr: SocketAddr, connections: usize) -> Attack {
    let mut attack = Attack::new();
    attack.spawn(move |stop, opened| {
        let mut conns: Vec<Option<TcpStream>> = (0..connections).map(|_| None).collect();
        let mut scratch = [0u8; 1024];
        loop {
            for conn in &mut conns {
                let closed = match conn {
                    None => true,
                    Some(stream) => {
                        let _ = stream.set_nonblocking(true);
                        let read = stream.read(&mut scratch);
                        !matches!(read, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
                    }
                };
                if closed {
                    *conn = connect(addr, opened);
                }
            }
            if !pause(Duration::from_millis(200), stop) {
                return;
            }
        }
    });
    attack
}

/// Bursts of `burst` connections as fast as they open, each sending one malformed request
/// (garbage, an absurd Content-Length, a chunked body, a head too long) and closing at once
/// without reading the reply, with `gap` between bursts.
pub fn malformed_flood(addr: SocketAddr, burst: usize, gap: Duration) -> Attack {
    let long_head = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(9000));
    let garbage: Vec<Vec<u8>> = vec![
        b"\x00\x01\x02 not http\r\n\r\n".to_vec(),
        b"POST /answer HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\n".to_vec(),
        b"POST /join HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            .to_vec(),
        long_head.into_bytes(),
        b"POST /answer HTTP/1.1\r\nContent-Length: 5\r\n\r\n{\"pin".to_vec(),
    ];
    let mut attack = Attack::new();
    attack.spawn(move |stop, opened| {
        loop {
            for i in 0..burst {
                if let Some(mut s) = connect(addr, opened) {
                    let _ = s.write_all(&garbage[i % garbage.len()]);
                }
            }
            if !pause(gap, stop) {
                return;
            }
        }
    });
    attack
}
