//! A pseudo-terminal harness for end-to-end tests: runs a program in a pty, keeps a vt100 model of
//! its screen, and lets a test type keys and wait for what the screen shows.
//!
//! Synchronisation is by polling the screen model, never by sleeping: a background thread reads
//! the pty master into a channel, and every `wait_*` drains that channel into the parser and
//! re-checks its condition until a deadline (10 s, or `TIGANG_E2E_TIMEOUT` seconds).
//!
//! Send keys only once the program is ready for them (wait for its first screen first): input
//! typed before it enters raw mode is echoed and line-buffered by the tty.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use portable_pty::ExitStatus;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// How long a poll blocks on the channel before re-checking the deadline and the child.
const POLL: Duration = Duration::from_millis(50);

/// Environment variables passed through from the test process; everything else is cleared so a
/// developer's own config, locale or terminal can't change what a test sees.
const PASS_THROUGH: &[&str] = &["PATH", "LLVM_PROFILE_FILE", "RUST_BACKTRACE"];

pub struct Term {
    program: String,
    parser: vt100::Parser<Replies>,
    rx: Receiver<Vec<u8>>,
    /// The reader thread has hung up: every slave fd is closed, no more output can come.
    eof: bool,
    raw: Vec<u8>,
    /// `None` once [`Term::hang_up`] closed the terminal.
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to stop and close its end of the master.
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    status: Option<ExitStatus>,
    timeout: Duration,
}

/// Answers the queries a real terminal would. Without an answer to `ESC[6n` crossterm's
/// `cursor::position()` blocks for its 2 s timeout and then fails, so a test would hang or break.
/// The parser calls this at the query's exact place in the stream, so the reported position is
/// the one the program would have seen, even when the query is split across reads.
#[derive(Default)]
struct Replies {
    pending: Vec<u8>,
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        match (i1, c, params) {
            // Cursor position report: 1-based row;col.
            (None, 'n', [[6]]) => {
                let (row, col) = screen.cursor_position();
                self.pending
                    .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
            }
            // Device status: "OK".
            (None, 'n', [[5]]) => self.pending.extend_from_slice(b"\x1b[0n"),
            // Primary device attributes. crossterm sends this after its keyboard-enhancement
            // query (`ESC[?u`) and takes this answer, arriving alone, as "not supported" instead
            // of waiting out its timeout.
            (None, 'c', [] | [[0]]) => self.pending.extend_from_slice(b"\x1b[?1;2c"),
            _ => {}
        }
    }
}

fn default_timeout() -> Duration {
    match std::env::var("TIGANG_E2E_TIMEOUT") {
        Ok(s) => match s.trim().parse::<f64>() {
            Ok(secs) if secs > 0.0 => Duration::from_secs_f64(secs),
            _ => panic!("TIGANG_E2E_TIMEOUT must be a positive number of seconds, got {s:?}"),
        },
        Err(_) => Duration::from_secs(10),
    }
}

