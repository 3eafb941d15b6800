//! Files → corpus: the built-in speeches, single files and folders walked recursively.
//! Broken files are skipped and collected with a reason, never fatal. No terminal code here.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::decode::DecodeError;
use super::formats::{self, FormatError, Kind};
use super::{cache, Speech};

pub(crate) use super::walk::list_files;
pub use super::walk::{scan, Scan};

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
    /// A FIFO, socket or device: never opened, since reading one can block forever.
    #[error("{}: is a {}, not a regular file; skipped unread", .0.display(), .1)]
    NotRegular(PathBuf, &'static str),
    /// Bigger than the per-file limit ([`set_max_file_mb`]).
    #[error("{}: {}", .0.display(), too_big(*.1, *.2))]
    TooBig(PathBuf, u64, u64),
    /// Parsing it hit a bug; the rest of the corpus is loaded all the same.
    #[error("{}: tigang failed on this file (a bug: {})", .0.display(), .1)]
    Panicked(PathBuf, String),
    /// A Word, web or PDF file that could not be read.
    #[error("{}: {}", .0.display(), .1)]
    Format(PathBuf, FormatError),
}

fn too_big(size: u64, limit: u64) -> String {
    format!(
        "file is {} MB, over the limit of {} MB (corpus.max_file_mb); skipped unread",
        size.div_ceil(1 << 20),
        limit >> 20
    )
}

/// The per-file size limit in bytes: set once at start from the config; 64 MB until then.
static MAX_FILE_BYTES: AtomicU64 = AtomicU64::new(64 << 20);

/// Sets the per-file size limit (`corpus.max_file_mb`): bigger files are skipped unread.
pub fn set_max_file_mb(mb: u64) {
    MAX_FILE_BYTES.store(mb.saturating_mul(1 << 20), Ordering::Relaxed);
}

fn max_file_bytes() -> u64 {
    MAX_FILE_BYTES.load(Ordering::Relaxed)
}

/// What kind of special file `t` is, for messages; `None` for a regular file or a folder.
pub(crate) fn special_kind(t: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() || t.is_dir() {
        None
    } else if t.is_fifo() {
        Some("FIFO (named pipe)")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_char_device() {
        Some("character device")
    } else if t.is_block_device() {
        Some("block device")
    } else {
        Some("special file")
    }
}

/// Opens a file known to be regular for reading, without ever blocking: `O_NONBLOCK` keeps
/// the open from waiting should it have been replaced by a FIFO since it was looked at, and
/// the check on the open file catches that.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, LoadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    let meta = file
        .metadata()
        .map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(LoadError::NotRegular(path.to_path_buf(), kind));
    }
    Ok(file)
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
    /// What the user should hear about the load itself (the parse cache could not be written).
    pub notes: Vec<String>,
    /// Groups of near-duplicate speeches (indices into `speeches`, ascending), each of two or
    /// more; see [`super::dups`]. Filled by the full load, empty for title stubs.
    pub duplicates: Vec<Vec<usize>>,
}

impl Corpus {
    /// Groups the near-duplicate speeches ([`Corpus::duplicates`]) by the sketches their
    /// parse made.
    pub fn find_duplicates(&mut self) {
        let sketches: Vec<Option<&super::dups::Sketch>> =
            self.speeches.iter().map(|s| s.sketch.as_deref()).collect();
        self.duplicates = super::dups::groups(&sketches);
    }

    /// The duplicate group speech `i` belongs to, if any.
    pub fn duplicate_group(&self, i: usize) -> Option<&[usize]> {
        self.duplicates
            .iter()
            .find(|g| g.binary_search(&i).is_ok())
            .map(Vec::as_slice)
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.speeches.iter().position(|s| s.id == id)
    }
}

