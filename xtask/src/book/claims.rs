//! Every page agrees with the run printed beside it. A lesson states what a
//! run shows with `common::report::claim(text, holds, detail)`, one line of
//! its output: `Claim: <text> -- holds (<detail>)`, or `... -- does not
//! hold on this run (<detail>)`. Checked here:
//!
//! - every `Claim:` line of a captured run (`docs/src/**/output/*.txt`) is
//!   well formed;
//! - a captured run that its page calls typical, with [`TYPICAL`] on the line
//!   before its block, has only claims that hold;
//! - every claim literal of the course's code (`claim("…"` in its crates'
//!   `examples/` and `src/`) is in a captured run, and an example's captured
//!   run has every claim of the example's own file.

use std::path::{Path, PathBuf};

use common::report::CLAIM;
use tour::Manifest;

use super::capture::output_path;
use super::check::{SKIP, includes};
use crate::normalize;

/// The line a page puts before a captured run's block (and its [`SKIP`])
/// when its prose describes that run as the usual one.
pub const TYPICAL: &str = "<!-- typical run: every claim holds -->";

/// A claim line's text and whether it held; `None` when it is not a line
/// `claim()` prints.
pub fn parse(line: &str) -> Option<(&str, bool)> {
    let rest = line.strip_prefix(CLAIM)?;
    let (at, verdict, holds) = [
        (" -- holds (", true),
        (" -- does not hold on this run (", false),
    ]
    .into_iter()
    .filter_map(|(verdict, holds)| Some((rest.find(verdict)?, verdict, holds)))
    .min_by_key(|(at, _, _)| *at)?;
    let detail = rest[at + verdict.len()..].strip_suffix(')')?;
    let text = &rest[..at];
    (!text.trim().is_empty() && !detail.trim().is_empty()).then_some((text, holds))
}

/// The claims of a captured run: (line number, text, holds), the malformed
/// ones as problems.
fn claims_of(shown: &str, capture: &str, problems: &mut Vec<String>) -> Vec<(String, bool)> {
    let mut claims = Vec::new();
    for (n, line) in capture
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(CLAIM))
    {
        match parse(line) {
            Some((text, holds)) => claims.push((text.to_string(), holds)),
            None => problems.push(format!(
                "{shown}:{}: not a claim as `claim()` prints it, `{CLAIM}<claim> -- holds (<detail>)` \
                 or `... -- does not hold on this run (<detail>)`: {line:.120}",
                n + 1
            )),
        }
    }
    claims
}

/// The string literals passed to `claim(` in Rust source, comments left out.
pub fn literals(source: &str) -> Vec<String> {
    let code: Vec<&str> = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let code = code.join("\n");
    let mut found = Vec::new();
    for (i, call) in code.match_indices("claim(") {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(rest) = code[i + call.len()..].trim_start().strip_prefix('"') else {
            continue;
        };
        let (mut literal, mut chars) = (String::new(), rest.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, chars.next_if(|_| c == '\\')) {
                ('"', _) => break,
                (_, Some('n')) => literal.push('\n'),
                (_, Some('\n')) => while chars.next_if(|c| c.is_whitespace()).is_some() {},
                (_, Some(escaped)) => literal.push(escaped),
                (c, None) => literal.push(c),
            }
        }
        found.push(literal);
    }
    found
}

/// Every problem with the claims of the workspace at `root`.
pub fn check(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let src = root.join("docs/src");
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let captures: Vec<(PathBuf, Vec<(String, bool)>)> = crate::files_with(&src, "txt")
        .into_iter()
        .filter(|f| f.parent().is_some_and(|p| p.ends_with("output")))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let claims = claims_of(&shown(&f), &text, &mut problems);
            (normalize(&f), claims)
        })
        .collect();
    let claims_in = |capture: &Path| captures.iter().find(|(c, _)| c == capture).map(|(_, k)| k);

    for page in crate::files_with(&src, "md") {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (n, _) in lines.iter().enumerate().filter(|(_, l)| **l == TYPICAL) {
            let mut next = n + 1;
            next += usize::from(lines.get(next) == Some(&SKIP));
            next += usize::from(lines.get(next).is_some_and(|l| l.starts_with("```")));
            let capture = lines
                .get(next)
                .and_then(|l| includes(l).pop())
                .filter(|i| i.contains("output/"));
            let at = format!("{}:{}", shown(&page), n + 1);
            let Some(capture) = capture else {
                problems.push(format!(
                    "{at}: `{TYPICAL}` is not just before a captured run's block"
                ));
                continue;
            };
            let path = normalize(&page.parent().unwrap_or(&src).join(&capture));
            match claims_in(&path).map(Vec::as_slice) {
                None => {} // a missing file: the include check says so
                Some([]) => problems.push(format!("{at}: marked typical, but {capture} has no claim")),
                Some(claims) => problems.extend(claims.iter().filter(|(_, holds)| !holds).map(|(text, _)| {
                    format!(
                        "{at}: marked typical, but in {capture} «{text}» does not hold: capture \
                         a typical run, or say on the page what this one shows"
                    )
                })),
            }
        }
    }

    let manifest = match Manifest::load(&root.join("topics.toml")) {
        Ok(manifest) => manifest,
        Err(e) => return [problems, vec![e]].concat(),
    };
    let mut crates: Vec<&str> = manifest.topics.iter().map(|t| t.package.as_str()).collect();
    crates.push("common");
    crates.sort();
    crates.dedup();
    for krate in crates {
        for kind in ["examples", "src"] {
            for file in crate::files_with(&root.join(krate).join(kind), "rs") {
                // `examples/x.rs`, or `examples/x/main.rs`: the example `x`.
                let named = if file.ends_with("main.rs") {
                    file.parent()
                } else {
                    Some(file.as_path())
                };
                let name = named
                    .and_then(Path::file_stem)
                    .unwrap_or_default()
                    .to_string_lossy();
                let own = (kind == "examples")
                    .then(|| {
                        manifest
                            .topics
                            .iter()
                            .find(|t| t.package == krate && t.example == name)
                    })
                    .flatten()
                    .and_then(|t| output_path(&manifest, &t.example))
                    .map(|capture| normalize(&src.join(capture)));
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for literal in literals(&text) {
                    let has =
                        |claims: &Vec<(String, bool)>| claims.iter().any(|(t, _)| *t == literal);
                    match &own {
                        Some(capture) if !claims_in(capture).is_some_and(has) => problems.push(format!(
                            "{}: lacks the claim «{literal}» of {} (run `cargo xtask book --capture {name}`)",
                            shown(capture),
                            shown(&file)
                        )),
                        None if !captures.iter().any(|(_, claims)| has(claims)) => problems.push(format!(
                            "{}: the claim «{literal}» is in no captured run",
                            shown(&file)
                        )),
                        _ => {}
                    }
                }
            }
        }
    }
    problems
}
