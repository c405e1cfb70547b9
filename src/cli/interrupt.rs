//! Ctrl-C for long synchronous commands (imports): the first press asks the
//! command to stop after the current post, keep what is done and say so; a
//! second press ends the process at once (exit 130). `crawl` watches Ctrl-C
//! in its own runtime.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether Ctrl-C was pressed since `watch`.
#[derive(Debug, Clone)]
pub(crate) struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// Starts watching for Ctrl-C. If the handler cannot be installed, Ctrl-C
    /// keeps its default effect (the stored copy still holds every committed post).
    pub(crate) fn watch() -> Interrupt {
        use signal_hook::consts::SIGINT;
        let flag = Arc::new(AtomicBool::new(false));
        // The second press: exit at once, since the flag is already set.
        let _ = signal_hook::flag::register_conditional_shutdown(SIGINT, 130, Arc::clone(&flag));
        let _ = signal_hook::flag::register(SIGINT, Arc::clone(&flag));
        Interrupt(flag)
    }

    /// Whether Ctrl-C was pressed.
    pub(crate) fn pressed(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
