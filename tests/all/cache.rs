//! The parse cache as a user meets it, through the real binary: a second run is served from
//! the cache, a changed file is parsed again, bad packs of every kind are ignored and rebuilt,
//! two processes may build it at once, and a cache folder that cannot be written costs
//! nothing but a warning. Every run has its own home, config and cache folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tigang(home: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("runs")
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

struct Setup {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    cache: PathBuf,
    corpus: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&corpus).unwrap();
        for (name, text) in [
            (
                "a.txt",
                "在甲会议上的讲话\n\n同志们：\n一、第一方面\n正文。\n二、第二方面\n正文。\n",
            ),
            ("b.txt", "在乙会议上的讲话\n\n一是抓落实，二是转作风。\n"),
        ] {
            std::fs::write(corpus.join(name), text).unwrap();
        }
        let gbk = encoding_rs::GBK
            .encode("在丙会议上的讲话\r\n\r\n一、总体要求\r\n正文。\r\n")
            .0;
        std::fs::write(corpus.join("c.txt"), gbk).unwrap();
        Setup {
            cache: tmp.path().join("cache"),
            _tmp: tmp,
            home,
            corpus,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        let c = self.corpus.to_str().unwrap();
        all.extend(["--corpus", c]);
        tigang(&self.home, &self.cache, &all)
    }

    fn list(&self) -> String {
        out(&self.run(&["list"]))
    }

    fn reference(&self) -> String {
        out(&self.run(&["list", "--no-cache"]))
    }

    fn packs(&self) -> Vec<PathBuf> {
        let dir = self.cache.join("tigang");
        let Ok(list) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut v: Vec<PathBuf> = list
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pack"))
            .collect();
        v.sort();
        v
    }

    fn pack(&self) -> PathBuf {
        let p = self.packs();
        assert_eq!(p.len(), 1, "one pack for one corpus: {p:?}");
        p[0].clone()
    }
}

/// Rewrites a file with other content of the same size and the same modification time: only
/// a cache hit can still show the old title.
fn swap_keeping_stamp(path: &Path, text: &str) {
    let meta = std::fs::metadata(path).unwrap();
    assert_eq!(meta.len() as usize, text.len(), "same size");
    let mtime = meta.modified().unwrap();
    std::fs::write(path, text).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
}

#[test]
fn a_second_run_is_served_from_the_cache_and_a_changed_file_is_parsed_again() {
    let s = Setup::new();
    let reference = s.reference();
    assert!(s.packs().is_empty(), "--no-cache writes nothing");
    assert_eq!(s.list(), reference);
    let pack = s.pack();
    use std::os::unix::fs::MetadataExt;
    // A pack is replaced by a rename: the same inode means it was not written again.
    let written = std::fs::metadata(&pack).unwrap().ino();
    assert_eq!(s.list(), reference);
    assert_eq!(
        std::fs::metadata(&pack).unwrap().ino(),
        written,
        "a run with nothing new leaves the pack alone"
    );
    // Same size, same time: the cache is believed (it is what makes it fast)…
    let a = s.corpus.join("a.txt");
    let old = std::fs::read_to_string(&a).unwrap();
    let new = old.replace("甲", "丁");
    swap_keeping_stamp(&a, &new);
    assert!(
        s.list().contains("在甲会议上的讲话"),
        "served from the cache"
    );
    // …and a new modification time makes the file be parsed again.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&a)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let listed = s.list();
    assert!(listed.contains("在丁会议上的讲话"), "{listed}");
    assert_eq!(listed, s.reference());
    // A file gone and a file added.
    std::fs::remove_file(s.corpus.join("b.txt")).unwrap();
    std::fs::write(s.corpus.join("d.txt"), "在戊会议上的讲话\n\n正文。\n").unwrap();
    assert_eq!(s.list(), s.reference());
}

#[test]
fn bad_packs_of_every_kind_are_ignored_and_rebuilt() {
    let s = Setup::new();
    let reference = s.reference();
    assert_eq!(s.list(), reference);
    let good = std::fs::read(s.pack()).unwrap();
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0xFF;
    let mut other_version = good.clone();
    other_version[24] ^= 0x01;
    let kinds: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("garbage", b"\x00\x01 this is no cache \xff\xfe".repeat(100)),
        ("cut in the header", good[..20].to_vec()),
        ("cut in the entries", good[..good.len() - 7].to_vec()),
        ("a flipped byte", flipped),
        ("another version", other_version),
    ];
    for (kind, bytes) in kinds {
        std::fs::write(s.pack(), &bytes).unwrap();
        let o = s.run(&["list"]);
        assert_eq!(out(&o), reference, "{kind}");
        // Rebuilt: the next run is clean and finds a whole pack again.
        let again = s.run(&["list"]);
        assert_eq!(out(&again), reference, "{kind}, rebuilt");
        assert!(err(&again).is_empty(), "{kind}: {}", err(&again));
        assert_eq!(
            std::fs::read(s.pack()).unwrap(),
            good,
            "{kind}: rebuilt the same"
        );
    }
    // A directory where the pack should be: reported, and the corpus still loads.
    let pack = s.pack();
    std::fs::remove_file(&pack).unwrap();
    std::fs::create_dir(&pack).unwrap();
    let o = s.run(&["list"]);
    assert_eq!(out(&o), reference);
    assert!(err(&o).contains("parse cache"), "{}", err(&o));
}

