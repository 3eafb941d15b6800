//! Time to first frame of the real reader, measured as a person sees it: `tigang` runs in a
//! pseudo-terminal and the clock stops when the speech list is on the screen.
//!
//! `cargo run --release --example first_frame -- [--corpus DIR] [--bin PATH] [--keys KEYS]
//! [--until TEXT [--lines N]] [-- ARG...]`
//! Prints the milliseconds as the last line (the contract of `bench/run.sh`). `--until` and
//! the arguments after `--` time another program the same way (bench/run.sh: `less +G FILE`
//! until `(END)`). With `--keys`, the keys are typed once the first frame is up and the clock
//! runs from then until `--until` shows on `--lines` lines (bench/run.sh: `F` and a query
//! right after start, until the query is on the prompt and on a hit). The parse cache is wherever `$XDG_CACHE_HOME` says, so the caller picks
//! a cold or a warm one (unset: a new, empty one under the temporary home).

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut corpus = None;
    let mut until = None;
    let mut keys: Option<String> = None;
    let mut lines = 1;
    let mut extra = Vec::new();
    let mut bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("tigang")))
        .expect("binary path");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => corpus = args.next(),
            "--bin" => bin = args.next().expect("--bin PATH").into(),
            "--until" => until = Some(args.next().expect("--until TEXT")),
            "--keys" => keys = Some(args.next().expect("--keys KEYS")),
            "--lines" => lines = args.next().and_then(|n| n.parse().ok()).expect("--lines N"),
            "--" => extra.extend(args.by_ref()),
            other => panic!("unknown argument {other}"),
        }
    }
    let home = tempfile::tempdir().expect("temp home");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(&bin);
    // portable-pty starts children in $HOME unless told otherwise; relative paths need ours.
    cmd.cwd(std::env::current_dir().expect("cwd"));
    if let Some(c) = &corpus {
        cmd.args(["--corpus", c]);
    }
    cmd.args(&extra);
    for v in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "HOME"] {
        cmd.env(v, home.path());
    }
    cmd.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(40).unwrap(),
        std::num::NonZeroU16::new(120).unwrap(),
        0,
    );
    let deadline = start + Duration::from_secs(30);
    let mut start = start;
    let mut typed = keys.is_none();
    let elapsed = loop {
        let chunk = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the screen was ready within 30 s");
        // crossterm may ask where the cursor is; answer so it does not wait.
        if chunk.windows(4).any(|w| w == b"\x1b[6n") {
            let _ = writer.write_all(b"\x1b[1;1R");
        }
        parser.process(&chunk);
        let screen = parser.screen().contents();
        // The list pane's title (讲话 N) and at least one row under it.
        let first =
            || screen.contains("讲话 ") && screen.lines().nth(1).is_some_and(|l| l.contains('▸'));
        if !typed {
            if first() {
                typed = true;
                let k = keys.as_deref().unwrap_or_default();
                writer.write_all(k.as_bytes()).expect("keys");
                writer.flush().expect("keys");
                start = Instant::now();
            }
            continue;
        }
        let done = match &until {
            Some(t) => screen.lines().filter(|l| l.contains(t.as_str())).count() >= lines,
            None => first(),
        };
        if done {
            break start.elapsed();
        }
    };
    if keys.is_some() {
        // The keys may have left a prompt open that would take a `q` as text.
        let _ = child.kill();
    } else {
        let _ = writer.write_all(b"q");
        let _ = writer.flush();
    }
    let _ = child.wait();
    println!("{:.1}", elapsed.as_secs_f64() * 1e3);
}
