//! The request budget of one Kommo account: at most 7 requests in any one-second window,
//! shared by every thread of the program (wrap it in an `Arc`).
//!
//! A classic token bucket of 7 tokens refilled at 7 per second lets 13 requests through in the
//! first second (the full bucket, then the refill), which is exactly the burst Kommo answers
//! with 429 and, repeated, with a blocked IP. So the limiter keeps the start times of the last
//! requests (a sliding window): a request may start only when fewer than `max` started in the
//! window before it. The window is a little longer than a second ([`KOMMO_WINDOW`]) so that
//! network jitter cannot push 8 arrivals into one of the server's seconds.
//!
//! A 429 pauses the whole limiter until its `Retry-After` has passed, for every caller, since the
//! limit is per account (and per IP), not per request.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::budget::SharedBudget;

/// Kommo's documented limit: 7 requests per second.
pub const KOMMO_MAX_PER_WINDOW: usize = 7;
/// One second and a safety margin for jitter between our clock and the server's arrivals: two
/// starts 1.1 s apart cannot arrive in one of the server's seconds unless the network (or a busy
/// machine) delays the first by 100 ms more than the other. 50 ms was measured too little: two
/// programs on a loaded 2-core machine put 8 arrivals into one second.
pub const KOMMO_WINDOW: Duration = Duration::from_millis(1100);

/// How long a waiting caller sleeps between looks at its [`Cancel`] flag.
const CANCEL_CHECK: Duration = Duration::from_millis(25);

/// A flag that stops a running request, fetch or poll loop at its next wait or between requests.
/// Clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag that is not set.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Sets the flag: whatever watches it stops as soon as it looks.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// True once [`Cancel::cancel`] was called (or the shared flag was set, e.g. by a signal).
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// The flag itself, for `signal_hook::flag::register`.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }

    /// Sleeps for `duration`, waking early when cancelled; false when it was cancelled.
    pub fn sleep(&self, duration: Duration) -> bool {
        let end = Instant::now() + duration;
        loop {
            if self.is_cancelled() {
                return false;
            }
            let now = Instant::now();
            if now >= end {
                return true;
            }
            std::thread::sleep((end - now).min(CANCEL_CHECK));
        }
    }
}

/// The wait was cancelled through its [`Cancel`] flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// At most `max` request starts in any `window`, for every thread that shares it.
#[derive(Debug)]
pub struct Limiter {
    max: usize,
    window: Duration,
    state: Mutex<State>,
    rate_limited: AtomicU32,
    /// The budget this program shares with the account's other programs on this machine.
    shared: Option<SharedBudget>,
}

#[derive(Debug, Default)]
struct State {
    /// Start times of the requests inside the current window, oldest first.
    starts: VecDeque<Instant>,
    /// No request starts before this moment (set by a 429's Retry-After).
    paused_until: Option<Instant>,
}

impl Default for Limiter {
    fn default() -> Limiter {
        Limiter::kommo()
    }
}

impl Limiter {
    /// Kommo's budget: [`KOMMO_MAX_PER_WINDOW`] requests per [`KOMMO_WINDOW`].
    pub fn kommo() -> Limiter {
        Limiter::new(KOMMO_MAX_PER_WINDOW, KOMMO_WINDOW)
    }

    /// At most `max` (at least 1) starts in any `window`.
    pub fn new(max: usize, window: Duration) -> Limiter {
        Limiter {
            max: max.max(1),
            window,
            state: Mutex::new(State::default()),
            rate_limited: AtomicU32::new(0),
            shared: None,
        }
    }

    /// The same limiter, also taking each turn from `shared`, the budget every program of ours
    /// uses for the account.
    pub fn sharing(mut self, shared: SharedBudget) -> Limiter {
        self.shared = Some(shared);
        self
    }

    /// The shared budget, if this limiter takes its turns from one.
    pub fn shared(&self) -> Option<&SharedBudget> {
        self.shared.as_ref()
    }

