//! One small data file (bookmarks, reading state) on disk: [`DataFile`], the one type both
//! are kept in, with its locked read-modify-write cycle ([`locked_update`]), crash-safe
//! replacement, the cross-process lock, reading it as text, and the error for a data file we
//! refuse to touch. Knows only paths, bytes and TOML: it must not depend on the terminal,
//! ratatui or corpus types.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::text::line_column;

/// Distinguishes temp files of concurrent writes from one process (threads, several stores).
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes` so that a crash at any instant leaves either the old or the
/// new contents, never a mixture or an empty file.
///
/// A symlinked `path` is resolved first, so a user's dotfile link keeps pointing at the real
/// file instead of being replaced by a regular file. The file's permission bits are kept.
/// A target that exists but is not a regular file (a link to `/dev/null`, a FIFO, a socket,
/// a folder) is refused: renaming over it would replace what tigang did not write.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    match fs::symlink_metadata(&target) {
        Ok(meta) => {
            if let Some(kind) = special_kind(meta.file_type()) {
                return Err(io::Error::other(format!(
                    "{} is a {kind}, not a regular file: refusing to replace it",
                    target.display()
                )));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let dir = parent_dir(&target);
    fs::create_dir_all(dir)?;
    let (tmp_path, file) = create_temp(&target)?;
    let result = fill_and_rename(file, &tmp_path, &target, bytes);
    if result.is_err() {
        // A leftover temp file would only confuse a user looking into their config folder.
        let _ = fs::remove_file(&tmp_path);
    }
    result?;
    // Without this the rename itself may be lost on power failure, resurrecting the old file.
    File::open(dir)?.sync_all()
}

fn fill_and_rename(mut file: File, tmp_path: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(target) {
        if meta.is_file() {
            file.set_permissions(meta.permissions())?;
        }
    }
    file.write_all(bytes)?;
    // The data must be on disk before the rename publishes it, or a crash can leave the new
    // name pointing at an empty file.
    file.sync_all()?;
    drop(file);
    #[cfg(test)]
    stall_before_rename()?;
    fs::rename(tmp_path, target)
}

/// Where a test's worker process announces that it is mid-write (the temp file written,
/// not yet renamed) and then waits to be killed, so the kill lands there for certain.
#[cfg(test)]
pub(crate) static STALL_BEFORE_RENAME: std::sync::Mutex<Option<PathBuf>> =
    std::sync::Mutex::new(None);

#[cfg(test)]
fn stall_before_rename() -> io::Result<()> {
    let marker = STALL_BEFORE_RENAME.lock().unwrap().clone();
    if let Some(marker) = marker {
        fs::write(marker, b"mid-write")?;
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
    Ok(())
}

/// Temp files live in the target's folder because `rename` is only atomic within one
/// filesystem.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    let prefix = temp_prefix(target)?;
    let dir = parent_dir(target);
    let pid = std::process::id();
    loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = prefix.clone();
        name.push(format!("{pid}.{n}"));
        let tmp_path = dir.join(name);
        // create_new: a stale file from a dead process that had our pid must not be reused.
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(file) => return Ok((tmp_path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `.NAME.tmp.` — hidden, and never mistaken for the data file by a loader that opens NAME.
fn temp_prefix(target: &Path) -> io::Result<OsString> {
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "data file path has no file name",
        )
    })?;
    let mut prefix = OsString::from(".");
    prefix.push(name);
    prefix.push(".tmp.");
    Ok(prefix)
}

/// Deletes temp files that a writer killed mid-write left next to `path`.
///
/// Only call this while holding [`lock_for`]`(path)`: every writer of the data file writes
/// under that lock, so no temp file can belong to a write still in progress.
pub fn remove_stale_temp_files(path: &Path) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    let prefix = temp_prefix(&target)?;
    let prefix = prefix.as_encoded_bytes();
    let entries = match fs::read_dir(parent_dir(&target)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_name().as_encoded_bytes().starts_with(prefix) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Follows symlinks by hand rather than with `canonicalize`, which fails on a dangling link
/// whose target simply has not been created yet.
fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = parent_dir(&current).join(link);
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// `Path::parent` of a bare file name is "", which the filesystem calls does not accept.
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `bookmarks.toml` → `bookmarks.lock`, in the same folder.
///
/// The lock is a separate file because a lock held on the data file itself protects nothing
/// once a rename has replaced that file with a new inode.
pub fn lock_path_for(data_path: &Path) -> PathBuf {
    let stem = data_path
        .file_stem()
        .map(OsString::from)
        .unwrap_or_else(|| OsString::from("data"));
    let mut name = stem;
    name.push(".lock");
    data_path.with_file_name(name)
}

/// An exclusive advisory lock, released when dropped.
#[derive(Debug)]
pub struct FileLock {
    file: File,
}

impl FileLock {
    fn open(lock_path: &Path) -> io::Result<File> {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path)
    }

    /// Blocks until no other process or handle holds `lock_path`. The lock file is created if
    /// missing and never deleted: deleting it would let two processes lock two different
    /// inodes under the same name.
    pub fn acquire(lock_path: &Path) -> io::Result<FileLock> {
        let file = Self::open(lock_path)?;
        file.lock()?;
        Ok(FileLock { file })
    }

    /// Like [`acquire`](Self::acquire), but gives up after `wait` with an error of kind
    /// [`io::ErrorKind::WouldBlock`]: an interactive caller must not freeze while another
    /// program (`flock bookmarks.lock sleep 15`) holds it.
    pub fn acquire_within(lock_path: &Path, wait: std::time::Duration) -> io::Result<FileLock> {
        let file = Self::open(lock_path)?;
        let deadline = std::time::Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FileLock { file }),
                Err(fs::TryLockError::Error(e)) => return Err(e),
                Err(fs::TryLockError::WouldBlock) => {
                    if std::time::Instant::now() >= deadline {
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!("{} is held by another program", lock_path.display()),
                        ));
                    }
                    // flock has no timed wait; a short nap keeps this cheap and responsive.
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
            }
        }
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing would release it too; unlocking explicitly keeps that independent of
        // whether anything else still shares the descriptor.
        let _ = self.file.unlock();
    }
}

/// Takes the lock guarding `data_path`, creating its folder if needed.
pub fn lock_for(data_path: &Path) -> io::Result<FileLock> {
    lock_within(data_path, None)
}

/// [`lock_for`], giving up after `wait` when given (see [`FileLock::acquire_within`]).
pub fn lock_within(data_path: &Path, wait: Option<std::time::Duration>) -> io::Result<FileLock> {
    fs::create_dir_all(parent_dir(data_path))?;
    match wait {
        None => FileLock::acquire(&lock_path_for(data_path)),
        Some(wait) => FileLock::acquire_within(&lock_path_for(data_path), wait),
    }
}

/// Why a [`locked_update`] did not go through.
#[derive(Debug)]
pub enum UpdateError<D, E> {
    /// The file as it is on disk now cannot be trusted: stop writing to it.
    Unreadable(DataFileError),
    /// Another program held the lock longer than the caller would wait; nothing was read or
    /// written.
    Locked,
    /// The change itself was refused; `on_disk` is the document as read under the lock.
    Refused { error: E, on_disk: D },
    /// Locking, serialising, the read-back check or the write failed. `on_disk` is what the
    /// file holds now when that could be read (a failed write may have renamed already).
    Io {
        error: io::Error,
        on_disk: Option<D>,
    },
}

/// The one read-modify-write cycle of a data file: take its lock, read what is on disk now
/// (`read`), let `op` change that (it says whether it changed anything), and unless nothing
/// changed write it back atomically, having checked that the text reads back (`parse`) as
/// the same document. Returns the document now on disk and `op`'s value. `what` names the
/// contents in the refusal message ("bookmarks", "reading state").
pub fn locked_update<D, T, E>(
    path: &Path,
    lock_wait: Option<std::time::Duration>,
    what: &str,
    read: impl Fn() -> Result<D, DataFileError>,
    parse: impl Fn(&str) -> Result<D, DataFileError>,
    op: impl FnOnce(&mut D) -> Result<(T, bool), E>,
) -> Result<(D, T), UpdateError<D, E>>
where
    D: Clone + PartialEq + serde::Serialize,
{
    let io = |error, on_disk| UpdateError::Io { error, on_disk };
    let _lock = lock_within(path, lock_wait).map_err(|e| match e.kind() {
        io::ErrorKind::WouldBlock => UpdateError::Locked,
        _ => io(e, None),
    })?;
    let on_disk = read().map_err(UpdateError::Unreadable)?;
    let mut doc = on_disk.clone();
    let (value, changed) = match op(&mut doc) {
        Ok(result) => result,
        Err(error) => return Err(UpdateError::Refused { error, on_disk }),
    };
    if !changed {
        return Ok((doc, value));
    }
    let plain = match toml::to_string(&doc) {
        Ok(text) => text,
        Err(e) => return Err(io(io::Error::other(e), Some(on_disk))),
    };
    // The file as it is, with only what changed replaced, so hand-written comments and
    // layout survive; the plain rendering when that does not read back as `doc`.
    let text = read_regular(path, MAX_DATA_FILE_BYTES)
        .ok()
        .flatten()
        .and_then(|old| String::from_utf8(old).ok())
        .and_then(|old| keep_layout(&old, &plain))
        .filter(|kept| parse(kept).ok().as_ref() == Some(&doc))
        .unwrap_or(plain);
    // Never publish a file we could not load ourselves (e.g. a known field name put into a
    // table of unknown keys, producing a duplicate key).
    if parse(&text).ok().as_ref() != Some(&doc) {
        let e = io::Error::other(format!(
            "refusing to write {what} that would not read back identically"
        ));
        return Err(io(e, Some(on_disk)));
    }
    // Safe because we hold the lock; failing to tidy up must not block saving.
    let _ = remove_stale_temp_files(path);
    match write_atomic(path, text.as_bytes()) {
        Ok(()) => Ok((doc, value)),
        Err(e) => Err(io(e, read().ok())),
    }
}

/// `new` (a whole document) written into the layout of `old`: every key and value `new` has
/// the same as `old` keeps its place, comments and formatting; changed values are replaced
/// (keeping the comments around them), new ones added, vanished ones removed. Tables in an
/// array (`[[bookmark]]`) are matched by their `id`. `None` when either does not parse.
pub fn keep_layout(old: &str, new: &str) -> Option<String> {
    let mut old_doc: toml_edit::DocumentMut = old.parse().ok()?;
    let new_doc: toml_edit::DocumentMut = new.parse().ok()?;
    merge_table(old_doc.as_table_mut(), new_doc.as_table());
    Some(old_doc.to_string())
}

fn merge_table(old: &mut toml_edit::Table, new: &toml_edit::Table) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    for (k, item) in new.iter() {
        match old.get_mut(k) {
            Some(o) => merge_item(o, item),
            None => {
                old.insert(k, item.clone());
            }
        }
    }
}

fn merge_item(old: &mut toml_edit::Item, new: &toml_edit::Item) {
    use toml_edit::Item;
    match (&mut *old, new) {
        (Item::Table(o), Item::Table(n)) => merge_table(o, n),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => {
            let id =
                |t: &toml_edit::Table| t.get("id").and_then(|v| v.as_str()).map(str::to_string);
            let mut merged = toml_edit::ArrayOfTables::new();
            for nt in n.iter() {
                let matching =
                    id(nt).and_then(|want| o.iter().find(|ot| id(ot).as_ref() == Some(&want)));
                match matching {
                    Some(ot) => {
                        let mut t = ot.clone();
                        merge_table(&mut t, nt);
                        merged.push(t);
                    }
                    None => merged.push(nt.clone()),
                }
            }
            *o = merged;
        }
        (Item::Value(o), Item::Value(n)) => {
            let bare = |v: &toml_edit::Value| {
                let mut v = v.clone();
                v.decor_mut().clear();
                v.to_string()
            };
            if bare(o) != bare(n) {
                let decor = o.decor().clone();
                *o = n.clone();
                *o.decor_mut() = decor;
            }
        }
        (o, n) => *o = n.clone(),
    }
}

/// What a [`DataFile`] holds: one TOML document, read whole and written whole.
pub trait Contents: Clone + Default + PartialEq + serde::Serialize {
    /// What it is, for messages: "bookmarks", "reading state".
    const WHAT: &'static str;
    /// What the user loses while the file cannot be trusted.
    const CONSEQUENCE: &'static str;
    /// Whether the last good contents stay in memory while the file is broken (else empty).
    const KEEP_WHEN_BROKEN: bool;
    /// What a file that does not exist yet holds.
    fn missing() -> Self {
        Self::default()
    }
    fn parse(path: &Path, text: &str) -> Result<Self, DataFileError>;
}

/// Reads a data file now: a missing one holds [`Contents::missing`].
pub fn read_contents<D: Contents>(path: &Path) -> Result<D, DataFileError> {
    match read_text(path, D::CONSEQUENCE)? {
        Some(text) => D::parse(path, &text),
        None => Ok(D::missing()),
    }
}

/// One data file as this process last read or wrote it. A file that exists but cannot be
/// trusted makes it read-only, with the reason in [`error`](Self::error), and is never
/// written over.
#[derive(Debug)]
pub struct DataFile<D> {
    path: PathBuf,
    doc: D,
    error: Option<DataFileError>,
    /// How long an update waits for the lock; `None`: as long as it takes.
    lock_wait: Option<std::time::Duration>,
}

impl<D: Contents> DataFile<D> {
    /// Never fails: a missing file holds [`Contents::missing`]; a broken one makes it
    /// read-only.
    pub fn load(path: impl Into<PathBuf>) -> DataFile<D> {
        let mut file = DataFile {
            path: path.into(),
            doc: D::default(),
            error: None,
            lock_wait: None,
        };
        file.reload();
        file
    }

    /// Makes updates give up ([`UpdateError::Locked`]) after waiting `wait` for the lock.
    pub fn set_lock_wait(&mut self, wait: Option<std::time::Duration>) {
        self.lock_wait = wait;
    }

    /// Reads the file again, e.g. after the user fixed it.
    pub fn reload(&mut self) {
        match read_contents(&self.path) {
            Ok(doc) => {
                self.doc = doc;
                self.error = None;
            }
            Err(e) => {
                if !D::KEEP_WHEN_BROKEN {
                    self.doc = D::default();
                }
                self.error = Some(e);
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn doc(&self) -> &D {
        &self.doc
    }

    /// Replaces the document held in memory (after a failed update, with what is on disk).
    pub fn show(&mut self, doc: D) {
        self.doc = doc;
    }

    pub fn error(&self) -> Option<&DataFileError> {
        self.error.as_ref()
    }

    pub fn is_read_only(&self) -> bool {
        self.error.is_some()
    }

    /// [`locked_update`] of this file. A read-only file, or one found broken under the lock
    /// (it then turns read-only), gives [`UpdateError::Unreadable`]; on success the document
    /// written (or found unchanged) is the one held. Other errors leave the held document
    /// alone: they carry what is on disk for the caller to [`show`](Self::show) if it wants.
    pub fn update<T, E>(
        &mut self,
        op: impl FnOnce(&mut D) -> Result<(T, bool), E>,
    ) -> Result<T, UpdateError<D, E>> {
        if let Some(e) = &self.error {
            return Err(UpdateError::Unreadable(e.clone()));
        }
        let path = &self.path;
        let result = locked_update(
            path,
            self.lock_wait,
            D::WHAT,
            || read_contents(path),
            |text| D::parse(path, text),
            op,
        );
        match result {
            Ok((doc, value)) => {
                self.doc = doc;
                Ok(value)
            }
            Err(UpdateError::Unreadable(e)) => {
                // Broken since we loaded it (edited by hand, another program): stop writing.
                self.error = Some(e.clone());
                Err(UpdateError::Unreadable(e))
            }
            Err(other) => Err(other),
        }
    }
}

/// A data file that exists but cannot be trusted. The file stays untouched while this error
/// stands; the Display form is meant to be shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFileError {
    pub path: PathBuf,
    /// 1-based; `None` when the problem is not at a place in the text (e.g. a directory).
    pub line: Option<usize>,
    /// 1-based, in characters rather than bytes so it matches what an editor shows.
    pub column: Option<usize>,
    pub message: String,
    /// What the user loses until they fix the file, e.g. "bookmarks are read-only …".
    pub consequence: &'static str,
}

impl fmt::Display for DataFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {} — {}", self.message, self.consequence)
    }
}

impl std::error::Error for DataFileError {}

impl DataFileError {
    pub fn new(path: &Path, message: impl Into<String>, consequence: &'static str) -> Self {
        DataFileError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            consequence,
        }
    }

    /// Points the error at byte offset `at` of `text`.
    pub fn at(mut self, text: &str, at: usize) -> Self {
        let (line, column) = line_column(text, at);
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn from_toml(
        path: &Path,
        text: &str,
        err: &toml::de::Error,
        consequence: &'static str,
    ) -> Self {
        let e = DataFileError::new(path, err.message().trim(), consequence);
        match err.span() {
            Some(span) => e.at(text, span.start),
            None => e,
        }
    }
}

/// What kind of special file `t` is, for messages; `None` for a regular file. A data file
/// may not be a folder either (the corpus walker, whose `corpus::load::special_kind` this is
/// built on, walks into folders).
pub fn special_kind(t: fs::FileType) -> Option<&'static str> {
    if t.is_dir() {
        return Some("folder");
    }
    crate::corpus::load::special_kind(t)
}

/// The most a data file (bookmarks, reading state, config) may hold: far above any real one,
/// low enough that a runaway file cannot blank the screen for seconds or fill the memory.
pub const MAX_DATA_FILE_BYTES: u64 = 16 << 20;

/// Reads a small file whole, never blocking and never reading without bound: `Ok(None)` when
/// it does not exist; an error when it is not a regular file (it is then never opened, so a
/// FIFO cannot hang the reader) or is bigger than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let not_regular =
        |kind| io::Error::other(format!("is a {kind}, not a regular file; not opened"));
    let too_big = |len: u64| {
        io::Error::other(format!(
            "file is {} KB, over the limit of {} KB; not loaded",
            len.div_ceil(1024),
            limit / 1024
        ))
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if let Some(kind) = special_kind(meta.file_type()) {
        return Err(not_regular(kind));
    }
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    // O_NONBLOCK: should it have become a FIFO since the look, the open still returns.
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if let Some(kind) = special_kind(file.metadata()?.file_type()) {
        return Err(not_regular(kind));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(Some(bytes))
}

/// Reads a data file as text. `Ok(None)`: it does not exist (a normal first run).
/// Anything else that prevents reading it as UTF-8 text is a [`DataFileError`], because
/// treating an unreadable file as empty would let the next save destroy it.
pub fn read_text(path: &Path, consequence: &'static str) -> Result<Option<String>, DataFileError> {
    read_text_limited(path, consequence, MAX_DATA_FILE_BYTES)
}

fn read_text_limited(
    path: &Path,
    consequence: &'static str,
    limit: u64,
) -> Result<Option<String>, DataFileError> {
    let bytes = match read_regular(path, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(e) => return Err(DataFileError::new(path, e.to_string(), consequence)),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Err(DataFileError::new(
                path,
                "not UTF-8 text (binary data or a different encoding)",
                consequence,
            )
            .at(&prefix, valid))
        }
    }
}

/// File names in a folder, sorted: tests use it to see that no temp file was left behind.
#[cfg(test)]
pub(crate) fn dir_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        dir_names(dir)
    }

    #[test]
    fn write_atomic_creates_folder_and_replaces_contents_without_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/data.toml");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"second, longer than the first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer than the first");
        write_atomic(&path, b"").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"");
        assert_eq!(names(path.parent().unwrap()), vec!["data.toml"]);
    }

    #[test]
    fn write_atomic_keeps_permissions() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("data.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn write_atomic_writes_through_symlinks_to_regular_files_including_dangling_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let real_dir = tmp.path().join("dotfiles");
        fs::create_dir(&real_dir).unwrap();
        let link = tmp.path().join("data.toml");
        std::os::unix::fs::symlink("dotfiles/data.toml", &link).unwrap();
        write_atomic(&link, b"one").unwrap();
        write_atomic(&link, b"two").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(real_dir.join("data.toml")).unwrap(), b"two");
        assert_eq!(names(&real_dir), vec!["data.toml"]);
    }

    fn mkfifo(path: &Path) {
        let ok = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo {}", path.display());
    }

    /// A character device of our own (the same as /dev/null), so a failing test could only
    /// ever replace this node, never the system's. `None` when not allowed (not root).
    fn own_null_device(dir: &Path) -> Option<PathBuf> {
        let path = dir.join("null");
        let made = std::process::Command::new("mknod")
            .args([path.as_os_str(), "c".as_ref(), "1".as_ref(), "3".as_ref()])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        made.then_some(path)
    }

    #[test]
    fn write_atomic_refuses_links_to_devices_fifos_and_sockets() {
        use std::os::unix::fs::FileTypeExt;
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("fifo");
        mkfifo(&fifo);
        let socket = tmp.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let mut targets = vec![fifo, socket];
        targets.extend(own_null_device(tmp.path()));
        for target in targets {
            let link = tmp.path().join("state.toml");
            let _ = fs::remove_file(&link);
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let e = write_atomic(&link, b"last_speech = \"x\"\n").unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            let t = fs::symlink_metadata(&target).unwrap().file_type();
            assert!(
                t.is_fifo() || t.is_socket() || t.is_char_device(),
                "{} was replaced",
                target.display()
            );
            // Reading refuses them too, without opening (a FIFO would block here).
            let e = read_text(&link, "c").unwrap_err();
            assert!(e.message.contains("not a regular file"), "{e}");
        }
    }

    #[test]
    fn read_text_refuses_files_over_the_limit_without_reading_them() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bookmarks.toml");
        let f = File::create(&path).unwrap();
        // Sparse: 2 GB that take no disk, and would take 2 GB of memory if read.
        f.set_len(2 << 30).unwrap();
        let e = read_text(&path, "c").unwrap_err();
        assert!(e.message.contains("over the limit"), "{e}");
        fs::write(&path, "version = 1\n").unwrap();
        assert_eq!(
            read_text_limited(&path, "c", 4).unwrap_err().message,
            "file is 1 KB, over the limit of 0 KB; not loaded"
        );
        assert!(read_text_limited(&path, "c", 12).is_ok());
    }

    #[test]
    fn failed_write_removes_temp_file_and_leaves_target_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("data.toml");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "x").unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(names(tmp.path()), vec!["data.toml"]);
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"x");
    }

    #[test]
    fn stale_temp_files_are_removed_but_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("data.toml");
        fs::write(&path, "keep").unwrap();
        fs::write(tmp.path().join(".data.toml.tmp.123.4"), "half").unwrap();
        fs::write(tmp.path().join(".other.toml.tmp.1.1"), "not ours").unwrap();
        remove_stale_temp_files(&path).unwrap();
        assert_eq!(names(tmp.path()), vec![".other.toml.tmp.1.1", "data.toml"]);
        assert_eq!(fs::read(&path).unwrap(), b"keep");
    }

    #[test]
    fn lock_excludes_other_handles_until_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("sub/bookmarks.toml");
        assert_eq!(lock_path_for(&data), tmp.path().join("sub/bookmarks.lock"));
        let guard = lock_for(&data).unwrap();
        // flock conflicts between separate opens even within one process, which is what
        // lets two stores in one process exclude each other too.
        let other = File::open(lock_path_for(&data)).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        drop(guard);
        other.try_lock().unwrap();
        assert!(!data.exists(), "locking must not create the data file");
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\n讲话x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // byte 9 is the 'x' after two 3-byte characters
        assert_eq!(line_column(text, 9), (2, 3));
        // inside a multi-byte character: snaps back to its start
        assert_eq!(line_column(text, 4), (2, 1));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn read_text_distinguishes_missing_garbage_and_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("x.toml");
        assert_eq!(read_text(&path, "c").unwrap(), None);
        fs::write(&path, b"ok = 1\n\xff\x00").unwrap();
        let e = read_text(&path, "c").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert!(e
            .to_string()
            .starts_with(&format!("{}:2:1: ", path.display())));
        let e = read_text(tmp.path(), "c").unwrap_err();
        assert_eq!(e.line, None);
    }
}
