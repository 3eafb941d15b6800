//! The terminal session: raw mode and alternate screen in, always restored out (on quit, on
//! error and on panic), and the event loop, which translates crossterm's events into the
//! app's own. No timers: one thread reads the terminal's events and sends them down the
//! channel that workers wake the loop on, and the loop blocks on that channel, so a reader is
//! idle until a key, a resize or a worker's message arrives.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

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

/// Puts the terminal back as it was; safe to call more than once.
pub fn restore() {
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

/// Restores the terminal when dropped, so an early `?` return cannot leave it raw.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first: a panic message printed into the alternate screen would vanish. Only
        // for the UI thread: a worker's panic must not pull the screen from under a running
        // reader (its failure reaches the reader through the worker's channel instead).
        if std::thread::current().id() == ui_thread {
            restore();
        }
        previous(info);
    }));
}

/// Runs the reader until the user quits; saves the reading position on the way out.
pub fn run(mut app: App, styles: Styles) -> Result<()> {
    if !crossterm::tty::IsTty::is_tty(&io::stdout()) {
        anyhow::bail!(
            "the reader needs a terminal; for scripts use `tigang list`, `show` or `outline`"
        );
    }
    install_panic_hook();
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let _guard = Guard;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if app.mouse {
        execute!(out, EnableMouseCapture)?;
    }
    // crossterm installs its SIGWINCH handler with the first event query; doing that before
    // reading the size means a resize during start-up is never lost.
    event::poll(std::time::Duration::ZERO)?;
    let result = event_loop(&mut app, &styles, out);
    restore();
    // Saved even when the loop failed: a terminal error must not cost the reading position.
    if let Err(e) = app.save_state() {
        eprintln!("tigang: could not save the reading position: {e}");
    }
    result
}

/// What wakes the event loop.
enum Wake {
    Terminal(Event),
    /// Reading the terminal failed; the reader cannot go on.
    TerminalError(io::Error),
    /// A worker reported: drain its channel.
    Worker,
}

/// Starts the thread that reads the terminal's events, and gives the app a waker on the same
/// channel for its workers.
fn wake_channel(app: &mut App) -> Receiver<Wake> {
    let (tx, rx) = mpsc::channel();
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
    rx
}

fn event_loop(app: &mut App, styles: &Styles, out: io::Stdout) -> Result<()> {
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    let size = term.size()?;
    app.resize(size.width, size.height);
    let wakes = wake_channel(app);
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
                Wake::Terminal(e) => handle_event(app, &mut term, e)?,
                Wake::TerminalError(e) => return Err(e).context("reading terminal events"),
                Wake::Worker => {}
            }
            if app.quit {
                return Ok(());
            }
            match wakes.try_recv() {
                Ok(w) => wake = w,
                Err(_) => break,
            }
        }
        app.poll_search();
        app.poll_loader();
        if app.quit {
            return Ok(());
        }
    }
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
