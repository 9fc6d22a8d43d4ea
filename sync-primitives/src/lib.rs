//! TODO: the sync-primitives crate.
