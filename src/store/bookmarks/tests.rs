use super::*;
use std::collections::HashSet;
use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "TIGANG_STORE_CHILD";

fn sample(speech: &str, start: usize) -> Bookmark {
    let mut b = Bookmark::new(speech, start, start + 20);
    b.speech_title = "在全市第二批主题教育培训会上的讲话".into();
    b.heading_path = vec![
        "二、坚持从严从实，认真做好主题教育督促指导工作".into(),
        "三要 督促解决问题".into(),
    ];
    b.excerpt = "开展主题教育的最终目的是为了解决问题。".into();
    b
}

use crate::store::file::dir_names;

#[test]
fn civil_from_days_known_dates() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    assert_eq!(civil_from_days(20_778), (2026, 11, 21));
    let t = |s| rfc3339_utc(UNIX_EPOCH + Duration::from_secs(s));
    assert_eq!(t(0), "1970-01-01T00:00:00Z");
    assert_eq!(t(1_700_000_000), "2023-11-14T22:13:20Z");
    assert_eq!(t(1_795_269_912), "2026-11-21T14:05:12Z");
    assert_eq!(t(4_102_444_799), "2099-12-31T23:59:59Z");
}

#[test]
fn civil_from_days_is_continuous_over_four_centuries() {
    let days_in = |y: i64, m: u32| match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let mut prev = civil_from_days(-1);
    for day in 0..146_097 {
        let (y, m, d) = civil_from_days(day);
        let (py, pm, pd) = prev;
        let expected = if pd < days_in(py, pm) {
            (py, pm, pd + 1)
        } else if pm < 12 {
            (py, pm + 1, 1)
        } else {
            (py + 1, 1, 1)
        };
        assert_eq!((y, m, d), expected, "day {day}");
        prev = (y, m, d);
    }
}

#[test]
fn ids_have_the_documented_shape_and_are_unique() {
    let now = UNIX_EPOCH + Duration::from_secs(1_795_269_912);
    let ids: HashSet<String> = (0..10_000).map(|_| new_id(now)).collect();
    assert_eq!(ids.len(), 10_000);
    let id = ids.iter().next().unwrap();
    assert_eq!(&id[..16], "20261121T140512-");
    assert_eq!(id.len(), 24);
    assert!(id[16..].chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn missing_file_is_empty_and_writable_and_add_creates_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("config/tigang/bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only());
    assert!(store.list().is_empty());
    assert!(!path.exists(), "loading must not create anything");
    store.add(sample("s1", 5)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("version = 1\n"), "{text}");
    assert!(
        text.contains("在全市第二批主题教育培训会上的讲话"),
        "{text}"
    );
    assert_eq!(BookmarkStore::load(&path).list(), store.list());
}

#[test]
fn empty_file_is_valid_and_writable() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(&path, "").unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    assert!(store.list().is_empty());
    store.add(sample("s1", 5)).unwrap();
    assert_eq!(BookmarkStore::load(&path).list().len(), 1);
}

#[test]
fn round_trip_keeps_awkward_text_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    let mut b = sample("001_e06c157ea6db8405", 1234);
    b.note =
        "第一行\n第二行 \"引号\" '单引号' \"\"\" ''' \\ 反斜杠\r\nwindows\tTab \u{7f}\u{0}".into();
    b.excerpt = "“全角引号”与『书名号』，还有 emoji 🙂".into();
    b.heading_path.push(String::new());
    let mut plain = sample("002", 0);
    plain.note = "可引用".into();
    store.add(b.clone()).unwrap();
    store.add(plain.clone()).unwrap();
    let back = BookmarkStore::load(&path);
    assert!(!back.is_read_only(), "{:?}", back.error());
    assert_eq!(back.get(&b.id), Some(&b));
    assert_eq!(back.get(&plain.id), Some(&plain));
    assert_eq!(back.list(), store.list());
}

#[test]
fn hand_written_file_with_comments_and_missing_optional_fields_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(
        &path,
        "# my bookmarks\nversion = 1\n\n[[bookmark]]\nid = \"x\"   # mine\n\
             speech_id = \"s\"\nstart = 1\nend = 2\n",
    )
    .unwrap();
    let store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].note, "");
    assert!(store.list()[0].extra.is_empty());
}

