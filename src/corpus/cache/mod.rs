//! The parse cache: a corpus's parsed speeches kept in one pack file per set of corpus folders
//! (`$XDG_CACHE_HOME/tigang`), so a second start reads the pack instead of parsing every file.
//! An entry is used only for the same path, size, modification time and parser build; a pack
//! that is corrupt, truncated, from another build or half-written is ignored and rebuilt,
//! never trusted and never fatal. Packs are written whole to a temporary file and renamed.

pub mod codec;

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use codec::{Bad, Reader, Writer};

use crate::corpus::Speech;

/// Format of the pack file itself; the parser's build is checked separately. Version 2:
/// each speech keeps its near-duplicate sketch; 3: the index holds each speech's title, so
/// the list can be drawn from the index alone ([`read_titles`]); 4: a sketch's bins are 16 bits.
const MAGIC: &[u8; 16] = b"tigang-cache\0\0\0\x04";
/// A hash of the parser's sources and locked dependencies (see `build.rs`): a pack written by
/// any other build of the parser is another version.
pub const PARSER: &str = env!("TIGANG_PARSER_HASH");
const TMP_PREFIX: &str = ".tmp-";
/// Packs kept besides the one just written: the corpora used most recently. Each pack is
/// about the size of its corpus, and a folder opened once (a download, a test's temporary
/// folder) should not keep its pack for ever.
const KEEP_PACKS: usize = 16;
/// A pack not used for this long is removed whatever the count.
const KEEP_DAYS: u64 = 90;
/// The older packs go once all of them together pass this many bytes (the newest is kept
/// whatever its size: it is the corpus in use).
const KEEP_BYTES: u64 = 4 << 30;

static DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Turns the cache on (in this folder) or off for every later load. Off unless set: the
/// command line turns it on from the config, so library users and tests opt in.
pub fn set_dir(dir: Option<PathBuf>) {
    *DIR.lock().unwrap_or_else(|e| e.into_inner()) = dir;
}

pub fn dir() -> Option<PathBuf> {
    DIR.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// What makes a file the same file as when it was cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_s: i64,
    pub mtime_ns: u32,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: meta.len(),
            mtime_s: meta.mtime(),
            mtime_ns: meta.mtime_nsec().clamp(0, 999_999_999) as u32,
        }
    }
}

/// Why a pack could not be used (it is then rebuilt).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    Absent,
    OtherVersion,
    Corrupt(&'static str),
    Unreadable(String),
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Miss::Absent => write!(f, "no cache yet"),
            Miss::OtherVersion => write!(f, "written by another version of tigang"),
            Miss::Corrupt(why) => write!(f, "corrupt ({why})"),
            Miss::Unreadable(e) => write!(f, "unreadable ({e})"),
        }
    }
}

struct Entry {
    stamp: Stamp,
    range: Range<usize>,
    crc: u32,
}

/// A pack opened: its index read and checked, the file left open. Each entry is read,
/// checked and decoded only when asked for, on the loader's threads, so a warm start never holds the whole pack (the size of its corpus) besides the speeches
/// decoded from it. A pack written meanwhile is renamed over this one, so the open file
/// stays the one the index describes.
pub struct Pack {
    file: std::fs::File,
    /// Offset of the entries' area from the start of the pack.
    blob_from: usize,
    entries: HashMap<PathBuf, Entry>,
}

impl Pack {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cached speech for this file, if it was cached with this stamp and reads back whole.
    pub fn get(&self, path: &Path, stamp: Stamp, id: &str) -> Option<Speech> {
        let e = self.entries.get(path)?;
        if e.stamp != stamp {
            return None;
        }
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; e.range.len()];
        let at = (self.blob_from + e.range.start) as u64;
        self.file.read_exact_at(&mut bytes, at).ok()?;
        if crc32fast::hash(&bytes) != e.crc {
            return None;
        }
        let mut r = Reader { rest: &bytes };
        let mut s = codec::decode(id, &mut r).ok()?;
        if !r.rest.is_empty() {
            return None;
        }
        s.path = Some(path.to_path_buf());
        Some(s)
    }
}

/// The pack file for these corpus folders and forced encoding, inside the cache folder.
pub fn pack_path(dir: &Path, roots: &[PathBuf], encoding: Option<&str>) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: &[u8]| {
        for &x in b {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for r in roots {
        let abs = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
        feed(abs.as_os_str().as_bytes());
    }
    feed(encoding.unwrap_or("").as_bytes());
    dir.join(format!("corpus-{h:016x}.pack"))
}

/// A pack's metadata, if it is a regular file: a FIFO or device put in its place is never
/// opened (reading a FIFO waits for a writer).
fn regular_file(path: &Path) -> Result<std::fs::Metadata, Miss> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Unreadable(e.to_string())),
    };
    if !meta.is_file() {
        return Err(Miss::Corrupt("not a regular file"));
    }
    Ok(meta)
}

