//! The checks of section 1.1: pinning a thread, and CPUs kept busy.

use std::thread;
use std::time::{Duration, Instant};

use threads::affinity::allowed_cpus;

use crate::{said, this_thread};

/// pin_thread: the mask holds while the guard lives, for this thread only,
/// and comes back when it drops; impossible lists are errors.
pub fn pin_thread() -> Result<(), String> {
    use threads::affinity::pin_thread;
    if cfg!(not(any(target_os = "linux", windows))) {
        return Err(
            "this OS cannot pin a thread to a CPU (macOS has no such call): \
                    do this exercise on Linux or Windows, or in the dev container"
                .into(),
        );
    }
    if pin_thread(&[]).is_ok() {
        return Err(
            "pin_thread(&[]) returned Ok: pinning to no CPU at all must be an \
             error, as os.sched_setaffinity(0, set()) raises OSError"
                .into(),
        );
    }
    let impossible = threads::affinity::MASK_CPUS;
    if pin_thread(&[impossible]).is_ok() {
        return Err(format!(
            "pin_thread(&[{impossible}]) returned Ok, but a CPU mask holds CPUs 0..{impossible} only"
        ));
    }
    let before = allowed_cpus().map_err(said("allowed_cpus()"))?;
    let cpu = *before
        .last()
        .ok_or("this thread may run on no CPU at all?")?;
    // On a thread of its own: pinning must change the calling thread, and
    // leave the main thread (the process's first, whose tid is its pid) alone.
    thread::scope(|s| {
        s.spawn(|| -> Result<(), String> {
            {
                let pinned = pin_thread(&[cpu]).map_err(said(&format!("pin_thread(&[{cpu}])")))?;
                let now = allowed_cpus().map_err(said("allowed_cpus()"))?;
                if now != [cpu] {
                    return Err(format!(
                        "after pin_thread(&[{cpu}]) this thread may still run on {now:?}; \
                         os.sched_setaffinity(0, {{{cpu}}}) would leave it only CPU {cpu}"
                    ));
                }
                if pinned.previous_cpus() != before {
                    return Err(format!(
                        "the guard remembers {:?} as the mask from before, but it was {before:?}: \
                         read the old mask before you set the new one",
                        pinned.previous_cpus()
                    ));
                }
                #[cfg(target_os = "linux")]
                linux_only_checks(cpu, &before)?;
            }
            let after = allowed_cpus().map_err(said("allowed_cpus()"))?;
            if after != before {
                return Err(format!(
                    "after the guard was dropped this thread may run on {after:?}, not on {before:?} \
                     as before: dropping it must restore the old mask, as leaving a `with` block does"
                ));
            }
            Ok(())
        })
        .join()
        .map_err(|_| "the pinned thread panicked".to_string())?
    })
}

/// Where the thread runs, and the main thread's mask: what Linux lets a
/// test see from outside the pinned thread.
#[cfg(target_os = "linux")]
fn linux_only_checks(cpu: usize, before: &[usize]) -> Result<(), String> {
    let on = nix::sched::sched_getcpu().map_err(|e| e.to_string())?;
    if on != cpu {
        return Err(format!("pinned to CPU {cpu}, the thread runs on CPU {on}"));
    }
    let main_thread = nix::unistd::Pid::this();
    let main_mask = nix::sched::sched_getaffinity(main_thread).map_err(|e| e.to_string())?;
    let impossible = threads::affinity::MASK_CPUS;
    if (0..impossible).any(|c| before.contains(&c) != main_mask.is_set(c).unwrap_or(false)) {
        return Err("pin_thread pinned the main thread too: it must change the \
                    calling thread only (gettid(), not the process id)"
            .into());
    }
    Ok(())
}

/// Spins until the calling thread has used `cpu` of CPU time; returns how much it used.
fn burn_cpu(cpu: Duration) -> Duration {
    let start = this_thread().expect("read this thread's CPU time");
    loop {
        let used = this_thread().expect("read this thread's CPU time") - start;
        if used >= cpu {
            return used;
        }
    }
}

/// busy_cpus: CPU time of the whole process (every thread) over wall time.
pub fn busy_cpus() -> Result<(), String> {
    use threads::context::busy_cpus_during;
    let (value, ratio) = busy_cpus_during(|| 42).map_err(said("busy_cpus_during"))?;
    if value != 42 || !ratio.is_finite() {
        return Err(format!(
            "busy_cpus_during(|| 42) returned ({value}, {ratio}): it should hand back the \
             closure's own result, 42, and a finite number of CPUs"
        ));
    }
    let ((), sleeping) = busy_cpus_during(|| thread::sleep(Duration::from_millis(20)))
        .map_err(said("busy_cpus_during"))?;
    if !(0.0..0.5).contains(&sleeping) {
        return Err(format!(
            "a closure that sleeps 20 ms kept {sleeping:.2} CPUs busy, yet a sleeping thread uses \
             no CPU: expect about 0. Is it CPU time / wall time (not wall / CPU)?"
        ));
    }
    let outer = Instant::now();
    let (burned, busy) = busy_cpus_during(|| {
        thread::scope(|s| {
            let a = s.spawn(|| burn_cpu(Duration::from_millis(20)));
            let b = s.spawn(|| burn_cpu(Duration::from_millis(20)));
            a.join().unwrap() + b.join().unwrap()
        })
    })
    .map_err(said("busy_cpus_during"))?;
    let wall = outer.elapsed();
    // The closure used at least `burned` of CPU in at most `wall`.
    let at_least = burned.as_secs_f64() / wall.as_secs_f64();
    if busy < 0.9 * at_least {
        return Err(format!(
            "two threads started inside the closure used {burned:.0?} of CPU in at most \
             {wall:.0?}, so at least {at_least:.2} CPUs were busy on average, but \
             busy_cpus_during said {busy:.2}: count the CPU time of the whole process, every \
             thread (Python's time.process_time()), not only the calling thread's \
             (time.thread_time())"
        ));
    }
    Ok(())
}