#[test]
fn unknown_fields_at_both_levels_survive_add_and_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(
        &path,
        r#"version = 1
app_theme = "dark"

[[bookmark]]
id = "a"
speech_id = "s1"
start = 5
end = 9
colour = "red"
weight = 1.5

[bookmark.review]
due = 2026-12-01
tags = ["重要", "引用"]

[[bookmark]]
id = "b"
speech_id = "s1"
start = 7
end = 9

[sync]
server = "nas"
"#,
    )
    .unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    store.add(sample("s2", 1)).unwrap();
    assert!(store.delete("b").unwrap().is_some());
    store.set_note("a", "改过").unwrap();

    let raw: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(raw["app_theme"].as_str(), Some("dark"));
    assert_eq!(raw["sync"]["server"].as_str(), Some("nas"));
    let list = raw["bookmark"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let a = list.iter().find(|b| b["id"].as_str() == Some("a")).unwrap();
    assert_eq!(a["colour"].as_str(), Some("red"));
    assert_eq!(a["weight"].as_float(), Some(1.5));
    assert_eq!(a["note"].as_str(), Some("改过"));
    assert_eq!(
        a["review"]["due"].as_datetime().unwrap().to_string(),
        "2026-12-01"
    );
    assert_eq!(a["review"]["tags"].as_array().unwrap().len(), 2);
}

#[test]
fn file_is_sorted_by_speech_then_start_then_created() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    let mut late = sample("a", 10);
    late.created = "2026-01-02T00:00:00Z".into();
    let mut early = sample("a", 10);
    early.created = "2026-01-01T00:00:00Z".into();
    for b in [sample("b", 1), late, sample("a", 30), early, sample("a", 2)] {
        store.add(b).unwrap();
    }
    let back = BookmarkStore::load(&path);
    let order: Vec<(&str, usize, &str)> = back
        .list()
        .iter()
        .map(|b| (b.speech_id.as_str(), b.start, &b.created[..10]))
        .collect();
    let today = &store.list()[0].created[..10];
    assert_eq!(
        order,
        vec![
            ("a", 2, today),
            ("a", 10, "2026-01-01"),
            ("a", 10, "2026-01-02"),
            ("a", 30, today),
            ("b", 1, today),
        ]
    );
    assert_eq!(back.for_speech("a").len(), 4);
    assert_eq!(back.for_speech("b")[0].start, 1);
    assert!(back.for_speech("c").is_empty());
}

#[test]
fn delete_returns_the_bookmark_for_undo_and_missing_ids_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    let b = sample("s", 3);
    store.add(b.clone()).unwrap();
    assert!(matches!(
        store.add(b.clone()),
        Err(StoreError::DuplicateId(_))
    ));
    assert_eq!(store.delete(&b.id).unwrap(), Some(b.clone()));
    assert_eq!(store.delete(&b.id).unwrap(), None);
    assert!(matches!(
        store.set_note(&b.id, "x"),
        Err(StoreError::NotFound(_))
    ));
    store.add(b.clone()).unwrap();
    assert_eq!(BookmarkStore::load(&path).list(), std::slice::from_ref(&b));
    store
        .update(&b.id, |m| {
            m.start = 100;
            m.end = 120;
            m.id = "hijacked".into();
        })
        .unwrap();
    let moved = BookmarkStore::load(&path).get(&b.id).cloned().unwrap();
    assert_eq!((moved.start, moved.end), (100, 120));
}

#[test]
fn two_stores_on_one_file_neither_lose_nor_resurrect() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut a = BookmarkStore::load(&path);
    let (x, y) = (sample("s", 1), sample("s", 2));
    a.add(x.clone()).unwrap();
    a.add(y.clone()).unwrap();
    let mut b = BookmarkStore::load(&path);
    a.delete(&x.id).unwrap();
    // b still shows x, but its write must start from the file, where x is gone.
    let z = sample("s", 3);
    b.add(z.clone()).unwrap();
    let ids: Vec<&str> = b.list().iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, vec![y.id.as_str(), z.id.as_str()]);
    assert!(matches!(
        b.set_note(&x.id, "n"),
        Err(StoreError::NotFound(_))
    ));
    a.set_note(&z.id, "from a").unwrap();
    assert_eq!(
        BookmarkStore::load(&path).get(&z.id).unwrap().note,
        "from a"
    );
}

