//! The terminal session: raw mode and alternate screen in, always restored out (on quit, on
//! error, on panic, on SIGTERM/SIGHUP/SIGINT/SIGQUIT and when the terminal goes away), and
//! restored exactly once, so a message printed after it stays on the screen. `Ctrl-z` and
//! SIGTSTP suspend (the terminal restored); `fg` re-enters and redraws.
//!
//! The event loop translates crossterm's events into the app's own. No timers: one thread
//! reads the terminal's events, one waits for signals, one for the terminal to hang up, and
//! all send down the channel that workers wake the loop on; the loop blocks on that channel,
//! so a reader is idle until a key, a resize, a signal or a worker's message arrives.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::app::App;
use crate::config::keys;
use crate::ui::{self, theme::Styles};

/// Whether the terminal is in raw mode on the alternate screen (ours to restore).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was. Only the first call after entering does anything: a
/// second `LeaveAlternateScreen` would move the cursor back over what was printed since.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = io::stdout().flush();
}

/// Raw mode, alternate screen, bracketed paste, hidden cursor and (if wanted) the mouse.
fn enter(mouse: bool) -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Restores the terminal when dropped, so an early `?` return cannot leave it raw.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Panic messages of worker threads while the reader runs: printed once the terminal is
/// restored, since printed at once they would land on the reader's screen.
static WORKER_PANICS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Whether worker panics are kept for the exit: from before the first worker starts (see
/// [`capture_worker_panics`]) until the terminal is restored.
static CAPTURING: AtomicBool = AtomicBool::new(false);

/// Keeps worker threads' panic messages from here until the reader ends, printing them
/// after the terminal is restored. Called on the UI thread before the reader's workers
/// start: a file that panics the parser can do so before the terminal is entered, and its
/// message would otherwise be printed into the screen the reader is about to draw.
pub fn capture_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(install_panic_hook);
    CAPTURING.store(true, Ordering::SeqCst);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first: a panic message printed into the alternate screen would vanish. Only
        // for the UI thread: a worker's panic must not pull the screen from under a running
        // reader (its failure reaches the reader through the worker's channel instead, or,
        // for one file's parse, as a skipped file).
        if std::thread::current().id() == ui_thread {
            restore();
        } else if CAPTURING.load(Ordering::SeqCst) {
            if let Ok(mut pending) = WORKER_PANICS.lock() {
                pending.push(info.to_string());
                return;
            }
        }
        previous(info);
    }));
}

/// Prints the worker panics kept while the terminal was the reader's.
fn print_worker_panics() {
    let pending = WORKER_PANICS
        .lock()
        .map(|mut p| std::mem::take(&mut *p))
        .unwrap_or_default();
    for message in pending {
        let message = crate::text::escape::escape_text(&message, false);
        let _ = writeln!(io::stderr(), "tigang: a worker thread {message}");
    }
}

/// Runs the reader until the user quits, a signal ends it or the terminal goes away; saves
/// the reading position on the way out. Returns the exit status: 0, or 128 + the signal.
pub fn run(mut app: App, styles: Styles) -> Result<i32> {
    if !crossterm::tty::IsTty::is_tty(&io::stdout()) {
        CAPTURING.store(false, Ordering::SeqCst);
        print_worker_panics();
        anyhow::bail!(
            "the reader needs a terminal; for scripts use `tigang list`, `show` or `outline`"
        );
    }
    capture_worker_panics();
    // Before entering: a signal arriving from here on is handled, not fatal with the
    // terminal raw.
    let (tx, wakes) = mpsc::channel();
    let signals = watch_signals(tx.clone()).context("cannot handle signals")?;
    let _guard = Guard;
    enter(app.mouse)?;
    // crossterm installs its SIGWINCH handler with the first event query; doing that before
    // reading the size means a resize during start-up is never lost.
    event::poll(std::time::Duration::ZERO)?;
    // Asked now, while the terminal is there: once it has hung up, `isatty` fails too.
    let stdin_is_tty = crossterm::tty::IsTty::is_tty(&io::stdin());
    watch_hang_up(tx.clone(), stdin_is_tty);
    let result = match event_loop(&mut app, &styles, io::stdout(), tx, wakes) {
        // Drawing into a terminal that just went away fails: that is the hang-up, not an error.
        Err(_) if stdin_is_tty && hung_up() => Ok(End::Signal(SIGHUP)),
        other => other,
    };
    signals.close();
    // Once, before anything is printed (see `restore`).
    restore();
    CAPTURING.store(false, Ordering::SeqCst);
    print_worker_panics();
    // Saved even when the loop failed: a terminal error must not cost the reading position.
    if let Err(e) = app.save_state() {
        let e = crate::text::escape::escape_text(&e, false);
        // Not eprintln: with the terminal gone, stderr fails, and that must not panic.
        let _ = writeln!(
            io::stderr(),
            "tigang: could not save the reading position: {e}"
        );
    }
    result.map(|end| match end {
        End::Quit => 0,
        End::Signal(n) => 128 + n,
    })
}

