//! The station's connection slots, shared fairly: a room of trainees must be served whatever one
//! laptop in it does (slowloris, idle connections, floods).
//!
//! Each connection has a slot (a thread) until its request is answered. A legitimate request
//! arrives whole within milliseconds of connecting, so what tells a hog from a trainee is not its
//! address (on loopback, or behind one router, every client has the same one) but how long its
//! connection stays *unread* (its request not yet complete). Two rules follow:
//!
//! - **A fair share per host**: a host may keep at most [`Limits::per_host`] connections unread for
//!   longer than [`Limits::grace`]; the ones beyond its share that have been open longest are
//!   closed, and the host is reported to the trainer ([`RefusedHost`]). A room of trainees behind
//!   one address is never affected, since their requests do not linger.
//! - **Room for newcomers**: when every slot is taken, the unread connection of the host with the
//!   most unread connections that has been open longest is closed to make room. Only when every
//!   slot holds a complete request (being answered, which takes milliseconds) is the newcomer
//!   refused, with a 503 it can read.
//!
//! Whatever else happens, a connection is closed once its whole request has taken longer than
//! [`Limits::request`] (see [`super::http`]).
//!
//! A closed connection's thread is woken by shutting the reading side of its socket, so the slot
//! is free at once.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv6Addr, Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::Timestamp;

/// The most hosts the trainer is told about (the rest are still refused).
const MAX_REPORTED_HOSTS: usize = 64;

/// How many connections the station serves and how long it waits for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections served at once, one thread each.
    pub connections: usize,
    /// Connections one host may keep unread for longer than `grace`.
    pub per_host: usize,
    /// How long a connection may stay unread before it counts against its host's share: far more
    /// than a request on a room's network takes.
    pub grace: Duration,
    /// How long a whole request (head and body) may take to arrive.
    pub request: Duration,
}

impl Default for Limits {
    /// 64 slots, 8 slow connections per host, a second's grace, 5 s for a whole request.
    fn default() -> Self {
        Limits {
            connections: 64,
            per_host: 8,
            grace: Duration::from_secs(1),
            request: Duration::from_secs(5),
        }
    }
}

/// A host as the station tells hosts apart: an IPv4 address, or an IPv6 /64 network (one computer
/// may take any number of addresses of its /64). Link-local IPv6 addresses share one /64 on every
/// network, so each counts on its own.
pub fn host_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None if v6.is_unicast_link_local() => ip,
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// A host whose connections the station closed because it held more than its share, for the
/// trainer to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedHost {
    /// The host (an IPv6 host as its /64 network).
    pub host: IpAddr,
    /// How many of its connections were closed.
    pub closed: usize,
    /// When the last was closed.
    pub last: Timestamp,
}

/// What a slot and the thread serving it share.
#[derive(Debug, Default)]
pub struct SlotState {
    read: AtomicBool,
    closed: AtomicBool,
}

impl SlotState {
    /// The request was read whole: from now on the connection is never closed to make room.
    pub fn mark_read(&self) {
        self.read.store(true, Ordering::SeqCst);
    }

    /// Whether the station closed the connection to make room (it is told so with a 503).
    pub fn was_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    fn unread(&self) -> bool {
        !self.read.load(Ordering::SeqCst) && !self.was_closed()
    }
}

/// One connection being served.
struct Slot {
    host: IpAddr,
    since: Instant,
    /// A handle on the connection's socket, to close it.
    stream: TcpStream,
    state: Arc<SlotState>,
    thread: JoinHandle<()>,
}

impl Slot {
    fn close(&self) {
        self.state.closed.store(true, Ordering::SeqCst);
        let _ = self.stream.shutdown(Shutdown::Read);
    }
}

/// What the rules see of a connection.
#[derive(Debug, Clone, Copy)]
struct Seen {
    host: IpAddr,
    since: Instant,
    unread: bool,
}

/// Every connection being served, and the hosts refused.
pub struct Slots {
    limits: Limits,
    open: Vec<Slot>,
    refused: BTreeMap<IpAddr, RefusedHost>,
}