impl Term {
    /// Runs the `tigang` binary of this package. Starts from an empty environment plus `PATH`,
    /// `TERM=xterm-256color` and `LANG=C.UTF-8`; `env` adds to or overrides that. The working
    /// directory is the package root, so `data/…` paths work.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Term {
        Term::spawn_program(env!("CARGO_BIN_EXE_tigang"), args, env, cols, rows)
    }

    /// Like [`Term::spawn`], for any program (looked up in `PATH` if not a path).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|e| panic!("cannot open a pty: {e:#}"));

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        for name in PASS_THROUGH {
            if let Some(value) = std::env::var_os(name) {
                cmd.env(name, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));

        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot spawn {program} {args:?}: {e:#}"));
        // The master reads EOF only once every slave fd is closed; ours would keep it open
        // forever, and the reader thread with it.
        drop(pair.slave);

        // Our own duplicate of the master, polled, so the thread can be stopped and every
        // master fd closed ([`Term::hang_up`]).
        let master_fd = pair
            .master
            .as_raw_fd()
            .expect("a unix pty has a file descriptor");
        let mut reader = filedescriptor::FileDescriptor::dup(&master_fd)
            .unwrap_or_else(|e| panic!("cannot clone the pty reader: {e:#}"));
        let stop = Arc::new(AtomicBool::new(false));
        let stop_reader = stop.clone();
        let writer = pair
            .master
            .take_writer()
            .unwrap_or_else(|e| panic!("cannot take the pty writer: {e:#}"));

        let (tx, rx) = mpsc::channel();
        // Not joined in Drop: it ends at EOF (the child and anything that inherited its tty
        // have exited: the read fails with EIO), when told to stop, or when the Term, and so
        // the receiver, is gone. Joining it could hang on a grandchild holding the tty.
        let reader = std::thread::Builder::new()
            .name(format!("pty-reader {program}"))
            .spawn(move || {
                use std::os::fd::AsRawFd;
                let mut buf = [0u8; 16 * 1024];
                loop {
                    if stop_reader.load(Ordering::SeqCst) {
                        break;
                    }
                    let mut pfd = [filedescriptor::pollfd {
                        fd: reader.as_raw_fd(),
                        events: filedescriptor::POLLIN,
                        revents: 0,
                    }];
                    match filedescriptor::poll(&mut pfd, Some(POLL)) {
                        Ok(0) => continue,
                        Ok(_) => {}
                        Err(_) => continue,
                    }
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            if tx.send(buf[..n].to_vec()).is_err() {
                                break;
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
            })
            .expect("cannot start the pty reader thread");
        let reader = Some(reader);

        Term {
            program: format!("{program} {args:?}"),
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Replies::default()),
            rx,
            eof: false,
            raw: Vec::new(),
            writer: Some(writer),
            master: Some(pair.master),
            stop,
            reader,
            child,
            status: None,
            timeout: default_timeout(),
        }
    }

    /// Changes the deadline of later waits (e.g. short, in a test that expects a timeout).
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    #[track_caller]
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal was hung up");
        if let Err(e) = writer.write_all(bytes).and_then(|()| writer.flush()) {
            panic!("cannot write {bytes:?} to {}: {e}", self.program);
        }
    }

    /// Types `keys` and waits for the redraw they cause, so the next look at the screen is
    /// not one keypress behind.
    #[track_caller]
    pub fn press(&mut self, keys: &str) {
        self.screen();
        let before = self.vt().contents_formatted();
        self.keys(keys);
        self.wait_for(&format!("a redraw after {keys:?}"), |s| {
            s.contents_formatted() != before
        })
        .unwrap();
    }

    /// Types text as a terminal would send it: UTF-8 bytes, so Chinese works.
    #[track_caller]
    pub fn keys(&mut self, keys: &str) {
        self.send(keys.as_bytes());
    }

    /// Presses a named key: `Enter`, `Esc`, `Tab`, `BackTab`, `Backspace`, `Space`, `Up`, `Down`,
    /// `Left`, `Right`, `Home`, `End`, `PageUp`, `PageDown`, `Insert`, `Delete`, `F1`–`F12`,
    /// `Ctrl-x`, `Alt-x`. After `Esc`, wait for its effect before typing on: a terminal
    /// can't tell a lone Esc from the start of an Alt or arrow sequence that arrives with it.
    #[track_caller]
    pub fn key(&mut self, name: &str) {
        let app_cursor = self.parser.screen().application_cursor();
        match key_bytes(name, app_cursor) {
            Some(bytes) => self.send(&bytes),
            None => panic!("unknown key name {name:?}"),
        }
    }

    /// The screen as text: every row, trailing blanks trimmed, joined with '\n'. A wide
    /// character appears once (its second cell is not a space).
    pub fn screen(&mut self) -> String {
        self.pump(Duration::ZERO);
        screen_text(self.parser.screen())
    }

    /// One row of [`Term::screen`], 0-based.
    #[track_caller]
    pub fn row(&mut self, n: u16) -> String {
        self.pump(Duration::ZERO);
        let screen = self.parser.screen();
        let (rows, cols) = dims(screen);
        assert!(n < rows, "row {n} is off a screen of {rows} rows");
        screen
            .rows(0, cols)
            .nth(usize::from(n))
            .map(|r| r.trim_end().to_string())
            .unwrap_or_default()
    }

    /// Where `text` first appears on screen, as a 0-based (row, column) in cells, so a test
    /// can tell which pane it is in. See [`positions`] for every place.
    pub fn find(&mut self, text: &str) -> Option<(u16, u16)> {
        self.pump(Duration::ZERO);
        positions(self.parser.screen(), text).first().copied()
    }

    /// The vt100 model as it stands (for attributes, cursor, modes). Doesn't drain new output:
    /// call after a `wait_*` or [`Term::screen`].
    pub fn vt(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Waits until `pred` holds for the screen. Fails early if the program's output has ended
    /// (it exited) without `pred` holding. The error names `what` and shows the whole screen.
    pub fn wait_for(
        &mut self,
        what: &str,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let start = Instant::now();
        let deadline = start + self.timeout;
        loop {
            if pred(self.parser.screen()) {
                return Ok(());
            }
            if self.eof {
                let status = match self.exit_soon() {
                    Some(s) => format!("exited with {s}"),
                    None => "closed the terminal".to_string(),
                };
                return Err(format!(
                    "{} {status} after {:.1?} while waiting for {what}\n{}",
                    self.program,
                    start.elapsed(),
                    dump(self.parser.screen())
                ));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!(
                    "timed out after {:.1?} waiting for {what}\n{}",
                    self.timeout,
                    dump(self.parser.screen())
                ));
            }
            self.pump(POLL.min(deadline - now));
        }
    }

    /// Waits until the raw output written since byte `from` holds `bytes` (a redraw shows
    /// as text sent again, which the screen alone cannot tell).
    pub fn wait_output(&mut self, from: usize, bytes: &[u8]) -> Result<(), String> {
        let deadline = Instant::now() + self.timeout;
        loop {
            if self.raw[from.min(self.raw.len())..]
                .windows(bytes.len())
                .any(|w| w == bytes)
            {
                return Ok(());
            }
            let now = Instant::now();
            if self.eof || now >= deadline {
                return Err(format!(
                    "{:?} was not written again\n{}",
                    String::from_utf8_lossy(bytes),
                    dump(self.parser.screen())
                ));
            }
            self.pump(POLL.min(deadline - now));
        }
    }

    /// Waits until `text` is on screen (within one row); panics with the screen on timeout.
    #[track_caller]
    pub fn wait_text(&mut self, text: &str) {
        if let Err(e) = self.wait_for(&format!("{text:?} to appear"), |s| {
            screen_text(s).contains(text)
        }) {
            panic!("{e}");
        }
    }

    /// Waits until `text` is nowhere on screen; panics with the screen on timeout.
    #[track_caller]
    pub fn wait_gone(&mut self, text: &str) {
        if let Err(e) = self.wait_for(&format!("{text:?} to disappear"), |s| {
            !screen_text(s).contains(text)
        }) {
            panic!("{e}");
        }
    }

    /// Resizes the pty, which sends the program SIGWINCH, and the screen model with it.
    #[track_caller]
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Output written before the resize must be laid out at the old size.
        self.pump(Duration::ZERO);
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the terminal was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap_or_else(|e| panic!("cannot resize the pty: {e:#}"));
    }

    /// Waits for the program to exit and for the rest of its output. On timeout, kills it and
    /// panics with the screen.
    #[track_caller]
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + self.timeout;
        loop {
            if let Some(status) = self.poll_exit() {
                self.drain_after_exit(deadline);
                return status;
            }
            let now = Instant::now();
            if now >= deadline {
                self.kill();
                panic!(
                    "{} did not exit within {:.1?}\n{}",
                    self.program,
                    self.timeout,
                    dump(self.parser.screen())
                );
            }
            // Keeps draining (and answering queries) while waiting: a program blocked on a
            // reply would otherwise never exit.
            self.pump(POLL.min(deadline - now));
        }
    }

    /// Everything the program has written so far, escape sequences included. Complete after
    /// [`Term::wait_exit`]; otherwise as of the last wait or read of the screen.
    pub fn raw_output(&self) -> &[u8] {
        &self.raw
    }

    /// Checks, on the raw output, that the program put the terminal back: left the alternate
    /// screen, showed the cursor, turned off every mouse, focus and paste mode it turned on,
    /// and popped the keyboard-enhancement flags it pushed; and, on the pty itself, that raw
    /// mode is off again (canonical input, echo and signal keys back on).
    pub fn restored(&self) -> Result<(), String> {
        terminal_left_clean(&self.raw)?;
        self.cooked()
    }

    /// The pty's line discipline is back to cooked: `icanon`, `echo` and `isig` all set.
    pub fn cooked(&self) -> Result<(), String> {
        use nix::sys::termios::LocalFlags;
        let master = self.master.as_ref().ok_or("the terminal was hung up")?;
        let termios = master
            .get_termios()
            .ok_or("cannot read the pty's termios")?;
        let want = LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG;
        let missing = want - termios.local_flags;
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("the terminal is still raw: {missing:?} off"))
        }
    }

    /// The child's process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a spawned child has a pid")
    }

    /// Sends `signal` to the child (only ever the test's own child).
    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        let pid = nix::unistd::Pid::from_raw(self.pid() as i32);
        nix::sys::signal::kill(pid, signal).expect("the child can be signalled");
    }

    /// Closes the terminal as a closed window does: every master fd is closed, so the
    /// program's reads of its tty fail from then on. Output written before is kept.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        while let Ok(chunk) = self.rx.try_recv() {
            self.feed(&chunk);
        }
        self.eof = true;
        self.writer = None;
        self.master = None;
    }

    /// Waits until the program is stopped (job control: state `T` in `/proc`), so a SIGCONT
    /// sent next cannot arrive before the stop and be lost.
    #[track_caller]
    pub fn wait_stopped(&mut self) {
        let stat = format!("/proc/{}/stat", self.pid());
        let deadline = Instant::now() + self.timeout;
        loop {
            let text = std::fs::read_to_string(&stat).unwrap_or_default();
            // pid (comm) state …: the state follows the last ')'.
            let state = text
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.trim().chars().next());
            if state == Some('T') {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} did not stop (state {state:?})",
                self.program
            );
            self.pump(Duration::from_millis(5));
        }
    }

    /// Whether the program has exited, without waiting.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.poll_exit()
    }

    fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.status = Some(status);
            }
        }
        self.status.clone()
    }

    /// Reads until EOF. The exited child's output is already in the kernel's buffer, so EOF
    /// comes at once; only a leftover grandchild holding the tty delays it, and then a
    /// quiet second is taken as the end.
    fn drain_after_exit(&mut self, deadline: Instant) {
        let mut quiet_since = Instant::now();
        while !self.eof {
            let now = Instant::now();
            if now >= deadline || now - quiet_since >= Duration::from_secs(1) {
                break;
            }
            let before = self.raw.len();
            self.pump(POLL.min(deadline - now));
            if self.raw.len() != before {
                quiet_since = Instant::now();
            }
        }
    }

    /// After EOF the child is usually exiting but not yet reaped; give it a moment so the
    /// failure message can say how it ended.
    fn exit_soon(&mut self) -> Option<ExitStatus> {
        let until = Instant::now() + Duration::from_millis(500);
        loop {
            let status = self.poll_exit();
            if status.is_some() || Instant::now() >= until {
                return status;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn kill(&mut self) {
        if self.poll_exit().is_none() {
            // portable-pty sends SIGHUP, then SIGKILL if the child outlives a short grace.
            let _ = self.child.kill();
            if let Ok(status) = self.child.wait() {
                self.status = Some(status);
            }
        }
    }

    /// Feeds whatever output has arrived into the parser, first blocking up to `wait` for some.
    fn pump(&mut self, wait: Duration) {
        if self.eof {
            return;
        }
        match self.rx.recv_timeout(wait) {
            Ok(chunk) => self.feed(&chunk),
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                return;
            }
        }
        loop {
            match self.rx.try_recv() {
                Ok(chunk) => self.feed(&chunk),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.eof = true;
                    break;
                }
            }
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        self.raw.extend_from_slice(chunk);
        self.parser.process(chunk);
        let replies = std::mem::take(&mut self.parser.callbacks_mut().pending);
        if !replies.is_empty() {
            // A program that has just exited can't read it; that's not the test's failure.
            if let Some(w) = self.writer.as_mut() {
                let _ = w.write_all(&replies).and_then(|()| w.flush());
            }
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.kill();
    }
}

fn key_bytes(name: &str, app_cursor: bool) -> Option<Vec<u8>> {
    // With DECCKM set (application cursor mode) xterm sends SS3 instead of CSI for these.
    let cursor = |c: char| -> Vec<u8> {
        if app_cursor {
            format!("\x1bO{c}").into_bytes()
        } else {
            format!("\x1b[{c}").into_bytes()
        }
    };
    let fixed: &[u8] = match name {
        "Enter" => b"\r",
        "Esc" => b"\x1b",
        "Tab" => b"\t",
        "BackTab" => b"\x1b[Z",
        "Backspace" => b"\x7f",
        "Space" => b" ",
        "Up" => return Some(cursor('A')),
        "Down" => return Some(cursor('B')),
        "Right" => return Some(cursor('C')),
        "Left" => return Some(cursor('D')),
        "Home" => return Some(cursor('H')),
        "End" => return Some(cursor('F')),
        "Insert" => b"\x1b[2~",
        "Delete" => b"\x1b[3~",
        "PageUp" => b"\x1b[5~",
        "PageDown" => b"\x1b[6~",
        "F1" => b"\x1bOP",
        "F2" => b"\x1bOQ",
        "F3" => b"\x1bOR",
        "F4" => b"\x1bOS",
        "F5" => b"\x1b[15~",
        "F6" => b"\x1b[17~",
        "F7" => b"\x1b[18~",
        "F8" => b"\x1b[19~",
        "F9" => b"\x1b[20~",
        "F10" => b"\x1b[21~",
        "F11" => b"\x1b[23~",
        "F12" => b"\x1b[24~",
        _ => {
            if let Some(rest) = name.strip_prefix("Ctrl-") {
                let mut chars = rest.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    return (rest == "Space").then(|| vec![0]);
                };
                let c = c.to_ascii_lowercase();
                return match c {
                    'a'..='z' | '@' | '[' | '\\' | ']' | '^' | '_' => Some(vec![c as u8 & 0x1f]),
                    _ => None,
                };
            }
            if let Some(rest) = name.strip_prefix("Alt-") {
                let mut chars = rest.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    return None;
                };
                return Some(format!("\x1b{c}").into_bytes());
            }
            return None;
        }
    };
    Some(fixed.to_vec())
}

fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = dims(screen);
    screen
        .rows(0, cols)
        .map(|r| r.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every place `text` appears on `screen`, as 0-based (row, column) in cells, top to bottom and
/// left to right. Text spanning rows is not found.
pub fn positions(screen: &vt100::Screen, text: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    if text.is_empty() {
        return found;
    }
    let (rows, cols) = dims(screen);
    for row in 0..rows {
        // The row's text with the column each byte starts in, so a byte offset maps to a cell.
        let mut line = String::new();
        let mut col_at = Vec::new();
        for col in 0..cols {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let s = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            col_at.extend(std::iter::repeat_n(col, s.len()));
            line.push_str(s);
        }
        found.extend(line.match_indices(text).map(|(i, _)| (row, col_at[i])));
    }
    found
}

/// The screen framed for a failure message, with row numbers so positions are easy to read.
fn dump(screen: &vt100::Screen) -> String {
    let (rows, cols) = dims(screen);
    let (cr, cc) = screen.cursor_position();
    let mut out = format!(
        "screen {cols}x{rows}, cursor at row {cr} col {cc}{}{}:\n",
        if screen.alternate_screen() {
            ", alternate screen"
        } else {
            ""
        },
        if screen.hide_cursor() {
            ", cursor hidden"
        } else {
            ""
        },
    );
    let _ = writeln!(out, "   +{}", "-".repeat(usize::from(cols)));
    for (i, line) in screen.rows(0, cols).enumerate() {
        let _ = writeln!(out, "{i:>3}|{}", line.trim_end());
    }
    let _ = write!(out, "   +{}", "-".repeat(usize::from(cols)));
    out
}

/// Each `ESC [ ? n ; m … h|l` in order, one entry per mode number, `true` for set.
fn private_modes(raw: &[u8]) -> Vec<(u16, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = find_bytes(&raw[i..], b"\x1b[?") {
        let start = i + p + 3;
        let mut j = start;
        while j < raw.len() && (raw[j].is_ascii_digit() || raw[j] == b';') {
            j += 1;
        }
        if j < raw.len() && (raw[j] == b'h' || raw[j] == b'l') {
            for n in raw[start..j].split(|&b| b == b';') {
                if let Some(n) = std::str::from_utf8(n).ok().and_then(|s| s.parse().ok()) {
                    out.push((n, raw[j] == b'h'));
                }
            }
        }
        i = j;
    }
    out
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where the last `ESC [ <lead> digits u` starts (kitty keyboard flags push `>` / pop `<`).
fn last_kitty(raw: &[u8], lead: u8) -> Option<usize> {
    let mut last = None;
    let mut i = 0;
    while let Some(p) = find_bytes(&raw[i..], &[0x1b, b'[', lead]) {
        let start = i + p;
        let mut j = start + 3;
        while j < raw.len() && raw[j].is_ascii_digit() {
            j += 1;
        }
        if j < raw.len() && raw[j] == b'u' {
            last = Some(start);
        }
        i = j;
    }
    last
}

pub fn terminal_left_clean(raw: &[u8]) -> Result<(), String> {
    const ON_MODES: &[(u16, &str)] = &[
        (1049, "the alternate screen"),
        (1047, "the alternate screen"),
        (47, "the alternate screen"),
        (1000, "mouse click reporting"),
        (1002, "mouse drag reporting"),
        (1003, "mouse motion reporting"),
        (1005, "UTF-8 mouse encoding"),
        (1006, "SGR mouse encoding"),
        (1015, "urxvt mouse encoding"),
        (1004, "focus reporting"),
        (2004, "bracketed paste"),
    ];
    let modes = private_modes(raw);
    let last = |mode: u16| {
        modes
            .iter()
            .rev()
            .find(|(m, _)| *m == mode)
            .map(|&(_, on)| on)
    };
    let mut problems = Vec::new();
    for &(mode, name) in ON_MODES {
        if last(mode) == Some(true) {
            problems.push(format!(
                "left {name} on (ESC[?{mode}h, never ESC[?{mode}l after)"
            ));
        }
    }
    if last(25) == Some(false) {
        problems.push("left the cursor hidden (ESC[?25l, never ESC[?25h after)".to_string());
    }
    if let Some(push) = last_kitty(raw, b'>') {
        if last_kitty(raw, b'<').is_none_or(|pop| pop < push) {
            problems
                .push("left keyboard enhancement flags pushed (ESC[>…u, no ESC[<…u after)".into());
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "terminal not restored:\n  {}\nlast 200 bytes of output: {:?}",
            problems.join("\n  "),
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        ))
    }
}

/// A throwaway home for the program: HOME and the XDG folders all inside one temp dir, so tests
/// never read or write a developer's config, bookmarks or state.
pub struct TempHome {
    dir: tempfile::TempDir,
    vars: Vec<(&'static str, String)>,
}

impl Default for TempHome {
    fn default() -> Self {
        TempHome::new()
    }
}

impl TempHome {
    pub fn new() -> TempHome {
        let dir = tempfile::tempdir().expect("cannot create a temp dir");
        let sub = |name: &str| -> String {
            let p: PathBuf = dir.path().join(name);
            std::fs::create_dir_all(&p).expect("cannot create a temp subdir");
            p.to_str().expect("temp path is not UTF-8").to_string()
        };
        let vars = vec![
            ("HOME", sub("home")),
            ("XDG_CONFIG_HOME", sub("config")),
            ("XDG_STATE_HOME", sub("state")),
            ("XDG_DATA_HOME", sub("data")),
            ("XDG_CACHE_HOME", sub("cache")),
        ];
        TempHome { dir, vars }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The variables for [`Term::spawn`]; extend the Vec for more.
    pub fn env(&self) -> Vec<(&str, &str)> {
        self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
}

/// vt100 sizes are non-zero; a 0 from a caller means "as small as it gets".
fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("at least 1")
}

/// (rows, cols) of a screen as plain numbers.
pub fn dims(screen: &vt100::Screen) -> (u16, u16) {
    let (r, c) = screen.size();
    (r.get(), c.get())
}
