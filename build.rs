//! Embeds the rule-topic library (`queries/*.toml`) and the demo competition
//! (`src/demo/data/**`) into the binary, so an installed rulegap works anywhere.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    embed(
        &root.join("queries"),
        &out.join("queries.rs"),
        "BUILTIN_QUERIES",
    );
    embed(
        &root.join("src/demo/data"),
        &out.join("demo_data.rs"),
        "DEMO_FILES",
    );
}

/// Writes `const NAME: &[(&str, &str)]` of (relative path, contents) for every file under `dir`.
fn embed(dir: &Path, out: &Path, name: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut code = format!(
        "/// Files embedded at build time.\npub(crate) const {name}: &[(&str, &str)] = &[\n"
    );
    for (rel, abs) in files {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .expect("string write");
    }
    code.push_str("];\n");
    std::fs::write(out, code).expect("write generated file");
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(base, &path, files);
        } else if let Ok(rel) = path.strip_prefix(base) {
            files.push((rel.to_string_lossy().replace('\\', "/"), path));
        }
    }
}
