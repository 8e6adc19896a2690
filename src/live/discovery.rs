//! Finding a live class without typing its address. While a class runs, the station announces
//! itself on the room's network with multicast DNS (mDNS, UDP port 5353): the service
//! [`SERVICE_TYPE`], with the course code in its TXT record (never the PIN). While the join form is
//! open, the trainee app looks for such announcements and lists the classes it hears of.
//!
//! Many networks do not carry multicast (guest Wi-Fi, some company networks, a container), so
//! discovery is only ever a convenience: every error here is shown as a hint and the trainee types
//! the address as before. Announcing and looking go through the [`Discovery`] trait, so the app's
//! screens can be tested with classes "found" without any network.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use mdns_sd::{IfKind, ServiceDaemon, ServiceEvent, ServiceInfo};

/// The mDNS service type of an OnTrack station.
pub const SERVICE_TYPE: &str = "_ontrack._tcp.local.";
/// The TXT key that carries the course code.
const CODE_KEY: &str = "code";
/// The usual mDNS port (RFC 6762).
const MDNS_PORT: u16 = 5353;
/// The longest course code taken from the network; a real one has nine characters.
const MAX_CODE: usize = 32;
/// The most classes listed at once: a network full of announcements cannot flood the screen.
const MAX_FOUND: usize = 32;
/// How long ending an announcement waits for the daemon to say goodbye and close its sockets.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(1);

/// A class heard of on the network, as the join form lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundClass {
    /// The course code the station announces.
    pub code: String,
    /// The station's address as a trainee would type it (`host:port`).
    pub address: String,
}

/// Why the network could not be used for discovery (the trainee types the address instead).
#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    /// The mDNS machinery could not start (no multicast, no usable interface, the port taken).
    #[error("mDNS cannot start here: {0}")]
    Unavailable(String),
    /// The class could not be announced.
    #[error("the class cannot be announced: {0}")]
    Announce(String),
    /// The network could not be searched.
    #[error("the network cannot be searched: {0}")]
    Browse(String),
}

/// Announcing a class and looking for classes. The app uses [`Mdns`]; tests of the screens give
/// it a stand-in that "finds" what the test wants, without any network.
pub trait Discovery: Send + Sync {
    /// Announces the class of course `code` whose station listens on `port`, until the returned
    /// announcement is dropped.
    fn announce(&self, code: &str, port: u16) -> Result<Box<dyn Announcement>, DiscoveryError>;

    /// Starts looking for classes, until the returned search is dropped.
    fn browse(&self) -> Result<Box<dyn Search>, DiscoveryError>;
}

/// A class being announced: dropping it takes the announcement back and stops listening.
pub trait Announcement: Send + Sync {}

/// A look for classes on the network, going on in the background.
pub trait Search: Send + Sync {
    /// The classes heard of so far and still there, sorted by course code and address.
    fn found(&mut self) -> Vec<FoundClass>;
}

/// Discovery over mDNS with the `mdns-sd` crate (a thread of its own, no async runtime). Nothing
/// is opened until a class is announced or a search starts.
#[derive(Debug, Clone)]
pub struct Mdns {
    port: u16,
    loopback_only: bool,
}

impl Mdns {
    /// mDNS on the room's network: the usual port, every IPv4 interface.
    pub fn room() -> Mdns {
        Mdns {
            port: MDNS_PORT,
            loopback_only: false,
        }
    }

    /// mDNS on this machine only (loopback) and on a port of its own, so tests announce and find
    /// a class without anything leaving the machine or meeting another mDNS responder.
    pub fn loopback(port: u16) -> Mdns {
        Mdns {
            port,
            loopback_only: true,
        }
    }

    /// A daemon on the interfaces chosen: IPv4 only, since the address a trainee uses is
    /// `host:port`.
    fn daemon(&self) -> Result<Daemon, DiscoveryError> {
        let unavailable = |e: mdns_sd::Error| DiscoveryError::Unavailable(e.to_string());
        let daemon = Daemon(ServiceDaemon::new_with_port(self.port).map_err(unavailable)?);
        if self.loopback_only {
            daemon
                .0
                .disable_interface(IfKind::All)
                .map_err(unavailable)?;
            daemon
                .0
                .enable_interface(IfKind::LoopbackV4)
                .map_err(unavailable)?;
        } else {
            daemon
                .0
                .disable_interface(vec![IfKind::IPv6, IfKind::LoopbackV4])
                .map_err(unavailable)?;
        }
        Ok(daemon)
    }
}

