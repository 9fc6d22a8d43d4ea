//! `cargo xtask book --capture [TOPIC..]`: runs the topics' examples once, in
//! full, and writes what each printed to
//! `docs/src/<section folder>/output/<example>.txt`, which its page includes
//! under "Run it". The first two lines say what ran, when and on what
//! machine, so a reader knows whose numbers these are.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
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
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim());
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{model}, {cpus} CPUs, Linux {}", kernel.trim())
}

/// Today's date (UTC) as `YYYY-MM-DD`, from `date`, which every Unix has.
fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "unknown date".into(), |d| d.trim().to_string())
}

/// Builds and runs the examples of the topics `selectors` pick (see
/// [`Manifest::select`]: names, sections; every topic when empty), writing
/// each one's output file. Returns the files written. An unknown selector
/// is an error before anything runs.
pub fn capture(root: &Path, selectors: &[String], say: &dyn Fn(&str)) -> Result<Vec<PathBuf>> {
    let manifest = Manifest::load(&root.join("topics.toml")).map_err(anyhow::Error::msg)?;
    let topics = manifest.select(selectors).map_err(anyhow::Error::msg)?;
    let caption = format!("(captured {} on {})", today(), machine());
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), |t| root.join(t));
    let mut written = Vec::new();
    for topic in topics {
        say(&format!("capturing {} ...", topic.example));
        let mut build = Command::new(&cargo);
        build
            .current_dir(root)
            .args(["build", "--quiet", "--release", "-p", &topic.package])
            .args(["--example", &topic.example]);
        if !topic.features.is_empty() {
            build.args(["--features", &topic.features.join(",")]);
        }
        let status = build.status().context("cannot run cargo")?;
        if !status.success() {
            bail!("cannot build {} ({status})", topic.example);
        }
        let binary = target.join("release/examples").join(format!(
            "{}{}",
            topic.example,
            std::env::consts::EXE_SUFFIX
        ));
        let run = run_bounded(Command::new(&binary), Duration::from_secs(300));
        if !run.status.success() {
            bail!("{} failed ({}):\n{}", topic.example, run.status, run.stderr);
        }
        let relative = output_path(&manifest, &topic.example)
            .ok_or_else(|| anyhow!("{}: its section has no [[section]] row", topic.example))?;
        let path = root.join("docs/src").join(relative);
        fs_err::create_dir_all(path.parent().expect("a folder"))?;
        fs_err::write(
            &path,
            format!("$ {}\n{caption}\n\n{}", topic.command(), run.stdout),
        )?;
        written.push(path);
    }
    Ok(written)
}
