//! Nothing here: the benches are in `benches/`, one file per notebook section
//! (`cargo bench -p benches`, or `--bench sync_primitives` for one).