/// The five speeches shipped in `data/`.
pub fn builtin() -> Corpus {
    let speeches = BUILTIN
        .iter()
        .map(|(id, bytes)| {
            Speech::from_bytes(*id, bytes, None)
                .expect("built-in speech decodes")
                .sketched()
        })
        .collect();
    Corpus {
        speeches,
        ..Corpus::default()
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

/// Reads and parses one file of a folder scan as the full load does (`id` is the scan's):
/// also what a reader still loading its corpus does for the one speech it opens.
pub fn load_with_id(
    path: &Path,
    id: String,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let mut bytes = Vec::new();
    read_into(path, &mut bytes, encoding)?;
    parse_read(path, id, &bytes, encoding)
}

/// [`load_with_id`] for a file already read into `bytes` (by [`read_into`]).
pub(crate) fn parse_read(
    path: &Path,
    id: String,
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let mut s = catch_panic(path, || {
        test_panic(path);
        speech_from(id, Some(path), bytes, encoding)
    })??;
    s.path = Some(path.to_path_buf());
    Ok(s)
}

/// Runs the work on one file, turning a panic (a bug in the parser on this input) into an
/// error for that file, so the rest of the corpus still loads.
pub(crate) fn catch_panic<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, LoadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        LoadError::Panicked(path.to_path_buf(), message)
    })
}

/// Lets the end-to-end tests prove that one file's panic is contained: a file whose name is
/// `TIGANG_TEST_PANIC_FILE` panics while being parsed.
pub(crate) fn test_panic(path: &Path) {
    static NAME: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();
    let name = NAME.get_or_init(|| std::env::var_os("TIGANG_TEST_PANIC_FILE"));
    if let Some(name) = name {
        if path.file_name() == Some(name.as_os_str()) {
            panic!("TIGANG_TEST_PANIC_FILE names this file");
        }
    }
}

/// The head that decides whether a file is binary (`decode::detect` looks no further).
const SNIFF_BYTES: usize = 64 * 1024;

/// A speech from a file's bytes, whatever its format: text decoded, other formats extracted
/// (`path` gives the extension; bytes from a pipe are sniffed).
pub fn speech_from(
    id: String,
    path: Option<&Path>,
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Speech, LoadError> {
    let shown = || path.unwrap_or(Path::new("-")).to_path_buf();
    let speech = match Kind::of(path, bytes) {
        Kind::Text => {
            Speech::from_bytes(id, bytes, encoding).map_err(|e| LoadError::Decode(shown(), e))
        }
        kind => formats::extract(kind, bytes, encoding)
            .map(|ex| Speech::from_extracted(id, kind, ex))
            .map_err(|e| LoadError::Format(shown(), e)),
    };
    speech.map(Speech::sketched)
}

/// Reads a file into `buf` (cleared first, its capacity reused): the one way a speech file is
/// read, by the loader and by `tigang search`. Looks before it opens: a folder, a FIFO, a
/// socket or a device (a link to `/dev/zero`) is never opened, and a file over the size limit
/// never read. The head is read first: a binary file (without `force`) is rejected on it,
/// so a sparse multi-gigabyte file of zeros costs one read.
pub(crate) fn read_into(
    path: &Path,
    buf: &mut Vec<u8>,
    force: Option<&'static encoding_rs::Encoding>,
) -> Result<(), LoadError> {
    read_limited(path, buf, force, max_file_bytes())
}

fn read_limited(
    path: &Path,
    buf: &mut Vec<u8>,
    force: Option<&'static encoding_rs::Encoding>,
    limit: u64,
) -> Result<(), LoadError> {
    use std::io::Read;
    buf.clear();
    let io = |e| LoadError::Io(path.to_path_buf(), e);
    let mut file = open_checked(path, limit)?.0;
    // Through `Take`, `read_to_end` skips the size hint (a `statx` and an `lseek`): the
    // reused buffer is usually big enough already.
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(buf)
        .map_err(io)?;
    // Only a text file is called binary early: Word, PDF and zip files are binary by nature.
    if buf.len() == SNIFF_BYTES
        && force.is_none()
        && Kind::of(Some(path), buf) == Kind::Text
        && matches!(super::decode::detect(buf, None), Err(DecodeError::Binary))
    {
        return Err(LoadError::Decode(path.to_path_buf(), DecodeError::Binary));
    }
    // One byte over the limit tells a file that grew since the `stat`.
    let rest = (limit + 1).saturating_sub(buf.len() as u64);
    file.take(rest).read_to_end(buf).map_err(io)?;
    if buf.len() as u64 > limit {
        let len = buf.len() as u64;
        buf.clear();
        return Err(LoadError::TooBig(path.to_path_buf(), len, limit));
    }
    Ok(())
}

/// The file opened after the checks [`read_into`] makes before it reads, and its size.
fn open_checked(path: &Path, limit: u64) -> Result<(std::fs::File, u64), LoadError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::Missing(path.to_path_buf()))
        }
        Err(e) => return Err(LoadError::Io(path.to_path_buf(), e)),
    };
    if meta.is_dir() {
        return Err(LoadError::Directory(path.to_path_buf()));
    }
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(LoadError::NotRegular(path.to_path_buf(), kind));
    }
    if meta.len() > limit {
        return Err(LoadError::TooBig(path.to_path_buf(), meta.len(), limit));
    }
    Ok((open_regular(path)?, meta.len()))
}