/// How the event loop ended.
enum End {
    Quit,
    /// Ended by this signal (SIGHUP too when the terminal went away without one).
    Signal(i32),
}

/// What wakes the event loop.
enum Wake {
    Terminal(Event),
    /// Reading the terminal failed; the reader cannot go on.
    TerminalError(io::Error),
    /// A worker reported: drain its channel.
    Worker,
    Signal(i32),
    /// The terminal is gone (hung up without a signal reaching us).
    HangUp,
}

/// Turns the signals that end, suspend or resume a terminal program into wakes.
fn watch_signals(tx: Sender<Wake>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(Wake::Signal(signal)).is_err() {
                break;
            }
        }
    });
    Ok(handle)
}

/// When the terminal hangs up, crossterm's reader spins on the end of its input instead of
/// failing (crossterm issue #793), and no SIGHUP need come (we may not lead the session).
/// This thread waits for the hang-up itself: a `poll` asking for no event returns only on
/// POLLHUP or an error.
fn watch_hang_up(tx: Sender<Wake>, stdin_is_tty: bool) {
    std::thread::spawn(move || {
        use rustix::event::{poll, PollFd, PollFlags};
        // What crossterm reads: stdin when it is the terminal, else /dev/tty.
        let stdin = io::stdin();
        let tty = match stdin_is_tty {
            true => None,
            false => match std::fs::File::open("/dev/tty") {
                Ok(f) => Some(f),
                // No terminal to watch (crossterm cannot read one either).
                Err(_) => return,
            },
        };
        loop {
            let mut fds = match &tty {
                Some(f) => [PollFd::new(f, PollFlags::empty())],
                None => [PollFd::new(&stdin, PollFlags::empty())],
            };
            match poll(&mut fds, None) {
                Ok(_) if fds[0].revents().is_empty() => continue,
                Err(rustix::io::Errno::INTR) => continue,
                // Hung up or broken: the reader cannot go on.
                _ => {
                    let _ = tx.send(Wake::HangUp);
                    break;
                }
            }
        }
    });
}

/// Whether stdin, the terminal, has hung up, looked at without waiting. Not `isatty` first:
/// a hung-up terminal fails that, which made a draw that raced the hang-up an error.
fn hung_up() -> bool {
    use rustix::event::{poll, PollFd, PollFlags};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0)
}

/// `Ctrl-z` or SIGTSTP: the terminal restored, the process stopped; on `fg`, back in.
fn suspend(app: &App, term: &mut Terminal<CrosstermBackend<io::Stdout>>) -> Result<()> {
    restore();
    // SIGSTOP cannot be caught: the process stops here until SIGCONT.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enter(app.mouse)?;
    redraw_all(term)
}

/// Draws everything on the next frame, not a diff: the shell drew over the screen. (Not
/// `clear`, which asks the terminal where its cursor is: the event thread would take the
/// answer.)
fn redraw_all(term: &mut Terminal<CrosstermBackend<io::Stdout>>) -> Result<()> {
    let (w, h) = terminal::size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
    Ok(())
}

