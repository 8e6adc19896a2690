//! Answers per second a live-class station takes from 40 trainees at once, on loopback: each
//! trainee (a thread with its own run file and link, as the app has) plays a whole course of
//! `tests/scenarios/minimal.ron` as fast as it can, and the clock stops when the station holds
//! every answer. Run: `cargo bench --no-default-features --bench live`.
//!
//! Every answer costs two atomic writes with fsync on each side (the trainee's own run file, the
//! station's copy and its receipt), so the figure says as much about the disk as about the
//! server; the trainees and the station share the machine's cores. Printed twice: quiet, and
//! while 100 slowloris connections (one byte every 3 s) run against the station.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may fail loudly

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use ontrack::forecast::Benchmarks;
use ontrack::live::class::Class;
use ontrack::live::link::{LiveLink, Station};
use ontrack::live::server::LiveServer;
use ontrack::run::bots::{Bot, BotPlayer};
use ontrack::run::{Session, code};
use ontrack::scenario::resolve;

const TRAINEES: usize = 40;
const PIN: &str = "909090";

fn main() {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("live class on loopback, {TRAINEES} trainees at once, {cores} cores");
    for slowloris in [false, true] {
        let (answers, seconds) = round(slowloris);
        println!(
            "{:<28} {answers} answers in {seconds:.2} s: {:.0} answers/s",
            if slowloris {
                "under slowloris (100 conn.):"
            } else {
                "quiet:"
            },
            answers as f64 / seconds
        );
    }
}

/// One class played whole as fast as the trainees can: (answers, seconds).
fn round(slowloris: bool) -> (usize, f64) {
    let scenario = Arc::new(resolve("tests/scenarios/minimal.ron").unwrap());
    let seed = 5;
    let course = code::encode(&scenario.course_prefix(), seed).unwrap();
    let station_dir = tempfile::tempdir().unwrap();
    let own = tempfile::tempdir().unwrap();
    let class = Class::open(
        &course,
        Arc::clone(&scenario),
        seed,
        PIN,
        station_dir.path(),
    )
    .unwrap();
    let server = LiveServer::start(class, "127.0.0.1:0".parse().unwrap()).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let attacker = slowloris.then(|| {
        let (addr, stop) = (server.addr(), Arc::clone(&stop));
        std::thread::spawn(move || attack(addr, &stop))
    });
    if slowloris {
        std::thread::sleep(Duration::from_secs(2));
    }
    let at = Station {
        address: server.addr().to_string(),
        pin: PIN.into(),
    };
    let bench = Benchmarks::new(&scenario);
    let ready = Barrier::new(TRAINEES + 1);
    let (answers, seconds) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..TRAINEES)
            .map(|i| {
                let (at, bench, ready, scenario, course) =
                    (&at, &bench, &ready, &scenario, &course);
                let own = own.path();
                scope.spawn(move || {
                    let mut session =
                        Session::start(own, Arc::clone(scenario), seed, &format!("t{i}"), course)
                            .unwrap();
                    let link = LiveLink::start(at.clone(), session.file()).unwrap();
                    let mut bot = BotPlayer::new(Bot::Typical, bench, i as u64);
                    ready.wait();
                    while let Some(action) = bot.next_action(session.run()) {
                        session.apply(action).unwrap();
                        link.push(session.file().log.last().cloned().unwrap());
                    }
                    let state = link.wait_delivered(Duration::from_secs(300));
                    assert!(state.all_delivered(), "{state:?}");
                    state.delivered
                })
            })
            .collect();
        ready.wait();
        let started = Instant::now();
        let answers: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
        (answers, started.elapsed().as_secs_f64())
    });
    stop.store(true, Ordering::SeqCst);
    if let Some(attacker) = attacker {
        attacker.join().unwrap();
    }
    server.stop();
    (answers, seconds)
}

/// 100 connections sending one byte of a request head every 3 s, reopened when closed.
fn attack(addr: SocketAddr, stop: &AtomicBool) {
    let mut conns: Vec<Option<TcpStream>> = (0..100).map(|_| None).collect();
    while !stop.load(Ordering::SeqCst) {
        for conn in &mut conns {
            if conn.is_none() {
                *conn = TcpStream::connect(addr).ok();
            }
            if let Some(stream) = conn
                && stream.write_all(b"a").is_err()
            {
                *conn = None;
            }
        }
        for _ in 0..150 {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