/// The first `n` bytes of a file into `buf` (cleared first), refused as [`read_into`]
/// refuses; returns the file's size.
pub(crate) fn read_head(path: &Path, buf: &mut Vec<u8>, n: usize) -> Result<u64, LoadError> {
    use std::io::Read;
    buf.clear();
    let (file, len) = open_checked(path, max_file_bytes())?;
    file.take(n as u64)
        .read_to_end(buf)
        .map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    Ok(len)
}

/// How a file that could not be loaded is reported.
pub(crate) fn skipped_for(e: &LoadError) -> Skipped {
    Skipped {
        path: match e {
            LoadError::Missing(p)
            | LoadError::Directory(p)
            | LoadError::Decode(p, _)
            | LoadError::Io(p, _)
            | LoadError::NotRegular(p, _)
            | LoadError::TooBig(p, ..)
            | LoadError::Panicked(p, _)
            | LoadError::Format(p, _) => p.clone(),
        },
        reason: match e {
            LoadError::Decode(_, d) => d.to_string(),
            LoadError::Format(_, f) => f.to_string(),
            LoadError::Io(_, io) => io.to_string(),
            LoadError::NotRegular(_, kind) => format!("is a {kind}, not a regular file"),
            LoadError::TooBig(_, size, limit) => too_big(*size, *limit),
            LoadError::Panicked(_, m) => format!("tigang failed on this file (a bug: {m})"),
            other => other.to_string(),
        },
    }
}

/// Maps files on all cores (rayon's pool), keeping their order.
fn par_map<T: Send>(files: &[(PathBuf, String)], f: impl Fn(&Path, &str) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    files.par_iter().map(|(p, id)| f(p, id)).collect()
}

/// Reads, decodes and outlines every scanned file; with the parse cache on
/// ([`cache::set_dir`]), files unchanged since the last load come from the cache instead.
pub fn load_scanned(scan: &Scan, encoding: Option<&'static encoding_rs::Encoding>) -> Corpus {
    let cache = cache::dir().map(|dir| {
        let path = cache::pack_path(&dir, &scan.roots, encoding.map(|e| e.name()));
        let pack = cache::read_pack(&path);
        (dir, path, pack)
    });
    let pack = cache.as_ref().and_then(|(_, _, pack)| pack.as_ref().ok());
    let results = par_map(&scan.files, |p, id| {
        // The stamp is taken before the read: a file changed meanwhile is parsed next time.
        let stamp = cache
            .as_ref()
            .and_then(|_| std::fs::metadata(p).ok())
            .map(|m| cache::Stamp::of(&m));
        // A file over today's size limit is refused as if read, however it was cached.
        let within = stamp.is_some_and(|st| st.size <= max_file_bytes());
        if let (Some(pack), Some(st), true) = (pack, stamp, within) {
            if let Some(s) = pack.get(p, st, id) {
                return (Ok(s), stamp, true);
            }
        }
        (load_with_id(p, id.to_string(), encoding), stamp, false)
    });
    let mut skipped = scan.skipped.clone();
    let mut speeches = Vec::with_capacity(results.len());
    let mut stamps = Vec::with_capacity(results.len());
    let mut parsed = 0;
    for (r, stamp, hit) in results {
        match r {
            Ok(s) => {
                // Files that fail are not cached: they are tried again each time.
                parsed += usize::from(!hit);
                speeches.push(s);
                stamps.push(stamp);
            }
            Err(e) => skipped.push(skipped_for(&e)),
        }
    }
    let notes = match &cache {
        Some((dir, path, pack)) => update_pack(dir, path, pack, &speeches, &stamps, parsed),
        None => Vec::new(),
    };
    let mut c = Corpus {
        speeches,
        skipped,
        notes,
        duplicates: Vec::new(),
    };
    c.find_duplicates();
    c
}

