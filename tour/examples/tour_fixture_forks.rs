//! Test fixture of the tour (not a topic): an example with a worker process,
//! as `cpu_bound_speedup` has its pool. It prints `pids <own> <worker>` once
//! the worker is up, then waits for it; `tour/tests/cli.rs` stops the tour
//! then and checks that neither process outlives it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--worker") {
        // Like the pool's workers: gone with its parent, even a killed one.
        #[cfg(target_os = "linux")]
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
        println!("ready");
        std::thread::sleep(Duration::from_secs(600));
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let mut worker = Command::new(exe)
        .arg("--worker")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the worker");
    let mut ready = String::new();
    let stdout = worker.stdout.take().expect("piped");
    BufReader::new(stdout).read_line(&mut ready).expect("ready");
    println!("pids {} {}", std::process::id(), worker.id());
    let _ = worker.wait();
}