impl Discovery for Mdns {
    fn announce(&self, code: &str, port: u16) -> Result<Box<dyn Announcement>, DiscoveryError> {
        let daemon = self.daemon()?;
        // Two stations may announce the same course: a random tag keeps their names apart.
        let tag = getrandom::u32().map_err(|e| DiscoveryError::Announce(e.to_string()))? & 0xffff;
        let instance = format!("OnTrack {} {tag:04x}", code.trim());
        let host = format!("ontrack-{tag:04x}.local.");
        let properties = [(CODE_KEY, code.trim())];
        let info = ServiceInfo::new(SERVICE_TYPE, &instance, &host, "", port, &properties[..])
            .map_err(|e| DiscoveryError::Announce(e.to_string()))?
            .enable_addr_auto();
        daemon
            .0
            .register(info)
            .map_err(|e| DiscoveryError::Announce(e.to_string()))?;
        Ok(Box::new(MdnsAnnouncement { _daemon: daemon }))
    }

    fn browse(&self) -> Result<Box<dyn Search>, DiscoveryError> {
        let daemon = self.daemon()?;
        let events = daemon
            .0
            .browse(SERVICE_TYPE)
            .map_err(|e| DiscoveryError::Browse(e.to_string()))?;
        Ok(Box::new(MdnsSearch {
            events,
            found: BTreeMap::new(),
            _daemon: daemon,
        }))
    }
}

/// The daemon of an announcement or a search: shut down (saying goodbye for what it announced,
/// closing its sockets) when dropped.
struct Daemon(ServiceDaemon);

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Ok(done) = self.0.shutdown() {
            let _ = done.recv_timeout(SHUTDOWN_WAIT);
        }
    }
}

struct MdnsAnnouncement {
    _daemon: Daemon,
}

impl Announcement for MdnsAnnouncement {}

struct MdnsSearch {
    events: mdns_sd::Receiver<ServiceEvent>,
    /// What each announcement heard of says, by its full name.
    found: BTreeMap<String, FoundClass>,
    _daemon: Daemon,
}

impl Search for MdnsSearch {
    fn found(&mut self) -> Vec<FoundClass> {
        while let Ok(event) = self.events.try_recv() {
            match event {
                ServiceEvent::ServiceResolved(service) => {
                    let code = service.get_property_val_str(CODE_KEY).unwrap_or_default();
                    let ips: Vec<IpAddr> = service
                        .get_addresses_v4()
                        .into_iter()
                        .map(IpAddr::from)
                        .collect();
                    let class = found_class(code, &ips, service.get_port());
                    let fullname = service.get_fullname().to_string();
                    match class {
                        Some(class) if self.found.len() < MAX_FOUND => {
                            self.found.insert(fullname, class);
                        }
                        Some(class) => {
                            if let Some(known) = self.found.get_mut(&fullname) {
                                *known = class;
                            }
                        }
                        None => {
                            self.found.remove(&fullname);
                        }
                    }
                }
                ServiceEvent::ServiceRemoved(_, fullname) => {
                    self.found.remove(&fullname);
                }
                _ => {}
            }
        }
        let mut found: Vec<FoundClass> = self.found.values().cloned().collect();
        found.sort();
        found.dedup();
        found
    }
}

/// The class an announcement describes, if it is one a trainee can use: a course code that looks
/// like one (whatever the network sends), an IPv4 address (the lowest of those given, a
/// routable one before a link-local one), a port.
pub fn found_class(code: &str, ips: &[IpAddr], port: u16) -> Option<FoundClass> {
    let code = code.trim();
    let plausible = !code.is_empty()
        && code.len() <= MAX_CODE
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !plausible || port == 0 {
        return None;
    }
    let ip: Ipv4Addr = ips
        .iter()
        .filter_map(|ip| match ip {
            IpAddr::V4(v4) if !v4.is_unspecified() && !v4.is_multicast() => Some(*v4),
            _ => None,
        })
        .min_by_key(|v4| (v4.is_link_local(), *v4))?;
    Some(FoundClass {
        code: code.to_ascii_uppercase(),
        address: SocketAddr::new(ip.into(), port).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announcement_is_listed_only_when_it_is_usable() {
        let lan: IpAddr = Ipv4Addr::new(192, 168, 1, 20).into();
        let link_local: IpAddr = Ipv4Addr::new(169, 254, 3, 4).into();
        let v6: IpAddr = "fe80::1".parse().expect("an address");
        assert_eq!(
            found_class(" dcbt-0z89 ", &[v6, link_local, lan], 47474),
            Some(FoundClass {
                code: "DCBT-0Z89".into(),
                address: "192.168.1.20:47474".into(),
            })
        );
        assert_eq!(
            found_class("DCBT-0Z89", &[link_local], 47474).map(|c| c.address),
            Some("169.254.3.4:47474".into())
        );
        for (code, ips, port) in [
            ("", vec![lan], 47474),
            ("DCBT 0Z89", vec![lan], 47474),
            ("<b>DCBT</b>", vec![lan], 47474),
            (&*"X".repeat(MAX_CODE + 1), vec![lan], 47474),
            ("DCBT-0Z89", vec![v6], 47474),
            ("DCBT-0Z89", vec![], 47474),
            ("DCBT-0Z89", vec![lan], 0),
        ] {
            assert_eq!(
                found_class(code, &ips, port),
                None,
                "{code:?} {ips:?} {port}"
            );
        }
    }
}
