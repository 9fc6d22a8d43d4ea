//! `multiprocessing.Value`: a number in memory that forked processes share.
//!
//! After `fork`, every ordinary page is copied on write: a child's
//! `counter += 1` changes its own copy only. A `MAP_SHARED` mapping is the
//! exception: parent and children see the same physical page. That brings
//! back the race of section 3.7 across processes: a separate load and store
//! loses updates, an atomic read-modify-write ([`SharedValue::fetch_add`],
//! Python's `with value.get_lock(): value.value += 1`) does not.
//!
//! Linux and macOS map such pages with `mmap(MAP_SHARED | MAP_ANONYMOUS)`.
//! Windows shares memory by other means (named file mappings), and has no
//! `fork` to share it with: there [`SharedValue::new`] is `Unsupported`.

use std::io;
use std::num::NonZeroUsize;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering};

/// A `u64` in an anonymous `MAP_SHARED` page (Python:
/// `multiprocessing.Value('Q', 0)`). Create it before forking; children
/// inherit the mapping.
///
/// In production, processes seldom share a counter: threads share an
/// `AtomicU64` (in an `Arc`, or borrowed by scoped threads), and processes
/// send their results back as messages (a pipe, a socket). This type shows
/// what `multiprocessing.Value` is underneath, and the lost update it brings.
///
/// ```
/// use processes::shared::SharedValue;
/// use processes::fork::fork_child;
/// # if cfg!(not(unix)) { return; }
/// let value = SharedValue::new(0).unwrap();
/// // SAFETY: the child only does atomic adds: no lock, no output.
/// let child = unsafe { fork_child(|| { value.fetch_add(5); 0 }) }.unwrap();
/// child.wait().unwrap();
/// assert_eq!(value.load(), 5); // the child's write is visible: shared page
/// ```
#[derive(Debug)]
pub struct SharedValue {
    value: NonNull<AtomicU64>,
}

// SAFETY: the mapping is only accessed through `&AtomicU64`, which is Sync;
// it lives until `drop`, which needs the value to be owned.
unsafe impl Send for SharedValue {}
// SAFETY: as above.
unsafe impl Sync for SharedValue {}

#[cfg_attr(not(unix), allow(dead_code))] // nothing is mapped there
const MAPPING_LEN: NonZeroUsize = NonZeroUsize::new(std::mem::size_of::<AtomicU64>()).unwrap();

impl SharedValue {
    /// Maps one shared page holding `initial`.
    ///
    /// # Errors
    /// If `mmap` fails (`ENOMEM` under `ulimit -v`); on Windows, always
    /// (`Unsupported`).
    pub fn new(initial: u64) -> io::Result<SharedValue> {
        let value = map_shared_page()?.cast::<AtomicU64>();
        // SAFETY: the page is writable, page-aligned (so aligned for u64) and
        // large enough; nobody else has a reference to it yet.
        unsafe { value.as_ptr().write(AtomicU64::new(initial)) };
        Ok(SharedValue { value })
    }

    fn atomic(&self) -> &AtomicU64 {
        // SAFETY: initialised in `new`, mapped until `drop`.
        unsafe { self.value.as_ref() }
    }

    // `load`, `store` and `fetch_add` use SeqCst, the strongest ordering:
    // the lesson is atomicity, and with a single counter SeqCst costs nothing
    // worth measuring (memory ordering: see the 3.7 memory_ordering topic).

    /// The current value (Python: `value.value`).
    pub fn load(&self) -> u64 {
        self.atomic().load(Ordering::SeqCst)
    }

    /// Sets the value.
    pub fn store(&self, v: u64) {
        self.atomic().store(v, Ordering::SeqCst);
    }

    /// Adds `n` in one indivisible step and returns the previous value (Python:
    /// `with value.get_lock(): value.value += n`).
    pub fn fetch_add(&self, n: u64) -> u64 {
        // ANCHOR: solution_shared_fetch_add
        self.atomic().fetch_add(n, Ordering::SeqCst)
        // ANCHOR_END: solution_shared_fetch_add
    }

    /// `value.value += 1` without the lock: a load, then a store. Another
    /// process's increment between the two is overwritten and lost.
    pub fn racy_increment(&self) {
        // Relaxed: the race is between the two steps, which no ordering can
        // join into one; each step alone is still a whole `u64` (memory
        // ordering: see the 3.7 memory_ordering topic).
        let seen = self.atomic().load(Ordering::Relaxed);
        self.atomic().store(seen + 1, Ordering::Relaxed);
    }
}

// ANCHOR: omit_shared_fetch_add
/// The buggy start of exercise `shared_fetch_add` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod shared_fetch_add_bug {
    use super::*;

    impl SharedValue {
        fn fetch_add_with_the_bug(&self, n: u64) -> u64 {
            // ANCHOR: bug_shared_fetch_add
            // Each step is atomic (SeqCst): no process ever sees half a number.
            let previous = self.atomic().load(Ordering::SeqCst);
            self.atomic().store(previous + n, Ordering::SeqCst);
            previous
            // ANCHOR_END: bug_shared_fetch_add
        }
    }
}
// ANCHOR_END: omit_shared_fetch_add

/// A fresh page that forked children share with this process.
#[cfg(unix)]
fn map_shared_page() -> io::Result<NonNull<std::ffi::c_void>> {
    use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous};
    // SAFETY: a fresh anonymous mapping, not aliasing any Rust object.
    let page = unsafe {
        mmap_anonymous(
            None,
            MAPPING_LEN,
            ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
            MapFlags::MAP_SHARED,
        )
    }?;
    Ok(page)
}

#[cfg(not(unix))]
fn map_shared_page() -> io::Result<NonNull<std::ffi::c_void>> {
    Err(crate::fork::unsupported())
}

impl Drop for SharedValue {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: the mapping came from `mmap_anonymous` with this length and
        // no reference into it outlives `self`. Children keep their own
        // mapping of the page until they exit.
        let _ = unsafe { nix::sys::mman::munmap(self.value.cast(), MAPPING_LEN.get()) };
    }
}
