//! TODO: the threads crate.
