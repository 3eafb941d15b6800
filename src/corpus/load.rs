//! Files → corpus: the built-in speeches, single files and folders walked recursively.
//! Broken files are skipped and collected with a reason, never fatal. No terminal code here.

use std::path::{Path, PathBuf};

use super::decode::DecodeError;
use super::formats::{self, FormatError, Kind};
use super::Speech;

// Declared here rather than in `corpus/mod.rs`, which is being rewritten on another branch;
// the file sits beside the others as `corpus/walk.rs`.
#[path = "walk.rs"]
mod walk;

pub(crate) use walk::list_files;
pub use walk::{scan, Scan};

/// The seeds, embedded so `tigang` works from any directory with no files around it.
static BUILTIN: [(&str, &[u8]); 5] = [
    (
        "000_1d82c23c4702611b",
        include_bytes!("../../data/000_1d82c23c4702611b.txt"),
    ),
    (
        "001_e06c157ea6db8405",
        include_bytes!("../../data/001_e06c157ea6db8405.txt"),
    ),
    (
        "002_79d529a42d7e482e",
        include_bytes!("../../data/002_79d529a42d7e482e.txt"),
    ),
    (
        "003_f2cd3f3992885587",
        include_bytes!("../../data/003_f2cd3f3992885587.txt"),
    ),
    (
        "004_c86d48fce694c9fb",
        include_bytes!("../../data/004_c86d48fce694c9fb.txt"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: is a directory, not a text file", .0.display())]
    Directory(PathBuf),
    #[error("{}: {}", .0.display(), .1)]
    Decode(PathBuf, DecodeError),
    #[error("{}: {}", .0.display(), .1)]
    Io(PathBuf, std::io::Error),
    /// A Word, web or PDF file that could not be read.
    #[error("{}: {}", .0.display(), .1)]
    Format(PathBuf, FormatError),
}

/// Where a corpus comes from: the reader loads it in the background (and again on `R`), and
/// `tigang search` greps its files.
#[derive(Debug, Clone)]
pub enum Source {
    /// The speeches built into the binary.
    Builtin,
    /// `.txt`/`.md` files under these folders (or these files), decoded with `encoding` when
    /// given, else with detection.
    Dirs {
        dirs: Vec<PathBuf>,
        encoding: Option<&'static encoding_rs::Encoding>,
    },
    /// A corpus read once and kept (`tigang -`: standard input cannot be read again).
    Loaded(std::sync::Arc<Corpus>),
}

impl Source {
    /// The encoding forced on every file, if any.
    pub fn encoding(&self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Source::Builtin | Source::Loaded(_) => None,
            Source::Dirs { encoding, .. } => *encoding,
        }
    }

    /// The whole corpus, loaded now on all cores.
    pub fn load(&self) -> Corpus {
        match self {
            Source::Builtin => builtin(),
            Source::Dirs { dirs, encoding } => load_dirs(dirs, *encoding),
            Source::Loaded(c) => (**c).clone(),
        }
    }
}

/// A file left out of the corpus, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub speeches: Vec<Speech>,
    pub skipped: Vec<Skipped>,
}

impl Corpus {
    pub fn find(&self, id: &str) -> Option<usize> {
        self.speeches.iter().position(|s| s.id == id)
    }
}

/// The five speeches shipped in `data/`.
pub fn builtin() -> Corpus {
    let speeches = BUILTIN
        .iter()
        .map(|(id, bytes)| Speech::from_bytes(*id, bytes, None).expect("built-in speech decodes"))
        .collect();
    Corpus {
        speeches,
        skipped: Vec::new(),
    }
}

/// The built-in speeches as (id, raw bytes), for callers that want to scan them without
/// parsing (`grep`).
pub(crate) fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    &BUILTIN
}

/// Reads one file; the id is its file stem.
pub fn load_file(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "speech".into());
    load_with_id(path, id, encoding)
}