/// A deterministic byte soup with NULs and invalid UTF-8.
fn garbage() -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    let mut bytes: Vec<u8> = (0..512)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    bytes.splice(0..0, *b"version = 1\n\0\xff\xfe\xc3\x28");
    bytes
}

/// Every mutation must fail on `store` and leave the bytes at its path untouched.
fn assert_untouchable(store: &mut BookmarkStore, before: &[u8]) {
    let path = store.path().to_path_buf();
    assert!(store.is_read_only());
    assert!(matches!(
        store.add(sample("s", 1)),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(matches!(store.delete("x"), Err(StoreError::ReadOnly(_))));
    assert!(matches!(
        store.set_note("x", "n"),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(matches!(
        store.update("x", |b| b.start = 0),
        Err(StoreError::ReadOnly(_))
    ));
    store.reload();
    assert!(store.is_read_only());
    assert_eq!(fs::read(&path).unwrap(), before, "file bytes changed");
    for name in dir_names(path.parent().unwrap()) {
        assert!(!name.contains(".tmp."), "leftover temp file {name}");
    }
}

#[test]
fn corrupt_files_make_the_store_read_only_and_stay_byte_identical() {
    let valid = {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("b.toml");
        let mut s = BookmarkStore::load(&path);
        s.add(sample("s1", 1)).unwrap();
        s.add(sample("s2", 2)).unwrap();
        fs::read_to_string(&path).unwrap()
    };
    let cut = valid.find("excerpt = \"").unwrap() + "excerpt = \"开展".len();
    let wrong_type = "version = 1\n\n[[bookmark]]\nid = \"x\"\nspeech_id = \"s\"\n\
                          speech_title = \"t\"\nstart = \"1234\"\nend = 1290\n";
    // (name, bytes, expected "line:column" or None when there is no place in the text)
    let cases: Vec<(&str, Vec<u8>, Option<&str>, &str)> = vec![
        (
            "truncated",
            valid.as_bytes()[..cut].to_vec(),
            Some(":10:14: "),
            "expected `\"`",
        ),
        (
            "wrong type",
            wrong_type.as_bytes().to_vec(),
            Some(":7:9: "),
            "string",
        ),
        (
            "future version",
            b"version = 99\n".to_vec(),
            Some(":1:11: "),
            "newer",
        ),
        (
            "version not a number",
            b"version = \"1\"\n".to_vec(),
            Some(":1:11: "),
            "integer",
        ),
        ("binary garbage", garbage(), Some(":2:2: "), "UTF-8"),
        (
            "empty but invalid",
            b"  \n[[bookmark]]\n".to_vec(),
            Some(":2:"),
            "missing field",
        ),
        ("only NULs", vec![0; 64], Some(":1:"), ""),
    ];
    for (name, bytes, place, what) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bookmarks.toml");
        fs::write(&path, &bytes).unwrap();
        let mut store = BookmarkStore::load(&path);
        assert!(store.is_read_only(), "{name}: loaded as valid");
        assert!(store.list().is_empty(), "{name}");
        let shown = store.error().unwrap().to_string();
        let expected_start = format!("{}{}", path.display(), place.unwrap());
        assert!(shown.starts_with(&expected_start), "{name}: {shown}");
        assert!(shown.contains(what), "{name}: {shown}");
        assert!(shown.ends_with(READ_ONLY), "{name}: {shown}");
        assert_untouchable(&mut store, &bytes);
    }
}

#[test]
fn wrong_type_message_matches_the_documented_form() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(&path, "version = 1\n[[bookmark]]\nid = 3\n").unwrap();
    let store = BookmarkStore::load(&path);
    let e = store.error().unwrap();
    assert_eq!((e.line, e.column), (Some(3), Some(6)));
    assert_eq!(
        e.to_string(),
        format!(
            "{}:3:6: invalid type: integer `3`, expected a string — {READ_ONLY}",
            path.display()
        )
    );
}

#[test]
fn a_directory_in_place_of_the_file_is_reported_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside"), "keep").unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(store.is_read_only());
    let e = store.error().unwrap();
    assert_eq!(e.line, None);
    assert!(e.to_string().starts_with(&format!("{}: ", path.display())));
    assert!(matches!(
        store.add(sample("s", 1)),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(matches!(store.delete("x"), Err(StoreError::ReadOnly(_))));
    assert!(path.is_dir());
    assert_eq!(fs::read(path.join("inside")).unwrap(), b"keep");
    assert_eq!(dir_names(tmp.path()), vec!["bookmarks.toml"]);
}

#[test]
fn corruption_found_under_the_lock_stops_the_write_and_fixing_it_recovers() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    let kept = sample("s", 1);
    store.add(kept.clone()).unwrap();
    let good = fs::read(&path).unwrap();
    let mut broken = good.clone();
    broken.extend_from_slice(b"\n[[bookmark]\n");
    fs::write(&path, &broken).unwrap();

    assert!(matches!(
        store.add(sample("s", 2)),
        Err(StoreError::ReadOnly(_))
    ));
    assert!(store.error().unwrap().line.is_some());
    // what the user was looking at stays visible while they fix the file
    assert_eq!(store.list(), std::slice::from_ref(&kept));
    assert_untouchable(&mut store, &broken);

    fs::write(&path, &good).unwrap();
    // Read-only lasts until the user asks for a reload, even once the file is fixed.
    assert!(matches!(
        store.add(sample("s", 2)),
        Err(StoreError::ReadOnly(_))
    ));
    assert_eq!(fs::read(&path).unwrap(), good);
    store.reload();
    assert!(!store.is_read_only());
    store.add(sample("s", 2)).unwrap();
    assert_eq!(BookmarkStore::load(&path).list().len(), 2);
}

#[test]
fn a_bookmark_that_would_not_read_back_is_not_written() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    store.add(sample("s", 1)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut bad = sample("s", 2);
    bad.extra.insert("start".into(), toml::Value::Integer(7));
    assert!(matches!(store.add(bad), Err(StoreError::Io { .. })));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(store.list().len(), 1);
}

// ---- multi-process tests: the test binary re-runs itself as the worker ----

/// What these tests check (locking, and the file's state after SIGKILL) does not depend
/// on fsync, since a killed process's writes stay in the page cache. On tmpfs the
/// fsyncs cost nothing, which keeps hundreds of saves within the suite's time budget.
fn multi_process_tempdir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    tempfile::tempdir().unwrap()
}

/// The worker's name as the test harness knows it (module path without the crate name),
/// so this keeps working when the module moves to another crate.
fn worker_test_name() -> String {
    let module = module_path!();
    let module = module.split_once("::").map_or(module, |(_, rest)| rest);
    format!("{module}::child_worker")
}

fn spawn_worker(mode: &str, tag: &str, path: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &worker_test_name(),
            "--nocapture",
            "--include-ignored",
        ])
        .env(CHILD_ENV, format!("{mode}:{tag}:{}", path.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
#[ignore = "worker for the multi-process tests; does nothing unless TIGANG_STORE_CHILD is set"]
fn child_worker() {
    let Ok(job) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = job.splitn(3, ':');
    let (mode, tag, path) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let mut store = BookmarkStore::load(path);
    if mode == "stall" {
        let marker = Path::new(path).with_extension("stalled");
        *crate::store::file::STALL_BEFORE_RENAME.lock().unwrap() = Some(marker);
    }
    // "loop" is killed by its parent long before the cap; the cap only stops a runaway.
    let count = match mode {
        "add" => 100,
        "loop" => 3000,
        "stall" => 1,
        _ => panic!("unknown worker mode {mode}"),
    };
    for i in 0..count {
        let mut b = sample(&format!("speech-{tag}"), i);
        b.note = format!("{tag} #{i}\n第二行");
        store.add(b).unwrap();
    }
}

#[test]
fn two_processes_adding_at_once_lose_nothing() {
    let tmp = multi_process_tempdir();
    let path = tmp.path().join("bookmarks.toml");
    let children = [
        spawn_worker("add", "a", &path),
        spawn_worker("add", "b", &path),
    ];
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "worker failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    assert_eq!(store.list().len(), 200);
    let ids: HashSet<&str> = store.list().iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), 200);
    assert_eq!(store.for_speech("speech-a").len(), 100);
    assert_eq!(store.for_speech("speech-b").len(), 100);
}

