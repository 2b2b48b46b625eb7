//! Analysis: trajectories, radar detection, interceptor reach, defended area, early warning and
//! the ICBM question. Pure functions of a scenario; no UI, no I/O.

mod assumptions;

pub use assumptions::Assumptions;