/// Writes the pack again when it would hold something else (a file parsed anew, one gone,
/// or a pack that could not be used); returns what the user should hear of it.
fn update_pack(
    dir: &Path,
    path: &Path,
    pack: &Result<cache::Pack, cache::Miss>,
    speeches: &[Speech],
    stamps: &[Option<cache::Stamp>],
    parsed: usize,
) -> Vec<String> {
    use rayon::prelude::*;
    let cached = pack.as_ref().map_or(0, |p| p.len());
    if parsed == 0 && cached == speeches.len() {
        return Vec::new();
    }
    let entries: Vec<cache::Encoded> = speeches
        .par_iter()
        .zip(stamps)
        .filter_map(|(s, st)| Some(cache::encode(s.path.as_deref()?, (*st)?, s)))
        .collect();
    match (cache::write_pack(path, &entries), pack) {
        // Said only once it is true: the pack is whole again.
        (Ok(()), Err(miss @ (cache::Miss::Corrupt(_) | cache::Miss::Unreadable(_)))) => {
            vec![format!("parse cache {} was {miss}: rebuilt", path.display())]
        }
        (Ok(()), _) => Vec::new(),
        (Err(e), _) => vec![format!(
            "cannot write the parse cache in {}: {e} (tigang works without it; --no-cache stops trying)",
            dir.display()
        )],
    }
}

/// The title needs only the head of a file (spec: within the first 60 lines): usually the
/// first line or two; a longer head is read only when the short one holds no title.
const HEAD_BYTES: [usize; 2] = [1536, 8192];

/// Titles only: enough to draw the list at once while the full parse runs. A file the parse
/// cache holds unchanged (same size and modification time) has its title from the pack's
/// index, which is read without the texts; any other from the head of the file. Files that
/// can't be read are left for the full load to report (the walk's skips are reported).
pub fn load_titles(scan: &Scan, encoding: Option<&'static encoding_rs::Encoding>) -> Corpus {
    let pack =
        cache::dir().map(|dir| cache::pack_path(&dir, &scan.roots, encoding.map(|e| e.name())));
    titles_from(scan, encoding, pack.as_deref())
}

/// Stubs titled by their file names, for a corpus whose titles take longer to read than a
/// first frame may ([`load_titles`] then replaces them).
pub fn load_names(scan: &Scan) -> Corpus {
    let speeches = scan
        .files
        .iter()
        .map(|(p, id)| {
            // The id ends with the file's stem (`corpus::walk`): no path to take apart.
            let name = id.rsplit('/').next().unwrap_or(id);
            Speech::stub(id.as_str(), name.to_string(), p)
        })
        .collect();
    Corpus {
        speeches,
        skipped: scan.skipped.clone(),
        ..Corpus::default()
    }
}

/// [`load_titles`] with the titles of this pack (`None`: every title from its file).
fn titles_from(
    scan: &Scan,
    encoding: Option<&'static encoding_rs::Encoding>,
    pack: Option<&Path>,
) -> Corpus {
    let cached = pack.and_then(|p| cache::read_titles(p).ok());
    let stubs = par_map(&scan.files, |p, id| {
        if let Some((stamp, title)) = cached.as_ref().and_then(|c| c.get(p)) {
            let same = std::fs::metadata(p).is_ok_and(|m| {
                m.is_file() && cache::Stamp::of(&m) == *stamp && m.len() <= max_file_bytes()
            });
            if same {
                return Some(Speech::stub(id, title.clone(), p));
            }
        }
        catch_panic(p, || title_stub(p, id, encoding))
            .ok()
            .flatten()
    });
    Corpus {
        speeches: stubs.into_iter().flatten().collect(),
        skipped: scan.skipped.clone(),
        ..Corpus::default()
    }
}