#[test]
fn killing_a_writer_at_any_moment_leaves_old_or_new_file() {
    let started = Instant::now();
    let tmp = multi_process_tempdir();
    let mut written_by_children = 0;
    let mut temp_files_seen = 0;
    let mut previous: HashSet<String> = HashSet::new();

    // First a kill that lands mid-write for certain: the worker has written and synced its
    // temp file and stops just before the rename.
    let dir = tmp.path().join("certain");
    let path = dir.join("bookmarks.toml");
    let mut store = BookmarkStore::load(&path);
    store.add(sample("parent", 0)).unwrap();
    let before = fs::read(&path).unwrap();
    let mut child = spawn_worker("stall", "s", &path);
    let marker = path.with_extension("stalled");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the worker never reached the write"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    fs::remove_file(&marker).unwrap();
    let names = dir_names(&dir);
    assert!(
        names.iter().any(|n| n.starts_with(".bookmarks.toml.tmp.")),
        "the kill did not land mid-write: {names:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before, "old file intact");
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    assert_eq!(store.list().len(), 1);
    store.add(sample("parent", 1)).unwrap();
    assert!(!dir_names(&dir).iter().any(|n| n.contains(".tmp.")));
    temp_files_seen += 1;
    for i in 0..100u64 {
        // A fresh file every 10 rounds keeps it small, so the suite stays fast.
        let dir = tmp.path().join(format!("group{}", i / 10));
        let path = dir.join("bookmarks.toml");
        if i % 10 == 0 {
            previous.clear();
        }
        let mut child = spawn_worker("loop", &i.to_string(), &path);
        // Deterministic spread over 0–20 ms: lands in startup, in mid-write and between
        // writes.
        std::thread::sleep(Duration::from_micros(i * 7_919 % 20_000));
        child.kill().unwrap();
        child.wait().unwrap();

        if path.exists() {
            let text = fs::read_to_string(&path).unwrap();
            let raw: toml::Table = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("round {i}: torn file: {e}\n{text}"));
            assert_eq!(
                raw["version"].as_integer(),
                Some(FORMAT_VERSION),
                "round {i}"
            );
        } else {
            assert!(previous.is_empty(), "round {i}: file vanished");
        }
        let mut store = BookmarkStore::load(&path);
        assert!(!store.is_read_only(), "round {i}: {:?}", store.error());
        let now: HashSet<String> = store.list().iter().map(|b| b.id.clone()).collect();
        assert!(now.is_superset(&previous), "round {i}: bookmarks lost");
        written_by_children += now.len() - previous.len();
        if dir.exists() {
            for name in dir_names(&dir) {
                let known = name == "bookmarks.toml" || name == "bookmarks.lock";
                let temp = name.starts_with(".bookmarks.toml.tmp.");
                assert!(known || temp, "round {i}: unexpected file {name}");
                temp_files_seen += usize::from(temp);
            }
        }
        // The lock died with the child, and its half-written temp file is cleared away.
        store.add(sample("parent", i as usize)).unwrap();
        assert!(
            !dir_names(&dir).iter().any(|n| n.contains(".tmp.")),
            "round {i}: temp file left after a successful write"
        );
        previous = store.list().iter().map(|b| b.id.clone()).collect();
    }
    eprintln!(
        "crash test: {written_by_children} bookmarks written by killed children, \
             {temp_files_seen} orphaned temp files cleaned, {:?}",
        started.elapsed()
    );
}

