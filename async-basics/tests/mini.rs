//! The event loop from scratch: it runs tasks to completion, overlaps their
//! sleeps, fires timers in deadline order, and wakes correctly from other
//! threads. (What it drops when `block_on` ends: `tests/mini_drops.rs`.)
//!
//! Every case runs on step 4, the loop the lessons run, and on step 5, the
//! fast one: the cases are `tests/mini/cases.rs` and `tests/mini/wakes.rs`,
//! compiled once per loop.

#![expect(
    clippy::duplicate_mod,
    reason = "the same cases, compiled once per loop"
)]

#[path = "mini"]
mod s4_timers {
    use async_basics::mini::s4_timers as mini;
    #[path = "cases.rs"]
    mod cases;
    #[path = "wakes.rs"]
    mod wakes;
}

#[path = "mini"]
mod s5_fast {
    use async_basics::mini::s5_fast as mini;
    #[path = "cases.rs"]
    mod cases;
    #[path = "wakes.rs"]
    mod wakes;
}
