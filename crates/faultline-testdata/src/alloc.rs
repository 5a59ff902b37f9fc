//! [`CountingAlloc`]: a global allocator for benchmark binaries that counts
//! live bytes, the peak of live bytes, and allocation calls.
//!
//! Benchmarks report peak memory and allocations per unit of work; each
//! bench binary installs one of these with `#[global_allocator]`, so the
//! libraries themselves pay nothing.
//!
//! ```
//! use faultline_testdata::CountingAlloc;
//!
//! // In a bench binary: #[global_allocator]
//! static ALLOC: CountingAlloc = CountingAlloc::new();
//! ALLOC.reset_peak();
//! assert_eq!(ALLOC.peak(), ALLOC.live());
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// Wraps the system allocator, tracking live bytes, their peak and the
/// number of allocation calls while counting is on (it is on from the start).
pub struct CountingAlloc {
    live: AtomicIsize,
    peak: AtomicIsize,
    calls: AtomicUsize,
    // Off during timed runs, so that the atomic updates do not inflate times.
    counting: AtomicBool,
}

impl CountingAlloc {
    /// A counter with everything at zero and counting on.
    pub const fn new() -> CountingAlloc {
        CountingAlloc {
            live: AtomicIsize::new(0),
            peak: AtomicIsize::new(0),
            calls: AtomicUsize::new(0),
            counting: AtomicBool::new(true),
        }
    }

    /// Turns counting on or off (off: the allocator is just `System`).
    /// Bytes freed while off are not subtracted, so measure peaks with
    /// counting on throughout the measured work.
    pub fn set_counting(&self, on: bool) {
        self.counting.store(on, Ordering::SeqCst);
    }

    /// Bytes currently allocated (as counted).
    pub fn live(&self) -> usize {
        self.live.load(Ordering::SeqCst).max(0) as usize
    }

    /// The highest [`live`](Self::live) value since the last reset.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst).max(0) as usize
    }

    /// Starts a new peak measurement from the current live bytes.
    pub fn reset_peak(&self) {
        self.peak.store(self.live.load(Ordering::SeqCst), Ordering::SeqCst);
    }

    /// Allocation calls (alloc and growing realloc) since the start.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn grow(&self, by: usize) {
        let now = self.live.fetch_add(by as isize, Ordering::Relaxed) + by as isize;
        self.peak.fetch_max(now, Ordering::Relaxed);
    }
}

impl Default for CountingAlloc {
    fn default() -> Self {
        CountingAlloc::new()
    }
}

// SAFETY: every call is forwarded unchanged to `System`; the wrapper only
// updates counters.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && self.counting.load(Ordering::Relaxed) {
            self.calls.fetch_add(1, Ordering::Relaxed);
            self.grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if self.counting.load(Ordering::Relaxed) {
            self.live.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && self.counting.load(Ordering::Relaxed) {
            if new_size > layout.size() {
                self.calls.fetch_add(1, Ordering::Relaxed);
                self.grow(new_size - layout.size());
            } else {
                self.live.fetch_sub((layout.size() - new_size) as isize, Ordering::Relaxed);
            }
        }
        p
    }
}