fn load_with_id(
    path: &Path,
    id: String,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let mut bytes = Vec::new();
    read_into(path, &mut bytes)?;
    let mut s = speech_from(id, Some(path), &bytes, encoding)?;
    s.path = Some(path.to_path_buf());
    Ok(s)
}

/// A speech from a file's bytes, whatever its format: text decoded, other formats extracted
/// (`path` gives the extension; bytes from a pipe are sniffed).
pub fn speech_from(
    id: String,
    path: Option<&Path>,
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let shown = || path.unwrap_or(Path::new("-")).to_path_buf();
    match Kind::of(path, bytes) {
        Kind::Text => {
            Speech::from_bytes(id, bytes, encoding).map_err(|e| LoadError::Decode(shown(), e))
        }
        kind => formats::extract(kind, bytes, encoding)
            .map(|ex| Speech::from_extracted(id, kind, ex))
            .map_err(|e| LoadError::Format(shown(), e)),
    }
}

/// Reads a file into `buf` (cleared first, its capacity reused): the one way a speech file is
/// read, by the loader and by `tigang search`. Reads first and looks at the metadata only when
/// that fails (to say missing, a folder, or the read error), which saves two `stat`s per file
/// when scanning many.
pub(crate) fn read_into(path: &Path, buf: &mut Vec<u8>) -> Result<(), LoadError> {
    use std::io::Read;
    buf.clear();
    // Through `Take`, `read_to_end` skips the size hint (a `statx` and an `lseek`): the
    // reused buffer is usually big enough already.
    let read = std::fs::File::open(path).and_then(|f| f.take(u64::MAX).read_to_end(buf));
    read.map(|_| ())
        .map_err(|read_err| match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                LoadError::Missing(path.to_path_buf())
            }
            Err(e) => LoadError::Io(path.to_path_buf(), e),
            Ok(m) if m.is_dir() => LoadError::Directory(path.to_path_buf()),
            Ok(_) => LoadError::Io(path.to_path_buf(), read_err),
        })
}

/// How a file that could not be loaded is reported.
pub(crate) fn skipped_for(e: &LoadError) -> Skipped {
    Skipped {
        path: match e {
            LoadError::Missing(p)
            | LoadError::Directory(p)
            | LoadError::Decode(p, _)
            | LoadError::Io(p, _)
            | LoadError::Format(p, _) => p.clone(),
        },
        reason: match e {
            LoadError::Decode(_, d) => d.to_string(),
            LoadError::Format(_, f) => f.to_string(),
            LoadError::Io(_, io) => io.to_string(),
            other => other.to_string(),
        },
    }
}

/// Maps files on all cores (rayon's pool), keeping their order.
fn par_map<T: Send>(files: &[(PathBuf, String)], f: impl Fn(&Path, &str) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    files.par_iter().map(|(p, id)| f(p, id)).collect()
}

/// Reads, decodes and outlines every scanned file.
pub fn load_scanned(scan: &Scan, encoding: Option<&'static encoding_rs::Encoding>) -> Corpus {
    let results = par_map(&scan.files, |p, id| {
        load_with_id(p, id.to_string(), encoding)
    });
    let mut skipped = scan.skipped.clone();
    let mut speeches = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => speeches.push(s),
            Err(e) => skipped.push(skipped_for(&e)),
        }
    }
    Corpus { speeches, skipped }
}

/// The title needs only the head of a file (spec: within the first 60 lines): usually the
/// first line or two; a longer head is read only when the short one holds no title.
const HEAD_BYTES: [usize; 2] = [1536, 8192];

