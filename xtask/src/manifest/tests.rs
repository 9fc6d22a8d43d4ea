//! The starter's workspace manifest, from small hand-written manifests.
use super::*;

const WORKSPACE: &str = r#"
[workspace]
members = ["a", "common", "tour"]
default-members = ["a"]
[workspace.package]
version = "0.1.0"
edition = "2024"
[workspace.dependencies]
common = { path = "common" }
tour = { path = "tour" }
# Only the tour uses it.
plotters = "0.3"
serde = { version = "1", features = ["derive"] }
tokio = { version = "1.54", default-features = false }
[workspace.lints.rust]
missing_docs = "warn"
[profile.dev]
opt-level = 1
"#;

const MEMBER: &str = r#"
[package]
name = "a"
version.workspace = true
[dependencies]
common.workspace = true
tokio = { workspace = true, features = ["rt", "time"] }
local = "0.3"
[target.'cfg(loom)'.dev-dependencies]
serde = { workspace = true, optional = true }
[lints]
workspace = true
"#;

fn starter(member: &str) -> Result<toml::Table> {
    let ws: DocumentMut = WORKSPACE.parse().unwrap();
    let crates = [("a".to_string(), member.parse().unwrap())];
    Ok(workspace_manifest(&ws, &crates)?.parse().unwrap())
}

#[test]
fn the_starter_workspace_holds_what_its_crates_inherit() {
    let doc = starter(MEMBER).unwrap();
    let ws = &doc["workspace"];
    assert_eq!(ws["members"].as_array().unwrap().len(), 1);
    assert!(ws.get("default-members").is_none());
    assert_eq!(ws["package"]["edition"].as_str(), Some("2024"));
    assert_eq!(ws["lints"]["rust"]["missing_docs"].as_str(), Some("warn"));
    let deps: Vec<&String> = ws["dependencies"].as_table().unwrap().keys().collect();
    assert_eq!(deps, ["common", "serde", "tokio"], "not the tour's");
    assert_eq!(
        ws["dependencies"]["common"]["path"].as_str(),
        Some("common")
    );
    assert_eq!(doc["profile"]["dev"]["opt-level"].as_integer(), Some(1));
}

#[test]
fn an_unknown_inherited_dependency_is_an_error() {
    let member = "[package]\nname = \"a\"\n[dependencies]\nnope.workspace = true\n";
    let err = starter(member).unwrap_err().to_string();
    assert!(
        err.contains("nope is not in [workspace.dependencies]"),
        "{err}"
    );
}
