//! TODO: the processes crate.
