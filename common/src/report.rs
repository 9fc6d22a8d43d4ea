//! Aligned text tables for the examples' output, on `comfy-table`, and
//! user input as an error message shows it ([`quote`], [`shorten`]).
//!
//! ```
//! use common::report::Table;
//! let mut table = Table::new(["threads", "time"]);
//! table.row(["1", "2.00 s"]).row(["2", "1.01 s"]);
//! let text = table.to_string();
//! assert!(text.contains("| threads | time"));
//! assert_eq!(text.lines().count(), 4); // header, rule, two rows
//! ```

use std::ffi::OsStr;
use std::fmt;

use comfy_table::{CellAlignment, ContentArrangement, presets};

/// A table with a header row, printed as Markdown-style ASCII so it pastes
/// cleanly into notes, issues and terminals without Unicode box drawing.
#[derive(Debug)]
pub struct Table {
    inner: comfy_table::Table,
}

impl Table {
    /// A table with these column headers.
    ///
    /// ```
    /// let table = common::report::Table::new(["workers", "time", "speedup"]);
    /// assert!(table.to_string().starts_with("| workers | time | speedup |"));
    /// ```
    pub fn new<I, S>(header: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: ToString,
    {
        let mut inner = comfy_table::Table::new();
        inner
            .load_style(presets::ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(
                header
                    .into_iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            );
        Table { inner }
    }

    /// Appends a row; missing cells are left blank.
    ///
    /// ```
    /// let mut table = common::report::Table::new(["a", "b"]);
    /// table.row(["1", "2"]).row(["3"]);
    /// assert_eq!(table.len(), 2);
    /// ```
    pub fn row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: ToString,
    {
        self.inner
            .add_row(cells.into_iter().map(|s| s.to_string()).collect::<Vec<_>>());
        self
    }

    /// Right-aligns the columns at these indices (numbers read best that way).
    ///
    /// ```
    /// let mut t = common::report::Table::new(["n", "time"]);
    /// t.row(["1", "5 ms"]).row(["1000", "5 s"]).align_right([0]);
    /// assert!(t.to_string().contains("|    1 |"));
    /// ```
    pub fn align_right(&mut self, columns: impl IntoIterator<Item = usize>) -> &mut Self {
        for index in columns {
            if let Some(column) = self.inner.column_mut(index) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        self
    }

    /// Number of data rows (the header not counted).
    ///
    /// ```
    /// let mut table = common::report::Table::new(["a"]);
    /// assert_eq!(table.len(), 0);
    /// table.row(["x"]);
    /// assert_eq!(table.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.inner.row_count()
    }

    /// Whether the table has no data rows.
    ///
    /// ```
    /// assert!(common::report::Table::new(["a"]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner.trim_fmt())
    }
}

/// What a claim line starts with: the book's check finds every claim of an
/// example in its captured run by this prefix.
pub const CLAIM: &str = "Claim: ";

/// Prints a lesson's claim about this run as one line of its own, and
/// whether the run bore it out: `Claim: <claim> -- holds (<detail>)`, or
/// `Claim: <claim> -- does not hold on this run (<detail>)`, where the
/// detail says what was measured and, when it failed, why it may have (a
/// loaded machine, one CPU, a limit). Returns `holds`.
///
/// A claim is about timing or the scheduler, which no assert may rely on:
/// the cell asserts what is guaranteed, and states the rest this way. Call it
/// with a string literal, every run, so the book can check the capture.
///
/// ```
/// let held = common::report::claim("2 threads are about twice as fast as 1", true, "1.96x");
/// assert!(held);
/// ```
pub fn claim(claim: &str, holds: bool, detail: &str) -> bool {
    let verdict = if holds {
        "holds"
    } else {
        "does not hold on this run"
    };
    println!("{CLAIM}{claim} -- {verdict} ({detail})");
    holds
}

/// Ends an example cleanly when the OS refuses what it needs (a thread, a
/// file descriptor, memory under `ulimit`): one line that says what was
/// refused, why, and what to change, then exit code 0, at once, even from
/// inside a `thread::scope` whose other threads are waiting. A refusal is a
/// limit of this machine, not a failure of the lesson.
///
/// ```no_run
/// let spawned = std::thread::Builder::new().spawn(|| ());
/// if let Err(e) = spawned {
///     common::report::refused("thread 1 of 100", &e, "raise `ulimit -u`");
/// }
/// ```
pub fn refused(what: &str, error: &dyn fmt::Display, hint: &str) -> ! {
    use std::io::Write as _;
    println!("Stopped: the OS refused {what} ({error}); {hint}, and run it again.");
    let _ = std::io::stdout().flush();
    std::process::exit(0)
}

/// The name of the OS this runs on, as a learner calls it.
pub fn os_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "macOS",
        "windows" => "Windows",
        other => other,
    }
}

