//! A command's outcome, handed from the worker that ran it back to the thread that started the
//! call (the GTK thread, for both doors). That thread waits for it a short while and, when it
//! came in time, delivers the answer at once; past the wait, the worker delivers it (through the
//! GTK main loop, as a door's answer always could). A quick command's answer thus goes out
//! without waking the GTK thread a second time, and the command still never runs on it.
//!
//! The wait is bounded ([`QUICK`]) and made only for commands that answered in time when last
//! waited for ([`Pace`]): a slow command holds the GTK thread up once, then not again for its
//! next [`SKIPPED`] calls. Its first [`SPIN`] is spent spinning on a flag, not asleep: the
//! worker's answer is then seen at once, without waking a sleeping thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The longest the starting thread waits for a command's outcome.
pub(crate) const QUICK: Duration = Duration::from_micros(250);

/// How much of that wait is spent spinning.
const SPIN: Duration = Duration::from_micros(60);

/// How many calls of a command that did not answer in time are not waited for.
pub(crate) const SKIPPED: u8 = 16;

/// Where the outcome and the delivery meet.
enum Slot<T, F> {
    /// Neither side has come yet.
    Open,
    /// The worker's outcome, for the waiting thread.
    Ready(T),
    /// The waiting thread stopped waiting: what the worker calls with the outcome.
    Left(F),
    /// Delivered, or about to be.
    Taken,
}

/// The slot, what wakes the sleeping waiter, and whether the outcome is in (for the spinning one).
struct Meeting<T, F> {
    slot: Mutex<Slot<T, F>>,
    woken: Condvar,
    ready: AtomicBool,
}

type Shared<T, F> = Arc<Meeting<T, F>>;

fn lock<T, F>(shared: &Shared<T, F>) -> MutexGuard<'_, Slot<T, F>> {
    shared.slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The worker's end.
pub(crate) struct Sender<T, F: FnOnce(T)>(Shared<T, F>);

/// The starting thread's end.
pub(crate) struct Waiter<T, F: FnOnce(T)>(Shared<T, F>);

/// The two ends of one handoff.
pub(crate) fn pair<T, F: FnOnce(T)>() -> (Sender<T, F>, Waiter<T, F>) {
    let shared = Arc::new(Meeting {
        slot: Mutex::new(Slot::Open),
        woken: Condvar::new(),
        ready: AtomicBool::new(false),
    });
    (Sender(shared.clone()), Waiter(shared))
}

impl<T, F: FnOnce(T)> Sender<T, F> {
    /// Hands `outcome` over: to the waiting thread, or, once it stopped waiting, to what it left.
    pub(crate) fn send(self, outcome: T) {
        let mut slot = lock(&self.0);
        match std::mem::replace(&mut *slot, Slot::Taken) {
            Slot::Left(deliver) => {
                drop(slot);
                deliver(outcome);
            }
            _ => {
                *slot = Slot::Ready(outcome);
                self.0.ready.store(true, Ordering::Release);
                self.0.woken.notify_one();
            }
        }
    }
}

impl<T, F: FnOnce(T)> Waiter<T, F> {
    /// Waits up to `within` for the outcome: with it, `deliver` comes back to be called here;
    /// otherwise the sender calls `deliver` when the outcome comes (never, if it is dropped).
    pub(crate) fn wait(self, within: Duration, deliver: F) -> Option<(T, F)> {
        let started = Instant::now();
        let spin = within.min(SPIN);
        while !self.0.ready.load(Ordering::Acquire) && started.elapsed() < spin {
            std::hint::spin_loop();
        }
        let slot = lock(&self.0);
        let rest = within.saturating_sub(started.elapsed());
        let (mut slot, _) = self
            .0
            .woken
            .wait_timeout_while(slot, rest, |slot| matches!(slot, Slot::Open))
            .unwrap_or_else(PoisonError::into_inner);
        match std::mem::replace(&mut *slot, Slot::Taken) {
            Slot::Ready(outcome) => Some((outcome, deliver)),
            _ => {
                *slot = Slot::Left(deliver);
                None
            }
        }
    }
}

/// Which commands are worth waiting for, per webview: those that answered in time when last
/// waited for.
#[derive(Default)]
pub(crate) struct Pace {
    /// Commands that did not answer in time, and how many of their calls are still not waited for.
    slow: Mutex<HashMap<String, u8>>,
}

impl Pace {
    /// How long to wait for a call of `command`: [`QUICK`], or nothing while it counts as slow.
    pub(crate) fn wait_for(&self, command: &str) -> Duration {
        let mut slow = self.slow.lock().unwrap_or_else(PoisonError::into_inner);
        match slow.get_mut(command) {
            None => QUICK,
            Some(0) => {
                slow.remove(command);
                QUICK
            }
            Some(left) => {
                *left -= 1;
                Duration::ZERO
            }
        }
    }

    /// Notes that a call of `command` waited for did not answer in time.
    pub(crate) fn late(&self, command: &str) {
        let mut slow = self.slow.lock().unwrap_or_else(PoisonError::into_inner);
        slow.insert(command.to_string(), SKIPPED);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn an_outcome_in_time_is_delivered_by_the_waiting_thread() {
        let (sender, waiter) = pair::<u32, Box<dyn FnOnce(u32) + Send>>();
        std::thread::spawn(move || sender.send(7));
        let got = waiter.wait(Duration::from_secs(5), Box::new(|_| panic!("not here")));
        assert_eq!(got.map(|(outcome, _)| outcome), Some(7));
    }

    #[test]
    fn a_late_outcome_is_delivered_by_the_worker_once() {
        let (sender, waiter) = pair::<u32, Box<dyn FnOnce(u32) + Send>>();
        let (delivered, heard) = mpsc::channel();
        let deliver = Box::new(move |outcome| delivered.send(outcome).expect("send"));
        assert!(waiter.wait(Duration::from_millis(20), deliver).is_none());
        std::thread::spawn(move || sender.send(9));
        assert_eq!(heard.recv_timeout(Duration::from_secs(5)), Ok(9));
        assert!(heard.recv_timeout(Duration::from_millis(50)).is_err());
    }

    #[test]
    fn a_dropped_sender_leaves_the_waiter_and_delivers_nothing() {
        let (sender, waiter) = pair::<u32, Box<dyn FnOnce(u32) + Send>>();
        drop(sender);
        let deliver = Box::new(|_| panic!("nothing to deliver"));
        assert!(waiter.wait(Duration::from_millis(5), deliver).is_none());
    }

    #[test]
    fn a_late_command_is_not_waited_for_during_its_next_calls() {
        let pace = Pace::default();
        assert_eq!(pace.wait_for("save"), QUICK);
        pace.late("save");
        for _ in 0..SKIPPED {
            assert_eq!(pace.wait_for("save"), Duration::ZERO);
        }
        assert_eq!(pace.wait_for("other"), QUICK);
        // Then it is tried again.
        assert_eq!(pace.wait_for("save"), QUICK);
        assert_eq!(pace.wait_for("save"), QUICK);
    }
}
