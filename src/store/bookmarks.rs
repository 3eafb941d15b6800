//! The user's bookmarks file (`bookmarks.toml`): loading, safe concurrent mutation, and the
//! rule that a file we cannot understand is never written over. Must not depend on the
//! terminal, ratatui or corpus types: speeches are referred to by id and plain strings only.

use std::hash::BuildHasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use crate::store::file::DataFileError;

pub mod tags;
use crate::store::file::{Contents, DataFile, UpdateError};

/// The newest format this code writes and understands. A file with a higher version was
/// written by a newer tigang whose fields we might mangle, so it is left read-only.
pub const FORMAT_VERSION: i64 = 1;

const READ_ONLY: &str = "bookmarks are read-only until the file is fixed";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique; see [`new_id`].
    pub id: String,
    pub speech_id: String,
    // Optional fields left empty are not written, so a hand-written file that leaves them
    // out re-saves as it was instead of growing `note = ""` lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub speech_title: String,
    /// Offsets in characters (Unicode scalar values, not bytes) into the speech's cleaned
    /// text, so they survive any change of encoding.
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heading_path: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub excerpt: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// UTC, RFC 3339 (`2026-11-21T14:05:12Z`), which also sorts chronologically as text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// Fields written by a newer tigang or by hand; kept so saving never drops them.
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Bookmark {
    /// A bookmark with a fresh id and creation time; the caller fills in the rest.
    pub fn new(speech_id: impl Into<String>, start: usize, end: usize) -> Bookmark {
        let now = SystemTime::now();
        Bookmark {
            id: new_id(now),
            speech_id: speech_id.into(),
            speech_title: String::new(),
            start,
            end,
            heading_path: Vec::new(),
            excerpt: String::new(),
            note: String::new(),
            created: rfc3339_utc(now),
            extra: toml::Table::new(),
        }
    }

    /// The `#tags` in the note ([`tags::tags`]).
    pub fn tags(&self) -> Vec<&str> {
        tags::tags(&self.note)
    }

    /// Whether the note carries every one of `wanted` (with or without their `#`).
    pub fn has_tags<S: AsRef<str>>(&self, wanted: &[S]) -> bool {
        wanted.iter().all(|t| tags::has_tag(&self.note, t.as_ref()))
    }
}