/// Says in one line what this OS cannot show, for an example that goes on
/// without it: `Not on macOS: <what> (<why, and where to see it>).`
///
/// ```
/// common::report::cannot_show("pinning a thread to one CPU", "macOS has no such call; the book's Linux run shows it");
/// ```
pub fn cannot_show(what: &str, why_and_where: &str) {
    println!("Not on {}: {what} ({why_and_where}).", os_name());
}

/// Ends an example that cannot run on this OS at all: one line saying what
/// it needs and what to do instead, then exit code 0.
///
/// ```no_run
/// common::report::cannot_run("fork(2), which Windows does not have",
///     "run it on Linux or macOS (on Windows: WSL, or the dev container)");
/// ```
pub fn cannot_run(needs: &str, instead: &str) -> ! {
    use std::io::Write as _;
    println!("Not on {}: this topic needs {needs}; {instead}.", os_name());
    let _ = std::io::stdout().flush();
    std::process::exit(0)
}

/// Text up to this many characters is shown whole in an error message.
const SHOWN_WHOLE: usize = 200;

/// A command-line argument as an error message shows it: in double quotes,
/// so an empty one is visible, with bytes that are not UTF-8 escaped, and
/// [`shorten`]ed.
///
/// ```
/// use std::os::unix::ffi::OsStrExt;
/// assert_eq!(common::report::quote("3.3"), r#""3.3""#);
/// assert_eq!(common::report::quote(""), r#""""#);
/// assert_eq!(common::report::quote(std::ffi::OsStr::from_bytes(b"x\xff")), r#""x\xFF""#);
/// ```
pub fn quote(arg: impl AsRef<OsStr>) -> String {
    let arg = arg.as_ref();
    cut(&format!("{arg:?}"), arg.as_encoded_bytes().len())
}

/// `text` whole when it is short, else its start and end around a `…` and
/// its length: an error message must not echo 100,000 characters back.
///
/// ```
/// assert_eq!(common::report::shorten("/home/me/ex"), "/home/me/ex");
/// let long = common::report::shorten(&"a".repeat(100_000));
/// assert_eq!(long, format!("{}…{} (100000 bytes)", "a".repeat(120), "a".repeat(60)));
/// ```
pub fn shorten(text: &str) -> String {
    cut(text, text.len())
}

/// `shown` cut down to its first 120 and last 60 characters when longer than
/// [`SHOWN_WHOLE`], followed by the length of what it shows.
fn cut(shown: &str, bytes: usize) -> String {
    let chars = shown.chars().count();
    if chars <= SHOWN_WHOLE {
        return shown.to_string();
    }
    let head: String = shown.chars().take(120).collect();
    let tail: String = shown.chars().skip(chars - 60).collect();
    format!("{head}…{tail} ({bytes} bytes)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let mut t = Table::new(["name", "value"]);
        t.row(["a", "1"]).row(["longer name", "22"]);
        let text = t.to_string();
        let widths: Vec<usize> = text.lines().map(|l| l.chars().count()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{text}");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn empty_table_has_only_a_header() {
        let t = Table::new(["only"]);
        assert!(t.is_empty());
        assert_eq!(t.to_string().lines().count(), 2);
    }
}