#[test]
fn two_processes_building_the_cache_at_once_both_succeed() {
    let s = Setup::new();
    let reference = s.reference();
    for _ in 0..3 {
        for p in s.packs() {
            std::fs::remove_file(p).unwrap();
        }
        let c = s.corpus.to_str().unwrap().to_string();
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_tigang"))
                .args(["list", "--corpus", &c])
                .env("HOME", &s.home)
                .env("XDG_CONFIG_HOME", s.home.join("config"))
                .env("XDG_STATE_HOME", s.home.join("state"))
                .env("XDG_CACHE_HOME", &s.cache)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            assert_eq!(out(&o), reference);
            assert!(err(&o).is_empty(), "{}", err(&o));
        }
        assert_eq!(s.list(), reference);
        let left: Vec<_> = std::fs::read_dir(s.cache.join("tigang"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_costs_only_a_warning() {
    let s = Setup::new();
    let reference = s.reference();
    // A regular file where the cache folder should be: nothing can be created inside it
    // (chmod would not stop root, who runs CI here).
    std::fs::write(&s.cache, "not a folder").unwrap();
    let o = s.run(&["list"]);
    assert_eq!(out(&o), reference);
    assert!(
        err(&o).contains("cannot write the parse cache"),
        "{}",
        err(&o)
    );
    // `corpus.cache = false` in the config: no attempt, no warning.
    std::fs::create_dir_all(s.home.join("config/tigang")).unwrap();
    std::fs::write(
        s.home.join("config/tigang/config.toml"),
        "[corpus]\ncache = false\n",
    )
    .unwrap();
    let o = s.run(&["list"]);
    assert_eq!(out(&o), reference);
    assert!(err(&o).is_empty(), "{}", err(&o));
}

#[test]
fn the_cache_command_shows_and_clears_the_cache() {
    let s = Setup::new();
    s.list();
    let shown = out(&tigang(&s.home, &s.cache, &["cache"]));
    let dir = s.cache.join("tigang");
    assert!(shown.starts_with(dir.to_str().unwrap()), "{shown}");
    assert!(shown.contains("1 pack(s)"), "{shown}");
    let cleared = out(&tigang(&s.home, &s.cache, &["cache", "--clear"]));
    assert!(cleared.contains("removed 1 file(s)"), "{cleared}");
    assert!(s.packs().is_empty());
    assert!(out(&tigang(&s.home, &s.cache, &["cache"])).contains("0 pack(s)"));
}

#[test]
fn an_unusable_cache_folder_is_said_once_and_by_tigang_cache() {
    let s = Setup::new();
    std::fs::write(&s.cache, "not a folder").unwrap();
    let o = s.run(&["list"]);
    let e = err(&o);
    assert_eq!(e.lines().count(), 1, "one warning, no false 'rebuilt': {e}");
    assert!(e.contains("cannot write the parse cache"), "{e}");
    let o = tigang(&s.home, &s.cache, &["cache"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("no parse cache can be kept there"),
        "{}",
        err(&o)
    );
    // A writer's temporary file is not counted as a pack.
    std::fs::remove_file(&s.cache).unwrap();
    std::fs::create_dir_all(s.cache.join("tigang")).unwrap();
    std::fs::write(s.cache.join("tigang/.tmp-1-2-corpus-0.pack"), "half").unwrap();
    let shown = out(&tigang(&s.home, &s.cache, &["cache"]));
    assert!(shown.contains("0 pack(s)"), "{shown}");
}

#[test]
fn a_warm_load_finds_the_same_duplicate_groups() {
    let s = Setup::new();
    let dups = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dups");
    for e in std::fs::read_dir(dups).unwrap().flatten() {
        std::fs::copy(e.path(), s.corpus.join(e.file_name())).unwrap();
    }
    let cold = out(&s.run(&["list", "--duplicates", "--no-cache"]));
    assert_eq!(cold.lines().filter(|l| !l.is_empty()).count(), 5, "{cold}");
    // The first run writes the pack, the second is served from it, sketches and all.
    assert_eq!(out(&s.run(&["list", "--duplicates"])), cold);
    let pack = s.pack();
    use std::os::unix::fs::MetadataExt;
    let written = std::fs::metadata(&pack).unwrap().ino();
    assert_eq!(out(&s.run(&["list", "--duplicates"])), cold);
    assert_eq!(std::fs::metadata(&pack).unwrap().ino(), written, "warm");
}