#[test]
fn comments_in_a_hand_edited_file_survive_every_change() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let original = r#"# My bookmarks — edited by hand, please keep this header.
version = 1

# The one about the last mile.
[[bookmark]]
id = "a"
speech_id = "s1"
start = 5   # checked against the print edition
end = 9
note = "old note"

# Keep this one forever.
[[bookmark]]
id = "b"
speech_id = "s1"
start = 7
end = 9
"#;
    fs::write(&path, original).unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    store.set_note("a", "新笔记").unwrap();
    store.update("b", |b| b.start = 8).unwrap();
    store.add(sample("s2", 1)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    for comment in [
        "# My bookmarks — edited by hand, please keep this header.",
        "# The one about the last mile.",
        "start = 5   # checked against the print edition",
        "# Keep this one forever.",
    ] {
        assert!(text.contains(comment), "lost {comment:?}:\n{text}");
    }
    assert!(text.contains("note = \"新笔记\""), "{text}");
    assert!(!text.contains("old note"), "{text}");
    let back = BookmarkStore::load(&path);
    assert_eq!(back.list().len(), 3);
    assert_eq!(back.get("b").unwrap().start, 8);
    store.delete("a").unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("新笔记"), "{text}");
    assert!(text.contains("# Keep this one forever."), "{text}");
}

