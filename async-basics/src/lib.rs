//! TODO: the async-basics crate.