impl Slots {
    pub fn new(limits: Limits) -> Slots {
        Slots {
            limits,
            open: Vec::new(),
            refused: BTreeMap::new(),
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.open
            .iter()
            .map(|s| Seen {
                host: s.host,
                since: s.since,
                unread: s.state.unread(),
            })
            .collect()
    }

    /// Makes room for one more connection: false when every slot holds a complete request, and
    /// the newcomer is to be refused.
    pub fn make_room(&mut self) -> bool {
        self.open.retain(|s| !s.thread.is_finished());
        let serving = self.open.iter().filter(|s| !s.state.was_closed()).count();
        if serving < self.limits.connections {
            return true;
        }
        let seen = self.seen();
        let Some(i) = victim(&seen) else {
            return false;
        };
        let host = seen[i].host;
        if seen.iter().filter(|s| s.unread && s.host == host).count() > self.limits.per_host {
            self.report(host, 1);
        }
        self.open[i].close();
        true
    }

    /// Takes in a connection from `host`, served by `thread`; `stream` is a handle on its socket.
    pub fn add(
        &mut self,
        host: IpAddr,
        stream: TcpStream,
        state: Arc<SlotState>,
        thread: JoinHandle<()>,
    ) {
        self.open.push(Slot {
            host,
            since: Instant::now(),
            stream,
            state,
            thread,
        });
    }

    /// Closes the slow connections of each host beyond its share.
    pub fn sweep(&mut self, now: Instant) {
        self.open.retain(|s| !s.thread.is_finished());
        let seen = self.seen();
        for i in over_share(&seen, self.limits.per_host, self.limits.grace, now) {
            self.open[i].close();
            self.report(seen[i].host, 1);
        }
    }

    /// Closes every connection whose request is not read yet (the station stops), and hands over
    /// the threads to wait for.
    pub fn close_all(&mut self) -> Vec<JoinHandle<()>> {
        self.open
            .drain(..)
            .map(|s| {
                if s.state.unread() {
                    s.close();
                }
                s.thread
            })
            .collect()
    }

    /// The hosts refused for holding more than their share, most recent last.
    pub fn refused(&self) -> Vec<RefusedHost> {
        let mut hosts: Vec<RefusedHost> = self.refused.values().cloned().collect();
        hosts.sort_by_key(|h| h.last);
        hosts
    }

    fn report(&mut self, host: IpAddr, closed: usize) {
        let last = Timestamp::now();
        if let Some(known) = self.refused.get_mut(&host) {
            known.closed += closed;
            known.last = last;
        } else if self.refused.len() < MAX_REPORTED_HOSTS {
            self.refused
                .insert(host, RefusedHost { host, closed, last });
        }
    }
}

/// The connection to close when every slot is taken: an unread one of the host with the most
/// unread connections, the one of them open longest.
fn victim(seen: &[Seen]) -> Option<usize> {
    let mut unread: BTreeMap<IpAddr, usize> = BTreeMap::new();
    for s in seen.iter().filter(|s| s.unread) {
        *unread.entry(s.host).or_default() += 1;
    }
    seen.iter()
        .enumerate()
        .filter(|(_, s)| s.unread)
        .max_by_key(|(_, s)| {
            let count = unread.get(&s.host).copied().unwrap_or(0);
            (count, std::cmp::Reverse(s.since))
        })
        .map(|(i, _)| i)
}

/// The connections to close because their host keeps more than `share` of them unread for longer
/// than `grace`: those beyond the share that have been open longest.
fn over_share(seen: &[Seen], share: usize, grace: Duration, now: Instant) -> Vec<usize> {
    let mut slow: BTreeMap<IpAddr, Vec<usize>> = BTreeMap::new();
    for (i, s) in seen.iter().enumerate() {
        if s.unread && now.saturating_duration_since(s.since) > grace {
            slow.entry(s.host).or_default().push(i);
        }
    }
    slow.into_values()
        .flat_map(|mut of_host| {
            of_host.sort_by_key(|&i| seen[i].since);
            let excess = of_host.len().saturating_sub(share);
            of_host.truncate(excess);
            of_host
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn at(t0: Instant, ms: u64) -> Instant {
        t0 + Duration::from_millis(ms)
    }

    fn seen(host: u8, since: Instant, unread: bool) -> Seen {
        Seen {
            host: IpAddr::V4(Ipv4Addr::new(10, 0, 0, host)),
            since,
            unread,
        }
    }

    #[test]
    fn the_host_with_most_unread_connections_loses_its_oldest_first() {
        let t0 = Instant::now();
        let list = [
            seen(1, at(t0, 0), false), // a trainee's request being answered: never closed
            seen(2, at(t0, 10), true),
            seen(3, at(t0, 20), true),
            seen(3, at(t0, 5), true), // host 3 has two unread: its oldest goes
            seen(3, at(t0, 30), true),
        ];
        assert_eq!(victim(&list), Some(3));
        let all_read = [seen(1, at(t0, 0), false), seen(2, at(t0, 1), false)];
        assert_eq!(victim(&all_read), None, "a newcomer is refused instead");
    }

    #[test]
    fn a_host_keeps_its_share_of_slow_connections_and_loses_the_oldest_beyond_it() {
        let t0 = Instant::now();
        let now = at(t0, 5_000);
        let grace = Duration::from_secs(1);
        let mut list: Vec<Seen> = (0..5).map(|k| seen(7, at(t0, 100 * k), true)).collect();
        list.push(seen(7, at(t0, 4_500), true)); // young: within its grace
        list.push(seen(7, at(t0, 50), false)); // read whole
        list.push(seen(8, at(t0, 0), true)); // another host, within its share
        let mut closed = over_share(&list, 3, grace, now);
        closed.sort_unstable();
        assert_eq!(
            closed,
            vec![0, 1],
            "5 slow of host 7, share 3: the 2 oldest"
        );
        assert!(over_share(&list, 5, grace, now).is_empty());
    }

    #[test]
    fn hosts_are_ipv4_addresses_or_ipv6_networks() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::7".parse().expect("ip");
        let other: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(host_of(a), host_of(b));
        assert_ne!(host_of(a), host_of(other));
        assert_eq!(host_of(a), "2001:db8:1:2::".parse::<IpAddr>().expect("ip"));
        let mapped: IpAddr = "::ffff:192.168.1.20".parse().expect("ip");
        assert_eq!(
            host_of(mapped),
            "192.168.1.20".parse::<IpAddr>().expect("ip")
        );
        let link_a: IpAddr = "fe80::1:2".parse().expect("ip");
        let link_b: IpAddr = "fe80::3:4".parse().expect("ip");
        assert_ne!(
            host_of(link_a),
            host_of(link_b),
            "two computers on one link"
        );
        let v4: IpAddr = "192.168.1.21".parse().expect("ip");
        assert_eq!(host_of(v4), v4);
    }
}