fn title_stub(
    p: &Path,
    id: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Option<Speech> {
    {
        use std::io::Read;
        if Kind::of_path(p).is_some_and(|k| k != Kind::Text) {
            // Other formats hold their text inside: extracted whole, outlined later.
            let mut bytes = Vec::new();
            read_into(p, &mut bytes, encoding).ok()?;
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
        // Never blocks (a FIFO put there since the walk); errors are the full load's to report.
        let mut file = open_regular(p).ok()?;
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
    fn a_stub_is_an_empty_speech_with_a_title_not_yet_loaded() {
        let path = Path::new("/corpus/a.txt");
        let (s, empty) = (
            Speech::stub("a", "讲话".into(), path),
            Speech::parse("a", ""),
        );
        assert_eq!((s.title.as_str(), s.path.as_deref()), ("讲话", Some(path)));
        assert!(!s.loaded);
        // Everything else as a parse of nothing makes it.
        let rest = |s: &Speech| {
            format!(
                "{:?}",
                (
                    &s.text,
                    &s.paragraphs,
                    &s.headings,
                    &s.checks,
                    &s.emphasis,
                    &s.gaps,
                    &s.toc_only,
                    &s.warnings,
                    (s.chars, s.repeated, s.front_matter_removed, &s.subtitle),
                    (&s.incomplete, &s.sketch, s.encoding),
                )
            )
        };
        assert_eq!(rest(&s), rest(&empty));
    }

    #[test]
    fn names_first_lists_every_file_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/第一篇.txt"), "标题\n\n正文。\n").unwrap();
        std::fs::write(dir.path().join("b.md"), "# 标题二\n").unwrap();
        let scan = scan(&[dir.path().to_path_buf()]);
        let c = load_names(&scan);
        let names: Vec<(&str, bool)> = c
            .speeches
            .iter()
            .map(|s| (s.title.as_str(), s.loaded))
            .collect();
        assert_eq!(names, [("b", false), ("第一篇", false)]);
    }

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
    fn titles_come_from_the_pack_for_unchanged_files_and_from_the_file_for_others() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("c");
        std::fs::create_dir_all(&root).unwrap();
        // The full parse finds the title the head's quick look would not: the pack's is the
        // one to show, and a file changed since has its own read again.
        std::fs::write(root.join("a.txt"), "在会上的讲话\n\n正文。").unwrap();
        std::fs::write(root.join("b.txt"), "在另一个会上的讲话\n\n正文。").unwrap();
        let scan = scan(std::slice::from_ref(&root));
        let full = load_scanned(&scan, None);
        let entries: Vec<cache::Encoded> = full
            .speeches
            .iter()
            .map(|s| {
                let p = s.path.clone().unwrap();
                let st = cache::Stamp::of(&std::fs::metadata(&p).unwrap());
                let mut s = s.clone();
                s.title = format!("缓存的{}", s.title);
                cache::encode(&p, st, &s)
            })
            .collect();
        let pack = dir.path().join("p.pack");
        cache::write_pack(&pack, &entries).unwrap();
        std::fs::write(root.join("b.txt"), "在第三个会上的讲话\n\n正文，长了一些。").unwrap();
        let titles = |pack: Option<&Path>| -> Vec<String> {
            let c = titles_from(&scan, None, pack);
            assert!(c.speeches.iter().all(|s| !s.loaded));
            c.speeches.into_iter().map(|s| s.title).collect()
        };
        assert_eq!(
            titles(Some(&pack)),
            ["缓存的在会上的讲话", "在第三个会上的讲话"]
        );
        assert_eq!(titles(None), ["在会上的讲话", "在第三个会上的讲话"]);
        // A pack that is not one is no title at all: the files say.
        std::fs::write(&pack, b"tigang-cache\0\0\0\x03garbage").unwrap();
        assert_eq!(titles(Some(&pack)), ["在会上的讲话", "在第三个会上的讲话"]);
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