    /// Waits until a request may start and counts it as started. Returns how long it waited.
    pub fn acquire(&self, cancel: &Cancel) -> Result<Duration, Cancelled> {
        let began = Instant::now();
        loop {
            let wait = {
                let mut state = self.lock();
                let now = Instant::now();
                match self.wait_needed(&mut state, now) {
                    None => {
                        state.starts.push_back(now);
                        drop(state);
                        if let Some(shared) = &self.shared {
                            shared.take(cancel)?;
                        }
                        return Ok(began.elapsed());
                    }
                    Some(wait) => wait,
                }
            };
            if !cancel.sleep(wait) {
                return Err(Cancelled);
            }
        }
    }

    /// How long until a request may start at `now`, or `None` when it may start now.
    fn wait_needed(&self, state: &mut State, now: Instant) -> Option<Duration> {
        if let Some(until) = state.paused_until {
            if until > now {
                return Some(until - now);
            }
            state.paused_until = None;
        }
        while state.starts.front().is_some_and(|start| now.duration_since(*start) >= self.window) {
            state.starts.pop_front();
        }
        if state.starts.len() < self.max {
            return None;
        }
        // The oldest start leaves the window first; then one more request fits.
        state.starts.front().map(|oldest| (*oldest + self.window).saturating_duration_since(now))
    }

    /// Holds every request back until `until` (a 429's Retry-After), for all callers.
    pub fn pause_until(&self, until: Instant) {
        {
            let mut state = self.lock();
            if state.paused_until.is_none_or(|current| current < until) {
                state.paused_until = Some(until);
            }
        }
        if let Some(shared) = &self.shared {
            let wall = std::time::SystemTime::now() + until.saturating_duration_since(Instant::now());
            shared.pause_until(wall);
        }
    }

    /// Records that the account answered 429; repeated 429s get the IP blocked (403), so a later
    /// 403 is explained with it.
    pub fn note_rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::SeqCst);
    }

    /// How many 429 answers this limiter has seen.
    pub fn rate_limited_count(&self) -> u32 {
        self.rate_limited.load(Ordering::SeqCst)
    }

    /// The most starts allowed in one window.
    pub fn max_per_window(&self) -> usize {
        self.max
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves only timestamps behind, which stay valid.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn most_in_any_window(starts: &[Instant], window: Duration) -> usize {
        starts
            .iter()
            .map(|first| starts.iter().filter(|s| **s >= *first && s.duration_since(*first) < window).count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_burst_never_puts_more_than_max_into_one_window() {
        let limiter = Arc::new(Limiter::new(3, Duration::from_millis(200)));
        let starts = Arc::new(Mutex::new(Vec::new()));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (limiter, starts) = (Arc::clone(&limiter), Arc::clone(&starts));
                std::thread::spawn(move || {
                    for _ in 0..3 {
                        limiter.acquire(&Cancel::new()).unwrap();
                        starts.lock().unwrap().push(Instant::now());
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let starts = starts.lock().unwrap();
        assert_eq!(starts.len(), 12);
        // Measured a hair shorter than the window: the push comes just after the start.
        assert!(most_in_any_window(&starts, Duration::from_millis(190)) <= 3);
    }

    #[test]
    fn the_first_max_requests_do_not_wait() {
        let limiter = Limiter::new(7, Duration::from_secs(5));
        for _ in 0..7 {
            assert!(limiter.acquire(&Cancel::new()).unwrap() < Duration::from_millis(50));
        }
    }

    #[test]
    fn a_pause_holds_everyone_back() {
        let limiter = Limiter::new(7, Duration::from_millis(10));
        limiter.pause_until(Instant::now() + Duration::from_millis(150));
        let waited = limiter.acquire(&Cancel::new()).unwrap();
        assert!(waited >= Duration::from_millis(120), "{waited:?}");
    }

    #[test]
    fn a_cancelled_wait_returns_at_once() {
        let limiter = Limiter::new(1, Duration::from_secs(60));
        limiter.acquire(&Cancel::new()).unwrap();
        let cancel = Cancel::new();
        cancel.cancel();
        let began = Instant::now();
        assert_eq!(limiter.acquire(&cancel), Err(Cancelled));
        assert!(began.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn rate_limited_answers_are_counted() {
        let limiter = Limiter::kommo();
        limiter.note_rate_limited();
        limiter.note_rate_limited();
        assert_eq!(limiter.rate_limited_count(), 2);
        assert_eq!(limiter.max_per_window(), 7);
    }
}