/// Opens and checks a pack: its header and index are read, the entries left in the file
/// ([`Pack::get`] reads each). Never panics on bad bytes; a special file is not read.
pub fn read_pack(path: &Path) -> Result<Pack, Miss> {
    let (f, index_bytes, blob_from, blob_len) = open_index(path)?;
    let entries = index(&index_bytes, blob_len)?
        .into_iter()
        .map(|l| (l.path, l.entry))
        .collect();
    // Used now: its modification time is what eviction keeps the recent ones by.
    if let Ok(f) = std::fs::File::options().write(true).open(path) {
        let _ = f.set_modified(std::time::SystemTime::now());
    }
    Ok(Pack {
        file: f,
        blob_from,
        entries,
    })
}

/// A pack file opened, its header and index read and the index checked: the file, the
/// index, where the entries start and how many bytes they have.
fn open_index(path: &Path) -> Result<(std::fs::File, Vec<u8>, usize, usize), Miss> {
    use std::io::Read;
    // Checked by path before it is opened: opening a FIFO would wait for a writer.
    regular_file(path)?;
    let mut f = std::fs::File::open(path).map_err(|e| Miss::Unreadable(e.to_string()))?;
    // The open file's own length: the one its entries will be read from.
    let meta = f.metadata().map_err(|e| Miss::Unreadable(e.to_string()))?;
    // The header is the magic, the parser's name and two numbers: read what it can be.
    let head_len = MAGIC.len() + 8 + PARSER.len() + 8 + 4;
    // Whatever of it there is: a short file that is not a pack is told from a cut one.
    let mut head = Vec::with_capacity(head_len);
    (&mut f)
        .take(head_len as u64)
        .read_to_end(&mut head)
        .map_err(|e| Miss::Unreadable(e.to_string()))?;
    let mut r = Reader { rest: &head };
    let (index_len, index_crc) = header(&mut r)?;
    let blob_len = (meta.len() as usize)
        .checked_sub(head_len)
        .and_then(|n| n.checked_sub(index_len))
        .ok_or(Miss::Corrupt("index past the end"))?;
    let mut index_bytes = vec![0; index_len];
    f.read_exact(&mut index_bytes)
        .map_err(|_| Miss::Corrupt("truncated index"))?;
    if crc32fast::hash(&index_bytes) != index_crc {
        return Err(Miss::Corrupt("index checksum"));
    }
    Ok((f, index_bytes, head_len + index_len, blob_len))
}

/// The header up to the index: the index's length and checksum.
fn header(r: &mut Reader) -> Result<(usize, u32), Miss> {
    let corrupt = |Bad(why)| Miss::Corrupt(why);
    let magic = r.take(MAGIC.len()).map_err(corrupt)?;
    if magic != MAGIC {
        // An older or newer pack format is another version, rebuilt without a word.
        let ours = magic[..12] == MAGIC[..12];
        return Err(if ours {
            Miss::OtherVersion
        } else {
            Miss::Corrupt("not a tigang cache")
        });
    }
    if r.str().map_err(corrupt)? != PARSER {
        return Err(Miss::OtherVersion);
    }
    let index_len = r.usize().map_err(corrupt)?;
    let index_crc = r.u32().map_err(corrupt)?;
    Ok((index_len, index_crc))
}

/// One speech as the index lists it.
struct Listed<'a> {
    path: PathBuf,
    title: &'a str,
    entry: Entry,
}

/// The index's entries, each checked to lie inside a blob of `blob_len` bytes.
fn index(index: &[u8], blob_len: usize) -> Result<Vec<Listed<'_>>, Miss> {
    let corrupt = |Bad(why)| Miss::Corrupt(why);
    let mut ir = Reader { rest: index };
    let count = ir.usize().map_err(corrupt)?;
    let mut out = Vec::with_capacity(count.min(index.len() / 40));
    for _ in 0..count {
        let entry = (|| {
            use std::os::unix::ffi::OsStrExt;
            let path = PathBuf::from(std::ffi::OsStr::from_bytes(ir.bytes()?));
            let stamp = Stamp {
                size: ir.u64()?,
                mtime_s: ir.u64()? as i64,
                mtime_ns: ir.u32()?,
            };
            let (start, len, crc) = (ir.usize()?, ir.usize()?, ir.u32()?);
            let title = ir.str()?;
            let end = start.checked_add(len).ok_or(Bad("entry overflows"))?;
            if end > blob_len {
                return Err(Bad("entry past the end"));
            }
            let entry = Entry {
                stamp,
                range: start..end,
                crc,
            };
            Ok(Listed { path, title, entry })
        })()
        .map_err(corrupt)?;
        out.push(entry);
    }
    if !ir.rest.is_empty() {
        return Err(Miss::Corrupt("index too long"));
    }
    Ok(out)
}

/// Each cached file's stamp and title, read from the pack's index alone (a small part of
/// the pack: the texts are not read), for the list to show before the full load. Checked
/// like the pack: anything wrong is a [`Miss`], and the titles are then read from the files.
pub fn read_titles(path: &Path) -> Result<HashMap<PathBuf, (Stamp, String)>, Miss> {
    let (_, index_bytes, _, blob_len) = open_index(path)?;
    Ok(index(&index_bytes, blob_len)?
        .into_iter()
        .map(|l| (l.path, (l.entry.stamp, l.title.to_string())))
        .collect())
}

