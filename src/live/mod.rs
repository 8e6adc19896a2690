//! Live class: the trainer station collects every answer the moment it is given, over the room's
//! network, and the trainer watches the class's forecasts case by case.
//!
//! A run file can be resealed by anyone who reads OnTrack's source, so a file handed in after the
//! class proves little. In a live class the station keeps its own copy of each run, built from the
//! answers as they arrive and checked against the run's state machine on arrival; that copy is the
//! record that counts (see [`class`]). The trainee app keeps writing its own run file first, as
//! always, and hands each answer to a [`link::LiveLink`] that sends it. Nothing listens unless a
//! trainer starts a class ([`server::LiveServer`]); while it runs, the station announces itself on
//! the network where multicast is carried, so trainees can pick it instead of typing its address
//! ([`discovery`]).

pub mod class;
pub mod discovery;
pub mod http;
pub mod link;
pub mod protocol;
pub mod server;
pub mod slots;

/// Why a class PIN could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("no class PIN could be drawn: {0}")]
pub struct PinError(String);

/// A new class PIN: six digits from the operating system's randomness, short enough to read off a
/// projector.
pub fn new_pin() -> Result<String, PinError> {
    let n = getrandom::u32()
        .map_err(|e| PinError(format!("the operating system gave no random numbers ({e})")))?;
    Ok(format!("{:06}", n % 1_000_000))
}

/// The PIN of the class of course `code` kept in `dir`: the one drawn when the class first started
/// there, so a station that is stopped and started again (or restarted after a crash) keeps the PIN
/// the trainees typed; a new one otherwise.
pub fn class_pin(dir: &std::path::Path, code: &str) -> Result<String, PinError> {
    let path = dir.join(format!(".{}.live-pin", crate::run::store::slug(code)));
    if let Ok(pin) = std::fs::read_to_string(&path)
        && pin.trim().len() == 6
        && pin.trim().bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(pin.trim().to_string());
    }
    let pin = new_pin()?;
    crate::run::store::write_atomic(&path, pin.as_bytes())
        .map_err(|e| PinError(format!("cannot keep it in {}: {e}", path.display())))?;
    Ok(pin)
}

/// The address trainees type: the computer's address on the room's network when the station
/// listens on every interface (found by asking the system which address it would send from; no
/// packet is sent), else the address listened on.
pub fn shown_address(listening: std::net::SocketAddr) -> String {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
    if !listening.ip().is_unspecified() {
        return listening.to_string();
    }
    let lan = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| {
            // A documentation address (RFC 5737): connecting a UDP socket only picks a route.
            s.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    SocketAddr::new(lan, listening.port()).to_string()
}
