//! `cargo xtask book --capture`: runs every topic's example once, in full
//! (not quick) mode, and writes what it printed to
//! `docs/src/<section folder>/output/<example>.txt`, which each page includes
//! under "Run it". The first two lines say what ran, when and on what machine,
//! so a reader knows whose numbers these are.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::testing::run_bounded;
use tour::Manifest;

/// Where the captured output of `example` goes, relative to `docs/src`.
pub fn output_path(manifest: &Manifest, example: &str) -> Option<PathBuf> {
    let topic = manifest.topics.iter().find(|t| t.example == example)?;
    let section = manifest.section(topic.top_section())?;
    Some(
        Path::new(&section.folder)
            .join("output")
            .join(format!("{example}.txt")),
    )
}

/// The machine, as a caption: `Intel(R) Xeon(R) ..., 2 CPUs, Linux 6.1`.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, m)| m.trim())
        })
        .unwrap_or("unknown CPU")
        .to_string();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{model}, {cpus} CPUs, Linux {}", kernel.trim())
}

/// Today's date (UTC) as `YYYY-MM-DD`, from `date`, which every Linux has.
fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "unknown date".into(), |d| d.trim().to_string())
}

/// Builds and runs every topic's example (or those named in `only`), writing
/// each one's output file. Returns the files written.
pub fn capture(root: &Path, only: &[String], say: &dyn Fn(&str)) -> Result<Vec<PathBuf>, String> {
    let manifest = Manifest::load(&root.join("topics.toml"))?;
    let caption = format!("(captured {} on {})", today(), machine());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut written = Vec::new();
    for topic in manifest
        .topics
        .iter()
        .filter(|t| only.is_empty() || only.contains(&t.example))
    {
        say(&format!("capturing {} ...", topic.example));
        let mut build = Command::new(&cargo);
        build
            .current_dir(root)
            .args(["build", "--quiet", "--release", "-p", &topic.package])
            .args(["--example", &topic.example]);
        if !topic.features.is_empty() {
            build.args(["--features", &topic.features.join(",")]);
        }
        let status = build
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err(format!("cannot build {} ({status})", topic.example));
        }
        let binary = root.join("target/release/examples").join(&topic.example);
        let run = run_bounded(Command::new(&binary), Duration::from_secs(300));
        if !run.status.success() {
            return Err(format!(
                "{} failed ({}):\n{}",
                topic.example, run.status, run.stderr
            ));
        }
        let relative = output_path(&manifest, &topic.example).expect("its section exists");
        let path = root.join("docs/src").join(relative);
        std::fs::create_dir_all(path.parent().expect("a folder"))
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        let text = format!("$ {}\n{caption}\n\n{}", topic.command(), run.stdout);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
