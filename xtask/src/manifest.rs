//! The manifests of a starter: the members' own with every setting they
//! inherit from the workspace written out, and a workspace manifest of its own.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

/// Dependency tables of a manifest that may inherit from the workspace.
const DEP_TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// The `[workspace] members` of the root manifest: the workspace's crates,
/// by directory.
pub fn members(workspace: &DocumentMut) -> Vec<String> {
    workspace
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(Item::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|m| m.as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Where a manifest keeps dependencies: the key paths of its
/// `[dependencies]`-like tables, target-specific ones included
/// (`["target", "cfg(loom)", "dev-dependencies"]`). The one walker over
/// dependency tables; readers and writers both follow its paths.
fn dependency_tables(manifest: &Table) -> Vec<Vec<String>> {
    let mut paths: Vec<Vec<String>> = DEP_TABLES
        .iter()
        .filter(|t| manifest.contains_key(t))
        .map(|t| vec![t.to_string()])
        .collect();
    if let Some(targets) = manifest.get("target").and_then(Item::as_table_like) {
        for (cfg, target) in targets.iter() {
            let Some(target) = target.as_table_like() else {
                continue;
            };
            for t in DEP_TABLES.iter().filter(|t| target.contains_key(t)) {
                paths.push(vec!["target".into(), cfg.to_string(), t.to_string()]);
            }
        }
    }
    paths
}

/// The item at a key path from [`dependency_tables`], for reading.
fn at<'a>(manifest: &'a Table, path: &[String]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    rest.iter()
        .try_fold(manifest.get(first)?, |item, key| item.get(key))
}

/// The item at a key path from [`dependency_tables`], for writing.
fn at_mut<'a>(manifest: &'a mut Table, path: &[String]) -> Option<&'a mut Item> {
    let (first, rest) = path.split_first()?;
    rest.iter()
        .try_fold(manifest.get_mut(first)?, |item, key| item.get_mut(key))
}

/// Every dependency entry (name, table view) of a manifest, target-specific
/// tables included. String entries (`foo = "1"`) are skipped: they cannot
/// inherit and are not paths.
pub fn all_dependencies(manifest: &Table) -> Vec<(String, &dyn TableLike)> {
    dependency_tables(manifest)
        .iter()
        .filter_map(|path| at(manifest, path)?.as_table_like())
        .flat_map(|deps| deps.iter())
        .filter_map(|(name, dep)| Some((name.to_string(), dep.as_table_like()?)))
        .collect()
}

/// The starter's own workspace manifest: its crates, and the root's profiles.
pub fn workspace_manifest(workspace: &DocumentMut, crates: &[String], krate: &str) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(format!(
        "# A standalone starter of the course crate `{krate}`, written by\n\
         # `cargo xtask starter`. Every setting it inherited from the course\n\
         # workspace is written out in the crates' own Cargo.toml files.\n\n"
    ));
    let mut ws = Table::new();
    ws["resolver"] = toml_edit::value("3");
    let mut members = toml_edit::Array::new();
    for c in crates {
        members.push(c.as_str());
    }
    ws["members"] = toml_edit::value(members);
    doc["workspace"] = Item::Table(ws);
    if let Some(profile) = workspace.get("profile") {
        doc["profile"] = profile.clone();
    }
    doc.to_string()
}

/// Resolves every `workspace = true` in a member manifest against the root.
pub fn resolve_manifest(text: &str, workspace: &DocumentMut) -> Result<String> {
    let mut doc: DocumentMut = text.parse()?;
    let ws = workspace
        .get("workspace")
        .and_then(Item::as_table)
        .context("root Cargo.toml has no [workspace]")?;

    // [package] fields: `edition.workspace = true` -> `edition = "2024"`.
    if let Some(package) = doc.get_mut("package").and_then(Item::as_table_like_mut) {
        let keys: Vec<String> = package.iter().map(|(k, _)| k.to_string()).collect();
        for key in keys {
            if inherits(package.get(&key)) {
                let value = ws
                    .get("package")
                    .and_then(|p| p.get(&key))
                    .with_context(|| {
                        format!("package.{key} inherits a value the workspace lacks")
                    })?;
                package.insert(&key, value.clone());
            }
        }
    }

    // [lints] workspace = true -> the workspace's lint tables themselves.
    if inherits(doc.get("lints")) {
        let lints = ws
            .get("lints")
            .context("[lints] inherits, but the workspace has none")?;
        doc["lints"] = lints.clone();
        if let Some(t) = doc["lints"].as_table_mut() {
            t.set_implicit(true);
        }
    }

    // Dependencies, also under [target.'cfg(..)'].
    let deps = ws.get("dependencies").and_then(Item::as_table_like);
    for path in dependency_tables(doc.as_table()) {
        let Some(table) = at_mut(doc.as_table_mut(), &path).and_then(Item::as_table_like_mut)
        else {
            continue;
        };
        for (name, dep) in table.iter_mut() {
            let Some(local) = dep.as_table_like() else {
                continue;
            };
            if !local
                .get("workspace")
                .and_then(|w| w.as_bool())
                .unwrap_or(false)
            {
                continue;
            }
            let shared = deps.and_then(|d| d.get(name.get())).with_context(|| {
                format!(
                    "dependency {} is not in [workspace.dependencies]",
                    name.get()
                )
            })?;
            *dep = Item::Value(Value::InlineTable(merge_dependency(shared, local)?));
        }
    }
    Ok(doc.to_string())
}

fn inherits(item: Option<&Item>) -> bool {
    item.and_then(|i| i.get("workspace"))
        .and_then(|w| w.as_bool())
        .unwrap_or(false)
}

/// The workspace's entry for a dependency, with the member's own additions:
/// extra `features` (added to the workspace's) and `optional`.
fn merge_dependency(shared: &Item, local: &dyn TableLike) -> Result<toml_edit::InlineTable> {
    let odd = || anyhow!("odd workspace dependency");
    let mut out = toml_edit::InlineTable::new();
    match shared {
        Item::Value(Value::String(version)) => {
            out.insert("version", version.value().as_str().into());
        }
        other => {
            let table = other.as_table_like().ok_or_else(odd)?;
            for (k, v) in table.iter() {
                let v = v.as_value().ok_or_else(odd)?.clone();
                if k == "path" {
                    // Crates are siblings in the starter, as in the workspace.
                    let dir = Path::new(v.as_str().ok_or_else(odd)?)
                        .file_name()
                        .ok_or_else(odd)?
                        .to_string_lossy()
                        .into_owned();
                    out.insert("path", format!("../{dir}").into());
                } else {
                    out.insert(k, v);
                }
            }
        }
    }
    for (k, v) in local.iter() {
        match k {
            "workspace" => {}
            "features" => {
                let mut features: BTreeSet<String> = BTreeSet::new();
                for f in [out.get("features"), v.as_value()].into_iter().flatten() {
                    if let Some(list) = f.as_array() {
                        features.extend(list.iter().filter_map(|x| x.as_str()).map(String::from));
                    }
                }
                let mut array = toml_edit::Array::new();
                features.iter().for_each(|f| array.push(f.as_str()));
                out.insert("features", Value::Array(array));
            }
            other => {
                let v = v.as_value().ok_or_else(odd)?.clone();
                out.insert(other, v);
            }
        }
    }
    out.fmt();
    Ok(out)
}

#[cfg(test)]
mod tests;
