//! Nothing leaks from the event loop from scratch: whatever a loop still
//! holds when `block_on` ends (tasks asleep, ready or awaiting each other, the
//! timer's wakers) is dropped then, and the handles of dropped tasks give
//! `Err(Cancelled)`, even to a waiter on another thread or after a panic.
//!
//! Every case runs on step 4, the loop the lessons run, and on step 5, the
//! fast one: the cases are `tests/mini/drops.rs`, compiled once per loop.

#![expect(
    clippy::duplicate_mod,
    reason = "the same cases, compiled once per loop"
)]

#[path = "mini"]
mod s4_timers {
    use async_basics::mini::s4_timers as mini;
    #[path = "drops.rs"]
    mod cases;
}

#[path = "mini"]
mod s5_fast {
    use async_basics::mini::s5_fast as mini;
    #[path = "drops.rs"]
    mod cases;
}