/// Titles only, from the head of each file: enough to draw the list at once while the full
/// parse runs. Files that can't be read are left for the full load to report.
pub fn load_titles(scan: &Scan, encoding: Option<&'static encoding_rs::Encoding>) -> Corpus {
    let stubs = par_map(&scan.files, |p, id| {
        use std::io::Read;
        if Kind::of_path(p).is_some_and(|k| k != Kind::Text) {
            // Other formats hold their text inside: extracted whole, outlined later.
            let mut bytes = Vec::new();
            read_into(p, &mut bytes).ok()?;
            let kind = Kind::of(Some(p), &bytes);
            let title = if kind == Kind::Text {
                let d = super::decode::decode(&bytes, encoding).ok()?;
                super::clean::clean(&d.text).title
            } else {
                let ex = formats::extract(kind, &bytes, encoding).ok()?;
                super::clean::quick_title(&ex.text)
                    .unwrap_or_else(|| super::clean::clean(&ex.text).title)
            };
            return Some(Speech::stub(id, title, p));
        }
        let mut file = std::fs::File::open(p).ok()?;
        let mut head = Vec::with_capacity(HEAD_BYTES[0]);
        let mut title = None;
        for len in HEAD_BYTES {
            let want = len - head.len();
            let got = (&mut file).take(want as u64).read_to_end(&mut head).ok()?;
            // A head cut inside a UTF-8 character is still UTF-8: decode up to the cut.
            let whole = match std::str::from_utf8(&head) {
                Err(e) if e.error_len().is_none() && got == want => &head[..e.valid_up_to()],
                _ => &head[..],
            };
            let d = super::decode::decode(whole, encoding).ok()?;
            title = super::clean::quick_title(&d.text);
            if title.is_some() || got < want {
                // Found, or the whole file is read: the full rules decide.
                let title = title.unwrap_or_else(|| super::clean::clean(&d.text).title);
                return Some(Speech::stub(id, title, p));
            }
        }
        let d = super::decode::decode(&head, encoding).ok()?;
        Some(Speech::stub(
            id,
            title.unwrap_or_else(|| super::clean::clean(&d.text).title),
            p,
        ))
    });
    Corpus {
        speeches: stubs.into_iter().flatten().collect(),
        skipped: Vec::new(),
    }
}

/// Loads every speech file (text, Word, web page, PDF) under the given folders, on all cores, in path order.
pub fn load_dirs(dirs: &[PathBuf], encoding: Option<&'static encoding_rs::Encoding>) -> Corpus {
    load_scanned(&scan(dirs), encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_five_titled_speeches() {
        let c = builtin();
        assert_eq!(c.speeches.len(), 5);
        assert_eq!(c.speeches[1].title, "在全市第二批主题教育培训会上的讲话");
        assert_eq!(c.find("003_f2cd3f3992885587"), Some(3));
        assert!(c.speeches[3].incomplete.is_some());
    }

    #[test]
    fn folder_walk_skips_broken_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2023/sub")).unwrap();
        std::fs::write(root.join("a.txt"), "在会上的讲话\n\n正文。").unwrap();
        std::fs::write(root.join("2023/sub/b.md"), "# 在会上的发言\n\n正文。").unwrap();
        std::fs::write(root.join("empty.txt"), "").unwrap();
        std::fs::write(root.join("bin.txt"), b"\x00\x01\x02binary").unwrap();
        std::fs::write(root.join("notes.xlsx"), "ignored").unwrap();
        std::fs::write(root.join(".hidden.txt"), "hidden").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("2023/loop")).unwrap();
        let c = load_dirs(&[root.to_path_buf()], None);
        let ids: Vec<_> = c.speeches.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["2023/sub/b", "a"]);
        let reasons: Vec<String> = c
            .skipped
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.path.file_name().unwrap().to_string_lossy(),
                    s.reason
                )
            })
            .collect();
        assert!(
            reasons.iter().any(|r| r == "empty.txt: file is empty"),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("bin.txt: file looks binary")),
            "{reasons:?}"
        );
        #[cfg(unix)]
        assert!(
            reasons.iter().any(|r| r.contains("symlink loop")),
            "{reasons:?}"
        );
    }

    #[test]
    fn single_file_errors_name_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        let e = load_file(&missing, None).unwrap_err().to_string();
        assert!(e.ends_with("nope.txt: no such file"), "{e}");
        let e = load_file(dir.path(), None).unwrap_err().to_string();
        assert!(e.contains("is a directory"), "{e}");
    }
}