/// One speech encoded for the pack.
pub struct Encoded {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub title: String,
    pub bytes: Vec<u8>,
}

pub fn encode(path: &Path, stamp: Stamp, s: &Speech) -> Encoded {
    let mut w = Writer {
        out: Vec::with_capacity(s.text.len() + 64 * s.headings.len() + 256),
    };
    codec::encode(s, &mut w);
    Encoded {
        path: path.to_path_buf(),
        stamp,
        title: s.title.clone(),
        bytes: w.out,
    }
}

/// The pack as bytes: header, checked index, then the entries one after another.
pub fn pack_bytes(entries: &[Encoded]) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    let mut index = Writer { out: Vec::new() };
    index
        .out
        .extend_from_slice(&(entries.len() as u64).to_le_bytes());
    let mut at = 0u64;
    for e in entries {
        let p = e.path.as_os_str().as_bytes();
        index.out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        index.out.extend_from_slice(p);
        for v in [e.stamp.size, e.stamp.mtime_s as u64] {
            index.out.extend_from_slice(&v.to_le_bytes());
        }
        index.out.extend_from_slice(&e.stamp.mtime_ns.to_le_bytes());
        index.out.extend_from_slice(&at.to_le_bytes());
        index
            .out
            .extend_from_slice(&(e.bytes.len() as u64).to_le_bytes());
        index
            .out
            .extend_from_slice(&crc32fast::hash(&e.bytes).to_le_bytes());
        index
            .out
            .extend_from_slice(&(e.title.len() as u64).to_le_bytes());
        index.out.extend_from_slice(e.title.as_bytes());
        at += e.bytes.len() as u64;
    }
    let total: usize = entries.iter().map(|e| e.bytes.len()).sum();
    let mut out = Vec::with_capacity(64 + index.out.len() + total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(PARSER.len() as u64).to_le_bytes());
    out.extend_from_slice(PARSER.as_bytes());
    out.extend_from_slice(&(index.out.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&index.out).to_le_bytes());
    out.extend_from_slice(&index.out);
    for e in entries {
        out.extend_from_slice(&e.bytes);
    }
    out
}

/// Writes the pack whole under a temporary name and renames it into place, so a reader sees
/// the old pack or the new one, never half of one; two writers at once both succeed and the
/// last rename wins.
pub fn write_pack(path: &Path, entries: &[Encoded]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    remove_stale_temporaries(dir);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(
        "{TMP_PREFIX}{}-{nanos}-{}",
        std::process::id(),
        path.file_name().and_then(|n| n.to_str()).unwrap_or("pack")
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(&pack_bytes(entries))?;
        f.flush()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    } else {
        evict(dir, path);
    }
    result
}

/// Removes the packs of corpora not used lately: beyond the [`KEEP_PACKS`] most recently used
/// ones, unused for [`KEEP_DAYS`], or past [`KEEP_BYTES`] in all. Never `keep`, the pack
/// just written.
fn evict(dir: &Path, keep: &Path) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    let mut packs: Vec<(std::time::SystemTime, u64, PathBuf)> = list
        .flatten()
        .filter(|e| is_pack(&e.file_name()))
        .filter(|e| e.path() != keep)
        .filter_map(|e| {
            let m = e.metadata().ok()?;
            Some((m.modified().ok()?, m.len(), e.path()))
        })
        .collect();
    packs.sort_by_key(|p| std::cmp::Reverse(p.0));
    let max_age = std::time::Duration::from_secs(KEEP_DAYS * 24 * 3600);
    let mut total = std::fs::metadata(keep).map_or(0, |m| m.len());
    for (i, (used, len, path)) in packs.iter().enumerate() {
        total += len;
        let old = used.elapsed().is_ok_and(|age| age > max_age);
        if i >= KEEP_PACKS || old || total > KEEP_BYTES {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A writer that died leaves its temporary file: gone after an hour (a live writer takes
/// seconds).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for e in list.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().starts_with(TMP_PREFIX) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A pack's file name (`corpus-….pack`), not a writer's temporary one.
fn is_pack(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.ends_with(".pack") && !name.starts_with(TMP_PREFIX)
}

/// The cache folder's packs and their total size in bytes.
pub fn usage(dir: &Path) -> (usize, u64) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    list.flatten()
        .filter(|e| is_pack(&e.file_name()))
        .filter_map(|e| e.metadata().ok())
        .fold((0, 0), |(n, b), m| (n + 1, b + m.len()))
}

/// Empties the cache folder of tigang's files (packs and temporaries); returns how many.
pub fn clear(dir: &Path) -> std::io::Result<usize> {
    let list = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut n = 0;
    for e in list.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".pack") || name.starts_with(TMP_PREFIX) {
            std::fs::remove_file(e.path())?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests;
