//! Memory of a process as the OS counts it: the numbers `ps`, the Task
//! Manager and Python's `psutil` report.
//!
//! - **RSS** (resident set size): pages of the process that are in RAM now.
//! - **VMS** (virtual memory size): all the address space the process has
//!   reserved, touched or not. A new thread's stack is reserved (VMS grows by
//!   it at once) but only the pages it touches become resident (RSS).
//!
//! Where they come from, OS by OS:
//!
//! - Linux: `/proc/<pid>/status` (`VmRSS`, `VmSize`, and the peaks `VmHWM`,
//!   `VmPeak`).
//! - macOS: `proc_pidinfo` for RSS and VMS (VMS there includes a shared region
//!   of several GiB that every process maps), `getrusage` for the peak RSS of
//!   the calling process only; macOS keeps no peak VMS.
//! - Windows: `GetProcessMemoryInfo`: RSS is the working set; Windows has no
//!   total of reserved address space, so VMS is the commit charge (what
//!   `psutil` calls `vms` there), which a thread's reserved stack does not raise.

use std::fmt;
use std::io;

/// One reading of a process's memory, in bytes.
///
/// ```
/// let m = common::memory::MemoryUsage { rss: 2 << 20, vms: 8 << 20, peak_rss: 2 << 20, peak_vms: Some(8 << 20) };
/// assert_eq!(m.to_string(), "RSS 2.0 MiB, VMS 8.0 MiB");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUsage {
    /// Resident set size: bytes in RAM now.
    pub rss: u64,
    /// Virtual memory size: bytes of address space reserved (Windows: committed).
    pub vms: u64,
    /// The highest RSS so far ("high water mark").
    pub peak_rss: u64,
    /// The highest VMS so far, where the OS keeps it (not macOS).
    pub peak_vms: Option<u64>,
}

impl fmt::Display for MemoryUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RSS {}, VMS {}",
            format_bytes(self.rss),
            format_bytes(self.vms)
        )
    }
}

/// The calling process's memory now.
///
/// ```
/// let now = common::memory::current().unwrap();
/// assert!(now.rss > 0 && now.vms > 0);
/// ```
///
/// # Errors
/// If the OS does not answer (on an OS other than Linux, macOS and Windows:
/// [`io::ErrorKind::Unsupported`]).
pub fn current() -> io::Result<MemoryUsage> {
    os::of_process(std::process::id())
}

/// The memory of the process `pid` (for example a child you forked).
///
/// ```
/// let me = common::memory::of_process(std::process::id()).unwrap();
/// assert!(me.rss > 0);
/// ```
///
/// # Errors
/// If there is no such process, or it may not be read; on macOS for any
/// process but the calling one ([`io::ErrorKind::Unsupported`]: macOS keeps
/// the peak RSS of the calling process only).
pub fn of_process(pid: u32) -> io::Result<MemoryUsage> {
    os::of_process(pid)
}

#[cfg(target_os = "linux")]
mod os {
    pub(super) fn of_process(pid: u32) -> std::io::Result<super::MemoryUsage> {
        super::parse_status(&std::fs::read_to_string(format!("/proc/{pid}/status"))?)
    }
}

#[cfg(target_os = "macos")]
mod os {
    use std::io;

    pub(super) fn of_process(pid: u32) -> io::Result<super::MemoryUsage> {
        if pid != std::process::id() {
            let why = "macOS keeps the peak RSS of the calling process only";
            return Err(io::Error::new(io::ErrorKind::Unsupported, why));
        }
        // SAFETY: `proc_taskinfo` is a C struct of integers: all zeros is a value of it.
        let mut task: libc::proc_taskinfo = unsafe { std::mem::zeroed() };
        let size = std::mem::size_of::<libc::proc_taskinfo>() as libc::c_int;
        let buffer = (&raw mut task).cast();
        // SAFETY: `buffer` points to a `proc_taskinfo` of `size` bytes, which
        // the call fills for PROC_PIDTASKINFO.
        let filled =
            unsafe { libc::proc_pidinfo(pid as i32, libc::PROC_PIDTASKINFO, 0, buffer, size) };
        if filled != size {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `rusage` is a C struct of integers: all zeros is a value of it.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `usage` is a valid `rusage` for the call to fill.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(super::MemoryUsage {
            rss: task.pti_resident_size,
            vms: task.pti_virtual_size,
            peak_rss: usage.ru_maxrss as u64, // bytes on macOS (KiB on Linux)
            peak_vms: None,
        })
    }
}

#[cfg(windows)]
mod os {
    use std::io;

    use windows_sys::Win32::Foundation::CloseHandle;
    use windows_sys::Win32::System::ProcessStatus::{
        GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS,
    };
    use windows_sys::Win32::System::Threading::{OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION};

