//! The dev container gives any OS the Linux course: its JSON parses, its
//! image is the workspace's pinned Rust (`rust-version`), it installs what
//! the course needs beside Rust, and it fetches the crates once.
//! (Nothing here can run Docker: this checks what can be checked.)

use tour::workspace_root;

#[test]
fn the_dev_container_pins_the_toolchain_and_prepares_the_course() {
    let root = workspace_root();
    let dir = root.join(".devcontainer");
    let json = std::fs::read_to_string(dir.join("devcontainer.json")).unwrap();
    let config: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(config["build"]["dockerfile"], "Dockerfile");
    assert_eq!(config["postCreateCommand"], "cargo fetch");

    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let version = manifest["workspace"]["package"]["rust-version"].as_str().unwrap();
    let dockerfile = std::fs::read_to_string(dir.join("Dockerfile")).unwrap();
    let image = format!("FROM rust:{version}-bookworm");
    assert!(
        dockerfile.lines().any(|l| l == image),
        "the image is not `{image}`"
    );
    for package in ["python3", "gettext"] {
        assert!(
            dockerfile.contains(&format!(" {package}")),
            "{package} is not installed"
        );
    }
}
