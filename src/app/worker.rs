//! Worker threads that report to the event loop: each message goes down the worker's own
//! channel and then wakes the loop, which sleeps until a key, a resize or such a wake-up.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

/// Called from a worker thread after each message it sends (and once when it ends), so that an
/// event loop blocked on its own channel wakes and drains the workers' channels.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The app's waker, shared with its workers. Filled in once the event loop starts: a worker
/// started before that (the first load is) reports without waking, and the loop drains every
/// channel once after filling it in, so no message is left waiting for a wake-up.
pub(super) type WakerSlot = Arc<OnceLock<Waker>>;

/// A worker's end of its channel. Dropping it, when the work returns or unwinds from a panic,
/// closes the channel first and then wakes the loop, so a worker that died is seen at once.
pub(super) struct Reporter<M> {
    tx: Option<Sender<M>>,
    waker: WakerSlot,
}

impl<M> Reporter<M> {
    pub(super) fn send(&self, msg: M) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(msg);
        }
        self.wake();
    }

    fn wake(&self) {
        if let Some(w) = self.waker.get() {
            w();
        }
    }
}

impl<M> Drop for Reporter<M> {
    fn drop(&mut self) {
        drop(self.tx.take());
        self.wake();
    }
}

/// Runs `work` on a new thread; the receiver yields what it reports.
pub(super) fn spawn<M: Send + 'static>(
    waker: WakerSlot,
    work: impl FnOnce(Reporter<M>) + Send + 'static,
) -> Receiver<M> {
    let (tx, rx) = mpsc::channel();
    let reporter = Reporter {
        tx: Some(tx),
        waker,
    };
    std::thread::spawn(move || work(reporter));
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::TryRecvError;
    use std::time::Duration;

    #[test]
    fn wakes_after_each_message_and_once_more_when_the_worker_ends_even_by_a_panic() {
        let slot = WakerSlot::default();
        let (tx, wakes) = mpsc::channel();
        assert!(slot
            .set(Arc::new(move || {
                let _ = tx.send(());
            }))
            .is_ok());
        let wait = || wakes.recv_timeout(Duration::from_secs(10)).unwrap();

        let rx = spawn(slot.clone(), |report: Reporter<u32>| {
            report.send(1);
            report.send(2);
        });
        // Two messages, then the end.
        for _ in 0..3 {
            wait();
        }
        assert_eq!(rx.iter().collect::<Vec<_>>(), vec![1, 2]);

        let dead = spawn(slot, |_report: Reporter<u32>| panic!("a worker's bug"));
        wait();
        // The wake-up comes after the channel closed: the loop sees the worker is gone.
        assert_eq!(dead.try_recv(), Err(TryRecvError::Disconnected));
    }

    #[test]
    fn without_a_waker_messages_still_arrive() {
        let rx = spawn(WakerSlot::default(), |report: Reporter<&str>| {
            report.send("done")
        });
        assert_eq!(rx.recv(), Ok("done"));
    }
}
