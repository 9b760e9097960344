//! Work on threads of its own (fetching pages, following, refreshing names): a panic there is a
//! bug, but it must not tear down a screen or end a command as if all went well. [`guarded`]
//! catches it on the thread where it happened and gives back what it said, so the thread can
//! report it as an ordinary failure; the screen stays whole and says what failed, and a command
//! exits 1. Only the main thread ever restores the terminal.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};

thread_local! {
    /// The last panic on this thread, with its place, as the panic hook saw it.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`; a panic inside it comes back as `Err` with its message and place.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        let noted = LAST_PANIC.with(|last| last.borrow_mut().take());
        noted.unwrap_or_else(|| message_of(payload.as_ref()))
    })
}

/// Called from the panic hook: keeps the message and place for [`guarded`] on this thread.
pub fn note_panic(info: &PanicHookInfo) {
    let mut text = message_of(info.payload());
    if let Some(place) = info.location() {
        text.push_str(&format!(" (at {}:{})", place.file(), place.line()));
    }
    LAST_PANIC.with(|last| *last.borrow_mut() = Some(text));
}

/// True on the program's main thread (the one that owns the terminal).
pub fn on_main_thread() -> bool {
    std::thread::current().name() == Some("main")
}

/// Test support only: `KOMMO_EVENTS_TEST_FAULT=worker-panic` makes a fetch or tail worker panic
/// before its first request, so the tests can check that a worker's panic is reported (the
/// screen stays whole, a command exits 1). Nobody sets it in normal use.
pub fn test_fault_in_worker() {
    if std::env::var_os("KOMMO_EVENTS_TEST_FAULT").is_some_and(|value| value == "worker-panic") {
        panic!("KOMMO_EVENTS_TEST_FAULT=worker-panic: test-only panic in a worker");
    }
}

fn message_of(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        return crate::text::printable(text).into_owned();
    }
    if let Some(text) = payload.downcast_ref::<String>() {
        return crate::text::printable(text).into_owned();
    }
    "a worker thread stopped".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_comes_back_as_its_message() {
        let caught = std::thread::spawn(|| guarded(|| -> u32 { panic!("boom {}", 7) })).join().unwrap();
        assert!(caught.unwrap_err().contains("boom 7"));
        assert_eq!(guarded(|| 5), Ok(5));
    }
}
