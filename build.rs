//! Build script: a hash of the parser's sources and locked dependencies, so the parse cache
//! can tell a pack written by any other build of the parser (see `corpus::cache`).

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for e in list.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    files(Path::new("src/corpus"), &mut all);
    all.push(PathBuf::from("Cargo.lock"));
    all.sort();
    // FNV-1a over each file's path and bytes: stable, and needs no dependency.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &all {
        let bytes = std::fs::read(p).unwrap_or_default();
        for &b in p.to_string_lossy().as_bytes().iter().chain(&bytes) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!(
        "cargo:rustc-env=TIGANG_PARSER_HASH={}-{h:016x}",
        env!("CARGO_PKG_VERSION")
    );
    println!("cargo:rerun-if-changed=src/corpus");
    println!("cargo:rerun-if-changed=Cargo.lock");
}
