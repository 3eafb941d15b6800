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

/// Walks `root` recursively: (file, id from the path relative to the root). Symlinked
/// folders are followed once; a loop is reported as skipped, not walked forever.
/// Returns whether it met a symbolic link (only then can two paths name one file).
fn walk(root: &Path, files: &mut Vec<(PathBuf, String)>, skipped: &mut Vec<Skipped>) -> bool {
    let mut links = false;
    let mut seen_dirs = HashSet::new();
    // (folder, its canonical path when known: a real subfolder's is its parent's joined
    // with its name, which saves `canonicalize` a `readlink` per path component)
    // … and the id prefix of its files: the folders below the root joined by `/`, so a
    // file's id is its prefix and its stem, without taking its path apart again.
    let mut stack: Vec<(PathBuf, Option<PathBuf>, String)> =
        vec![(root.to_path_buf(), None, String::new())];
    while let Some((dir, known, prefix)) = stack.pop() {
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
            let name = entry.file_name();
            // The name alone is one path component: cheap to test, where the whole path is
            // parsed again from the root by every `Path` method.
            let name_path = Path::new(&name);
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let text_file = is_text_file(name_path);
            let path = entry.path();
            // The entry's own type saves a `stat`, except for links: metadata() follows
            // them, so a link to a folder is walked as a folder.
            let (meta, link) = match entry.file_type() {
                Ok(t) if !t.is_symlink() => (Ok(t), false),
                _ => (std::fs::metadata(&path).map(|m| m.file_type()), true),
            };
            links |= link;
            match meta {
                Ok(t) if t.is_dir() => {
                    let known = (!link).then(|| canonical.join(&name));
                    let prefix = format!("{prefix}{}/", name.to_string_lossy());
                    subdirs.push((path, known, prefix));
                }
                // A FIFO, socket or device (or a link to one) is never opened: reading a FIFO
                // waits for a writer forever.
                Ok(t) if text_file && special_kind(t).is_some() => {
                    skipped.push(Skipped {
                        path,
                        reason: format!(
                            "is a {}, not a regular file",
                            special_kind(t).unwrap_or_default()
                        ),
                    });
                }
                Ok(_) if text_file => {
                    let stem = name_path.file_stem().unwrap_or(&name).to_string_lossy();
                    files.push((path, format!("{prefix}{stem}")));
                }
                Ok(_) => {}
                Err(e) => skipped.push(Skipped {
                    path,
                    reason: e.to_string(),
                }),
            }
        }
        subdirs.sort_by(|a, b| a.0.cmp(&b.0));
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
    // Ids must be unique across folders: later duplicates get a suffix. Sorted, equal ids
    // are neighbours, so a corpus without any (one folder, no links) needs no set of them.
    if files.windows(2).all(|w| w[0].1 != w[1].1) {
        return (files, skipped);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(scan: &Scan) -> Vec<&str> {
        scan.files.iter().map(|(_, id)| id.as_str()).collect()
    }

    #[test]
    fn ids_are_the_path_below_the_root_without_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("2019/深改组")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        for f in [
            "2019/深改组/讲话.txt",
            "2019/a.b.md",
            "z.TXT",
            ".hidden.txt",
            ".git/x.txt",
            "notes.rtf",
        ] {
            std::fs::write(d.join(f), "讲话\n").unwrap();
        }
        let s = scan(&[d.to_path_buf()]);
        assert_eq!(ids(&s), ["2019/a.b", "2019/深改组/讲话", "z"]);
        assert_eq!(s.files[1].0, d.join("2019/深改组/讲话.txt"));
    }

    #[test]
    fn the_same_id_from_two_folders_gets_a_suffix() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for d in [a.path(), b.path()] {
            std::fs::write(d.join("讲话.txt"), "讲话\n").unwrap();
        }
        std::fs::write(b.path().join("讲话~2.txt"), "另一篇\n").unwrap();
        let s = scan(&[a.path().to_path_buf(), b.path().to_path_buf()]);
        let mut got = ids(&s);
        got.sort();
        assert_eq!(got, ["讲话", "讲话~2", "讲话~2~2"]);
    }

    #[test]
    fn a_name_that_is_not_utf8_keeps_its_file_and_a_readable_id() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"\xd6\xd0\xce\xc4.txt");
        std::fs::write(dir.path().join(name), "讲话\n").unwrap();
        let s = scan(&[dir.path().to_path_buf()]);
        assert_eq!(ids(&s), ["\u{fffd}\u{fffd}\u{fffd}\u{fffd}"]);
        assert_eq!(s.files[0].0, dir.path().join(name));
    }
}
