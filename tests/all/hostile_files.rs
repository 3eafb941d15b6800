//! Hostile files around the corpus, made at test time: FIFOs, sockets, links to devices,
//! sparse giants and file names that are terminal commands. The command line must never
//! hang on one, never read one without bound, and never let one reach the terminal raw.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::pty::TempHome;

/// Runs `tigang` in `home`, killing it (and failing) if it has not finished in 20 s: a hang
/// is the bug these tests look for, so it must fail, not wait forever.
fn run(home: &TempHome, args: &[&str]) -> Output {
    run_env(home, args, &[])
}

fn run_env(home: &TempHome, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tigang"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in home.env().into_iter().chain(env.iter().copied()) {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "tigang {args:?} hung; stderr so far: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("output is UTF-8")
}

pub fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

const SPEECH: &str = "在全市工作会议上的讲话\n\n同志们：\n一、提高政治站位。要认真学习正文。\n";

/// A corpus of one good speech and one of every kind of file that must be skipped unread.
/// Returns the folder and the listener keeping the socket alive.
fn special_corpus(root: &Path) -> (PathBuf, std::os::unix::net::UnixListener) {
    let dir = root.join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), SPEECH).unwrap();
    mkfifo(&dir.join("p.txt"));
    let socket = std::os::unix::net::UnixListener::bind(dir.join("s.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.join("null.md")).unwrap();
    // 2 GB that take no disk: read whole, they would take 2 GB of memory.
    let f = std::fs::File::create(dir.join("sparse.txt")).unwrap();
    f.set_len(2 << 30).unwrap();
    // Under the limit but all zeros: rejected on its head, not read whole.
    let f = std::fs::File::create(dir.join("zeros.txt")).unwrap();
    f.set_len(48 << 20).unwrap();
    (dir, socket)
}

fn assert_special_files_skipped(stderr: &str) {
    for (name, reason) in [
        ("p.txt", "is a FIFO (named pipe), not a regular file"),
        ("s.txt", "is a socket, not a regular file"),
        ("zero.txt", "is a character device, not a regular file"),
        ("null.md", "is a character device, not a regular file"),
        ("sparse.txt", "file is 2048 MB, over the limit of 64 MB"),
        ("zeros.txt", "file looks binary"),
    ] {
        assert!(
            stderr.lines().any(|l| l.starts_with("tigang: skipped ")
                && l.contains(name)
                && l.contains(reason)),
            "no skip line for {name} ({reason}):\n{stderr}"
        );
    }
}

#[test]
fn list_search_and_show_skip_fifos_sockets_devices_and_giants_unread() {
    let home = TempHome::new();
    let (dir, _socket) = special_corpus(home.path());
    let dir = dir.to_str().unwrap();

    let o = run(&home, &["list", "--corpus", dir]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().count(), 1, "{}", text(&o.stdout));
    assert!(text(&o.stdout).starts_with("good\t在全市工作会议上的讲话\t"));
    assert_special_files_skipped(&text(&o.stderr));

    let o = run(&home, &["search", "正文", "--corpus", dir]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("good:"), "{}", text(&o.stdout));
    assert_special_files_skipped(&text(&o.stderr));

    let o = run(&home, &["show", "good", "--corpus", dir]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("提高政治站位"));

    // Given directly, as a corpus or to `outline`.
    for name in ["p.txt", "s.txt", "zero.txt"] {
        let path = format!("{dir}/{name}");
        let o = run(&home, &["outline", &path]);
        assert_eq!(o.status.code(), Some(2), "outline {name}");
        assert!(
            text(&o.stderr).contains("not a regular file"),
            "{}",
            text(&o.stderr)
        );
        let o = run(&home, &["show", &path]);
        assert_eq!(o.status.code(), Some(2), "show {name}");
        assert!(
            text(&o.stderr).contains("not a regular file"),
            "{}",
            text(&o.stderr)
        );
        let o = run(&home, &["list", "--corpus", &path]);
        assert!(
            text(&o.stderr).contains("not a regular file"),
            "{}",
            text(&o.stderr)
        );
    }
    // `search` with a file it cannot read among its operands: an error, as in grep, after
    // the hits in the others.
    let (good, fifo) = (format!("{dir}/good.txt"), format!("{dir}/p.txt"));
    let o = run(&home, &["search", "正文", &fifo]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("not a regular file"));
    let o = run(&home, &["search", "正文", &good, &fifo]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("good:"), "{}", text(&o.stdout));
    let o = run(&home, &["search", "正文", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = run(&home, &["outline", &format!("{dir}/sparse.txt")]);
    assert!(
        text(&o.stderr).contains("over the limit"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn the_size_limit_is_the_config_key() {
    let home = TempHome::new();
    let dir = home.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("good.txt"), SPEECH).unwrap();
    let big = format!("{SPEECH}{}", "这是正文。\n".repeat(80_000));
    assert!(big.len() > 1 << 20);
    std::fs::write(dir.join("big.txt"), &big).unwrap();
    let dir = dir.to_str().unwrap();
    let o = run(&home, &["list", "--corpus", dir]);
    assert_eq!(text(&o.stdout).lines().count(), 2, "{}", text(&o.stderr));

    let config = home.path().join("config/tigang/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[corpus]\nmax_file_mb = 1\n").unwrap();
    let o = run(&home, &["list", "--corpus", dir]);
    assert_eq!(text(&o.stdout).lines().count(), 1, "{}", text(&o.stdout));
    assert!(
        text(&o.stderr).contains("big.txt: file is 2 MB, over the limit of 1 MB"),
        "{}",
        text(&o.stderr)
    );
}

/// Every char a terminal could act on: C0 (but line end and tab), DEL, C1, bidi controls.
fn raw_controls(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            !matches!(c, '\n' | '\t')
                && (c < ' '
                    || ('\x7f'..='\u{9f}').contains(&c)
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c))
        })
        .collect()
}

#[test]
fn hostile_file_names_never_reach_the_terminal_raw() {
    let home = TempHome::new();
    let dir = home.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let title = "在全市工作会议上的\u{202e}讲话\n\n同志们：\n一、提高政治站位。要认真学习正文。\n";
    std::fs::write(dir.join("\x1b]0;PWNED\x07.txt"), title).unwrap();
    std::fs::write(dir.join("\x1b]52;c;cm0gLXJmIH4=\x07\u{9b}2J.txt"), SPEECH).unwrap();
    std::fs::write(dir.join("\x1b[2J\u{2066}bin.txt"), b"\0\0\0binary").unwrap();
    let d = dir.to_str().unwrap();
    let json_file = dir.join("\x1b]0;PWNED\x07.txt");

    let runs = [
        run(&home, &["list", "--corpus", d]),
        run(&home, &["search", "正文", "--corpus", d]),
        run(&home, &["search", "-c", "正文", "--corpus", d]),
        run(&home, &["show", "\x1b]0;PWNED\x07", "--corpus", d]),
        run(
            &home,
            &["show", "\x1b]0;PWNED\x07", "--width", "40", "--corpus", d],
        ),
        run(&home, &["outline", json_file.to_str().unwrap()]),
        run(
            &home,
            &["outline", "--format", "md", json_file.to_str().unwrap()],
        ),
        run(
            &home,
            &["outline", "--format", "json", json_file.to_str().unwrap()],
        ),
        run(&home, &["show", "\x1b]0;nope\x07", "--corpus", d]),
    ];
    for (i, o) in runs.iter().enumerate() {
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert!(raw_controls(&out).is_empty(), "run {i}: stdout {out:?}");
        assert!(raw_controls(&err).is_empty(), "run {i}: stderr {err:?}");
    }
    let list = text(&runs[0].stdout);
    assert!(
        list.contains("\\x1b]0;PWNED\\x07\t在全市工作会议上的\\u{202e}讲话"),
        "{list}"
    );
    assert!(
        list.contains("\\x1b]52;c;cm0gLXJmIH4=\\x07\\u{009b}2J\t"),
        "{list}"
    );
    assert!(
        text(&runs[0].stderr).contains("skipped "),
        "{}",
        text(&runs[0].stderr)
    );
    assert!(text(&runs[0].stderr).contains("\\x1b[2J\\u{2066}bin.txt"));
    assert!(text(&runs[1].stdout).contains("\\x1b]0;PWNED\\x07:"));
    assert!(
        text(&runs[8].stderr).contains("]0;nope"),
        "{}",
        text(&runs[8].stderr)
    );
    // JSON: escaped, and the same strings once parsed.
    let json: serde_json::Value = serde_json::from_slice(&runs[7].stdout).unwrap();
    assert_eq!(json["title"], "在全市工作会议上的\u{202e}讲话");
}

#[test]
fn bookmark_fields_from_a_shared_file_never_reach_the_terminal_raw() {
    let home = TempHome::new();
    let path = home.path().join("config/tigang/bookmarks.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = r#"version = 1
[[bookmark]]
id = "20260101T000000-0000000\u001b]0;x\u0007"
speech_id = "\u001b]52;c;cm0gLXJmIH4=\u0007"
speech_title = "标题\u202e反"
start = 0
end = 4
heading_path = ["\u001b[2J一、", "\u009b31m二、"]
excerpt = "第一行\u001b[5m\n第二行\u2067"
note = "笔记\u001b]0;PWNED\u0007\u0085"
created = "2026-01-01T00:00:00Z\u007f"
"#;
    std::fs::write(&path, file).unwrap();
    for format in ["md", "tsv", "json"] {
        let o = run(&home, &["bookmarks", "--format", format]);
        assert!(o.status.success(), "{format}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(raw_controls(&out).is_empty(), "{format}: {out:?}");
        assert!(out.contains("PWNED"), "{format}: {out}");
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v[0]["note"], "笔记\x1b]0;PWNED\x07\u{85}");
            assert_eq!(v[0]["speech_title"], "标题\u{202e}反");
        }
    }
}

#[test]
fn one_file_that_panics_is_skipped_not_the_whole_list_or_search() {
    let home = TempHome::new();
    let dir = home.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["a.txt", "boom.txt", "c.txt"] {
        std::fs::write(dir.join(name), SPEECH).unwrap();
    }
    let d = dir.to_str().unwrap();
    let panic = [("TIGANG_TEST_PANIC_FILE", "boom.txt")];
    for args in [
        &["list", "--corpus", d][..],
        &["search", "正文", "--corpus", d],
        &["search", "re:正.", "--corpus", d],
    ] {
        let o = run_env(&home, args, &panic);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        let ids: Vec<&str> = out
            .lines()
            .map(|l| l.split(['\t', ':']).next().unwrap())
            .collect();
        assert_eq!(ids, ["a", "c"], "{args:?}: {out}");
        assert!(
            text(&o.stderr)
                .lines()
                .any(|l| l.starts_with("tigang: skipped ")
                    && l.contains("boom.txt: tigang failed on this file")),
            "{args:?}: {}",
            text(&o.stderr)
        );
    }
}
