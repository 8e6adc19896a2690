//! The little of HTTP/1.1 the station needs: read one request (head parsed by `httparse`, body read
//! only when its declared length is within the limit), write one reply, close. One request per
//! connection keeps it simple and is plenty for a class on a local network.
//!
//! A request is read by one deadline for the whole of it, head and body: every read waits only for
//! what is left of that time, so a client that sends a byte now and then cannot keep its
//! connection (and the thread serving it) for longer than the deadline ("slowloris").

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The longest request head (request line and headers), in bytes.
const MAX_HEAD: usize = 8 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 32;
/// How much of a refused body is still read and dropped after the reply, so the sender can read
/// the reply instead of seeing the connection reset; and for how long at most.
const MAX_DRAIN: usize = 16 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// A stream whose reads can be bounded in time, so that one deadline covers a whole request.
pub trait TimedRead: Read {
    /// The longest the next read may wait (never zero).
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()>;
}

impl TimedRead for TcpStream {
    fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        TcpStream::set_read_timeout(self, Some(timeout))
    }
}

/// A request read whole.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// Why a request could not be read; each has its status code.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("not an HTTP request: {0}")]
    Malformed(String),
    #[error("the request's headers are longer than {MAX_HEAD} bytes")]
    HeadTooLarge,
    #[error("the body is {found} bytes; at most {limit} are accepted")]
    TooLarge { found: usize, limit: usize },
    #[error("send the body with a Content-Length header (chunked bodies are not accepted)")]
    LengthRequired,
    #[error("the request was not sent in time (the whole of it within {0:?})")]
    TooSlow(Duration),
    #[error("the connection broke: {0}")]
    Io(#[from] io::Error),
}

impl HttpError {
    /// The status of the reply, or `None` when there is no one left to reply to.
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::Malformed(_) => Some(400),
            HttpError::HeadTooLarge => Some(431),
            HttpError::TooLarge { .. } => Some(413),
            HttpError::LengthRequired => Some(411),
            HttpError::TooSlow(_) => Some(408),
            HttpError::Io(_) => None,
        }
    }
}

/// Reads one request from `stream`, all of it by `deadline` (it was given `allowed` in all); a body
/// longer than `max_body` is refused before it is read.
pub fn read_request(
    stream: &mut impl TimedRead,
    max_body: usize,
    deadline: Instant,
    allowed: Duration,
) -> Result<Request, HttpError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = read_by(stream, &mut chunk, deadline, allowed)?;
        if n == 0 {
            return Err(closed_early());
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut head = httparse::Request::new(&mut headers);
        match head.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => {
                let method = head.method.unwrap_or_default().to_string();
                let path = head.path.unwrap_or_default().to_string();
                let length = body_length(head.headers)?;
                if length > max_body {
                    return Err(HttpError::TooLarge {
                        found: length,
                        limit: max_body,
                    });
                }
                let mut body = buf.get(len..).unwrap_or_default().to_vec();
                if body.len() > length {
                    return Err(HttpError::Malformed(
                        "more data than the Content-Length says".into(),
                    ));
                }
                let mut filled = body.len();
                body.resize(length, 0);
                while let Some(rest) = body.get_mut(filled..).filter(|r| !r.is_empty()) {
                    match read_by(stream, rest, deadline, allowed)? {
                        0 => return Err(closed_early()),
                        n => filled += n,
                    }
                }
                return Ok(Request { method, path, body });
            }
            Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => {
                return Err(HttpError::HeadTooLarge);
            }
            Ok(httparse::Status::Partial) => {}
            Err(e) => return Err(HttpError::Malformed(e.to_string())),
        }
    }
}

fn closed_early() -> HttpError {
    HttpError::Malformed("the connection closed before the request was complete".into())
}

/// One read that waits no longer than what is left until `deadline`.
fn read_by(
    stream: &mut impl TimedRead,
    buf: &mut [u8],
    deadline: Instant,
    allowed: Duration,
) -> Result<usize, HttpError> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HttpError::TooSlow(allowed));
        }
        stream.set_read_timeout(left)?;
        match stream.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HttpError::TooSlow(allowed));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The declared body length: 0 without a body, refused when chunked or unreadable.
fn body_length(headers: &[httparse::Header]) -> Result<usize, HttpError> {
    if headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("transfer-encoding"))
    {
        return Err(HttpError::LengthRequired);
    }
    let mut lengths = headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("content-length"));
    let Some(first) = lengths.next() else {
        return Ok(0);
    };
    if lengths.next().is_some() {
        return Err(HttpError::Malformed("two Content-Length headers".into()));
    }
    std::str::from_utf8(first.value)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        .ok_or_else(|| HttpError::Malformed("the Content-Length is not a number".into()))
}

