//! The manifest rewriting, on small hand-written manifests.
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
    let err = resolve_manifest(member, &ws).unwrap_err().to_string();
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