/// `20261121T140512-3f9a01c2`: readable time first, then 32 bits that are distinct for
/// every call within a process and random between processes, so two tigang windows
/// bookmarking in the same second do not collide.
pub fn new_id(now: SystemTime) -> String {
    static BASE: OnceLock<u32> = OnceLock::new();
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let base = *BASE.get_or_init(|| {
        let nanos = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        // RandomState is seeded from the OS per process: randomness without a rand crate.
        std::hash::RandomState::new().hash_one((std::process::id(), nanos)) as u32
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // Multiplying by an odd constant is a bijection mod 2^32, so counters never collide
    // while consecutive ids still look unrelated.
    let suffix = base.wrapping_add(n.wrapping_mul(0x9E37_79B1));
    let stamp = rfc3339_utc(now);
    let compact: String = stamp.chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{}T{}-{suffix:08x}", &compact[..8], &compact[8..14])
}

/// Formats as `YYYY-MM-DDTHH:MM:SSZ`; times before 1970 (a broken clock) clamp to the epoch.
pub fn rfc3339_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → proleptic Gregorian (year, month, day). Howard Hinnant's
/// algorithm; spares a date-time dependency for one timestamp.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Document {
    // Required: a TOML file without it is someone else's (a `Cargo.toml` behind a link),
    // never to be rewritten. 0 while missing, which `check_version` then refuses (or, for a
    // file with nothing in it at all, lets through to be written as version 1).
    #[serde(default)]
    version: i64,
    #[serde(default, rename = "bookmark")]
    bookmarks: Vec<Bookmark>,
    #[serde(flatten)]
    extra: toml::Table,
}

/// Diff-friendly, stable order; the id breaks ties so the order never depends on history.
fn sort_bookmarks(list: &mut [Bookmark]) {
    list.sort_by(|a, b| {
        (&a.speech_id, a.start, &a.created, &a.id).cmp(&(&b.speech_id, b.start, &b.created, &b.id))
    });
}

fn parse_document(path: &Path, text: &str) -> Result<Document, DataFileError> {
    let parsed: Result<Document, _> = toml::from_str(text);
    // The version is judged before the fields, because a newer format may legitimately
    // change their types and the user should hear "update tigang", not "wrong type". Only
    // done when needed: parsing twice on every save is noticeable with large files.
    if !matches!(&parsed, Ok(doc) if doc.version == FORMAT_VERSION) {
        check_version(path, text, parsed.is_ok())?;
    }
    let mut doc = parsed.map_err(|e| DataFileError::from_toml(path, text, &e, READ_ONLY))?;
    sort_bookmarks(&mut doc.bookmarks);
    Ok(doc)
}

/// `parsed`: whether the fields themselves are fine (else, with no version either, their
/// error is the one shown: it points at a line).
fn check_version(path: &Path, text: &str, parsed: bool) -> Result<(), DataFileError> {
    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<toml::Spanned<toml::Value>>,
        #[serde(flatten)]
        rest: toml::Table,
    }
    let probe: VersionProbe =
        toml::from_str(text).map_err(|e| DataFileError::from_toml(path, text, &e, READ_ONLY))?;
    let Some(version) = probe.version else {
        // Empty (or only comments): a bookmarks file still to be filled.
        if probe.rest.is_empty() || !parsed {
            return Ok(());
        }
        return Err(DataFileError::new(
            path,
            format!(
                "no `version` key: not a tigang bookmarks file (if it is one, add \
                 `version = {FORMAT_VERSION}` as its first line)"
            ),
            READ_ONLY,
        ));
    };
    let message = match version.get_ref() {
        toml::Value::Integer(FORMAT_VERSION) => return Ok(()),
        toml::Value::Integer(v) if *v > FORMAT_VERSION => format!(
            "format version {v} is newer than this tigang understands ({FORMAT_VERSION}); \
             update tigang"
        ),
        toml::Value::Integer(v) => format!("unknown format version {v}"),
        other => format!("expected an integer version, found {}", other.type_str()),
    };
    Err(DataFileError::new(path, message, READ_ONLY).at(text, version.span().start))
}

impl Contents for Document {
    const WHAT: &'static str = "bookmarks";
    const CONSEQUENCE: &'static str = READ_ONLY;
    // While the file is broken the previously shown bookmarks stay listed.
    const KEEP_WHEN_BROKEN: bool = true;

    fn missing() -> Document {
        Document {
            version: FORMAT_VERSION,
            ..Document::default()
        }
    }

    fn parse(path: &Path, text: &str) -> Result<Document, DataFileError> {
        parse_document(path, text)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file on disk is not one we can safely rewrite; see [`BookmarkStore::reload`].
    #[error("{0}")]
    ReadOnly(DataFileError),
    #[error("could not save bookmarks to {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Another program held the file's lock too long; nothing changed, try again.
    #[error("bookmarks file is locked, try again later ({})", .0.display())]
    Locked(PathBuf),
    #[error("no bookmark with id {0} (was it deleted in another window?)")]
    NotFound(String),
    #[error("a bookmark with id {0} already exists")]
    DuplicateId(String),
}

/// The bookmarks of one file. Every mutation is applied to the file as it is on disk at
/// that moment (under a lock), not to this in-memory copy, so several tigang processes can
/// share the file without losing or resurrecting bookmarks.
#[derive(Debug)]
pub struct BookmarkStore {
    file: DataFile<Document>,
}

impl BookmarkStore {
    /// Never fails: a missing file is an empty store; a file that cannot be understood makes
    /// the store read-only, with the reason in [`error`](Self::error).
    pub fn load(path: impl Into<PathBuf>) -> BookmarkStore {
        BookmarkStore {
            file: DataFile::load(path),
        }
    }