/// Writes a JSON reply with `status` and closes the sending side.
pub fn write_reply(stream: &mut impl Write, status: u16, json: &[u8]) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        reason(status),
        json.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(json)?;
    stream.flush()
}

/// Reads and drops what a client still sends after its request was refused (bounded in bytes and
/// time), so that closing the connection does not reset it before the client has read the reply.
pub fn drain(stream: &mut impl TimedRead) {
    let until = Instant::now() + DRAIN_TIME;
    let mut chunk = [0u8; 16 * 1024];
    let mut total = 0;
    while total < MAX_DRAIN {
        match read_by(stream, &mut chunk, until, DRAIN_TIME) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl TimedRead for io::Cursor<Vec<u8>> {
        fn set_read_timeout(&mut self, _: Duration) -> io::Result<()> {
            Ok(())
        }
    }

    const ALLOWED: Duration = Duration::from_secs(5);

    fn read(text: &[u8]) -> Result<Request, HttpError> {
        let deadline = Instant::now() + ALLOWED;
        read_request(&mut io::Cursor::new(text.to_vec()), 100, deadline, ALLOWED)
    }

    /// Sends one byte per read, each after `pause` once the first `quick` bytes are sent: every
    /// read is quick, the whole is slow.
    struct Trickle {
        bytes: Vec<u8>,
        sent: usize,
        quick: usize,
        pause: Duration,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.sent >= self.quick {
                std::thread::sleep(self.pause);
            }
            let Some((&b, slot)) = self.bytes.get(self.sent).zip(buf.first_mut()) else {
                return Ok(0);
            };
            *slot = b;
            self.sent += 1;
            Ok(1)
        }
    }

    impl TimedRead for Trickle {
        fn set_read_timeout(&mut self, _: Duration) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_request_sent_a_byte_at_a_time_must_still_arrive_by_its_deadline() {
        let text = b"POST /answer HTTP/1.1\r\nContent-Length: 2\r\n\r\nab".to_vec();
        let allowed = Duration::from_millis(150);
        let mut slow = Trickle {
            bytes: text.clone(),
            sent: 0,
            quick: 0,
            pause: Duration::from_millis(10),
        };
        let started = Instant::now();
        let result = read_request(&mut slow, 100, started + allowed, allowed);
        assert!(matches!(result, Err(HttpError::TooSlow(_))), "{result:?}");
        assert_eq!(result.err().and_then(|e| e.status()), Some(408));
        // 45 bytes at 10 ms each would take 450 ms; it is cut off at the deadline.
        assert!(started.elapsed() < Duration::from_millis(300));
        assert!(slow.sent < text.len());

        // The head at once, then the body a byte at a time: the body is within the deadline too.
        let head = b"POST /answer HTTP/1.1\r\nContent-Length: 40\r\n\r\n".to_vec();
        let mut slow_body = Trickle {
            bytes: [head.clone(), vec![b'x'; 40]].concat(),
            sent: 0,
            quick: head.len(),
            pause: Duration::from_millis(10),
        };
        let started = Instant::now();
        let result = read_request(&mut slow_body, 100, started + allowed, allowed);
        assert!(matches!(result, Err(HttpError::TooSlow(_))), "{result:?}");
        assert!(started.elapsed() < Duration::from_millis(300));
        assert!(slow_body.sent > head.len(), "cut off in the body");

        // The same bytes, quickly: read whole.
        let mut quick = Trickle {
            bytes: text,
            sent: 0,
            quick: 0,
            pause: Duration::ZERO,
        };
        let r = read_request(&mut quick, 100, Instant::now() + allowed, allowed).expect("reads");
        assert_eq!(r.body, b"ab");
    }

    #[test]
    fn a_request_is_read_with_its_body() {
        let r = read(b"POST /join HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd")
            .expect("reads");
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/join"));
        assert_eq!(r.body, b"abcd");
    }

    #[test]
    fn bad_requests_get_their_status() {
        let status = |text: &[u8]| read(text).err().and_then(|e| e.status());
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n"),
            Some(413)
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
            Some(400)
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Some(411)
        );
        assert_eq!(status(b"\x00\x01 nonsense\r\n\r\n"), Some(400));
        assert_eq!(status(b"POST / HTTP/1.1\r\n"), Some(400), "cut off");
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_HEAD + 10));
        assert_eq!(status(long.as_bytes()), Some(431));
    }
}
