//! The floor of `bench/run.sh`: how fast one process can read every file of a folder with all
//! cores, parsing nothing, so that tigang's figures can be told as multiples of it.
//!
//! `cargo run --release --example read_floor -- DIR`
//! Walks DIR (hidden entries skipped and symlinks not followed, as the corpus loader does),
//! reads each file whole on rayon's pool, prints `N files, B bytes` and then the wall
//! milliseconds (walk included) as the last line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        // file_type() does not follow symlinks: a link is neither, so it is skipped.
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&e.path(), out),
            Ok(t) if t.is_file() => out.push(e.path()),
            _ => {}
        }
    }
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: read_floor DIR");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    // Each read is kept until its length is summed, so no read can be optimised away.
    let bytes: usize = files
        .par_iter()
        .map(|p| std::fs::read(p).map_or(0, |b| b.len()))
        .sum();
    let ms = start.elapsed().as_secs_f64() * 1e3;
    println!("{} files, {bytes} bytes", files.len());
    println!("{ms:.1}");
}
