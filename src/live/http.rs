//! The little of HTTP/1.1 the station needs: read one request (head parsed by `httparse`, body read
//! only when its declared length is within the limit), write one reply, close. One request per
//! connection keeps it simple and is plenty for a class on a local network.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// The longest request head (request line and headers), in bytes.
const MAX_HEAD: usize = 8 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 32;
/// How much of a refused body is still read and dropped after the reply, so the sender can read
/// the reply instead of seeing the connection reset; and for how long at most.
const MAX_DRAIN: usize = 16 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(3);

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
            HttpError::Io(_) => None,
        }
    }
}

/// Reads one request from `stream`; a body longer than `max_body` is refused before it is read.
pub fn read_request(stream: &mut impl Read, max_body: usize) -> Result<Request, HttpError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(HttpError::Malformed(
                "the connection closed before the request was complete".into(),
            ));
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
                let mut rest = vec![0u8; length - body.len()];
                stream.read_exact(&mut rest)?;
                body.extend_from_slice(&rest);
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
pub fn drain(stream: &mut impl Read) {
    let until = Instant::now() + DRAIN_TIME;
    let mut chunk = [0u8; 16 * 1024];
    let mut total = 0;
    while total < MAX_DRAIN && Instant::now() < until {
        match stream.read(&mut chunk) {
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

    fn read(text: &[u8]) -> Result<Request, HttpError> {
        read_request(&mut io::Cursor::new(text.to_vec()), 100)
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