#[test]
fn a_toml_file_without_the_version_key_is_refused_not_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let cargo =
        "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n";
    fs::write(&path, cargo).unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(store.is_read_only());
    let e = store.error().unwrap().to_string();
    assert!(e.contains("no `version` key"), "{e}");
    assert!(store.add(sample("s", 1)).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), cargo);

    // Bookmarks without the key are someone's hand-made file: refused too, with the fix.
    fs::write(
        &path,
        "[[bookmark]]\nid = \"x\"\nspeech_id = \"s\"\nstart = 1\nend = 2\n",
    )
    .unwrap();
    let store = BookmarkStore::load(&path);
    assert!(store.is_read_only());

    // An empty or comment-only file is a bookmarks file still to be filled.
    fs::write(&path, "# mine\n").unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    store.add(sample("s", 1)).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# mine") && text.contains("version = 1"),
        "{text}"
    );
}

#[test]
fn a_hand_edited_field_order_survives_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    let original = r#"version = 1

[[bookmark]]
note = "先写笔记"
speech_id = "s1"
end = 9
start = 5
id = "a"
"#;
    fs::write(&path, original).unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    store.set_note("a", "改过的笔记").unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let at = |k: &str| {
        text.find(&format!("\n{k} = "))
            .unwrap_or_else(|| panic!("{k}\n{text}"))
    };
    assert!(
        at("note") < at("speech_id") && at("speech_id") < at("end") && at("end") < at("start"),
        "{text}"
    );
    assert!(at("start") < at("id"), "{text}");
    assert!(text.contains("note = \"改过的笔记\""), "{text}");
}

/// A file written before tags existed: comments, hand layout, notes with no `#`.
const PRE_TAGS_FILE: &str = r#"# 书签 — written by hand before notes had tags
version = 1

[[bookmark]]
id = "20261121T140512-3f9a01c2"
speech_id = "001_e06c157ea6db8405"
speech_title = "在全国组织工作会议上的讲话"
start = 120   # 第二部分
end = 168
heading_path = ["二、", "（一）"]
excerpt = "打铁必须自身硬。"
note = "可用于开头；C# 无关"
created = "2026-11-21T14:05:12Z"

[[bookmark]]
id = "20261122T090000-00000001"
speech_id = "002_aa"
start = 0
end = 4
excerpt = "同志们"
created = "2026-11-22T09:00:00Z"
"#;

#[test]
fn a_file_from_before_tags_loads_unchanged_and_resaves_byte_identically() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(&path, PRE_TAGS_FILE).unwrap();
    let mut store = BookmarkStore::load(&path);
    assert!(!store.is_read_only(), "{:?}", store.error());
    assert_eq!(store.list().len(), 2);
    assert!(store.list().iter().all(|b| b.tags().is_empty()));
    // Each bookmark rewritten through the store: the file is saved, and nothing in it moves.
    for id in ["20261121T140512-3f9a01c2", "20261122T090000-00000001"] {
        store.update(id, |_| {}).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), PRE_TAGS_FILE);
    }
    store
        .set_note("20261121T140512-3f9a01c2", "可用于开头；C# 无关")
        .unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), PRE_TAGS_FILE);
}

#[test]
fn tags_live_in_the_note_so_tagging_changes_one_line_only() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bookmarks.toml");
    fs::write(&path, PRE_TAGS_FILE).unwrap();
    let mut store = BookmarkStore::load(&path);
    store
        .set_note("20261121T140512-3f9a01c2", "可用于开头 #作风 #金句")
        .unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let expected = PRE_TAGS_FILE.replace(
        "note = \"可用于开头；C# 无关\"",
        "note = \"可用于开头 #作风 #金句\"",
    );
    assert_eq!(text, expected);
    let back = BookmarkStore::load(&path);
    let b = back.get("20261121T140512-3f9a01c2").unwrap();
    assert_eq!(b.tags(), ["作风", "金句"]);
    assert!(b.has_tags(&["作风", "#金句"]));
    assert!(!b.has_tags(&["作风", "调研"]));
    assert!(back
        .get("20261122T090000-00000001")
        .unwrap()
        .has_tags::<&str>(&[]));
}
