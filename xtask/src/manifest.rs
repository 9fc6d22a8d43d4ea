//! The manifests of a starter: its crates' own stay as they are, inheriting
//! from a workspace manifest of the starter's own, which holds the course
//! workspace's settings: its package fields, lints and profiles, and the
//! dependencies its crates inherit.

use anyhow::{Context, Result, bail};
use toml_edit::{DocumentMut, Item, Table, TableLike};

/// The `[workspace] members` of the root manifest: the workspace's crates,
/// by directory.
pub fn members(workspace: &DocumentMut) -> Vec<String> {
    let members = workspace
        .get("workspace")
        .and_then(|w| w.get("members")?.as_array());
    let names = members.into_iter().flatten().filter_map(|m| m.as_str());
    names.map(String::from).collect()
}

/// Every dependency entry (name, table view) of a manifest, target-specific
/// tables (`[target.'cfg(loom)'.dev-dependencies]`) included. String entries
/// (`foo = "1"`) are left out: they neither inherit nor name a path.
pub fn all_dependencies(manifest: &Table) -> Vec<(String, &dyn TableLike)> {
    let targets = manifest.get("target").and_then(Item::as_table_like);
    let scopes = std::iter::once(manifest as &dyn TableLike).chain(
        targets
            .into_iter()
            .flat_map(|t| t.iter().filter_map(|(_, t)| t.as_table_like())),
    );
    let tables = ["dependencies", "dev-dependencies", "build-dependencies"];
    scopes
        .flat_map(|scope| tables.iter().filter_map(|t| scope.get(t)?.as_table_like()))
        .flat_map(|deps| deps.iter())
        .filter_map(|(name, dep)| Some((name.to_string(), dep.as_table_like()?)))
        .collect()
}

/// The starter's own workspace manifest, for its `crates` (with their
/// manifests): the course workspace's package fields, lints and profiles,
/// and the dependencies the crates inherit (an unknown one is an error).
pub fn workspace_manifest(
    workspace: &DocumentMut,
    crates: &[(String, DocumentMut)],
) -> Result<String> {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# A standalone starter of the course crate `{}`, written by\n\
         # `cargo xtask starter`: the course workspace's settings, for its crates.\n\n",
        crates[0].0
    ));
    let course = workspace
        .get("workspace")
        .context("the root Cargo.toml has no [workspace]")?;
    let mut ws = Table::new();
    ws["resolver"] = toml_edit::value("3");
    ws["members"] = toml_edit::value(
        crates
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<toml_edit::Array>(),
    );
    for key in ["package", "lints"] {
        if let Some(item) = course.get(key) {
            ws[key] = item.clone();
        }
    }
    let mut inherited = Table::new();
    for (name, manifest) in crates {
        for (dependency, entry) in all_dependencies(manifest.as_table()) {
            if entry.get("workspace").and_then(|w| w.as_bool()) != Some(true) {
                continue;
            }
            let Some(shared) = course.get("dependencies").and_then(|d| d.get(&dependency)) else {
                bail!(
                    "{name}/Cargo.toml: dependency {dependency} is not in [workspace.dependencies]"
                );
            };
            inherited[&dependency] = shared.clone();
        }
    }
    inherited.sort_values();
    ws["dependencies"] = Item::Table(inherited);
    doc["workspace"] = Item::Table(ws);
    if let Some(profile) = workspace.get("profile") {
        doc["profile"] = profile.clone();
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests;