    /// Re-reads the file, e.g. after the user fixed it. While it is still broken the
    /// previously shown bookmarks stay listed, but the store stays read-only.
    pub fn reload(&mut self) {
        self.file.reload();
    }

    /// Makes changes give up with [`StoreError::Locked`] after waiting `wait` for the lock
    /// (an interactive reader must not freeze while another program holds it).
    pub fn set_lock_wait(&mut self, wait: Option<std::time::Duration>) {
        self.file.set_lock_wait(wait);
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    pub fn list(&self) -> &[Bookmark] {
        &self.file.doc().bookmarks
    }

    /// Sorted by position in the speech.
    pub fn for_speech(&self, speech_id: &str) -> &[Bookmark] {
        let list = self.list();
        let from = list.partition_point(|b| b.speech_id.as_str() < speech_id);
        let to = list.partition_point(|b| b.speech_id.as_str() <= speech_id);
        &list[from..to]
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.list().iter().find(|b| b.id == id)
    }

    pub fn error(&self) -> Option<&DataFileError> {
        self.file.error()
    }

    pub fn is_read_only(&self) -> bool {
        self.file.is_read_only()
    }

    pub fn add(&mut self, bookmark: Bookmark) -> Result<(), StoreError> {
        self.mutate(|list| {
            if list.iter().any(|b| b.id == bookmark.id) {
                return Err(StoreError::DuplicateId(bookmark.id));
            }
            list.push(bookmark);
            Ok(((), true))
        })
    }

    /// Returns the removed bookmark so the caller can offer undo by adding it back;
    /// `None` if it was no longer in the file.
    pub fn delete(&mut self, id: &str) -> Result<Option<Bookmark>, StoreError> {
        self.mutate(|list| match list.iter().position(|b| b.id == id) {
            Some(i) => Ok((Some(list.remove(i)), true)),
            None => Ok((None, false)),
        })
    }

    pub fn set_note(&mut self, id: &str, note: impl Into<String>) -> Result<(), StoreError> {
        let note = note.into();
        self.update(id, |b| b.note = note)
    }

    /// Applies `f` to the bookmark as it is on disk now. The id cannot be changed this way
    /// (it is restored afterwards), since other windows refer to bookmarks by id.
    pub fn update(&mut self, id: &str, f: impl FnOnce(&mut Bookmark)) -> Result<(), StoreError> {
        self.mutate(|list| {
            let b = list
                .iter_mut()
                .find(|b| b.id == id)
                .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
            f(b);
            b.id = id.to_string();
            Ok(((), true))
        })
    }

    /// Lock, re-read, apply `op` (which reports whether it changed anything), write
    /// atomically, unlock ([`DataFile::update`]). The in-memory list always ends up as what
    /// is on disk.
    fn mutate<T>(
        &mut self,
        op: impl FnOnce(&mut Vec<Bookmark>) -> Result<(T, bool), StoreError>,
    ) -> Result<T, StoreError> {
        let result = self.file.update(|doc: &mut Document| {
            let (value, changed) = op(&mut doc.bookmarks)?;
            if changed {
                sort_bookmarks(&mut doc.bookmarks);
                doc.version = FORMAT_VERSION;
            }
            Ok((value, changed))
        });
        result.map_err(|e| match e {
            UpdateError::Unreadable(e) => StoreError::ReadOnly(e),
            UpdateError::Locked => StoreError::Locked(self.file.path().to_path_buf()),
            UpdateError::Refused { error, on_disk } => {
                self.file.show(on_disk);
                error
            }
            UpdateError::Io { error, on_disk } => {
                if let Some(doc) = on_disk {
                    self.file.show(doc);
                }
                StoreError::Io {
                    path: self.file.path().to_path_buf(),
                    source: error,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests;