/// Starts the thread that reads the terminal's events, and gives the app a waker on the same
/// channel for its workers.
fn start_terminal_reader(app: &mut App, tx: Sender<Wake>) {
    let worker_tx = tx.clone();
    app.set_waker(Arc::new(move || {
        let _ = worker_tx.send(Wake::Worker);
    }));
    // Never joined: it sits in `event::read` until the process exits.
    std::thread::spawn(move || loop {
        let wake = match event::read() {
            Ok(e) => Wake::Terminal(e),
            Err(e) => Wake::TerminalError(e),
        };
        let failed = matches!(wake, Wake::TerminalError(_));
        if tx.send(wake).is_err() || failed {
            break;
        }
    });
}

fn event_loop(
    app: &mut App,
    styles: &Styles,
    out: io::Stdout,
    tx: Sender<Wake>,
    wakes: Receiver<Wake>,
) -> Result<End> {
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    let result = run_loop(app, styles, &mut term, tx, wakes);
    // ratatui's drop shows the cursor and, should that fail (the terminal is gone), says so
    // with `eprintln!`, which panics when stderr is that same dead terminal. `restore`
    // shows the cursor anyway.
    if term.show_cursor().is_err() {
        std::mem::forget(term);
    }
    result
}

fn run_loop(
    app: &mut App,
    styles: &Styles,
    term: &mut Terminal<CrosstermBackend<io::Stdout>>,
    tx: Sender<Wake>,
    wakes: Receiver<Wake>,
) -> Result<End> {
    let size = term.size()?;
    app.resize(size.width, size.height);
    start_terminal_reader(app, tx);
    // Whatever the workers sent before the waker was set (the first load starts earlier).
    app.poll_search();
    app.poll_loader();
    // Lets the end-to-end tests prove the panic path restores the terminal.
    let panic_for_test = std::env::var_os("TIGANG_TEST_PANIC").is_some();
    loop {
        // The size the frame will have: a resize may not have reached us as an event yet.
        let size = term.size()?;
        if app.size != (size.width, size.height) {
            app.resize(size.width, size.height);
        }
        term.draw(|f| ui::draw(f, app, styles))?;
        if panic_for_test {
            panic!("TIGANG_TEST_PANIC is set: panicking after the first frame");
        }
        if let Some(text) = app.clipboard.take() {
            let out = term.backend_mut();
            out.write_all(crate::app::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        // Idle until something happens; then take everything already queued before drawing
        // again, so a burst of keys or worker messages costs one frame.
        let mut wake = wakes.recv().context("the terminal event reader stopped")?;
        loop {
            match wake {
                Wake::Terminal(e) if is_suspend_key(&e) => suspend(app, term)?,
                Wake::Terminal(e) => handle_event(app, term, e)?,
                Wake::TerminalError(e) => return Err(e).context("reading terminal events"),
                Wake::Worker => {}
                Wake::Signal(SIGTSTP) => suspend(app, term)?,
                // Resumed after a stop we did not ask for (SIGSTOP): redraw whatever is there.
                Wake::Signal(SIGCONT) => redraw_all(term)?,
                Wake::Signal(n) => return Ok(End::Signal(n)),
                Wake::HangUp => return Ok(End::Signal(SIGHUP)),
            }
            if app.quit {
                return Ok(End::Quit);
            }
            if std::mem::take(&mut app.redraw) {
                redraw_all(term)?;
            }
            match wakes.try_recv() {
                Ok(w) => wake = w,
                Err(_) => break,
            }
        }
        app.poll_search();
        app.poll_loader();
        if app.quit {
            return Ok(End::Quit);
        }
    }
}

/// `Ctrl-z`, which raw mode delivers as a key instead of SIGTSTP.
fn is_suspend_key(e: &Event) -> bool {
    matches!(e, Event::Key(k) if k.kind != KeyEventKind::Release
        && k.code == event::KeyCode::Char('z')
        && k.modifiers == event::KeyModifiers::CONTROL)
}

fn handle_event(
    app: &mut App,
    term: &mut Terminal<CrosstermBackend<io::Stdout>>,
    e: Event,
) -> Result<()> {
    match e {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.handle_key(key_event(k)),
        Event::Mouse(m) => app.mouse(mouse_event(m)),
        Event::Resize(w, h) => {
            // Terminals drop or reflow content on resize, and a quick shrink-and-grow may
            // never be seen as a size change: redraw everything rather than a diff.
            // (`resize` clears like `clear` without asking the terminal where its cursor is:
            // the event thread is reading the input that answer would arrive on.)
            term.resize(ratatui::layout::Rect::new(0, 0, w, h))?;
            app.resize(w, h);
        }
        Event::Paste(s) => app.paste(&s),
        _ => {}
    }
    Ok(())
}

/// crossterm's key event as the app's own.
fn key_event(k: event::KeyEvent) -> keys::KeyEvent {
    use event::KeyCode as C;
    let code = match k.code {
        C::Backspace => keys::KeyCode::Backspace,
        C::Enter => keys::KeyCode::Enter,
        C::Left => keys::KeyCode::Left,
        C::Right => keys::KeyCode::Right,
        C::Up => keys::KeyCode::Up,
        C::Down => keys::KeyCode::Down,
        C::Home => keys::KeyCode::Home,
        C::End => keys::KeyCode::End,
        C::PageUp => keys::KeyCode::PageUp,
        C::PageDown => keys::KeyCode::PageDown,
        C::Tab => keys::KeyCode::Tab,
        C::BackTab => keys::KeyCode::BackTab,
        C::Delete => keys::KeyCode::Delete,
        C::Insert => keys::KeyCode::Insert,
        C::F(n) => keys::KeyCode::F(n),
        C::Char(c) => keys::KeyCode::Char(c),
        C::Esc => keys::KeyCode::Esc,
        _ => keys::KeyCode::Other,
    };
    use event::KeyModifiers as M;
    let mut modifiers = keys::KeyModifiers::NONE;
    for (theirs, ours) in [
        (M::SHIFT, keys::KeyModifiers::SHIFT),
        (M::CONTROL, keys::KeyModifiers::CONTROL),
        (M::ALT, keys::KeyModifiers::ALT),
        (M::SUPER, keys::KeyModifiers::SUPER),
        (M::HYPER, keys::KeyModifiers::HYPER),
        (M::META, keys::KeyModifiers::META),
    ] {
        if k.modifiers.contains(theirs) {
            modifiers |= ours;
        }
    }
    let kind = match k.kind {
        KeyEventKind::Press => keys::KeyEventKind::Press,
        KeyEventKind::Repeat => keys::KeyEventKind::Repeat,
        KeyEventKind::Release => keys::KeyEventKind::Release,
    };
    keys::KeyEvent {
        code,
        modifiers,
        kind,
    }
}

/// crossterm's mouse event as the app's own.
fn mouse_event(m: event::MouseEvent) -> keys::MouseEvent {
    use event::MouseEventKind as K;
    let button = |b: event::MouseButton| match b {
        event::MouseButton::Left => keys::MouseButton::Left,
        event::MouseButton::Right => keys::MouseButton::Right,
        event::MouseButton::Middle => keys::MouseButton::Middle,
    };
    let kind = match m.kind {
        K::Down(b) => keys::MouseEventKind::Down(button(b)),
        K::Up(b) => keys::MouseEventKind::Up(button(b)),
        K::Drag(b) => keys::MouseEventKind::Drag(button(b)),
        K::Moved => keys::MouseEventKind::Moved,
        K::ScrollDown => keys::MouseEventKind::ScrollDown,
        K::ScrollUp => keys::MouseEventKind::ScrollUp,
        K::ScrollLeft => keys::MouseEventKind::ScrollLeft,
        K::ScrollRight => keys::MouseEventKind::ScrollRight,
    };
    keys::MouseEvent {
        kind,
        column: m.column,
        row: m.row,
    }
}
