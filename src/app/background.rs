//! Work that would freeze the window (norming the early-warning rule, scoring earlier runs) runs on
//! its own thread; the screens poll for the result once per frame and show that they are waiting.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The result of a computation running on another thread.
pub struct Background<T> {
    /// Behind a mutex only so the app state can be shared with the window's systems (a receiver is
    /// not `Sync`); just one thread ever polls it.
    receiver: Mutex<Receiver<T>>,
}

/// What a poll finds.
#[derive(Debug, PartialEq)]
pub enum Poll<T> {
    /// The result (given once).
    Ready(T),
    /// Still working.
    Running,
    /// The thread ended without a result (it panicked, or the result was taken): stop waiting.
    Lost,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a new thread.
    pub fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // The receiver may be gone (a new run was started); then the result is not needed.
            let _ = sender.send(work());
        });
        Background {
            receiver: Mutex::new(receiver),
        }
    }

    /// The result once it is ready.
    pub fn poll(&self) -> Poll<T> {
        let Ok(receiver) = self.receiver.lock() else {
            return Poll::Lost;
        };
        match receiver.try_recv() {
            Ok(value) => Poll::Ready(value),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }

    /// Waits for the result (tests, and the demo's screenshot mode).
    pub fn wait(self) -> Option<T> {
        self.receiver.into_inner().ok()?.recv().ok()
    }
}

/// Takes the result out of `slot` once the work there is over, and empties the slot:
/// `Some(Some(value))` when it gave one, `Some(None)` when its thread ended without one, `None`
/// while it runs (or when there is nothing in the slot).
pub fn finished<T: Send + 'static>(slot: &mut Option<Background<T>>) -> Option<Option<T>> {
    let value = match slot.as_ref()?.poll() {
        Poll::Running => return None,
        Poll::Ready(value) => Some(value),
        Poll::Lost => None,
    };
    *slot = None;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_arrives_once() {
        let work = Background::spawn(|| 6 * 7);
        let mut got = None;
        for _ in 0..10_000 {
            if let Poll::Ready(v) = work.poll() {
                got = Some(v);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(got, Some(42));
        assert_eq!(
            work.poll(),
            Poll::Lost,
            "the thread is done and sent its one result"
        );
    }
}
