//! The manifests of a starter: the members' own with every setting they
//! inherit from the workspace written out, and a workspace manifest of its own.

use std::collections::BTreeSet;
use std::path::Path;

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

/// Every dependency entry (name, table view) of a manifest, target-specific
/// tables included. String entries (`foo = "1"`) are skipped: they cannot
/// inherit and are not paths.
pub fn all_dependencies(manifest: &Table) -> Vec<(String, &dyn TableLike)> {
    let mut tables: Vec<&Item> = DEP_TABLES.iter().filter_map(|t| manifest.get(t)).collect();
    if let Some(targets) = manifest.get("target").and_then(Item::as_table_like) {
        for (_, target) in targets.iter() {
            if let Some(target) = target.as_table_like() {
                tables.extend(DEP_TABLES.iter().filter_map(|t| target.get(t)));
            }
        }
    }
    tables
        .into_iter()
        .filter_map(Item::as_table_like)
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
pub fn resolve_manifest(text: &str, workspace: &DocumentMut) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let ws = workspace
        .get("workspace")
        .and_then(Item::as_table)
        .ok_or("root Cargo.toml has no [workspace]")?;

    // [package] fields: `edition.workspace = true` -> `edition = "2024"`.
    if let Some(package) = doc.get_mut("package").and_then(Item::as_table_like_mut) {
        let keys: Vec<String> = package.iter().map(|(k, _)| k.to_string()).collect();
        for key in keys {
            if inherits(package.get(&key)) {
                let value = ws
                    .get("package")
                    .and_then(|p| p.get(&key))
                    .ok_or_else(|| format!("package.{key} inherits a value the workspace lacks"))?;
                package.insert(&key, value.clone());
            }
        }
    }

    // [lints] workspace = true -> the workspace's lint tables themselves.
    if inherits(doc.get("lints")) {
        let lints = ws
            .get("lints")
            .ok_or("[lints] inherits, but the workspace has none")?;
        doc["lints"] = lints.clone();
        if let Some(t) = doc["lints"].as_table_mut() {
            t.set_implicit(true);
        }
    }

    // Dependencies, also under [target.'cfg(..)'].
    let deps = ws.get("dependencies").and_then(Item::as_table_like);
    let mut tables: Vec<&mut Item> = Vec::new();
    let (top, target): (Vec<_>, Vec<_>) = doc
        .as_table_mut()
        .iter_mut()
        .partition(|(k, _)| k.get() != "target");
    for (key, item) in top {
        if DEP_TABLES.contains(&key.get()) {
            tables.push(item);
        }
    }
    for (_, targets) in target {
        if let Some(targets) = targets.as_table_like_mut() {
            for (_, one) in targets.iter_mut() {
                if let Some(one) = one.as_table_like_mut() {
                    for (key, item) in one.iter_mut() {
                        if DEP_TABLES.contains(&key.get()) {
                            tables.push(item);
                        }
                    }
                }
            }
        }
    }
    for table in tables {
        let Some(table) = table.as_table_like_mut() else {
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
            let shared = deps.and_then(|d| d.get(name.get())).ok_or_else(|| {
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
fn merge_dependency(
    shared: &Item,
    local: &dyn TableLike,
) -> Result<toml_edit::InlineTable, String> {
    let mut out = toml_edit::InlineTable::new();
    match shared {
        Item::Value(Value::String(version)) => {
            out.insert("version", version.value().as_str().into());
        }
        other => {
            let table = other.as_table_like().ok_or("odd workspace dependency")?;
            for (k, v) in table.iter() {
                let v = v
                    .as_value()
                    .ok_or("odd workspace dependency value")?
                    .clone();
                if k == "path" {
                    // Crates are siblings in the starter, as in the workspace.
                    let dir = Path::new(v.as_str().ok_or("odd path")?)
                        .file_name()
                        .ok_or("odd path")?
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
                let v = v.as_value().ok_or("odd dependency value")?.clone();
                out.insert(other, v);
            }
        }
    }
    out.fmt();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE: &str = r#"
[workspace]
members = ["a"]
[workspace.package]
version = "0.1.0"
edition = "2024"
[workspace.dependencies]
common = { path = "common" }
serde = { version = "1", features = ["derive"] }
tokio = { version = "1.54", default-features = false }
itoa = "1"
[workspace.lints.rust]
missing_docs = "warn"
[profile.dev]
opt-level = 1
"#;

    const MEMBER: &str = r#"
[package]
name = "a"
version.workspace = true
edition.workspace = true

[dependencies]
common.workspace = true
itoa = { workspace = true }
tokio = { workspace = true, features = ["rt", "time"] }
local = "0.3"

[target.'cfg(loom)'.dependencies]
serde = { workspace = true, optional = true }

[lints]
workspace = true
"#;

    #[test]
    fn every_inherited_field_is_written_out() {
        let ws: DocumentMut = WORKSPACE.parse().unwrap();
        let out = resolve_manifest(MEMBER, &ws).unwrap();
        assert!(!out.contains("workspace"), "{out}");
        let doc: toml::Table = out.parse().unwrap();
        assert_eq!(doc["package"]["version"].as_str(), Some("0.1.0"));
        assert_eq!(doc["package"]["edition"].as_str(), Some("2024"));
        let deps = &doc["dependencies"];
        assert_eq!(deps["common"]["path"].as_str(), Some("../common"));
        assert_eq!(deps["itoa"]["version"].as_str(), Some("1"));
        assert_eq!(deps["tokio"]["version"].as_str(), Some("1.54"));
        assert_eq!(deps["tokio"]["default-features"].as_bool(), Some(false));
        let features: Vec<&str> = deps["tokio"]["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(features, ["rt", "time"]);
        assert_eq!(deps["local"].as_str(), Some("0.3"));
        let serde = &doc["target"]["cfg(loom)"]["dependencies"]["serde"];
        assert_eq!(serde["features"].as_array().unwrap().len(), 1);
        assert_eq!(serde["optional"].as_bool(), Some(true));
        assert_eq!(doc["lints"]["rust"]["missing_docs"].as_str(), Some("warn"));
    }

    #[test]
    fn unknown_inherited_dependency_is_an_error() {
        let ws: DocumentMut = WORKSPACE.parse().unwrap();
        let member = "[package]\nname = \"a\"\n[dependencies]\nnope.workspace = true\n";
        let err = resolve_manifest(member, &ws).unwrap_err();
        assert!(
            err.contains("nope is not in [workspace.dependencies]"),
            "{err}"
        );
    }

    #[test]
    fn starter_workspace_keeps_profiles() {
        let ws: DocumentMut = WORKSPACE.parse().unwrap();
        let out = workspace_manifest(&ws, &["a".into(), "common".into()], "a");
        let doc: toml::Table = out.parse().unwrap();
        assert_eq!(doc["workspace"]["members"].as_array().unwrap().len(), 2);
        assert_eq!(doc["profile"]["dev"]["opt-level"].as_integer(), Some(1));
    }
}
