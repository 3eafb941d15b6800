//! The one folder walker: the speech files (`.txt`, `.md`, `.docx`, `.doc`, `.html`, `.htm`,
//! `.pdf`) under the corpus folders, in path order,
//! each once and under a unique id; folders that cannot be walked are reported as skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::load::{special_kind, Skipped};

/// A file the corpus reads: `.txt`/`.md` and the formats of `corpus::formats`.
fn is_text_file(path: &Path) -> bool {
    crate::corpus::formats::Kind::of_path(path).is_some()
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Walks `root` recursively: (file, id from the path relative to the root). Symlinked
/// folders are followed once; a loop is reported as skipped, not walked forever.
/// Returns whether it met a symbolic link (only then can two paths name one file).
fn walk(root: &Path, files: &mut Vec<(PathBuf, String)>, skipped: &mut Vec<Skipped>) -> bool {
    let mut links = false;
    let mut seen_dirs = HashSet::new();
    // (folder, its canonical path when known: a real subfolder's is its parent's joined
    // with its name, which saves `canonicalize` a `readlink` per path component)
    let mut stack: Vec<(PathBuf, Option<PathBuf>)> = vec![(root.to_path_buf(), None)];
    while let Some((dir, known)) = stack.pop() {
        let canonical = match known {
            Some(c) => c,
            None => match std::fs::canonicalize(&dir) {
                Ok(c) => c,
                Err(e) => {
                    skipped.push(Skipped {
                        path: dir,
                        reason: e.to_string(),
                    });
                    continue;
                }
            },
        };
        if !seen_dirs.insert(canonical.clone()) {
            skipped.push(Skipped {
                path: dir,
                reason: "folder already visited (symlink loop)".into(),
            });
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                skipped.push(Skipped {
                    path: dir,
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            // The entry's own type saves a `stat`, except for links: metadata() follows
            // them, so a link to a folder is walked as a folder.
            let (meta, link) = match entry.file_type() {
                Ok(t) if !t.is_symlink() => (Ok(t), false),
                _ => (std::fs::metadata(&path).map(|m| m.file_type()), true),
            };
            links |= link;
            match meta {
                Ok(t) if t.is_dir() => {
                    let known = (!link).then(|| canonical.join(entry.file_name()));
                    subdirs.push((path, known));
                }
                // A FIFO, socket or device (or a link to one) is never opened: reading a FIFO
                // waits for a writer forever.
                Ok(t) if is_text_file(&path) && special_kind(t).is_some() => {
                    skipped.push(Skipped {
                        path,
                        reason: format!(
                            "is a {}, not a regular file",
                            special_kind(t).unwrap_or_default()
                        ),
                    });
                }
                Ok(_) if is_text_file(&path) => {
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    let id = rel
                        .with_extension("")
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push((path, id));
                }
                Ok(_) => {}
                Err(e) => skipped.push(Skipped {
                    path,
                    reason: e.to_string(),
                }),
            }
        }
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev());
    }
    links
}

/// The `.txt`/`.md` files under the given folders as (path, id), in path order, each file
/// once and every id unique; folders that could not be walked come back as skipped.
/// This is the list `load_dirs` loads.
pub(crate) fn list_files(dirs: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    // Two folders may overlap, and links may lead to a file twice.
    let mut may_repeat = dirs.len() > 1;
    for d in dirs {
        match std::fs::metadata(d) {
            Ok(m) if m.is_dir() => may_repeat |= walk(d, &mut files, &mut skipped),
            Ok(m) if special_kind(m.file_type()).is_some() => skipped.push(Skipped {
                path: d.clone(),
                reason: format!(
                    "is a {}, not a regular file",
                    special_kind(m.file_type()).unwrap_or_default()
                ),
            }),
            Ok(_) => {
                let id = d
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push((d.clone(), id));
            }
            Err(e) => skipped.push(Skipped {
                path: d.clone(),
                reason: e.to_string(),
            }),
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    // The same file reached twice (two overlapping folders) is loaded once.
    // (`canonicalize` costs several syscalls a file: only when it can matter.)
    if may_repeat {
        let mut seen = HashSet::new();
        files.retain(|(p, _)| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    }
    // Ids must be unique across folders: later duplicates get a suffix.
    let mut ids = HashSet::new();
    for (_, id) in &mut files {
        let base = id.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            *id = format!("{base}~{n}");
            n += 1;
        }
    }
    (files, skipped)
}

/// The files of a corpus, found but not yet read: (path, unique id) in id order.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub files: Vec<(PathBuf, String)>,
    pub skipped: Vec<Skipped>,
    /// The folders (or files) as given: what names the corpus's parse cache.
    pub roots: Vec<PathBuf>,
}

/// Walks the given folders (a file given directly counts as itself).
pub fn scan(dirs: &[PathBuf]) -> Scan {
    let (files, skipped) = list_files(dirs);
    Scan {
        files,
        skipped,
        roots: dirs.to_vec(),
    }
}