    pub(super) fn of_process(pid: u32) -> io::Result<super::MemoryUsage> {
        // SAFETY: OpenProcess takes plain values and returns a handle or null.
        let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
        if process.is_null() {
            return Err(io::Error::last_os_error());
        }
        let mut counters = PROCESS_MEMORY_COUNTERS::default();
        let size = std::mem::size_of::<PROCESS_MEMORY_COUNTERS>() as u32;
        // SAFETY: `process` is an open handle and `counters` has `size` bytes.
        let read = unsafe { GetProcessMemoryInfo(process, &mut counters, size) };
        let error = io::Error::last_os_error();
        // SAFETY: `process` was opened above and is closed once.
        unsafe { CloseHandle(process) };
        if read == 0 {
            return Err(error);
        }
        Ok(super::MemoryUsage {
            rss: counters.WorkingSetSize as u64,
            vms: counters.PagefileUsage as u64,
            peak_rss: counters.PeakWorkingSetSize as u64,
            peak_vms: Some(counters.PeakPagefileUsage as u64),
        })
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod os {
    pub(super) fn of_process(_: u32) -> std::io::Result<super::MemoryUsage> {
        let why = "memory readings need Linux, macOS or Windows";
        Err(std::io::Error::new(std::io::ErrorKind::Unsupported, why))
    }
}

/// Parses the text of a `/proc/<pid>/status` file.
///
/// ```
/// let text = "Name:\tdemo\nVmPeak:\t  2048 kB\nVmSize:\t  1024 kB\nVmHWM:\t 512 kB\nVmRSS:\t 256 kB\n";
/// let m = common::memory::parse_status(text).unwrap();
/// assert_eq!((m.rss, m.vms, m.peak_rss, m.peak_vms), (256 * 1024, 1024 * 1024, 512 * 1024, Some(2048 * 1024)));
/// ```
pub fn parse_status(text: &str) -> io::Result<MemoryUsage> {
    let field = |name: &str| -> io::Result<u64> {
        let line = text
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("no {name} line (a kernel thread or a zombie has none)"),
                )
            })?;
        let kib = line
            .trim()
            .strip_suffix("kB")
            .and_then(|n| n.trim().parse::<u64>().ok())
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidData, format!("bad {name} line"))
            })?;
        Ok(kib * 1024)
    };
    Ok(MemoryUsage {
        rss: field("VmRSS")?,
        vms: field("VmSize")?,
        peak_rss: field("VmHWM")?,
        peak_vms: Some(field("VmPeak")?),
    })
}

/// Bytes for people, in binary units: `512 B`, `1.5 KiB`, `100.0 MiB`.
///
/// ```
/// use common::memory::format_bytes;
/// assert_eq!(format_bytes(512), "512 B");
/// assert_eq!(format_bytes(1536), "1.5 KiB");
/// assert_eq!(format_bytes(100 * 1024 * 1024), "100.0 MiB");
/// ```
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A signed difference of two byte counts for people: `+96.0 MiB`, `-4.0 KiB`.
///
/// ```
/// assert_eq!(common::memory::format_delta(1024, 3072), "+2.0 KiB");
/// assert_eq!(common::memory::format_delta(3072, 1024), "-2.0 KiB");
/// ```
pub fn format_delta(before: u64, after: u64) -> String {
    if after >= before {
        format!("+{}", format_bytes(after - before))
    } else {
        format!("-{}", format_bytes(before - after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_memory_raises_rss() {
        let before = current().unwrap();
        // 64 MiB, every page written, so every page becomes resident.
        let buffer = vec![1u8; 64 << 20];
        let after = current().unwrap();
        std::hint::black_box(&buffer);
        assert!(after.rss >= before.rss + (48 << 20), "{before} -> {after}");
        assert!(after.peak_rss >= after.rss);
    }

    #[test]
    fn missing_fields_are_errors() {
        assert!(parse_status("").is_err());
        assert!(parse_status("VmRSS:\t12 kB\n").is_err());
        assert!(parse_status("VmRSS:\tlots\nVmSize:\t1 kB\nVmHWM:\t1 kB\nVmPeak:\t1 kB").is_err());
    }

    #[test]
    fn unknown_pid_is_an_error() {
        assert!(of_process(u32::MAX).is_err());
    }

    #[test]
    fn bytes_format() {
        assert_eq!(format_bytes(0), "0 B");
        assert_eq!(format_bytes(1023), "1023 B");
        assert_eq!(format_bytes(1024), "1.0 KiB");
        assert_eq!(format_bytes(3 << 30), "3.0 GiB");
        assert_eq!(format_delta(5, 5), "+0 B");
    }
}
